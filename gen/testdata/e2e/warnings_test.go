package warnings

import (
	"errors"
	"slices"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// In a nested body a relaxed rule is a warning named by the member's path and its erratum; the
// same body's errors still make it invalid.
func TestNestedWarnings(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		valid bool
		want  []string // path rule severity erratum
	}{
		{"documented", `{"type":"customer_changed","content":{"customer":{"id":"cu_1","tier":"gold","city":"Oslo"}}}`, true, nil},
		{"beyond the documents", `{"type":"customer_changed","content":{"customer":{"id":"cu_1","tier":"platinum","city":"Llanfairpwllgwyngyll"}}}`, true, []string{
			"content.customer.tier enum warning tier-is-open",
			"content.customer.city maxLength warning city-longer-than-documented",
		}},
		{"and an error", `{"type":"customer_changed","content":{"customer":{"id":"cu_12345678901","tier":"platinum"}}}`, false, []string{
			"content.customer.id maxLength error ",
			"content.customer.tier enum warning tier-is-open",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Decode(CustomerChanged, 1, "application/json", []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			c := e.(*CustomerChangedV1)
			if err := c.Validate(); (err == nil) != tt.valid {
				t.Errorf("Validate: %v, want valid %v", err, tt.valid)
			}
			err = c.ValidateWith(webhook.ValidateOptions{Strict: true, FailOn: webhook.SeverityWarning})
			var got []string
			var ve *webhook.ValidationError
			if errors.As(err, &ve) {
				for _, p := range ve.Problems {
					got = append(got, p.Field+" "+string(p.Rule)+" "+p.Severity.String()+" "+p.Erratum)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems %q\nwant     %q", got, tt.want)
			}
		})
	}
}
