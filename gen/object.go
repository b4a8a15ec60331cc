package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookspec/hookspec/spec"
)

// The parts of a nested body's struct that types.go and event.go both write: the struct, its
// decoder, encoder, validator and log value. Every member is read, written and checked by
// straight-line code that names it; only the runtime's Decoder, Encoder and Validator are
// shared.

// objectRecv is the receiver of an object's methods.
func objectRecv(o *goStruct) *jen.Statement { return jen.Id(o.recv).Op("*").Id(o.goType) }

// goTypeCode is a member's Go type.
func goTypeCode(t *goType) jen.Code {
	switch t.kind {
	case goSecret:
		return wh("Secret")
	case goEnum:
		return jen.Id(t.enum.goType)
	case goInt:
		return wh("Int")
	case goUnixTime:
		return wh("UnixTime")
	case goUnixMillis:
		return wh("UnixMillis")
	case goBool:
		return wh("Bool")
	case goNumber:
		return wh("Number")
	case goRaw:
		return wh("RawJSON")
	case goObject:
		return jen.Id(t.obj.goType)
	case goArray:
		return jen.Index().Add(goTypeCode(t.elem))
	case goMap:
		return wh("Map").Types(goTypeCode(t.elem))
	}
	return jen.String()
}

// typeWords says in words what a member holds, for its documentation.
func typeWords(f *spec.ResolvedField, t *goType) string {
	switch t.kind {
	case goInt:
		return "an integer" + boundsWords(f.Constraint)
	case goUnixTime:
		return "a time in seconds since 1970 (Time converts it)"
	case goUnixMillis:
		return "a time in milliseconds since 1970 (Time converts it)"
	case goBool:
		return "true or false"
	case goNumber:
		return "a number, kept as its literal"
	case goRaw:
		return "any JSON value, kept as sent"
	case goObject:
		return "an object (" + t.obj.goType + ")"
	case goArray:
		if f.Items != nil {
			return "an array of " + strings.TrimPrefix(strings.TrimPrefix(typeWords(f.Items, t.elem), "an "), "a ")
		}
		return "an array"
	case goMap:
		if f.Items != nil {
			return "an object whose members are each " + typeWords(f.Items, t.elem)
		}
		return "an open object"
	}
	return describe(f.Constraint)
}

func boundsWords(c spec.Constraint) string {
	if c.Min == "" && c.Max == "" {
		return ""
	}
	return fmt.Sprintf(" from %s to %s", orDash(c.Min), orDash(c.Max))
}

// memberFacts is the second paragraph of a member's godoc, top-level or nested alike: its type
// (typeFact), when it is sent, an example, its enum, what real traffic shows against the
// documents (an exceeded length, an open enum, each with its erratum), whether it is secret or
// personal data, and whether it is deprecated.
func memberFacts(f *field, typeFact string) string {
	facts := []string{typeFact}
	if t := f.typ; t.documentedMaxLength > 0 {
		facts[0] += fmt.Sprintf(", documented as at most %d characters, which real traffic exceeds: a longer value is a warning, not an error (erratum %s)", t.documentedMaxLength, t.exceededBy)
	}
	switch f.Presence.Kind {
	case spec.PresenceObserved:
		facts = append(facts, "not in the vendor's tables for this event version but seen in real traffic ("+strings.TrimSuffix(f.Presence.Source, ".")+"), so optional")
	case spec.PresenceAlways:
		s := "always sent"
		if f.Presence.Reason != "" {
			s += " (" + strings.TrimSuffix(f.Presence.Reason, ".") + ")"
		}
		facts = append(facts, s)
	case spec.PresenceConditional:
		// The condition is the vendor's words, a sentence or a phrase: quoted after a colon, it
		// reads either way.
		facts = append(facts, "sent on a condition: "+strings.TrimSuffix(f.Presence.Condition, "."))
	default:
		facts = append(facts, "optional")
	}
	if f.Example != "" {
		facts = append(facts, fmt.Sprintf("example %q", f.Example))
	}
	second := strings.Join(facts, "; ") + "."
	switch t := f.typ; {
	case t.kind == goEnum && t.openedBy != "":
		second += fmt.Sprintf(" Its known values are the %s constants; real traffic carries others too, which validation reports as warnings, not errors (erratum %s).", t.enum.goType, t.openedBy)
	case t.kind == goEnum:
		second += fmt.Sprintf(" One of the %s values.", t.enum.goType)
	}
	switch f.Sensitivity {
	case spec.SensitivitySecret:
		second += " Secret: fmt and log/slog print it as [redacted], and validation errors leave it out."
	case spec.SensitivityPersonal:
		second += " Personal data."
	}
	if f.Deprecated != "" {
		second += " Deprecated: " + sentence(f.Deprecated)
	}
	return second
}

