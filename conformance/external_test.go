package conformance

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// The external tools check holds the shipped JSON Schemas to what they promise people outside
// Go: python-jsonschema (Draft202012Validator) and ajv (Ajv2020 at its default options, strict
// mode on) reach the Go validator's verdict on every shipped sample and on invalid mutations of
// them, each schema file on its own (no registry, no other file, no network). The tools are not
// assumed on the machine: `make schema-tools-test` installs them (external/with-schema-tools)
// and runs this with -external-tools.
//
// The cases are written to a temporary directory and each tool validates all of them in one
// process (external/validate.py, external/validate.mjs); the test compares. A body the Go
// decoders refuse counts as invalid at the member the decoder names, as the nested differential
// holds the schemas to. Left out by construction: a key sent twice (the tools' JSON readers keep
// one of the two before any schema sees the body) and form bodies (a schema describes the JSON
// object; a form is that object's members as strings, which the JSON mutations cover).

var (
	externalTools = flag.Bool("external-tools", false,
		"validate every sample and mutation with python-jsonschema and ajv too (make schema-tools-test installs them and sets this)")
	externalPython = flag.String("python", "/usr/bin/python3",
		"the interpreter python-jsonschema is installed for (with -external-tools)")
)

// externalCase is one body checked against one schema file, with the Go validator's verdict.
type externalCase struct {
	vendor string
	schema string // relative to the module root: jsonschema/ccbill/NewSaleSuccess/v6.schema.json
	about  string // the event version, the mode and the change
	body   []byte
	goSays nestedVerdict
}

// toolVerdict is one tool's answer on one case, as the scripts write it.
type toolVerdict struct {
	ID    int  `json:"id"`
	Valid bool `json:"valid"`
	// Error says why the tool could not judge the case (a $ref it cannot resolve, a schema that
	// does not compile).
	Error string `json:"error"`
	// The error the tool reports first (python: best_match's, what jsonschema.validate raises):
	// where it points, what it says and the member names it carries in its parameters (ajv).
	ErrorPath    []any    `json:"error_path"`
	ErrorMessage string   `json:"error_message"`
	ErrorNames   []string `json:"error_names"`
}

// schemaReport is what a tool says of one schema file by itself.
type schemaReport struct {
	Schema string   `json:"schema"`
	Logged []string `json:"logged"` // ajv's console output while compiling: strict-mode warnings
	Error  string   `json:"error"`
}

var (
	externalOnce  sync.Once
	externalSet   []externalCase
	externalSetUp string
)

// externalCases builds the cases once for the tests that use them.
func externalCases(t *testing.T) []externalCase {
	t.Helper()
	externalOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				externalSetUp = fmt.Sprintf("building the cases: %v\n%s", r, debug.Stack())
			}
		}()
		externalSet = append(ccbillExternalCases(t), chargebeeExternalCases(t)...)
	})
	if externalSetUp != "" {
		t.Fatal(externalSetUp)
	}
	return externalSet
}

// ccbillExternalCases: every event version's documented example (ccbill.Sample) as JSON, an
// unknown member, a pass-through variable where the version declares them, and for every field
// each value that breaks one of its rules (payload.Violations: missing, too long, not digits,
// out of range, wrong width, a bad date, a bad enum value), the field at its length, and the
// field sent as a JSON number, a boolean and null; each in both modes.
func ccbillExternalCases(t *testing.T) []externalCase {
	s := loadSpec(t)
	var out []externalCase
	for _, ev := range ccbill.Events() {
		se := s.Event(string(ev))
		for _, n := range ccbill.Versions(ev) {
			sv := se.Version(n)
			fields, err := s.Resolve(se, sv)
			if err != nil {
				t.Fatal(err)
			}
			base := sampleBody(t, ev, n)
			// A version CCBill sends only as a form is judged by the Go validator as a form, and
			// by the schema as the JSON object of the form's members, every value a string.
			e, _ := ccbill.New(ev, n)
			format := webhook.JSON
			if !e.Formats().Has(webhook.JSON) {
				format = webhook.Form
			}
			type change struct {
				about string
				body  body
			}
			changes := []change{{"the guide's example", base}, {"a member the version does not define", base.with("undefinedMember", "Y", webhook.KindString)}}
			if sv.PassThrough {
				changes = append(changes, change{"a pass-through variable", base.with("X-customer_fname", "Jo", webhook.KindString)})
			}
			for _, fd := range fields {
				for _, v := range payload.Violations(fd) {
					b := base.with(fd.Name, v.Value, webhook.KindString)
					if v.Remove {
						b = base.without(fd.Name)
					}
					changes = append(changes, change{fd.Name + ": " + v.About, b})
				}
				if limit := max(fd.Constraint.MaxLength, fd.Constraint.Width); limit > 0 {
					changes = append(changes, change{fd.Name + ": at its length", base.with(fd.Name, strings.Repeat("7", limit), webhook.KindString)})
				}
				if format == webhook.JSON {
					changes = append(changes,
						change{fd.Name + ": the number 5", base.with(fd.Name, "5", webhook.KindNumber)},
						change{fd.Name + ": true", base.with(fd.Name, "true", webhook.KindBool)},
						change{fd.Name + ": null", base.with(fd.Name, "", webhook.KindNull)})
					for _, v := range externalNumberValues(fd) {
						for _, lit := range append([]string{v}, spelled(v)...) {
							changes = append(changes, change{fd.Name + ": the number " + lit, base.with(fd.Name, lit, webhook.KindNumber)})
						}
					}
				}
			}
			for _, c := range changes {
				data := c.body.encode(webhook.JSON)
				for _, strict := range []bool{false, true} {
					g := goVerdict(t, ev, n, format, strict, c.body.encode(format))
					out = append(out, externalCase{
						vendor: "ccbill",
						schema: filepath.ToSlash(filepath.Join("jsonschema", jsonschema.Path("ccbill", string(ev), n, strict))),
						about:  fmt.Sprintf("%s v%d strict=%v, %s", ev, n, strict, c.about),
						body:   data,
						goSays: nestedVerdict{decodeErr: g.decodeErr, paths: g.fields},
					})
				}
			}
		}
	}
	return out
}

