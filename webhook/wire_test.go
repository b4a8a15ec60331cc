package webhook

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestParseContentType(t *testing.T) {
	tests := []struct {
		in   string
		want WireFormat
		err  string
	}{
		{"application/json", JSON, ""},
		{"Application/JSON; charset=UTF-8", JSON, ""},
		{`application/json; charset="utf-8"`, JSON, ""},
		{"application/problem+json", JSON, ""},
		{"application/x-www-form-urlencoded", Form, ""},
		{"application/x-www-form-urlencoded;charset=us-ascii", Form, ""},
		{"application/x-www-form-urlencoded; boundary=x", Form, ""},
		{"", 0, "no media type"},
		{"text/plain", 0, "not a webhook body type"},
		{"multipart/form-data; boundary=x", 0, "not a webhook body type"},
		{"+json", 0, "not a webhook body type"},
		{"application/json; charset=latin1", 0, "charset latin1 is not supported"},
	}
	for _, tt := range tests {
		got, err := ParseContentType(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseContentType(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.err != "":
			var ce *ContentTypeError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseContentType(%q) error = %v; want %q", tt.in, err, tt.err)
			}
		}
	}
}

func TestSniffAndFormatSet(t *testing.T) {
	for body, want := range map[string]WireFormat{` {"a":1}`: JSON, "\n\t{": JSON, "a=1": Form, "": Form, "[1]": Form} {
		if got := Sniff([]byte(body)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", body, got, want)
		}
	}
	both := FormatSet(Form | JSON)
	if both.String() != "form, json" || FormatSet(JSON).String() != "json" || FormatSet(0).String() != "no format" {
		t.Errorf("FormatSet strings: %q %q", both, FormatSet(JSON))
	}
	if !both.Has(JSON) || FormatSet(Form).Has(JSON) || len(both.List()) != 2 {
		t.Error("FormatSet membership")
	}
}

func TestSecret(t *testing.T) {
	s := Secret("hunter2")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10s"} {
		if out := fmt.Sprintf(verb, s); out != Redacted {
			t.Errorf("%s prints %q", verb, out)
		}
	}
	if s.LogValue().String() != Redacted || string(s) != "hunter2" {
		t.Error("Secret lost or leaked its value")
	}
}

func TestFieldWriters(t *testing.T) {
	write := func(w FieldWriter) {
		w.Field("a", "1 & 2")
		w.Field("empty", "")
		w.Secret("pw", "p\"w")
		w.Extra(Fields{{"X-k", ""}, {"é", "ü"}})
	}
	j := NewJSONWriter([]byte("prefix:"))
	write(j)
	if got := string(j.Bytes()); got != `prefix:{"a":"1 & 2","pw":"p\"w","X-k":"","é":"ü"}` {
		t.Errorf("JSON: %s", got)
	}
	f := NewFormWriter(nil)
	write(f)
	if got := string(f.Bytes()); got != `a=1+%26+2&pw=p%22w&X-k=&%C3%A9=%C3%BC` {
		t.Errorf("form: %s", got)
	}
	if q, err := url.ParseQuery(string(f.Bytes())); err != nil || q.Get("a") != "1 & 2" || q.Get("é") != "ü" {
		t.Errorf("form body does not parse back: %v %v", q, err)
	}
	var a AttrWriter
	write(&a)
	if got := a.Value().String(); got != `[a=1 & 2 pw=[redacted] extra=[X-k=[redacted] "é"=[redacted]]]` {
		t.Errorf("attrs: %s", got)
	}
	shown := AttrWriter{ShowExtraValues: true}
	shown.Extra(Fields{{"X-ref", "7"}, {"X-api_key", "k1"}})
	if got := shown.Value().String(); got != "[extra=[X-ref=7 X-api_key=[redacted]]]" {
		t.Errorf("attrs with extra values: %s", got)
	}
}

func TestReadValues(t *testing.T) {
	var got []string
	err := ReadValues(url.Values{"b": {"2", "3"}, "a": {"1"}}, func(k, v string) string {
		got = append(got, k+"="+v)
		return ""
	})
	if err != nil || strings.Join(got, "&") != "a=1&b=2&b=3" {
		t.Errorf("got %v, %v", got, err)
	}
	tests := []struct {
		values url.Values
		want   string
	}{
		{url.Values{"": {"x"}}, `form values: empty key`},
		{url.Values{"a": {"\xff"}}, `form values: key "a": invalid UTF-8`},
		{url.Values{"\xff": {"x"}}, "form values: key \"\ufffd\": key: invalid UTF-8"},
		{url.Values{"a": {strings.Repeat("x", MaxValueBytes+1)}}, `form values: key "a": value longer than 65536 bytes`},
		{url.Values{"a": {"1"}}, `form values: key "a": refused`},
	}
	for _, tt := range tests {
		err := ReadValues(tt.values, func(k, v string) string { return "refused" })
		var de *DecodeError
		if !errors.As(err, &de) || err.Error() != tt.want {
			t.Errorf("ReadValues(%.40q) = %v, want %s", tt.values, err, tt.want)
		}
	}
}

// Escaped values share one buffer per body; each must keep its own text.
func TestArenaKeepsEveryValue(t *testing.T) {
	var b strings.Builder
	var want []string
	for i := range 200 {
		v := fmt.Sprintf("v %d/é", i)
		want = append(want, v)
		fmt.Fprintf(&b, "k%d=%s&", i, url.QueryEscape(v))
	}
	r := NewFormReader(b.String())
	var got []string
	for r.Next() {
		got = append(got, r.Value())
	}
	if r.Err() != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("form values changed: %v", r.Err())
	}
	j := NewJSONReader(`{"a":"x\n\u00e9","b":"\/\/","c":"\ud83d\ude00"}`)
	got = got[:0]
	for j.Next() {
		got = append(got, j.Value())
	}
	if j.Err() != nil || strings.Join(got, "|") != "x\né|//|😀" {
		t.Fatalf("JSON values changed: %q %v", got, j.Err())
	}
}
