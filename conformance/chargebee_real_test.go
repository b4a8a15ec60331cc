package conformance

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/jsonschema"
)

// TestChargebeeRealPayloads holds the JSON Schemas to the Go validator on the bodies Chargebee
// really posted (shared/real-payloads/chargebee, read in place), in both modes, in the event type
// and API version each body names. The nested differential checks every event version but is
// opt-in for Chargebee (-nested-chargebee, minutes); this runs in every test run, on real traffic.
// What each payload's verdict is, and why, is chargebee's TestRealPayloadVerdicts.
func TestChargebeeRealPayloads(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testenv.SharedDir(t), "real-payloads", "chargebee", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no real Chargebee payloads found")
	}
	vendor := chargebeeVendor()
	schemas := jsonschema.NewValidatorFS(vendor.schemas)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			e, err := chargebee.Decode(body)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			event, version := string(e.EventType()), e.Version()
			for _, strict := range []bool{false, true} {
				goSays := goNestedVerdict(t, vendor, event, version, strict, body)
				schemaSays := schemaNestedVerdict(t, schemas, vendor, event, version, strict, body)
				if !agree(goSays, schemaSays) {
					t.Errorf("%s v%d strict=%v: Go says %s, JSON Schema says %s", event, version, strict, goSays, schemaSays)
				}
			}
		})
	}
}
