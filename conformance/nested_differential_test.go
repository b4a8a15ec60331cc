package conformance

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/internal/testvendor/feed"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// The nested differential suite holds an enveloped vendor's generated Go code and its nested
// JSON Schemas to one verdict per body: a valid body is built from the spec for every event
// version, with every member the spec defines at every depth, and then changed one place at a
// time: each member of the envelope, of the content and of each named type reached through each
// event version (array items and map values included) is removed, emptied, nulled, sent in the
// wrong shape (an object where text goes, a string for an integer, a fraction for an integer),
// pushed past its limits and its format; each object gets an unknown member and a repeated key.
//
// The verdicts must agree: where the Go decoder refuses a body (a *webhook.DecodeError naming a
// path) the schema must refuse the member at that path, or refuse the body as the decoder did;
// where Validate or ValidateStrict reports problems the schema must fault exactly the same
// paths; where the Go side accepts, so must the schema.

// nestedVendor is what the suite needs of a generated enveloped vendor: its spec, its schemas
// and its package's constructor.
type nestedVendor struct {
	id      string
	spec    string // the spec's directory
	schemas fs.FS  // laid out as jsonschema.FS lays them out
	new     func(event string, version int) (nestedEvent, error)
	// oncePerType changes a named type's members in the first event version that reaches the
	// type only (the other versions still get every change of the member that holds it), for
	// vendors whose types are large and shared by hundreds of versions.
	oncePerType bool
}

// nestedEvent is the part of a generated event version the suite drives.
type nestedEvent interface {
	UnmarshalJSON([]byte) error
	Validate() error
	ValidateStrict() error
}

var nestedChargebee = flag.Bool("nested-chargebee", false, "also run the nested differential suite over Chargebee (minutes)")

func chargebeeVendor() nestedVendor {
	return nestedVendor{
		id:      "chargebee",
		spec:    "../spec/chargebee",
		schemas: jsonschema.FS(),
		new: func(event string, version int) (nestedEvent, error) {
			return chargebee.New(chargebee.EventType(event), version)
		},
		oncePerType: true,
	}
}

func feedVendor() nestedVendor {
	return nestedVendor{
		id:      "feed",
		spec:    "../internal/testvendor/spec/feed",
		schemas: os.DirFS("../internal/testvendor/jsonschema"),
		new: func(event string, version int) (nestedEvent, error) {
			return feed.New(feed.EventType(event), version)
		},
	}
}

// The bodies are trees whose objects keep their members' order (and may repeat a key), so that
// a mutation changes one place and nothing else.
type (
	jobj struct{ members []jmember }
	jarr struct{ items []any }
	jstr string
	jnum string // a number's literal
)

type jmember struct {
	key string
	val any
}

func cloneTree(v any) any {
	switch v := v.(type) {
	case *jobj:
		out := &jobj{members: make([]jmember, len(v.members))}
		for i, m := range v.members {
			out.members[i] = jmember{m.key, cloneTree(m.val)}
		}
		return out
	case *jarr:
		out := &jarr{items: make([]any, len(v.items))}
		for i, it := range v.items {
			out.items[i] = cloneTree(it)
		}
		return out
	}
	return v
}

func encodeTree(dst []byte, v any) []byte {
	switch v := v.(type) {
	case *jobj:
		dst = append(dst, '{')
		for i, m := range v.members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = webhook.AppendJSONString(dst, m.key)
			dst = append(dst, ':')
			dst = encodeTree(dst, m.val)
		}
		return append(dst, '}')
	case *jarr:
		dst = append(dst, '[')
		for i, it := range v.items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = encodeTree(dst, it)
		}
		return append(dst, ']')
	case jstr:
		return webhook.AppendJSONString(dst, string(v))
	case jnum:
		return append(dst, v...)
	case bool:
		return strconv.AppendBool(dst, v)
	case nil:
		return append(dst, "null"...)
	}
	panic(fmt.Sprintf("encodeTree: %T is not a tree value", v))
}

// step is one step of a path: a member's key, or an item's index when index >= 0.
type step struct {
	key   string
	index int
}

