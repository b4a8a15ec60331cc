package gen

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/inttext"
	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
)

// SchemaBase is the URL the generated JSON Schemas' $id values start with: where the files are
// published, so that an $id names its file.
const SchemaBase = "https://raw.githubusercontent.com/hookspec/hookspec/main/jsonschema/"

// SchemaComment marks a generated JSON Schema, as Header marks a Go file.
const SchemaComment = Header

// JSON Schema files mirror the Go validator check for check. Both read a value as the text that
// arrived: a JSON string's contents, a JSON number's literal, "true"/"false", and null or "" as
// absent. A schema cannot see a number's literal, only its value, so each constraint's number
// branch accepts the numbers whose plain literal (no exponent, no superfluous zeros) the Go check
// accepts; numbers written with an exponent or trailing fraction zeros are where the two can
// differ, and the conformance suite's documentation says so.

const (
	draft2020 = "https://json-schema.org/draft/2020-12/schema"
	defsFile  = "defs.schema.json"
)

// schemaFiles renders jsonschema/<vendor>/: the shared definitions and, per event version, the
// default schema (unknown fields allowed, as a receiver must) and the strict one.
func (p *pkg) schemaFiles() ([]File, error) {
	base := SchemaBase + p.name + "/"
	defs := obj()
	constraintDefs := map[string]bool{}
	defs.set("absent", absent)
	defs.set("scalar", obj().
		set("description", "Any flat value: what a body's member may hold; nested objects and arrays are not webhook fields.").
		set("type", []string{"string", "number", "boolean", "null"}))

	var files []File
	for _, ev := range p.events {
		for _, v := range ev.versions {
			props := obj()
			var required []string
			var allOf []any
			for _, fd := range v.fields {
				key := constraintKey(fd.Constraint)
				if !constraintDefs[key] {
					def, err := valueSchema(fd.Constraint)
					if err != nil {
						return nil, fmt.Errorf("%s: field %s: %w", v.goType, fd.Name, err)
					}
					defs.set(key, def)
					constraintDefs[key] = true
				}
				prop := obj().
					set("description", strings.TrimSpace(sentence(fd.Description)+fmt.Sprintf(" Data type %q, read as %s.", fd.DataType, describe(fd.Constraint)))).
					set("$ref", "../"+defsFile+"#/$defs/"+key)
				if fd.typ.kind == goEnum {
					prop.set("allOf", []any{obj().set("$ref", "../"+defsFile+"#/$defs/enum-"+fd.typ.enum.spec.Name)})
				}
				if fd.Required() {
					prop.set("not", obj().set("$ref", "../"+defsFile+"#/$defs/absent"))
					if len(fd.spellings) == 1 {
						required = append(required, fd.Name)
					} else {
						var any []any
						for _, s := range fd.spellings {
							any = append(any, obj().set("required", []string{s}))
						}
						allOf = append(allOf, obj().set("anyOf", any))
					}
				}
				props.set(fd.Name, prop)
				// Other spellings refer to the table's: one definition, and a machine-readable
				// record of which spelling a problem belongs to.
				for _, s := range fd.spellings[1:] {
					props.set(s, obj().
						set("description", fmt.Sprintf("Another spelling of %s; decoders read both.", fd.Name)).
						set("$ref", "#/$defs/fields/properties/"+pointerEscape(fd.Name)))
				}
			}
			fields := obj().set("type", "object").set("properties", props)
			if len(required) > 0 {
				fields.set("required", required)
			}
			if len(allOf) > 0 {
				fields.set("allOf", allOf)
			}

			dir := fmt.Sprintf("jsonschema/%s/%s/", p.name, v.event.spec.Name)
			name := fmt.Sprintf("v%d.schema.json", v.spec.Number)
			strictName := fmt.Sprintf("v%d.strict.schema.json", v.spec.Number)
			title := fmt.Sprintf("%s %s v%d", p.spec.Vendor.Name, v.event.spec.Name, v.spec.Number)
			about := fmt.Sprintf("Version %d of %s's %s webhook, sent %s; documented at %s.", v.spec.Number, p.spec.Vendor.Name,
				v.event.spec.Name, formatWords(v), v.event.spec.DocURL)

			def := obj().
				set("$comment", SchemaComment).
				set("$schema", draft2020).
				set("$id", base+v.event.spec.Name+"/"+name).
				set("title", title).
				set("description", about+" Accepts members it does not define (pass-through variables, newer fields); "+strictName+" rejects them.").
				set("$ref", "#/$defs/fields").
				set("additionalProperties", obj().set("$ref", "../"+defsFile+"#/$defs/scalar")).
				set("$defs", obj().set("fields", fields))
			strict := obj().
				set("$comment", SchemaComment).
				set("$schema", draft2020).
				set("$id", base+v.event.spec.Name+"/"+strictName).
				set("title", title+" (strict)").
				set("description", about+" Rejects members it does not define"+passThroughNote(p, v)+".").
				set("$ref", name)
			// propertyNames rather than unevaluatedProperties: a field that fails its constraint
			// drops the annotations unevaluatedProperties relies on, and every other member
			// would be reported as unknown with it.
			var names []string
			for _, fd := range v.fields {
				names = append(names, fd.spellings...)
			}
			known := obj().set("enum", names)
			if pt := p.spec.Vendor.PassThrough; v.spec.PassThrough && pt != nil && pt.Prefix != "" {
				strict.set("propertyNames", obj().set("anyOf", []any{known, obj().set("pattern", "^"+regexp.QuoteMeta(pt.Prefix))}))
			} else {
				strict.set("propertyNames", known)
			}
			for _, f := range []struct {
				path string
				doc  *object
			}{{dir + name, def}, {dir + strictName, strict}} {
				data, err := indentJSON(f.doc)
				if err != nil {
					return nil, err
				}
				files = append(files, File{Path: f.path, Data: data})
			}
		}
	}
	for _, e := range p.enums {
		defs.set("enum-"+e.spec.Name, enumSchema(e))
	}
	data, err := indentJSON(obj().
		set("$comment", SchemaComment).
		set("$schema", draft2020).
		set("$id", base+defsFile).
		set("title", p.spec.Vendor.Name+" "+p.spec.Vendor.Product+": shared definitions").
		set("description", "The value constraints and enums the event schemas refer to. A value may arrive as a JSON string or number; null and \"\" are an absent value.").
		set("$defs", defs))
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: "jsonschema/" + p.name + "/" + defsFile, Data: data})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func passThroughNote(p *pkg, v *version) string {
	if pt := p.spec.Vendor.PassThrough; v.spec.PassThrough && pt != nil && pt.Prefix != "" {
		return fmt.Sprintf(", except the pass-through variables this version declares (keys starting with %q)", pt.Prefix)
	}
	return ""
}

