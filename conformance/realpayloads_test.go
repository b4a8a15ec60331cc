package conformance

import (
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

var updateReal = flag.Bool("update-real", false, "rewrite the verdict, problems and warnings columns of testdata/real-payloads.tsv from the Go validator, keeping the hand-written version and reason columns")

const realTablePath = "testdata/real-payloads.tsv"

// realTableHeader is the table's header line; realTableComment explains it at the top of a table
// written from scratch (an existing table's comment lines are kept as they are).
var (
	realTableHeader  = []string{"file", "event", "version", "format", "verdict", "problems", "warnings", "reason"}
	realTableComment = []string{
		"# What the generated ccbill package makes of each real payload in shared/real-payloads/ccbill (TestRealPayloads in realpayloads_test.go).",
		"# file, event: as MANIFEST.tsv names them. version: picked by hand, the latest version ccbill.Detect finds the payload fits (strict validation), or, when none fits, the latest version sent in the payload's format whose fields cover most of its keys.",
		"# format: as decoded (json-params files, Rails params dumps, are decoded as JSON bodies). verdict, problems: the Go validator in default mode, which fails on errors only; problems are the errors, field/rule, sorted, space-separated, - for none.",
		"# warnings: the problems at warning level, field/rule[erratum], sorted: a documented rule real traffic breaks, named by the errata entry that records the evidence (spec/ccbill/errata.yaml); - for none.",
		"# reason: for an invalid payload why it is invalid, for every payload why that version. go test ./conformance -run RealPayloads -update-real rewrites verdict, problems and warnings and keeps the rest.",
	}
)

// manifestRow is one line of the payload folder's MANIFEST.tsv.
type manifestRow struct {
	file, event, format, source, notes string
}

// realRow is one line of the expectations table.
type realRow struct {
	file, event string
	version     int
	format      string
	verdict     string
	problems    string
	warnings    string
	reason      string
}

func (r realRow) fields() []string {
	return []string{r.file, r.event, strconv.Itoa(r.version), r.format, r.verdict, r.problems, r.warnings, r.reason}
}

// realResult is what the current code makes of one payload.
type realResult struct {
	verdict, problems, warnings string
}

func readManifest(t *testing.T, path string) []manifestRow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if want := "file\teventType\tformat\tsource\tnotes"; len(lines) == 0 || lines[0] != want {
		t.Fatalf("%s: the header is not %q", path, want)
	}
	var rows []manifestRow
	seen := map[string]bool{}
	for i, line := range lines[1:] {
		c := strings.Split(line, "\t")
		if len(c) != 5 {
			t.Fatalf("%s:%d: %d columns, want 5", path, i+2, len(c))
		}
		if seen[c[0]] {
			t.Fatalf("%s:%d: %s is listed twice", path, i+2, c[0])
		}
		seen[c[0]] = true
		rows = append(rows, manifestRow{c[0], c[1], c[2], c[3], c[4]})
	}
	return rows
}

