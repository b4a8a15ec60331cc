package ccbill

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/internal/readers/htmlpage"
	"github.com/hookspec/hookspec/spec"
)

// TestEventFromHTMLPage reads the live-page fixture (Kadence version tabs, tables with <br> in
// cells) with the HTML reader and builds the event with the builder that reads the guide.
func TestEventFromHTMLPage(t *testing.T) {
	file := filepath.Join("..", "..", "readers", "htmlpage", "testdata", "event-page.html")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := htmlpage.ReadHTML("event-page.html", data)
	if err != nil {
		t.Fatal(err)
	}
	errata := &spec.Errata{Vendor: "ccbill", Entries: []spec.Erratum{{ID: "example-hyphens", Examples: []spec.TextReplacement{{From: "\u2010", To: "-"}}}}}
	ev, findings, err := EventFromPage(doc, "NewSaleSuccess", errata)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Errorf("findings: %v", findings)
	}
	if ev.Name != "NewSaleSuccess" || ev.DocURL != "https://ccbill.com/doc/newsalesuccess" || ev.Description == "" {
		t.Errorf("event %q, doc %q, description %q", ev.Name, ev.DocURL, ev.Description)
	}
	type version struct {
		Number      int
		Released    string
		Formats     []spec.WireFormat
		Rows        []spec.Row
		PassThrough bool
	}
	row := func(name, desc, dt, ex string) spec.Row {
		return spec.Row{Name: name, Description: desc, DataType: dt, Example: ex}
	}
	subscriptionID := row("subscriptionId", "Subscription ID Number.", "bigint(20) unsigned", "0113047601000000080")
	want := []version{
		{1, "", []spec.WireFormat{spec.WireForm}, []spec.Row{
			subscriptionID,
			{Name: "clientAccnum", Description: "CCBill Merchant main account number.", DataType: "mediumint(6) unsigned", Example: "900000",
				Raw: &spec.RawRow{Description: "CCBill Merchant main account number.", DataType: "mediumint(6)\nunsigned", Example: "900000"}},
			row("clientSubacc", "CCBill Merchant sub\u2011account number.", "smallint(4) unsigned zerofill", "0000"),
			{Name: "timestamp", Description: "Time the event occurred.", DataType: "date", Example: "2012-08-05 15:18:17",
				Raw: &spec.RawRow{Description: "Time the event occurred.", DataType: "date", Example: "2012\u201008\u201005 15:18:17"}},
		}, false},
		{2, "2013-10-30", []spec.WireFormat{spec.WireForm}, []spec.Row{
			subscriptionID,
			{Name: "paymentType", Description: "Payment type used.", DataType: "string", Example: "CREDIT",
				Raw: &spec.RawRow{Description: "Payment type used.", DataType: "string", Example: "CREDIT\nCHECK"}},
			row("paymentAccount", "Unique payment account identifier.", "string(32)", "8d6f67f4e8d5bbb5d0a9d17e2c2a7e3a"),
		}, false},
		{3, "", []spec.WireFormat{spec.WireForm, spec.WireJSON}, []spec.Row{
			subscriptionID,
			row("flexId", "Displays the Flex ID of a form if the form used is a FlexForm, does not appear if a FlexForm is not used.", "UUID(36)", "cb617dcc-8467-49ab-b3a7-735ce1d60ad9"),
		}, true},
	}
	var got []version
	for _, v := range ev.Versions {
		got = append(got, version{v.Number, v.Released, v.Formats, v.Rows, v.PassThrough})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("versions:\n got %+v\nwant %+v", got, want)
	}
	if _, _, err := EventFromPage(doc, "Void", nil); err == nil || err.Error() != "event-page.html: expected a heading naming event Void" {
		t.Errorf("EventFromPage(Void) = %v", err)
	}
}
