package openapi

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a small JSON parser that keeps what encoding/json's map decoding loses: the order
// of an object's members, duplicate member names (an error here) and the byte offset of every
// value and member name, from which errors and the model take their line numbers.

// maxDepth bounds how deeply arrays and objects may nest. Real descriptions nest a few dozen deep
// at most (a 1.9 MB one read in the tests: 14); the bound keeps a hostile document from
// exhausting the stack.
const maxDepth = 512

// narrowObject is the member count up to which duplicate names are found by scanning.
const narrowObject = 16

// valueKind is the JSON type of a parsed value.
type valueKind byte

const (
	jsonNull valueKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (k valueKind) String() string {
	switch k {
	case jsonNull:
		return "null"
	case jsonBool:
		return "a boolean"
	case jsonNumber:
		return "a number"
	case jsonString:
		return "a string"
	case jsonArray:
		return "an array"
	default:
		return "an object"
	}
}

// value is one parsed JSON value.
type value struct {
	kind valueKind
	// start and end are the value's byte offsets in the source: src[start:end] is its JSON text.
	start, end int
	// str is a string's decoded text.
	str string
	// boolean is a boolean's value.
	boolean bool
	// members are an object's members, in source order.
	members []member
	// elems are an array's elements.
	elems []*value
}

// member is one name/value pair of an object.
type member struct {
	name string
	// offset is the byte offset of the member's name.
	offset int
	value  *value
}

// get returns the value of the object member called name, or nil.
func (v *value) get(name string) *value {
	for i := range v.members {
		if v.members[i].name == name {
			return v.members[i].value
		}
	}
	return nil
}

// syntaxError is a malformed document, at a byte offset.
type syntaxError struct {
	offset int
	msg    string
}

// parser reads one JSON document.
type parser struct {
	src   []byte
	pos   int
	depth int
	slab  []value
	// names interns member names: a description repeats a few dozen keywords thousands of times.
	names map[string]string
}

// parseJSON parses src as one JSON value surrounded by optional white space.
func parseJSON(src []byte) (*value, *syntaxError) {
	p := &parser{src: src, names: make(map[string]string)}
	p.space()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(src) {
		return nil, p.fail("unexpected %s after the document's value", p.describe())
	}
	return v, nil
}

func (p *parser) fail(format string, args ...any) *syntaxError {
	return &syntaxError{offset: p.pos, msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at the current position for an error message.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	c := p.src[p.pos]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func (p *parser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*value, *syntaxError) {
	if p.pos >= len(p.src) {
		return nil, p.fail("unexpected end of input, want a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		start := p.pos
		s, err := p.string(false)
		if err != nil {
			return nil, err
		}
		return p.newValue(value{kind: jsonString, start: start, end: p.pos, str: s}), nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true", value{kind: jsonBool, boolean: true})
	case c == 'f':
		return p.literal("false", value{kind: jsonBool})
	case c == 'n':
		return p.literal("null", value{kind: jsonNull})
	default:
		if p.pos == 0 && bytes.HasPrefix(p.src, []byte("\xEF\xBB\xBF")) {
			return nil, p.fail("the document starts with a byte order mark, which JSON does not allow")
		}
		return nil, p.fail("unexpected %s, want a value", p.describe())
	}
}

func (p *parser) literal(word string, v value) (*value, *syntaxError) {
	if !bytes.HasPrefix(p.src[p.pos:], []byte(word)) {
		return nil, p.fail("unexpected %s, want a value", p.describe())
	}
	v.start = p.pos
	p.pos += len(word)
	v.end = p.pos
	return p.newValue(v), nil
}

// newValue places v in the parser's current slab and returns its address: one allocation per
// slab instead of one per value, which is most of a large description's allocations.
func (p *parser) newValue(v value) *value {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]value, 0, slabSize)
	}
	p.slab = append(p.slab, v)
	return &p.slab[len(p.slab)-1]
}

// slabSize is how many values one allocation holds.
const slabSize = 256

func (p *parser) enter() *syntaxError {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("arrays and objects nest more than %d deep", maxDepth)
	}
	return nil
}

