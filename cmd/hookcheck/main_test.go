package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/webhook"
)

const captures = "../../conformance/testdata/captures"

func sampleJSON(t testing.TB, event ccbill.EventType, version int) string {
	s, err := ccbill.Sample(event, version)
	if err != nil {
		t.Fatal(err)
	}
	return string(s.AppendJSON(nil))
}

// writeFiles creates a directory of payload files for a test.
func writeFiles(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	valid := sampleJSON(t, ccbill.NewSaleSuccess, 6)
	badPassword := strings.Replace(valid, `"password":"mYPaSSw0rD"`, `"password":"`+strings.Repeat("s3cr3t", 6)+`"`, 1)
	mixed := writeFiles(t, map[string]string{
		"a-valid.json":   valid,
		"b-garbage.bin":  "\x00\x01\xff\xfe binary",
		"c-empty.json":   "",
		"d-invalid.json": strings.Replace(valid, `"clientSubacc":"0000"`, `"clientSubacc":"12345"`, 1),
		".hidden.json":   "ignored",
	})
	// Two members from fitting v6: one missing, one too long; v5 does not define threeDSecure too.
	far := strings.Replace(strings.Replace(valid, `"clientAccnum":"900100",`, "", 1), `"clientSubacc":"0000"`, `"clientSubacc":"12345"`, 1)
	ndjson := valid + "\n\n" + strings.Replace(valid, `"clientAccnum":"900100"`, `"clientAccnum":"x"`, 1) + "\n"
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  []string // in stdout+stderr
		not   []string
	}{
		{"no command", nil, "", 2, []string{"usage:"}, nil},
		{"unknown command", []string{"check"}, "", 2, []string{`unknown command "check"`}, nil},
		{"list", []string{"list"}, "", 0, []string{"NewSaleSuccess\tv1 (form), v2 (form), v3 (form), v4 (form), v5 (form, json), v6 (form, json)", "Void\tv1 (form)"}, nil},
		{"the vendor's sample posts", []string{"validate", captures}, "", 0, []string{"3 checked, 3 valid, 0 invalid"}, nil},
		{"both engines on the sample posts", []string{"validate", "-engine", "both", "-strict", captures}, "", 0, []string{"3 checked, 3 valid"}, nil},
		{"a valid body from stdin", []string{"validate", "-event", "NewSaleSuccess", "-"}, valid, 0, []string{"1 checked, 1 valid"}, nil},
		{"an older version", []string{"validate", "-event", "NewSaleSuccess", "-version", "5", "-strict", "-"}, valid, 1,
			[]string{"-: NewSaleSuccess v5: threeDSecure: not a field of this event version"}, nil},
		{"a form-only version", []string{"validate", "-event", "NewSaleSuccess", "-version", "4", "-"}, valid, 1, []string{"NewSaleSuccess v4 is sent as form, not json"}, nil},
		{"a mixed directory", []string{"validate", "-event", "NewSaleSuccess", mixed}, "", 1,
			[]string{"b-garbage.bin: NewSaleSuccess v6: form body: offset 0: key (a key of 11 bytes, not shown): key: not valid UTF-8", "c-empty.json: cannot check: empty file: no payload", "d-invalid.json: NewSaleSuccess v6: clientSubacc: not exactly 4 characters: \"12345\"", "4 checked, 1 valid, 3 invalid"},
			[]string{".hidden", "a-valid.json", "\x00"}},
		{"secrets are never printed", []string{"validate", "-event", "NewSaleSuccess", "-engine", "both", "-"}, badPassword, 1,
			[]string{"password: longer than 30 characters (value redacted)"}, []string{"s3cr3t"}},
		{"json output", []string{"validate", "-event", "NewSaleSuccess", "-o", "json", "-ndjson", "-"}, ndjson, 1,
			[]string{`{"file":"-:1","vendor":"ccbill","event":"NewSaleSuccess","version":6,"format":"json","valid":true}`, `{"file":"-:3",`, `"field":"clientAccnum","rule":"digits","level":"error","message":"not digits only: \"x\""`}, nil},
		{"github output", []string{"validate", "-event", "NewSaleSuccess", "-o", "github", "-ndjson", "-"}, ndjson, 1,
			[]string{"::error file=-,line=3,title=NewSaleSuccess v6::clientAccnum: not digits only: \"x\""}, nil},
		{"detect", []string{"detect", "-event", "NewSaleSuccess", "-"}, valid, 0, []string{"-: NewSaleSuccess v6"}, nil},
		{"detect, nothing fits", []string{"detect", "-event", "Void", "-"}, valid, 1, []string{"-: Void: "}, nil},
		{"detect says how near each version comes", []string{"detect", "-event", "NewSaleSuccess", "-"}, far, 1, []string{
			"-: NewSaleSuccess: no version fits; nearest first:\n" +
				"  v6: 2 problems: missing clientAccnum; failing clientSubacc (width)\n" +
				"  v5: 3 problems: missing clientAccnum; not defined threeDSecure; failing clientSubacc (width)\n" +
				"  v4: cannot take the body: NewSaleSuccess v4 is sent as form, not json\n"}, []string{"12345"}},
		{"detect as JSON", []string{"detect", "-event", "NewSaleSuccess", "-o", "json", "-"}, far, 1, []string{
			`{"file":"-","vendor":"ccbill","event":"NewSaleSuccess","fits":[],"versions":[{"version":6,"fits":false,"missing":["clientAccnum"],"failed":[{"field":"clientSubacc","rule":"width",`,
			`{"version":5,"fits":false,"missing":["clientAccnum"],"unknown":["threeDSecure"],`}, nil},
		{"detect as JSON, a fit", []string{"detect", "-event", "NewSaleSuccess", "-o", "json", "-"}, valid, 0, []string{
			`"fits":[6],"versions":[{"version":6,"fits":true},{"version":5,"fits":false,"unknown":["threeDSecure"]}`}, nil},
		{"missing file", []string{"validate", "-event", "Void", "nope.json"}, "", 2, []string{"hookcheck: stat nope.json: no such file or directory"}, nil},
		{"unknown event", []string{"validate", "-event", "NewSale", "-"}, valid, 2, []string{`no vendor has event type "NewSale" (did you mean NewSaleFailure or NewSaleSuccess?)`}, nil},
		{"unknown event of a vendor", []string{"validate", "-vendor", "ccbill", "-event", "NewSale", "-"}, valid, 2, []string{`ccbill has no event type "NewSale"`}, nil},
		{"unknown version", []string{"validate", "-event", "Void", "-version", "9", "-"}, valid, 2, []string{"Void has no version 9"}, nil},
		{"version without event", []string{"validate", "-version", "3", "-"}, valid, 2, []string{"-version needs -event"}, nil},
		{"bad format flag", []string{"validate", "-format", "xml", "-"}, valid, 2, []string{`-format "xml"`}, nil},
		{"bad output flag", []string{"validate", "-o", "yaml", "-"}, valid, 2, []string{`-o "yaml"`}, nil},
		{"bad engine flag", []string{"validate", "-engine", "rust", "-"}, valid, 2, []string{`-engine "rust"`}, nil},
		{"unknown vendor", []string{"validate", "-vendor", "stripe", "-"}, valid, 2, []string{`unknown vendor "stripe"`}, nil},
		{"nothing to check", []string{"validate", "-event", "Void"}, "", 2, []string{"no FILE, DIR or - to check"}, nil},
		{"no event anywhere", []string{"validate", "-vendor", "ccbill", "-"}, valid, 1, []string{"no event type: give -event"}, nil},
		{"no vendor anywhere", []string{"validate", "-"}, valid, 1, []string{"cannot tell which vendor sent it", "give -vendor (ccbill, chargebee)"}, nil},
		{"diff up, as JSON", []string{"diff", "-event", "NewSaleSuccess", "-from", "1", "-to", "6", "-o", "json", "-fail-on", "breaking"}, "", 0,
			[]string{`"field": "paymentAccount"`, `"field": "flexId"`, `"field": "last4"`, `"field": "expDate"`, `"field": "bin"`, `"field": "threeDSecure"`, `"rule": "format-added"`, `"to": 6`}, nil},
		{"diff down fails on breaking", []string{"diff", "-event", "NewSaleSuccess", "-from", "6", "-to", "5", "-fail-on", "breaking"}, "", 1,
			[]string{"NewSaleSuccess v6 → v5: threeDSecure [breaking] field-removed: string"}, nil},
		{"diff below the threshold", []string{"diff", "-event", "NewSaleSuccess", "-from", "1", "-to", "2", "-fail-on", "warning", "-o", "markdown"}, "", 0,
			[]string{"| info | NewSaleSuccess | v1 → v2 | field-added | `paymentAccount` | — | alpha-numeric hash |"}, nil},
		{"diff as GitHub annotations", []string{"diff", "-event", "NewSaleSuccess", "-from", "2", "-to", "1", "-o", "github"}, "", 0,
			[]string{"::error title=NewSaleSuccess v2 → v1::NewSaleSuccess v2 → v1: paymentAccount [breaking] field-removed"}, nil},
		{"diff a capture against itself", []string{"diff", "-old", "../../spec/ccbill", "-new", "../../spec/ccbill", "-fail-on", "info"}, "", 0, []string{"no changes"}, nil},
		{"diff without versions", []string{"diff", "-event", "Void"}, "", 2, []string{"diff needs -event, -from and -to"}, nil},
		{"diff with both forms", []string{"diff", "-old", "a", "-new", "b", "-event", "Void"}, "", 2, []string{"either -old and -new, or -event"}, nil},
		{"diff bad level", []string{"diff", "-event", "Void", "-from", "1", "-to", "2", "-fail-on", "fatal"}, "", 2, []string{`level "fatal"`}, nil},
		{"diff unknown version", []string{"diff", "-event", "Void", "-from", "1", "-to", "9"}, "", 2, []string{"Void has no version 9"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &out, &out)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out.String(), n) {
					t.Errorf("output has %q:\n%s", n, out.String())
				}
			}
		})
	}
}

