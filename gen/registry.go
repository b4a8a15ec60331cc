package gen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
)

// registryFile declares the event types and the functions that pick a version's type at run
// time: Events, Versions, Latest, New, Decode and Detect.
func (p *pkg) registryFile() (*jen.File, error) {
	f := p.newFile()
	vendor := p.spec.Vendor.Name

	addDoc(f.Group, fmt.Sprintf("EventType is a %s webhook event type, spelled as %s spells it on the wire.", vendor, vendor))
	f.Type().Id("EventType").String()
	f.Line()
	var consts []jen.Code
	for i, ev := range p.events {
		if i > 0 {
			consts = append(consts, jen.Line())
		}
		line := fmt.Sprintf("%s: versions %s", ev.constant, versionList(ev))
		if ev.spec.Group != "" {
			line += fmt.Sprintf(", event group %s", ev.spec.Group)
		}
		line += ". " + ev.spec.DocURL
		consts = append(consts, comments(docLines(line))...)
		consts = append(consts, jen.Id(ev.constant).Id("EventType").Op("=").Lit(ev.spec.Name))
	}
	f.Const().Defs(consts...)
	f.Line()

	p.eventInterface(f)
	var checks []jen.Code
	for _, ev := range p.events {
		for _, v := range ev.versions {
			checks = append(checks, jen.Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id(v.goType)).Parens(jen.Nil()))
		}
	}
	f.Var().Defs(checks...)
	f.Line()

	var events []jen.Code
	for _, ev := range p.events {
		var ns []jen.Code
		for _, v := range ev.versions {
			ns = append(ns, jen.Lit(v.spec.Number))
		}
		events = append(events, jen.Values(jen.Dict{
			jen.Id("Type"):     jen.Lit(ev.spec.Name),
			jen.Id("Versions"): jen.Index().Int().Values(ns...),
		}))
	}
	fields := jen.Dict{
		jen.Id("Vendor"): jen.Lit(p.name),
		jen.Id("Events"): jen.Index().Add(wh("EventVersions")).ValuesFunc(func(g *jen.Group) {
			for _, e := range events {
				g.Line().Add(e)
			}
			g.Line()
		}),
		jen.Id("New"):     jen.Id("newEvent"),
		jen.Id("Read"):    jen.Id("readEvent"),
		jen.Id("Steps"):   jen.Id("changeSteps"),
		jen.Id("Secrets"): jen.Id("secretNames"),
	}
	if route := p.route(); route != nil {
		fields[jen.Id("Route")] = route
	}
	if p.unknown != nil {
		fields[jen.Id("Unknown")] = jen.Id("newUnknown")
	}
	addDoc(f.Group, fmt.Sprintf("registry is what the runtime knows of %s's events: the types and versions, how to make and read each, "+
		"and where a post says which it is. The functions below are its typed face.", vendor))
	f.Var().Id("registry").Op("=").Op("&").Add(wh("Registry")).Types(jen.Id("Event")).Values(fields)
	f.Line()

	var all []jen.Code
	for _, ev := range p.events {
		all = append(all, jen.Id(ev.constant))
	}
	addDoc(f.Group, "Events returns every event type, in the order of the vendor's documentation.")
	f.Func().Id("Events").Params().Index().Id("EventType").Block(jen.Return(jen.Index().Id("EventType").Values(all...)))
	f.Line()
	addDoc(f.Group, "Versions returns the versions of t, oldest first, or nil for an unknown event type.")
	f.Func().Id("Versions").Params(jen.Id("t").Id("EventType")).Index().Int().Block(
		jen.Return(jen.Id("registry").Dot("Versions").Call(jen.String().Call(jen.Id("t")))))
	f.Line()
	addDoc(f.Group, "Latest returns the newest version of t, or 0 for an unknown event type.")
	f.Func().Id("Latest").Params(jen.Id("t").Id("EventType")).Int().Block(
		jen.Return(jen.Id("registry").Dot("Latest").Call(jen.String().Call(jen.Id("t")))))
	f.Line()
	p.secretFieldFuncs(f)

	addDoc(f.Group, "Descriptor describes the package to tools that handle every vendor alike (hookcheck, the conformance suite).")
	f.Func().Id("Descriptor").Params().Add(wh("Descriptor")).Block(jen.Return(jen.Id("registry").Dot("Descriptor").Call()))
	f.Line()
	addDoc(f.Group, "New returns a new, empty event of type t and the given version, or a *webhook.UnknownEventError.")
	f.Func().Id("New").Params(jen.Id("t").Id("EventType"), jen.Id("version").Int()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Return(jen.Id("registry").Dot("Make").Call(jen.String().Call(jen.Id("t")), jen.Id("version"))))
	f.Line()
	var ncases []jen.Code
	for _, ev := range p.events {
		var inner []jen.Code
		for _, v := range ev.versions {
			inner = append(inner, jen.Case(jen.Lit(v.spec.Number)).Block(jen.Return(jen.New(jen.Id(v.goType)), jen.True())))
		}
		ncases = append(ncases, jen.Case(jen.Id(ev.constant)).Block(jen.Switch(jen.Id("version")).Block(inner...)))
	}
	addDoc(f.Group, "newEvent is the table of event types and versions: a new, empty event of each.")
	f.Func().Id("newEvent").Params(jen.Id("t").String(), jen.Id("version").Int()).Params(jen.Id("Event"), jen.Bool()).Block(
		jen.Switch(jen.Id("EventType").Call(jen.Id("t"))).Block(ncases...),
		jen.Return(jen.Nil(), jen.False()),
	)
	f.Line()
	p.decodeFuncs(f)
	return f, nil
}

