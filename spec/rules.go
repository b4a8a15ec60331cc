package spec

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/hookspec/hookspec/webhook/inttext"
)

// RuleKind is what a Rule says about the members it relates.
type RuleKind string

const (
	// RuleSameRow: each pair's Member holds what the table's Column holds in the row whose
	// KeyColumn holds the pair's By member's value: a letter currency code is the one its
	// numeric code stands for (currency "EUR" beside currencyCode "978"). The validators check
	// it; two members that name different rows make the body invalid.
	RuleSameRow RuleKind = "sameRow"
	// RuleAmount: each pair's Member is a decimal amount counted in the currency its By member
	// names, and the table's Column holds each currency's minor-unit exponent (ISO 4217: 2 for
	// USD, 0 for JPY). Generated packages give the amount in minor units, exactly.
	RuleAmount RuleKind = "amount"
)

// RuleKinds are the kinds a Rule may have.
var RuleKinds = []RuleKind{RuleSameRow, RuleAmount}

// Rule relates members of one body through one of the vendor's lookup tables: what no member's
// own constraint can say. Rules are decisions, written in errata.yaml with the vendor's words
// as evidence, and copied into rules.yaml by specgen.
//
// A rule applies to every event version whose body has both members of a pair (a derived
// version through its base too), at the top level of a flat body. Bodies of an enveloped
// vendor would relate members of one object; the spec check refuses rules there until the
// generators support them, rather than let one be silently ignored.
type Rule struct {
	// ID is the rule's stable id ("currency-letter-matches-code").
	ID          string   `yaml:"id" json:"id"`
	Kind        RuleKind `yaml:"kind" json:"kind"`
	Description string   `yaml:"description" json:"description"`
	// Table names the lookup table that relates the members' values ("currencies"; see
	// Tables.Column), KeyColumn the column a By member's value is looked up in ("numeric"), and
	// Column the column that gives the pair's Member its value ("letter") or, for an amount, its
	// exponent ("minorUnits").
	Table     string `yaml:"table" json:"table"`
	KeyColumn string `yaml:"keyColumn" json:"keyColumn"`
	Column    string `yaml:"column" json:"column"`
	// Pairs are the members the rule relates, by wire name.
	Pairs []MemberPair `yaml:"pairs" json:"pairs"`
	// Errata is the id of the decision that states the rule (filled in by specgen).
	Errata string `yaml:"errata,omitempty" json:"errata,omitempty"`
}

// MemberPair is two members of one body a rule relates: Member, the one checked (or the
// amount), and By, the one whose value selects the table's row.
type MemberPair struct {
	Member string `yaml:"member" json:"member"`
	By     string `yaml:"by" json:"by"`
}

// CurrencyPatch adds to a row of the vendor's currency table, chosen by its letter code, what
// the vendor's table does not state.
type CurrencyPatch struct {
	Letter string `yaml:"letter" json:"letter"`
	// MinorUnits is the currency's minor-unit exponent (ISO 4217).
	MinorUnits *int `yaml:"minorUnits" json:"minorUnits"`
}

// Column returns the values of one column of a lookup table, one per row in the table's order;
// false when the table or the column does not exist. A value the table leaves out (a currency
// whose minor units no erratum states) is "".
func (t *Tables) Column(table, column string) ([]string, bool) {
	var get func(i int) string
	n := 0
	switch table {
	case "currencies":
		n = len(t.Currencies)
		switch column {
		case "numeric":
			get = func(i int) string { return t.Currencies[i].Numeric }
		case "letter":
			get = func(i int) string { return t.Currencies[i].Letter }
		case "name":
			get = func(i int) string { return t.Currencies[i].Name }
		case "minorUnits":
			get = func(i int) string {
				if m := t.Currencies[i].MinorUnits; m != nil {
					return strconv.Itoa(*m)
				}
				return ""
			}
		}
	case "declineCodes":
		n = len(t.DeclineCodes)
		switch column {
		case "code":
			get = func(i int) string { return t.DeclineCodes[i].Code }
		case "text":
			get = func(i int) string { return t.DeclineCodes[i].Text }
		}
	}
	if get == nil {
		return nil, false
	}
	out := make([]string, n)
	for i := range out {
		out[i] = get(i)
	}
	return out, true
}

