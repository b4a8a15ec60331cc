package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/webhook/compat"
)

// Errata are the hand-written corrections of the vendor's pages and the decisions the pages
// leave open. specgen applies them after parsing; every entry must change something, so an
// entry that no longer matches the pages fails loudly instead of rotting.
type Errata struct {
	Vendor  string    `yaml:"vendor" json:"vendor"`
	Entries []Erratum `yaml:"errata" json:"errata"`
}

// ErratumKind separates fixes of what the pages say from choices about what they do not say.
type ErratumKind string

const (
	// ErratumCorrection fixes something the pages state wrongly.
	ErratumCorrection ErratumKind = "correction"
	// ErratumDecision settles something the pages leave open (a base version, a presence).
	ErratumDecision ErratumKind = "decision"
)

// Erratum is one correction or decision. DocsSay, SpecSays and Why are for people; the patch
// fields below them are what specgen applies (one or more per entry).
type Erratum struct {
	ID       string      `yaml:"id" json:"id"`
	Kind     ErratumKind `yaml:"kind" json:"kind"`
	DocsSay  string      `yaml:"docsSay" json:"docsSay"`
	SpecSays string      `yaml:"specSays" json:"specSays"`
	Why      string      `yaml:"why" json:"why"`

	Fields       []FieldPatch       `yaml:"fields,omitempty" json:"fields,omitempty"`
	Rows         []RowPatch         `yaml:"rows,omitempty" json:"rows,omitempty"`
	Versions     []VersionPatch     `yaml:"versions,omitempty" json:"versions,omitempty"`
	Events       []EventPatch       `yaml:"events,omitempty" json:"events,omitempty"`
	Examples     []TextReplacement  `yaml:"examples,omitempty" json:"examples,omitempty"`
	DeclineCodes []DeclineCodePatch `yaml:"declineCodes,omitempty" json:"declineCodes,omitempty"`
	Sources      []SourcePatch      `yaml:"sources,omitempty" json:"sources,omitempty"`
	// Clock states the clock of the vendor's zone-less dates and timestamps.
	Clock *Clock `yaml:"clock,omitempty" json:"clock,omitempty"`
	// Rules relate members of one body through a lookup table (ApplyRules); Currencies add to
	// the currency table what the vendor's leaves out (minor units).
	Rules      []Rule          `yaml:"rules,omitempty" json:"rules,omitempty"`
	Currencies []CurrencyPatch `yaml:"currencies,omitempty" json:"currencies,omitempty"`
	// Members correct members of named types and of event versions' content, or add members
	// to event versions (ApplyMembers).
	Members []MemberPatch `yaml:"members,omitempty" json:"members,omitempty"`
	// Enums are value sets the captured pages lack, stated from the evidence (a newer page of
	// the vendor's): a member the erratum adds may name one.
	Enums []Enum `yaml:"enums,omitempty" json:"enums,omitempty"`
	// Evidence cites what the correction rests on, one item each: a real payload (its file and
	// where it was collected), the vendor description's own words (file and place), an SDK's
	// declaration (file:line). An erratum with member patches, relaxed rules or enums must cite
	// some.
	Evidence []string `yaml:"evidence,omitempty" json:"evidence,omitempty"`
}

// NeedsEvidence reports whether the erratum rests on what reality shows rather than on the
// pages' own words alone: it adds or corrects members, relaxes a documented rule or states an
// enum the pages lack. Such an erratum must cite its evidence.
func (e *Erratum) NeedsEvidence() bool {
	if len(e.Members) > 0 || len(e.Enums) > 0 {
		return true
	}
	for _, f := range e.Fields {
		if len(f.Relax) > 0 {
			return true
		}
	}
	return false
}

