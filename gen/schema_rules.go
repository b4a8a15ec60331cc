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
//
// The rows sit behind one gate, an if whose anyOf holds for every body where some row's then
// fails. Validators evaluate each subschema applied to the body over all of the body's members,
// so the rows alone cost one pass per row on every body (18 on NewSaleSuccess v6); the gate's
// branches each stop at the first of their two members that does not match, and only a body
// the gate lets through is held to the rows, which decide and name the member. The gate may
// let through more than the rows refuse (a numeric key in any shape), never less, so the verdict
// is the rows'.
func (p *pkg) ruleSchemas(v *version) ([]any, error) {
	var rows, gate []any
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
		byNumber := rp.by.ComparesAsNumber()
		for i, key := range keys {
			var others []any
			for _, o := range uniq(values) {
				if o != values[i] {
					others = append(others, o)
				}
			}
			if len(others) == 0 {
				continue // a one-valued column: every known value agrees
			}
			for _, by := range rp.by.spellings {
				then := obj()
				for _, m := range rp.member.spellings {
					then.set(m, obj().set("not", obj().set("enum", others)))
					gate = append(gate, disagreement(by, gateKeySchema(key, byNumber), m, others))
				}
				about := fmt.Sprintf("%s: with %s %s, %s is %q.", upperFirst(ruleCite(r)), by, key, rp.member.Name, values[i])
				if rp.by.secret() || rp.member.secret() {
					// Validators quote the row that refuses a value, and which row it is would
					// tell the secret's value: every row says the same.
					about = fmt.Sprintf("%s: %s agrees with %s.", upperFirst(ruleCite(r)), rp.member.Name, rp.by.Name)
				}
				rows = append(rows, obj().
					set("description", about).
					set("if", obj().
						set("properties", obj().set(by, keySchema(key, byNumber))).
						set("required", []string{by})).
					set("then", obj().set("properties", then)))
			}
		}
		if byNumber {
			// A key sent as a JSON number passes no gateKeySchema: let any such body through.
			var all []any
			for _, v := range uniq(values) {
				all = append(all, v)
			}
			for _, by := range rp.by.spellings {
				for _, m := range rp.member.spellings {
					gate = append(gate, disagreement(by, obj().set("type", "number"), m, all))
				}
			}
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return []any{obj().
		set("description", "Rules between members: the rows below apply only to a body whose members may disagree, which this if tests in one pass over the body.").
		set("if", obj().set("anyOf", gate)).
		set("then", obj().set("allOf", rows))}, nil
}

// disagreement holds for a body whose by member is as key says and whose member is one of values.
func disagreement(by string, key *object, member string, values []any) *object {
	return obj().
		set("properties", obj().set(by, key).set(member, obj().set("enum", values))).
		set("required", []string{by, member})
}

// gateKeySchema matches a by member's text that is key (for a member compared as a number, with
// any leading zeros); unlike keySchema it takes no JSON number, which costs an anyOf on every
// branch of the gate, so the gate has a branch of its own for numbers.
func gateKeySchema(key string, byNumber bool) *object {
	if !byNumber {
		return obj().set("const", key)
	}
	return obj().set("type", "string").set("pattern", "^0*"+regexp.QuoteMeta(webhook.TrimLeadingZeros(key))+"$")
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
