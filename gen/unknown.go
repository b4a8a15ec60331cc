package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// unknownFile declares UnknownEvent, for vendors whose envelope names the event: a vendor that
// adds event types (and versions) keeps posting them to receivers generated before, and such a
// post is kept typed as far as the envelope goes, its content raw, never lost to an error.
func (p *pkg) unknownFile() (*jen.File, error) {
	o := p.unknown
	if o == nil {
		return nil, nil
	}
	d := p.spec.Vendor.Delivery
	typeField := ""
	for _, m := range o.members {
		if d.EventType != nil && m.Name == d.EventType.Name {
			typeField = m.GoName
		}
	}
	if typeField == "" {
		return nil, fmt.Errorf("UnknownEvent: the envelope has no member for the event type (delivery.eventType)")
	}
	f := p.newFile()
	p.objectStruct(f, o, []string{
		fmt.Sprintf("UnknownEvent is a %s event whose type or version this package does not know: %s adds event types over time, "+
			"and posts them to receivers generated before. The envelope's members are typed; the %s is kept as raw JSON. "+
			"Decode returns one instead of an error, and encoding it gives back every member.", p.spec.Vendor.Name, p.spec.Vendor.Name,
			p.spec.Vendor.Envelope.Content),
		"Regenerate the package from a newer spec to have the event typed.",
	}, false, jen.Comment("// version is the version the body says, 0 when it says none the package can read."), jen.Id("version").Int())
	if err := p.objectMethods(f, o, false); err != nil {
		return nil, err
	}
	addDoc(f.Group, "EventType returns the event type the body says.")
	f.Func().Params(jen.Id("e").Op("*").Id("UnknownEvent")).Id("EventType").Params().Id("EventType").Block(
		jen.Return(jen.Id("EventType").Call(jen.Id("e").Dot(typeField))))
	f.Line()
	addDoc(f.Group, "Version returns the version the body says, or 0 when it says none this package can read.")
	f.Func().Params(jen.Id("e").Op("*").Id("UnknownEvent")).Id("Version").Params().Int().Block(jen.Return(jen.Id("e").Dot("version")))
	f.Line()
	addDoc(f.Group, "Formats returns the wire formats the vendor sends events in: as JSON.")
	f.Func().Params(jen.Id("e").Op("*").Id("UnknownEvent")).Id("Formats").Params().Add(wh("FormatSet")).Block(jen.Return(wh("FormatSet").Call(wh("JSON"))))
	f.Line()
	addDoc(f.Group, "ExtraFields returns the kept members of the body that the envelope does not define (Extra).")
	f.Func().Params(jen.Id("e").Op("*").Id("UnknownEvent")).Id("ExtraFields").Params().Add(wh("RawMembers")).Block(jen.Return(jen.Id("e").Dot("Extra")))
	f.Line()
	p.resourcesMethod(f, "UnknownEvent", nil)
	p.eventCodecs(f, "UnknownEvent", jen.Id("e").Dot(typeField), jen.Id("e").Dot("version"),
		"Validate checks the envelope's members (the content is raw, so nothing in it is checked) and reports all problems at once "+
			"as a *webhook.ValidationError.")
	addDoc(f.Group, "newUnknown makes the UnknownEvent the registry decodes an unknown event type or version into.")
	f.Func().Id("newUnknown").Params(jen.Id("_").String(), jen.Id("version").Int()).Id("Event").Block(
		jen.Return(jen.Op("&").Id("UnknownEvent").Values(jen.Dict{jen.Id("version"): jen.Id("version")})))
	return f, nil
}
