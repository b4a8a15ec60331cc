package gen

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// registryFile declares the event types and the functions that pick a version's type at run
// time: Events, Versions, Latest, New, Decode and Detect.
func (p *pkg) registryFile() *jen.File {
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
	return f
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

// samplesFile builds every version from the guide's example values, for tests, for trying a
// receiver, and as documentation of what a payload looks like.
func (p *pkg) samplesFile() *jen.File {
	f := p.newFile()
	var cases []jen.Code
	for _, ev := range p.events {
		var inner []jen.Code
		for _, v := range ev.versions {
			values := jen.Dict{}
			for _, fd := range v.fields {
				if fd.Example == "" {
					continue
				}
				values[jen.Id(fd.GoName)] = p.exampleValue(fd)
			}
			inner = append(inner, jen.Case(jen.Lit(v.spec.Number)).Block(jen.Return(jen.Op("&").Id(v.goType).Values(values), jen.Nil())))
		}
		cases = append(cases, jen.Case(jen.Id(ev.constant)).Block(jen.Switch(jen.Id("version")).Block(inner...)))
	}
	addDoc(f.Group,
		"Sample returns event type t in the given version filled with the example values of the vendor's documentation "+
			"(as the spec's errata normalise them); fields without an example are empty. Use it to try a receiver or as "+
			"a fixture. It returns New's error for an unknown type or version.")
	f.Func().Id("Sample").Params(jen.Id("t").Id("EventType"), jen.Id("version").Int()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Switch(jen.Id("t")).Block(cases...),
		jen.Return(jen.Id("New").Call(jen.Id("t"), jen.Id("version"))),
	)
	return f
}

func (p *pkg) exampleValue(fd *field) jen.Code {
	switch fd.goType {
	case typeSecret:
		return wh("Secret").Call(jen.Lit(fd.Example))
	case typeEnum:
		for _, v := range fd.enum.values {
			if v.Value == fd.Example {
				return jen.Id(v.constant)
			}
		}
		return jen.Id(fd.enum.goType).Call(jen.Lit(fd.Example))
	}
	return jen.Lit(fd.Example)
}

// tablesFile declares the vendor's lookup tables, when it has any.
func (p *pkg) tablesFile() *jen.File {
	t := p.spec.Tables
	if len(t.Currencies) == 0 && len(t.DeclineCodes) == 0 {
		return nil
	}
	f := p.newFile()
	if len(t.Currencies) > 0 {
		addDoc(f.Group, "CurrencyEntry is one row of "+p.spec.Vendor.Name+"'s currency table (ISO 4217).")
		f.Type().Id("CurrencyEntry").Struct(
			jen.Comment("// Numeric is the three-digit code, zero-filled (\"036\")."),
			jen.Id("Numeric").String(),
			jen.Comment("// Letter is the three-letter code (\"AUD\")."),
			jen.Id("Letter").String(),
			jen.Id("Name").String(),
		)
		f.Line()
		var rows, toLetter, toNumeric []jen.Code
		for _, c := range t.Currencies {
			rows = append(rows, jen.Values(jen.Lit(c.Numeric), jen.Lit(c.Letter), jen.Lit(c.Name)))
			toLetter = append(toLetter, jen.Case(jen.Lit(webhook.TrimLeadingZeros(c.Numeric))).Block(jen.Return(jen.Lit(c.Letter), jen.True())))
			toNumeric = append(toNumeric, jen.Case(jen.Lit(c.Letter)).Block(jen.Return(jen.Lit(c.Numeric), jen.True())))
		}
		addDoc(f.Group, "Currencies returns the vendor's currency table, in its order.")
		f.Func().Id("Currencies").Params().Index().Id("CurrencyEntry").Block(jen.Return(jen.Index().Id("CurrencyEntry").Values(rows...)))
		f.Line()
		addDoc(f.Group, "CurrencyLetter returns the letter code of a numeric currency code (\"840\" → \"USD\"); leading zeros do not matter (\"36\" and \"036\" are both AUD).")
		f.Func().Id("CurrencyLetter").Params(jen.Id("numeric").String()).Params(jen.String(), jen.Bool()).Block(
			jen.Switch(wh("TrimLeadingZeros").Call(jen.Id("numeric"))).Block(toLetter...),
			jen.Return(jen.Lit(""), jen.False()),
		)
		f.Line()
		addDoc(f.Group, "CurrencyNumeric returns the zero-filled numeric code of a letter currency code (\"AUD\" → \"036\").")
		f.Func().Id("CurrencyNumeric").Params(jen.Id("letter").String()).Params(jen.String(), jen.Bool()).Block(
			jen.Switch(jen.Id("letter")).Block(toNumeric...),
			jen.Return(jen.Lit(""), jen.False()),
		)
		f.Line()
	}
	if len(t.DeclineCodes) > 0 {
		var cases []jen.Code
		seen := map[string]bool{}
		for _, d := range t.DeclineCodes {
			if seen[webhook.TrimLeadingZeros(d.Code)] {
				continue
			}
			seen[webhook.TrimLeadingZeros(d.Code)] = true
			cases = append(cases, jen.Case(jen.Lit(webhook.TrimLeadingZeros(d.Code))).Block(jen.Return(jen.Lit(d.Text), jen.True())))
		}
		addDoc(f.Group, "DeclineCodeText returns the vendor's text for a decline code; leading zeros do not matter.")
		f.Func().Id("DeclineCodeText").Params(jen.Id("code").String()).Params(jen.String(), jen.Bool()).Block(
			jen.Switch(wh("TrimLeadingZeros").Call(jen.Id("code"))).Block(cases...),
			jen.Return(jen.Lit(""), jen.False()),
		)
	}
	return f
}

// docFile holds the package comment.
func (p *pkg) docFile() *jen.File {
	f := p.newFile()
	s := p.spec
	versions := 0
	for _, ev := range p.events {
		versions += len(ev.versions)
	}
	first := p.events[0]
	example := first.latest()
	lines := docLines(
		fmt.Sprintf("Package %s holds typed, versioned %s %s payloads: one Go type per event version (%d events, %d versions), "+
			"their decoders (JSON and form-encoded), encoders and validators, and a registry of event types and versions.",
			p.name, s.Vendor.Name, s.Vendor.Product, len(p.events), versions),
		fmt.Sprintf("It is generated from the spec in spec/%s, which captures the vendor's documentation (%s) with its errata; "+
			"change the spec, not this package. It imports only the standard library and %s.", p.name, s.Vendor.DocURL, webhookPath),
		"Values are kept as the text that arrived: ids are digit strings that keep their leading zeros, a JSON number "+
			"keeps its literal, and nothing is converted to float64. Decoding never validates; Validate reports every problem "+
			"at once as a *webhook.ValidationError. Members a version does not define are kept in Extra, never dropped.",
		"A receiver that knows the event type and its configured version decodes with the type itself or with Decode:",
	)
	for _, l := range lines {
		if l == "" {
			f.PackageComment("")
		} else {
			f.PackageComment(l)
		}
	}
	f.PackageComment("")
	f.PackageComment(fmt.Sprintf("\te, err := %s.Decode(%s.%s, %d, r.Header.Get(\"Content-Type\"), body)", p.name, p.name, first.constant, example.spec.Number))
	f.PackageComment("\tif err != nil {")
	f.PackageComment("\t\treturn err // the body cannot be read as that event")
	f.PackageComment("\t}")
	f.PackageComment("\tif err := e.Validate(); err != nil {")
	f.PackageComment("\t\tvar invalid *webhook.ValidationError")
	f.PackageComment("\t\terrors.As(err, &invalid) // invalid.Problems name each field, rule and limit")
	f.PackageComment("\t}")
	f.PackageComment(fmt.Sprintf("\tsale := e.(*%s.%s)", p.name, example.goType))
	if p.hasReceiver() {
		f.PackageComment("")
		for _, l := range docLines("A service that receives the posts over HTTP mounts NewHandler, which checks the sender, limits the body, " +
			"decodes the configured version and answers 200 only once OnEvent has taken the delivery (webhook.Handler lists every status):") {
			f.PackageComment(l)
		}
		f.PackageComment("")
		f.PackageComment(fmt.Sprintf("\th, err := %s.NewHandler(%s.HandlerConfig{", p.name, p.name))
		f.PackageComment(fmt.Sprintf("\t\tOnEvent: func(ctx context.Context, d *%s.Delivery) error {", p.name))
		f.PackageComment("\t\t\treturn store(ctx, d.Key, d.Event, d.Validation) // idempotent on d.Key: the vendor redelivers until 200")
		f.PackageComment("\t\t},")
		f.PackageComment(fmt.Sprintf("\t\tVersions: map[%s.EventType]int{%s.%s: %d},", p.name, p.name, first.constant, example.spec.Number))
		f.PackageComment("\t})")
		f.PackageComment("\thttp.Handle(\"/webhooks\", h) // the handler answers other methods 405 itself, and logs them")
	}
	return f
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

func quotedList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
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

// goFiles returns the generated Go files of one vendor's package, by file name.
func (p *pkg) goFiles() (map[string]*jen.File, error) {
	files := map[string]*jen.File{
		"doc.go":      p.docFile(),
		"enums.go":    p.enumsFile(),
		"registry.go": p.registryFile(),
		"samples.go":  p.samplesFile(),
	}
	if t := p.tablesFile(); t != nil {
		files["tables.go"] = t
	}
	if c := p.clockFile(); c != nil {
		files["clock.go"] = c
	}
	if r := p.receiveFile(); r != nil {
		files["receive.go"] = r
	}
	for _, ev := range p.events {
		files[ev.file] = p.eventFile(ev)
	}
	changes, err := p.changesFile()
	if err != nil {
		return nil, err
	}
	files["changes.go"] = changes
	if p.err != nil {
		return nil, p.err
	}
	return files, nil
}

// clockFile converts the vendor's zone-less dates and timestamps, when the spec states the
// vendor's clock.
func (p *pkg) clockFile() *jen.File {
	c := p.spec.Vendor.Clock
	if c == nil {
		return nil
	}
	secs, ok := c.Seconds()
	if !ok {
		p.fail(fmt.Errorf("vendor clock: UTC offset %q is not +HH:MM or -HH:MM", c.UTCOffset))
		return nil
	}
	f := p.newFile()
	where := ""
	if c.Where != "" {
		where = c.Where + "'s clock, "
	}
	rule := fmt.Sprintf("%s's dates and timestamps carry no zone. They are on %s%s, UTC%s all year (the spec's errata %s decides it); "+
		"converting with it needs no time zone database.", p.spec.Vendor.Name, where, c.Zone, c.UTCOffset, c.Errata)
	f.Var().Id("clock").Op("=").Qual("time", "FixedZone").Call(jen.Lit(c.Zone), jen.Lit(secs))
	f.Line()
	addDoc(f.Group, "Clock returns the vendor's clock as a *time.Location.", rule)
	f.Func().Id("Clock").Params().Op("*").Qual("time", "Location").Block(jen.Return(jen.Id("clock")))
	f.Line()
	addDoc(f.Group, "ParseTimestamp reads a timestamp field (\"2012-08-05 15:18:17\") on the vendor's clock. "+
		"Fields keep their text; convert with this when you need a time.Time.", rule)
	f.Func().Id("ParseTimestamp").Params(jen.Id("s").String()).Params(jen.Qual("time", "Time"), jen.Error()).Block(
		jen.Return(jen.Qual("time", "ParseInLocation").Call(jen.Qual("time", "DateTime"), jen.Id("s"), jen.Id("clock"))))
	f.Line()
	addDoc(f.Group, "ParseDate reads a date field (\"2012-08-05\") as the start of that day on the vendor's clock.", rule)
	f.Func().Id("ParseDate").Params(jen.Id("s").String()).Params(jen.Qual("time", "Time"), jen.Error()).Block(
		jen.Return(jen.Qual("time", "ParseInLocation").Call(jen.Qual("time", "DateOnly"), jen.Id("s"), jen.Id("clock"))))
	return f
}
