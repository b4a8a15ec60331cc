package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// rulePair is one pair of a spec rule in one event version: the member checked (or the amount)
// and the member whose value selects the table's row.
type rulePair struct {
	rule       *spec.Rule
	member, by *field
}

// rulePairs returns the pairs of the spec's rules that apply to a flat version: those whose
// members it has both of.
func (p *pkg) rulePairs(v *version) []rulePair {
	if len(p.spec.Rules) == 0 || v.body != nil {
		return nil
	}
	members := make([]spec.ResolvedField, len(v.fields))
	for i, fd := range v.fields {
		members[i] = fd.ResolvedField
	}
	var out []rulePair
	for _, ap := range p.spec.RulePairs(members) {
		out = append(out, rulePair{rule: ap.Rule, member: v.fields[indexOf(members, ap.Member)], by: v.fields[indexOf(members, ap.By)]})
	}
	return out
}

// indexOf returns the index of the element rf points at.
func indexOf(members []spec.ResolvedField, rf *spec.ResolvedField) int {
	for i := range members {
		if &members[i] == rf {
			return i
		}
	}
	panic("gen: a rule pair's member is not one of the version's")
}

// lookup is a function the generated package declares for a rule: from a value of the rule's
// key column to the value of its column in the same row.
type lookup struct {
	rule *spec.Rule
	// byNumber is set when the by members compare as numbers ("036" is "36"): the key is looked
	// up without its leading zeros.
	byNumber bool
}

// name is the lookup's Go name: lookupCurrenciesLetterByNumeric.
func (l *lookup) name() string {
	return "lookup" + spec.GoName(l.rule.Table) + spec.GoName(l.rule.Column) + "By" + spec.GoName(l.rule.KeyColumn)
}

// lookups returns the lookups the package's rules need, in rule order, each once; a rule whose
// by members compare some as numbers and some as text is refused, since one lookup serves them.
func (p *pkg) lookups() ([]*lookup, error) {
	byRule := map[*spec.Rule]*lookup{}
	var out []*lookup
	for _, ev := range p.events {
		for _, v := range ev.versions {
			for _, rp := range p.rulePairs(v) {
				numeric := rp.by.ComparesAsNumber()
				l := byRule[rp.rule]
				if l == nil {
					l = &lookup{rule: rp.rule, byNumber: numeric}
					byRule[rp.rule] = l
					out = append(out, l)
				}
				if l.byNumber != numeric {
					return nil, fmt.Errorf("rule %s: member %s compares as %s, but another by member of the rule as %s: one lookup cannot serve both",
						rp.rule.ID, rp.by.Name, map[bool]string{true: "a number", false: "text"}[numeric], map[bool]string{true: "a number", false: "text"}[l.byNumber])
				}
			}
		}
	}
	order := map[*spec.Rule]int{}
	for i := range p.spec.Rules {
		order[&p.spec.Rules[i]] = i
	}
	slices.SortStableFunc(out, func(a, b *lookup) int { return order[a.rule] - order[b.rule] })
	return out, nil
}

