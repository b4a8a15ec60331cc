package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
)

// eventFile holds every version of one event, oldest first, and the latest-version alias.
func (p *pkg) eventFile(ev *event) (*jen.File, error) {
	f := p.newFile()
	for _, v := range ev.versions {
		if v.body != nil {
			if err := p.envelopedVersion(f, v); err != nil {
				return nil, err
			}
			continue
		}
		p.versionType(f, v)
		if err := p.versionMethods(f, v); err != nil {
			return nil, err
		}
	}
	latest := ev.latest()
	addDoc(f.Group, fmt.Sprintf("%sLatest is the newest version of %s that this package knows, %s. Code that names it "+
		"moves to a new version when the package is regenerated; code that must keep its fields names the version.",
		ev.constant, ev.spec.Name, latest.goType))
	f.Type().Id(ev.constant + "Latest").Op("=").Id(latest.goType)
	return f, nil
}

// versionDoc is a version type's documentation: the event, how the version is sent and how a
// receiver knows it.
func (p *pkg) versionDoc(v *version) []string {
	ev := v.event.spec
	var about []string
	about = append(about, fmt.Sprintf("%s is version %d of the %s event.", v.goType, v.spec.Number, ev.Name))
	if ev.Description != "" {
		about = append(about, sentence(ev.Description))
	}
	when := ""
	if v.spec.Released != "" {
		when = "Released " + v.spec.Released + ". "
	}
	about = append(about, when+"Sent "+formatWords(v)+"; "+p.versionWords()+".")
	if v.spec.Note != "" {
		about = append(about, sentence(v.spec.Note))
	}
	if v.base != nil {
		about = append(about, fmt.Sprintf("Its fields are %s v%d's followed by its own, as the spec decides (errata %s); Base returns the %s part.",
			v.base.event.spec.Name, v.base.spec.Number, v.spec.Base.Errata, v.base.goType))
	}
	if v.spec.RawContent {
		about = append(about, fmt.Sprintf("The vendor does not describe this version's %s, so it is kept as raw JSON.", p.spec.Vendor.Envelope.Content))
	}
	for _, n := range ev.Notes {
		about = append(about, sentence(n))
	}
	about = append(about, "Documentation: "+ev.DocURL)
	return about
}

// versionWords says where a receiver learns an event's version, from the spec's delivery.
func (p *pkg) versionWords() string {
	src := p.spec.Vendor.Delivery.Version
	if src == nil || src.In == spec.InConfigured {
		return "the version is not on the wire, it is the one configured for the event with the vendor"
	}
	return fmt.Sprintf("the version is on the wire, in the %s %s", src.Name, map[spec.LocatorIn]string{
		spec.InBody: "member of the body", spec.InQuery: "query parameter", spec.InHeader: "header"}[src.In])
}

func (p *pkg) versionType(f *jen.File, v *version) {
	addDoc(f.Group, p.versionDoc(v)...)

	var members []jen.Code
	for i, fd := range v.fields {
		if i > 0 {
			members = append(members, jen.Line())
		}
		members = append(members, comments(docLines(p.fieldDoc(v, fd)...))...)
		members = append(members, jen.Id(fd.GoName).Add(p.fieldType(fd)))
	}
	if len(members) > 0 {
		members = append(members, jen.Line())
	}
	extra := "Extra holds the members of a body that this version does not define, in arrival order"
	if v.spec.PassThrough {
		extra += ": pass-through variables"
		if pt := p.spec.Vendor.PassThrough; pt != nil && pt.Prefix != "" {
			extra += fmt.Sprintf(" (their keys start with %q)", pt.Prefix)
		}
		extra += " and fields the vendor added after the spec was captured."
	} else {
		extra += ", such as fields the vendor added after the spec was captured."
	}
	extra += " Decoders keep them so that nothing in a payload is lost; ValidateStrict reports them."
	members = append(members, comments(docLines(extra))...)
	members = append(members, jen.Id("Extra").Add(wh("Fields")))
	members = append(members, comments(docLines("extraOmitted counts the members past webhook.MaxExtraMembers or webhook.MaxExtraBytes, "+
		"which Extra does not keep and Validate reports as one problem."))...)
	members = append(members, jen.Id("extraOmitted").Add(wh("Omitted")))
	f.Type().Id(v.goType).Struct(members...)
	f.Line()
}

