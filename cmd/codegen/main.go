// Command codegen regenerates every vendor package from the committed specs.
//
//	go run ./cmd/codegen -spec spec -out .
//
// It loads every vendor spec under -spec (one directory each, spec/<vendor>/), and writes the
// generated Go package of each under -out (<out>/<vendor>/) and its JSON Schemas
// (<out>/jsonschema/<vendor>/). Generated files that the specs no
// longer produce are removed; hand-written files beside them are left alone. The output is
// deterministic, so running it twice changes nothing. On a spec error it writes nothing.
//
// Exit status: 0 on success, 1 when a spec cannot be loaded or generated, 2 for usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/gen"
	"github.com/hookspec/hookspec/spec"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("codegen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	specDir := fl.String("spec", "spec", "directory of vendor specs (one subdirectory per vendor)")
	out := fl.String("out", ".", "module directory to write the vendor packages into")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: codegen [-spec DIR] [-out DIR]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return 2
	}
	specs, err := spec.LoadAll(*specDir)
	if err != nil {
		fmt.Fprintf(stderr, "codegen: %v\n", err)
		return 1
	}
	if len(specs) == 0 {
		fmt.Fprintf(stderr, "codegen: no vendor specs under %s\n", *specDir)
		return 1
	}
	// Generate everything before writing anything, so that a bad spec leaves the tree as it was.
	var all [][]gen.File
	for _, s := range specs {
		files, err := gen.Generate(s)
		if err != nil {
			fmt.Fprintf(stderr, "codegen: %v\n", err)
			return 1
		}
		all = append(all, files)
	}
	for i, files := range all {
		if err := gen.Write(*out, gen.Dirs(specs[i].Vendor.ID), files); err != nil {
			fmt.Fprintf(stderr, "codegen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "codegen: %s: %d files → %s\n", specs[i].Vendor.ID, len(files), strings.Join(gen.Dirs(specs[i].Vendor.ID), ", "))
	}
	switch err := writeVendors(*out, specs); {
	case errors.Is(err, errNoPackage):
		fmt.Fprintf(stdout, "codegen: no vendors.go: %v\n", err)
	case err != nil:
		fmt.Fprintf(stderr, "codegen: %v\n", err)
		return 1
	}
	return 0
}

// errNoPackage is an output directory that is no Go package of a module, so that no file can
// list the vendor packages in it: they are written all the same.
var errNoPackage = errors.New("the output directory is not a Go package of a module")

// writeVendors writes <out>/vendors.go, the list of every vendor package generated there, in the
// package that <out> already holds (its doc.go says which): the vendors of this run and those
// an earlier run generated, so that regenerating one vendor does not drop the others.
func writeVendors(out string, specs []*spec.Spec) error {
	pkgName, importPath, err := packageOf(out)
	if err != nil {
		return err
	}
	var ids []string
	for _, s := range specs {
		ids = append(ids, s.Vendor.ID)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(ids, e.Name()) && gen.IsGenerated(filepath.Join(out, e.Name(), "registry.go")) {
			ids = append(ids, e.Name())
		}
	}
	f, err := gen.VendorsFile(pkgName, importPath, ids)
	if err != nil {
		return fmt.Errorf("vendors.go: %w", err)
	}
	return gen.Write(out, nil, []gen.File{f})
}

// packageOf returns the name and import path of the Go package in dir: the name from its
// hand-written files' package clause, the path from the module's go.mod above it.
func packageOf(dir string) (name, importPath string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", "", err
	}
	for _, e := range entries {
		path := filepath.Join(abs, e.Name())
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") || gen.IsGenerated(path) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
		if err != nil {
			return "", "", err
		}
		name = f.Name.Name
		break
	}
	if name == "" {
		return "", "", fmt.Errorf("%w: %s holds no hand-written Go file to say its package", errNoPackage, dir)
	}
	for root := abs; ; root = filepath.Dir(root) {
		data, err := os.ReadFile(filepath.Join(root, "go.mod"))
		if err == nil {
			module := modfile(data)
			if module == "" {
				return "", "", fmt.Errorf("%s: no module line", filepath.Join(root, "go.mod"))
			}
			rel, err := filepath.Rel(root, abs)
			if err != nil {
				return "", "", err
			}
			if rel == "." {
				return name, module, nil
			}
			return name, module + "/" + filepath.ToSlash(rel), nil
		}
		if filepath.Dir(root) == root {
			return "", "", fmt.Errorf("%w: no go.mod above %s", errNoPackage, dir)
		}
	}
}

// modfile reads the module path from a go.mod file's text.
func modfile(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
