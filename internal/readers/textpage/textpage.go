// Package textpage reads a plain-text capture of a documentation page (tabbed HTML flattened to
// text) into the neutral document model.
//
// Plain text has lost its markup, so the reader recovers structure from shape:
//
//   - a short line standing alone between blank lines is a heading (Level 0: shape only);
//   - lines starting with "•" or "N." are list items, nested by indentation;
//   - a line matching Options.TabLabel ("Version 2") opens a tab; consecutive tabs form a tab
//     group that ends at the next heading. A second table inside one tab means the capture lost a
//     tab label: the reader opens an unlabeled tab there (Label ""), so consumers can number tabs
//     by order and report the gap;
//   - a table starts at a header line (possibly wrapped over several lines, possibly with its
//     column titles glued together) that matches one of Options.Layouts, and ends at a blank line
//     or at the next header. Because cells may be glued with no separator and rows may wrap onto
//     following lines, splitting a row into cells is the layout's job (RowSplitter): the layout
//     knows what its columns look like, the reader knows only lines.
//
// U+00A0 (no-break space) is read as a plain space; every other character is kept as captured.
package textpage

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hookspec/hookspec/internal/docmodel"
)

// RowSplitter knows the shape of one table layout's rows.
type RowSplitter interface {
	// StartsRow reports whether line can begin a new row.
	StartsRow(line string) bool
	// Complete reports whether the row text gathered so far holds every mandatory cell, so that
	// the next line may begin a new row instead of continuing this one.
	Complete(text string, glued bool) bool
	// Split splits one row's text (its lines joined with "\n") into exactly one cell per column.
	// glued is true when the table's header had its titles glued together, which means the row's
	// cells are glued too.
	Split(text string, glued bool) ([]string, error)
}

// TableLayout is one kind of table the page may hold.
type TableLayout struct {
	// Columns are the column titles as the header prints them.
	Columns []string
	Rows    RowSplitter
}

// Options tell the reader what the page's tables and tabs look like.
type Options struct {
	Layouts []TableLayout
	// TabLabel matches a tab label at the start of a line (for example `^(Version \d+)$`). When
	// it has a capture group, the group is the label; text after the label on the same line
	// becomes the tab's first paragraph.
	TabLabel *regexp.Regexp
	// NotHeading matches lines that are never headings even when they stand alone, such as
	// "Supported Formats: URL Encoded" labels inside a tab.
	NotHeading *regexp.Regexp
}

// Error is a problem at a line of the capture.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// maxHeaderLines is how many lines a wrapped table header may span.
const maxHeaderLines = 4

// maxHeadingLen is the longest line that may be read as a heading.
const maxHeadingLen = 80

// Read parses a text capture.
func Read(file string, data []byte, opts Options) (*docmodel.Document, error) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, &Error{File: file, Line: 1, Msg: "the capture is empty"}
	}
	if !utf8.Valid(data) {
		return nil, &Error{File: file, Line: 1, Msg: "the capture is not valid UTF-8"}
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\u00a0", " ")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	r := &reader{file: file, lines: lines, opts: opts}
	if err := r.run(); err != nil {
		return nil, err
	}
	doc := &docmodel.Document{File: file, Blocks: r.out}
	for _, b := range doc.Blocks {
		if h, ok := b.(*docmodel.Heading); ok {
			doc.Title = h.Text
			break
		}
	}
	return doc, nil
}

type reader struct {
	file  string
	lines []string
	opts  Options

	out []docmodel.Block
	// group is the tab group being filled, nil outside one.
	group *docmodel.TabGroup
}

func (r *reader) blank(i int) bool {
	return i < 0 || i >= len(r.lines) || strings.TrimSpace(r.lines[i]) == ""
}

// emit appends a block to the current tab, or to the document outside tab groups.
func (r *reader) emit(b docmodel.Block) {
	if r.group != nil {
		tab := &r.group.Tabs[len(r.group.Tabs)-1]
		if _, isTable := b.(*docmodel.Table); isTable {
			if last := lastTable(tab.Blocks); last >= 0 {
				// A second table in one tab: the capture lost the next tab's label. What follows
				// the first table belongs to the new tab.
				moved := append([]docmodel.Block(nil), tab.Blocks[last+1:]...)
				tab.Blocks = tab.Blocks[:last+1]
				line := b.Pos()
				if len(moved) > 0 {
					line = moved[0].Pos()
				}
				r.group.Tabs = append(r.group.Tabs, docmodel.Tab{Line: line, Blocks: append(moved, b)})
				return
			}
		}
		tab.Blocks = append(tab.Blocks, b)
		return
	}
	r.out = append(r.out, b)
}

