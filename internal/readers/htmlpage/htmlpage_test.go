package htmlpage

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/docmodel"
	"github.com/hookspec/hookspec/internal/testenv"
)

var variableHeader = []string{"Variable Name", "Description", "Data Type (Max Length)", "Example Value"}

func rows(cells ...[]string) []docmodel.TableRow {
	out := make([]docmodel.TableRow, len(cells))
	for i, c := range cells {
		out[i] = docmodel.TableRow{Cells: c}
	}
	return out
}

var (
	subscriptionID = []string{"subscriptionId", "Subscription ID Number.", "bigint(20) unsigned", "0113047601000000080"}
	timestamp      = []string{"timestamp", "Time the event occurred.", "date", "2012-08-05 15:18:17"}
	source         = []string{"source", "Source of the expiration.", "string", "ccbill\nmerchant"}
)

// expirationTabs is what the ARIA and Ultimate Blocks fixtures hold: the same page in two markups.
var expirationTabs = &docmodel.TabGroup{Tabs: []docmodel.Tab{
	{Label: "Version 1", Blocks: []docmodel.Block{
		&docmodel.Paragraph{Text: "Supported Formats: URL Encoded"},
		&docmodel.Table{Header: variableHeader, Rows: rows(subscriptionID, timestamp)},
	}},
	{Label: "Version 2", Blocks: []docmodel.Block{
		&docmodel.Paragraph{Text: "Supported Formats: URL Encoded, JSON"},
		&docmodel.Table{Header: variableHeader, Rows: rows(subscriptionID, timestamp, source)},
	}},
}}

