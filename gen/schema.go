package gen

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// SchemaBase is the URL the generated JSON Schemas' $id values start with: where the files are
// published, so that an $id names its file.
const SchemaBase = "https://raw.githubusercontent.com/hookspec/hookspec/main/jsonschema/"

// SchemaComment marks a generated JSON Schema, as Header marks a Go file.
const SchemaComment = Header

// JSON Schema files mirror the Go validator check for check. Both judge a value by its text: a
// JSON string's contents, a JSON number's value written plainly (no exponent, no superfluous
// zeros: 1e3 is "1000", 4.900 is "4.9", -0 is "0"; webhook's Numbers), "true"/"false", and null
// or "" as absent. A schema sees a number's value, never its literal, which is why the Go readers
// write it plainly: each constraint's number branch accepts the numbers whose plain text the Go
// check accepts, however they are spelled. Where a branch only approximates (the length of a
// fraction's text), the conformance suite's documentation says so.

const (
	draft2020 = "https://json-schema.org/draft/2020-12/schema"
	defsFile  = "defs.schema.json"
)

// schemaFiles renders jsonschema/<vendor>/. For a vendor of flat bodies: the shared definitions
// and, per event version, the default schema (unknown fields allowed, as a receiver must) and the
// strict one. An enveloped vendor's schemas are nested (nestedSchemaFiles).
func (p *pkg) schemaFiles() ([]File, error) {
	if p.enveloped() {
		return p.nestedSchemaFiles()
	}
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
				if fd.typ.closedEnum() {
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
			rules, err := p.ruleSchemas(v)
			if err != nil {
				return nil, err
			}
			allOf = append(allOf, rules...)
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
		limit := powerOfTen(whole)
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
			neg := obj().set("type", "integer")
			setBound(neg, "minimum", negLo)
			setBound(neg, "maximum", negHi)
			branches = append(branches, neg)
		}
		if lo == "" || hi == "" || inttext.Compare(lo, hi) <= 0 {
			if lo != "" {
				setBound(num, "minimum", lo)
			}
			if hi != "" {
				setBound(num, "maximum", hi)
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

// longNumber is the number of digits past which a bound is written as a power of ten: readers
// that parse JSON numbers into floats (JavaScript, Python's float) overflow past 1e308, and
// Python refuses integers of more than 4300 digits, while a text's length limit (65000
// characters) turns into a bound of as many nines.
const longNumber = 300

// powerOfTen is 10^n as a JSON number: digits while they are few, an exponent form past
// longNumber.
func powerOfTen(n int) json.Number {
	if n > longNumber {
		return json.Number(fmt.Sprintf("1e%d", n))
	}
	return json.Number("1" + strings.Repeat("0", n))
}

// setBound sets a number branch's minimum or maximum from an integer text. A bound of more than
// longNumber nines (a length limit's), which is 10^n-1, is written as the exclusive bound 10^n:
// the same integers, in a form every reader parses.
func setBound(o *object, keyword, bound string) {
	bound = inttext.Canonical(bound)
	digits := strings.TrimPrefix(bound, "-")
	if len(digits) <= longNumber || strings.Trim(digits, "9") != "" {
		o.set(keyword, json.Number(bound))
		return
	}
	limit := string(powerOfTen(len(digits)))
	if bound[0] == '-' {
		limit = "-" + limit
	}
	exclusive := map[string]string{"minimum": "exclusiveMinimum", "maximum": "exclusiveMaximum"}[keyword]
	o.set(exclusive, json.Number(limit))
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

// Nested schemas. An enveloped vendor's bodies are JSON objects of typed members, read by the
// generated decoders through webhook.Decoder. Each event version gets two self-contained files
// (no reference leaves the file): the lenient schema allows the members the spec does not define,
// at every depth, as the decoders keep them; the strict one refuses them at every depth, as
// ValidateStrict reports them. A named type is one $defs entry per file, under its spec name,
// however many members refer to it; so is each value constraint, under its constraint's key.
//
// A value is accepted in the shapes the decoder reads (webhook.Decoder's Text, Int, Bool, Number
// and Raw), and null is an absent member everywhere:
//   - text (text, digits, decimals, enums, secrets) as in flat bodies: a string, a number or a
//     boolean, read as its text, "" being absent;
//   - an integer as a JSON number whose value is whole (5, 5.0, 5e0), or a string of decimal
//     digits with an optional minus sign and leading zeros ("007", "-5"), within its bounds and
//     int64's;
//   - a boolean as true, false, or the strings "true" and "false";
//   - a number as any JSON number, or a string holding a JSON number literal;
//   - raw as any value.
//
// An object, array or map member states its type beside its $ref, ["object", "null"] where it is
// optional, and a named type's definition states none: the keywords of an object's definition
// apply to objects only, so null passes them and the member alone decides whether null is
// allowed. A failure then names the member and the keyword, not an anyOf of shapes.
//
// Where the two validators differ by construction: the decoders' caps on kept unknown members
// (webhook.MaxExtraMembers, webhook.MaxExtraBytes) are not expressed.

// nestedSchemaFiles renders jsonschema/<vendor>/ for an enveloped vendor: per event version, the
// lenient schema and the strict one, each self-contained.
func (p *pkg) nestedSchemaFiles() ([]File, error) {
	base := SchemaBase + p.name + "/"
	var files []File
	for _, ev := range p.events {
		for _, v := range ev.versions {
			dir := fmt.Sprintf("jsonschema/%s/%s/", p.name, v.event.spec.Name)
			name := fmt.Sprintf("v%d.schema.json", v.spec.Number)
			strictName := fmt.Sprintf("v%d.strict.schema.json", v.spec.Number)
			title := fmt.Sprintf("%s %s v%d", p.spec.Vendor.Name, v.event.spec.Name, v.spec.Number)
			about := fmt.Sprintf("Version %d of %s's %s webhook, sent %s; documented at %s.", v.spec.Number, p.spec.Vendor.Name,
				v.event.spec.Name, formatWords(v), v.event.spec.DocURL)
			for _, strict := range []bool{false, true} {
				file, doc := name, obj().set("$comment", SchemaComment).set("$schema", draft2020)
				if strict {
					file = strictName
					doc.set("$id", base+v.event.spec.Name+"/"+file).
						set("title", title+" (strict)").
						set("description", about+" Rejects members the spec does not define, at every depth; "+name+" accepts them.")
				} else {
					doc.set("$id", base+v.event.spec.Name+"/"+file).
						set("title", title).
						set("description", about+" Accepts members the spec does not define, at every depth (members the vendor added "+
							"after the spec was captured, custom fields), as the decoders keep them; "+strictName+" rejects them.")
				}
				w := newNestedSchema(p, strict)
				doc.set("type", "object")
				if err := w.object(doc, v.body, "#"); err != nil {
					return nil, fmt.Errorf("%s: %w", v.goType, err)
				}
				defs, err := w.defs()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", v.goType, err)
				}
				doc.set("$defs", defs)
				data, err := indentJSON(doc)
				if err != nil {
					return nil, err
				}
				files = append(files, File{Path: dir + file, Data: data})
			}
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// nestedSchema collects the definitions one schema file refers to while its body is written.
type nestedSchema struct {
	p      *pkg
	strict bool
	types  map[*goStruct]*object // named types' definitions
	values map[string]*object    // value definitions by key
	enums  map[*enum]bool
	absent bool // some definition refers to #/$defs/absent
}

func newNestedSchema(p *pkg, strict bool) *nestedSchema {
	return &nestedSchema{p: p, strict: strict, types: map[*goStruct]*object{}, values: map[string]*object{}, enums: map[*enum]bool{}}
}

// defs are the file's definitions: absent, the named types in the spec's order, the value
// definitions by key, the enums in the spec's order. A type named like another definition is
// an error: one of the two $refs would point at the wrong schema.
func (w *nestedSchema) defs() (*object, error) {
	defs := obj()
	if w.absent {
		defs.set("absent", absent)
	}
	for _, o := range w.p.types {
		if def, ok := w.types[o]; ok {
			if _, taken := defs.values[o.named.Name]; taken {
				return nil, fmt.Errorf("type %s: its JSON Schema definition's name is taken by another definition", o.named.Name)
			}
			defs.set(o.named.Name, def)
		}
	}
	keys := slices.Sorted(maps.Keys(w.values))
	for _, k := range keys {
		if _, taken := defs.values[k]; taken {
			return nil, fmt.Errorf("the JSON Schema definition %s is also the name of a type", k)
		}
		defs.set(k, w.values[k])
	}
	for _, e := range w.p.enums {
		if w.enums[e] {
			k := "enum-" + e.spec.Name
			if _, taken := defs.values[k]; taken {
				return nil, fmt.Errorf("the JSON Schema definition %s is also the name of a type", k)
			}
			defs.set(k, enumSchema(e))
		}
	}
	return defs, nil
}

// object writes an object's keywords into dst: its properties, the required ones, a rule per
// member with several spellings, and in the strict file the names it allows. at is the JSON
// pointer of dst, where other spellings refer to a member's property.
func (w *nestedSchema) object(dst *object, o *goStruct, at string) error {
	props := obj()
	var required, names []string
	var allOf []any
	for _, m := range o.members {
		prop, err := w.value(&m.ResolvedField, m.typ, m.Required(), at+"/properties/"+pointerEscape(m.Name))
		if err != nil {
			return fmt.Errorf("%s: member %s: %w", o.about, m.Name, err)
		}
		if d := memberWords(&m.ResolvedField); d != "" {
			prop = obj().set("description", d).merge(prop)
		}
		props.set(m.Name, prop)
		names = append(names, m.spellings...)
		// Other spellings refer to the member's property: one definition, and a record of which
		// member a spelling belongs to. Decoders read any one of them and refuse two at once.
		for _, s := range m.spellings[1:] {
			props.set(s, obj().
				set("description", fmt.Sprintf("Another spelling of %s; decoders read either, and refuse an object that sends both.", m.Name)).
				set("$ref", at+"/properties/"+pointerEscape(m.Name)))
		}
		for i, a := range m.spellings {
			for _, b := range m.spellings[i+1:] {
				allOf = append(allOf, obj().set("not", obj().set("required", []string{a, b})))
			}
		}
		if m.Required() {
			if len(m.spellings) == 1 {
				required = append(required, m.Name)
			} else {
				var any []any
				for _, s := range m.spellings {
					any = append(any, obj().set("required", []string{s}))
				}
				allOf = append(allOf, obj().set("anyOf", any))
			}
		}
	}
	dst.set("properties", props)
	if len(required) > 0 {
		dst.set("required", required)
	}
	if len(allOf) > 0 {
		dst.set("allOf", allOf)
	}
	if w.strict {
		if len(names) == 0 {
			dst.set("propertyNames", false)
		} else {
			dst.set("propertyNames", obj().set("enum", names))
		}
	}
	return nil
}

// memberWords describe a member in its property: the vendor's description, and a deprecation.
func memberWords(rf *spec.ResolvedField) string {
	d := sentence(rf.Description)
	if rf.Deprecated != "" {
		d = strings.TrimSpace(d + " Deprecated: " + sentence(rf.Deprecated))
	}
	return d
}

// value is the schema of one value of Go type t: a member's, or an array's item or a map's
// value (never required: the decoders read null there as an absent item). at is its JSON
// pointer in the file.
func (w *nestedSchema) value(rf *spec.ResolvedField, t *goType, required bool, at string) (*object, error) {
	out := obj()
	notNull := required
	switch t.kind {
	case goText, goSecret, goEnum:
		key := constraintKey(rf.Constraint)
		if _, ok := w.values[key]; !ok {
			def, err := valueSchema(rf.Constraint)
			if err != nil {
				return nil, err
			}
			w.values[key] = def
		}
		w.absent = true
		out.set("$ref", "#/$defs/"+key)
		if t.closedEnum() {
			w.enums[t.enum] = true
			out.set("allOf", []any{obj().set("$ref", "#/$defs/enum-"+t.enum.spec.Name)})
		}
		if required {
			// Text is absent when null or "", as the decoders read it.
			out.set("not", obj().set("$ref", "#/$defs/absent"))
		}
		return out, nil
	case goInt, goUnixTime, goUnixMillis:
		key, err := w.integer(rf.Constraint)
		if err != nil {
			return nil, err
		}
		out.set("$ref", "#/$defs/"+key)
	case goBool:
		w.values["boolean"] = booleanSchema
		out.set("$ref", "#/$defs/boolean")
	case goNumber:
		w.values["number"] = numberSchema
		out.set("$ref", "#/$defs/number")
	case goRaw:
		// Any value: the decoders keep it as sent.
	case goObject:
		out.set("type", nullable("object", required))
		notNull = false
		if t.obj.named == nil { // an event version's content: written in place
			return out, w.object(out, t.obj, at)
		}
		if _, ok := w.types[t.obj]; !ok {
			def := obj()
			w.types[t.obj] = def // before its members, which may refer to it through arrays
			if d := sentence(t.obj.named.Description); d != "" {
				def.set("description", d)
			}
			if err := w.object(def, t.obj, "#/$defs/"+pointerEscape(t.obj.named.Name)); err != nil {
				return nil, err
			}
		}
		out.set("$ref", "#/$defs/"+pointerEscape(t.obj.named.Name))
	case goArray, goMap:
		if rf.Items == nil {
			return nil, fmt.Errorf("%s without items", rf.Constraint.Kind.Article())
		}
		where := at + "/items"
		if t.kind == goMap {
			where = at + "/additionalProperties"
		}
		elem, err := w.value(rf.Items, t.elem, false, where)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		notNull = false
		if t.kind == goArray {
			out.set("type", nullable("array", required)).set("items", elem)
		} else {
			// A map's keys are the sender's: any name, in the strict file too.
			out.set("type", nullable("object", required)).set("additionalProperties", elem)
		}
	default:
		return nil, fmt.Errorf("no JSON Schema for Go kind %d", t.kind)
	}
	if notNull {
		out.set("not", obj().set("type", "null"))
	}
	return out, nil
}

// nullable is a JSON type, with null beside it where the member may be absent.
func nullable(typ string, required bool) any {
	if required {
		return typ
	}
	return []string{typ, "null"}
}

// integer names (and defines on first use) the schema of an integer member: the constraint's
// bounds, its format's and int64's, whichever are tighter.
func (w *nestedSchema) integer(c spec.Constraint) (string, error) {
	lo, hi := minInt64, maxInt64
	lo, hi = inttext.Max(lo, c.Min), inttext.Min(hi, c.Max)
	about := "an integer"
	if c.Format != spec.FormatNone {
		fi, ok := c.Format.Info()
		if !ok {
			return "", fmt.Errorf("unknown format %q", c.Format)
		}
		lo, hi = inttext.Max(lo, fi.Min), inttext.Min(hi, fi.Max)
		about = fi.Describe
	}
	lo, hi = inttext.Canonical(lo), inttext.Canonical(hi)
	if lo == "" || hi == "" {
		return "", fmt.Errorf("integer bounds %q..%q are not integer texts", c.Min, c.Max)
	}
	parts := []string{"integer"}
	if lo != minInt64 {
		parts = append(parts, "from"+lo)
	}
	if hi != maxInt64 {
		parts = append(parts, "to"+hi)
	}
	if c.Format != spec.FormatNone {
		parts = append(parts, string(c.Format))
	}
	key := strings.Join(parts, "-")
	if _, ok := w.values[key]; ok {
		return key, nil
	}
	def, err := integerSchema(lo, hi, about)
	if err != nil {
		return "", err
	}
	w.values[key] = def
	return key, nil
}

const (
	minInt64 = "-9223372036854775808"
	maxInt64 = "9223372036854775807"
)

// integerSchema accepts what webhook.Decoder's Int reads within [lo, hi]: null (absent), a JSON
// number whose value is a whole number, or a string of digits with an optional minus sign and
// leading zeros.
func integerSchema(lo, hi, about string) (*object, error) {
	if inttext.Compare(lo, hi) > 0 {
		return nil, fmt.Errorf("no integer is within %s..%s", lo, hi)
	}
	pat, err := integerTextPattern(lo, hi)
	if err != nil {
		return nil, err
	}
	words := fmt.Sprintf("%s from %s to %s", about, lo, hi)
	return obj().
		set("description", strings.ToUpper(words[:1])+words[1:]+": a JSON number whose value is whole (5, 5.0, 5e0), or a string of "+
			"its digits with an optional minus sign and leading zeros (\"007\", \"-5\"); null is absent.").
		set("anyOf", []any{
			obj().set("type", "null"),
			obj().set("type", "integer").set("minimum", json.Number(lo)).set("maximum", json.Number(hi)),
			obj().set("type", "string").set("pattern", pat),
		}), nil
}

// integerTextPattern is the pattern of the integer texts within [lo, hi] that the decoder reads:
// digits with an optional minus sign and leading zeros.
func integerTextPattern(lo, hi string) (string, error) {
	var plain []string
	// Zero and the values above it, by their magnitude.
	if from := inttext.Max(lo, "0"); inttext.Compare(from, hi) <= 0 {
		m := between(from, hi)
		plain = append(plain, `0*(?:`+m+`)`)
	}
	// The values below zero, by their magnitude, and "-0", which is zero.
	var neg []string
	if inttext.Compare(lo, "0") <= 0 && inttext.Compare(hi, "0") >= 0 {
		neg = append(neg, "0")
	}
	if to := inttext.Min(hi, "-1"); inttext.Compare(lo, to) <= 0 {
		neg = append(neg, between(negate(to), negate(lo)))
	}
	if len(neg) > 0 {
		m := strings.Join(neg, "|")
		plain = append(plain, `-0*(?:`+m+`)`)
	}
	if len(plain) == 0 {
		return "", fmt.Errorf("no integer is within %s..%s", lo, hi)
	}
	return `^(?:` + strings.Join(plain, "|") + `)$`, nil
}

func negate(s string) string {
	if m, ok := strings.CutPrefix(s, "-"); ok {
		return m
	}
	if s == "0" {
		return s
	}
	return "-" + s
}

// between is a regular expression (without anchors) for the decimal numbers from a to b, both
// non-negative and written without leading zeros, as they are written: the lengths from a's to
// b's, each a range of numbers of one length.
func between(a, b string) string {
	var alts []string
	for n := len(a); n <= len(b); n++ {
		lo, hi := a, b
		if n > len(a) {
			lo = "1" + strings.Repeat("0", n-1)
		}
		if n < len(b) {
			hi = strings.Repeat("9", n)
		}
		alts = append(alts, sameLength(lo, hi))
	}
	return strings.Join(alts, "|")
}

// sameLength is a regular expression for the digit strings from lo to hi, both of one length:
// the first digit held at lo's with the rest from lo's rest up, the digits between with any
// rest, and the first digit held at hi's with the rest up to hi's rest.
func sameLength(lo, hi string) string {
	n := len(lo)
	switch {
	case lo == hi:
		return lo
	case n == 1:
		return digitRange(lo[0], hi[0])
	case lo[0] == hi[0]:
		return lo[:1] + group(sameLength(lo[1:], hi[1:]))
	}
	zeros, nines := strings.Repeat("0", n-1), strings.Repeat("9", n-1)
	var alts []string
	first, last := lo[0], hi[0]
	if lo[1:] != zeros {
		alts = append(alts, lo[:1]+group(sameLength(lo[1:], nines)))
		first++
	}
	var top string
	if hi[1:] != nines {
		top = hi[:1] + group(sameLength(zeros, hi[1:]))
		last--
	}
	if first <= last {
		alts = append(alts, digitRange(first, last)+repeat(n-1, false))
	}
	if top != "" {
		alts = append(alts, top)
	}
	return strings.Join(alts, "|")
}

// group wraps alternatives so that a prefix applies to all of them.
func group(re string) string {
	if strings.Contains(re, "|") {
		return "(?:" + re + ")"
	}
	return re
}

// booleanSchema accepts what webhook.Decoder's Bool reads.
var booleanSchema = obj().
	set("description", "True or false: a JSON boolean, or the string \"true\" or \"false\"; null is absent.").
	set("anyOf", []any{obj().set("type", "null"), obj().set("type", "boolean"), obj().set("enum", []string{"true", "false"})})

// numberSchema accepts what webhook.Decoder's Number reads: the decoders keep the literal.
var numberSchema = obj().
	set("description", "A number, kept as its literal: a JSON number, or a string holding a JSON number literal; null is absent.").
	set("anyOf", []any{obj().set("type", "null"), obj().set("type", "number"),
		obj().set("type", "string").set("pattern", `^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)})
