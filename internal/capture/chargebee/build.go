// Package chargebee builds Chargebee's spec (spec/chargebee) from the vendor's machine-readable
// descriptions: API v1 from its OpenAPI file (read by internal/readers/openapi), API v2 from
// the type declarations of its Node SDK (internal/readers/tsdecl), the list of v2 event types,
// and the delivery facts gathered from its pages. Real payloads are the last word: every member
// they carry is either in the spec or reported.
//
// The two descriptions meet in one spec:
//
//   - every event is one spec event; its API version is its version (v1 → 1, v2 → 2), so an
//     event both APIs send has two versions;
//   - API v2's resources have the plain names (Customer, Invoice.LineItem), API v1's a V1 suffix
//     (CustomerV1, CustomerV1.BillingAddress): v2 is the current API, v1 the legacy one, and a
//     receiver that handles both must never confuse them;
//   - a v2 member whose v1 counterpart (same resource, same member) states a format, a length
//     or a description inherits it, since the SDK says only "number" or "string"; every
//     inheritance is listed in DISCREPANCIES.md. A v2 number without a counterpart stays a
//     number, kept as its literal text, never guessed;
//   - event types that event-types-v2.txt lists but the SDK gives no content shape are known
//     events whose content is raw.
//
// What the descriptions get wrong is corrected by errata.yaml's member patches
// (spec.ApplyMembers), each with its evidence; the builder itself corrects nothing silently.
package chargebee

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/spec"
)

// The input files, inside the capture directory.
const (
	v1File       = "chargebee_api_v1_spec.json"
	v2Dir        = "chargebee-node-types"
	eventsV2File = "event-types-v2.txt"
	factsFile    = "webhook-delivery-facts.md"
)

// DocURL is the API documentation's page on events and webhooks.
const DocURL = "https://apidocs.chargebee.com/docs/api/events"

// V1Resources are the resources API v1's events carry, as the OpenAPI names them.
var V1Resources = []string{"Customer", "Card", "Subscription", "Invoice", "Transaction"}

// Inputs are the read descriptions.
type Inputs struct {
	// V1 is the OpenAPI description of API v1; V2 the SDK's declarations of API v2, read with
	// WebhookContentMap as the webhook map.
	V1, V2 *schemamodel.Document
	// EventTypesV2 are the names of event-types-v2.txt, one a line, in the file's order.
	EventTypesV2 []string
	// Facts is webhook-delivery-facts.md.
	Facts []byte
	// Payloads are real deliveries, each checked against the spec.
	Payloads []Payload
	// Sources describe the input files (name, file, digest).
	Sources []spec.Source
}

type builder struct {
	in       Inputs
	s        *spec.Spec
	findings []spec.Discrepancy

	types     map[string]*spec.ObjectType
	typeOrder []string
	enums     map[string]*spec.Enum
	enumOrder []string
	goNames   map[string]string
	// counterpart maps a v2 type to the v1 type that describes the same resource.
	counterpart map[string]string
	inherited   map[string][]string
	// eventsByName collects each event's versions while both descriptions are read.
	eventsByName map[string]*eventVersions
}

func (b *builder) find(topic, where, format string, args ...any) {
	b.findings = append(b.findings, spec.Discrepancy{Topic: topic, Where: where, Text: fmt.Sprintf(format, args...)})
}

