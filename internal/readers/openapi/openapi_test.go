package openapi

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// describe renders a schema on one line, so that a test states the whole expected shape.
// A reference prints as ref(Name) and is not followed, which keeps cycles finite.
func describe(s *schemamodel.Schema) string {
	if s == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString(string(s.Kind))
	switch s.Kind {
	case schemamodel.KindRef:
		fmt.Fprintf(&b, "(%s)", s.Ref)
	case schemamodel.KindObject:
		b.WriteString("{")
		for i, m := range s.Members {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(m.Name)
			if m.Required {
				b.WriteString("!")
			}
			b.WriteString(": ")
			b.WriteString(describe(m.Schema))
		}
		for i, pm := range s.PatternMembers {
			if i > 0 || len(s.Members) > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "/%s/: %s", pm.Pattern, describe(pm.Schema))
		}
		b.WriteString("}")
		if s.Additional != nil {
			fmt.Fprintf(&b, " additional=%s", describe(s.Additional))
		}
		if s.Closed {
			b.WriteString(" closed")
		}
	case schemamodel.KindArray:
		if s.PrefixItems != nil {
			b.WriteString("[")
			for i, it := range s.PrefixItems {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(describe(it))
			}
			b.WriteString("]")
		}
		if s.Items != nil {
			fmt.Fprintf(&b, "<%s>", describe(s.Items))
		}
	case schemamodel.KindUnion, schemamodel.KindAll:
		list := s.OneOf
		if s.Kind == schemamodel.KindAll {
			list = s.AllOf
		}
		b.WriteString("(")
		for i, alt := range list {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(describe(alt))
		}
		b.WriteString(")")
	}
	attr := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, " %s=%s", name, v)
		}
	}
	attr("format", s.Format)
	if s.Enum != nil {
		fmt.Fprintf(&b, " enum=%q", s.Enum)
	}
	if s.MinLength != nil {
		attr("minLength", fmt.Sprint(*s.MinLength))
	}
	if s.MaxLength != nil {
		attr("maxLength", fmt.Sprint(*s.MaxLength))
	}
	attr("minimum", s.Minimum)
	attr("maximum", s.Maximum)
	attr("exclusiveMinimum", s.ExclusiveMinimum)
	attr("exclusiveMaximum", s.ExclusiveMaximum)
	attr("pattern", s.Pattern)
	if s.Nullable {
		b.WriteString(" nullable")
	}
	if s.Deprecated {
		b.WriteString(" deprecated")
	}
	if s.Description != "" {
		fmt.Fprintf(&b, " description=%q", s.Description)
	}
	attr("default", s.Default)
	attr("example", s.Example)
	for _, e := range s.Extensions {
		fmt.Fprintf(&b, " %s=%s", e.Name, e.Value)
	}
	return b.String()
}

// withSchemas is a document whose components.schemas hold the given members; the first of them
// starts on line 3.
func withSchemas(schemas string) string {
	return "{\"openapi\": \"3.1.0\",\n\"components\": {\"schemas\": {\n" + schemas + "\n}}}"
}