// eventInterface declares Event, the methods every version's type has: the flat bodies' form
// and field-writer methods for vendors that send them, raw kept members for nested bodies.
func (p *pkg) eventInterface(f *jen.File) {
	methods := []jen.Code{
		jen.Id("EventType").Params().Id("EventType"),
		jen.Id("Version").Params().Int(),
		jen.Comment("// Formats are the wire formats the vendor sends the version in."),
		jen.Id("Formats").Params().Add(wh("FormatSet")),
		jen.Id("Validate").Params().Error(),
		jen.Id("ValidateStrict").Params().Error(),
		jen.Id("ValidateWith").Params(wh("ValidateOptions")).Error(),
	}
	if p.enveloped() {
		methods = append(methods,
			jen.Comment("// ExtraFields are the kept members of the body that the envelope does not define."),
			jen.Id("ExtraFields").Params().Add(wh("RawMembers")),
			jen.Id("UnmarshalJSON").Params(jen.Index().Byte()).Error(),
			jen.Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()),
			jen.Id("AppendJSON").Params(jen.Index().Byte()).Index().Byte(),
		)
		if p.hasOrdering() {
			methods = append(methods,
				jen.Comment("// Resources lists the resources the event carries, with the value that orders their states."),
				jen.Id("Resources").Params().Index().Add(wh("Resource")))
		}
	} else {
		methods = append(methods,
			jen.Comment("// ExtraFields are the kept members the version does not define."),
			jen.Id("ExtraFields").Params().Add(wh("Fields")),
			jen.Id("UnmarshalJSON").Params(jen.Index().Byte()).Error(),
			jen.Id("UnmarshalForm").Params(jen.Index().Byte()).Error(),
			jen.Id("UnmarshalValues").Params(jen.Qual("net/url", "Values")).Error(),
			jen.Id("AppendJSON").Params(jen.Index().Byte()).Index().Byte(),
			jen.Id("AppendForm").Params(jen.Index().Byte()).Index().Byte(),
			jen.Comment("// WriteFields gives every member to a webhook.FieldWriter in wire order."),
			jen.Id("WriteFields").Params(wh("FieldWriter")),
		)
	}
	methods = append(methods,
		jen.Comment("// LogValue logs the members with secrets redacted."),
		jen.Id("LogValue").Params().Qual("log/slog", "Value"),
	)
	addDoc(f.Group, "Event is implemented by every event version's type (*"+p.events[0].versions[0].goType+" and the rest), "+
		"so that code which receives several events or versions can decode and validate them alike.")
	f.Type().Id("Event").Interface(methods...)
	f.Line()
}

// route is the registry's Route: where a post carries its event type, version and key, as the
// spec's delivery says; nil when nothing of it is on the wire but query parameters the handler
// reads itself.
func (p *pkg) route() jen.Code {
	d := p.spec.Vendor.Delivery
	locator := func(l *spec.Locator) jen.Code {
		in := map[spec.LocatorIn]string{spec.InQuery: "InQuery", spec.InHeader: "InHeader", spec.InBody: "InBody"}[l.In]
		if in == "" {
			return nil
		}
		return wh("Locator").Values(jen.Dict{jen.Id("In"): wh(in), jen.Id("Name"): jen.Lit(l.Name)})
	}
	r := jen.Dict{}
	if d.EventType != nil {
		if c := locator(d.EventType); c != nil {
			r[jen.Id("EventType")] = c
		}
	}
	if d.Version != nil {
		if c := locator(&d.Version.Locator); c != nil {
			r[jen.Id("Version")] = c
			if d.Version.Pattern != "" {
				r[jen.Id("VersionPattern")] = jen.Lit(d.Version.Pattern)
			}
			if d.Version.Default != "" {
				r[jen.Id("VersionDefault")] = jen.Lit(d.Version.Default)
			}
		}
	}
	if d.Key != nil {
		if c := locator(d.Key); c != nil {
			r[jen.Id("Key")] = c
		}
	}
	if len(r) == 0 {
		return nil
	}
	return wh("Route").Values(r)
}

