package ordering

import (
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// An event lists the resources its content carries with their ordering value, in content order,
// leaving out a resource that is absent or lacks the value; an unknown event lists none.
func TestResources(t *testing.T) {
	tests := []struct {
		content string
		want    []webhook.Resource
	}{
		{`{"item":{"id":"it_1","resource_version":1700000000123},"previous":{"id":"it_1","resource_version":1699999999000}}`,
			[]webhook.Resource{{Kind: "Item", ID: "it_1", Version: 1700000000123}, {Kind: "Item", ID: "it_1", Version: 1699999999000}}},
		{`{"item":{"id":"it_2","resource_version":5}}`, []webhook.Resource{{Kind: "Item", ID: "it_2", Version: 5}}},
		{`{"item":{"id":"it_3"}}`, nil},
	}
	for _, tt := range tests {
		e, err := Decode(ItemsUpdated, 1, "application/json", []byte(`{"type":"items_updated","content":`+tt.content+`}`))
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Resources(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: resources %+v, want %+v", tt.content, got, tt.want)
		}
	}
	if !webhook.Newer(5, 6) || webhook.Newer(6, 6) || webhook.Newer(6, 5) {
		t.Error("Newer")
	}
}