func TestReadSchemas(t *testing.T) {
	tests := []struct {
		name    string
		schemas string
		// want maps each named type, in document order, to its description.
		want []string
	}{
		{
			name:    "member order as written, not sorted",
			schemas: `"T": {"type": "object", "properties": {"zeta": {"type": "string"}, "alpha": {"type": "integer"}, "mid": {"type": "boolean"}}, "required": ["mid", "zeta"]}`,
			want:    []string{`T object{zeta!: string, alpha: integer, mid!: boolean}`},
		},
		{
			name:    "string constraints and annotations",
			schemas: `"S": {"type": "string", "format": "email", "minLength": 1, "maxLength": 70, "pattern": "^[a-z]+$", "description": "Email\n of the \"customer\"", "deprecated": true, "default": "a@b", "example": "x@y"}`,
			want:    []string{`S string format=email minLength=1 maxLength=70 pattern=^[a-z]+$ deprecated description="Email\n of the \"customer\"" default="a@b" example="x@y"`},
		},
		{
			name:    "numeric bounds kept as written, exclusive ones apart",
			schemas: `"N": {"type": "number", "minimum": 0.50, "maximum": 1e3, "exclusiveMinimum": 0, "exclusiveMaximum": 1000}, "I": {"type": "integer", "format": "int64", "minimum": -5}`,
			want:    []string{`N number minimum=0.50 maximum=1e3 exclusiveMinimum=0 exclusiveMaximum=1000`, `I integer format=int64 minimum=-5`},
		},
		{
			name:    "example null is no example; default null is a default",
			schemas: `"E": {"type": ["string", "null"], "example": null, "default": null}`,
			want:    []string{`E string nullable default=null`},
		},
		{
			name:    "type list with null, null alone, nullable keyword, enum with null",
			schemas: `"A": {"type": ["null", "integer"]}, "B": {"type": "null"}, "C": {"type": "string", "nullable": true}, "D": {"type": "string", "enum": ["on", null, "off"]}`,
			want:    []string{`A integer nullable`, `B null`, `C string nullable`, `D string enum=["on" "off"] nullable`},
		},
		{
			name: "a type list of several kinds is a union, each with its own keywords",
			schemas: `"M": {"type": ["string", "integer", "null"], "maxLength": 5, "minimum": 1, "format": "int64", "description": "id"},
"E": {"type": ["string", "integer"], "enum": ["a", 1, "b", null]},
"F": {"type": ["string", "boolean"], "enum": ["a"]},
"O": {"type": ["object", "array"], "properties": {"a": {}}, "required": ["a"], "items": {"type": "string"}}`,
			want: []string{
				`M union(string format=int64 maxLength=5 | integer format=int64 minimum=1) nullable description="id"`,
				`E union(string enum=["a" "b"] | integer enum=["1"]) nullable`,
				`F string enum=["a"]`,
				`O union(object{a!: any} | array<string>)`,
			},
		},
		{
			name:    "enum and const as text in source order",
			schemas: `"S": {"type": "string", "enum": ["b", "a", "c"]}, "I": {"type": "integer", "enum": [3, 1, 20]}, "B": {"type": "boolean", "const": true}, "U": {"enum": ["x", "y"]}, "M": {"enum": ["x", 1]}`,
			want:    []string{`S string enum=["b" "a" "c"]`, `I integer enum=["3" "1" "20"]`, `B boolean enum=["true"]`, `U string enum=["x" "y"]`, `M any enum=["x" "1"]`},
		},
		{
			name:    "kind inferred from keywords when type is absent",
			schemas: `"O": {"properties": {"a": {}}}, "L": {"items": true}, "S": {"maxLength": 3}, "N": {"minimum": 1}, "Any": {}, "True": true`,
			want:    []string{`O object{a: any}`, `L array<any>`, `S string maxLength=3`, `N number minimum=1`, `Any any`, `True any`},
		},
		{
			name:    "additionalProperties true, false and a schema",
			schemas: `"Open": {"type": "object", "additionalProperties": true}, "Shut": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}, "Map": {"type": "object", "additionalProperties": {"type": "integer"}}, "Silent": {"type": "object"}`,
			want:    []string{`Open object{} additional=any`, `Shut object{a: string} closed`, `Map object{} additional=integer`, `Silent object{}`},
		},
		{
			name: "tuples: prefixItems, with or without more items",
			schemas: `"Tuple": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false},
"Open": {"prefixItems": [{"type": "string"}]},
"Rest": {"type": "array", "items": {"type": "integer"}, "prefixItems": [{"type": "string"}]},
"Empty": {"type": "array", "items": false}`,
			want: []string{`Tuple array[string, integer]`, `Open array[string]<any>`, `Rest array[string]<integer>`, `Empty array[]`},
		},
		{
			name:    "patternProperties anchored to whole names",
			schemas: `"T": {"type": "object", "properties": {"id": {"type": "string"}}, "patternProperties": {"^cf_": {"type": "string"}, "x": {}}, "additionalProperties": false}`,
			want:    []string{`T object{id: string, /(?s:.*)(?:^cf_)(?s:.*)/: string, /(?s:.*)(?:x)(?s:.*)/: any} closed`},
		},
		{
			name:    "references, with escapes and percent-encoding",
			schemas: `"a/b": {"type": "string"}, "c~d": {"type": "integer"}, "e f": {"type": "boolean"}, "R": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/a~1b"}, "y": {"$ref": "#/components/schemas/c~0d"}, "z": {"$ref": "#/components/schemas/e%20f"}}}`,
			want:    []string{`a/b string`, `c~d integer`, `e f boolean`, `R object{x: ref(a/b), y: ref(c~d), z: ref(e f)}`},
		},
		{
			name:    "a reference with annotations stays a reference",
			schemas: `"T": {"type": "string"}, "U": {"$ref": "#/components/schemas/T", "description": "why", "x-note": 1}`,
			want:    []string{`T string`, `U ref(T) description="why" x-note=1`},
		},
		{
			name:    "a reference beside a type is both",
			schemas: `"T": {"type": "string"}, "U": {"$ref": "#/components/schemas/T", "maxLength": 4}`,
			want:    []string{`T string`, `U all(ref(T) | string maxLength=4)`},
		},
		{
			name:    "oneOf and anyOf are unions",
			schemas: `"T": {"type": "string"}, "U": {"oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "integer"}], "description": "either"}, "V": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"$ref": "#/components/schemas/T"}}]}`,
			want:    []string{`T string`, `U union(ref(T) | integer) description="either"`, `V union(null | array<ref(T)>)`},
		},
		{
			name:    "allOf is kept as parts, own keywords in their place",
			schemas: `"Base": {"type": "object", "properties": {"id": {"type": "string"}}}, "Ext": {"description": "extended", "allOf": [{"$ref": "#/components/schemas/Base"}], "type": "object", "properties": {"more": {"type": "integer"}}}, "Own": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Base"}]}`,
			want:    []string{`Base object{id: string}`, `Ext all(ref(Base) | object{more: integer}) description="extended"`, `Own all(object{} | ref(Base))`},
		},
		{
			name:    "extensions in source order, values as compact JSON",
			schemas: `"T": {"x-b": {"k": [1, 2], "s": "a b"}, "type": "string", "x-a": "v", "x-c": null, "title": "ignored", "readOnly": true}`,
			want:    []string{`T string x-b={"k":[1,2],"s":"a b"} x-a="v" x-c=null`},
		},
		{
			name:    "nested arrays of objects",
			schemas: `"T": {"type": "object", "properties": {"lines": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string", "maxLength": 40}, "qty": {"type": "integer", "format": "int32"}}, "required": ["id"]}}}}`,
			want:    []string{`T object{lines: array<object{id!: string maxLength=40, qty: integer format=int32}>}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("t.json", []byte(withSchemas(tt.schemas)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range doc.Types {
				got = append(got, n.Name+" "+describe(n.Schema))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReferencesResolveToTheNamedType(t *testing.T) {
	// Node refers to itself and to Leaf, declared after it; Leaf refers back: a cycle of two.
	doc, err := Read("t.json", []byte(withSchemas(`
"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}, "leaf": {"$ref": "#/components/schemas/Leaf"}}},
"Leaf": {"type": "object", "properties": {"parent": {"$ref": "#/components/schemas/Node"}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	node, leaf := doc.Type("Node"), doc.Type("Leaf")
	if node == nil || leaf == nil {
		t.Fatalf("types %v", doc.Types)
	}
	checks := []struct {
		what string
		ref  *schemamodel.Schema
		want *schemamodel.Named
	}{
		{"Node.next", node.Schema.Members[0].Schema, node},
		{"Node.leaf", node.Schema.Members[1].Schema, leaf},
		{"Leaf.parent", leaf.Schema.Members[0].Schema, node},
	}
	for _, c := range checks {
		if c.ref.Kind != schemamodel.KindRef || c.ref.Target != c.want || c.ref.Ref != c.want.Name {
			t.Errorf("%s: %s targets %p, want %s at %p", c.what, describe(c.ref), c.ref.Target, c.want.Name, c.want)
		}
	}
	// Following the pointers around the cycle comes back to the same schema.
	if node.Schema.Members[1].Schema.Target.Schema.Members[0].Schema.Target.Schema != node.Schema {
		t.Error("Node → Leaf → Node does not come back to Node's schema")
	}
}

func TestReadDocumentAndWebhooks(t *testing.T) {
	src := `{
  "x-first": true,
  "openapi": "3.1.0",
  "info": {"title": "Acme API", "version": "2.1", "x-api-version": 2, "contact": {"name": "n"}},
  "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
  "paths": {"/things": {"get": {"responses": {}}}},
  "webhooks": {
    "thing_created": {
      "x-path": 1,
      "description": "path item words",
      "post": {
        "summary": "A thing was created",
        "description": "Sent when a thing is created.",
        "operationId": "onThingCreated",
        "x-op": "o",
        "requestBody": {
          "description": "ignored",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingEvent"}, "x-media": [1]}}
        },
        "responses": {"200": {"description": "ok"}}
      }
    },
    "thing_deleted": {
      "summary": "from the path item",
      "description": "deleted words",
      "post": {
        "deprecated": true,
        "requestBody": {"content": {"application/json; charset=utf-8": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}
      }
    }
  },
  "components": {"schemas": {"ThingEvent": {"type": "object"}}},
  "x-last": "z"
}`
	doc, err := Read("acme.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.File != "acme.json" || doc.Title != "Acme API" || doc.Version != "2.1" {
		t.Errorf("file %q, title %q, version %q", doc.File, doc.Title, doc.Version)
	}
	wantExt := []schemamodel.Extension{{Name: "x-first", Value: "true"}, {Name: "x-api-version", Value: "2"}, {Name: "x-last", Value: `"z"`}}
	if fmt.Sprint(doc.Extensions) != fmt.Sprint(wantExt) {
		t.Errorf("document extensions %v, want %v", doc.Extensions, wantExt)
	}
	want := []struct {
		event, summary, description string
		deprecated                  bool
		line                        int
		schema                      string
		extensions                  string
	}{
		{"thing_created", "A thing was created", "Sent when a thing is created.", false, 8, "ref(ThingEvent)", `[{x-path 1} {x-op "o"} {x-media [1]}]`},
		{"thing_deleted", "from the path item", "deleted words", true, 23, "object{id: string}", `[]`},
	}
	if len(doc.Webhooks) != len(want) {
		t.Fatalf("%d webhooks, want %d", len(doc.Webhooks), len(want))
	}
	for i, w := range want {
		h := doc.Webhooks[i]
		got := fmt.Sprintf("%s|%s|%s|%v|%d|%s|%v", h.Event, h.Summary, h.Description, h.Deprecated, h.Pos.Line, describe(h.Schema), h.Extensions)
		exp := fmt.Sprintf("%s|%s|%s|%v|%d|%s|%s", w.event, w.summary, w.description, w.deprecated, w.line, w.schema, w.extensions)
		if got != exp {
			t.Errorf("webhook %d\n got %s\nwant %s", i, got, exp)
		}
		if h.Pos.File != "acme.json" {
			t.Errorf("webhook %d at %v", i, h.Pos)
		}
	}
	if doc.Webhooks[0].Schema.Target != doc.Type("ThingEvent") {
		t.Error("thing_created's body does not resolve to ThingEvent")
	}
}

func TestPositions(t *testing.T) {
	src := withSchemas(`"T": {
  "type": "object",
  "properties": {
    "a": {"type": "string"},
    "b":
      {"type": "integer"}
  }
}`)
	doc, err := Read("p.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Type("T").Schema
	got := fmt.Sprintf("%v %v %v %v", s.Pos, s.Members[0].Pos, s.Members[1].Pos, s.Members[1].Schema.Pos)
	want := "{p.json 3} {p.json 6} {p.json 7} {p.json 8}"
	if got != want {
		t.Errorf("positions %s, want %s", got, want)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// line and pointer locate the first error; msg is part of its text.
		line    int
		pointer string
		msg     string
	}{
		{"not JSON", "{\n\"openapi\": 3.1,\n}", 3, "", "invalid JSON: unexpected '}', want a member name"},
		{"trailing text", `{"openapi": "3.1.0"} x`, 1, "", "after the document's value"},
		{"duplicate member", "{\"openapi\": \"3.1.0\",\n\"openapi\": \"3.1.0\"}", 2, "", `member "openapi" appears twice`},
		{"duplicate member in a wide object", wideObjectWithDuplicate(), 3, "", `member "m7" appears twice`},
		{"bad escape", `{"openapi": "\x"}`, 1, "", `invalid escape \x`},
		{"control character", "{\"openapi\": \"a\tb\"}", 1, "", "control character 0x09"},
		{"invalid UTF-8", "{\"openapi\": \"\xff\"}", 1, "", "not valid UTF-8"},
		{"byte order mark", "\xEF\xBB\xBF{}", 1, "", "byte order mark"},
		{"bad number", `{"a": 01}`, 1, "", "want ',' or '}'"},
		{"lone minus", `{"a": -}`, 1, "", "in a number, want a digit"},
		{"unterminated string", `{"openapi": "3.1`, 1, "", "unexpected end of input in a string"},
		{"unterminated escape", `{"openapi": "a\`, 1, "", "end of input in a string escape"},
		{"control character after an escape", "{\"openapi\": \"\\n\x01\"}", 1, "", "control character 0x01"},
		{"short unicode escape", `{"openapi": "\u12"}`, 1, "", `invalid \u escape`},
		{"unterminated object", "{\"openapi\": \"3.1.0\"\n", 2, "", "want ',' or '}' after member \"openapi\""},
		{"unterminated array", `{"a": [1, 2`, 1, "", "want ',' or ']' in an array"},
		{"missing colon", `{"openapi" "3.1.0"}`, 1, "", "want ':' after member name"},
		{"no digits after the point", `{"a": 1.}`, 1, "", "after a decimal point, want a digit"},
		{"no digits in the exponent", `{"a": 1e+}`, 1, "", "in an exponent, want a digit"},
		{"misspelt literal", `{"a": tru}`, 1, "", "unexpected 't', want a value"},
		{"empty input", ``, 1, "", "unexpected end of input, want a value"},
		{"binary byte", "{\"a\": \x00}", 1, "", "unexpected byte 0x00, want a value"},
		{"not an object", `[1]`, 1, "", "must be an object, not an array"},
		{"info not an object", `{"openapi": "3.1.0", "info": "t"}`, 1, "/info", "must be an object, not a string"},
		{"title not text", `{"openapi": "3.1.0", "info": {"title": 1}}`, 1, "/info/title", "must be a string, not a number"},
		{"components not an object", `{"openapi": "3.1.0", "components": []}`, 1, "/components", "must be an object, not an array"},
		{"schemas not an object", `{"openapi": "3.1.0", "components": {"schemas": null}}`, 1, "/components/schemas", "must be an object, not null"},
		{"webhooks not an object", `{"openapi": "3.1.0", "webhooks": []}`, 1, "/webhooks", "must be an object, not an array"},
		{"webhook not an object", `{"openapi": "3.1.0", "webhooks": {"e": 1}}`, 1, "/webhooks/e", "must be an object, not a number"},
		{"post not an object", `{"openapi": "3.1.0", "webhooks": {"e": {"post": true}}}`, 1, "/webhooks/e/post", "must be an object, not a boolean"},
		{"webhook unknown path item field", `{"openapi": "3.1.0", "webhooks": {"e": {"posts": {}}}}`, 1, "/webhooks/e/posts", `unknown member "posts": not an OpenAPI 3.1 path item field`},
		{"webhook unknown request body field", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"contents": {}}}}}}`, 1, "/webhooks/e/post/requestBody/contents", `unknown member "contents"`},
		{"webhook unknown media type field", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"content": {"application/json": {"schemas": {}}}}}}}}`, 1, "/webhooks/e/post/requestBody/content/application~1json/schemas", `unknown member "schemas"`},
		{"webhook two JSON bodies", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"content": {"application/json": {"schema": {}}, "Application/JSON; charset=utf-8": {"schema": {}}}}}}}}`, 1, "/webhooks/e/post/requestBody/content/Application~1JSON; charset=utf-8", "a second application/json body"},
		{"webhook deprecated not a boolean", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"deprecated": 1, "requestBody": {"content": {"application/json": {"schema": {}}}}}}}}`, 1, "/webhooks/e/post/deprecated", "must be a boolean, not a number"},
		{"required not a list", withSchemas(`"T": {"type": "object", "required": "a"}`), 3, "/components/schemas/T/required", "must be an array, not a string"},
		{"required name not text", withSchemas(`"T": {"type": "object", "required": [1]}`), 3, "/components/schemas/T/required/0", "must be a string, not a number"},
		{"type not text", withSchemas(`"T": {"type": 1}`), 3, "/components/schemas/T/type", "must be a type name or a list of type names, not a number"},
		{"type list of a number", withSchemas(`"T": {"type": [1]}`), 3, "/components/schemas/T/type/0", "must be a string, not a number"},
		{"unknown type in a list", withSchemas(`"T": {"type": ["string", "date"]}`), 3, "/components/schemas/T/type/1", `unknown type "date"`},
		{"enum not a list", withSchemas(`"T": {"enum": "a"}`), 3, "/components/schemas/T/enum", "must be an array, not a string"},
		{"allOf not a list", withSchemas(`"T": {"allOf": {}}`), 3, "/components/schemas/T/allOf", "must be an array, not an object"},
		{"ref not text", withSchemas(`"T": {"$ref": 1}`), 3, "/components/schemas/T/$ref", "must be a string, not a number"},
		{"no openapi", `{}`, 1, "", "no openapi member"},
		{"OpenAPI 3.0", `{"openapi": "3.0.3"}`, 1, "/openapi", `version "3.0.3": this reader reads OpenAPI 3.1.x`},
		{"unknown top-level member", "{\"openapi\": \"3.1.0\",\n\"webhook\": {}}", 2, "/webhook", `unknown member "webhook"`},
		{"other dialect", `{"openapi": "3.1.0", "jsonSchemaDialect": "https://example.com/d"}`, 1, "/jsonSchemaDialect", "this reader knows"},
		{"ref to a missing schema", withSchemas(`"T": {"type": "object",
"properties": {"a": {"$ref": "#/components/schemas/Gone"}}}`), 4, "/components/schemas/T/properties/a/$ref", `$ref "#/components/schemas/Gone": the document has no components schema "Gone"`},
		{"non-local ref", withSchemas(`"T": {"$ref": "other.json#/components/schemas/T"}`), 3, "/components/schemas/T/$ref", "only local references"},
		{"ref to a parameter", withSchemas(`"T": {"$ref": "#/components/parameters/P"}`), 3, "/components/schemas/T/$ref", "only references to #/components/schemas/<name>"},
		{"ref inside a schema", withSchemas(`"T": {"$ref": "#/components/schemas/U/properties/a"}, "U": {}`), 3, "/components/schemas/T/$ref", "refers inside a components schema"},
		{"bad pointer escape", withSchemas(`"T": {"$ref": "#/components/schemas/a~2"}`), 3, "/components/schemas/T/$ref", "~ must be followed by 0 or 1"},
		{"bad percent escape", withSchemas(`"T": {"$ref": "#/components/schemas/a%zz"}`), 3, "/components/schemas/T/$ref", "invalid percent-escape"},
		{"required names no property", withSchemas(`"T": {"type": "object", "properties": {"a": {}},
"required": ["a", "b"]}`), 4, "/components/schemas/T/required/1", `required names "b", which is not one of the schema's properties`},
		{"required twice", withSchemas(`"T": {"type": "object", "properties": {"a": {}}, "required": ["a", "a"]}`), 3, "/components/schemas/T/required/1", `"a" is listed twice`},
		{"keyword of another type", withSchemas(`"T": {"type": "integer", "maxLength": 5}`), 3, "/components/schemas/T/maxLength", "maxLength applies to string values, not to a schema of type integer"},
		{"keywords of two types and no type", withSchemas(`"T": {"maxLength": 5, "items": {}}`), 3, "/components/schemas/T/items", "maxLength constrains string values and items constrains array values"},
		{"keyword for none of several types", withSchemas(`"T": {"type": ["string", "integer"], "items": {}}`), 3, "/components/schemas/T/items", "items applies to array values, not to a schema of type string, integer"},
		{"enum value none of several types holds", withSchemas(`"T": {"type": ["string", "integer"], "enum": ["a", true]}`), 3, "/components/schemas/T/enum/1", "the value true is a boolean, which none of the schema's types holds"},
		{"unknown type", withSchemas(`"T": {"type": "text"}`), 3, "/components/schemas/T/type", `unknown type "text"`},
		{"type listed twice", withSchemas(`"T": {"type": ["string", "string"]}`), 3, "/components/schemas/T/type/1", `type "string" is listed twice`},
		{"empty type list", withSchemas(`"T": {"type": []}`), 3, "/components/schemas/T/type", "an empty type list"},
		{"enum value of another type", withSchemas(`"T": {"type": "string", "enum": ["a", 2]}`), 3, "/components/schemas/T/enum/1", "the value 2 is a number, which a schema of type string never holds"},
		{"enum object value", withSchemas(`"T": {"enum": [{}]}`), 3, "/components/schemas/T/enum/0", "an enum value must be a string, number, boolean or null, not an object"},
		{"enum value twice", withSchemas(`"T": {"type": "string", "enum": ["a", "a"]}`), 3, "/components/schemas/T/enum/1", `the value "a" is listed twice`},
		{"empty enum", withSchemas(`"T": {"enum": []}`), 3, "/components/schemas/T/enum", "an empty enum allows no value"},
		{"negative maxLength", withSchemas(`"T": {"type": "string", "maxLength": -1}`), 3, "/components/schemas/T/maxLength", "must be a non-negative integer"},
		{"fractional minLength", withSchemas(`"T": {"type": "string", "minLength": 1.5}`), 3, "/components/schemas/T/minLength", "must be a non-negative integer that fits an int, not 1.5"},
		{"maxLength as text", withSchemas(`"T": {"type": "string", "maxLength": "5"}`), 3, "/components/schemas/T/maxLength", "must be a number, not a string"},
		{"3.0 exclusiveMinimum", withSchemas(`"T": {"type": "number", "minimum": 0, "exclusiveMinimum": true}`), 3, "/components/schemas/T/exclusiveMinimum", "OpenAPI 3.0's form"},
		{"minimum as text", withSchemas(`"T": {"type": "number", "minimum": "0"}`), 3, "/components/schemas/T/minimum", "must be a number, not a string"},
		{"description not text", withSchemas(`"T": {"description": 5}`), 3, "/components/schemas/T/description", "must be a string, not a number"},
		{"deprecated not boolean", withSchemas(`"T": {"deprecated": "yes"}`), 3, "/components/schemas/T/deprecated", "must be a boolean, not a string"},
		{"unsupported keyword", withSchemas(`"T": {"type": "array", "minItems": 1}`), 3, "/components/schemas/T/minItems", "minItems is a JSON Schema keyword the model has no place for"},
		{"discriminator", withSchemas(`"T": {"oneOf": [{}], "discriminator": {"propertyName": "k"}}`), 3, "/components/schemas/T/discriminator", "discriminator is a JSON Schema keyword"},
		{"unknown keyword", withSchemas(`"T": {"type": "string", "maxlength": 5}`), 3, "/components/schemas/T/maxlength", `unknown keyword "maxlength"`},
		{"schema not an object", withSchemas(`"T": {"type": "object", "properties": {"a": "string"}}`), 3, "/components/schemas/T/properties/a", "a schema must be an object or a boolean, not a string"},
		{"false schema", withSchemas(`"T": false`), 3, "/components/schemas/T", "the schema false allows no value"},
		{"items as a list", withSchemas(`"T": {"type": "array", "items": [{}]}`), 3, "/components/schemas/T/items", "items must be one schema in OpenAPI 3.1"},
		{"pattern Go cannot read", withSchemas(`"T": {"patternProperties": {"(?=x)": {}}}`), 3, "/components/schemas/T/patternProperties/(?=x)", `pattern "(?=x)" is not a regular expression Go's regexp reads`},
		{"empty prefixItems", withSchemas(`"T": {"prefixItems": []}`), 3, "/components/schemas/T/prefixItems", "must list at least one schema"},
		{"empty oneOf", withSchemas(`"T": {"oneOf": []}`), 3, "/components/schemas/T/oneOf", "must list at least one schema"},
		{"properties not an object", withSchemas(`"T": {"properties": []}`), 3, "/components/schemas/T/properties", "must be an object, not an array"},
		{"pointer escapes in the error", withSchemas(`"a/b~c": {"type": "strin"}`), 3, "/components/schemas/a~1b~0c/type", `unknown type "strin"`},
		{"unknown components field", `{"openapi": "3.1.0", "components": {"schema": {}}}`, 1, "/components/schema", `unknown member "schema"`},
		{"webhook without post", `{"openapi": "3.1.0", "webhooks": {"e": {"summary": "s"}}}`, 1, "/webhooks/e", `webhook "e" has no post operation`},
		{"webhook with get", `{"openapi": "3.1.0", "webhooks": {"e": {"get": {}}}}`, 1, "/webhooks/e/get", `webhook "e" has a get operation`},
		{"webhook path item ref", `{"openapi": "3.1.0", "webhooks": {"e": {"$ref": "#/components/pathItems/e"}}}`, 1, "/webhooks/e/$ref", "refers to a path item"},
		{"webhook without body", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"responses": {}}}}}`, 1, "/webhooks/e/post", `webhook "e" has no requestBody`},
		{"webhook body ref", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"$ref": "#/components/requestBodies/B"}}}}}`, 1, "/webhooks/e/post/requestBody/$ref", "refers to a request body"},
		{"webhook form body", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {}}}}}}}}`, 1, "/webhooks/e/post/requestBody/content/application~1x-www-form-urlencoded", "reads application/json bodies only"},
		{"webhook body without schema", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"content": {"application/json": {}}}}}}}`, 1, "/webhooks/e/post/requestBody/content/application~1json", `webhook "e" has no application/json body schema`},
		{"webhook body without content", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {}}}}}`, 1, "/webhooks/e/post/requestBody", "the request body has no content"},
		{"webhook unknown operation field", `{"openapi": "3.1.0", "webhooks": {"e": {"post": {"summry": "s", "requestBody": {"content": {"application/json": {"schema": {}}}}}}}}`, 1, "/webhooks/e/post/summry", `unknown member "summry"`},
		{"webhook body schema error", "{\"openapi\": \"3.1.0\", \"webhooks\": {\"e\": {\"post\": {\"requestBody\": {\"content\": {\"application/json\": {\n\"schema\": {\"$ref\": \"#/components/schemas/E\"}}}}}}}}", 2, "/webhooks/e/post/requestBody/content/application~1json/schema/$ref", `the document has no components schema "E"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("bad.json", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; read %+v", doc)
			}
			if doc != nil {
				t.Error("a document came back with the error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if e.File != "bad.json" || e.Line != tt.line || e.Pointer != tt.pointer || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got  %s\nwant bad.json:%d: %s: …%s…", e, tt.line, tt.pointer, tt.msg)
			}
		})
	}
}

