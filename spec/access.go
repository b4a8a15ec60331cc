package spec

import (
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

// ResolvedField is one field of an event version with every attribute settled: the row's own
// values where it states them, the shared field's otherwise. It is what generators consume.
type ResolvedField struct {
	// Row is the table row; Field is the shared definition it refines (nil for rows of a nested
	// object, which stand alone).
	Row   *Row
	Field *Field
	// Name is the wire name as this version's table spells it.
	Name        string
	GoName      string
	Aliases     []string
	Description string
	// DataType is the data type text as printed; Constraint is its parsed meaning, with the
	// field's format applied.
	DataType    string
	Constraint  Constraint
	Example     string
	Enum        *Enum
	Presence    Presence
	Sensitivity Sensitivity
	Note        string
	// Members are the resolved fields of a nested object; Items the element of an array.
	Members []ResolvedField
	Items   *ResolvedField
	// From is the event version whose table the row belongs to: the version itself, or the base
	// version of a derived event.
	From VersionRef
}

// Required reports whether the field must be present: the spec says it is always sent.
func (f *ResolvedField) Required() bool { return f.Presence.Kind == PresenceAlways }

// Resolve returns the fields of an event version in wire order. A derived version (Base set)
// starts with its base version's fields; a row of its own with the same field replaces the
// base's row in place, any other row is appended.
func (s *Spec) Resolve(e *Event, v *Version) ([]ResolvedField, error) {
	return s.resolve(e, v, nil)
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
		rf, err := s.resolveRow(&v.Rows[i], true, from, 0)
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

// maxNesting bounds how deep nested objects may refer to shared definitions, which also stops a
// definition that contains itself.
const maxNesting = 32

// resolveRow settles one row. Top-level rows refine the shared field of their name; members of
// a nested object or array refine the shared field their Field names, or stand alone.
func (s *Spec) resolveRow(r *Row, topLevel bool, from VersionRef, depth int) (ResolvedField, error) {
	rf := ResolvedField{Row: r, Name: r.Name, From: from, Presence: Presence{Kind: PresenceOptional}}
	if depth > maxNesting {
		return rf, fmt.Errorf("field %s: nested more than %d levels deep (does a definition contain itself?)", r.Name, maxNesting)
	}
	var f *Field
	switch {
	case topLevel:
		if f = s.Field(r.Name); f == nil {
			return rf, fmt.Errorf("field %s has no shared definition in fields.yaml", r.Name)
		}
	case r.Field != "":
		if f = s.Field(r.Field); f == nil {
			return rf, fmt.Errorf("field %s: shared definition %s is not in fields.yaml", r.Name, r.Field)
		}
	}
	if f != nil {
		rf.Field = f
		rf.GoName = f.GoName
		rf.Aliases = f.Aliases
		rf.Description = f.Description
		rf.DataType = f.DataType
		rf.Example = f.Example
		rf.Presence = f.Presence
		rf.Sensitivity = f.Sensitivity
		rf.Note = f.Note
	}
	if !topLevel {
		// A member's Go name comes from its own wire name; the shared definition's GoName names
		// the nested type, which generators use for the member's type.
		rf.GoName, rf.Aliases = GoName(r.Name), nil
	}
	if r.Description != "" {
		rf.Description = r.Description
	}
	if r.DataType != "" {
		rf.DataType = r.DataType
	}
	if r.Example != "" {
		rf.Example = r.Example
	}
	if r.Presence != nil {
		rf.Presence = *r.Presence
	}
	if rf.DataType == "" {
		return rf, fmt.Errorf("field %s has no data type", r.Name)
	}
	dt := s.DataType(rf.DataType)
	if dt == nil {
		return rf, fmt.Errorf("field %s: data type %q is not in datatypes.yaml", r.Name, rf.DataType)
	}
	rf.Constraint = dt.Constraint
	if f == nil {
		return rf, nil
	}
	if f.Format != FormatNone {
		rf.Constraint.Format = f.Format
	}
	if f.Enum != "" {
		if rf.Enum = s.Enum(f.Enum); rf.Enum == nil {
			return rf, fmt.Errorf("field %s: enum %q is not in enums.yaml", f.Name, f.Enum)
		}
	}
	for i := range f.Fields {
		m, err := s.resolveRow(&f.Fields[i], false, from, depth+1)
		if err != nil {
			return rf, fmt.Errorf("in %s: %w", f.Name, err)
		}
		rf.Members = append(rf.Members, m)
	}
	if f.Items != nil {
		it, err := s.resolveRow(f.Items, false, from, depth+1)
		if err != nil {
			return rf, fmt.Errorf("in %s[]: %w", f.Name, err)
		}
		rf.Items = &it
	}
	return rf, nil
}
