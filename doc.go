// Package hookspec turns payment vendors' webhook documentation into code a Go service can trust.
//
// Vendor pages are captured into a machine-readable spec (spec/<vendor>/*.yaml, checked against
// spec/schema.json), from which a generator emits a typed, versioned Go package per vendor, JSON
// Schemas and a changelog. See README.md for the commands and ../shared/DESIGN.md for the design.
//
// The directive below re-captures the spec from the vendor pages kept beside the checkout
// (../shared/vendor-docs). It is deterministic: with unchanged pages and errata it changes
// nothing, which is what `make check-generated` verifies.
package hookspec

//go:generate go run ./cmd/specgen -vendor ccbill -src ../shared/vendor-docs/ccbill -out spec/ccbill
