package gen

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
)

// TestValueSchemaAgreesWithRuntime holds a constraint's JSON Schema definition to the runtime's
// check: strings on both sides of each format, and every integer from -30 to 1400 sent as a JSON
// number and as a JSON string, so each length and range limit is met from both sides. The schema sees a number's value, the runtime its literal; for integers
// written plainly the two must give the same verdict.
func TestValueSchemaAgreesWithRuntime(t *testing.T) {
	for _, c := range []spec.Constraint{
		{Kind: spec.KindDigits},
		{Kind: spec.KindDigits, Width: 1},
		{Kind: spec.KindDigits, Width: 2},
		{Kind: spec.KindDigits, Width: 3},
		{Kind: spec.KindDigits, MaxLength: 1},
		{Kind: spec.KindDigits, MaxLength: 3},
		{Kind: spec.KindDigits, Min: "0", Max: "255"},
		{Kind: spec.KindDigits, Max: "0"},
		{Kind: spec.KindDigits, MaxLength: 3, Max: "000"},
		{Kind: spec.KindDigits, MaxLength: 4, Max: "1000"},
		{Kind: spec.KindDigits, Width: 4, Format: spec.FormatMMYY},
		{Kind: spec.KindInteger},
		{Kind: spec.KindInteger, Min: "-10", Max: "1000"},
		{Kind: spec.KindInteger, Min: "-0", Max: "0"},
		{Kind: spec.KindInteger, Min: "0", Max: "007"},
		{Kind: spec.KindInteger, MaxLength: 1},
		{Kind: spec.KindInteger, MaxLength: 3},
		{Kind: spec.KindInteger, Width: 2},
		{Kind: spec.KindInteger, Width: 3, Min: "-50", Max: "500"},
		{Kind: spec.KindInteger, Width: 3, Min: "-5"},
		{Kind: spec.KindString, Width: 1},
		{Kind: spec.KindString, Width: 2},
		{Kind: spec.KindString, Width: 3},
		{Kind: spec.KindString, MaxLength: 1},
		{Kind: spec.KindString, MaxLength: 2},
		{Kind: spec.KindString, MaxLength: 4},
		{Kind: spec.KindString, Width: 4, Format: spec.FormatMMYY},
		{Kind: spec.KindDecimal, Precision: 3, Scale: 0},
		{Kind: spec.KindString, Format: spec.FormatDate},
		{Kind: spec.KindString, Format: spec.FormatTimestamp},
		{Kind: spec.KindString, Format: spec.FormatUUID},
		{Kind: spec.KindString, Format: spec.FormatAlnum},
		{Kind: spec.KindString, MaxLength: 20, Format: spec.FormatEmail},
	} {
		t.Run(constraintKey(c), func(t *testing.T) {
			schema := compileValueSchema(t, c)
			for _, text := range texts {
				want := runtimecheck.Accepts(c, text)
				if got := schema.Validate(text) == nil; got != want {
					t.Errorf("string %q: schema says %v, the runtime %v", text, got, want)
				}
			}
			for n := -30; n <= 1400; n++ {
				text := strconv.Itoa(n)
				want := runtimecheck.Accepts(c, text)
				for _, doc := range []any{json.Number(text), text} {
					if got := schema.Validate(doc) == nil; got != want {
						t.Errorf("%T %s: schema says %v, the runtime %v", doc, text, got, want)
					}
				}
			}
		})
	}
}

// texts are strings on both sides of each format and length check.
var texts = []string{"", "x", "abc123", "ab-12", "ü", "üüü", "true", "-5", "007", "1e3",
	"2012-02-29", "2013-02-29", "2012-08-05 15:18:17", "2012-08-05T15:18:17", "0217", "1317",
	"cb617dcc-8467-49ab-b3a7-735ce1d60ad9", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
	"jo@example.com", "jo.example.com", "jo@@example.com", "jo @example.com", "averyveryverylong@example.com"}

// compileValueSchema compiles a constraint's definition on its own, beside the absent value it
// refers to.
func compileValueSchema(t *testing.T, c spec.Constraint) *jsonschema.Schema {
	t.Helper()
	def, err := valueSchema(c)
	if err != nil {
		t.Fatal(err)
	}
	doc := obj().
		set("$schema", draft2020).
		set("$defs", obj().set("absent", absent).set("value", def)).
		set("$ref", "#/$defs/value")
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.Draft = jsonschema.Draft2020
	const id = "https://example.com/value.schema.json"
	if err := compiler.AddResource(id, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	schema, err := compiler.Compile(id)
	if err != nil {
		t.Fatalf("%s\n%s", err, data)
	}
	return schema
}
