package chargebee

import (
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// api says which of Chargebee's descriptions a schema comes from: it decides type names (v1's
// carry a V1 suffix) and how numbers read (the OpenAPI says integer or number and gives formats;
// the SDK says number for everything).
type api struct {
	version int
	// file names the description in notes and presence reasons.
	file string
}

var (
	apiV1 = api{1, v1File}
	apiV2 = api{2, v2Dir}
)

// typeName is the spec's name for a description's named type: the SDK's names as they are
// ("Customer", "Invoice.LineItem"), the OpenAPI's with V1 after the resource ("CustomerV1",
// "CustomerV1.BillingAddress"). API v2 is the one Chargebee documents and new sites use, so its
// resources get the plain names; v1 is the legacy API and says so in every name.
func (a api) typeName(name string) string {
	if a.version == 1 {
		head, rest, dotted := strings.Cut(name, ".")
		if dotted {
			return head + "V1." + rest
		}
		return name + "V1"
	}
	return name
}

// typeGoName joins a dotted type name's parts into one Go name: Invoice.LineItem → InvoiceLineItem.
func typeGoName(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, ".") {
		b.WriteString(spec.GoName(part))
	}
	return b.String()
}

// nestedName names the type of an inline object: the owner's name, a dot and the member's name
// in upper camel case, singular for the items of an array (Invoice's line_items → LineItem).
func nestedName(owner, member string, items bool) string {
	word := member
	if items {
		word = singular(member)
	}
	return owner + "." + spec.GoName(word)
}

// singular drops an English plural ending the way the vendor's own SDK names item types
// (line_items → line_item, taxes → tax, addons → addon).
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s"):
		return s[:len(s)-1]
	}
	return s
}

var (
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
	spaceRuns = regexp.MustCompile(`[ \t]+`)
	blankRuns = regexp.MustCompile(`\n{3,}`)
)