func (p *pkg) fieldType(fd *field) *jen.Statement {
	switch fd.typ.kind {
	case goSecret:
		return wh("Secret")
	case goEnum:
		return jen.Id(fd.typ.enum.goType)
	}
	return jen.String()
}

// fieldDoc is a field's godoc: what the vendor says, then what the spec says about the value.
func (p *pkg) fieldDoc(v *version, fd *field) []string {
	first := fmt.Sprintf("%s is %q", fd.GoName, fd.Name)
	if len(fd.spellings) > 1 {
		first += fmt.Sprintf(" (also read as %s)", quoteAll(fd.spellings[1:]))
	}
	first += ": " + sentence(fd.Description)
	typeFact := fmt.Sprintf("Data type %q, read as %s", fd.DataType, describe(fd.Constraint))
	if fd.DataType == "" { // a member the vendor's tables lack, shaped by an erratum
		words := describe(fd.Constraint)
		typeFact = strings.ToUpper(words[:1]) + words[1:]
	}
	second := memberFacts(fd, typeFact)
	if c := p.spec.Vendor.Clock; c != nil {
		switch fd.Constraint.Format {
		case spec.FormatTimestamp:
			second += fmt.Sprintf(" No zone: it is on the vendor's clock (UTC%s); ParseTimestamp converts it.", c.UTCOffset)
		case spec.FormatDate:
			second += fmt.Sprintf(" On the vendor's clock (UTC%s); ParseDate converts it.", c.UTCOffset)
		}
	}
	if fd.From.Event != v.event.spec.Name || fd.From.Version != v.spec.Number {
		second += fmt.Sprintf(" From %s v%d.", fd.From.Event, fd.From.Version)
	}
	return []string{first, second, sentence(fd.Note)}
}

func (p *pkg) versionMethods(f *jen.File, v *version) error {
	ev := v.event
	number := v.spec.Number

	addDoc(f.Group, "EventType returns "+ev.constant+".")
	f.Func().Params(recv(v)).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Id(ev.constant)))
	f.Line()
	addDoc(f.Group, fmt.Sprintf("Version returns %d.", number))
	f.Func().Params(recv(v)).Id("Version").Params().Int().Block(jen.Return(jen.Lit(number)))
	f.Line()
	addDoc(f.Group, "Formats returns the wire formats the vendor sends this version in: "+formatWords(v)+".")
	var set []jen.Code
	for _, wf := range v.formats() {
		set = append(set, wireFormat(wf))
	}
	f.Func().Params(recv(v)).Id("Formats").Params().Add(wh("FormatSet")).Block(
		jen.Return(wh("FormatSet").Call(joinOr(set))))
	f.Line()
	addDoc(f.Group, "ExtraFields returns the kept members this version does not define (Extra).")
	f.Func().Params(recv(v)).Id("ExtraFields").Params().Add(wh("Fields")).Block(jen.Return(jen.Id("e").Dot("Extra")))
	f.Line()

	p.setMethod(f, v)
	p.decoders(f, v)
	p.encoders(f, v)
	if err := p.validators(f, v); err != nil {
		return err
	}
	if err := p.amountMethods(f, v); err != nil {
		return err
	}
	if v.base != nil {
		return p.baseMethod(f, v)
	}
	return nil
}

// assign stores the decoder's value in a field of its Go type.
func assign(fd *field) *jen.Statement {
	target := jen.Id("e").Dot(fd.GoName)
	switch fd.typ.kind {
	case goSecret:
		return target.Op("=").Add(wh("Secret")).Call(jen.Id("value"))
	case goEnum:
		return target.Op("=").Id(fd.typ.enum.goType).Call(jen.Id("value"))
	}
	return target.Op("=").Id("value")
}