// memberDoc is a nested member's godoc: the vendor's words, then the shape and presence.
func (p *pkg) memberDoc(f *field) []string {
	first := fmt.Sprintf("%s is %q: %s", f.GoName, f.Name, sentence(f.Description))
	words := typeWords(&f.ResolvedField, f.typ)
	typeFact := strings.ToUpper(words[:1]) + words[1:]
	if f.DataType != "" {
		typeFact = fmt.Sprintf("Data type %q, read as %s", f.DataType, words)
	}
	second := memberFacts(f, typeFact)
	return []string{first, second, sentence(f.Note)}
}

// objectStruct declares the struct: each member with its documentation, then the members the
// type does not define.
func (p *pkg) objectStruct(f *jen.File, o *goStruct, doc []string, member bool, more ...jen.Code) {
	addDoc(f.Group, doc...)
	var fields []jen.Code
	for i, m := range o.members {
		if i > 0 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields, comments(docLines(p.memberDoc(m)...))...)
		fields = append(fields, jen.Id(m.GoName).Add(goTypeCode(m.typ)))
	}
	if len(fields) > 0 {
		fields = append(fields, jen.Line())
	}
	fields = append(fields, comments(docLines("Extra holds the members of the object that the spec does not define, in arrival "+
		"order, each as its raw JSON: members the vendor added after the spec was captured, custom fields. Decoding keeps "+
		"them so that nothing is lost, encoding writes them back, and ValidateStrict reports them."))...)
	fields = append(fields, jen.Id("Extra").Add(wh("RawMembers")))
	fields = append(fields, comments(docLines("extraOmitted counts the members past webhook.MaxExtraMembers or webhook.MaxExtraBytes, "+
		"which Extra does not keep and validation reports as one problem."))...)
	fields = append(fields, jen.Id("extraOmitted").Add(wh("Omitted")))
	if member {
		fields = append(fields, comments(docLines("present records that the body carried the object, even an empty one."))...)
		fields = append(fields, jen.Id("present").Bool())
	}
	fields = append(fields, more...)
	f.Type().Id(o.goType).Struct(fields...)
	f.Line()
}

// objectMethods writes decode, encode, validate and LogValue, and Present for objects that are
// members of others.
func (p *pkg) objectMethods(f *jen.File, o *goStruct, member bool) error {
	p.objectDecode(f, o, member)
	p.objectEncode(f, o)
	if err := p.objectValidate(f, o); err != nil {
		return err
	}
	p.objectLogValue(f, o)
	if member {
		addDoc(f.Group, "Present reports whether the object is there: the body carried it (even empty), or a member of it is set.")
		f.Func().Params(objectRecv(o)).Id("Present").Params().Bool().Block(
			jen.Return(jen.Id(o.recv).Dot("present").Op("||").Op("!").Id(o.recv).Dot("isZero").Call()))
		f.Line()
		var zero []jen.Code
		for _, m := range o.members {
			zero = append(zero, isZero(jen.Id(o.recv).Dot(m.GoName), m.typ))
		}
		zero = append(zero, jen.Len(jen.Id(o.recv).Dot("Extra")).Op("==").Lit(0))
		cond := jen.Null()
		for i, z := range zero {
			if i > 0 {
				cond.Op("&&").Line()
			}
			cond.Add(z)
		}
		addDoc(f.Group, "isZero reports whether no member is set.")
		f.Func().Params(objectRecv(o)).Id("isZero").Params().Bool().Block(jen.Return(cond))
		f.Line()
	}
	return nil
}