// describe turns a description's text into plain text for documentation: HTML tags dropped,
// entities decoded, runs of blanks folded, the Markdown the OpenAPI uses kept.
func describe(text string) string {
	text = html.UnescapeString(htmlTag.ReplaceAllString(text, ""))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRuns.ReplaceAllString(l, " "))
	}
	return strings.TrimSpace(blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

// memberShape is a member's shape in the spec's terms: a constraint, or a named type, plus the
// enum, items and notes that go with it.
type memberShape struct {
	constraint *spec.Constraint
	typ        string
	enum       string
	items      *spec.Shape
	notes      []string
}

// shapeOf converts a description's schema of the member named member of the type owner into a
// spec shape, defining the named types and enums it needs. where names the member in errors.
func (b *builder) shapeOf(a api, owner, member string, s *schemamodel.Schema, where string, items bool) (memberShape, error) {
	var sh memberShape
	switch s.Kind {
	case schemamodel.KindRef:
		target := s.Target
		if target == nil {
			return sh, fmt.Errorf("%s: reference to %s is unresolved", where, s.Ref)
		}
		ts := target.Schema
		switch {
		case ts.Kind == schemamodel.KindObject && (len(ts.Members) > 0 || ts.Additional == nil):
			name, err := b.defineType(a, a.typeName(target.Name), ts, pos(ts.Pos, where))
			if err != nil {
				return sh, err
			}
			sh.typ = name
			return sh, nil
		case ts.Kind == schemamodel.KindString && len(ts.Enum) > 0:
			// A named value set (the SDK's AutoCollectionEnum): one enum, shared by its users.
			name := strings.TrimSuffix(target.Name, "Enum")
			enum, err := b.defineEnum(lowerFirst(typeGoName(name)), ts.Enum, fmt.Sprintf("%s's %s", a.file, target.Name), where)
			if err != nil {
				return sh, err
			}
			sh.constraint = &spec.Constraint{Kind: spec.KindString}
			sh.enum = enum
			return sh, nil
		default:
			// An alias of another shape: the alias adds nothing a receiver checks.
			return b.shapeOf(a, owner, member, ts, where, items)
		}
	case schemamodel.KindString:
		c := &spec.Constraint{Kind: spec.KindString}
		if s.MaxLength != nil {
			c.MaxLength = *s.MaxLength
		}
		if s.MinLength != nil {
			if s.MaxLength == nil || *s.MinLength != *s.MaxLength {
				// The spec bounds a length from above, or fixes it; a lower bound alone would be
				// dropped, so it is kept in the member's note instead.
				sh.notes = append(sh.notes, fmt.Sprintf("At least %d characters.", *s.MinLength))
			} else {
				c.Width, c.MaxLength = *s.MinLength, 0
			}
		}
		switch s.Format {
		case "":
		case "email":
			c.Format = spec.FormatEmail
		default:
			sh.notes = append(sh.notes, fmt.Sprintf("Format %s.", s.Format))
		}
		if s.Pattern != "" {
			sh.notes = append(sh.notes, fmt.Sprintf("Matches %s.", s.Pattern))
		}
		sh.constraint = c
		if len(s.Enum) > 0 {
			enum, err := b.defineEnum(lowerFirst(typeGoName(owner)+spec.GoName(member)), s.Enum, fmt.Sprintf("%s's %s.%s", a.file, owner, member), where)
			if err != nil {
				return sh, err
			}
			sh.enum = enum
		}
		return sh, nil
	case schemamodel.KindInteger:
		c := &spec.Constraint{Kind: spec.KindInteger}
		switch s.Format {
		case "unix-time":
			c.Format = spec.FormatUnixTime
		case "", "int32", "int64":
		default:
			sh.notes = append(sh.notes, fmt.Sprintf("Format %s.", s.Format))
		}
		for _, bound := range []struct {
			text string
			to   *string
			word string
		}{{s.Minimum, &c.Min, "at least"}, {s.Maximum, &c.Max, "at most"}} {
			switch {
			case bound.text == "":
			case inttext.IsInteger(bound.text):
				*bound.to = bound.text
			default:
				sh.notes = append(sh.notes, fmt.Sprintf("The description says %s %s.", bound.word, bound.text))
			}
		}
		if s.ExclusiveMinimum != "" || s.ExclusiveMaximum != "" {
			sh.notes = append(sh.notes, fmt.Sprintf("Exclusive bounds %q, %q.", s.ExclusiveMinimum, s.ExclusiveMaximum))
		}
		if c.Format == spec.FormatUnixTime {
			// The format's own range already says what a unix time may be.
			c.Min, c.Max = "", ""
		}
		sh.constraint = c
		return sh, nil
	case schemamodel.KindNumber:
		// A number whose description does not say what it is stays its literal text.
		sh.constraint = &spec.Constraint{Kind: spec.KindNumber}
		if s.Minimum != "" || s.Maximum != "" {
			sh.notes = append(sh.notes, fmt.Sprintf("From %s to %s.", orDash(s.Minimum), orDash(s.Maximum)))
		}
		if len(s.Enum) > 0 {
			sh.notes = append(sh.notes, fmt.Sprintf("One of %s.", strings.Join(s.Enum, ", ")))
		}
		return sh, nil
	case schemamodel.KindBoolean:
		sh.constraint = &spec.Constraint{Kind: spec.KindBoolean}
		return sh, nil
	case schemamodel.KindAny:
		sh.constraint = &spec.Constraint{Kind: spec.KindRaw}
		return sh, nil
	case schemamodel.KindObject:
		if len(s.Members) == 0 && s.Additional != nil {
			// An open object (meta_data, exemption_details): whatever the merchant put there.
			sh.constraint = &spec.Constraint{Kind: spec.KindRaw}
			sh.notes = append(sh.notes, "Any JSON object.")
			return sh, nil
		}
		name, err := b.defineType(a, nestedName(owner, member, items), s, pos(s.Pos, where))
		if err != nil {
			return sh, err
		}
		sh.typ = name
		return sh, nil
	case schemamodel.KindArray:
		if s.Items == nil {
			return sh, fmt.Errorf("%s: an array without an item schema (tuples are not Chargebee's)", where)
		}
		inner, err := b.shapeOf(a, owner, member, s.Items, where+"[]", true)
		if err != nil {
			return sh, err
		}
		sh.constraint = &spec.Constraint{Kind: spec.KindArray}
		sh.items = &spec.Shape{Constraint: inner.constraint, Type: inner.typ, Enum: inner.enum, Items: inner.items}
		sh.notes = inner.notes
		return sh, nil
	case schemamodel.KindUnion, schemamodel.KindAll:
		sh.constraint = &spec.Constraint{Kind: spec.KindRaw}
		sh.notes = append(sh.notes, fmt.Sprintf("The description gives %d alternative shapes; kept as raw JSON.", len(s.OneOf)+len(s.AllOf)))
		b.find("shapes", where, "a union of %d shapes: kept as raw JSON", len(s.OneOf)+len(s.AllOf))
		return sh, nil
	}
	return sh, fmt.Errorf("%s: a %s value has no place in the spec", where, s.Kind)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// pos names a place in the inputs relative to the capture directory, so that the spec does not
// depend on where the inputs were read from.
func pos(p schemamodel.Pos, fallback string) string {
	if p.File == "" {
		return fallback
	}
	file := filepath.ToSlash(p.File)
	if i := strings.LastIndex(file, v2Dir+"/"); i >= 0 {
		file = file[i:]
	}
	p.File = file
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// defineType converts an object schema into the named type name, once; later calls return the
// name. Types are listed in the order they are first met.
func (b *builder) defineType(a api, name string, s *schemamodel.Schema, where string) (string, error) {
	if _, done := b.types[name]; done {
		return name, nil
	}
	if s.Kind != schemamodel.KindObject {
		return "", fmt.Errorf("%s: type %s is %s, not an object", where, name, s.Kind)
	}
	t := &spec.ObjectType{Name: name, GoName: typeGoName(name), Description: describe(s.Description), Source: where}
	if !strings.HasPrefix(where, a.file) {
		t.Source = a.file + " " + where
	}
	b.types[name] = t
	b.typeOrder = append(b.typeOrder, name)
	if err := b.claimGoName(t.GoName, "type "+name); err != nil {
		return "", err
	}
	for _, m := range s.Members {
		f, err := b.member(a, name, m, fmt.Sprintf("%s.%s", name, m.Name))
		if err != nil {
			return "", err
		}
		t.Members = append(t.Members, f)
	}
	if len(s.PatternMembers) > 0 {
		var pats []string
		for _, p := range s.PatternMembers {
			pats = append(pats, p.Pattern)
		}
		t.Description = strings.TrimSpace(t.Description + "\n\nMembers whose names match " + strings.Join(pats, ", ") + " (the site's custom fields) are kept as unknown members, in wire order.")
	}
	return name, nil
}

// member converts one member of an object schema.
func (b *builder) member(a api, owner string, m schemamodel.Member, where string) (spec.Field, error) {
	sh, err := b.shapeOf(a, owner, m.Name, m.Schema, where, false)
	if err != nil {
		return spec.Field{}, err
	}
	f := spec.Field{
		Name: m.Name, GoName: spec.GoName(m.Name), Description: describe(m.Schema.Description),
		Constraint: sh.constraint, Type: sh.typ, Enum: sh.enum, Items: sh.items,
		Presence: spec.Presence{Kind: spec.PresenceOptional},
	}
	if sh.typ != "" && sh.constraint == nil {
		f.Constraint = nil
	}
	if m.Required {
		f.Presence = spec.Presence{Kind: spec.PresenceAlways, Reason: fmt.Sprintf("%s declares it required (%s)", a.file, pos(m.Pos, where))}
	}
	if m.Schema.Default != "" && m.Schema.Default != "null" {
		sh.notes = append(sh.notes, "Default "+m.Schema.Default+".")
	}
	if m.Schema.Deprecated {
		f.Deprecated = "deprecated in " + a.file
	}
	f.Note = strings.Join(sh.notes, " ")
	return f, nil
}

// defineEnum defines a closed value set once. A second definition under the same name must have
// the same values: two value sets under one name would make one of them wrong.
func (b *builder) defineEnum(name string, values []string, source, where string) (string, error) {
	if e, ok := b.enums[name]; ok {
		var have []string
		for _, v := range e.Values {
			have = append(have, v.Value)
		}
		if !slices.Equal(have, values) {
			return "", fmt.Errorf("%s: enum %s is defined twice with different values (%v, then %v)", where, name, have, values)
		}
		return name, nil
	}
	e := &spec.Enum{Name: name, GoName: spec.GoName(name), Description: "The values of " + source + ".", Source: source}
	consts := map[string]string{}
	for _, v := range values {
		g := spec.GoName(v)
		if other, dup := consts[g]; dup {
			return "", fmt.Errorf("%s: enum %s's values %q and %q have the same Go name %s", where, name, other, v, g)
		}
		consts[g] = v
		e.Values = append(e.Values, spec.EnumValue{Value: v, GoName: g})
	}
	b.enums[name] = e
	b.enumOrder = append(b.enumOrder, name)
	return name, nil
}

// claimGoName reserves a Go identifier of the generated package for one definition.
func (b *builder) claimGoName(goName, what string) error {
	if other, dup := b.goNames[goName]; dup {
		return fmt.Errorf("%s and %s would both be the Go type %s", other, what, goName)
	}
	b.goNames[goName] = what
	return nil
}
