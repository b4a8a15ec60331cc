package gen

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/jsonpointer"
	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// SchemaRelease is the hookspec release whose schemas the generated files are. Every $id names
// it, so that an $id pins one content: a schema that changes after a release is published under
// the next release's name, never under the old one (TestReleasedSchemasUnchanged in package
// jsonschema holds the recorded releases to their content). Bump it when a release is tagged.
const SchemaRelease = "v0.1.0"

// SchemaBase is what the generated JSON Schemas' $id values start with: SchemaRelease's copy of
// jsonschema/ on GitHub, so that an $id is also an address a person can open. No validator needs
// to fetch it: every file is self-contained.
const SchemaBase = "https://raw.githubusercontent.com/hookspec/hookspec/" + SchemaRelease + "/jsonschema/"

// SchemaComment marks a generated JSON Schema, as Header marks a Go file.
const SchemaComment = Header

// JSON Schema files mirror the Go validator check for check. Both judge a value by its text: a
// JSON string's contents, a JSON number's value written plainly (no exponent, no superfluous
// zeros: 1e3 is "1000", 4.900 is "4.9", -0 is "0"; webhook's Numbers), "true"/"false", and null
// or "" as absent. A schema sees a number's value, never its literal, which is why the Go readers
// write it plainly: each constraint's number branch accepts the numbers whose plain text the Go
// check accepts, however they are spelled. Where a branch only approximates (the length of a
// fraction's text), the conformance suite's documentation says so.

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// schemaFiles renders jsonschema/<vendor>/: per event version, the default schema (unknown
// members allowed, as a receiver must) and the strict one. Every file is self-contained: the
// definitions it uses travel in its own $defs and no reference leaves the file, so any validator
// reads it alone, with no registry, no extra files and no network. An enveloped vendor's schemas
// are nested (nestedSchemaFiles).
func (p *pkg) schemaFiles() ([]File, error) {
	if p.enveloped() {
		return p.nestedSchemaFiles()
	}
	var files []File
	for _, ev := range p.events {
		for _, v := range ev.versions {
			for _, strict := range []bool{false, true} {
				doc, err := p.flatSchema(v, strict)
				if err != nil {
					return nil, err
				}
				data, err := indentJSON(doc)
				if err != nil {
					return nil, err
				}
				files = append(files, File{Path: schemaPath(p, v, strict), Data: data})
			}
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// schemaPath is where an event version's schema is written: jsonschema/<vendor>/<Event>/
// v<N>.schema.json, or v<N>.strict.schema.json.
func schemaPath(p *pkg, v *version, strict bool) string {
	return fmt.Sprintf("jsonschema/%s/%s/%s", p.name, v.event.spec.Name, schemaName(v, strict))
}

func schemaName(v *version, strict bool) string {
	if strict {
		return fmt.Sprintf("v%d.strict.schema.json", v.spec.Number)
	}
	return fmt.Sprintf("v%d.schema.json", v.spec.Number)
}

// schemaHeader starts a schema file: the generated-file comment, the dialect, the pinned $id,
// the title and what the version is.
func schemaHeader(p *pkg, v *version, strict bool) *object {
	title := fmt.Sprintf("%s %s v%d", p.spec.Vendor.Name, v.event.spec.Name, v.spec.Number)
	if strict {
		title += " (strict)"
	}
	return obj().
		set("$comment", SchemaComment).
		set("$schema", draft2020).
		set("$id", SchemaBase+strings.TrimPrefix(schemaPath(p, v, strict), "jsonschema/")).
		set("title", title)
}

// versionWords say which webhook a version's schema describes.
func versionWords(p *pkg, v *version) string {
	return fmt.Sprintf("Version %d of %s's %s webhook, sent %s; documented at %s.", v.spec.Number, p.spec.Vendor.Name,
		v.event.spec.Name, formatWords(v), v.event.spec.DocURL)
}

// flatSchema is an event version's schema for a vendor of flat bodies: one object of scalar
// members, each described by its constraint's definition.
func (p *pkg) flatSchema(v *version, strict bool) (*object, error) {
	w := newSchemaWriter(p, strict)
	w.inline = true
	props := obj()
	var required []string
	var allOf []any
	for _, fd := range v.fields {
		prop, err := w.value(&fd.ResolvedField, fd.typ, fd.Required(), "#/properties/"+jsonpointer.Escape(fd.Name))
		if err != nil {
			return nil, fmt.Errorf("%s: field %s: %w", v.goType, fd.Name, err)
		}
		words := strings.TrimSpace(sentence(fd.Description) + fmt.Sprintf(" Data type %q, read as %s.", fd.DataType, describe(fd.Constraint)) +
			absentWords(fd.Required(), `null or ""`))
		props.set(fd.Name, obj().set("description", words).merge(prop))
		// Other spellings refer to the table's: one definition, and a machine-readable
		// record of which spelling a problem belongs to.
		for _, s := range fd.spellings[1:] {
			props.set(s, obj().
				set("description", fmt.Sprintf("Another spelling of %s; decoders read both.", fd.Name)).
				set("$ref", "#/properties/"+jsonpointer.Escape(fd.Name)))
		}
		if fd.Required() {
			if len(fd.spellings) == 1 {
				required = append(required, fd.Name)
			} else {
				allOf = append(allOf, requiredSpelling(fd.spellings))
			}
		}
	}
	rules, err := p.ruleSchemas(v)
	if err != nil {
		return nil, err
	}
	allOf = append(allOf, rules...)
	doc := schemaHeader(p, v, strict)
	about := versionWords(p, v)
	if strict {
		doc.set("description", about+" Rejects members it does not define"+passThroughNote(p, v)+"; "+schemaName(v, false)+" accepts them.")
	} else {
		doc.set("description", about+" Accepts members it does not define (pass-through variables, newer fields), as scalar values; "+
			schemaName(v, true)+" rejects them.")
	}
	doc.set("type", "object").set("properties", props)
	if len(required) > 0 {
		doc.set("required", required)
	}
	if len(allOf) > 0 {
		doc.set("allOf", allOf)
	}
	// additionalProperties rather than propertyNames or unevaluatedProperties: it judges each
	// member the properties do not name, so a validator reports an unknown member at its own
	// path, and it needs no annotations from the members' own checks.
	switch pt := p.spec.Vendor.PassThrough; {
	case !strict:
		doc.set("additionalProperties", w.ref(defScalar))
	case v.spec.PassThrough && pt != nil && pt.Prefix != "":
		doc.set("patternProperties", obj().set("^"+regexp.QuoteMeta(pt.Prefix), w.ref(defScalar)))
		doc.set("additionalProperties", w.ref(defUnknown))
	default:
		doc.set("additionalProperties", w.ref(defUnknown))
	}
	defs, err := w.defs()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.goType, err)
	}
	return doc.set("$defs", defs), nil
}

// requiredSpelling requires one of a member's spellings: the first unless another is sent. A
// body with none is told the first is required, which names the member as the spec spells it.
func requiredSpelling(spellings []string) *object {
	rule := obj().set("required", spellings[:1])
	for i := len(spellings) - 1; i >= 1; i-- {
		rule = obj().set("if", obj().set("required", spellings[i:i+1])).set("else", rule)
	}
	return rule
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

// A value's schema dispatches on the value's JSON type (byType): an if/then/else per type the
// value may arrive as, each then-branch stating its type beside its keywords. A failure points
// at the member and the keyword it breaks (maxLength, pattern, minimum, enum), or at "type"
// for a value of a type the member never takes, rather than at an anyOf of shapes that every
// validator reports as "not valid under any of the given schemas". The first shape is the one a
// value most often takes, and a value that meets it passes at once: the dispatch starts with
// {"if": <that shape>, "else": <the dispatch on the type>}, so that a valid value costs a
// validator one evaluation, and only a value that fails is dispatched (and reported) by type.
//
// Absent is null or "" for text (the Go decoders read both as an empty field) and null for the
// nested kinds. An optional member's definition accepts it; a required member's definition
// (its key ends in "-required") refuses it with "minLength" (the empty string) or "type" (null),
// beside the object's "required" for a member not sent at all.

// shape is one JSON type a value may arrive as, and what a value of that type must meet.
type shape struct {
	// test is the JSON type that selects the shape ("number" selects integers too).
	test string
	// schema states its type beside its keywords; nil accepts any value of the type.
	schema *object
	// fast accepts the values of the shape that schema accepts, or fewer, in one evaluation (no
	// if/then inside); nil for schema itself.
	fast *object
}

// byType is the schema of a value that may arrive in any of shapes, tested in order; a value of
// any other type is refused by "type": fallback, the type a person should send. A value that
// meets the first shape's fast test passes without the dispatch.
func byType(fallback string, shapes ...shape) *object {
	out := dispatch(fallback, shapes...)
	if _, chain := out.values["if"]; !chain || len(shapes) == 0 {
		return out
	}
	fast := shapes[0].fast
	if fast == nil {
		fast = shapes[0].schema
	}
	if fast == nil || len(fast.keys) == 1 && fast.values["type"] == shapes[0].test {
		return out // the dispatch's first test is as fast
	}
	return obj().set("if", fast).set("else", out)
}

// dispatch is byType's if/then/else on the value's type.
func dispatch(fallback string, shapes ...shape) *object {
	if len(shapes) == 0 {
		return obj().set("type", fallback)
	}
	s := shapes[0]
	if s.schema != nil && len(s.schema.keys) == 1 && s.schema.values["type"] == s.test {
		s.schema = nil // the test says it all: one evaluation fewer
	}
	if len(shapes) == 1 && s.test == fallback {
		if s.schema != nil {
			return s.schema
		}
		return obj().set("type", fallback)
	}
	out := obj().set("if", obj().set("type", s.test))
	if s.schema != nil {
		out.set("then", s.schema)
	}
	return out.set("else", dispatch(fallback, shapes[1:]...))
}

// absentWords end a value definition's description: what an absent value is, and whether the
// definition allows it.
func absentWords(required bool, absent string) string {
	if required {
		return " Required: " + absent + " is refused."
	}
	return " " + strings.ToUpper(absent[:1]) + absent[1:] + " is absent."
}

// valueSchema is a text constraint's definition: a string, number or boolean whose text the Go
// check accepts, and, unless required, an absent value (null or "").
func valueSchema(c spec.Constraint, required bool) (*object, error) {
	d := describe(c)
	words := sentence(strings.ToUpper(d[:1])+d[1:]) + absentWords(required, `null or ""`)
	if c.Kind == spec.KindBoolean {
		values := []any{true, false, "true", "false"}
		if !required {
			values = append([]any{nil, ""}, values...)
		}
		return obj().set("description", words).set("enum", values), nil
	}
	var str, num *object
	lo, hi := "", "" // bounds of the number shape, as integer texts
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
		num = obj().set("type", "number")
		if limit, ok := powerOfTen(whole); ok {
			num.set("exclusiveMinimum", json.Number("-"+string(limit))).set("exclusiveMaximum", limit)
		}
		if c.Scale > 0 {
			num.set("multipleOf", json.Number("0."+strings.Repeat("0", c.Scale-1)+"1"))
		} else {
			num.set("type", "integer")
		}
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
	shapes := []shape{{test: "string", schema: textShape(str, required), fast: fastText(str, required)}}
	if !required {
		shapes = append(shapes, shape{test: "null"})
	}
	if num != nil {
		var neg, pos *object
		if negLo != "" && negHi != "" && inttext.Compare(negLo, negHi) <= 0 {
			neg = obj().set("type", "integer")
			setBound(neg, "minimum", negLo)
			setBound(neg, "maximum", negHi)
		}
		if lo == "" || hi == "" || inttext.Compare(lo, hi) <= 0 {
			pos = num
			if lo != "" {
				setBound(pos, "minimum", lo)
			}
			if hi != "" {
				setBound(pos, "maximum", hi)
			}
		}
		switch {
		case neg != nil && pos != nil:
			// The width's two ranges, chosen by the number's sign: each failure then names the
			// bound of the range the number is in.
			below := obj().set("type", "number").set("exclusiveMaximum", json.Number("0"))
			shapes = append(shapes, shape{test: "number", schema: obj().set("type", "number").set("if", below).set("then", neg).set("else", pos)})
		case neg != nil:
			shapes = append(shapes, shape{test: "number", schema: neg})
		case pos != nil:
			shapes = append(shapes, shape{test: "number", schema: pos})
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
		shapes = append(shapes, shape{test: "boolean", schema: obj().set("type", "boolean").set("const", bools[0])})
	case 2:
		shapes = append(shapes, shape{test: "boolean"})
	}
	return obj().set("description", words).merge(byType("string", shapes...)), nil
}

// textShape is the string shape of a text value: str's keywords for a string that is not empty.
// The empty string is absent: an optional member allows it even where str's keywords (a width,
// a pattern) would not, and a required member refuses it by minLength, whatever str says.
//
// An optional member's patterns take "" as one more alternative, so that its string shape is one
// schema: every level of if/then is one more evaluation per member for a validator, and a body has
// dozens of members. A width (minLength) cannot take "" that way, and neither can a required
// member's check: those test the length first.
func textShape(str *object, required bool) *object {
	_, hasPattern := str.values["pattern"]
	_, hasPatterns := str.values["allOf"]
	minLength, _ := str.values["minLength"].(int)
	if !hasPattern && !hasPatterns && minLength == 0 {
		if required {
			return obj().set("type", "string").set("minLength", 1).merge(str)
		}
		return str // "" meets str's keywords
	}
	if !required && minLength == 0 {
		if folded, ok := withEmpty(str); ok {
			return folded
		}
	}
	out := obj().set("type", "string").set("if", obj().set("minLength", 1)).set("then", str)
	if required {
		out.set("else", obj().set("minLength", 1))
	}
	return out
}

// fastText accepts the strings textShape(str, required) accepts, but for "" where optional, in
// one evaluation: str's keywords, and a required member's minLength.
func fastText(str *object, required bool) *object {
	if required {
		return obj().set("type", "string").set("minLength", 1).merge(str)
	}
	if shape := textShape(str, required); shape.values["if"] == nil {
		return shape
	}
	return str
}

// withEmpty is str with each of its patterns also matching "", false if one of them is not of
// the form ^...$ with no alternative at the top (then wrapping it would change what it matches).
func withEmpty(str *object) (*object, bool) {
	out := obj().merge(str)
	if p, ok := str.values["pattern"].(string); ok {
		q, ok := emptyOr(p)
		if !ok {
			return nil, false
		}
		out.set("pattern", q)
	}
	if all, ok := str.values["allOf"].([]any); ok {
		var folded []any
		for _, a := range all {
			p, _ := a.(*object).values["pattern"].(string)
			q, ok := emptyOr(p)
			if !ok || len(a.(*object).keys) != 1 {
				return nil, false
			}
			folded = append(folded, obj().set("pattern", q))
		}
		out.set("allOf", folded)
	}
	return out, true
}

// emptyOr is the anchored pattern ^R$ as ^(?:R)?$, which also matches "".
func emptyOr(p string) (string, bool) {
	r, ok := strings.CutPrefix(p, "^")
	if !ok || !strings.HasSuffix(r, "$") || strings.HasSuffix(r, `\$`) {
		return "", false
	}
	r = r[:len(r)-1]
	depth, class := 0, false
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return "", false
		}
	}
	return "^(?:" + r + ")?$", true
}

// longNumber is the number of digits past which a number shape states no bound. Readers that
// parse JSON numbers into floats cannot hold a larger one (JavaScript and ajv turn 1e400 into
// Infinity and refuse the schema; Python refuses integers of more than 4300 digits), while a
// text's length limit (65000 characters) turns into a bound of as many nines. Without it a
// number literal longer than such a limit is accepted: the schemas' one difference from the Go
// check on text, and a number no reader of floats could tell from Infinity.
const longNumber = 300

// powerOfTen is 10^n as a JSON number, false past longNumber digits.
func powerOfTen(n int) (json.Number, bool) {
	if n > longNumber {
		return "", false
	}
	return json.Number("1" + strings.Repeat("0", n)), true
}

// setBound sets a number shape's minimum or maximum from an integer text, unless the bound has
// more than longNumber digits.
func setBound(o *object, keyword, bound string) {
	bound = inttext.Canonical(bound)
	if len(strings.TrimPrefix(bound, "-")) > longNumber {
		return
	}
	o.set(keyword, json.Number(bound))
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
// where a value is a plain integer literal, and for numeric enums with any leading zeros; and an
// absent value, which the member's own definition allows or refuses.
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
	out := obj().set("description", sentence(e.spec.Description))
	if !e.spec.Numeric {
		return out.set("enum", append(append([]any{nil, ""}, values...), numbers...))
	}
	var alts []string
	var nums []any
	for _, t := range trimmed {
		alts = append(alts, regexp.QuoteMeta(t))
		if inttext.IsDigits(t) {
			nums = append(nums, json.Number(t))
		}
	}
	shapes := []shape{
		{test: "string", schema: obj().set("type", "string").set("pattern", "^(?:0*(?:"+strings.Join(alts, "|")+"))?$")},
		{test: "null"},
	}
	if len(nums) > 0 {
		shapes = append(shapes, shape{test: "number", schema: obj().set("type", "number").set("enum", nums)})
	}
	return out.merge(byType("string", shapes...))
}

var plainInteger = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)