// Build builds the spec from the inputs and applies the errata. It fails on anything it cannot
// place, and on an erratum that changes nothing; what it placed but the inputs get wrong is
// returned as findings for DISCREPANCIES.md.
func Build(in Inputs, errata *spec.Errata) (*spec.Spec, []spec.Discrepancy, error) {
	if in.V1 == nil || in.V2 == nil {
		return nil, nil, fmt.Errorf("chargebee: both the v1 OpenAPI and the v2 SDK declarations are needed")
	}
	if errata == nil {
		errata = &spec.Errata{Vendor: "chargebee"}
	}
	for _, e := range errata.Entries {
		if len(e.Fields)+len(e.Rows)+len(e.Versions)+len(e.Events)+len(e.Examples)+len(e.DeclineCodes)+len(e.Sources) > 0 || e.Clock != nil {
			return nil, nil, fmt.Errorf("errata %s: Chargebee's bodies have no flat rows or shared fields; correct members (members:) instead", e.ID)
		}
	}
	b := &builder{
		in: in, s: &spec.Spec{Errata: *errata},
		types: map[string]*spec.ObjectType{}, enums: map[string]*spec.Enum{}, goNames: map[string]string{},
		counterpart: map[string]string{}, inherited: map[string][]string{},
	}
	for _, g := range generatedNames {
		b.goNames[g] = "an identifier every generated package declares"
	}
	steps := []func() error{b.vendor, b.envelope, b.eventsV1, b.eventsV2, b.inheritFromV1, b.assemble, b.applyErrata, b.accountPayloads}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(b.findings, func(i, j int) bool { return b.findings[i].Topic < b.findings[j].Topic })
	return b.s, b.findings, nil
}

func memberOf(s *schemamodel.Schema, name string) *schemamodel.Member {
	for i := range s.Members {
		if s.Members[i].Name == name {
			return &s.Members[i]
		}
	}
	return nil
}

// eventBody is a v1 webhook's request body: the object its $ref names.
func eventBody(w *schemamodel.Webhook) (*schemamodel.Schema, error) {
	if w.Schema == nil || w.Schema.Kind != schemamodel.KindRef || w.Schema.Target == nil || w.Schema.Target.Schema.Kind != schemamodel.KindObject {
		return nil, fmt.Errorf("%s: webhook %s: the body is not a reference to an event schema", pos(w.Pos, v1File), w.Event)
	}
	return w.Schema.Target.Schema, nil
}

