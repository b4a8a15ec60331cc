package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookspec/hookspec/spec"
)

// steps are the classified changes between consecutive versions of every event, both ways,
// from the spec's diff engine: what Changes and CHANGELOG.md are made of.
type step struct {
	from, to int
	changes  []spec.Change
}

func (p *pkg) steps(ev *event) ([]step, error) {
	var out []step
	for i := 1; i < len(ev.versions); i++ {
		a, b := ev.versions[i-1], ev.versions[i]
		up, err := p.spec.DiffVersions(ev.spec, a.spec, b.spec)
		if err != nil {
			return nil, err
		}
		down, err := p.spec.DiffVersions(ev.spec, b.spec, a.spec)
		if err != nil {
			return nil, err
		}
		out = append(out, step{a.spec.Number, b.spec.Number, up}, step{b.spec.Number, a.spec.Number, down})
	}
	return out, nil
}

// levelConst is the webhook constant that spells level l in generated code: "Level" and the
// level's name ("LevelBreaking"). The diff engine's Level is webhook's, so nothing converts.
func levelConst(l spec.Level) *jen.Statement {
	name := l.String()
	return wh("Level" + strings.ToUpper(name[:1]) + name[1:])
}

// changesFile declares Changes over the registry's walk, and the data it walks: the classified
// changes between each event's adjacent versions, both ways.
func (p *pkg) changesFile() (*jen.File, error) {
	f := p.newFile()
	var steps []jen.Code
	for _, ev := range p.events {
		evSteps, err := p.steps(ev)
		if err != nil {
			return nil, err
		}
		for _, st := range evSteps {
			var list []jen.Code
			for _, c := range st.changes {
				d := jen.Dict{
					jen.Id("Rule"):  jen.Lit(string(c.Rule)),
					jen.Id("Level"): levelConst(c.Level),
					jen.Id("Event"): jen.Lit(c.Event),
					jen.Id("From"):  jen.Lit(c.From),
					jen.Id("To"):    jen.Lit(c.To),
				}
				if c.Field != "" {
					d[jen.Id("Field")] = jen.Lit(c.Field)
				}
				if c.Old != "" {
					d[jen.Id("Old")] = jen.Lit(c.Old)
				}
				if c.New != "" {
					d[jen.Id("New")] = jen.Lit(c.New)
				}
				if c.Source != nil {
					d[jen.Id("Source")] = jen.Op("&").Add(wh("VersionRef")).Values(jen.Dict{
						jen.Id("Event"): jen.Lit(c.Source.Event), jen.Id("Version"): jen.Lit(c.Source.Version),
					})
				}
				list = append(list, jen.Values(d))
			}
			step := jen.Dict{jen.Id("Event"): jen.Lit(ev.spec.Name), jen.Id("From"): jen.Lit(st.from), jen.Id("To"): jen.Lit(st.to)}
			if len(list) > 0 {
				step[jen.Id("Changes")] = jen.Index().Add(wh("Change")).Values(list...)
			}
			steps = append(steps, jen.Values(step))
		}
	}
	addDoc(f.Group,
		"Changes lists what changes for a receiver when event t's configured version moves from version from to version to, "+
			"one version at a time (each change carries the step it belongs to), classified from the receiver's side: "+
			"breaking (a removed field, a longer value than before), warning (a new enum value), info (a new optional field). "+
			"Moving down lists the inverse changes. A service can check at start-up what an upgrade in the vendor's admin would change.",
		"It returns a *webhook.UnknownEventError for an unknown event type or version, and nil for from == to.")
	f.Func().Id("Changes").Params(jen.Id("t").Id("EventType"), jen.List(jen.Id("from"), jen.Id("to")).Int()).Params(jen.Index().Add(wh("Change")), jen.Error()).Block(
		jen.Return(jen.Id("registry").Dot("Changes").Call(jen.String().Call(jen.Id("t")), jen.Id("from"), jen.Id("to"))))
	f.Line()
	addDoc(f.Group, "changeSteps are the changes between each event's adjacent versions, both ways, as the spec's diff engine "+
		"classified them: the data Changes walks.")
	f.Var().Id("changeSteps").Op("=").Index().Add(wh("ChangeStep")).ValuesFunc(func(g *jen.Group) {
		for _, st := range steps {
			g.Line().Add(st)
		}
		g.Line()
	})
	return f, nil
}