// text is a field's value as a string.
func text(fd *field) *jen.Statement {
	if fd.typ.kind == goText {
		return jen.Id("e").Dot(fd.GoName)
	}
	return jen.String().Call(jen.Id("e").Dot(fd.GoName))
}

// setMethod writes the one place where a key becomes a field: every decoder calls it.
func (p *pkg) setMethod(f *jen.File, v *version) {
	seenType := jen.Op("*").Index(jen.Lit(v.flags)).Bool()
	var cases []jen.Code
	for _, fd := range v.fields {
		for i, spelling := range fd.spellings {
			flag := fd.flag + i
			body := []jen.Code{
				jen.If(wh("Seen").Call(jen.Op("&").Id("seen").Index(jen.Lit(flag)))).Block(jen.Return(wh("MsgRepeated"))),
			}
			if len(fd.spellings) > 1 {
				var others []jen.Code
				var otherNames []string
				for j, o := range fd.spellings {
					if j != i {
						others = append(others, jen.Id("seen").Index(jen.Lit(fd.flag+j)))
						otherNames = append(otherNames, strconv.Quote(o))
					}
				}
				anyOther := jen.Null()
				for j, o := range others {
					if j > 0 {
						anyOther.Op("||")
					}
					anyOther.Add(o)
				}
				if len(others) > 1 {
					anyOther = jen.Parens(anyOther)
				}
				msg := fmt.Sprintf("differs from %s, another spelling of the same field sent before it", strings.Join(otherNames, " or "))
				body = append(body, jen.If(anyOther.Op("&&").Add(text(fd)).Op("!=").Id("value")).Block(jen.Return(jen.Lit(msg))))
			}
			body = append(body, assign(fd))
			cases = append(cases, jen.Case(jen.Lit(spelling)).Block(body...))
		}
	}
	cases = append(cases, jen.Default().Block(
		wh("KeepExtra").Call(jen.Op("&").Id("e").Dot("Extra"), jen.Op("&").Id("e").Dot("extraOmitted"), jen.Id("key"), jen.Id("value")),
	))
	addDoc(f.Group, "set stores one member of a body: in its field, or in Extra when this version does not define it. "+
		"It returns why the member cannot be stored, or \"\". seen has one flag per accepted spelling.")
	f.Func().Params(recv(v)).Id("set").Params(jen.Id("seen").Add(seenType), jen.List(jen.Id("key"), jen.Id("value")).String()).String().Block(
		jen.Switch(jen.Id("key")).Block(cases...),
		jen.Return(jen.Lit("")),
	)
	f.Line()
}