func pathString(path []step) string {
	var b strings.Builder
	for _, s := range path {
		if s.index >= 0 {
			fmt.Fprintf(&b, "[%d]", s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

// edit clones root and calls change with the container that holds path's last step.
func edit(root any, path []step, change func(parent any, last step)) any {
	out := cloneTree(root)
	at := out
	for _, s := range path[:len(path)-1] {
		at = child(at, s)
	}
	change(at, path[len(path)-1])
	return out
}

func child(v any, s step) any {
	switch v := v.(type) {
	case *jobj:
		for _, m := range v.members {
			if m.key == s.key {
				return m.val
			}
		}
	case *jarr:
		return v.items[s.index]
	}
	panic(fmt.Sprintf("no %+v in %T", s, v))
}

func replaceAt(root any, path []step, value any) any {
	return edit(root, path, func(parent any, last step) {
		switch p := parent.(type) {
		case *jobj:
			for i := range p.members {
				if p.members[i].key == last.key {
					p.members[i].val = value
				}
			}
		case *jarr:
			p.items[last.index] = value
		}
	})
}

func removeAt(root any, path []step) any {
	return edit(root, path, func(parent any, last step) {
		p := parent.(*jobj)
		p.members = slices.DeleteFunc(p.members, func(m jmember) bool { return m.key == last.key })
	})
}

// repeatAt sends the member at path twice, with the same value.
func repeatAt(root any, path []step) any {
	return edit(root, path, func(parent any, last step) {
		p := parent.(*jobj)
		for i, m := range p.members {
			if m.key == last.key {
				p.members = slices.Insert(p.members, i+1, jmember{m.key, cloneTree(m.val)})
				return
			}
		}
	})
}

// addMember adds a member to the object at path (the body itself for an empty path).
func addMember(root any, path []step, key string, value any) any {
	out := cloneTree(root)
	at := out
	for _, s := range path {
		at = child(at, s)
	}
	o := at.(*jobj)
	o.members = append(o.members, jmember{key, value})
	return out
}

// nestedBuilder builds bodies from a vendor's spec.
type nestedBuilder struct {
	t    *testing.T
	spec *spec.Spec
	// types are the named types' resolved members, by name.
	types map[string][]spec.ResolvedField
	// changed records the named types whose members have been changed, when the vendor changes
	// them once (oncePerType); nil otherwise.
	changed map[string]bool
}

// maxNesting bounds the valid body's depth, for types that hold themselves through arrays.
const maxNesting = 8

func (b *nestedBuilder) members(t *spec.ObjectType) []spec.ResolvedField {
	if ms, ok := b.types[t.Name]; ok {
		return ms
	}
	ms, err := b.spec.ResolveType(t)
	if err != nil {
		b.t.Fatal(err)
	}
	b.types[t.Name] = ms
	return ms
}

// fieldsOf are the members of an object value: the content's own, or its named type's.
func (b *nestedBuilder) fieldsOf(rf *spec.ResolvedField) []spec.ResolvedField {
	if rf.Members != nil {
		return rf.Members
	}
	return b.members(rf.Type)
}

// object is a valid object of every member in fields.
func (b *nestedBuilder) object(fields []spec.ResolvedField, depth int) *jobj {
	o := &jobj{}
	for i := range fields {
		o.members = append(o.members, jmember{fields[i].Name, b.valid(&fields[i], depth)})
	}
	return o
}

// valid is a value the Go validator and the schema both accept for rf.
func (b *nestedBuilder) valid(rf *spec.ResolvedField, depth int) any {
	c := rf.Constraint
	switch c.Kind {
	case spec.KindObject:
		return b.object(b.fieldsOf(rf), depth+1)
	case spec.KindArray:
		if depth > maxNesting {
			return &jarr{items: []any{}}
		}
		return &jarr{items: []any{b.valid(rf.Items, depth+1), b.valid(rf.Items, depth+1)}}
	case spec.KindMap:
		if depth > maxNesting {
			return &jobj{}
		}
		return &jobj{members: []jmember{{"a", b.valid(rf.Items, depth+1)}, {"b", b.valid(rf.Items, depth+1)}}}
	case spec.KindRaw:
		return &jobj{members: []jmember{{"k", &jarr{items: []any{jnum("1"), nil}}}}}
	case spec.KindInteger:
		lo, hi := intBounds(c)
		v := "7"
		if fi, ok := c.Format.Info(); ok && fi.Valid != "" {
			v = fi.Valid
		}
		return jnum(inttext.Min(inttext.Max(v, lo), hi))
	case spec.KindBoolean:
		return true
	case spec.KindNumber:
		return jnum("1.25")
	}
	if rf.Enum != nil {
		return jstr(rf.Enum.Values[0].Value)
	}
	candidates := []string{"ab", "7", "1"}
	if fi, ok := c.Format.Info(); ok {
		candidates = []string{fi.Valid}
	}
	if c.Width > 0 {
		candidates = append(candidates, strings.Repeat("7", c.Width))
	}
	for _, v := range candidates {
		if runtimecheck.Accepts(c, v) {
			return jstr(v)
		}
	}
	b.t.Fatalf("member %s: no valid text for %+v among %q", rf.Name, c, candidates)
	return nil
}

// reachesNew reports whether fields reach a named type whose members have not been changed yet
// (or the envelope has not been).
func (b *nestedBuilder) reachesNew(fields []spec.ResolvedField) bool {
	if !b.changed[""] {
		return true
	}
	seen := map[string]bool{}
	var reaches func(rf *spec.ResolvedField) bool
	reaches = func(rf *spec.ResolvedField) bool {
		if rf.Items != nil && reaches(rf.Items) {
			return true
		}
		for i := range rf.Members {
			if reaches(&rf.Members[i]) {
				return true
			}
		}
		if rf.Type == nil || seen[rf.Type.Name] {
			return false
		}
		seen[rf.Type.Name] = true
		if !b.changed[rf.Type.Name] {
			return true
		}
		ms := b.members(rf.Type)
		for i := range ms {
			if reaches(&ms[i]) {
				return true
			}
		}
		return false
	}
	for i := range fields {
		if reaches(&fields[i]) {
			return true
		}
	}
	return false
}

// intBounds are an integer member's bounds as the generated validator applies them: the
// constraint's and its format's, whichever are tighter ("" for none).
func intBounds(c spec.Constraint) (lo, hi string) {
	lo, hi = c.Min, c.Max
	if fi, ok := c.Format.Info(); ok {
		lo, hi = inttext.Max(lo, fi.Min), inttext.Min(hi, fi.Max)
	}
	return lo, hi
}

// body is a valid body of an event version: every member of the envelope, the content's and
// the named types' at every depth, with the event type and version where the delivery reads
// them from the body.
func (b *nestedBuilder) body(ev *spec.Event, v *spec.Version) (*jobj, []spec.ResolvedField) {
	fields, err := b.spec.Resolve(ev, v)
	if err != nil {
		b.t.Fatal(err)
	}
	root := b.object(fields, 0)
	d := b.spec.Vendor.Delivery
	for i := range root.members {
		m := &root.members[i]
		if d.EventType != nil && d.EventType.In == spec.InBody && m.key == d.EventType.Name {
			m.val = jstr(ev.Name)
		}
		if d.Version != nil && d.Version.In == spec.InBody && m.key == d.Version.Name {
			m.val = jstr(versionText(d.Version.Pattern, v.Number))
		}
	}
	return root, fields
}

// versionText writes a version number as a pattern like ^v([0-9]+)$ reads it.
func versionText(pattern string, n int) string {
	p := strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$")
	if before, after, ok := strings.Cut(p, "([0-9]+)"); ok {
		return before + strconv.Itoa(n) + after
	}
	return strconv.Itoa(n)
}

// mutation is one changed body and what was changed.
type mutation struct {
	about string
	body  any
}

// mutations are the changes of the value at path (a member of an object when member is set,
// otherwise an array's item or a map's value) and, through it, of everything inside it.
func (b *nestedBuilder) mutations(root any, path []step, rf *spec.ResolvedField, member bool) []mutation {
	var out []mutation
	at := pathString(path)
	// A vendor whose types are changed once gets the changes that tell one rule each from the
	// others, not every variant: the suite must stay within a few minutes.
	core := map[string]bool{"null": true, "an empty object": true, "text": true, "a fraction": true, "an array of text": true,
		"an entry of an empty object": true, "an object": true, `the string "+5"`: true, `the string "abc"`: true, "the number 4.0": true,
		`the string "yes"`: true, "the number 1": true, "past its length": true, "a number past its length": true,
		"the number 0, as negative zero": true, "the number 1000, with zeros after the point": true,
		"a number at its length, in scientific notation": true, "a number past its length, in scientific notation": true,
		"a number past its maximum, with zeros after the point": true, "a number past its scale, with a negative exponent": true}
	put := func(value any, about string) {
		if b.changed != nil && !core[about] {
			return
		}
		core[about] = false // once per value in a reduced run: enums repeat their change per value
		out = append(out, mutation{at + ": " + about, replaceAt(root, path, value)})
	}
	if member {
		out = append(out, mutation{at + ": removed", removeAt(root, path)})
		out = append(out, mutation{at + ": sent twice", repeatAt(root, path)})
	}
	put(nil, "null")
	put(&jobj{}, "an empty object")
	put(&jarr{items: []any{}}, "an empty array")
	put(jstr(""), "the empty string")
	put(jstr("x"), "text")
	put(jnum("5"), "a number")
	put(jnum("4.5"), "a fraction")
	put(true, "true")
	c := rf.Constraint
	switch c.Kind {
	case spec.KindObject:
		fields := b.fieldsOf(rf)
		out = append(out, mutation{at + ": an unknown member", addMember(root, path, "zz_unknown", jnum("1"))})
		if b.changed != nil && rf.Type != nil {
			if b.changed[rf.Type.Name] {
				break
			}
			b.changed[rf.Type.Name] = true
		}
		if len(path) < 2*maxNesting {
			for i := range fields {
				out = append(out, b.mutations(root, append(slices.Clone(path), step{fields[i].Name, -1}), &fields[i], true)...)
			}
		}
	case spec.KindArray:
		put(&jarr{items: []any{nil}}, "an array of null")
		put(&jarr{items: []any{&jobj{}}}, "an array of an empty object")
		put(&jarr{items: []any{jstr("x")}}, "an array of text")
		if len(path) < 2*maxNesting {
			out = append(out, b.mutations(root, append(slices.Clone(path), step{index: 1}), rf.Items, false)...)
		}
	case spec.KindMap:
		put(&jobj{members: []jmember{{"k", nil}}}, "an entry of null")
		put(&jobj{members: []jmember{{"k", &jobj{}}}}, "an entry of an empty object")
		out = append(out, mutation{at + ": an entry sent twice", repeatAt(root, append(slices.Clone(path), step{"b", -1}))})
		if len(path) < 2*maxNesting {
			out = append(out, b.mutations(root, append(slices.Clone(path), step{"b", -1}), rf.Items, false)...)
		}
	case spec.KindRaw:
		put(&jobj{members: []jmember{{"a", &jobj{members: []jmember{{"b", jnum("1")}}}}}}, "an object")
	case spec.KindInteger:
		for _, s := range []string{"5", "+5", "007", "-0", "5.0", "-0.0", "05.0", "abc", "true", "1.5", "9223372036854775808"} {
			put(jstr(s), fmt.Sprintf("the string %q", s))
		}
		for _, n := range []string{"4.0", "1e3", "1.5e1", "-1", "0", "9223372036854775808", "-9223372036854775809"} {
			put(jnum(n), "the number "+n)
		}
		put(false, "false")
		lo, hi := intBounds(c)
		core["the number "+decrement(lo)], core["the number "+inttext.Increment(hi)] = true, true
		for _, n := range []string{lo, decrement(lo), hi, inttext.Increment(hi)} {
			if n != "" {
				put(jnum(n), "the number "+n)
				put(jstr(n), "the string "+n)
			}
		}
		if fi, ok := c.Format.Info(); ok && fi.Violation != "" {
			core[fi.ViolationAbout] = true
			put(jnum(fi.Violation), fi.ViolationAbout)
		}
		for _, n := range []string{hi, inttext.Increment(hi)} {
			if n != "" {
				for i, lit := range spelled(inttext.Canonical(n)) {
					put(jnum(lit), "the number "+n+", "+spellings[i])
				}
			}
		}
	case spec.KindBoolean:
		put(false, "false")
		for _, s := range []string{"true", "false", "yes", "TRUE"} {
			put(jstr(s), fmt.Sprintf("the string %q", s))
		}
		put(jnum("1"), "the number 1")
		put(jnum("0"), "the number 0")
	case spec.KindNumber:
		for _, n := range []string{"-0.0", "1e3", "12345678901234567890.5"} {
			put(jnum(n), "the number "+n)
		}
		for _, s := range []string{"1.5", "-2E-3", "abc", "01", "1."} {
			put(jstr(s), fmt.Sprintf("the string %q", s))
		}
	default: // text
		if n := max(c.MaxLength, c.Width); n > 0 {
			put(jstr(strings.Repeat("7", n)), "at its length")
			put(jstr(strings.Repeat("7", n+1)), "past its length")
			put(jstr(strings.Repeat("ü", n)), "at its length in runes")
			put(jstr(strings.Repeat("ü", n+1)), "past its length in runes")
			put(jnum(strings.Repeat("9", n)), "a number at its length")
			if n <= schemaNumberDigits {
				put(jnum("1"+strings.Repeat("0", n)), "a number past its length")
			}
		}
		if fi, ok := c.Format.Info(); ok {
			core[fi.ViolationAbout] = true
			put(jstr(fi.Valid), "in its format")
			put(jstr(fi.Violation), fi.ViolationAbout)
		}
		if rf.Enum != nil {
			core["the enum value in capitals"] = true
			for _, v := range rf.Enum.Values {
				put(jstr(v.Value), "the enum value "+v.Value)
				put(jstr(strings.ToUpper(v.Value)), "the enum value in capitals")
			}
		}
		for _, s := range []string{"12a", "-1", "0005", "4.999", "4.", ".5"} {
			put(jstr(s), fmt.Sprintf("the string %q", s))
		}
		put(false, "false")
		// A number sent for text reads as its value written plainly, however it is spelled:
		// each value the text checks judge on either side of a limit, in every spelling.
		for _, nv := range nestedNumberValues(rf) {
			for i, lit := range spelled(nv.value) {
				put(jnum(lit), nv.about+", "+spellings[i])
			}
		}
	}
	return out
}

// schemaNumberDigits is the longest text limit whose number branch the schemas bound (gen's
// longNumber): past it a number of any length is valid to them (the package documentation says
// why), so a number past a text's length is sent only within it.
const schemaNumberDigits = 300

// spellings name what spelled writes, in its order.
var spellings = []string{"with zeros after the point", "with a negative exponent", "in scientific notation", "as negative zero"}

type numberValue struct{ value, about string }

// nestedNumberValues are the values, as plain decimal text, that a text member's checks judge
// on either side of each limit, named for the mutations' descriptions.
func nestedNumberValues(rf *spec.ResolvedField) []numberValue {
	c := rf.Constraint
	out := []numberValue{{"0", "the number 0"}, {"1000", "the number 1000"}, {"4.5", "the number 4.5"}}
	if n := max(c.MaxLength, c.Width); n > 0 {
		out = append(out, numberValue{strings.Repeat("9", n), "a number at its length"})
		if n <= schemaNumberDigits {
			out = append(out, numberValue{"1" + strings.Repeat("0", n), "a number past its length"})
		}
	}
	if c.Kind == spec.KindDigits && c.Max != "" {
		out = append(out, numberValue{inttext.Canonical(c.Max), "a number at its maximum"}, numberValue{inttext.Canonical(inttext.Increment(c.Max)), "a number past its maximum"})
	}
	if c.Kind == spec.KindDecimal {
		whole := c.Precision - c.Scale
		out = append(out, numberValue{"1" + strings.Repeat("0", whole), "a number with too many digits before the point"})
		if c.Scale > 0 {
			out = append(out, numberValue{"4." + strings.Repeat("9", c.Scale), "a number at its scale"}, numberValue{"4." + strings.Repeat("9", c.Scale+1), "a number past its scale"})
		}
	}
	if rf.Enum != nil {
		for _, v := range rf.Enum.Values {
			if p := inttext.Canonical(v.Value); p != "" {
				out = append(out, numberValue{p, "the enum value " + v.Value + " as a number"})
			}
		}
	}
	return out
}

// decrement is the integer text one below s, "" for "".
func decrement(s string) string {
	if s == "" {
		return ""
	}
	if strings.HasPrefix(s, "-") {
		return "-" + inttext.Increment(s[1:])
	}
	if inttext.TrimLeadingZeros(s) == "0" {
		return "-1"
	}
	// Subtract one from a positive digit string.
	d := []byte(inttext.TrimLeadingZeros(s))
	i := len(d) - 1
	for d[i] == '0' {
		d[i] = '9'
		i--
	}
	d[i]--
	return inttext.TrimLeadingZeros(string(d))
}

// nestedVerdict is what one engine says of one body: refused as unreadable (and where), or the
// paths of the members it faults.
type nestedVerdict struct {
	decodeErr bool
	paths     []string
}

func (v nestedVerdict) String() string {
	switch {
	case v.decodeErr:
		return "cannot be decoded at " + strings.Join(v.paths, ", ")
	case len(v.paths) == 0:
		return "valid"
	}
	return "invalid: " + strings.Join(v.paths, ", ")
}

// agree reports whether the schema's verdict keeps the promise about the Go side's: the same
// paths faulted, where a decode error of Go's is matched by the schema faulting its path.
func agree(goSays, schemaSays nestedVerdict) bool {
	if schemaSays.decodeErr && !goSays.decodeErr {
		return false // the schema engine's reader refuses only what the decoders refuse
	}
	return slices.Equal(goSays.paths, schemaSays.paths)
}

func goNestedVerdict(t *testing.T, vendor nestedVendor, event string, version int, strict bool, data []byte) nestedVerdict {
	e, err := vendor.new(event, version)
	if err != nil {
		t.Fatal(err)
	}
	err = e.UnmarshalJSON(data)
	var de *webhook.DecodeError
	if errors.As(err, &de) {
		return nestedVerdict{decodeErr: true, paths: []string{de.Key}}
	}
	if err != nil {
		t.Fatalf("UnmarshalJSON: %v", err)
	}
	return nestedVerdict{paths: faultedFields(t, e, strict)}
}

func schemaNestedVerdict(t *testing.T, v *jsonschema.Validator, vendor nestedVendor, event string, version int, strict bool, data []byte) nestedVerdict {
	problems, err := v.Validate(vendor.id, event, version, strict, webhook.JSON, data)
	var de *webhook.DecodeError
	if errors.As(err, &de) {
		return nestedVerdict{decodeErr: true, paths: []string{de.Key}}
	}
	if err != nil {
		t.Fatalf("jsonschema: %v", err)
	}
	var paths []string
	for _, p := range problems {
		paths = append(paths, p.Field)
	}
	return nestedVerdict{paths: sortedSet(paths)}
}

// nestedCounts counts the bodies checked by the Go side's verdict.
type nestedCounts struct{ unreadable, invalid, valid int }

func (c nestedCounts) String() string {
	return fmt.Sprintf("%d bodies checked by both validators: %d unreadable to the decoder, %d invalid, %d valid",
		c.unreadable+c.invalid+c.valid, c.unreadable, c.invalid, c.valid)
}

// runNestedDifferential runs every event version's valid body and its mutations through both
// engines, in both modes, and returns the bodies checked and the disagreements.
func runNestedDifferential(t *testing.T, vendor nestedVendor, v *jsonschema.Validator) (nestedCounts, []string) {
	s, err := spec.Load(vendor.spec)
	if err != nil {
		t.Fatal(err)
	}
	b := &nestedBuilder{t: t, spec: s, types: map[string][]spec.ResolvedField{}}
	if vendor.oncePerType {
		b.changed = map[string]bool{}
	}
	var counts nestedCounts
	var found []string
	for i := range s.Events {
		ev := &s.Events[i]
		for j := range ev.Versions {
			sv := &ev.Versions[j]
			root, fields := b.body(ev, sv)
			inputs := []mutation{{"the valid body", root}, {"an unknown member", addMember(root, nil, "zz_unknown", jstr("1"))}}
			// A vendor whose types are changed once has its versions changed where they reach
			// a type not changed yet; every version's valid body is checked all the same.
			if b.changed == nil || b.reachesNew(fields) {
				if b.changed != nil {
					b.changed[""] = true // the envelope's own members: changed in the first version only
				}
				for k := range fields {
					inputs = append(inputs, b.mutations(root, []step{{fields[k].Name, -1}}, &fields[k], true)...)
				}
			}
			seen := map[string]bool{}
			for _, in := range inputs {
				data := encodeTree(nil, in.body)
				for _, strict := range []bool{false, true} {
					key := fmt.Sprint(strict, string(data))
					if seen[key] {
						continue
					}
					seen[key] = true
					g := goNestedVerdict(t, vendor, ev.Name, sv.Number, strict, data)
					switch {
					case g.decodeErr:
						counts.unreadable++
					case len(g.paths) > 0:
						counts.invalid++
					default:
						counts.valid++
					}
					sch := schemaNestedVerdict(t, v, vendor, ev.Name, sv.Number, strict, data)
					if !agree(g, sch) {
						found = append(found, fmt.Sprintf("%s v%d strict=%v, %s: Go says %s, JSON Schema says %s\n  input: %s",
							ev.Name, sv.Number, strict, in.about, g, sch, data))
					}
				}
			}
		}
	}
	return counts, found
}

func TestNestedDifferential(t *testing.T) {
	vendors := []nestedVendor{feedVendor()}
	if *nestedChargebee {
		vendors = append(vendors, chargebeeVendor())
	}
	for _, vendor := range vendors {
		t.Run(vendor.id, func(t *testing.T) {
			t.Parallel()
			counts, found := runNestedDifferential(t, vendor, jsonschema.NewValidatorFS(vendor.schemas))
			for i, d := range found {
				if i == 20 {
					t.Errorf("... and %d more", len(found)-20)
					break
				}
				t.Error(d)
			}
			// Each verdict must be reached many times, or the suite proves little about it.
			if counts.unreadable < 100 || counts.invalid < 100 || counts.valid < 100 {
				t.Errorf("too few bodies of some verdict: %v", counts)
			}
			t.Log(counts)
		})
	}
}

// The nested suite catches a schema that drifts from the Go validator at depth: here an order
// line's quantity, at least 1, becomes at least 2 in a copy of the schemas.
func TestNestedDifferentialCatchesABrokenConstraint(t *testing.T) {
	vendor := feedVendor()
	broken := fstest.MapFS{}
	changed := false
	err := fs.WalkDir(vendor.schemas, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(vendor.schemas, p)
		if err != nil {
			return err
		}
		if p == "feed/order_created/v2.schema.json" {
			fixed := strings.ReplaceAll(string(data), `"minimum": 1,`, `"minimum": 2,`)
			changed = fixed != string(data)
			data = []byte(fixed)
		}
		broken[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatal("the schema to break has no minimum of 1: update the test")
	}
	_, found := runNestedDifferential(t, vendor, jsonschema.NewValidatorFS(broken))
	if len(found) == 0 {
		t.Fatal("a schema that refuses a quantity of 1 went unnoticed")
	}
	t.Logf("caught, as it should be:\n%s", found[0])
}
