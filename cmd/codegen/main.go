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
	"flag"
	"fmt"
	"io"
	"os"
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
	return 0
}
