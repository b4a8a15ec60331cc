package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-spec", "../../gen/testdata/spec", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// The summary counts the files codegen wrote for the vendor: its package and its schemas.
	var written int
	for _, dir := range []string{"acme", filepath.Join("jsonschema", "acme")} {
		err := filepath.WalkDir(filepath.Join(out, dir), func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				written++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := fmt.Sprintf("codegen: acme: %d files → acme, jsonschema/acme", written); written == 0 || !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout does not say %q: %s", want, stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "acme", "registry.go")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(stdout.String(), "no vendors.go: the output directory is not a Go package of a module") {
		t.Errorf("stdout: %s", stdout.String())
	}

	// In a module's package, vendors.go lists the vendor packages by their import paths.
	module := t.TempDir()
	os.WriteFile(filepath.Join(module, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644)
	os.MkdirAll(filepath.Join(module, "hooks"), 0o755)
	os.WriteFile(filepath.Join(module, "hooks", "doc.go"), []byte("// Package hooks holds vendors.\npackage hooks\n"), 0o644)
	stdout.Reset()
	if code := run([]string{"-spec", "../../gen/testdata/spec", "-out", filepath.Join(module, "hooks")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(module, "hooks", "vendors.go"))
	if err != nil || !strings.Contains(string(data), "package hooks") || !strings.Contains(string(data), `"example.com/m/hooks/acme"`) ||
		!strings.Contains(string(data), "acme.Descriptor(),") {
		t.Errorf("vendors.go: %v\n%s", err, data)
	}
}

func TestRunErrors(t *testing.T) {
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "broken"), 0o755)
	os.WriteFile(filepath.Join(bad, "broken", "vendor.yaml"), []byte("hookspec: 1\nvendor: {}\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"spec"}, 2, "usage: codegen"},
		{"no spec directory", []string{"-spec", filepath.Join(bad, "missing")}, 1, "no such file or directory"},
		{"no vendors", []string{"-spec", t.TempDir()}, 1, "no vendor specs under"},
		{"broken spec", []string{"-spec", bad, "-out", t.TempDir()}, 1, "vendor.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), tt.code, tt.want)
			}
		})
	}
}