func (p *pkg) decoders(f *jen.File, v *version) {
	seenDecl := jen.Var().Id("seen").Index(jen.Lit(v.flags)).Bool()
	reset := jen.Op("*").Id("e").Op("=").Id(v.goType).Values()
	// read<Format> decodes into a zero event; Unmarshal<Format> resets first. The registry's
	// decoders read into events New has just made, so they skip the reset: clearing a heap
	// event clears every string field through the garbage collector's write barrier.
	read := func(name, reader string) {
		addDoc(f.Group, name+" decodes body into e, which must be the zero value.")
		f.Func().Params(recv(v)).Id(name).Params(jen.Id("body").String()).Error().Block(
			seenDecl,
			jen.Id("r").Op(":=").Add(wh(reader)).Call(jen.Id("body")),
			jen.For(jen.Id("r").Dot("Next").Call()).Block(
				jen.If(jen.Id("msg").Op(":=").Id("e").Dot("set").Call(jen.Op("&").Id("seen"), jen.Id("r").Dot("Key").Call(), jen.Id("r").Dot("Value").Call()),
					jen.Id("msg").Op("!=").Lit("")).Block(jen.Id("r").Dot("Fail").Call(jen.Id("msg"))),
			),
			jen.Return(jen.Id("r").Dot("Err").Call()),
		)
		f.Line()
	}
	unmarshal := func(read string) []jen.Code {
		return []jen.Code{reset, jen.Return(jen.Id("e").Dot(read).Call(jen.String().Call(jen.Id("body"))))}
	}
	after := "On an error the event holds the members read before it; the error is a *webhook.DecodeError naming the offset and the key."
	addDoc(f.Group,
		"UnmarshalJSON decodes a JSON object with straight-line code, no reflection. A value may be a JSON string or "+
			"number (a string's text is kept as sent, so ids keep their digits and leading zeros; a number reads as its value "+
			"written plainly, 4.90 as \"4.9\", see webhook's Numbers); null is an absent "+
			"value. Members this version does not define go to Extra. Syntax errors, nested values, invalid UTF-8 and a key "+
			"sent twice are errors; a field's spellings (aliases) may both be sent when their values are equal.",
		after, "It does not validate: call Validate.")
	f.Func().Params(recv(v)).Id("UnmarshalJSON").Params(jen.Id("body").Index().Byte()).Error().Block(unmarshal("readJSON")...)
	f.Line()
	read("readJSON", "NewJSONReader")
	addDoc(f.Group,
		"UnmarshalForm decodes an application/x-www-form-urlencoded body (what net/http's Request.Body holds before "+
			"ParseForm), with the same rules as UnmarshalJSON; malformed percent-encoding is an error.",
		after, "It does not validate: call Validate.")
	f.Func().Params(recv(v)).Id("UnmarshalForm").Params(jen.Id("body").Index().Byte()).Error().Block(unmarshal("readForm")...)
	f.Line()
	read("readForm", "NewFormReader")
	addDoc(f.Group,
		"UnmarshalValues decodes parsed form values (net/http's Request.PostForm) with the same rules as UnmarshalForm. "+
			"url.Values has lost the body's order, so Extra is in key order. A key with several values is a key sent more than once.",
		"It does not validate: call Validate.")
	f.Func().Params(recv(v)).Id("UnmarshalValues").Params(jen.Id("values").Qual("net/url", "Values")).Error().Block(
		reset,
		seenDecl,
		jen.Return(wh("ReadValues").Call(jen.Id("values"), jen.Func().Params(jen.List(jen.Id("key"), jen.Id("value")).String()).String().Block(
			jen.Return(jen.Id("e").Dot("set").Call(jen.Op("&").Id("seen"), jen.Id("key"), jen.Id("value"))),
		))),
	)
	f.Line()
}

func (p *pkg) encoders(f *jen.File, v *version) {
	var writes []jen.Code
	for _, fd := range v.fields {
		if fd.typ.kind == goSecret {
			writes = append(writes, jen.Id("w").Dot("Secret").Call(jen.Lit(fd.Name), jen.Id("e").Dot(fd.GoName)))
		} else {
			writes = append(writes, jen.Id("w").Dot("Field").Call(jen.Lit(fd.Name), text(fd)))
		}
	}
	writes = append(writes, jen.Id("w").Dot("Extra").Call(jen.Id("e").Dot("Extra")))
	addDoc(f.Group, "WriteFields gives every member to w in wire order, spelled as this version's table spells it, then Extra. "+
		"The encoders and LogValue all go through it; a webhook.FieldWriter of your own sees the event the same way "+
		"(a database row, a copy without personal data).")
	f.Func().Params(recv(v)).Id("WriteFields").Params(jen.Id("w").Add(wh("FieldWriter"))).Block(writes...)
	f.Line()

	addDoc(f.Group, "AppendJSON appends the event as a JSON object: every value a JSON string, empty fields left out, Extra last.")
	f.Func().Params(recv(v)).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Index().Byte().Block(
		jen.Id("w").Op(":=").Add(wh("NewJSONWriter")).Call(jen.Id("dst")),
		jen.Id("e").Dot("WriteFields").Call(jen.Id("w")),
		jen.Return(jen.Id("w").Dot("Bytes").Call()),
	)
	f.Line()
	addDoc(f.Group, "AppendForm appends the event as an application/x-www-form-urlencoded body, empty fields left out, Extra last.")
	f.Func().Params(recv(v)).Id("AppendForm").Params(jen.Id("dst").Index().Byte()).Index().Byte().Block(
		jen.Id("w").Op(":=").Add(wh("NewFormWriter")).Call(jen.Id("dst")),
		jen.Id("e").Dot("WriteFields").Call(jen.Id("w")),
		jen.Return(jen.Id("w").Dot("Bytes").Call()),
	)
	f.Line()
	addDoc(f.Group, "MarshalJSON encodes the event as AppendJSON does, secrets included: it is the payload, not a log line.")
	f.Func().Params(jen.Id("e").Id(v.goType)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("e").Dot("AppendJSON").Call(jen.Nil()), jen.Nil()),
	)
	f.Line()
	addDoc(f.Group, "LogValue logs the event's non-empty members by wire name, secrets as [redacted], and Extra in a group of its own "+
		"by name only, each value as [redacted] (webhook.AttrWriter's ShowExtraValues logs those whose names SecretField does not match).")
	f.Func().Params(jen.Id("e").Id(v.goType)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
		jen.Id("w").Op(":=").Add(wh("AttrWriter")).Values(jen.Dict{jen.Id("SecretName"): jen.Id("SecretField")}),
		jen.Id("e").Dot("WriteFields").Call(jen.Op("&").Id("w")),
		jen.Return(jen.Id("w").Dot("Value").Call()),
	)
	f.Line()
}

