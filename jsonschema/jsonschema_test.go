package jsonschema

import (
	"errors"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func TestValidateProblems(t *testing.T) {
	v := NewValidator()
	body := `{"clientSubacc":"0000","timestamp":"2012-08-05 15:18:17","city":"` + strings.Repeat("x", 31) +
		`","flexId":"nope","threeDSecure":"MAYBE","zzz":"1","X-ok":"1"}`
	got, err := v.Validate("ccbill", "NewSaleSuccess", 6, true, webhook.JSON, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Field: "city", Keyword: "maxLength"},
		{Field: "clientAccnum", Rule: webhook.RuleRequired, Keyword: "required"},
		{Field: "flexId", Keyword: "minLength"},
		{Field: "threeDSecure", Keyword: "enum"},
		{Field: "zzz", Rule: webhook.RuleUnknown},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Field != w.Field || g.Rule != w.Rule || (w.Keyword != "" && g.Keyword != w.Keyword) || g.Message == "" {
			t.Errorf("problem %d: got %+v, want %+v", i, g, w)
		}
	}
	// The same body twice gives the same problems in the same order.
	again, _ := v.Validate("ccbill", "NewSaleSuccess", 6, true, webhook.JSON, []byte(body))
	for i := range got {
		if got[i] != again[i] {
			t.Errorf("unstable: %v then %v", got[i], again[i])
		}
	}
}

func TestValidateErrors(t *testing.T) {
	v := NewValidator()
	tests := []struct {
		name, vendor, event string
		version             int
		format              webhook.WireFormat
		body, want          string
	}{
		{"unknown event", "ccbill", "Nope", 1, webhook.JSON, `{}`, `ccbill: unknown event type "Nope"`},
		{"unknown version", "ccbill", "Void", 9, webhook.JSON, `{}`, "ccbill: Void has no version 9 (its versions are 1, 2, 3, 4)"},
		{"duplicate key", "ccbill", "Void", 4, webhook.JSON, `{"a":"1","a":"2"}`, `key "a": sent twice`},
		{"nested", "ccbill", "Void", 4, webhook.JSON, `{"a":{}}`, `key "a": the value is an object or array`},
		{"array", "ccbill", "Void", 4, webhook.JSON, `[]`, "expected a JSON object"},
		{"trailing data", "ccbill", "Void", 4, webhook.JSON, `{} {}`, "data after the object"},
		{"form percent-encoding", "ccbill", "Void", 4, webhook.Form, `a=%zz`, "invalid percent-encoding"},
	}
	for _, tt := range tests {
		_, err := v.Validate(tt.vendor, tt.event, tt.version, false, tt.format, []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
		var de *webhook.DecodeError
		var ue *webhook.UnknownEventError
		if !errors.As(err, &de) && !errors.As(err, &ue) {
			t.Errorf("%s: %T is neither a DecodeError nor an UnknownEventError", tt.name, err)
		}
	}
}
