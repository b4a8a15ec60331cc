package hookspec_test

import (
	"testing"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/spec"
)

func TestSpecsEmbedsEveryVendor(t *testing.T) {
	onDisk, err := spec.LoadAll("spec")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range onDisk {
		got, err := spec.LoadFS(hookspec.Specs, "spec/"+want.Vendor.ID)
		if err != nil {
			t.Fatalf("embedded %s: %v", want.Vendor.ID, err)
		}
		if len(got.Events) != len(want.Events) || got.Vendor.ID != want.Vendor.ID {
			t.Errorf("embedded %s differs from spec/%s", got.Vendor.ID, want.Vendor.ID)
		}
	}
}