func lastTable(blocks []docmodel.Block) int {
	for i := len(blocks) - 1; i >= 0; i-- {
		if _, ok := blocks[i].(*docmodel.Table); ok {
			return i
		}
	}
	return -1
}

func (r *reader) closeGroup() {
	if r.group != nil {
		r.out = append(r.out, r.group)
		r.group = nil
	}
}

func (r *reader) run() error {
	i := 0
	for i < len(r.lines) {
		line := r.lines[i]
		if strings.TrimSpace(line) == "" {
			i++
			continue
		}
		if layout, n, glued := r.matchHeader(i); layout != nil {
			next, err := r.readTable(i, layout, n, glued)
			if err != nil {
				return err
			}
			i = next
			continue
		}
		trimmed := strings.TrimSpace(line)
		if r.opts.TabLabel != nil {
			if label, rest, ok := r.tabLabel(trimmed); ok {
				if r.group == nil {
					r.group = &docmodel.TabGroup{Line: i + 1}
				}
				r.group.Tabs = append(r.group.Tabs, docmodel.Tab{Label: label, Line: i + 1})
				if rest != "" {
					r.emit(&docmodel.Paragraph{Text: rest, Line: i + 1})
				}
				i++
				continue
			}
		}
		if isListItem(line) {
			i = r.readList(i)
			continue
		}
		if r.isHeading(i) {
			r.closeGroup()
			r.emit(&docmodel.Heading{Text: trimmed, Line: i + 1})
			i++
			continue
		}
		i = r.readParagraph(i)
	}
	r.closeGroup()
	return nil
}

// tabLabel reports whether line opens a tab, with the label and the rest of the line.
func (r *reader) tabLabel(line string) (label, rest string, ok bool) {
	if r.opts.TabLabel == nil {
		return "", "", false
	}
	m := r.opts.TabLabel.FindStringSubmatchIndex(line)
	if m == nil || m[0] != 0 {
		return "", "", false
	}
	start, end := m[0], m[1]
	if len(m) >= 4 && m[2] >= 0 {
		start, end = m[2], m[3]
	}
	return strings.TrimSpace(line[start:end]), strings.TrimSpace(line[end:]), true
}

