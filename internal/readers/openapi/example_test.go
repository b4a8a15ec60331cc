package openapi_test

import (
	"fmt"
	"log"

	"github.com/hookspec/hookspec/internal/readers/openapi"
)

func ExampleRead() {
	src := `{
  "openapi": "3.1.0",
  "webhooks": {
    "order_paid": {"post": {"summary": "An order was paid", "requestBody": {"content": {"application/json": {
      "schema": {"type": "object", "properties": {
        "event_type": {"type": "string"},
        "order": {"$ref": "#/components/schemas/Order"}}, "required": ["event_type"]}}}}}}
  },
  "components": {"schemas": {
    "Order": {"type": "object", "properties": {
      "id": {"type": "string", "maxLength": 40},
      "total": {"type": "integer", "format": "int64", "minimum": 0},
      "note": {"type": ["string", "null"]}}}
  }}
}`
	doc, err := openapi.Read("shop.json", []byte(src))
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range doc.Webhooks {
		fmt.Printf("%s (%s, line %d)\n", h.Event, h.Summary, h.Pos.Line)
		for _, m := range h.Schema.Members {
			fmt.Printf("  %s %s required=%v\n", m.Name, m.Schema.Kind, m.Required)
		}
	}
	order := doc.Type("Order").Schema
	for _, m := range order.Members {
		fmt.Printf("Order.%s %s format=%q nullable=%v\n", m.Name, m.Schema.Kind, m.Schema.Format, m.Schema.Nullable)
	}
	// Output:
	// order_paid (An order was paid, line 4)
	//   event_type string required=true
	//   order ref required=false
	// Order.id string format="" nullable=false
	// Order.total integer format="int64" nullable=false
	// Order.note string format="" nullable=true
}
