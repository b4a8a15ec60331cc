package openapi

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// keywordKind is the kind of value each type-specific keyword constrains. A schema without type
// takes its kind from these; a schema with a type may use only the keywords of its kind.
var keywordKind = map[string]schemamodel.Kind{
	"properties":           schemamodel.KindObject,
	"required":             schemamodel.KindObject,
	"additionalProperties": schemamodel.KindObject,
	"patternProperties":    schemamodel.KindObject,
	"items":                schemamodel.KindArray,
	"prefixItems":          schemamodel.KindArray,
	"minLength":            schemamodel.KindString,
	"maxLength":            schemamodel.KindString,
	"pattern":              schemamodel.KindString,
	"minimum":              schemamodel.KindNumber,
	"maximum":              schemamodel.KindNumber,
	"exclusiveMinimum":     schemamodel.KindNumber,
	"exclusiveMaximum":     schemamodel.KindNumber,
}

// typeNames are JSON Schema's type names.
var typeNames = map[string]schemamodel.Kind{
	"string":  schemamodel.KindString,
	"integer": schemamodel.KindInteger,
	"number":  schemamodel.KindNumber,
	"boolean": schemamodel.KindBoolean,
	"object":  schemamodel.KindObject,
	"array":   schemamodel.KindArray,
	"null":    schemamodel.KindNull,
}

// annotations are keywords that carry nothing for a webhook body (see the package
// documentation).
var annotations = map[string]bool{
	"title": true, "examples": true, "readOnly": true, "writeOnly": true,
	"$comment": true, "externalDocs": true, "xml": true,
}

// unsupported are JSON Schema 2020-12 and OpenAPI keywords the model has no place for. They are
// named apart from unknown keywords so that the error says which it is.
var unsupported = map[string]bool{
	"not": true, "if": true, "then": true, "else": true,
	"dependentSchemas": true, "dependentRequired": true,
	"contains": true, "minContains": true, "maxContains": true,
	"minItems": true, "maxItems": true, "uniqueItems": true,
	"minProperties": true, "maxProperties": true, "propertyNames": true,
	"unevaluatedItems": true, "unevaluatedProperties": true, "multipleOf": true,
	"discriminator": true, "contentEncoding": true, "contentMediaType": true, "contentSchema": true,
	"$id": true, "$schema": true, "$anchor": true, "$dynamicRef": true, "$dynamicAnchor": true,
	"$defs": true, "$vocabulary": true,
}