// isZero is the condition that a member is unset.
func isZero(x *jen.Statement, t *goType) jen.Code {
	switch t.kind {
	case goInt, goUnixTime, goUnixMillis, goBool:
		return jen.Op("!").Add(x).Dot("Set")
	case goObject:
		return jen.Op("!").Add(x).Dot("Present").Call()
	case goArray, goMap:
		return jen.Add(x).Op("==").Nil()
	}
	return jen.Add(x).Op("==").Lit("")
}

// isSet is the condition that a member is set, for encoders and validators.
func isSet(x *jen.Statement, t *goType) jen.Code {
	switch t.kind {
	case goInt, goUnixTime, goUnixMillis, goBool:
		return jen.Add(x).Dot("Set")
	case goObject:
		return jen.Add(x).Dot("Present").Call()
	case goArray, goMap:
		return jen.Add(x).Op("!=").Nil()
	}
	return jen.Add(x).Op("!=").Lit("")
}

func (p *pkg) objectDecode(f *jen.File, o *goStruct, member bool) {
	var cases []jen.Code
	for _, m := range o.members {
		var spellings []jen.Code
		for _, s := range m.spellings {
			spellings = append(spellings, jen.Lit(s))
		}
		body := []jen.Code{
			// A second spelling of one member is the member sent twice.
			jen.If(jen.Id("d").Dot("Seen").Call(jen.Op("&").Id("seen").Index(jen.Lit(m.flag)))).Block(jen.Continue()),
		}
		body = append(body, decodeValue(jen.Id(o.recv).Dot(m.GoName), m.typ, 0)...)
		cases = append(cases, jen.Case(spellings...).Block(body...))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("d").Dot("Extra").Call(jen.Op("&").Id(o.recv).Dot("Extra"), jen.Op("&").Id(o.recv).Dot("extraOmitted"))))
	body := []jen.Code{jen.If(jen.Op("!").Id("d").Dot("Object").Call()).Block(jen.Return())}
	if member {
		body = append(body, jen.Id(o.recv).Dot("present").Op("=").True())
	}
	if o.flags > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit(o.flags)).Bool())
	}
	body = append(body, jen.For(jen.Id("d").Dot("Member").Call()).Block(jen.Switch(jen.Id("d").Dot("Key").Call()).Block(cases...)))
	addDoc(f.Group, "decode reads the object that is next in d; null leaves it absent. A member of an unexpected shape, or sent twice, "+
		"stops d with the member's path; members the type does not define go to Extra.")
	f.Func().Params(objectRecv(o)).Id("decode").Params(jen.Id("d").Op("*").Add(wh("Decoder"))).Block(body...)
	f.Line()
}

// decodeValue reads the value that is next in d into target.
func decodeValue(target *jen.Statement, t *goType, depth int) []jen.Code {
	d := jen.Id("d")
	switch t.kind {
	case goObject:
		return []jen.Code{jen.Add(target).Dot("decode").Call(d)}
	case goArray:
		var item []jen.Code
		switch t.elem.kind {
		case goObject:
			item = []jen.Code{
				jen.Add(target).Op("=").Append(target, jen.Id(t.elem.obj.goType).Values()),
				jen.Add(target).Index(jen.Len(target).Op("-").Lit(1)).Dot("decode").Call(d),
			}
		case goArray, goMap:
			v := jen.Id("item" + strconv.Itoa(depth))
			item = append([]jen.Code{jen.Var().Add(v).Add(goTypeCode(t.elem))}, decodeValue(v, t.elem, depth+1)...)
			item = append(item, jen.Add(target).Op("=").Append(target, v))
		default:
			item = []jen.Code{jen.Add(target).Op("=").Append(target, scalarRead(t.elem))}
		}
		return []jen.Code{jen.If(d.Clone().Dot("Array").Call()).Block(
			jen.Add(target).Op("=").Make(jen.Index().Add(goTypeCode(t.elem)), jen.Lit(0), d.Clone().Dot("Len").Call()),
			jen.For(d.Clone().Dot("Item").Call()).Block(item...),
		)}
	case goMap:
		// MapEntry refuses a key sent twice, as the decoder does for named members.
		v := jen.Id("v" + strconv.Itoa(depth))
		return []jen.Code{jen.If(d.Clone().Dot("Object").Call()).Block(
			jen.Add(target).Op("=").Make(goTypeCode(t), jen.Lit(0), d.Clone().Dot("Len").Call()),
			jen.For(d.Clone().Dot("Member").Call()).Block(
				jen.If(v.Clone().Op(":=").Add(wh("MapEntry")).Call(d, jen.Op("&").Add(target)), v.Clone().Op("!=").Nil()).Block(
					mapValue(v, t.elem, depth)...),
			),
		)}
	}
	return []jen.Code{jen.Add(target).Op("=").Add(scalarRead(t))}
}

