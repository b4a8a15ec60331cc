package survey

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/spec"
)

// Report is what a corpus says about a spec.
type Report struct {
	Vendor string `json:"vendor"`
	// Deliveries counts every delivery read, the unreadable and skipped ones included.
	Deliveries int           `json:"deliveries"`
	Events     []EventReport `json:"events"`
	// Unreadable are deliveries that could not be surveyed: an unreadable file or body, no
	// event type.
	Unreadable []Skipped `json:"unreadable,omitempty"`
	// Skipped are files that are not deliveries of the survey: a manifest, a file it does not
	// list, a delivery of another event than -event asks for.
	Skipped []Skipped `json:"skipped,omitempty"`
}

// EventReport is what the corpus says about one event type.
type EventReport struct {
	Event string `json:"event"`
	// Known is false for an event type the spec does not have.
	Known       bool `json:"known"`
	Deliveries  int  `json:"deliveries"`
	ParamsDumps int  `json:"paramsDumps,omitempty"`
	// QueryParameters are the URL's parameters found in params dumps, taken out before the
	// bodies were surveyed.
	QueryParameters []Count `json:"queryParameters,omitempty"`
	// Fits says, for each version, how many deliveries are valid and strictly valid in it.
	Fits []Fit `json:"fits,omitempty"`
	// Versions compare the deliveries with the version each is nearest to.
	Versions []VersionReport `json:"versions"`
}

// Count is a name and how often it was seen.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Fit is how many of an event's deliveries one version accepts.
type Fit struct {
	Version int    `json:"version"`
	Formats string `json:"formats"`
	Valid   int    `json:"valid"`
	Strict  int    `json:"strictlyValid"`
}

// VersionReport compares the deliveries nearest to one version with that version.
type VersionReport struct {
	// Version is the version the deliveries are nearest to (0 for an event the spec lacks).
	Version int `json:"version"`
	// NoFormat is set when no version of the event is sent in the deliveries' wire format, and
	// Version is simply the newest.
	NoFormat    bool `json:"noFormat,omitempty"`
	Deliveries  int  `json:"deliveries"`
	ParamsDumps int  `json:"paramsDumps,omitempty"`
	// Files names the deliveries, the first 20 in reading order; MoreFiles counts the rest,
	// so that a log of thousands of deliveries gives a report a person can read.
	Files     []string `json:"files"`
	MoreFiles int      `json:"moreFiles,omitempty"`
	// UntrackedMembers counts member occurrences whose names came after the first 500
	// distinct ones: a corpus of bodies with random keys is summarised, not held whole.
	UntrackedMembers int `json:"untrackedMembers,omitempty"`
	// Undocumented are the members seen that the version does not define.
	Undocumented []Member `json:"undocumented,omitempty"`
	// Observed are the members seen that the vendor's tables lack but the spec has, as observed
	// (an erratum added them from evidence such as these deliveries): still news for the
	// vendor's documents, no longer for the spec.
	Observed []Member `json:"observed,omitempty"`
	// PassThrough are the pass-through variables seen, which the version declares.
	PassThrough []Member `json:"passThrough,omitempty"`
	// NeverSeen are the version's members that no delivery carried.
	NeverSeen []Absent `json:"neverSeen,omitempty"`
	// EnumValues are values outside a member's enum.
	EnumValues []EnumFinding `json:"enumValues,omitempty"`
	// Lengths are values longer than the documented length, or not of the documented width.
	Lengths []LengthFinding `json:"lengths,omitempty"`
	// Problems are the validator's other findings in this version (ranges, formats, digits,
	// required members), by member and rule.
	Problems []ProblemCount `json:"problems,omitempty"`
}

// Member is a member seen that the version does not define, or defines only as observed.
type Member struct {
	Name string `json:"name"`
	// Seen counts the deliveries that carry it; InParamsDumps how many of those are params
	// dumps (a member seen only there may be the framework's, not the vendor's).
	Seen          int `json:"seen"`
	InParamsDumps int `json:"inParamsDumps,omitempty"`
	// DefinedIn says where the spec has the name: other versions of the event ("v5, v6"), other
	// events, or nowhere ("").
	DefinedIn string `json:"definedIn,omitempty"`
	// Source is where the spec says an observed member was seen (its presence's source).
	Source   string   `json:"source,omitempty"`
	Examples []string `json:"examples,omitempty"`
	// Hidden says why no example is shown (a secret's name).
	Hidden string `json:"hidden,omitempty"`
}

