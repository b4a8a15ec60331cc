package chargebee

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/readers/openapi"
	"github.com/hookspec/hookspec/internal/readers/tsdecl"
	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/spec"
	"testing/fstest"
)

func intp(n int) *int { return &n }

func newBuilder() *builder {
	return &builder{types: map[string]*spec.ObjectType{}, enums: map[string]*spec.Enum{}, goNames: map[string]string{},
		counterpart: map[string]string{}, inherited: map[string][]string{}}
}

// TestShapeOf converts one schema of each kind the descriptions use.
func TestShapeOf(t *testing.T) {
	tests := []struct {
		name   string
		a      api
		schema *schemamodel.Schema
		want   memberShape
	}{
		{"string with a length", apiV1, &schemamodel.Schema{Kind: schemamodel.KindString, MaxLength: intp(50)},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindString, MaxLength: 50}}},
		{"fixed length", apiV1, &schemamodel.Schema{Kind: schemamodel.KindString, MinLength: intp(4), MaxLength: intp(4)},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindString, Width: 4}}},
		{"a lower bound alone is kept as a note", apiV1, &schemamodel.Schema{Kind: schemamodel.KindString, MinLength: intp(2)},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindString}, notes: []string{"At least 2 characters."}}},
		{"e-mail", apiV1, &schemamodel.Schema{Kind: schemamodel.KindString, Format: "email", MaxLength: intp(70)},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindString, Format: spec.FormatEmail, MaxLength: 70}}},
		{"unix time", apiV1, &schemamodel.Schema{Kind: schemamodel.KindInteger, Format: "unix-time"},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindInteger, Format: spec.FormatUnixTime}}},
		{"amount", apiV1, &schemamodel.Schema{Kind: schemamodel.KindInteger, Format: "int64", Minimum: "0"},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindInteger, Min: "0"}}},
		{"a double with bounds", apiV1, &schemamodel.Schema{Kind: schemamodel.KindNumber, Format: "double", Minimum: "0", Maximum: "100"},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindNumber}, notes: []string{"From 0 to 100."}}},
		{"an SDK number stays a number", apiV2, &schemamodel.Schema{Kind: schemamodel.KindNumber},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindNumber}}},
		{"any", apiV2, &schemamodel.Schema{Kind: schemamodel.KindAny},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindRaw}}},
		{"an open object", apiV1, &schemamodel.Schema{Kind: schemamodel.KindObject, Additional: &schemamodel.Schema{Kind: schemamodel.KindAny}},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindRaw}, notes: []string{"Any JSON object."}}},
		{"an inline object becomes a nested type", apiV1, &schemamodel.Schema{Kind: schemamodel.KindObject, Members: []schemamodel.Member{{Name: "city", Schema: &schemamodel.Schema{Kind: schemamodel.KindString}}}},
			memberShape{typ: "CustomerV1.BillingAddress"}},
		{"array items of an inline object are named in the singular", apiV1, &schemamodel.Schema{Kind: schemamodel.KindArray, Items: &schemamodel.Schema{Kind: schemamodel.KindObject, Members: []schemamodel.Member{{Name: "id", Schema: &schemamodel.Schema{Kind: schemamodel.KindString}}}}},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindArray}, items: &spec.Shape{Type: "CustomerV1.BillingAddress"}}},
		{"an inline enum belongs to its member", apiV2, &schemamodel.Schema{Kind: schemamodel.KindString, Enum: []string{"on", "off"}},
			memberShape{constraint: &spec.Constraint{Kind: spec.KindString}, enum: "customerV1BillingAddress"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBuilder()
			got, err := b.shapeOf(tt.a, "CustomerV1", "billing_address", tt.schema, "test", false)
			if strings.Contains(tt.name, "singular") {
				got, err = b.shapeOf(tt.a, "CustomerV1", "billing_addresses", tt.schema, "test", false)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v (constraint %+v, items %+v)\nwant %+v", got, got.constraint, got.items, tt.want)
			}
		})
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"line_items": "line_item", "taxes": "tax", "addons": "addon", "entries": "entry", "address": "address", "card": "card"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSourceRanges(t *testing.T) {
	tests := []struct {
		name, facts string
		want        []string
		err         string
	}{
		{"two", "| Source addresses, US region (2): 3.209.65.25, 18.210.240.138 | src |\n", []string{"3.209.65.25/32", "18.210.240.138/32"}, ""},
		{"count disagrees", "x\n| Source addresses, US region (3): 3.209.65.25, 18.210.240.138 | src |\n", nil, "webhook-delivery-facts.md:2: the line says 3 US addresses but lists 2"},
		{"not an address", "| Source addresses, US region (1): 3.209.65 | src |\n", nil, `source address "3.209.65"`},
		{"no line", "| Source addresses, EU region (1): 3.209.65.25 | src |\n", nil, "no line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sourceRanges([]byte(tt.facts))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var cidrs []string
			for _, r := range got {
				cidrs = append(cidrs, r.CIDR)
			}
			if !reflect.DeepEqual(cidrs, tt.want) {
				t.Errorf("got %v, want %v", cidrs, tt.want)
			}
		})
	}
}

