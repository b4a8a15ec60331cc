package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Event returns the event with the given wire name, or nil.
func (s *Spec) Event(name string) *Event {
	for i := range s.Events {
		if s.Events[i].Name == name {
			return &s.Events[i]
		}
	}
	return nil
}

// Version returns the event's version n, or nil.
func (e *Event) Version(n int) *Version {
	for i := range e.Versions {
		if e.Versions[i].Number == n {
			return &e.Versions[i]
		}
	}
	return nil
}

// Latest returns the event's highest version.
func (e *Event) Latest() *Version {
	var latest *Version
	for i := range e.Versions {
		if latest == nil || e.Versions[i].Number > latest.Number {
			latest = &e.Versions[i]
		}
	}
	return latest
}

// Field returns the shared field whose name or alias is name, or nil.
func (s *Spec) Field(name string) *Field {
	for i := range s.Fields {
		f := &s.Fields[i]
		if f.Name == name || slices.Contains(f.Aliases, name) {
			return f
		}
	}
	return nil
}

// DataType returns the data type with the given text, or nil.
func (s *Spec) DataType(text string) *DataType {
	for i := range s.DataTypes {
		if s.DataTypes[i].Text == text {
			return &s.DataTypes[i]
		}
	}
	return nil
}

// Enum returns the enum with the given name, or nil.
func (s *Spec) Enum(name string) *Enum {
	for i := range s.Enums {
		if s.Enums[i].Name == name {
			return &s.Enums[i]
		}
	}
	return nil
}

// Erratum returns the errata entry with the given id, or nil.
func (s *Spec) Erratum(id string) *Erratum {
	for i := range s.Errata.Entries {
		if s.Errata.Entries[i].ID == id {
			return &s.Errata.Entries[i]
		}
	}
	return nil
}

// Type returns the named object type called name, or nil.
func (s *Spec) Type(name string) *ObjectType {
	for i := range s.Types {
		if s.Types[i].Name == name {
			return &s.Types[i]
		}
	}
	return nil
}

// ResolvedField is one member of an event version or an object type with every attribute
// settled: a flat row's own values where it states them, the shared field's otherwise. It is
// what generators consume.
type ResolvedField struct {
	// Row is the table row and Field the definition it refines, for a flat body's field; a
	// member of a type or of content has no Row, and Field is its definition.
	Row   *Row
	Field *Field
	// Name is the wire name as this version's table (or the type) spells it.
	Name        string
	GoName      string
	Aliases     []string
	Description string
	// DataType is the data type text as printed ("" when the vendor prints none); Constraint is
	// the member's shape, with the field's format applied.
	DataType    string
	Constraint  Constraint
	Example     string
	Enum        *Enum
	Presence    Presence
	Sensitivity Sensitivity
	Deprecated  string
	Note        string
	// Relaxed are the rules of Constraint and Enum that real traffic breaks (the definition's):
	// checked at warning level, each citing its erratum.
	Relaxed []Relaxation
	// Type is the named type of an object member (Constraint.Kind object), or of the items of
	// an array or a map (in Items). Its members are resolved by ResolveType, not here, so that
	// types may refer to themselves.
	Type *ObjectType
	// Members are the members of an object that has no named type: the content of an enveloped
	// event version.
	Members []ResolvedField
	// Items are the elements of an array, or the values of a map.
	Items *ResolvedField
	// From is the event version whose table the row belongs to: the version itself, or the base
	// version of a derived event. Zero for members of a named type.
	From VersionRef
}

// Required reports whether the field must be present: the spec says it is always sent.
func (f *ResolvedField) Required() bool { return f.Presence.Kind == PresenceAlways }

// Relaxation returns the erratum id that relaxed rule r of the member, or "" when the rule
// holds as documented (an error).
func (f *ResolvedField) Relaxation(r RelaxedRule) string {
	for _, x := range f.Relaxed {
		if x.Rule == r {
			return x.Errata
		}
	}
	return ""
}

// Resolve returns the members of an event version's body in wire order.
//
// A flat version's members are its rows; a derived version (Base set) starts with its base
// version's fields, and a row of its own with the same field replaces the base's row in place,
// any other row is appended. An enveloped version's members are the envelope type's, with the
// content member an object of the version's content members (raw when the version describes
// none).
func (s *Spec) Resolve(e *Event, v *Version) ([]ResolvedField, error) {
	if s.Vendor.Envelope != nil {
		return s.resolveEnveloped(e, v)
	}
	return s.resolve(e, v, nil)
}

// ResolveType returns the members of a named object type in wire order.
func (s *Spec) ResolveType(t *ObjectType) ([]ResolvedField, error) {
	out := make([]ResolvedField, 0, len(t.Members))
	for i := range t.Members {
		rf, err := s.resolveMember(&t.Members[i])
		if err != nil {
			return nil, fmt.Errorf("type %s: %w", t.Name, err)
		}
		out = append(out, rf)
	}
	return out, nil
}

func (s *Spec) resolveEnveloped(e *Event, v *Version) ([]ResolvedField, error) {
	here := fmt.Sprintf("%s v%d", e.Name, v.Number)
	env := s.Vendor.Envelope
	t := s.Type(env.Type)
	if t == nil {
		return nil, fmt.Errorf("%s: envelope type %s does not exist", here, env.Type)
	}
	members, err := s.ResolveType(t)
	if err != nil {
		return nil, fmt.Errorf("%s: envelope: %w", here, err)
	}
	from := VersionRef{Event: e.Name, Version: v.Number}
	found := false
	for i := range members {
		members[i].From = from
		if members[i].Name != env.Content {
			continue
		}
		found = true
		if v.RawContent {
			continue // the envelope's own shape: raw JSON
		}
		content := members[i]
		content.Constraint = Constraint{Kind: KindObject}
		content.DataType = ""
		content.Members = make([]ResolvedField, 0, len(v.Content))
		for j := range v.Content {
			rf, err := s.resolveMember(&v.Content[j])
			if err != nil {
				return nil, fmt.Errorf("%s: content: %w", here, err)
			}
			rf.From = from
			content.Members = append(content.Members, rf)
		}
		members[i] = content
	}
	if !found {
		return nil, fmt.Errorf("%s: envelope type %s has no content member %s", here, env.Type, env.Content)
	}
	return members, nil
}

