package integers

import (
	"errors"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// Integers decode into int64 with absent told from zero, are checked against their bounds
// inclusively, and what is not a whole number within int64 is refused by the decoder with the
// member's name. As the decoder documents, a string holding an integer and a whole number written
// with an exponent are read as the integer.
func TestBoundedInteger(t *testing.T) {
	tests := []struct {
		name, content string
		quantity      webhook.Int
		adjustment    webhook.Int
		rule          webhook.Rule // the problem on quantity or adjustment, "" for valid
		field         string
	}{
		{"zero, adjustment absent", `{"quantity":0}`, webhook.IntOf(0), webhook.Int{}, "", ""},
		{"both bounds", `{"quantity":1000,"adjustment":-50}`, webhook.IntOf(1000), webhook.IntOf(-50), "", ""},
		{"above the maximum", `{"quantity":1001}`, webhook.IntOf(1001), webhook.Int{}, webhook.RuleRange, "content.quantity"},
		{"below the minimum", `{"quantity":5,"adjustment":-51}`, webhook.IntOf(5), webhook.IntOf(-51), webhook.RuleRange, "content.adjustment"},
		{"null is absent", `{"quantity":null}`, webhook.Int{}, webhook.Int{}, webhook.RuleRequired, "content.quantity"},
		{"a string holding an integer", `{"quantity":"7"}`, webhook.IntOf(7), webhook.Int{}, "", ""},
		{"an exponent", `{"quantity":1e3}`, webhook.IntOf(1000), webhook.Int{}, "", ""},
	}
	for _, tt := range tests {
		e, err := Decode(StockCounted, 1, "application/json", []byte(`{"type":"stock_counted","content":`+tt.content+`}`))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		c := e.(*StockCountedV1).Content
		if c.Quantity != tt.quantity || c.Adjustment != tt.adjustment {
			t.Errorf("%s: decoded %+v", tt.name, c)
		}
		err = e.Validate()
		var invalid *webhook.ValidationError
		switch {
		case tt.rule == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.rule != "" && !errors.As(err, &invalid):
			t.Errorf("%s: valid, want %s on %s", tt.name, tt.rule, tt.field)
		case tt.rule != "" && (len(invalid.Problems) != 1 || invalid.Problems[0].Field != tt.field || invalid.Problems[0].Rule != tt.rule):
			t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.rule, tt.field)
		}
	}
	for _, content := range []string{`{"quantity":1.5}`, `{"quantity":"seven"}`, `{"quantity":9223372036854775808}`, `{"quantity":true}`} {
		_, err := Decode(StockCounted, 1, "application/json", []byte(`{"type":"stock_counted","content":`+content+`}`))
		var de *webhook.DecodeError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), "quantity") {
			t.Errorf("%s: %v, want a *webhook.DecodeError naming quantity", content, err)
		}
	}
}