func FuzzSourceRanges(f *testing.F) {
	f.Add([]byte("| Source addresses, US region (2): 3.209.65.25, 18.210.240.138 | src |\n"))
	f.Add([]byte("| Source addresses, US region (1): ::1 |"))
	f.Fuzz(func(t *testing.T, facts []byte) {
		ranges, err := sourceRanges(facts)
		if err == nil && len(ranges) == 0 {
			t.Error("no error and no addresses")
		}
	})
}

// smallInputs is a two-event Chargebee in miniature: one v1 webhook, one v2 content map entry
// whose array member the SDK names in the singular, one v2 event type without content.
func smallInputs(t *testing.T) Inputs {
	t.Helper()
	v1, err := openapi.Read("v1.json", []byte(`{
  "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "components": {"schemas": {
    "Event": {"type": "object", "properties": {
      "id": {"type": "string", "maxLength": 40},
      "occurred_at": {"type": "integer", "format": "unix-time"},
      "api_version": {"type": "string", "enum": ["v1", "v2"]},
      "event_type": {"type": "string"},
      "content": {"type": "object", "additionalProperties": true}}},
    "Customer": {"type": "object", "properties": {
      "id": {"type": "string", "maxLength": 50},
      "created_at": {"type": "integer", "format": "unix-time"}}, "required": ["id"]},
    "Card": {"type": "object", "properties": {"last4": {"type": "string", "minLength": 4, "maxLength": 4}}},
    "Subscription": {"type": "object", "properties": {"id": {"type": "string"}}},
    "Invoice": {"type": "object", "properties": {"id": {"type": "string"}}},
    "Transaction": {"type": "object", "properties": {"id": {"type": "string"}}},
    "CustomerDeletedEvent": {"type": "object", "properties": {
      "id": {"type": "string"}, "occurred_at": {"type": "integer", "format": "int64"},
      "api_version": {"type": "string"}, "event_type": {"type": "string"},
      "content": {"type": "object", "properties": {
        "customer": {"$ref": "#/components/schemas/Customer"},
        "subscriptions": {"type": "array", "items": {"$ref": "#/components/schemas/Subscription"}}},
        "required": ["customer"]}},
      "required": ["id", "occurred_at", "api_version", "event_type", "content"]}}},
  "webhooks": {"customer_deleted": {"post": {"summary": "Triggered when a customer is deleted.",
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomerDeletedEvent"}}}}}}}
}`))
	if err != nil {
		t.Fatal(err)
	}
	v2, err := tsdecl.Read(fstest.MapFS{"types.d.ts": {Data: []byte(`declare module 'chargebee' {
  export interface Customer {
    id: string;
    created_at: number;
    net_term_days: number;
    resource_version?: number;
  }
  export interface Subscription {
    id: string;
  }
  export type CustomerDeletedContent = {
    customer: Customer;
    subscription: Subscription[];
  };
  export type WebhookContentMap = {
    customer_deleted: CustomerDeletedContent;
  };
}
`)}}, []string{"types.d.ts"}, tsdecl.Options{WebhookMap: "WebhookContentMap"})
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{V1: v1, V2: v2, EventTypesV2: []string{"customer_deleted", "product_created"},
		Facts:   []byte("| Source addresses, US region (1): 3.209.65.25 | src |\n"),
		Sources: []spec.Source{{Name: "api-v1", URL: "https://example.com/v1.json", File: "v1.json", Format: "openapi", SHA256: strings.Repeat("0", 64)}}}
}

