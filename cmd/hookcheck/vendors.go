package main

import (
	"slices"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/internal/check"
)

// vendors are the generated vendor packages, by vendor id, as codegen lists them
// (hookspec.Vendors): a new vendor joins hookcheck when its package is generated.
var vendors = func() map[string]check.Vendor {
	m := map[string]check.Vendor{}
	for _, d := range hookspec.Vendors() {
		m[d.Name] = d
	}
	return m
}()

func vendorNames() []string {
	var out []string
	for name := range vendors {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
