// Package htmlpage reads documentation pages published as HTML (a saved page, or the HTML that a
// WordPress REST API serves in content.rendered) into the neutral document model. It is the
// HTML twin of textpage: both produce the same blocks, so a vendor's spec builder does not care
// which capture it is given. It knows nothing of any vendor and nothing of code generation.
//
// The reader keeps what a spec builder needs (headings, paragraphs with their links, lists,
// tables, preformatted samples and tab groups) and drops page chrome (scripts, navigation,
// images). Tab groups are recognised in the shapes WordPress documentation sites use: ARIA
// tablists, Kadence tabs and Ultimate Blocks tabbed content.
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

// Error is a page the reader cannot use. HTML has no useful line numbers (WordPress JSON holds
// the page on one line), so it names the file and what was expected.
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
	var post wpPost
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
	if err := json.Unmarshal(data, &post); err != nil {
		return fail("invalid WordPress JSON: %v", err)
	}
	if post.Content.Rendered == nil {
		return fail("expected a WordPress post with content.rendered")
	}
	if strings.TrimSpace(*post.Content.Rendered) == "" {
		return fail("content.rendered is empty")
	}
	root, err := goquery.NewDocumentFromReader(strings.NewReader(*post.Content.Rendered))
	if err != nil {
		return fail("content.rendered: %v", err)
	}
	doc := &docmodel.Document{File: file, URL: post.Link, Title: cleanInline(stripTags(post.Title.Rendered))}
	if m := dateRe.FindStringSubmatch(post.Modified); m != nil {
		doc.Modified = m[1]
	}
	if err := read(doc, root.Selection, root.Find("body")); err != nil {
		return nil, err
	}
	return doc, nil
}

// ReadHTML reads a saved HTML page or fragment. The title comes from <title> (or the first
// <h1>), the URL from the canonical link, the modified date from article:modified_time; the
// blocks from <main>, else <article>, else <body>.
func ReadHTML(file string, data []byte) (*docmodel.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: file, Msg: "the page is empty"}
	}
	root, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	doc := &docmodel.Document{File: file}
	doc.Title = cleanInline(root.Find("head > title").First().Text())
	if doc.Title == "" {
		doc.Title = cleanInline(root.Find("h1").First().Text())
	}
	if u, ok := root.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		doc.URL = strings.TrimSpace(u)
	} else if u, ok := root.Find(`meta[property="og:url"]`).First().Attr("content"); ok {
		doc.URL = strings.TrimSpace(u)
	}
	if m, ok := root.Find(`meta[property="article:modified_time"]`).First().Attr("content"); ok {
		if d := dateRe.FindStringSubmatch(strings.TrimSpace(m)); d != nil {
			doc.Modified = d[1]
		}
	}
	body := root.Find("main").First()
	if body.Length() == 0 {
		body = root.Find("article").First()
	}
	if body.Length() == 0 {
		body = root.Find("body")
	}
	if err := read(doc, root.Selection, body); err != nil {
		return nil, err
	}
	return doc, nil
}

func read(doc *docmodel.Document, root, body *goquery.Selection) error {
	r := &reader{file: doc.File, root: root, consumed: map[*xhtml.Node]bool{}}
	for _, n := range body.Nodes {
		r.container(n)
		if r.err != nil {
			return r.err
		}
	}
	r.flush()
	if len(r.out) == 0 {
		return &Error{File: doc.File, Msg: "no readable content: expected headings, paragraphs, lists or tables"}
	}
	doc.Blocks = r.out
	return nil
}

// reader walks the DOM in document order and appends blocks to out. Inline content met at block
// level (text directly in a div) collects in run until the next block element.
type reader struct {
	file     string
	root     *goquery.Selection
	out      []docmodel.Block
	run      inlineText
	consumed map[*xhtml.Node]bool // tab panels already read into their group
	tables   int
	groups   int
	err      error
}

// skipped elements carry no documentation.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Noscript: true, atom.Svg: true, atom.Img: true, atom.Button: true, atom.Form: true,
	atom.Template: true, atom.Iframe: true, atom.Head: true, atom.Title: true, atom.Meta: true,
	atom.Link: true, atom.Textarea: true, atom.Select: true, atom.Input: true,
}

// inlineElements continue a run of prose rather than start a block.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Br: true, atom.Code: true, atom.Em: true,
	atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.U: true,
	atom.Var: true, atom.Time: true, atom.Del: true, atom.Ins: true,
}

