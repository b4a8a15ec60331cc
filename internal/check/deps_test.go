package check

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestNoGenerator holds the layering rule that the CLI's work never imports the generator:
// hookcheck checks payloads and reports diffs, so it must not link gen or the code-writing
// library behind it (jennifer). A failure names the import chain that brings one in, which is
// what the fix has to cut.
func TestNoGenerator(t *testing.T) {
	const module = "github.com/hookspec/hookspec/"
	forbidden := func(path string) bool {
		return path == module+"gen" || strings.HasPrefix(path, module+"gen/") || strings.Contains(path, "jennifer")
	}
	for _, root := range []string{module + "cmd/hookcheck", module + "internal/check", module + "internal/payload"} {
		t.Run(strings.TrimPrefix(root, module), func(t *testing.T) {
			imports := listImports(t, root)
			if len(imports) < 2 {
				t.Fatalf("go list -deps %s lists %d packages: the test cannot see the graph", root, len(imports))
			}
			for _, chain := range chainsTo(root, imports, forbidden) {
				t.Errorf("%s imports %s", root, strings.Join(chain, " → "))
			}
		})
	}
}

// listImports runs go list -deps on pkg and returns every package of its build graph with the
// packages it imports directly.
func listImports(t *testing.T, pkg string) map[string][]string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list %s's dependencies: %v", pkg, err)
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", pkg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr.String())
	}
	imports := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 {
			imports[fields[0]] = fields[1:]
		}
	}
	return imports
}

// chainsTo returns, for each forbidden package reachable from root, one shortest import chain
// from root to it (breadth first, so the chain is the most direct one to cut).
func chainsTo(root string, imports map[string][]string, forbidden func(string) bool) [][]string {
	parent := map[string]string{root: ""}
	queue := []string{root}
	var chains [][]string
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		if forbidden(pkg) {
			var chain []string
			for p := pkg; p != ""; p = parent[p] {
				chain = append([]string{p}, chain...)
			}
			chains = append(chains, chain)
			continue // one chain per forbidden package; what it imports is beside the point
		}
		for _, dep := range imports[pkg] {
			if _, seen := parent[dep]; !seen {
				parent[dep] = pkg
				queue = append(queue, dep)
			}
		}
	}
	return chains
}

func TestChainsTo(t *testing.T) {
	graph := map[string][]string{
		"cmd":     {"check", "payload"},
		"check":   {"spec"},
		"payload": {"gen", "spec"},
		"gen":     {"jen", "spec"},
		"spec":    nil,
	}
	bad := func(p string) bool { return p == "gen" || p == "jen" }
	got := chainsTo("cmd", graph, bad)
	want := []string{"cmd → payload → gen"}
	var gotText []string
	for _, c := range got {
		gotText = append(gotText, strings.Join(c, " → "))
	}
	if strings.Join(gotText, "; ") != strings.Join(want, "; ") {
		t.Errorf("chainsTo = %q, want %q", gotText, want)
	}
	if got := chainsTo("check", graph, bad); len(got) != 0 {
		t.Errorf("chainsTo from a clean package = %q, want none", got)
	}
}