// mapValue decodes into the value MapEntry returned, a pointer v.
func mapValue(v *jen.Statement, t *goType, depth int) []jen.Code {
	if t.kind == goObject {
		return []jen.Code{v.Clone().Dot("decode").Call(jen.Id("d"))}
	}
	return decodeValue(jen.Op("*").Add(v), t, depth+1)
}

// scalarRead is the expression that reads a single value of the type.
func scalarRead(t *goType) jen.Code {
	d := jen.Id("d")
	switch t.kind {
	case goSecret:
		return wh("Secret").Call(d.Dot("Text").Call())
	case goEnum:
		return jen.Id(t.enum.goType).Call(d.Dot("Text").Call())
	case goInt:
		return d.Dot("Int").Call()
	case goUnixTime:
		return d.Dot("UnixTime").Call()
	case goUnixMillis:
		return d.Dot("UnixMillis").Call()
	case goBool:
		return d.Dot("Bool").Call()
	case goNumber:
		return d.Dot("Number").Call()
	case goRaw:
		return d.Dot("Raw").Call()
	}
	return d.Dot("Text").Call()
}

func (p *pkg) objectEncode(f *jen.File, o *goStruct) {
	enc := jen.Id("enc")
	body := []jen.Code{enc.Clone().Dot("BeginObject").Call()}
	for _, m := range o.members {
		x := jen.Id(o.recv).Dot(m.GoName)
		write := append([]jen.Code{enc.Clone().Dot("Name").Call(jen.Lit(m.Name))}, encodeValue(x, m.typ, 0, true)...)
		body = append(body, jen.If(isSet(x.Clone(), m.typ)).Block(write...))
	}
	body = append(body, enc.Clone().Dot("Extra").Call(jen.Id(o.recv).Dot("Extra")), enc.Clone().Dot("EndObject").Call())
	addDoc(f.Group, "encode writes the object: its members in the spec's order, each only when set, then Extra as it arrived.")
	f.Func().Params(objectRecv(o)).Id("encode").Params(jen.Id("enc").Op("*").Add(wh("Encoder"))).Block(body...)
	f.Line()
}