// externalNumberValues are the values, as plain decimal text, at and past each of a field's
// numeric limits: its maximum and one more, its minimum and one less, a number of its length
// and one digit longer, its decimal's whole digits and scale and one more of each, and 0 (whose
// spellings include -0). The cases send each plainly and as every other literal spelled writes
// (the flat differential's helper): a tool reads 1.8446744073709551616e19 otherwise than
// 18446744073709551616 only if it reads numbers as doubles (see beyondDoubles).
func externalNumberValues(f spec.ResolvedField) []string {
	c := f.Constraint
	out := []string{"0"}
	if c.Max != "" {
		out = append(out, inttext.Canonical(c.Max), inttext.Canonical(increment(c.Max)))
	}
	if c.Min != "" {
		out = append(out, inttext.Canonical(c.Min), inttext.Canonical(decrement(c.Min)))
	}
	if n := max(c.MaxLength, c.Width); n > 0 && n <= schemaNumberDigits {
		out = append(out, strings.Repeat("9", n), "1"+strings.Repeat("0", n))
	}
	if c.Kind == spec.KindDecimal {
		whole := c.Precision - c.Scale
		out = append(out, strings.Repeat("9", max(whole, 1)), "1"+strings.Repeat("0", whole))
		if c.Scale > 0 {
			out = append(out, "4."+strings.Repeat("9", c.Scale), "4."+strings.Repeat("9", c.Scale+1))
		}
	}
	out = slices.DeleteFunc(out, func(v string) bool { return v == "" }) // a limit that is no integer text
	slices.Sort(out)
	return slices.Compact(out)
}

// chargebeeExternalCases: the bodies Chargebee really posted, every event version's body with
// every member at every depth (Chargebee ships no examples of its own), an unknown member at the
// top, and externalChanges of each named type's members, in the first version that reaches the
// type; each in both modes.
func chargebeeExternalCases(t *testing.T) []externalCase {
	vendor := chargebeeVendor()
	var out []externalCase
	add := func(event string, version int, about string, data []byte) {
		if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) { // a change is of a member inside the body, never the body
			t.Fatalf("%s v%d, %s: the body is no object: %.80s", event, version, about, data)
		}
		for _, strict := range []bool{false, true} {
			out = append(out, externalCase{
				vendor: vendor.id,
				schema: filepath.ToSlash(filepath.Join("jsonschema", jsonschema.Path(vendor.id, event, version, strict))),
				about:  fmt.Sprintf("%s v%d strict=%v, %s", event, version, strict, about),
				body:   data,
				goSays: goNestedVerdict(t, vendor, event, version, strict, data),
			})
		}
	}
	files, err := filepath.Glob(filepath.Join(testenv.SharedDir(t), "real-payloads", "chargebee", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no real Chargebee payloads found")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		e, err := chargebee.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		add(string(e.EventType()), e.Version(), "the real payload "+filepath.Base(file), data)
	}
	s, err := spec.Load(vendor.spec)
	if err != nil {
		t.Fatal(err)
	}
	b := &nestedBuilder{t: t, spec: s, types: map[string][]spec.ResolvedField{}, changed: map[string]bool{}}
	bounds := map[string]bool{}
	for i := range s.Events {
		ev := &s.Events[i]
		for j := range ev.Versions {
			sv := &ev.Versions[j]
			root, fields := b.body(ev, sv)
			inputs := []mutation{{"the valid body", root}, {"an unknown member", addMember(root, nil, "zz_unknown", jstr("1"))}}
			if b.reachesNew(fields) {
				b.changed[""] = true
				for k := range fields {
					inputs = append(inputs, externalChanges(b, bounds, root, []step{{fields[k].Name, -1}}, &fields[k], true)...)
				}
			}
			for _, in := range inputs {
				add(ev.Name, sv.Number, in.about, encodeTree(nil, in.body))
			}
		}
	}
	return out
}

