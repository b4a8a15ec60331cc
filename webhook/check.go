package webhook

import (
	"unicode/utf8"

	"github.com/hookspec/hookspec/webhook/inttext"
)

// The checks below take a value's text as it arrived and never allocate. An empty value is
// absent: presence is Validator.Required's business, so every other check accepts "".

// The integer-text checks are inttext's, the module's one implementation, which the spec's checks
// and the generator's JSON Schema bounds use too: webhook keeps their names because generated
// packages and receivers call them.

// IsDigits reports whether s is one or more ASCII decimal digits.
func IsDigits(s string) bool { return inttext.IsDigits(s) }

// IsInteger reports whether s is an optional minus sign followed by digits.
func IsInteger(s string) bool { return inttext.IsInteger(s) }

// InRange reports whether the integer text s lies within [min, max], both integer texts; an
// empty bound is no bound. It compares digits, not converted numbers, so 20-digit values and
// bounds (bigint unsigned) compare exactly; leading zeros do not count and "-0" is zero.
func InRange(s, min, max string) bool { return inttext.InRange(s, min, max) }

// IsDecimal reports whether s is a decimal number (optional minus sign, digits, optionally a
// point and more digits) that fits precision and scale as SQL defines them: at most
// precision-scale digits before the point (leading zeros aside) and at most scale after it.
func IsDecimal(s string, precision, scale int) bool {
	_, whole, frac, ok := splitDecimal(s)
	if !ok {
		return false
	}
	intDigits := 0 // "0.5" and "000.5" have none before the point
	if t := inttext.TrimLeadingZeros(whole); t != "0" {
		intDigits = len(t)
	}
	return intDigits <= precision-scale && len(frac) <= scale
}

// splitDecimal reads the decimal text s (an optional minus sign, digits, optionally a point and
// more digits) into its sign, the digits before the point and those after it. ".5" and "5." are
// not decimals: they are not how vendors or SQL print them. IsDecimal and ParseMinorUnits read
// amounts with it, so that a value one accepts the other reads.
func splitDecimal(s string) (negative bool, whole, frac string, ok bool) {
	negative = len(s) > 0 && s[0] == '-'
	if negative {
		s = s[1:]
	}
	whole, frac, point := s, "", false
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			whole, frac, point = s[:i], s[i+1:], true
			break
		}
	}
	if !IsDigits(whole) || point && !IsDigits(frac) {
		return false, "", "", false
	}
	return negative, whole, frac, true
}

// RuneLen is the length of s in characters, which is what the vendors' max lengths count.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// IsDate reports whether s is a calendar date YYYY-MM-DD.
func IsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	return ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// IsTimestamp reports whether s is "YYYY-MM-DD HH:MM:SS" with a real date and time of day.
func IsTimestamp(s string) bool {
	if len(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':' || !IsDate(s[:10]) {
		return false
	}
	h, ok1 := num(s[11:13])
	m, ok2 := num(s[14:16])
	sec, ok3 := num(s[17:19])
	return ok1 && ok2 && ok3 && h < 24 && m < 60 && sec < 60
}

// IsMMYY reports whether s is a card expiry date: two-digit month, two-digit year ("0217").
func IsMMYY(s string) bool {
	if len(s) != 4 {
		return false
	}
	m, ok1 := num(s[:2])
	_, ok2 := num(s[2:])
	return ok1 && ok2 && m >= 1 && m <= 12
}

// IsUUID reports whether s is a UUID in its 8-4-4-4-12 hexadecimal form.
func IsUUID(s string) bool {
	return len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
		allIn(s[:8], classHex) && allIn(s[9:13], classHex) && allIn(s[14:18], classHex) &&
		allIn(s[19:23], classHex) && allIn(s[24:], classHex)
}

// IsAlnum reports whether s is one or more ASCII letters and digits.
func IsAlnum(s string) bool { return s != "" && allIn(s, classAlnum) }

// Character classes for allIn, as bits of charClass.
const (
	classHex uint8 = 1 << iota
	classAlnum
)

var charClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
			t[c] = classHex | classAlnum
		case 'g' <= c && c <= 'z', 'G' <= c && c <= 'Z':
			t[c] = classAlnum
		}
	}
	return t
}()

// allIn reports whether every byte of s is in the class.
func allIn(s string, class uint8) bool {
	for i := 0; i < len(s); i++ {
		if charClass[s[i]]&class == 0 {
			return false
		}
	}
	return true
}

// num reads the few digits of a date or time part (at most four, so it cannot overflow).
func num(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// TrimLeadingZeros returns a digit string without its leading zeros ("036" → "36", "000" → "0"),
// the form numeric enums compare in: "036" and "36" are the same currency code.
func TrimLeadingZeros(s string) string { return inttext.TrimLeadingZeros(s) }

// IsEmail reports whether s looks like an e-mail address: one @ between non-empty parts that
// hold no white space. It is deliberately loose (the vendor has accepted the address already;
// a receiver wants to know about garbage), and it is exactly the JSON Schemas' pattern, one @
// between runs without ECMA 262's white space, so both validators agree on every value.
func IsEmail(s string) bool {
	at := -1
	for i, r := range s {
		switch {
		case r == '@':
			if at >= 0 {
				return false
			}
			at = i
		case isECMASpace(r):
			return false
		}
	}
	return at > 0 && at < len(s)-1
}

// isECMASpace reports whether r is white space as ECMA 262's \s (JSON Schema's patterns) reads
// it: its WhiteSpace and LineTerminator characters.
func isECMASpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}