func TestBuildSmall(t *testing.T) {
	rename := spec.Erratum{ID: "plural", Kind: spec.ErratumCorrection, DocsSay: "singular", SpecSays: "plural", Why: "the wire", Evidence: []string{"a payload"},
		Members: []spec.MemberPatch{{Events: []string{"customer_deleted"}, Version: 2, Name: "subscription", Rename: "subscriptions"}}}
	s, found, err := Build(smallInputs(t), &spec.Errata{Vendor: "chargebee", Entries: []spec.Erratum{rename}})
	if err != nil {
		t.Fatal(err)
	}
	e := s.Event("customer_deleted")
	if e == nil || len(e.Versions) != 2 {
		t.Fatalf("customer_deleted = %+v", e)
	}
	if got := e.Version(2).Content[1].Name; got != "subscriptions" {
		t.Errorf("v2 content[1] is %s, want the erratum's subscriptions", got)
	}
	if p := s.Event("product_created"); p == nil || !p.Version(2).RawContent {
		t.Errorf("product_created = %+v, want a v2 with raw content", p)
	}
	// Customer v2 inherits created_at's unix time from v1; net_term_days has no counterpart.
	c := s.Type("Customer")
	if got := c.Members[1].Constraint; got.Kind != spec.KindInteger || got.Format != spec.FormatUnixTime {
		t.Errorf("Customer.created_at = %+v, want v1's unix time", got)
	}
	if got := c.Members[2].Constraint; got.Kind != spec.KindNumber {
		t.Errorf("Customer.net_term_days = %+v, want a number", got)
	}
	if got := s.Type("CardV1").Members[0].Constraint; got.Width != 4 {
		t.Errorf("CardV1.last4 = %+v, want width 4", got)
	}
	env := s.Type("Event")
	if got := env.Members[1].Constraint.Format; got != spec.FormatUnixTime {
		t.Errorf("envelope occurred_at format %q, want the generic Event schema's unix time", got)
	}
	var topics []string
	for _, d := range found {
		topics = append(topics, d.Topic+": "+d.Where)
	}
	joined := strings.Join(topics, "\n")
	for _, want := range []string{"envelope: chargebee_api_v1_spec.json #/components/schemas/Event/properties/occurred_at", "events: event-types-v2.txt", "inherited from v1: type Customer", "v1 and v2: customer_deleted"} {
		if !strings.Contains(joined, want) {
			t.Errorf("findings lack %q:\n%s", want, joined)
		}
	}
}

// TestBuildStaleErratum: an erratum the inputs no longer need fails the build, naming it.
func TestBuildStaleErratum(t *testing.T) {
	stale := spec.Erratum{ID: "already-plural", Kind: spec.ErratumCorrection, DocsSay: "x", SpecSays: "y", Why: "z", Evidence: []string{"a payload"},
		Members: []spec.MemberPatch{{Events: []string{"customer_deleted"}, Version: 1, Name: "subscription", Rename: "subscriptions"}}}
	_, _, err := Build(smallInputs(t), &spec.Errata{Vendor: "chargebee", Entries: []spec.Erratum{stale}})
	if err == nil || !strings.Contains(err.Error(), "errata already-plural") || !strings.Contains(err.Error(), "customer_deleted v1's content has no member subscription") {
		t.Fatalf("error %v, want one naming the stale erratum and what it no longer finds", err)
	}
	flat := spec.Erratum{ID: "flat", Kind: spec.ErratumCorrection, DocsSay: "x", SpecSays: "y", Why: "z", Fields: []spec.FieldPatch{{Names: []string{"id"}, Note: "n"}}}
	if _, _, err := Build(smallInputs(t), &spec.Errata{Vendor: "chargebee", Entries: []spec.Erratum{flat}}); err == nil || !strings.Contains(err.Error(), "errata flat") {
		t.Fatalf("error %v, want the flat-row erratum refused", err)
	}
}
