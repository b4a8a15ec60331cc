package tsdecl

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind is the lexical class of a token.
type tokenKind int

const (
	tokEOF tokenKind = iota
	// tokIdent is an identifier or a keyword: TypeScript's keywords are contextual in type
	// positions (a member may be called "type" or "delete"), so the parser decides.
	tokIdent
	// tokString is a quoted string literal; text is its decoded value.
	tokString
	// tokNumber is a numeric literal as written.
	tokNumber
	// tokTemplate is a template literal type (`cf_${string}`); tmpl holds its parts.
	tokTemplate
	// tokPunct is punctuation: "=>", "..." or a single character.
	tokPunct
)

// token is one lexical token.
type token struct {
	kind tokenKind
	text string
	line int
	// newline is true when a line break separates the token from the one before it: TypeScript's
	// automatic semicolons and its "no line break before [" rule depend on it.
	newline bool
	// doc is the /** */ comment right before the token, without its markers.
	doc  string
	tmpl *template
}

// template is a template literal type: len(quasis) == len(holes)+1, the text around each
// ${...} hole, and each hole's tokens.
type template struct {
	quasis []string
	holes  [][]token
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokString:
		return strconv.Quote(t.text)
	case tokTemplate:
		return "template literal"
	}
	return "'" + t.text + "'"
}

// referenceDirective is the one form of a "///" line that means something to TypeScript.
var referenceDirective = regexp.MustCompile(`^<reference\s+(path|types|lib|no-default-lib)\s*=\s*("[^"]*"|'[^']*')\s*/>\s*$`)

// lexer turns a file into tokens. It reads the whole file at once, in one pass.
type lexer struct {
	file     string
	src      string
	off      int
	line     int
	maxDepth int
	newline  bool
	doc      string
}

// lex returns the file's tokens, ending with a tokEOF.
func lex(file, src string, maxDepth int) ([]token, error) {
	lx := &lexer{file: file, src: src, line: 1, maxDepth: maxDepth}
	return lx.tokens(0, false)
}

func (lx *lexer) errorf(line int, format string, args ...any) error {
	return errorAt(lx.file, line, format, args...)
}

// tokens reads tokens until the end of the source or, inside a template hole (inHole), until
// the "}" that closes the hole.
func (lx *lexer) tokens(depth int, inHole bool) ([]token, error) {
	if depth > lx.maxDepth {
		return nil, lx.errorf(lx.line, "template literals nested deeper than %d levels", lx.maxDepth)
	}
	var toks []token
	if !inHole {
		toks = make([]token, 0, len(lx.src)/6) // generated declarations run about six bytes a token
	}
	braces := 0
	lx.newline = true
	for {
		if err := lx.skipSpace(); err != nil {
			return nil, err
		}
		if lx.off >= len(lx.src) {
			if inHole {
				return nil, lx.errorf(lx.line, "template literal hole ${ is not closed")
			}
			toks = append(toks, token{kind: tokEOF, line: lx.line, newline: true, doc: lx.doc})
			return toks, nil
		}
		tok := token{line: lx.line, newline: lx.newline, doc: lx.doc}
		lx.newline, lx.doc = false, ""
		c := lx.src[lx.off]
		switch {
		case c == '\'' || c == '"':
			s, err := lx.quoted(c)
			if err != nil {
				return nil, err
			}
			tok.kind, tok.text = tokString, s
		case c == '`':
			t, err := lx.template(depth)
			if err != nil {
				return nil, err
			}
			tok.kind, tok.tmpl = tokTemplate, t
		case c >= '0' && c <= '9' || c == '.' && lx.off+1 < len(lx.src) && lx.src[lx.off+1] >= '0' && lx.src[lx.off+1] <= '9':
			n, err := lx.number()
			if err != nil {
				return nil, err
			}
			tok.kind, tok.text = tokNumber, n
		case isIdentStart(lx.src[lx.off:]):
			tok.kind, tok.text = tokIdent, lx.ident()
		default:
			p, ok := lx.punct()
			if !ok {
				r, _ := utf8.DecodeRuneInString(lx.src[lx.off:])
				return nil, lx.errorf(lx.line, "unexpected character %q", r)
			}
			if inHole {
				switch p {
				case "{":
					braces++
				case "}":
					if braces == 0 {
						toks = append(toks, token{kind: tokEOF, line: lx.line, doc: tok.doc})
						return toks, nil
					}
					braces--
				}
			}
			tok.kind, tok.text = tokPunct, p
		}
		toks = append(toks, tok)
	}
}

