// Package gen turns a loaded vendor spec into code: a Go package per vendor (types, decoders,
// encoders, validators, registry), built with github.com/dave/jennifer. It knows the spec model
// and Go; it knows nothing of any vendor and nothing of HTML. Output is deterministic: the same
// spec always gives the same bytes.
package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/spec"
)

// File is one generated file, its path relative to the output root in slash form.
type File struct {
	Path string
	Data []byte
}

// Generate renders everything generated from one vendor's spec: the Go package in <vendor id>/.
// Files come sorted by path.
func Generate(s *spec.Spec) ([]File, error) {
	gofiles, err := goFiles(s)
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
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// Write writes files under root and removes the files a previous run generated in the same
// directories that this run no longer produces (an event that was removed from the spec), so
// that the tree always equals the generator's output. A file counts as generated when its first
// line is the generated-code header; hand-written files (tests) are never touched. A file whose
// bytes are unchanged is not rewritten, so its modification time stays.
func Write(root string, files []File) error {
	dirs := map[string]bool{}
	keep := map[string]bool{}
	for _, f := range files {
		path := filepath.Join(root, filepath.FromSlash(f.Path))
		keep[path] = true
		dirs[filepath.Dir(path)] = true
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
	for dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			if e.IsDir() || keep[path] || !IsGenerated(path) {
				continue
			}
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	return nil
}

// IsGenerated reports whether the file at path starts with the generated-code header.
func IsGenerated(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return string(line) == "// "+Header
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
