package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookspec/hookspec/spec"
)

// docFile holds the package comment.
func (p *pkg) docFile() (*jen.File, error) {
	f := p.newFile()
	s := p.spec
	versions := 0
	for _, ev := range p.events {
		versions += len(ev.versions)
	}
	first := p.events[0]
	example := first.latest()
	codecs := "their decoders (JSON and form-encoded), encoders and validators"
	values := "Values are kept as text, never converted to float64: ids are digit strings that keep their leading zeros, and a JSON number " +
		"reads as its value written plainly (1e3 as \"1000\", 4.90 as \"4.9\"; see webhook's Numbers)."
	if p.enveloped() {
		codecs = "their JSON decoders, encoders and validators, the named types their content is made of"
		values = "Values keep what arrived: ids and other text as text (a JSON number sent for text as its value written plainly), numbers of no stated shape as their literal (webhook.Number), " +
			"integers as webhook.Int with a flag for absence, unix times with Time accessors, raw members as raw JSON."
	}
	if example, ok := p.amountExample(); ok {
		values += " Amounts the spec pairs with a currency have exact accessors in the currency's minor units (such as " + example +
			"), never a float on the way."
	}
	agree := ""
	for _, ev := range p.events {
		for _, v := range ev.versions {
			if p.agreePairs(v) != "" {
				agree = ": each member's own constraints and, where a version has any, the rules between members " +
					"(a pair that disagrees is webhook.RuleAgree)"
			}
		}
	}
	lines := docLines(
		fmt.Sprintf("Package %s holds typed, versioned %s %s payloads: one Go type per event version (%s, %s), "+
			"%s, and a registry of event types and versions.",
			p.name, s.Vendor.Name, s.Vendor.Product, count(len(p.events), "event", "events"), count(versions, "version", "versions"), codecs),
		fmt.Sprintf("It is generated from the spec in spec/%s, which captures the vendor's documentation (%s) with its errata; "+
			"change the spec, not this package. It imports only the standard library and %s.", p.name, s.Vendor.DocURL, webhookPath),
		values+" Decoding never validates; Validate reports every problem at once as a *webhook.ValidationError"+agree+". "+
			"It returns nil when every problem is a warning; ValidateWith with FailOn webhook.SeverityWarning reaches a valid event's warnings. "+
			"Members a version does not define are kept in Extra, never dropped.",
	)
	comment := func(l string) { f.PackageComment(l) }
	for _, l := range lines {
		comment(l)
	}
	comment("")
	if p.routedInBody() {
		for _, l := range docLines("A body says its own event type and version, so Decode needs nothing else:") {
			comment(l)
		}
		comment("")
		comment(fmt.Sprintf("	e, err := %s.Decode(body)", p.name))
	} else {
		for _, l := range docLines("A receiver that knows the event type and its configured version decodes with the type itself or with Decode:") {
			comment(l)
		}
		comment("")
		comment(fmt.Sprintf("	e, err := %s.Decode(%s.%s, %d, r.Header.Get(\"Content-Type\"), body)", p.name, p.name, first.constant, example.spec.Number))
	}
	comment("\tif err != nil {")
	comment("\t\treturn err // the body cannot be read as that event")
	comment("\t}")
	comment("\tif err := e.Validate(); err != nil {")
	comment("\t\tvar invalid *webhook.ValidationError")
	comment("\t\terrors.As(err, &invalid) // invalid.Problems name each member, rule and limit")
	comment("\t}")
	comment(fmt.Sprintf("\tevent := e.(*%s.%s)", p.name, example.goType))
	if p.hasReceiver() {
		comment("")
		decodes := "decodes the configured version"
		if p.routedInBody() {
			decodes = "decodes the version the body says"
		}
		for _, l := range docLines("A service that receives the posts over HTTP mounts NewHandler, which checks the sender (and the credentials), " +
			"limits the body, " + decodes + " and answers 200 only once OnEvent has taken the delivery (webhook.Handler lists every status):") {
			comment(l)
		}
		comment("")
		comment(fmt.Sprintf("\th, err := %s.NewHandler(%s.HandlerConfig{", p.name, p.name))
		comment(fmt.Sprintf("\t\tOnEvent: func(ctx context.Context, d *%s.Delivery) error {", p.name))
		comment("\t\t\treturn store(ctx, d.Key, d.Event, d.Validation) // idempotent on d.Key: the vendor redelivers until 200")
		comment("\t\t},")
		if p.routedInBody() {
			comment(fmt.Sprintf("\t\tVersions: []int{%d}, // the version this endpoint is configured for", example.spec.Number))
			for _, a := range p.spec.Vendor.Delivery.Auth {
				if a.Kind == spec.AuthBasic {
					comment("\t\tOptions: webhook.Options{BasicAuth: []webhook.BasicCredentials{{User: user, Password: password}}},")
					break
				}
			}
		} else {
			comment(fmt.Sprintf("\t\tVersions: map[%s.EventType]int{%s.%s: %d},", p.name, p.name, first.constant, example.spec.Number))
		}
		comment("\t})")
		comment("\thttp.Handle(\"/webhooks\", h) // the handler answers other methods 405 itself, and logs them")
	}
	return f, nil
}

// count is n with the noun in the number it takes: "1 event", "3 events".
func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