// isHeading reports whether line i stands alone between blank lines, is short, and does not read
// like a sentence or a label.
func (r *reader) isHeading(i int) bool {
	t := strings.TrimSpace(r.lines[i])
	if !r.blank(i-1) || !r.blank(i+1) || utf8.RuneCountInString(t) > maxHeadingLen {
		return false
	}
	if r.opts.NotHeading != nil && r.opts.NotHeading.MatchString(t) {
		return false
	}
	switch t[len(t)-1] {
	case '.', ':', ',', ';', '!', '?', '"', ')', '-':
		// "RenewalSuccess (Rebill)" ends in ')' but is a heading: allow a closing parenthesis
		// when the line starts with a capital and holds no sentence punctuation.
		if t[len(t)-1] == ')' && !strings.ContainsAny(t, ".:;") {
			break
		}
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(first)
}

func (r *reader) readParagraph(i int) int {
	start := i
	var parts []string
	for i < len(r.lines) && !r.blank(i) {
		if i > start {
			if l, _, _ := r.matchHeader(i); l != nil {
				break
			}
			if isListItem(r.lines[i]) {
				break
			}
			if _, _, ok := r.tabLabel(strings.TrimSpace(r.lines[i])); ok {
				break
			}
		}
		parts = append(parts, strings.TrimSpace(r.lines[i]))
		i++
	}
	r.emit(&docmodel.Paragraph{Text: strings.Join(parts, "\n"), Line: start + 1})
	return i
}

var listMarker = regexp.MustCompile(`^(\s*)(•|\d+\.)\s+`)

func isListItem(line string) bool { return listMarker.MatchString(line) }

// readList reads consecutive list items; indentation gives nesting.
func (r *reader) readList(i int) int {
	start := i
	m := listMarker.FindStringSubmatch(r.lines[i])
	list := &docmodel.List{Ordered: m[2] != "•", Line: i + 1}
	type frame struct {
		indent int
		items  *[]docmodel.ListItem
	}
	stack := []frame{{indent: len(m[1]), items: &list.Items}}
	for i < len(r.lines) && isListItem(r.lines[i]) {
		m := listMarker.FindStringSubmatch(r.lines[i])
		indent := len(m[1])
		text := strings.TrimSpace(r.lines[i][len(m[0]):])
		for len(stack) > 1 && indent < stack[len(stack)-1].indent {
			stack = stack[:len(stack)-1]
		}
		top := stack[len(stack)-1]
		if indent > top.indent && len(*top.items) > 0 {
			parent := &(*top.items)[len(*top.items)-1]
			stack = append(stack, frame{indent: indent, items: &parent.Children})
			top = stack[len(stack)-1]
		}
		*top.items = append(*top.items, docmodel.ListItem{Text: text})
		i++
	}
	_ = start
	r.emit(list)
	return i
}

// matchHeader reports whether a table header starts at line i: the next 1..maxHeaderLines lines,
// with all white space removed, equal a layout's column titles with all white space removed.
// glued is true when a line of the header holds two titles with nothing between them.
func (r *reader) matchHeader(i int) (layout *TableLayout, lines int, glued bool) {
	for li := range r.opts.Layouts {
		l := &r.opts.Layouts[li]
		want := squash(strings.Join(l.Columns, ""))
		got := ""
		for n := 1; n <= maxHeaderLines && i+n-1 < len(r.lines); n++ {
			got += squash(r.lines[i+n-1])
			if !strings.HasPrefix(want, got) {
				break
			}
			if got == want {
				return l, n, headerGlued(r.lines[i:i+n], l.Columns)
			}
		}
	}
	return nil, 0, false
}

// headerGlued reports whether any two adjacent column titles touch with no space between them.
func headerGlued(lines []string, columns []string) bool {
	joined := strings.Join(lines, "\n")
	for k := 0; k+1 < len(columns); k++ {
		a := lastWord(columns[k])
		b := firstWord(columns[k+1])
		if strings.Contains(joined, a+b) {
			return true
		}
	}
	return false
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

func firstWord(s string) string { return strings.Fields(s)[0] }

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// readTable reads a table whose header spans lines [i, i+n).
func (r *reader) readTable(i int, layout *TableLayout, n int, glued bool) (int, error) {
	header := make([]string, len(layout.Columns))
	copy(header, layout.Columns)
	table := &docmodel.Table{Header: header, Line: i + 1}
	i += n
	var cur []string
	curLine := 0
	flush := func() error {
		if cur == nil {
			return nil
		}
		text := strings.Join(cur, "\n")
		cells, err := layout.Rows.Split(text, glued)
		if err != nil {
			return &Error{File: r.file, Line: curLine, Msg: fmt.Sprintf("table row %q: %v", firstLine(text), err)}
		}
		if len(cells) != len(header) {
			return &Error{File: r.file, Line: curLine, Msg: fmt.Sprintf("table row %q: %d cells, the header %q has %d", firstLine(text), len(cells), strings.Join(header, " | "), len(header))}
		}
		table.Rows = append(table.Rows, docmodel.TableRow{Cells: cells, Line: curLine})
		cur = nil
		return nil
	}
	for i < len(r.lines) && !r.blank(i) {
		if l, _, _ := r.matchHeader(i); l != nil {
			break
		}
		line := strings.TrimSpace(r.lines[i])
		if cur == nil {
			if !layout.Rows.StartsRow(line) {
				return 0, &Error{File: r.file, Line: i + 1, Msg: fmt.Sprintf("table %q: line %q does not start a row", strings.Join(header, " | "), line)}
			}
			cur, curLine = []string{line}, i+1
		} else if layout.Rows.Complete(strings.Join(cur, "\n"), glued) && layout.Rows.StartsRow(line) {
			if err := flush(); err != nil {
				return 0, err
			}
			cur, curLine = []string{line}, i+1
		} else {
			cur = append(cur, line)
		}
		i++
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if len(table.Rows) == 0 {
		return 0, &Error{File: r.file, Line: table.Line, Msg: fmt.Sprintf("table %q has no rows", strings.Join(header, " | "))}
	}
	r.emit(table)
	return i, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
