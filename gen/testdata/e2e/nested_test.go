package nested

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func decode(t *testing.T, body string) *CustomerMovedV1 {
	t.Helper()
	e, err := Decode(CustomerMoved, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return e.(*CustomerMovedV1)
}

// problems returns a validation error's problems as path/rule.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var invalid *webhook.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("Validate = %v, want a *webhook.ValidationError", err)
	}
	var out []string
	for _, p := range invalid.Problems {
		out = append(out, p.Field+"/"+string(p.Rule))
	}
	return out
}

// An object inside an object decodes into its own type, keeps the members it does not define,
// and encodes back byte for byte.
func TestNestedObjectRoundTrip(t *testing.T) {
	body := `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Oslo","zip":"0150"}}}}`
	e := decode(t, body)
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	a := e.Content.Customer.Address
	if !a.Present() || a.City != "Oslo" || len(a.Extra) != 1 || a.Extra[0].Name != "zip" {
		t.Errorf("address %+v", a)
	}
	if got := string(e.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}
	if !reflect.DeepEqual(decode(t, string(e.AppendJSON(nil))), e) {
		t.Error("decoding the encoded body gives another value")
	}
}

// An absent object is told from an empty one, and a problem inside it names its path.
func TestNestedObjectPresenceAndPaths(t *testing.T) {
	absent := decode(t, `{"type":"customer_moved","content":{"customer":{"id":"cu_1"}}}`)
	if absent.Content.Customer.Address.Present() {
		t.Error("an absent address is present")
	}
	if err := absent.Validate(); err != nil {
		t.Errorf("the address is optional: %v", err)
	}
	tests := []struct {
		name, body string
		want       []string
	}{
		{"empty", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{}}}}`, []string{"content.customer.address.city/required"}},
		{"too long", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Llanfairpwllgwyngyll"}}}}`, nil},
		{"longer", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Llanfairpwllgwyngyllg"}}}}`, []string{"content.customer.address.city/maxLength"}},
		{"no customer", `{"type":"customer_moved","content":{}}`, []string{"content.customer/required"}},
	}
	for _, tt := range tests {
		err := decode(t, tt.body).Validate()
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if got := problems(t, err); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: problems %v, want %v", tt.name, got, tt.want)
		}
	}
	if _, err := Decode(CustomerMoved, 1, "application/json", []byte(`{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":"Oslo"}}}`)); err == nil {
		t.Error("a text where the address object belongs was decoded")
	}
}