// Absent is a member of the version that no delivery carried.
type Absent struct {
	Name     string `json:"name"`
	Presence string `json:"presence"`
}

// EnumFinding is a member's values outside its enum.
type EnumFinding struct {
	Member string  `json:"member"`
	Enum   string  `json:"enum"`
	Values []Count `json:"values"`
	// Others counts the occurrences of further distinct values, past the first 20.
	Others int `json:"others,omitempty"`
	// Erratum is the errata entry that opened the member's enum, when one did: the values are
	// warnings, not errors, and the entry records the evidence.
	Erratum string `json:"erratum,omitempty"`
}

// LengthFinding is a member whose values break its documented length.
type LengthFinding struct {
	Member   string `json:"member"`
	DataType string `json:"dataType"`
	// Limit is the documented length: "at most N" or "exactly N" characters.
	Limit    string   `json:"limit"`
	Count    int      `json:"count"`
	Shortest int      `json:"shortest"`
	Longest  int      `json:"longest"`
	Examples []string `json:"examples,omitempty"`
	Hidden   string   `json:"hidden,omitempty"`
	// Erratum is the errata entry that keeps the documented length as a warning, when one
	// does: longer values are valid, and the entry records the evidence.
	Erratum string `json:"erratum,omitempty"`
}

// ProblemCount is how often the validator found one rule broken by one member.
type ProblemCount struct {
	Field string `json:"field,omitempty"`
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}