// skipSpace skips white space and comments, noting line breaks, doc comments and checking
// "///<reference .../>" directives.
func (lx *lexer) skipSpace() error {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == '\n':
			lx.line++
			lx.newline = true
			lx.off++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.off++
		case strings.HasPrefix(lx.src[lx.off:], "//"):
			end := strings.IndexByte(lx.src[lx.off:], '\n')
			if end < 0 {
				end = len(lx.src) - lx.off
			}
			text := lx.src[lx.off : lx.off+end]
			if rest, ok := strings.CutPrefix(text, "///"); ok {
				rest = strings.TrimSpace(rest)
				if strings.HasPrefix(rest, "<reference") && !referenceDirective.MatchString(rest) {
					return lx.errorf(lx.line, "malformed reference directive %q: want ///<reference path='...' />", text)
				}
			}
			lx.off += end
		case strings.HasPrefix(lx.src[lx.off:], "/*"):
			end := strings.Index(lx.src[lx.off+2:], "*/")
			if end < 0 {
				return lx.errorf(lx.line, "comment /* is not closed")
			}
			body := lx.src[lx.off+2 : lx.off+2+end]
			if strings.HasPrefix(body, "*") && body != "*" {
				lx.doc = docText(body[1:])
			}
			lx.line += strings.Count(body, "\n")
			if strings.Contains(body, "\n") {
				lx.newline = true
			}
			lx.off += 2 + end + 2
		default:
			r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
			if r == '\u00a0' || r == '\ufeff' || r == '\u2028' || r == '\u2029' {
				if r == '\u2028' || r == '\u2029' {
					lx.line++
					lx.newline = true
				}
				lx.off += size
				continue
			}
			return nil
		}
	}
	return nil
}

// docText is a doc comment's text: each line without its leading " * ", blank lines at both
// ends dropped, the rest verbatim.
func docText(body string) string {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "*")
		lines[i] = strings.TrimPrefix(l, " ")
		lines[i] = strings.TrimRight(lines[i], " \t\r")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

func isIdentStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == '$' || unicode.IsLetter(r)
}

func (lx *lexer) ident() string {
	start := lx.off
	for lx.off < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
		if r != '_' && r != '$' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		lx.off += size
	}
	return lx.src[start:lx.off]
}

var numberLiteral = regexp.MustCompile(`^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?)n?$`)

func (lx *lexer) number() (string, error) {
	start := lx.off
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		if (c == '+' || c == '-') && (lx.src[lx.off-1] == 'e' || lx.src[lx.off-1] == 'E') && !strings.HasPrefix(lx.src[start:], "0x") && !strings.HasPrefix(lx.src[start:], "0X") {
			lx.off++
			continue
		}
		if c != '.' && c != '_' && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') {
			break
		}
		lx.off++
	}
	n := lx.src[start:lx.off]
	if !numberLiteral.MatchString(n) {
		return "", lx.errorf(lx.line, "malformed number %q", n)
	}
	return n, nil
}

// punct reads "=>", "..." or one punctuation character.
func (lx *lexer) punct() (string, bool) {
	rest := lx.src[lx.off:]
	for _, p := range []string{"=>", "..."} {
		if strings.HasPrefix(rest, p) {
			lx.off += len(p)
			return p, true
		}
	}
	if strings.IndexByte("{}()[]<>,;:?|&=.-+*!", rest[0]) >= 0 {
		lx.off++
		return rest[:1], true
	}
	return "", false
}

