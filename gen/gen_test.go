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
	"slices"
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

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and testdata/errors from the generator's output")

// The generator's end-to-end cases, in the style of sqlc's: testdata/spec/<case> is a small spec
// that shows one feature, testdata/golden holds what the generator writes for it (under the
// vendor id, which is the case's name), and testdata/e2e/<case>_test.go, when the feature has
// behaviour worth driving, is a hand-written test that runs inside the generated package.
const (
	specs  = "testdata/spec"
	golden = "testdata/golden"
	e2e    = "testdata/e2e"
)

func loadFixture(t *testing.T) *spec.Spec {
	t.Helper()
	return loadCase(t, "acme")
}

func loadCase(t *testing.T, name string) *spec.Spec {
	t.Helper()
	s, err := spec.Load(filepath.Join(specs, name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// caseNames lists the case directories under testdata/spec, sorted.
func caseNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(specs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		t.Fatalf("no cases in %s", specs)
	}
	return names
}

// generateCase loads and generates one case. The case directory must be named after the vendor
// id: the golden paths are <vendor id>/... and jsonschema/<vendor id>/..., so two cases with one
// id would overwrite each other's golden files.
func generateCase(t *testing.T, name string) []File {
	t.Helper()
	s := loadCase(t, name)
	if s.Vendor.ID != name {
		t.Fatalf("%s: vendor id %q: a case's directory is named after its vendor id", filepath.Join(specs, name), s.Vendor.ID)
	}
	files, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The generator's output for every case, compared byte for byte.
// Run `go test ./gen -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	want := map[string]bool{}
	names := caseNames(t)
	generated := 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			files := generateCase(t, name)
			generated++
			for _, f := range files {
				path := filepath.Join(golden, filepath.FromSlash(f.Path)+".golden")
				want[path] = true
				checkGolden(t, path, f.Data)
			}
		})
	}
	// Stale files are told only when every case generated: a case that failed, or that -run
	// left out, has golden files that are not in want.
	if generated < len(names) {
		return
	}
	err := filepath.WalkDir(golden, func(path string, d os.DirEntry, err error) error {
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

// checkGolden compares data with the golden file at path, or rewrites the file under -update.
func checkGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test ./gen -update)", err)
		return
	}
	if !bytes.Equal(old, data) {
		t.Errorf("the output differs from %s (run go test ./gen -update and review the diff):\n%s", path, firstDiff(old, data))
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
	for _, name := range caseNames(t) {
		t.Run(name, func(t *testing.T) {
			s := loadCase(t, name)
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
		})
	}
}

