// Package testvendor holds synthetic vendors: specs written to exercise the generator and the
// runtime where no real vendor does yet, or not all at once, and the packages generated from
// them. They are test fixtures, not vendors; nothing outside the module's tests imports them.
//
// feed is an enveloped JSON vendor: the event type, its version and the delivery key in the
// body, named object types, arrays of objects, maps, raw members, typed integers, booleans,
// numbers and unix times, Basic auth and a URL key. Its tests (feed/feed_test.go) drive the
// generated package end to end, fuzz its decoder and compare its speed with encoding/json.
//
// The directive below regenerates the packages from spec/, like the root's for real vendors;
// `make check-generated` fails when they are stale.
package testvendor

//go:generate go run ../../cmd/codegen -spec spec -out .
