package jsonschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"reflect"
	"slices"
	"strconv"
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
		{"nested", "ccbill", "Void", 4, webhook.JSON, `{"a":{}}`, `key "a": the value is an object`},
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

// feedSchemas are the nested schemas of the synthetic enveloped vendor.
func feedSchemas() *Validator {
	return NewValidatorFS(os.DirFS("../internal/testvendor/jsonschema"))
}

const feedOrder = `{"id":"ev_1","occurred_at":1700000000,"api_version":"v2","event_type":"order_created",
"content":{"order":{"id":"or_1","status":"paid","lines":[{"item_id":"it_1","quantity":2},{"item_id":"it_2","quantity":1}],"tags":["a"]},
"account":{"id":"ac_1","labels":{"tier":"gold"}}}}`

// Nested problems are named by their path, as the Go validator names them, with the rule where
// the schema's keyword says it: a missing member, an unknown one (strict), a value out of range.
func TestValidateNestedProblems(t *testing.T) {
	body := strings.NewReplacer(
		`{"item_id":"it_2","quantity":1}`, `{"item_id":"it_2","quantity":0,"zz":1}`,
		`"id":"or_1",`, ``,
		`"tier":"gold"`, `"tier":"`+strings.Repeat("g", 21)+`"`,
		`"tags":["a"]`, `"tags":["a",{}]`,
	).Replace(feedOrder)
	got, err := feedSchemas().Validate("feed", "order_created", 2, true, webhook.JSON, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Field: "content.account.labels.tier", Keyword: "maxLength"},
		{Field: "content.order.id", Rule: webhook.RuleRequired, Keyword: "required"},
		{Field: "content.order.lines[1].quantity", Keyword: "minimum"},
		{Field: "content.order.lines[1].zz", Rule: webhook.RuleUnknown},
		{Field: "content.order.tags[1]", Keyword: "type"},
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
	// The lenient schema allows the unknown member, and only it.
	lenient, err := feedSchemas().Validate("feed", "order_created", 2, false, webhook.JSON, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(lenient) != len(want)-1 || slices.ContainsFunc(lenient, func(p Problem) bool { return p.Rule == webhook.RuleUnknown }) {
		t.Errorf("lenient: %v", lenient)
	}
	valid, err := feedSchemas().Validate("feed", "order_created", 2, true, webhook.JSON, []byte(feedOrder))
	if err != nil || len(valid) != 0 {
		t.Errorf("the valid body: %v, %v", valid, err)
	}
}

// A nested body is read as the generated decoders read it: what they refuse is a DecodeError
// naming the path, at any depth.
func TestValidateNestedErrors(t *testing.T) {
	tests := []struct{ name, body, key, msg string }{
		{"key sent twice at depth", strings.Replace(feedOrder, `"quantity":2`, `"quantity":2,"quantity":3`, 1), "content.order.lines[0].quantity", "sent twice"},
		{"too deep", `{"content":` + strings.Repeat(`[`, 40) + strings.Repeat(`]`, 40) + `}`, "", "levels deep"},
		{"invalid UTF-8", strings.Replace(feedOrder, `"or_1"`, "\"or\xff\"", 1), "content.order.id", "UTF-8"},
		{"truncated", feedOrder[:len(feedOrder)-3], "", "end of body"},
		{"not an object", `[1]`, "", "expected an object"},
		{"data after the body", feedOrder + ` {}`, "", "data after"},
		{"malformed number", strings.Replace(feedOrder, `"quantity":2`, `"quantity":02`, 1), "content.order.lines[0].quantity", "malformed number"},
	}
	for _, tt := range tests {
		_, err := feedSchemas().Validate("feed", "order_created", 2, false, webhook.JSON, []byte(tt.body))
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v is not a DecodeError", tt.name, err)
			continue
		}
		if !strings.Contains(de.Msg, tt.msg) || tt.key != "" && de.Key != tt.key {
			t.Errorf("%s: %+v, want key %q and %q", tt.name, de, tt.key, tt.msg)
		}
	}
}