// redaction is the Disclosure argument of a field's checks.
func redaction(fd *field) *jen.Statement {
	if fd.secret() {
		return wh("Redact")
	}
	return wh("Show")
}

// checks are the Validator calls for one field, in a fixed order: presence, then the value's
// kind, then its length, then its format and enum. A rule an erratum relaxed is called through
// Warning, citing the erratum.
func (p *pkg) checks(fd *field) ([]jen.Code, error) {
	var out []jen.Code
	call := func(method string, args ...jen.Code) {
		out = append(out, jen.Id("v").Dot(method).Call(args...))
	}
	warn := func(erratum, method string, args ...jen.Code) {
		out = append(out, jen.Id("v").Dot("Warning").Call(jen.Lit(erratum)).Dot(method).Call(args...))
	}
	name, value, d := jen.Lit(fd.Name), text(fd), redaction(fd)
	c := fd.Constraint
	if fd.Required() {
		call("Required", name, value)
	}
	switch c.Kind {
	case spec.KindDigits:
		call("Digits", name, value, jen.Lit(c.Min), jen.Lit(c.Max), d)
	case spec.KindInteger:
		call("Integer", name, value, jen.Lit(c.Min), jen.Lit(c.Max), d)
	case spec.KindDecimal:
		call("Decimal", name, value, jen.Lit(c.Precision), jen.Lit(c.Scale), d)
	case spec.KindBoolean:
		call("Enum", name, value, jen.Id("e").Dot(fd.GoName).Op("==").Lit("true").Op("||").Id("e").Dot(fd.GoName).Op("==").Lit("false"), jen.Lit("true, false"), d)
	case spec.KindString:
	default:
		return nil, fmt.Errorf("field %s: kind %q has no Go check", fd.Name, c.Kind)
	}
	switch t := fd.typ; {
	case c.Width > 0:
		call("Width", name, value, jen.Lit(c.Width), d)
	case c.MaxLength > 0:
		call("MaxLength", name, value, jen.Lit(c.MaxLength), d)
	case t.documentedMaxLength > 0:
		warn(t.exceededBy, "MaxLength", name, value, jen.Lit(t.documentedMaxLength), d)
	}
	if c.Format != spec.FormatNone {
		fi, ok := c.Format.Info()
		if !ok || fi.Runtime == "" {
			return nil, fmt.Errorf("field %s: format %q has no run-time check for text", fd.Name, c.Format)
		}
		call("Format", name, value, wh(fi.Runtime), d)
	}
	if t := fd.typ; t.kind == goEnum {
		args := []jen.Code{name, value, jen.Id("e").Dot(fd.GoName).Dot("Valid").Call(), jen.Id(t.enum.allowed), d}
		if t.openedBy != "" {
			warn(t.openedBy, "Enum", args...)
		} else {
			call("Enum", args...)
		}
	}
	return out, nil
}

