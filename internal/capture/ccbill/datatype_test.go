package ccbill

import (
	"testing"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// guideDataTypes is every distinct data-type text of the guide with the constraint it states.
// The N of a MySQL integer type is a display width, so only zerofill types carry a length (their
// Width); the others are bounded by their range alone.
// TestGuideDataTypesAreAllListed (capture tests) checks that the captured spec holds exactly
// these texts, so a new text in the vendor's pages fails until someone reads it and adds it here.
var guideDataTypes = map[string]spec.Constraint{
	"alpha-numeric hash":            {Kind: spec.KindString, Format: spec.FormatAlnum},
	"bigint(20) unsigned":           {Kind: spec.KindDigits, Min: "0", Max: "18446744073709551615"},
	"char(255)":                     {Kind: spec.KindString, MaxLength: 255},
	"date":                          {Kind: spec.KindString, Format: spec.FormatDate},
	"decimal(7,2)":                  {Kind: spec.KindDecimal, Precision: 7, Scale: 2},
	"decimal(9,2)":                  {Kind: spec.KindDecimal, Precision: 9, Scale: 2},
	"int":                           {Kind: spec.KindDigits, Min: "0", Max: "2147483647"},
	"int(10)":                       {Kind: spec.KindDigits, Min: "0", Max: "2147483647"},
	"int(3)":                        {Kind: spec.KindDigits, Min: "0", Max: "2147483647"},
	"mediumint(6) unsigned":         {Kind: spec.KindDigits, Min: "0", Max: "16777215"},
	"short":                         {Kind: spec.KindDigits, Min: "0", Max: "32767"},
	"smallint(4) unsigned":          {Kind: spec.KindDigits, Min: "0", Max: "65535"},
	"smallint(4) unsigned zerofill": {Kind: spec.KindDigits, Width: 4, Min: "0", Max: "65535"},
	"string":                        {Kind: spec.KindString},
	"string(32)":                    {Kind: spec.KindString, MaxLength: 32},
	"tinyint(2) unsigned":           {Kind: spec.KindDigits, Min: "0", Max: "255"},
	"UUID(36)":                      {Kind: spec.KindString, Format: spec.FormatUUID, Width: 36},
	"varchar(10)":                   {Kind: spec.KindString, MaxLength: 10},
	"varchar(16)":                   {Kind: spec.KindString, MaxLength: 16},
	"varchar(20)":                   {Kind: spec.KindString, MaxLength: 20},
	"varchar(30)":                   {Kind: spec.KindString, MaxLength: 30},
	"varchar(31)":                   {Kind: spec.KindString, MaxLength: 31},
	"varchar(40)":                   {Kind: spec.KindString, MaxLength: 40},
	"varchar(50)":                   {Kind: spec.KindString, MaxLength: 50},
	"Varchar(3)":                    {Kind: spec.KindString, MaxLength: 3},
}

func TestParseDataType(t *testing.T) {
	for text, want := range guideDataTypes {
		t.Run(text, func(t *testing.T) {
			got, err := ParseDataType(text)
			if err != nil {
				t.Fatal(err)
			}
			if got.Constraint != want {
				t.Errorf("ParseDataType(%q) = %+v, want %+v", text, got.Constraint, want)
			}
		})
	}
}

// TestDisplayWidthIsNotALength reads wire values against the parsed constraints: a MySQL display
// width neither limits the digits a value is sent with nor lets a value leave the type's range.
func TestDisplayWidthIsNotALength(t *testing.T) {
	tests := []struct {
		dataType, value string
		accepted        bool
	}{
		{"tinyint(2) unsigned", "099", true},  // three characters, value 99
		{"tinyint(2) unsigned", "255", true},  // wider than 2, within the range
		{"tinyint(2) unsigned", "256", false}, // out of the range
		{"smallint(4) unsigned", "00099", true},
		{"smallint(4) unsigned", "65535", true},
		{"smallint(4) unsigned", "65536", false},
		{"int(3)", "1000", true},
		{"int(3)", "2147483648", false},
		{"mediumint(6) unsigned", "0900100", true},
		{"short", "000005", true},
		{"short", "32768", false},
		{"smallint(4) unsigned zerofill", "0005", true},
		{"smallint(4) unsigned zerofill", "5", false}, // zerofill pads: the width is the value's
		{"smallint(4) unsigned zerofill", "00005", false},
	}
	for _, tc := range tests {
		dt, err := ParseDataType(tc.dataType)
		if err != nil {
			t.Fatal(err)
		}
		c := dt.Constraint
		got := webhook.IsDigits(tc.value) && webhook.InRange(tc.value, c.Min, c.Max) &&
			(c.Width == 0 || len(tc.value) == c.Width) && (c.MaxLength == 0 || len(tc.value) <= c.MaxLength)
		if got != tc.accepted {
			t.Errorf("%s: %q accepted = %v, want %v (constraint %+v)", tc.dataType, tc.value, got, tc.accepted, c)
		}
	}
}

func TestParseDataTypeFoldsWrappedCells(t *testing.T) {
	got, err := ParseDataType("smallint(4)\nunsigned\nzerofill")
	if err != nil || got.Text != "smallint(4) unsigned zerofill" || got.Constraint.Width != 4 {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestParseDataTypeRejectsUnknown(t *testing.T) {
	for _, text := range []string{"", "number", "varchar", "decimal(2,5)", "blob(10)", "int(3) signed"} {
		if dt, err := ParseDataType(text); err == nil {
			t.Errorf("ParseDataType(%q) = %+v, want an error", text, dt)
		}
	}
}

func TestSplitVariableRows(t *testing.T) {
	tests := []struct {
		text  string
		glued bool
		want  []string
	}{
		{"subscriptionId Subscription ID Number. bigint(20) unsigned 1000000000", false,
			[]string{"subscriptionId", "Subscription ID Number.", "bigint(20) unsigned", "1000000000"}},
		{"subscriptionIdSubscription ID Number.bigint(20)\nunsigned\n1000000000", true,
			[]string{"subscriptionId", "Subscription ID Number.", "bigint(20) unsigned", "1000000000"}},
		{"clientAccnumCCBill Merchant main account number.mediumint(6)\nunsigned\n900100", true,
			[]string{"clientAccnum", "CCBill Merchant main account number.", "mediumint(6) unsigned", "900100"}},
		{"nextRenewalDate Next billing date for recurring subscriptions string 2012-09-19", false,
			[]string{"nextRenewalDate", "Next billing date for recurring subscriptions", "string", "2012-09-19"}},
		{"nextRenewalDateNext billing date for recurring subscriptions.\nstring\n2021-09-19", true,
			[]string{"nextRenewalDate", "Next billing date for recurring subscriptions.", "string", "2021-09-19"}},
		{"timestampTime the event occurred.date2021‐08‐05 15:18:17", true,
			[]string{"timestamp", "Time the event occurred.", "date", "2021‐08‐05 15:18:17"}},
		{"dynamicPricingValidationDigest Hash digest. If not using it, this value will return as a blank string. string(32) s4f5", false,
			[]string{"dynamicPricingValidationDigest", "Hash digest. If not using it, this value will return as a blank string.", "string(32)", "s4f5"}},
		{"formName Three (or more) character code for\nthe CCBill form. char(255) 13cc", false,
			[]string{"formName", "Three (or more) character code for\nthe CCBill form.", "char(255)", "13cc"}},
		{"expDate Expiration Date. smallint(4) unsigned zerofill 0217\n(MMYY)", false,
			[]string{"expDate", "Expiration Date.", "smallint(4) unsigned zerofill", "0217\n(MMYY)"}},
		{"Pass-through Key/Values Pass-through value pairs are passed with this post, if they exist. string Varies.", false,
			[]string{"Pass-through Key/Values", "Pass-through value pairs are passed with this post, if they exist.", "string", "Varies."}},
	}
	for _, tc := range tests {
		got, err := variableRows{}.Split(tc.text, tc.glued)
		if err != nil {
			t.Errorf("Split(%q): %v", tc.text, err)
			continue
		}
		if len(got) != 4 || got[0] != tc.want[0] || got[1] != tc.want[1] || got[2] != tc.want[2] || got[3] != tc.want[3] {
			t.Errorf("Split(%q)\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestRowContinuation(t *testing.T) {
	r := variableRows{}
	if r.StartsRow("unsigned") || r.StartsRow("string") || r.StartsRow("900100") || r.StartsRow("WMS") || r.StartsRow("(MMYY)") {
		t.Error("a wrapped cell was read as the start of a row")
	}
	if !r.StartsRow("bin BIN of the Credit Card used mediumint(6)") || !r.StartsRow("Pass-through Key/Values ...") {
		t.Error("a row start was read as a continuation")
	}
	if r.Complete("formName Three (or more) character code for", false) {
		t.Error("a row without its data type was read as complete")
	}
}

func TestExampleList(t *testing.T) {
	tests := map[string][]string{
		"Possible Values: CREDIT, CHECK, TELEPHONE, or DPEU": {"CREDIT", "CHECK", "TELEPHONE", "DPEU"},
		"LTS\nWMS\nMiscellaneous":                            {"LTS", "WMS", "Miscellaneous"},
		"FORM, API, or PHONE":                                {"FORM", "API", "PHONE"},
		"0, 1":                                               {"0", "1"},
		"978\n(see Appendix A for a list of Currency Codes.)":                    nil,
		"10.00(USD) for 10 days (trial) then 10.00(USD) recurring every 30 days": nil,
		"(515) 555-1212": nil,
	}
	for in, want := range tests {
		got := exampleList(in)
		if len(got) != len(want) {
			t.Errorf("exampleList(%q) = %q, want %q", in, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("exampleList(%q) = %q, want %q", in, got, want)
			}
		}
	}
}
