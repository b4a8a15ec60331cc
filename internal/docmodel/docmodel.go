// Package docmodel is the neutral model of a captured documentation page: headings, paragraphs,
// lists, tables, preformatted blocks and tab groups. Readers (HTML, text) produce it; vendor spec
// builders interpret it. It knows nothing of any vendor and nothing of code generation.
package docmodel

// Document is one captured page.
type Document struct {
	// File is the captured file's name, for error messages.
	File string
	// Title is the page's title, when the page states one.
	Title string
	// URL is the page's canonical address, when the page states one.
	URL string
	// Modified is the page's own last-modified date (YYYY-MM-DD), when the page states one.
	Modified string
	Blocks   []Block
}

// Block is one element of a document's body.
type Block interface {
	// Pos is where the block starts in the captured file: a 1-based line for text captures,
	// 0 when the format has no useful line (HTML inside JSON).
	Pos() int
}

// Heading is a section title. Level is 1–6 when the page marks it (HTML) and 0 when it was
// recognised by shape only (text captures).
type Heading struct {
	Level int
	Text  string
	Line  int
}

// Paragraph is a run of prose.
type Paragraph struct {
	Text  string
	Links []Link
	Line  int
}

// List is a bulleted or numbered list.
type List struct {
	Ordered bool
	Items   []ListItem
	Line    int
}

// ListItem is one entry of a list; nested lists are its Children.
type ListItem struct {
	Text     string
	Links    []Link
	Children []ListItem
}

// Link is a hyperlink inside prose or a list item.
type Link struct {
	Text string
	Href string
}

// Table is a table of cells. Header holds the column titles; every row has len(Header) cells.
type Table struct {
	Header []string
	Rows   []TableRow
	Line   int
}

// TableRow is one row of a table.
type TableRow struct {
	Cells []string
	// Line is where the row starts in the captured file (0 when unknown).
	Line int
}

// Code is a preformatted block (a sample request, a code example), verbatim.
type Code struct {
	Text string
	Line int
}

// TabGroup is a set of alternative panels (the guide's "Version 1 | Version 2 | ..." tabs).
type TabGroup struct {
	Tabs []Tab
	Line int
}

// Tab is one panel of a tab group. Label is "" when the capture lost the tab's title; readers
// keep such a tab in its place so that consumers can number tabs by order and report the gap.
type Tab struct {
	Label  string
	Blocks []Block
	Line   int
}

func (b *Heading) Pos() int   { return b.Line }
func (b *Paragraph) Pos() int { return b.Line }
func (b *List) Pos() int      { return b.Line }
func (b *Table) Pos() int     { return b.Line }
func (b *Code) Pos() int      { return b.Line }
func (b *TabGroup) Pos() int  { return b.Line }
