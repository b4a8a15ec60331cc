package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
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
	return f, nil
}
