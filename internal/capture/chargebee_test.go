package capture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/spec"
)

var (
	chargebeeOnce   sync.Once
	chargebeeResult *Result
	chargebeeErr    error
)

// chargebeeCapture runs the capture once per test binary: it reads a 2 MB OpenAPI file and 124
// declaration files, and every test here only reads the result.
func chargebeeCapture(t *testing.T) *Result {
	t.Helper()
	chargebeeOnce.Do(func() { chargebeeResult, chargebeeErr = runChargebee(t) })
	if chargebeeErr != nil {
		t.Fatal(chargebeeErr)
	}
	return chargebeeResult
}

func runChargebee(t *testing.T) (*Result, error) {
	root := testenv.RepoRoot(t)
	return Run("chargebee", chargebeeDocs(t), filepath.Join(root, "spec", "chargebee", "errata.yaml"))
}

func chargebeeDocs(t *testing.T) string {
	return filepath.Join(testenv.SharedDir(t), "vendor-docs", "chargebee")
}

// TestChargebeeReproducible re-runs the capture and compares it byte for byte with the committed
// spec/chargebee: the committed files are exactly what specgen writes, and nothing else is there.
func TestChargebeeReproducible(t *testing.T) {
	res := chargebeeCapture(t)
	again, err := runChargebee(t)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testenv.RepoRoot(t), "spec", "chargebee")
	var names []string
	for n, b := range res.Files {
		names = append(names, n)
		if !bytes.Equal(b, again.Files[n]) {
			t.Errorf("%s differs between two runs on the same inputs", n)
		}
		committed, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Errorf("%v (run `make capture`)", err)
			continue
		}
		if !bytes.Equal(committed, b) {
			t.Errorf("spec/chargebee/%s is stale: run `make capture` and review the diff", n)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "errata.yaml" && !slices.Contains(names, e.Name()) {
			t.Errorf("spec/chargebee/%s is not written by specgen and is not errata.yaml", e.Name())
		}
	}
	if _, err := spec.Load(dir); err != nil {
		t.Fatalf("the committed spec does not load: %v", err)
	}
}

// addedByErrata returns, per type or per "event vN" content, the member names errata add, so
// that counts of what the descriptions hold can leave them out.
func addedByErrata(s *spec.Spec) map[string]bool {
	added := map[string]bool{}
	for _, e := range s.Errata.Entries {
		for _, p := range e.Members {
			if p.Add != nil {
				added[e.ID+"/"+p.Name] = true
			}
		}
	}
	return added
}

// fromDescription reports whether a member is the description's, not one an erratum added.
func fromDescription(f spec.Field, added map[string]bool) bool {
	for _, id := range f.Errata {
		if added[id+"/"+f.Name] {
			return false
		}
	}
	return true
}

