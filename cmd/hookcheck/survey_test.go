package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/survey"
	"github.com/hookspec/hookspec/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/survey-real-payloads.md from hookcheck survey's output")

// TestSurveyRealPayloads surveys the real CCBill payloads collected from public projects
// (../shared/real-payloads/ccbill, with its MANIFEST.tsv) and holds the Markdown report to the
// golden file: a change in the spec, the generated validator or the survey shows up as a diff a
// maintainer reviews. The report must name the members real traffic carries and no table
// documents, with their counts.
func TestSurveyRealPayloads(t *testing.T) {
	golden := filepath.Join(testenv.RepoRoot(t), "cmd", "hookcheck", "testdata", "survey-real-payloads.md")
	t.Chdir(filepath.Join(testenv.SharedDir(t), "real-payloads")) // file names in the report stay relative
	var out bytes.Buffer
	if code := run([]string{"survey", "-show-values", "-o", "markdown", "ccbill"}, strings.NewReader(""), &out, &out); code != 0 {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/hookcheck -run TestSurveyRealPayloads -update)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("the survey differs from %s (run with -update and review the diff):\n%s", golden, out.String())
	}

	// The acceptance of issue 16, read from the JSON report rather than from the golden text:
	// each member no table of the vendor's documents, with the event it was seen in and its
	// count, whether the spec lacks it or has it from an erratum as observed.
	out.Reset()
	if code := run([]string{"survey", "-o", "json", "ccbill"}, strings.NewReader(""), &out, &out); code != 0 {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	var rep survey.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	undocumented := map[string]int{} // "event member" → deliveries
	for _, e := range rep.Events {
		for _, v := range e.Versions {
			for _, m := range append(slices.Clone(v.Undocumented), v.Observed...) {
				undocumented[e.Event+" "+m.Name] += m.Seen
			}
		}
	}
	for key, n := range map[string]int{
		"NewSaleSuccess subscriptionCurrency": 2, "NewSaleSuccess billedCurrency": 2, "NewSaleSuccess accountingCurrency": 2,
		"NewSaleFailure subscriptionCurrency": 1, "UpgradeSuccess subscriptionCurrency": 1,
		"UpgradeSuccess cardSubType": 1, "UpSaleSuccess cardSubType": 1, "UpSaleFailure cardSubType": 1,
		"UpgradeSuccess scaResponseStatus": 1, "UpSaleSuccess scaResponseStatus": 1, "UpSaleFailure scaResponseStatus": 1,
	} {
		if undocumented[key] != n {
			t.Errorf("%s: seen %d times as undocumented, want %d", key, undocumented[key], n)
		}
	}
	if rep.Deliveries != 16 || len(rep.Skipped) != 2 || len(rep.Unreadable) != 0 {
		t.Errorf("%d deliveries, %d skipped, %d unreadable; want the manifest's 16, the manifest and README skipped, none unreadable", rep.Deliveries, len(rep.Skipped), len(rep.Unreadable))
	}
}

func TestSurveyUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no files", []string{"survey"}, "no FILE, DIR or - to survey"},
		{"bad output", []string{"survey", "-o", "github", "-"}, `-o "github": want text, json or markdown`},
		{"bad format", []string{"survey", "-format", "xml", "-"}, `-format "xml"`},
		{"unknown vendor", []string{"survey", "-vendor", "stripe", "-"}, `unknown vendor "stripe"`},
		{"unknown event", []string{"survey", "-event", "NewSale", "-"}, `ccbill has no event type "NewSale"`},
		{"missing file", []string{"survey", "nope.json"}, "stat nope.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if code := run(tc.args, strings.NewReader("{}"), &out, &out); code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, out.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out.String())
			}
		})
	}
}