func (s *Spec) resolve(e *Event, v *Version, seen []string) ([]ResolvedField, error) {
	here := fmt.Sprintf("%s v%d", e.Name, v.Number)
	if slices.Contains(seen, here) {
		return nil, fmt.Errorf("base versions form a cycle: %s -> %s", strings.Join(seen, " -> "), here)
	}
	seen = append(seen, here)
	var out []ResolvedField
	if v.Base != nil {
		be := s.Event(v.Base.Event)
		if be == nil {
			return nil, fmt.Errorf("%s: base event %s does not exist", here, v.Base.Event)
		}
		bv := be.Version(v.Base.Version)
		if bv == nil {
			return nil, fmt.Errorf("%s: base %s has no version %d", here, be.Name, v.Base.Version)
		}
		base, err := s.resolve(be, bv, seen)
		if err != nil {
			return nil, err
		}
		out = base
	}
	from := VersionRef{Event: e.Name, Version: v.Number}
	for i := range v.Rows {
		rf, err := s.resolveRow(&v.Rows[i], from)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", here, err)
		}
		replaced := false
		for j := range out {
			if out[j].Field != nil && out[j].Field == rf.Field {
				out[j] = rf
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, rf)
		}
	}
	return out, nil
}

// resolveRow settles one row of a flat body: the shared field of its name, refined by the row.
func (s *Spec) resolveRow(r *Row, from VersionRef) (ResolvedField, error) {
	f := s.Field(r.Name)
	if f == nil {
		return ResolvedField{Name: r.Name}, fmt.Errorf("field %s has no shared definition in fields.yaml", r.Name)
	}
	rf, err := s.resolveMember(f)
	if err != nil {
		return rf, err
	}
	rf.Row, rf.Name, rf.From = r, r.Name, from
	if r.Description != "" {
		rf.Description = r.Description
	}
	if r.Example != "" {
		rf.Example = r.Example
	}
	if r.Presence != nil {
		rf.Presence = *r.Presence
	}
	if r.DataType != "" {
		rf.DataType = r.DataType
		if err := s.shape(f, r.DataType, nil, &rf); err != nil {
			return rf, fmt.Errorf("field %s: %w", r.Name, err)
		}
	}
	return rf, nil
}

// resolveMember settles a complete definition: a shared field, a type's member or a content
// member.
func (s *Spec) resolveMember(f *Field) (ResolvedField, error) {
	rf := ResolvedField{
		Field:       f,
		Name:        f.Name,
		GoName:      f.GoName,
		Aliases:     f.Aliases,
		Description: f.Description,
		DataType:    f.DataType,
		Example:     f.Example,
		Presence:    f.Presence,
		Sensitivity: f.Sensitivity,
		Deprecated:  f.Deprecated,
		Note:        f.Note,
		Relaxed:     f.Relaxed,
	}
	if rf.Presence.Kind == "" {
		rf.Presence.Kind = PresenceOptional
	}
	if err := s.shape(f, f.DataType, f.Constraint, &rf); err != nil {
		return rf, fmt.Errorf("field %s: %w", f.Name, err)
	}
	return rf, nil
}

// shape settles a definition's constraint, type, enum and items. dataType and constraint are
// the shape's two spellings (a row may override the printed data type).
func (s *Spec) shape(f *Field, dataType string, constraint *Constraint, rf *ResolvedField) error {
	return s.shapeItem(f.Type, dataType, constraint, f.Enum, f.Format, f.Items, rf, 0)
}

// maxItemNesting bounds arrays of arrays; deeper is a spec mistake, not a vendor's shape.
const maxItemNesting = 8

func (s *Spec) shapeItem(typ, dataType string, constraint *Constraint, enum string, format Format, items *Shape, rf *ResolvedField, depth int) error {
	if depth > maxItemNesting {
		return fmt.Errorf("items nested more than %d levels deep", maxItemNesting)
	}
	switch {
	case dataType != "":
		dt := s.DataType(dataType)
		if dt == nil {
			return fmt.Errorf("data type %q is not in datatypes.yaml", dataType)
		}
		rf.Constraint = dt.Constraint
	case constraint != nil:
		rf.Constraint = *constraint
	case typ != "":
		rf.Constraint = Constraint{Kind: KindObject}
	default:
		return errors.New("no data type, constraint or type")
	}
	if format != FormatNone {
		rf.Constraint.Format = format
	}
	if typ != "" {
		if rf.Type = s.Type(typ); rf.Type == nil {
			return fmt.Errorf("type %q is not in types.yaml", typ)
		}
	}
	if enum != "" {
		if rf.Enum = s.Enum(enum); rf.Enum == nil {
			return fmt.Errorf("enum %q is not in enums.yaml", enum)
		}
	}
	if items != nil {
		it := ResolvedField{Presence: Presence{Kind: PresenceAlways}, Sensitivity: rf.Sensitivity}
		if err := s.shapeItem(items.Type, items.DataType, items.Constraint, items.Enum, items.Format, items.Items, &it, depth+1); err != nil {
			return fmt.Errorf("items: %w", err)
		}
		rf.Items = &it
	}
	return nil
}