// envelope builds the Event type every body is, from the members every v1 event schema gives
// the body (which agree; a disagreement is an error), each refined by the OpenAPI's generic
// Event schema where it states more (a length, the unix-time format, the source's values).
// Members only the generic schema or the SDK knows are not added here: errata add them, with
// the payloads that carry them as evidence.
func (b *builder) envelope() error {
	var first []string
	var firstEvent string
	var body *schemamodel.Schema
	for i := range b.in.V1.Webhooks {
		w := &b.in.V1.Webhooks[i]
		s, err := eventBody(w)
		if err != nil {
			return err
		}
		var names []string
		for _, m := range s.Members {
			names = append(names, m.Name)
		}
		if first == nil {
			first, firstEvent, body = names, w.Event, s
		} else if !slices.Equal(names, first) {
			return fmt.Errorf("%s: %s's body has members %v, %s's %v: the envelope must be one", pos(w.Pos, v1File), w.Event, names, firstEvent, first)
		}
	}
	if body == nil {
		return fmt.Errorf("%s: no webhooks", v1File)
	}
	generic := b.in.V1.Type("Event")
	if generic == nil {
		return fmt.Errorf("%s: no Event schema", v1File)
	}
	t := &spec.ObjectType{Name: "Event", GoName: "Envelope", Description: describe(generic.Schema.Description),
		Source: fmt.Sprintf("%s: the members of every webhook's body schema, refined by #/components/schemas/Event", v1File)}
	b.types[t.Name] = t
	b.typeOrder = append(b.typeOrder, t.Name)
	if err := b.claimGoName(t.GoName, "the envelope"); err != nil {
		return err
	}
	for _, m := range body.Members {
		where := fmt.Sprintf("%s's body.%s", firstEvent, m.Name)
		var f spec.Field
		var err error
		switch m.Name {
		case "content":
			f = spec.Field{Name: m.Name, GoName: "Content", Constraint: &spec.Constraint{Kind: spec.KindRaw}}
		case "event_type":
			// Its values are the events of events.yaml: both APIs', more than the v1 list the
			// generic schema enumerates.
			f = spec.Field{Name: m.Name, GoName: "Type", Constraint: &spec.Constraint{Kind: spec.KindString}}
			b.find("envelope", v1File+" #/components/schemas/Event/properties/event_type", "enumerates API v1's 35 event types; the envelope's event_type is any event of events.yaml (both APIs), so the spec gives it no enum")
		default:
			src := m
			if g := memberOf(generic.Schema, m.Name); g != nil {
				src.Schema = g.Schema
				if !sameShape(g.Schema, m.Schema) {
					b.find("envelope", fmt.Sprintf("%s #/components/schemas/Event/properties/%s", v1File, m.Name),
						"the generic Event schema says %s, the webhook body schemas %s: the spec takes the generic schema's", shapeText(g.Schema), shapeText(m.Schema))
				}
			}
			f, err = b.member(apiV1, "Event", src, where)
			if err != nil {
				return err
			}
		}
		if f.Description == "" {
			f.Description = describe(m.Schema.Description)
		}
		if f.Enum != "" {
			b.widenEnvelopeEnum(&f)
		}
		f.Presence = spec.Presence{Kind: spec.PresenceOptional}
		if m.Required {
			f.Presence = spec.Presence{Kind: spec.PresenceAlways, Reason: "every webhook body schema of " + v1File + " requires it"}
		}
		t.Members = append(t.Members, f)
	}
	for _, g := range generic.Schema.Members {
		if memberOf(body, g.Name) == nil {
			b.find("envelope", fmt.Sprintf("%s #/components/schemas/Event/properties/%s", v1File, g.Name), "the generic Event schema has %s, which no webhook body schema lists", g.Name)
		}
		if g.Name == "webhooks" {
			// Defined here so that the errata can add the member with its item type.
			if _, err := b.shapeOf(apiV1, "Event", g.Name, g.Schema, "Event.webhooks", false); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameShape compares what the spec takes from a schema: kind, format, length and values.
func sameShape(a, b *schemamodel.Schema) bool { return shapeText(a) == shapeText(b) }

func shapeText(s *schemamodel.Schema) string {
	t := string(s.Kind)
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	if s.MaxLength != nil {
		t += fmt.Sprintf(" of at most %d characters", *s.MaxLength)
	}
	if len(s.Enum) > 0 {
		t += fmt.Sprintf(" of %d values", len(s.Enum))
	}
	return t
}

// eventVersions is one event as the two descriptions give it: the v1 OpenAPI's summary and
// version 1, the SDK's version 2.
type eventVersions struct {
	description string
	v1, v2      *spec.Version
}

// event returns the event's entry, creating it on first use.
func (b *builder) event(name string) *eventVersions {
	if b.eventsByName == nil {
		b.eventsByName = map[string]*eventVersions{}
	}
	e := b.eventsByName[name]
	if e == nil {
		e = &eventVersions{}
		b.eventsByName[name] = e
	}
	return e
}

// eventsV1 reads API v1's 35 webhooks: each body's content members, typed by the v1 resources.
func (b *builder) eventsV1() error {
	for _, r := range V1Resources {
		n := b.in.V1.Type(r)
		if n == nil {
			return fmt.Errorf("%s: no %s schema", v1File, r)
		}
		if _, err := b.defineType(apiV1, apiV1.typeName(r), n.Schema, "#/components/schemas/"+r); err != nil {
			return err
		}
	}
	for i := range b.in.V1.Webhooks {
		w := &b.in.V1.Webhooks[i]
		body, err := eventBody(w)
		if err != nil {
			return err
		}
		content := memberOf(body, "content")
		if content == nil || content.Schema.Kind != schemamodel.KindObject {
			return fmt.Errorf("%s: webhook %s: the body has no content object", pos(w.Pos, v1File), w.Event)
		}
		v := &spec.Version{Number: 1, Formats: []spec.WireFormat{spec.WireJSON}}
		for _, m := range content.Schema.Members {
			f, err := b.contentMember(apiV1, w.Event, m, w.Schema.Ref)
			if err != nil {
				return err
			}
			v.Content = append(v.Content, f)
		}
		e := b.event(w.Event)
		e.v1 = v
		if d := describe(w.Summary); d != "" {
			e.description = d
		}
	}
	return nil
}

// contentMember converts one member of an event's content; schemaName names where it is
// declared, for presence reasons.
func (b *builder) contentMember(a api, event string, m schemamodel.Member, schemaName string) (spec.Field, error) {
	where := fmt.Sprintf("%s content.%s", event, m.Name)
	f, err := b.member(a, "", m, where)
	if err != nil {
		return f, err
	}
	if f.Type == "" && (f.Items == nil || f.Items.Type == "") {
		return f, fmt.Errorf("%s: %s v%d's content member %s is not a resource", pos(m.Pos, a.file), event, a.version, m.Name)
	}
	if m.Required {
		f.Presence.Reason = fmt.Sprintf("%s's %s declares it required", a.file, schemaName)
	}
	if f.Description == "" {
		resource := f.Type
		if resource == "" {
			resource = f.Items.Type
		}
		f.Description = fmt.Sprintf("The %s the event is about (%s).", strings.ReplaceAll(m.Name, "_", " "), resource)
	}
	return f, nil
}

// eventsV2 reads API v2: each event of the SDK's WebhookContentMap with its content members, and
// each name of event-types-v2.txt the map lacks as an event whose content is raw.
func (b *builder) eventsV2() error {
	for _, r := range V1Resources {
		b.counterpart[r] = apiV1.typeName(r)
	}
	inMap := map[string]bool{}
	for i := range b.in.V2.Webhooks {
		w := &b.in.V2.Webhooks[i]
		if w.Schema == nil || w.Schema.Kind != schemamodel.KindRef || w.Schema.Target == nil || w.Schema.Target.Schema.Kind != schemamodel.KindObject {
			return fmt.Errorf("%s: webhook %s: the content is not a reference to an object type", pos(w.Pos, v2Dir), w.Event)
		}
		inMap[w.Event] = true
		v := &spec.Version{Number: 2, Formats: []spec.WireFormat{spec.WireJSON}}
		for _, m := range w.Schema.Target.Schema.Members {
			f, err := b.contentMember(apiV2, w.Event, m, w.Schema.Ref)
			if err != nil {
				return err
			}
			v.Content = append(v.Content, f)
		}
		if len(v.Content) == 0 {
			v.Content, v.RawContent = nil, true
			b.find("events", pos(w.Pos, v2Dir), "%s's content type %s declares no members: its content is kept raw", w.Event, w.Schema.Ref)
		}
		b.event(w.Event).v2 = v
	}
	listed := map[string]bool{}
	for _, name := range b.in.EventTypesV2 {
		if listed[name] {
			return fmt.Errorf("%s: %s is listed twice", eventsV2File, name)
		}
		listed[name] = true
		if inMap[name] {
			continue
		}
		b.event(name).v2 = &spec.Version{Number: 2, Formats: []spec.WireFormat{spec.WireJSON}, RawContent: true,
			Note: "The SDK declares no content for this event type: a receiver gets the envelope typed and the content as raw JSON."}
		b.find("events", eventsV2File, "%s is a v2 event type without a content shape in the SDK's WebhookContentMap: known, content kept raw", name)
	}
	for name := range inMap {
		if !listed[name] {
			b.find("events", v2Dir+"/resources/WebhookEvent.d.ts", "%s has a content shape but is not in %s", name, eventsV2File)
		}
	}
	for _, w := range b.in.V1.Webhooks {
		if b.event(w.Event).v2 == nil {
			b.find("events", v1File, "%s is an API v1 event that API v2 does not send (not in the SDK's map nor in %s)", w.Event, eventsV2File)
		}
	}
	return nil
}

// inheritFromV1 gives a v2 member what its v1 counterpart states and the SDK cannot: the
// integer kind and unix-time format of a "number", a string's length or e-mail format, a
// description. Counterparts are members of the same name in the v1 type of the same resource;
// a nested type's counterpart is the v1 type of the counterpart member.
func (b *builder) inheritFromV1() error {
	for _, name := range b.typeOrder {
		v1Name, ok := b.counterpart[name]
		if !ok {
			continue
		}
		t, t1 := b.types[name], b.types[v1Name]
		for i := range t.Members {
			m := &t.Members[i]
			j := slices.IndexFunc(t1.Members, func(f spec.Field) bool { return f.Name == m.Name })
			if j < 0 {
				continue
			}
			m1 := &t1.Members[j]
			b.compareV1(name, v1Name, m, m1)
			if m.Type != "" && m1.Type != "" {
				b.counterpart[m.Type] = m1.Type
			}
			if m.Items != nil && m1.Items != nil && m.Items.Type != "" && m1.Items.Type != "" {
				b.counterpart[m.Items.Type] = m1.Items.Type
			}
			var took []string
			if m.Constraint != nil && m1.Constraint != nil {
				c, c1 := m.Constraint, m1.Constraint
				switch {
				case c.Kind == spec.KindNumber && c1.Kind == spec.KindInteger:
					*c = *c1
					took = append(took, "integer")
					if c1.Format != spec.FormatNone {
						took = append(took, string(c1.Format))
					}
				case c.Kind == spec.KindString && c1.Kind == spec.KindString:
					if c.MaxLength == 0 && c.Width == 0 && (c1.MaxLength > 0 || c1.Width > 0) {
						c.MaxLength, c.Width = c1.MaxLength, c1.Width
						took = append(took, "length")
					}
					if c.Format == spec.FormatNone && c1.Format != spec.FormatNone {
						c.Format = c1.Format
						took = append(took, string(c1.Format))
					}
				}
			}
			if m.Description == "" && m1.Description != "" {
				m.Description = m1.Description
				took = append(took, "description")
			}
			if len(took) > 0 {
				note := fmt.Sprintf("%s from API v1's %s.%s.", strings.Join(took, ", "), v1Name, m.Name)
				note = strings.ToUpper(note[:1]) + note[1:]
				m.Note = strings.TrimSpace(m.Note + " " + note)
				b.inherited[name] = append(b.inherited[name], fmt.Sprintf("%s (%s)", m.Name, strings.Join(took, ", ")))
			}
		}
	}
	for _, name := range b.typeOrder {
		v1Name, ok := b.counterpart[name]
		if !ok {
			continue
		}
		var gone []string
		for _, m1 := range b.types[v1Name].Members {
			if !slices.ContainsFunc(b.types[name].Members, func(f spec.Field) bool { return f.Name == m1.Name }) {
				gone = append(gone, m1.Name)
			}
		}
		if len(gone) > 0 {
			b.find("v1 and v2", "type "+name, "API v1's %s has members the SDK's %s lacks: %s", v1Name, name, strings.Join(gone, ", "))
		}
	}
	for _, name := range b.typeOrder {
		if list := b.inherited[name]; len(list) > 0 {
			b.find("inherited from v1", "type "+name, "the SDK says only number or string; from %s: %s", b.counterpart[name], strings.Join(list, "; "))
		}
	}
	return nil
}

// assemble puts the collected types, enums and events into the spec, events in name order.
func (b *builder) assemble() error {
	for _, name := range b.typeOrder {
		b.s.Types = append(b.s.Types, *b.types[name])
	}
	names := make([]string, 0, len(b.eventsByName))
	for n := range b.eventsByName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ev := b.eventsByName[n]
		e := spec.Event{Name: n, Title: title(n), DocURL: DocURL, Description: ev.description}
		if ev.v1 != nil {
			e.Versions = append(e.Versions, *ev.v1)
			if ev.v2 != nil && !ev.v2.RawContent {
				b.compareContent(n, ev.v1, ev.v2)
			}
		}
		if ev.v2 != nil {
			e.Versions = append(e.Versions, *ev.v2)
		}
		c := spec.GoName(n)
		for _, g := range []string{c, c + "Latest", c + "V1", c + "V2"} {
			if err := b.claimGoName(g, "event "+n); err != nil {
				return err
			}
		}
		b.s.Events = append(b.s.Events, e)
	}
	// Enums are named last: a resource or an event keeps its natural Go name, and an enum whose
	// natural name one of them has takes the SDK's own suffix (AlertStatus the type,
	// AlertStatusEnum its status values).
	for _, name := range b.enumOrder {
		e := b.enums[name]
		if !b.enumNamesFree(e.GoName, e) {
			e.GoName += "Enum"
		}
		for _, g := range append([]string{e.GoName, e.GoName + "Values"}, enumConstants(e)...) {
			if err := b.claimGoName(g, "enum "+name); err != nil {
				return err
			}
		}
		b.s.Enums = append(b.s.Enums, *e)
	}
	return nil
}

// generatedNames are the identifiers every generated package declares (gen's fixedNames).
var generatedNames = []string{
	"Decode", "Detect", "Event", "EventType", "Events", "Latest", "New", "Sample", "Versions",
	"CurrencyEntry", "Currencies", "CurrencyLetter", "CurrencyNumeric", "DeclineCodeText",
	"ParseTimestamp", "ParseDate", "Clock", "Changes",
	"SourceRanges", "Delivery", "Handler", "HandlerConfig", "NewHandler", "SecretField",
}

func enumConstants(e *spec.Enum) []string {
	var out []string
	for _, v := range e.Values {
		out = append(out, e.GoName+v.GoName)
	}
	return out
}

// enumNamesFree reports whether the enum can take goName: the type, its list and its constants.
func (b *builder) enumNamesFree(goName string, e *spec.Enum) bool {
	probe := *e
	probe.GoName = goName
	for _, g := range append([]string{goName, goName + "Values"}, enumConstants(&probe)...) {
		if _, taken := b.goNames[g]; taken {
			return false
		}
	}
	return true
}

// title is an event type as words: subscription_created → "Subscription created".
func title(event string) string {
	t := strings.ReplaceAll(event, "_", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// applyErrata applies the member patches and fails on an erratum that changed nothing.
func (b *builder) applyErrata() error {
	applied, err := spec.ApplyMembers(b.s)
	if err != nil {
		return err
	}
	var unused []string
	for _, e := range b.s.Errata.Entries {
		if !applied[e.ID] {
			unused = append(unused, e.ID)
		}
	}
	if len(unused) > 0 {
		return fmt.Errorf("errata changed nothing: %s (the descriptions changed under them; look again)", strings.Join(unused, ", "))
	}
	// An array named in the singular is the SDK's known error; the ones errata do not rename
	// have no evidence of their wire name here, and are reported rather than guessed.
	for _, e := range b.s.Events {
		for _, v := range e.Versions {
			for _, f := range v.Content {
				if f.Constraint != nil && f.Constraint.Kind == spec.KindArray && singular(f.Name) == f.Name {
					b.find("names", fmt.Sprintf("%s v%d content.%s", e.Name, v.Number, f.Name),
						"an array named in the singular, like the 27 the errata rename; no payload or description here shows its wire name, so it is kept as declared")
				}
			}
		}
	}
	if ps := spec.Check(b.s); len(ps) > 0 {
		var msgs []string
		for _, p := range ps {
			msgs = append(msgs, p.String())
		}
		return fmt.Errorf("the built spec does not check:\n%s", strings.Join(msgs, "\n"))
	}
	return nil
}

// compareV1 reports where a v2 member and its v1 counterpart disagree in what neither inherits:
// the JSON kind, the presence, the values of an enum.
func (b *builder) compareV1(v2Type, v1Type string, m, m1 *spec.Field) {
	where := fmt.Sprintf("%s.%s", v2Type, m.Name)
	kind := func(f *spec.Field) spec.Kind {
		if f.Constraint == nil {
			return spec.KindObject
		}
		return f.Constraint.Kind
	}
	k, k1 := kind(m), kind(m1)
	numeric := func(k spec.Kind) bool { return k == spec.KindInteger || k == spec.KindNumber }
	if k != k1 && !(numeric(k) && numeric(k1)) {
		b.find("v1 and v2", where, "the SDK says %s, API v1's %s.%s %s", k.Article(), v1Type, m.Name, k1.Article())
	}
	if (m.Presence.Kind == spec.PresenceAlways) != (m1.Presence.Kind == spec.PresenceAlways) {
		b.find("v1 and v2", where, "required in one API and not in the other (SDK: %s; API v1's %s.%s: %s)", m.Presence.Kind, v1Type, m.Name, m1.Presence.Kind)
	}
	if m.Enum != "" && m1.Enum != "" {
		vals := func(name string) []string {
			var out []string
			for _, v := range b.enums[name].Values {
				out = append(out, v.Value)
			}
			return out
		}
		v2, v1 := vals(m.Enum), vals(m1.Enum)
		var added, removed []string
		for _, v := range v2 {
			if !slices.Contains(v1, v) {
				added = append(added, v)
			}
		}
		for _, v := range v1 {
			if !slices.Contains(v2, v) {
				removed = append(removed, v)
			}
		}
		if len(added)+len(removed) > 0 {
			b.find("v1 and v2", where, "values only in v2: %s; only in v1: %s", orNone(added), orNone(removed))
		}
	}
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// compareContent reports the content members an event has in one API version and not in the
// other (the SDK's singular array names included, before the errata rename them).
func (b *builder) compareContent(event string, v1, v2 *spec.Version) {
	names := func(v *spec.Version) []string {
		var out []string
		for _, f := range v.Content {
			out = append(out, f.Name)
		}
		return out
	}
	n1, n2 := names(v1), names(v2)
	var only1, only2 []string
	for _, n := range n1 {
		if !slices.Contains(n2, n) {
			only1 = append(only1, n)
		}
	}
	for _, n := range n2 {
		if !slices.Contains(n1, n) {
			only2 = append(only2, n)
		}
	}
	if len(only1)+len(only2) > 0 {
		b.find("v1 and v2", event, "content members only in v1: %s; only in v2 (as the SDK names them): %s", orNone(only1), orNone(only2))
	}
}

// widenEnvelopeEnum adds to an envelope member's values those the SDK's Event declares besides
// the v1 OpenAPI's: the envelope is one for both API versions, so a v2 delivery's value
// (source "external_service") must not fail it.
func (b *builder) widenEnvelopeEnum(f *spec.Field) {
	ev := b.in.V2.Type("Event")
	if ev == nil {
		return
	}
	m := memberOf(ev.Schema, f.Name)
	if m == nil {
		return
	}
	s := m.Schema
	if s.Kind == schemamodel.KindRef && s.Target != nil {
		s = s.Target.Schema
	}
	e := b.enums[f.Enum]
	var added []string
	for _, v := range s.Enum {
		if !slices.ContainsFunc(e.Values, func(ev spec.EnumValue) bool { return ev.Value == v }) {
			e.Values = append(e.Values, spec.EnumValue{Value: v, GoName: spec.GoName(v)})
			added = append(added, v)
		}
	}
	if len(added) > 0 {
		e.Source += " and the SDK's Event." + f.Name
		b.find("envelope", "Event."+f.Name, "the SDK's Event allows %s, which the v1 OpenAPI does not list; the envelope, shared by both versions, allows them", strings.Join(added, ", "))
	}
}
