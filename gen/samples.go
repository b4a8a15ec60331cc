package gen

import "github.com/dave/jennifer/jen"

// samplesFile builds every version from the guide's example values, for tests, for trying a
// receiver, and as documentation of what a payload looks like.
func (p *pkg) samplesFile() (*jen.File, error) {
	if p.enveloped() {
		// The examples of nested bodies are not in the spec's rows; a sample there would be an
		// empty envelope, which misleads more than it helps.
		return nil, nil
	}
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
	return f, nil
}

func (p *pkg) exampleValue(fd *field) jen.Code {
	switch fd.typ.kind {
	case goSecret:
		return wh("Secret").Call(jen.Lit(fd.Example))
	case goEnum:
		for _, v := range fd.typ.enum.values {
			if v.Value == fd.Example {
				return jen.Id(v.constant)
			}
		}
		return jen.Id(fd.typ.enum.goType).Call(jen.Lit(fd.Example))
	}
	return jen.Lit(fd.Example)
}
