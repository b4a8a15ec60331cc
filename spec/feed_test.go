package spec

import (
	"testing"
)

// TestLoadEnveloped loads the synthetic enveloped vendor: named types, content members, body
// locators and authentication load, and an event version resolves to the envelope with its
// content typed.
func TestLoadEnveloped(t *testing.T) {
	s, err := Load("../internal/testvendor/spec/feed")
	if err != nil {
		t.Fatal(err)
	}
	ev := s.Event("order_created")
	members, err := s.Resolve(ev, ev.Version(2))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	if want := "id occurred_at api_version event_type webhook_status content"; join(names) != want {
		t.Fatalf("order_created v2 members = %s, want %s", join(names), want)
	}
	content := members[5]
	if content.Constraint.Kind != KindObject || len(content.Members) != 3 || content.Type != nil {
		t.Fatalf("content = %+v", content)
	}
	order := content.Members[0]
	if order.Type == nil || order.Type.Name != "Order" || !order.Required() {
		t.Errorf("content.order = %+v", order)
	}
	if card := content.Members[2]; card.Constraint.Kind != KindRaw || card.Presence.Kind != PresenceConditional {
		t.Errorf("content.card = %+v", card)
	}
	orderMembers, err := s.ResolveType(order.Type)
	if err != nil {
		t.Fatal(err)
	}
	lines := orderMembers[2]
	if lines.Constraint.Kind != KindArray || lines.Items == nil || lines.Items.Type == nil || lines.Items.Type.Name != "OrderLine" {
		t.Errorf("Order.lines = %+v", lines)
	}
	if tags := orderMembers[3]; tags.Items == nil || tags.Items.Constraint.Kind != KindString {
		t.Errorf("Order.tags = %+v", tags)
	}
	raw := s.Event("coupon_updated")
	members, err = s.Resolve(raw, raw.Latest())
	if err != nil {
		t.Fatal(err)
	}
	if c := members[5]; c.Constraint.Kind != KindRaw {
		t.Errorf("coupon_updated's content = %+v, want raw", c)
	}
	d := s.Vendor.Delivery
	if d.EventType.In != InBody || d.Version.Pattern != "^v([0-9]+)$" || d.Key.Name != "id" || len(d.Auth) != 3 || d.Retry.Horizon != "79h" {
		t.Errorf("delivery = %+v", d)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
