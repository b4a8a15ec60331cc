// Package vendorflow tests the maintainer's flow when the vendor adds a version and an event to
// its documentation: capture (specgen), generate (codegen), build. It has no code of its own.
package vendorflow

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/gen"
	"github.com/hookspec/hookspec/internal/capture"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// The guide gains CustomerDataUpdate version 5 (version 4 plus threeDSecure) and a new event,
// SubscriptionPaused, which the overview lists too. Captured and generated into a copy of the
// module, they appear as a type, a registry entry, JSON Schemas and a classified changelog
// entry, the module builds, and nothing else in the generated output changes.
func TestVendorAddsAVersionAndAnEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("copies the module and runs the go command")
	}
	root := testenv.RepoRoot(t)
	module := filepath.Join(t.TempDir(), "hookspec")
	copyTree(t, root, module)
	docs := filepath.Join(t.TempDir(), "ccbill")
	copyTree(t, filepath.Join(testenv.SharedDir(t), "vendor-docs", "ccbill"), docs)

	guide := filepath.Join(docs, "webhooks-user-guide.txt")
	edit(t, guide, func(s string) string {
		v4 := between(t, s, "Version 4\nSupported Formats: URL Encoded, JSON\n\nThe changes to CustomerDataUpdate in version 4", "\nRenewalSuccess (Rebill)\n")
		v5 := strings.Replace(strings.TrimRight(v4, "\n"), "Version 4\n", "Version 5\n", 1)
		v5 = strings.Replace(v5, "The changes to CustomerDataUpdate in version 4 released on June 1, 2017 contain all of the previous parameters for version 3, with the addition of the paymentAccount variable.",
			"The changes to CustomerDataUpdate in version 5 released on November 2, 2026 contain all of the previous parameters for version 4, with the addition of the threeDSecure variable.", 1)
		v5 += "\nthreeDSecure Indicates whether 3DS authentication was successful or not. string NOT_APPLICABLE, AUTH_SUCCESS, AUTH_ATTEMPTED, AUTH_FAILED, AUTH_UNAVAILABLE\n"
		s = strings.Replace(s, "\nRenewalSuccess (Rebill)\n", "\n"+v5+"\nRenewalSuccess (Rebill)\n", 1)
		return strings.Replace(s, "\nBillingDateChange\n", "\nSubscriptionPaused\n\nSupported Formats: URL Encoded, JSON\n\n"+
			"Variable NameDescriptionData Type (Max Length)Example Value\n"+
			"subscriptionIdSubscription ID Number (Approval Post URL only).bigint(20)\nunsigned\n1000000000\n"+
			"clientAccnumCCBill Merchant main account number.mediumint(6)\nunsigned\n900100\n"+
			"clientSubaccCCBill Merchant Sub Account Number.smallint(4)\nunsigned\nzerofill\n0000\n"+
			"timestampTime the event occurred.date2021‐08‐05 15:18:17\n\nBillingDateChange\n", 1)
	})
	errata := filepath.Join(module, "spec", "ccbill", "errata.yaml")

	// A section the overview does not list is refused, never dropped.
	if _, err := capture.Run("ccbill", docs, errata); err == nil || !strings.Contains(err.Error(), `section "SubscriptionPaused" has a variable table, but the overview's event list does not name it`) {
		t.Fatalf("capture of an unlisted event: %v", err)
	}
	edit(t, filepath.Join(docs, "webhooks-overview.wp.json"), func(s string) string {
		li := `<li><a href=\"https:\/\/ccbill.com\/doc\/expiration\" target=\"_blank\" rel=\"noreferrer noopener\">Expiration<\/a><\/li>`
		if strings.Count(s, li) != 1 {
			t.Fatal("the overview's Expiration entry moved")
		}
		return strings.Replace(s, li, li+strings.ReplaceAll(strings.ReplaceAll(li, "expiration", "subscriptionpaused"), "Expiration", "SubscriptionPaused"), 1)
	})

	// The maintainer's steps: specgen, then codegen (what make capture and make generate run).
	res, err := capture.Run("ccbill", docs, errata)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Write(filepath.Join(module, "spec", "ccbill")); err != nil {
		t.Fatal(err)
	}
	specs, err := spec.LoadAll(filepath.Join(module, "spec"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range specs {
		files, err := gen.Generate(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := gen.Write(module, gen.Dirs(s.Vendor.ID), files); err != nil {
			t.Fatal(err)
		}
	}

	changed := changedFiles(t, root, module)
	want := []string{
		"ccbill/CHANGELOG.md", "ccbill/changes.go", "ccbill/customer_data_update.go", "ccbill/doc.go", "ccbill/registry.go",
		"ccbill/samples.go", "ccbill/subscription_paused.go",
		"jsonschema/ccbill/CustomerDataUpdate/v5.schema.json", "jsonschema/ccbill/CustomerDataUpdate/v5.strict.schema.json",
		"jsonschema/ccbill/SubscriptionPaused/v1.schema.json", "jsonschema/ccbill/SubscriptionPaused/v1.strict.schema.json",
		"spec/ccbill/DISCREPANCIES.md", "spec/ccbill/events.yaml", "spec/ccbill/vendor.yaml",
	}
	if !slices.Equal(changed, want) {
		t.Errorf("changed files:\n%s\nwant:\n%s", strings.Join(changed, "\n"), strings.Join(want, "\n"))
	}
	contains := map[string][]string{
		"ccbill/customer_data_update.go": {"type CustomerDataUpdateV5 struct", "\tThreeDSecure ThreeDSecure\n", "type CustomerDataUpdateLatest = CustomerDataUpdateV5"},
		"ccbill/subscription_paused.go":  {"type SubscriptionPausedV1 struct"},
		"ccbill/registry.go":             {`SubscriptionPaused EventType = "SubscriptionPaused"`, "Type:     \"CustomerDataUpdate\",\n\t\t\tVersions: []int{1, 2, 3, 4, 5},", "case 5:\n\t\t\treturn new(CustomerDataUpdateV5), true"},
		"ccbill/CHANGELOG.md":            {"### v5 (released 2026-11-02)", "From v4:\n\n| level | change | field | before | after |\n|---|---|---|---|---|\n| info | field-added | `threeDSecure` | — | string |", "## SubscriptionPaused"},
		"spec/ccbill/DISCREPANCIES.md":   {"threeDSecure first appears in CustomerDataUpdate version 5; the ChangeLog does not mention it."},
	}
	for file, needles := range contains {
		data, err := os.ReadFile(filepath.Join(module, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if !strings.Contains(string(data), n) {
				t.Errorf("%s lacks %q", file, n)
			}
		}
	}

	// The new schema compiles and judges a body.
	v := jsonschema.NewValidatorFS(os.DirFS(filepath.Join(module, "jsonschema")))
	ps, err := v.Validate("ccbill", "CustomerDataUpdate", 5, true, webhook.JSON, []byte(`{"clientAccnum":"900100","clientSubacc":"0000","timestamp":"2026-11-02 10:00:00","threeDSecure":"MAYBE"}`))
	if err != nil || len(ps) != 1 || ps[0].Field != "threeDSecure" {
		t.Errorf("CustomerDataUpdate v5 schema: %v %v", ps, err)
	}

	// The module builds, vets, and the regenerated package's own tests pass: every version's
	// example round-trips, the new ones included (TestRegistry pins today's counts, 19 and 54).
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./ccbill"}, {"test", "-skip", "^TestRegistry$", "./ccbill"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = module
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func between(t *testing.T, s, start, end string) string {
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("the guide no longer has %q before %q", start, end)
	}
	return s[i:j]
}

func edit(t *testing.T, path string, change func(string) string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(change(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies a directory, leaving out version control and editor files.
func copyTree(t *testing.T, from, to string) {
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// changedFiles lists the files under the generated directories that differ between two trees
// or exist in one only, relative and sorted.
func changedFiles(t *testing.T, a, b string) []string {
	var out []string
	seen := map[string]bool{}
	for _, root := range []string{a, b} {
		for _, dir := range []string{"spec/ccbill", "ccbill", "jsonschema/ccbill"} {
			filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(root, path)
				rel = filepath.ToSlash(rel)
				if seen[rel] {
					return nil
				}
				seen[rel] = true
				x, errA := os.ReadFile(filepath.Join(a, rel))
				y, errB := os.ReadFile(filepath.Join(b, rel))
				if errA != nil || errB != nil || !bytes.Equal(x, y) {
					out = append(out, rel)
				}
				return nil
			})
		}
	}
	slices.Sort(out)
	return out
}
