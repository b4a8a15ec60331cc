package webhook

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hookspec/hookspec/webhook/numtext"
)

// MaxValueBytes bounds the length of one key or value in a body. Vendor fields are short (the
// longest CCBill limit is 255 characters); a megabyte-long value is an attack or a bug, and
// reading it into an event would only move the problem to the receiver's database.
const MaxValueBytes = 64 << 10

// JSONReader reads the members of one flat JSON object: every value is a string, a number, true,
// false or null. It is tolerant where real payloads differ (a value may be a string or a number,
// and either way the reader gives its text: a number's is its value written plainly, see Numbers
// in the package documentation) and strict about syntax: truncated bodies, nested objects or
// arrays, invalid UTF-8, control characters and trailing data are errors. A UTF-8 byte order
// mark before the object is skipped. Errors name the offset and the key, never the text of a
// value (see DecodeError).
//
// Keys and values are substrings of the body wherever no escape sequence forces a copy, so
// reading allocates nothing for ordinary payloads. Use it as
//
//	r := webhook.NewJSONReader(body)
//	for r.Next() {
//		switch r.Key() { ... r.Value() ... }
//	}
//	if err := r.Err(); err != nil { ... }
type JSONReader struct {
	s     string
	arena arena
	i     int
	state uint8
	key   text
	value text
	kind  ValueKind
	err   error
	// growth is how much longer than their literals the body's numbers read so far are,
	// written plainly.
	growth numberGrowth
}

// text is the current member's key or value: a span of the body, or its own string when it had
// to be unescaped. The common path writes only the span's offsets. A string field write is a
// pointer write, which pays the garbage collector's write barrier whenever a collection is
// running, and the compiler cannot tell that a reader lives in its caller's stack frame; on a
// busy receiver that barrier cost more than the scanning.
type text struct {
	start, end int
	own        string
	owned      bool
}

func (t *text) span(start, end int) { t.start, t.end, t.owned = start, end, false }

func (t *text) set(s string) { t.own, t.owned = s, true }

// from records decoded, the text of raw (which starts at offset start of the body): as a span
// when decoding left raw as it was, the usual case.
func (t *text) from(decoded, raw string, start int) {
	switch {
	case decoded == "":
		t.span(0, 0) // raw may be a missing value, with no place in the body
	case decoded == raw:
		t.span(start, start+len(raw))
	default:
		t.set(decoded)
	}
}

func (t *text) in(body string) string {
	if t.owned {
		return t.own
	}
	return body[t.start:t.end]
}

// ValueKind is the JSON type a member's value had on the wire.
type ValueKind uint8

const (
	KindString ValueKind = iota + 1
	KindNumber
	KindBool
	KindNull
)

const (
	stateStart uint8 = iota
	stateMember
	stateDone
)

// NewJSONReader returns a reader of body, which must hold one JSON object.
func NewJSONReader(body string) JSONReader { return JSONReader{s: body} }

// Key is the current member's key.
func (r *JSONReader) Key() string { return r.key.in(r.s) }

// Value is the current member's value as text: a string's contents, a number's value written
// plainly ("840" for 840, "4.9" for 4.90, "1000" for 1e3; see Numbers in the package
// documentation), "true" or "false"; "" for null.
func (r *JSONReader) Value() string { return r.value.in(r.s) }

// Kind is the JSON type of the current value.
func (r *JSONReader) Kind() ValueKind { return r.kind }

// Err is the error that stopped Next, or nil when the object was read to its end.
func (r *JSONReader) Err() error { return r.err }

// Offset is the byte offset the reader has reached, for callers' own errors.
func (r *JSONReader) Offset() int { return r.i }

// Fail stops the reader with an error about the current member, for callers that find a problem
// the syntax does not show (a key sent twice).
func (r *JSONReader) Fail(msg string) {
	if r.err == nil {
		r.err = &DecodeError{Format: "json", Offset: r.i, Key: r.Key(), Msg: msg}
	}
	r.state = stateDone
}

func (r *JSONReader) fail(format string, args ...any) bool {
	r.Fail(fmt.Sprintf(format, args...))
	return false
}

