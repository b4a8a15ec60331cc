package webhook

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/hookspec/hookspec/webhook/inttext"
	"github.com/hookspec/hookspec/webhook/numtext"
)

// MaxDepth bounds how deeply a body's objects and arrays may nest. Vendors nest a few levels
// (an envelope, a resource, its line items); a body nested deeper is an attack or a bug, and a
// bound keeps the decoder's memory fixed and its work linear in the body.
const MaxDepth = 32

// Decoder reads a JSON body of nested objects and arrays for generated decoders: they walk an
// object with Member and Key, an array with Item, and read each value with the method of its
// type, in straight-line code:
//
//	d := webhook.NewDecoder(body)
//	if d.Object() {
//		for d.Member() {
//			switch d.Key() {
//			case "id":
//				o.ID = d.Text()
//			case "lines":
//				for d.Array(); d.Item(); {
//					o.Lines = append(o.Lines, Line{})
//					o.Lines[len(o.Lines)-1].decode(&d)
//				}
//			default:
//				o.Extra = d.Extra(o.Extra)
//			}
//		}
//	}
//	err := d.End()
//
// A member's value that the caller does not read is skipped (and checked) by the next call to
// Member. The first problem stops the decoder: every method then returns false or a zero value,
// so loops end, and End returns a *DecodeError naming the byte offset and the member's path
// ("content.subscription.subscription_items[2].item_price_id"). Messages never quote a value,
// which may be a secret.
//
// Keys and text are substrings of the body wherever no escape sequence forces a copy; escaped
// text is decoded into one buffer per body. The decoder allocates nothing else.
type Decoder struct {
	s       string
	i       int
	arena   arena
	err     error
	depth   int
	frames  [MaxDepth]frame
	pending bool // a member's or item's value is next and has not been read
	// keySets hold the keys of long maps, by depth (seenKey).
	keySets [MaxDepth]map[string]struct{}
	// skim makes Member and Item pass over unread values without checking them, for a first
	// look at a body that the decoder reads in full, and checks, afterwards.
	skim    bool
	started bool
	kind    ValueKind // the JSON type of the last scalar read
	// numForm is the form of the last number scanned, which says how Text writes it plainly,
	// and num the number itself when the form is an exponent's (parsed to be measured).
	numForm numberForm
	num     numtext.Number
	// growth is how much longer than their literals the body's numbers scanned so far are,
	// written plainly.
	growth numberGrowth
}

// numberForm is what a number literal holds besides its integer part.
type numberForm uint8

const (
	numberInteger  numberForm = iota // 840: plain as it is, but for -0
	numberFraction                   // 4.90: plain once its fraction's last zeros are gone
	numberExponent                   // 1e3: written out
)

// frame is one open object or array: the member being read (its key) or the item's index.
type frame struct {
	array bool
	first bool
	index int
	key   text
}

// NewDecoder returns a decoder of body, which must hold one JSON value (an object, for every
// vendor body). A leading UTF-8 byte order mark is skipped.
func NewDecoder(body string) Decoder { return Decoder{s: body} }

// Err is the first problem found, or nil.
func (d *Decoder) Err() error { return d.err }

// Offset is the byte offset the decoder has reached.
func (d *Decoder) Offset() int { return d.i }

// Kind is the JSON type of the last scalar value read.
func (d *Decoder) Kind() ValueKind { return d.kind }

// End finishes the body: after the outermost value only whitespace may follow. It returns the
// first problem found, or nil.
func (d *Decoder) End() error {
	if d.err != nil {
		return d.err
	}
	if d.depth > 0 {
		return d.errorf("the decoder was left inside the body")
	}
	if !d.started {
		return d.errorf("empty body: expected a JSON object")
	}
	if i := skipSpace(d.s, d.i); i < len(d.s) {
		d.i = i
		d.failf("data after the object: %s", describe(d.s, i))
	}
	return d.err
}

// Fail stops the decoder with a problem about the current member, for callers that find one the
// syntax does not show (a key sent twice, a value out of a type's range).
func (d *Decoder) Fail(msg string) {
	if d.err == nil {
		d.err = &DecodeError{Format: "json", Offset: d.i, Key: d.Path(), Msg: msg}
	}
}

func (d *Decoder) failf(format string, args ...any) { d.Fail(fmt.Sprintf(format, args...)) }

