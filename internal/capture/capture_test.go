package capture

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/spec"
)

func ccbillCapture(t *testing.T) *Result {
	t.Helper()
	root := testenv.RepoRoot(t)
	res, err := Run("ccbill", filepath.Join(testenv.SharedDir(t), "vendor-docs", "ccbill"), filepath.Join(root, "spec", "ccbill", "errata.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCCBillCounts pins what the guide holds: 19 events, 54 event versions, and every variable
// row of every table. 23 versions declare pass-through: the 9 tables with a Pass-through row,
// the 13 derived versions whose base is one of them, and Cancellation, whose section says how
// its pass-through keys are spelled.
func TestCCBillCounts(t *testing.T) {
	s := ccbillCapture(t).Spec
	versions, rows, passThrough := 0, 0, 0
	for _, e := range s.Events {
		versions += len(e.Versions)
		for _, v := range e.Versions {
			rows += len(v.Rows)
			if v.PassThrough {
				passThrough++
			}
		}
	}
	// 929 rows of the guide's tables, and 28 that errata add where real traffic or the
	// ChangeLog shows a member the tables lack (sale-currency-letters-seen: 15,
	// card-details-seen: 10, customerdataupdate-last4: 3).
	if len(s.Events) != 19 || versions != 54 || rows != 929+28 || passThrough != 23 {
		t.Errorf("got %d events, %d versions, %d rows, %d pass-through declarations; want 19, 54, 957, 23", len(s.Events), versions, rows, passThrough)
	}
	perEvent := map[string]int{
		"UserReactivation": 1, "NewSaleSuccess": 6, "NewSaleFailure": 3, "UpgradeSuccess": 2, "UpgradeFailure": 1,
		"UpSaleSuccess": 3, "UpSaleFailure": 2, "CrossSaleSuccess": 3, "CrossSaleFailure": 2, "Cancellation": 1,
		"Expiration": 1, "BillingDateChange": 1, "CustomerDataUpdate": 4, "RenewalSuccess": 5, "RenewalFailure": 3,
		"Chargeback": 4, "Return": 4, "Refund": 4, "Void": 4,
	}
	for _, e := range s.Events {
		if perEvent[e.Name] != len(e.Versions) {
			t.Errorf("%s: %d versions, want %d", e.Name, len(e.Versions), perEvent[e.Name])
		}
		delete(perEvent, e.Name)
	}
	if len(perEvent) > 0 {
		t.Errorf("events missing: %v", perEvent)
	}
	if n := len(s.Tables.Currencies); n != 6 {
		t.Errorf("%d currencies, want 6", n)
	}
	if n := len(s.Tables.DeclineCodes); n != 45 {
		t.Errorf("%d decline codes, want 45", n)
	}
	if n := len(s.Changelog); n != 8 {
		t.Errorf("%d releases, want 8", n)
	}
}

// TestCCBillReproducible re-runs the capture and compares it byte for byte with the committed
// spec/ccbill: the committed files are exactly what specgen writes, and nothing else is there.
func TestCCBillReproducible(t *testing.T) {
	res := ccbillCapture(t)
	again := ccbillCapture(t)
	dir := filepath.Join(testenv.RepoRoot(t), "spec", "ccbill")
	var names []string
	for n, b := range res.Files {
		names = append(names, n)
		if !bytes.Equal(b, again.Files[n]) {
			t.Errorf("%s differs between two runs on the same pages", n)
		}
		committed, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Errorf("%v (run `make capture`)", err)
			continue
		}
		if !bytes.Equal(committed, b) {
			t.Errorf("spec/ccbill/%s is stale: run `make capture` and review the diff", n)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "errata.yaml" && !slices.Contains(names, e.Name()) {
			t.Errorf("spec/ccbill/%s is not written by specgen and is not errata.yaml", e.Name())
		}
	}
	loaded, err := spec.Load(dir)
	if err != nil {
		t.Fatalf("the committed spec does not load: %v", err)
	}
	if len(loaded.Events) != len(res.Spec.Events) {
		t.Errorf("loaded %d events, captured %d", len(loaded.Events), len(res.Spec.Events))
	}
}

func TestCCBillEnums(t *testing.T) {
	s := ccbillCapture(t).Spec
	want := map[string][]string{
		"threeDSecure":    {"NOT_APPLICABLE", "AUTH_SUCCESS", "AUTH_ATTEMPTED", "AUTH_FAILED", "AUTH_UNAVAILABLE"},
		"paymentType":     {"CREDIT", "CHECK", "TELEPHONE", "DPEU"},
		"cardType":        {"VISA", "MASTERCARD", "DISCOVER", "JCB", "AMEX", "OTHER"},
		"prePaid":         {"0", "1"},
		"source":          {"FORM", "API", "PHONE"},
		"affiliateSystem": {"LTS", "WMS", "Miscellaneous"},
		"currency":        {"AUD", "CAD", "JPY", "GBP", "USD", "EUR"},
		"currencyCode":    {"036", "124", "392", "826", "840", "978"},
		// Not in the guide: the vendor's current pages, as erratum card-details-seen cites them.
		"scaResponseStatus": {"E", "Y", "N", "A", "U", "R"},
	}
	// Appendix B: the codes 1 to 45, in order, with the texts of the decline-code table.
	var decline []string
	for i := 1; i <= 45; i++ {
		decline = append(decline, strconv.Itoa(i))
	}
	want["declineCode"] = decline
	if e := s.Enum("declineCode"); e == nil || e.Values[5].Description != "Please check to ensure you entered your expiration date correctly" {
		t.Errorf("declineCode 6 = %+v", e)
	}
	var got []string
	for _, e := range s.Enums {
		got = append(got, e.Name)
		var values []string
		for _, v := range e.Values {
			values = append(values, v.Value)
		}
		if !slices.Equal(values, want[e.Name]) {
			t.Errorf("enum %s = %q, want %q", e.Name, values, want[e.Name])
		}
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	if !slices.Equal(got, names) {
		t.Errorf("enums %q, want %q", got, names)
	}
	fieldEnums := map[string]string{
		"threeDSecure": "threeDSecure", "paymentType": "paymentType", "cardType": "cardType",
		"billedCurrency": "currency", "accountingCurrency": "currency", "currency": "currency",
		"billedCurrencyCode": "currencyCode", "accountingCurrencyCode": "currencyCode",
		"subscriptionCurrencyCode": "currencyCode", "currencyCode": "currencyCode", "reason": "",
	}
	for f, e := range fieldEnums {
		if got := s.Field(f); got == nil || got.Enum != e {
			t.Errorf("field %s: enum %v, want %q", f, got, e)
		}
	}
}

// TestCCBillDecisions checks the errata's effect on the fields and versions it names.
func TestCCBillDecisions(t *testing.T) {
	s := ccbillCapture(t).Spec
	f := s.Field("flexID")
	if f == nil || f.Name != "flexId" || !slices.Contains(f.Aliases, "flexID") || f.GoName != "FlexID" {
		t.Errorf("flexID resolves to %+v, want the flexId field with alias flexID", f)
	}
	if f := s.Field("timestamp"); f.Format != spec.FormatTimestamp || f.Presence.Kind != spec.PresenceAlways {
		t.Errorf("timestamp: %+v", f)
	}
	if f := s.Field("password"); f.Sensitivity != spec.SensitivitySecret {
		t.Errorf("password sensitivity %q", f.Sensitivity)
	}
	if f := s.Field("expDate"); f.Format != spec.FormatMMYY || f.Sensitivity != spec.SensitivityPersonal {
		t.Errorf("expDate: %+v", f)
	}
	if f := s.Field("avsResponse"); f.Presence.Kind != spec.PresenceConditional || !strings.Contains(f.Presence.Condition, "Merchant Support") {
		t.Errorf("avsResponse presence %+v", f.Presence)
	}
	if c := s.Event("CustomerDataUpdate").DocURL; c != "https://ccbill.com/doc/customerdataupdate" {
		t.Errorf("CustomerDataUpdate doc URL %s", c)
	}
	if n := s.Event("RenewalFailure").Version(3).Note; !strings.Contains(n, "RenewalFailure in version 3") {
		t.Errorf("RenewalFailure 3 note %q", n)
	}
	for _, ev := range []string{"UpgradeSuccess", "UpgradeFailure", "UpSaleSuccess", "UpSaleFailure", "CrossSaleSuccess", "CrossSaleFailure"} {
		for _, v := range s.Event(ev).Versions {
			if v.Base == nil {
				t.Errorf("%s version %d has no base", ev, v.Number)
			}
		}
	}
	if v := s.Event("NewSaleSuccess").Version(3); v.Released != "2014-04-24" || !slices.Equal(v.Formats, []spec.WireFormat{spec.WireForm}) {
		t.Errorf("NewSaleSuccess 3: released %q formats %v", v.Released, v.Formats)
	}
	d := s.Vendor.Delivery
	var cidrs []string
	for _, r := range d.SourceRanges {
		cidrs = append(cidrs, r.CIDR)
	}
	if !slices.Equal(cidrs, []string{"64.38.212.0/24", "64.38.215.0/24", "64.38.240.0/24", "64.38.241.0/24"}) {
		t.Errorf("source ranges %v", cidrs)
	}
	wantSatellites := []spec.Satellite{{Code: "PHX", Location: "Phoenix, AZ"}, {Code: "ASH", Location: "Ashburn, VA"}, {Code: "AMS", Location: "Amsterdam, the Netherlands"}}
	if !slices.Equal(d.Satellites, wantSatellites) {
		t.Errorf("satellites %+v", d.Satellites)
	}
	wantParams := []spec.QueryParameter{
		{Name: "clientAccnum", Description: "The Merchant's account number.", Field: "clientAccnum", Role: spec.RoleAccount},
		{Name: "clientSubacc", Description: "The Merchant subaccount number.", Field: "clientSubacc", Role: spec.RoleAccount},
		{Name: "eventType", Description: "The Webhook event being sent, such as NewSaleSuccess or Expiration", Role: spec.RoleEventType},
		{Name: "eventGroupType", Description: "The event group that the event type falls in. At this time, only Subscription is a valid option.", Values: []string{"Subscription"}, Role: spec.RoleEventGroup},
	}
	if !reflect.DeepEqual(d.QueryParameters, wantParams) {
		t.Errorf("query parameters %+v", d.QueryParameters)
	}
	if len(d.Samples) != 3 || len(d.Headers) != 8 || d.Headers[0] != (spec.Header{Name: "X-Allowed-Satellites", Value: "PHX,ASH,AMS"}) {
		t.Errorf("delivery: %d samples, headers %+v", len(d.Samples), d.Headers)
	}
	if s.Vendor.PassThrough == nil || s.Vendor.PassThrough.Prefix != "X-" {
		t.Errorf("pass-through %+v", s.Vendor.PassThrough)
	}
}

// TestCCBillDataTypes: the spec's data types are exactly the guide's distinct texts, and char(1),
// which erratum card-details-seen takes from the vendor's current pages for scaResponseStatus.
func TestCCBillDataTypes(t *testing.T) {
	s := ccbillCapture(t).Spec
	var got []string
	for _, d := range s.DataTypes {
		got = append(got, d.Text)
	}
	want := []string{"UUID(36)", "Varchar(3)", "alpha-numeric hash", "bigint(20) unsigned", "char(1)", "char(255)", "date",
		"decimal(7,2)", "decimal(9,2)", "int", "int(10)", "int(3)", "mediumint(6) unsigned", "short",
		"smallint(4) unsigned", "smallint(4) unsigned zerofill", "string", "string(32)", "tinyint(2) unsigned",
		"varchar(10)", "varchar(16)", "varchar(20)", "varchar(30)", "varchar(31)", "varchar(40)", "varchar(50)"}
	if !slices.Equal(got, want) {
		t.Errorf("data types\n got %q\nwant %q", got, want)
	}
}

func TestCCBillDiscrepancies(t *testing.T) {
	res := ccbillCapture(t)
	report := string(res.Files[DiscrepanciesFile])
	for _, want := range []string{
		"NewSaleSuccess version 3 has no \"Version 3\" heading",
		"links both BillingDateChange and CustomerDataUpdate",
		"**customerdataupdate-last4** (correction)",
		"  - Evidence: real payload ccbillruby-cancellation.json (DmytroVasin/ccbill_ruby responses/cancellation.json, a Cancellation): source customerSupport",
		"Return version 2: last4 first appears in Return version 2; the ChangeLog does not mention it.",
		"**derived-base-by-release** (decision)",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("DISCREPANCIES.md lacks %q", want)
		}
	}
}
