package webhook

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// The value types of nested bodies. A member of a generated type is absent when the body lacks
// it or sends null, and each type says so itself: text is "" when absent, and the types below
// carry Set, so that an absent count is not mistaken for a count of zero.

// Int is an integer member: Value is meaningful only when Set.
type Int struct {
	Value int64
	Set   bool
}

// IntOf returns a set Int.
func IntOf(v int64) Int { return Int{Value: v, Set: true} }

// Get returns the value and whether the member was sent.
func (i Int) Get() (int64, bool) { return i.Value, i.Set }

// Bool is a boolean member: Value is meaningful only when Set.
type Bool struct {
	Value bool
	Set   bool
}

// BoolOf returns a set Bool.
func BoolOf(v bool) Bool { return Bool{Value: v, Set: true} }

// Get returns the value and whether the member was sent.
func (b Bool) Get() (bool, bool) { return b.Value, b.Set }

// UnixTime is a time sent as whole seconds since 1970-01-01 UTC.
type UnixTime struct {
	Seconds int64
	Set     bool
}

// UnixTimeOf returns a set UnixTime holding t, truncated to the second.
func UnixTimeOf(t time.Time) UnixTime { return UnixTime{Seconds: t.Unix(), Set: true} }

// Time returns the time in UTC and whether the member was sent.
func (u UnixTime) Time() (time.Time, bool) {
	if !u.Set {
		return time.Time{}, false
	}
	return time.Unix(u.Seconds, 0).UTC(), true
}

// UnixMillis is a time, or a version, sent as milliseconds since 1970-01-01 UTC.
type UnixMillis struct {
	Millis int64
	Set    bool
}

// UnixMillisOf returns a set UnixMillis holding t, truncated to the millisecond.
func UnixMillisOf(t time.Time) UnixMillis { return UnixMillis{Millis: t.UnixMilli(), Set: true} }

// Time returns the time in UTC and whether the member was sent.
func (u UnixMillis) Time() (time.Time, bool) {
	if !u.Set {
		return time.Time{}, false
	}
	return time.UnixMilli(u.Millis).UTC(), true
}

// Number is a JSON number kept as the literal the vendor sent ("1.0", "19.99", "1e3"), "" when
// absent: nothing is lost to a float's rounding until the caller chooses a conversion.
type Number string

// Float64 converts the number; a literal beyond float64's precision is rounded.
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// Int64 converts a number that is a whole number within int64, as integer literals and
// integral decimals ("100.0") are.
func (n Number) Int64() (int64, error) {
	v, ok := integerValue(string(n))
	if !ok {
		return 0, &strconv.NumError{Func: "Int64", Num: string(n), Err: strconv.ErrSyntax}
	}
	return v, nil
}

// RawJSON is a JSON value kept exactly as sent (any shape), "" when absent.
type RawJSON string

// RawMember is a member that a generated type does not define, kept as its key and raw value so
// that encoding the object gives it back.
type RawMember struct {
	Name  string
	Value RawJSON
}

// RawMembers are the kept members of one object, in the order they arrived.
type RawMembers []RawMember

// Get returns the raw value of the first member named name.
func (m RawMembers) Get(name string) (RawJSON, bool) {
	for _, r := range m {
		if r.Name == name {
			return r.Value, true
		}
	}
	return "", false
}

// integerValue reads a whole number within int64 from a JSON number literal: an integer, an
// integral decimal ("100.0", "-3.00") or an integral exponent form ("1e3", "2.5E1") whose value
// is exact.
func integerValue(lit string) (int64, bool) {
	// Most integers are short runs of digits: read them without strconv's generality.
	if n := len(lit); n > 0 && n <= 18 {
		neg := lit[0] == '-'
		digits := lit
		if neg {
			digits = lit[1:]
		}
		var v int64
		ok := digits != ""
		for i := 0; i < len(digits) && ok; i++ {
			c := digits[i]
			ok = '0' <= c && c <= '9'
			v = v*10 + int64(c-'0')
		}
		if ok {
			if neg {
				v = -v
			}
			return v, true
		}
	}
	if v, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return v, true
	}
	if !isNumberLiteral(lit) {
		return 0, false
	}
	mant, expText := lit, ""
	for i := 0; i < len(lit); i++ {
		if lit[i] == 'e' || lit[i] == 'E' {
			mant, expText = lit[:i], lit[i+1:]
			break
		}
	}
	if strings.Trim(mant, "-0.") == "" {
		return 0, true // zero, whatever its exponent ("0e20", "-0.0E-5")
	}
	exp := 0
	if expText != "" {
		// A non-zero mantissa with an exponent past these is not a whole number within int64.
		e, err := strconv.Atoi(expText)
		if err != nil || e > 19 || e < -400 {
			return 0, false
		}
		exp = e
	}
	neg := mant[0] == '-'
	if neg {
		mant = mant[1:]
	}
	intPart, frac := mant, ""
	for i := 0; i < len(mant); i++ {
		if mant[i] == '.' {
			intPart, frac = mant[:i], mant[i+1:]
			break
		}
	}
	// Shift the point by exp: digits move from the fraction to the integer part, or back.
	digits := intPart + frac
	point := len(intPart) + exp
	if point < 0 {
		point = 0
	}
	if point > len(digits) {
		for len(digits) < point {
			digits += "0"
		}
	}
	whole, rest := digits[:point], digits[point:]
	for i := 0; i < len(rest); i++ {
		if rest[i] != '0' {
			return 0, false
		}
	}
	if whole == "" {
		whole = "0"
	}
	if neg {
		whole = "-" + whole
	}
	v, err := strconv.ParseInt(whole, 10, 64)
	return v, err == nil
}

