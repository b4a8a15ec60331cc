package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/webhook/compat"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// Level is how much a change matters to a receiver written for the older side: LevelInfo,
// LevelWarning or LevelBreaking. It is the runtime's webhook.Level (one definition, in
// webhook/compat), so the changes this engine classifies are the ones generated packages
// return, without conversion.
type Level = compat.Level

const (
	// LevelInfo: nothing a receiver does can break (a new optional field, a shorter limit).
	LevelInfo = compat.LevelInfo
	// LevelWarning: a receiver may mishandle it (a new enum value its switch does not know).
	LevelWarning = compat.LevelWarning
	// LevelBreaking: a receiver written for the older side can fail or lose data (a removed
	// field, a longer value than its column holds).
	LevelBreaking = compat.LevelBreaking
)

// ParseLevel reads "info", "warning" or "breaking".
func ParseLevel(s string) (Level, error) { return compat.ParseLevel(s) }

// ChangeRule identifies a kind of change. The ids are stable: tools may match on them. A
// Change carries its rule as a plain string, as the runtime's Change always has, so the rules
// below are untyped constants: they compare with Change.Rule and convert to ChangeRule alike.
type ChangeRule string

const (
	RuleEventAdded         = "event-added"
	RuleEventRemoved       = "event-removed"
	RuleVersionAdded       = "version-added"
	RuleVersionRemoved     = "version-removed"
	RuleFormatAdded        = "format-added"   // a wire format (JSON) becomes available
	RuleFormatRemoved      = "format-removed" // a wire format is no longer sent
	RuleFieldAdded         = "field-added"
	RuleFieldRemoved       = "field-removed"
	RuleFieldRenamedCase   = "field-renamed-case" // the same field spelled otherwise: flexId → flexID
	RuleMaxLengthIncreased = "max-length-increased"
	RuleMaxLengthDecreased = "max-length-decreased"
	RuleWidthChanged       = "width-changed"
	RuleTypeChanged        = "type-changed"         // the value's kind (digits, decimal, text)
	RuleValueFormatChanged = "value-format-changed" // date, timestamp, MMYY, UUID
	RuleRangeWidened       = "range-widened"
	RuleRangeNarrowed      = "range-narrowed"
	RuleDecimalWidened     = "decimal-widened"
	RuleDecimalNarrowed    = "decimal-narrowed"
	RuleEnumBound          = "enum-bound"   // an open value becomes an enum
	RuleEnumUnbound        = "enum-unbound" // an enum becomes an open value
	RuleEnumValueAdded     = "enum-value-added"
	RuleEnumValueRemoved   = "enum-value-removed"
	RulePresenceChanged    = "presence-changed"
)

// Inverse is the rule that describes the same change seen from the other side: diffing B
// against A gives the inverses of diffing A against B.
func (r ChangeRule) Inverse() ChangeRule {
	for _, pair := range [][2]ChangeRule{
		{RuleEventAdded, RuleEventRemoved}, {RuleVersionAdded, RuleVersionRemoved}, {RuleFormatAdded, RuleFormatRemoved},
		{RuleFieldAdded, RuleFieldRemoved}, {RuleMaxLengthIncreased, RuleMaxLengthDecreased}, {RuleRangeWidened, RuleRangeNarrowed},
		{RuleDecimalWidened, RuleDecimalNarrowed}, {RuleEnumBound, RuleEnumUnbound}, {RuleEnumValueAdded, RuleEnumValueRemoved},
	} {
		switch r {
		case pair[0]:
			return pair[1]
		case pair[1]:
			return pair[0]
		}
	}
	return r // renamed-case, width, type, value format and presence changes are their own inverse
}

// Change is one difference between two event versions or two specs. It is the runtime's
// webhook.Change (one definition, in webhook/compat): what generated packages' Changes return
// and hookcheck reports. Its Source is the event version whose table defines the field.
type Change = compat.Change

