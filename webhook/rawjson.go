package webhook

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// The redaction rule (redact.go) applied to the values of nested bodies: a raw JSON value is
// printed with the values of its secret-looking members redacted at any depth, and kept members
// a type does not define are printed by name only.

// Redacted returns the value with every member whose name looks secret (LooksSecret) replaced
// by "[redacted]", at any depth, for logs and messages; "" stays "". A value that is not JSON
// (one built by hand) gives "[invalid JSON]".
func (r RawJSON) Redacted() string {
	if r == "" {
		return ""
	}
	d := NewDecoder(string(r))
	d.started, d.pending = true, true
	e := NewEncoder(make([]byte, 0, len(r)))
	redactValue(&d, e, false)
	if d.err != nil || skipSpace(d.s, d.i) != len(d.s) {
		return "[invalid JSON]"
	}
	return string(e.Bytes())
}

func redactValue(d *Decoder, e *Encoder, secret bool) {
	if secret {
		d.Skip()
		e.String(Redacted)
		return
	}
	switch d.Peek() {
	case KindObject:
		e.BeginObject()
		if d.Object() {
			for d.Member() {
				e.Name(d.Key())
				redactValue(d, e, LooksSecret(d.Key()))
			}
		}
		e.EndObject()
	case KindArray:
		e.BeginArray()
		if d.Array() {
			for d.Item() {
				redactValue(d, e, false)
			}
		}
		e.EndArray()
	default:
		start := skipSpace(d.s, d.i)
		d.Skip()
		if d.err == nil {
			e.sep()
			e.buf = append(e.buf, d.s[start:d.i]...)
			e.comma = true
		}
	}
}

// Format prints the value as Redacted does, for every verb. Convert it to use the value:
// string(r).
func (r RawJSON) Format(s fmt.State, _ rune) { io.WriteString(s, r.Redacted()) }

// LogValue logs the value as Redacted does.
func (r RawJSON) LogValue() slog.Value { return slog.StringValue(r.Redacted()) }

// Format prints a kept member as its name and [redacted], for every verb: a member a type does
// not define is never printed by fmt. Read Value to use it.
func (m RawMember) Format(s fmt.State, _ rune) {
	io.WriteString(s, ShowName(m.Name))
	io.WriteString(s, "=")
	io.WriteString(s, Redacted)
}

// Format prints the kept members by name, each value as [redacted], for every verb, at most
// MaxExtraMembers of them.
func (m RawMembers) Format(s fmt.State, _ rune) {
	io.WriteString(s, "[")
	for i, r := range m {
		if i == MaxExtraMembers {
			io.WriteString(s, " …"+strconv.Itoa(len(m)-i)+" more")
			break
		}
		if i > 0 {
			io.WriteString(s, " ")
		}
		r.Format(s, 'v')
	}
	io.WriteString(s, "]")
}

// LogValue logs the kept members as a group, by name, each value as [redacted].
func (m RawMembers) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, min(len(m), MaxExtraMembers))
	for i, r := range m {
		if i == MaxExtraMembers {
			break
		}
		attrs = append(attrs, slog.String(ShowName(r.Name), Redacted))
	}
	return slog.GroupValue(attrs...)
}

// Entry is one member of a map member (an open object whose values share one shape).
type Entry[T any] struct {
	Key   string
	Value T
}

// Map is a map member's entries in the order they arrived, so that encoding gives them back as
// sent.
type Map[T any] []Entry[T]

// Get returns the value of the first entry with the key.
func (m Map[T]) Get(key string) (T, bool) {
	for _, e := range m {
		if e.Key == key {
			return e.Value, true
		}
	}
	var zero T
	return zero, false
}
