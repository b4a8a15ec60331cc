package arrays

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func decode(t *testing.T, body string) *OrderPlacedV1 {
	t.Helper()
	e, err := Decode(OrderPlaced, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return e.(*OrderPlacedV1)
}

// An array of objects decodes element by element, encodes back as sent, and a problem in an
// element names its index.
func TestArrayOfObjects(t *testing.T) {
	body := `{"type":"order_placed","content":{"order":{"id":"or_1","lines":[{"sku":"A-1"},{"sku":"B-2","gift":true}]}}}`
	e := decode(t, body)
	lines := e.Content.Order.Lines
	if len(lines) != 2 || lines[0].SKU != "A-1" || lines[1].SKU != "B-2" || len(lines[1].Extra) != 1 {
		t.Fatalf("lines %+v", lines)
	}
	if err := e.ValidateStrict(); err == nil {
		t.Error("strict validation accepts the member the spec does not define")
	}
	if got := string(e.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}
	empty := decode(t, `{"type":"order_placed","content":{"order":{"id":"or_1","lines":[]}}}`)
	if err := empty.Validate(); err != nil || len(empty.Content.Order.Lines) != 0 {
		t.Errorf("an empty array: %v %+v", err, empty.Content.Order.Lines)
	}
	bad := decode(t, `{"type":"order_placed","content":{"order":{"id":"or_1","lines":[{"sku":"A-1"},{"sku":"way-too-long-sku"},{}]}}}`)
	var invalid *webhook.ValidationError
	if !errors.As(bad.Validate(), &invalid) {
		t.Fatal("a bad element is valid")
	}
	var got []string
	for _, p := range invalid.Problems {
		got = append(got, p.Field+"/"+string(p.Rule))
	}
	want := []string{"content.order.lines[1].sku/maxLength", "content.order.lines[2].sku/required"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	if _, err := Decode(OrderPlaced, 1, "application/json", []byte(`{"type":"order_placed","content":{"order":{"id":"or_1","lines":[{"sku":"A-1"},"B-2"]}}}`)); err == nil {
		t.Error("a text element in an array of objects was decoded")
	}
}