func (d *Decoder) errorf(format string, args ...any) error {
	d.failf(format, args...)
	return d.err
}

// Seen marks a key as read and reports whether it had been read before, in which case the
// decoder has failed with MsgRepeated: generated decoders keep one flag per spelling, so a key
// sent twice is an error instead of a silent overwrite.
func (d *Decoder) Seen(flag *bool) bool {
	if !*flag {
		*flag = true
		return false
	}
	d.repeated()
	return true
}

// repeated fails on a key sent twice, out of Seen's line so that Seen is inlined.
func (d *Decoder) repeated() { d.Fail(MsgRepeated) }

// Path is the current member's path: keys joined with dots, array indexes in brackets
// ("content.subscription.subscription_items[2].item_price_id"); "" at the top.
func (d *Decoder) Path() string {
	var b strings.Builder
	for i := 0; i < d.depth; i++ {
		f := &d.frames[i]
		if f.array {
			if !f.first {
				b.WriteByte('[')
				b.WriteString(strconv.Itoa(f.index))
				b.WriteByte(']')
			}
			continue
		}
		if f.first {
			break // no member read yet
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key.in(d.s))
	}
	return b.String()
}

// Key is the current member's key.
func (d *Decoder) Key() string {
	if d.depth == 0 {
		return ""
	}
	return d.frames[d.depth-1].key.in(d.s)
}

// Object enters the value that is next, which must be an object, and reports whether it did;
// null is an absent object (false, no problem). At the start of the body it enters the body.
func (d *Decoder) Object() bool { return d.enter('{') }

// Array enters the value that is next, which must be an array, and reports whether it did; null
// is an absent array (false, no problem).
func (d *Decoder) Array() bool { return d.enter('[') }

func (d *Decoder) enter(open byte) bool {
	if d.err != nil {
		return false
	}
	top := !d.started
	i, ok := d.next()
	if !ok {
		return false
	}
	s := d.s
	switch {
	case s[i] == open:
	case s[i] == 'n' && strings.HasPrefix(s[i:], "null") && !top:
		d.i = i + 4
		return false
	default:
		d.i = i
		what := "an object"
		if open == '[' {
			what = "an array"
		}
		d.failf("expected %s, found %s", what, describeValue(s, i))
		return false
	}
	if d.depth == MaxDepth {
		d.i = i
		d.failf("nested more than %d levels deep", MaxDepth)
		return false
	}
	d.frames[d.depth] = frame{array: open == '[', first: true}
	d.depth++
	d.i = i + 1
	return true
}

// next positions the decoder at the value that is next and returns its offset: the pending
// member's or item's value, or the body itself at the start.
func (d *Decoder) next() (int, bool) {
	top := false
	switch {
	case d.pending:
		d.pending = false
	case !d.started:
		d.started, top = true, true
		if strings.HasPrefix(d.s, bom) {
			d.i = len(bom) // a BOM is not part of the value; some senders write one
		}
	default:
		d.Fail("no value to read here (a generated decoder called the decoder out of order)")
		return 0, false
	}
	i := skipSpace(d.s, d.i)
	if i >= len(d.s) {
		d.i = i
		if top {
			d.Fail("empty body: expected a JSON object")
		} else {
			d.Fail("unexpected end of body: expected a value")
		}
		return 0, false
	}
	return i, true
}

