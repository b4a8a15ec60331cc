package jsonschema

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var record = flag.Bool("record", false, "append the embedded schemas' digests to released.sum (the release step)")

const releasedFile = "released.sum"

// TestReleasedSchemasUnchanged holds every embedded schema whose $id released.sum records to the
// recorded content: a schema that changes after its release must carry the next release's $id.
func TestReleasedSchemasUnchanged(t *testing.T) {
	ledger, err := os.ReadFile(releasedFile)
	if err != nil {
		t.Fatal(err)
	}
	released, err := parseReleased(ledger)
	if err != nil {
		t.Fatal(err)
	}
	current, err := schemaDigests(FS())
	if err != nil {
		t.Fatal(err)
	}
	if *record {
		added := appendReleased(ledger, released, current)
		if err := os.WriteFile(releasedFile, added, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("recorded %d schemas", len(current)-len(released))
		return
	}
	for _, problem := range changedSinceRelease(released, current) {
		t.Error(problem)
	}
}

// The check itself, on schemas made up for it: content kept under a released $id passes, new
// content under a new $id passes, and new content under a released $id fails, naming the file.
func TestChangedSinceRelease(t *testing.T) {
	schema := func(release, title string) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, `{"$id": "https://example.com/%s/jsonschema/v/E/v1.schema.json", "title": %q}`, release, title)}
	}
	old, err := schemaDigests(fstest.MapFS{"v/E/v1.schema.json": schema("v1.0.0", "E")})
	if err != nil {
		t.Fatal(err)
	}
	released, err := parseReleased(appendReleased([]byte("# ledger\n"), nil, old))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		file    *fstest.MapFile
		changed bool
	}{
		{"unchanged", schema("v1.0.0", "E"), false},
		{"changed under the next release", schema("v1.1.0", "E, amended"), false},
		{"changed under the released $id", schema("v1.0.0", "E, amended"), true},
	} {
		current, err := schemaDigests(fstest.MapFS{"v/E/v1.schema.json": tt.file})
		if err != nil {
			t.Fatal(err)
		}
		problems := changedSinceRelease(released, current)
		if got := len(problems) > 0; got != tt.changed {
			t.Errorf("%s: problems %q", tt.name, problems)
		}
		if tt.changed && !strings.Contains(strings.Join(problems, ""), "v/E/v1.schema.json") {
			t.Errorf("%s: the problem does not name the file: %q", tt.name, problems)
		}
	}
	if _, err := parseReleased([]byte("not a digest line\n")); err == nil {
		t.Error("a malformed line is accepted")
	}
}

// schemaFile is one schema file's $id, path and content digest.
type schemaFile struct{ id, path, digest string }

// schemaDigests reads every version schema in fsys.
func schemaDigests(fsys fs.FS) ([]schemaFile, error) {
	paths, err := fs.Glob(fsys, "*/*/*.schema.json")
	if err != nil {
		return nil, err
	}
	var out []schemaFile
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		id, err := schemaID(data)
		if err != nil || id == "" {
			return nil, fmt.Errorf("%s: no $id (%v)", p, err)
		}
		sum := sha256.Sum256(data)
		out = append(out, schemaFile{id: id, path: p, digest: hex.EncodeToString(sum[:])})
	}
	return out, nil
}

// parseReleased reads released.sum: digest by $id.
func parseReleased(ledger []byte) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(ledger))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		digest, id, ok := strings.Cut(line, "  ")
		if !ok || len(digest) != 64 || id == "" {
			return nil, fmt.Errorf("%s:%d: want \"<sha256>  <$id>\", got %q", releasedFile, n, line)
		}
		out[id] = digest
	}
	return out, sc.Err()
}

// appendReleased adds the current files the ledger does not record yet, in path order.
func appendReleased(ledger []byte, released map[string]string, current []schemaFile) []byte {
	out := slices.Clone(ledger)
	for _, f := range current {
		if _, ok := released[f.id]; !ok {
			out = fmt.Appendf(out, "%s  %s\n", f.digest, f.id)
		}
	}
	return out
}

// changedSinceRelease names the files whose content differs from what their released $id
// recorded.
func changedSinceRelease(released map[string]string, current []schemaFile) []string {
	var out []string
	for _, f := range current {
		if digest, ok := released[f.id]; ok && digest != f.digest {
			out = append(out, fmt.Sprintf("%s changed after its release (its $id %s is recorded in %s): bump gen.SchemaRelease and run go generate ./...",
				f.path, f.id, releasedFile))
		}
	}
	return out
}
