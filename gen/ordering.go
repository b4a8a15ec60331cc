package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// The ordering of resources, for vendors that may deliver out of order (Delivery.Ordering): each
// named type that has an id and the ordering member gets a resource method, and each enveloped
// event lists the resources its content carries.

// orderedType names the members of a named type that order it, or nil when it has not both an
// id and the ordering member.
type orderedType struct {
	id, version, kind *field
}

func (p *pkg) ordered(o *goStruct) *orderedType {
	ord := p.spec.Vendor.Delivery.Ordering
	if ord == nil || o == nil || o.named == nil {
		return nil
	}
	idName := ord.ID
	if idName == "" {
		idName = "id"
	}
	var t orderedType
	for _, m := range o.members {
		switch {
		case m.Name == idName && m.typ.kind == goText:
			t.id = m
		case m.Name == ord.Member && (m.typ.kind == goInt || m.typ.kind == goUnixMillis || m.typ.kind == goUnixTime):
			t.version = m
		case ord.Kind != "" && m.Name == ord.Kind && m.typ.textual():
			t.kind = m
		}
	}
	if t.id == nil || t.version == nil {
		return nil
	}
	return &t
}

// resourceMethod writes the named type's resource method, when the type is ordered.
func (p *pkg) resourceMethod(f *jen.File, o *goStruct) {
	t := p.ordered(o)
	if t == nil {
		return
	}
	value := map[goKind]string{goInt: "Value", goUnixMillis: "Millis", goUnixTime: "Seconds"}[t.version.typ.kind]
	var kind jen.Code = jen.Lit(o.named.Name)
	if t.kind != nil {
		kind = jen.String().Call(jen.Id("o").Dot(t.kind.GoName))
	}
	addDoc(f.Group, fmt.Sprintf("resource is the object as a webhook.Resource, and false when it lacks its %s or %s.", t.id.Name, t.version.Name))
	f.Func().Params(jen.Id("o").Op("*").Id(o.goType)).Id("resource").Params().Params(wh("Resource"), jen.Bool()).Block(
		jen.Return(wh("Resource").Values(jen.Dict{
			jen.Id("Kind"):    kind,
			jen.Id("ID"):      jen.Id("o").Dot(t.id.GoName),
			jen.Id("Version"): jen.Id("o").Dot(t.version.GoName).Dot(value),
		}), jen.Id("o").Dot(t.id.GoName).Op("!=").Lit("").Op("&&").Id("o").Dot(t.version.GoName).Dot("Set")),
	)
	f.Line()
}

// resourcesMethod writes an enveloped event's Resources: the ordered objects its content
// carries, directly or in arrays.
func (p *pkg) resourcesMethod(f *jen.File, goType string, content *goStruct) {
	ord := p.spec.Vendor.Delivery.Ordering
	if ord == nil {
		return
	}
	body := []jen.Code{jen.Var().Id("out").Index().Add(wh("Resource"))}
	if content != nil {
		c := jen.Id("e").Dot("Content")
		for _, m := range content.members {
			switch {
			case m.typ.kind == goObject && p.ordered(m.typ.obj) != nil:
				body = append(body, jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Add(c.Clone()).Dot(m.GoName).Dot("resource").Call(), jen.Id("ok")).Block(
					jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("r"))))
			case m.typ.kind == goArray && m.typ.elem.kind == goObject && p.ordered(m.typ.elem.obj) != nil:
				body = append(body, jen.For(jen.Id("i").Op(":=").Range().Add(c.Clone()).Dot(m.GoName)).Block(
					jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Add(c.Clone()).Dot(m.GoName).Index(jen.Id("i")).Dot("resource").Call(), jen.Id("ok")).Block(
						jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("r")))))
			}
		}
	}
	body = append(body, jen.Return(jen.Id("out")))
	addDoc(f.Group, fmt.Sprintf("Resources lists the resources the event carries that have an id and a %s, in the content's order. %s "+
		"Apply a resource's state only when webhook.Newer(stored, r.Version); webhook/sqlstore's AdvanceVersion does it atomically.",
		ord.Member, sentence(ord.Description)))
	f.Func().Params(jen.Id("e").Op("*").Id(goType)).Id("Resources").Params().Index().Add(wh("Resource")).Block(body...)
	f.Line()
}

// hasOrdering reports whether the vendor's events list their resources.
func (p *pkg) hasOrdering() bool {
	return p.enveloped() && p.spec.Vendor.Delivery.Ordering != nil
}
