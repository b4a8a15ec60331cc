// Package survey reads a corpus of recorded deliveries (a merchant's log, fixtures collected from
// other projects) and reports what it says about a vendor's spec: per event and version, the
// members never seen, the members seen that the spec lacks (with counts and example values,
// never a secret's), enum values outside the spec, values longer than documented, and which
// versions the traffic fits. It is `hookcheck survey`'s work; its Markdown is what a maintainer
// turns into errata.
//
// It works from the spec model (spec.Resolve) for what the documents say, and from the generated
// package, through check.Vendor, for which versions a body fits: the same validator a receiver
// runs. Bodies are read with the runtime's own readers, so the survey sees each member as a
// generated decoder does. Flat bodies only: a vendor whose events are enveloped objects is
// refused by New rather than half-surveyed.
package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// Options are the choices of one survey.
type Options struct {
	// Spec is the vendor's spec: what the documents say.
	Spec *spec.Spec
	// Vendor is the generated package's wiring: which versions a body fits.
	Vendor check.Vendor
	// Event limits the survey to one event type: a delivery that names no event is taken as
	// one of it, a delivery of another event is skipped. "" surveys every event.
	Event string
	// Format is the wire format of every body; 0 takes each delivery's own (a capture's
	// Content-Type, a manifest's format column) or sniffs it.
	Format webhook.WireFormat
	// ShowValues gives examples of the values of members the spec does not define, unless their
	// names look secret. By default they are left out, as hookcheck validate leaves them out: an
	// unknown member may be a password under a name no rule knows.
	ShowValues bool
}

// Bounds on what a survey holds, whatever the corpus: a log of a million deliveries, or bodies
// whose keys or enum values are all different, gives a report of bounded size, and what was
// not kept is counted.
const (
	// maxFiles is how many file names a version's report lists.
	maxFiles = 20
	// maxMemberNames is how many distinct member names a version's report follows.
	maxMemberNames = 500
	// maxEnumValues is how many distinct values outside its enum a member's report lists.
	maxEnumValues = 20
)

// maxExamples is how many distinct example values a finding keeps; maxExampleRunes is how much
// of each: enough to recognise a value, not enough to copy a customer's record.
const (
	maxExamples     = 3
	maxExampleRunes = 40
)

// Survey accumulates deliveries; Report summarises them. It is not safe for concurrent use.
type Survey struct {
	opt     Options
	secrets *webhook.SecretNames
	// versions holds each event version's resolved members, by wire name and alias.
	versions map[string]map[int]*resolvedVersion
	// definedBy lists, for each wire name, the event versions whose tables have it.
	definedBy map[string][]spec.VersionRef

	events     map[string]*eventStats
	total      int
	unreadable []Skipped
	skipped    []Skipped
}

type resolvedVersion struct {
	version *spec.Version
	fields  []spec.ResolvedField
	byName  map[string]*spec.ResolvedField
}

// again is an empty survey with the same options and spec index: New's work is done once.
func (sv *Survey) again() *Survey {
	return &Survey{opt: sv.opt, secrets: sv.secrets, versions: sv.versions, definedBy: sv.definedBy, events: map[string]*eventStats{}}
}

// New prepares a survey of opt.Spec's events.
func New(opt Options) (*Survey, error) {
	s := opt.Spec
	if s == nil {
		return nil, fmt.Errorf("survey: no spec")
	}
	if s.Vendor.Envelope != nil {
		return nil, fmt.Errorf("survey: %s sends its events in an envelope of nested objects; the survey reads flat bodies only", s.Vendor.ID)
	}
	if opt.Vendor.Versions == nil || opt.Vendor.Formats == nil || opt.Vendor.Decode == nil {
		return nil, fmt.Errorf("survey: the vendor wiring needs Versions, Formats and Decode: the generated package validates the bodies")
	}
	if opt.Event != "" && s.Event(opt.Event) == nil {
		return nil, fmt.Errorf("survey: %s has no event type %q", s.Vendor.ID, opt.Event)
	}
	sv := &Survey{
		opt:       opt,
		versions:  map[string]map[int]*resolvedVersion{},
		definedBy: map[string][]spec.VersionRef{},
		events:    map[string]*eventStats{},
	}
	prefix := ""
	if s.Vendor.PassThrough != nil {
		prefix = s.Vendor.PassThrough.Prefix
	}
	var secret []string
	for _, f := range s.Fields {
		if f.Sensitivity == spec.SensitivitySecret {
			secret = append(secret, f.Name)
			secret = append(secret, f.Aliases...)
		}
	}
	sv.secrets = webhook.NewSecretNames(prefix, secret...)
	for ei := range s.Events {
		ev := &s.Events[ei]
		sv.versions[ev.Name] = map[int]*resolvedVersion{}
		for vi := range ev.Versions {
			v := &ev.Versions[vi]
			fields, err := s.Resolve(ev, v)
			if err != nil {
				return nil, fmt.Errorf("survey: %w", err)
			}
			rv := &resolvedVersion{version: v, fields: fields, byName: map[string]*spec.ResolvedField{}}
			for i := range fields {
				f := &fields[i]
				for _, name := range wireNames(f) {
					if _, dup := rv.byName[name]; !dup {
						rv.byName[name] = f
					}
					ref := spec.VersionRef{Event: ev.Name, Version: v.Number}
					if !slices.Contains(sv.definedBy[name], ref) {
						sv.definedBy[name] = append(sv.definedBy[name], ref)
					}
				}
			}
			sv.versions[ev.Name][v.Number] = rv
		}
	}
	return sv, nil
}