// tableColumns lists each table's columns, for messages.
var tableColumns = map[string][]string{
	"currencies":   {"numeric", "letter", "name", "minorUnits"},
	"declineCodes": {"code", "text"},
}

// AppliedPair is one pair of a rule in one event version: both members, resolved.
type AppliedPair struct {
	Rule *Rule
	// Pair is the index of the pair in Rule.Pairs.
	Pair       int
	Member, By *ResolvedField
}

// RulePairs returns the pairs of every rule that apply to a flat event version's resolved
// members (both members present), in rule order. A member is matched by its shared field's
// name, so a table's other spelling of it (an alias) is the same member.
func (s *Spec) RulePairs(members []ResolvedField) []AppliedPair {
	find := func(name string) int {
		return slices.IndexFunc(members, func(m ResolvedField) bool {
			return m.Name == name || (m.Field != nil && m.Field.Name == name)
		})
	}
	var out []AppliedPair
	for i := range s.Rules {
		r := &s.Rules[i]
		for j, p := range r.Pairs {
			mi, bi := find(p.Member), find(p.By)
			if mi >= 0 && bi >= 0 {
				out = append(out, AppliedPair{Rule: r, Pair: j, Member: &members[mi], By: &members[bi]})
			}
		}
	}
	return out
}

// ComparesAsNumber reports whether a member's values are equal when their numbers are ("036"
// and "36"): a numeric enum's or a digits or integer member's. A rule looks such a By member's
// value up by number.
func (f *ResolvedField) ComparesAsNumber() bool {
	if f.Enum != nil && f.Enum.Numeric {
		return true
	}
	return f.Constraint.Kind == KindDigits || f.Constraint.Kind == KindInteger
}

// ApplyRules copies the rules of s.Errata into s.Rules, each recording its erratum's id, and
// adds the currency table's values that errata state. It returns the ids of the errata that
// changed something; an error names the erratum.
func ApplyRules(s *Spec) (map[string]bool, error) {
	applied := map[string]bool{}
	for _, e := range s.Errata.Entries {
		for _, r := range e.Rules {
			r.Errata = e.ID
			r.Pairs = slices.Clone(r.Pairs)
			s.Rules = append(s.Rules, r)
			applied[e.ID] = true
		}
		for _, cp := range e.Currencies {
			i := slices.IndexFunc(s.Tables.Currencies, func(c Currency) bool { return c.Letter == cp.Letter })
			if i < 0 {
				return nil, fmt.Errorf("errata %s: currency %q is not in the currency table", e.ID, cp.Letter)
			}
			c := &s.Tables.Currencies[i]
			if cp.MinorUnits != nil {
				if c.MinorUnits != nil {
					return nil, fmt.Errorf("errata %s: currency %s states its minor units already: the erratum is no longer needed", e.ID, cp.Letter)
				}
				m := *cp.MinorUnits
				c.MinorUnits = &m
			}
			c.Errata = appendID(c.Errata, e.ID)
			applied[e.ID] = true
		}
	}
	return applied, nil
}

