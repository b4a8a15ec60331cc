// Package payload builds webhook bodies from a vendor's spec, for trying a receiver the way
// `stripe trigger` does: a realistic body for any event version, valid by construction, with
// fields set by hand or broken on purpose, encoded in any wire format the version is sent in.
//
// It knows the spec model and nothing of a vendor: the values are the guide's examples, and
// the rules that change them read the spec's data. Unless Options.Fixed is set, the fields that
// identify an event get fresh values, so that two bodies are two deliveries to a receiver that
// deduplicates: identifiers (digit fields wider than 32 bits, outside the merchant's account) get
// random digits, and every date and timestamp moves by the same amount, so that the event happens
// now in the vendor's clock. Break uses Violations, the values the conformance suite holds the
// validators to.
package payload

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// Options are the choices of Build.
type Options struct {
	// Fixed keeps every example of the guide exactly, so that the body is the same on every
	// build (tests, documentation). Without it, the fields that identify an event get fresh
	// values (see the package documentation), so that two sends are two deliveries.
	Fixed bool
	// Now is the time fresh dates and timestamps are taken from; zero means the clock's.
	Now time.Time
	// Rand draws fresh identifiers; nil means a randomly seeded source.
	Rand *rand.Rand
}

// Payload is one body of an event version under construction: the version's fields in wire
// order, then the members it does not define.
type Payload struct {
	spec    *spec.Spec
	event   *spec.Event
	version *spec.Version
	fields  []spec.ResolvedField
	// members[i] is the value of fields[i].
	members []member
	extras  []member
	// index maps every spelling of a field (the version's, the shared definition's, aliases) to
	// its position in fields.
	index  map[string]int
	set    map[int]bool
	broken map[int]webhook.Rule
	// tree is the body of an enveloped vendor's event, nested (see nested.go); nil for a flat
	// body, which fields and members hold.
	tree *nested
}

type member struct {
	name, value string
	// present is false for a field the body leaves out: it has no example, or was removed.
	present bool
}

// FieldRule is one problem a validator reports: a field and the rule it breaks.
type FieldRule struct {
	Field string
	Rule  webhook.Rule
}

func (fr FieldRule) String() string { return fr.Field + " " + string(fr.Rule) }