func (p *pkg) validators(f *jen.File, v *version) error {
	var body []jen.Code
	for _, fd := range v.fields {
		cs, err := p.checks(fd)
		if err != nil {
			return fmt.Errorf("%s: %w", v.goType, err)
		}
		body = append(body, cs...)
	}
	body = append(body, p.ruleChecks(v)...)
	body = append(body, jen.Id("v").Dot("Omitted").Call(jen.Id("e").Dot("extraOmitted")))
	addDoc(f.Group, "validate runs every check of the spec, field by field in wire order, then reports the members Extra could not keep.")
	f.Func().Params(recv(v)).Id("validate").Params(jen.Id("v").Op("*").Add(wh("Validator"))).Block(body...)
	f.Line()

	agree := ""
	if pairs := p.agreePairs(v); len(pairs) > 0 {
		agree = " It also checks the rules between members that the spec's errata state: " + pairs +
			", as the vendor's tables relate them (a pair that names different rows is a webhook.RuleAgree problem on its first member)."
	}
	addDoc(f.Group,
		"Validate checks every constraint the spec states for this version: presence, digits and numeric ranges, "+
			"decimals, lengths in characters, exact widths, formats and enums."+agree+" It reports all problems at once as a "+
			"*webhook.ValidationError naming each field by its wire name, the rule and its limit (a secret's value is "+
			"left out), and returns nil for a valid event. An empty field is an absent one. Extra is not checked: see ValidateStrict.",
		validateSeverityDoc)
	f.Func().Params(recv(v)).Id("Validate").Params().Error().Block(
		jen.Return(jen.Id("e").Dot("ValidateWith").Call(wh("ValidateOptions").Values())))
	f.Line()

	strict := "ValidateStrict is Validate that also reports every member of Extra as unknown"
	var keep jen.Code = jen.Id("v").Dot("Unknown").Call(jen.Id("m").Dot("Name"), jen.Id("m").Dot("Value"), jen.Id("extraDisclosure").Call(jen.Id("m").Dot("Name")))
	if pt := p.spec.Vendor.PassThrough; v.spec.PassThrough && pt != nil && pt.Prefix != "" {
		strict += fmt.Sprintf(", except pass-through variables (keys starting with %q), which this version declares", pt.Prefix)
		keep = jen.If(jen.Op("!").Qual("strings", "HasPrefix").Call(jen.Id("m").Dot("Name"), jen.Lit(pt.Prefix))).Block(keep)
	}
	strict += ". Use it to find fields the spec does not know, or to tell versions apart."
	addDoc(f.Group, strict)
	f.Func().Params(recv(v)).Id("ValidateStrict").Params().Error().Block(
		jen.Return(jen.Id("e").Dot("ValidateWith").Call(wh("ValidateOptions").Values(jen.Dict{jen.Id("Strict"): jen.True()}))))
	f.Line()

	addDoc(f.Group, validateWithDoc)
	f.Func().Params(recv(v)).Id("ValidateWith").Params(jen.Id("o").Add(wh("ValidateOptions"))).Error().Block(
		jen.Var().Id("v").Add(wh("Validator")),
		jen.Id("e").Dot("validate").Call(jen.Op("&").Id("v")),
		jen.If(jen.Id("o").Dot("Strict")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("m")).Op(":=").Range().Id("e").Dot("Extra")).Block(keep)),
		jen.Return(jen.Id("v").Dot("ErrOn").Call(jen.Lit(v.event.spec.Name), jen.Lit(v.spec.Number), jen.Id("o").Dot("FailOn"))),
	)
	f.Line()
	return nil
}

