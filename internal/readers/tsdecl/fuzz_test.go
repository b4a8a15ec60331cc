package tsdecl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hookspec/hookspec/internal/schemamodel"
	"github.com/hookspec/hookspec/internal/testenv"
)

// FuzzRead reads one file of any content. It must never panic; when it fails, every problem
// names the file and a line inside it; when it succeeds, every reference points at the named
// type it names.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"declare module 'm' {\n  export interface A { a?: string | null; b: B[]; [k: string]: unknown }\n  export type B = 'x' | 'y';\n}",
		"enum E { A = 'a', B = 'b' }\ntype Map = { [E.A]: C; [E.B]: { n: number } };\ninterface C { c: Array<E> }",
		"namespace N { export interface L { id: string } }\ninterface I extends J { l: N.L }\ninterface J { j: [number, number] }",
		"class K<T> extends Error { constructor(x: T); m<U>(a?: U, ...r: string[]): Promise<this>; readonly p: string; }",
		"type F = (a: string) => void;\ntype G<T> = T extends infer U ? { [K in keyof U]?: U[K] } : never;\nfunction f(x: typeof y): x is string;\nconst y: 1;",
		"///<reference path='./x.d.ts' />\n/** doc */\ntype T = `cf_${string}` | `${number}px`;\ninterface P { [key: `cf_${string}`]: unknown }",
		"import A = N.L;\nnamespace N { export interface L {} }\ntype R = Record<'a' | 'b', A> & object;",
		"interface A { a: string }\ninterface A { b: number }\ntype X = import('zod').ZodError;",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// A few of the real files too, so that mutations start from what SDKs really write.
	dir := filepath.Join(testenv.SharedDir(f), "vendor-docs", "chargebee", "chargebee-node-types")
	for _, name := range []string{"resources/filter.d.ts", "resources/Card.d.ts", "resources/Content.d.ts"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{"f.d.ts": {Data: []byte(src)}}
		opts := Options{Opaque: []string{"Promise", "Error"}, MaxDepth: 32}
		// The webhook map only where the input names one, so that the others reach the checks
		// of a successful read instead of failing on the missing map.
		if strings.Contains(src, "Map") {
			opts.WebhookMap = "Map"
		}
		doc, err := Read(fsys, []string{"f.d.ts"}, opts)
		if err != nil {
			checkProblems(t, err, strings.Count(src, "\n")+1)
			return
		}
		for _, n := range doc.Types {
			if err := checkRefs(n.Schema, 0); err != nil {
				t.Fatalf("type %s: %v", n.Name, err)
			}
		}
		for _, w := range doc.Webhooks {
			if err := checkRefs(w.Schema, 0); err != nil {
				t.Fatalf("webhook %s: %v", w.Event, err)
			}
		}
	})
}

func checkProblems(t *testing.T, err error, lines int) {
	t.Helper()
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = ErrorList{one}
	case strings.HasPrefix(err.Error(), "tsdecl: the webhook map"):
		return
	default:
		t.Fatalf("error %v is neither an ErrorList nor an *Error", err)
	}
	for _, e := range list {
		if e.Pos.File != "f.d.ts" || e.Pos.Line < 1 || e.Pos.Line > lines {
			t.Fatalf("problem %v is not at a line of f.d.ts (%d lines)", e, lines)
		}
	}
}

// checkRefs walks a schema (not through references' targets) and checks each reference.
func checkRefs(s *schemamodel.Schema, depth int) error {
	if s == nil {
		return errors.New("nil schema")
	}
	if depth > 1000 {
		return errors.New("schema nested deeper than 1000")
	}
	if s.Kind == schemamodel.KindRef && (s.Target == nil || s.Target.Name != s.Ref) {
		return fmt.Errorf("reference to %s is not resolved", s.Ref)
	}
	var kids []*schemamodel.Schema
	for _, m := range s.Members {
		kids = append(kids, m.Schema)
	}
	for _, p := range s.PatternMembers {
		kids = append(kids, p.Schema)
	}
	kids = append(kids, s.OneOf...)
	kids = append(kids, s.AllOf...)
	kids = append(kids, s.PrefixItems...)
	if s.Items != nil {
		kids = append(kids, s.Items)
	}
	if s.Additional != nil {
		kids = append(kids, s.Additional)
	}
	if s.Kind == schemamodel.KindArray && s.Items == nil && s.PrefixItems == nil {
		return errors.New("array without items")
	}
	for _, k := range kids {
		if err := checkRefs(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// TestReadLargeInputs reads inputs built to defeat a quadratic reader (long unions, many
// members, many references to one enum's members, an interface declared many times, many
// sibling nestings near the depth limit);
// each reads in well under a second; the bound allows for a busy machine.
func TestReadLargeInputs(t *testing.T) {
	const n = 20000
	var union, members, enum, mapped, merged strings.Builder
	union.WriteString("type U = 'v0'")
	members.WriteString("interface M {\n")
	enum.WriteString("enum E {\n")
	mapped.WriteString("type Map = {\n")
	for i := range n {
		fmt.Fprintf(&union, " | 'v%d'", i+1)
		fmt.Fprintf(&members, "  m%d?: string | null;\n", i)
		fmt.Fprintf(&enum, "  K%d = 'k%d',\n", i, i)
		fmt.Fprintf(&mapped, "  [E.K%d]: M;\n", i)
		fmt.Fprintf(&merged, "interface G { g%d: string; shared: number }\n", i)
	}
	union.WriteString(";\n")
	members.WriteString("}\n")
	enum.WriteString("}\n")
	mapped.WriteString("};\n")
	deep := "type Deep = " + strings.Repeat("{ a: ", 30) + "string" + strings.Repeat(" }", 30) + ";\n"
	var siblings strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&siblings, "type S%d = %s;\n", i, strings.Repeat("(", 30)+"string"+strings.Repeat(")", 30))
	}
	tests := []struct {
		name, src string
		opts      Options
		check     func(*schemamodel.Document) bool
	}{
		{"long union", union.String(), Options{}, func(d *schemamodel.Document) bool { return len(d.Type("U").Schema.Enum) == n+1 }},
		{"many members", members.String(), Options{}, func(d *schemamodel.Document) bool { return len(d.Type("M").Schema.Members) == n }},
		{"enum and webhook map", enum.String() + mapped.String() + members.String(), Options{WebhookMap: "Map"}, func(d *schemamodel.Document) bool { return len(d.Webhooks) == n }},
		{"interface merged from many declarations", merged.String(), Options{}, func(d *schemamodel.Document) bool { return len(d.Type("G").Schema.Members) == n+1 }},
		{"deep and many siblings", deep + siblings.String(), Options{}, func(d *schemamodel.Document) bool { return len(d.Types) == 2001 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := readFiles(t, map[string]string{"big.d.ts": tt.src}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(doc) {
				t.Errorf("read %d types, %d webhooks: not what the input holds", len(doc.Types), len(doc.Webhooks))
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("read %d bytes in %v", len(tt.src), d)
			}
		})
	}
}
