package webhook

import (
	"errors"
	"strings"
	"testing"
)

func TestValidatorAgree(t *testing.T) {
	tests := []struct {
		name                    string
		value, otherValue, want string
		d                       Disclosure
		problem                 *Problem
	}{
		{name: "agree", value: "EUR", otherValue: "978", want: "EUR"},
		{name: "both absent"},
		{name: "letter absent", otherValue: "978", want: "EUR"},
		{name: "code absent", value: "USD"},
		{name: "a value in no row", value: "USD", otherValue: "999"}, // the lookup gives no want
		{name: "disagree", value: "USD", otherValue: "978", want: "EUR",
			problem: &Problem{Field: "currency", Rule: RuleAgree, Limit: `currencyCode "978", which means "EUR"`, Value: "USD"}},
		{name: "secret", value: "USD", otherValue: "978", want: "EUR", d: Redact,
			problem: &Problem{Field: "currency", Rule: RuleAgree, Limit: "currencyCode", Redacted: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validator
			v.Agree("currency", tt.value, "currencyCode", tt.otherValue, tt.want, tt.d)
			err := v.Err("Refund", 3)
			if tt.problem == nil {
				if err != nil {
					t.Fatalf("Agree reported %v, want nothing", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("Agree reported %v, want one problem", err)
			}
			got, want := ve.Problems[0], tt.problem
			if got.Field != want.Field || got.Rule != want.Rule || got.Limit != want.Limit || got.Value != want.Value || got.Redacted != want.Redacted {
				t.Errorf("problem = %+v, want %+v", got, *want)
			}
			msg := err.Error()
			if tt.d == Show && msg != `Refund v3: currency: disagrees with currencyCode "978", which means "EUR": "USD"` {
				t.Errorf("message %q", msg)
			}
			for _, s := range []string{"currency", "currencyCode"} {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q does not name %s", msg, s)
				}
			}
			if tt.d == Redact && (strings.Contains(msg, tt.value) || strings.Contains(msg, tt.otherValue) || strings.Contains(msg, tt.want)) {
				t.Errorf("message %q shows a secret member's value", msg)
			}
		})
	}
}

func BenchmarkValidatorAgree(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var v Validator
		v.Agree("currency", "EUR", "currencyCode", "978", "EUR", Show)
		if v.Err("Refund", 3) != nil {
			b.Fatal("agreeing members reported")
		}
	}
}
