package gen

import (
	"bytes"
	"encoding/json"
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

// The rules' gate decides nothing: a schema whose rows stand alone in its allOf (no gate) finds
// the same problems as the generated one on every body, the by member in every shape a JSON body
// can hold it in (text with leading zeros, numbers with a fraction or an exponent, null, "") beside
// every member value.
func TestRuleGateDecidesNothing(t *testing.T) {
	gated, ungated := fstest.MapFS{}, fstest.MapFS{}
	for _, f := range generateCase(t, "currencies") {
		name, ok := strings.CutPrefix(f.Path, "jsonschema/")
		if !ok {
			continue
		}
		gated[name] = &fstest.MapFile{Data: f.Data}
		ungated[name] = &fstest.MapFile{Data: withoutGate(t, f.Data)}
	}
	vg, vu := jsonschema.NewValidatorFS(gated), jsonschema.NewValidatorFS(ungated)
	codes := []string{"", `null`, `""`, `"0"`, `"840"`, `"0840"`, `"000392"`, `"392"`, `"978"`, `"840\n"`,
		`840`, `840.0`, `8.4e2`, `84000e-2`, `392`, `-840`, `0`, `1e400`, `true`}
	letters := []string{"", `null`, `""`, `"USD"`, `"JPY"`, `"EUR"`, `"usd"`, `840`}
	checked := 0
	for _, code := range codes {
		for _, letter := range letters {
			var members []string
			if code != "" {
				members = append(members, `"currencyCode":`+code)
			}
			if letter != "" {
				members = append(members, `"currency":`+letter)
			}
			body := []byte("{" + strings.Join(members, ",") + "}")
			for _, strict := range []bool{false, true} {
				pg, errg := vg.Validate("currencies", "Refund", 1, strict, webhook.JSON, body)
				pu, erru := vu.Validate("currencies", "Refund", 1, strict, webhook.JSON, body)
				if (errg == nil) != (erru == nil) || !slices.Equal(pg, pu) {
					t.Errorf("%s (strict %v): gated %v %v, rows alone %v %v", body, strict, pg, errg, pu, erru)
				}
				checked++
			}
		}
	}
	if checked != 2*len(codes)*len(letters) {
		t.Fatalf("checked %d bodies", checked)
	}
}

// withoutGate is a schema file with each gate in its allOf replaced by the rows it guards.
func withoutGate(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	all, _ := doc["allOf"].([]any)
	var out []any
	for _, item := range all {
		then, _ := item.(map[string]any)["then"].(map[string]any)
		if rows, ok := then["allOf"].([]any); ok {
			out = append(out, rows...)
			continue
		}
		out = append(out, item)
	}
	if len(all) > 0 {
		doc["allOf"] = out
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