// constraintKey names a constraint's definition after everything that shapes it, so that one
// definition serves every field with the same constraint.
func constraintKey(c spec.Constraint) string {
	parts := []string{string(c.Kind)}
	switch {
	case c.Width > 0:
		parts = append(parts, fmt.Sprintf("width%d", c.Width))
	case c.MaxLength > 0:
		parts = append(parts, fmt.Sprintf("max%d", c.MaxLength))
	}
	if c.Kind == spec.KindDecimal {
		parts = append(parts, fmt.Sprintf("%d.%d", c.Precision, c.Scale))
	}
	if c.Min != "" && c.Min != "0" {
		parts = append(parts, "from"+c.Min)
	}
	if c.Max != "" {
		parts = append(parts, "to"+c.Max)
	}
	if c.Format != spec.FormatNone {
		parts = append(parts, string(c.Format))
	}
	return strings.Join(parts, "-")
}

// absent is a member whose value means "not sent": null or "" (the Go decoders read both as an
// empty field). Constraints allow it; a required field's property refuses it with "not".
var absent = obj().set("description", "An absent value: null or the empty string.").set("enum", []any{nil, ""})

var absentRef = obj().set("$ref", "#/$defs/absent")

// valueSchema is a constraint's definition: absent, or a string, number or boolean whose text
// the Go check accepts.
func valueSchema(c spec.Constraint) (*object, error) {
	branches := []any{absentRef}
	var str *object
	var num *object
	lo, hi := "", "" // bounds of the number branch, as integer texts
	switch c.Kind {
	case spec.KindDigits, spec.KindInteger:
		str = obj().set("type", "string")
		var pats []string
		if c.Kind == spec.KindDigits {
			if c.Min != "" && c.Min != "0" {
				return nil, fmt.Errorf("digits with a lower bound %s cannot be written as a pattern", c.Min)
			}
			pat := "^[0-9]+$"
			if c.Max != "" && !fitsLength(c.Max, c) {
				pat = "^0*(?:" + upTo(c.Max) + ")$"
			}
			pats = append(pats, pat)
			lo, hi = "0", c.Max
		} else {
			pat, err := signedRange(c.Min, c.Max)
			if err != nil {
				return nil, err
			}
			pats = append(pats, pat)
			lo, hi = c.Min, c.Max
		}
		if c.Format != spec.FormatNone {
			fp, ok := formatPattern(c.Format)
			if !ok {
				return nil, fmt.Errorf("format %s has no pattern", c.Format)
			}
			pats = append(pats, fp)
		}
		addPatterns(str, pats)
		num = obj().set("type", "integer")
	case spec.KindDecimal:
		whole := c.Precision - c.Scale
		pat := "^-?(?:0+|0*[1-9][0-9]{0," + fmt.Sprint(max(whole-1, 0)) + "})"
		if whole == 0 {
			pat = "^-?0+"
		}
		if c.Scale > 0 {
			pat += "(?:\\.[0-9]{1," + fmt.Sprint(c.Scale) + "})?"
		}
		str = obj().set("type", "string").set("pattern", pat+"$")
		limit := json.Number("1" + strings.Repeat("0", whole))
		num = obj().set("type", "number").set("exclusiveMinimum", json.Number("-"+string(limit))).set("exclusiveMaximum", limit)
		if c.Scale > 0 {
			num.set("multipleOf", json.Number("0."+strings.Repeat("0", c.Scale-1)+"1"))
		} else {
			num.set("type", "integer")
		}
	case spec.KindBoolean:
		branches = append(branches, obj().set("type", "boolean"), obj().set("enum", []string{"true", "false"}))
		return obj().set("description", describe(c)).set("anyOf", branches), nil
	case spec.KindString:
		str = obj().set("type", "string")
		if c.Format != spec.FormatNone {
			fp, ok := formatPattern(c.Format)
			if !ok {
				return nil, fmt.Errorf("format %s has no pattern", c.Format)
			}
			str.set("pattern", fp)
		}
		switch c.Format {
		case spec.FormatNone:
			if c.Width == 0 && c.MaxLength == 0 {
				num = obj().set("type", "number") // any literal is text without limits
			} else {
				// A number's literal must fit the length. Integers are bounded exactly; a
				// fraction ("4.5") is allowed within the same bounds where at least three
				// characters are, an approximation (a long fraction can be too long).
				// The length cases below bound the number's value by its literal's length.
				num = obj().set("type", "integer")
				if c.Width == 0 && c.MaxLength >= 3 {
					num.set("type", "number")
				}
			}
		case spec.FormatAlnum, spec.FormatMMYY:
			num = obj().set("type", "integer")
			lo = "0"
		}
	default:
		return nil, fmt.Errorf("kind %s has no JSON Schema", c.Kind)
	}
	// A JSON number's literal is held to the length like a string: a plain integer literal of n
	// characters is n digits without a leading zero (or the one digit 0), or a minus sign and n-1
	// such digits. Within a width that is two ranges, one each side of zero.
	negLo, negHi := "", "" // the negative range, when a width splits the numbers in two
	switch {
	case c.Width > 0:
		str.set("minLength", c.Width).set("maxLength", c.Width)
		if c.Width >= 2 && c.Kind != spec.KindDecimal {
			negLo = inttext.Max(lo, "-"+strings.Repeat("9", c.Width-1))
			negHi = inttext.Min(hi, "-1"+strings.Repeat("0", c.Width-2))
		}
		least := "1" + strings.Repeat("0", c.Width-1)
		if c.Width == 1 {
			least = "0" // zero is the one number written with a leading 0
		}
		lo = inttext.Max(lo, least)
		hi = inttext.Min(hi, strings.Repeat("9", c.Width))
	case c.MaxLength > 0:
		str.set("maxLength", c.MaxLength)
		hi = inttext.Min(hi, strings.Repeat("9", c.MaxLength))
		if c.MaxLength == 1 {
			lo = inttext.Max(lo, "0")
		} else {
			lo = inttext.Max(lo, "-"+strings.Repeat("9", c.MaxLength-1))
		}
	}
	if c.Format == spec.FormatMMYY {
		lo, hi = inttext.Max(lo, "1000"), inttext.Min(hi, "1299") // months 10 to 12: a number cannot start with 0
	}
	branches = append(branches, str)
	if num != nil {
		if negLo != "" && negHi != "" && inttext.Compare(negLo, negHi) <= 0 {
			branches = append(branches, obj().set("type", "integer").
				set("minimum", json.Number(inttext.Canonical(negLo))).set("maximum", json.Number(inttext.Canonical(negHi))))
		}
		if lo == "" || hi == "" || inttext.Compare(lo, hi) <= 0 {
			if lo != "" {
				num.set("minimum", json.Number(inttext.Canonical(lo)))
			}
			if hi != "" {
				num.set("maximum", json.Number(inttext.Canonical(hi)))
			}
			branches = append(branches, num)
		}
	}
	// JSON true and false read as the text "true" and "false": allowed where that text is.
	var bools []any
	for _, b := range []bool{true, false} {
		if runtimecheck.Accepts(c, fmt.Sprint(b)) {
			bools = append(bools, b)
		}
	}
	switch len(bools) {
	case 1:
		branches = append(branches, obj().set("const", bools[0]))
	case 2:
		branches = append(branches, obj().set("type", "boolean"))
	}
	return obj().set("description", describe(c)).set("anyOf", branches), nil
}

