package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the generator's output")

const (
	fixture = "testdata/spec/acme"
	golden  = "testdata/golden"
)

func loadFixture(t *testing.T) *spec.Spec {
	t.Helper()
	s, err := spec.Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The generator's output for a small spec that uses every feature, compared byte for byte.
// Run `go test ./gen -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	files, err := Generate(loadFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range files {
		path := filepath.Join(golden, filepath.FromSlash(f.Path)+".golden")
		want[path] = true
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./gen -update)", f.Path, err)
			continue
		}
		if !bytes.Equal(old, f.Data) {
			t.Errorf("%s differs from %s (run go test ./gen -update and review the diff):\n%s", f.Path, path, firstDiff(old, f.Data))
		}
	}
	err = filepath.WalkDir(golden, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || want[path] {
			return err
		}
		if *update {
			return os.Remove(path)
		}
		t.Errorf("%s: the generator no longer writes this file (run go test ./gen -update)", path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  golden: " + x + "\n  now:    " + y
		}
	}
	return "(same lines, different bytes)"
}

func TestDeterministic(t *testing.T) {
	s := loadFixture(t)
	a, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Generate(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Fatalf("%s differs between runs", a[i].Path)
			}
		}
	}
	for _, f := range a {
		if !isGenerated(f.Data) {
			t.Errorf("%s does not start with the generated-code marker", f.Path)
		}
	}
}