// DiffVersions compares two versions of one event in this spec, from's fields against to's.
func (s *Spec) DiffVersions(e *Event, from, to *Version) ([]Change, error) {
	return diffVersions(s, e, from, s, e, to)
}

// Diff compares two captures of a vendor's spec: events and versions added or removed, and for
// every event version in both, what changed in it. Changes come in the newer spec's order.
func Diff(older, newer *Spec) ([]Change, error) {
	var out []Change
	for i := range newer.Events {
		ne := &newer.Events[i]
		oe := older.Event(ne.Name)
		if oe == nil {
			out = append(out, Change{Rule: RuleEventAdded, Level: LevelInfo, Event: ne.Name, New: versionList(ne)})
			continue
		}
		for j := range ne.Versions {
			nv := &ne.Versions[j]
			ov := oe.Version(nv.Number)
			if ov == nil {
				out = append(out, Change{Rule: RuleVersionAdded, Level: LevelInfo, Event: ne.Name, To: nv.Number})
				continue
			}
			cs, err := diffVersions(older, oe, ov, newer, ne, nv)
			if err != nil {
				return nil, err
			}
			out = append(out, cs...)
		}
		for j := range oe.Versions {
			if ne.Version(oe.Versions[j].Number) == nil {
				out = append(out, Change{Rule: RuleVersionRemoved, Level: LevelBreaking, Event: ne.Name, From: oe.Versions[j].Number})
			}
		}
	}
	for i := range older.Events {
		if newer.Event(older.Events[i].Name) == nil {
			out = append(out, Change{Rule: RuleEventRemoved, Level: LevelBreaking, Event: older.Events[i].Name, Old: versionList(&older.Events[i])})
		}
	}
	return out, nil
}

func versionList(e *Event) string {
	var ns []string
	for _, v := range e.Versions {
		ns = append(ns, fmt.Sprintf("v%d", v.Number))
	}
	return strings.Join(ns, " ")
}

// fieldKey identifies a field across versions and captures: its shared definition's name,
// folded to lower case so that a spelling that differs only in case is the same field.
func fieldKey(f *ResolvedField) string {
	if f.Field != nil {
		return strings.ToLower(f.Field.Name)
	}
	return strings.ToLower(f.Name)
}

func diffVersions(olderSpec *Spec, oe *Event, ov *Version, newerSpec *Spec, ne *Event, nv *Version) ([]Change, error) {
	oldFields, err := olderSpec.Resolve(oe, ov)
	if err != nil {
		return nil, err
	}
	newFields, err := newerSpec.Resolve(ne, nv)
	if err != nil {
		return nil, err
	}
	d := &differ{older: olderSpec, newer: newerSpec, base: Change{Event: ne.Name, From: ov.Number, To: nv.Number}}
	for _, f := range []WireFormat{WireForm, WireJSON} {
		had, has := slices.Contains(ov.Formats, f), slices.Contains(nv.Formats, f)
		switch {
		case has && !had:
			d.add(RuleFormatAdded, LevelInfo, "", "", string(f), nil)
		case had && !has:
			d.add(RuleFormatRemoved, LevelBreaking, "", string(f), "", nil)
		}
	}
	if err := d.members(oldFields, newFields, "", nil); err != nil {
		return nil, err
	}
	return d.out, nil
}

// differ compares the members of two event versions, recursing into objects, arrays and maps
// so that a change deep in a named type names its path.
type differ struct {
	older, newer *Spec
	base         Change
	out          []Change
}

func (d *differ) add(rule ChangeRule, level Level, field, old, new string, source *VersionRef) {
	c := d.base
	c.Rule, c.Level, c.Field, c.Old, c.New, c.Source = string(rule), level, field, old, new, source
	d.out = append(d.out, c)
}

// source is where a member is defined, for members of a version's own table or content; nil for
// members of named types, which belong to no version.
func source(f *ResolvedField) *VersionRef {
	if f.From == (VersionRef{}) {
		return nil
	}
	ref := f.From
	return &ref
}

