package tsdecl

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/internal/testenv"
)

// chargebeeOptions are what a caller reading Chargebee's Node SDK declarations passes: the
// event-to-content map's name and the library types the SDK uses without declaring them.
var chargebeeOptions = Options{
	WebhookMap: "WebhookContentMap",
	Opaque:     []string{"Promise", "Error", "Request", "Response"},
}

func chargebeeTypesDir(t testing.TB) string {
	return filepath.Join(testenv.SharedDir(t), "vendor-docs", "chargebee", "chargebee-node-types")
}

// TestReadChargebeeNodeTypes reads the real declarations of Chargebee's Node SDK (3.33.0) and
// checks facts established independently of the reader, while writing it, with grep and small
// Python scripts over the same files (each count's comment says how).
func TestReadChargebeeNodeTypes(t *testing.T) {
	dir := chargebeeTypesDir(t)
	doc, err := ReadDir(dir, chargebeeOptions)
	if err != nil {
		t.Fatal(err)
	}

	// Declarations: a Python scan of every file for lines "  [export ][default ]
	// (interface|type|enum|class|function|const|import) Name" at two spaces (module level) or
	// four (inside "  export namespace X {") finds 2201 declarations of 2200 distinct dotted
	// names: PaymentIntent.PaymentAttempt is declared twice (PaymentIntent.d.ts:112 and :185),
	// which TypeScript merges. Of the 2201: 1772 interfaces, 341 types, 83 classes, 2 consts,
	// 1 function, 1 enum, 1 import alias.
	if got := len(doc.Types) + len(doc.NonData); got != 2200 {
		t.Errorf("%d types and %d non-data declarations, want 2200 in all", len(doc.Types), len(doc.NonData))
	}
	kinds := map[string]int{}
	for _, d := range doc.NonData {
		kinds[d.Kind]++
	}
	for kind, want := range map[string]int{"class": 83, "function": 1, "const": 2} {
		if kinds[kind] != want {
			t.Errorf("%d non-data %s declarations, want %d", kinds[kind], kind, want)
		}
	}

	// Webhooks: `grep -c '\[WebhookEventType\.' resources/WebhookEvent.d.ts` counts the map's
	// 228 members, and the enum WebhookEventType has 228 members, all of them in the map. The
	// map's order starts with subscription_pause_scheduled and ends with plan_updated.
	if len(doc.Webhooks) != 228 {
		t.Errorf("%d webhooks, want 228", len(doc.Webhooks))
	}
	if e := doc.Type("WebhookEventType"); e == nil || len(e.Schema.Enum) != 228 {
		t.Errorf("WebhookEventType = %v, want an enum of 228 values", e)
	}
	if n := len(doc.Webhooks); n > 0 && (doc.Webhooks[0].Event != "subscription_pause_scheduled" || doc.Webhooks[n-1].Event != "plan_updated") {
		t.Errorf("webhooks run from %s to %s, want subscription_pause_scheduled to plan_updated", doc.Webhooks[0].Event, doc.Webhooks[n-1].Event)
	}
	events := map[string]bool{}
	for _, w := range doc.Webhooks {
		events[w.Event] = true
		if w.Schema.Kind != schemamodel.KindRef || w.Schema.Target == nil || w.Schema.Target.Schema.Kind != schemamodel.KindObject {
			t.Errorf("webhook %s: schema %s, want a reference to an object type", w.Event, render(w.Schema))
		}
	}

	// event-types-v2.txt lists 237 names; comparing it with the map's event values (Python sets)
	// finds 9 names without a content shape in the SDK, and no event of the map missing from it.
	list, err := os.ReadFile(filepath.Join(testenv.SharedDir(t), "vendor-docs", "chargebee", "event-types-v2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var withoutContent []string
	listed := map[string]bool{}
	for _, name := range strings.Fields(string(list)) {
		listed[name] = true
		if !events[name] {
			withoutContent = append(withoutContent, name)
		}
	}
	slices.Sort(withoutContent)
	wantWithout := []string{
		"netd_payment_due_reminder",
		"omnichannel_subscription_item_downgrade_scheduled",
		"omnichannel_subscription_item_scheduled_downgrade_removed",
		"product_created", "product_deleted", "product_updated",
		"variant_created", "variant_deleted", "variant_updated",
	}
	if len(listed) != 237 || !slices.Equal(withoutContent, wantWithout) {
		t.Errorf("event-types-v2.txt: %d names, without content %v; want 237, %v", len(listed), withoutContent, wantWithout)
	}
	for e := range events {
		if !listed[e] {
			t.Errorf("webhook %s is not in event-types-v2.txt", e)
		}
	}

	// customer_deleted's content as WebhookEvent.d.ts:655 writes it, the singular
	// "subscription" for an array included (the SDK's known error, kept as written).
	var customerDeleted *schemamodel.Webhook
	for i := range doc.Webhooks {
		if doc.Webhooks[i].Event == "customer_deleted" {
			customerDeleted = &doc.Webhooks[i]
		}
	}
	if customerDeleted == nil {
		t.Fatal("no customer_deleted webhook")
	}
	if got, want := render(customerDeleted.Schema.Target.Schema), "{customer: @Customer; card: @Card; subscription: @Subscription[]}"; got != want {
		t.Errorf("customer_deleted content = %s, want %s", got, want)
	}

	// Subscription.status, Subscription.d.ts:25-32.
	sub := doc.Type("Subscription")
	if sub == nil {
		t.Fatal("no Subscription")
	}
	status := memberNamed(sub.Schema, "status")
	if status == nil || !status.Required || status.Schema.Kind != schemamodel.KindString ||
		!slices.Equal(status.Schema.Enum, []string{"future", "in_trial", "active", "non_renewing", "paused", "cancelled", "transferred"}) {
		t.Errorf("Subscription.status = %+v", status)
	}
	// "[key: string]: unknown" at Subscription.d.ts:6 (12 files declare it).
	if sub.Schema.Additional == nil || sub.Schema.Additional.Kind != schemamodel.KindAny {
		t.Errorf("Subscription's other members: %v, want any", sub.Schema.Additional)
	}

	// Invoice.LineItem, Invoice.d.ts:518: its members in order, "?" marking the optional ones
	// (a Python regex over the interface's body).
	li := doc.Type("Invoice.LineItem")
	if li == nil {
		t.Fatal("no Invoice.LineItem")
	}
	var got []string
	for _, m := range li.Schema.Members {
		name := m.Name
		if !m.Required {
			name += "?"
		}
		got = append(got, name)
	}
	want := []string{"id?", "subscription_id?", "date_from", "date_to", "unit_amount", "quantity?", "amount?",
		"pricing_model?", "is_taxed", "tax_amount?", "tax_rate?", "unit_amount_in_decimal?", "quantity_in_decimal?",
		"amount_in_decimal?", "discount_amount?", "item_level_discount_amount?", "metered?", "is_percentage_pricing?",
		"reference_line_item_id?", "description", "entity_description?", "entity_type", "tax_exempt_reason?",
		"entity_id?", "customer_id?", "proration_mode?"}
	if !slices.Equal(got, want) {
		t.Errorf("Invoice.LineItem members\n\t%v\nwant\n\t%v", got, want)
	}
	if p := memberNamed(li.Schema, "pricing_model"); p == nil || !slices.Equal(p.Schema.Enum, []string{"flat_fee", "per_unit", "tiered", "volume", "stairstep"}) {
		t.Errorf("Invoice.LineItem.pricing_model = %+v", p)
	}
	if p := li.Schema.Members[0].Pos; p.File != filepath.Join(dir, "resources", "Invoice.d.ts") || p.Line != 519 {
		t.Errorf("Invoice.LineItem.id at %v, want Invoice.d.ts:519", p)
	}

	// Event.content (Event.d.ts:24) is the intersection of the 228 content types, as written.
	if c := memberNamed(doc.Type("Event").Schema, "content"); c == nil || c.Schema.Kind != schemamodel.KindAll || len(c.Schema.AllOf) != 228 {
		t.Errorf("Event.content = %v, want an intersection of 228 types", c)
	}
	// The generic envelope WebhookEvent<T> and the helper ContentFor<T> are not data shapes.
	for _, name := range []string{"WebhookEvent", "ContentFor", "Customer.CustomerResource", "Chargebee"} {
		if !slices.ContainsFunc(doc.NonData, func(d schemamodel.Declaration) bool { return d.Name == name }) {
			t.Errorf("%s is not among the non-data declarations", name)
		}
	}
}

func memberNamed(s *schemamodel.Schema, name string) *schemamodel.Member {
	for i := range s.Members {
		if s.Members[i].Name == name {
			return &s.Members[i]
		}
	}
	return nil
}

// TestReadChargebeeNeedsOpaque shows why the options name Promise: without it the SDK's method
// signatures refer to a type declared nowhere in the files.
func TestReadChargebeeNeedsOpaque(t *testing.T) {
	_, err := ReadDir(chargebeeTypesDir(t), Options{WebhookMap: "WebhookContentMap", Opaque: []string{"Error", "Request", "Response"}})
	if err == nil || !strings.Contains(err.Error(), "unknown type Promise") {
		t.Errorf("error %v, want unknown type Promise", err)
	}
}

func BenchmarkReadChargebeeNodeTypes(b *testing.B) {
	dir := chargebeeTypesDir(b)
	var size int64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && strings.HasSuffix(fi.Name(), ".d.ts") {
			size += fi.Size()
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadDir(dir, chargebeeOptions); err != nil {
			b.Fatal(err)
		}
	}
}