// readRealTable returns the table's leading comment lines and its rows; a missing table is
// empty when it is about to be written.
func readRealTable(t *testing.T) (comment []string, rows []realRow) {
	t.Helper()
	data, err := os.ReadFile(realTablePath)
	if errors.Is(err, os.ErrNotExist) && *updateReal {
		return nil, nil
	}
	if err != nil {
		t.Fatalf("%v (go test ./conformance -run RealPayloads -update-real writes it)", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
		comment = append(comment, lines[0])
		lines = lines[1:]
	}
	if len(lines) == 0 || lines[0] != strings.Join(realTableHeader, "\t") {
		t.Fatalf("%s: the first line after the comment is not the header %q", realTablePath, strings.Join(realTableHeader, "\t"))
	}
	seen := map[string]bool{}
	for i, line := range lines[1:] {
		n := len(comment) + i + 2
		c := strings.Split(line, "\t")
		if len(c) != len(realTableHeader) {
			t.Fatalf("%s:%d: %d columns, want %d", realTablePath, n, len(c), len(realTableHeader))
		}
		v, err := strconv.Atoi(c[2])
		if err != nil {
			t.Fatalf("%s:%d: version %q is not a number", realTablePath, n, c[2])
		}
		if seen[c[0]] {
			t.Fatalf("%s:%d: %s has two rows", realTablePath, n, c[0])
		}
		seen[c[0]] = true
		rows = append(rows, realRow{c[0], c[1], v, c[3], c[4], c[5], c[6], c[7]})
	}
	return comment, rows
}

func writeRealTable(t *testing.T, comment []string, rows []realRow) {
	t.Helper()
	if len(comment) == 0 {
		comment = realTableComment
	}
	var b strings.Builder
	for _, c := range comment {
		b.WriteString(c + "\n")
	}
	b.WriteString(strings.Join(realTableHeader, "\t") + "\n")
	for _, r := range rows {
		for _, f := range r.fields() {
			if strings.ContainsAny(f, "\t\n") {
				t.Fatalf("%s: %q holds a tab or a newline", r.file, f)
			}
		}
		b.WriteString(strings.Join(r.fields(), "\t") + "\n")
	}
	if err := os.WriteFile(realTablePath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// decodeFormat is the wire format a MANIFEST format is decoded in: a Rails params dump
// (json-params) is a JSON object too.
func decodeFormat(manifestFormat string) (webhook.WireFormat, bool) {
	switch manifestFormat {
	case "json", "json-params":
		return webhook.JSON, true
	case "form":
		return webhook.Form, true
	}
	return 0, false
}

// inputMember is one member of a payload as it arrived.
type inputMember struct {
	key, value string
}

// readMembers lists a payload's members in order, with the readers the decoders use.
func readMembers(t *testing.T, f webhook.WireFormat, data []byte) []inputMember {
	t.Helper()
	var out []inputMember
	if f == webhook.JSON {
		r := webhook.NewJSONReader(string(data))
		for r.Next() {
			out = append(out, inputMember{r.Key(), r.Value()})
		}
		if err := r.Err(); err != nil {
			t.Fatalf("reading the keys: %v", err)
		}
		return out
	}
	r := webhook.NewFormReader(string(data))
	for r.Next() {
		out = append(out, inputMember{r.Key(), r.Value()})
	}
	if err := r.Err(); err != nil {
		t.Fatalf("reading the keys: %v", err)
	}
	return out
}

// reencoded reads back the members of an event's own encoding, by key.
func reencoded(t *testing.T, e ccbill.Event, f webhook.WireFormat) map[string]string {
	t.Helper()
	out := map[string]string{}
	var data []byte
	if f == webhook.JSON {
		data = e.AppendJSON(nil)
	} else {
		data = e.AppendForm(nil)
	}
	for _, m := range readMembers(t, f, data) {
		out[m.key] = m.value
	}
	return out
}

// suggestVersion is the table's rule for picking a version, for the log and for rows that
// -update-real adds: the latest version Detect finds (strict validation), or else the latest
// version sent in the format whose fields take the most of the payload's keys.
func suggestVersion(ev ccbill.EventType, f webhook.WireFormat, data []byte) int {
	if fits, err := ccbill.Detect(ev, f.ContentType(), data); err == nil && len(fits) > 0 {
		return fits[len(fits)-1]
	}
	best, fewestExtra := 0, 0
	for _, n := range ccbill.Versions(ev) {
		e, err := ccbill.Decode(ev, n, f.ContentType(), data)
		if err != nil {
			continue
		}
		if extra := len(e.ExtraFields()); best == 0 || extra <= fewestExtra {
			best, fewestExtra = n, extra
		}
	}
	return best
}

// TestRealPayloads runs the CCBill payloads that public projects keep in their tests
// (shared/real-payloads/ccbill, read in place) through the generated package and holds the
// results to testdata/real-payloads.tsv: for each file, the version it is decoded at, the Go
// validator's verdict and problems in default mode, and in words why it is invalid or why that
// version was picked. With -update-real the verdict and problems columns are rewritten from the
// current results; the version and reason columns are written by hand and kept.
//
// Besides the verdict it checks that decoding loses nothing (every member of the payload is a
// field of the version or kept in ExtraFields, with its text unchanged) and that the JSON Schema
// engine finds the same offending fields as Go.
func TestRealPayloads(t *testing.T) {
	dir := filepath.Join(testenv.SharedDir(t), "real-payloads", "ccbill")
	manifest := readManifest(t, filepath.Join(dir, "MANIFEST.tsv"))
	comment, table := readRealTable(t)
	byFile := map[string]int{}
	for i, r := range table {
		byFile[r.file] = i
	}
	s := loadSpec(t)
	sv := jsonschema.NewValidator()

	var updated []realRow
	for _, m := range manifest {
		i, inTable := byFile[m.file]
		if !inTable && !*updateReal {
			t.Errorf("%s is in MANIFEST.tsv but not in %s: add a row with its version and a reason, then run with -update-real", m.file, realTablePath)
			continue
		}
		delete(byFile, m.file)
		f, ok := decodeFormat(m.format)
		if !ok {
			t.Errorf("%s: MANIFEST format %q is neither json, json-params nor form", m.file, m.format)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, m.file))
		if err != nil {
			t.Fatal(err)
		}
		ev := ccbill.EventType(m.event)
		if ccbill.Versions(ev) == nil {
			t.Errorf("%s: MANIFEST event %q is not a CCBill event", m.file, m.event)
			continue
		}
		row := realRow{file: m.file, event: m.event, version: suggestVersion(ev, f, data), format: f.String()}
		if inTable {
			row = table[i]
		} else {
			t.Logf("%s: new row at v%d, the version the table's rule picks; write its reason", m.file, row.version)
		}
		t.Run(m.file, func(t *testing.T) {
			if row.event != m.event {
				t.Errorf("%s: the table says event %s, MANIFEST.tsv says %s", m.file, row.event, m.event)
			}
			if row.format != f.String() {
				t.Errorf("%s: the table says format %s, but a MANIFEST format of %s is decoded as %s", m.file, row.format, m.format, f)
			}
			if n := suggestVersion(ev, f, data); n != row.version {
				t.Logf("%s: the table pins v%d; the table's rule would pick v%d now (a new version, or a changed spec?)", m.file, row.version, n)
			}
			res, ok := checkRealPayload(t, s, sv, m.file, ev, row.version, f, data)
			if !ok {
				return
			}
			if *updateReal {
				row.verdict, row.problems, row.warnings = res.verdict, res.problems, res.warnings
				return
			}
			if res != (realResult{row.verdict, row.problems, row.warnings}) {
				t.Errorf("%s (%s v%d): Go says %s [%s] warnings [%s], the table says %s [%s] warnings [%s]; if the change is intended, run with -update-real and check the reason column",
					m.file, m.event, row.version, res.verdict, res.problems, res.warnings, row.verdict, row.problems, row.warnings)
			}
		})
		updated = append(updated, row)
	}
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		t.Errorf("%s has a row in %s but is not in MANIFEST.tsv", file, realTablePath)
	}
	if *updateReal {
		writeRealTable(t, comment, updated)
		t.Logf("wrote %s (%d rows)", realTablePath, len(updated))
	}
	for _, r := range updated {
		if strings.TrimSpace(r.reason) == "" {
			t.Errorf("%s: the reason column is empty: say why %s v%d was picked and, for an invalid payload, why it is invalid", r.file, r.event, r.version)
		}
	}
}

// checkRealPayload decodes one payload at the given version, checks that nothing in it was lost
// and that the JSON Schema engine agrees with Go, and returns Go's verdict and problems.
func checkRealPayload(t *testing.T, s *spec.Spec, sv *jsonschema.Validator, file string, ev ccbill.EventType, n int, f webhook.WireFormat, data []byte) (realResult, bool) {
	t.Helper()
	e, err := ccbill.Decode(ev, n, f.ContentType(), data)
	if err != nil {
		t.Errorf("%s: decoding as %s v%d (%s): %v", file, ev, n, f.ContentType(), err)
		return realResult{}, false
	}

	// Every spelling of the version's fields, mapped to the spelling its table uses (the one Go
	// writes and names problems by). Aliases come from the spec, so flexId and flexID are one key
	// where the version knows both, and nothing else is folded together (no case-insensitivity).
	se := s.Event(string(ev))
	fields, err := s.Resolve(se, se.Version(n))
	if err != nil {
		t.Fatal(err)
	}
	names := canonical(fields)

	// Nothing lost: every member is a field of the version, written back with its text unchanged
	// by AppendJSON/AppendForm, or a kept member of ExtraFields (empty values included). A field
	// sent empty or null is absent by design (Validate and the encoders treat "" as not sent), so
	// it is not written back and does not count as lost.
	out := reencoded(t, e, f)
	extra := e.ExtraFields()
	accounted := map[string]bool{}
	for _, m := range readMembers(t, f, data) {
		if v, ok := extra.Get(m.key); ok {
			if v != m.value {
				t.Errorf("%s: %q is kept in ExtraFields as %q, but arrived as %q", file, m.key, v, m.value)
			}
			accounted[m.key] = true
			continue
		}
		c, known := names[m.key]
		switch {
		case !known:
			t.Errorf("%s: %q is lost: it is neither a field of %s v%d nor kept in ExtraFields", file, m.key, ev, n)
		case m.value == "":
			if v, ok := out[c]; ok {
				t.Errorf("%s: %q arrived empty (absent), but %s v%d writes %q back as %q", file, m.key, ev, n, c, v)
			}
		default:
			v, ok := out[c]
			if !ok {
				t.Errorf("%s: %q is lost: %s v%d does not write it back (as %q)", file, m.key, ev, n, c)
			} else if v != m.value {
				t.Errorf("%s: %q arrived as %q but is written back as %q=%q", file, m.key, m.value, c, v)
			}
			accounted[c] = true
		}
	}
	for k := range out {
		if !accounted[k] {
			t.Errorf("%s: %s v%d writes back %q, which the payload did not send", file, ev, n, k)
		}
	}

	// Go's verdict in default mode: errors make the payload invalid, warnings do not. Asked to
	// fail on warnings too, the validator lists both; a warning must name the erratum that
	// records its evidence, and Validate must agree that the event is valid exactly when no
	// problem is an error.
	var ve *webhook.ValidationError
	if err := e.ValidateWith(webhook.ValidateOptions{FailOn: webhook.SeverityWarning}); err != nil && !errors.As(err, &ve) {
		t.Fatalf("%s: ValidateWith: %v", file, err)
	}
	var problems, warnings, goFields []string
	if ve != nil {
		for _, p := range ve.Problems {
			if p.Severity == webhook.SeverityWarning {
				if p.Erratum == "" || s.Erratum(p.Erratum) == nil {
					t.Errorf("%s: warning %q names no erratum of the spec", file, p)
				}
				warnings = append(warnings, p.Field+"/"+string(p.Rule)+"["+p.Erratum+"]")
				continue
			}
			problems = append(problems, p.Field+"/"+string(p.Rule))
			goFields = append(goFields, p.Field)
		}
	}
	if err := e.Validate(); (err == nil) != (len(problems) == 0) {
		t.Errorf("%s: Validate says %v, but the errors are %v", file, err, problems)
	}
	res := realResult{verdict: "valid", problems: "-", warnings: "-"}
	if len(problems) > 0 {
		res.verdict, res.problems = "invalid", strings.Join(sortedSet(problems), " ")
	}
	if len(warnings) > 0 {
		res.warnings = strings.Join(sortedSet(warnings), " ")
	}

	// The JSON Schema engine, default mode, must find the same offending fields as Go's errors
	// (the schemas express errors only), once its spellings (the body's) are mapped to the
	// version's.
	sch := schemaVerdict(t, sv, ev, n, f, false, data)
	if sch.decodeErr {
		t.Errorf("%s: the JSON Schema engine cannot read the body that Go decodes", file)
	}
	for i, name := range sch.fields {
		if c, ok := names[name]; ok {
			sch.fields[i] = c
		}
	}
	if sf, gf := sortedSet(sch.fields), sortedSet(goFields); !slices.Equal(sf, gf) {
		t.Errorf("%s (%s v%d): Go finds problems in %v, JSON Schema in %v", file, ev, n, gf, sf)
	}
	return res, true
}