// members compares two member lists at path ("" for the body; "content.subscription." below
// it). types are the pairs of named types being compared on the way down: a type that contains
// itself is compared once.
func (d *differ) members(oldFields, newFields []ResolvedField, path string, types []string) error {
	oldByKey := map[string]*ResolvedField{}
	for i := range oldFields {
		oldByKey[fieldKey(&oldFields[i])] = &oldFields[i]
	}
	newKeys := map[string]bool{}
	for i := range newFields {
		nf := &newFields[i]
		key := fieldKey(nf)
		newKeys[key] = true
		of := oldByKey[key]
		if of == nil {
			d.add(RuleFieldAdded, LevelInfo, path+nf.Name, "", shapeText(nf), source(nf))
			continue
		}
		name := path + nf.Name
		diffField(of, nf, func(rule ChangeRule, level Level, old, new string) { d.add(rule, level, name, old, new, source(nf)) })
		if err := d.nested(of, nf, name, types); err != nil {
			return err
		}
	}
	for i := range oldFields {
		of := &oldFields[i]
		if !newKeys[fieldKey(of)] {
			d.add(RuleFieldRemoved, LevelBreaking, path+of.Name, shapeText(of), "", source(of))
		}
	}
	return nil
}

// nested compares what is inside two sides of one member: the members of its objects (named or
// not) and the shape of its items.
func (d *differ) nested(of, nf *ResolvedField, name string, types []string) error {
	if of.Constraint.Kind != nf.Constraint.Kind {
		return nil // type-changed says it all
	}
	switch {
	case of.Type != nil && nf.Type != nil:
		pair := of.Type.Name + "\x00" + nf.Type.Name
		if slices.Contains(types, pair) {
			return nil
		}
		om, err := d.older.ResolveType(of.Type)
		if err != nil {
			return err
		}
		nm, err := d.newer.ResolveType(nf.Type)
		if err != nil {
			return err
		}
		return d.members(om, nm, name+".", append(types, pair))
	case of.Members != nil || nf.Members != nil:
		return d.members(of.Members, nf.Members, name+".", types)
	case of.Items != nil && nf.Items != nil:
		oi, ni := *of.Items, *nf.Items
		oi.Name, ni.Name = of.Name, nf.Name
		items := name + "[]"
		if nf.Constraint.Kind == KindMap {
			items = name + ".*" // any member name
		}
		diffField(&oi, &ni, func(rule ChangeRule, level Level, old, new string) { d.add(rule, level, items, old, new, source(nf)) })
		return d.nested(&oi, &ni, items, types)
	}
	return nil
}

// shapeText names a member's shape in a change: its printed data type, or its kind and type.
func shapeText(f *ResolvedField) string {
	switch {
	case f.DataType != "":
		return f.DataType
	case f.Type != nil:
		return f.Type.Name
	case f.Items != nil && f.Items.Type != nil:
		return string(f.Constraint.Kind) + " of " + f.Items.Type.Name
	}
	return string(f.Constraint.Kind)
}