// FieldPatch changes shared field definitions. Names selects the fields (wire names).
type FieldPatch struct {
	Names       []string    `yaml:"names" json:"names"`
	GoName      string      `yaml:"goName,omitempty" json:"goName,omitempty"`
	Aliases     []string    `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Format      Format      `yaml:"format,omitempty" json:"format,omitempty"`
	Presence    *Presence   `yaml:"presence,omitempty" json:"presence,omitempty"`
	Sensitivity Sensitivity `yaml:"sensitivity,omitempty" json:"sensitivity,omitempty"`
	// Enum sets the field's enum. NotEnum says the example column's list is examples of free
	// text, not values of a set (reason: "Customer Refunded, Proof of cancel, ..."): the field
	// gets no enum. An enum whose listed values are real but not all (source: FORM, API, PHONE,
	// and customerSupport in traffic) is kept and opened instead, with Relax: [enum].
	Enum    string `yaml:"enum,omitempty" json:"enum,omitempty"`
	NotEnum bool   `yaml:"notEnum,omitempty" json:"notEnum,omitempty"`
	// Relax lists rules of the fields' documented shape that real traffic breaks: they are
	// checked at warning level, citing this erratum (see Relaxation).
	Relax []RelaxedRule `yaml:"relax,omitempty" json:"relax,omitempty"`
	Note  string        `yaml:"note,omitempty" json:"note,omitempty"`
}

// RowPatch replaces cells of one table row. Version 0 means every version of the event.
type RowPatch struct {
	Event       string `yaml:"event" json:"event"`
	Version     int    `yaml:"version,omitempty" json:"version,omitempty"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	DataType    string `yaml:"dataType,omitempty" json:"dataType,omitempty"`
	Example     string `yaml:"example,omitempty" json:"example,omitempty"`
}

// VersionPatch changes one event version.
type VersionPatch struct {
	Event    string       `yaml:"event" json:"event"`
	Version  int          `yaml:"version" json:"version"`
	Note     string       `yaml:"note,omitempty" json:"note,omitempty"`
	Released string       `yaml:"released,omitempty" json:"released,omitempty"`
	Formats  []WireFormat `yaml:"formats,omitempty" json:"formats,omitempty"`
	// Base names the base version of a derived event's version.
	Base *VersionRef `yaml:"base,omitempty" json:"base,omitempty"`
}

// VersionRef names an event version. It is the runtime's webhook.VersionRef (one definition, in
// webhook/compat), because a Change's Source is one.
type VersionRef = compat.VersionRef

// EventPatch changes one event.
type EventPatch struct {
	Name   string `yaml:"name" json:"name"`
	DocURL string `yaml:"docURL,omitempty" json:"docURL,omitempty"`
	Group  string `yaml:"group,omitempty" json:"group,omitempty"`
}

// TextReplacement normalises example values: every occurrence of From becomes To.
type TextReplacement struct {
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to" json:"to"`
}

// DeclineCodePatch replaces a decline code's text.
type DeclineCodePatch struct {
	Code string `yaml:"code" json:"code"`
	Text string `yaml:"text" json:"text"`
}

// SourcePatch records what is known about a captured page's date.
type SourcePatch struct {
	Name     string `yaml:"name" json:"name"`
	Captured string `yaml:"captured,omitempty" json:"captured,omitempty"`
	Note     string `yaml:"note,omitempty" json:"note,omitempty"`
}

