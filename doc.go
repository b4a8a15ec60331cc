// Package hookspec turns payment vendors' webhook documentation into code a Go service can trust.
//
// Vendor pages are captured into a machine-readable spec (spec/<vendor>/*.yaml, checked against
// spec/schema.json), from which a generator emits a typed, versioned Go package per vendor, JSON
// Schemas and a changelog. See README.md for the commands and ../shared/DESIGN.md for the design.
//
// The directive below regenerates every vendor package (ccbill/) from the committed spec,
// offline. It is deterministic: with an unchanged spec it changes nothing, which is what
// `make check-generated` verifies. Re-capturing the spec from the vendor pages is a separate
// step (`make capture`), run when the vendor changes its documentation.
package hookspec

//go:generate go run ./cmd/codegen -spec spec -out .