// TestChargebeeV1Counts counts API v1 in the OpenAPI file with encoding/json, independently of
// the reader and the builder: 35 webhooks, and the 5 resources' properties at every depth
// (nested objects and array items included), their enums and enum values. The figures
// (238 properties, 27 enums, 180 values) are these five resources' totals. The spec must hold
// the same: its V1 types, without the members errata add, have the same members, and as many
// enum members with as many values.
func TestChargebeeV1Counts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(chargebeeDocs(t), "chargebee_api_v1_spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	type schema struct {
		Ref        string             `json:"$ref"`
		Type       any                `json:"type"`
		Enum       []any              `json:"enum"`
		Properties map[string]*schema `json:"properties"`
		Items      *schema            `json:"items"`
	}
	var doc struct {
		Webhooks   map[string]json.RawMessage `json:"webhooks"`
		Components struct {
			Schemas map[string]*schema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// paths collects every property's dotted path ("Customer.billing_address.city"; items add
	// nothing to the path, as the spec's nested types are the items' types).
	var paths []string
	enums, values := 0, 0
	var walk func(prefix string, s *schema)
	walk = func(prefix string, s *schema) {
		if s.Enum != nil {
			enums++
			values += len(s.Enum)
		}
		for name, p := range s.Properties {
			paths = append(paths, prefix+"."+name)
			walk(prefix+"."+name, p)
		}
		if s.Items != nil {
			walk(prefix, s.Items)
		}
	}
	for _, r := range []string{"Customer", "Card", "Subscription", "Invoice", "Transaction"} {
		walk(r, doc.Components.Schemas[r])
	}
	if len(doc.Webhooks) != 35 || len(paths) != 238 || enums != 27 || values != 180 {
		t.Errorf("the file: %d webhooks, %d properties, %d enums with %d values; the issue says 35, 238, 27, 180", len(doc.Webhooks), len(paths), enums, values)
	}

	s := chargebeeCapture(t).Spec
	added := addedByErrata(s)
	var got []string
	gotEnums, gotValues := 0, 0
	var walkType func(prefix, name string)
	walkType = func(prefix, name string) {
		typ := s.Type(name)
		if typ == nil {
			t.Fatalf("no type %s", name)
		}
		for _, m := range typ.Members {
			if !fromDescription(m, added) {
				continue
			}
			got = append(got, prefix+"."+m.Name)
			if m.Enum != "" {
				gotEnums++
				gotValues += len(s.Enum(m.Enum).Values)
			}
			if m.Items != nil && m.Items.Enum != "" {
				gotEnums++
				gotValues += len(s.Enum(m.Items.Enum).Values)
			}
			switch {
			case m.Type != "":
				walkType(prefix+"."+m.Name, m.Type)
			case m.Items != nil && m.Items.Type != "":
				walkType(prefix+"."+m.Name, m.Items.Type)
			}
		}
	}
	for _, r := range []string{"Customer", "Card", "Subscription", "Invoice", "Transaction"} {
		walkType(r, r+"V1")
	}
	sort.Strings(paths)
	sort.Strings(got)
	if !slices.Equal(got, paths) {
		t.Errorf("the spec's v1 resources differ from the file's:\n got %d %v\nwant %d %v", len(got), got, len(paths), paths)
	}
	if gotEnums != enums || gotValues != values {
		t.Errorf("the spec's v1 resources have %d enum members with %d values, the file %d with %d", gotEnums, gotValues, enums, values)
	}

	v1Events := 0
	for _, e := range s.Events {
		if v := e.Version(1); v != nil {
			v1Events++
			if _, ok := doc.Webhooks[e.Name]; !ok {
				t.Errorf("%s v1 is not a webhook of the file", e.Name)
			}
		}
	}
	if v1Events != 35 {
		t.Errorf("%d events have a version 1, want 35", v1Events)
	}
}

var (
	contentMapEntry = regexp.MustCompile(`^\s*\[WebhookEventType\.(\w+)\]: (\w+);$`)
	enumEntry       = regexp.MustCompile(`^\s*(\w+) = '([a-z0-9_]+)',$`)
	typeOpen        = regexp.MustCompile(`^  export (?:type (\w+) = \{|interface (\w+) \{)$`)
	namespaceOpen   = regexp.MustCompile(`^  export namespace (\w+) \{$`)
	nestedOpen      = regexp.MustCompile(`^    export interface (\w+) \{$`)
	memberLine      = regexp.MustCompile(`^\s+(\w+)(\??):`)
)

// sdkDeclarations reads the SDK's interfaces and object types by line patterns, independently of
// the tsdecl reader: each declaration's member names, by its dotted name ("Invoice.LineItem").
// Only module-level declarations (two spaces) and those of a namespace (four) count; a member
// line is one at the next indentation level.
func sdkDeclarations(t *testing.T, dir string) map[string][]string {
	t.Helper()
	decls := map[string][]string{}
	files, err := filepath.Glob(filepath.Join(dir, "resources", "*.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var namespace, current, indent string
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case current != "":
				if line == indent+"}" || line == indent+"};" {
					current = ""
					continue
				}
				if m := memberLine.FindStringSubmatch(line); m != nil && strings.HasPrefix(line, indent+"  ") && !strings.HasPrefix(line, indent+"   ") {
					decls[current] = append(decls[current], m[1])
				}
			case namespaceOpen.MatchString(line):
				namespace = namespaceOpen.FindStringSubmatch(line)[1]
			case line == "  }":
				namespace = ""
			case typeOpen.MatchString(line):
				m := typeOpen.FindStringSubmatch(line)
				current, indent = m[1]+m[2], "  "
				if _, dup := decls[current]; dup {
					current = "" // a merged declaration: the first is the resource's own
				}
			case namespace != "" && nestedOpen.MatchString(line):
				current, indent = namespace+"."+nestedOpen.FindStringSubmatch(line)[1], "    "
				if _, dup := decls[current]; dup {
					current = ""
				}
			}
		}
	}
	return decls
}