// wideObjectWithDuplicate repeats a member name after more members than narrowObject, on line 3,
// so that duplicates are found by the map, not the scan.
func wideObjectWithDuplicate() string {
	var b strings.Builder
	b.WriteString("{\"openapi\": \"3.1.0\", \"x\": {\n")
	for i := range narrowObject + 4 {
		fmt.Fprintf(&b, "\"m%d\": %d, ", i, i)
	}
	b.WriteString("\n\"m7\": 0}}")
	return b.String()
}

func TestEveryProblemIsReported(t *testing.T) {
	_, err := Read("bad.json", []byte(withSchemas(`"A": {"type": "strin"},
"B": {"maxlength": 1},
"C": {"$ref": "#/components/schemas/Z"}`)))
	want := []string{
		`bad.json:3: /components/schemas/A/type: unknown type "strin"`,
		`bad.json:4: /components/schemas/B/maxlength: unknown keyword "maxlength"`,
		`bad.json:5: /components/schemas/C/$ref: $ref "#/components/schemas/Z": the document has no components schema "Z"`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d problems:\n%s", len(got), err)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestErrorsAreCapped(t *testing.T) {
	var b strings.Builder
	for i := range maxErrors * 3 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `"T%d": {"type": "bad"}`, i)
	}
	_, err := Read("bad.json", []byte(withSchemas(b.String())))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || !strings.Contains(lines[maxErrors], "more than 50 problems") {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

func TestNestingIsBounded(t *testing.T) {
	tests := []struct {
		name  string
		depth int
		ok    bool
	}{
		{"within the bound", maxDepth - 10, true},
		{"10,000 deep", 10000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Schemas nested through items: each level is one object.
			n := tt.depth/2 - 4
			src := withSchemas(`"T": ` + strings.Repeat(`{"items": `, n) + "{}" + strings.Repeat("}", n))
			doc, err := Read("deep.json", []byte(src))
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				depth := 0
				for s := doc.Type("T").Schema; s.Kind == schemamodel.KindArray; s = s.Items {
					depth++
				}
				if depth != n {
					t.Errorf("read %d levels, want %d", depth, n)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "nest more than 512 deep") {
				t.Errorf("error %v, want the nesting bound", err)
			}
		})
	}
}