// rulesFile declares the lookups of the spec's rules; nil when the spec has none.
func (p *pkg) rulesFile() (*jen.File, error) {
	lookups, err := p.lookups()
	if err != nil || len(lookups) == 0 {
		return nil, err
	}
	f := p.newFile()
	for _, l := range lookups {
		r := l.rule
		keys, ok1 := p.spec.Tables.Column(r.Table, r.KeyColumn)
		values, ok2 := p.spec.Tables.Column(r.Table, r.Column)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("rule %s: table %s has no column %s or %s", r.ID, r.Table, r.KeyColumn, r.Column)
		}
		var cases []jen.Code
		seen := map[string]bool{}
		for i, k := range keys {
			if l.byNumber {
				k = webhook.TrimLeadingZeros(k)
			}
			if seen[k] {
				continue // the table's checks report a key twice; the first row answers
			}
			seen[k] = true
			var result []jen.Code
			switch r.Kind {
			case spec.RuleAmount:
				n, err := exponent(values[i])
				if err != nil {
					return nil, fmt.Errorf("rule %s: row %s: %w", r.ID, keys[i], err)
				}
				result = []jen.Code{jen.Lit(n), jen.True()}
			default:
				result = []jen.Code{jen.Lit(values[i])}
			}
			cases = append(cases, jen.Case(jen.Lit(k)).Block(jen.Return(result...)))
		}
		key := jen.Id("key")
		how := "exactly"
		if l.byNumber {
			key = wh("TrimLeadingZeros").Call(jen.Id("key"))
			how = "by number: leading zeros do not matter"
		}
		switch r.Kind {
		case spec.RuleAmount:
			addDoc(f.Group, fmt.Sprintf("%s returns the %s of the row of the %s table whose %s is key (compared %s), for rule %s: %s It returns false when no row has key.",
				l.name(), r.Column, r.Table, r.KeyColumn, how, r.ID, sentence(r.Description)))
			f.Func().Id(l.name()).Params(jen.Id("key").String()).Params(jen.Int(), jen.Bool()).Block(
				jen.Switch(key).Block(cases...),
				jen.Return(jen.Lit(0), jen.False()),
			)
		default:
			// A value in no row of the column is its member's own enum's problem, not a
			// disagreement: one cause, one problem, in both validators.
			var known []jen.Code
			for _, v := range uniq(values) {
				known = append(known, jen.Lit(v))
			}
			addDoc(f.Group, fmt.Sprintf("%s returns the %s of the row of the %s table whose %s is key (compared %s), for rule %s: %s "+
				"It returns \"\" when no row has key, or when value is no row's %s: each member's own rules report a value in no row.",
				l.name(), r.Column, r.Table, r.KeyColumn, how, r.ID, sentence(r.Description), r.Column))
			f.Func().Id(l.name()).Params(jen.List(jen.Id("key"), jen.Id("value")).String()).String().Block(
				jen.Switch(jen.Id("value")).Block(
					jen.Case(known...),
					jen.Default().Block(jen.Return(jen.Lit(""))),
				),
				jen.Switch(key).Block(cases...),
				jen.Return(jen.Lit("")),
			)
		}
		f.Line()
	}
	return f, nil
}

// uniq returns values without repeats, in their order.
func uniq(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// exponent reads a minor-unit exponent from a table's text.
func exponent(s string) (int, error) {
	n := 0
	if s == "" || len(s) > 2 {
		return 0, fmt.Errorf("minor units %q are not an exponent from 0 to %d", s, webhook.MaxExponent)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("minor units %q are not an exponent from 0 to %d", s, webhook.MaxExponent)
		}
		n = n*10 + int(s[i]-'0')
	}
	if n > webhook.MaxExponent {
		return 0, fmt.Errorf("minor units %q are not an exponent from 0 to %d", s, webhook.MaxExponent)
	}
	return n, nil
}

// ruleChecks are the Validator calls for a version's sameRow rules, after every member's own
// checks: a member that disagrees with the table's value for its by member's value. Each pair
// reads its two values into locals named after the table's columns ("letter", "numeric"), so
// that the call names each member and its value once; the locals are strings, and a later pair
// assigns them again.
func (p *pkg) ruleChecks(v *version) []jen.Code {
	var out []jen.Code
	declared := map[string]bool{}
	var last *spec.Rule
	for _, rp := range p.rulePairs(v) {
		r := rp.rule
		if r.Kind != spec.RuleSameRow {
			continue
		}
		if r != last {
			out = append(out, comments(docLines(upperFirst(ruleCite(r))+": "+lowerSentence(r.Description)))...)
			last = r
		}
		member, by := r.Column, r.KeyColumn
		if member == by {
			by += "Key"
		}
		assign := ":="
		if declared[member] && declared[by] {
			assign = "="
		}
		declared[member], declared[by] = true, true
		l := lookup{rule: r}
		d := wh("Show")
		if rp.member.secret() || rp.by.secret() {
			d = wh("Redact")
		}
		out = append(out,
			jen.List(jen.Id(member), jen.Id(by)).Op(assign).List(text(rp.member), text(rp.by)),
			jen.Id("v").Dot("Agree").Call(
				jen.Lit(rp.member.Name), jen.Id(member), jen.Lit(rp.by.Name), jen.Id(by),
				jen.Id(l.name()).Call(jen.Id(by), jen.Id(member)), d))
	}
	return out
}