// schema reads the schema v at p. It returns nil only when v is not a schema at all; any other
// problem is recorded and the schema read as far as it goes.
func (r *reader) schema(v *value, p *path) *schemamodel.Schema {
	switch v.kind {
	case jsonBool:
		if v.boolean {
			return &schemamodel.Schema{Kind: schemamodel.KindAny, Pos: r.pos(v.start)}
		}
		r.fail(v, p, "the schema false allows no value, so no body can carry it")
		return nil
	case jsonObject:
	default:
		r.fail(v, p, "a schema must be an object or a boolean, not %s", v.kind)
		return nil
	}

	// outer carries the annotations; the shapes ($ref, unions, allOf parts and the schema's own
	// type and constraints) are gathered as parts, in source order, and combined at the end.
	outer := &schemamodel.Schema{Pos: r.pos(v.start)}
	var parts []*schemamodel.Schema
	var own []member
	ownAt := -1 // where the own shape goes among parts
	hasAllOf, nullable := false, false
	for _, m := range v.members {
		kp := p.child(m.name)
		switch name := m.name; {
		case name == "$ref":
			if s := r.ref(m.value, kp); s != nil {
				parts = append(parts, s)
			}
		case name == "oneOf" || name == "anyOf":
			if alts := r.schemaList(m.value, kp); alts != nil {
				parts = append(parts, &schemamodel.Schema{Kind: schemamodel.KindUnion, OneOf: alts, Pos: r.pos(m.value.start)})
			}
		case name == "allOf":
			hasAllOf = true
			parts = append(parts, r.schemaList(m.value, kp)...)
		case name == "type" || name == "format" || name == "enum" || name == "const" || keywordKind[name] != "":
			if ownAt < 0 {
				ownAt = len(parts)
			}
			own = append(own, m)
		case name == "description":
			outer.Description = r.text(m.value, kp)
		case name == "deprecated":
			outer.Deprecated = r.flag(m.value, kp)
		case name == "default":
			outer.Default = r.jsonText(m.value)
		case name == "example":
			if m.value.kind != jsonNull {
				outer.Example = r.jsonText(m.value)
			}
		case name == "nullable":
			nullable = r.flag(m.value, kp)
		case annotations[name]:
		case isExtension(name):
			outer.Extensions = append(outer.Extensions, r.extension(m))
		case unsupported[name]:
			r.failAt(m.offset, kp, "%s is a JSON Schema keyword the model has no place for; this reader does not read it", name)
		default:
			r.failAt(m.offset, kp, "unknown keyword %q: not JSON Schema 2020-12 or OpenAPI 3.1 (a vendor extension starts with x-)", name)
		}
	}
	if ownAt >= 0 {
		parts = slices.Insert(parts, ownAt, r.ownShape(v, own, p))
	}

	switch {
	case hasAllOf || len(parts) > 1:
		outer.Kind = schemamodel.KindAll
		outer.AllOf = parts
	case len(parts) == 1:
		// One shape: it is the schema, with the annotations on it.
		s := parts[0]
		s.Pos = outer.Pos
		s.Description, s.Deprecated, s.Default, s.Example = outer.Description, outer.Deprecated, outer.Default, outer.Example
		s.Extensions = outer.Extensions
		outer = s
	default:
		outer.Kind = schemamodel.KindAny
	}
	if nullable {
		outer.Nullable = true
	}
	return outer
}

// schemaList reads the array of schemas of oneOf, anyOf or allOf.
func (r *reader) schemaList(v *value, p *path) []*schemamodel.Schema {
	if !r.wantKind(v, p, jsonArray) {
		return nil
	}
	if len(v.elems) == 0 {
		r.fail(v, p, "must list at least one schema")
		return nil
	}
	list := make([]*schemamodel.Schema, 0, len(v.elems))
	for i, e := range v.elems {
		if s := r.schema(e, p.child(strconv.Itoa(i))); s != nil {
			list = append(list, s)
		}
	}
	return list
}

// ref reads a $ref and resolves it to its named type.
func (r *reader) ref(v *value, p *path) *schemamodel.Schema {
	ref := r.text(v, p)
	if v.kind != jsonString {
		return nil
	}
	name, err := refName(ref)
	if err != nil {
		r.fail(v, p, "$ref %q: %v", ref, err)
		return nil
	}
	target := r.named[name]
	if target == nil {
		r.fail(v, p, "$ref %q: the document has no components schema %q", ref, name)
		return nil
	}
	return &schemamodel.Schema{Kind: schemamodel.KindRef, Ref: name, Target: target, Pos: r.pos(v.start)}
}

const schemasPointer = "/components/schemas/"

// refName returns the components schema name a local reference names: the URI fragment is
// percent-decoded, then the JSON pointer's last token unescaped (~1 is "/", ~0 is "~").
func refName(ref string) (string, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return "", fmt.Errorf("only local references (#%s<name>) are read", schemasPointer)
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return "", fmt.Errorf("invalid percent-escape in the fragment")
	}
	token, ok := strings.CutPrefix(frag, schemasPointer)
	if !ok || token == "" {
		return "", fmt.Errorf("only references to #%s<name> are read", schemasPointer)
	}
	if strings.Contains(token, "/") {
		return "", fmt.Errorf("refers inside a components schema; only whole components schemas are read")
	}
	if !strings.Contains(token, "~") {
		return token, nil
	}
	var b strings.Builder
	for i := 0; i < len(token); i++ {
		if token[i] != '~' {
			b.WriteByte(token[i])
			continue
		}
		switch {
		case i+1 < len(token) && token[i+1] == '0':
			b.WriteByte('~')
		case i+1 < len(token) && token[i+1] == '1':
			b.WriteByte('/')
		default:
			return "", fmt.Errorf("invalid JSON-pointer escape: ~ must be followed by 0 or 1")
		}
		i++
	}
	return b.String(), nil
}