// encodeValue writes x as the next value. set says the caller has checked that x is set (a
// member); otherwise an unset value is written as null (an array's item or a map's value that
// arrived as null).
func encodeValue(x *jen.Statement, t *goType, depth int, set bool) []jen.Code {
	enc := jen.Id("enc")
	orNull := func(isSet jen.Code, write jen.Code) []jen.Code {
		if set {
			return []jen.Code{write}
		}
		return []jen.Code{jen.If(isSet).Block(write).Else().Block(enc.Clone().Dot("Null").Call())}
	}
	switch t.kind {
	case goObject:
		// An item that arrived as null was decoded as an absent object: it goes back as null.
		return orNull(jen.Add(x).Dot("Present").Call(), jen.Add(x).Dot("encode").Call(enc))
	case goArray:
		i := jen.Id("i" + strconv.Itoa(depth))
		return orNull(jen.Add(x).Op("!=").Nil(), jen.Block(
			enc.Clone().Dot("BeginArray").Call(),
			jen.For(i.Clone().Op(":=").Range().Add(x)).Block(encodeValue(jen.Add(x).Index(i), t.elem, depth+1, false)...),
			enc.Clone().Dot("EndArray").Call(),
		))
	case goMap:
		entry := jen.Id("entry" + strconv.Itoa(depth))
		return orNull(jen.Add(x).Op("!=").Nil(), jen.Block(
			enc.Clone().Dot("BeginObject").Call(),
			jen.For(jen.List(jen.Id("_"), entry).Op(":=").Range().Add(x)).Block(
				append([]jen.Code{enc.Clone().Dot("Name").Call(entry.Clone().Dot("Key"))}, encodeValue(entry.Clone().Dot("Value"), t.elem, depth+1, false)...)...),
			enc.Clone().Dot("EndObject").Call(),
		))
	case goInt:
		return orNull(jen.Add(x).Dot("Set"), enc.Clone().Dot("Int").Call(jen.Add(x).Dot("Value")))
	case goUnixTime:
		return orNull(jen.Add(x).Dot("Set"), enc.Clone().Dot("Int").Call(jen.Add(x).Dot("Seconds")))
	case goUnixMillis:
		return orNull(jen.Add(x).Dot("Set"), enc.Clone().Dot("Int").Call(jen.Add(x).Dot("Millis")))
	case goBool:
		return orNull(jen.Add(x).Dot("Set"), enc.Clone().Dot("Bool").Call(jen.Add(x).Dot("Value")))
	case goNumber:
		return orNull(jen.Add(x).Op("!=").Lit(""), enc.Clone().Dot("Number").Call(x))
	case goRaw:
		return orNull(jen.Add(x).Op("!=").Lit(""), enc.Clone().Dot("Raw").Call(x))
	case goText:
		return []jen.Code{enc.Clone().Dot("String").Call(x)}
	}
	return []jen.Code{enc.Clone().Dot("String").Call(jen.String().Call(x))}
}

func (p *pkg) objectValidate(f *jen.File, o *goStruct) error {
	var body []jen.Code
	for _, m := range o.members {
		cs, err := p.valueChecks(jen.Lit(m.Name), &m.ResolvedField, m.typ, jen.Id(o.recv).Dot(m.GoName), m.Required(), 0)
		if err != nil {
			return fmt.Errorf("%s: member %s: %w", o.about, m.Name, err)
		}
		body = append(body, cs...)
	}
	body = append(body,
		jen.Id("v").Dot("Omitted").Call(jen.Id(o.recv).Dot("extraOmitted")),
		jen.If(jen.Id("strict")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("m")).Op(":=").Range().Id(o.recv).Dot("Extra")).Block(
				jen.Id("v").Dot("Unknown").Call(jen.Id("m").Dot("Name"), jen.Id("m").Dot("Value").Dot("Redacted").Call(), jen.Id("extraDisclosure").Call(jen.Id("m").Dot("Name"))),
			),
		),
	)
	addDoc(f.Group, "validate checks every member the spec constrains, in wire order, and descends into objects, arrays and maps, "+
		"so that a problem names its path. strict also reports the members Extra holds.")
	f.Func().Params(objectRecv(o)).Id("validate").Params(jen.Id("v").Op("*").Add(wh("Validator")), jen.Id("strict").Bool()).Block(body...)
	f.Line()
	return nil
}

