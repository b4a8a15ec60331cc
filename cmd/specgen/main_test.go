package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/testenv"
)

// copyPages copies the captured CCBill pages into a temp dir, applying edit to the guide.
func copyPages(t *testing.T, edit func(guide string) string) string {
	t.Helper()
	src := filepath.Join(testenv.SharedDir(t), "vendor-docs", "ccbill")
	dst := t.TempDir()
	for _, n := range []string{"webhooks-user-guide.txt", "webhooks-overview.wp.json"} {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		if n == "webhooks-user-guide.txt" && edit != nil {
			b = []byte(edit(string(b)))
		}
		if err := os.WriteFile(filepath.Join(dst, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestSpecgen(t *testing.T) {
	errata := filepath.Join(testenv.RepoRoot(t), "spec", "ccbill", "errata.yaml")
	tests := []struct {
		name     string
		args     func(src, out string) []string
		edit     func(string) string
		remove   string
		wantCode int
		wantErr  string
	}{
		{name: "usage: no flags", args: func(string, string) []string { return nil }, wantCode: 2, wantErr: "usage: specgen"},
		{name: "unknown vendor", args: func(src, out string) []string {
			return []string{"-vendor", "acme", "-src", src, "-out", out, "-errata", errata}
		}, wantCode: 1, wantErr: `unknown vendor "acme"`},
		{name: "missing guide", remove: "webhooks-user-guide.txt", wantCode: 1,
			wantErr: "no capture of the user-guide (expected one of webhooks-user-guide.txt"},
		{name: "empty guide", edit: func(string) string { return "\n \n" }, wantCode: 1,
			wantErr: "webhooks-user-guide.txt: the user-guide capture is empty"},
		{name: "guide without tables", edit: func(string) string { return "Webhooks User Guide\n\nNo tables here.\n" }, wantCode: 1,
			wantErr: "webhooks-user-guide.txt: expected the guide's variable tables, found no table"},
		{name: "table with an unknown column layout", edit: func(g string) string {
			return strings.Replace(g, "Variable Name Description Data Type\n(Max Length)\nExample Value\nsubscriptionId", "Variable Name Description Kind Sample\nsubscriptionId", 1)
		}, wantCode: 1, wantErr: "expected one variable table, found 0"},
		{name: "unknown data type", edit: func(g string) string {
			return strings.Replace(g, "bigint(20) unsigned 1000000000", "bignum(20) 1000000000", 1)
		}, wantCode: 1, wantErr: `webhooks-user-guide.txt:247: table row "subscriptionId Subscription ID Number. bignum(20) 1000000000 …": no data type found`},
		{name: "missing overview", remove: "webhooks-overview.wp.json", wantCode: 1,
			wantErr: "no capture of the overview (expected one of webhooks-overview.wp.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copyPages(t, tc.edit)
			if tc.remove != "" {
				os.Remove(filepath.Join(src, tc.remove))
			}
			out := t.TempDir()
			sentinel := filepath.Join(out, "keep.yaml")
			os.WriteFile(sentinel, []byte("untouched"), 0o644)
			args := []string{"-vendor", "ccbill", "-src", src, "-out", out, "-errata", errata}
			if tc.args != nil {
				args = tc.args(src, out)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tc.wantCode || !strings.Contains(stderr.String(), tc.wantErr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), tc.wantCode, tc.wantErr)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 {
				t.Errorf("a failed run wrote into -out: %v", entries)
			}
		})
	}
}

// TestSpecgenWritesTheCommittedSpec runs the command end to end into a temp dir and compares
// every file with spec/ccbill.
func TestSpecgenWritesTheCommittedSpec(t *testing.T) {
	root := testenv.RepoRoot(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-vendor", "ccbill", "-src", filepath.Join(testenv.SharedDir(t), "vendor-docs", "ccbill"), "-out", out, "-errata", filepath.Join(root, "spec", "ccbill", "errata.yaml")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "19 events, 54 event versions, 957 table rows") {
		t.Errorf("summary %q", stdout.String())
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got, _ := os.ReadFile(filepath.Join(out, e.Name()))
		want, err := os.ReadFile(filepath.Join(root, "spec", "ccbill", e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from spec/ccbill/%s (run `make capture`)", e.Name(), e.Name())
		}
	}
}

// TestSpecgenChargebee runs the acceptance command and compares what it writes with the
// committed spec/chargebee, file by file.
func TestSpecgenChargebee(t *testing.T) {
	root := testenv.RepoRoot(t)
	src := filepath.Join(testenv.SharedDir(t), "vendor-docs", "chargebee")
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-vendor", "chargebee", "-src", src, "-out", out, "-errata", filepath.Join(root, "spec", "chargebee", "errata.yaml")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "chargebee: 241 events, 272 event versions") {
		t.Errorf("summary %q", stdout.String())
	}
	written, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range written {
		got, _ := os.ReadFile(filepath.Join(out, e.Name()))
		want, err := os.ReadFile(filepath.Join(root, "spec", "chargebee", e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the committed spec/chargebee/%s (run `make capture`)", e.Name(), e.Name())
		}
	}
}