// A 50 MB line in NDJSON is refused without being held whole, and the lines after it still count.
func TestHugeNDJSONLine(t *testing.T) {
	valid := sampleJSON(t, ccbill.Void, 1)
	r := io.MultiReader(strings.NewReader(valid+"\n"+`{"a":"`), io.LimitReader(repeatReader('9'), 50<<20), strings.NewReader("\"}\n"+valid+"\n"))
	var out bytes.Buffer
	done := make(chan int)
	go func() { done <- run([]string{"validate", "-event", "Void", "-ndjson", "-"}, r, &out, &out) }()
	select {
	case code := <-done:
		if code != 1 || !strings.Contains(out.String(), "-:2: cannot check: line longer than") || !strings.Contains(out.String(), "3 checked, 2 valid, 1 invalid") {
			t.Errorf("exit %d:\n%s", code, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("hookcheck hangs on a 50 MB line")
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestJSONOutputIsOneObjectPerInput(t *testing.T) {
	var out bytes.Buffer
	run([]string{"validate", "-o", "json", captures}, nil, &out, &out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	for _, l := range lines {
		var r struct {
			File    string
			Event   string
			Version int
			Valid   bool
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Event != "Expiration" || r.Version != 1 || !r.Valid {
			t.Errorf("%s: %+v %v", l, r, err)
		}
	}
}

// BenchmarkValidateNDJSON measures hookcheck validate -ndjson on 20,000 NewSaleSuccess v6 JSON
// payloads (the guide's example, every member it has), one file for both engines as issue 17
// states its target, reporting payloads per second. Each run is a new run(), as a new hookcheck
// process would be, so the schema engine's time includes compiling the schema once; main's
// garbage-collector setting is not applied (it speeds both engines up). Run on one core:
//
//	go test ./cmd/hookcheck -run '^$' -bench NDJSON -benchmem -cpu 1 -count 5 -benchtime 1x
func BenchmarkValidateNDJSON(b *testing.B) {
	line := sampleJSON(b, ccbill.NewSaleSuccess, 6) + "\n"
	input := strings.Repeat(line, 20_000)
	for _, engine := range []string{"go", "schema"} {
		b.Run(fmt.Sprintf("%s/20000-payloads", engine), func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				if code := run([]string{"validate", "-event", "NewSaleSuccess", "-engine", engine, "-ndjson", "-"}, strings.NewReader(input), io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(20_000*float64(b.N)/b.Elapsed().Seconds(), "payloads/s")
		})
	}
}

// detect lists a warning with the erratum that sets it, and a warning without one (the "(more)"
// problem past the problems' bound) without an empty "erratum".
func TestDistanceWordsWarnings(t *testing.T) {
	tests := []struct {
		name string
		d    check.Distance
		want string
	}{
		{"a warning with its erratum", check.Distance{Fits: true, Warnings: []check.Problem{
			{Field: "state", Rule: "maxLength", Level: webhook.SeverityWarning, Erratum: "state-length"}}},
			"fits, with warnings state (maxLength, erratum state-length)"},
		{"a warning without an erratum", check.Distance{Fits: true, Warnings: []check.Problem{
			{Field: "state", Rule: "maxLength", Level: webhook.SeverityWarning, Erratum: "state-length"},
			{Field: "(more)", Rule: "moreProblems", Level: webhook.SeverityWarning}}},
			"fits, with warnings state (maxLength, erratum state-length), (more) (moreProblems)"},
		{"a version that does not fit", check.Distance{Missing: []string{"id"}, Warnings: []check.Problem{
			{Field: "(more)", Rule: "moreProblems", Level: webhook.SeverityWarning}}},
			"1 problem: missing id; warnings (more) (moreProblems)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := distanceWords(tt.d); got != tt.want {
				t.Errorf("distanceWords = %q\nwant            %q", got, tt.want)
			}
		})
	}
}
