package webhook

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// FormReader reads the key/value pairs of an application/x-www-form-urlencoded body in order,
// as url.ParseQuery would decode them, but without building a map: keys and values are
// substrings of the body unless percent-encoding or '+' forces a copy. Empty segments
// ("a=1&&b=2") are skipped; a key without '=' has an empty value, except right after a member
// whose name looks secret (LooksSecret): there it is the tail of a value cut by an unencoded '&',
// and an error, for kept as a member its name would print part of the password. Malformed
// percent-encoding, an empty key, invalid UTF-8 and over-long values are errors too. A UTF-8
// byte order mark before the first key is skipped.
type FormReader struct {
	s     string
	arena arena
	i     int
	key   text // see JSONReader
	value text
	done  bool
	err   error
}

// NewFormReader returns a reader of body.
func NewFormReader(body string) FormReader { return FormReader{s: body} }

// Key is the current pair's key.
func (r *FormReader) Key() string { return r.key.in(r.s) }

// Value is the current pair's value.
func (r *FormReader) Value() string { return r.value.in(r.s) }

// Err is the error that stopped Next, or nil when the body was read to its end.
func (r *FormReader) Err() error { return r.err }

// Fail stops the reader with an error about the current pair (a key sent twice).
func (r *FormReader) Fail(msg string) {
	if r.err == nil {
		r.err = &DecodeError{Format: "form", Offset: r.i, Key: r.Key(), Msg: msg}
	}
	r.done = true
}

// Next advances to the next pair. It returns false at the end of the body or on an error.
func (r *FormReader) Next() bool {
	for !r.done && r.i < len(r.s) {
		start := r.i
		seg := r.s[start:]
		if j := strings.IndexByte(seg, '&'); j >= 0 {
			seg = seg[:j]
			r.i += j + 1
		} else {
			r.i = len(r.s)
		}
		if seg == "" {
			continue
		}
		if start == 0 && strings.HasPrefix(seg, bom) {
			seg = seg[len(bom):] // a BOM is not part of the first key
			start = len(bom)
		}
		rawKey, rawValue, hasValue := strings.Cut(seg, "=")
		if !hasValue && LooksSecret(r.Key()) {
			// r.Key is still the previous pair's. A vendor that does not encode an '&' in a
			// password cuts it in two, and the tail, a key without '=', would be kept and
			// printed as a member name: the body cannot be read as sent.
			return r.failAt(start, "the pair after it has no '=': its value looks cut by an unencoded '&'")
		}
		if len(rawKey) > MaxValueBytes || len(rawValue) > MaxValueBytes {
			r.key.span(0, 0)
			return r.failAt(start, fmt.Sprintf("pair longer than %d bytes", MaxValueBytes))
		}
		key, msg := unescapeForm(&r.arena, len(r.s), rawKey)
		if msg != "" {
			r.key.span(start, start+len(rawKey))
			return r.failAt(start, "key: "+msg)
		}
		if key == "" {
			r.key.span(0, 0)
			return r.failAt(start, "empty key (a pair starts with '=')")
		}
		value, msg := unescapeForm(&r.arena, len(r.s), rawValue)
		r.key.from(key, rawKey, start)
		if msg != "" {
			return r.failAt(start+len(rawKey)+1, msg)
		}
		r.value.from(value, rawValue, start+len(rawKey)+1)
		return true
	}
	r.done = true
	r.key.span(0, 0)
	r.value.span(0, 0)
	return false
}

func (r *FormReader) failAt(offset int, msg string) bool {
	r.err = &DecodeError{Format: "form", Offset: offset, Key: r.Key(), Msg: msg}
	r.done = true
	return false
}

// unescapeForm decodes '+' and %XX as url.QueryUnescape does, into the arena; the decoded text
// must be UTF-8. total is the body's length.
func unescapeForm(a *arena, total int, s string) (string, string) {
	i := 0
	for i < len(s) && formPlain[s[i]] {
		i++
	}
	if i == len(s) {
		return s, "" // most keys and values: nothing to decode or to check
	}
	if strings.IndexByte(s[i:], '%') < 0 && strings.IndexByte(s[i:], '+') < 0 {
		if !utf8.ValidString(s) {
			return "", "not valid UTF-8"
		}
		return s, ""
	}
	a.reserve(len(s), total)
	start := len(a.buf)
	buf := append(a.buf, s[:i]...) // a local slice: appends to a.buf would store it each time
	for i < len(s) {
		switch c := s[i]; c {
		case '+':
			buf = append(buf, ' ')
			i++
		case '%':
			if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
				a.buf = buf
				return "", fmt.Sprintf("invalid percent-encoding at its byte %d", i)
			}
			buf = append(buf, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 3
		default:
			j := i + 1
			for j < len(s) && s[j] != '%' && s[j] != '+' {
				j++
			}
			buf = append(buf, s[i:j]...)
			i = j
		}
	}
	a.buf = buf
	out := a.since(start)
	if !utf8.ValidString(out) {
		return "", "not valid UTF-8 once percent-decoded"
	}
	return out, ""
}

// formPlain marks the bytes a form component holds as they are: ASCII other than '%' and '+'.
var formPlain = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c != '%' && c != '+'
	}
	return t
}()

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// AppendQueryEscaped appends s escaped for a form body, as url.QueryEscape escapes it.
func AppendQueryEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~':
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&0xf])
		}
	}
	return dst
}

const upperHex = "0123456789ABCDEF"

// Field is a member that a generated type has no Go field for: a pass-through variable, or a
// field the vendor added after the spec was captured. Decoders keep them, in arrival order, so
// that nothing in a payload is dropped.
type Field struct {
	Name  string
	Value string
}

// Fields are the kept members of one event.
type Fields []Field

// Get returns the value of the first member named name.
func (f Fields) Get(name string) (string, bool) {
	for _, m := range f {
		if m.Name == name {
			return m.Value, true
		}
	}
	return "", false
}

// ReadValues gives parsed form values (url.Values, as net/http's Request.PostForm holds them) to
// set, one key/value pair at a time in key order, with the checks FormReader makes of a body:
// no empty key, valid UTF-8, no value longer than MaxValueBytes. A key with several values
// gives set each of them. set returns why a pair cannot be stored, or "".
func ReadValues(values url.Values, set func(key, value string) string) error {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fail := func(key, msg string) error { return &DecodeError{Format: "form", Offset: -1, Key: key, Msg: msg} }
	for _, key := range keys {
		switch {
		case key == "":
			return fail(key, "empty key")
		case len(key) > MaxValueBytes:
			return fail("", fmt.Sprintf("key longer than %d bytes", MaxValueBytes))
		case !utf8.ValidString(key):
			return fail(strings.ToValidUTF8(key, "\uFFFD"), "key: invalid UTF-8")
		}
		for _, value := range values[key] {
			switch {
			case len(value) > MaxValueBytes:
				return fail(key, fmt.Sprintf("value longer than %d bytes", MaxValueBytes))
			case !utf8.ValidString(value):
				return fail(key, "invalid UTF-8")
			}
			if msg := set(key, value); msg != "" {
				return fail(key, msg)
			}
		}
	}
	return nil
}
