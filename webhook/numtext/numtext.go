// Package numtext writes the value of a JSON number literal as plain decimal text: no exponent,
// no leading zeros, no trailing zeros after the point, no point without a fraction, and no minus
// sign on zero. 1000000000.0 is "1000000000", 1E+3 is "1000", 4.900 is "4.9", 0.10 is "0.1",
// 12.5e-3 is "0.0125" and -0 is "0".
//
// It is how the runtime's readers (package webhook) read a JSON number where a member is text: a
// JSON number carries a value, not a spelling, and JSON Schema judges that value, so the Go
// validators must judge it too. Plain text is the one spelling of a value that the text checks
// (digits, integer and decimal ranges, lengths, enums) judge as a schema judges the number.
//
// The arithmetic is on the literal's digits, never through float64, so no digit is lost. An
// exponent can make a short literal's plain form as long as its writer likes (1e999999999 is a
// billion digits): Parse only measures it, and Len says how long it would be before anything is
// written, so that callers bound it first. No function panics, whatever its input.
package numtext

import "math"

// maxExponent clamps an exponent's value: a non-zero value with an exponent this large has a
// plain form far longer than any literal a reader accepts, so its exact length does not matter,
// and the clamp keeps the arithmetic within an int on every platform.
const maxExponent = 1 << 26

// Number is a JSON number literal, parsed into what its plain form is made of. Its zero value
// is the number 0.
type Number struct {
	// mant is the literal's mantissa without its sign: digits with an optional point.
	mant string
	// intLen is the number of digits before mant's point (all of them when it has none).
	intLen int
	// first and last bound the significant digits, by digit index (the point not counted):
	// from the first non-zero digit to the last non-zero one, inclusive of first, exclusive of
	// last. first == last for zero.
	first, last int
	// point is where the value's decimal point falls, by digit index, once the exponent has
	// moved it.
	point int
	neg   bool
}

// Parse parses a JSON number literal (RFC 8259: an optional minus sign, an integer part without
// leading zeros, an optional fraction, an optional exponent). It reports false for any other
// text, including "", "+1", "01", "1." and ".5".
func Parse(lit string) (Number, bool) {
	var n Number
	i := 0
	if i < len(lit) && lit[i] == '-' {
		n.neg = true
		i++
	}
	start := i
	i = digitsEnd(lit, i)
	if i == start || i-start > 1 && lit[start] == '0' {
		return Number{}, false
	}
	n.intLen = i - start
	if i < len(lit) && lit[i] == '.' {
		f := i + 1
		i = digitsEnd(lit, f)
		if i == f {
			return Number{}, false
		}
	}
	n.mant = lit[start:i]
	exp := 0
	if i < len(lit) && (lit[i] == 'e' || lit[i] == 'E') {
		i++
		negExp := false
		if i < len(lit) && (lit[i] == '+' || lit[i] == '-') {
			negExp = lit[i] == '-'
			i++
		}
		e := i
		for ; i < len(lit) && '0' <= lit[i] && lit[i] <= '9'; i++ {
			if exp < maxExponent {
				exp = min(exp*10+int(lit[i]-'0'), maxExponent)
			}
		}
		if i == e {
			return Number{}, false
		}
		if negExp {
			exp = -exp
		}
	}
	if i != len(lit) {
		return Number{}, false
	}
	digits := n.digitCount()
	for n.first < digits && n.digit(n.first) == '0' {
		n.first++
	}
	if n.first == digits {
		return Number{}, true // zero, whatever its sign, fraction or exponent
	}
	n.last = digits
	for n.digit(n.last-1) == '0' {
		n.last--
	}
	// A literal's length is at most an int's range, and the exponent is clamped far inside it:
	// the sum cannot overflow where int has 64 bits. Where it has 32, clamp it.
	point := int64(n.intLen) + int64(exp)
	n.point = int(min(max(point, -math.MaxInt32/2), math.MaxInt32/2))
	return n, true
}

func digitsEnd(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// digitCount is the number of digits in the mantissa, the point not counted.
func (n Number) digitCount() int {
	if len(n.mant) > n.intLen {
		return len(n.mant) - 1
	}
	return len(n.mant)
}

// digit is the mantissa's digit at index i, the point not counted.
func (n Number) digit(i int) byte {
	if i < n.intLen {
		return n.mant[i]
	}
	return n.mant[i+1]
}

// IsZero reports whether the value is zero (0, -0, 0.000, 0e7).
func (n Number) IsZero() bool { return n.first == n.last }

// IsInteger reports whether the value is a whole number (1000000000.0, 1e3, 150e-1 are).
func (n Number) IsInteger() bool { return n.IsZero() || n.point >= n.last }

// Len is the length of the plain form in bytes, computed without writing it. It saturates at
// math.MaxInt32/2 for exponents past any sensible bound.
func (n Number) Len() int {
	if n.IsZero() {
		return 1
	}
	sig, point := n.last-n.first, n.point-n.first
	var l int
	switch {
	case point >= sig: // digits, then zeros up to the point: 1e3 is "1000"
		l = point
	case point <= 0: // "0.", zeros down to the digits, the digits: 125e-5 is "0.00125"
		l = 2 - point + sig
	default: // the digits with the point among them: 125e-1 is "12.5"
		l = sig + 1
	}
	if n.neg {
		l++
	}
	return min(l, math.MaxInt32/2)
}

// Append appends the plain form to dst. It writes Len bytes, however many that is: bound Len
// first where the literal came from the network.
func (n Number) Append(dst []byte) []byte {
	if n.IsZero() {
		return append(dst, '0')
	}
	if n.neg {
		dst = append(dst, '-')
	}
	sig, point := n.last-n.first, n.point-n.first
	switch {
	case point >= sig:
		dst = n.appendDigits(dst, n.first, n.last)
		for range point - sig {
			dst = append(dst, '0')
		}
	case point <= 0:
		dst = append(dst, '0', '.')
		for range -point {
			dst = append(dst, '0')
		}
		dst = n.appendDigits(dst, n.first, n.last)
	default:
		dst = n.appendDigits(dst, n.first, n.first+point)
		dst = append(dst, '.')
		dst = n.appendDigits(dst, n.first+point, n.last)
	}
	return dst
}

// appendDigits appends the digits from index i to j (the point not counted), in at most two
// runs of the mantissa.
func (n Number) appendDigits(dst []byte, i, j int) []byte {
	if i < n.intLen {
		dst = append(dst, n.mant[i:min(j, n.intLen)]...)
		i = n.intLen
	}
	if i < j {
		dst = append(dst, n.mant[i+1:j+1]...)
	}
	return dst
}

// PrefixLen reports whether the plain form is the first Len bytes of the literal that was parsed,
// so that a reader can keep it as a slice of the body rather than write it: it is, for a
// non-zero value whose exponent is zero or absent (4.900 is "4.9", 1000000000.0 is "1000000000",
// 1.50e0 is "1.5"). Zero's plain form is "0" whatever the literal.
func (n Number) PrefixLen() bool { return !n.IsZero() && n.point == n.intLen }

// String returns the plain form. Like Append, it writes Len bytes however many that is.
func (n Number) String() string { return string(n.Append(nil)) }

// Plain returns the plain form of a JSON number literal when it is at most maxLen bytes long;
// otherwise, or when lit is not a JSON number literal, it returns "" and false.
func Plain(lit string, maxLen int) (string, bool) {
	n, ok := Parse(lit)
	if !ok || n.Len() > maxLen {
		return "", false
	}
	if n.PrefixLen() {
		return lit[:n.Len()], true
	}
	return n.String(), true
}
