package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// typesFile declares the vendor's named object types (types.yaml): each struct once, with its
// decoder, encoder, validator and log value, which every event that carries it calls. Vendors
// with flat bodies have none.
func (p *pkg) typesFile() (*jen.File, error) {
	if len(p.types) == 0 {
		return nil, nil
	}
	f := p.newFile()
	for _, o := range p.types {
		t := o.named
		doc := []string{fmt.Sprintf("%s is %s", o.goType, lowerSentence(orText(t.Description, "the "+t.Name+" object.")))}
		if t.Source != "" {
			doc = append(doc, "Defined by "+sentence(t.Source))
		}
		if t.DocURL != "" {
			doc = append(doc, "Documentation: "+t.DocURL)
		}
		p.objectStruct(f, o, doc, true)
		if err := p.objectMethods(f, o, true); err != nil {
			return nil, err
		}
		p.objectJSON(f, o)
		p.resourceMethod(f, o)
	}
	return f, nil
}

func orText(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// objectJSON gives a named type the encoding/json interfaces, so that one can be decoded or
// encoded on its own (a resource fetched from the vendor's API, a stored copy) with the same
// rules as inside an event.
func (p *pkg) objectJSON(f *jen.File, o *goStruct) {
	addDoc(f.Group, "UnmarshalJSON decodes a JSON object as an event's decoder does: values of unexpected shapes and members sent twice "+
		"are errors naming their path, unknown members go to Extra. It does not validate.")
	f.Func().Params(objectRecv(o)).Id("UnmarshalJSON").Params(jen.Id("body").Index().Byte()).Error().Block(
		jen.Op("*").Id("o").Op("=").Id(o.goType).Values(),
		jen.Id("d").Op(":=").Add(wh("NewDecoder")).Call(jen.String().Call(jen.Id("body"))),
		jen.Id("o").Dot("decode").Call(jen.Op("&").Id("d")),
		jen.Return(jen.Id("d").Dot("End").Call()),
	)
	f.Line()
	addDoc(f.Group, "MarshalJSON encodes the object as an event's encoder does, secrets included: it is data, not a log line.")
	f.Func().Params(jen.Id("o").Id(o.goType)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("enc").Op(":=").Add(wh("NewEncoder")).Call(jen.Nil()),
		jen.Id("o").Dot("encode").Call(jen.Id("enc")),
		jen.Return(jen.Id("enc").Dot("Bytes").Call(), jen.Id("enc").Dot("Err").Call()),
	)
	f.Line()
}