// eventStats is what the corpus says about one event type.
type eventStats struct {
	name        string
	spec        *spec.Event
	deliveries  int
	paramsDumps int
	// queryParameters counts the URL's parameters found in params dumps, by name.
	queryParameters map[string]int
	// fits counts, per version, the deliveries valid in it and strictly valid in it.
	fits map[int]*[2]int
	// groups are the deliveries by the version each is nearest to.
	groups map[int]*group
}

// group is the deliveries of one event that are nearest to one of its versions.
type group struct {
	version     int
	noFormat    bool // no version of the event is sent in the deliveries' format
	deliveries  int
	paramsDumps int
	files       []string // the first maxFiles, in reading order
	untracked   int      // member occurrences past the first maxMemberNames distinct names
	members     map[string]*memberStats
	order       []string
	problems    map[[2]string]int
	problemList [][2]string
}

// memberStats is what one member name looked like in a group's deliveries.
type memberStats struct {
	name        string
	seen        int
	inDumps     int
	examples    []string
	hidden      string // why examples are not shown
	enumOutside map[string]int
	enumOrder   []string
	enumOthers  int // values outside the enum past the first maxEnumValues distinct ones
	beyond      int // values longer than the documented length, or not of its width
	longest     int
	shortest    int
}

// Skip records a file of the corpus that is not a delivery (Read's skip), so that the report
// accounts for every file it was given.
func (sv *Survey) Skip(s Skipped) { sv.skipped = append(sv.skipped, s) }

// Add surveys one delivery.
func (sv *Survey) Add(d Delivery) {
	sv.total++
	if d.Err != nil {
		sv.unreadable = append(sv.unreadable, Skipped{File: d.Name, Reason: d.Err.Error()})
		return
	}
	format := sv.opt.Format
	if format == 0 {
		format = d.Format
	}
	if format == 0 {
		format = webhook.Sniff(d.Body)
	}
	members, err := readMembers(d.Body, format)
	if err != nil {
		sv.unreadable = append(sv.unreadable, Skipped{File: d.Name, Reason: err.Error()})
		return
	}
	// The URL's parameters in the body: a framework merged them (a params dump). They are the
	// delivery's event type and group, not members of the body, and are taken out.
	event := d.Event
	dump := d.ParamsDump
	var query []member
	kept := members[:0:0]
	for _, m := range members {
		q := sv.queryParameter(m.name)
		if q == nil {
			kept = append(kept, m)
			continue
		}
		query = append(query, m)
		if q.Role != spec.RoleEventType {
			continue
		}
		if event != "" && m.value != event {
			sv.unreadable = append(sv.unreadable, Skipped{File: d.Name, Reason: fmt.Sprintf(
				"the body's %s %s disagrees with the delivery's event type %s", m.name, quoteName(m.value), quoteName(event))})
			return
		}
		event = m.value
	}
	if len(query) > 0 {
		dump = true
	}
	if sv.opt.Event != "" {
		switch event {
		case "":
			event = sv.opt.Event
		case sv.opt.Event:
		default:
			sv.skipped = append(sv.skipped, Skipped{File: d.Name, Reason: fmt.Sprintf("a %s delivery; the survey is of %s", event, sv.opt.Event)})
			return
		}
	}
	if event == "" {
		sv.unreadable = append(sv.unreadable, Skipped{File: d.Name, Reason: "no event type: give -event, a capture whose query string has it, or a " + ManifestFile + " beside the file"})
		return
	}
	if _, ok := reportName(event); !ok {
		sv.unreadable = append(sv.unreadable, Skipped{File: d.Name, Reason: "an event type that is not a name: " + webhook.ShowName(event)})
		return
	}
	es := sv.eventStats(event)
	es.deliveries++
	if dump {
		es.paramsDumps++
	}
	for _, q := range query {
		es.queryParameters[sv.queryParameter(q.name).Name]++ // the spec's copy of the name
	}
	body := d.Body
	if len(query) > 0 {
		body = encodeMembers(kept, format)
	}
	version, noFormat, problems := sv.fit(es, d.Name, body, format)
	g := es.groups[version]
	if g == nil {
		g = &group{version: version, members: map[string]*memberStats{}, problems: map[[2]string]int{}}
		es.groups[version] = g
	}
	g.noFormat = g.noFormat || noFormat
	g.deliveries++
	if dump {
		g.paramsDumps++
	}
	if len(g.files) < maxFiles {
		g.files = append(g.files, d.Name)
	}
	for _, p := range problems {
		if coveredRules[p.Rule] {
			continue
		}
		k := [2]string{p.Field, p.Rule}
		if g.problems[k] == 0 {
			g.problemList = append(g.problemList, k)
		}
		g.problems[k]++
	}
	var rv *resolvedVersion
	if es.spec != nil {
		rv = sv.versions[event][version]
	}
	// A member is counted once per delivery: "seen in 2 of 1" would be no count at all. A key
	// sent twice is the decoder's finding, among the problems above.
	counted := make(map[string]bool, len(kept))
	for _, m := range kept {
		if !counted[m.name] {
			counted[m.name] = true
			sv.addMember(g, rv, m, dump)
		}
	}
}

