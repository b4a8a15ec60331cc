// Package htmlpage reads documentation pages published as HTML (a saved page, or the HTML that a
// WordPress REST API serves in content.rendered) into the neutral document model. It is the
// HTML twin of textpage: both produce the same blocks, so a vendor's spec builder does not care
// which capture it is given. It knows nothing of any vendor and nothing of code generation.
//
// Where textpage has to guess structure from the shape of lines, HTML states it, so this reader
// needs no options: it keeps what a spec builder needs (headings, paragraphs with their links,
// lists, tables, preformatted samples and tab groups) and drops page chrome (scripts,
// navigation, site headers and footers, images, forms). Tab groups are recognised in the shapes
// WordPress documentation sites use: ARIA tablists, Kadence tabs and Ultimate Blocks tabbed
// content. HTML has no useful line numbers, so every block's Line is 0.
//
// U+00A0 (no-break space) is read as a plain space and zero-width characters are dropped, in
// all text; every other character (U+2010 hyphens included) is kept as published, because which
// ones are errors is the spec builder's call.
package htmlpage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/hookspec/hookspec/internal/docmodel"
)

// Error is a page the reader cannot use. It has no line, unlike textpage's: WordPress JSON holds
// the whole page on one line, and a position in re-parsed HTML would point nowhere useful, so it
// names the file and what was expected.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// wpPost is the part of a WordPress REST API post or page the reader uses.
type wpPost struct {
	Link     string `json:"link"`
	Modified string `json:"modified"`
	Title    struct {
		Rendered string `json:"rendered"`
	} `json:"title"`
	Content struct {
		// A pointer tells a post without content from a post whose content is "".
		Rendered *string `json:"rendered"`
	} `json:"content"`
}

var dateRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[T ]|$)`)

// ReadWordPressJSON reads a page as the WordPress REST API serves it: one post object (or an array
// holding exactly one, as /wp/v2/posts?slug=... returns). Title, link and the modified date come
// from the JSON; the blocks from content.rendered.
func ReadWordPressJSON(file string, data []byte) (*docmodel.Document, error) {
	fail := func(format string, args ...any) (*docmodel.Document, error) {
		return nil, &Error{File: file, Msg: fmt.Sprintf(format, args...)}
	}
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var posts []json.RawMessage
		if err := json.Unmarshal(data, &posts); err != nil {
			return fail("invalid WordPress JSON: %v", err)
		}
		if len(posts) != 1 {
			return fail("expected one WordPress post, found an array of %d", len(posts))
		}
		data = posts[0]
	}
	var post wpPost
	if err := json.Unmarshal(data, &post); err != nil {
		return fail("invalid WordPress JSON: %v", err)
	}
	if post.Content.Rendered == nil {
		return fail("expected a WordPress post with content.rendered")
	}
	if strings.TrimSpace(*post.Content.Rendered) == "" {
		return fail("content.rendered is empty")
	}
	root, err := xhtml.Parse(strings.NewReader(*post.Content.Rendered))
	if err != nil {
		return fail("content.rendered: %v", err)
	}
	doc := &docmodel.Document{File: file, URL: strings.TrimSpace(post.Link), Title: cleanInline(stripTags(post.Title.Rendered))}
	if m := dateRe.FindStringSubmatch(strings.TrimSpace(post.Modified)); m != nil {
		doc.Modified = m[1]
	}
	if err := read(doc, root, goquery.NewDocumentFromNode(root).Find("body").Nodes); err != nil {
		return nil, err
	}
	return doc, nil
}

// ReadHTML reads a saved HTML page or fragment. The title comes from <title> (or the first
// <h1>), the URL from the canonical link (or og:url), the modified date from
// article:modified_time; the blocks from <main>, else <article>, else <body>.
func ReadHTML(file string, data []byte) (*docmodel.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: file, Msg: "the page is empty"}
	}
	root, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	page := goquery.NewDocumentFromNode(root)
	doc := &docmodel.Document{File: file}
	doc.Title = cleanInline(textOf(page.Find("head > title").First().Nodes...))
	if doc.Title == "" {
		doc.Title = cleanInline(textOf(page.Find("h1").First().Nodes...))
	}
	if u := strings.TrimSpace(page.Find(`link[rel~="canonical"]`).First().AttrOr("href", "")); u != "" {
		doc.URL = u
	} else {
		doc.URL = strings.TrimSpace(page.Find(`meta[property="og:url"]`).First().AttrOr("content", ""))
	}
	if m := dateRe.FindStringSubmatch(strings.TrimSpace(page.Find(`meta[property="article:modified_time"]`).First().AttrOr("content", ""))); m != nil {
		doc.Modified = m[1]
	}
	body := page.Find("main").First()
	if body.Length() == 0 {
		body = page.Find("article").First()
	}
	if body.Length() == 0 {
		body = page.Find("body")
	}
	if err := read(doc, root, body.Nodes); err != nil {
		return nil, err
	}
	return doc, nil
}

func read(doc *docmodel.Document, root *xhtml.Node, body []*xhtml.Node) error {
	pg := &page{file: doc.File, root: root, consumed: map[*xhtml.Node]bool{}}
	pg.findARIAPanels()
	r := &reader{pg: pg}
	for _, n := range body {
		r.container(n)
	}
	r.flush()
	if pg.err != nil {
		return pg.err
	}
	if len(r.out) == 0 {
		return &Error{File: doc.File, Msg: "no readable content: expected headings, paragraphs, lists, tables or code"}
	}
	doc.Blocks = r.out
	return nil
}

// page is what every reader of one page shares: tab panels are read once whichever group's
// reader gets to them, and tables and groups are numbered through the page for error messages.
type page struct {
	file     string
	root     *xhtml.Node
	ids      map[string]*xhtml.Node
	consumed map[*xhtml.Node]bool
	// panelOf maps each ARIA tab panel to its tab list, so that a panel met before its tab
	// list is read as part of its group rather than as loose content.
	panelOf map[*xhtml.Node]*xhtml.Node
	tables  int
	groups  int
	err     error
}

func (pg *page) fail(format string, args ...any) {
	if pg.err == nil {
		pg.err = &Error{File: pg.file, Msg: fmt.Sprintf(format, args...)}
	}
}

// byID finds an element by id; the index is built on first use because most pages have no
// ARIA tabs.
func (pg *page) byID(id string) *xhtml.Node {
	if pg.ids == nil {
		pg.ids = map[string]*xhtml.Node{}
		eachElement(pg.root, func(n *xhtml.Node) bool {
			if id := attr(n, "id"); id != "" && pg.ids[id] == nil {
				pg.ids[id] = n
			}
			return true
		})
	}
	return pg.ids[id]
}

func (pg *page) findARIAPanels() {
	pg.panelOf = map[*xhtml.Node]*xhtml.Node{}
	eachElement(pg.root, func(n *xhtml.Node) bool {
		if attr(n, "role") != "tablist" {
			return true
		}
		_, panels, _ := pg.ariaParts(n)
		for _, p := range panels {
			if pg.panelOf[p] == nil {
				pg.panelOf[p] = n
			}
		}
		return true
	})
}

// reader walks the DOM in document order and appends blocks to out. Inline content met at block
// level (text directly in a div) collects in run until the next block element.
type reader struct {
	pg  *page
	out []docmodel.Block
	run inlineText
}

// noText elements hold no readable text wherever they appear.
var noText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Svg: true, atom.Math: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Head: true, atom.Meta: true,
	atom.Link: true, atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Img: true,
	atom.Picture: true, atom.Video: true, atom.Audio: true, atom.Canvas: true, atom.Title: true,
}

// chrome elements met at block level are page furniture, not documentation. <header> is handled
// apart: inside <main> or <article> it is the entry's own header and holds its title.
var chrome = map[atom.Atom]bool{
	atom.Nav: true, atom.Footer: true, atom.Form: true, atom.Button: true, atom.Dialog: true,
}

// inlineElements continue a run of prose rather than start a block.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Big: true,
	atom.Br: true, atom.Cite: true, atom.Code: true, atom.Data: true, atom.Del: true,
	atom.Dfn: true, atom.Em: true, atom.Font: true, atom.I: true, atom.Ins: true, atom.Kbd: true,
	atom.Label: true, atom.Mark: true, atom.Nobr: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true,
	atom.Wbr: true,
}

// container reads the children of a block-level element.
func (r *reader) container(n *xhtml.Node) {
	for c := n.FirstChild; c != nil && r.pg.err == nil; c = c.NextSibling {
		r.node(c)
	}
}

func (r *reader) node(n *xhtml.Node) {
	switch n.Type {
	case xhtml.TextNode:
		r.run.text(n.Data)
		return
	case xhtml.ElementNode:
	default:
		return
	}
	if r.pg.consumed[n] {
		return
	}
	if owner := r.pg.panelOf[n]; owner != nil && !r.pg.consumed[owner] {
		r.flush()
		r.ariaTabs(owner)
		return
	}
	if raw := dataCode(n); raw != "" {
		r.flush()
		r.code(raw)
		return
	}
	if n.DataAtom == atom.Textarea {
		// Outside a form (forms are skipped whole) a textarea is a code plugin's copyable source.
		r.flush()
		r.code(textOf(n))
		return
	}
	if noText[n.DataAtom] || chrome[n.DataAtom] || (n.DataAtom == atom.Header && !inEntry(n)) {
		return
	}
	if (n.DataAtom == atom.Code || classContains(n, "code")) && linesOnly(n) {
		r.flush()
		r.code(preText(n))
		return
	}
	if inlineElements[n.DataAtom] {
		r.run.node(n, false)
		return
	}
	r.flush()
	switch {
	case isTablist(n):
		// before lists: a tablist is often a <ul> of tabs
		r.ariaTabs(n)
	case headingLevel(n) > 0:
		if t := cleanInline(textOf(n)); t != "" {
			r.out = append(r.out, &docmodel.Heading{Level: headingLevel(n), Text: t})
		}
	case n.DataAtom == atom.P:
		var in inlineText
		in.children(n, false)
		if p := in.paragraph(); p != nil {
			r.out = append(r.out, p)
		}
	case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
		if l := (&docmodel.List{Ordered: n.DataAtom == atom.Ol, Items: items(n)}); len(l.Items) > 0 {
			r.out = append(r.out, l)
		}
	case n.DataAtom == atom.Table:
		r.table(n)
	case n.DataAtom == atom.Pre:
		r.code(preText(n))
	case hasClass(n, "wp-block-kadence-tabs"):
		r.tabGroup(n, kadence)
	case hasClass(n, "wp-block-ub-tabbed-content"):
		r.tabGroup(n, ultimateBlocks)
	default:
		r.container(n)
		r.flush()
	}
}

func headingLevel(n *xhtml.Node) int {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return int(n.Data[1] - '0')
	}
	return 0
}

// inEntry reports whether n is inside <main> or <article>, where a <header> is the entry's.
func inEntry(n *xhtml.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Main || p.DataAtom == atom.Article {
			return true
		}
	}
	return false
}

// flush ends a run of inline content met at block level as a paragraph.
func (r *reader) flush() {
	if p := r.run.paragraph(); p != nil {
		r.out = append(r.out, p)
	}
	r.run = inlineText{}
}

// code appends a preformatted block. Code plugins hold each sample twice (the raw source for
// the copy button or a textarea, and the highlighted copy), so a block equal to the one just
// read, ignoring white space, is the same sample.
func (r *reader) code(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = spaces.Replace(text)
	text = strings.TrimSuffix(text, "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	if len(r.out) > 0 {
		if last, ok := r.out[len(r.out)-1].(*docmodel.Code); ok && squash(last.Text) == squash(text) {
			return
		}
	}
	r.out = append(r.out, &docmodel.Code{Text: text})
}

// dataCode returns the raw sample a code plugin keeps in a data-code attribute (Code Block Pro's
// copy button), exactly as written, where the highlighted copy is split into spans.
func dataCode(n *xhtml.Node) string {
	raw := attr(n, "data-code")
	if raw == "" {
		return ""
	}
	for p := n; p != nil; p = p.Parent {
		if classContains(p, "code") {
			return raw
		}
	}
	return ""
}

// linesOnly reports whether n holds nothing but line elements (two or more): a highlighter
// that puts each line in its own element, with no newlines between them.
func linesOnly(n *xhtml.Node) bool {
	lines := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == xhtml.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == xhtml.ElementNode && isLine(c):
			lines++
		case c.Type == xhtml.CommentNode:
		default:
			return false
		}
	}
	return lines >= 2
}

// isLine reports whether n is one line of a highlighter's output: class "line", or a class
// ending in "-line"/"_line" (crayon-line, code-line, cm-line, ace_line, token-line).
func isLine(n *xhtml.Node) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == "line" || strings.HasSuffix(c, "-line") || strings.HasSuffix(c, "_line") {
			return true
		}
	}
	return false
}

// gutter reports whether n is a highlighter's line-number column, which is not part of the code.
func gutter(n *xhtml.Node) bool {
	cls := strings.ToLower(attr(n, "class"))
	return strings.Contains(cls, "line-number") || strings.Contains(cls, "linenumber") || strings.Contains(cls, "gutter")
}

// preText returns preformatted text verbatim. Line elements, <div>s and <br>s start new lines
// even when the markup has no newline between them.
func preText(n *xhtml.Node) string {
	var b strings.Builder
	pending := false // a line element ended and its newline is not written yet
	endsLine := func() bool { s := b.String(); return s == "" || s[len(s)-1] == '\n' }
	var walk func(*xhtml.Node)
	walk = func(p *xhtml.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case xhtml.TextNode:
				if pending && strings.Trim(c.Data, " \t") == "" {
					continue // indentation between line elements
				}
				if pending && !strings.HasPrefix(c.Data, "\n") && !strings.HasPrefix(c.Data, "\r\n") {
					b.WriteByte('\n')
				}
				pending = false
				b.WriteString(c.Data)
			case xhtml.ElementNode:
				if noText[c.DataAtom] || c.DataAtom == atom.Button || gutter(c) {
					continue
				}
				if c.DataAtom == atom.Br {
					b.WriteByte('\n')
					pending = false
					continue
				}
				line := isLine(c) || c.DataAtom == atom.Div || c.DataAtom == atom.P || c.DataAtom == atom.Li
				if line && (pending || !endsLine()) {
					b.WriteByte('\n')
				}
				start := b.Len()
				if line {
					pending = false
				}
				walk(c)
				if line {
					// Some highlighters end each line element with its own newline; an empty
					// line element is still a line.
					pending = b.Len() == start || !endsLine()
				}
			}
		}
	}
	walk(n)
	return b.String()
}

// table reads a table: the header from <thead>, or the first row if it is all <th>, or else the
// first row. Cells keep <br> as line breaks. A row with more cells than the header is an error:
// the reader cannot know which column a cell belongs to.
func (r *reader) table(n *xhtml.Node) {
	r.pg.tables++
	var rows [][]*xhtml.Node
	headRows := 0
	var collect func(*xhtml.Node, bool)
	collect = func(p *xhtml.Node, inHead bool) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Thead:
				collect(c, true)
			case atom.Tbody, atom.Tfoot:
				collect(c, false)
			case atom.Tr:
				var cells []*xhtml.Node
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
						cells = append(cells, td)
					}
				}
				if len(cells) == 0 {
					continue
				}
				if inHead && headRows == len(rows) {
					headRows++
				}
				rows = append(rows, cells)
			}
		}
	}
	collect(n, false)
	if len(rows) == 0 {
		return
	}
	if headRows == 0 {
		headRows = 1 // a first row of <th> cells, or the first row of a table without a header
	}
	// Column titles are labels: a wrapped title ("Data Type<br>(Max Length)") is one line.
	header := (&spans{}).row(rows[headRows-1])
	for i := range header {
		header[i] = cleanInline(header[i])
	}
	t := &docmodel.Table{Header: header}
	var body spans
	for i, cells := range rows[headRows:] {
		row := body.row(cells)
		if len(row) > len(t.Header) {
			r.pg.fail("table %d (header %q): row %d has %d cells, more than the header's %d", r.pg.tables, strings.Join(t.Header, " | "), i+1, len(row), len(t.Header))
			return
		}
		for len(row) < len(t.Header) {
			row = append(row, "")
		}
		t.Rows = append(t.Rows, docmodel.TableRow{Cells: row})
	}
	r.out = append(r.out, t)
}

// spans places a table's cells in their columns. A cell spanning several columns or rows holds
// its text in its first column and row and "" in the others, so that the cells after it stay
// under their own titles.
type spans struct {
	// down[i] is how many more rows column i is covered by a cell from a row above.
	down []int
}

// maxSpan caps colspan and rowspan: a hostile page must not make the reader allocate without
// bound (browsers cap colspan at 1000 too).
const maxSpan = 64

func (s *spans) row(cells []*xhtml.Node) []string {
	var out []string
	covered := func() {
		for len(out) < len(s.down) && s.down[len(out)] > 0 {
			s.down[len(out)]--
			out = append(out, "")
		}
	}
	for _, c := range cells {
		covered()
		var in inlineText
		in.children(c, true)
		cols := spanAttr(c, "colspan")
		rows := spanAttr(c, "rowspan")
		for k := 0; k < cols; k++ {
			if k == 0 {
				out = append(out, in.cell())
			} else {
				out = append(out, "")
			}
			if len(s.down) < len(out) {
				s.down = append(s.down, 0)
			}
			s.down[len(out)-1] = rows - 1
		}
	}
	// Columns covered from above after the row's last cell: pad up to them.
	for j := len(out); j < len(s.down); j++ {
		if s.down[j] > 0 {
			s.down[j]--
			for len(out) < j {
				out = append(out, "")
			}
			out = append(out, "")
		}
	}
	return out
}

func spanAttr(n *xhtml.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	switch {
	case err != nil || v < 1:
		return 1
	case v > maxSpan:
		return maxSpan
	}
	return v
}

// tabLayout finds a tab group's labels and panels in one page builder's markup.
type tabLayout struct {
	name         string
	group, panel func(*xhtml.Node) bool
	// label returns the tab title held by n, or ok false when n is not a tab title.
	label func(*xhtml.Node) (text string, ok bool)
}

var (
	kadence = tabLayout{
		name:  "Kadence tabs",
		group: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-kadence-tabs") },
		label: func(n *xhtml.Node) (string, bool) {
			if n.DataAtom != atom.Li || n.Parent == nil || !hasClass(n.Parent, "kt-tabs-title-list") {
				return "", false
			}
			// The title may share the item with an icon or a subtitle.
			if t := find(n, func(c *xhtml.Node) bool { return hasClass(c, "kt-title-text") }); t != nil {
				return cleanInline(textOf(t)), true
			}
			return cleanInline(textOf(n)), true
		},
		panel: func(n *xhtml.Node) bool {
			return hasClass(n, "kt-tab-inner-content") && n.Parent != nil && hasClass(n.Parent, "kt-tabs-content-wrap")
		},
	}
	ultimateBlocks = tabLayout{
		name:  "Ultimate Blocks tabbed content",
		group: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-ub-tabbed-content") },
		label: func(n *xhtml.Node) (string, bool) {
			if !hasClass(n, "wp-block-ub-tabbed-content-tab-title-wrap") && !hasClass(n, "wp-block-ub-tabbed-content-tab-title-vertical-wrap") {
				return "", false
			}
			return cleanInline(textOf(n)), true
		},
		panel: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-ub-tabbed-content-tab-content-wrap") },
	}
)

// tabGroup reads one tab group of a known page-builder layout. Labels and panels of groups
// nested inside it belong to those groups, not to this one.
func (r *reader) tabGroup(n *xhtml.Node, l tabLayout) {
	var labels []string
	var panels []*xhtml.Node
	eachElement(n, func(c *xhtml.Node) bool {
		if l.group(c) {
			return false // a nested group: read with its panel's content
		}
		if text, ok := l.label(c); ok {
			labels = append(labels, text)
			return false
		}
		if l.panel(c) {
			panels = append(panels, c)
			return false
		}
		return true
	})
	if len(labels) == 0 && len(panels) == 0 {
		// Not the markup this layout knows (a plugin update?): keep the content as it stands.
		r.container(n)
		r.flush()
		return
	}
	r.pg.groups++
	r.emitTabs(n, labels, panels, l.name)
}

// ariaTabs reads a tablist and its panels, which may sit anywhere in the page; panels the walk
// reaches later are skipped, and a panel reached first reads its whole group in its place.
func (r *reader) ariaTabs(tl *xhtml.Node) {
	r.pg.groups++
	r.pg.consumed[tl] = true
	labels, panels, problem := r.pg.ariaParts(tl)
	if problem != "" {
		r.pg.fail("tab group %d (ARIA tabs): %s", r.pg.groups, problem)
		return
	}
	r.emitTabs(tl, labels, panels, "ARIA tabs")
}

// isTablist reports whether n is a tablist with tabs; one without is read as what it is.
func isTablist(n *xhtml.Node) bool {
	return attr(n, "role") == "tablist" && find(n, func(c *xhtml.Node) bool { return attr(c, "role") == "tab" }) != nil
}

// ariaParts returns a tablist's labels and panels. Tabs name their panels with aria-controls;
// when none does, the panels are the role="tabpanel" elements that follow the tablist, in order.
func (pg *page) ariaParts(tl *xhtml.Node) (labels []string, panels []*xhtml.Node, problem string) {
	var tabs []*xhtml.Node
	eachElement(tl, func(c *xhtml.Node) bool {
		if attr(c, "role") == "tab" {
			tabs = append(tabs, c)
			return false
		}
		return true
	})
	named := 0
	for _, t := range tabs {
		labels = append(labels, cleanInline(textOf(t)))
		if len(strings.Fields(attr(t, "aria-controls"))) > 0 {
			named++
		}
	}
	switch named {
	case len(tabs):
		for i, t := range tabs {
			id := strings.Fields(attr(t, "aria-controls"))[0]
			p := pg.byID(id)
			if p == nil {
				return labels, panels, fmt.Sprintf("tab %q controls panel %q, which the page does not have", labels[i], id)
			}
			panels = append(panels, p)
		}
	case 0:
		panels = nearPanels(tl)
	default:
		return labels, nil, fmt.Sprintf("%d of the tabs %q name their panel (aria-controls), the others do not", named, labels)
	}
	return labels, panels, ""
}

// nearPanels returns the role="tabpanel" elements that follow the tablist up to the next
// tablist: among its own following siblings, or else among those of its parent or grandparent
// (the tablist often sits in a wrapper of its own). Panels inside panels belong to nested groups.
func nearPanels(tl *xhtml.Node) []*xhtml.Node {
	var panels []*xhtml.Node
	stop := false
	visit := func(c *xhtml.Node) bool {
		switch {
		case stop:
			return false
		case attr(c, "role") == "tablist":
			stop = true
			return false
		case attr(c, "role") == "tabpanel":
			panels = append(panels, c)
			return false
		}
		return true
	}
	at := tl
	for up := 0; up < 3 && at != nil && at.Type == xhtml.ElementNode; up, at = up+1, at.Parent {
		for sib := at.NextSibling; sib != nil && !stop; sib = sib.NextSibling {
			if sib.Type == xhtml.ElementNode && visit(sib) {
				eachElement(sib, visit)
			}
		}
		if len(panels) > 0 || stop {
			return panels
		}
	}
	return nil
}

// emitTabs reads the panels of the tab group at n. A panel that is read already, or that holds
// the group's own tab list (aria-controls pointing at an ancestor), would be read forever.
func (r *reader) emitTabs(n *xhtml.Node, labels []string, panels []*xhtml.Node, kind string) {
	pg := r.pg
	if len(labels) != len(panels) {
		pg.fail("tab group %d (%s): %d tab labels %q but %d panels", pg.groups, kind, len(labels), labels, len(panels))
		return
	}
	seen := map[*xhtml.Node]bool{}
	for i, p := range panels {
		if pg.consumed[p] || seen[p] || contains(p, n) {
			pg.fail("tab group %d (%s): the panel of tab %q is another tab's panel or holds the tab list itself", pg.groups, kind, labels[i])
			return
		}
		seen[p] = true
	}
	if len(panels) == 0 {
		return
	}
	// All panels are claimed before any is read, so a panel nested in another one is read as
	// its own tab, not twice.
	for _, p := range panels {
		pg.consumed[p] = true
	}
	g := &docmodel.TabGroup{}
	for i, p := range panels {
		sub := &reader{pg: pg}
		sub.container(p)
		sub.flush()
		if pg.err != nil {
			return
		}
		g.Tabs = append(g.Tabs, docmodel.Tab{Label: labels[i], Blocks: sub.out})
	}
	r.out = append(r.out, g)
}

// items reads a list's items; an item's text excludes its nested lists, which become its
// children.
func items(n *xhtml.Node) []docmodel.ListItem {
	var out []docmodel.ListItem
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		var in inlineText
		var children []docmodel.ListItem
		var walk func(*xhtml.Node)
		walk = func(p *xhtml.Node) {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
					children = append(children, items(c)...)
				case c.Type == xhtml.ElementNode && !noText[c.DataAtom] && find(c, isList) != nil:
					// a wrapper (<div>, <p>) around a nested list
					in.text(" ")
					walk(c)
				default:
					in.node(c, false)
				}
			}
		}
		walk(li)
		text, links := in.finish()
		if text == "" && len(children) == 0 {
			continue
		}
		out = append(out, docmodel.ListItem{Text: text, Links: links, Children: children})
	}
	return out
}

func isList(n *xhtml.Node) bool { return n.DataAtom == atom.Ul || n.DataAtom == atom.Ol }

// inlineText collects prose and its links. Adjacent anchors with the same target are one link:
// pages split a word across anchors (<a href=X>R</a><a href=X>eturn</a>).
type inlineText struct {
	b        strings.Builder
	links    []docmodel.Link
	lastEnd  int // b.Len() where the last link ended
	lastHref string
}

func (t *inlineText) text(s string) { t.b.WriteString(s) }

func (t *inlineText) children(n *xhtml.Node, breaks bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.node(c, breaks)
	}
}

// blockInline are block elements found inside a paragraph-like context (a cell, an item):
// their text must not run into their neighbours'.
var blockInline = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Pre: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Dt: true, atom.Dd: true, atom.Figure: true, atom.Section: true,
}

func (t *inlineText) node(n *xhtml.Node, breaks bool) {
	switch n.Type {
	case xhtml.TextNode:
		t.text(n.Data)
		return
	case xhtml.ElementNode:
	default:
		return
	}
	switch {
	case noText[n.DataAtom]:
		return
	case n.DataAtom == atom.Br:
		if breaks {
			t.b.WriteByte('\n')
		} else {
			t.b.WriteByte(' ')
		}
		return
	case blockInline[n.DataAtom]:
		if breaks && t.b.Len() > 0 {
			t.b.WriteByte('\n')
		} else {
			t.b.WriteByte(' ')
		}
		t.children(n, breaks)
		return
	case n.DataAtom == atom.A && strings.TrimSpace(attr(n, "href")) != "":
		href := strings.TrimSpace(attr(n, "href"))
		var inner inlineText
		inner.children(n, false)
		text := inner.b.String()
		if len(t.links) > 0 && t.lastHref == href && t.lastEnd == t.b.Len() {
			t.links[len(t.links)-1].Text += text
		} else {
			t.links = append(t.links, docmodel.Link{Text: text, Href: href})
		}
		t.b.WriteString(text)
		t.lastEnd, t.lastHref = t.b.Len(), href
		return
	}
	t.children(n, breaks)
}

// finish returns the collected prose and links with whitespace folded. A link without text (an
// image that was dropped) names nothing in the prose and is left out.
func (t *inlineText) finish() (string, []docmodel.Link) {
	var links []docmodel.Link
	for _, l := range t.links {
		if l.Text = cleanInline(l.Text); l.Text != "" {
			links = append(links, l)
		}
	}
	return cleanInline(t.b.String()), links
}

func (t *inlineText) paragraph() *docmodel.Paragraph {
	text, links := t.finish()
	if text == "" {
		return nil
	}
	return &docmodel.Paragraph{Text: text, Links: links}
}

// cell returns a table cell's text: each line folded and trimmed, blank lines dropped.
func (t *inlineText) cell() string {
	var lines []string
	for _, l := range strings.Split(t.b.String(), "\n") {
		if l = cleanInline(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// spaces reads a no-break space as a space and drops zero-width characters, which pages use for
// layout and which would otherwise hide inside names ("client\u200bAccnum").
var spaces = strings.NewReplacer("\u00a0", " ", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "")

// cleanInline folds whitespace to single spaces after spaces has done its work.
func cleanInline(s string) string {
	return strings.Join(strings.Fields(spaces.Replace(s)), " ")
}

// squash removes all white space, to compare two renderings of one code sample.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// stripTags removes markup from a rendered title ("Webhooks <em>Overview</em>") and decodes
// its entities.
func stripTags(s string) string {
	n, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		return html.UnescapeString(s)
	}
	return textOf(n)
}

// textOf returns the text below the nodes, leaving out elements that hold no readable text.
func textOf(nodes ...*xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node, bool)
	walk = func(n *xhtml.Node, top bool) {
		switch {
		case n.Type == xhtml.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == xhtml.ElementNode && !top && noText[n.DataAtom]:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, false)
		}
	}
	for _, n := range nodes {
		walk(n, true)
	}
	return b.String()
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *xhtml.Node, class string) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// classContains reports whether one of n's classes contains part (case-insensitively), for
// plugins whose class names vary by version.
func classContains(n *xhtml.Node, part string) bool {
	return n.Type == xhtml.ElementNode && strings.Contains(strings.ToLower(attr(n, "class")), part)
}

// eachElement calls visit for each element below n in document order, descending into an
// element only when visit returns true.
func eachElement(n *xhtml.Node, visit func(*xhtml.Node) (descend bool)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && visit(c) {
			eachElement(c, visit)
		}
	}
}

// contains reports whether n is outer or inside it.
func contains(outer, n *xhtml.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == outer {
			return true
		}
	}
	return false
}

// find returns the first element of n's subtree (n included) that matches.
func find(n *xhtml.Node, match func(*xhtml.Node) bool) *xhtml.Node {
	if n.Type == xhtml.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}
