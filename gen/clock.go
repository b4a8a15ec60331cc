package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// clockFile converts the vendor's zone-less dates and timestamps, when the spec states the
// vendor's clock.
func (p *pkg) clockFile() (*jen.File, error) {
	c := p.spec.Vendor.Clock
	if c == nil {
		return nil, nil
	}
	secs, ok := c.Seconds()
	if !ok {
		return nil, fmt.Errorf("vendor clock: UTC offset %q is not +HH:MM or -HH:MM", c.UTCOffset)
	}
	f := p.newFile()
	where := ""
	if c.Where != "" {
		where = c.Where + "'s clock, "
	}
	rule := fmt.Sprintf("%s's dates and timestamps carry no zone. They are on %s%s, UTC%s all year (the spec's errata %s decides it); "+
		"converting with it needs no time zone database.", p.spec.Vendor.Name, where, c.Zone, c.UTCOffset, c.Errata)
	f.Var().Id("clock").Op("=").Qual("time", "FixedZone").Call(jen.Lit(c.Zone), jen.Lit(secs))
	f.Line()
	addDoc(f.Group, "Clock returns the vendor's clock as a *time.Location.", rule)
	f.Func().Id("Clock").Params().Op("*").Qual("time", "Location").Block(jen.Return(jen.Id("clock")))
	f.Line()
	addDoc(f.Group, "ParseTimestamp reads a timestamp field (\"2012-08-05 15:18:17\") on the vendor's clock. "+
		"Fields keep their text; convert with this when you need a time.Time.", rule)
	f.Func().Id("ParseTimestamp").Params(jen.Id("s").String()).Params(jen.Qual("time", "Time"), jen.Error()).Block(
		jen.Return(jen.Qual("time", "ParseInLocation").Call(jen.Qual("time", "DateTime"), jen.Id("s"), jen.Id("clock"))))
	f.Line()
	addDoc(f.Group, "ParseDate reads a date field (\"2012-08-05\") as the start of that day on the vendor's clock.", rule)
	f.Func().Id("ParseDate").Params(jen.Id("s").String()).Params(jen.Qual("time", "Time"), jen.Error()).Block(
		jen.Return(jen.Qual("time", "ParseInLocation").Call(jen.Qual("time", "DateOnly"), jen.Id("s"), jen.Id("clock"))))
	return f, nil
}
