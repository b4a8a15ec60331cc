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
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/numtext"
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
// field one invalid value per constraint it has (payload.Violations, which hookcheck's -break
// uses too), each expected to break exactly that rule. A violation that is a plain number, and
// the example where it is one, are sent in JSON bodies as the other JSON numbers with that value
// too (spelled): the Go readers give them the same text, so they must break the same rule, or
// none, and the schemas must agree.
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
			unknown := base.with("undefinedMember", "Y", webhook.KindString)
			add("a field the version does not define", false, unknown)
			add("a field the version does not define, strict", true, unknown, want{"undefinedMember", "unknown"})
			if sv.PassThrough {
				add("a pass-through variable, strict", true, base.with("X-customer_fname", "Jo", webhook.KindString))
			}
			for _, fd := range fields {
				for _, m := range payload.Violations(fd) {
					b := base.with(fd.Name, m.Value, webhook.KindString)
					if m.Remove {
						b = base.without(fd.Name)
					}
					add(fmt.Sprintf("%s: %s", fd.Name, m.About), false, b, want{fd.Name, string(m.Rule)})
					// A JSON number reads as its value written plainly, so a violation that is a
					// plain number breaks the same rule however the number is spelled.
					if plain, ok := numtext.Plain(m.Value, 64); f == webhook.JSON && ok && plain == m.Value {
						for _, lit := range spelled(plain) {
							add(fmt.Sprintf("%s: %s, as the JSON number %s", fd.Name, m.About, lit), false,
								base.with(fd.Name, lit, webhook.KindNumber), want{fd.Name, string(m.Rule)})
						}
					}
				}
				// The example, where it is a plain number, is valid however it is spelled.
				example := fd.Example
				for _, m := range base {
					if m.key == fd.Name {
						example = m.value
					}
				}
				if plain, ok := numtext.Plain(example, 64); f == webhook.JSON && ok && plain == example {
					for _, lit := range spelled(plain) {
						add(fmt.Sprintf("%s: the example as the JSON number %s", fd.Name, lit), false, base.with(fd.Name, lit, webhook.KindNumber))
					}
				}
			}
		}
	}
	return out
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