// externalChanges are the changes of the value at path (a member of an object when member is
// set, otherwise an array's item or a map's value) that the tools must judge, and through it of
// everything inside it: removed, the wrong JSON type (an object, which fits no scalar and lacks
// an object's required members; text where a number or a boolean goes), past its length, its
// bounds, its format and its enum, and an unknown member in each object. A named type's members
// are changed in the first version that reaches it (b.changed), as the nested differential does
// for Chargebee: its bodies are large, and python-jsonschema takes milliseconds on each. Not
// here: a key sent twice, which the tools' JSON readers cannot see (see the top of the file),
// and every spelling of every integer's bounds, which the nested differential holds the Go
// engines to: those are sent for a sample, the first integer member with each pair of bounds
// (bounds records the pairs sent), the bounds and one past each as every JSON number spelled
// writes.
func externalChanges(b *nestedBuilder, bounds map[string]bool, root any, path []step, rf *spec.ResolvedField, member bool) []mutation {
	at := pathString(path)
	var out []mutation
	put := func(about string, body any) { out = append(out, mutation{at + ": " + about, body}) }
	set := func(about string, value any) { put(about, replaceAt(root, path, value)) }
	if member {
		put("removed", removeAt(root, path))
	}
	set("an empty object", &jobj{})
	deeper := func(s step, items *spec.ResolvedField, member bool) {
		if len(path) < 2*maxNesting { // as deep as the valid body has values
			out = append(out, externalChanges(b, bounds, root, append(slices.Clone(path), s), items, member)...)
		}
	}
	c := rf.Constraint
	switch c.Kind {
	case spec.KindObject:
		put("an unknown member", addMember(root, path, "zz_unknown", jnum("1")))
		if rf.Type != nil {
			if b.changed[rf.Type.Name] {
				break
			}
			b.changed[rf.Type.Name] = true
		}
		fields := b.fieldsOf(rf)
		for i := range fields {
			deeper(step{fields[i].Name, -1}, &fields[i], true)
		}
	case spec.KindArray:
		deeper(step{index: 1}, rf.Items, false)
	case spec.KindMap:
		deeper(step{"b", -1}, rf.Items, false)
	case spec.KindInteger, spec.KindNumber:
		set(`the string "abc"`, jstr("abc"))
		lo, hi := intBounds(c)
		if c.Kind == spec.KindInteger && hi != "" {
			set("above "+hi, jnum(inttext.Increment(hi)))
		}
		if c.Kind == spec.KindInteger && !bounds[lo+".."+hi] {
			bounds[lo+".."+hi] = true
			// An integer without a bound of its own is an int64 to both validators.
			lo, hi := cmp.Or(lo, "-9223372036854775808"), cmp.Or(hi, "9223372036854775807")
			for _, n := range []string{lo, decrement(lo), hi, inttext.Increment(hi)} {
				if n == "" {
					continue
				}
				for _, lit := range append([]string{inttext.Canonical(n)}, spelled(inttext.Canonical(n))...) {
					set("the number "+lit, jnum(lit))
				}
			}
		}
		if fi, ok := c.Format.Info(); ok && fi.Violation != "" {
			set(fi.ViolationAbout, jnum(fi.Violation))
		}
	case spec.KindBoolean:
		set(`the string "yes"`, jstr("yes"))
	case spec.KindRaw:
	default: // text
		if n := max(c.MaxLength, c.Width); n > 0 {
			set("past its length", jstr(strings.Repeat("7", n+1)))
		}
		if fi, ok := c.Format.Info(); ok && fi.Violation != "" {
			set(fi.ViolationAbout, jstr(fi.Violation))
		}
		if rf.Enum != nil {
			set("not one of its values", jstr("not_one_of_them"))
		}
	}
	return out
}