// container reads the children of a block-level element.
func (r *reader) container(n *xhtml.Node) {
	for c := n.FirstChild; c != nil && r.err == nil; c = c.NextSibling {
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
	if skipped[n.DataAtom] || r.consumed[n] {
		return
	}
	if inlineElements[n.DataAtom] {
		r.run.node(n, false)
		return
	}
	r.flush()
	switch {
	case n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 ||
		n.DataAtom == atom.H4 || n.DataAtom == atom.H5 || n.DataAtom == atom.H6:
		if t := cleanInline(textOf(n)); t != "" {
			level, _ := strconv.Atoi(n.Data[1:])
			r.out = append(r.out, &docmodel.Heading{Level: level, Text: t})
		}
	case n.DataAtom == atom.P:
		var in inlineText
		in.children(n, false)
		if p := in.paragraph(); p != nil {
			r.out = append(r.out, p)
		}
	case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
		if l := list(n); len(l.Items) > 0 {
			r.out = append(r.out, l)
		}
	case n.DataAtom == atom.Table:
		r.table(n)
	case n.DataAtom == atom.Pre:
		r.code(n, "")
	case hasClass(n, "wp-block-kevinbatdorf-code-block-pro"):
		// The copy button's data-code holds the sample exactly; the <pre> beside it holds the
		// same text split into highlighted spans.
		raw := ""
		if c := find(n, func(c *xhtml.Node) bool { return attr(c, "data-code") != "" }); c != nil {
			raw = attr(c, "data-code")
		}
		pre := find(n, func(c *xhtml.Node) bool { return c.DataAtom == atom.Pre })
		switch {
		case raw != "":
			r.code(nil, raw)
		case pre != nil:
			r.code(pre, "")
		}
	case hasClass(n, "wp-block-kadence-tabs"):
		r.tabGroup(n, kadence)
	case hasClass(n, "wp-block-ub-tabbed-content"):
		r.tabGroup(n, ultimateBlocks)
	case attr(n, "role") == "tablist":
		r.ariaTabs(n)
	default:
		r.container(n)
		r.flush()
	}
}

// flush ends a run of inline content met at block level as a paragraph.
func (r *reader) flush() {
	if p := r.run.paragraph(); p != nil {
		r.out = append(r.out, p)
	}
	r.run = inlineText{}
}

func (r *reader) code(pre *xhtml.Node, text string) {
	if pre != nil {
		text = textOf(pre)
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimSuffix(text, "\n")
	if strings.TrimSpace(text) != "" {
		r.out = append(r.out, &docmodel.Code{Text: text})
	}
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = &Error{File: r.file, Msg: fmt.Sprintf(format, args...)}
	}
}

// table reads a table: the header from <thead>, or the first row if it is all <th>, or else the
// first row. Cells keep <br> as line breaks. A row with more cells than the header is an error:
// the reader cannot know which column a cell belongs to.
func (r *reader) table(n *xhtml.Node) {
	r.tables++
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
	text := func(cells []*xhtml.Node) []string {
		var out []string
		for _, c := range cells {
			var in inlineText
			in.children(c, true)
			out = append(out, in.cell())
			span, _ := strconv.Atoi(attr(c, "colspan"))
			for i := 1; i < span && i < 64; i++ {
				out = append(out, "")
			}
		}
		return out
	}
	// Column titles are labels: a wrapped title ("Data Type<br>(Max Length)") is one line.
	header := text(rows[headRows-1])
	for i := range header {
		header[i] = cleanInline(header[i])
	}
	t := &docmodel.Table{Header: header}
	for i, cells := range rows[headRows:] {
		row := text(cells)
		if len(row) > len(t.Header) {
			r.fail("table %d row %d: %d cells, but the header has %d columns (%q)", r.tables, i+1, len(row), len(t.Header), t.Header)
			return
		}
		for len(row) < len(t.Header) {
			row = append(row, "")
		}
		t.Rows = append(t.Rows, docmodel.TableRow{Cells: row})
	}
	r.out = append(r.out, t)
}

// tabLayout finds a tab group's labels and panels for one page builder's markup.
type tabLayout struct {
	name           string
	label, panel   func(*xhtml.Node) bool
	group, noLabel func(*xhtml.Node) bool
}

var (
	kadence = tabLayout{
		name:  "Kadence tabs",
		group: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-kadence-tabs") },
		label: func(n *xhtml.Node) bool {
			return n.DataAtom == atom.Li && n.Parent != nil && hasClass(n.Parent, "kt-tabs-title-list")
		},
		panel: func(n *xhtml.Node) bool {
			return hasClass(n, "kt-tab-inner-content") && n.Parent != nil && hasClass(n.Parent, "kt-tabs-content-wrap")
		},
	}
	ultimateBlocks = tabLayout{
		name:  "Ultimate Blocks tabbed content",
		group: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-ub-tabbed-content") },
		label: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-ub-tabbed-content-tab-title-wrap") },
		panel: func(n *xhtml.Node) bool { return hasClass(n, "wp-block-ub-tabbed-content-tab-content-wrap") },
	}
)

// tabGroup reads one tab group of a known page-builder layout. Labels and panels of groups
// nested inside it belong to those groups, not to this one.
func (r *reader) tabGroup(n *xhtml.Node, l tabLayout) {
	r.groups++
	var labels []string
	var panels []*xhtml.Node
	eachElement(n, func(c *xhtml.Node) bool {
		switch {
		case l.group(c):
			return false // a nested group: read with its panel's content
		case l.label(c):
			labels = append(labels, cleanInline(textOf(c)))
		case l.panel(c):
			panels = append(panels, c)
		default:
			return true
		}
		return false
	})
	r.emitTabs(n, labels, panels, l.name)
}

// ariaTabs reads a tablist whose tabs name their panels with aria-controls; the panels may sit
// anywhere in the page and are skipped when the walk reaches them.
func (r *reader) ariaTabs(n *xhtml.Node) {
	r.groups++
	var labels []string
	var panels []*xhtml.Node
	eachElement(n, func(c *xhtml.Node) bool {
		if attr(c, "role") != "tab" {
			return true
		}
		labels = append(labels, cleanInline(textOf(c)))
		id := attr(c, "aria-controls")
		panel := r.byID(id)
		if panel == nil {
			r.fail("tab group %d: tab %q controls panel %q, which the page does not have", r.groups, cleanInline(textOf(c)), id)
		}
		panels = append(panels, panel)
		return false
	})
	if r.err == nil {
		r.emitTabs(n, labels, panels, "ARIA tabs")
	}
}

func (r *reader) byID(id string) *xhtml.Node {
	if id == "" {
		return nil
	}
	for _, n := range r.root.Nodes {
		if f := find(n, func(c *xhtml.Node) bool { return attr(c, "id") == id }); f != nil {
			return f
		}
	}
	return nil
}

// emitTabs reads the panels of the tab group at n. A panel that is read already, or that holds
// the group's own tab list (aria-controls pointing at an ancestor), would be read forever.
func (r *reader) emitTabs(n *xhtml.Node, labels []string, panels []*xhtml.Node, kind string) {
	if len(labels) != len(panels) {
		r.fail("tab group %d (%s): %d tab labels %q but %d panels", r.groups, kind, len(labels), labels, len(panels))
		return
	}
	seen := map[*xhtml.Node]bool{}
	for i, p := range panels {
		if r.consumed[p] || seen[p] || contains(p, n) {
			r.fail("tab group %d (%s): the panel of tab %q is another tab's panel or holds the tab list itself", r.groups, kind, labels[i])
			return
		}
		seen[p] = true
	}
	if len(panels) == 0 {
		return
	}
	g := &docmodel.TabGroup{}
	for i, p := range panels {
		r.consumed[p] = true
		sub := &reader{file: r.file, root: r.root, consumed: r.consumed, tables: r.tables, groups: r.groups}
		sub.container(p)
		sub.flush()
		if sub.err != nil {
			r.err = sub.err
			return
		}
		r.tables, r.groups = sub.tables, sub.groups
		g.Tabs = append(g.Tabs, docmodel.Tab{Label: labels[i], Blocks: sub.out})
	}
	r.out = append(r.out, g)
}

// list reads a list; an item's text excludes its nested lists, which become its children.
func list(n *xhtml.Node) *docmodel.List {
	l := &docmodel.List{Ordered: n.DataAtom == atom.Ol}
	l.Items = items(n)
	return l
}

func items(n *xhtml.Node) []docmodel.ListItem {
	var out []docmodel.ListItem
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		var in inlineText
		var children []docmodel.ListItem
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
				children = append(children, items(c)...)
				continue
			}
			in.node(c, false)
		}
		text, links := in.finish()
		if text == "" && len(children) == 0 {
			continue
		}
		out = append(out, docmodel.ListItem{Text: text, Links: links, Children: children})
	}
	return out
}

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
	case skipped[n.DataAtom] && n.DataAtom != atom.Button:
		return
	case n.DataAtom == atom.Br:
		if breaks {
			t.b.WriteByte('\n')
		} else {
			t.b.WriteByte(' ')
		}
		return
	case n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li:
		// block content inside a cell or item: keep it apart from its neighbours
		if breaks && t.b.Len() > 0 {
			t.b.WriteByte('\n')
		} else {
			t.b.WriteByte(' ')
		}
		t.children(n, breaks)
		return
	case n.DataAtom == atom.A && attr(n, "href") != "":
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

// finish returns the collected prose and links with whitespace folded.
func (t *inlineText) finish() (string, []docmodel.Link) {
	links := t.links
	for i := range links {
		links[i].Text = cleanInline(links[i].Text)
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

// cleanInline folds whitespace (no-break spaces included) to single spaces and drops zero-width
// characters. U+2010 hyphens are left alone: which ones are errors is the spec builder's call.
func cleanInline(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u200b", "", "\ufeff", "", "\u200c", "", "\u200d", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// stripTags removes markup from a rendered title ("Webhooks <em>Overview</em>").
func stripTags(s string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return html.UnescapeString(s)
	}
	return doc.Text()
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
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

// find returns the first descendant of n (n included) that matches.
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
