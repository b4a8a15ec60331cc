package survey

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/webhook"
)

func TestReadManifest(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]ManifestEntry // by file; nil when an error is wanted
		err  string
	}{
		{"the real-payloads layout", "file\teventType\tformat\tsource\tnotes\na.json\tVoid\tjson\tx\ty\nb.json\tRefund\tjson-params\tx\n\nc.txt\tExpiration\n",
			map[string]ManifestEntry{
				"a.json": {File: "a.json", Event: "Void", Format: "json", Line: 2},
				"b.json": {File: "b.json", Event: "Refund", Format: "json", ParamsDump: true, Line: 3},
				"c.txt":  {File: "c.txt", Event: "Expiration", Line: 5},
			}, ""},
		{"columns in any order, CRLF", "eventType\tfile\r\nVoid\ta.json\r\n", map[string]ManifestEntry{"a.json": {File: "a.json", Event: "Void", Line: 2}}, ""},
		{"no eventType column", "file\tevent\na.json\tVoid\n", nil, `MANIFEST.tsv:1: the header has no "eventType" column`},
		{"empty", "", nil, "MANIFEST.tsv: empty"},
		{"a path, not a name", "file\teventType\n../a.json\tVoid\n", nil, `MANIFEST.tsv:2: file "../a.json": a manifest names files of its own directory`},
		{"no event", "file\teventType\na.json\t\n", nil, "MANIFEST.tsv:2: a.json: empty eventType column"},
		{"no file", "file\teventType\n\tVoid\n", nil, "MANIFEST.tsv:2: empty file column"},
		{"unknown format", "file\teventType\tformat\na.json\tVoid\txml\n", nil, `MANIFEST.tsv:2: a.json: format "xml": want json, form or json-params`},
		{"listed twice", "file\teventType\na.json\tVoid\na.json\tRefund\n", nil, "MANIFEST.tsv:3: a.json is listed twice (first on line 2)"},
		{"every bad row at once", "file\teventType\na.json\t\nb.json\tVoid\tx\n\tVoid\n", nil, "MANIFEST.tsv:2: a.json: empty eventType column\nMANIFEST.tsv:4: empty file column"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ReadManifest("MANIFEST.tsv", strings.NewReader(tc.text))
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Entries) != len(tc.want) || len(m.Order) != len(tc.want) {
				t.Fatalf("entries %+v", m.Entries)
			}
			for name, want := range tc.want {
				if got := m.Entries[name]; got != want {
					t.Errorf("%s: %+v, want %+v", name, got, want)
				}
			}
		})
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(ManifestFile, "file\teventType\tformat\nvoid.json\tVoid\tjson\ndump.json\tCancellation\tjson-params\ncapture.http\tVoid\n")
	write("void.json", `{"a":"1"}`)
	write("dump.json", `{"eventType":"Cancellation"}`)
	write("capture.http", "POST /hook?eventType=Refund HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\na=1\n")
	write("README.md", "# notes\n")

	var got []Delivery
	var skipped []Skipped
	err := Read([]string{dir}, check.ReadOptions{}, func(d Delivery) { got = append(got, d) }, func(s Skipped) { skipped = append(skipped, s) })
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Delivery{}
	for _, d := range got {
		by[filepath.Base(d.Name)] = d
	}
	if len(got) != 3 {
		t.Fatalf("deliveries %+v", got)
	}
	if d := by["void.json"]; d.Event != "Void" || d.Format != webhook.JSON || d.ParamsDump || d.Err != nil {
		t.Errorf("void.json: %+v", d)
	}
	if d := by["dump.json"]; d.Event != "Cancellation" || !d.ParamsDump {
		t.Errorf("dump.json: %+v", d)
	}
	if d := by["capture.http"]; d.Err == nil || !strings.Contains(d.Err.Error(), `the capture's eventType "Refund" disagrees with`) {
		t.Errorf("capture.http: %+v", d)
	}
	if len(skipped) != 2 || filepath.Base(skipped[0].File) != ManifestFile || !strings.Contains(skipped[1].Reason, "not listed in") {
		t.Errorf("skipped %+v", skipped)
	}

	write(ManifestFile, "file\teventType\ngone.json\tVoid\n")
	err = Read([]string{dir}, check.ReadOptions{}, func(Delivery) {}, func(Skipped) {})
	if err == nil || !strings.Contains(err.Error(), "MANIFEST.tsv:2: gone.json is listed but cannot be read") {
		t.Errorf("a listed file that is missing: %v", err)
	}
	write(ManifestFile, "file\tevent\n")
	err = Read([]string{filepath.Join(dir, "void.json")}, check.ReadOptions{}, func(Delivery) {}, func(Skipped) {})
	if err == nil || !strings.Contains(err.Error(), `the header has no "eventType" column`) {
		t.Errorf("a broken manifest beside a named file: %v", err)
	}
}

// An NDJSON log whose directory has a manifest: the manifest lists the log, every line is a
// delivery of its event.
func TestReadNDJSONWithManifest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte("file\teventType\nlog.ndjson\tVoid\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "log.ndjson"), []byte("{\"a\":\"1\"}\n{\"a\":\"2\"}\n"), 0o644)
	var events []string
	var skipped []Skipped
	err := Read([]string{dir}, check.ReadOptions{NDJSON: true}, func(d Delivery) { events = append(events, d.Event) }, func(s Skipped) { skipped = append(skipped, s) })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(events, ",") != "Void,Void" {
		t.Errorf("events %q", events)
	}
	if len(skipped) != 1 || filepath.Base(skipped[0].File) != ManifestFile {
		t.Errorf("skipped %+v: the manifest, once", skipped)
	}
}
