package spec

import (
	"slices"
	"strings"
	"testing"
)

// ruleSpec is a small flat spec with a currency table and two events: Sale has a letter and a
// numeric currency member and an amount, Note has the numeric member alone.
func ruleSpec(rules ...Rule) *Spec {
	two, zero := 2, 0
	return &Spec{
		Vendor: Vendor{ID: "shop", Name: "Shop"},
		Enums: []Enum{
			{Name: "currencyCode", GoName: "CurrencyCode", Numeric: true, Values: []EnumValue{{Value: "840", GoName: "USD"}, {Value: "392", GoName: "JPY"}}},
			{Name: "currency", GoName: "Currency", Values: []EnumValue{{Value: "USD", GoName: "USD"}, {Value: "JPY", GoName: "JPY"}}},
		},
		Tables: Tables{Currencies: []Currency{
			{Numeric: "840", Letter: "USD", Name: "US Dollar", MinorUnits: &two},
			{Numeric: "392", Letter: "JPY", Name: "Yen", MinorUnits: &zero},
		}},
		Fields: []Field{
			{Name: "currency", GoName: "Currency", Constraint: &Constraint{Kind: KindString, MaxLength: 3}, Enum: "currency"},
			{Name: "currencyCode", GoName: "CurrencyCode", Constraint: &Constraint{Kind: KindDigits}, Enum: "currencyCode"},
			{Name: "price", GoName: "Price", Constraint: &Constraint{Kind: KindDecimal, Precision: 9, Scale: 2}},
			{Name: "count", GoName: "Count", Constraint: &Constraint{Kind: KindInteger}},
			{Name: "label", GoName: "Label", Constraint: &Constraint{Kind: KindString}}, // in no event
		},
		Events: []Event{
			{Name: "Sale", Versions: []Version{{Number: 1, Formats: []WireFormat{WireJSON}, Rows: []Row{{Name: "currency"}, {Name: "currencyCode"}, {Name: "price"}, {Name: "count"}}}}},
			{Name: "Note", Versions: []Version{{Number: 1, Formats: []WireFormat{WireJSON}, Rows: []Row{{Name: "currencyCode"}}}}},
		},
		Rules: rules,
	}
}

func sameRow(pairs ...MemberPair) Rule {
	return Rule{ID: "letter-matches-code", Kind: RuleSameRow, Table: "currencies", KeyColumn: "numeric", Column: "letter", Pairs: pairs}
}

