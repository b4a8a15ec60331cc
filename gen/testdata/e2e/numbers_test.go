package numbers

import (
	"errors"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A number is kept as the literal the vendor sent, so that no digit is lost to a float and the
// body encodes back byte for byte. As the decoder documents, a string holding a number literal is
// read as the number; other text is refused.
func TestNumberKeepsItsLiteral(t *testing.T) {
	for _, literal := range []string{"1.0", "0", "-0.5", "1e3", "12345678901234567890.123456789012345678901", "6.02E+23"} {
		body := `{"type":"rate_changed","content":{"rate":` + literal + `}}`
		e, err := Decode(RateChanged, 1, "application/json", []byte(body))
		if err != nil {
			t.Fatalf("%s: %v", literal, err)
		}
		r := e.(*RateChangedV1)
		if string(r.Content.Rate) != literal {
			t.Errorf("decoded %q, want %q", r.Content.Rate, literal)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", literal, err)
		}
		if got := string(r.AppendJSON(nil)); got != body {
			t.Errorf("encoded %s, want %s", got, body)
		}
	}
	e, err := Decode(RateChanged, 1, "application/json", []byte(`{"type":"rate_changed","content":{"rate":19.99}}`))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := e.(*RateChangedV1).Content.Rate.Float64(); err != nil || f != 19.99 {
		t.Errorf("Float64 = %v, %v", f, err)
	}
	quoted, err := Decode(RateChanged, 1, "application/json", []byte(`{"type":"rate_changed","content":{"rate":"1.50"}}`))
	if err != nil || quoted.(*RateChangedV1).Content.Rate != "1.50" {
		t.Errorf("a string holding a number: %v %+v", err, quoted)
	}
	for _, content := range []string{`{"rate":"one"}`, `{"rate":01}`, `{"rate":1.}`, `{"rate":[1]}`, `{"rate":true}`} {
		_, err := Decode(RateChanged, 1, "application/json", []byte(`{"type":"rate_changed","content":`+content+`}`))
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a *webhook.DecodeError", content, err)
		}
	}
	missing, err := Decode(RateChanged, 1, "application/json", []byte(`{"type":"rate_changed","content":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	var invalid *webhook.ValidationError
	if !errors.As(missing.Validate(), &invalid) || invalid.Problems[0].Field != "content.rate" || invalid.Problems[0].Rule != webhook.RuleRequired {
		t.Errorf("a missing rate: %v", missing.Validate())
	}
}