func appendID(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// rules checks what the schema cannot see in the rules: unique ids, a table and columns that
// exist, members that exist and meet in some event version, and values the kind can use.
func (c *checker) rules() {
	const file = "rules.yaml"
	ids := c.unique(file, "rule id")
	for i := range c.s.Rules {
		r := &c.s.Rules[i]
		path := fmt.Sprintf("/rules/%d", i)
		ids.see(r.ID, path+"/id")
		c.errataIDs(file, path+"/errata", []string{r.Errata})
		if c.s.Vendor.Envelope != nil {
			c.add(file, path, "rule %s relates top-level members, but %s's bodies are enveloped: rules over nested objects are not generated yet", r.ID, c.s.Vendor.Name)
			continue
		}
		keys, okKey := c.s.Tables.Column(r.Table, r.KeyColumn)
		values, okCol := c.s.Tables.Column(r.Table, r.Column)
		switch {
		case tableColumns[r.Table] == nil:
			c.add(file, path+"/table", "rule %s: no lookup table %q (tables: currencies, declineCodes)", r.ID, r.Table)
			continue
		case !okKey:
			c.add(file, path+"/keyColumn", "rule %s: table %s has no column %q (its columns: %v)", r.ID, r.Table, r.KeyColumn, tableColumns[r.Table])
			continue
		case !okCol:
			c.add(file, path+"/column", "rule %s: table %s has no column %q (its columns: %v)", r.ID, r.Table, r.Column, tableColumns[r.Table])
			continue
		case len(keys) == 0:
			c.add(file, path+"/table", "rule %s: table %s has no rows", r.ID, r.Table)
		}
		for j, v := range values {
			switch {
			case v == "":
				c.add(file, path+"/column", "rule %s: row %s of table %s has no %s: state it in an errata decision", r.ID, keys[j], r.Table, r.Column)
			case r.Kind == RuleAmount:
				if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 18 || !inttext.IsDigits(v) {
					c.add(file, path+"/column", "rule %s: %s %q of row %s is not a minor-unit exponent from 0 to 18", r.ID, r.Column, v, keys[j])
				}
			}
		}
		c.rulePairs(file, path, r)
	}
}

// rulePairs checks a rule's pairs: each member is a field, a checked member compares as text
// (the lookup goes from By to Member), an amount is text or a decimal, neither member of an
// amount pair is secret in any event version (the accessor's webhook.MoneyError quotes both
// values), and each pair meets in at least one event version, so that no pair is declared for
// members no body has together.
func (c *checker) rulePairs(file, path string, r *Rule) {
	met := make([]bool, len(r.Pairs))
	secret := make([]string, len(r.Pairs)) // the first secret member of an amount pair, and where
	for ei := range c.s.Events {
		e := &c.s.Events[ei]
		for vi := range e.Versions {
			members, err := c.s.Resolve(e, &e.Versions[vi])
			if err != nil {
				continue // reported by the events' own checks
			}
			for _, ap := range c.s.RulePairs(members) {
				if ap.Rule != r {
					continue
				}
				met[ap.Pair] = true
				if r.Kind != RuleAmount || secret[ap.Pair] != "" {
					continue
				}
				where := fmt.Sprintf("%s v%d", e.Name, e.Versions[vi].Number)
				switch {
				case ap.Member.Sensitivity == SensitivitySecret:
					secret[ap.Pair] = fmt.Sprintf("amount %s is secret in %s", ap.Member.Name, where)
				case ap.By.Sensitivity == SensitivitySecret:
					secret[ap.Pair] = fmt.Sprintf("the currency %s of amount %s is secret in %s", ap.By.Name, ap.Member.Name, where)
				}
			}
		}
	}
	pairs := c.unique(file, "pair of rule "+r.ID)
	for j, p := range r.Pairs {
		ppath := fmt.Sprintf("%s/pairs/%d", path, j)
		pairs.see(p.Member+" by "+p.By, ppath)
		m, by := c.s.Field(p.Member), c.s.Field(p.By)
		if m == nil {
			c.add(file, ppath+"/member", "rule %s: member %q is not in fields.yaml", r.ID, p.Member)
		}
		if by == nil {
			c.add(file, ppath+"/by", "rule %s: member %q is not in fields.yaml", r.ID, p.By)
		}
		if m == nil || by == nil {
			continue
		}
		if p.Member == p.By {
			c.add(file, ppath, "rule %s relates %s to itself", r.ID, p.Member)
		}
		rm, err := c.s.resolveMember(m)
		if err != nil {
			continue // reported by the fields' own checks
		}
		switch r.Kind {
		case RuleSameRow:
			if rm.ComparesAsNumber() {
				c.add(file, ppath+"/member", "rule %s: %s compares as a number; make it the pair's by member, whose value is looked up by number", r.ID, p.Member)
			}
		case RuleAmount:
			if k := rm.Constraint.Kind; k != KindString && k != KindDecimal {
				c.add(file, ppath+"/member", "rule %s: amount %s is %s: an amount is a decimal or its text", r.ID, p.Member, k.Article())
			}
		}
		if !met[j] {
			c.add(file, ppath, "rule %s: no event version has both %s and %s", r.ID, p.Member, p.By)
		}
		if secret[j] != "" {
			c.add(file, ppath, "rule %s: %s, but the amount's accessor quotes both members' values in its errors (webhook.MoneyError)", r.ID, secret[j])
		}
	}
}