// ownShape reads the schema's own type and the keywords that constrain it (own, in source
// order) into one schema; a type list of several kinds becomes a union of one schema per kind.
func (r *reader) ownShape(v *value, own []member, p *path) *schemamodel.Schema {
	s := &schemamodel.Schema{Pos: r.pos(v.start)}
	var kinds []schemamodel.Kind
	typed := false
	for _, m := range own {
		if m.name == "type" {
			kinds, s.Nullable = r.typeKeyword(m.value, p.child("type"))
			typed = true
		}
	}
	if !typed {
		kinds = []schemamodel.Kind{r.inferKind(v, own, p)}
	} else {
		r.checkKeywordsApply(own, p, kinds)
	}
	s.Kind = kinds[0]
	if len(kinds) > 1 {
		// Every enum value fits for now; splitByType gives each to the kinds that hold it.
		s.Kind = schemamodel.KindAny
	}

	var enum []enumEntry
	noMoreItems := false // items: false
	var required *value
	var requiredPath *path
	for _, m := range own {
		kp := p.child(m.name)
		switch m.name {
		case "format":
			s.Format = r.text(m.value, kp)
		case "enum":
			enum = r.enum(m.value, kp, s)
		case "const":
			if r.enumValue(m.value, kp, s, nil) {
				enum = []enumEntry{{m.value, kp}}
			}
		case "minLength":
			s.MinLength = r.count(m.value, kp)
		case "maxLength":
			s.MaxLength = r.count(m.value, kp)
		case "pattern":
			s.Pattern = r.text(m.value, kp)
		case "minimum":
			s.Minimum = r.bound(m.value, kp)
		case "maximum":
			s.Maximum = r.bound(m.value, kp)
		case "exclusiveMinimum":
			s.ExclusiveMinimum = r.bound(m.value, kp)
		case "exclusiveMaximum":
			s.ExclusiveMaximum = r.bound(m.value, kp)
		case "properties":
			r.properties(m.value, kp, s)
		case "required":
			required, requiredPath = m.value, kp
		case "additionalProperties":
			if m.value.kind == jsonBool && !m.value.boolean {
				s.Closed = true
			} else {
				s.Additional = r.schema(m.value, kp)
			}
		case "patternProperties":
			r.patternProperties(m.value, kp, s)
		case "items":
			switch {
			case m.value.kind == jsonArray:
				r.fail(m.value, kp, "items must be one schema in OpenAPI 3.1; a tuple's items by position are prefixItems")
			case m.value.kind == jsonBool && !m.value.boolean:
				noMoreItems = true
			default:
				s.Items = r.schema(m.value, kp)
			}
		case "prefixItems":
			s.PrefixItems = r.schemaList(m.value, kp)
		}
	}
	if required != nil {
		r.required(required, requiredPath, s)
	}
	// The model's tuple is PrefixItems with nil Items: exactly that many items. JSON Schema's
	// prefixItems allow more items of any shape unless items says otherwise.
	switch {
	case noMoreItems && s.PrefixItems == nil:
		s.PrefixItems = []*schemamodel.Schema{} // items: false alone: the empty array only
	case s.PrefixItems != nil && s.Items == nil && !noMoreItems:
		s.Items = &schemamodel.Schema{Kind: schemamodel.KindAny, Pos: s.Pos}
	}
	if len(kinds) > 1 {
		return r.splitByType(s, kinds, enum)
	}
	return s
}

