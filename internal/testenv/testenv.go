// Package testenv finds the data that tests share with the project but that the repository does
// not hold: the captured vendor pages and real payloads in the shared/ folder beside the checkout.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the shared/ folder beside the checkout (../shared from the repository root).
// It walks up from the test's working directory; HOOKSPEC_SHARED overrides it. A test that needs
// the folder fails, never skips, when it is missing: CI always has it.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("HOOKSPEC_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var looked []string
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared")
		looked = append(looked, cand)
		if fi, err := os.Stat(filepath.Join(cand, "vendor-docs")); err == nil && fi.IsDir() {
			return cand
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Fatalf("the shared folder (vendor-docs, real-payloads) was not found beside the checkout; looked in %v; set HOOKSPEC_SHARED", looked)
	return ""
}

// RepoRoot returns the repository root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("no go.mod above %s", wd)
		}
	}
}