// Build returns the guide's example of an event version (version 0 is the event's latest), with
// fresh identifiers and times unless opt.Fixed is set.
func Build(s *spec.Spec, event string, version int, opt Options) (*Payload, error) {
	ev := s.Event(event)
	if ev == nil {
		var names []string
		for _, e := range s.Events {
			names = append(names, e.Name)
		}
		return nil, fmt.Errorf("%s has no event %q%s", s.Vendor.ID, event, suggest(event, names))
	}
	v := ev.Latest()
	if version != 0 {
		v = ev.Version(version)
	}
	if v == nil {
		var ns []string
		for _, vv := range ev.Versions {
			ns = append(ns, fmt.Sprint(vv.Number))
		}
		return nil, fmt.Errorf("%s has no version %d (its versions: %s)", ev.Name, version, strings.Join(ns, ", "))
	}
	if s.Vendor.Envelope != nil {
		p := &Payload{spec: s, event: ev, version: v}
		if err := p.buildEnveloped(opt); err != nil {
			return nil, err
		}
		return p, nil
	}
	fields, err := s.Resolve(ev, v)
	if err != nil {
		return nil, err
	}
	p := &Payload{spec: s, event: ev, version: v, fields: fields, index: map[string]int{}, set: map[int]bool{}, broken: map[int]webhook.Rule{}}
	for i := range fields {
		f := &fields[i]
		if k := f.Constraint.Kind; k == spec.KindObject || k == spec.KindArray {
			return nil, fmt.Errorf("%s: field %s is a nested %s; payload builds flat bodies only", p.where(), f.Name, k)
		}
		for _, name := range p.spellings(f) {
			if _, taken := p.index[name]; !taken {
				p.index[name] = i
			}
		}
		p.members = append(p.members, member{name: f.Name, value: f.Example, present: f.Example != ""})
	}
	if !opt.Fixed {
		if err := p.freshen(opt); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *Payload) spellings(f *spec.ResolvedField) []string {
	names := append([]string{f.Name}, f.Aliases...)
	if f.Field != nil {
		names = append(names, f.Field.Name)
	}
	return names
}

func (p *Payload) where() string { return fmt.Sprintf("%s v%d", p.event.Name, p.version.Number) }

func (p *Payload) freshen(opt Options) error {
	loc, err := vendorClock(p.spec)
	if err != nil {
		return err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := opt.Rand
	if r == nil {
		r = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	accounts := map[int]bool{}
	for _, q := range p.spec.Vendor.Delivery.QueryParameters {
		if i, ok := p.index[q.Field]; ok && q.Field != "" && q.Role == spec.RoleAccount {
			accounts[i] = true
		}
	}
	times := newTimeShifter(now, loc, p.fields)
	for i := range p.fields {
		f := &p.fields[i]
		if !p.members[i].present {
			continue // a field the guide gives no example for stays out, fresh or not
		}
		if v, ok := times.shift(f); ok {
			p.members[i].value = v
		} else if isIdentifier(f) && !accounts[i] {
			p.members[i].value = freshIdentifier(f, r)
		}
	}
	return nil
}

// Event is the event type's name; Version its version number.
func (p *Payload) Event() string { return p.event.Name }

// Version is the number of the payload's event version.
func (p *Payload) Version() int { return p.version.Number }

// Formats are the wire formats the version is sent in.
func (p *Payload) Formats() webhook.FormatSet {
	var set webhook.FormatSet
	for _, f := range p.version.Formats {
		switch f {
		case spec.WireJSON:
			set |= webhook.FormatSet(webhook.JSON)
		case spec.WireForm:
			set |= webhook.FormatSet(webhook.Form)
		}
	}
	return set
}

// DefaultFormat is JSON when the version is sent in JSON, form otherwise.
func (p *Payload) DefaultFormat() webhook.WireFormat {
	if p.Formats().Has(webhook.JSON) {
		return webhook.JSON
	}
	return webhook.Form
}

// Get returns the value of a field (any of its spellings) or of an extra member, and whether the
// body carries it. An enveloped vendor's members are named by their path
// ("content.subscription.status"); an object's value is its JSON.
func (p *Payload) Get(name string) (string, bool) {
	if p.tree != nil {
		n, _, err := p.tree.lookup(name)
		if err != nil || n == nil || !n.present {
			return "", false
		}
		if k := n.kind(); !k.Scalar() && k != spec.KindRaw || n.field == nil {
			var buf bytes.Buffer
			writeNode(&buf, n)
			return buf.String(), true
		}
		return n.text, true
	}
	if i, ok := p.index[name]; ok {
		return p.members[i].value, p.members[i].present
	}
	for _, m := range p.extras {
		if m.name == name {
			return m.value, true
		}
	}
	return "", false
}

// UnknownFieldError is a field name the event version does not define.
type UnknownFieldError struct {
	Event   string
	Version int
	Field   string
	// Near are the version's field names that look like Field, closest first.
	Near []string
}

func (e *UnknownFieldError) Error() string {
	msg := fmt.Sprintf("%s v%d has no field %q", e.Event, e.Version, e.Field)
	if len(e.Near) > 0 {
		msg += " (did you mean " + orList(e.Near) + "?)"
	}
	return msg
}

// RuleError is a rule that a field cannot be made to break.
type RuleError struct {
	Field string
	Rule  webhook.Rule
	// CanBreak are the rules the field can break, in Violations' order.
	CanBreak []webhook.Rule
	// Reason replaces the list when the rule cannot apply to any field of the version.
	Reason string
}

func (e *RuleError) Error() string {
	msg := fmt.Sprintf("%s cannot break rule %s", e.Field, e.Rule)
	switch {
	case e.Reason != "":
		return msg + ": " + e.Reason
	case len(e.CanBreak) == 0:
		return msg + ": it has no constraint to break"
	}
	rules := make([]string, len(e.CanBreak))
	for i, r := range e.CanBreak {
		rules[i] = string(r)
	}
	return msg + "; it can break " + strings.Join(rules, ", ")
}

// field finds a field of the version by any of its spellings.
func (p *Payload) field(name string) (int, error) {
	if i, ok := p.index[name]; ok {
		return i, nil
	}
	var names []string
	for i := range p.fields {
		names = append(names, p.spellings(&p.fields[i])...)
	}
	return 0, &UnknownFieldError{Event: p.event.Name, Version: p.version.Number, Field: name, Near: near(name, names)}
}

// Set gives a field of the version a value; "" sends the field empty. A field that is broken
// cannot also be set: the problem it should have would be lost.
//
// An enveloped vendor's members are named by their path ("content.subscription.status",
// "content.invoice.line_items[0].amount"); setting a member of an absent optional object adds
// the object with its required members, and an index one past an array's end adds an item.
func (p *Payload) Set(field, value string) error {
	if p.tree != nil {
		return p.tree.set(p, field, value)
	}
	i, err := p.field(field)
	if err != nil {
		return err
	}
	if rule, ok := p.broken[i]; ok {
		return fmt.Errorf("%s is broken on purpose (rule %s), so it cannot also be set", p.fields[i].Name, rule)
	}
	p.members[i] = member{name: p.fields[i].Name, value: value, present: true}
	p.set[i] = true
	return nil
}

// SetExtra adds (or changes) a member the version does not define. In a version that declares
// pass-through variables, a name with the vendor's pass-through prefix is one, which strict
// validation accepts; any other name is an unknown field, which strict validation reports, so
// Breaks lists it.
//
// For an enveloped vendor, name is a path whose last step is the new member's name
// ("content.subscription.cf_plan"); the value is sent as JSON when it is JSON, as text otherwise.
func (p *Payload) SetExtra(name, value string) error {
	if name == "" {
		return fmt.Errorf("%s: an extra member needs a name", p.where())
	}
	if p.tree != nil {
		return p.tree.setExtra(p, name, value)
	}
	if i, ok := p.index[name]; ok {
		return fmt.Errorf("%s is a field of %s; set it as one", p.fields[i].Name, p.where())
	}
	for j := range p.extras {
		if p.extras[j].name == name {
			p.extras[j].value = value
			return nil
		}
	}
	p.extras = append(p.extras, member{name: name, value: value, present: true})
	return nil
}

// isPassThrough reports whether name is a pass-through variable of the version.
func (p *Payload) isPassThrough(name string) bool {
	pt := p.spec.Vendor.PassThrough
	return p.version.PassThrough && pt != nil && pt.Prefix != "" && strings.HasPrefix(name, pt.Prefix)
}

// ruleIDs are the rule ids of package webhook, in the order its documentation lists them.
var ruleIDs = []webhook.Rule{
	webhook.RuleRequired, webhook.RuleMaxLength, webhook.RuleWidth, webhook.RuleDigits, webhook.RuleInteger,
	webhook.RuleRange, webhook.RuleDecimal, webhook.RuleFormat, webhook.RuleEnum, webhook.RuleUnknown, webhook.RuleAgree,
}

// Break makes field break rule, with the first of its Violations for that rule: the value a
// validator must report as exactly that problem (required removes the field). A field breaks
// one rule at most, and a field that was set cannot be broken.
func (p *Payload) Break(field string, rule webhook.Rule) error {
	if !slices.Contains(ruleIDs, rule) {
		ids := make([]string, len(ruleIDs))
		for i, r := range ruleIDs {
			ids[i] = string(r)
		}
		return fmt.Errorf("%s: %q is not a rule id (rule ids: %s)", field, rule, strings.Join(ids, ", "))
	}
	if p.tree != nil {
		return p.tree.breakRule(p, field, rule)
	}
	i, err := p.field(field)
	if err != nil {
		return err
	}
	f := &p.fields[i]
	if rule == webhook.RuleUnknown {
		return &RuleError{Field: f.Name, Rule: rule, Reason: "it is a field of " + p.where() + "; only a member the version does not define is unknown"}
	}
	if prev, ok := p.broken[i]; ok {
		return fmt.Errorf("%s already breaks rule %s; a field breaks one rule at a time", f.Name, prev)
	}
	if p.set[i] {
		return fmt.Errorf("%s was set, so it cannot also be broken", f.Name)
	}
	if rule == webhook.RuleAgree {
		value, err := p.disagreeing(i)
		if err != nil {
			return err
		}
		p.members[i] = member{name: f.Name, value: value, present: true}
		p.broken[i] = rule
		return nil
	}
	vs := Violations(*f)
	for _, v := range vs {
		if v.Rule != rule {
			continue
		}
		p.members[i] = member{name: f.Name, value: v.Value, present: !v.Remove}
		p.broken[i] = rule
		return nil
	}
	var can []webhook.Rule
	for _, v := range vs {
		if !slices.Contains(can, v.Rule) {
			can = append(can, v.Rule)
		}
	}
	return &RuleError{Field: f.Name, Rule: rule, CanBreak: can}
}

// CanBreak lists the rules a field of the version can be made to break.
func (p *Payload) CanBreak(field string) ([]webhook.Rule, error) {
	var f spec.ResolvedField
	if p.tree != nil {
		n, _, err := p.tree.lookup(field)
		if err != nil {
			return nil, err
		}
		if n == nil || n.field == nil {
			return nil, &UnknownFieldError{Event: p.event.Name, Version: p.version.Number, Field: field}
		}
		f = *n.field
	} else {
		i, err := p.field(field)
		if err != nil {
			return nil, err
		}
		f = p.fields[i]
	}
	var out []webhook.Rule
	for _, v := range Violations(f) {
		if !slices.Contains(out, v.Rule) {
			out = append(out, v.Rule)
		}
	}
	if p.tree == nil {
		if i, err := p.field(field); err == nil {
			if _, err := p.disagreeing(i); err == nil {
				out = append(out, webhook.RuleAgree)
			}
		}
	}
	return out, nil
}

// Breaks are the problems strict validation of the body must report, and no others: the rules
// broken on purpose, in wire order, then the extra members that are neither fields nor
// pass-through variables (rule unknown).
func (p *Payload) Breaks() []FieldRule {
	if p.tree != nil {
		return p.tree.breaks()
	}
	var out []FieldRule
	for i := range p.fields {
		if rule, ok := p.broken[i]; ok {
			out = append(out, FieldRule{p.fields[i].Name, rule})
		}
	}
	for _, m := range p.extras {
		if !p.isPassThrough(m.name) {
			out = append(out, FieldRule{m.name, webhook.RuleUnknown})
		}
	}
	return out
}

// WasSet reports whether a field (any spelling) was given a value with Set.
func (p *Payload) WasSet(field string) bool {
	if p.tree != nil {
		n, _, err := p.tree.lookup(field)
		return err == nil && n != nil && n.set
	}
	i, ok := p.index[field]
	return ok && p.set[i]
}

// Encode writes the body in a wire format the version is sent in: the fields in wire order, then
// the extra members; every JSON value is a string, as the vendor's are.
func (p *Payload) Encode(format webhook.WireFormat) ([]byte, error) {
	if sent := p.Formats(); !sent.Has(format) {
		return nil, fmt.Errorf("%s is sent as %s, not %s", p.where(), sent, format)
	}
	if p.tree != nil {
		if format != webhook.JSON {
			return nil, fmt.Errorf("%s: a nested body is sent as JSON only", p.where())
		}
		return p.tree.encode(), nil
	}
	// Extra writes every member as given, an empty value included: a payload built to test a
	// receiver sends exactly what was asked for.
	var fields webhook.Fields
	for _, m := range append(p.members[:len(p.members):len(p.members)], p.extras...) {
		if m.present {
			fields = append(fields, webhook.Field{Name: m.name, Value: m.value})
		}
	}
	if format == webhook.JSON {
		w := webhook.NewJSONWriter(nil)
		w.Extra(fields)
		return w.Bytes(), nil
	}
	w := webhook.NewFormWriter(nil)
	w.Extra(fields)
	return w.Bytes(), nil
}