// Every case's package builds, vets and works: the cases are generated side by side into one
// throwaway module that replaces hookspec with this checkout (offline), each with its hand-written
// test from testdata/e2e copied in, and `go vet` and `go test` run over all of them at once.
func TestGoldenPackageWorks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	root := testenv.RepoRoot(t)
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/goldencheck\n\ngo 1.26\n\nrequire github.com/hookspec/hookspec v0.0.0\n\nreplace github.com/hookspec/hookspec => "+root+"\n"))
	write("go.sum", gosum)
	cases := map[string]bool{}
	for _, name := range caseNames(t) {
		cases[name] = true
		for _, f := range generateCase(t, name) {
			write(f.Path, f.Data)
		}
	}
	tests, err := filepath.Glob(filepath.Join(e2e, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range tests {
		name := strings.TrimSuffix(filepath.Base(path), "_test.go")
		if !cases[name] {
			t.Errorf("%s: no case %s in %s to run it in", path, name, specs)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		write(name+"/"+filepath.Base(path), data)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// The feature cases' JSON Schemas give the verdicts their Go validators give (the e2e tests
// assert the Go side on the same bodies): a problem named by the same path, a value the decoders
// read leniently (a string holding an integer) accepted, a value they refuse refused.
func TestCaseSchemas(t *testing.T) {
	tests := []struct {
		vendor, event, body string
		strict              bool
		want                []string // the offending members' paths, none for valid
	}{
		{"nested", "customer_moved", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Oslo","zip":"0150"}}}}`, false, nil},
		{"nested", "customer_moved", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Oslo","zip":"0150"}}}}`, true, []string{"content.customer.address.zip"}},
		{"nested", "customer_moved", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{}}}}`, false, []string{"content.customer.address.city"}},
		{"nested", "customer_moved", `{"type":"customer_moved","content":{"customer":{"id":"cu_1","address":{"city":"Llanfairpwllgwyngyllg"}}}}`, false, []string{"content.customer.address.city"}},
		{"nested", "customer_moved", `{"type":"customer_moved","content":{}}`, false, []string{"content.customer"}},
		{"arrays", "order_placed", `{"type":"order_placed","content":{"order":{"id":"or_1","lines":[{"sku":"A-1"},{"sku":"way-too-long-sku"},{}]}}}`, false,
			[]string{"content.order.lines[1].sku", "content.order.lines[2].sku"}},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":1000,"adjustment":-50}}`, false, nil},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":"7"}}`, false, nil},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":1e3}}`, false, nil},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":1001}}`, false, []string{"content.quantity"}},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":5,"adjustment":-51}}`, false, []string{"content.adjustment"}},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":null}}`, false, []string{"content.quantity"}},
		{"booleans", "flag_set", `{"type":"flag_set","content":{"enabled":false}}`, false, nil},
		{"booleans", "flag_set", `{"type":"flag_set","content":{"enabled":"true"}}`, false, nil},
		{"numbers", "rate_changed", `{"type":"rate_changed","content":{"rate":12345678901234567890.123456789012345678901}}`, false, nil},
		{"numbers", "rate_changed", `{"type":"rate_changed","content":{"rate":"1.50"}}`, false, nil},
		{"numbers", "rate_changed", `{"type":"rate_changed","content":{}}`, false, []string{"content.rate"}},
		{"unixtime", "job_finished", `{"type":"job_finished","content":{"finished_at":1700000000,"started_at_ms":1699999999123}}`, false, nil},
		{"maps", "labels_changed", `{"type":"labels_changed","content":{"labels":{"tier":"gold","region":"eu"}}}`, false, nil},
		{"maps", "labels_changed", `{"type":"labels_changed","content":{"labels":{"tier":"platinum+"}}}`, false, []string{"content.labels.tier"}},
		{"raw", "note_added", `{"type":"note_added","content":{"metadata":{"a": [1, {"b": null}], "c": "d"}}}`, true, nil},
		{"secrets", "account_updated", `{"type":"account_updated","content":{"account":{"id":"ac_1","login":{"user":"jo","password":"hunter2-but-much-longer"}}}}`, false,
			[]string{"content.account.login.password"}},
		// The schemas express errors only: a relaxed rule (an open enum, an exceeded length) is no
		// problem there, while the rest of the member's shape still is.
		{"warnings", "customer_changed", `{"type":"customer_changed","content":{"customer":{"id":"cu_1","tier":"platinum","city":"Llanfairpwllgwyngyll"}}}`, false, nil},
		{"warnings", "customer_changed", `{"type":"customer_changed","content":{"customer":{"id":"cu_12345678901","tier":"platinum"}}}`, false,
			[]string{"content.customer.id"}},
		{"evidence", "OrderPlaced", `{"orderId":"1","region":"Salzburg-Land","source":"PHONE"}`, false, nil},
		{"evidence", "OrderPlaced", `{"orderId":"x","region":"Salzburg-Land","source":"PHONE"}`, false, []string{"orderId"}},
	}
	fsys := fstest.MapFS{}
	for _, tt := range tests {
		if fsys[tt.vendor+"/"+tt.event+"/v1.schema.json"] != nil {
			continue
		}
		for _, f := range generateCase(t, tt.vendor) {
			if name, ok := strings.CutPrefix(f.Path, "jsonschema/"); ok {
				fsys[name] = &fstest.MapFile{Data: f.Data}
			}
		}
	}
	v := jsonschema.NewValidatorFS(fsys)
	// What the Go decoders refuse, the schemas refuse too: the validator's own reading refuses
	// it, or the schema reports the member.
	refused := []struct{ vendor, event, body, member string }{
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":1.5}}`, "content.quantity"},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":"seven"}}`, "content.quantity"},
		{"integers", "stock_counted", `{"type":"stock_counted","content":{"quantity":9223372036854775808}}`, "content.quantity"},
		{"booleans", "flag_set", `{"type":"flag_set","content":{"enabled":"yes"}}`, "content.enabled"},
		{"booleans", "flag_set", `{"type":"flag_set","content":{"enabled":1}}`, "content.enabled"},
		{"numbers", "rate_changed", `{"type":"rate_changed","content":{"rate":"one"}}`, "content.rate"},
		{"unixtime", "job_finished", `{"type":"job_finished","content":{"finished_at":"2023-11-14T22:13:20Z"}}`, "content.finished_at"},
		{"maps", "labels_changed", `{"type":"labels_changed","content":{"labels":["gold"]}}`, "content.labels"},
		{"arrays", "order_placed", `{"type":"order_placed","content":{"order":{"id":"or_1","lines":[{"sku":"A-1"},"B-2"]}}}`, "content.order.lines[1]"},
	}
	for _, tt := range refused {
		problems, err := v.Validate(tt.vendor, tt.event, 1, false, webhook.JSON, []byte(tt.body))
		var de *webhook.DecodeError
		if errors.As(err, &de) {
			continue
		}
		if err != nil || len(problems) != 1 || problems[0].Field != tt.member {
			t.Errorf("%s: problems %v, error %v; want %s refused", tt.body, problems, err, tt.member)
		}
	}
	for _, tt := range tests {
		problems, err := v.Validate(tt.vendor, tt.event, 1, tt.strict, webhook.JSON, []byte(tt.body))
		if err != nil {
			t.Errorf("%s (strict %v): %v", tt.body, tt.strict, err)
			continue
		}
		var got []string
		for _, p := range problems {
			got = append(got, p.Field)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s (strict %v): problems %v, want %v", tt.body, tt.strict, problems, tt.want)
		}
	}
}

