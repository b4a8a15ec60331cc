// Package inttext reads integers written as decimal text ("0042", "-7", a 20-digit id) without
// converting them to machine integers, so that values and bounds past int64 and uint64 compare
// exactly and leading zeros never change a value.
//
// It is the one implementation of these checks for the whole module: the spec's checks (spec),
// the generator's JSON Schema bounds (gen) and the runtime validator every generated package
// calls (webhook) all use it, so that the spec, the schemas and the Go validators agree on what
// an integer text is and on how two compare. It imports nothing and lives beside webhook, so that
// the spec can import it too and a generated package still needs nothing but webhook.
//
// An integer text is an optional minus sign followed by one or more ASCII digits: "0", "007",
// "-12". Leading zeros are allowed and do not change the value ("007" is 7), and "-0" is zero.
// Anything else is not an integer text: "" (an absent value, not zero), "+1", "-", " 1", "1.0",
// "1e3". No function panics, whatever its input, and only Canonical and Increment, which spell a
// new text, may allocate.
package inttext

// IsDigits reports whether s is one or more ASCII decimal digits: an integer text without a
// sign.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsInteger reports whether s is an integer text: an optional minus sign followed by digits.
func IsInteger(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	return IsDigits(s)
}

// TrimLeadingZeros returns a digit string without its leading zeros, keeping one digit: "036"
// becomes "36" and "000" becomes "0". It is the form numeric codes compare in ("036" and "36"
// are the same currency). It trims only leading '0' bytes, so a signed text ("-007") and the
// empty text come back unchanged.
func TrimLeadingZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// Canonical returns the plain spelling of an integer text's value, as JSON and JSON Schema write
// numbers: no leading zeros and no minus sign on zero ("-007" becomes "-7", "-0" becomes "0").
// It returns "" when s is not an integer text.
func Canonical(s string) string {
	if !IsInteger(s) {
		return ""
	}
	if s[0] != '-' {
		return TrimLeadingZeros(s)
	}
	m := TrimLeadingZeros(s[1:])
	if m == "0" {
		return "0"
	}
	if len(m) == len(s)-1 {
		return s // already plain: no copy
	}
	return "-" + m
}

// Compare compares two integer texts by value: -1 when a < b, 0 when they are equal, +1 when
// a > b. Leading zeros do not count and "-0" equals "0". Both must be integer texts (IsInteger);
// for other texts the result is meaningless, though Compare still does not panic.
func Compare(a, b string) int {
	an, bn := len(a) > 0 && a[0] == '-', len(b) > 0 && b[0] == '-'
	if an {
		a = a[1:]
	}
	if bn {
		b = b[1:]
	}
	switch {
	case an && bn:
		return compareDigits(b, a)
	case an && !bn:
		if isZero(a) && isZero(b) {
			return 0
		}
		return -1
	case !an && bn:
		if isZero(a) && isZero(b) {
			return 0
		}
		return 1
	}
	return compareDigits(a, b)
}

// isZero reports whether the digit string s is zero (leading zeros aside).
func isZero(s string) bool { return TrimLeadingZeros(s) == "0" }

// compareDigits compares two digit strings by value: the longer is greater once leading zeros
// are gone, and equal lengths compare digit by digit, as strings.
func compareDigits(a, b string) int {
	a, b = TrimLeadingZeros(a), TrimLeadingZeros(b)
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// InRange reports whether s is an integer text within [min, max]. min and max are integer texts
// or "", which is no bound on that side.
//
// The runtime validator calls it for nearly every numeric member of every delivery, so the
// common case (digits against non-negative bounds) takes a path that compares lengths before it
// compares digits and never looks at the sign again.
func InRange(s, min, max string) bool {
	if !IsInteger(s) {
		return false
	}
	if s[0] == '-' || min != "" && min[0] == '-' || max != "" && max[0] == '-' {
		return (min == "" || Compare(s, min) >= 0) && (max == "" || Compare(s, max) <= 0)
	}
	// A digit text is never below a lower bound of 0, the usual one.
	return (min == "" || min == "0" || compareDigits(s, min) >= 0) && (max == "" || compareDigits(s, max) <= 0)
}

// Max returns the greater of two integer texts. Either may be "", which stands for no value
// (an unset bound) and loses to the other, so that Max tightens a lower bound: Max(lo, "100").
func Max(a, b string) string {
	if a == "" || b != "" && Compare(b, a) > 0 {
		return b
	}
	return a
}

// Min returns the smaller of two integer texts. Either may be "", which stands for no value (an
// unset bound) and loses to the other, so that Min tightens an upper bound: Min(hi, "999").
func Min(a, b string) string {
	if a == "" || b != "" && Compare(b, a) < 0 {
		return b
	}
	return a
}

// Increment returns the integer text one greater than s, the smallest value past an upper bound
// (tests and example payloads use it to break a range by one). A non-negative text keeps its
// width where the value fits it ("007" becomes "008", "099" becomes "100") and grows by a digit
// where it does not ("999" becomes "1000"); a negative one loses its leading zeros ("-010"
// becomes "-9", "-1" becomes "0"). It returns "" when s is not an integer text.
func Increment(s string) string {
	if !IsInteger(s) {
		return ""
	}
	if s[0] != '-' || isZero(s[1:]) {
		if s[0] == '-' {
			return "1" // -0 is zero
		}
		b := []byte(s)
		for i := len(b) - 1; i >= 0; i-- {
			if b[i] < '9' {
				b[i]++
				return string(b)
			}
			b[i] = '0'
		}
		return "1" + string(b)
	}
	// A negative value moves towards zero: its magnitude loses one.
	b := []byte(TrimLeadingZeros(s[1:]))
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] > '0' {
			b[i]--
			break
		}
		b[i] = '9'
	}
	m := TrimLeadingZeros(string(b))
	if m == "0" {
		return "0"
	}
	return "-" + m
}
