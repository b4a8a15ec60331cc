package check

import (
	"reflect"
	"testing"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/spec"
)

// TestGeneratedChangesAreTheEngines holds the generated Changes to the diff engine they were
// computed from: the same type (no conversion), the same changes with the same Source, step by
// step both ways. hookcheck diff reports either, so they must not drift apart.
func TestGeneratedChangesAreTheEngines(t *testing.T) {
	s, err := spec.LoadFS(hookspec.Specs, "spec/ccbill")
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	for i := range s.Events {
		e := &s.Events[i]
		for j := 1; j < len(e.Versions); j++ {
			a, b := &e.Versions[j-1], &e.Versions[j]
			for _, pair := range [][2]*spec.Version{{a, b}, {b, a}} {
				want, err := s.DiffVersions(e, pair[0], pair[1])
				if err != nil {
					t.Fatal(err)
				}
				got, err := ccbill.Changes(ccbill.EventType(e.Name), pair[0].Number, pair[1].Number)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s v%d → v%d: generated\n%v\nengine\n%v", e.Name, pair[0].Number, pair[1].Number, got, want)
				}
				steps++
			}
		}
	}
	if steps == 0 {
		t.Fatal("no event has two versions: nothing was compared")
	}
}