// routedInBody reports whether a post's body says its event type and version, so that Decode
// needs nothing but the body.
func (p *pkg) routedInBody() bool {
	d := p.spec.Vendor.Delivery
	return d.EventType != nil && d.EventType.In == spec.InBody && d.Version != nil && d.Version.In == spec.InBody
}

// decodeFuncs declares Decode and Detect over the registry, and readEvent, which the registry
// calls to read a body into a version's type.
func (p *pkg) decodeFuncs(f *jen.File) {
	errs := "Errors: *webhook.UnknownEventError for an unknown type or version, *webhook.ContentTypeError, " +
		"*webhook.FormatError for a format the vendor does not send that version in, *webhook.DecodeError for a body that cannot be read. " +
		"Decode does not validate: call Validate or ValidateStrict on the result."
	contentTypes := "application/json or application/x-www-form-urlencoded; a UTF-8 charset parameter is allowed"
	if !p.sendsForm() {
		contentTypes = "application/json, the only format the vendor sends; a UTF-8 charset parameter is allowed"
	}
	if p.routedInBody() {
		errs = "Errors: *webhook.DecodeError for a body that cannot be read (its path names the member), or whose event type or " +
			"version cannot be read. Decode does not validate: call Validate or ValidateStrict on the result."
		if p.unknown == nil {
			errs = "Errors: *webhook.UnknownEventError for an event type or version this package does not know, " + errs[len("Errors: "):]
		}
		d := p.spec.Vendor.Delivery
		unknown := ""
		if p.unknown != nil {
			unknown = " An event type or version this package does not know decodes to an *UnknownEvent (the envelope typed, the content raw), not an error."
		}
		addDoc(f.Group,
			fmt.Sprintf("Decode decodes a JSON body, reading its event type from the body's %s member and its version from its %s member.%s",
				d.EventType.Name, d.Version.Name, unknown), errs)
		f.Func().Id("Decode").Params(jen.Id("body").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Return(jen.Id("registry").Dot("DecodeBody").Call(jen.Lit("application/json"), jen.Id("body"))))
		f.Line()
	} else {
		addDoc(f.Group,
			"Decode decodes a body of event type t in the given version, choosing the decoder by contentType "+
				"("+contentTypes+"). "+
				"The version is the one configured for the event with the vendor; it is not on the wire (Detect lists the versions a body fits).",
			errs)
		f.Func().Id("Decode").Params(jen.Id("t").Id("EventType"), jen.Id("version").Int(), jen.Id("contentType").String(), jen.Id("body").Index().Byte()).
			Params(jen.Id("Event"), jen.Error()).Block(
			jen.Return(jen.Id("registry").Dot("Decode").Call(jen.String().Call(jen.Id("t")), jen.Id("version"), jen.Id("contentType"), jen.Id("body"))))
		f.Line()
	}

	hasForm := p.sendsForm()
	readers := []jen.Code{jen.Id("readJSON").Params(jen.String()).Error()}
	if hasForm {
		readers = append(readers, jen.Id("readForm").Params(jen.String()).Error())
	}
	addDoc(f.Group, "decoder is implemented by every version: it reads a body into a zero event, without Unmarshal's reset.")
	f.Type().Id("decoder").Interface(readers...)
	f.Line()
	read := []jen.Code{jen.Id("d").Op(":=").Id("e").Assert(jen.Id("decoder"))}
	if hasForm {
		read = append(read, jen.If(jen.Id("format").Op("==").Add(wh("Form"))).Block(jen.Return(jen.Id("d").Dot("readForm").Call(jen.Id("body")))))
	}
	read = append(read, jen.Return(jen.Id("d").Dot("readJSON").Call(jen.Id("body"))))
	addDoc(f.Group, "readEvent decodes body into e, a new event from newEvent, in a format e's version is sent in (the registry checks it).")
	f.Func().Id("readEvent").Params(jen.Id("e").Id("Event"), jen.Id("format").Add(wh("WireFormat")), jen.Id("body").String()).Error().Block(read...)
	f.Line()

	addDoc(f.Group,
		"Detect lists the versions of t that a body fits: those sent in its content type whose decoder reads it and whose "+
			"ValidateStrict accepts it (so a field a version does not define rules that version out). "+
			"It is a diagnostic, for recorded payloads and misconfigured receivers; a receiver should know its version.",
		"When no version fits and the body could not be decoded, the decode error is returned.")
	f.Func().Id("Detect").Params(jen.Id("t").Id("EventType"), jen.Id("contentType").String(), jen.Id("body").Index().Byte()).
		Params(jen.Index().Int(), jen.Error()).Block(
		jen.Return(jen.Id("registry").Dot("Detect").Call(jen.String().Call(jen.Id("t")), jen.Id("contentType"), jen.Id("body"))))
}