// checkKeywordsApply reports each type-specific keyword that constrains none of the kinds the
// schema's type names.
func (r *reader) checkKeywordsApply(own []member, p *path, kinds []schemamodel.Kind) {
	if kinds[0] == schemamodel.KindAny {
		return // the type was unreadable, which is reported already
	}
	for _, m := range own {
		k := keywordKind[m.name]
		if k == "" || slices.ContainsFunc(kinds, func(kind schemamodel.Kind) bool { return constrains(k, kind) }) {
			continue
		}
		names := make([]string, len(kinds))
		for i, kind := range kinds {
			names[i] = string(kind)
		}
		r.failAt(m.offset, p.child(m.name), "%s applies to %s values, not to a schema of type %s", m.name, k, strings.Join(names, ", "))
	}
}

// constrains reports whether a keyword of kind k applies to values of kind: its own, and the
// numeric keywords to integers too.
func constrains(k, kind schemamodel.Kind) bool {
	return k == kind || k == schemamodel.KindNumber && kind == schemamodel.KindInteger
}

// enumEntry is one non-null value of an enum, kept until splitByType knows its kind.
type enumEntry struct {
	value *value
	path  *path
}

// splitByType turns flat, read from a schema whose type lists several kinds, into a union of one
// schema per kind, each with the keywords that constrain its kind, the format, and the enum
// values (in enum) it can hold. A kind that holds none of an enum's values is left out: no value
// of it is allowed.
func (r *reader) splitByType(flat *schemamodel.Schema, kinds []schemamodel.Kind, enum []enumEntry) *schemamodel.Schema {
	union := &schemamodel.Schema{Kind: schemamodel.KindUnion, Nullable: flat.Nullable, Pos: flat.Pos}
	for _, kind := range kinds {
		alt := &schemamodel.Schema{Kind: kind, Format: flat.Format, Pos: flat.Pos}
		switch kind {
		case schemamodel.KindString:
			alt.MinLength, alt.MaxLength, alt.Pattern = flat.MinLength, flat.MaxLength, flat.Pattern
		case schemamodel.KindInteger, schemamodel.KindNumber:
			alt.Minimum, alt.Maximum = flat.Minimum, flat.Maximum
			alt.ExclusiveMinimum, alt.ExclusiveMaximum = flat.ExclusiveMinimum, flat.ExclusiveMaximum
		case schemamodel.KindObject:
			alt.Members, alt.PatternMembers = flat.Members, flat.PatternMembers
			alt.Additional, alt.Closed = flat.Additional, flat.Closed
		case schemamodel.KindArray:
			alt.Items, alt.PrefixItems = flat.Items, flat.PrefixItems
		}
		if flat.Enum != nil {
			for i, e := range enum {
				if holds(kind, e.value.kind) {
					alt.Enum = append(alt.Enum, flat.Enum[i])
				}
			}
			if alt.Enum == nil {
				continue
			}
		}
		union.OneOf = append(union.OneOf, alt)
	}
	for _, e := range enum {
		if !slices.ContainsFunc(kinds, func(kind schemamodel.Kind) bool { return holds(kind, e.value.kind) }) {
			r.fail(e.value, e.path, "the value %s is %s, which none of the schema's types holds", r.src[e.value.start:e.value.end], e.value.kind)
		}
	}
	if len(union.OneOf) == 1 {
		alt := union.OneOf[0]
		alt.Nullable = union.Nullable
		return alt
	}
	return union
}

// holds reports whether a schema of kind k holds a JSON value of kind jk.
func holds(k schemamodel.Kind, jk valueKind) bool {
	switch k {
	case schemamodel.KindString:
		return jk == jsonString
	case schemamodel.KindInteger, schemamodel.KindNumber:
		return jk == jsonNumber
	case schemamodel.KindBoolean:
		return jk == jsonBool
	case schemamodel.KindAny:
		return true
	}
	return false
}

