// Package capture runs the spec capture: it reads a vendor's captured pages with the right
// readers, hands the documents to the vendor's spec builder, applies the errata, lints the result
// and renders the files of spec/<vendor>/. cmd/specgen is its command-line face.
package capture

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hookspec/hookspec/internal/capture/ccbill"
	"github.com/hookspec/hookspec/internal/capture/chargebee"
	"github.com/hookspec/hookspec/internal/docmodel"
	"github.com/hookspec/hookspec/internal/readers/htmlpage"
	"github.com/hookspec/hookspec/internal/readers/textpage"
	"github.com/hookspec/hookspec/spec"
)

// DiscrepanciesFile is the report of everything the pages get wrong or leave open.
const DiscrepanciesFile = "DISCREPANCIES.md"

// Vendors are the vendors specgen can capture.
var Vendors = []string{"ccbill", "chargebee"}

// Result is a capture's output: the spec and the files that hold it.
type Result struct {
	Spec          *spec.Spec
	Discrepancies []spec.Discrepancy
	// Files are the generated files of spec/<vendor>/ by name (errata.yaml is not among them:
	// people write it).
	Files map[string][]byte
}

// Run captures vendor's spec from the pages in srcDir, with the errata at errataPath.
func Run(vendor, srcDir, errataPath string) (*Result, error) {
	errata, err := spec.LoadErrata(errataPath)
	if err != nil {
		return nil, err
	}
	var s *spec.Spec
	var found []spec.Discrepancy
	switch vendor {
	case "ccbill":
		pages, err := readCCBill(srcDir)
		if err != nil {
			return nil, err
		}
		s, found, err = ccbill.Build(*pages, errata)
		if err != nil {
			return nil, err
		}
	case "chargebee":
		in, err := readChargebee(srcDir)
		if err != nil {
			return nil, err
		}
		s, found, err = chargebee.Build(in, errata)
		if err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown vendor %q (known: %s)", vendor, strings.Join(Vendors, ", "))
	}
	// The ChangeLog lint holds version-to-version changes to the vendor's own ChangeLog; a vendor
	// that publishes none (Chargebee's versions are API versions) has nothing to hold them to.
	if len(s.Changelog) > 0 {
		lint, err := spec.LintChangelog(s)
		if err != nil {
			return nil, err
		}
		unclaimed, err := spec.UnclaimedChanges(s)
		if err != nil {
			return nil, err
		}
		found = append(found, lint...)
		found = append(found, unclaimed...)
	}
	files, err := spec.Marshal(s)
	if err != nil {
		return nil, err
	}
	files[DiscrepanciesFile] = renderDiscrepancies(s, found)
	return &Result{Spec: s, Discrepancies: found, Files: files}, nil
}

// page is one captured file in one of the formats a reader takes.
type page struct {
	name, url, file, format string
	data                    []byte
}

// readPage reads the first of the candidate files that exists in dir. A missing or empty file is
// an error that names every candidate and what the page is.
func readPage(dir, what, url string, candidates ...string) (*page, error) {
	for _, c := range candidates {
		data, err := os.ReadFile(filepath.Join(dir, c))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(strings.TrimSpace(string(data))) == 0 {
			return nil, fmt.Errorf("%s: the %s capture is empty", filepath.Join(dir, c), what)
		}
		format := "text"
		switch {
		case strings.HasSuffix(c, ".wp.json"):
			format = "wordpress-json"
		case strings.HasSuffix(c, ".html"):
			format = "html"
		}
		return &page{name: what, url: url, file: c, format: format, data: data}, nil
	}
	return nil, fmt.Errorf("%s: no capture of the %s (expected one of %s)", dir, what, strings.Join(candidates, ", "))
}

func (p *page) read(textOpts textpage.Options) (*docmodel.Document, error) {
	switch p.format {
	case "wordpress-json":
		return htmlpage.ReadWordPressJSON(p.file, p.data)
	case "html":
		return htmlpage.ReadHTML(p.file, p.data)
	default:
		return textpage.Read(p.file, p.data, textOpts)
	}
}

func (p *page) source(doc *docmodel.Document) spec.Source {
	sum := sha256.Sum256(p.data)
	return spec.Source{Name: p.name, URL: p.url, File: p.file, Format: p.format, SHA256: hex.EncodeToString(sum[:]), Modified: doc.Modified}
}

func readCCBill(dir string) (*ccbill.Pages, error) {
	guide, err := readPage(dir, "user-guide", ccbill.GuideURL, "webhooks-user-guide.txt", "webhooks-user-guide.html", "webhooks-user-guide.wp.json")
	if err != nil {
		return nil, err
	}
	overview, err := readPage(dir, "overview", "https://ccbill.com/doc/webhooks-overview", "webhooks-overview.wp.json", "webhooks-overview.html")
	if err != nil {
		return nil, err
	}
	gdoc, err := guide.read(ccbill.TextOptions())
	if err != nil {
		return nil, err
	}
	odoc, err := overview.read(ccbill.TextOptions())
	if err != nil {
		return nil, err
	}
	for _, d := range []*docmodel.Document{gdoc, odoc} {
		if !hasTable(d.Blocks) && d == gdoc {
			return nil, fmt.Errorf("%s: expected the guide's variable tables, found no table", filepath.Join(dir, d.File))
		}
	}
	return &ccbill.Pages{Guide: gdoc, Overview: odoc, Sources: []spec.Source{guide.source(gdoc), overview.source(odoc)}}, nil
}

func hasTable(blocks []docmodel.Block) bool {
	for _, b := range blocks {
		switch b := b.(type) {
		case *docmodel.Table:
			return true
		case *docmodel.TabGroup:
			for _, t := range b.Tabs {
				if hasTable(t.Blocks) {
					return true
				}
			}
		}
	}
	return false
}

// Write writes a capture's files into dir; on any error nothing in dir has changed.
func (r *Result) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(r.Files))
	for n := range r.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	tmp := map[string]string{}
	cleanup := func() {
		for _, t := range tmp {
			os.Remove(t)
		}
	}
	for _, n := range names {
		f, err := os.CreateTemp(dir, "."+n+".*")
		if err != nil {
			cleanup()
			return err
		}
		tmp[n] = f.Name()
		// CreateTemp makes files private; spec files are ordinary repository files.
		if err := f.Chmod(0o644); err != nil {
			f.Close()
			cleanup()
			return err
		}
		if _, err := f.Write(r.Files[n]); err != nil {
			f.Close()
			cleanup()
			return err
		}
		if err := f.Close(); err != nil {
			cleanup()
			return err
		}
	}
	for _, n := range names {
		if err := os.Rename(tmp[n], filepath.Join(dir, n)); err != nil {
			cleanup()
			return err
		}
		delete(tmp, n)
	}
	return nil
}