// Member advances to the next member of the object the decoder is in, skipping the previous
// member's value if it was not read. It returns false at the object's end (leaving it) or on a
// problem.
func (d *Decoder) Member() bool {
	if d.err != nil || d.depth == 0 || d.frames[d.depth-1].array {
		if d.err == nil {
			d.Fail("Member outside an object (a generated decoder called the decoder out of order)")
		}
		return false
	}
	if d.pending && !d.passValue() {
		return false
	}
	f := &d.frames[d.depth-1]
	s := d.s
	i := skipSpace(s, d.i)
	switch {
	case i >= len(s):
		d.i = i
		d.Fail("unexpected end of body: expected a key or '}'")
		return false
	case s[i] == '}':
		d.i = i + 1
		d.leave()
		return false
	case f.first:
		f.first = false
	case s[i] != ',':
		d.i = i
		d.failf("expected ',' or '}' after a value, found %s", describe(s, i))
		return false
	default:
		i = skipSpace(s, i+1)
		if i < len(s) && s[i] == '}' {
			d.i = i
			d.Fail("a comma before '}'")
			return false
		}
	}
	if i >= len(s) || s[i] != '"' {
		d.i = i
		d.failf("expected a key in double quotes, found %s", describe(s, i))
		return false
	}
	if end := plainEnd(s, i+1); end < len(s) && s[end] == '"' && end-i-1 <= MaxValueBytes {
		f.key.span(i+1, end)
		i = end + 1
	} else {
		d.i = i
		key, ok := d.str()
		if !ok {
			return false
		}
		f.key.from(key, s[i+1:d.i-1], i+1)
		i = d.i
	}
	i = skipSpace(s, i)
	if i >= len(s) || s[i] != ':' {
		d.i = i
		d.failf("expected ':' after the key, found %s", describe(s, i))
		return false
	}
	d.i = i + 1
	d.pending = true
	return true
}

// Item advances to the next item of the array the decoder is in, skipping the previous item if
// it was not read. It returns false at the array's end (leaving it) or on a problem.
func (d *Decoder) Item() bool {
	if d.err != nil || d.depth == 0 || !d.frames[d.depth-1].array {
		if d.err == nil {
			d.Fail("Item outside an array (a generated decoder called the decoder out of order)")
		}
		return false
	}
	if d.pending && !d.passValue() {
		return false
	}
	f := &d.frames[d.depth-1]
	s := d.s
	i := skipSpace(s, d.i)
	switch {
	case i >= len(s):
		d.i = i
		d.Fail("unexpected end of body: expected a value or ']'")
		return false
	case s[i] == ']':
		d.i = i + 1
		d.leave()
		return false
	case f.first:
		f.first = false
		d.i = i
	case s[i] != ',':
		d.i = i
		d.failf("expected ',' or ']' after a value, found %s", describe(s, i))
		return false
	default:
		f.index++
		i = skipSpace(s, i+1)
		if i < len(s) && s[i] == ']' {
			d.i = i
			d.Fail("a comma before ']'")
			return false
		}
		d.i = i
	}
	d.pending = true
	return true
}

func (d *Decoder) leave() {
	d.depth--
	d.frames[d.depth] = frame{}
}

// Skip reads past the value that is next, checking its syntax.
func (d *Decoder) Skip() {
	if d.err == nil && d.pending {
		d.skipValue()
	}
}

// Text reads the next value as text: a string's contents, a number's value written plainly
// ("840" for 840, "4.9" for 4.90, "1000" for 1e3; see Numbers in the package documentation),
// "true" or "false"; "" for null. An object or an array is a problem: the member is a single
// value.
func (d *Decoder) Text() string {
	text, _, ok := d.scalar()
	if ok && d.kind == KindNumber {
		return d.plainNumber(text)
	}
	return text
}

// plainNumber is the plain form of lit, the number literal scalar has just read.
func (d *Decoder) plainNumber(lit string) string {
	if d.numForm == numberExponent {
		return plainExponent(&d.arena, len(d.s), d.num, lit)
	}
	from, to := plainBounds(lit, d.numForm == numberFraction)
	return lit[from:to]
}

// Int reads the next value as an integer: a number (an integer, or a decimal or exponent form
// whose value is whole) or a string holding one; null is absent. A value outside int64, or not
// a whole number, is a problem.
func (d *Decoder) Int() Int {
	lit, start, ok := d.scalar()
	if !ok || d.kind == KindNull {
		return Int{}
	}
	if d.kind == KindBool {
		d.i = start
		d.Fail("expected an integer, found true or false")
		return Int{}
	}
	if d.kind == KindString && !inttext.IsInteger(lit) {
		// Text holds an integer only as digits, as the JSON Schemas say; exponent and decimal
		// forms are for numbers.
		d.i = start
		d.Fail("expected an integer")
		return Int{}
	}
	v, ok := integerValue(lit)
	if !ok {
		d.i = start
		if isNumberLiteral(lit) {
			d.Fail("not a whole number within the 64-bit integer range")
		} else {
			d.Fail("expected an integer")
		}
		return Int{}
	}
	return Int{Value: v, Set: true}
}

