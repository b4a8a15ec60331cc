package payload

import (
	"fmt"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// disagreeing returns a value for fields[i] that breaks a sameRow rule of the spec (rules.yaml)
// and nothing else: the value the rule's table gives another row than the one the related
// member's value names (currency "USD" beside currencyCode "978", which is EUR). It fails, naming
// why, when no sameRow rule relates the field to a member of the version, or when that member's
// value is absent or in no row, so that nothing could disagree with it.
func (p *Payload) disagreeing(i int) (string, error) {
	f := &p.fields[i]
	fail := func(format string, args ...any) (string, error) {
		return "", &RuleError{Field: f.Name, Rule: webhook.RuleAgree, Reason: fmt.Sprintf(format, args...)}
	}
	for _, ap := range p.spec.RulePairs(p.fields) {
		if ap.Rule.Kind != spec.RuleSameRow || ap.Member != f {
			continue
		}
		by := -1
		for j := range p.fields {
			if &p.fields[j] == ap.By {
				by = j
			}
		}
		value := p.members[by].value
		if !p.members[by].present || value == "" {
			return fail("%s, which rule %s relates it to, is absent, so no value disagrees with it", ap.By.Name, ap.Rule.ID)
		}
		keys, ok1 := p.spec.Tables.Column(ap.Rule.Table, ap.Rule.KeyColumn)
		values, ok2 := p.spec.Tables.Column(ap.Rule.Table, ap.Rule.Column)
		if !ok1 || !ok2 {
			return fail("rule %s names columns table %s lacks", ap.Rule.ID, ap.Rule.Table)
		}
		row := -1
		for k, key := range keys {
			if key == value || ap.By.ComparesAsNumber() && inttext.TrimLeadingZeros(key) == inttext.TrimLeadingZeros(value) {
				row = k
				break
			}
		}
		if row < 0 {
			return fail("%s %q is in no row of the %s table, so no value disagrees with it", ap.By.Name, value, ap.Rule.Table)
		}
		for _, v := range values {
			if v != "" && v != values[row] {
				return v, nil
			}
		}
		return fail("every row of the %s table has the %s %q", ap.Rule.Table, ap.Rule.Column, values[row])
	}
	return fail("no rule of the spec requires it to agree with another field of %s", p.where())
}
