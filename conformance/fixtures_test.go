package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/gen"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite testdata/fixtures from the spec")

const fixtureDir = "testdata/fixtures"

// fixture is one body with the verdict both validators must reach: Want lists every problem
// (field and rule) the Go validator must report, and the JSON Schema must fault the same fields.
type fixture struct {
	Name    string `json:"name"`
	Version int    `json:"version"`
	Format  string `json:"format"`
	Strict  bool   `json:"strict,omitempty"`
	Body    string `json:"body"`
	Want    []want `json:"want"`
}

type want struct {
	Field string `json:"field"`
	Rule  string `json:"rule"`
}

// buildFixtures derives the fixtures of one event from the spec: for every version and wire
// format, the guide's example (valid, in both modes), an unknown member (valid by default,
// invalid when strict), a pass-through member where the version declares them, and for every
// field one invalid value per constraint it has, each expected to break exactly that rule.
func buildFixtures(t *testing.T, s *spec.Spec, ev ccbill.EventType) []fixture {
	var out []fixture
	se := s.Event(string(ev))
	for _, n := range ccbill.Versions(ev) {
		sv := se.Version(n)
		fields, err := s.Resolve(se, sv)
		if err != nil {
			t.Fatal(err)
		}
		base := sampleBody(t, ev, n)
		e, _ := ccbill.New(ev, n)
		for _, f := range e.Formats().List() {
			add := func(name string, strict bool, b body, ws ...want) {
				if ws == nil {
					ws = []want{}
				}
				out = append(out, fixture{Name: name, Version: n, Format: f.String(), Strict: strict, Body: string(b.encode(f)), Want: ws})
			}
			add("the guide's example", false, base)
			add("the guide's example, strict", true, base)
			unknown := base.with("scaResponseStatus", "Y", webhook.KindString)
			add("a field the version does not define", false, unknown)
			add("a field the version does not define, strict", true, unknown, want{"scaResponseStatus", "unknown"})
			if sv.PassThrough {
				add("a pass-through variable, strict", true, base.with("X-customer_fname", "Jo", webhook.KindString))
			}
			for _, fd := range fields {
				for _, m := range invalidValues(fd) {
					b := base.with(fd.Name, m.value, webhook.KindString)
					if m.remove {
						b = base.without(fd.Name)
					}
					add(fmt.Sprintf("%s: %s", fd.Name, m.about), false, b, want{fd.Name, string(m.rule)})
				}
			}
		}
	}
	return out
}

type invalid struct {
	about  string
	value  string
	remove bool
	rule   webhook.Rule
}