// UnixTime reads the next value as a time in whole seconds, as Int does.
func (d *Decoder) UnixTime() UnixTime {
	v := d.Int()
	return UnixTime{Seconds: v.Value, Set: v.Set}
}

// UnixMillis reads the next value as a time in milliseconds, as Int does.
func (d *Decoder) UnixMillis() UnixMillis {
	v := d.Int()
	return UnixMillis{Millis: v.Value, Set: v.Set}
}

// Bool reads the next value as true or false, or a string holding either; null is absent.
func (d *Decoder) Bool() Bool {
	v, start, ok := d.scalar()
	if !ok || d.kind == KindNull {
		return Bool{}
	}
	switch v {
	case "true":
		return Bool{Value: true, Set: true}
	case "false":
		return Bool{Set: true}
	}
	d.i = start
	d.Fail("expected true or false")
	return Bool{}
}

// Number reads the next value as a number's literal, or a string holding a number literal;
// null is absent.
func (d *Decoder) Number() Number {
	lit, start, ok := d.scalar()
	if !ok || d.kind == KindNull {
		return ""
	}
	if d.kind == KindNumber || d.kind == KindString && isNumberLiteral(lit) {
		return Number(lit)
	}
	d.i = start
	d.Fail("expected a number")
	return ""
}

// Raw reads the next value, whatever its shape, and returns it as sent (syntax checked); null is
// absent ("").
func (d *Decoder) Raw() RawJSON {
	if d.err != nil || !d.pending {
		if d.err == nil {
			d.Fail("no value to read here (a generated decoder called the decoder out of order)")
		}
		return ""
	}
	start := skipSpace(d.s, d.i)
	if !d.skipValue() {
		return ""
	}
	raw := d.s[start:d.i]
	if raw == "null" {
		return ""
	}
	return RawJSON(raw)
}

// Extra keeps the current member, key and raw value, in kept, or counts it in omitted once kept
// holds MaxExtraMembers members or MaxExtraBytes of names and values, as KeepExtra does for
// flat bodies. A null value is kept as null: the key itself is information. A key kept already
// stops the decoder (MsgRepeated), as a defined member sent twice does; past the caps, where
// members are only counted, a repeat is counted too.
func (d *Decoder) Extra(kept *RawMembers, omitted *Omitted) {
	key := d.Key()
	if omitted.Members == 0 && d.seenKey(len(*kept), key, func(i int) string { return (*kept)[i].Name }) {
		d.repeated()
		return
	}
	start := skipSpace(d.s, d.i)
	if d.err != nil || !d.pending || !d.skipValue() {
		return
	}
	value := RawJSON(d.s[start:d.i])
	size := len(key) + len(value)
	if omitted.Members == 0 && len(*kept) < MaxExtraMembers {
		for _, m := range *kept {
			size += len(m.Name) + len(m.Value)
		}
		if size <= MaxExtraBytes {
			*kept = append(*kept, RawMember{Name: key, Value: value})
			return
		}
	}
	omitted.Members++
	omitted.Bytes += len(key) + len(value)
}

// Len counts the items of the array, or the members of the object, that the decoder has just
// entered (by Array or Object), without reading them, so that a generated decoder allocates
// each slice once at its final size. It is a quick count of the separators at the container's
// own level, not a check: the decoder's next steps check what it counted. It returns 0 after a
// problem, or when called elsewhere.
func (d *Decoder) Len() int {
	if d.err != nil || d.depth == 0 || !d.frames[d.depth-1].first || d.pending {
		return 0
	}
	return countMembers(d.s, d.i, MaxDepth-d.depth)
}

// countMembers counts the values of the container whose contents start at s[i]: one more than
// its commas at its own level, none when it is empty. It stops at the container's end, at the
// body's end, or deeper than maxDepth, which the real pass reports.
func countMembers(s string, i, maxDepth int) int {
	depth, commas := 0, 0
	empty := true
	for {
		// Runs of bytes that cannot open, close or separate anything (letters, digits, ':',
		// spaces) are skipped in a tight loop.
		for i < len(s) && !structural[s[i]] {
			if s[i] > ' ' {
				empty = false
			}
			i++
		}
		if i >= len(s) {
			return 0
		}
		switch s[i] {
		case '"':
			empty = false
			if i = stringEnd(s, i); i < 0 {
				return 0
			}
		case '{', '[':
			empty = false
			if depth++; depth > maxDepth {
				return 0
			}
		case '}', ']':
			if depth == 0 {
				if empty {
					return 0
				}
				return commas + 1
			}
			depth--
		case ',':
			if depth == 0 {
				commas++
			}
		}
		i++
	}
}