// specEdit replaces old with new in one file of a case's spec; an empty old appends new to the
// file, creating it.
type specEdit struct{ file, old, new string }

// Spec mistakes that the loader or the generator must refuse, each an edit of one case's spec.
// The whole message is kept in testdata/errors/<name>.golden (`go test ./gen -update` rewrites
// it, for review like any golden file); mentions are what the message must name whatever its
// wording, the member with its path and the rule, so that an update cannot lose them unnoticed.
var specMistakes = []struct {
	name     string
	base     string // the case under testdata/spec that is edited
	edits    []specEdit
	mentions []string
}{
	// The envelope's members are fields of every event type, and of UnknownEvent, which the
	// generator checks first.
	{"member-named-like-an-event-method", "nested", []specEdit{{"types.yaml", "        goName: Type\n", "        goName: Version\n"}},
		[]string{"member type's Go name Version", "a method of every event type"}},
	{"member-named-like-a-type-method", "nested", []specEdit{{"types.yaml", "        goName: City\n", "        goName: Present\n"}},
		[]string{"type Address", "member city's Go name Present", "a method or field of every object type"}},
	{"two-members-with-one-go-name", "nested", []specEdit{{"types.yaml", "        goName: Address\n        description: Where", "        goName: ID\n        description: Where"}},
		[]string{"types.yaml:25", "/types/1/members/1/goName", "type Customer", `"ID"`, "/types/1/members/0/goName"}},
	{"two-content-members-with-one-go-name", "ordering", []specEdit{{"events.yaml", "            goName: Previous\n", "            goName: Item\n"}},
		[]string{"events.yaml:16", "/events/0/versions/0/content/1/goName", "items_updated v1", `"Item"`, "/events/0/versions/0/content/0/goName"}},
	// Appended to Address, the last type in the file: Customer holds an Address, which holds a
	// Customer.
	{"type-contains-itself-by-value", "nested", []specEdit{{"types.yaml", "", `      - name: resident
        goName: Resident
        description: Who lives there.
        type: Customer
        presence: {kind: optional}
`}}, []string{"Customer.address → Address.resident → Customer", "itself by value"}},
	// Acme has no types.yaml: the edit adds one, so that the field's type exists.
	{"object-in-a-flat-body", "acme", []specEdit{
		{"types.yaml", "", "hookspec: 1\ntypes:\n  - name: Card\n    goName: Card\n    members:\n      - name: last4\n        goName: Last4\n        description: The card's last digits.\n        constraint: {kind: string}\n        presence: {kind: optional}\n"},
		{"fields.yaml", "    dataType: date\n", "    type: Card\n"},
	}, []string{"PaymentDone v2", "field paidOn", "an object", "flat"}},
	{"raw-in-a-flat-body", "acme", []specEdit{{"datatypes.yaml", "      kind: boolean\n", "      kind: raw\n"}},
		[]string{"PaymentDone v2", "field test", "raw", "flat"}},
	{"format-of-another-kind", "integers", []specEdit{{"events.yaml", `{kind: integer, min: "0", max: "1000"}`, `{kind: integer, format: email, min: "0", max: "1000"}`}},
		[]string{"events.yaml:13", "/events/0/versions/0/content/0/constraint/format", "format email", "kind integer"}},
	{"unix-time-on-text", "unixtime", []specEdit{{"events.yaml", "{kind: integer, format: unixTime}", "{kind: string, format: unixTime}"}},
		[]string{"events.yaml:13", "/events/0/versions/0/content/0/constraint/format", "format unixTime", "kind string"}},
	{"bound-beyond-64-bits", "integers", []specEdit{{"events.yaml", `max: "1000"`, `max: "9223372036854775808"`}},
		[]string{"stock_counted v1's content", "member quantity", "9223372036854775808", "64-bit"}},
	{"unknown-type", "nested", []specEdit{{"types.yaml", "        type: Address\n", "        type: Adress\n"}},
		[]string{"types.yaml:27", "/types/1/members/1/type", `"Adress"`, "not in types.yaml"}},
	{"unknown-content-type", "nested", []specEdit{{"events.yaml", "            type: Customer\n", "            type: Customers\n"}},
		[]string{"events.yaml:13", "/events/0/versions/0/content/0/type", `"Customers"`, "not in types.yaml"}},
	{"array-without-items", "arrays", []specEdit{{"types.yaml", "        items:\n          type: OrderLine\n", ""}},
		[]string{"/types/1/members/1", "lines is an array", "no items"}},
	{"envelope-without-its-content-member", "nested", []specEdit{{"vendor.yaml", "    content: content\n", "    content: body\n"}},
		[]string{"/vendor/envelope/content", "type Event", `no member "body"`}},
	{"envelope-content-not-raw", "nested", []specEdit{{"types.yaml", "        constraint: {kind: raw}\n", "        constraint: {kind: string}\n"}},
		[]string{"/types/0/members/1", "content member content", "must be raw"}},
	{"flat-rows-in-an-enveloped-vendor", "nested", []specEdit{{"events.yaml", `        content:
          - name: customer
            goName: Customer
            description: The customer who moved.
            type: Customer
            presence: {kind: always, reason: the event is about a customer}
`, "        fields:\n          - name: id\n"}}, []string{"events.yaml:9", "customer_moved v1", "flat rows", "enveloped"}},
	{"form-in-an-enveloped-vendor", "nested", []specEdit{{"events.yaml", "formats: [json]", "formats: [form, json]"}},
		[]string{"customer_moved v1", "enveloped bodies are JSON", "form"}},
	{"event-type-member-missing", "nested", []specEdit{{"vendor.yaml", "      name: type\n", "      name: event_type\n"}},
		[]string{"/vendor/delivery/eventType/name", `"event_type"`, "type Event has no member"}},
	{"version-pattern-without-a-group", "routing", []specEdit{{"vendor.yaml", "^v([0-9]+)$", "^v[0-9]+$"}},
		[]string{"/vendor/delivery/version/pattern", "0 groups", "exactly one"}},
	{"delivery-key-member-missing", "bodykey", []specEdit{{"vendor.yaml", "      name: id\n", "      name: event_id\n"}},
		[]string{"/vendor/delivery/key/name", `"event_id"`, "type Event has no member"}},
	{"ordering-member-missing", "ordering", []specEdit{{"vendor.yaml", "      member: resource_version\n", "      member: version\n"}},
		[]string{"/vendor/delivery/ordering/member", `no type has a member "version"`}},
	{"url-key-without-its-parameter", "urlkey", []specEdit{{"vendor.yaml", "        param: key\n", ""}},
		[]string{"/vendor/delivery/auth/0", "'param'"}},
	// A relaxed rule must be one the member has: an erratum cannot open an enum that is not there
	// or keep as a warning a length the shape does not state.
	{"open-enum-without-an-enum", "warnings", []specEdit{{"types.yaml", "        enum: tier\n", ""}},
		[]string{"/types/1/members/1/relaxed/0", "tier", "opens its enum", "has none"}},
	{"exceeded-length-not-documented", "warnings", []specEdit{{"types.yaml", "{kind: string, maxLength: 12}", "{kind: string}"}},
		[]string{"/types/1/members/2/relaxed/0", "city", "maximum length", "states none"}},
}

