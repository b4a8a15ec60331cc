package booleans

import (
	"errors"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A boolean is true, false or absent (missing or null), and encodes back as a JSON boolean; as
// the decoder documents, a string holding true or false is read too. Any other value is refused.
func TestBoolean(t *testing.T) {
	tests := []struct {
		content string
		want    webhook.Bool
		encoded string
	}{
		{`{"enabled":true}`, webhook.BoolOf(true), `{"enabled":true}`},
		{`{"enabled":false}`, webhook.BoolOf(false), `{"enabled":false}`},
		{`{}`, webhook.Bool{}, `{}`},
		{`{"enabled":null}`, webhook.Bool{}, `{}`},
		{`{"enabled":"true"}`, webhook.BoolOf(true), `{"enabled":true}`},
	}
	for _, tt := range tests {
		e, err := Decode(FlagSet, 1, "application/json", []byte(`{"type":"flag_set","content":`+tt.content+`}`))
		if err != nil {
			t.Fatalf("%s: %v", tt.content, err)
		}
		f := e.(*FlagSetV1)
		if f.Content.Enabled != tt.want {
			t.Errorf("%s: decoded %+v, want %+v", tt.content, f.Content.Enabled, tt.want)
		}
		if got, want := string(f.AppendJSON(nil)), `{"type":"flag_set","content":`+tt.encoded+`}`; got != want {
			t.Errorf("%s: encoded %s, want %s", tt.content, got, want)
		}
	}
	for _, content := range []string{`{"enabled":"yes"}`, `{"enabled":1}`, `{"enabled":tru}`} {
		_, err := Decode(FlagSet, 1, "application/json", []byte(`{"type":"flag_set","content":`+content+`}`))
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a *webhook.DecodeError", content, err)
		}
	}
}
