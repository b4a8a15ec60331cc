package htmlpage

import (
	"encoding/json"
	"errors"
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
// each, including the anchors the page splits mid-word), its sample POST (which Code Block Pro
// holds twice) and the no-break spaces in its headings.
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
	if doc.File != "webhooks-overview.wp.json" || doc.Title != "Webhooks" || doc.URL != "https://ccbill.com/doc/webhooks-overview" || doc.Modified != "2025-04-29" {
		t.Errorf("file %q, title %q, url %q, modified %q", doc.File, doc.Title, doc.URL, doc.Modified)
	}
	var catalogue *docmodel.List
	var code []*docmodel.Code
	var headings []string
	for i, b := range doc.Blocks {
		if b.Pos() != 0 {
			t.Errorf("block %d at %d: HTML has no lines", i, b.Pos())
		}
		switch b := b.(type) {
		case *docmodel.Heading:
			headings = append(headings, fmt.Sprintf("h%d %s", b.Level, b.Text))
		case *docmodel.Paragraph:
			if b.Text == "" {
				t.Errorf("block %d: an empty paragraph", i)
			}
			if b.Text == "Events included are:" && i+1 < len(doc.Blocks) {
				catalogue, _ = doc.Blocks[i+1].(*docmodel.List)
			}
		case *docmodel.Code:
			code = append(code, b)
		}
	}
	wantHeadings := []string{"h3 What's a Webhook?", "h3 Why Would I Want to Use Webhooks?", "h3 How Webhooks Work",
		"h3 What Is Exactly an Event?", "h2 Webhooks Events", "h2 Support"}
	if !reflect.DeepEqual(headings, wantHeadings) {
		t.Errorf("headings\n got %q\nwant %q", headings, wantHeadings)
	}
	if catalogue == nil {
		t.Fatal(`no list after "Events included are:"`)
	}
	if catalogue.Ordered {
		t.Error("the catalogue is a bulleted list on the page")
	}
	var names []string
	hrefs := map[string]string{}
	for _, it := range catalogue.Items {
		names = append(names, it.Text)
		if len(it.Links) != 1 || it.Links[0].Text != it.Text || !strings.HasPrefix(it.Links[0].Href, "https://ccbill.com/doc/") {
			t.Errorf("catalogue item %q: links %+v, want one link over the whole text", it.Text, it.Links)
			continue
		}
		hrefs[it.Text] = it.Links[0].Href
	}
	wantNames := []string{"NewSaleSuccess", "NewSaleFailure", "UpgradeSuccess", "UpgradeFailure", "UpSaleSuccess",
		"UpSaleFailure", "CrossSaleSuccess", "CrossSaleFailure", "Cancellation", "Expiration", "BillingDateChange",
		"CustomerDataUpdate", "UserReactivation", "RenewalSuccess (Rebill)", "RenewalFailure (Declined Rebill)",
		"Chargeback", "Return", "Refund", "Void"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("catalogue\n got %q\nwant %q", names, wantNames)
	}
	for name, want := range map[string]string{
		"Return":                           "https://ccbill.com/doc/return", // split <a>R</a><a>eturn</a>
		"Refund":                           "https://ccbill.com/doc/refund", // split <a>Re</a><a>fund</a>
		"RenewalFailure (Declined Rebill)": "https://ccbill.com/doc/renewal-failure-declined-rebill",
		"CustomerDataUpdate":               "https://ccbill.com/doc/billingdatechange", // the page's own error, kept as published
	} {
		if hrefs[name] != want {
			t.Errorf("%s links to %q, want %q", name, hrefs[name], want)
		}
	}
	if len(code) != 1 {
		t.Fatalf("%d code blocks, want the one sample POST", len(code))
	}
	// The sample has no blank line between its headers and its body: that is how the page
	// prints it, and the reader keeps it verbatim.
	wantCode := []string{
		"POST /webhooks.php?clientAccnum=999999&clientSubacc=9999&eventType=Expiration&eventGroupType=Subscription HTTP/1.1",
		"X-Allowed-Satellites: PHX,ASH,AMS",
		"Content-Type: application/x-www-form-urlencoded",
		"Content-Length: 102",
		"Host: merchanturl.com",
		"User-Agent: Java/1.6.0_03",
		"Via: 1.1 wmq1.ccbill.com:3129 (squid/2.7.STABLE5), 1.0 internal",
		"Cache-Control: max-age=0",
		"Connection: keep-alive",
		"clientAccnum=999999&clientSubacc=9999&subscriptionId=0913024401000012340&timestamp=2013-01-25 03:22:44",
	}
	if got := strings.Split(code[0].Text, "\n"); !reflect.DeepEqual(got, wantCode) {
		t.Errorf("sample POST\n got %q\nwant %q", got, wantCode)
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

// TestReadersAgree: the same HTML read as a saved page or as a WordPress post's content gives
// the same blocks, so a spec builder may be handed either capture.
func TestReadersAgree(t *testing.T) {
	for _, name := range []string{"event-page.html", "event-page-aria.html", "event-page-ub.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		page, err := ReadHTML(name, data)
		if err != nil {
			t.Fatal(err)
		}
		post, err := json.Marshal(map[string]any{"title": map[string]string{"rendered": "T"}, "content": map[string]string{"rendered": string(data)}})
		if err != nil {
			t.Fatal(err)
		}
		wp, err := ReadWordPressJSON(name, post)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(wp.Blocks, page.Blocks) {
			t.Errorf("%s: the readers disagree\nReadWordPressJSON %s\nReadHTML %s", name, dump(wp.Blocks), dump(page.Blocks))
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
		{"an entry's own header is content, the site's is not",
			`<body><header><p>site</p></header><article><header><h1>Entry</h1></header><p>body</p></article></body>`,
			[]docmodel.Block{&docmodel.Heading{Level: 1, Text: "Entry"}, &docmodel.Paragraph{Text: "body"}}},
		{"link without text dropped", `<p><a href="/i"><img src="x.png"></a>Caption <a href="/c">here</a></p>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "Caption here", Links: []docmodel.Link{{Text: "here", Href: "/c"}}}}},
		{"nested list inside a wrapper", `<ul><li><p>a <a href="/a">link</a></p><div><ol><li>a1</li></ol></div></li></ul>`,
			[]docmodel.Block{&docmodel.List{Items: []docmodel.ListItem{{Text: "a link", Links: []docmodel.Link{{Text: "link", Href: "/a"}},
				Children: []docmodel.ListItem{{Text: "a1"}}}}}}},
		{"thead header, cells with breaks and no-break spaces", `<table><thead><tr><th>Data<br>Type</th><th>Example</th></tr></thead>` +
			`<tbody><tr><td> string&nbsp;(32)</td><td>CREDIT<br> CHECK <br><br></td></tr></tbody></table>`,
			[]docmodel.Block{&docmodel.Table{Header: []string{"Data Type", "Example"}, Rows: rows([]string{"string (32)", "CREDIT\nCHECK"})}}},
		{"rowspan keeps later cells in their columns", `<table><tr><th>a</th><th>b</th><th>c</th></tr>` +
			`<tr><td rowspan="2">x</td><td>1</td><td rowspan="3">2</td></tr><tr><td>3</td></tr><tr><td>5</td></tr><tr><td>6</td></tr></table>`,
			[]docmodel.Block{&docmodel.Table{Header: []string{"a", "b", "c"}, Rows: rows(
				[]string{"x", "1", "2"}, []string{"", "3", ""}, []string{"5", "", ""}, []string{"6", "", ""})}}},
		{"Ultimate Blocks vertical tabs", `<div class="wp-block-ub-tabbed-content"><div class="wp-block-ub-tabbed-content-tab-title-vertical-wrap">V1</div>` +
			`<div class="wp-block-ub-tabbed-content-tab-content-wrap">x</div></div>`,
			[]docmodel.Block{&docmodel.TabGroup{Tabs: []docmodel.Tab{{Label: "V1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "x"}}}}}}},
		{"header only", `<table><tr><th>a</th><th>b</th></tr></table>`,
			[]docmodel.Block{&docmodel.Table{Header: []string{"a", "b"}}}},
		{"code: Code Block Pro holds the sample twice", `<div class="wp-block-kevinbatdorf-code-block-pro"><span><svg><circle/></svg></span>` +
			"<span role=\"button\" data-code=\"a &amp;&amp; b\n  c\" class=\"code-block-pro-copy-button\"><svg></svg></span>" +
			"<pre class=\"shiki\"><code><span class=\"line\"><span>a &amp;&amp; b</span></span>\n<span class=\"line\"><span>  c</span></span></code></pre></div><p>after</p>",
			[]docmodel.Block{&docmodel.Code{Text: "a && b\n  c"}, &docmodel.Paragraph{Text: "after"}}},
		{"code: textarea source and highlighted lines", "<div class=\"syntax-plugin\"><textarea readonly>x = 1\ny = 2\n</textarea>" +
			`<pre><span class="code-line">x = 1</span><span class="code-line">y = 2</span></pre></div>`,
			[]docmodel.Block{&docmodel.Code{Text: "x = 1\ny = 2"}}},
		{"code: span-per-line markup keeps blank lines, drops the gutter", `<pre><span class="line-numbers">1 2 3</span>` +
			`<span class="line">a</span><span class="line"></span>  <span class="line">b</span></pre>`,
			[]docmodel.Block{&docmodel.Code{Text: "a\n\nb"}}},
		{"code: line elements that hold their own newline", "<pre><code><span class=\"line\">a\n</span><span class=\"line\"></span><span class=\"line\">b\n</span></code></pre>",
			[]docmodel.Block{&docmodel.Code{Text: "a\n\nb"}}},
		{"code: lines without a pre", `<div class="code-view"><div class="line">GET /x</div><div class="line">Host: h</div></div>`,
			[]docmodel.Block{&docmodel.Code{Text: "GET /x\nHost: h"}}},
		{"code: br and no-break spaces in a pre", "<pre>a<br>\u00a0\u00a0b\u200b\n\n</pre>",
			[]docmodel.Block{&docmodel.Code{Text: "a\n  b\n"}}},
		{"code: data-code outside a code block is not code", `<div data-code="US"><p>United States</p></div>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "United States"}}},
		{"two different samples both kept", `<pre>one</pre><pre>two</pre><pre>two</pre>`,
			[]docmodel.Block{&docmodel.Code{Text: "one"}, &docmodel.Code{Text: "two"}}},
		{"Kadence label beside an icon", `<div class="wp-block-kadence-tabs"><ul class="kt-tabs-title-list"><li><a><svg><title>icon</title></svg>` +
			`<span class="kt-title-text">Version 1</span><span class="kt-title-sub-text">old</span></a></li></ul>` +
			`<div class="kt-tabs-content-wrap"><div class="kt-tab-inner-content"><p>x</p></div></div></div>`,
			[]docmodel.Block{&docmodel.TabGroup{Tabs: []docmodel.Tab{{Label: "Version 1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "x"}}}}}}},
		{"Kadence markup the reader does not know is read as it stands", `<div class="wp-block-kadence-tabs"><div class="new-tabs"><p>x</p></div></div>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "x"}}},
		{"ARIA panels by order when tabs do not name them", `<div><ul role="tablist"><li role="tab">V1</li><li role="tab">V2</li></ul>` +
			`<div role="tabpanel"><p>one</p></div><div role="tabpanel"><p>two</p></div></div><p>after</p>`,
			[]docmodel.Block{&docmodel.TabGroup{Tabs: []docmodel.Tab{
				{Label: "V1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "one"}}},
				{Label: "V2", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "two"}}},
			}}, &docmodel.Paragraph{Text: "after"}}},
		{"a tablist without tabs is what it is", `<ul role="tablist"><li>a</li></ul>`,
			[]docmodel.Block{&docmodel.List{Items: []docmodel.ListItem{{Text: "a"}}}}},
		{"two unnamed ARIA groups side by side", `<ul role="tablist"><li role="tab">A1</li></ul><div role="tabpanel">a</div>` +
			`<ul role="tablist"><li role="tab">B1</li><li role="tab">B2</li></ul><section><div role="tabpanel">b1</div><div role="tabpanel">b2</div></section>`,
			[]docmodel.Block{
				&docmodel.TabGroup{Tabs: []docmodel.Tab{{Label: "A1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "a"}}}}},
				&docmodel.TabGroup{Tabs: []docmodel.Tab{
					{Label: "B1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "b1"}}},
					{Label: "B2", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "b2"}}},
				}},
			}},
		{"ARIA panels before their tab list are read in the group, once", `<p>before</p><div id="b" role="tabpanel"><p>two</p></div>` +
			`<div id="a" role="tabpanel"><p>one</p></div><div role="tablist"><a role="tab" aria-controls="a">V1</a><a role="tab" aria-controls="b">V2</a></div><p>after</p>`,
			[]docmodel.Block{&docmodel.Paragraph{Text: "before"}, &docmodel.TabGroup{Tabs: []docmodel.Tab{
				{Label: "V1", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "one"}}},
				{Label: "V2", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "two"}}},
			}}, &docmodel.Paragraph{Text: "after"}}},
		{"nested tab groups", `<div class="wp-block-ub-tabbed-content"><div class="wp-block-ub-tabbed-content-tab-title-wrap">Outer</div>` +
			`<div class="wp-block-ub-tabbed-content-tab-content-wrap"><div class="wp-block-ub-tabbed-content"><div class="wp-block-ub-tabbed-content-tab-title-wrap">Inner</div>` +
			`<div class="wp-block-ub-tabbed-content-tab-content-wrap"><p>deep</p></div></div></div></div>`,
			[]docmodel.Block{&docmodel.TabGroup{Tabs: []docmodel.Tab{{Label: "Outer", Blocks: []docmodel.Block{
				&docmodel.TabGroup{Tabs: []docmodel.Tab{{Label: "Inner", Blocks: []docmodel.Block{&docmodel.Paragraph{Text: "deep"}}}}},
			}}}}}},
		{"U+2010 kept, zero-width dropped", "<p>2012\u201008\u201005 client\u200bAccnum\ufeff</p>",
			[]docmodel.Block{&docmodel.Paragraph{Text: "2012\u201008\u201005 clientAccnum"}}},
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
		{"invalid JSON", ReadWordPressJSON, `{"content":`, "page.json: invalid WordPress JSON: unexpected end of JSON input"},
		{"JSON of the wrong shape", ReadWordPressJSON, `{"content":{"rendered":7}}`, "page.json: invalid WordPress JSON: json: cannot unmarshal number"},
		{"two posts", ReadWordPressJSON, `[{"content":{"rendered":"<p>a</p>"}},{"content":{"rendered":"<p>b</p>"}}]`, "page.json: expected one WordPress post, found an array of 2"},
		{"no posts", ReadWordPressJSON, `[]`, "page.json: expected one WordPress post, found an array of 0"},
		{"no content", ReadWordPressJSON, `{"title":{"rendered":"x"}}`, "page.json: expected a WordPress post with content.rendered"},
		{"null", ReadWordPressJSON, `null`, "page.json: expected a WordPress post with content.rendered"},
		{"empty content", ReadWordPressJSON, `{"content":{"rendered":"  "}}`, "page.json: content.rendered is empty"},
		{"nothing readable", ReadWordPressJSON, `{"content":{"rendered":"<script>x</script><img src=a>"}}`, "page.json: no readable content"},
		{"empty page", ReadHTML, " \n", "page.json: the page is empty"},
		{"page of chrome only", ReadHTML, `<html><head><title>T</title></head><body><nav><p>menu</p></nav><footer>f</footer></body></html>`, "page.json: no readable content"},
		{"Kadence labels and panels disagree", ReadHTML,
			`<div class="wp-block-kadence-tabs"><ul class="kt-tabs-title-list"><li>Version 1</li><li>Version 2</li></ul><div class="kt-tabs-content-wrap"><div class="kt-tab-inner-content"><p>x</p></div></div></div>`,
			`page.json: tab group 1 (Kadence tabs): 2 tab labels ["Version 1" "Version 2"] but 1 panels`},
		{"Ultimate Blocks labels and panels disagree", ReadHTML,
			`<p>intro</p><div class="wp-block-ub-tabbed-content"><div class="wp-block-ub-tabbed-content-tab-title-wrap">Version 1</div>` +
				`<div class="wp-block-ub-tabbed-content-tab-content-wrap"><p>a</p></div><div class="wp-block-ub-tabbed-content-tab-content-wrap"><p>b</p></div></div>`,
			`page.json: tab group 1 (Ultimate Blocks tabbed content): 1 tab labels ["Version 1"] but 2 panels`},
		{"ARIA tabs without enough panels", ReadHTML,
			`<div><div role="tablist"><button role="tab">Version 1</button><button role="tab">Version 2</button></div><div role="tabpanel"><p>a</p></div></div>`,
			`page.json: tab group 1 (ARIA tabs): 2 tab labels ["Version 1" "Version 2"] but 1 panels`},
		{"ARIA tab without its panel", ReadHTML, `<div role="tablist"><button role="tab" aria-controls="p9">Version 1</button></div>`,
			`page.json: tab group 1 (ARIA tabs): tab "Version 1" controls panel "p9", which the page does not have`},
		{"ARIA tabs half named", ReadHTML,
			`<div role="tablist"><button role="tab" aria-controls="p1">Version 1</button><button role="tab">Version 2</button></div><div role="tabpanel" id="p1">a</div><div role="tabpanel">b</div>`,
			`page.json: tab group 1 (ARIA tabs): 1 of the tabs ["Version 1" "Version 2"] name their panel (aria-controls), the others do not`},
		{"second group numbered", ReadHTML,
			`<div class="wp-block-kadence-tabs"><ul class="kt-tabs-title-list"><li>V1</li></ul><div class="kt-tabs-content-wrap"><div class="kt-tab-inner-content">x</div></div></div>` +
				`<div class="wp-block-kadence-tabs"><ul class="kt-tabs-title-list"><li>V1</li></ul><div class="kt-tabs-content-wrap"></div></div>`,
			`page.json: tab group 2 (Kadence tabs): 1 tab labels ["V1"] but 0 panels`},
		{"row wider than the header", ReadHTML, `<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>`,
			`page.json: table 1 (header "a | b"): row 2 has 3 cells, more than the header's 2`},
		{"row wider than the header, in a tab of the second table", ReadWordPressJSON,
			`{"content":{"rendered":"<table><tr><td>x</td></tr></table><div class=\"wp-block-ub-tabbed-content\"><div class=\"wp-block-ub-tabbed-content-tab-title-wrap\">V1</div><div class=\"wp-block-ub-tabbed-content-tab-content-wrap\"><table><thead><tr><th>a</th></tr></thead><tr><td>1</td><td>2</td></tr></table></div></div>"}}`,
			`page.json: table 2 (header "a"): row 1 has 2 cells, more than the header's 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.read("page.json", []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if doc != nil {
				t.Errorf("a document came back with the error")
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "page.json" {
				t.Errorf("error %T %+v is not an *Error naming the file", err, err)
			}
		})
	}
}

// fuzzSeeds are the fixtures, the real overview's HTML, and shapes that once looped or could
// allocate without bound.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, name := range []string{"event-page.html", "event-page-aria.html", "event-page-ub.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(f), "vendor-docs", "ccbill", "webhooks-overview.wp.json"))
	if err != nil {
		f.Fatal(err)
	}
	var post struct {
		Content struct{ Rendered string } `json:"content"`
	}
	if err := json.Unmarshal(data, &post); err != nil {
		f.Fatal(err)
	}
	return append(seeds, []byte(post.Content.Rendered),
		[]byte(`<table><tr><td colspan="99999999">x</td></tr></table>`),
		[]byte(`<div id="p"><div role="tablist"><span role="tab" aria-controls="p">V1</span></div></div>`),
		[]byte(`<div id="a" role="tabpanel"><div role="tablist"><b role="tab" aria-controls="b">1</b></div></div><div id="b" role="tabpanel"><div role="tablist"><b role="tab" aria-controls="a">2</b></div></div>`),
	)
}

// checkDoc holds what every document the readers return promises.
func checkDoc(t *testing.T, doc *docmodel.Document, err error) {
	if err != nil {
		if doc != nil {
			t.Error("a document came back with an error")
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("error %T is not an *Error", err)
		}
		return
	}
	if len(doc.Blocks) == 0 {
		t.Error("no error and no blocks")
	}
	var check func([]docmodel.Block)
	check = func(blocks []docmodel.Block) {
		for _, b := range blocks {
			if b.Pos() != 0 {
				t.Errorf("block at line %d", b.Pos())
			}
			switch b := b.(type) {
			case *docmodel.Table:
				for _, r := range b.Rows {
					if len(r.Cells) != len(b.Header) {
						t.Errorf("row of %d cells under a header of %d", len(r.Cells), len(b.Header))
					}
				}
			case *docmodel.TabGroup:
				for _, tab := range b.Tabs {
					check(tab.Blocks)
				}
			}
		}
	}
	check(doc.Blocks)
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadHTML("fuzz.html", data)
		checkDoc(t, doc, err)
	})
}

func FuzzReadWordPressJSON(f *testing.F) {
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(f), "vendor-docs", "ccbill", "webhooks-overview.wp.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, s := range fuzzSeeds(f) {
		post, err := json.Marshal(map[string]any{"title": map[string]string{"rendered": "T &amp; <em>U</em>"}, "link": "https://example.com/p",
			"modified": "2024-05-13T09:12:44", "content": map[string]string{"rendered": string(s)}})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(post)
	}
	f.Add([]byte(`[{"content":{"rendered":"<ul><li><a href=a>R</a><a href=a>eturn</a></li></ul>"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadWordPressJSON("fuzz.json", data)
		checkDoc(t, doc, err)
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
