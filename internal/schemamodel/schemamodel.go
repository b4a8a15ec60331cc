// Package schemamodel is the neutral model of a machine-readable API description: an OpenAPI
// document or an SDK's type declarations. It holds named types with their members in the order
// the source writes them, and the webhooks the API sends. Readers (internal/readers/openapi,
// internal/readers/tsdecl) produce it; vendor spec builders (internal/capture/<vendor>)
// interpret it. It knows nothing of any vendor and nothing of code generation.
//
// The model keeps what the source says and nothing it does not: a limit the source leaves out is
// nil, not zero; a member's description is the source's text, verbatim.
package schemamodel

// Document is one read description.
type Document struct {
	// File is the description's file name (or, for a set of declaration files, its folder), for
	// error messages.
	File string
	// Title and Version are the description's own, when it states them (OpenAPI info).
	Title   string
	Version string
	// Types are the named types, in the order the source declares them. Namespaced types are
	// named with a dot ("Invoice.LineItem").
	Types []*Named
	// Webhooks are the events the API sends, in the order the source lists them.
	Webhooks []Webhook
	// Extensions are the document's own vendor extensions ("x-cb-api-version").
	Extensions []Extension
	// NonData are the declarations the source makes that are not data shapes (an SDK's classes,
	// functions, generic helper types, interfaces with methods, and the types that refer to
	// them), in source order, so that a caller can report what it did not use. A reader that
	// models every declaration leaves it empty.
	NonData []Declaration
}

// Declaration is a declaration that is not a data shape: what it is, where, and why it is not one.
type Declaration struct {
	// Name is the declared name, dotted for a namespaced declaration ("Customer.CustomerResource").
	Name string
	// Kind is the source's keyword for it ("class", "function", "interface", "type", "const").
	Kind string
	// Reason says why it is not a data shape ("has type parameters", "member on is a method").
	Reason string
	Pos    Pos
}

// Type returns the named type called name, or nil.
func (d *Document) Type(name string) *Named {
	for _, t := range d.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Named is a named type: an OpenAPI components schema, a TypeScript interface, type alias or enum.
type Named struct {
	Name   string
	Schema *Schema
}

// Webhook is one event the API sends.
type Webhook struct {
	// Event is the event type as it travels on the wire ("customer_deleted").
	Event string
	// Schema is what the source describes for the event: the whole request body for OpenAPI's
	// webhooks section, the content member for an SDK's event-to-content map. The reader's
	// package documentation says which.
	Schema      *Schema
	Summary     string
	Description string
	Deprecated  bool
	Pos         Pos
	Extensions  []Extension
}

// Kind is the JSON shape of a schema's values.
type Kind string

const (
	// KindAny is a value of any shape (an empty schema, TypeScript's unknown or any).
	KindAny     Kind = "any"
	KindString  Kind = "string"
	KindInteger Kind = "integer"
	KindNumber  Kind = "number"
	KindBoolean Kind = "boolean"
	KindNull    Kind = "null"
	// KindObject has named members (and, when Additional is set, other members too).
	KindObject Kind = "object"
	// KindArray has items of one schema.
	KindArray Kind = "array"
	// KindUnion is one of several schemas (OneOf): a TypeScript union of types, an OpenAPI oneOf
	// or anyOf. A union of string literals is a KindString with Enum instead.
	KindUnion Kind = "union"
	// KindRef refers to a named type (Ref, resolved to Target).
	KindRef Kind = "ref"
	// KindAll is every one of several schemas at once (AllOf): an OpenAPI allOf, a TypeScript
	// intersection A & B. The parts are kept as written, not merged, so that a part naming a
	// type stays a reference to it.
	KindAll Kind = "all"
)

// Schema is the shape of a value.
type Schema struct {
	Kind Kind
	// Ref is the name of the named type a KindRef schema refers to, and Target that type. Readers
	// resolve every reference; a reference to a type the document lacks is a read error.
	Ref    string
	Target *Named

	// Format is the source's format keyword as written ("int64", "unix-time", "email").
	Format string
	// Enum are the allowed values, as text, in the source's order (string literals, or the
	// values of an enum declaration).
	Enum []string
	// MinLength and MaxLength bound a string, in characters; nil when the source states none.
	MinLength *int
	MaxLength *int
	// Minimum and Maximum bound a number, as the source's literal text ("0", "100.5"); "" when
	// unstated.
	Minimum string
	Maximum string
	// ExclusiveMinimum and ExclusiveMaximum bound a number that may not equal them (OpenAPI 3.1
	// exclusiveMinimum: 0 means "> 0"), as literal text; "" when unstated. The source may state
	// both an inclusive and an exclusive bound; both are kept.
	ExclusiveMinimum string
	ExclusiveMaximum string
	// Pattern is a regular expression the source requires of a string.
	Pattern string

	// Members are an object's named members, in the order the source writes them.
	Members []Member
	// Additional describes members beyond the named ones: nil when the source allows none or
	// says nothing, KindAny when any value is allowed ("[key: string]: unknown",
	// additionalProperties: true), otherwise the values' schema (a map).
	Additional *Schema
	// Closed is true when the source forbids members beyond Members (additionalProperties:
	// false), which saying nothing does not.
	Closed bool
	// PatternMembers describe members whose names match a pattern (TypeScript's
	// "[key: `cf_${string}`]: T", JSON Schema patternProperties), in the source's order. A member
	// named in Members is described there, whatever its name matches.
	PatternMembers []PatternMember
	// Items is an array's item schema.
	Items *Schema
	// PrefixItems are a tuple's item schemas by position (TypeScript [A, B], JSON Schema
	// prefixItems). A KindArray with PrefixItems and nil Items has exactly len(PrefixItems) items.
	PrefixItems []*Schema
	// OneOf are a union's alternatives.
	OneOf []*Schema
	// AllOf are the parts a KindAll value matches all of, in the source's order.
	AllOf []*Schema

	// Nullable is true when null is allowed besides the kind (OpenAPI type [T, "null"], TypeScript
	// "T | null").
	Nullable    bool
	Description string
	Deprecated  bool
	// Default and Example are the source's values as JSON text, when stated.
	Default string
	Example string
	// Extensions are the schema's vendor extensions (OpenAPI "x-..." keywords), in source order.
	Extensions []Extension
	Pos        Pos
}

// Member is one named member of an object.
type Member struct {
	Name string
	// Required is true when the source requires the member (OpenAPI "required", a TypeScript
	// member without "?").
	Required bool
	Schema   *Schema
	Pos      Pos
}

// PatternMember describes the members whose names match Pattern.
type PatternMember struct {
	// Pattern is an RE2 regular expression, anchored at both ends, that the names match.
	Pattern string
	Schema  *Schema
}

// Extension is one vendor extension: its keyword and its value as JSON text.
type Extension struct {
	Name  string
	Value string
}

// Pos is where something is declared in the source: file and 1-based line; Line is 0 where the
// format has no useful line.
type Pos struct {
	File string
	Line int
}