func versionList(ev *event) string {
	var ns []string
	for _, v := range ev.versions {
		ns = append(ns, fmt.Sprint(v.spec.Number))
	}
	if len(ns) > 2 && isRun(ev) {
		return ns[0] + " to " + ns[len(ns)-1]
	}
	return strings.Join(ns, ", ")
}

func isRun(ev *event) bool {
	for i := 1; i < len(ev.versions); i++ {
		if ev.versions[i].spec.Number != ev.versions[i-1].spec.Number+1 {
			return false
		}
	}
	return true
}

// secretFieldFuncs declares SecretField, the vendor-wide list of secret wire names, and
// extraDisclosure, which applies it to members a version does not define.
func (p *pkg) secretFieldFuncs(f *jen.File) {
	seen := map[string]bool{}
	var names []string
	for _, ev := range p.events {
		for _, v := range ev.versions {
			for _, fd := range v.fields {
				if !fd.secret() {
					continue
				}
				for _, s := range fd.spellings {
					if s = strings.ToLower(s); !seen[s] {
						seen[s] = true
						names = append(names, s)
					}
				}
			}
		}
	}
	sort.Strings(names)
	prefix := ""
	if pt := p.spec.Vendor.PassThrough; pt != nil {
		prefix = pt.Prefix
	}
	args := []jen.Code{jen.Lit(prefix)}
	for _, n := range names {
		args = append(args, jen.Lit(n))
	}
	addDoc(f.Group, fmt.Sprintf("secretNames is the redaction rule for %s's member names: webhook.LooksSecret's list, extended by the wire names "+
		"the spec marks secret (%s).", p.spec.Vendor.Name, quotedList(names)))
	f.Var().Id("secretNames").Op("=").Add(wh("NewSecretNames")).Call(args...)
	f.Line()
	addDoc(f.Group, fmt.Sprintf("SecretField reports whether a member name is secret: it looks secret (webhook.LooksSecret: password, passwd, "+
		"pass, secret, token, api key, key, auth, card number, cvv and their spellings), or the spec marks it secret in any %s event version "+
		"(%s); case and separators are ignored, and so is the pass-through prefix (%q). "+
		"A secret's value is never logged or echoed in errors, even in a version that does not define the field: "+
		"a password sent where it is not expected, or spelled otherwise, is still a password.", p.spec.Vendor.Name, quotedList(names), prefix))
	f.Func().Id("SecretField").Params(jen.Id("name").String()).Bool().Block(
		jen.Return(jen.Id("secretNames").Dot("Match").Call(jen.Id("name"))),
	)
	f.Line()
	addDoc(f.Group, "extraDisclosure says whether a kept member's value may appear in a problem.")
	f.Func().Id("extraDisclosure").Params(jen.Id("name").String()).Add(wh("Disclosure")).Block(
		jen.If(jen.Id("SecretField").Call(jen.Id("name"))).Block(jen.Return(wh("Redact"))),
		jen.Return(wh("Show")),
	)
	f.Line()
}

// hasReceiver reports whether the spec says how the event type travels, which receive.go
// needs.
func (p *pkg) hasReceiver() bool {
	if et := p.spec.Vendor.Delivery.EventType; et != nil && et.In == spec.InBody {
		return true
	}
	for _, q := range p.spec.Vendor.Delivery.QueryParameters {
		if q.Role == spec.RoleEventType {
			return true
		}
	}
	return false
}

// sendsForm reports whether any version is sent form-encoded.
func (p *pkg) sendsForm() bool {
	for _, ev := range p.events {
		for _, v := range ev.versions {
			if slices.Contains(v.spec.Formats, spec.WireForm) {
				return true
			}
		}
	}
	return false
}
