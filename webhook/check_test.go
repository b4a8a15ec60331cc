package webhook

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestChecks(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) bool
		good  []string
		bad   []string
	}{
		{"IsDigits", IsDigits, []string{"0", "0000", "0913024401000012340", "18446744073709551615"}, []string{"", "-1", "1.0", "1e3", " 1", "１"}},
		{"IsInteger", IsInteger, []string{"0", "-1", "007"}, []string{"", "-", "+1", "1.5"}},
		{"IsDate", IsDate, []string{"2012-08-05", "2024-02-29", "2000-02-29"}, []string{"", "2012-8-05", "2023-02-29", "1900-02-29", "2012-13-01", "2012-00-10", "2012-04-31", "2012‐08‐05", "2012/08/05", "2012-08-05 15:18:17"}},
		{"IsTimestamp", IsTimestamp, []string{"2012-08-05 15:18:17", "2013-01-25 03:22:44", "2020-12-31 23:59:59"}, []string{"", "2012-08-05", "2012-08-05T15:18:17", "2012-08-05 24:00:00", "2012-08-05 15:60:00", "2012-08-05 15:18:60", "2012‐08‐05 15:18:17"}},
		{"IsMMYY", IsMMYY, []string{"0217", "1299", "0100"}, []string{"", "1317", "0017", "217", "02/17", "021a"}},
		{"IsUUID", IsUUID, []string{"cb617dcc-8467-49ab-b3a7-735ce1d60ad9", "CB617DCC-8467-49AB-B3A7-735CE1D60AD9"}, []string{"", "cb617dcc84674-9ab-b3a7-735ce1d60ad9", "cb617dcc-8467-49ab-b3a7-735ce1d60ad", "gb617dcc-8467-49ab-b3a7-735ce1d60ad9", "cb617dcc-8467-49ab-b3a7-735ce1d60adz", "cb617dcc-8467-49ab-b3a7-735ce1d6-ad9", "cb617dcc-8467-49ab-b3a7-735ce1d60a\u00e9"}},
		{"IsAlnum", IsAlnum, []string{"abc123", "A"}, []string{"", "a-b", "é", "a b", "abc\x00"}},
		{"IsEmail", IsEmail, []string{"jo@example.com", "a@b", "jo.o+x@ex-ample.co.uk", "é@ü"}, []string{"", "@", "jo@", "@example.com", "jo.example.com", "jo@@example.com", "j o@example.com", "jo@example.com\n", "jo\u00a0@x", "a@b@c"}},
		{"InRange 0..16777215", func(s string) bool { return InRange(s, "0", "16777215") }, []string{"0", "900000", "16777215", "016777215"}, []string{"16777216", "-1", "", "x"}},
		{"InRange bigint unsigned", func(s string) bool { return InRange(s, "0", "18446744073709551615") }, []string{"18446744073709551615", "0913024401000012340"}, []string{"18446744073709551616", "100000000000000000000"}},
		{"InRange -128..127", func(s string) bool { return InRange(s, "-128", "127") }, []string{"-128", "-0", "0", "127"}, []string{"-129", "128"}},
		{"InRange 10..99", func(s string) bool { return InRange(s, "10", "99") }, []string{"10", "010", "99", "0099"}, []string{"9", "09", "100", "-10", "0"}},
		{"InRange open", func(s string) bool { return InRange(s, "", "") }, []string{"-99999999999999999999999", "5"}, []string{"5.0"}},
		{"IsDecimal 9,2", func(s string) bool { return IsDecimal(s, 9, 2) }, []string{"0", "4.99", "9.95", "1234567.89", "-5.5", "0001234567.89", "10"}, []string{"", "12345678.9", "1.234", ".5", "5.", "1,00", "1e3", "--1", "4.99 "}},
		{"IsDecimal 2,2", func(s string) bool { return IsDecimal(s, 2, 2) }, []string{"0.99", "0", "0.5"}, []string{"1.00", "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.good {
				if !tt.check(s) {
					t.Errorf("%s(%q) = false, want true", tt.name, s)
				}
			}
			for _, s := range tt.bad {
				if tt.check(s) {
					t.Errorf("%s(%q) = true, want false", tt.name, s)
				}
			}
		})
	}
}

