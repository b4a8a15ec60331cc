package gen

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/spec"
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
		if !bytes.HasPrefix(f.Data, []byte("// "+Header+"\n")) {
			t.Errorf("%s does not start with the generated-code header", f.Path)
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
		{"an object field", func(s *spec.Spec) { s.DataTypes[4].Constraint.Kind = spec.KindObject }, "field status is a nested object, which the generator does not support yet (flat bodies only)"},
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
	if err := Write(root, files); err != nil {
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
	if err := Write(root, files); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(a); err != nil || !st.ModTime().Equal(old) || st.Mode().Perm() != 0o644 {
		t.Errorf("an unchanged file was rewritten or has mode %v", st.Mode())
	}
}
