// Command specgen captures a vendor's webhook documentation into a machine-readable spec.
//
//	go run ./cmd/specgen -vendor ccbill -src ../shared/vendor-docs/ccbill -out spec/ccbill
//
//	go run ./cmd/specgen -vendor chargebee -src ../shared/vendor-docs/chargebee -out spec/chargebee
//
// It reads the captured documents in -src (for CCBill: webhooks-user-guide.txt and
// webhooks-overview.wp.json; for Chargebee: chargebee_api_v1_spec.json, chargebee-node-types/,
// event-types-v2.txt, events.txt and webhook-delivery-facts.md, and the real payloads in
// ../../real-payloads/chargebee beside them), applies the hand-written errata (-errata, by default
// spec/<vendor>/errata.yaml), lints the result against the vendor's own ChangeLog where it has one
// and writes spec/<vendor>/*.yaml and DISCREPANCIES.md. The output is deterministic: the same pages give the
// same bytes. On any error it writes nothing.
//
// Exit status: 0 on success, 1 when the pages cannot be captured, 2 for usage errors.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hookspec/hookspec/internal/capture"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("specgen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	vendor := fl.String("vendor", "", "vendor to capture ("+strings.Join(capture.Vendors, ", ")+")")
	src := fl.String("src", "", "directory of captured vendor pages")
	out := fl.String("out", "", "directory to write the spec into (spec/<vendor>)")
	errata := fl.String("errata", "", "errata file (default spec/<vendor>/errata.yaml)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: specgen -vendor NAME -src DIR -out DIR [-errata FILE]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *vendor == "" || *src == "" || *out == "" || fl.NArg() > 0 {
		fl.Usage()
		return 2
	}
	if *errata == "" {
		*errata = filepath.Join("spec", *vendor, "errata.yaml")
	}
	res, err := capture.Run(*vendor, *src, *errata)
	if err != nil {
		fmt.Fprintf(stderr, "specgen: %v\n", err)
		return 1
	}
	if err := res.Write(*out); err != nil {
		fmt.Fprintf(stderr, "specgen: %v\n", err)
		return 1
	}
	events, versions, rows, content := 0, 0, 0, 0
	for _, e := range res.Spec.Events {
		events++
		for _, v := range e.Versions {
			versions++
			rows += len(v.Rows)
			content += len(v.Content)
		}
	}
	body := fmt.Sprintf("%d table rows", rows)
	if res.Spec.Vendor.Envelope != nil {
		body = fmt.Sprintf("%d content members, %d types", content, len(res.Spec.Types))
	}
	fmt.Fprintf(stdout, "specgen: %s: %d events, %d event versions, %s, %d discrepancies → %s\n",
		*vendor, events, versions, body, len(res.Discrepancies), *out)
	return 0
}