// TestValidator runs one Validator call per rule on a bad value and checks the Problem it
// records and its message; the same calls on good or empty values record nothing.
func TestValidator(t *testing.T) {
	tests := []struct {
		name     string
		bad      func(v *Validator)
		good     func(v *Validator)
		want     Problem
		wantText string
	}{
		{"required",
			func(v *Validator) { v.Required("clientAccnum", "") },
			func(v *Validator) { v.Required("clientAccnum", "900000") },
			Problem{Field: "clientAccnum", Rule: RuleRequired}, "clientAccnum: required but missing"},
		{"max length counts characters",
			func(v *Validator) { v.MaxLength("city", "Zürich-Zürich-Zürich-Zürich-Zür", 30, Show) },
			func(v *Validator) { v.MaxLength("city", "Zürich-Zürich-Zürich-Zürich-Zü", 30, Show) },
			Problem{Field: "city", Rule: RuleMaxLength, Limit: "30", Value: "Zürich-Zürich-Zürich-Zürich-Zür"}, `city: longer than 30 characters: "Zürich-Zürich-Zürich-Zürich-Zür"`},
		{"secret values are redacted",
			func(v *Validator) { v.MaxLength("password", "correct horse battery staple and more", 30, Redact) },
			func(v *Validator) { v.MaxLength("password", "mYPaSSw0rD", 30, Redact) },
			Problem{Field: "password", Rule: RuleMaxLength, Limit: "30", Redacted: true}, "password: longer than 30 characters (value redacted)"},
		{"width",
			func(v *Validator) { v.Width("clientSubacc", "000", 4, Show) },
			func(v *Validator) { v.Width("clientSubacc", "0000", 4, Show) },
			Problem{Field: "clientSubacc", Rule: RuleWidth, Limit: "4", Value: "000"}, `clientSubacc: not exactly 4 characters: "000"`},
		{"digits",
			func(v *Validator) { v.Digits("subscriptionId", "12a", "0", "18446744073709551615", Show) },
			func(v *Validator) {
				v.Digits("subscriptionId", "0913024401000012340", "0", "18446744073709551615", Show)
			},
			Problem{Field: "subscriptionId", Rule: RuleDigits, Value: "12a"}, `subscriptionId: not digits only: "12a"`},
		{"range",
			func(v *Validator) { v.Digits("clientAccnum", "16777216", "0", "16777215", Show) },
			func(v *Validator) { v.Digits("clientAccnum", "", "0", "16777215", Show) },
			Problem{Field: "clientAccnum", Rule: RuleRange, Limit: "0..16777215", Value: "16777216"}, `clientAccnum: outside 0..16777215: "16777216"`},
		{"integer",
			func(v *Validator) { v.Integer("rebills", "1.5", "-2147483648", "2147483647", Show) },
			func(v *Validator) { v.Integer("rebills", "-3", "-2147483648", "2147483647", Show) },
			Problem{Field: "rebills", Rule: RuleInteger, Value: "1.5"}, `rebills: not an integer: "1.5"`},
		{"decimal",
			func(v *Validator) { v.Decimal("billedInitialPrice", "4.999", 9, 2, Show) },
			func(v *Validator) { v.Decimal("billedInitialPrice", "4.99", 9, 2, Show) },
			Problem{Field: "billedInitialPrice", Rule: RuleDecimal, Limit: "9,2", Value: "4.999"}, `billedInitialPrice: not a decimal of at most 9 digits with at most 2 after the point: "4.999"`},
		{"format",
			func(v *Validator) { v.Format("timestamp", "2012-08-05", FormatTimestamp, Show) },
			func(v *Validator) { v.Format("timestamp", "2012-08-05 15:18:17", FormatTimestamp, Show) },
			Problem{Field: "timestamp", Rule: RuleFormat, Limit: "timestamp (YYYY-MM-DD HH:MM:SS)", Value: "2012-08-05"}, `timestamp: not a timestamp (YYYY-MM-DD HH:MM:SS): "2012-08-05"`},
		{"enum",
			func(v *Validator) { v.Enum("cardType", "DINERS", false, "VISA, MASTERCARD", Show) },
			func(v *Validator) { v.Enum("cardType", "VISA", true, "VISA, MASTERCARD", Show) },
			Problem{Field: "cardType", Rule: RuleEnum, Limit: "VISA, MASTERCARD", Value: "DINERS"}, `cardType: not one of VISA, MASTERCARD: "DINERS"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validator
			tt.bad(&v)
			err := v.Err("NewSaleSuccess", 6)
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("Err = %v, want one problem", err)
			}
			if !reflect.DeepEqual(ve.Problems[0], tt.want) {
				t.Errorf("problem %+v, want %+v", ve.Problems[0], tt.want)
			}
			if got := err.Error(); got != "NewSaleSuccess v6: "+tt.wantText {
				t.Errorf("Error() = %q, want %q", got, "NewSaleSuccess v6: "+tt.wantText)
			}
			if !ve.Has(tt.want.Field, tt.want.Rule) {
				t.Error("Has = false")
			}
			var ok Validator
			tt.good(&ok)
			if err := ok.Err("NewSaleSuccess", 6); err != nil {
				t.Errorf("good value: %v", err)
			}
		})
	}
}

func TestValidatorCollectsEverything(t *testing.T) {
	var v Validator
	v.Required("clientAccnum", "")
	v.Width("clientSubacc", "00000", 4, Show)
	v.Format("expDate", "1317", FormatMMYY, Show)
	err := v.Err("Chargeback", 4)
	want := `Chargeback v4: 3 problems: clientAccnum: required but missing; clientSubacc: not exactly 4 characters: "00000"; expDate: not a card expiry date (MMYY): "1317"`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v\nwant %s", err, want)
	}
}

func TestValidatorDoesNotAllocateOnValidValues(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		var v Validator
		v.Required("clientAccnum", "900000")
		v.Digits("clientAccnum", "900000", "0", "16777215", Show)
		v.Width("clientSubacc", "0000", 4, Show)
		v.MaxLength("city", "Zürich", 30, Show)
		v.Decimal("billedInitialPrice", "4.99", 9, 2, Show)
		v.Format("timestamp", "2012-08-05 15:18:17", FormatTimestamp, Show)
		v.Format("flexId", "cb617dcc-8467-49ab-b3a7-735ce1d60ad9", FormatUUID, Show)
		if v.Err("NewSaleSuccess", 6) != nil {
			panic("invalid")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations validating valid values, want 0", allocs)
	}
}

func ExampleValidator() {
	var v Validator
	v.Required("clientAccnum", "")
	v.MaxLength("password", strings.Repeat("x", 31), 30, Redact)
	err := v.Err("NewSaleSuccess", 6)
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%s %s %q\n", p.Field, p.Rule, p.Limit)
		}
	}
	fmt.Println(err)
	// Output:
	// clientAccnum required ""
	// password maxLength "30"
	// NewSaleSuccess v6: 2 problems: clientAccnum: required but missing; password: longer than 30 characters (value redacted)
}
