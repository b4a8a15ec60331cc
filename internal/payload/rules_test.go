package payload

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// -break FIELD=agree sends a letter currency that is not the one its numeric code stands for,
// and the generated validator reports exactly that; a field no sameRow rule relates, or whose
// related member has no value in the table, cannot break it, and says why.
func TestBreakAgree(t *testing.T) {
	s := loadCCBill(t)
	tests := []struct {
		name    string
		event   string
		set     map[string]string // before the break
		field   string
		wantErr string // "" when the break applies
	}{
		{name: "letter beside its code", event: "Refund", field: "currency"},
		{name: "billed letter", event: "RenewalSuccess", field: "billedCurrency"},
		{name: "an amount has no sameRow rule", event: "Refund", field: "amount",
			wantErr: "amount cannot break rule agree: no rule of the spec requires it to agree with another field of Refund v4"},
		{name: "the code is empty", event: "Refund", set: map[string]string{"currencyCode": ""}, field: "currency",
			wantErr: "currency cannot break rule agree: currencyCode, which rule currency-letter-matches-code relates it to, is absent, so no value disagrees with it"},
		{name: "the code is in no row", event: "Refund", set: map[string]string{"currencyCode": "999"}, field: "currency",
			wantErr: `currency cannot break rule agree: currencyCode "999" is in no row of the currencies table, so no value disagrees with it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(s, tt.event, 0, Options{Fixed: true})
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.set {
				if err := p.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			can, err := p.CanBreak(tt.field)
			if err != nil {
				t.Fatal(err)
			}
			err = p.Break(tt.field, webhook.RuleAgree)
			if tt.wantErr != "" {
				var re *RuleError
				if !errors.As(err, &re) || err.Error() != tt.wantErr {
					t.Fatalf("Break error = %v, want %s", err, tt.wantErr)
				}
				if slices.Contains(can, webhook.RuleAgree) {
					t.Errorf("CanBreak(%s) = %v lists agree, which Break refuses", tt.field, can)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(can, webhook.RuleAgree) {
				t.Errorf("CanBreak(%s) = %v, want agree in it", tt.field, can)
			}
			body, err := p.Encode(webhook.JSON)
			if err != nil {
				t.Fatal(err)
			}
			e, err := ccbill.Decode(ccbill.EventType(tt.event), p.Version(), "application/json", body)
			if err != nil {
				t.Fatal(err)
			}
			var ve *webhook.ValidationError
			if err := e.Validate(); !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Field != tt.field || ve.Problems[0].Rule != webhook.RuleAgree {
				t.Fatalf("Validate() = %v, want one agree problem on %s", err, tt.field)
			}
			if got := p.Breaks(); len(got) != 1 || got[0] != (FieldRule{tt.field, webhook.RuleAgree}) {
				t.Errorf("Breaks() = %v", got)
			}
			if !strings.Contains(ve.Error(), "disagrees with") {
				t.Errorf("message %q", ve.Error())
			}
		})
	}
}