// changelogFile renders CHANGELOG.md: per event and version, the computed changes beside the
// vendor's own ChangeLog text where it has any.
func (p *pkg) changelogFile() ([]byte, error) {
	s := p.spec
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n\n", Header)
	fmt.Fprintf(&b, "# %s %s: changes between versions\n\n", s.Vendor.Name, s.Vendor.Product)
	fmt.Fprintf(&b, "Computed from the spec (spec/%s) by the diff engine and classified from the receiver's side: "+
		"**breaking** can fail a receiver written for the version before (a removed field, a longer value than before), "+
		"**warning** may be mishandled (a new enum value), **info** cannot break anything (a new optional field). "+
		"The vendor's own ChangeLog text stands beside the versions it names; its disagreements with the tables are in spec/%s/DISCREPANCIES.md. "+
		"`%s.Changes(event, from, to)` returns the same data in Go.\n\n", p.name, p.name, p.name)
	for _, ev := range p.events {
		fmt.Fprintf(&b, "## %s\n\n", ev.spec.Name)
		fmt.Fprintf(&b, "%s\n\n", ev.spec.DocURL)
		steps, err := p.steps(ev)
		if err != nil {
			return nil, err
		}
		for i, v := range ev.versions {
			fmt.Fprintf(&b, "### v%d", v.spec.Number)
			if v.spec.Released != "" {
				fmt.Fprintf(&b, " (released %s)", v.spec.Released)
			}
			b.WriteString("\n\n")
			about := []string{fmt.Sprintf("Sent %s.", formatWords(v))}
			if v.base != nil {
				about = append(about, fmt.Sprintf("Built on %s v%d (errata %s).", v.base.event.spec.Name, v.base.spec.Number, v.spec.Base.Errata))
			}
			if v.spec.Note != "" {
				about = append(about, sentence(v.spec.Note))
			}
			b.WriteString(strings.Join(about, " ") + "\n\n")
			for _, line := range p.vendorSays(ev.spec.Name, v.spec.Number) {
				fmt.Fprintf(&b, "> Vendor's ChangeLog: %s\n\n", line)
			}
			if i == 0 {
				var names []string
				fields := v.fields
				what := "field"
				if v.body != nil {
					fields, what = v.body.members, "member"
					if v.content != nil {
						fields = v.content.members
						what = p.spec.Vendor.Envelope.Content + " member"
					}
				}
				for _, f := range fields {
					names = append(names, "`"+f.Name+"`")
				}
				if len(fields) == 0 && v.spec.RawContent {
					fmt.Fprintf(&b, "First version: its %s is not described (kept as raw JSON).\n\n", p.spec.Vendor.Envelope.Content)
					continue
				}
				fmt.Fprintf(&b, "First version: %s (%s).\n\n", count(len(fields), what, what+"s"), strings.Join(names, ", "))
				continue
			}
			var up []spec.Change
			for _, st := range steps {
				if st.from == ev.versions[i-1].spec.Number && st.to == v.spec.Number {
					up = st.changes
				}
			}
			if len(up) == 0 {
				fmt.Fprintf(&b, "No change from v%d in the tables.\n\n", ev.versions[i-1].spec.Number)
				continue
			}
			fmt.Fprintf(&b, "From v%d:\n\n| level | change | field | before | after |\n|---|---|---|---|---|\n", ev.versions[i-1].spec.Number)
			for _, c := range up {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Level, c.Rule, code(c.Field), cell(c.Old), cell(c.New))
			}
			b.WriteString("\n")
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n"), nil
}

// vendorSays is the vendor's ChangeLog text about one event version: the lines of the claims
// that name it, with their release and date.
func (p *pkg) vendorSays(event string, version int) []string {
	var out []string
	for _, rel := range p.spec.Changelog {
		for _, c := range rel.Claims {
			if c.Event != event || c.Version != version {
				continue
			}
			line := fmt.Sprintf("release %d", rel.Number)
			if rel.Date != "" {
				line += " (" + rel.Date + ")"
			}
			line += ": " + c.Text
			if !slices.Contains(out, line) {
				out = append(out, line)
			}
		}
	}
	return out
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

// cell is a Markdown table cell: pipes escaped, "—" for nothing.
func cell(s string) string {
	if s == "" {
		return "—"
	}
	return strings.ReplaceAll(s, "|", "\\|")
}