func TestReadHTMLEventPages(t *testing.T) {
	tests := []struct {
		file string
		want *docmodel.Document
	}{
		{"event-page.html", &docmodel.Document{
			File: "event-page.html", Title: "NewSaleSuccess", URL: "https://ccbill.com/doc/newsalesuccess", Modified: "2024-03-05",
			Blocks: []docmodel.Block{
				&docmodel.Heading{Level: 1, Text: "NewSaleSuccess"},
				&docmodel.Paragraph{Text: "Some fields, such as avsResponse and cvv2Response, will not be sent if the associated features have not been configured by Merchant Support."},
				&docmodel.Paragraph{Text: "This event has more than one version. Select the version your Webhooks configuration uses."},
				&docmodel.TabGroup{Tabs: []docmodel.Tab{
					{Label: "Version 1", Blocks: []docmodel.Block{
						&docmodel.Paragraph{Text: "Supported Formats: URL Encoded"},
						&docmodel.Table{Header: variableHeader, Rows: rows(
							subscriptionID,
							[]string{"clientAccnum", "CCBill Merchant main account number.", "mediumint(6)\nunsigned", "900000"},
							[]string{"clientSubacc", "CCBill Merchant sub\u2011account number.", "smallint(4) unsigned zerofill", "0000"},
							[]string{"timestamp", "Time the event occurred.", "date", "2012\u201008\u201005 15:18:17"},
						)},
					}},
					{Label: "Version 2", Blocks: []docmodel.Block{
						&docmodel.Paragraph{Text: "Supported Formats: URL Encoded"},
						&docmodel.Paragraph{Text: "Version 2 of NewSaleSuccess was released on October 30, 2013 and includes paymentAccount."},
						&docmodel.Table{Header: variableHeader, Rows: rows(
							subscriptionID,
							[]string{"paymentType", "Payment type used.", "string", "CREDIT\nCHECK"},
							[]string{"paymentAccount", "Unique payment account identifier.", "string(32)", "8d6f67f4e8d5bbb5d0a9d17e2c2a7e3a"},
						)},
					}},
					{Label: "Version 3", Blocks: []docmodel.Block{
						&docmodel.Paragraph{Text: "Supported Formats: URL Encoded, JSON"},
						&docmodel.Table{Header: variableHeader, Rows: rows(
							subscriptionID,
							[]string{"flexId", "Displays the Flex ID of a form if the form used is a FlexForm, does not appear if a FlexForm is not used.", "UUID(36)", "cb617dcc-8467-49ab-b3a7-735ce1d60ad9"},
							[]string{"Pass-through Key/Values", "Pass-through value pairs are passed with this post, if they exist.", "", ""},
						)},
					}},
				}},
				&docmodel.Heading{Level: 2, Text: "Related Events"},
				&docmodel.List{Items: []docmodel.ListItem{{Text: "NewSaleFailure", Links: []docmodel.Link{{Text: "NewSaleFailure", Href: "https://ccbill.com/doc/newsalefailure"}}}}},
			},
		}},
		{"event-page-aria.html", &docmodel.Document{
			File: "event-page-aria.html", Title: "Expiration", URL: "https://ccbill.com/doc/expiration",
			Blocks: []docmodel.Block{
				&docmodel.Heading{Level: 1, Text: "Expiration"},
				&docmodel.Paragraph{Text: "Sent when a subscription expires."},
				expirationTabs,
			},
		}},
		{"event-page-ub.html", &docmodel.Document{
			File: "event-page-ub.html", Title: "Expiration",
			Blocks: []docmodel.Block{
				&docmodel.Heading{Level: 1, Text: "Expiration"},
				&docmodel.Paragraph{Text: "Sent when a subscription expires."},
				expirationTabs,
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadHTML(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadHTML(%s):\n got %s\nwant %s", tt.file, dump(got), dump(tt.want))
			}
		})
	}
}

// TestReadWordPressOverview reads the real overview page: its catalogue of events (one link
// each, including the anchors the page splits mid-word) and its sample POST.
func TestReadWordPressOverview(t *testing.T) {
	path := filepath.Join(testenv.SharedDir(t), "vendor-docs", "ccbill", "webhooks-overview.wp.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadWordPressJSON("webhooks-overview.wp.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Webhooks" || doc.URL != "https://ccbill.com/doc/webhooks-overview" || doc.Modified != "2025-04-29" {
		t.Errorf("title %q, url %q, modified %q", doc.Title, doc.URL, doc.Modified)
	}
	var catalogue *docmodel.List
	var code []*docmodel.Code
	for i, b := range doc.Blocks {
		switch b := b.(type) {
		case *docmodel.Paragraph:
			if b.Text == "Events included are:" {
				catalogue, _ = doc.Blocks[i+1].(*docmodel.List)
			}
		case *docmodel.Code:
			code = append(code, b)
		}
	}
	if catalogue == nil {
		t.Fatal(`no list after "Events included are:"`)
	}
	var names []string
	for _, it := range catalogue.Items {
		names = append(names, it.Text)
		if len(it.Links) != 1 || it.Links[0].Text != it.Text || !strings.HasPrefix(it.Links[0].Href, "https://ccbill.com/doc/") {
			t.Errorf("catalogue item %q: links %+v, want one link over the whole text", it.Text, it.Links)
		}
	}
	wantNames := []string{"NewSaleSuccess", "NewSaleFailure", "UpgradeSuccess", "UpgradeFailure", "UpSaleSuccess",
		"UpSaleFailure", "CrossSaleSuccess", "CrossSaleFailure", "Cancellation", "Expiration", "BillingDateChange",
		"CustomerDataUpdate", "UserReactivation", "RenewalSuccess (Rebill)", "RenewalFailure (Declined Rebill)",
		"Chargeback", "Return", "Refund", "Void"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("catalogue\n got %q\nwant %q", names, wantNames)
	}
	if got := catalogue.Items[16].Links[0]; got.Href != "https://ccbill.com/doc/return" {
		t.Errorf("Return's link = %+v", got)
	}
	if len(code) != 1 {
		t.Fatalf("%d code blocks, want the one sample POST", len(code))
	}
	lines := strings.Split(code[0].Text, "\n")
	if len(lines) != 10 || lines[0] != "POST /webhooks.php?clientAccnum=999999&clientSubacc=9999&eventType=Expiration&eventGroupType=Subscription HTTP/1.1" ||
		lines[2] != "Content-Type: application/x-www-form-urlencoded" ||
		lines[9] != "clientAccnum=999999&clientSubacc=9999&subscriptionId=0913024401000012340&timestamp=2013-01-25 03:22:44" {
		t.Errorf("sample POST:\n%s", code[0].Text)
	}
}

func TestReadWordPressJSONShapes(t *testing.T) {
	post := `{"link":"https://example.com/p","modified":"2026-01-02T03:04:05","title":{"rendered":"A &amp; B <em>C</em>"},"content":{"rendered":"<p>Hello&nbsp;world</p>"}}`
	for _, data := range []string{post, "[" + post + "]", "\n " + post + "\n"} {
		doc, err := ReadWordPressJSON("p.json", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		want := &docmodel.Document{File: "p.json", Title: "A & B C", URL: "https://example.com/p", Modified: "2026-01-02",
			Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "Hello world"}}}
		if !reflect.DeepEqual(doc, want) {
			t.Errorf("got %s, want %s", dump(doc), dump(want))
		}
	}
}

