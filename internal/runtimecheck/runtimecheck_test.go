package runtimecheck

import (
	"strings"
	"testing"

	"github.com/hookspec/hookspec/spec"
)

func TestAccepts(t *testing.T) {
	bigint := spec.Constraint{Kind: spec.KindDigits, Min: "0", Max: "18446744073709551615"}
	for _, tc := range []struct {
		name string
		c    spec.Constraint
		in   []string
		out  []string
	}{
		{"absent passes every check", spec.Constraint{Kind: spec.KindDigits, Width: 4, Format: spec.FormatMMYY}, []string{""}, nil},
		{"digits", spec.Constraint{Kind: spec.KindDigits}, []string{"0", "007", "12345678901234567890123"}, []string{"-1", "-0", "1a", "+1", " 1", "1.0"}},
		{"digits past uint64", bigint, []string{"18446744073709551615", "018446744073709551615"}, []string{"18446744073709551616"}},
		{"digits range", spec.Constraint{Kind: spec.KindDigits, Min: "10", Max: "99"}, []string{"10", "010", "99"}, []string{"9", "100"}},
		{"integer", spec.Constraint{Kind: spec.KindInteger, Min: "-128", Max: "127"}, []string{"-128", "-0", "0", "127", "0127"}, []string{"-129", "128", "-", "1.5"}},
		{"integer unbounded", spec.Constraint{Kind: spec.KindInteger}, []string{"-99999999999999999999", "5"}, []string{"5.0", "true"}},
		{"decimal", spec.Constraint{Kind: spec.KindDecimal, Precision: 9, Scale: 2}, []string{"1234567.89", "-0.5", "7"}, []string{"12345678", "1.234", ".5", "5."}},
		{"width", spec.Constraint{Kind: spec.KindString, Width: 3}, []string{"abc", "äöü"}, []string{"ab", "abcd"}},
		{"max length counts characters", spec.Constraint{Kind: spec.KindString, MaxLength: 3}, []string{"abc", "äöü", "ab"}, []string{"abcd"}},
		{"width wins over max length", spec.Constraint{Kind: spec.KindString, Width: 2, MaxLength: 4}, []string{"ab"}, []string{"abc"}},
		{"digits and width", spec.Constraint{Kind: spec.KindDigits, Width: 4}, []string{"0042"}, []string{"42", "004x"}},
		{"free text", spec.Constraint{Kind: spec.KindString}, []string{"true", "false", "anything at all"}, nil},
		{"boolean", spec.Constraint{Kind: spec.KindBoolean}, []string{"true", "false"}, []string{"1", "TRUE", "yes"}},
		{"text format", spec.Constraint{Kind: spec.KindString, Format: spec.FormatDate}, []string{"2012-02-29"}, []string{"2013-02-29", "true"}},
		{"digits format", spec.Constraint{Kind: spec.KindDigits, Width: 4, Format: spec.FormatMMYY}, []string{"0217", "1299"}, []string{"1317", "0017"}},
		{"integer format is a range", spec.Constraint{Kind: spec.KindInteger, Format: spec.FormatUnixTime}, []string{"0", "1700000000", "253402300799"}, []string{"-1", "253402300800"}},
		{"integer format within the constraint's range", spec.Constraint{Kind: spec.KindInteger, Max: "100", Format: spec.FormatUnixTime}, []string{"100"}, []string{"101"}},
		{"email", spec.Constraint{Kind: spec.KindString, MaxLength: 20, Format: spec.FormatEmail}, []string{"jo@example.com"}, []string{"jo.example.com", "jo@@example.com", "jo @example.com", "jo@" + strings.Repeat("x", 20)}},
		{"unknown format accepts nothing", spec.Constraint{Kind: spec.KindString, Format: "morse"}, nil, []string{"...", "x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, s := range tc.in {
				if !Accepts(tc.c, s) {
					t.Errorf("Accepts(%+v, %q) = false, want true", tc.c, s)
				}
			}
			for _, s := range tc.out {
				if Accepts(tc.c, s) {
					t.Errorf("Accepts(%+v, %q) = true, want false", tc.c, s)
				}
			}
		})
	}
}

// TestFormatTable holds the runtime checks to the spec's format table: every runtime check a row
// names exists, every format the runtime can check accepts the row's valid example and refuses
// its violation, and a format it cannot check accepts nothing, not even the valid example.
func TestFormatTable(t *testing.T) {
	for _, fi := range spec.Formats() {
		t.Run(string(fi.Format), func(t *testing.T) {
			_, text := RuntimeFormat(fi.Format)
			ranged := fi.Min != "" || fi.Max != ""
			if fi.Runtime != "" && !text {
				t.Errorf("the table's row names the runtime check webhook.%s, which webhook does not have", fi.Runtime)
			}
			for _, kind := range fi.Kinds {
				c := spec.Constraint{Kind: kind, Format: fi.Format}
				valid, violation := Accepts(c, fi.Valid), Accepts(c, fi.Violation)
				switch {
				case text || ranged:
					if !valid {
						t.Errorf("%s %s: the table's valid example %q is refused", kind, fi.Format, fi.Valid)
					}
					if violation {
						t.Errorf("%s %s: the table's violation %q (%s) is accepted", kind, fi.Format, fi.Violation, fi.ViolationAbout)
					}
				case valid:
					t.Errorf("%s %s: no runtime check, yet %q is accepted", kind, fi.Format, fi.Valid)
				}
			}
		})
	}
}