// The words every generated Validate and ValidateWith share about problem severities.
const (
	validateSeverityDoc = "A problem is an error unless an erratum of the spec, citing evidence from real traffic, lowers its check " +
		"to a warning (a documented limit real values exceed, a value outside an enum taken from an example). An event " +
		"whose problems are all warnings is valid and Validate returns nil, so its warnings are reached through " +
		"ValidateWith with FailOn webhook.SeverityWarning; when an event is invalid its error lists the warnings too."
	validateWithDoc = "ValidateWith validates as o says: o.Strict also reports the members the version does not define, as " +
		"ValidateStrict does, and o.FailOn is the least severity that makes it return the *webhook.ValidationError. " +
		"With webhook.SeverityWarning any problem does, which is how a receiver fails on warnings or collects them from " +
		"a valid event (the error's Severity says whether any problem is an error). Validate is ValidateWith with the zero options."
)

func (p *pkg) baseMethod(f *jen.File, v *version) error {
	own := map[string]*field{}
	for _, fd := range v.fields {
		own[fd.GoName] = fd
	}
	values := jen.Dict{}
	for _, bf := range v.base.fields {
		fd := own[bf.GoName]
		if fd == nil || *fd.typ != *bf.typ {
			return fmt.Errorf("%s: base %s's field %s is not the same field in the derived version", v.goType, v.base.goType, bf.Name)
		}
		values[jen.Id(bf.GoName)] = jen.Id("e").Dot(bf.GoName)
	}
	values[jen.Id("Extra")] = jen.Id("e").Dot("Extra")
	values[jen.Id("extraOmitted")] = jen.Id("e").Dot("extraOmitted")
	addDoc(f.Group, fmt.Sprintf("Base returns the %s v%d part of the event as a %s, so that code written for the base event "+
		"handles this one too. The fields of its own stay here; Extra is shared.", v.base.event.spec.Name, v.base.spec.Number, v.base.goType))
	f.Func().Params(recv(v)).Id("Base").Params().Id(v.base.goType).Block(jen.Return(jen.Id(v.base.goType).Values(values)))
	f.Line()
	return nil
}

// envelopedVersion writes a version of an enveloped vendor: its body's struct (the envelope's
// members, the content typed), the content's struct, and the methods every event has.
func (p *pkg) envelopedVersion(f *jen.File, v *version) error {
	p.objectStruct(f, v.body, p.versionDoc(v), false)
	if v.content != nil {
		p.objectStruct(f, v.content, []string{fmt.Sprintf("%s is the %s of %s: the resources the event is about.",
			v.content.goType, p.spec.Vendor.Envelope.Content, v.goType)}, true)
		if err := p.objectMethods(f, v.content, true); err != nil {
			return err
		}
	}
	if err := p.objectMethods(f, v.body, false); err != nil {
		return err
	}
	ev, number := v.event, v.spec.Number
	addDoc(f.Group, "EventType returns "+ev.constant+".")
	f.Func().Params(recv(v)).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Id(ev.constant)))
	f.Line()
	addDoc(f.Group, fmt.Sprintf("Version returns %d.", number))
	f.Func().Params(recv(v)).Id("Version").Params().Int().Block(jen.Return(jen.Lit(number)))
	f.Line()
	addDoc(f.Group, "Formats returns the wire formats the vendor sends this version in: as JSON.")
	f.Func().Params(recv(v)).Id("Formats").Params().Add(wh("FormatSet")).Block(jen.Return(wh("FormatSet").Call(wh("JSON"))))
	f.Line()
	addDoc(f.Group, "ExtraFields returns the kept members of the body that the envelope does not define (Extra).")
	f.Func().Params(recv(v)).Id("ExtraFields").Params().Add(wh("RawMembers")).Block(jen.Return(jen.Id("e").Dot("Extra")))
	f.Line()
	p.resourcesMethod(f, v.goType, v.content)

	name := jen.Lit(ev.spec.Name)
	p.eventCodecs(f, v.goType, name, jen.Lit(number),
		"Validate checks every constraint the spec states for this version, at every depth: presence, lengths, formats, ranges "+
			"and enums. It reports all problems at once as a *webhook.ValidationError naming each member by its path "+
			"(\"content.order.lines[2].quantity\"), the rule and its limit (a secret's value is left out), and returns nil for a "+
			"valid event. Extra is not checked: see ValidateStrict.")
	return nil
}