// Report summarises the deliveries added so far. Events come in the spec's order, then the
// events the spec lacks by name; members in wire order or by how often they were seen.
func (sv *Survey) Report() *Report {
	r := &Report{Vendor: sv.opt.Spec.Vendor.ID, Deliveries: sv.total,
		Unreadable: sortedSkipped(slices.Clone(sv.unreadable)), Skipped: sortedSkipped(slices.Clone(sv.skipped))}
	var names []string
	for _, ev := range sv.opt.Spec.Events {
		if sv.events[ev.Name] != nil {
			names = append(names, ev.Name)
		}
	}
	var unknown []string
	for name, es := range sv.events {
		if es.spec == nil {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range append(names, unknown...) {
		r.Events = append(r.Events, sv.eventReport(sv.events[name]))
	}
	return r
}

func (sv *Survey) eventReport(es *eventStats) EventReport {
	er := EventReport{Event: es.name, Known: es.spec != nil, Deliveries: es.deliveries, ParamsDumps: es.paramsDumps}
	for name, n := range es.queryParameters {
		er.QueryParameters = append(er.QueryParameters, Count{name, n})
	}
	sortCounts(er.QueryParameters)
	if es.spec != nil {
		for _, v := range es.spec.Versions {
			c := es.fits[v.Number]
			f := Fit{Version: v.Number, Formats: formats(v.Formats)}
			if c != nil {
				f.Valid, f.Strict = c[0], c[1]
			}
			er.Fits = append(er.Fits, f)
		}
	}
	var versions []int
	for v := range es.groups {
		versions = append(versions, v)
	}
	slices.Sort(versions)
	for _, v := range versions {
		er.Versions = append(er.Versions, sv.versionReport(es, es.groups[v]))
	}
	return er
}

func (sv *Survey) versionReport(es *eventStats, g *group) VersionReport {
	vr := VersionReport{Version: g.version, NoFormat: g.noFormat, Deliveries: g.deliveries, ParamsDumps: g.paramsDumps, Files: slices.Clone(g.files)}
	vr.MoreFiles = g.deliveries - len(g.files)
	vr.UntrackedMembers = g.untracked
	var rv *resolvedVersion
	if es.spec != nil {
		rv = sv.versions[es.name][g.version]
	}
	for _, name := range g.order {
		ms := g.members[name]
		var f *spec.ResolvedField
		if rv != nil {
			f = rv.byName[name]
		}
		switch {
		case f == nil && rv != nil && sv.isPassThrough(rv, name):
			vr.PassThrough = append(vr.PassThrough, Member{Name: name, Seen: ms.seen, InParamsDumps: ms.inDumps, Hidden: ms.hidden})
		case f == nil:
			vr.Undocumented = append(vr.Undocumented, Member{Name: name, Seen: ms.seen, InParamsDumps: ms.inDumps,
				DefinedIn: sv.definedIn(es.name, g.version, name), Examples: ms.examples, Hidden: ms.hidden})
		default:
			if f.Presence.Kind == spec.PresenceObserved {
				vr.Observed = append(vr.Observed, Member{Name: name, Seen: ms.seen, InParamsDumps: ms.inDumps, Source: f.Presence.Source})
			}
			if len(ms.enumOrder) > 0 {
				ef := EnumFinding{Member: name, Enum: f.Enum.Name, Erratum: f.Relaxation(spec.RelaxEnum)}
				for _, v := range ms.enumOrder {
					ef.Values = append(ef.Values, Count{v, ms.enumOutside[v]})
				}
				sortCounts(ef.Values)
				ef.Others = ms.enumOthers
				vr.EnumValues = append(vr.EnumValues, ef)
			}
			if ms.beyond > 0 {
				lf := LengthFinding{Member: name, DataType: f.DataType, Count: ms.beyond, Shortest: ms.shortest, Longest: ms.longest, Examples: ms.examples, Hidden: ms.hidden}
				if f.Constraint.Width > 0 {
					lf.Limit = fmt.Sprintf("exactly %d", f.Constraint.Width)
				} else {
					lf.Limit = fmt.Sprintf("at most %d", f.Constraint.MaxLength)
					lf.Erratum = f.Relaxation(spec.RelaxMaxLength)
				}
				vr.Lengths = append(vr.Lengths, lf)
			}
		}
	}
	slices.SortStableFunc(vr.Undocumented, func(a, b Member) int { return cmp.Compare(b.Seen, a.Seen) })
	slices.SortStableFunc(vr.PassThrough, func(a, b Member) int { return cmp.Compare(b.Seen, a.Seen) })
	slices.SortStableFunc(vr.Observed, func(a, b Member) int { return cmp.Compare(b.Seen, a.Seen) })
	if rv != nil {
		for i := range rv.fields {
			f := &rv.fields[i]
			seen := false
			for _, name := range wireNames(f) {
				if g.members[name] != nil {
					seen = true
				}
			}
			if !seen {
				vr.NeverSeen = append(vr.NeverSeen, Absent{Name: f.Name, Presence: presence(f.Presence)})
			}
		}
	}
	for _, k := range g.problemList {
		vr.Problems = append(vr.Problems, ProblemCount{Field: k[0], Rule: k[1], Count: g.problems[k]})
	}
	slices.SortStableFunc(vr.Problems, func(a, b ProblemCount) int { return cmp.Compare(b.Count, a.Count) })
	return vr
}

// definedIn says where the spec has a member that version v of event lacks: the event's other
// versions, or else the other events whose tables have it.
func (sv *Survey) definedIn(event string, v int, name string) string {
	var versions []string
	others := map[string]bool{}
	for _, ref := range sv.definedBy[name] {
		switch {
		case ref.Event == event && ref.Version != v:
			versions = append(versions, fmt.Sprintf("v%d", ref.Version))
		case ref.Event != event:
			others[ref.Event] = true
		}
	}
	if versions != nil {
		return event + " " + strings.Join(versions, ", ")
	}
	var events []string
	for _, ev := range sv.opt.Spec.Events {
		if others[ev.Name] {
			events = append(events, ev.Name)
		}
	}
	return strings.Join(events, ", ")
}

func presence(p spec.Presence) string {
	if p.Kind == "" {
		return string(spec.PresenceOptional)
	}
	return string(p.Kind)
}

func formats(fs []spec.WireFormat) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// sortCounts orders by count, most first, then by name.
func sortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}
