package webhook

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEncoder(t *testing.T) {
	e := NewEncoder(nil)
	e.BeginObject()
	e.Name("id")
	e.String("ev_1 \"q\"")
	e.Name("n")
	e.Int(-42)
	e.Name("ok")
	e.Bool(true)
	e.Name("rate")
	e.Number("1.0")
	e.Name("lines")
	e.BeginArray()
	for i := range 2 {
		e.BeginObject()
		e.Name("i")
		e.Int(int64(i))
		e.EndObject()
	}
	e.String("x")
	e.EndArray()
	e.Name("empty")
	e.BeginArray()
	e.EndArray()
	e.Extra(RawMembers{{"cf_a", `{"k":[1, 2]}`}, {"cf_b", "null"}})
	e.EndObject()
	const want = `{"id":"ev_1 \"q\"","n":-42,"ok":true,"rate":1.0,"lines":[{"i":0},{"i":1},"x"],"empty":[],"cf_a":{"k":[1, 2]},"cf_b":null}`
	if got := string(e.Bytes()); got != want || e.Err() != nil {
		t.Errorf("got  %s\nwant %s (err %v)", got, want, e.Err())
	}
}

// TestEncoderKeepsOutputValid: a hand-built Number or RawJSON that is not JSON is written as
// null and reported, never written verbatim into the body.
func TestEncoderKeepsOutputValid(t *testing.T) {
	for _, bad := range []func(*Encoder){
		func(e *Encoder) { e.Number("1,5") },
		func(e *Encoder) { e.Number("") },
		func(e *Encoder) { e.Raw(`{"a":}`) },
		func(e *Encoder) { e.Raw(`1 2`) },
		func(e *Encoder) { e.Raw(`"}, "admin": true, "x": "`) },
	} {
		e := NewEncoder(nil)
		e.BeginObject()
		e.Name("v")
		bad(e)
		e.EndObject()
		if !json.Valid(e.Bytes()) || e.Err() == nil || !strings.Contains(string(e.Bytes()), "null") {
			t.Errorf("output %s, err %v", e.Bytes(), e.Err())
		}
	}
}