// Next advances to the next member. It returns false at the end of the object or on an error.
//
// Compact members with plain string keys and values, what vendors send, are read by member's
// fast path with the position in a local; everything else (whitespace, escapes, non-ASCII,
// numbers, errors) falls back to the general code below it.
func (r *JSONReader) Next() bool {
	s, i := r.s, r.i
	switch r.state {
	case stateMember:
		i = skipSpace(s, i)
		switch {
		case i >= len(s):
			r.i = i
			return r.fail("unexpected end of body: expected ',' or '}'")
		case s[i] == '}':
			r.i = i + 1
			return r.end()
		case s[i] != ',':
			r.i = i
			return r.fail("expected ',' or '}' after a value, found %s", describe(s, i))
		}
		r.key.span(0, 0) // past the comma, messages are about the next member
		return r.member(i + 1)
	case stateStart:
		if strings.HasPrefix(s, bom) {
			i = len(bom) // a BOM is not part of the object; some senders write one
		}
		i = skipSpace(s, i)
		if i >= len(s) {
			r.i = i
			return r.fail("empty body: expected a JSON object")
		}
		if c := s[i]; c != '{' {
			r.i = i
			if c == '[' {
				return r.fail("expected a JSON object, found an array")
			}
			return r.fail("expected a JSON object, found %s", describe(s, i))
		}
		i = skipSpace(s, i+1)
		if i < len(s) && s[i] == '}' {
			r.i = i + 1
			return r.end()
		}
		r.state = stateMember
		return r.member(i)
	}
	return false
}

// member reads `"key": value` from i, which is past the '{' or the ','.
func (r *JSONReader) member(i int) bool {
	s := r.s
	i = skipSpace(s, i)
	if i >= len(s) {
		r.i = i
		return r.fail("unexpected end of body: expected a key")
	}
	if s[i] != '"' {
		r.i = i
		if s[i] == '}' {
			return r.fail("a comma before '}'")
		}
		return r.fail("expected a key in double quotes, found %s", describe(s, i))
	}
	if end := plainEnd(s, i+1); end < len(s) && s[end] == '"' && end-i-1 <= MaxValueBytes {
		r.key.span(i+1, end)
		i = end + 1
	} else {
		r.i = i
		key, ok := r.str()
		if !ok {
			return false
		}
		r.key.set(key)
		i = r.i
	}
	i = skipSpace(s, i)
	if i >= len(s) || s[i] != ':' {
		r.i = i
		return r.fail("expected ':' after the key, found %s", describe(s, i))
	}
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == '"' {
		if end := plainEnd(s, i+1); end < len(s) && s[end] == '"' && end-i-1 <= MaxValueBytes {
			r.value.span(i+1, end)
			r.kind, r.i = KindString, end+1
			return true
		}
	}
	r.i = i
	return r.readValue()
}

// plainEnd is the index of the first byte from i on that is not a plainByte, or len(s).
func plainEnd(s string, i int) int {
	for i < len(s) && plainByte[s[i]] {
		i++
	}
	return i
}

// skipSpace returns the index of the first byte from i on that is not JSON whitespace; the
// check before the loop keeps the common case, no whitespace, inlined.
func skipSpace(s string, i int) int {
	if i < len(s) && s[i] > ' ' {
		return i
	}
	return skipSpaceLoop(s, i)
}