// diffField compares one field's two sides, property by property.
func diffField(of, nf *ResolvedField, add func(rule ChangeRule, level Level, old, new string)) {
	if of.Name != nf.Name {
		add(RuleFieldRenamedCase, LevelWarning, of.Name, nf.Name)
	}
	oc, nc := of.Constraint, nf.Constraint
	switch {
	case oc.Kind != nc.Kind && of.DataType == "" && nf.DataType == "":
		add(RuleTypeChanged, LevelBreaking, shapeText(of), shapeText(nf))
	case oc.Kind != nc.Kind:
		add(RuleTypeChanged, LevelBreaking, fmt.Sprintf("%s (%s)", of.DataType, oc.Kind), fmt.Sprintf("%s (%s)", nf.DataType, nc.Kind))
	}
	switch {
	case oc.Width != nc.Width && oc.Width != 0 && nc.Width != 0:
		add(RuleWidthChanged, LevelBreaking, fmt.Sprint(oc.Width), fmt.Sprint(nc.Width))
	default:
		// A limit is the width or the max length, whichever is set; none is no limit.
		ol, nl := max(oc.Width, oc.MaxLength), max(nc.Width, nc.MaxLength)
		switch {
		case ol == nl:
		case nl == 0 || ol != 0 && nl > ol:
			add(RuleMaxLengthIncreased, LevelBreaking, limitText(ol), limitText(nl))
		default:
			add(RuleMaxLengthDecreased, LevelInfo, limitText(ol), limitText(nl))
		}
	}
	if oc.Kind == nc.Kind && (oc.Min != nc.Min || oc.Max != nc.Max) {
		wider := boundLess(nc.Min, oc.Min, true) || boundLess(oc.Max, nc.Max, false)
		old, new := rangeText(oc), rangeText(nc)
		if wider {
			add(RuleRangeWidened, LevelBreaking, old, new)
		} else {
			add(RuleRangeNarrowed, LevelInfo, old, new)
		}
	}
	if oc.Kind == KindDecimal && nc.Kind == KindDecimal && (oc.Precision != nc.Precision || oc.Scale != nc.Scale) {
		old, new := fmt.Sprintf("decimal(%d,%d)", oc.Precision, oc.Scale), fmt.Sprintf("decimal(%d,%d)", nc.Precision, nc.Scale)
		if nc.Precision-nc.Scale > oc.Precision-oc.Scale || nc.Scale > oc.Scale {
			add(RuleDecimalWidened, LevelBreaking, old, new)
		} else {
			add(RuleDecimalNarrowed, LevelInfo, old, new)
		}
	}
	if oc.Format != nc.Format {
		level := LevelBreaking // a value in a new shape, or in any shape
		if oc.Format == FormatNone {
			level = LevelInfo // free text becomes a stated shape: nothing new arrives
		}
		add(RuleValueFormatChanged, level, formatText(oc.Format), formatText(nc.Format))
	}
	switch {
	case of.Enum == nil && nf.Enum != nil:
		add(RuleEnumBound, LevelInfo, "", nf.Enum.Name)
	case of.Enum != nil && nf.Enum == nil:
		add(RuleEnumUnbound, LevelWarning, of.Enum.Name, "")
	case of.Enum != nil && nf.Enum != nil:
		oldValues, newValues := enumValues(of.Enum), enumValues(nf.Enum)
		for _, v := range nf.Enum.Values {
			if !oldValues[v.Value] {
				add(RuleEnumValueAdded, LevelWarning, "", v.Value)
			}
		}
		for _, v := range of.Enum.Values {
			if !newValues[v.Value] {
				add(RuleEnumValueRemoved, LevelInfo, v.Value, "")
			}
		}
	}
	if of.Presence.Kind != nf.Presence.Kind {
		level := LevelInfo
		if of.Presence.Kind == PresenceAlways {
			level = LevelBreaking // a receiver that relied on it can meet its absence
		}
		add(RulePresenceChanged, level, string(of.Presence.Kind), string(nf.Presence.Kind))
	}
}

func enumValues(e *Enum) map[string]bool {
	m := map[string]bool{}
	for _, v := range e.Values {
		m[v.Value] = true
	}
	return m
}

func limitText(n int) string {
	if n == 0 {
		return "no limit"
	}
	return fmt.Sprint(n)
}

func formatText(f Format) string {
	if f == FormatNone {
		return "free text"
	}
	return string(f)
}

func rangeText(c Constraint) string {
	lo, hi := c.Min, c.Max
	if lo == "" {
		lo = "any"
	}
	if hi == "" {
		hi = "any"
	}
	return lo + ".." + hi
}

// boundLess reports whether bound a is below bound b; an empty bound is unbounded, below
// everything as a minimum (lower) and above everything as a maximum.
func boundLess(a, b string, lower bool) bool {
	switch {
	case a == b:
		return false
	case a == "":
		return lower
	case b == "":
		return !lower
	}
	return inttext.Compare(a, b) < 0
}
