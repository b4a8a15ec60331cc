package openapi

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/internal/testenv"
)

// The facts below were counted from the file itself, independently of this reader, with Python's
// json module keeping member order (object_pairs_hook=OrderedDict):
//
//	d = json.load(open('chargebee_api_v1_spec.json'), object_pairs_hook=OrderedDict)
//	S = d['components']['schemas']; len(S); list(S)[:3]; list(d['webhooks'])
//	list(S['Customer']['properties']); S['Customer']['required']
//
// and the totals by walking every schema under components.schemas (properties, items and
// schema-valued additionalProperties, not following $ref), counting schemas, members, required
// members, $refs, maxLengths, enums and their values, formats, defaults, deprecated: true and
// additionalProperties: true.

const chargebeeFile = "vendor-docs/chargebee/chargebee_api_v1_spec.json"

func readChargebee(t testing.TB) (*schemamodel.Document, []byte) {
	t.Helper()
	path := filepath.Join(testenv.SharedDir(t), chargebeeFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc, data
}

func TestChargebee(t *testing.T) {
	doc, _ := readChargebee(t)

	if doc.Title != "Chargebee API" || doc.Version != "2026-06-12.a49b34edd262e3e190bd6d8616ff9e401c37bd21" {
		t.Errorf("title %q, version %q", doc.Title, doc.Version)
	}
	wantExt := []schemamodel.Extension{{Name: "x-cb-api-version", Value: "1"}, {Name: "x-cb-product-catalog-version", Value: "1"}, {Name: "x-generated-on", Value: "1781239677988"}}
	if !slices.Equal(doc.Extensions, wantExt) {
		t.Errorf("extensions %v, want %v", doc.Extensions, wantExt)
	}

	// 83 components schemas; the first and last as the file orders them (not sorted: "Type"
	// after "TransactionUpdatedEvent").
	if len(doc.Types) != 83 {
		t.Errorf("%d types, want 83", len(doc.Types))
	}
	var names []string
	for _, n := range doc.Types {
		names = append(names, n.Name)
	}
	if len(names) >= 6 {
		if got, want := slices.Concat(names[:3], names[len(names)-3:]), []string{"400", "401", "403", "TransactionDeletedEvent", "TransactionUpdatedEvent", "Type"}; !slices.Equal(got, want) {
			t.Errorf("first and last types %q, want %q", got, want)
		}
	}

	wantEvents := []string{
		"subscription_reactivated", "transaction_updated", "subscription_created", "subscription_cancellation_scheduled",
		"subscription_trial_extended", "subscription_deleted", "invoice_generated", "subscription_cancelling",
		"subscription_renewed", "subscription_scheduled_cancellation_removed", "payment_refunded", "subscription_changed",
		"invoice_created", "transaction_created", "subscription_cancelled", "invoice_deleted", "payment_failed",
		"card_expired", "invoice_updated", "payment_succeeded", "card_updated", "card_expiring", "card_deleted",
		"customer_created", "subscription_shipping_address_updated", "customer_changed", "subscription_renewal_reminder",
		"subscription_started", "transaction_deleted", "subscription_trial_ending", "payment_initiated",
		"customer_deleted", "subscription_activated", "card_added", "refund_initiated",
	}
	var events []string
	for _, h := range doc.Webhooks {
		events = append(events, h.Event)
		if h.Schema == nil || h.Schema.Kind != schemamodel.KindRef || h.Schema.Target == nil {
			t.Errorf("%s: body %v, want a reference to its event schema", h.Event, h.Schema)
		}
	}
	if len(wantEvents) != 35 || !slices.Equal(events, wantEvents) {
		t.Errorf("%d webhooks %q\nwant 35 %q", len(events), events, wantEvents)
	}

	// customer_deleted: the body is CustomerDeletedEvent, whose content.subscriptions is an
	// array of Subscription (the member the SDKs name in the singular).
	var deleted *schemamodel.Webhook
	for i := range doc.Webhooks {
		if doc.Webhooks[i].Event == "customer_deleted" {
			deleted = &doc.Webhooks[i]
		}
	}
	if deleted == nil {
		t.Fatal("no customer_deleted webhook")
	}
	if deleted.Summary != "Triggered when a customer is deleted." || deleted.Description != `<p class="mb-2">Triggered when a customer is deleted.</p>` || deleted.Deprecated {
		t.Errorf("customer_deleted: summary %q, description %q, deprecated %v", deleted.Summary, deleted.Description, deleted.Deprecated)
	}
	if deleted.Schema.Ref != "CustomerDeletedEvent" {
		t.Fatalf("customer_deleted body refers to %q", deleted.Schema.Ref)
	}
	body := deleted.Schema.Target.Schema
	content := findMember(t, body, "content")
	subs := findMember(t, content.Schema, "subscriptions")
	if subs.Schema.Kind != schemamodel.KindArray || subs.Schema.Items == nil || subs.Schema.Items.Target != doc.Type("Subscription") {
		t.Errorf("content.subscriptions is %s, want an array of Subscription", describe(subs.Schema))
	}
	if got, want := memberNames(content.Schema), []string{"customer", "card", "subscriptions"}; !slices.Equal(got, want) {
		t.Errorf("content members %q, want %q", got, want)
	}
	if !findMember(t, content.Schema, "card").Required {
		t.Error("content.card is not required, but the file requires it")
	}

	// Customer: members in the file's order, its required list, a few members' constraints.
	customer := doc.Type("Customer").Schema
	wantCustomer := []string{"id", "first_name", "last_name", "email", "phone", "company", "vat_number", "auto_collection",
		"allow_direct_debit", "created_at", "created_from_ip", "taxability", "billing_address", "contacts",
		"payment_method", "invoice_notes", "account_credits", "refundable_credits", "excess_payments", "meta_data"}
	if got := memberNames(customer); !slices.Equal(got, wantCustomer) {
		t.Errorf("Customer members\n got %q\nwant %q", got, wantCustomer)
	}
	var required []string
	for _, m := range customer.Members {
		if m.Required {
			required = append(required, m.Name)
		}
	}
	// The file's required list is alphabetical; the model keeps member order.
	if want := []string{"id", "auto_collection", "allow_direct_debit", "created_at", "account_credits", "refundable_credits", "excess_payments"}; !slices.Equal(required, want) {
		t.Errorf("Customer required %q, want %q", required, want)
	}
	if customer.Additional == nil || customer.Additional.Kind != schemamodel.KindAny {
		t.Errorf("Customer additionalProperties: %v, want any (the file says true)", customer.Additional)
	}
	email := findMember(t, customer, "email").Schema
	if email.Kind != schemamodel.KindString || email.Format != "email" || email.MaxLength == nil || *email.MaxLength != 70 ||
		email.Description != "Email of the customer. Configured email notifications will be sent to this email.\n" || email.Example != "" {
		t.Errorf("Customer.email %s", describe(email))
	}

	// Totals over every schema under components.schemas, not following references.
	var got counts
	for _, n := range doc.Types {
		got.walk(n.Schema)
	}
	want := counts{schemas: 1008, members: 905, required: 582, refs: 101, maxLength: 236, enums: 106, enumValues: 557,
		defaults: 64, deprecated: 2, additionalAny: 13,
		formats: map[string]int{"double": 7, "email": 9, "int32": 21, "int64": 72, "unix-time": 56}}
	if !got.equal(want) {
		t.Errorf("totals\n got %+v\nwant %+v", got, want)
	}
}

func findMember(t *testing.T, s *schemamodel.Schema, name string) schemamodel.Member {
	t.Helper()
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("no member %q in %s", name, describe(s))
	return schemamodel.Member{}
}

func memberNames(s *schemamodel.Schema) []string {
	var names []string
	for _, m := range s.Members {
		names = append(names, m.Name)
	}
	return names
}

type counts struct {
	schemas, members, required, refs, maxLength, enums, enumValues, defaults, deprecated, additionalAny int
	formats                                                                                             map[string]int
}

func (c *counts) walk(s *schemamodel.Schema) {
	if c.formats == nil {
		c.formats = map[string]int{}
	}
	c.schemas++
	if s.Kind == schemamodel.KindRef {
		c.refs++
	}
	if s.MaxLength != nil {
		c.maxLength++
	}
	if s.Enum != nil {
		c.enums++
		c.enumValues += len(s.Enum)
	}
	if s.Default != "" {
		c.defaults++
	}
	if s.Deprecated {
		c.deprecated++
	}
	if s.Format != "" {
		c.formats[s.Format]++
	}
	for _, m := range s.Members {
		c.members++
		if m.Required {
			c.required++
		}
		c.walk(m.Schema)
	}
	if s.Items != nil {
		c.walk(s.Items)
	}
	if s.Additional != nil {
		if s.Additional.Kind == schemamodel.KindAny {
			// additionalProperties: true is not a schema in the file, so it is not counted as one.
			c.additionalAny++
		} else {
			c.walk(s.Additional)
		}
	}
}

func (c counts) equal(d counts) bool { return reflect.DeepEqual(c, d) }

func BenchmarkReadChargebee(b *testing.B) {
	path := filepath.Join(testenv.SharedDir(b), chargebeeFile)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(path, data); err != nil {
			b.Fatal(err)
		}
	}
}