// MemberPatch corrects one member, by its wire name, wherever the selector finds it: in named
// types (Types), in the content of event versions (Events), or in every resource an event
// carries (Resources). It renames the member, changes its presence or its constraint, relaxes
// a documented rule, or adds it where the source leaves it out.
//
// For a vendor without an envelope, whose event versions are table rows, Events selects
// versions' rows and the patch can only add: Add becomes a row of each selected version (its
// presence, and its description, data type and example where they differ from the shared
// field's), and the shared definition in fields.yaml when there is none yet. A derived
// version that has the member through its base already has it.
//
// A patch must change every container it names explicitly: a listed type or event version that
// lacks the member (or, for Add, already has it) fails the capture, so a patch cannot outlive the
// error it fixes. With the wildcard event "*" or Resources, it applies where it can and must
// change at least one.
type MemberPatch struct {
	// Types are names of types.yaml's types; "*" is every type that has the member.
	Types []string `yaml:"types,omitempty" json:"types,omitempty"`
	// Events are event names whose versions' content holds the member; "*" is every event version
	// whose content has it (or, for Add, every one that lacks it).
	Events []string `yaml:"events,omitempty" json:"events,omitempty"`
	// Version limits Events to one version; 0 is every version.
	Version int `yaml:"version,omitempty" json:"version,omitempty"`
	// Resources selects every type that an event version's content member refers to, directly
	// or as the items of an array: the resources the vendor's events carry.
	Resources bool `yaml:"resources,omitempty" json:"resources,omitempty"`
	// Name is the member's wire name as the source spells it (for Add, the new member's).
	Name string `yaml:"name" json:"name"`
	// Rename is the wire name the member really has; its Go name follows unless GoName is set.
	Rename string `yaml:"rename,omitempty" json:"rename,omitempty"`
	// GoName replaces the member's Go name.
	GoName   string    `yaml:"goName,omitempty" json:"goName,omitempty"`
	Presence *Presence `yaml:"presence,omitempty" json:"presence,omitempty"`
	// Constraint replaces the member's shape (kind, format, limits).
	Constraint *Constraint `yaml:"constraint,omitempty" json:"constraint,omitempty"`
	// Add is a member the source lacks, appended to each selected container; Add.Name must be
	// Name.
	Add *Field `yaml:"add,omitempty" json:"add,omitempty"`
	// Sensitivity marks the member personal or secret.
	Sensitivity Sensitivity `yaml:"sensitivity,omitempty" json:"sensitivity,omitempty"`
	// Relax lists rules of the member's documented shape that real traffic breaks (see
	// Relaxation).
	Relax []RelaxedRule `yaml:"relax,omitempty" json:"relax,omitempty"`
	// Note is appended to the member's note.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// ApplyMembers applies the member patches of s.Errata to s's types and content and records each
// erratum's id on what it changed. It returns the ids of the errata that changed something; an
// error names the erratum and the container a patch could not apply to.
func ApplyMembers(s *Spec) (map[string]bool, error) {
	applied := map[string]bool{}
	for _, e := range s.Errata.Entries {
		for _, en := range e.Enums {
			if s.Enum(en.Name) != nil {
				return nil, fmt.Errorf("errata %s: enum %s is already in the spec: the erratum is no longer needed", e.ID, en.Name)
			}
			s.Enums = append(s.Enums, en)
			slices.SortStableFunc(s.Enums, func(a, b Enum) int { return strings.Compare(a.Name, b.Name) })
			applied[e.ID] = true
		}
		for i, p := range e.Members {
			n, err := s.applyMember(e.ID, &p)
			if err != nil {
				return nil, fmt.Errorf("errata %s: members[%d] (%s): %w", e.ID, i, p.Name, err)
			}
			if n > 0 {
				applied[e.ID] = true
			}
		}
	}
	return applied, nil
}

// memberList is one container of members a patch selected, with what to call it in messages.
type memberList struct {
	where    string
	members  *[]Field
	explicit bool
}

func (s *Spec) applyMember(id string, p *MemberPatch) (int, error) {
	if s.flat() && len(p.Events) > 0 {
		return s.addRows(id, p)
	}
	lists, err := s.selectMembers(p)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, l := range lists {
		i := slices.IndexFunc(*l.members, func(f Field) bool { return f.Name == p.Name })
		if p.Add != nil {
			if i >= 0 {
				if l.explicit {
					return 0, fmt.Errorf("%s already has member %s: the erratum is no longer needed there", l.where, p.Name)
				}
				continue
			}
			f := *p.Add
			f.Errata = append(slices.Clone(f.Errata), id)
			*l.members = append(*l.members, f)
			changed++
			continue
		}
		if i < 0 {
			if l.explicit {
				return 0, fmt.Errorf("%s has no member %s", l.where, p.Name)
			}
			continue
		}
		f := &(*l.members)[i]
		if p.Rename != "" {
			if slices.ContainsFunc(*l.members, func(o Field) bool { return o.Name == p.Rename }) {
				return 0, fmt.Errorf("%s already has a member %s besides %s", l.where, p.Rename, p.Name)
			}
			f.Name = p.Rename
			f.GoName = GoName(p.Rename)
		}
		if p.GoName != "" {
			f.GoName = p.GoName
		}
		if p.Presence != nil {
			f.Presence = *p.Presence
		}
		if p.Sensitivity != SensitivityNone {
			f.Sensitivity = p.Sensitivity
		}
		if p.Constraint != nil {
			c := *p.Constraint
			f.Constraint, f.DataType, f.Format = &c, "", FormatNone
		}
		if p.Note != "" {
			if f.Note != "" {
				f.Note += " "
			}
			f.Note += p.Note
		}
		f.Relax(id, p.Relax)
		if !slices.Contains(f.Errata, id) {
			f.Errata = append(f.Errata, id)
		}
		changed++
	}
	if changed == 0 {
		return 0, fmt.Errorf("changed nothing: no selected container has (or, to add it, lacks) member %s", p.Name)
	}
	return changed, nil
}

// Relax records that erratum id relaxes rules of the member; a rule relaxed already keeps the
// erratum that relaxed it first.
func (f *Field) Relax(id string, rules []RelaxedRule) {
	for _, r := range rules {
		if f.Relaxation(r) == "" {
			f.Relaxed = append(f.Relaxed, Relaxation{Rule: r, Errata: id})
		}
	}
}

// flat reports whether the vendor's bodies are table rows refining shared field definitions
// (fields.yaml) rather than an envelope of typed content.
func (s *Spec) flat() bool { return s.Vendor.Envelope == nil && len(s.Fields) > 0 }

// addRows applies an Add patch to a flat vendor's event versions: a row in each selected
// version, and the shared definition when fields.yaml has none. It returns the number of
// versions changed.
func (s *Spec) addRows(id string, p *MemberPatch) (int, error) {
	if p.Add == nil || len(p.Types) > 0 || p.Resources {
		return 0, fmt.Errorf("%s's event versions are table rows: a member patch can only add a row to them (add, with events)", s.Vendor.ID)
	}
	if p.Rename != "" || p.GoName != "" || p.Presence != nil || p.Constraint != nil || p.Sensitivity != SensitivityNone || len(p.Relax) > 0 || p.Note != "" {
		return 0, fmt.Errorf("a row patch of a flat vendor states the row in add; correct the shared field with a fields patch")
	}
	add := p.Add
	shared := s.Field(add.Name)
	if shared == nil {
		f := *add
		f.Errata = append(slices.Clone(f.Errata), id)
		s.Fields = append(s.Fields, f)
		slices.SortStableFunc(s.Fields, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
		shared = s.Field(add.Name)
	} else if shared.Name != add.Name {
		return 0, fmt.Errorf("%s is spelled %s in fields.yaml: add the row by that name", add.Name, shared.Name)
	} else if add.Enum != "" && add.Enum != shared.Enum || add.Constraint != nil || add.Type != "" || add.Items != nil ||
		add.Sensitivity != SensitivityNone && add.Sensitivity != shared.Sensitivity || add.Format != FormatNone && add.Format != shared.Format {
		return 0, fmt.Errorf("fields.yaml defines %s already: a row takes its shape from there (correct the shared field with a fields patch)", add.Name)
	}
	row := Row{Name: add.Name}
	if add.Presence != shared.Presence {
		row.Presence = &add.Presence
	}
	if add.Description != shared.Description {
		row.Description = add.Description
	}
	if add.DataType != shared.DataType {
		row.DataType = add.DataType
	}
	if add.Example != shared.Example {
		row.Example = add.Example
	}
	changed := 0
	for _, name := range p.Events {
		if name == "*" {
			return 0, fmt.Errorf("the wildcard event adds %s to every version: name the events it was seen in", add.Name)
		}
		e := s.Event(name)
		if e == nil {
			return 0, fmt.Errorf("event %q is not in events.yaml", name)
		}
		found := false
		for j := range e.Versions {
			v := &e.Versions[j]
			if p.Version != 0 && v.Number != p.Version {
				continue
			}
			found = true
			has, err := s.hasRow(v, shared, nil)
			if err != nil {
				return 0, fmt.Errorf("%s v%d: %w", e.Name, v.Number, err)
			}
			if has {
				return 0, fmt.Errorf("%s v%d already has member %s: the erratum is no longer needed there", e.Name, v.Number, add.Name)
			}
			r := row
			if r.Presence != nil {
				presence := *r.Presence
				r.Presence = &presence
			}
			v.Rows = append(v.Rows, r)
			if !slices.Contains(v.Errata, id) {
				v.Errata = append(v.Errata, id)
			}
			changed++
		}
		if !found {
			return 0, fmt.Errorf("event %s has no version %d", e.Name, p.Version)
		}
	}
	return changed, nil
}

// hasRow reports whether a flat version has a row of the shared field f, in its own rows or
// its base version's. It reads the rows alone (not Resolve, which needs the data types), so
// that members can be added while a spec is being built.
func (s *Spec) hasRow(v *Version, f *Field, seen []*Version) (bool, error) {
	if slices.Contains(seen, v) {
		return false, fmt.Errorf("base versions form a cycle")
	}
	if slices.ContainsFunc(v.Rows, func(r Row) bool { return s.Field(r.Name) == f }) {
		return true, nil
	}
	if v.Base == nil {
		return false, nil
	}
	be := s.Event(v.Base.Event)
	if be == nil {
		return false, fmt.Errorf("base event %s does not exist", v.Base.Event)
	}
	bv := be.Version(v.Base.Version)
	if bv == nil {
		return false, fmt.Errorf("base %s has no version %d", be.Name, v.Base.Version)
	}
	return s.hasRow(bv, f, append(seen, v))
}

// selectMembers returns the member lists a patch names, in spec order.
func (s *Spec) selectMembers(p *MemberPatch) ([]memberList, error) {
	var lists []memberList
	for _, name := range p.Types {
		if name == "*" {
			for i := range s.Types {
				lists = append(lists, memberList{where: "type " + s.Types[i].Name, members: &s.Types[i].Members})
			}
			continue
		}
		t := s.Type(name)
		if t == nil {
			return nil, fmt.Errorf("type %q is not in types.yaml", name)
		}
		lists = append(lists, memberList{where: "type " + name, members: &t.Members, explicit: true})
	}
	if p.Resources {
		for _, name := range s.resourceTypes() {
			t := s.Type(name)
			lists = append(lists, memberList{where: "type " + name, members: &t.Members})
		}
	}
	for _, name := range p.Events {
		var events []*Event
		if name == "*" {
			for i := range s.Events {
				events = append(events, &s.Events[i])
			}
		} else if e := s.Event(name); e != nil {
			events = append(events, e)
		} else {
			return nil, fmt.Errorf("event %q is not in events.yaml", name)
		}
		for _, e := range events {
			found := false
			for j := range e.Versions {
				v := &e.Versions[j]
				if (p.Version != 0 && v.Number != p.Version) || v.RawContent {
					continue
				}
				found = true
				lists = append(lists, memberList{where: fmt.Sprintf("%s v%d's content", e.Name, v.Number), members: &v.Content, explicit: name != "*"})
			}
			if !found && name != "*" {
				if p.Version == 0 {
					return nil, fmt.Errorf("event %s has no version with content", e.Name)
				}
				return nil, fmt.Errorf("event %s has no version %d with content", e.Name, p.Version)
			}
		}
	}
	return lists, nil
}

// resourceTypes are the names of the types that event versions' content members refer to,
// directly or as items, in the order of types.yaml.
func (s *Spec) resourceTypes() []string {
	used := map[string]bool{}
	for _, e := range s.Events {
		for _, v := range e.Versions {
			for _, f := range v.Content {
				if f.Type != "" {
					used[f.Type] = true
				}
				for it := f.Items; it != nil; it = it.Items {
					if it.Type != "" {
						used[it.Type] = true
					}
				}
			}
		}
	}
	var names []string
	for _, t := range s.Types {
		if used[t.Name] {
			names = append(names, t.Name)
		}
	}
	return names
}
