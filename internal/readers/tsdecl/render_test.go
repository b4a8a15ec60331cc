package tsdecl

import (
	"fmt"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// render writes a schema compactly, so that tests state a whole type in one line:
//
//	string('a'|'b')  number  any  null  @Ref  T[]  [A, B]  {a: T; b?: T; [*]: T; [/re/]: T}
//	(A | B)  (A & B)  T|null  string(/re/)
//
// A reference whose Target is not the named type it names renders as @Name!unresolved.
func render(s *schemamodel.Schema) string {
	if s == nil {
		return "<nil>"
	}
	var out string
	switch s.Kind {
	case schemamodel.KindRef:
		out = "@" + s.Ref
		if s.Target == nil || s.Target.Name != s.Ref {
			out += "!unresolved"
		}
	case schemamodel.KindArray:
		if s.PrefixItems != nil {
			parts := make([]string, len(s.PrefixItems))
			for i, p := range s.PrefixItems {
				parts[i] = render(p)
			}
			out = "[" + strings.Join(parts, ", ") + "]"
		} else {
			out = render(s.Items) + "[]"
		}
	case schemamodel.KindObject:
		var parts []string
		for _, m := range s.Members {
			opt := ""
			if !m.Required {
				opt = "?"
			}
			parts = append(parts, m.Name+opt+": "+render(m.Schema))
		}
		if s.Additional != nil {
			parts = append(parts, "[*]: "+render(s.Additional))
		}
		for _, p := range s.PatternMembers {
			parts = append(parts, "[/"+p.Pattern+"/]: "+render(p.Schema))
		}
		out = "{" + strings.Join(parts, "; ") + "}"
	case schemamodel.KindUnion, schemamodel.KindAll:
		sep := " | "
		list := s.OneOf
		if s.Kind == schemamodel.KindAll {
			sep, list = " & ", s.AllOf
		}
		parts := make([]string, len(list))
		for i, p := range list {
			parts[i] = render(p)
		}
		out = "(" + strings.Join(parts, sep) + ")"
	default:
		out = string(s.Kind)
		if s.Enum != nil {
			vals := make([]string, len(s.Enum))
			for i, v := range s.Enum {
				vals[i] = v
				if s.Kind == schemamodel.KindString {
					vals[i] = "'" + v + "'"
				}
			}
			out += "(" + strings.Join(vals, "|") + ")"
		}
		if s.Pattern != "" {
			out += "(/" + s.Pattern + "/)"
		}
	}
	if s.Nullable {
		out += "|null"
	}
	if s.Deprecated {
		out = "deprecated " + out
	}
	return out
}

// renderDoc writes a document's types, non-data declarations and webhooks, one a line.
func renderDoc(doc *schemamodel.Document) []string {
	var lines []string
	for _, t := range doc.Types {
		lines = append(lines, t.Name+" = "+render(t.Schema))
	}
	for _, d := range doc.NonData {
		lines = append(lines, fmt.Sprintf("non-data %s %s (%s:%d): %s", d.Kind, d.Name, d.Pos.File, d.Pos.Line, d.Reason))
	}
	for _, w := range doc.Webhooks {
		lines = append(lines, fmt.Sprintf("webhook %s: %s", w.Event, render(w.Schema)))
	}
	return lines
}
