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
// then the member is this row's value or absent". A table is finite, so each rule is exact; an
// amount rule says how to read a value, not whether it is valid, and has no schema.
//
// The member's problem is reported at the member's own path, as the Go validator's is (rule
// agree on the member); a by value in no row matches no if, and its own enum reports it.
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
				// "" and null are an absent member to the Go validator, which reports nothing.
				allowed := obj().set("enum", []any{nil, "", values[i]})
				then := obj()
				for _, m := range rp.member.spellings {
					then.set(m, allowed)
				}
				out = append(out, obj().
					set("description", fmt.Sprintf("Rule %s (errata %s): with %s %s, %s is %q.", r.ID, r.Errata, by, key, rp.member.Name, values[i])).
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
