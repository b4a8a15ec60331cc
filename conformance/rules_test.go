package conformance

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// The spec's sameRow rules (rules.yaml: a letter currency member is the letter of its numeric
// code's currency) mutated in every event version and wire format where a pair applies: every
// letter of the table beside every code, the code in the shapes a receiver gets it (as sent,
// zero-filled, a JSON number), and either member absent or empty. The Go validator and the JSON
// Schemas fault the same members, and Go reports the disagreement as RuleAgree on the member,
// naming both members and both values.
func TestRuleMutations(t *testing.T) {
	s := loadSpec(t)
	v := jsonschema.NewValidator()
	// ruleUse is one pair of one rule, as rules.yaml declares it.
	type ruleUse struct {
		rule string
		pair spec.MemberPair
	}
	exercised := map[ruleUse]bool{}
	pairs, checked := 0, 0
	for _, ev := range ccbill.Events() {
		for _, n := range ccbill.Versions(ev) {
			se := s.Event(string(ev))
			fields, err := s.Resolve(se, se.Version(n))
			if err != nil {
				t.Fatal(err)
			}
			names := canonical(fields)
			base := sampleBody(t, ev, n)
			e, _ := ccbill.New(ev, n)
			for _, ap := range s.RulePairs(fields) {
				if ap.Rule.Kind != spec.RuleSameRow {
					continue
				}
				pairs++
				for _, f := range e.Formats().List() {
					for _, m := range ruleMutations(t, s, ap, base, f == webhook.JSON) {
						checked++
						exercised[ruleUse{ap.Rule.ID, ap.Rule.Pairs[ap.Pair]}] = true
						where := fmt.Sprintf("%s v%d %s, %s", ev, n, f, m.about)
						if d := differ(t, v, ev, n, f, false, m.body, names); d != nil {
							t.Errorf("%s: Go says %s, JSON Schema says %s\n  input: %s", where, d.goSays, d.schemaSay, d.input)
						}
						checkAgreeProblem(t, where, ev, n, f, m)
					}
				}
			}
		}
	}
	// Every pair the spec declares was mutated somewhere: a pair that mutated nothing would prove
	// nothing, however often the others were.
	declared := 0
	for _, r := range s.Rules {
		if r.Kind != spec.RuleSameRow {
			continue
		}
		for _, p := range r.Pairs {
			declared++
			if !exercised[ruleUse{r.ID, p}] {
				t.Errorf("rule %s: pair %s by %s is in no event version the mutations reach", r.ID, p.Member, p.By)
			}
		}
	}
	if declared == 0 {
		t.Error("the spec declares no sameRow pair: the mutations prove nothing")
	}
	t.Logf("%d pairs in event versions, %d bodies checked by both validators", pairs, checked)
}

// ruleMutation is a body with a sameRow pair set, and what the Go validator must say of it.
type ruleMutation struct {
	about string
	body  body
	// member and by are the pair's wire names; disagree is set when the values name different
	// rows of the table, want being the value the table gives the member.
	member, by string
	memberVal  string
	byVal      string
	disagree   bool
	want       string
}

func ruleMutations(t *testing.T, s *spec.Spec, ap spec.AppliedPair, base body, json bool) []ruleMutation {
	r := ap.Rule
	keys, ok1 := s.Tables.Column(r.Table, r.KeyColumn)
	values, ok2 := s.Tables.Column(r.Table, r.Column)
	if !ok1 || !ok2 {
		t.Fatalf("rule %s: table %s has no column %s or %s", r.ID, r.Table, r.KeyColumn, r.Column)
	}
	member, by := ap.Member.Name, ap.By.Name
	var out []ruleMutation
	add := func(about string, memberVal, byVal string, byKind webhook.ValueKind, keyRow, valueRow int) {
		b := base.with(member, memberVal, webhook.KindString).with(by, byVal, byKind)
		m := ruleMutation{about: about, body: b, member: member, by: by, memberVal: memberVal, byVal: byVal}
		if keyRow >= 0 && valueRow >= 0 && values[keyRow] != values[valueRow] {
			m.disagree, m.want = true, values[keyRow]
		}
		out = append(out, m)
	}
	for i, key := range keys {
		for j, val := range values {
			add(fmt.Sprintf("%s %s beside %s %s", member, val, by, key), val, key, webhook.KindString, i, j)
		}
		if ap.By.ComparesAsNumber() {
			next := values[(i+1)%len(values)]
			trimmed := webhook.TrimLeadingZeros(key)
			add(fmt.Sprintf("%s %s beside %s 0%s", member, next, by, key), next, "0"+key, webhook.KindString, i, (i+1)%len(values))
			if json {
				add(fmt.Sprintf("%s %s beside %s %s as a JSON number", member, next, by, trimmed), next, trimmed, webhook.KindNumber, i, (i+1)%len(values))
				add(fmt.Sprintf("%s %s beside %s %s as a JSON number", member, values[i], by, trimmed), values[i], trimmed, webhook.KindNumber, i, i)
			}
		}
	}
	other := values[len(values)-1]
	add(fmt.Sprintf("%s empty beside %s %s", member, by, keys[0]), "", keys[0], webhook.KindString, -1, -1)
	add(fmt.Sprintf("%s %s beside %s empty", member, other, by), other, "", webhook.KindString, -1, -1)
	add(fmt.Sprintf("%s XYZ, in no row, beside %s %s", member, by, keys[0]), "XYZ", keys[0], webhook.KindString, -1, -1)
	add(fmt.Sprintf("%s %s beside %s 1, in no row", member, other, by), other, "1", webhook.KindString, -1, -1)
	out = append(out,
		ruleMutation{about: member + " absent", body: base.without(member).with(by, keys[0], webhook.KindString), member: member, by: by},
		ruleMutation{about: by + " absent", body: base.without(by).with(member, other, webhook.KindString), member: member, by: by},
	)
	return out
}

