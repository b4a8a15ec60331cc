// Command hookcheck validates webhook payloads in CI: recorded webhooks, fixtures, captures.
//
//	hookcheck validate [-vendor V] [-event NAME] [-version N] [-format auto|json|form]
//	                   [-strict] [-fail-on error|warning] [-show-values] [-engine go|schema|both]
//	                   [-o text|json|github] [-ndjson] FILE|DIR|- ...
//	hookcheck detect [-vendor V] [-event NAME] [-format auto|json|form] [-o text|json] FILE|DIR|- ...
//	hookcheck survey [-vendor ccbill] [-event NAME] [-format auto|json|form] [-o text|json|markdown] [-ndjson] [-show-values] FILE|DIR|- ...
//	hookcheck list [-vendor V]
//	hookcheck diff [-vendor V] -event NAME -from N -to M [-o text|json|markdown|github] [-fail-on LEVEL]
//	hookcheck diff -old SPECDIR -new SPECDIR [-o ...] [-fail-on LEVEL]
//	hookcheck example [-vendor V] [-spec DIR] -event NAME [-version N] [-format json|form]
//	                  [-set FIELD=VALUE]... [-extra NAME=VALUE]... [-break FIELD=RULE]... [-fixed]
//	hookcheck send -url URL [the flags of example] [-header 'NAME: VALUE']... [-timeout D]
//	               [-user USER [-password PASSWORD]] [-key KEY]
//
// -vendor picks a generated vendor package (hookcheck list shows them all). Without it, a JSON
// body whose top-level members include a vendor's event-type and version members (where the
// vendor's descriptor says its posts carry them) is that vendor's; otherwise the vendor is the
// one that has the event type -event (or a capture) names.
//
// validate checks each payload against an event version (-version defaults to the version the
// body says, for a vendor whose bodies say it, and to the event's latest otherwise; likewise the
// event type, so an enveloped body needs neither flag, and a body checked as another event or
// version than it says is reported). A FILE may be a bare body or a raw HTTP request capture (request line, headers, blank
// line, body), as the vendor prints its sample posts; a capture's eventType query parameter
// gives the event and its Content-Type the format. A DIR is read recursively. With -ndjson every
// line is one JSON payload. -engine both runs the generated Go validator and the JSON Schema
// and fails when they disagree (on errors: a JSON Schema states no warnings). A problem is an error,
// or a warning where an erratum of the spec, citing evidence, records that real traffic breaks a
// documented constraint (a value longer than the documented column, a value outside an enum
// taken from an example); a warning is printed with the erratum that sets it ("level" and
// "erratum" in -o json, ::warning with -o github) and leaves the payload valid unless
// -fail-on warning (which needs -engine go or both: -engine schema never sees a warning, so
// the two flags together are a usage error). Secret values are never printed (typed secrets, and members whose
// names look secret: see webhook.LooksSecret); nor are the values of members the version does not
// define, unless -show-values asks for those whose names are not secret.
//
// detect lists the versions of an event a payload fits (strict validation; warnings, each with its
// erratum, do not keep a version from fitting and are listed under it) and, when none fits,
// how near each comes, nearest first: the required members missing, the members the version does
// not define and the rules failed; -o json gives that for every version. list prints the
// events, their versions and the wire formats of each. diff lists what changes for a receiver
// between two versions of an event (step by step), or between two captures of a vendor's spec,
// each change with a rule id and a level; -fail-on makes a change at or above a level exit 1.
//
// example prints a body of an event version built from the vendor's spec (internal/payload): the
// guide's examples in wire order, with fresh ids and times so that two bodies are two deliveries
// (-fixed keeps the examples), in JSON when the version is sent as JSON, as a form otherwise. For
// a vendor whose spec has no examples and whose bodies are nested (an envelope with content),
// every required member gets a plausible value from its constraint, and members are named by
// their path (-set content.subscription.status=active).
// -set changes a field, -extra adds a member the version does not define, and -break makes a
// field break one rule (a rule id of package webhook: required, maxLength, width, digits, range,
// decimal, format, enum). Every body is checked with the generated package first: it passes
// strict validation, or has exactly the problems -break and -extra ask for. send posts that body
// to -url as the vendor would, with the vendor's query parameters and sample headers, and prints
// the answer; -user (with -password or $HOOKCHECK_PASSWORD) adds HTTP Basic authentication and
// -key a secret URL key, each only for a vendor whose spec lists that scheme. The spec is the
// one built into hookcheck, or -spec DIR.
//
// survey reads a corpus of recorded deliveries (a merchant's log, collected fixtures) and
// reports, per event and the version each delivery is nearest to, what it says about the spec:
// members never seen, members the spec lacks (with counts, and with -show-values examples of
// their values, never a secret's), enum
// values outside the spec, values longer than documented, and which versions the traffic fits.
// A directory's MANIFEST.tsv (columns file, eventType, format) gives event types the bodies do not
// carry; see internal/survey. Its -o markdown is what a maintainer turns into errata; it exits 0
// whatever the report says.
//
// Flags may come before or after the file arguments (hookcheck validate recorded/ -strict); "--"
// ends the flags, for a file whose name starts with "-".
//
// Exit status: 0 when everything is valid (validate: no problem at or above -fail-on; send: the
// receiver answered 2xx), 1 when anything is invalid (send: any other answer, or none), 2 for
// usage and I/O errors.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

