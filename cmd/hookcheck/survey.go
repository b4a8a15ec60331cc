package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/internal/survey"
)

// surveyCmd reports what a corpus of recorded deliveries says about the vendor's spec
// (internal/survey). It exits 0 when the report was written, whatever it says: a survey is a
// finding for a maintainer, not a verdict for CI (validate is that).
func surveyCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("hookcheck survey", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	vendorName := fs.String("vendor", "ccbill", "vendor ("+strings.Join(vendorNames(), ", ")+")")
	event := fs.String("event", "", "survey only this event type; deliveries that name none are taken as it")
	format := fs.String("format", "auto", "body format: auto, json or form")
	out := fs.String("o", "text", "output: text, json or markdown")
	ndjson := fs.Bool("ndjson", false, "read one JSON payload per line")
	showValues := fs.Bool("show-values", false, "give examples of the values of members the spec does not define (never a secret's)")
	if err := parseInterspersed(fs, args); err != nil {
		return 0, errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "hookcheck: no FILE, DIR or - to survey")
		return 0, errUsage
	}
	vendor, ok := vendors[*vendorName]
	if !ok {
		return 0, fmt.Errorf("unknown vendor %q (known: %s)", *vendorName, strings.Join(vendorNames(), ", "))
	}
	output, err := survey.ParseOutput(*out)
	if err != nil {
		return 0, err
	}
	opt := survey.Options{Vendor: vendor, Event: *event, ShowValues: *showValues}
	if opt.Format, err = parseFormat(*format); err != nil {
		return 0, err
	}
	opt.Spec, err = embeddedSpec(*vendorName)
	if err != nil {
		return 0, err
	}
	sv, err := survey.New(opt)
	if err != nil {
		return 0, err
	}
	if err := survey.Read(fs.Args(), check.ReadOptions{NDJSON: *ndjson, Stdin: stdin}, sv.Add, sv.Skip); err != nil {
		return 0, err
	}
	if err := sv.Report().Write(stdout, output); err != nil {
		return 0, err
	}
	return 0, nil
}
