package payload

import (
	"fmt"
	"strings"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// Violation is one way to break one rule of a field: a value, or the field's removal.
type Violation struct {
	// About says how the value breaks the rule ("longer than 30 characters"); the conformance
	// fixtures are named by it.
	About string
	// Value is the offending value; empty when Remove is set.
	Value string
	// Remove breaks the rule by leaving the field out (required fields).
	Remove bool
	// Rule is the one rule the violation breaks.
	Rule webhook.Rule
}

// Violations are one value per constraint of a field that breaks that constraint and no other, so
// that a validator finds exactly one problem: the field and the rule. Both Payload.Break and the
// conformance fixtures take them from here, so the problems a user asks for are the ones the
// validators are held to. A rule appears at most once per field, except decimal (too many
// decimals, then too many digits). A rule an erratum relaxed (spec.Relaxation: an open enum, a
// documented length real traffic exceeds) has no violation: a value that breaks it is valid, and
// validators report it as a warning only.
func Violations(f spec.ResolvedField) []Violation {
	c := f.Constraint
	var out []Violation
	if f.Required() {
		out = append(out, Violation{About: "missing", Remove: true, Rule: webhook.RuleRequired})
	}
	limit := max(c.MaxLength, c.Width)
	switch c.Kind {
	case spec.KindDigits:
		// Enums and formats have their own violations; a non-digit would break them too.
		n := 3
		if c.Width > 0 {
			n = c.Width
		} else if c.MaxLength > 0 {
			n = min(n, c.MaxLength)
		}
		if f.Enum == nil && c.Format == spec.FormatNone && n >= 2 {
			out = append(out, Violation{About: "not digits", Value: "1a" + strings.Repeat("2", n-2), Rule: webhook.RuleDigits})
		}
		if above := inttext.Increment(c.Max); f.Enum == nil && above != "" && (limit == 0 || len(above) <= limit) {
			out = append(out, Violation{About: "above " + c.Max, Value: above, Rule: webhook.RuleRange})
		}
	case spec.KindDecimal:
		out = append(out, Violation{About: "too many decimals", Value: "1.234", Rule: webhook.RuleDecimal})
		out = append(out, Violation{About: "too many digits", Value: "1" + strings.Repeat("0", c.Precision-c.Scale) + ".00", Rule: webhook.RuleDecimal})
	}
	switch {
	case c.Width > 0 && c.Format == spec.FormatNone:
		out = append(out, Violation{About: fmt.Sprintf("not %d characters", c.Width), Value: strings.Repeat("1", c.Width+1), Rule: webhook.RuleWidth})
	case c.Width > 0:
		// the format fixes the width too; a longer value breaks both, so only the format is tried
	case c.MaxLength > 0 && f.Enum == nil && f.Relaxation(spec.RelaxMaxLength) == "":
		fill := "7"
		if c.Kind == spec.KindDigits {
			fill = "0" // leading zeros: too long, but zero stays within any range
		}
		out = append(out, Violation{About: fmt.Sprintf("longer than %d characters", c.MaxLength), Value: strings.Repeat(fill, c.MaxLength+1), Rule: webhook.RuleMaxLength})
	}
	switch c.Format {
	case spec.FormatDate:
		out = append(out, Violation{About: "no such day", Value: "2013-02-29", Rule: webhook.RuleFormat})
	case spec.FormatTimestamp:
		out = append(out, Violation{About: "ISO 8601, not the vendor's timestamp", Value: "2012-08-05T15:18:17", Rule: webhook.RuleFormat})
	case spec.FormatMMYY:
		out = append(out, Violation{About: "month 13", Value: "1317", Rule: webhook.RuleFormat})
	case spec.FormatUUID:
		out = append(out, Violation{About: "not hexadecimal", Value: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", Rule: webhook.RuleFormat})
	case spec.FormatAlnum:
		out = append(out, Violation{About: "punctuation", Value: "ab-12", Rule: webhook.RuleFormat})
	}
	if f.Enum != nil && f.Relaxation(spec.RelaxEnum) == "" {
		for _, candidate := range []string{"ZZZ", "999", "99", "9", "Z"} {
			if enumHas(f.Enum, candidate) || !runtimecheck.Accepts(c, candidate) {
				continue
			}
			out = append(out, Violation{About: "not one of the values", Value: candidate, Rule: webhook.RuleEnum})
			break
		}
	}
	return out
}

// enumHas reports whether v is one of the enum's values; a numeric enum compares as integers.
func enumHas(e *spec.Enum, v string) bool {
	for _, ev := range e.Values {
		if ev.Value == v || e.Numeric && inttext.TrimLeadingZeros(ev.Value) == inttext.TrimLeadingZeros(v) {
			return true
		}
	}
	return false
}
