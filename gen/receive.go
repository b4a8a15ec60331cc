package gen

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// handlerConfigFields are HandlerConfig's own fields; an account parameter's Go name must differ.
var handlerConfigFields = []string{"OnEvent", "Versions", "Options"}

// receiveFile wires the vendor into webhook.Handler: where a post says its event type (a query
// parameter, or the body as the registry's Route says), which parameters carry the account or
// a URL key, where the vendor posts from, and a decoder for the versions the application
// configured or accepts. It exists only when the spec says how the event type travels.
func (p *pkg) receiveFile() (*jen.File, error) {
	d := p.spec.Vendor.Delivery
	var eventParam, groupParam *spec.QueryParameter
	var accounts []*spec.QueryParameter
	for i := range d.QueryParameters {
		q := &d.QueryParameters[i]
		switch q.Role {
		case spec.RoleEventType:
			eventParam = q
		case spec.RoleEventGroup:
			groupParam = q
		case spec.RoleAccount:
			accounts = append(accounts, q)
		}
	}
	if !p.hasReceiver() {
		return nil, nil
	}
	if len(accounts) > webhook.MaxAccountParams {
		return nil, fmt.Errorf("vendor delivery: %d account parameters, the handler reads at most %d", len(accounts), webhook.MaxAccountParams)
	}
	vendor := p.spec.Vendor
	f := p.newFile()

	var ranges []jen.Code
	var rangeTexts []string
	for _, r := range d.SourceRanges {
		if _, err := netip.ParsePrefix(r.CIDR); err != nil {
			return nil, fmt.Errorf("vendor delivery: source range %q: %v", r.CIDR, err)
		}
		ranges = append(ranges, jen.Qual("net/netip", "MustParsePrefix").Call(jen.Lit(r.CIDR)))
		rangeTexts = append(rangeTexts, r.Text)
	}
	if len(ranges) > 0 {
		addDoc(f.Group, fmt.Sprintf("SourceRanges returns the address ranges %s posts webhooks from, as its documentation publishes them (%s). "+
			"NewHandler refuses posts from elsewhere unless Options.SourceRanges replaces them.", vendor.Name, strings.Join(rangeTexts, ", ")))
		f.Func().Id("SourceRanges").Params().Index().Qual("net/netip", "Prefix").Block(
			jen.Return(jen.Index().Qual("net/netip", "Prefix").ValuesFunc(func(g *jen.Group) {
				for _, r := range ranges {
					g.Line().Add(r)
				}
				g.Line()
			})),
		)
		f.Line()
	}

	decodedIn := "the configured version"
	if d.Version != nil && d.Version.In != spec.InConfigured {
		decodedIn = "the version it says"
	}
	addDoc(f.Group, "Delivery is one received webhook: its key for deduplication, the typed event decoded in "+decodedIn+", "+
		"and the result of validating it. Switch on Event's type to handle it.")
	f.Type().Id("Delivery").Op("=").Add(wh("Delivery")).Types(jen.Id("Event"))
	f.Line()
	addDoc(f.Group, "Handler is the http.Handler NewHandler returns; webhook.Handler documents the status it answers each post with.")
	f.Type().Id("Handler").Op("=").Add(wh("Handler")).Types(jen.Id("Event"))
	f.Line()

	fields := []jen.Code{
		jen.Comment("// OnEvent receives every decoded delivery, valid or not (see Delivery.Validation). The post is"),
		jen.Comment("// answered 200 only when it returns nil; an error makes " + vendor.Name + " deliver it again, so"),
		jen.Comment("// store it idempotently by Delivery.Key. Required."),
		jen.Id("OnEvent").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Id("Delivery")).Error(),
		jen.Line(),
	}
	onWire := d.Version != nil && d.Version.In != spec.InConfigured
	if p.unknown != nil {
		fields = append(fields, comments(docLines("AcceptUnknown hands an event type (or version) this package does not know to OnEvent "+
			"as an *UnknownEvent, the envelope typed and the content raw, instead of rejecting it (webhook.RejectUnknownEvent): "+
			"for an application that stores every event and reads new types later. "+vendor.Name+" adds event types over time."))...)
		fields = append(fields, jen.Id("AcceptUnknown").Bool(), jen.Line())
	}
	if onWire {
		fields = append(fields, comments(docLines(fmt.Sprintf("Versions are the versions this endpoint accepts: the version a post "+
			"says (its %s) must be one of them, or the post is rejected (webhook.RejectVersion) rather than handed to OnEvent in a "+
			"shape the application does not expect. Empty accepts every version the package knows.", d.Version.Name)))...)
		fields = append(fields, jen.Id("Versions").Index().Int())
	} else {
		fields = append(fields,
			jen.Comment("// Versions are the versions configured with "+vendor.Name+" for each event type. An event type"),
			jen.Comment("// left out is decoded in its latest version, which is what a new configuration gets."),
			jen.Id("Versions").Map(jen.Id("EventType")).Int(),
		)
	}
	var accountParams []jen.Code
	claimed := map[string]bool{}
	for _, n := range handlerConfigFields {
		claimed[n] = true
	}
	for _, q := range accounts {
		goName := spec.GoName(q.Name)
		if claimed[goName] {
			return nil, fmt.Errorf("vendor delivery: account parameter %q would be HandlerConfig.%s, which is taken", q.Name, goName)
		}
		claimed[goName] = true
		doc := fmt.Sprintf("%s, when set, is checked against the %s query parameter", goName, q.Name)
		if q.Field != "" {
			doc += fmt.Sprintf(" and the body's %s field", q.Field)
		}
		doc += "; a post for another account is rejected (webhook.RejectAccount). " + q.Description
		fields = append(fields, jen.Line())
		fields = append(fields, comments(docLines(doc))...)
		fields = append(fields, jen.Id(goName).String())
		param := jen.Dict{jen.Id("Param"): jen.Lit(q.Name), jen.Id("Want"): jen.Id("cfg").Dot(goName)}
		if q.Field != "" {
			param[jen.Id("Field")] = jen.Lit(q.Field)
		}
		accountParams = append(accountParams, jen.Values(param))
	}
	fields = append(fields, jen.Line(), jen.Comment("// Options are the handler's settings: authentication, source ranges, trusted proxies, body limit, logger."), wh("Options"))
	addDoc(f.Group, "HandlerConfig configures NewHandler.")
	f.Type().Id("HandlerConfig").Struct(fields...)
	f.Line()

	endpoint := jen.Dict{jen.Id("Vendor"): jen.Lit(vendor.ID)}
	for _, a := range d.Auth {
		if a.Kind == spec.AuthBasic {
			endpoint[jen.Id("BasicAuth")] = jen.True()
		}
	}
	var where string
	if eventParam != nil {
		endpoint[jen.Id("EventParam")] = jen.Lit(eventParam.Name)
		where = fmt.Sprintf("reads the event type from the %s query parameter", eventParam.Name)
	} else {
		endpoint[jen.Id("Route")] = jen.Id("registry").Dot("Route")
		where = fmt.Sprintf("reads the event type from the body's %s member", d.EventType.Name)
	}
	if groupParam != nil {
		endpoint[jen.Id("GroupParam")] = jen.Lit(groupParam.Name)
	}
	var schemes []string
	for _, a := range d.Auth {
		switch a.Kind {
		case spec.AuthURLKey:
			endpoint[jen.Id("KeyParam")] = jen.Lit(a.Param)
			schemes = append(schemes, fmt.Sprintf("a secret key in the URL's %s parameter (Options.URLKeys)", a.Param))
		case spec.AuthBasic:
			s := "HTTP Basic authentication (Options.BasicAuth)"
			if a.Recommended {
				s += ", which " + vendor.Name + " recommends"
			}
			schemes = append(schemes, s)
		}
	}
	if len(accountParams) > 0 {
		endpoint[jen.Id("Accounts")] = jen.Index().Add(wh("AccountParam")).ValuesFunc(func(g *jen.Group) {
			for _, a := range accountParams {
				g.Line().Add(a)
			}
			g.Line()
		})
	}
	if len(ranges) > 0 {
		endpoint[jen.Id("SourceRanges")] = jen.Id("SourceRanges").Call()
	}
	sources := "the address ranges in SourceRanges (unless Options.AnySource)"
	switch {
	case len(ranges) == 0 && len(schemes) > 0:
		sources = "Options.SourceRanges (the vendor publishes none), or from anywhere with Options.AnySource and credentials"
	case len(ranges) == 0:
		sources = "Options.SourceRanges (the vendor publishes none, and sends no credentials, so they are required)"
	}
	var decode jen.Code
	var versionsDoc string
	var check []jen.Code
	if onWire {
		endpoint[jen.Id("Versions")] = jen.Id("cfg").Dot("Versions")
		decode = jen.Id("decodeRouted")
		if p.unknown != nil {
			decode = jen.Id("decodeRouted").Call(jen.Id("cfg").Dot("AcceptUnknown"))
		}
		versionsDoc = fmt.Sprintf("decodes the body in the version its %s says, if cfg.Versions accepts it", d.Version.Name)
		check = []jen.Code{
			jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("cfg").Dot("Versions")).Block(
				jen.If(jen.Op("!").Id("knownVersion").Call(jen.Id("v"))).Block(
					jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(vendor.ID+": HandlerConfig.Versions: no event has version %d"), jen.Id("v"))),
				),
			),
		}
	} else {
		decode = jen.Id("decodeConfigured").Call(jen.Id("versions"))
		versionsDoc = "decodes the body in the version cfg.Versions configures for it (as JSON)"
		if p.sendsForm() {
			versionsDoc = "decodes the body in the version cfg.Versions configures for it (JSON or form-encoded; webhook.Handler says how the format is chosen)"
		}
		check = []jen.Code{
			jen.Id("versions").Op(":=").Make(jen.Map(jen.Id("EventType")).Int(), jen.Len(jen.Id("cfg").Dot("Versions"))),
			jen.For(jen.List(jen.Id("t"), jen.Id("v")).Op(":=").Range().Id("cfg").Dot("Versions")).Block(
				jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("New").Call(jen.Id("t"), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(vendor.ID+": HandlerConfig.Versions: %w"), jen.Err())),
				),
				jen.Id("versions").Index(jen.Id("t")).Op("=").Id("v"),
			),
		}
	}
	endpoint[jen.Id("Decode")] = decode
	doc := []string{fmt.Sprintf("NewHandler returns an http.Handler for %s's webhook posts. It takes POSTs from %s, %s, %s, validates it and calls cfg.OnEvent.",
		vendor.Name, sources, where, versionsDoc)}
	if len(schemes) > 0 {
		doc = append(doc, fmt.Sprintf("%s authenticates its posts with %s: configure them and a post without them is refused before its body is read.",
			vendor.Name, strings.Join(schemes, ", or ")))
	}
	if d.Key != nil && d.Key.In == spec.InBody {
		doc = append(doc, fmt.Sprintf("Delivery.Key comes from the body's %s member, which a retry keeps even when the rest of the body changes.", d.Key.Name))
	}
	doc = append(doc, "It fails when cfg.OnEvent is nil, a configured version does not exist, or the options are inconsistent.")
	addDoc(f.Group, doc...)
	body := append(check, jen.Return(wh("NewHandler").Call(wh("Endpoint").Types(jen.Id("Event")).Values(endpoint), jen.Id("cfg").Dot("OnEvent"), jen.Id("cfg").Dot("Options"))))
	f.Func().Id("NewHandler").Params(jen.Id("cfg").Id("HandlerConfig")).Params(jen.Op("*").Id("Handler"), jen.Error()).Block(body...)
	f.Line()

	decodeParams := []jen.Code{jen.Id("eventType").String(), jen.Id("version").Int(), jen.Id("format").Add(wh("WireFormat")), jen.Id("body").Index().Byte()}
	if onWire && p.unknown != nil {
		addDoc(f.Group, "decodeRouted decodes an event type in the version its body says; one the package does not know is an "+
			"*UnknownEvent when acceptUnknown, and a rejection otherwise.")
		f.Func().Id("decodeRouted").Params(jen.Id("acceptUnknown").Bool()).Func().Params(jen.String(), jen.Int(), wh("WireFormat"), jen.Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.If(jen.Id("acceptUnknown")).Block(jen.Return(jen.Id("registry").Dot("DecodeAny"))),
			jen.Return(jen.Id("registry").Dot("DecodeFormat")),
		)
		f.Line()
	} else if onWire {
		addDoc(f.Group, "decodeRouted decodes an event type in the version its body says.")
		f.Func().Id("decodeRouted").Params(decodeParams...).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Return(jen.Id("registry").Dot("DecodeFormat").Call(jen.Id("eventType"), jen.Id("version"), jen.Id("format"), jen.Id("body"))))
		f.Line()
	}
	if onWire {
		addDoc(f.Group, "knownVersion reports whether some event type has version v.")
		f.Func().Id("knownVersion").Params(jen.Id("v").Int()).Bool().Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("t")).Op(":=").Range().Id("Events").Call()).Block(
				jen.If(jen.Qual("slices", "Contains").Call(jen.Id("Versions").Call(jen.Id("t")), jen.Id("v"))).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
		return f, nil
	}
	addDoc(f.Group, "decodeConfigured decodes an event type in its configured version, or its latest when none is configured: "+
		"the version is not on the wire.")
	f.Func().Id("decodeConfigured").Params(jen.Id("versions").Map(jen.Id("EventType")).Int()).
		Func().Params(jen.String(), jen.Int(), wh("WireFormat"), jen.Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("eventType").String(), jen.Id("_").Int(), jen.Id("format").Add(wh("WireFormat")), jen.Id("body").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Id("t").Op(":=").Id("EventType").Call(jen.Id("eventType")),
			jen.List(jen.Id("version"), jen.Id("ok")).Op(":=").Id("versions").Index(jen.Id("t")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Id("version").Op("=").Id("Latest").Call(jen.Id("t"))),
			jen.Return(jen.Id("registry").Dot("DecodeFormat").Call(jen.Id("eventType"), jen.Id("version"), jen.Id("format"), jen.Id("body"))),
		)),
	)
	return f, nil
}