// shippedSchemas lists every schema file under jsonschema/, relative to the module root.
func shippedSchemas(t *testing.T) []string {
	var out []string
	err := fs.WalkDir(jsonschema.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, "jsonschema/"+p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeExternalCases writes what the scripts read into dir: schemas.json and cases.jsonl, with
// absolute paths so that the scripts run from anywhere.
func writeExternalCases(t *testing.T, dir, root string, schemas []string, cases []externalCase) {
	abs := make([]string, len(schemas))
	for i, s := range schemas {
		abs[i] = filepath.Join(root, s)
	}
	data, err := json.Marshal(abs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schemas.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The scripts read id, schema and payload; the rest says what each case is to a reader of
	// the file.
	type caseLine struct {
		ID        int             `json:"id"`
		Schema    string          `json:"schema"`
		About     string          `json:"about"`
		GoSays    string          `json:"go_says"`
		GoMembers []string        `json:"go_members"`
		Payload   json.RawMessage `json:"payload"` // compacted by Marshal: one case a line
	}
	var buf bytes.Buffer
	for i, c := range cases {
		line, err := json.Marshal(caseLine{i, filepath.Join(root, c.schema), c.about, c.goSays.String(), c.goSays.paths, c.body})
		if err != nil {
			t.Fatalf("%s: %v", c.about, err)
		}
		buf.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, "cases.jsonl"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runTool runs one script over the cases in dir and reads what it wrote.
func runTool(t *testing.T, dir, prefix string, name string, args ...string) ([]schemaReport, []toolVerdict) {
	start := time.Now()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %s printed (it should print nothing):\n%s", name, strings.Join(args, " "), stderr.String())
	}
	t.Logf("%s: %v", prefix, time.Since(start).Round(time.Millisecond))
	return readJSONLines[schemaReport](t, filepath.Join(dir, prefix+"-schemas.jsonl")),
		readJSONLines[toolVerdict](t, filepath.Join(dir, prefix+"-cases.jsonl"))
}

func readJSONLines[T any](t *testing.T, path string) []T {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// findings collects failures of one kind, so that a thousand cases failing for one reason read
// as one finding with its count and a few examples; and, apart, the expected differences: per
// tool, the cases it judges otherwise than the Go validator only at a number a double cannot
// hold (beyondDoubles), which are no failure.
type findings struct {
	order    []string
	groups   map[string][]string
	expected map[string]*findings // by tool, grouped by member and direction
}

// maxExactDouble is 2^53: past it a double no longer holds every integer, and a reader of
// doubles takes neighbouring integers for one (18446744073709551615 and 18446744073709551616
// both read as 2^64).
var maxExactDouble = new(big.Rat).SetInt64(1 << 53)

// beyondDouble reports whether a JSON number literal's value is one a double cannot represent
// exactly: its magnitude is past 2^53, or it is a fraction binary cannot write (4.99). ajv
// reads every number as a double, python-jsonschema every number with a point or an exponent;
// the Go engines read the literal's exact value.
func beyondDouble(lit string) bool {
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		panic("not a JSON number: " + lit)
	}
	if _, exact := r.Float64(); !exact {
		return true
	}
	return new(big.Rat).Abs(r).Cmp(maxExactDouble) > 0
}

// beyondDoubles are the paths (the Go validator's spelling) of the members of a JSON body whose
// values are numbers beyond a double (beyondDouble), nil for none or a body that is no JSON.
func beyondDoubles(data []byte) []string {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var doc any
	if d.Decode(&doc) != nil {
		return nil
	}
	var out []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				walk(joinMember(path, k), sub)
			}
		case []any:
			for i, sub := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), sub)
			}
		case json.Number:
			if beyondDouble(string(v)) {
				out = append(out, path)
			}
		}
	}
	walk("", doc)
	slices.Sort(out)
	return out
}

// expectedDifference reports whether a tool's verdict differs from the Go validator's only
// where the body sends a number beyond a double: the tool faults such a member of a body the Go
// validator accepts, or accepts a body the Go validator faults (or its decoder refuses: an
// int64 past its range) only at such members.
func expectedDifference(c externalCase, v toolVerdict) bool {
	beyond := beyondDoubles(c.body)
	if len(beyond) == 0 {
		return false
	}
	if !v.Valid {
		return !c.goSays.decodeErr && len(c.goSays.paths) == 0 && namesMember(v, beyond)
	}
	if len(c.goSays.paths) == 0 {
		return false // a body the Go readers refuse as a whole
	}
	for _, p := range c.goSays.paths {
		if !slices.Contains(beyond, p) {
			return false
		}
	}
	return true
}

func (f *findings) add(group, example string) {
	if f.groups == nil {
		f.groups = map[string][]string{}
	}
	if _, ok := f.groups[group]; !ok {
		f.order = append(f.order, group)
	}
	f.groups[group] = append(f.groups[group], example)
}

func (f *findings) report(t *testing.T) {
	t.Helper()
	for _, g := range f.order {
		ex := f.groups[g]
		shown := ex[:min(len(ex), 5)]
		more := ""
		if len(ex) > len(shown) {
			more = fmt.Sprintf("\n    ... and %d more", len(ex)-len(shown))
		}
		t.Errorf("%s (%d):\n    %s%s", g, len(ex), strings.Join(shown, "\n    "), more)
	}
}