// valueChecks are the Validator calls for one value: its presence, its checks, and the checks
// inside its objects, items and entries. field is the member's name ("" for an item or entry,
// whose place the validator's path already names); x is the value.
func (p *pkg) valueChecks(field jen.Code, rf *spec.ResolvedField, t *goType, x *jen.Statement, required bool, depth int) ([]jen.Code, error) {
	var out []jen.Code
	call := func(method string, args ...jen.Code) {
		out = append(out, jen.Id("v").Dot(method).Call(args...))
	}
	d := wh("Show")
	if rf.Sensitivity == spec.SensitivitySecret {
		d = wh("Redact")
	}
	c := rf.Constraint
	switch t.kind {
	case goText, goSecret, goEnum:
		cs, err := textChecks(field, rf, t, x, required, d)
		if err != nil {
			return nil, err
		}
		return cs, nil
	case goNumber, goRaw:
		if required {
			call("Required", field, jen.String().Call(x))
		}
		return out, nil
	case goBool:
		if required {
			call("Present", field, jen.Add(x).Dot("Set"))
		}
		return out, nil
	case goInt, goUnixTime, goUnixMillis:
		if required {
			call("Present", field, jen.Add(x).Dot("Set"))
		}
		value := map[goKind]string{goInt: "Value", goUnixTime: "Seconds", goUnixMillis: "Millis"}[t.kind]
		if fi, ok := c.Format.Info(); ok && (fi.Min != "" || fi.Max != "") {
			lo, hi, err := int64Bounds(fi.Min, fi.Max)
			if err != nil {
				return nil, fmt.Errorf("format %s: %w", c.Format, err)
			}
			call("TimeRange", field, jen.Add(x).Dot(value), jen.Add(x).Dot("Set"), lo, hi, jen.Lit(fi.Describe), d)
		}
		if c.Min != "" || c.Max != "" {
			lo, hi, err := int64Bounds(c.Min, c.Max)
			if err != nil {
				return nil, err
			}
			call("IntRange", field, jen.Add(x).Dot(value), jen.Add(x).Dot("Set"), lo, hi, d)
		}
		return out, nil
	case goObject:
		if required {
			call("Present", field, jen.Add(x).Dot("Present").Call())
		}
		out = append(out, jen.If(jen.Add(x).Dot("Present").Call()).Block(
			jen.Id("v").Dot("Enter").Call(field),
			jen.Add(x).Dot("validate").Call(jen.Id("v"), jen.Id("strict")),
			jen.Id("v").Dot("Leave").Call(),
		))
		return out, nil
	case goArray, goMap:
		if required {
			call("Present", field, jen.Add(x).Op("!=").Nil())
		}
		if rf.Items == nil {
			return out, nil
		}
		idx := jen.Id("i" + strconv.Itoa(depth))
		var item *jen.Statement
		var enter jen.Code
		if t.kind == goArray {
			item = jen.Add(x).Index(idx)
			enter = jen.Id("v").Dot("EnterItem").Call(idx)
		} else {
			item = jen.Add(x).Index(idx).Dot("Value")
			enter = jen.Id("v").Dot("Enter").Call(jen.Add(x).Index(idx).Dot("Key"))
		}
		inner, err := p.valueChecks(jen.Lit(""), rf.Items, t.elem, item, false, depth+1)
		if err != nil {
			return nil, err
		}
		if len(inner) == 0 {
			return out, nil
		}
		loop := append([]jen.Code{enter}, inner...)
		loop = append(loop, jen.Id("v").Dot("Leave").Call())
		out = append(out, jen.If(jen.Len(x).Op(">").Lit(0)).Block(
			jen.Id("v").Dot("Enter").Call(field),
			jen.For(idx.Clone().Op(":=").Range().Add(x)).Block(loop...),
			jen.Id("v").Dot("Leave").Call(),
		))
		return out, nil
	}
	return nil, fmt.Errorf("no checks for Go kind %d", t.kind)
}