// checkAgreeProblem holds the Go validator to the rule's problem: RuleAgree on the member exactly
// when the pair disagrees, its message naming both members and both values.
func checkAgreeProblem(t *testing.T, where string, ev ccbill.EventType, n int, f webhook.WireFormat, m ruleMutation) {
	t.Helper()
	e, err := ccbill.Decode(ev, n, f.ContentType(), m.body.encode(f))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var ve *webhook.ValidationError
	if err := e.Validate(); err != nil && !errors.As(err, &ve) {
		t.Fatalf("%s: %v", where, err)
	}
	var agree []webhook.Problem
	if ve != nil {
		for _, p := range ve.Problems {
			if p.Rule == webhook.RuleAgree {
				agree = append(agree, p)
			}
		}
	}
	if !m.disagree {
		if len(agree) > 0 {
			t.Errorf("%s: Go reports %v, want no disagreement", where, agree)
		}
		return
	}
	if len(agree) != 1 || agree[0].Field != m.member || agree[0].Value != m.memberVal {
		t.Errorf("%s: Go reports %v, want one %s problem on %s", where, agree, webhook.RuleAgree, m.member)
		return
	}
	msg := ve.Error()
	for _, s := range []string{m.member, m.by, m.memberVal, m.byVal, m.want} {
		if !strings.Contains(msg, s) {
			t.Errorf("%s: message %q does not name %q", where, msg, s)
		}
	}
}

// An amount rule (rules.yaml kind amount) says how to read an amount, not whether a body is
// valid, so neither validator checks it and no JSON Schema expresses it: an amount with more
// fraction digits than its currency has, or beside a currency in no row, is as valid to the JSON
// Schemas as to Validate, and only its MinorUnits accessor refuses it. This is the one place the
// spec's rules and the validators' verdicts part, by design.
func TestAmountRuleIsNoValidation(t *testing.T) {
	v := jsonschema.NewValidator()
	base := sampleBody(t, ccbill.Refund, 4)
	tests := []struct {
		amount, code string
		wantErr      error
	}{
		{"19.999", "840", webhook.ErrFractionDigits},
		{"5.5", "392", webhook.ErrFractionDigits},
		{"19.99", "", webhook.ErrNoCurrency},
	}
	for _, tt := range tests {
		b := base.with("amount", tt.amount, webhook.KindString).with("currencyCode", tt.code, webhook.KindString).without("currency")
		for _, f := range []webhook.WireFormat{webhook.JSON, webhook.Form} {
			data := b.encode(f)
			if g, sv := goVerdict(t, ccbill.Refund, 4, f, false, data), schemaVerdict(t, v, ccbill.Refund, 4, f, false, data); len(g.fields) > 0 || len(sv.fields) > 0 || g.decodeErr || sv.decodeErr {
				t.Errorf("amount %s in %q (%s): Go says %s, JSON Schema says %s; want both valid", tt.amount, tt.code, f, g, sv)
			}
			e, err := ccbill.Decode(ccbill.Refund, 4, f.ContentType(), data)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.(*ccbill.RefundV4).AmountMinorUnits(); !errors.Is(err, tt.wantErr) {
				t.Errorf("amount %s in %q (%s): AmountMinorUnits error %v, want %v", tt.amount, tt.code, f, err, tt.wantErr)
			}
		}
	}
}

// Every amount the spec pairs with a currency gives its exact minor units in every event version
// that carries the pair: the guide's own example values, read through the generated accessors,
// with the exponent of the example currency's row.
func TestAmountRulesCoverTheSamples(t *testing.T) {
	s := loadSpec(t)
	accessors := 0
	for _, ev := range ccbill.Events() {
		for _, n := range ccbill.Versions(ev) {
			se := s.Event(string(ev))
			fields, err := s.Resolve(se, se.Version(n))
			if err != nil {
				t.Fatal(err)
			}
			e, err := ccbill.Sample(ev, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, ap := range s.RulePairs(fields) {
				if ap.Rule.Kind != spec.RuleAmount {
					continue
				}
				accessors++
				where := fmt.Sprintf("%s v%d %s", ev, n, ap.Member.Name)
				method := reflect.ValueOf(e).MethodByName(ap.Member.GoName + "MinorUnits")
				if !method.IsValid() {
					t.Errorf("%s: %T has no %sMinorUnits", where, e, ap.Member.GoName)
					continue
				}
				out := method.Call(nil)
				got, _ := out[0].Interface().(int64)
				err, _ := out[1].Interface().(error)
				amount := reflect.ValueOf(e).Elem().FieldByName(ap.Member.GoName).String()
				code := reflect.ValueOf(e).Elem().FieldByName(ap.By.GoName).String()
				i := slices.IndexFunc(s.Tables.Currencies, func(c spec.Currency) bool {
					return webhook.TrimLeadingZeros(c.Numeric) == webhook.TrimLeadingZeros(code)
				})
				switch {
				case amount == "" || code == "" || i < 0:
					if err == nil {
						t.Errorf("%s: amount %q in %q is %d minor units, want an error", where, amount, code, got)
					}
				default:
					want, perr := webhook.ParseMinorUnits(amount, *s.Tables.Currencies[i].MinorUnits)
					if perr != nil || err != nil || got != want {
						t.Errorf("%s: amount %q in %q is %d minor units (%v), want %d (%v)", where, amount, code, got, err, want, perr)
					}
				}
			}
		}
	}
	if accessors == 0 {
		t.Fatal("no amount rule applies to any event version")
	}
}