// TestChargebeeV2Counts holds API v2 in the spec to the SDK's files, read by line patterns: every
// event of the WebhookContentMap has a version 2 with its content type's members (renamed where
// the errata say, nothing else), every event type of event-types-v2.txt is an event with a
// version 2, and every SDK type the spec defines has the declaration's members, no more, no
// fewer.
func TestChargebeeV2Counts(t *testing.T) {
	dir := filepath.Join(chargebeeDocs(t), "chargebee-node-types")
	webhookFile, err := os.ReadFile(filepath.Join(dir, "resources", "WebhookEvent.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	enumValue := map[string]string{}
	contentOf := map[string]string{}
	for _, line := range strings.Split(string(webhookFile), "\n") {
		if m := enumEntry.FindStringSubmatch(line); m != nil {
			enumValue[m[1]] = m[2]
		}
		if m := contentMapEntry.FindStringSubmatch(line); m != nil {
			contentOf[enumValue[m[1]]] = m[2]
		}
	}
	if len(contentOf) != 228 {
		t.Fatalf("read %d entries of WebhookContentMap, want 228", len(contentOf))
	}
	decls := sdkDeclarations(t, dir)
	s := chargebeeCapture(t).Spec
	added := addedByErrata(s)
	renamedFrom := map[string]string{} // "event/wire name" → the SDK's name
	for _, e := range s.Errata.Entries {
		for _, p := range e.Members {
			if p.Rename == "" {
				continue
			}
			for _, ev := range p.Events {
				renamedFrom[ev+"/"+p.Rename] = p.Name
			}
		}
	}
	for event, content := range contentOf {
		e := s.Event(event)
		if e == nil || e.Version(2) == nil {
			t.Errorf("%s: no version 2 in the spec", event)
			continue
		}
		v := e.Version(2)
		var got []string
		for _, f := range v.Content {
			name := f.Name
			if from, ok := renamedFrom[event+"/"+name]; ok {
				name = from
			}
			got = append(got, name)
		}
		if want := decls[content]; !slices.Equal(got, want) && !(len(want) == 0 && v.RawContent) {
			t.Errorf("%s v2 content %v, the SDK's %s %v", event, got, content, want)
		}
	}
	list, err := os.ReadFile(filepath.Join(chargebeeDocs(t), "event-types-v2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Fields(string(list))
	if len(names) != 237 {
		t.Errorf("event-types-v2.txt has %d names, want 237", len(names))
	}
	for _, n := range names {
		e := s.Event(n)
		if e == nil || e.Version(2) == nil {
			t.Errorf("%s (event-types-v2.txt) has no version 2 in the spec", n)
			continue
		}
		if _, described := contentOf[n]; !described && !e.Version(2).RawContent {
			t.Errorf("%s has no content shape in the SDK, but its version 2 is not raw", n)
		}
	}

	sdkTypes := 0
	for _, typ := range s.Types {
		want, ok := decls[typ.Name]
		head, _, _ := strings.Cut(typ.Name, ".")
		if !ok || head == s.Vendor.Envelope.Type {
			// Not the SDK's: a v1 type, or the envelope and its item type, which the v1 OpenAPI
			// gives (the SDK's Event is its generic event, not a webhook body).
			if !strings.HasSuffix(head, "V1") && head != s.Vendor.Envelope.Type {
				t.Errorf("type %s is neither the SDK's, nor a v1 type, nor the envelope's", typ.Name)
			}
			continue
		}
		sdkTypes++
		var got []string
		for _, m := range typ.Members {
			if fromDescription(m, added) {
				got = append(got, m.Name)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("type %s: members %v\nthe SDK declares %v", typ.Name, got, want)
		}
	}
	// Every resource a v2 content member refers to, and the types they nest, are defined.
	for _, e := range s.Events {
		v := e.Version(2)
		if v == nil {
			continue
		}
		for _, f := range v.Content {
			name := f.Type
			if f.Items != nil {
				name = f.Items.Type
			}
			if _, ok := decls[name]; !ok {
				t.Errorf("%s v2 content.%s refers to %s, which the SDK does not declare", e.Name, f.Name, name)
			}
		}
	}
	t.Logf("%d v2 events with content, %d SDK types in the spec", len(contentOf), sdkTypes)
}

// TestChargebeeRealPayloads accounts for every real payload, independently of the builder's own
// check: its event type and version (api_version, v1 when absent as the OpenAPI's default says)
// are in the committed spec, and every member it carries, at every depth, is defined there or
// named in DISCREPANCIES.md with its path.
func TestChargebeeRealPayloads(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(t), "spec", "chargebee")
	s, err := spec.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(dir, DiscrepanciesFile))
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := filepath.Glob(filepath.Join(testenv.SharedDir(t), "real-payloads", "chargebee", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(payloads) != 12 {
		t.Fatalf("%d real payloads, want 12", len(payloads))
	}
	for _, path := range payloads {
		file := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		if err := json.Unmarshal(data, &body); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		event, _ := body["event_type"].(string)
		version := 1
		if av, ok := body["api_version"].(string); ok {
			fmt.Sscanf(av, "v%d", &version)
		}
		e := s.Event(event)
		if e == nil || e.Version(version) == nil {
			t.Errorf("%s: %s v%d is not in the spec", file, event, version)
			continue
		}
		members, err := s.Resolve(e, e.Version(version))
		if err != nil {
			t.Fatal(err)
		}
		var unaccounted []string
		accountObject(s, body, members, "", func(p string) {
			if !bytes.Contains(report, []byte(file+": "+p+" ")) {
				unaccounted = append(unaccounted, p)
			}
		})
		if len(unaccounted) > 0 {
			t.Errorf("%s: members in neither the spec nor DISCREPANCIES.md: %v", file, unaccounted)
		}
	}
}

// accountObject calls missing with the path of each member of obj that members do not define,
// walking into objects and arrays by the spec's types.
func accountObject(s *spec.Spec, obj map[string]any, members []spec.ResolvedField, prefix string, missing func(string)) {
	for name, value := range obj {
		i := slices.IndexFunc(members, func(m spec.ResolvedField) bool { return m.Name == name })
		if i < 0 {
			missing(prefix + name)
			continue
		}
		accountValue(s, value, &members[i], prefix+name, missing)
	}
}

func accountValue(s *spec.Spec, value any, m *spec.ResolvedField, path string, missing func(string)) {
	switch v := value.(type) {
	case map[string]any:
		switch {
		case m.Members != nil:
			accountObject(s, v, m.Members, path+".", missing)
		case m.Type != nil:
			resolved, err := s.ResolveType(m.Type)
			if err != nil {
				panic(err)
			}
			accountObject(s, v, resolved, path+".", missing)
		}
	case []any:
		if m.Items == nil {
			return
		}
		for i, item := range v {
			accountValue(s, item, m.Items, fmt.Sprintf("%s[%d]", path, i), missing)
		}
	}
}

// TestChargebeeSpecTypo changes one word of a committed spec file and expects the load to fail
// with the file, the line of the change and the reason.
func TestChargebeeSpecTypo(t *testing.T) {
	src := filepath.Join(testenv.RepoRoot(t), "spec", "chargebee")
	tests := []struct {
		file, from, to string
		reason         string
	}{
		{"types.yaml", "        presence:\n", "        presense:\n", "presense"},
		{"types.yaml", "kind: integer\n", "kind: integr\n", "integr"},
		{"events.yaml", "        formats:\n          - json\n", "        formats:\n          - jsn\n", `must be one of "form", "json"`},
		{"vendor.yaml", "pattern: ^v([0-9]+)$", "pattern: ^v([0-9]+$", "does not compile"},
		{"errata.yaml", "        rename: subscriptions", "        rename: subscription", "renames the member to its own name"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.reason, func(t *testing.T) {
			dir := t.TempDir()
			entries, err := os.ReadDir(src)
			if err != nil {
				t.Fatal(err)
			}
			line := 0
			for _, e := range entries {
				data, err := os.ReadFile(filepath.Join(src, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if e.Name() == tt.file {
					i := bytes.Index(data, []byte(tt.from))
					if i < 0 {
						t.Fatalf("%s has no %q", tt.file, tt.from)
					}
					line = bytes.Count(data[:i], []byte("\n")) + 1 + strings.Count(strings.TrimRight(tt.from, "\n"), "\n")
					data = bytes.Replace(data, []byte(tt.from), []byte(tt.to), 1)
				}
				if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err = spec.Load(dir)
			if err == nil {
				t.Fatal("the spec with a typo loads")
			}
			msg := err.Error()
			if !strings.Contains(msg, filepath.Join(dir, tt.file)+":") || !strings.Contains(msg, tt.reason) {
				t.Fatalf("error %q: want the file %s and %q", msg, tt.file, tt.reason)
			}
			if !regexp.MustCompile(regexp.QuoteMeta(tt.file) + fmt.Sprintf(`:(%d|%d):`, line, line-1)).MatchString(msg) {
				t.Errorf("error %q does not point at line %d", msg, line)
			}
		})
	}
}

func TestEventsSample(t *testing.T) {
	tests := []struct {
		name, page, want, err string
	}{
		{"wrapped, prose after", "Intro.\n{\n\"event\": {\"id\": \"ev_1\"}\n}More prose.", `{"id": "ev_1"}`, ""},
		{"no sample", "Intro only.", "", "no sample event"},
		{"broken JSON", "a\nb\n{\n\"event\": {\"id\": }\n}", "", "line 3: the sample event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := eventsSample([]byte(tt.page))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(p.Body) != tt.want || p.File != "events.txt" {
				t.Errorf("payload %s %s, want %s", p.File, p.Body, tt.want)
			}
		})
	}
}

func FuzzEventsSample(f *testing.F) {
	f.Add([]byte("Intro.\n{\n\"event\": {\"id\": \"ev_1\"}\n}More prose."))
	f.Add([]byte("{\n\"event\": null}"))
	f.Fuzz(func(t *testing.T, page []byte) {
		p, err := eventsSample(page)
		if err == nil && p.File != "events.txt" {
			t.Errorf("payload named %q", p.File)
		}
	})
}

// BenchmarkChargebeeCapture is the whole capture: reading the 2 MB OpenAPI file and the SDK's
// 124 declaration files, building, applying the errata and rendering the files.
func BenchmarkChargebeeCapture(b *testing.B) {
	root := testenv.RepoRoot(b)
	src := filepath.Join(testenv.SharedDir(b), "vendor-docs", "chargebee")
	errata := filepath.Join(root, "spec", "chargebee", "errata.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run("chargebee", src, errata); err != nil {
			b.Fatal(err)
		}
	}
}