func TestParseJSONStrings(t *testing.T) {
	tests := []struct{ src, want string }{
		{`"plain"`, "plain"},
		{`"tab\there \"q\" \\ \/"`, "tab\there \"q\" \\ /"},
		{`"\u00e9\u20AC"`, "é€"},
		{`"\ud83d\ude00"`, "😀"},
		{`"lone \ud83d half"`, "lone \uFFFD half"},
		{`"lone \ude00 low"`, "lone \uFFFD low"},
		{`"\ud83d\u0041"`, "\uFFFDA"},
		{`"é raw"`, "é raw"},
	}
	for _, tt := range tests {
		v, err := parseJSON([]byte(tt.src))
		if err != nil {
			t.Errorf("%s: %s", tt.src, err.msg)
			continue
		}
		if v.str != tt.want {
			t.Errorf("%s: got %q, want %q", tt.src, v.str, tt.want)
		}
	}
}

func TestRefName(t *testing.T) {
	tests := []struct{ ref, name, err string }{
		{"#/components/schemas/Customer", "Customer", ""},
		{"#/components/schemas/a~1b~0c", "a/b~c", ""},
		{"#/components/schemas/~01", "~1", ""},
		{"#/components/schemas/a%2Fb", "", "refers inside"},
		{"#/components/schemas/", "", "only references to"},
		{"#/components/schemas/a~", "", "~ must be followed"},
		{"#/definitions/A", "", "only references to"},
		{"/components/schemas/A", "", "only local references"},
	}
	for _, tt := range tests {
		name, err := refName(tt.ref)
		switch {
		case tt.err == "" && (err != nil || name != tt.name):
			t.Errorf("refName(%q) = %q, %v; want %q", tt.ref, name, err, tt.name)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("refName(%q) = %q, %v; want an error with %q", tt.ref, name, err, tt.err)
		}
	}
}

