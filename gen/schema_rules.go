package gen

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// ruleSchemas express a flat version's sameRow rules in JSON Schema, for its allOf: per pair and
// per table row, "if the by member is this row's key (in any shape the Go reader takes for it),
// then the member is not another row's value". A table is finite, so each rule is exact; an
// amount rule says how to read a value, not whether it is valid, and has no schema.
//
// The member's problem is reported at the member's own path, as the Go validator's is (rule
// agree on the member). A value in no row is no disagreement, as in Go: a by value in no row
// matches no if, a member's value in no row is none of the others, and their own enums report
// them.
func (p *pkg) ruleSchemas(v *version) ([]any, error) {
	var out []any
	for _, rp := range p.rulePairs(v) {
		if rp.rule.Kind != spec.RuleSameRow {
			continue
		}
		r := rp.rule
		keys, ok1 := p.spec.Tables.Column(r.Table, r.KeyColumn)
		values, ok2 := p.spec.Tables.Column(r.Table, r.Column)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: rule %s: table %s has no column %s or %s", v.goType, r.ID, r.Table, r.KeyColumn, r.Column)
		}
		for i, key := range keys {
			for _, by := range rp.by.spellings {
				cond := obj().
					set("properties", obj().set(by, keySchema(key, rp.by.ComparesAsNumber()))).
					set("required", []string{by})
				var others []any
				for _, o := range uniq(values) {
					if o != values[i] {
						others = append(others, o)
					}
				}
				if len(others) == 0 {
					continue // a one-valued column: every known value agrees
				}
				allowed := obj().set("not", obj().set("enum", others))
				then := obj()
				for _, m := range rp.member.spellings {
					then.set(m, allowed)
				}
				out = append(out, obj().
					set("description", fmt.Sprintf("%s: with %s %s, %s is %q.", upperFirst(ruleCite(r)), by, key, rp.member.Name, values[i])).
					set("if", cond).
					set("then", obj().set("properties", then)))
			}
		}
	}
	return out, nil
}

// keySchema matches a by member's value that is key: the text itself, or, for a member that
// compares as a number, the text with any leading zeros and the JSON number, as enumSchema
// accepts a numeric enum's values.
func keySchema(key string, byNumber bool) *object {
	if !byNumber {
		return obj().set("const", key)
	}
	t := webhook.TrimLeadingZeros(key)
	return obj().set("anyOf", []any{
		obj().set("type", "string").set("pattern", "^0*"+regexp.QuoteMeta(t)+"$"),
		obj().set("type", "number").set("const", json.Number(t)),
	})
}
