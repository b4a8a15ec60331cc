package survey

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/webhook"
)

// ManifestFile is the name of a corpus directory's index. A folder of recorded payloads kept
// outside the vendor's traffic (fixtures collected from other projects, a merchant's export)
// rarely carries the event type, which CCBill sends in the URL; the manifest says it.
//
// It is tab-separated, with a header row. The columns file (the payload's name in the
// directory) and eventType are required; format is optional: "json" or "form" state the body's
// wire format, and "json-params" marks a framework's params dump (a Rails params hash, a PHP
// $_REQUEST) rather than a body as it was sent: the URL's query parameters sit in it beside the
// body's members, and the framework may add keys of its own. Other columns (source, notes) are
// for people. /work/shared/real-payloads/ccbill/MANIFEST.tsv is one.
const ManifestFile = "MANIFEST.tsv"

// Manifest is a read ManifestFile.
type Manifest struct {
	// Path is the manifest's path, for messages.
	Path string
	// Entries are the rows, by file name.
	Entries map[string]ManifestEntry
	// Order is the file names in row order.
	Order []string
}

// ManifestEntry is one row of a manifest.
type ManifestEntry struct {
	File       string
	Event      string
	Format     string
	ParamsDump bool
	// Line is the row's line in the manifest, for messages.
	Line int
}

// ReadManifest reads a manifest. Every malformed row is an error naming path:line and the rule
// it breaks; all of them are reported together.
func ReadManifest(path string, r io.Reader) (*Manifest, error) {
	m := &Manifest{Path: path, Entries: map[string]ManifestEntry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var cols map[string]int
	var errs []error
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		cells := strings.Split(text, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range cells {
				cols[strings.TrimSpace(c)] = i
			}
			for _, need := range []string{"file", "eventType"} {
				if _, ok := cols[need]; !ok {
					return nil, fmt.Errorf("%s:%d: the header has no %q column (want tab-separated columns file, eventType and optionally format)", path, line, need)
				}
			}
			continue
		}
		cell := func(name string) string {
			i, ok := cols[name]
			if !ok || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[i])
		}
		e := ManifestEntry{File: cell("file"), Event: cell("eventType"), Format: cell("format"), Line: line}
		switch {
		case e.File == "":
			errs = append(errs, fmt.Errorf("%s:%d: empty file column", path, line))
			continue
		case e.File != filepath.Base(e.File) || e.File == "." || e.File == "..":
			errs = append(errs, fmt.Errorf("%s:%d: file %q: a manifest names files of its own directory, without a path", path, line, e.File))
			continue
		case e.Event == "":
			errs = append(errs, fmt.Errorf("%s:%d: %s: empty eventType column", path, line, e.File))
			continue
		}
		switch e.Format {
		case "", "json", "form":
		case "json-params":
			e.Format, e.ParamsDump = "json", true
		default:
			errs = append(errs, fmt.Errorf("%s:%d: %s: format %q: want json, form or json-params", path, line, e.File, e.Format))
			continue
		}
		if prev, dup := m.Entries[e.File]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: %s is listed twice (first on line %d)", path, line, e.File, prev.Line))
			continue
		}
		m.Entries[e.File] = e
		m.Order = append(m.Order, e.File)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if cols == nil {
		return nil, fmt.Errorf("%s: empty: want a header row with the columns file and eventType", path)
	}
	if errs != nil {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// Delivery is one recorded payload of the corpus, with what its surroundings say about it.
type Delivery struct {
	check.Input
	// ParamsDump is set when the manifest says the payload is a framework's params dump.
	ParamsDump bool
}

// Skipped is a file of the corpus that is not a delivery, and why.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Read gives fn the deliveries named by paths, the way hookcheck validate reads them
// (check.Each: files, directories recursively, "-" for standard input, raw HTTP captures,
// NDJSON), and applies the manifest of each file's directory: its event type, its format, and
// whether it is a params dump. In a directory that has a manifest, the manifest itself and the
// files it does not list (a README) are not deliveries: skip hears of each, with the reason.
// A listed file that is missing is an error: the corpus is not what its index says.
func Read(paths []string, opt check.ReadOptions, fn func(Delivery), skip func(Skipped)) error {
	manifests := map[string]*Manifest{} // by directory; nil when it has none
	manifestOf := func(dir string) (*Manifest, error) {
		if m, ok := manifests[dir]; ok {
			return m, nil
		}
		path := filepath.Join(dir, ManifestFile)
		f, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			manifests[dir] = nil
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		defer f.Close()
		m, err := ReadManifest(path, f)
		if err != nil {
			return nil, err
		}
		manifests[dir] = m
		return m, nil
	}
	for _, p := range paths {
		if p == "-" {
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			continue
		}
		m, err := manifestOf(filepath.Clean(p))
		if err != nil {
			return err
		}
		if m == nil {
			continue
		}
		for _, name := range m.Order {
			if _, err := os.Stat(filepath.Join(p, name)); err != nil {
				return fmt.Errorf("%s:%d: %s is listed but cannot be read: %w", m.Path, m.Entries[name].Line, name, err)
			}
		}
	}
	var readErr error
	skippedFiles := map[string]bool{} // an NDJSON read gives every line of a README
	skipOnce := func(s Skipped) {
		if !skippedFiles[s.File] {
			skippedFiles[s.File] = true
			skip(s)
		}
	}
	err := check.Each(paths, opt, func(in check.Input) {
		if readErr != nil {
			return
		}
		if in.Name == "-" || strings.HasPrefix(in.Name, "-:") {
			fn(Delivery{Input: in}) // standard input has no directory, so no manifest
			return
		}
		file := in.Name
		if i := strings.LastIndexByte(file, ':'); opt.NDJSON && i > 0 {
			file = file[:i] // "corpus.ndjson:12": the manifest lists the file
		}
		m, err := manifestOf(filepath.Dir(file))
		if err != nil {
			readErr = err
			return
		}
		if m == nil {
			fn(Delivery{Input: in})
			return
		}
		base := filepath.Base(file)
		if base == ManifestFile {
			skipOnce(Skipped{File: file, Reason: "the corpus manifest"})
			return
		}
		e, ok := m.Entries[base]
		if !ok {
			skipOnce(Skipped{File: file, Reason: fmt.Sprintf("not listed in %s", m.Path)})
			return
		}
		d := Delivery{Input: in, ParamsDump: e.ParamsDump}
		if d.Event == "" {
			d.Event = e.Event
		} else if d.Event != e.Event && d.Err == nil {
			d.Err = fmt.Errorf("the capture's eventType %q disagrees with %s:%d (%s)", d.Event, m.Path, e.Line, e.Event)
		}
		if d.Format == 0 {
			switch e.Format {
			case "json":
				d.Format = webhook.JSON
			case "form":
				d.Format = webhook.Form
			}
		}
		fn(d)
	})
	if readErr != nil {
		return readErr
	}
	return err
}

// sortedSkipped orders skipped files by name, for a report that does not depend on walk order.
func sortedSkipped(s []Skipped) []Skipped {
	slices.SortFunc(s, func(a, b Skipped) int { return strings.Compare(a.File, b.File) })
	return s
}