func TestReadInline(t *testing.T) {
	tests := []struct {
		name, html string
		want       []docmodel.Block
	}{
		{"split anchors merge", `<p>See <a href="/r">R</a><a href="/r">eturn</a> and <a href="/v">Void</a>.</p>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "See Return and Void.", Links: []docmodel.Link{{Text: "Return", Href: "/r"}, {Text: "Void", Href: "/v"}}}}},
		{"same target apart stays two links", `<p><a href="/r">one</a> and <a href="/r">two</a></p>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "one and two", Links: []docmodel.Link{{Text: "one", Href: "/r"}, {Text: "two", Href: "/r"}}}}},
		{"nested lists", `<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>`,
			[]docmodel.Block{&docmodel.List{Items: []docmodel.ListItem{{Text: "a", Children: []docmodel.ListItem{{Text: "a1"}, {Text: "a2"}}}, {Text: "b"}}}}},
		{"ordered list", `<ol><li>first</li><li>second</li></ol>`,
			[]docmodel.Block{&docmodel.List{Ordered: true, Items: []docmodel.ListItem{{Text: "first"}, {Text: "second"}}}}},
		{"loose text in a div", `<div>Loose <strong>text</strong><p>para</p>tail</div>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "Loose text"}, &docmodel.Paragraph{Text: "para"}, &docmodel.Paragraph{Text: "tail"}}},
		{"pre keeps lines", "<pre>line 1\n  line 2\n</pre>", []docmodel.Block{&docmodel.Code{Text: "line 1\n  line 2"}}},
		{"table without thead, short row padded", `<table><tr><td>a</td><td>b</td></tr><tr><td>1</td></tr></table>`,
			[]docmodel.Block{&docmodel.Table{Header: []string{"a", "b"}, Rows: rows([]string{"1", ""})}}},
		{"colspan counts", `<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td colspan="2">x</td><td>y</td></tr></table>`,
			[]docmodel.Block{&docmodel.Table{Header: []string{"a", "b", "c"}, Rows: rows([]string{"x", "", "y"})}}},
		{"zero-width and no-break spaces", "<h2>What\u00a0is\u200b it?</h2>", []docmodel.Block{&docmodel.Heading{Level: 2, Text: "What is it?"}}},
		{"chrome skipped", `<nav><p>menu</p></nav><script>x()</script><p>kept</p><footer>f</footer>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "kept"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadHTML("f.html", []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Blocks, tt.want) {
				t.Errorf("got %s\nwant %s", dump(doc.Blocks), dump(tt.want))
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		read func(string, []byte) (*docmodel.Document, error)
		data string
		want string
	}{
		{"invalid JSON", ReadWordPressJSON, `{"content":`, "page.json: invalid WordPress JSON"},
		{"two posts", ReadWordPressJSON, `[{"content":{"rendered":"<p>a</p>"}},{"content":{"rendered":"<p>b</p>"}}]`, "page.json: expected one WordPress post, found an array of 2"},
		{"no content", ReadWordPressJSON, `{"title":{"rendered":"x"}}`, "page.json: expected a WordPress post with content.rendered"},
		{"empty content", ReadWordPressJSON, `{"content":{"rendered":"  "}}`, "page.json: content.rendered is empty"},
		{"nothing readable", ReadWordPressJSON, `{"content":{"rendered":"<script>x</script><img src=a>"}}`, "page.json: no readable content"},
		{"empty page", ReadHTML, " \n", "page.json: the page is empty"},
		{"tab labels and panels disagree", ReadHTML,
			`<div class="wp-block-kadence-tabs"><ul class="kt-tabs-title-list"><li>Version 1</li><li>Version 2</li></ul><div class="kt-tabs-content-wrap"><div class="kt-tab-inner-content"><p>x</p></div></div></div>`,
			`page.json: tab group 1 (Kadence tabs): 2 tab labels ["Version 1" "Version 2"] but 1 panels`},
		{"tab without its panel", ReadHTML, `<div role="tablist"><button role="tab" aria-controls="p9">Version 1</button></div>`,
			`page.json: tab group 1: tab "Version 1" controls panel "p9", which the page does not have`},
		{"row wider than the header", ReadHTML, `<table><tr><th>a</th></tr><tr><td>1</td><td>2</td></tr></table>`,
			`page.json: table 1 row 1: 2 cells, but the header has 1 columns`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.read("page.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func FuzzReadHTML(f *testing.F) {
	for _, name := range []string{"event-page.html", "event-page-aria.html", "event-page-ub.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<table><tr><td colspan="99999999">x</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadHTML("fuzz.html", data)
		if err == nil && len(doc.Blocks) == 0 {
			t.Error("no error and no blocks")
		}
	})
}

func FuzzReadWordPressJSON(f *testing.F) {
	f.Add([]byte(`{"link":"x","modified":"2026-01-02T03:04:05","title":{"rendered":"t"},"content":{"rendered":"<p>a</p>"}}`))
	f.Add([]byte(`[{"content":{"rendered":"<ul><li><a href=a>R</a><a href=a>eturn</a></li></ul>"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadWordPressJSON("fuzz.json", data)
		if err == nil && len(doc.Blocks) == 0 {
			t.Error("no error and no blocks")
		}
	})
}

func BenchmarkReadWordPressJSON(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(b), "vendor-docs", "ccbill", "webhooks-overview.wp.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadWordPressJSON("webhooks-overview.wp.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// dump renders blocks readably for failure messages (pointers would print as addresses).
func dump(v any) string {
	var b strings.Builder
	var walk func(v any, indent string)
	walk = func(v any, indent string) {
		switch v := v.(type) {
		case *docmodel.Document:
			b.WriteString(indent + "Document " + v.Title + " " + v.URL + " " + v.Modified + "\n")
			walk(v.Blocks, indent+"  ")
		case []docmodel.Block:
			for _, blk := range v {
				walk(blk, indent)
			}
		case *docmodel.TabGroup:
			b.WriteString(indent + "TabGroup\n")
			for _, tab := range v.Tabs {
				b.WriteString(indent + "  Tab " + tab.Label + "\n")
				walk(tab.Blocks, indent+"    ")
			}
		default:
			b.WriteString(indent + strings.ReplaceAll(fmt.Sprintf("%+v", v), "\n", `\n`) + "\n")
		}
	}
	walk(v, "\n")
	return b.String()
}

func TestReadTabsThatLoop(t *testing.T) {
	for _, page := range []string{
		`<div id="p"><div role="tablist"><span role="tab" aria-controls="p">Version 1</span></div></div>`,
		`<div role="tablist"><span role="tab" aria-controls="p">Version 1</span><span role="tab" aria-controls="p">Version 2</span></div><div id="p">x</div>`,
	} {
		_, err := ReadHTML("loop.html", []byte(page))
		if err == nil || !strings.Contains(err.Error(), "loop.html: tab group 1 (ARIA tabs): the panel of tab") {
			t.Errorf("ReadHTML(%s) = %v, want a tab-group error", page, err)
		}
	}
}