// textChecks are the checks of a text value, in a fixed order: presence, then the value's kind,
// then its length, then its format and enum. A rule an erratum relaxed is called through
// Warning, citing the erratum.
func textChecks(field jen.Code, rf *spec.ResolvedField, t *goType, x *jen.Statement, required bool, d jen.Code) ([]jen.Code, error) {
	var out []jen.Code
	call := func(method string, args ...jen.Code) {
		out = append(out, jen.Id("v").Dot(method).Call(args...))
	}
	warn := func(erratum, method string, args ...jen.Code) {
		out = append(out, jen.Id("v").Dot("Warning").Call(jen.Lit(erratum)).Dot(method).Call(args...))
	}
	value := x
	if t.kind != goText {
		value = jen.String().Call(x)
	}
	c := rf.Constraint
	if required {
		call("Required", field, value)
	}
	switch c.Kind {
	case spec.KindDigits:
		call("Digits", field, value, jen.Lit(c.Min), jen.Lit(c.Max), d)
	case spec.KindInteger:
		call("Integer", field, value, jen.Lit(c.Min), jen.Lit(c.Max), d)
	case spec.KindDecimal:
		call("Decimal", field, value, jen.Lit(c.Precision), jen.Lit(c.Scale), d)
	case spec.KindBoolean:
		call("Enum", field, value, jen.Add(x).Op("==").Lit("true").Op("||").Add(x).Op("==").Lit("false"), jen.Lit("true, false"), d)
	case spec.KindString:
	default:
		return nil, fmt.Errorf("kind %q has no check as text", c.Kind)
	}
	switch {
	case c.Width > 0:
		call("Width", field, value, jen.Lit(c.Width), d)
	case c.MaxLength > 0:
		call("MaxLength", field, value, jen.Lit(c.MaxLength), d)
	case t.documentedMaxLength > 0:
		warn(t.exceededBy, "MaxLength", field, value, jen.Lit(t.documentedMaxLength), d)
	}
	if c.Format != spec.FormatNone {
		fi, ok := c.Format.Info()
		if !ok || fi.Runtime == "" {
			return nil, fmt.Errorf("format %q has no run-time check for text", c.Format)
		}
		call("Format", field, value, wh(fi.Runtime), d)
	}
	if t.kind == goEnum {
		args := []jen.Code{field, value, jen.Add(x).Dot("Valid").Call(), jen.Id(t.enum.allowed), d}
		if t.openedBy != "" {
			warn(t.openedBy, "Enum", args...)
		} else {
			call("Enum", args...)
		}
	}
	return out, nil
}

// int64Bounds turns a constraint's integer-text bounds into the arguments of IntRange, open
// sides as webhook.NoMin and NoMax.
func int64Bounds(min, max string) (jen.Code, jen.Code, error) {
	bound := func(s string, open string) (jen.Code, error) {
		if s == "" {
			return wh(open), nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("bound %s does not fit a 64-bit integer", s)
		}
		return jen.Lit(n), nil
	}
	lo, err := bound(min, "NoMin")
	if err != nil {
		return nil, nil, err
	}
	hi, err := bound(max, "NoMax")
	if err != nil {
		return nil, nil, err
	}
	return lo, hi, nil
}

func (p *pkg) objectLogValue(f *jen.File, o *goStruct) {
	attrs := jen.Id("attrs")
	body := []jen.Code{attrs.Clone().Op(":=").Make(jen.Index().Qual("log/slog", "Attr"), jen.Lit(0), jen.Lit(len(o.members)+1))}
	for _, m := range o.members {
		x := jen.Id(o.recv).Dot(m.GoName)
		var value jen.Code
		switch m.typ.kind {
		case goText:
			value = jen.Qual("log/slog", "String").Call(jen.Lit(m.Name), x)
		case goEnum, goNumber:
			value = jen.Qual("log/slog", "String").Call(jen.Lit(m.Name), jen.String().Call(x))
		case goArray:
			value = jen.Qual("log/slog", "Any").Call(jen.Lit(m.Name), wh("ListValue").Call(x))
		default: // their LogValue redacts what must be: secrets, raw values, maps, objects
			value = jen.Qual("log/slog", "Any").Call(jen.Lit(m.Name), x)
		}
		body = append(body, jen.If(isSet(x.Clone(), m.typ)).Block(attrs.Clone().Op("=").Append(attrs, value)))
	}
	body = append(body,
		jen.If(jen.Len(jen.Id(o.recv).Dot("Extra")).Op(">").Lit(0)).Block(
			attrs.Clone().Op("=").Append(attrs, jen.Qual("log/slog", "Any").Call(jen.Lit("extra"), jen.Id(o.recv).Dot("Extra")))),
		jen.Return(jen.Qual("log/slog", "GroupValue").Call(attrs.Clone().Op("..."))),
	)
	addDoc(f.Group, "LogValue logs the members that are set, by wire name: secrets as [redacted], raw values with their secret-looking "+
		"members redacted, and the members Extra holds by name only.")
	f.Func().Params(jen.Id(o.recv).Id(o.goType)).Id("LogValue").Params().Qual("log/slog", "Value").Block(body...)
	f.Line()
}
