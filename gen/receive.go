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

// receiveFile wires the vendor into webhook.Handler: which query parameter names the event
// type, which carry the account, where the vendor posts from, and a decoder for the versions
// the application configured. It exists only when the spec says how the event type travels
// (a query parameter with role eventType); a vendor that names it in the body needs another
// way in, not a guess.
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

	addDoc(f.Group, "Delivery is one received webhook: its key for deduplication, the typed event decoded in the configured version, "+
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
		jen.Comment("// Versions are the versions configured with " + vendor.Name + " for each event type. An event type"),
		jen.Comment("// left out is decoded in its latest version, which is what a new configuration gets."),
		jen.Id("Versions").Map(jen.Id("EventType")).Int(),
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
	fields = append(fields, jen.Line(), jen.Comment("// Options are the handler's settings: source ranges, trusted proxies, body limit, logger."), wh("Options"))
	addDoc(f.Group, "HandlerConfig configures NewHandler.")
	f.Type().Id("HandlerConfig").Struct(fields...)
	f.Line()

	endpoint := jen.Dict{
		jen.Id("Vendor"):     jen.Lit(vendor.ID),
		jen.Id("EventParam"): jen.Lit(eventParam.Name),
		jen.Id("Decode"):     jen.Id("decodeConfigured").Call(jen.Id("versions")),
	}
	if groupParam != nil {
		endpoint[jen.Id("GroupParam")] = jen.Lit(groupParam.Name)
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
	sources := "the address ranges in SourceRanges"
	if len(ranges) == 0 {
		sources = "Options.SourceRanges (the vendor publishes none, so they are required)"
	}
	addDoc(f.Group,
		fmt.Sprintf("NewHandler returns an http.Handler for %s's webhook posts. It takes POSTs from %s, reads the event type from the %s query parameter, "+
			"decodes the body in the version cfg.Versions configures for it (JSON or form-encoded; webhook.Handler says how the format is chosen), "+
			"validates it and calls cfg.OnEvent.", vendor.Name, sources, eventParam.Name),
		"It fails when cfg.OnEvent is nil, a configured version does not exist, or the options are inconsistent.")
	f.Func().Id("NewHandler").Params(jen.Id("cfg").Id("HandlerConfig")).Params(jen.Op("*").Id("Handler"), jen.Error()).Block(
		jen.Id("versions").Op(":=").Make(jen.Map(jen.Id("EventType")).Int(), jen.Len(jen.Id("cfg").Dot("Versions"))),
		jen.For(jen.List(jen.Id("t"), jen.Id("v")).Op(":=").Range().Id("cfg").Dot("Versions")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("New").Call(jen.Id("t"), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(vendor.ID+": HandlerConfig.Versions: %w"), jen.Err())),
			),
			jen.Id("versions").Index(jen.Id("t")).Op("=").Id("v"),
		),
		jen.Return(wh("NewHandler").Call(wh("Endpoint").Types(jen.Id("Event")).Values(endpoint), jen.Id("cfg").Dot("OnEvent"), jen.Id("cfg").Dot("Options"))),
	)
	f.Line()

	addDoc(f.Group, "decodeConfigured decodes an event type in its configured version, or its latest when none is configured.")
	f.Func().Id("decodeConfigured").Params(jen.Id("versions").Map(jen.Id("EventType")).Int()).
		Func().Params(jen.String(), wh("WireFormat"), jen.Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("eventType").String(), jen.Id("format").Add(wh("WireFormat")), jen.Id("body").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Id("t").Op(":=").Id("EventType").Call(jen.Id("eventType")),
			jen.List(jen.Id("version"), jen.Id("ok")).Op(":=").Id("versions").Index(jen.Id("t")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Id("version").Op("=").Id("Latest").Call(jen.Id("t"))),
			jen.Return(jen.Id("registry").Dot("DecodeFormat").Call(jen.Id("eventType"), jen.Id("version"), jen.Id("format"), jen.Id("body"))),
		)),
	)
	return f, nil
}