// quoted reads a string literal quoted by q and decodes its escapes.
func (lx *lexer) quoted(q byte) (string, error) {
	line := lx.line
	lx.off++
	var b strings.Builder
	for {
		if lx.off >= len(lx.src) || lx.src[lx.off] == '\n' {
			return "", lx.errorf(line, "string literal is not closed")
		}
		c := lx.src[lx.off]
		switch c {
		case q:
			lx.off++
			return b.String(), nil
		case '\\':
			if err := lx.escape(&b); err != nil {
				return "", err
			}
		default:
			b.WriteByte(c)
			lx.off++
		}
	}
}

// escape decodes the escape sequence at lx.off (a backslash) into b.
func (lx *lexer) escape(b *strings.Builder) error {
	lx.off++
	if lx.off >= len(lx.src) {
		return lx.errorf(lx.line, "escape sequence at the end of the file")
	}
	c := lx.src[lx.off]
	lx.off++
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case '0':
		b.WriteByte(0)
	case '\n':
		lx.line++ // a line continuation
	case 'x':
		return lx.hexEscape(b, 2)
	case 'u':
		if lx.off < len(lx.src) && lx.src[lx.off] == '{' {
			end := strings.IndexByte(lx.src[lx.off:], '}')
			if end < 2 || end > 7 {
				return lx.errorf(lx.line, `malformed escape \u{...}`)
			}
			v, err := strconv.ParseUint(lx.src[lx.off+1:lx.off+end], 16, 32)
			if err != nil || v > unicode.MaxRune {
				return lx.errorf(lx.line, `malformed escape \u{%s}`, lx.src[lx.off+1:lx.off+end])
			}
			b.WriteRune(rune(v))
			lx.off += end + 1
			return nil
		}
		return lx.hexEscape(b, 4)
	default:
		// Any other escaped character stands for itself ('\'', '"', '\\', '`', '$').
		lx.off--
		r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
		b.WriteRune(r)
		lx.off += size
	}
	return nil
}

func (lx *lexer) hexEscape(b *strings.Builder, n int) error {
	if lx.off+n > len(lx.src) {
		return lx.errorf(lx.line, "malformed escape: want %d hexadecimal digits", n)
	}
	v, err := strconv.ParseUint(lx.src[lx.off:lx.off+n], 16, 32)
	if err != nil {
		return lx.errorf(lx.line, "malformed escape %q: want %d hexadecimal digits", lx.src[lx.off:lx.off+n], n)
	}
	b.WriteRune(rune(v))
	lx.off += n
	return nil
}

// template reads a template literal type; each ${ hole is lexed as tokens up to its "}".
func (lx *lexer) template(depth int) (*template, error) {
	line := lx.line
	lx.off++
	t := &template{}
	var b strings.Builder
	for {
		if lx.off >= len(lx.src) {
			return nil, lx.errorf(line, "template literal is not closed")
		}
		c := lx.src[lx.off]
		switch {
		case c == '`':
			lx.off++
			t.quasis = append(t.quasis, b.String())
			return t, nil
		case c == '\\':
			if err := lx.escape(&b); err != nil {
				return nil, err
			}
		case c == '$' && lx.off+1 < len(lx.src) && lx.src[lx.off+1] == '{':
			lx.off += 2
			t.quasis = append(t.quasis, b.String())
			b.Reset()
			doc := lx.doc
			hole, err := lx.tokens(depth+1, true)
			if err != nil {
				return nil, err
			}
			lx.doc = doc
			t.holes = append(t.holes, hole)
		default:
			if c == '\n' {
				lx.line++
			}
			b.WriteByte(c)
			lx.off++
		}
	}
}