// isNumberLiteral reports whether s is a JSON number literal.
func isNumberLiteral(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == start || i-start > 1 && s[start] == '0' {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		f := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == f {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == e {
			return false
		}
	}
	return i == len(s)
}

// LogValue logs the integer, or nothing when it was not sent.
func (i Int) LogValue() slog.Value {
	if !i.Set {
		return slog.Value{}
	}
	return slog.Int64Value(i.Value)
}

// LogValue logs true or false, or nothing when it was not sent.
func (b Bool) LogValue() slog.Value {
	if !b.Set {
		return slog.Value{}
	}
	return slog.BoolValue(b.Value)
}

// LogValue logs the time in UTC, or nothing when it was not sent.
func (u UnixTime) LogValue() slog.Value {
	t, ok := u.Time()
	if !ok {
		return slog.Value{}
	}
	return slog.TimeValue(t)
}

// LogValue logs the time in UTC, or nothing when it was not sent.
func (u UnixMillis) LogValue() slog.Value {
	t, ok := u.Time()
	if !ok {
		return slog.Value{}
	}
	return slog.TimeValue(t)
}

// ListValue logs an array member as a group keyed by index ("0", "1", ...), each item through
// its own LogValue where it has one, so that secrets inside items stay redacted: log/slog's
// handlers would otherwise print a slice with fmt or encoding/json, which see past LogValue.
func ListValue[T any](items []T) slog.Value {
	attrs := make([]slog.Attr, 0, min(len(items), MaxExtraMembers))
	for i, item := range items {
		if i == MaxExtraMembers {
			attrs = append(attrs, slog.Int("more", len(items)-i))
			break
		}
		attrs = append(attrs, slog.Any(strconv.Itoa(i), item))
	}
	return slog.GroupValue(attrs...)
}

// LogValue logs the entries as a group keyed by their keys; the value of a key that looks
// secret is logged as [redacted].
func (m Map[T]) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, min(len(m), MaxExtraMembers))
	for i, e := range m {
		if i == MaxExtraMembers {
			attrs = append(attrs, slog.Int("more", len(m)-i))
			break
		}
		if LooksSecret(e.Key) {
			attrs = append(attrs, slog.String(ShowName(e.Key), Redacted))
			continue
		}
		attrs = append(attrs, slog.Any(ShowName(e.Key), e.Value))
	}
	return slog.GroupValue(attrs...)
}

// Format prints the entries as key=value, a key that looks secret with [redacted], for every
// verb.
func (m Map[T]) Format(s fmt.State, verb rune) {
	io.WriteString(s, "[")
	for i, e := range m {
		if i > 0 {
			io.WriteString(s, " ")
		}
		io.WriteString(s, ShowName(e.Key)+"=")
		if LooksSecret(e.Key) {
			io.WriteString(s, Redacted)
			continue
		}
		fmt.Fprintf(s, "%v", e.Value)
	}
	io.WriteString(s, "]")
}

// Resource is one resource a delivery carries, with the value that orders its states, for
// vendors that may deliver out of order: an update is applied only when its Version is newer
// than the stored one (Newer; webhook/sqlstore's AdvanceVersion does it atomically).
type Resource struct {
	// Kind names the resource's kind ("customer"), the same in every API version.
	Kind string
	ID   string
	// Version is the resource's ordering value (Chargebee's resource_version).
	Version int64
}

// Newer reports whether a resource state with the incoming ordering value replaces the stored
// one: only a greater value does. An equal value is the same state delivered again; a smaller
// one is an older state that arrived late and must not overwrite a newer one.
func Newer(stored, incoming int64) bool { return incoming > stored }

// MapEntry adds an entry for the member the decoder is at to m and returns its value, for the
// caller to decode into; a key the map already has stops the decoder (MsgRepeated), as a member
// sent twice does, and returns nil. Generated decoders of map members call it.
func MapEntry[T any](d *Decoder, m *Map[T]) *T {
	key := d.Key()
	if d.seenKey(len(*m), key, func(i int) string { return (*m)[i].Key }) {
		d.repeated()
		return nil
	}
	*m = append(*m, Entry[T]{Key: key})
	return &(*m)[len(*m)-1].Value
}
