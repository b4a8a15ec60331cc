package gen

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// The currencies case's schemas express its sameRow rule as the Go validator checks it
// (testdata/e2e/currencies_test.go asserts the Go side on the same bodies): a letter that is not
// its code's is a problem of the letter member; either member absent, or a value in no row, is
// no disagreement (its own enum reports it); and the amount rule, which says how to read an amount rather than whether it is
// valid, leaves a too-precise amount to the member's own shape.
func TestRuleSchemas(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range generateCase(t, "currencies") {
		if name, ok := strings.CutPrefix(f.Path, "jsonschema/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	v := jsonschema.NewValidatorFS(fsys)
	tests := []struct {
		event, body string
		want        []string // the members faulted, in order
	}{
		{"Refund", `{"currency":"JPY","currencyCode":"392"}`, nil},
		{"Refund", `{"currency":"USD","currencyCode":"0840"}`, nil},
		{"Refund", `{"currency":"USD","currencyCode":840}`, nil},
		{"Refund", `{}`, nil},
		{"Refund", `{"currencyCode":"392"}`, nil},
		{"Refund", `{"currency":"","currencyCode":"392"}`, nil},
		{"Refund", `{"currency":null,"currencyCode":"392"}`, nil},
		{"Refund", `{"currency":"USD"}`, nil},
		{"Refund", `{"currency":"USD","currencyCode":"392"}`, []string{"currency"}},
		{"Refund", `{"currency":"JPY","currencyCode":840}`, []string{"currency"}},
		{"Refund", `{"currency":"EUR","currencyCode":"840"}`, []string{"currency"}}, // its enum's problem only
		{"Refund", `{"currency":"USD","currencyCode":"978"}`, []string{"currencyCode"}},
		// Not this rule's business: an amount's precision is its own shape's (text here).
		{"Refund", `{"amount":"19.999","currencyCode":"840"}`, nil},
		{"Rebate", `{"currency":"JPY"}`, nil},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			problems, err := v.Validate("currencies", tt.event, 1, strict, webhook.JSON, []byte(tt.body))
			if err != nil {
				t.Errorf("%s %s: %v", tt.event, tt.body, err)
				continue
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Field)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s %s (strict %v): problems %v, want on %v", tt.event, tt.body, strict, problems, tt.want)
			}
		}
	}
}

// A rule row's description is what a validator quotes for the value it refuses; when either
// member is secret, which row refuses would tell the secret's value, so every row says the same.
func TestRuleSchemasSecretMember(t *testing.T) {
	for _, secret := range []string{"currencyCode", "currency"} {
		t.Run(secret, func(t *testing.T) {
			s := loadCase(t, "currencies")
			// An amount rule refuses a secret currency outright (its errors quote it): keep the
			// sameRow rule alone.
			s.Rules = slices.DeleteFunc(s.Rules, func(r spec.Rule) bool { return r.Kind != spec.RuleSameRow })
			marked := false
			for i := range s.Fields {
				if s.Fields[i].Name == secret {
					s.Fields[i].Sensitivity = spec.SensitivitySecret
					marked = true
				}
			}
			if !marked {
				t.Fatalf("no field %s in the currencies case", secret)
			}
			files, err := Generate(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if f.Path != "jsonschema/currencies/Refund/v1.schema.json" {
					continue
				}
				text := string(f.Data)
				if !strings.Contains(text, "currency agrees with currencyCode.") {
					t.Errorf("%s: no row says the rule without its values", f.Path)
				}
				for _, key := range []string{"with currencyCode 840", "with currencyCode 392"} {
					if strings.Contains(text, key) {
						t.Errorf("%s: a row names its key (%q) though %s is secret", f.Path, key, secret)
					}
				}
				return
			}
			t.Fatal("no Refund v1 schema generated")
		})
	}
}