// The fixture's package builds, vets and works: a test of its own (below) decodes, validates
// and re-encodes every sample. It runs the go command in a throwaway module that replaces
// hookspec with this checkout, offline.
func TestGoldenPackageWorks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	files, err := Generate(loadFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	root := testenv.RepoRoot(t)
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/goldencheck\n\ngo 1.26\n\nrequire github.com/hookspec/hookspec v0.0.0\n\nreplace github.com/hookspec/hookspec => "+root+"\n")
	write("go.sum", string(gosum))
	for _, f := range files {
		write(f.Path, string(f.Data))
	}
	write("acme/acme_test.go", acmeTest)
	for _, args := range [][]string{{"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

const acmeTest = `package acme

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func TestSamples(t *testing.T) {
	for _, et := range Events() {
		for _, n := range Versions(et) {
			s, err := Sample(et, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.ValidateStrict(); err != nil {
				t.Errorf("%s v%d: %v", et, n, err)
			}
			for _, f := range s.Formats().List() {
				var body []byte
				if f == webhook.JSON {
					body = s.AppendJSON(nil)
				} else {
					body = s.AppendForm(nil)
				}
				got, err := Decode(et, n, f.ContentType(), body)
				if err != nil || !reflect.DeepEqual(got, s) {
					t.Errorf("%s v%d %s: %v\n%s", et, n, f, err, body)
				}
			}
		}
	}
}

func TestChecks(t *testing.T) {
	e := PaymentDoneV2{Account: "1", Attempts: "x", Test: "yes", ReasonCode: "012", Expiry: "1328", Token: "a-b", CreatedAt: "2026-01-31"}
	var invalid *webhook.ValidationError
	if !errors.As(e.Validate(), &invalid) {
		t.Fatal("valid")
	}
	want := []string{"paymentId/required", "account/width", "attempts/integer", "createdAt/format", "expiry/format", "token/format", "test/enum"}
	var got []string
	for _, p := range invalid.Problems {
		got = append(got, p.Field+"/"+string(p.Rule))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	r := PaymentRefundedV1{PaymentID: "1", Account: "0001", FormID: "1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f"}
	if string(r.AppendJSON(nil)) != ` + "`" + `{"paymentId":"1","account":"0001","formID":"1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f"}` + "`" + ` {
		t.Errorf("alias spelling: %s", r.AppendJSON(nil))
	}
	if b := r.Base(); b.FormID != r.FormID || b.Version() != 2 {
		t.Errorf("Base: %+v", b)
	}
	if ts, err := ParseTimestamp("2026-01-31 12:00:00"); err != nil || ts.UTC().Hour() != 17 {
		t.Errorf("ParseTimestamp: %v %v", ts, err)
	}
	if l, ok := CurrencyLetter("36"); !ok || l != "AUD" {
		t.Errorf("CurrencyLetter: %q", l)
	}
}
`

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*spec.Spec)
		want   string
	}{
		{"a field named like a method", func(s *spec.Spec) { s.Field("token").GoName = "Validate" }, "PaymentDone v2: field token's Go name Validate is already a method of every event type"},
		{"two fields with one Go name", func(s *spec.Spec) { s.Field("token").GoName = "Amount" }, "field token's Go name Amount is already field amount"},
		{"an enum named like an event", func(s *spec.Spec) { s.Enums[0].GoName = "PaymentDoneV1" }, "PaymentDone v1: Go name PaymentDoneV1 is already enum status"},
		{"an enum constant twice", func(s *spec.Spec) { s.Enums[0].Values[1].GoName = "Paid" }, `value "NOT_PAID" of enum status: Go name StatusPaid is already value "PAID" of enum status`},
		{"an event named like a registry function", func(s *spec.Spec) { s.Events[0].Name = "Decode" }, "event Decode's EventType constant: Go name Decode is already a function or type every generated package declares"},
		{"a vendor id that is no package name", func(s *spec.Spec) { s.Vendor.ID = "Acme-Pay" }, `vendor id "Acme-Pay" is not a lower-case Go package name`},
		{"an object in a flat body", func(s *spec.Spec) { s.DataTypes[4].Constraint.Kind = spec.KindObject }, "field status is an object, but Acme's bodies are flat (no vendor envelope): only single values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadFixture(t)
			tt.change(s)
			_, err := Generate(s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "acme")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "removed_event.go")
	handWritten := filepath.Join(dir, "acme_test.go")
	os.WriteFile(stale, []byte("// "+Header+"\n\npackage acme\n"), 0o644)
	os.WriteFile(handWritten, []byte("package acme\n"), 0o644)
	files := []File{{Path: "acme/a.go", Data: []byte("// " + Header + "\n\npackage acme\n")}}
	if err := Write(root, []string{"acme"}, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a generated file the spec no longer produces was kept")
	}
	if _, err := os.Stat(handWritten); err != nil {
		t.Error("a hand-written file was removed")
	}
	a := filepath.Join(dir, "a.go")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(a, old, old)
	if err := Write(root, []string{"acme"}, files); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(a); err != nil || !st.ModTime().Equal(old) || st.Mode().Perm() != 0o644 {
		t.Errorf("an unchanged file was rewritten or has mode %v", st.Mode())
	}
}

// The fixture's schemas accept its examples and refuse what the Go validator refuses, kind by
// kind (the conformance suite does the same for every CCBill version against the Go code).
func TestGoldenSchemas(t *testing.T) {
	s := loadFixture(t)
	files, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Path, "jsonschema/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	v := jsonschema.NewValidatorFS(fsys)
	ev := s.Event("PaymentDone")
	fields, err := s.Resolve(ev, ev.Version(2))
	if err != nil {
		t.Fatal(err)
	}
	example := map[string]any{}
	for _, f := range fields {
		example[f.Name] = f.Example
	}
	body := func(change map[string]any) []byte {
		m := maps.Clone(example)
		for k, val := range change {
			if val == nil {
				delete(m, k)
			} else {
				m[k] = val
			}
		}
		data, _ := json.Marshal(m)
		return data
	}
	tests := []struct {
		name   string
		change map[string]any
		strict bool
		want   string // the offending field, "" for valid
	}{
		{"the examples", nil, false, ""},
		{"the examples, strict", nil, true, ""},
		{"pass-through, strict", map[string]any{"X-ref": "1"}, true, ""},
		{"unknown, strict", map[string]any{"other": "1"}, true, "other"},
		{"unknown, default", map[string]any{"other": "1"}, false, ""},
		{"nested unknown", map[string]any{"other": map[string]any{}}, false, "other"},
		{"required missing", map[string]any{"paymentId": json.RawMessage("null")}, false, "paymentId"},
		{"digits as a number", map[string]any{"paymentId": 42}, false, ""},
		{"digits out of range", map[string]any{"paymentId": "18446744073709551616"}, false, "paymentId"},
		{"width", map[string]any{"account": "001"}, false, "account"},
		{"integer", map[string]any{"attempts": "-2147483648"}, false, ""},
		{"integer below", map[string]any{"attempts": "-2147483649"}, false, "attempts"},
		{"integer as a number", map[string]any{"attempts": -5}, false, ""},
		{"decimal scale", map[string]any{"amount": "1.234"}, false, "amount"},
		{"decimal as a number", map[string]any{"amount": 10.5}, false, ""},
		{"boolean", map[string]any{"test": true}, false, ""},
		{"boolean as text", map[string]any{"test": "yes"}, false, "test"},
		{"numeric enum with zeros", map[string]any{"reasonCode": "0012"}, false, ""},
		{"numeric enum as a number", map[string]any{"reasonCode": 1}, false, ""},
		{"enum", map[string]any{"status": "paid"}, false, "status"},
		{"leap day", map[string]any{"paidOn": "2024-02-29"}, false, ""},
		{"no leap day", map[string]any{"paidOn": "2026-02-29"}, false, "paidOn"},
		{"timestamp", map[string]any{"createdAt": "2026-01-31T12:00:00"}, false, "createdAt"},
		{"mmyy", map[string]any{"expiry": "1328"}, false, "expiry"},
		{"mmyy as a number", map[string]any{"expiry": 1228}, false, ""},
		{"uuid", map[string]any{"formId": "1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9g"}, false, "formId"},
		{"alias spelling", map[string]any{"formId": nil, "formID": "1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f"}, true, ""},
		{"alnum", map[string]any{"token": "a-b"}, false, "token"},
		{"max length in characters", map[string]any{"email": strings.Repeat("é", 32)}, false, ""},
		{"too long", map[string]any{"email": strings.Repeat("é", 33)}, false, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, err := v.Validate("acme", "PaymentDone", 2, tt.strict, webhook.JSON, body(tt.change))
			var de *webhook.DecodeError
			if errors.As(err, &de) && tt.want != "" {
				return // a nested value is refused before validation, as the Go decoders refuse it
			}
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, p := range problems {
				got += p.Field
			}
			if got != tt.want {
				t.Errorf("problems %v, want %q", problems, tt.want)
			}
		})
	}
}