func (p *parser) object() (*value, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := p.newValue(value{kind: jsonObject, start: p.pos})
	p.pos++ // {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		v.end = p.pos
		p.depth--
		return v, nil
	}
	// seen finds duplicate names in wide objects without a quadratic scan; narrow ones, most of
	// a description, are scanned instead, which saves a map per object.
	var seen map[string]struct{}
	for {
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return nil, p.fail("unexpected %s, want a member name", p.describe())
		}
		offset := p.pos
		name, err := p.string(true)
		if err != nil {
			return nil, err
		}
		if seen == nil && len(v.members) == narrowObject {
			seen = make(map[string]struct{}, 2*narrowObject)
			for _, m := range v.members {
				seen[m.name] = struct{}{}
			}
		}
		dup := false
		if seen != nil {
			_, dup = seen[name]
			seen[name] = struct{}{}
		} else {
			dup = v.get(name) != nil
		}
		if dup {
			return nil, &syntaxError{offset: offset, msg: fmt.Sprintf("member %q appears twice in one object", name)}
		}
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.fail("unexpected %s, want ':' after member name %q", p.describe(), name)
		}
		p.pos++
		p.space()
		mv, err := p.value()
		if err != nil {
			return nil, err
		}
		v.members = append(v.members, member{name: name, offset: offset, value: mv})
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			p.space()
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			v.end = p.pos
			p.depth--
			return v, nil
		}
		return nil, p.fail("unexpected %s, want ',' or '}' after member %q", p.describe(), name)
	}
}

func (p *parser) array() (*value, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := p.newValue(value{kind: jsonArray, start: p.pos})
	p.pos++ // [
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		v.end = p.pos
		p.depth--
		return v, nil
	}
	for {
		ev, err := p.value()
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, ev)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			p.space()
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			v.end = p.pos
			p.depth--
			return v, nil
		}
		return nil, p.fail("unexpected %s, want ',' or ']' in an array", p.describe())
	}
}

// number checks JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() (*value, *syntaxError) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.src) && p.src[p.pos] == '0':
		p.pos++
	case p.pos < len(p.src) && p.src[p.pos] >= '1' && p.src[p.pos] <= '9':
		p.digits()
	default:
		return nil, p.fail("unexpected %s in a number, want a digit", p.describe())
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if !p.digits() {
			return nil, p.fail("unexpected %s after a decimal point, want a digit", p.describe())
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			return nil, p.fail("unexpected %s in an exponent, want a digit", p.describe())
		}
	}
	return p.newValue(value{kind: jsonNumber, start: start, end: p.pos}), nil
}

// digits skips a run of decimal digits and reports whether there was one.
func (p *parser) digits() bool {
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// string reads a string literal at p.pos (its opening quote) and returns its decoded text. A
// member name (intern) without escapes is looked up before it is copied, so that a name the
// document repeats costs one string, not one per use.
func (p *parser) string(intern bool) (string, *syntaxError) {
	p.pos++ // "
	start := p.pos
	// Fast path: most strings in a description have no escapes.
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '"' {
			raw := p.src[start:p.pos]
			if intern {
				if s, ok := p.names[string(raw)]; ok {
					p.pos++
					return s, nil
				}
			}
			if !utf8.Valid(raw) {
				return "", p.invalidUTF8(start)
			}
			s := string(raw)
			if intern {
				p.names[s] = s
			}
			p.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.pos++
	}
	var b strings.Builder
	b.Write(p.src[start:p.pos])
	for {
		if p.pos >= len(p.src) {
			return "", p.fail("unexpected end of input in a string")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			s := b.String()
			if !utf8.ValidString(s) {
				return "", p.invalidUTF8(start)
			}
			p.pos++
			return s, nil
		case c < 0x20:
			return "", p.fail("control character 0x%02x in a string; JSON requires it escaped", c)
		case c != '\\':
			b.WriteByte(c)
			p.pos++
			continue
		}
		// An escape.
		if p.pos+1 >= len(p.src) {
			return "", p.fail("unexpected end of input in a string escape")
		}
		e := p.src[p.pos+1]
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := p.hex4(p.pos + 2)
			if !ok {
				return "", p.fail(`invalid \u escape, want four hexadecimal digits`)
			}
			p.pos += 6
			if utf16.IsSurrogate(r) {
				// A surrogate pair is two escapes; a lone half becomes U+FFFD, as in
				// encoding/json.
				if r2, ok := p.hex4(p.pos + 2); ok && p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b.WriteRune(dec)
						p.pos += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
			continue
		default:
			return "", p.fail(`invalid escape \%c in a string`, e)
		}
		p.pos += 2
	}
}

func (p *parser) invalidUTF8(start int) *syntaxError {
	return &syntaxError{offset: start, msg: "a string is not valid UTF-8"}
}

// hex4 decodes the four hexadecimal digits at src[at:].
func (p *parser) hex4(at int) (rune, bool) {
	if at+4 > len(p.src) {
		return 0, false
	}
	var r rune
	for _, c := range p.src[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // the offset at which each line starts

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) line(offset int) int {
	return sort.Search(len(idx), func(i int) bool { return idx[i] > offset })
}
