package main

import (
	"fmt"
	"slices"
	"strings"

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

// vendorList is every vendor, sorted by name.
func vendorList() []check.Vendor {
	var out []check.Vendor
	for _, name := range vendorNames() {
		out = append(out, vendors[name])
	}
	return out
}

// chooseVendor is the vendor -vendor names, or, when it is "", the one that has the event type
// -event names; with neither, the zero Vendor, which leaves the choice to each input's body
// (check.Resolve).
func chooseVendor(name, event string) (check.Vendor, error) {
	if name != "" {
		v, ok := vendors[name]
		if !ok {
			return v, fmt.Errorf("unknown vendor %q (known: %s)", name, strings.Join(vendorNames(), ", "))
		}
		return v, nil
	}
	if event == "" {
		return check.Vendor{}, nil
	}
	switch vs := check.ByEvent(vendorList(), event); len(vs) {
	case 1:
		return vs[0], nil
	case 0:
		return check.Vendor{}, check.NoSuchEvent(vendorList(), event)
	default:
		var names []string
		for _, v := range vs {
			names = append(names, v.Name)
		}
		return check.Vendor{}, fmt.Errorf("event type %q is %s's: give -vendor", event, strings.Join(names, " and "))
	}
}

func vendorNames() []string {
	var out []string
	for name := range vendors {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