// typeKeyword reads type: a type name or a list of them. It returns the kinds it names other
// than null, and whether null is among several; type "null" alone is KindNull.
func (r *reader) typeKeyword(v *value, p *path) (kinds []schemamodel.Kind, nullable bool) {
	unreadable := []schemamodel.Kind{schemamodel.KindAny}
	switch v.kind {
	case jsonString:
		k, known := typeNames[v.str]
		if !known {
			r.fail(v, p, "unknown type %q (JSON Schema's are string, integer, number, boolean, object, array and null)", v.str)
			return unreadable, false
		}
		return []schemamodel.Kind{k}, false
	case jsonArray:
		if len(v.elems) == 0 {
			r.fail(v, p, "an empty type list allows no value")
			return unreadable, false
		}
		seen := map[string]bool{}
		for i, e := range v.elems {
			ep := p.child(strconv.Itoa(i))
			if !r.wantKind(e, ep, jsonString) {
				continue
			}
			k, known := typeNames[e.str]
			switch {
			case !known:
				r.fail(e, ep, "unknown type %q (JSON Schema's are string, integer, number, boolean, object, array and null)", e.str)
			case seen[e.str]:
				r.fail(e, ep, "type %q is listed twice", e.str)
			case k == schemamodel.KindNull:
				nullable = true
			default:
				kinds = append(kinds, k)
			}
			seen[e.str] = true
		}
		switch {
		case len(kinds) == 0 && nullable:
			return []schemamodel.Kind{schemamodel.KindNull}, false
		case len(kinds) == 0:
			return unreadable, false
		}
		return kinds, nullable
	default:
		r.fail(v, p, "must be a type name or a list of type names, not %s", v.kind)
		return unreadable, false
	}
}

// inferKind is the kind of a schema without type: the kind its keywords constrain, or string for
// an enum or const of strings only, or any.
func (r *reader) inferKind(v *value, own []member, p *path) schemamodel.Kind {
	var kind schemamodel.Kind
	var first string
	for _, m := range own {
		k := keywordKind[m.name]
		switch {
		case k == "":
		case kind == "":
			kind, first = k, m.name
		case k != kind:
			r.failAt(m.offset, p.child(m.name), "%s constrains %s values and %s constrains %s values, and the schema states no type", first, kind, m.name, k)
		}
	}
	if kind != "" {
		return kind
	}
	for _, m := range own {
		var values []*value
		switch m.name {
		case "enum":
			values = m.value.elems
		case "const":
			values = []*value{m.value}
		default:
			continue
		}
		for _, e := range values {
			if e.kind != jsonString {
				return schemamodel.KindAny
			}
		}
		if len(values) > 0 {
			return schemamodel.KindString
		}
	}
	return schemamodel.KindAny
}

// enum reads enum's values into s.Enum and returns its non-null values.
func (r *reader) enum(v *value, p *path, s *schemamodel.Schema) []enumEntry {
	if !r.wantKind(v, p, jsonArray) {
		return nil
	}
	if len(v.elems) == 0 {
		r.fail(v, p, "an empty enum allows no value")
		return nil
	}
	seen := make(map[string]bool, len(v.elems))
	entries := make([]enumEntry, 0, len(v.elems))
	for i, e := range v.elems {
		ep := p.child(strconv.Itoa(i))
		if r.enumValue(e, ep, s, seen) {
			entries = append(entries, enumEntry{e, ep})
		}
	}
	return entries
}

