package evidence

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// What the errata decided from real traffic is checked at warning level: a region longer than
// documented and a source outside the documented values leave the event valid, and a caller who
// asks gets both as warnings naming their errata. Everything else stays an error: an observed
// member is checked against the shape the evidence gives it.
func TestEvidenceWarnings(t *testing.T) {
	type problem struct {
		field    string
		rule     webhook.Rule
		severity webhook.Severity
		erratum  string
	}
	tests := []struct {
		name  string
		body  string
		valid bool // Validate returns nil
		want  []problem
	}{
		{"as documented", `{"orderId":"1","region":"Tyrol","source":"API","authResult":"Y"}`, true, nil},
		{"evidence beyond the documents", `{"orderId":"1","region":"Salzburg-Land","source":"PHONE","authResult":"N"}`, true, []problem{
			{"region", webhook.RuleMaxLength, webhook.SeverityWarning, "region-longer-than-documented"},
			{"source", webhook.RuleEnum, webhook.SeverityWarning, "source-is-open"},
		}},
		{"an observed member outside its values", `{"orderId":"1","source":"PHONE","authResult":"X"}`, false, []problem{
			{"source", webhook.RuleEnum, webhook.SeverityWarning, "source-is-open"},
			{"authResult", webhook.RuleEnum, webhook.SeverityError, ""},
		}},
		{"an error beside a warning", `{"region":"Salzburg-Land"}`, false, []problem{
			{"orderId", webhook.RuleRequired, webhook.SeverityError, ""},
			{"region", webhook.RuleMaxLength, webhook.SeverityWarning, "region-longer-than-documented"},
		}},
		{"its documented length", `{"orderId":"1","source":"FORM","authResult":"YY"}`, false, []problem{
			{"authResult", webhook.RuleMaxLength, webhook.SeverityError, ""},
			{"authResult", webhook.RuleEnum, webhook.SeverityError, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Decode(OrderPlaced, 2, "application/json", []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if err := e.Validate(); (err == nil) != tt.valid {
				t.Errorf("Validate: %v, want valid %v", err, tt.valid)
			}
			err = e.(*OrderPlacedV2).ValidateWith(webhook.ValidateOptions{FailOn: webhook.SeverityWarning})
			var ve *webhook.ValidationError
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("ValidateWith(FailOn warning): %v, want nil", err)
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("ValidateWith(FailOn warning): %v, want a *webhook.ValidationError", err)
			}
			var got []problem
			for _, p := range ve.Problems {
				got = append(got, problem{p.Field, p.Rule, p.Severity, p.Erratum})
				if p.Severity == webhook.SeverityWarning && !strings.Contains(p.String(), "erratum "+p.Erratum) {
					t.Errorf("%q does not name its erratum", p.String())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems %+v\nwant     %+v", got, tt.want)
			}
		})
	}
}

// An open enum keeps its documented values as constants: Valid tells a known value from another,
// which decodes and encodes back unchanged.
func TestOpenEnumKeepsUnknownValues(t *testing.T) {
	body := `{"orderId":"1","source":"PHONE"}`
	e, err := Decode(OrderPlaced, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	o := e.(*OrderPlacedV1)
	if o.Source != "PHONE" || o.Source.Valid() || !SourceForm.Valid() {
		t.Errorf("source %q (known %v); SourceForm known %v", o.Source, o.Source.Valid(), SourceForm.Valid())
	}
	if got := string(o.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s, want %s", got, body)
	}
}