func addPatterns(o *object, pats []string) {
	if len(pats) == 1 {
		o.set("pattern", pats[0])
		return
	}
	var all []any
	for _, p := range pats {
		all = append(all, obj().set("pattern", p))
	}
	o.set("allOf", all)
}

// formatPattern is a text format as a pattern, from the spec's format table, where it reads
// exactly as the runtime's check (leap years included), because format assertion is optional in
// JSON Schema; false for formats without one.
func formatPattern(f spec.Format) (string, bool) {
	fi, ok := f.Info()
	return fi.Pattern, ok && fi.Pattern != ""
}

// fitsLength reports whether every digit string the length limit allows is within max, so that
// the range needs no pattern.
func fitsLength(max string, c spec.Constraint) bool {
	n := c.MaxLength
	if c.Width > 0 {
		n = c.Width
	}
	return n > 0 && inttext.Compare(strings.Repeat("9", n), max) <= 0
}

// upTo is a regular expression (without anchors) for the decimal numbers from 0 to max written
// without leading zeros: the shorter numbers, then each digit of max in turn held lower.
func upTo(max string) string {
	max = inttext.TrimLeadingZeros(max)
	if max == "0" {
		return "0"
	}
	k := len(max)
	alts := []string{"0"}
	if k > 1 {
		alts = append(alts, "[1-9]"+repeat(k-2, true))
	}
	for i := 0; i < k; i++ {
		lowest := byte('0')
		if i == 0 {
			lowest = '1'
		}
		d := max[i]
		if d == lowest {
			continue
		}
		if d < lowest {
			continue
		}
		alts = append(alts, max[:i]+digitRange(lowest, d-1)+repeat(k-i-1, false))
	}
	alts = append(alts, max)
	return strings.Join(alts, "|")
}