// structural marks the bytes countMembers stops at.
var structural = func() (t [256]bool) {
	for _, c := range []byte(`"{}[],`) {
		t[c] = true
	}
	return t
}()

// stringEnd returns the index of the quote that ends the string literal opening at s[i], or -1:
// the next quote with an even number of backslashes before it, which IndexByte finds many bytes
// at a time.
func stringEnd(s string, i int) int {
	for {
		j := strings.IndexByte(s[i+1:], '"')
		if j < 0 {
			return -1
		}
		i += 1 + j
		backslashes := 0
		for k := i - 1; k >= 0 && s[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i
		}
	}
}

// scalar reads the next value, which must be a single value, and returns its text (a
// string's contents, decoded; a literal as sent; "" for null) and the offset where it starts.
func (d *Decoder) scalar() (text string, start int, ok bool) {
	if d.err != nil {
		return "", 0, false
	}
	i, ok := d.next()
	if !ok {
		return "", 0, false
	}
	s := d.s
	switch c := s[i]; {
	case c == '"':
		if e := plainEndWide(s, i+1); e < len(s) && s[e] == '"' && e-i-1 <= MaxValueBytes {
			d.i, d.kind = e+1, KindString
			return s[i+1 : e], i, true
		}
		d.i = i
		text, ok := d.str()
		if !ok {
			return "", 0, false
		}
		d.kind = KindString
		return text, i, true
	case c == '-' || '0' <= c && c <= '9':
		e, ok := d.number(i)
		if !ok {
			return "", 0, false
		}
		d.i, d.kind = e, KindNumber
		return s[i:e], i, true
	case c == 't' && strings.HasPrefix(s[i:], "true"):
		d.i, d.kind = i+4, KindBool
		return "true", i, true
	case c == 'f' && strings.HasPrefix(s[i:], "false"):
		d.i, d.kind = i+5, KindBool
		return "false", i, true
	case c == 'n' && strings.HasPrefix(s[i:], "null"):
		d.i, d.kind = i+4, KindNull
		return "", i, true
	}
	d.i = i
	d.failf("expected a single value, found %s", describeValue(s, i))
	return "", 0, false
}

// number scans a number literal at i and returns its end. It records the literal's form for
// Text and measures a number with an exponent against the bounds on plain forms (see Numbers in
// the package documentation), whichever method reads it, so that every way of reading a body
// refuses the same bodies.
func (d *Decoder) number(i int) (int, bool) {
	s, start := d.s, i
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	bad := func() (int, bool) {
		d.i = start
		d.failf("malformed number of %d bytes", i-start)
		return 0, false
	}
	intStart := i
	if n := digits(); n == 0 || n > 1 && s[intStart] == '0' {
		return bad()
	}
	form := numberInteger
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return bad()
		}
		form = numberFraction
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return bad()
		}
		form = numberExponent
	}
	if i-start > MaxValueBytes {
		d.i = start
		d.failf("number longer than %d bytes", MaxValueBytes)
		return 0, false
	}
	d.numForm = form
	if form == numberExponent {
		n, msg := d.growth.add(s[start:i])
		if msg != "" {
			d.i = start
			d.Fail(msg)
			return 0, false
		}
		d.num = n
	}
	return i, true
}