func FuzzRead(f *testing.F) {
	seeds := []string{
		withSchemas(`"T": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/T"}}, "required": ["a"]}`),
		withSchemas(`"U": {"oneOf": [{"type": ["string", "null"], "enum": ["a", null]}, {"allOf": [{"$ref": "#/components/schemas/U"}], "maxLength": 3}]}`),
		`{"openapi": "3.1.0", "info": {"title": "t", "version": "1", "x-v": 1}, "webhooks": {"e": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "x-a": [1]}}}}}}}}`,
		`{"openapi": "3.1.0", "components": {"schemas": {"a~1": {"$ref": "#/components/schemas/a~01"}}}}`,
		withSchemas(`"M": {"type": ["object", "string", "integer", "null"], "enum": ["a", 2, null], "properties": {"p": true}, "maxLength": 1, "exclusiveMinimum": 0}`),
		withSchemas(`"P": {"type": ["array", "object"], "prefixItems": [{"$ref": "#/components/schemas/P"}], "items": false, "patternProperties": {"^a+$": {"type": "integer"}}}`),
		`"\ud83d\ude00 \u00e9"`,
		`[1, -0.5e+3, true, false, null, {"": []}]`,
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz.json", data)
		if (doc == nil) == (err == nil) {
			t.Fatalf("Read returned document %v and error %v; want exactly one", doc != nil, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.json" || e.Line < 1 {
				t.Fatalf("error %v is not an *Error with the file and a line", err)
			}
			return
		}
		for _, n := range doc.Types {
			if n.Schema == nil {
				t.Fatalf("type %q has no schema and no error", n.Name)
			}
		}
		for _, h := range doc.Webhooks {
			if h.Schema == nil {
				t.Fatalf("webhook %q has no schema and no error", h.Event)
			}
		}
	})
}

