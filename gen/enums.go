package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/webhook"
)

// enumsFile declares every enum: a string type, its constants, the list of values and the
// validity check.
func (p *pkg) enumsFile() (*jen.File, error) {
	f := p.newFile()
	for _, e := range p.enums {
		se := e.spec
		about := []string{fmt.Sprintf("%s is %s", e.goType, lowerSentence(se.Description))}
		if se.Numeric {
			about = append(about, "Its values are numbers: Valid ignores leading zeros (\"036\" and \"36\" are the same value).")
		}
		if se.Source != "" {
			about = append(about, "Source: "+sentence(se.Source))
		}
		if len(e.openIn) > 0 {
			about = append(about, fmt.Sprintf("Real traffic carries values outside these in %s: there the constants are the known values, Valid says whether a value is a known one, and validation reports another as a warning, not an error.", strings.Join(e.openIn, ", ")))
		}
		addDoc(f.Group, about...)
		f.Type().Id(e.goType).String()
		f.Line()
		var consts []jen.Code
		for _, v := range e.values {
			if v.Description != "" {
				consts = append(consts, comments(docLines(v.constant+": "+sentence(v.Description)))...)
			}
			consts = append(consts, jen.Id(v.constant).Id(e.goType).Op("=").Lit(v.Value))
		}
		f.Const().Defs(consts...)
		f.Line()

		var list []jen.Code
		for _, v := range e.values {
			list = append(list, jen.Id(v.constant))
		}
		addDoc(f.Group, fmt.Sprintf("%sValues returns every value of %s, in the vendor's order.", e.goType, e.goType))
		f.Func().Id(e.goType + "Values").Params().Index().Id(e.goType).Block(jen.Return(jen.Index().Id(e.goType).Values(list...)))
		f.Line()

		var match jen.Code = jen.Id("v")
		var cases []jen.Code
		seen := map[string]bool{}
		for _, v := range e.values {
			key := v.Value
			if se.Numeric {
				key = webhook.TrimLeadingZeros(key)
			}
			if !seen[key] {
				seen[key] = true
				if se.Numeric {
					cases = append(cases, jen.Lit(key))
				} else {
					cases = append(cases, jen.Id(v.constant))
				}
			}
		}
		if se.Numeric {
			match = wh("TrimLeadingZeros").Call(jen.String().Call(jen.Id("v")))
		}
		addDoc(f.Group, fmt.Sprintf("Valid reports whether v is one of the values of %s.", e.goType))
		f.Func().Params(jen.Id("v").Id(e.goType)).Id("Valid").Params().Bool().Block(
			jen.Switch(match).Block(jen.Case(cases...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		)
		f.Line()

		if slices.ContainsFunc(e.values, func(v enumValue) bool { return v.Description != "" }) {
			var dcases []jen.Code
			done := map[string]bool{}
			for _, v := range e.values {
				key := v.Value
				if se.Numeric {
					key = webhook.TrimLeadingZeros(key)
				}
				if v.Description == "" || done[key] {
					continue
				}
				done[key] = true
				dcases = append(dcases, jen.Case(jen.Lit(key)).Block(jen.Return(jen.Lit(v.Description))))
			}
			var dmatch jen.Code = jen.String().Call(jen.Id("v"))
			if se.Numeric {
				dmatch = match
			}
			addDoc(f.Group, "Description returns the vendor's text for v, or \"\" for a value it does not list.")
			f.Func().Params(jen.Id("v").Id(e.goType)).Id("Description").Params().String().Block(
				jen.Switch(dmatch).Block(dcases...),
				jen.Return(jen.Lit("")),
			)
			f.Line()
		}

		var allowed []string
		for _, v := range e.values {
			allowed = append(allowed, v.Value)
		}
		addDoc(f.Group, e.allowed+" lists the values in validation errors.")
		f.Const().Id(e.allowed).Op("=").Lit(strings.Join(allowed, ", "))
		f.Line()
	}
	return f, nil
}
