package webhook

import (
	"errors"
	"strconv"
)

// Encoder writes a JSON body of nested objects and arrays for generated encoders, which call it
// in straight-line code, leaving absent members out themselves:
//
//	e.BeginObject()
//	if o.ID != "" {
//		e.Name("id")
//		e.String(o.ID)
//	}
//	if o.Lines != nil {
//		e.Name("lines")
//		e.BeginArray()
//		for i := range o.Lines {
//			o.Lines[i].encode(e)
//		}
//		e.EndArray()
//	}
//	e.Extra(o.Extra)
//	e.EndObject()
//
// It places the commas. A Number or RawJSON that is not valid JSON (one built by hand rather than
// decoded) is written as null and reported by Err, so that the output is always valid JSON.
type Encoder struct {
	buf   []byte
	comma bool // a value was written at this level: the next name or item needs a comma
	err   error
}

// NewEncoder returns an encoder that appends to dst.
func NewEncoder(dst []byte) *Encoder { return &Encoder{buf: dst} }

// Bytes returns the buffer.
func (e *Encoder) Bytes() []byte { return e.buf }

// Err is the first value that could not be written as given.
func (e *Encoder) Err() error { return e.err }

func (e *Encoder) sep() {
	if e.comma {
		e.buf = append(e.buf, ',')
	}
}

// BeginObject opens an object as the next value.
func (e *Encoder) BeginObject() {
	e.sep()
	e.buf = append(e.buf, '{')
	e.comma = false
}

// EndObject closes the object.
func (e *Encoder) EndObject() {
	e.buf = append(e.buf, '}')
	e.comma = true
}

// BeginArray opens an array as the next value.
func (e *Encoder) BeginArray() {
	e.sep()
	e.buf = append(e.buf, '[')
	e.comma = false
}

// EndArray closes the array.
func (e *Encoder) EndArray() {
	e.buf = append(e.buf, ']')
	e.comma = true
}

// Name writes a member's name; its value follows.
func (e *Encoder) Name(name string) {
	e.sep()
	e.buf = AppendJSONString(e.buf, name)
	e.buf = append(e.buf, ':')
	e.comma = false
}

// String writes text as a JSON string.
func (e *Encoder) String(s string) {
	e.sep()
	e.buf = AppendJSONString(e.buf, s)
	e.comma = true
}

// Int writes an integer.
func (e *Encoder) Int(v int64) {
	e.sep()
	e.buf = strconv.AppendInt(e.buf, v, 10)
	e.comma = true
}

// Bool writes true or false.
func (e *Encoder) Bool(v bool) {
	e.sep()
	e.buf = strconv.AppendBool(e.buf, v)
	e.comma = true
}

// Null writes null.
func (e *Encoder) Null() {
	e.sep()
	e.buf = append(e.buf, "null"...)
	e.comma = true
}

// Number writes a number's literal as it was sent.
func (e *Encoder) Number(n Number) {
	if !isNumberLiteral(string(n)) {
		e.fail("a Number that is not a JSON number literal")
		e.Null()
		return
	}
	e.sep()
	e.buf = append(e.buf, n...)
	e.comma = true
}

// Raw writes a raw JSON value as it was sent.
func (e *Encoder) Raw(v RawJSON) {
	if !validRaw(string(v)) {
		e.fail("a RawJSON that is not one JSON value")
		e.Null()
		return
	}
	e.sep()
	e.buf = append(e.buf, v...)
	e.comma = true
}

// Extra writes kept members, each name with its raw value, in the order they arrived.
func (e *Encoder) Extra(members RawMembers) {
	for _, m := range members {
		e.Name(m.Name)
		e.Raw(m.Value)
	}
}

func (e *Encoder) fail(msg string) {
	if e.err == nil {
		e.err = errors.New("webhook: encoding JSON: " + msg)
	}
}

// validRaw reports whether s is exactly one JSON value, with the decoder's own checks.
func validRaw(s string) bool {
	d := NewDecoder(s)
	d.started, d.pending = true, true
	return d.skipValue() && skipSpace(s, d.i) == len(s)
}
