package gen

import (
	"fmt"
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

	addDoc(f.Group, "Event is implemented by every event version's type (*"+p.events[0].versions[0].goType+" and the rest), "+
		"so that code which receives several events or versions can decode and validate them alike.")
	f.Type().Id("Event").Interface(
		jen.Id("EventType").Params().Id("EventType"),
		jen.Id("Version").Params().Int(),
		jen.Comment("// Formats are the wire formats the vendor sends the version in."),
		jen.Id("Formats").Params().Add(wh("FormatSet")),
		jen.Id("Validate").Params().Error(),
		jen.Id("ValidateStrict").Params().Error(),
		jen.Comment("// ExtraFields are the kept members the version does not define."),
		jen.Id("ExtraFields").Params().Add(wh("Fields")),
		jen.Id("UnmarshalJSON").Params(jen.Index().Byte()).Error(),
		jen.Id("UnmarshalForm").Params(jen.Index().Byte()).Error(),
		jen.Id("UnmarshalValues").Params(jen.Qual("net/url", "Values")).Error(),
		jen.Id("AppendJSON").Params(jen.Index().Byte()).Index().Byte(),
		jen.Id("AppendForm").Params(jen.Index().Byte()).Index().Byte(),
		jen.Comment("// WriteFields gives every member to a webhook.FieldWriter in wire order."),
		jen.Id("WriteFields").Params(wh("FieldWriter")),
		jen.Comment("// LogValue logs the members with secrets redacted."),
		jen.Id("LogValue").Params().Qual("log/slog", "Value"),
	)
	f.Line()
	var checks []jen.Code
	for _, ev := range p.events {
		for _, v := range ev.versions {
			checks = append(checks, jen.Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id(v.goType)).Parens(jen.Nil()))
		}
	}
	f.Var().Defs(checks...)
	f.Line()

	var all []jen.Code
	for _, ev := range p.events {
		all = append(all, jen.Id(ev.constant))
	}
	addDoc(f.Group, "Events returns every event type, in the order of the vendor's documentation.")
	f.Func().Id("Events").Params().Index().Id("EventType").Block(jen.Return(jen.Index().Id("EventType").Values(all...)))
	f.Line()

	var vcases, lcases []jen.Code
	for _, ev := range p.events {
		var ns []jen.Code
		for _, v := range ev.versions {
			ns = append(ns, jen.Lit(v.spec.Number))
		}
		vcases = append(vcases, jen.Case(jen.Id(ev.constant)).Block(jen.Return(jen.Index().Int().Values(ns...))))
		lcases = append(lcases, jen.Case(jen.Id(ev.constant)).Block(jen.Return(jen.Lit(ev.latest().spec.Number))))
	}
	addDoc(f.Group, "Versions returns the versions of t, oldest first, or nil for an unknown event type.")
	f.Func().Id("Versions").Params(jen.Id("t").Id("EventType")).Index().Int().Block(
		jen.Switch(jen.Id("t")).Block(vcases...), jen.Return(jen.Nil()))
	f.Line()
	addDoc(f.Group, "Latest returns the newest version of t, or 0 for an unknown event type.")
	f.Func().Id("Latest").Params(jen.Id("t").Id("EventType")).Int().Block(
		jen.Switch(jen.Id("t")).Block(lcases...), jen.Return(jen.Lit(0)))
	f.Line()
	p.secretFieldFuncs(f)

	unknown := func(version jen.Code, versions jen.Code) *jen.Statement {
		d := jen.Dict{jen.Id("Vendor"): jen.Lit(p.name), jen.Id("Event"): jen.String().Call(jen.Id("t"))}
		if version != nil {
			d[jen.Id("Version")] = version
			d[jen.Id("Versions")] = versions
		}
		return jen.Op("&").Add(wh("UnknownEventError")).Values(d)
	}
	var ncases []jen.Code
	for _, ev := range p.events {
		var inner []jen.Code
		for _, v := range ev.versions {
			inner = append(inner, jen.Case(jen.Lit(v.spec.Number)).Block(jen.Return(jen.New(jen.Id(v.goType)), jen.Nil())))
		}
		ncases = append(ncases, jen.Case(jen.Id(ev.constant)).Block(jen.Switch(jen.Id("version")).Block(inner...)))
	}
	ncases = append(ncases, jen.Default().Block(jen.Return(jen.Nil(), unknown(nil, nil))))
	addDoc(f.Group, "New returns a new, empty event of type t and the given version, or a *webhook.UnknownEventError.")
	f.Func().Id("New").Params(jen.Id("t").Id("EventType"), jen.Id("version").Int()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Switch(jen.Id("t")).Block(ncases...),
		jen.Return(jen.Nil(), unknown(jen.Id("version"), jen.Id("Versions").Call(jen.Id("t")))),
	)
	f.Line()

	addDoc(f.Group,
		"Decode decodes a body of event type t in the given version, choosing the decoder by contentType "+
			"(application/json or application/x-www-form-urlencoded; a UTF-8 charset parameter is allowed). "+
			"The version is the one configured for the event with the vendor; it is not on the wire (Detect lists the versions a body fits).",
		"Errors: *webhook.UnknownEventError for an unknown type or version, *webhook.ContentTypeError, "+
			"*webhook.FormatError for a format the vendor does not send that version in, *webhook.DecodeError for a body that cannot be read. "+
			"Decode does not validate: call Validate or ValidateStrict on the result.")
	f.Func().Id("Decode").Params(jen.Id("t").Id("EventType"), jen.Id("version").Int(), jen.Id("contentType").String(), jen.Id("body").Index().Byte()).
		Params(jen.Id("Event"), jen.Error()).Block(
		jen.List(jen.Id("format"), jen.Err()).Op(":=").Add(wh("ParseContentType")).Call(jen.Id("contentType")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.List(jen.Id("e"), jen.Err()).Op(":=").Id("New").Call(jen.Id("t"), jen.Id("version")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Err().Op(":=").Id("decode").Call(jen.Id("e"), jen.Id("format"), jen.Id("body")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("e"), jen.Nil()),
	)
	f.Line()

	addDoc(f.Group, "decoder is implemented by every version: it reads a body into a zero event, without "+
		"Unmarshal's reset.")
	f.Type().Id("decoder").Interface(
		jen.Id("readJSON").Params(jen.String()).Error(),
		jen.Id("readForm").Params(jen.String()).Error(),
	)
	f.Line()

	addDoc(f.Group, "decode decodes body into e, a new event from New, in a format e's version is sent in.")
	f.Func().Id("decode").Params(jen.Id("e").Id("Event"), jen.Id("format").Add(wh("WireFormat")), jen.Id("body").Index().Byte()).Error().Block(
		jen.If(jen.Op("!").Id("e").Dot("Formats").Call().Dot("Has").Call(jen.Id("format"))).Block(
			jen.Return(jen.Op("&").Add(wh("FormatError")).Values(jen.Dict{
				jen.Id("Event"):   jen.String().Call(jen.Id("e").Dot("EventType").Call()),
				jen.Id("Version"): jen.Id("e").Dot("Version").Call(),
				jen.Id("Format"):  jen.Id("format"),
				jen.Id("Formats"): jen.Id("e").Dot("Formats").Call(),
			})),
		),
		jen.Id("d").Op(":=").Id("e").Assert(jen.Id("decoder")),
		jen.If(jen.Id("format").Op("==").Add(wh("JSON"))).Block(jen.Return(jen.Id("d").Dot("readJSON").Call(jen.String().Call(jen.Id("body"))))),
		jen.Return(jen.Id("d").Dot("readForm").Call(jen.String().Call(jen.Id("body")))),
	)
	f.Line()

	addDoc(f.Group,
		"Detect lists the versions of t that a body fits: those sent in its content type whose decoder reads it and whose "+
			"ValidateStrict accepts it (so a field a version does not define rules that version out). "+
			"It is a diagnostic, for recorded payloads and misconfigured receivers; a receiver should know its version.",
		"When no version fits and the body could not be decoded, the decode error is returned.")
	f.Func().Id("Detect").Params(jen.Id("t").Id("EventType"), jen.Id("contentType").String(), jen.Id("body").Index().Byte()).
		Params(jen.Index().Int(), jen.Error()).Block(
		jen.List(jen.Id("format"), jen.Err()).Op(":=").Add(wh("ParseContentType")).Call(jen.Id("contentType")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("versions").Op(":=").Id("Versions").Call(jen.Id("t")),
		jen.If(jen.Id("versions").Op("==").Nil()).Block(jen.Return(jen.Nil(), unknown(nil, nil))),
		jen.Var().Defs(
			jen.Id("fits").Index().Int(),
			jen.Id("decodeErr").Error(),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Id("versions")).Block(
			jen.List(jen.Id("e"), jen.Id("_")).Op(":=").Id("New").Call(jen.Id("t"), jen.Id("n")),
			jen.If(jen.Op("!").Id("e").Dot("Formats").Call().Dot("Has").Call(jen.Id("format"))).Block(jen.Continue()),
			jen.If(jen.Err().Op(":=").Id("decode").Call(jen.Id("e"), jen.Id("format"), jen.Id("body")), jen.Err().Op("!=").Nil()).Block(
				jen.If(jen.Id("decodeErr").Op("==").Nil()).Block(jen.Id("decodeErr").Op("=").Err()),
				jen.Continue(),
			),
			jen.If(jen.Id("e").Dot("ValidateStrict").Call().Op("==").Nil()).Block(
				jen.Id("fits").Op("=").Append(jen.Id("fits"), jen.Id("n")),
			),
		),
		jen.If(jen.Len(jen.Id("fits")).Op("==").Lit(0).Op("&&").Id("decodeErr").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("decodeErr"))),
		jen.Return(jen.Id("fits"), jen.Nil()),
	)
	return f, nil
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
	for _, q := range p.spec.Vendor.Delivery.QueryParameters {
		if q.Role == spec.RoleEventType {
			return true
		}
	}
	return false
}
