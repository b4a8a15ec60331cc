package main

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
)

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		files  []string
		strict bool
		event  string
		sets   []string
		err    bool
	}{
		{"flags first", []string{"-strict", "-event", "Void", "a.json"}, []string{"a.json"}, true, "Void", nil, false},
		{"flags last", []string{"a.json", "-strict", "-event", "Void"}, []string{"a.json"}, true, "Void", nil, false},
		{"flags between files", []string{"a.json", "-event=Void", "b.json", "-strict", "c.json"}, []string{"a.json", "b.json", "c.json"}, true, "Void", nil, false},
		{"double dashes", []string{"a.json", "--strict", "--event", "Void"}, []string{"a.json"}, true, "Void", nil, false},
		{"standard input is a file", []string{"-", "-strict"}, []string{"-"}, true, "", nil, false},
		{"-- ends the flags", []string{"a.json", "--", "-strict", "b.json"}, []string{"a.json", "-strict", "b.json"}, false, "", nil, false},
		{"a value that looks like a flag", []string{"-event", "-strict", "a.json"}, []string{"a.json"}, false, "-strict", nil, false},
		{"-- as a flag's value", []string{"-event", "--", "a.json", "-strict"}, []string{"a.json"}, true, "--", nil, false},
		{"a boolean with its value", []string{"a.json", "-strict=false"}, []string{"a.json"}, false, "", nil, false},
		{"repeated flags on both sides", []string{"-set", "a=1", "x.json", "-set", "b=2"}, []string{"x.json"}, false, "", []string{"a=1", "b=2"}, false},
		{"unknown flag after a file", []string{"a.json", "-strcit"}, nil, false, "", nil, true},
		{"a value missing at the end", []string{"a.json", "-event"}, nil, false, "", nil, true},
		{"no arguments", nil, nil, false, "", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			strict := fs.Bool("strict", false, "")
			event := fs.String("event", "", "")
			var sets multiFlag
			fs.Var(&sets, "set", "")
			err := parseInterspersed(fs, tc.args)
			if tc.err {
				if err == nil {
					t.Fatalf("no error; files %q", fs.Args())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fs.Args(), tc.files) || *strict != tc.strict || *event != tc.event || !slices.Equal(sets, tc.sets) {
				t.Errorf("files %q, strict %v, event %q, sets %q; want %q, %v, %q, %q", fs.Args(), *strict, *event, sets, tc.files, tc.strict, tc.event, tc.sets)
			}
		})
	}
}

// TestFlagsAfterFiles runs every subcommand twice, with its flags before and after the file
// arguments, and wants the same exit status and output: a late flag is never ignored.
func TestFlagsAfterFiles(t *testing.T) {
	valid := sampleJSON(t, ccbill.NewSaleSuccess, 6)
	withExtra := strings.Replace(valid, `{`, `{"cardSubType":"CREDIT",`, 1)
	dir := writeFiles(t, map[string]string{"extra.json": withExtra})
	file := filepath.Join(dir, "extra.json")

	var posted int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posted++
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	tests := []struct {
		name          string
		before, after []string
		code          int
		want          string // in the output of both runs: the late flag took effect
	}{
		{"validate -strict", []string{"validate", "-event", "NewSaleSuccess", "-strict", file}, []string{"validate", file, "-event", "NewSaleSuccess", "-strict"},
			1, "cardSubType: not a field of this event version"},
		{"validate -o json", []string{"validate", "-o", "json", "-event", "NewSaleSuccess", file}, []string{"validate", file, "-o", "json", "-event", "NewSaleSuccess"},
			0, `"valid":true`},
		{"detect -event", []string{"detect", "-event", "NewSaleSuccess", file}, []string{"detect", file, "-event", "NewSaleSuccess"},
			1, "NewSaleSuccess: no version fits"},
		{"survey -o json -event", []string{"survey", "-o", "json", "-event", "NewSaleSuccess", file}, []string{"survey", file, "-o", "json", "-event", "NewSaleSuccess"},
			0, `"name": "cardSubType"`},
		{"list -vendor", []string{"list", "-vendor", "ccbill"}, []string{"list", "-vendor=ccbill"}, 0, "Void\tv1"},
		{"diff -o markdown", []string{"diff", "-o", "markdown", "-event", "NewSaleSuccess", "-from", "1", "-to", "2"}, []string{"diff", "-event", "NewSaleSuccess", "-from", "1", "-to", "2", "-o", "markdown"},
			0, "| info | NewSaleSuccess | v1 → v2 |"},
		{"example -fixed", []string{"example", "-fixed", "-event", "Void", "-format", "form"}, []string{"example", "-event", "Void", "-format", "form", "-fixed"}, 0, "subscriptionId="},
		{"send -timeout", []string{"send", "-timeout", "5s", "-url", srv.URL, "-event", "Void", "-fixed"}, []string{"send", "-url", srv.URL, "-event", "Void", "-fixed", "-timeout", "5s"}, 0, "204"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after bytes.Buffer
			codeBefore := run(tc.before, strings.NewReader(""), &before, &before)
			codeAfter := run(tc.after, strings.NewReader(""), &after, &after)
			if codeBefore != tc.code || codeAfter != tc.code {
				t.Errorf("exit %d before, %d after; want %d\nbefore:\n%s\nafter:\n%s", codeBefore, codeAfter, tc.code, before.String(), after.String())
			}
			if before.String() != after.String() {
				t.Errorf("outputs differ\nbefore:\n%s\nafter:\n%s", before.String(), after.String())
			}
			if !strings.Contains(after.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, after.String())
			}
		})
	}
	if posted != 2 {
		t.Errorf("the receiver got %d posts, want 2", posted)
	}
}

// A misspelled flag after the files is a usage error (exit 2), never a file name, and a stray
// argument to a subcommand that takes none is refused whichever side of the flags it is on.
func TestLateFlagErrors(t *testing.T) {
	valid := sampleJSON(t, ccbill.Void, 1)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"misspelled flag after a file", []string{"validate", "-", "-strcit"}, "flag provided but not defined: -strcit"},
		{"flag without its value at the end", []string{"validate", "-", "-event"}, "flag needs an argument: -event"},
		{"an argument to list", []string{"list", "extra", "-vendor", "ccbill"}, "usage:"},
		{"an argument to diff", []string{"diff", "-event", "Void", "-from", "1", "-to", "2", "extra"}, "usage:"},
		{"an argument to example", []string{"example", "extra", "-event", "Void"}, `unexpected argument "extra"`},
		{"failing on warnings the schemas never report", []string{"validate", "-engine", "schema", "-fail-on", "warning", "-"},
			"-fail-on warning needs -engine go or both"},
		{"failing on warnings, the flags after the file", []string{"validate", "-", "-fail-on", "warning", "-engine", "schema"},
			"-fail-on warning needs -engine go or both"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if code := run(tc.args, strings.NewReader(valid), &out, &out); code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, out.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out.String())
			}
		})
	}
}