func main() {
	// hookcheck is a short-lived batch tool whose live heap stays small (one body at a time, the
	// compiled schemas), so it lets the heap grow to 5x the live data between collections
	// instead of Go's default 2x: about a fifth less time on a file of bodies with -engine schema,
	// whose validator allocates per keyword, for some tens of MB more. GOGC, when set, decides.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage:
  hookcheck validate [-vendor V] [-event NAME] [-version N] [-format auto|json|form]
                     [-strict] [-fail-on error|warning] [-show-values] [-engine go|schema|both]
                     [-o text|json|github] [-ndjson] FILE|DIR|- ...
  hookcheck detect [-vendor V] [-event NAME] [-format auto|json|form] [-o text|json] FILE|DIR|- ...
  hookcheck survey [-vendor ccbill] [-event NAME] [-format auto|json|form] [-o text|json|markdown] [-ndjson] [-show-values] FILE|DIR|- ...
  hookcheck list [-vendor V]
  hookcheck diff [-vendor V] -event NAME -from N -to M [-o text|json|markdown|github] [-fail-on breaking|warning|info]
  hookcheck diff -old SPECDIR -new SPECDIR [-o ...] [-fail-on ...]
  hookcheck example [-vendor V] [-spec DIR] -event NAME [-version N] [-format json|form]
                    [-set FIELD=VALUE]... [-extra NAME=VALUE]... [-break FIELD=RULE]... [-fixed]
  hookcheck send -url URL [the flags of example] [-header 'NAME: VALUE']... [-timeout 10s]
                 [-user USER [-password PASSWORD]] [-key KEY]
`

// errUsage is a usage error whose message has been printed.
var errUsage = errors.New("usage")

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var code int
	var err error
	switch args[0] {
	case "validate":
		code, err = validate(args[1:], stdin, stdout, stderr)
	case "detect":
		code, err = detect(args[1:], stdin, stdout, stderr)
	case "survey":
		code, err = surveyCmd(args[1:], stdin, stdout, stderr)
	case "list":
		code, err = list(args[1:], stdout, stderr)
	case "diff":
		code, err = diff(args[1:], stdout, stderr)
	case "example":
		code, err = example(args[1:], stdout, stderr)
	case "send":
		code, err = send(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "hookcheck: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintf(stderr, "hookcheck: %v\n", err)
		}
		return 2
	}
	return code
}

// flags are the options the subcommands share.
type flags struct {
	fs      *flag.FlagSet
	vendor  *string
	event   *string
	version *int
	format  *string
}

func newFlags(name string, stderr io.Writer) *flags {
	fs := flag.NewFlagSet("hookcheck "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return &flags{
		fs:      fs,
		vendor:  fs.String("vendor", "", "vendor ("+strings.Join(vendorNames(), ", ")+"; default: the one whose event type and version members the body has, or whose event -event names)"),
		event:   fs.String("event", "", "event type (default: a capture's eventType, or the one the body says)"),
		version: fs.Int("version", 0, "event version (default: the one the body says, else the event's latest)"),
		format:  fs.String("format", "auto", "body format: auto, json or form"),
	}
}

func (f *flags) parse(args []string, stderr io.Writer) (check.Vendor, webhook.WireFormat, error) {
	if err := parseInterspersed(f.fs, args); err != nil {
		return check.Vendor{}, 0, errUsage
	}
	v, err := chooseVendor(*f.vendor, *f.event)
	if err != nil {
		return v, 0, err
	}
	format, err := parseFormat(*f.format)
	if err != nil {
		return v, 0, err
	}
	if *f.event != "" && v.Name != "" {
		versions := v.Versions(*f.event)
		if len(versions) == 0 {
			return v, 0, fmt.Errorf("%s has no event type %q (hookcheck list shows them)", v.Name, *f.event)
		}
		if *f.version != 0 && !slices.Contains(versions, *f.version) {
			return v, 0, fmt.Errorf("%s has no version %d (its versions: %v)", *f.event, *f.version, versions)
		}
	} else if *f.version != 0 {
		fmt.Fprintln(stderr, "hookcheck: -version needs -event")
		return v, 0, errUsage
	}
	if f.fs.NArg() == 0 && f.fs.Name() != "hookcheck list" {
		fmt.Fprintln(stderr, "hookcheck: no FILE, DIR or - to check")
		return v, 0, errUsage
	}
	return v, format, nil
}

// parseFormat reads a -format flag: 0 for auto, which leaves the format to each input.
func parseFormat(s string) (webhook.WireFormat, error) {
	switch s {
	case "auto":
		return 0, nil
	case "json":
		return webhook.JSON, nil
	case "form":
		return webhook.Form, nil
	}
	return 0, fmt.Errorf("-format %q: want auto, json or form", s)
}

func validate(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	f := newFlags("validate", stderr)
	strict := f.fs.Bool("strict", false, "also report fields the event version does not define")
	engine := f.fs.String("engine", "go", "validator: go, schema or both")
	out := f.fs.String("o", "text", "output: text, json or github")
	ndjson := f.fs.Bool("ndjson", false, "read one JSON payload per line")
	showValues := f.fs.Bool("show-values", false, "quote the values of fields the version does not define (never a secret's)")
	failOn := f.fs.String("fail-on", "error", "the least problem level that makes a payload invalid: error, or warning to fail on the documented limits the spec's errata lower to warnings too")
	vendor, format, err := f.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	threshold, err := webhook.ParseSeverity(*failOn)
	if err != nil {
		return 0, fmt.Errorf("-fail-on: %w", err)
	}
	opt := check.Options{Vendor: vendor, Vendors: vendorList(), Event: *f.event, Version: *f.version, Format: format, Strict: *strict,
		FailOn: threshold, ShowValues: *showValues}
	switch *engine {
	case "go":
		opt.Engine = check.EngineGo
	case "schema":
		opt.Engine = check.EngineSchema
	case "both":
		opt.Engine = check.EngineBoth
	default:
		return 0, fmt.Errorf("-engine %q: want go, schema or both", *engine)
	}
	if opt.Engine == check.EngineSchema && threshold == webhook.SeverityWarning {
		// The schemas carry no warnings: this run could never fail on one.
		fmt.Fprintln(stderr, "hookcheck: -fail-on warning needs -engine go or both: the JSON Schemas carry no warnings, so -engine schema never fails on one")
		return 0, errUsage
	}
	if opt.Engine != check.EngineGo {
		opt.Schemas = jsonschema.NewValidator()
	}
	output := check.Output(*out)
	if output != check.Text && output != check.JSON && output != check.GitHub {
		return 0, fmt.Errorf("-o %q: want text, json or github", *out)
	}
	rep := check.NewReporter(stdout, output)
	err = check.Each(f.fs.Args(), check.ReadOptions{NDJSON: *ndjson, Stdin: stdin}, func(in check.Input) {
		rep.Add(check.Validate(in, opt))
	})
	if err != nil {
		rep.Close() // what was checked before the error is still reported
		return 0, err
	}
	allValid, err := rep.Close()
	if err != nil {
		return 0, err
	}
	if !allValid {
		return 1, nil
	}
	return 0, nil
}

func detect(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	f := newFlags("detect", stderr)
	out := f.fs.String("o", "text", "output: text or json")
	vendor, format, err := f.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	if *out != "text" && *out != "json" {
		return 0, fmt.Errorf("-o %q: want text or json", *out)
	}
	code := 0
	err = check.Each(f.fs.Args(), check.ReadOptions{Stdin: stdin}, func(in check.Input) {
		fm := format
		if fm == 0 {
			fm = in.Format
		}
		if fm == 0 {
			fm = webhook.Sniff(in.Body)
		}
		var target check.Target
		var versions []int
		var err error
		if err = in.Err; err == nil {
			// Every version is tried: the version a body says is reported beside the fits.
			target, err = check.Resolve(in, check.Options{Vendor: vendor, Vendors: vendorList(), Event: *f.event})
		}
		if err == nil {
			versions, err = target.Vendor.Detect(target.Event, fm.ContentType(), in.Body)
		}
		says := 0
		if check.Enveloped(target.Vendor) && err == nil {
			if et, v, routeErr := check.Routing(target.Vendor, in.Body); routeErr == nil && et == target.Event {
				says = v
			}
		}
		var distances []check.Distance
		if err == nil {
			distances = check.Distances(in, target, fm)
		}
		if err != nil || len(versions) == 0 {
			code = 1
		}
		if *out == "json" {
			writeDetectJSON(stdout, in.Name, target, versions, says, distances, err)
			return
		}
		said := ""
		if says != 0 {
			said = fmt.Sprintf(" (the body says v%d)", says)
		}
		switch {
		case err != nil:
			fmt.Fprintf(stdout, "%s: %v\n", in.Name, err)
		case len(versions) == 0:
			// Nothing fits: say how near each version comes, nearest first, so that the answer
			// points at the members to look at rather than at the whole spec.
			fmt.Fprintf(stdout, "%s: %s: no version fits%s; nearest first:\n", in.Name, target.Event, said)
			for _, d := range distances {
				fmt.Fprintf(stdout, "  v%d: %s\n", d.Version, distanceWords(d))
			}
		default:
			fmt.Fprintf(stdout, "%s: %s %s%s\n", in.Name, target.Event, versionWords(versions), said)
			// A version fits despite warnings (documented limits real traffic is known to
			// break); say them, with the errata that set them.
			for _, d := range distances {
				if d.Fits && len(d.Warnings) > 0 {
					fmt.Fprintf(stdout, "  v%d: %s\n", d.Version, distanceWords(d))
				}
			}
		}
	})
	return code, err
}

// detectResult is detect's JSON line for one input.
type detectResult struct {
	File   string `json:"file"`
	Vendor string `json:"vendor,omitempty"`
	Event  string `json:"event,omitempty"`
	Fits   []int  `json:"fits"`
	Says   int    `json:"bodySays,omitempty"`
	Error  string `json:"error,omitempty"`
	// Versions are every version of the event, nearest first.
	Versions []check.Distance `json:"versions,omitempty"`
}

func writeDetectJSON(w io.Writer, file string, target check.Target, fits []int, says int, distances []check.Distance, err error) {
	r := detectResult{File: file, Vendor: target.Vendor.Name, Event: target.Event, Fits: fits, Says: says, Versions: distances}
	if r.Fits == nil {
		r.Fits = []int{}
	}
	if err != nil {
		r.Error = err.Error()
	}
	data, _ := json.Marshal(r) // strings, ints and check.Problems: always marshals
	fmt.Fprintf(w, "%s\n", data)
}

// distanceWords says in one line what keeps a body from fitting a version.
func distanceWords(d check.Distance) string {
	if d.Unreadable != "" {
		return "cannot take the body: " + d.Unreadable
	}
	warnings := ""
	if len(d.Warnings) > 0 {
		listed := make([]string, len(d.Warnings))
		for i, p := range d.Warnings {
			listed[i] = p.Field + " (" + p.Rule
			if p.Erratum != "" { // "(more)", past the problems' bound, names none
				listed[i] += ", erratum " + p.Erratum
			}
			listed[i] += ")"
		}
		warnings = "warnings " + strings.Join(listed, ", ")
	}
	if d.Fits {
		if warnings != "" {
			return "fits, with " + warnings
		}
		return "fits"
	}
	var parts []string
	if len(d.Missing) > 0 {
		parts = append(parts, "missing "+strings.Join(d.Missing, ", "))
	}
	if len(d.Unknown) > 0 {
		parts = append(parts, "not defined "+strings.Join(d.Unknown, ", "))
	}
	if len(d.Failed) > 0 {
		failed := make([]string, len(d.Failed))
		for i, p := range d.Failed {
			failed[i] = p.Field + " (" + p.Rule + ")"
		}
		parts = append(parts, "failing "+strings.Join(failed, ", "))
	}
	if warnings != "" {
		parts = append(parts, warnings)
	}
	problems := "problems"
	if d.Problems() == 1 {
		problems = "problem"
	}
	return fmt.Sprintf("%d %s: %s", d.Problems(), problems, strings.Join(parts, "; "))
}

func versionWords(vs []int) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprintf("v%d", v)
	}
	return strings.Join(s, " ")
}

func list(args []string, stdout, stderr io.Writer) (int, error) {
	f := newFlags("list", stderr)
	vendor, _, err := f.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	if f.fs.NArg() > 0 {
		fmt.Fprint(stderr, usage)
		return 0, errUsage
	}
	listed := []check.Vendor{vendor}
	if vendor.Name == "" {
		listed = vendorList() // every vendor, each under its name
	}
	for _, v := range listed {
		if len(listed) > 1 {
			fmt.Fprintf(stdout, "# %s\n", v.Name)
		}
		for _, ev := range v.Events() {
			var parts []string
			for _, n := range v.Versions(ev) {
				parts = append(parts, fmt.Sprintf("v%d (%s)", n, v.Formats(ev, n)))
			}
			fmt.Fprintf(stdout, "%s\t%s\n", ev, strings.Join(parts, ", "))
		}
	}
	return 0, nil
}

func diff(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("hookcheck diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	vendorName := fs.String("vendor", "", "vendor ("+strings.Join(vendorNames(), ", ")+"; default: the one that has -event)")
	event := fs.String("event", "", "event type")
	from := fs.Int("from", 0, "version to compare from")
	to := fs.Int("to", 0, "version to compare to")
	oldDir := fs.String("old", "", "older spec directory (spec/<vendor> of an older capture)")
	newDir := fs.String("new", "", "newer spec directory")
	out := fs.String("o", "text", "output: text, json, markdown or github")
	failOn := fs.String("fail-on", "", "exit 1 when a change at or above this level exists: breaking, warning or info")
	if err := parseInterspersed(fs, args); err != nil {
		return 0, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprint(stderr, usage)
		return 0, errUsage
	}
	output := check.Output(*out)
	if output != check.Text && output != check.JSON && output != check.Markdown && output != check.GitHub {
		return 0, fmt.Errorf("-o %q: want text, json, markdown or github", *out)
	}
	var threshold webhook.Level
	if *failOn != "" {
		l, err := webhook.ParseLevel(*failOn)
		if err != nil {
			return 0, fmt.Errorf("-fail-on: %w", err)
		}
		threshold = l
	}
	var changes []webhook.Change
	switch {
	case *oldDir != "" || *newDir != "":
		if *oldDir == "" || *newDir == "" || *event != "" || *from != 0 || *to != 0 {
			fmt.Fprintln(stderr, "hookcheck: diff takes either -old and -new, or -event, -from and -to")
			return 0, errUsage
		}
		older, err := spec.Load(*oldDir)
		if err != nil {
			return 0, err
		}
		newer, err := spec.Load(*newDir)
		if err != nil {
			return 0, err
		}
		// The engine's changes are the runtime's (webhook.Change): one report serves both.
		if changes, err = spec.Diff(older, newer); err != nil {
			return 0, err
		}
	default:
		if *event == "" || *from == 0 || *to == 0 {
			fmt.Fprintln(stderr, "hookcheck: diff needs -event, -from and -to (or -old and -new)")
			return 0, errUsage
		}
		vendor, err := chooseVendor(*vendorName, *event)
		if err != nil {
			return 0, err
		}
		cs, err := vendor.Changes(*event, *from, *to)
		if err != nil {
			return 0, err
		}
		changes = cs
	}
	if err := check.WriteChanges(stdout, changes, output); err != nil {
		return 0, err
	}
	if worst, any := check.Worst(changes); *failOn != "" && any && worst >= threshold {
		return 1, nil
	}
	return 0, nil
}