// str reads a string literal at d.i, checking it, and leaves d.i past its closing quote. It
// returns the decoded text.
func (d *Decoder) str() (string, bool) {
	s, start := d.s, d.i+1
	escaped, ascii := false, true
	j := start
	for ; j < len(s); j++ {
		j = plainEnd(s, j)
		if j >= len(s) {
			break
		}
		c := s[j]
		if c == '"' {
			break
		}
		switch {
		case c < 0x20:
			d.i = j
			d.failf("control character %#02x inside a string", c)
			return "", false
		case c == '\\':
			escaped = true
			j++ // the escaped character cannot end the string
		default:
			ascii = false
		}
	}
	if j >= len(s) {
		d.i = len(s)
		d.Fail("unexpected end of body inside a string")
		return "", false
	}
	raw := s[start:j]
	if len(raw) > MaxValueBytes {
		d.i = start
		d.failf("string longer than %d bytes", MaxValueBytes)
		return "", false
	}
	if !ascii && !utf8.ValidString(raw) {
		d.i = start
		d.Fail("string is not valid UTF-8")
		return "", false
	}
	d.i = j + 1
	if !escaped {
		return raw, true
	}
	out, msg := unescapeJSON(&d.arena, len(s), raw)
	if msg != "" {
		d.i = start
		d.Fail(msg)
		return "", false
	}
	return out, true
}

// skipValue reads past the pending value, checking its syntax, without recursion: nested
// containers are tracked by a count of open brackets bounded by what is left of MaxDepth.
func (d *Decoder) skipValue() bool {
	i, ok := d.next()
	if !ok {
		return false
	}
	s := d.s
	var open [MaxDepth]byte // the closing bracket of each container entered here
	n := 0
	expectValue := true
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			d.i = i
			d.Fail("unexpected end of body inside a value")
			return false
		}
		c := s[i]
		if !expectValue {
			switch {
			case n == 0:
				d.i = i
				return true
			case c == ',':
				i++
				if open[n-1] == '}' {
					if !d.skipKey(&i) {
						return false
					}
				}
				expectValue = true
				continue
			case c == open[n-1]:
				n--
				i++
				if n == 0 {
					d.i = i
					return true
				}
				continue
			default:
				d.i = i
				d.failf("expected ',' or '%c', found %s", open[n-1], describe(s, i))
				return false
			}
		}
		switch {
		case c == '{' || c == '[':
			if d.depth+n >= MaxDepth {
				d.i = i
				d.failf("nested more than %d levels deep", MaxDepth)
				return false
			}
			close := byte('}')
			if c == '[' {
				close = ']'
			}
			open[n] = close
			n++
			i = skipSpace(s, i+1)
			if i < len(s) && s[i] == close {
				n--
				i++
				if n == 0 {
					d.i = i
					return true
				}
				expectValue = false
				continue
			}
			if c == '{' && !d.skipKey(&i) {
				return false
			}
			continue
		case c == '"':
			d.i = i
			if _, ok := d.scanString(); !ok {
				return false
			}
			i = d.i
		case c == '-' || '0' <= c && c <= '9':
			e, ok := d.number(i)
			if !ok {
				return false
			}
			i = e
		case c == 't' && strings.HasPrefix(s[i:], "true"):
			i += 4
		case c == 'f' && strings.HasPrefix(s[i:], "false"):
			i += 5
		case c == 'n' && strings.HasPrefix(s[i:], "null"):
			i += 4
		default:
			d.i = i
			d.failf("expected a value, found %s", describe(s, i))
			return false
		}
		expectValue = false
		if n == 0 {
			d.i = i
			return true
		}
	}
}

// skipKey reads `"key":` at *i inside a skipped object.
func (d *Decoder) skipKey(i *int) bool {
	s := d.s
	j := skipSpace(s, *i)
	if j >= len(s) || s[j] != '"' {
		d.i = j
		d.failf("expected a key in double quotes, found %s", describe(s, j))
		return false
	}
	d.i = j
	if _, ok := d.scanString(); !ok {
		return false
	}
	j = skipSpace(s, d.i)
	if j >= len(s) || s[j] != ':' {
		d.i = j
		d.failf("expected ':' after the key, found %s", describe(s, j))
		return false
	}
	*i = j + 1
	return true
}

// scanString checks the string literal at d.i without decoding it and leaves d.i past it.
func (d *Decoder) scanString() (bool, bool) {
	s, start := d.s, d.i+1
	if e := plainEnd(s, start); e < len(s) && s[e] == '"' && e-start <= MaxValueBytes {
		d.i = e + 1
		return false, true
	}
	before := d.i
	_, ok := d.str() // the rare path: escapes or non-ASCII; decoding checks the escapes
	if ok && strings.IndexByte(s[before:d.i], '\\') >= 0 {
		return true, true
	}
	return false, ok
}