// FuzzReadTree: the nested reader never panics, refuses with a DecodeError, and what it accepts
// is JSON that encoding/json reads to the same values, with no key sent twice. Numbers are
// compared by value: the decoder gives a number's plain value (2.5e3 as 2500), as JSON Schema
// sees it.
func FuzzReadTree(f *testing.F) {
	f.Add([]byte(feedOrder))
	f.Add([]byte(`{"a":{"b":[1,2.5e3,"x\u00e9",true,null,{}]},"c":-0}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte("\ufeff{\"a\":[[[]]]}"))
	f.Fuzz(func(t *testing.T, body []byte) { readsAsEncodingJSON(t, "readTree", readTree, body) })
}

// readsAsEncodingJSON fails t unless read refuses body with a DecodeError or reads it to the
// values encoding/json reads (numbers compared by value).
func readsAsEncodingJSON(t *testing.T, name string, read func([]byte) (map[string]any, error), body []byte) {
	t.Helper()
	doc, err := read(body)
	if err != nil {
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("%s: %T is not a DecodeError: %v", name, err, err)
		}
		return
	}
	d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	d.UseNumber()
	var want map[string]any
	if err := d.Decode(&want); err != nil {
		t.Fatalf("%s accepts what encoding/json refuses (%v): %q", name, err, body)
	}
	if !reflect.DeepEqual(byValue(doc), byValue(want)) {
		t.Fatalf("%s reads %v, encoding/json %v: %q", name, doc, want, body)
	}
}

// byValue is v with every json.Number replaced by its exact value, so that two spellings of one
// number compare equal.
func byValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = byValue(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = byValue(x)
		}
		return out
	case json.Number:
		if i := strings.IndexAny(string(v), "eE"); i >= 0 {
			// An exponent of thousands would have big.Rat write out as many digits.
			if e, err := strconv.Atoi(string(v[i+1:])); err != nil || e > 400 || e < -400 {
				f, _ := strconv.ParseFloat(string(v), 64)
				return f
			}
		}
		r, ok := new(big.Rat).SetString(string(v))
		if !ok {
			return "unparsable number " + string(v)
		}
		return r.RatString()
	}
	return v
}

// FuzzReadJSON: the flat reader never panics, refuses with a DecodeError, and what it accepts is
// a flat JSON object that encoding/json reads to the same values (numbers by value), no key sent
// twice.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"a":"1","b":2.5e3,"c":true,"d":null,"e":"x\u00e9","f":-0}`))
	f.Add([]byte(`{"a":{}}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte("\ufeff{\"a\":\"\"} "))
	f.Fuzz(func(t *testing.T, body []byte) { readsAsEncodingJSON(t, "readJSON", readJSON, body) })
}

// A value a rule between members refuses is explained in the rule's words (its row's
// description), whatever shape the key it depends on is sent in; an agreeing pair in any shape is
// no problem, though a key sent as a number always passes the rules' gate.
func TestRuleProblemNamesTheRule(t *testing.T) {
	v := NewValidator()
	for _, tt := range []struct {
		name, code, letter string // JSON texts
		want               string // "" for no problem
	}{
		{"text key", `"978"`, `"USD"`, `with billedCurrencyCode 978, billedCurrency is "EUR"`},
		{"leading zeros", `"0978"`, `"USD"`, `with billedCurrencyCode 978, billedCurrency is "EUR"`},
		{"number key", `978`, `"USD"`, `with billedCurrencyCode 978, billedCurrency is "EUR"`},
		{"number key that agrees", `978`, `"EUR"`, ""},
		{"text key that agrees", `"978"`, `"EUR"`, ""},
		{"letter absent", `"978"`, `null`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"clientAccnum":"900100","clientSubacc":"0000","timestamp":"2012-08-05 15:18:17",` +
				`"billedCurrencyCode":` + tt.code + `,"billedCurrency":` + tt.letter + `}`
			got, err := v.Validate("ccbill", "NewSaleSuccess", 6, false, webhook.JSON, []byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Fatalf("problems %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Field != "billedCurrency" || got[0].Rule != webhook.RuleAgree ||
				!strings.Contains(got[0].Message, "currency-letter-matches-code") || !strings.Contains(got[0].Message, tt.want) {
				t.Fatalf("got %+v, want one problem on billedCurrency citing the rule and %q", got, tt.want)
			}
		})
	}
}

// The schemas before self-contained files refused an unknown member with propertyNames (an enum
// of the names the version defines), whose causes sit at the body itself: the problem is the
// member's, as unknown.
func TestPropertyNamesProblem(t *testing.T) {
	v := NewValidatorFS(os.DirFS("testdata/anyof"))
	body := `{"clientAccnum":"900100","clientSubacc":"0000","timestamp":"2012-08-05 15:18:17","bogus":"x"}`
	got, err := v.Validate("ccbill", "NewSaleSuccess", 6, true, webhook.JSON, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Field != "bogus" || got[0].Rule != webhook.RuleUnknown {
		t.Fatalf("got %+v, want one unknown-member problem on bogus", got)
	}
}