// Nested schemas. An enveloped vendor's bodies are JSON objects of typed members, read by the
// generated decoders through webhook.Decoder. Each event version gets two self-contained files,
// as a flat vendor's do: the lenient schema allows the members the spec does not define, at
// every depth, as the decoders keep them; the strict one refuses them at every depth, as
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
// A named type's definition states "type": "object" beside its keywords. A member of an object,
// array or map type refers to it as it is where the member is required (null then fails "type"),
// and as {"if": {"type": "null"}, "else": ...} where it may be absent, so that a failure inside
// it names the member and the keyword, not an anyOf of shapes.
//
// Where the two validators differ by construction: the decoders' caps on kept unknown members
// (webhook.MaxExtraMembers, webhook.MaxExtraBytes) are not expressed.

// nestedSchemaFiles renders jsonschema/<vendor>/ for an enveloped vendor: per event version, the
// lenient schema and the strict one, each self-contained.
func (p *pkg) nestedSchemaFiles() ([]File, error) {
	var files []File
	for _, ev := range p.events {
		for _, v := range ev.versions {
			for _, strict := range []bool{false, true} {
				doc := schemaHeader(p, v, strict)
				about := versionWords(p, v)
				if strict {
					doc.set("description", about+" Rejects members the spec does not define, at every depth; "+schemaName(v, false)+" accepts them.")
				} else {
					doc.set("description", about+" Accepts members the spec does not define, at every depth (members the vendor added "+
						"after the spec was captured, custom fields), as the decoders keep them; "+schemaName(v, true)+" rejects them.")
				}
				w := newSchemaWriter(p, strict)
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
				files = append(files, File{Path: schemaPath(p, v, strict), Data: data})
			}
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// Definitions that are not a constraint's, a type's or an enum's.
const (
	// defScalar is any flat value: what an unknown member of a flat body may hold.
	defScalar = "scalar"
	// defUnknown is what a strict schema says of a member it does not define: nothing passes.
	defUnknown = "unknown"
)

var fixedDefs = map[string]*object{
	defScalar: obj().
		set("description", "Any flat value: what a body's member may hold; nested objects and arrays are not webhook fields.").
		merge(byType("string", shape{test: "string"}, shape{test: "number"}, shape{test: "boolean"}, shape{test: "null"})),
	defUnknown: obj().
		set("description", "A member this version does not define: the strict schema refuses it, whatever its value.").
		set("not", obj().set("description", "Any value: the member is not one this version defines.")),
}

// schemaWriter collects the definitions one schema file refers to while its body is written.
type schemaWriter struct {
	p      *pkg
	strict bool
	// inline writes text values' definitions into their members' properties rather than
	// referring to them, as flat bodies' schemas do: a body has dozens of members and every
	// reference is one more evaluation per member for a validator. Nested files keep shared
	// definitions: their types repeat members across many objects, and the files would double.
	inline bool
	types  map[*goStruct]*object // named types' definitions
	values map[string]*object    // value definitions by key
	enums  map[*enum]bool
	fixed  map[string]bool // the fixedDefs referred to
}

func newSchemaWriter(p *pkg, strict bool) *schemaWriter {
	return &schemaWriter{p: p, strict: strict, types: map[*goStruct]*object{}, values: map[string]*object{},
		enums: map[*enum]bool{}, fixed: map[string]bool{}}
}

// without is a copy of o without the given members.
func (o *object) without(keys ...string) *object {
	out := obj()
	for _, k := range o.keys {
		if !slices.Contains(keys, k) {
			out.set(k, o.values[k])
		}
	}
	return out
}

// ref refers to one of the fixedDefs, and adds it to the file's definitions.
func (w *schemaWriter) ref(name string) *object {
	w.fixed[name] = true
	return obj().set("$ref", "#/$defs/"+name)
}

// defs are the file's definitions: the named types in the spec's order, the value definitions
// by key, the enums in the spec's order, then the fixed ones. A name given twice is an error:
// one of the two $refs would point at the wrong schema.
func (w *schemaWriter) defs() (*object, error) {
	defs := obj()
	put := func(name string, def *object) error {
		if _, taken := defs.values[name]; taken {
			return fmt.Errorf("the JSON Schema definition %s has two meanings (a type's, a constraint's or an enum's)", name)
		}
		defs.set(name, def)
		return nil
	}
	for _, o := range w.p.types {
		if def, ok := w.types[o]; ok {
			if err := put(o.named.Name, def); err != nil {
				return nil, fmt.Errorf("type %s: %w", o.named.Name, err)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(w.values)) {
		if err := put(k, w.values[k]); err != nil {
			return nil, err
		}
	}
	for _, e := range w.p.enums {
		if w.enums[e] {
			if err := put(enumDef(e), enumSchema(e)); err != nil {
				return nil, err
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(w.fixed)) {
		if err := put(k, fixedDefs[k]); err != nil {
			return nil, err
		}
	}
	return defs, nil
}

func enumDef(e *enum) string { return "enum-" + e.spec.Name }

// object writes an object's keywords into dst: its properties, the required ones, a rule per
// member with several spellings, and in the strict file a refusal of every other member. at is
// the JSON pointer of dst, where other spellings refer to a member's property.
func (w *schemaWriter) object(dst *object, o *goStruct, at string) error {
	props := obj()
	var required []string
	var allOf []any
	for _, m := range o.members {
		prop, err := w.value(&m.ResolvedField, m.typ, m.Required(), at+"/properties/"+jsonpointer.Escape(m.Name))
		if err != nil {
			return fmt.Errorf("%s: member %s: %w", o.about, m.Name, err)
		}
		if d := memberWords(&m.ResolvedField); d != "" {
			prop = obj().set("description", d).merge(prop)
		}
		props.set(m.Name, prop)
		// Other spellings refer to the member's property: one definition, and a record of which
		// member a spelling belongs to. Decoders read any one of them and refuse two at once.
		for _, s := range m.spellings[1:] {
			props.set(s, obj().
				set("description", fmt.Sprintf("Another spelling of %s; decoders read either, and refuse an object that sends both.", m.Name)).
				set("$ref", at+"/properties/"+jsonpointer.Escape(m.Name)))
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
				allOf = append(allOf, requiredSpelling(m.spellings))
			}
		}
	}
	dst.set("type", "object").set("properties", props)
	if len(required) > 0 {
		dst.set("required", required)
	}
	if len(allOf) > 0 {
		dst.set("allOf", allOf)
	}
	if w.strict {
		dst.set("additionalProperties", w.ref(defUnknown))
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
func (w *schemaWriter) value(rf *spec.ResolvedField, t *goType, required bool, at string) (*object, error) {
	switch t.kind {
	case goText, goSecret, goEnum:
		key := requiredKey(constraintKey(rf.Constraint), required)
		def, ok := w.values[key]
		if !ok {
			var err error
			if def, err = valueSchema(rf.Constraint, required); err != nil {
				return nil, err
			}
		}
		var out *object
		if w.inline {
			out = def.without("description")
		} else {
			w.values[key] = def
			out = obj().set("$ref", "#/$defs/"+key)
		}
		if t.closedEnum() {
			switch e := enumSchema(t.enum); {
			case !w.inline:
				w.enums[t.enum] = true
				out.set("allOf", []any{obj().set("$ref", "#/$defs/"+enumDef(t.enum))})
			case len(e.keys) == 2 && e.values["enum"] != nil: // description and enum
				out.set("enum", e.values["enum"])
			default:
				out.set("allOf", []any{e.without("description")})
			}
		}
		return out, nil
	case goInt, goUnixTime, goUnixMillis:
		key, err := w.integer(rf.Constraint, required)
		if err != nil {
			return nil, err
		}
		return obj().set("$ref", "#/$defs/"+key), nil
	case goBool:
		key := requiredKey("boolean", required)
		w.values[key] = booleanSchema(required)
		return obj().set("$ref", "#/$defs/"+key), nil
	case goNumber:
		key := requiredKey("number", required)
		w.values[key] = numberSchema(required)
		return obj().set("$ref", "#/$defs/"+key), nil
	case goRaw:
		// Any value: the decoders keep it as sent.
		if required {
			return obj().set("not", obj().set("type", "null")), nil
		}
		return obj(), nil
	case goObject:
		if t.obj.named == nil { // an event version's content: written in place
			out := obj()
			return orNull(out, required), w.object(out, t.obj, nullablePointer(at, required))
		}
		if _, ok := w.types[t.obj]; !ok {
			def := obj()
			w.types[t.obj] = def // before its members, which may refer to it through arrays
			if d := sentence(t.obj.named.Description); d != "" {
				def.set("description", d)
			}
			if err := w.object(def, t.obj, "#/$defs/"+jsonpointer.Escape(t.obj.named.Name)); err != nil {
				return nil, err
			}
		}
		return orNull(obj().set("$ref", "#/$defs/"+jsonpointer.Escape(t.obj.named.Name)), required), nil
	case goArray, goMap:
		if rf.Items == nil {
			return nil, fmt.Errorf("%s without items", rf.Constraint.Kind.Article())
		}
		at = nullablePointer(at, required)
		if t.kind == goArray {
			elem, err := w.value(rf.Items, t.elem, false, at+"/items")
			if err != nil {
				return nil, fmt.Errorf("items: %w", err)
			}
			return orNull(obj().set("type", "array").set("items", elem), required), nil
		}
		elem, err := w.value(rf.Items, t.elem, false, at+"/additionalProperties")
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		// A map's keys are the sender's: any name, in the strict file too.
		return orNull(obj().set("type", "object").set("additionalProperties", elem), required), nil
	}
	return nil, fmt.Errorf("no JSON Schema for Go kind %d", t.kind)
}

// requiredKey is the name of a value definition's variant for required members.
func requiredKey(key string, required bool) string {
	if required {
		return key + "-required"
	}
	return key
}

// orNull is the schema of a member of an object, array or map type: s, which states its type,
// and null too where the member may be absent.
func orNull(s *object, required bool) *object {
	if required {
		return s
	}
	return obj().set("if", obj().set("type", "null")).set("else", s)
}

// nullablePointer is the JSON pointer of the schema orNull wraps, from the pointer of its result.
func nullablePointer(at string, required bool) string {
	if required {
		return at
	}
	return at + "/else"
}

// integer names (and defines on first use) the schema of an integer member: the constraint's
// bounds, its format's and int64's, whichever are tighter.
func (w *schemaWriter) integer(c spec.Constraint, required bool) (string, error) {
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
	key := requiredKey(strings.Join(parts, "-"), required)
	if _, ok := w.values[key]; ok {
		return key, nil
	}
	def, err := integerSchema(lo, hi, about, required)
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

// integerSchema accepts what webhook.Decoder's Int reads within [lo, hi]: a JSON number whose
// value is a whole number, a string of digits with an optional minus sign and leading zeros, and
// null (absent) unless required.
func integerSchema(lo, hi, about string, required bool) (*object, error) {
	if inttext.Compare(lo, hi) > 0 {
		return nil, fmt.Errorf("no integer is within %s..%s", lo, hi)
	}
	pat, err := integerTextPattern(lo, hi)
	if err != nil {
		return nil, err
	}
	words := fmt.Sprintf("%s from %s to %s", about, lo, hi)
	shapes := []shape{
		{test: "number", schema: obj().set("type", "integer").set("minimum", json.Number(lo)).set("maximum", json.Number(hi))},
		{test: "string", schema: obj().set("type", "string").set("pattern", pat)},
	}
	if !required {
		shapes = append(shapes, shape{test: "null"})
	}
	return obj().
		set("description", strings.ToUpper(words[:1])+words[1:]+": a JSON number whose value is whole (5, 5.0, 5e0), or a string of "+
			"its digits with an optional minus sign and leading zeros (\"007\", \"-5\")."+absentWords(required, "null")).
		merge(byType("integer", shapes...)), nil
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
func booleanSchema(required bool) *object {
	values := []any{true, false, "true", "false"}
	if !required {
		values = append([]any{nil}, values...)
	}
	return obj().
		set("description", "True or false: a JSON boolean, or the string \"true\" or \"false\"."+absentWords(required, "null")).
		set("enum", values)
}

// numberSchema accepts what webhook.Decoder's Number reads: the decoders keep the literal.
func numberSchema(required bool) *object {
	shapes := []shape{
		{test: "number"},
		{test: "string", schema: obj().set("type", "string").set("pattern", `^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)},
	}
	if !required {
		shapes = append(shapes, shape{test: "null"})
	}
	return obj().
		set("description", "A number, kept as its literal: a JSON number, or a string holding a JSON number literal."+absentWords(required, "null")).
		merge(byType("number", shapes...))
}