// TestSpecMistakes loads each mistake's edited spec from memory, as a directory named after the
// mistake (so a loader message reads errors/<name>/<file>:<line>), and generates it when it loads.
func TestSpecMistakes(t *testing.T) {
	want := map[string]bool{}
	for _, tt := range specMistakes {
		golden := filepath.Join("testdata", "errors", tt.name+".golden")
		want[golden] = true
		t.Run(tt.name, func(t *testing.T) {
			dir := "errors/" + tt.name
			fsys := fstest.MapFS{}
			base := filepath.Join(specs, tt.base)
			entries, err := os.ReadDir(base)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				data, err := os.ReadFile(filepath.Join(base, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				fsys[dir+"/"+e.Name()] = &fstest.MapFile{Data: data}
			}
			for _, ed := range tt.edits {
				f := fsys[dir+"/"+ed.file]
				if f == nil {
					f = &fstest.MapFile{}
					fsys[dir+"/"+ed.file] = f
				}
				text := string(f.Data)
				if ed.old == "" {
					f.Data = []byte(text + ed.new)
					continue
				}
				if n := strings.Count(text, ed.old); n != 1 {
					t.Fatalf("%q occurs %d times in %s/%s: an edit must replace exactly one place", ed.old, n, base, ed.file)
				}
				f.Data = []byte(strings.Replace(text, ed.old, ed.new, 1))
			}
			s, err := spec.LoadFS(fsys, dir)
			if err == nil {
				_, err = Generate(s)
			}
			if err == nil {
				t.Fatal("the spec was accepted")
			}
			msg := err.Error()
			for _, m := range tt.mentions {
				if !strings.Contains(msg, m) {
					t.Errorf("the message does not name %q:\n%s", m, msg)
				}
			}
			checkGolden(t, golden, []byte(msg+"\n"))
		})
	}
	err := filepath.WalkDir(filepath.Join("testdata", "errors"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || want[path] {
			return err
		}
		if *update {
			return os.Remove(path)
		}
		t.Errorf("%s: no spec mistake in TestSpecMistakes has this name (run go test ./gen -update)", path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

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
