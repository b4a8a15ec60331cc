package gen

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// commentWidth is where doc comments wrap, leaving room for a tab or two of indentation.
const commentWidth = 96

// docLines turns paragraphs into comment lines: each paragraph wrapped at commentWidth, blank
// comment lines between paragraphs. Empty paragraphs are skipped.
func docLines(paragraphs ...string) []string {
	var out []string
	for _, p := range paragraphs {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, wrap(p, commentWidth)...)
	}
	return out
}

func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// comments renders doc lines as jennifer comments. Lines are rendered raw ("// text", "//") so
// that jennifer does not switch to /* */ style and blank lines stay blank.
func comments(lines []string) []jen.Code {
	out := make([]jen.Code, 0, len(lines))
	for _, l := range lines {
		if l == "" {
			out = append(out, jen.Comment("//"))
		} else {
			out = append(out, jen.Comment("// "+l))
		}
	}
	return out
}

// addDoc writes a doc comment into a group (a file or a block).
func addDoc(g *jen.Group, paragraphs ...string) {
	for _, c := range comments(docLines(paragraphs...)) {
		g.Add(c)
	}
}

// sentence ends text with a full stop unless it ends with punctuation already.
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	switch text[len(text)-1] {
	case '.', '!', '?', ':', ')':
		return text
	}
	return text + "."
}
