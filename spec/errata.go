package spec

import "github.com/hookspec/hookspec/internal/compat"

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
}

// FieldPatch changes shared field definitions. Names selects the fields (wire names).
type FieldPatch struct {
	Names       []string    `yaml:"names" json:"names"`
	GoName      string      `yaml:"goName,omitempty" json:"goName,omitempty"`
	Aliases     []string    `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Format      Format      `yaml:"format,omitempty" json:"format,omitempty"`
	Presence    *Presence   `yaml:"presence,omitempty" json:"presence,omitempty"`
	Sensitivity Sensitivity `yaml:"sensitivity,omitempty" json:"sensitivity,omitempty"`
	// Enum sets the field's enum; NotEnum says the example column's list is not a closed set.
	Enum    string `yaml:"enum,omitempty" json:"enum,omitempty"`
	NotEnum bool   `yaml:"notEnum,omitempty" json:"notEnum,omitempty"`
	Note    string `yaml:"note,omitempty" json:"note,omitempty"`
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
// internal/compat), because a Change's Source is one.
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