func skipSpaceLoop(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func (r *JSONReader) readValue() bool {
	if r.i >= len(r.s) {
		return r.fail("unexpected end of body: expected a value")
	}
	switch c := r.s[r.i]; {
	case c == '"':
		v, ok := r.str()
		if !ok {
			return false
		}
		r.value.set(v)
		r.kind = KindString
	case c == '{':
		return r.fail("the value is an object; this event's fields are flat text")
	case c == '[':
		return r.fail("the value is an array; this event's fields are flat text")
	case c == 't':
		return r.literal("true", KindBool)
	case c == 'f':
		return r.literal("false", KindBool)
	case c == 'n':
		if !r.literal("null", KindNull) {
			return false
		}
		r.value.span(r.i, r.i)
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	default:
		return r.fail("expected a value, found %s", describe(r.s, r.i))
	}
	return true
}

func (r *JSONReader) end() bool {
	r.state = stateDone
	r.key.span(0, 0)
	r.i = skipSpace(r.s, r.i)
	if r.i < len(r.s) {
		r.err = &DecodeError{Format: "json", Offset: r.i, Msg: "data after the object: " + describe(r.s, r.i)}
	}
	return false
}

func (r *JSONReader) literal(word string, kind ValueKind) bool {
	if !strings.HasPrefix(r.s[r.i:], word) {
		return r.fail("expected a value, found %s", describe(r.s, r.i))
	}
	r.value.span(r.i, r.i+len(word))
	r.i += len(word)
	r.kind = kind
	return true
}

// number reads a JSON number. Its value is the number written plainly (see Numbers in the
// package documentation): the literal itself for an integer, what vendors send; a prefix of it
// for a fraction; text written into the arena for an exponent, once measured.
func (r *JSONReader) number() bool {
	start := r.i
	if r.s[r.i] == '-' {
		r.i++
	}
	bad := func() bool {
		text := r.s[start:r.i]
		r.i = start
		return r.fail("malformed number of %d bytes", len(text))
	}
	digits := func() int {
		n := 0
		for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
			r.i++
			n++
		}
		return n
	}
	intStart := r.i
	if n := digits(); n == 0 || n > 1 && r.s[intStart] == '0' {
		return bad()
	}
	fraction, exponent := false, false
	if r.i < len(r.s) && r.s[r.i] == '.' {
		r.i++
		if digits() == 0 {
			return bad()
		}
		fraction = true
	}
	if r.i < len(r.s) && (r.s[r.i] == 'e' || r.s[r.i] == 'E') {
		r.i++
		if r.i < len(r.s) && (r.s[r.i] == '+' || r.s[r.i] == '-') {
			r.i++
		}
		if digits() == 0 {
			return bad()
		}
		exponent = true
	}
	if r.i-start > MaxValueBytes {
		return r.fail("number longer than %d bytes", MaxValueBytes)
	}
	r.kind = KindNumber
	if exponent {
		lit := r.s[start:r.i]
		n, msg := r.growth.add(lit)
		if msg != "" {
			r.i = start
			return r.fail("%s", msg)
		}
		r.value.set(plainExponent(&r.arena, len(r.s), n, lit))
		return true
	}
	from, to := plainBounds(r.s[start:r.i], fraction)
	r.value.span(start+from, start+to)
	return true
}

// plainBounds returns where, within lit, a number literal without an exponent holds its plain
// form: all of it for an integer, what is left once the zeros that end a fraction (and then a
// point with nothing after it) are gone when fraction is set, and the "0" after the sign of a
// negative zero.
func plainBounds(lit string, fraction bool) (from, to int) {
	to = len(lit)
	if fraction {
		for lit[to-1] == '0' {
			to--
		}
		if lit[to-1] == '.' {
			to--
		}
	}
	if to == 2 && lit[0] == '-' && lit[1] == '0' {
		return 1, 2
	}
	return 0, to
}

// plainExponent returns the plain form of n, parsed from lit, a number literal with an exponent
// that numberGrowth has measured: "0", a prefix of lit, or text written into the arena (total is
// the body's length).
func plainExponent(a *arena, total int, n numtext.Number, lit string) string {
	switch {
	case n.IsZero():
		return "0"
	case n.PrefixLen():
		return lit[:n.Len()]
	}
	a.reserve(n.Len(), total)
	from := len(a.buf)
	a.buf = n.Append(a.buf)
	return a.since(from)
}

// numberGrowth bounds what writing a body's numbers plainly costs. JSON lets a short literal
// stand for a long value (1e999999999 is a billion digits), so each number's plain form is held
// to MaxValueBytes, as any value is, and all of a body's numbers together may grow by at most
// MaxValueBytes over their literals: a body of a thousand 1e60000 is refused at the second, having
// cost what one does.
type numberGrowth int

// add measures lit, a number literal with an exponent (only an exponent makes a plain form
// longer than its literal), and counts its growth. It returns the parsed number, or the problem
// when the number passes a bound.
func (g *numberGrowth) add(lit string) (numtext.Number, string) {
	n, _ := numtext.Parse(lit) // the caller has checked the syntax
	l := n.Len()
	if l > MaxValueBytes {
		return n, fmt.Sprintf("number whose value, written without an exponent, is longer than %d bytes", MaxValueBytes)
	}
	if grown := l - len(lit); grown > 0 {
		if int(*g)+grown > MaxValueBytes {
			return n, fmt.Sprintf("numbers whose values, written without exponents, take more than %d bytes over their literals in one body", MaxValueBytes)
		}
		*g += numberGrowth(grown)
	}
	return n, ""
}