// agreePairs lists the pairs a version's Validate checks with webhook.Validator.Agree, for its
// documentation: "currency must agree with currencyCode and accountingCurrency with
// accountingCurrencyCode"; "" when no sameRow rule applies.
func (p *pkg) agreePairs(v *version) string {
	var pairs []string
	for _, rp := range p.rulePairs(v) {
		if rp.rule.Kind != spec.RuleSameRow {
			continue
		}
		verb := " with "
		if len(pairs) == 0 {
			verb = " must agree with "
		}
		pairs = append(pairs, rp.member.Name+verb+rp.by.Name)
	}
	if len(pairs) < 2 {
		return strings.Join(pairs, "")
	}
	return strings.Join(pairs[:len(pairs)-1], ", ") + " and " + pairs[len(pairs)-1]
}

// ruleCite names a rule in generated words: "erratum amount-currencies" when the rule has its
// erratum's id, "rule x of erratum y" when not, "rule x" when no erratum states it.
func ruleCite(r *spec.Rule) string {
	switch r.Errata {
	case "":
		return "rule " + r.ID
	case r.ID:
		return "erratum " + r.ID
	}
	return "rule " + r.ID + " of erratum " + r.Errata
}

// upperFirst is s with its first letter upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// amountMethods writes <Amount>MinorUnits for each amount rule pair of a version: the amount as
// an exact integer count of its currency's minor units. webhook.MoneyError quotes both members'
// values, so neither may be secret (the spec check refuses that first).
func (p *pkg) amountMethods(f *jen.File, v *version) error {
	for _, rp := range p.rulePairs(v) {
		if rp.rule.Kind != spec.RuleAmount {
			continue
		}
		name := rp.member.GoName + "MinorUnits"
		if rp.member.secret() {
			return fmt.Errorf("%s: rule %s makes secret %s an amount, whose errors quote it", v.goType, rp.rule.ID, rp.member.Name)
		}
		if rp.by.secret() {
			return fmt.Errorf("%s: rule %s makes secret %s the currency of amount %s, whose errors quote it", v.goType, rp.rule.ID, rp.by.Name, rp.member.Name)
		}
		if slices.ContainsFunc(v.fields, func(fd *field) bool { return fd.GoName == name }) {
			return fmt.Errorf("%s: the accessor %s of rule %s has the name of a field", v.goType, name, rp.rule.ID)
		}
		l := lookup{rule: rp.rule}
		addDoc(f.Group, fmt.Sprintf("%s returns %s in minor units of the currency %s names, with the exponent the %s table gives it (%s). "+
			"It reads the amount and fails as webhook.Money.MinorUnits does.",
			name, rp.member.Name, rp.by.Name, rp.rule.Table, ruleCite(rp.rule)))
		field := func(name string, value jen.Code) jen.Code { return jen.Line().Id(name).Op(":").Add(value) }
		f.Func().Params(recv(v)).Id(name).Params().Params(jen.Int64(), jen.Error()).Block(
			jen.List(jen.Id("exp"), jen.Id("known")).Op(":=").Id(l.name()).Call(text(rp.by)),
			// In webhook.Money's order: jen.Dict would sort the keys.
			jen.Return(wh("Money").Values(
				field("Field", jen.Lit(rp.member.Name)),
				field("Amount", text(rp.member)),
				field("CurrencyField", jen.Lit(rp.by.Name)),
				field("Currency", text(rp.by)),
				field("Exponent", jen.Id("exp")),
				field("Known", jen.Id("known")),
				jen.Line(),
			).Dot("MinorUnits").Call()),
		)
		f.Line()
	}
	return nil
}

// amountExample names the first amount accessor the package has, for its documentation
// ("RefundV4.AmountMinorUnits"); false when no amount rule applies to any version.
func (p *pkg) amountExample() (string, bool) {
	for _, ev := range p.events {
		v := ev.latest()
		for _, rp := range p.rulePairs(v) {
			if rp.rule.Kind == spec.RuleAmount {
				return v.goType + "." + rp.member.GoName + "MinorUnits", true
			}
		}
	}
	return "", false
}