// toolPath turns an error's path into the Go validator's spelling of a member's path
// (content.invoice.line_items[2].amount).
func toolPath(steps []any) string {
	var b strings.Builder
	for _, s := range steps {
		switch s := s.(type) {
		case float64: // python's index
			fmt.Fprintf(&b, "[%d]", int(s))
		case string:
			if _, err := strconv.Atoi(s); err == nil && b.Len() > 0 && isArrayStep(s) {
				b.WriteString("[" + s + "]") // ajv's pointer does not tell an index from a key
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// isArrayStep: the bodies here have no member named by digits, so digits are an index.
func isArrayStep(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// namesMember reports whether a tool's error names one of the members the Go validator faults:
// by pointing at it, or by pointing at its object and naming it, in the message ('id' is a
// required property) or in the error's parameters.
func namesMember(v toolVerdict, members []string) bool {
	at := toolPath(v.ErrorPath)
	names := append(quoted(v.ErrorMessage), v.ErrorNames...)
	for _, m := range members {
		if at == m {
			return true
		}
		for _, n := range names {
			if joinMember(at, n) == m {
				return true
			}
		}
	}
	return false
}

func joinMember(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// quoted lists the 'quoted' words of a message, as both tools quote member names.
func quoted(msg string) []string {
	var out []string
	for {
		_, rest, ok := strings.Cut(msg, "'")
		if !ok {
			return out
		}
		word, after, ok := strings.Cut(rest, "'")
		if !ok {
			return out
		}
		out = append(out, word)
		msg = after
	}
}

func TestExternalTools(t *testing.T) {
	if !*externalTools {
		t.Skip("needs python-jsonschema and ajv: make schema-tools-test installs them and runs this with -external-tools")
	}
	cases := externalCases(t)
	schemas := shippedSchemas(t)
	counts := map[string]int{}
	for _, c := range cases {
		switch {
		case c.goSays.decodeErr:
			counts[c.vendor+" unreadable"]++
		case len(c.goSays.paths) > 0:
			counts[c.vendor+" invalid"]++
		default:
			counts[c.vendor+" valid"]++
		}
	}
	t.Logf("%d cases over %d schema files; the Go validator's verdicts: %v", len(cases), len(schemas), counts)
	f := checkWithTools(t, testenv.RepoRoot(t), schemas, cases)
	f.report(t)
	// The documented difference (the package documentation): a tool that reads numbers as
	// doubles cannot tell a number beyond a double from its neighbour. Counted and shown, never
	// a failure; the same tool differing anywhere else is one (f.report).
	beyond := 0
	for _, c := range cases {
		if len(beyondDoubles(c.body)) > 0 {
			beyond++
		}
	}
	for _, tool := range []string{"python-jsonschema", "ajv"} {
		e := f.expected[tool]
		if e == nil {
			e = &findings{}
		}
		n := 0
		var lines []string
		for _, g := range e.order {
			n += len(e.groups[g])
			lines = append(lines, fmt.Sprintf("%s (%d), e.g. %s", g, len(e.groups[g]), e.groups[g][0]))
		}
		t.Logf("%s: %d of the %d cases sending a number beyond a double differ from the Go validator at it, as documented (a reader of doubles), at %d members:\n    %s",
			tool, n, beyond, len(lines), strings.Join(lines, "\n    "))
	}
}

func TestBeyondDoubles(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{`{"a":5,"b":-0,"c":4.5,"d":0.25}`, nil},
		{`{"d":1.8446744073709551616e19}`, []string{"d"}}, // 2^64 is a double, but past 2^53: 2^64-1 reads as it
		{`{"a":9007199254740992,"b":-9007199254740992.0,"c":0.5e1}`, nil},
		{`{"a":9007199254740993}`, []string{"a"}},
		{`{"subscriptionId":18446744073709551615.0}`, []string{"subscriptionId"}},
		{`{"subscriptionId":1.8446744073709551615e19}`, []string{"subscriptionId"}},
		{`{"a":{"b":[1,4.99]},"c":"18446744073709551616"}`, []string{"a.b[1]"}}, // a string is exact to every reader
		{`{"a":1e400,"b":-9223372036854775809}`, []string{"a", "b"}},
		{`not json`, nil},
	}
	for _, tt := range tests {
		if got := beyondDoubles([]byte(tt.body)); !slices.Equal(got, tt.want) {
			t.Errorf("beyondDoubles(%s) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestExpectedDifference(t *testing.T) {
	const past = `{"subscriptionId":18446744073709551616,"city":"x"}`
	faultsAt := func(path string) toolVerdict {
		return toolVerdict{ErrorPath: []any{path}, ErrorMessage: "must be <= 18446744073709552000"}
	}
	tests := []struct {
		name   string
		body   string
		goSays nestedVerdict
		tool   toolVerdict
		want   bool
	}{
		{"a tool accepts a number past a bound a double cannot hold", past, nestedVerdict{paths: []string{"subscriptionId"}}, toolVerdict{Valid: true}, true},
		{"a tool faults a number at a bound a double cannot hold", `{"subscriptionId":18446744073709551615.0}`, nestedVerdict{}, faultsAt("subscriptionId"), true},
		{"a tool accepts a body the Go validator faults elsewhere too", past, nestedVerdict{paths: []string{"city", "subscriptionId"}}, toolVerdict{Valid: true}, false},
		{"a tool faults another member", past, nestedVerdict{}, faultsAt("city"), false},
		{"a tool accepts an int64 past its range, which the Go decoder refuses there", past, nestedVerdict{decodeErr: true, paths: []string{"subscriptionId"}}, toolVerdict{Valid: true}, true},
		{"a tool accepts a body the Go decoder refuses as a whole", past, nestedVerdict{decodeErr: true}, toolVerdict{Valid: true}, false},
		{"a tool accepts a body the Go decoder refuses at another member", past, nestedVerdict{decodeErr: true, paths: []string{"city"}}, toolVerdict{Valid: true}, false},
		{"no number beyond a double", `{"subscriptionId":5}`, nestedVerdict{paths: []string{"subscriptionId"}}, toolVerdict{Valid: true}, false},
	}
	for _, tt := range tests {
		c := externalCase{body: []byte(tt.body), goSays: tt.goSays}
		if got := expectedDifference(c, tt.tool); got != tt.want {
			t.Errorf("%s: expectedDifference = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The check catches schema files that the tools read otherwise than the Go validator: here a
// copy of one version's lenient schema refuses unknown members (only the strict one may) and
// its strict schema carries a keyword for text at its root, where ajv's strict mode warns.
func TestExternalToolsCatchABrokenSchema(t *testing.T) {
	if !*externalTools {
		t.Skip("needs python-jsonschema and ajv: make schema-tools-test installs them and runs this with -external-tools")
	}
	const version = "jsonschema/ccbill/Cancellation/v1."
	var cases []externalCase
	for _, c := range externalCases(t) {
		if strings.HasPrefix(c.schema, version) {
			cases = append(cases, c)
		}
	}
	root := t.TempDir()
	schemas := []string{version + "schema.json", version + "strict.schema.json"}
	for i, p := range schemas {
		data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), p))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			doc["additionalProperties"] = false
		} else {
			doc["maxLength"] = 5
		}
		if data, err = json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := checkWithTools(t, root, schemas, cases)
	for _, want := range []string{
		"python-jsonschema disagrees with the Go validator on ccbill bodies",
		"ajv disagrees with the Go validator on ccbill bodies",
		"ajv logs while compiling a shipped schema file (strict mode must be clean)",
	} {
		found := f.groups[want]
		if len(found) == 0 {
			t.Errorf("went unnoticed: %s; the check found %v", want, f.order)
			continue
		}
		t.Logf("caught, as it should be: %s: %s", want, found[0])
	}
}

// checkWithTools runs each tool once over the cases and the schema files (paths relative to
// root) and collects where a tool cannot use a file, logs while compiling it, reaches another
// verdict than the Go validator, or faults a body without naming a member the Go validator
// faults.
func checkWithTools(t *testing.T, root string, schemas []string, cases []externalCase) *findings {
	dir := t.TempDir()
	writeExternalCases(t, dir, root, schemas, cases)
	scripts := filepath.Join(testenv.RepoRoot(t), "conformance", "external")
	f := &findings{}
	tools := []struct {
		name string
		run  func() ([]schemaReport, []toolVerdict)
	}{
		{"python-jsonschema", func() ([]schemaReport, []toolVerdict) {
			return runTool(t, dir, "python", *externalPython, filepath.Join(scripts, "validate.py"), dir)
		}},
		{"ajv", func() ([]schemaReport, []toolVerdict) {
			return runTool(t, dir, "ajv", "node", filepath.Join(scripts, "validate.mjs"), dir)
		}},
	}
	for _, tool := range tools {
		reports, verdicts := tool.run()
		if len(reports) != len(schemas) || len(verdicts) != len(cases) {
			t.Fatalf("%s answered %d of %d schema files and %d of %d cases", tool.name, len(reports), len(schemas), len(verdicts), len(cases))
		}
		for _, r := range reports {
			rel, _ := filepath.Rel(root, r.Schema)
			if r.Error != "" {
				f.add(fmt.Sprintf("%s cannot use a shipped schema file: %s", tool.name, generic(r.Error)), rel+": "+firstLine(r.Error))
			}
			for _, l := range r.Logged {
				f.add(fmt.Sprintf("%s logs while compiling a shipped schema file (strict mode must be clean)", tool.name), rel+": "+l)
			}
		}
		for i, v := range verdicts {
			c := cases[i]
			if v.ID != i {
				t.Fatalf("%s: answer %d is for case %d", tool.name, i, v.ID)
			}
			if v.Error != "" {
				f.add(fmt.Sprintf("%s cannot validate against %s's schemas: %s", tool.name, c.vendor, generic(v.Error)), c.about+": "+firstLine(v.Error))
				continue
			}
			goValid := !c.goSays.decodeErr && len(c.goSays.paths) == 0
			if v.Valid != goValid {
				says := "valid"
				if !v.Valid {
					says = fmt.Sprintf("invalid at %q: %s", toolPath(v.ErrorPath), redacted(c, v))
				}
				example := fmt.Sprintf("%s: Go says %s, %s says %s", c.about, c.goSays, tool.name, says)
				if expectedDifference(c, v) {
					if f.expected == nil {
						f.expected = map[string]*findings{}
					}
					if f.expected[tool.name] == nil {
						f.expected[tool.name] = &findings{}
					}
					direction := "accepts a number the Go validator faults"
					if !v.Valid {
						direction = "faults a number the Go validator accepts"
					}
					f.expected[tool.name].add(fmt.Sprintf("%s %s at %s", c.vendor, direction, strings.Join(beyondDoubles(c.body), ", ")), example)
					continue
				}
				f.add(fmt.Sprintf("%s disagrees with the Go validator on %s bodies", tool.name, c.vendor), example)
				continue
			}
			if !v.Valid && !namesMember(v, c.goSays.paths) {
				f.add(fmt.Sprintf("%s's error on a %s body names none of the members the Go validator faults", tool.name, c.vendor),
					fmt.Sprintf("%s: Go faults %s; %s says at %q: %s", c.about, strings.Join(c.goSays.paths, ", "), tool.name, toolPath(v.ErrorPath), redacted(c, v)))
			}
		}
	}
	return f
}

// locations are the parts of a tool's message that name a file, a URL or a place in a schema.
var locations = regexp.MustCompile(`\S*(/|\.json)\S*`)

// generic is a tool's message without the places it names, so that a fault every file shares
// reads as one finding.
func generic(msg string) string { return locations.ReplaceAllString(firstLine(msg), "…") }

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// redacted is a tool's message, unless the case is about a member whose value is a secret: the
// tools' messages quote values, and no secret reaches the test's output.
func redacted(c externalCase, v toolVerdict) string {
	secret := ccbill.Descriptor().SecretField
	if c.vendor == "chargebee" {
		secret = chargebee.Descriptor().SecretField
	}
	members := append(slices.Clone(c.goSays.paths), toolPath(v.ErrorPath))
	members = append(members, v.ErrorNames...)
	for _, m := range members {
		if secret(m[strings.LastIndexAny(m, ".]")+1:]) {
			return "(message withheld: it may quote a secret member's value)"
		}
	}
	return v.ErrorMessage
}

// TestExternalToolsAcceptance runs issue 17's acceptance commands as a newcomer types them, on
// one valid and one invalid body per vendor (a documented example or a real payload, and a
// body with one faulted member, nested for an enveloped vendor), against the event version's
// lenient and strict schema files: the one-line Python validate, from the checkout's root, with
// the interpreter python-jsonschema is installed for; and npx ajv validate, in the directory
// npm installed ajv-cli in. A valid body passes printing nothing on stderr; an invalid one fails
// naming the member; neither prints a strict-mode warning.
func TestExternalToolsAcceptance(t *testing.T) {
	if !*externalTools {
		t.Skip("needs python-jsonschema and ajv: make schema-tools-test installs them and runs this with -external-tools")
	}
	root := testenv.RepoRoot(t)
	dir := t.TempDir()
	for _, c := range acceptanceCases(t, externalCases(t)) {
		t.Run(c.about, func(t *testing.T) {
			payload := filepath.Join(dir, fmt.Sprintf("payload-%d.json", len(c.body)))
			if err := os.WriteFile(payload, c.body, 0o644); err != nil {
				t.Fatal(err)
			}
			schema := filepath.Join(root, c.schema)
			script := fmt.Sprintf("import json,jsonschema; jsonschema.validate(json.load(open(%q)), json.load(open(%q)))", payload, schema)
			python := exec.Command(*externalPython, "-c", script)
			python.Dir = root
			ajv := exec.Command("npx", "ajv", "validate", "--spec=draft2020", "-s", schema, "-d", payload)
			ajv.Dir = filepath.Join(root, "conformance", "external")
			// What each prints when it faults the body, as opposed to failing to use the schema.
			faulted := map[*exec.Cmd]string{python: "jsonschema.exceptions.ValidationError", ajv: payload + " invalid"}
			for _, cmd := range []*exec.Cmd{python, ajv} {
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				if _, failed := err.(*exec.ExitError); err != nil && !failed {
					t.Fatalf("%s: %v", cmd, err)
				}
				out := stdout.String() + stderr.String()
				valid := !c.goSays.decodeErr && len(c.goSays.paths) == 0
				switch {
				case strings.Contains(out, "strict mode"):
					t.Errorf("%s prints a strict-mode warning:\n%s", cmd, shown(c, out))
				case valid && (err != nil || stderr.Len() > 0):
					t.Errorf("%s on a body the Go validator accepts: %v\n%s", cmd, err, shown(c, out))
				case !valid && err == nil:
					t.Errorf("%s accepts a body the Go validator faults at %s:\n%s", cmd, strings.Join(c.goSays.paths, ", "), shown(c, out))
				case !valid && !strings.Contains(out, faulted[cmd]):
					t.Errorf("%s fails without faulting the body (%q):\n%s", cmd, faulted[cmd], shown(c, out))
				case !valid && !mentionsMember(out, c.goSays.paths):
					t.Errorf("%s faults the body without naming %s:\n%s", cmd, strings.Join(c.goSays.paths, ", "), shown(c, out))
				}
			}
		})
	}
}

// acceptanceCases picks, per vendor, a body the Go validator accepts in both modes and one it
// faults at one member in both modes (a nested member where the vendor's bodies nest), with the
// cases of both schema files for each; bodies without secrets, so that the tools' output can be
// shown.
func acceptanceCases(t *testing.T, cases []externalCase) []externalCase {
	byBody := map[string][]externalCase{}
	for _, c := range cases {
		byBody[c.vendor+"\x00"+string(c.body)] = append(byBody[c.vendor+"\x00"+string(c.body)], c)
	}
	var out []externalCase
	for _, vendor := range []string{"ccbill", "chargebee"} {
		var valid, invalid []externalCase
		for _, c := range cases {
			both := byBody[vendor+"\x00"+string(c.body)]
			if c.vendor != vendor || len(both) != 2 || len(secretValues(c)) > 0 || !slices.Equal(both[0].goSays.paths, both[1].goSays.paths) || both[0].goSays.decodeErr || both[1].goSays.decodeErr {
				continue
			}
			switch {
			case valid == nil && len(c.goSays.paths) == 0:
				valid = both
			case invalid == nil && len(c.goSays.paths) == 1 && (vendor == "ccbill" || strings.Count(c.goSays.paths[0], ".") >= 2):
				invalid = both
			}
		}
		if valid == nil || invalid == nil {
			t.Fatalf("%s: no body valid in both modes, or none with one faulted member", vendor)
		}
		out = append(out, valid...)
		out = append(out, invalid...)
	}
	return out
}

// mentionsMember reports whether a tool's output names one of the members: python's traceback
// shows the instance's path (On instance['content']['customer']['id']) and ajv's its pointer
// (/content/customer/id) or the member in its parameters (missingProperty: 'id').
func mentionsMember(out string, members []string) bool {
	for _, m := range members {
		leaf := m[strings.LastIndexAny(m, ".]")+1:]
		if strings.Contains(out, "'"+leaf+"'") || strings.Contains(out, "/"+leaf) {
			return true
		}
	}
	return false
}

// secretValues are the values a body sends in members whose names are secret.
func secretValues(c externalCase) []string {
	secret := ccbill.Descriptor().SecretField
	if c.vendor == "chargebee" {
		secret = chargebee.Descriptor().SecretField
	}
	var doc any
	if err := json.Unmarshal(c.body, &doc); err != nil {
		return []string{string(c.body)} // unreadable here: treat all of it as secret
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				walk(k, sub)
			}
		case []any:
			for _, sub := range v {
				walk(key, sub)
			}
		case string:
			if secret(key) && v != "" {
				out = append(out, v)
			}
		}
	}
	walk("", doc)
	return out
}

// shown is a tool's output as the test prints it: its last lines (a Python traceback is long),
// and nothing of it when the body holds a secret, which the tools may quote.
func shown(c externalCase, out string) string {
	if len(secretValues(c)) > 0 {
		return "(output withheld: the body holds a secret member's value)"
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) > 15 {
		lines = append([]string{"..."}, lines[len(lines)-15:]...)
	}
	return strings.Join(lines, "\n")
}
