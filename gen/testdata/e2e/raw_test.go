package raw

import (
	"testing"
)

// A raw member keeps any JSON value exactly as sent, spacing included, and encodes it back
// unchanged; absent and null are told from each other only by being absent.
func TestRawKeepsTheValue(t *testing.T) {
	for _, value := range []string{`{"a": [1, {"b": null}], "c": "d"}`, `[ ]`, `"text"`, `12.50`, `true`} {
		body := `{"type":"note_added","content":{"metadata":` + value + `}}`
		e, err := Decode(NoteAdded, 1, "application/json", []byte(body))
		if err != nil {
			t.Fatalf("%s: %v", value, err)
		}
		n := e.(*NoteAddedV1)
		if string(n.Content.Metadata) != value {
			t.Errorf("kept %q, want %q", n.Content.Metadata, value)
		}
		if err := n.ValidateStrict(); err != nil {
			t.Errorf("%s: %v", value, err)
		}
		if got := string(n.AppendJSON(nil)); got != body {
			t.Errorf("encoded %s\nwant    %s", got, body)
		}
	}
	e, err := Decode(NoteAdded, 1, "application/json", []byte(`{"type":"note_added","content":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m := e.(*NoteAddedV1).Content.Metadata; m != "" {
		t.Errorf("an absent raw member is %q", m)
	}
	if _, err := Decode(NoteAdded, 1, "application/json", []byte(`{"type":"note_added","content":{"metadata":{"a":}}}`)); err == nil {
		t.Error("a malformed raw value was kept")
	}
}
