package sqlstore

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestImportsNoDriver holds the package to the standard library and this module's own packages
// (webhook and the leaf packages it stands on): the application brings its own database driver,
// and a service that imports sqlstore links no other, nor anything else from outside.
func TestImportsNoDriver(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the package's dependencies: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/hookspec/hookspec/webhook") {
		t.Fatalf("go list -deps lists %q, without webhook: the test cannot see the graph", deps)
	}
	for _, dep := range deps {
		if !strings.HasPrefix(dep, "github.com/hookspec/hookspec/") {
			t.Errorf("sqlstore depends on %s; it may import only the standard library and this module", dep)
		}
	}
}