// invalidValues are one value per constraint of a field that breaks that constraint and no
// other, so that each fixture expects exactly one problem.
func invalidValues(f spec.ResolvedField) []invalid {
	c := f.Constraint
	var out []invalid
	if f.Required() {
		out = append(out, invalid{about: "missing", remove: true, rule: webhook.RuleRequired})
	}
	limit := max(c.MaxLength, c.Width)
	switch c.Kind {
	case spec.KindDigits:
		// Enums and formats have their own fixtures; a non-digit would break them too.
		n := 3
		if c.Width > 0 {
			n = c.Width
		} else if c.MaxLength > 0 {
			n = min(n, c.MaxLength)
		}
		if f.Enum == nil && c.Format == spec.FormatNone && n >= 2 {
			out = append(out, invalid{about: "not digits", value: "1a" + strings.Repeat("2", n-2), rule: webhook.RuleDigits})
		}
		if f.Enum == nil && c.Max != "" && (limit == 0 || len(increment(c.Max)) <= limit) {
			out = append(out, invalid{about: "above " + c.Max, value: increment(c.Max), rule: webhook.RuleRange})
		}
	case spec.KindDecimal:
		out = append(out, invalid{about: "too many decimals", value: "1.234", rule: webhook.RuleDecimal})
		out = append(out, invalid{about: "too many digits", value: "1" + strings.Repeat("0", c.Precision-c.Scale) + ".00", rule: webhook.RuleDecimal})
	}
	switch {
	case c.Width > 0 && c.Format == spec.FormatNone:
		out = append(out, invalid{about: fmt.Sprintf("not %d characters", c.Width), value: strings.Repeat("1", c.Width+1), rule: webhook.RuleWidth})
	case c.Width > 0:
		// the format fixes the width too; a longer value breaks both, so only the format is tried
	case c.MaxLength > 0 && f.Enum == nil:
		fill := "7"
		if c.Kind == spec.KindDigits {
			fill = "0" // leading zeros: too long, but zero stays within any range
		}
		out = append(out, invalid{about: fmt.Sprintf("longer than %d characters", c.MaxLength), value: strings.Repeat(fill, c.MaxLength+1), rule: webhook.RuleMaxLength})
	}
	switch c.Format {
	case spec.FormatDate:
		out = append(out, invalid{about: "no such day", value: "2013-02-29", rule: webhook.RuleFormat})
	case spec.FormatTimestamp:
		out = append(out, invalid{about: "ISO 8601, not the vendor's timestamp", value: "2012-08-05T15:18:17", rule: webhook.RuleFormat})
	case spec.FormatMMYY:
		out = append(out, invalid{about: "month 13", value: "1317", rule: webhook.RuleFormat})
	case spec.FormatUUID:
		out = append(out, invalid{about: "not hexadecimal", value: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", rule: webhook.RuleFormat})
	case spec.FormatAlnum:
		out = append(out, invalid{about: "punctuation", value: "ab-12", rule: webhook.RuleFormat})
	}
	if f.Enum != nil {
		for _, candidate := range []string{"ZZZ", "999", "99", "9", "Z"} {
			if enumHas(f.Enum, candidate) || !gen.Accepts(c, candidate) {
				continue
			}
			out = append(out, invalid{about: "not one of the values", value: candidate, rule: webhook.RuleEnum})
			break
		}
	}
	return out
}

func enumHas(e *spec.Enum, v string) bool {
	for _, ev := range e.Values {
		if ev.Value == v || e.Numeric && strings.TrimLeft(ev.Value, "0") == strings.TrimLeft(v, "0") {
			return true
		}
	}
	return false
}

func fixturePath(ev ccbill.EventType) string { return filepath.Join(fixtureDir, string(ev)+".jsonl") }

func encodeFixtures(fs []fixture) []byte {
	var buf bytes.Buffer
	for _, f := range fs {
		data, _ := json.Marshal(f)
		buf.Write(data)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// The committed fixtures are what the spec gives today (run with -update-fixtures after a spec
// change and review the diff), and both validators reach their verdicts on every one.
func TestFixtures(t *testing.T) {
	s := loadSpec(t)
	schemas := jsonschema.NewValidator()
	total := 0
	for _, ev := range ccbill.Events() {
		fixtures := buildFixtures(t, s, ev)
		data := encodeFixtures(fixtures)
		path := fixturePath(ev)
		if *updateFixtures {
			if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, data) {
			t.Errorf("%s is stale or missing (run go test ./conformance -run TestFixtures -update-fixtures): %v", path, err)
			continue
		}
		for _, fx := range fixtures {
			total++
			checkFixture(t, schemas, ev, fx)
		}
	}
	t.Logf("%d fixtures", total)
}

func checkFixture(t *testing.T, schemas *jsonschema.Validator, ev ccbill.EventType, fx fixture) {
	t.Helper()
	format := webhook.JSON
	if fx.Format == "form" {
		format = webhook.Form
	}
	where := fmt.Sprintf("%s v%d %s strict=%v %q", ev, fx.Version, fx.Format, fx.Strict, fx.Name)
	e, err := ccbill.Decode(ev, fx.Version, format.ContentType(), []byte(fx.Body))
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if fx.Strict {
		err = e.ValidateStrict()
	} else {
		err = e.Validate()
	}
	got := []want{}
	var ve *webhook.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			got = append(got, want{p.Field, string(p.Rule)})
		}
	}
	if !slices.Equal(got, fx.Want) {
		t.Errorf("%s: Go reports %v, the fixture expects %v", where, got, fx.Want)
	}
	problems, err := schemas.Validate("ccbill", string(ev), fx.Version, fx.Strict, format, []byte(fx.Body))
	if err != nil {
		t.Errorf("%s: JSON Schema: %v", where, err)
		return
	}
	var gotFields, wantFields []string
	for _, p := range problems {
		gotFields = append(gotFields, p.Field)
	}
	for _, w := range fx.Want {
		wantFields = append(wantFields, w.Field)
	}
	if !slices.Equal(sortedSet(gotFields), sortedSet(wantFields)) {
		t.Errorf("%s: the JSON Schema faults %v, the fixture expects %v", where, gotFields, wantFields)
	}
}
