package tsdecl

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tokenStrings renders tokens as kind:text, with ^ before a token preceded by a line break,
// @N after a token's line when it is not 1, and doc=... for an attached doc comment.
func tokenStrings(toks []token) []string {
	var out []string
	for _, t := range toks {
		var s string
		switch t.kind {
		case tokEOF:
			s = "EOF"
		case tokIdent:
			s = "id:" + t.text
		case tokString:
			s = fmt.Sprintf("str:%q", t.text)
		case tokNumber:
			s = "num:" + t.text
		case tokPunct:
			s = t.text
		case tokTemplate:
			var parts []string
			for i, q := range t.tmpl.quasis {
				parts = append(parts, fmt.Sprintf("%q", q))
				if i < len(t.tmpl.holes) {
					parts = append(parts, "${"+strings.Join(tokenStrings(t.tmpl.holes[i]), " ")+"}")
				}
			}
			s = "tmpl:" + strings.Join(parts, "")
		}
		if t.newline && t.kind != tokEOF && len(out) > 0 {
			s = "^" + s
		}
		if t.line != 1 {
			s += fmt.Sprintf("@%d", t.line)
		}
		if t.doc != "" {
			s += fmt.Sprintf(" doc=%q", t.doc)
		}
		out = append(out, s)
	}
	return out
}

func TestLex(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"punctuation", "a?: B[] => ... | & -1", []string{"id:a", "?", ":", "id:B", "[", "]", "=>", "...", "|", "&", "-", "num:1", "EOF"}},
		{"string escapes", `'it\'s' "q\"\\" '\n\t\r\b\f\v\0' '\x41\u0042\u{1F600}' '\$\z'`, []string{
			`str:"it's"`, `str:"q\"\\"`, `str:"\n\t\r\b\f\v\x00"`, `str:"AB😀"`, `str:"$z"`, "EOF",
		}},
		{"line continuation", "'a\\\nb' x", []string{`str:"ab"`, "id:x@2", "EOF@2"}},
		{"numbers", "0 12 1_000 3.25 .5 1e10 2E-3 0x1F 0b101 0o17 10n", []string{
			"num:0", "num:12", "num:1_000", "num:3.25", "num:.5", "num:1e10", "num:2E-3", "num:0x1F", "num:0b101", "num:0o17", "num:10n", "EOF",
		}},
		{"identifiers", "$a _b café x1", []string{"id:$a", "id:_b", "id:café", "id:x1", "EOF"}},
		{"templates", "`cf_${string}` `a\\`b` `x${`y${number}`}z` `${ {a: string} }`", []string{
			"tmpl:\"cf_\"${id:string EOF}\"\"",
			"tmpl:\"a`b\"",
			"tmpl:\"x\"${tmpl:\"y\"${id:number EOF}\"\" EOF}\"z\"",
			"tmpl:\"\"${{ id:a : id:string } EOF}\"\"",
			"EOF",
		}},
		{"comments and line breaks", "a // one\n/* two\nthree */ b\n\n/**\n * Doc.\n *   more\n */\nc /***/ d /**/ e", []string{
			"id:a", "^id:b@3", `^id:c@9 doc="Doc.\n  more"`, "id:d@9", "id:e@9", "EOF@9",
		}},
		{"reference directives", "///<reference path='./a.d.ts' />\n/// <reference types=\"node\"/>\n/// text\nx", []string{"id:x@4", "EOF@4"}},
		{"spaces", "\ufeffa\u00a0b\u2028c\r\n", []string{"id:a", "id:b", "^id:c@2", "EOF@3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, err := lex("f.d.ts", tt.src, DefaultMaxDepth)
			if err != nil {
				t.Fatal(err)
			}
			if got := tokenStrings(toks); !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unclosed string at a line break", "x\n'abc\n'", "f.d.ts:2: string literal is not closed"},
		{"unclosed string at the end", `"abc`, "f.d.ts:1: string literal is not closed"},
		{"escape at the end", `'\`, "f.d.ts:1: escape sequence at the end of the file"},
		{"short hex escape", `'\x4'`, `f.d.ts:1: malformed escape "4'": want 2 hexadecimal digits`},
		{"hex escape at the end", `'\u12`, "f.d.ts:1: malformed escape: want 4 hexadecimal digits"},
		{"bad code point", `'\u{110000}'`, `f.d.ts:1: malformed escape \u{110000}`},
		{"unclosed code point", `'\u{12`, `f.d.ts:1: malformed escape \u{...}`},
		{"malformed number", "\n1x2", `f.d.ts:2: malformed number "1x2"`},
		{"malformed decimal", "1.2.3", `f.d.ts:1: malformed number "1.2.3"`},
		{"unclosed template", "`abc${string}", "f.d.ts:1: template literal is not closed"},
		{"unclosed hole", "`abc${string", "f.d.ts:1: template literal hole ${ is not closed"},
		{"unclosed comment", "a /* b", "f.d.ts:1: comment /* is not closed"},
		{"bad reference", "\n///<reference path='x'>", "f.d.ts:2: malformed reference directive"},
		{"unknown character", "a @b", "f.d.ts:1: unexpected character '@'"},
		{"backslash outside a string", `a \u0041`, `f.d.ts:1: unexpected character '\\'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lex("f.d.ts", tt.src, DefaultMaxDepth)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}
