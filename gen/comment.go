package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/hookspec/hookspec/spec"
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

func lowerSentence(s string) string {
	s = sentence(s)
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		s = strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func quotedList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// describe says in words what a constraint accepts, as Validate checks it.
func describe(c spec.Constraint) string {
	var parts []string
	switch c.Kind {
	case spec.KindDigits:
		parts = append(parts, "digits kept as text")
	case spec.KindInteger:
		parts = append(parts, "an integer kept as text")
	case spec.KindDecimal:
		parts = append(parts, fmt.Sprintf("a decimal of at most %d digits, %d after the point", c.Precision, c.Scale))
	case spec.KindBoolean:
		parts = append(parts, "true or false")
	default:
		parts = append(parts, "text")
	}
	switch {
	case c.Width > 0:
		parts = append(parts, fmt.Sprintf("exactly %d characters", c.Width))
	case c.MaxLength > 0:
		parts = append(parts, fmt.Sprintf("at most %d characters", c.MaxLength))
	}
	if c.Min != "" || c.Max != "" {
		parts = append(parts, fmt.Sprintf("from %s to %s", orDash(c.Min), orDash(c.Max)))
	}
	if fi, ok := c.Format.Info(); ok {
		parts = append(parts, fi.Describe)
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "any"
	}
	return s
}