// plainByte marks the bytes a string literal holds as they are: printable ASCII other than the
// quote and the backslash. plainEnd runs over them in a tight loop and stops only at a byte that
// needs a look: the end quote, an escape, a control character or a non-ASCII byte.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string literal at r.i. Without escapes the result is a substring of the body.
func (r *JSONReader) str() (string, bool) {
	start := r.i + 1
	escaped, ascii := false, true
	j := start
	for ; j < len(r.s); j++ {
		j = plainEnd(r.s, j)
		if j >= len(r.s) {
			break
		}
		c := r.s[j]
		if c == '"' {
			break
		}
		switch {
		case c < 0x20:
			r.i = j
			return "", r.fail("control character %#02x inside a string", c)
		case c == '\\':
			escaped = true
			j++ // the escaped character cannot end the string
		default:
			ascii = false
		}
	}
	if j >= len(r.s) {
		r.i = len(r.s)
		return "", r.fail("unexpected end of body inside a string")
	}
	raw := r.s[start:j]
	if len(raw) > MaxValueBytes {
		r.i = start
		return "", r.fail("string longer than %d bytes", MaxValueBytes)
	}
	if !ascii && !utf8.ValidString(raw) {
		r.i = start
		return "", r.fail("string is not valid UTF-8")
	}
	r.i = j + 1
	if !escaped {
		return raw, true
	}
	s, err := unescapeJSON(&r.arena, len(r.s), raw)
	if err != "" {
		r.i = start
		return "", r.fail("%s", err)
	}
	return s, true
}

// unescapeJSON decodes a string literal's escape sequences into the arena (total is the body's
// length); lone surrogates become U+FFFD, as
// encoding/json does.
func unescapeJSON(a *arena, total int, raw string) (string, string) {
	a.reserve(len(raw), total)
	start := len(a.buf)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			a.buf = append(a.buf, c)
			continue
		}
		i++
		if i >= len(raw) {
			return "", "string ends inside an escape sequence"
		}
		switch raw[i] {
		case '"', '\\', '/':
			a.buf = append(a.buf, raw[i])
		case 'b':
			a.buf = append(a.buf, '\b')
		case 'f':
			a.buf = append(a.buf, '\f')
		case 'n':
			a.buf = append(a.buf, '\n')
		case 'r':
			a.buf = append(a.buf, '\r')
		case 't':
			a.buf = append(a.buf, '\t')
		case 'u':
			r1, ok := hex4(raw, i+1)
			if !ok {
				return "", "malformed \\u escape"
			}
			i += 4
			if utf16.IsSurrogate(r1) {
				if r2, ok := hex4(raw, i+3); ok && i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if dec := utf16.DecodeRune(r1, r2); dec != utf8.RuneError {
						a.buf = utf8.AppendRune(a.buf, dec)
						i += 6
						continue
					}
				}
				r1 = utf8.RuneError
			}
			a.buf = utf8.AppendRune(a.buf, r1)
		default:
			return "", "invalid escape sequence"
		}
	}
	return a.since(start), ""
}

func hex4(s string, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// describe names what is at s[i] for messages: the character itself when it is JSON's own
// punctuation, otherwise only its kind, since it may be the first character of a secret sent
// unquoted.
func describe(s string, i int) string {
	if i >= len(s) {
		return "the end of the body"
	}
	switch c := s[i]; {
	case strings.IndexByte(`{}[],:"`, c) >= 0:
		return strconv.QuoteRune(rune(c))
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		return "a letter"
	case '0' <= c && c <= '9':
		return "a digit"
	case c < 0x20 || c == 0x7f:
		return "a control character"
	case c >= utf8.RuneSelf:
		return "a non-ASCII character"
	}
	return "a punctuation character"
}

// AppendJSONString appends s as a JSON string literal. Invalid UTF-8 becomes U+FFFD, as
// encoding/json writes it; values that came through a reader are valid already.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigit = "0123456789abcdef"