// enumValue adds one enum or const value to s.Enum as text and reports whether it did: null
// makes s nullable instead, and a value that s's kind never holds is an error.
func (r *reader) enumValue(e *value, p *path, s *schemamodel.Schema, seen map[string]bool) bool {
	var text string
	switch e.kind {
	case jsonNull:
		s.Nullable = true
		return false
	case jsonString:
		text = e.str
	case jsonNumber, jsonBool:
		text = string(r.src[e.start:e.end])
	default:
		r.fail(e, p, "an enum value must be a string, number, boolean or null, not %s", e.kind)
		return false
	}
	if !holds(s.Kind, e.kind) {
		r.fail(e, p, "the value %s is %s, which a schema of type %s never holds", r.src[e.start:e.end], e.kind, s.Kind)
		return false
	}
	if seen != nil {
		key := e.kind.String() + ":" + text
		if seen[key] {
			r.fail(e, p, "the value %s is listed twice", r.src[e.start:e.end])
			return false
		}
		seen[key] = true
	}
	s.Enum = append(s.Enum, text)
	return true
}

// count reads minLength or maxLength: a non-negative integer.
func (r *reader) count(v *value, p *path) *int {
	if !r.wantKind(v, p, jsonNumber) {
		return nil
	}
	text := string(r.src[v.start:v.end])
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 {
		r.fail(v, p, "must be a non-negative integer that fits an int, not %s", text)
		return nil
	}
	return &n
}

// bound reads minimum, maximum or an exclusive bound: a number, kept as written.
func (r *reader) bound(v *value, p *path) string {
	if v.kind == jsonBool {
		r.fail(v, p, "a boolean here is OpenAPI 3.0's form; 3.1 states the bound itself (exclusiveMinimum: 0)")
		return ""
	}
	if !r.wantKind(v, p, jsonNumber) {
		return ""
	}
	return string(r.src[v.start:v.end])
}

// properties reads an object's members in source order.
func (r *reader) properties(v *value, p *path, s *schemamodel.Schema) {
	if !r.wantKind(v, p, jsonObject) {
		return
	}
	s.Members = make([]schemamodel.Member, 0, len(v.members))
	for _, m := range v.members {
		// A member whose schema is unreadable is kept (the error is recorded) so that required
		// does not report it missing as well.
		ms := r.schema(m.value, p.child(m.name))
		s.Members = append(s.Members, schemamodel.Member{Name: m.name, Schema: ms, Pos: r.pos(m.offset)})
	}
}

// patternProperties reads the schemas of members whose names match a pattern, in source order.
// JSON Schema's patterns match anywhere in a name; the model's are anchored at both ends, so each
// is wrapped to match the whole name, and must be one Go's regexp (RE2) compiles.
func (r *reader) patternProperties(v *value, p *path, s *schemamodel.Schema) {
	if !r.wantKind(v, p, jsonObject) {
		return
	}
	for _, m := range v.members {
		mp := p.child(m.name)
		anchored := `(?s:.*)(?:` + m.name + `)(?s:.*)`
		if _, err := regexp.Compile(anchored); err != nil {
			r.failAt(m.offset, mp, "pattern %q is not a regular expression Go's regexp reads: %v", m.name, err)
			continue
		}
		s.PatternMembers = append(s.PatternMembers, schemamodel.PatternMember{Pattern: anchored, Schema: r.schema(m.value, mp)})
	}
}

// required marks the members named by required; each must be one of s's properties.
func (r *reader) required(v *value, p *path, s *schemamodel.Schema) {
	if !r.wantKind(v, p, jsonArray) {
		return
	}
	index := make(map[string]int, len(s.Members))
	for i, m := range s.Members {
		index[m.Name] = i
	}
	seen := make(map[string]bool, len(v.elems))
	for i, e := range v.elems {
		ep := p.child(strconv.Itoa(i))
		if !r.wantKind(e, ep, jsonString) {
			continue
		}
		if seen[e.str] {
			r.fail(e, ep, "%q is listed twice", e.str)
			continue
		}
		seen[e.str] = true
		at, ok := index[e.str]
		if !ok {
			r.fail(e, ep, "required names %q, which is not one of the schema's properties", e.str)
			continue
		}
		s.Members[at].Required = true
	}
}
