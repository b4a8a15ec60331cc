package gen

import (
	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/webhook"
)

// tablesFile declares the vendor's lookup tables, when it has any.
func (p *pkg) tablesFile() (*jen.File, error) {
	t := p.spec.Tables
	if len(t.Currencies) == 0 && len(t.DeclineCodes) == 0 {
		return nil, nil
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
	return f, nil
}
