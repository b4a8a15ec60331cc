// Package gen turns a loaded vendor spec into code: a Go package per vendor (types, decoders,
// encoders, validators, registry), built with github.com/dave/jennifer, and a JSON Schema per
// event version that checks what the Go validator checks. It knows the spec model
// and Go; it knows nothing of any vendor and nothing of HTML. Output is deterministic: the same
// spec always gives the same bytes.
//
// The spec is first turned into a typed model of the package (model.go: every Go name settled
// and checked for collisions, every member's Go type decided); emitters then write one output
// file each and are named after it: event.go writes each <event>.go, enums.go writes enums.go,
// registry.go writes registry.go, and so on (goFiles lists them). Emitters return errors;
// nothing is recorded on the side.
package gen

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
)

// File is one generated file, its path relative to the output root in slash form.
type File struct {
	Path string
	Data []byte
}

// Generate renders everything generated from one vendor's spec: the Go package and its
// CHANGELOG.md in <vendor id>/, and the JSON Schemas in jsonschema/<vendor id>/. Files come
// sorted by path.
func Generate(s *spec.Spec) ([]File, error) {
	p, err := newPackage(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Vendor.ID, err)
	}
	gofiles, err := p.goFiles()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Vendor.ID, err)
	}
	var out []File
	for name, f := range gofiles {
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", s.Vendor.ID, name, err)
		}
		// jennifer formats with go/format already; formatting again is cheap and makes the
		// gofmt-clean promise independent of jennifer's version.
		data, err := format.Source(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("%s/%s: generated code does not parse: %w", s.Vendor.ID, name, err)
		}
		out = append(out, File{Path: s.Vendor.ID + "/" + name, Data: data})
	}
	changelog, err := p.changelogFile()
	if err != nil {
		return nil, fmt.Errorf("%s: CHANGELOG.md: %w", s.Vendor.ID, err)
	}
	out = append(out, File{Path: s.Vendor.ID + "/CHANGELOG.md", Data: changelog})
	schemas, err := p.schemaFiles()
	if err != nil {
		return nil, fmt.Errorf("%s: JSON Schema: %w", s.Vendor.ID, err)
	}
	out = append(out, schemas...)
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// Dirs are the directories, relative to the output root, that hold everything generated for a
// vendor: Write removes the generated files there that a run no longer produces.
func Dirs(vendorID string) []string {
	return []string{vendorID, "jsonschema/" + vendorID}
}

// Write writes files under root and removes the generated files under dirs (relative to root)
// that this run no longer produces (an event removed from the spec), so that the tree always
// equals the generator's output. Generated files are recognised by their header (IsGenerated);
// hand-written files beside them (tests) are never touched. A file whose bytes are unchanged is
// not rewritten, so its modification time stays.
func Write(root string, dirs []string, files []File) error {
	keep := map[string]bool{}
	for _, f := range files {
		path := filepath.Join(root, filepath.FromSlash(f.Path))
		keep[path] = true
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := writeAtomic(path, f.Data); err != nil {
			return err
		}
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(path string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil || d.IsDir() || keep[path] || !IsGenerated(path) {
				return err
			}
			return os.Remove(path)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// IsGenerated reports whether the file at path is generated: a Go file whose first line is the
// generated-code header, a Markdown file whose first line is that header in a comment, or a
// JSON file whose "$comment" (its first member) is that header.
func IsGenerated(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && isGenerated(data)
}

func isGenerated(data []byte) bool {
	head, _, _ := bytes.Cut(data, []byte("\n"))
	if string(head) == "// "+Header || string(head) == "<!-- "+Header+" -->" {
		return true
	}
	return bytes.HasPrefix(data, []byte("{\n  \"$comment\": \""+SchemaComment+"\","))
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".codegen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// goFiles returns the generated Go files of one vendor's package, by file name. Each file has
// one emitter, named after it; an emitter returns nil for a file the spec gives nothing to (no
// clock, no lookup tables, no way to route a post).
func (p *pkg) goFiles() (map[string]*jen.File, error) {
	emitters := map[string]func() (*jen.File, error){
		"doc.go":      p.docFile,
		"enums.go":    p.enumsFile,
		"types.go":    p.typesFile,
		"unknown.go":  p.unknownFile,
		"registry.go": p.registryFile,
		"samples.go":  p.samplesFile,
		"tables.go":   p.tablesFile,
		"rules.go":    p.rulesFile,
		"clock.go":    p.clockFile,
		"receive.go":  p.receiveFile,
		"changes.go":  p.changesFile,
	}
	for _, ev := range p.events {
		emitters[ev.file] = func() (*jen.File, error) { return p.eventFile(ev) }
	}
	files := map[string]*jen.File{}
	for name, emit := range emitters {
		f, err := emit()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if f != nil {
			files[name] = f
		}
	}
	return files, nil
}

// VendorsFile is the Go file that lists every generated vendor package's Descriptor, for tools
// that handle every vendor alike: a function Vendors in package pkgName (the package of the
// directory the vendor packages are generated into), importing each vendor package from
// importRoot/<vendor id>. Vendors come sorted by id.
func VendorsFile(pkgName, importRoot string, vendorIDs []string) (File, error) {
	ids := slices.Clone(vendorIDs)
	slices.Sort(ids)
	f := jen.NewFile(pkgName)
	f.HeaderComment(Header)
	f.ImportName(webhookPath, "webhook")
	var list []jen.Code
	for _, id := range ids {
		path := importRoot + "/" + id
		f.ImportName(path, id)
		list = append(list, jen.Qual(path, "Descriptor").Call())
	}
	addDoc(f.Group, "Vendors returns the Descriptor of every generated vendor package, sorted by vendor id: what tools that handle "+
		"every vendor alike iterate, so that a new vendor needs no table by hand.")
	f.Func().Id("Vendors").Params().Index().Add(wh("Descriptor")).Block(
		jen.Return(jen.Index().Add(wh("Descriptor")).ValuesFunc(func(g *jen.Group) {
			for _, c := range list {
				g.Line().Add(c)
			}
			g.Line()
		})))
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return File{}, err
	}
	data, err := format.Source(buf.Bytes())
	if err != nil {
		return File{}, err
	}
	return File{Path: "vendors.go", Data: data}, nil
}