// eventCodecs writes the methods an enveloped event's body has besides its object methods: the
// encoding/json interfaces, AppendJSON, Validate and ValidateStrict. name and version are the
// expressions the validation error names.
func (p *pkg) eventCodecs(f *jen.File, goType string, name, version jen.Code, validateDoc string) {
	recv := jen.Id("e").Op("*").Id(goType)
	addDoc(f.Group,
		"UnmarshalJSON decodes a body with straight-line code, no reflection: each member's value must have the member's shape "+
			"(text may arrive as a JSON string or number, integers as numbers or digit strings), null is an absent value, and a key "+
			"sent twice is an error. Members the spec does not define are kept in the Extra of their object, at every depth.",
		"On an error the event holds the members read before it; the error is a *webhook.DecodeError naming the offset and the "+
			"member's path. It does not validate: call Validate.")
	f.Func().Params(recv.Clone()).Id("UnmarshalJSON").Params(jen.Id("body").Index().Byte()).Error().Block(
		jen.Op("*").Id("e").Op("=").Id(goType).Values(),
		jen.Return(jen.Id("e").Dot("readJSON").Call(jen.String().Call(jen.Id("body")))),
	)
	f.Line()
	addDoc(f.Group, "readJSON decodes body into e, which must be the zero value but for what the registry set.")
	f.Func().Params(recv.Clone()).Id("readJSON").Params(jen.Id("body").String()).Error().Block(
		jen.Id("d").Op(":=").Add(wh("NewDecoder")).Call(jen.Id("body")),
		jen.Id("e").Dot("decode").Call(jen.Op("&").Id("d")),
		jen.Return(jen.Id("d").Dot("End").Call()),
	)
	f.Line()
	addDoc(f.Group, "AppendJSON appends the event as a JSON body: the members in the spec's order, absent ones left out, "+
		"each object's Extra after its members.")
	f.Func().Params(recv.Clone()).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Index().Byte().Block(
		jen.Id("enc").Op(":=").Add(wh("NewEncoder")).Call(jen.Id("dst")),
		jen.Id("e").Dot("encode").Call(jen.Id("enc")),
		jen.Return(jen.Id("enc").Dot("Bytes").Call()),
	)
	f.Line()
	addDoc(f.Group, "MarshalJSON encodes the event as AppendJSON does, secrets included: it is the payload, not a log line. "+
		"It fails only for a Number or RawJSON value built by hand that is not JSON.")
	f.Func().Params(jen.Id("e").Id(goType)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("enc").Op(":=").Add(wh("NewEncoder")).Call(jen.Nil()),
		jen.Id("e").Dot("encode").Call(jen.Id("enc")),
		jen.Return(jen.Id("enc").Dot("Bytes").Call(), jen.Id("enc").Dot("Err").Call()),
	)
	f.Line()
	addDoc(f.Group, validateDoc, validateSeverityDoc)
	f.Func().Params(recv.Clone()).Id("Validate").Params().Error().Block(
		jen.Return(jen.Id("e").Dot("ValidateWith").Call(wh("ValidateOptions").Values())))
	f.Line()
	addDoc(f.Group, "ValidateStrict is Validate that also reports, at every depth, the members the spec does not define. Use it to "+
		"find members the spec lacks, or to tell versions apart.")
	f.Func().Params(recv.Clone()).Id("ValidateStrict").Params().Error().Block(
		jen.Return(jen.Id("e").Dot("ValidateWith").Call(wh("ValidateOptions").Values(jen.Dict{jen.Id("Strict"): jen.True()}))))
	f.Line()
	addDoc(f.Group, validateWithDoc)
	f.Func().Params(recv.Clone()).Id("ValidateWith").Params(jen.Id("o").Add(wh("ValidateOptions"))).Error().Block(
		jen.Var().Id("v").Add(wh("Validator")),
		jen.Id("e").Dot("validate").Call(jen.Op("&").Id("v"), jen.Id("o").Dot("Strict")),
		jen.Return(jen.Id("v").Dot("ErrOn").Call(name, version, jen.Id("o").Dot("FailOn"))),
	)
	f.Line()
}