// queryParameter returns the vendor's query parameter called name when it is only a URL
// parameter (clientAccnum is a body field too, and stays).
func (sv *Survey) queryParameter(name string) *spec.QueryParameter {
	for i := range sv.opt.Spec.Vendor.Delivery.QueryParameters {
		q := &sv.opt.Spec.Vendor.Delivery.QueryParameters[i]
		if q.Name == name && q.Field == "" {
			return q
		}
	}
	return nil
}

func (sv *Survey) eventStats(name string) *eventStats {
	es := sv.events[name]
	if es == nil {
		es = &eventStats{name: name, spec: sv.opt.Spec.Event(name), queryParameters: map[string]int{}, fits: map[int]*[2]int{}, groups: map[int]*group{}}
		sv.events[name] = es
	}
	return es
}

// coveredRules are the validator's rules whose findings the survey reports in sections of their
// own, from the spec: unknown members, lengths and enum values.
var coveredRules = map[string]bool{
	string(webhook.RuleUnknown): true, string(webhook.RuleMaxLength): true,
	string(webhook.RuleWidth): true, string(webhook.RuleEnum): true,
}

// fit validates the body in every version of the event, counts the versions it fits, and
// returns the version it is nearest to (the fewest problems under strict validation, the newest
// on a tie) with the problems it has there. Versions not sent in the body's format are not
// candidates; when none is, the newest version is, and noFormat says so. An event the spec does
// not know gives version 0.
func (sv *Survey) fit(es *eventStats, name string, body []byte, format webhook.WireFormat) (nearest int, noFormat bool, problems []check.Problem) {
	if es.spec == nil {
		return 0, false, nil
	}
	best := -1
	for _, v := range es.spec.Versions {
		in := check.Input{Name: name, Body: body, Format: format}
		opt := check.Options{Vendor: sv.opt.Vendor, Event: es.name, Version: v.Number, Format: format, Engine: check.EngineGo}
		lenient := check.Validate(in, opt)
		opt.Strict = true
		strict := check.Validate(in, opt)
		counts := es.fits[v.Number]
		if counts == nil {
			counts = &[2]int{}
			es.fits[v.Number] = counts
		}
		if lenient.Valid {
			counts[0]++
		}
		if strict.Valid {
			counts[1]++
		}
		if notCandidate(strict) {
			continue
		}
		if best < 0 || len(strict.Problems) <= best {
			best, nearest, problems = len(strict.Problems), v.Number, strict.Problems
		}
	}
	if best < 0 {
		return es.spec.Latest().Number, true, nil
	}
	return nearest, false, problems
}

// notCandidate reports a verdict that is about the version, not the body: a wire format the
// version is not sent in, or a version the generated package lacks. check.Validate gives those
// as a single problem without a field; a value's own format problem names its field.
func notCandidate(r check.Result) bool {
	return len(r.Problems) == 1 && r.Problems[0].Field == "" && (r.Problems[0].Rule == "format" || r.Problems[0].Rule == "event")
}

// reportName is how the report names a member or event read from a delivery: as sent when it
// reads as a name, otherwise by its length only. A "name" that is not one is most often a whole
// JSON body read as a form, secrets and all, and the report is meant to be pasted into issues.
func reportName(name string) (string, bool) {
	if shown := webhook.ShowName(name); shown != name && shown != strconv.Quote(name) {
		return shown, false
	}
	return name, true
}