func TestCheckRules(t *testing.T) {
	amount := func(pairs ...MemberPair) Rule {
		return Rule{ID: "amounts", Kind: RuleAmount, Table: "currencies", KeyColumn: "numeric", Column: "minorUnits", Pairs: pairs}
	}
	letter := MemberPair{Member: "currency", By: "currencyCode"}
	for _, tc := range []struct {
		name string
		spec *Spec
		want []string
	}{
		{"letter and code", ruleSpec(sameRow(letter)), nil},
		{"amount", ruleSpec(amount(MemberPair{Member: "price", By: "currencyCode"})), nil},
		{"no such table", ruleSpec(func() Rule { r := sameRow(letter); r.Table = "rates"; return r }()),
			[]string{`/rules/0/table: rule letter-matches-code: no lookup table "rates" (tables: currencies, declineCodes)`}},
		{"no such column", ruleSpec(func() Rule { r := sameRow(letter); r.Column = "symbol"; return r }()),
			[]string{`/rules/0/column: rule letter-matches-code: table currencies has no column "symbol" (its columns: [numeric letter name minorUnits])`}},
		{"no such member", ruleSpec(sameRow(MemberPair{Member: "curency", By: "currencyCode"})),
			[]string{`/rules/0/pairs/0/member: rule letter-matches-code: member "curency" is not in fields.yaml`}},
		{"members never meet", ruleSpec(sameRow(letter, MemberPair{Member: "label", By: "currencyCode"})),
			[]string{`/rules/0/pairs/1: rule letter-matches-code: no event version has both label and currencyCode`}},
		{"numeric member checked", ruleSpec(sameRow(MemberPair{Member: "currencyCode", By: "currency"})),
			[]string{`/rules/0/pairs/0/member: rule letter-matches-code: currencyCode compares as a number; make it the pair's by member, whose value is looked up by number`}},
		{"amount of an integer", ruleSpec(amount(MemberPair{Member: "count", By: "currencyCode"})),
			[]string{`/rules/0/pairs/0/member: rule amounts: amount count is an integer: an amount is a decimal or its text`}},
		// The accessor's webhook.MoneyError quotes the amount and the currency: neither may be secret.
		{"secret amount", func() *Spec {
			s := ruleSpec(amount(MemberPair{Member: "price", By: "currencyCode"}))
			s.Field("price").Sensitivity = SensitivitySecret
			return s
		}(), []string{`/rules/0/pairs/0: rule amounts: amount price is secret in Sale v1, but the amount's accessor quotes both members' values in its errors (webhook.MoneyError)`}},
		{"secret currency", func() *Spec {
			s := ruleSpec(amount(MemberPair{Member: "price", By: "currencyCode"}))
			s.Field("currencyCode").Sensitivity = SensitivitySecret
			return s
		}(), []string{`/rules/0/pairs/0: rule amounts: the currency currencyCode of amount price is secret in Sale v1, but the amount's accessor quotes both members' values in its errors (webhook.MoneyError)`}},
		{"secret letter beside its code", func() *Spec {
			s := ruleSpec(sameRow(letter))
			s.Field("currency").Sensitivity = SensitivitySecret
			return s
		}(), nil}, // Agree redacts both values when either member is secret
		{"exponent missing", func() *Spec {
			s := ruleSpec(amount(MemberPair{Member: "price", By: "currencyCode"}))
			s.Tables.Currencies[1].MinorUnits = nil
			return s
		}(), []string{`/rules/0/column: rule amounts: row 392 of table currencies has no minorUnits: state it in an errata decision`}},
		{"duplicate id and pair", ruleSpec(sameRow(letter, letter), sameRow(letter)), []string{
			`/rules/0/pairs/1: duplicate pair of rule letter-matches-code "currency by currencyCode" (first at /rules/0/pairs/0)`,
			`/rules/1/id: duplicate rule id "letter-matches-code" (first at /rules/0/id)`}},
		{"enveloped vendor", func() *Spec {
			s := ruleSpec(sameRow(letter))
			s.Vendor.Envelope = &Envelope{Type: "Event", Content: "content"}
			return s
		}(), []string{`/rules/0: rule letter-matches-code relates top-level members, but Shop's bodies are enveloped: rules over nested objects are not generated yet`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range Check(tc.spec) {
				if p.File == "rules.yaml" {
					got = append(got, p.Path+": "+p.Msg)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems in rules.yaml:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestRulePairs(t *testing.T) {
	s := ruleSpec(sameRow(MemberPair{Member: "currency", By: "currencyCode"}))
	for _, tc := range []struct {
		event string
		want  []string
	}{
		{"Sale", []string{"letter-matches-code: currency by currencyCode"}},
		{"Note", nil}, // currencyCode alone: the rule does not apply
	} {
		e := s.Event(tc.event)
		members, err := s.Resolve(e, &e.Versions[0])
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ap := range s.RulePairs(members) {
			got = append(got, ap.Rule.ID+": "+ap.Member.Name+" by "+ap.By.Name)
			if !ap.By.ComparesAsNumber() {
				t.Errorf("%s: %s should compare as a number", tc.event, ap.By.Name)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: pairs %v, want %v", tc.event, got, tc.want)
		}
	}
}

func TestApplyRules(t *testing.T) {
	one := 1
	base := func(entries ...Erratum) *Spec {
		s := ruleSpec()
		s.Tables.Currencies[0].MinorUnits = nil
		s.Errata = Errata{Vendor: "shop", Entries: entries}
		return s
	}
	rule := sameRow(MemberPair{Member: "currency", By: "currencyCode"})
	t.Run("applies", func(t *testing.T) {
		s := base(Erratum{ID: "letters", Rules: []Rule{rule}}, Erratum{ID: "units", Currencies: []CurrencyPatch{{Letter: "USD", MinorUnits: &one}}})
		applied, err := ApplyRules(s)
		if err != nil {
			t.Fatal(err)
		}
		if !applied["letters"] || !applied["units"] {
			t.Errorf("applied = %v, want both errata", applied)
		}
		if len(s.Rules) != 1 || s.Rules[0].Errata != "letters" {
			t.Errorf("rules = %+v, want the rule recorded with its erratum", s.Rules)
		}
		if c := s.Tables.Currencies[0]; c.MinorUnits == nil || *c.MinorUnits != 1 || !slices.Equal(c.Errata, []string{"units"}) {
			t.Errorf("USD = %+v, want minor units 1 from erratum units", c)
		}
	})
	for _, tc := range []struct {
		name  string
		patch CurrencyPatch
		want  string
	}{
		{"unknown currency", CurrencyPatch{Letter: "XAU", MinorUnits: &one}, `errata units: currency "XAU" is not in the currency table`},
		{"stated already", CurrencyPatch{Letter: "JPY", MinorUnits: &one}, `errata units: currency JPY states its minor units already: the erratum is no longer needed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ApplyRules(base(Erratum{ID: "units", Currencies: []CurrencyPatch{tc.patch}}))
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v, want %s", err, tc.want)
			}
		})
	}
}