func repeat(n int, upTo bool) string {
	switch {
	case n <= 0:
		return ""
	case upTo:
		return fmt.Sprintf("[0-9]{0,%d}", n)
	case n == 1:
		return "[0-9]"
	}
	return fmt.Sprintf("[0-9]{%d}", n)
}

func digitRange(lo, hi byte) string {
	if lo == hi {
		return string(lo)
	}
	return "[" + string(lo) + "-" + string(hi) + "]"
}

// signedRange is the pattern of an integer text within [min, max], min ≤ 0 ≤ max.
func signedRange(min, max string) (string, error) {
	pos := "[0-9]+"
	if max != "" {
		if strings.HasPrefix(max, "-") {
			return "", fmt.Errorf("integer upper bound %s below zero cannot be written as a pattern", max)
		}
		pos = "0*(?:" + upTo(max) + ")"
	}
	neg := "[0-9]+"
	switch {
	case min == "":
	case strings.HasPrefix(min, "-"):
		neg = "0*(?:" + upTo(min[1:]) + ")"
	case strings.Trim(min, "0") == "":
		neg = "0+"
	default:
		return "", fmt.Errorf("integer lower bound %s above zero cannot be written as a pattern", min)
	}
	return "^(?:-" + neg + "|" + pos + ")$", nil
}

// enumSchema accepts an enum's values as the Go Valid method does: as strings, as JSON numbers
// where a value is a plain integer literal, and for numeric enums with any leading zeros.
func enumSchema(e *enum) *object {
	var values []any
	var numbers []any
	var trimmed []string
	for _, v := range e.values {
		values = append(values, v.Value)
		if plainInteger.MatchString(v.Value) {
			numbers = append(numbers, json.Number(v.Value))
		}
		t := inttext.TrimLeadingZeros(v.Value)
		if !slices.Contains(trimmed, t) {
			trimmed = append(trimmed, t)
		}
	}
	branches := []any{absentRef}
	if e.spec.Numeric {
		var alts []string
		var nums []any
		for _, t := range trimmed {
			alts = append(alts, regexp.QuoteMeta(t))
			if inttext.IsDigits(t) {
				nums = append(nums, json.Number(t))
			}
		}
		branches = append(branches, obj().set("type", "string").set("pattern", "^0*(?:"+strings.Join(alts, "|")+")$"))
		if len(nums) > 0 {
			branches = append(branches, obj().set("enum", nums))
		}
	} else {
		branches = append(branches, obj().set("enum", append(values, numbers...)))
	}
	return obj().set("description", sentence(e.spec.Description)).set("anyOf", branches)
}

var plainInteger = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