// TestLargeInputsReadInLinearTime reads shapes that a quadratic step would make slow: each is
// about a megabyte, where a linear reader takes milliseconds and a quadratic one minutes. The
// bound is loose so that a busy machine does not fail it.
func TestLargeInputsReadInLinearTime(t *testing.T) {
	const n = 100_000
	repeat := func(format string, count int) string {
		var b strings.Builder
		for i := range count {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		ok   bool
	}{
		{"a wide object", withSchemas(`"T": {"type": "object", "properties": {` + repeat(`"p%d": true`, n) + `}}`), true},
		{"a wide required list", withSchemas(`"T": {"type": "object", "properties": {` + repeat(`"p%d": true`, n) + `}, "required": [` + repeat(`"p%d"`, n) + `]}`), true},
		{"a long enum", withSchemas(`"T": {"type": "string", "enum": [` + repeat(`"v%d"`, n) + `]}`), true},
		{"many schemas and references", withSchemas(repeat(`"T%d": {"$ref": "#/components/schemas/T0"}`, n)), true},
		{"many errors", withSchemas(repeat(`"T%d": {"type": "bad"}`, n)), false},
		{"a long escaped string", `{"openapi": "3.1.0", "info": {"title": "` + strings.Repeat(`\u00e9\n`, n) + `"}}`, true},
		{"deep nesting, many times", withSchemas(repeat(`"T%d": `+strings.Repeat(`{"items": `, 200)+"{}"+strings.Repeat("}", 200), n/200)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read("large.json", []byte(tt.src))
			if elapsed := time.Since(start); elapsed > 10*time.Second {
				t.Errorf("%d bytes took %v", len(tt.src), elapsed)
			}
			if (err == nil) != tt.ok {
				t.Errorf("error %.200v, want ok=%v", err, tt.ok)
			}
		})
	}
}