// describeValue names the shape of the value at s[i] for messages, never its text.
func describeValue(s string, i int) string {
	if i >= len(s) {
		return "the end of the body"
	}
	switch c := s[i]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case c == 't' || c == 'f':
		return "true or false"
	}
	return describe(s, i)
}

// The shapes Peek reports besides the scalar kinds.
const (
	KindObject ValueKind = KindNull + 1 + iota
	KindArray
)

// Peek reports the JSON type of the value that is next, without reading it, for callers that
// accept more than one shape; 0 when there is none (or after a problem).
func (d *Decoder) Peek() ValueKind {
	if d.err != nil || !d.pending && d.started {
		return 0
	}
	i := d.i
	if !d.started && strings.HasPrefix(d.s, bom) {
		i = len(bom)
	}
	i = skipSpace(d.s, i)
	if i >= len(d.s) {
		return 0
	}
	switch c := d.s[i]; {
	case c == '{':
		return KindObject
	case c == '[':
		return KindArray
	case c == '"':
		return KindString
	case c == 't' || c == 'f':
		return KindBool
	case c == 'n':
		return KindNull
	case c == '-' || '0' <= c && c <= '9':
		return KindNumber
	}
	return 0
}

// plainEndWide is plainEnd eight bytes at a time, for values, which in nested bodies are often
// long (ids, descriptions). It stops at the first word holding a byte that is not plain (below
// 0x20, a quote, a backslash or non-ASCII) and lets plainEnd find which; every word test is exact
// about whether such a byte is there, so nothing is skipped.
func plainEndWide(s string, i int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for i+8 <= len(s) {
		w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
		below := (w - 0x20*ones) & ^w & highs // a byte below 0x20 (or a non-ASCII one)
		q, b := w^('"'*ones), w^('\\'*ones)
		quote := (q - ones) & ^q & highs
		backslash := (b - ones) & ^b & highs
		if below|quote|backslash|w&highs != 0 {
			break
		}
		i += 8
	}
	return plainEnd(s, i)
}

// linearKeys is how many keys of a map seenKey compares one by one; past it, it keeps them in a
// set, so that a body of a million entries costs time linear in it.
const linearKeys = 32

// seenKey reports whether key is among the n keys a map being decoded holds already (key(i)
// is its i-th key). The set of a long map belongs to the map's depth: a map at that depth is the
// only one being decoded there, and a new one starts with n == 0.
func (d *Decoder) seenKey(n int, key string, keyAt func(int) string) bool {
	if n < linearKeys {
		for i := range n {
			if keyAt(i) == key {
				return true
			}
		}
		return false
	}
	depth := d.depth - 1
	set := d.keySets[depth]
	if n == linearKeys || set == nil {
		set = make(map[string]struct{}, 2*n)
		for i := range n {
			set[keyAt(i)] = struct{}{}
		}
		d.keySets[depth] = set
	}
	if _, dup := set[key]; dup {
		return true
	}
	set[key] = struct{}{}
	return false
}

// passValue moves past the pending value: checking it, or, when skimming, only finding its end.
func (d *Decoder) passValue() bool {
	if !d.skim {
		return d.skipValue()
	}
	d.pending = false
	end := skimEnd(d.s, skipSpace(d.s, d.i), MaxDepth-d.depth)
	if end < 0 {
		d.i = len(d.s)
		d.Fail("unexpected end of body inside a value")
		return false
	}
	d.i = end
	return true
}

// skimEnd returns the index just past the value starting at s[i], found by its brackets and
// strings alone (strings jumped over with IndexByte), or -1 when the body ends first or nests
// deeper than maxDepth. It checks nothing else.
func skimEnd(s string, i, maxDepth int) int {
	if i >= len(s) {
		return -1
	}
	switch s[i] {
	case '"':
		if j := stringEnd(s, i); j >= 0 {
			return j + 1
		}
		return -1
	case '{', '[':
		depth := 0
		for ; i < len(s); i++ {
			for i < len(s) && !structural[s[i]] {
				i++
			}
			if i >= len(s) {
				return -1
			}
			switch s[i] {
			case '"':
				if i = stringEnd(s, i); i < 0 {
					return -1
				}
			case '{', '[':
				if depth++; depth > maxDepth {
					return -1
				}
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	for i < len(s) && !structural[s[i]] && s[i] > ' ' {
		i++
	}
	return i
}
