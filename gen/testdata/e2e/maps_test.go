package maps

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A map keeps its entries in the order they arrived, encodes them back that way, and names a bad
// value by its key.
func TestMap(t *testing.T) {
	body := `{"type":"labels_changed","content":{"labels":{"tier":"gold","region":"eu"}}}`
	e, err := Decode(LabelsChanged, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	l := e.(*LabelsChangedV1)
	want := webhook.Map[string]{{Key: "tier", Value: "gold"}, {Key: "region", Value: "eu"}}
	if !reflect.DeepEqual(l.Content.Labels, want) {
		t.Errorf("labels %+v, want %+v", l.Content.Labels, want)
	}
	if v, ok := l.Content.Labels.Get("region"); !ok || v != "eu" {
		t.Errorf("Get(region) = %q, %v", v, ok)
	}
	if err := l.Validate(); err != nil {
		t.Error(err)
	}
	if got := string(l.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}

	long, err := Decode(LabelsChanged, 1, "application/json", []byte(`{"type":"labels_changed","content":{"labels":{"tier":"platinum+"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	var invalid *webhook.ValidationError
	if !errors.As(long.Validate(), &invalid) || len(invalid.Problems) != 1 || invalid.Problems[0].Rule != webhook.RuleMaxLength {
		t.Fatalf("a long value: %v", long.Validate())
	}
	if f := invalid.Problems[0].Field; f != "content.labels.tier" {
		t.Errorf("the problem names %q, want content.labels.tier", f)
	}
	for _, content := range []string{`{"labels":{"tier":{}}}`, `{"labels":["gold"]}`, `{"labels":"gold"}`} {
		_, err := Decode(LabelsChanged, 1, "application/json", []byte(`{"type":"labels_changed","content":`+content+`}`))
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a *webhook.DecodeError", content, err)
		}
	}
}