// quoteName quotes a name read from a delivery, or gives only its length when it is not one.
func quoteName(name string) string {
	if shown, ok := reportName(name); !ok {
		return shown
	}
	return strconv.Quote(name)
}

func (sv *Survey) addMember(g *group, rv *resolvedVersion, m member, dump bool) {
	notAName := false
	if shown, ok := reportName(m.name); !ok {
		m.name, m.value, notAName = shown, "", true
	}
	ms := g.members[m.name]
	if ms == nil {
		if len(g.order) >= maxMemberNames {
			g.untracked++
			return
		}
		// Names and values read from a body share its memory; what the survey keeps is
		// copied, so that a kept example does not hold a whole body.
		name := strings.Clone(m.name)
		ms = &memberStats{name: name, enumOutside: map[string]int{}, shortest: -1}
		g.members[name] = ms
		g.order = append(g.order, name)
	}
	ms.seen++
	if dump {
		ms.inDumps++
	}
	var f *spec.ResolvedField
	if rv != nil {
		f = rv.byName[m.name]
	}
	show := true
	switch {
	case notAName:
		show, ms.hidden = false, "not a member name: neither it nor its value is shown"
	case f != nil && f.Sensitivity == spec.SensitivitySecret, sv.secrets.Match(m.name):
		show, ms.hidden = false, "a secret: values never shown"
	case f != nil && f.Sensitivity == spec.SensitivityPersonal:
		show, ms.hidden = false, "personal data: values not shown"
	case f == nil && rv != nil && sv.isPassThrough(rv, m.name):
		show, ms.hidden = false, "the merchant's pass-through variables: values not shown"
	case f == nil && !sv.opt.ShowValues:
		show, ms.hidden = false, "not defined: values shown with -show-values"
	}
	if f == nil {
		if show {
			ms.example(m.value)
		}
		return
	}
	if m.value == "" {
		return // absent: the validator's business, not a value to judge
	}
	if f.Enum != nil && !inEnum(f.Enum, m.value) {
		v := m.value
		if !show {
			v = fmt.Sprintf("(%d characters)", utf8.RuneCountInString(m.value))
		}
		switch {
		case ms.enumOutside[v] > 0:
			ms.enumOutside[v]++
		case len(ms.enumOrder) < maxEnumValues:
			v = strings.Clone(v)
			ms.enumOrder = append(ms.enumOrder, v)
			ms.enumOutside[v]++
		default:
			ms.enumOthers++
		}
	}
	c := f.Constraint
	n := utf8.RuneCountInString(m.value)
	if (c.MaxLength > 0 && n > c.MaxLength) || (c.Width > 0 && n != c.Width) {
		ms.beyond++
		ms.longest = max(ms.longest, n)
		if ms.shortest < 0 || n < ms.shortest {
			ms.shortest = n
		}
		if show {
			ms.example(m.value)
		}
	}
}

// example keeps a value as an example, once, cut to maxExampleRunes.
func (ms *memberStats) example(v string) {
	if utf8.RuneCountInString(v) > maxExampleRunes {
		r := []rune(v)
		v = string(r[:maxExampleRunes]) + "…"
	}
	if len(ms.examples) < maxExamples && !slices.Contains(ms.examples, v) {
		ms.examples = append(ms.examples, strings.Clone(v))
	}
}

func (sv *Survey) isPassThrough(rv *resolvedVersion, name string) bool {
	pt := sv.opt.Spec.Vendor.PassThrough
	return rv.version.PassThrough && pt != nil && pt.Prefix != "" && strings.HasPrefix(name, pt.Prefix)
}

// inEnum compares as the generated validators do: numeric enums by value, so that JSON's 36 is
// the "036" of a table; others exactly.
func inEnum(e *spec.Enum, value string) bool {
	for _, ev := range e.Values {
		if ev.Value == value || (e.Numeric && webhook.IsDigits(value) && webhook.TrimLeadingZeros(ev.Value) == webhook.TrimLeadingZeros(value)) {
			return true
		}
	}
	return false
}

// wireNames are the names a generated decoder reads a member by: the version's spelling, the
// shared field's, and its aliases ("flexID", "flexId").
func wireNames(f *spec.ResolvedField) []string {
	names := []string{f.Name}
	if f.Field != nil && !slices.Contains(names, f.Field.Name) {
		names = append(names, f.Field.Name)
	}
	for _, a := range f.Aliases {
		if !slices.Contains(names, a) {
			names = append(names, a)
		}
	}
	return names
}
