package ccbill

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hookspec/hookspec/spec"
)

// The guide's "Data Type (Max Length)" column speaks MySQL with a few Java and prose words.
// dataTypeRe finds one data-type text inside a row; ParseDataType gives its meaning.
// Bare words (string, date, int, short) are checked by hand after matching, because a glued row
// runs the example straight on ("string5.95") and Go's regexp has no look-ahead.
var dataTypeRe = regexp.MustCompile(`(?i:(?:big|medium|small|tiny)?int\(\d+\)(?:\s+unsigned)?(?:\s+zerofill)?|varchar\(\d+\)|char\(\d+\)|string\(\d+\)|uuid\(\d+\)|decimal\(\d+,\s*\d+\))|alpha-numeric hash|\b(?:string|date|int|short)`)

// typeWords are words that only ever appear in the data-type column; a line holding just one of
// them continues the row above (a wrapped "mediumint(6)\nunsigned").
var typeWords = map[string]bool{"string": true, "date": true, "int": true, "short": true, "unsigned": true, "zerofill": true}

var (
	intTypeRe  = regexp.MustCompile(`^(?i)(big|medium|small|tiny)?int\((\d+)\)( unsigned)?( zerofill)?$`)
	lengthRe   = regexp.MustCompile(`^(?i)(varchar|char|string|uuid)\((\d+)\)$`)
	decimalRe  = regexp.MustCompile(`^(?i)decimal\((\d+), ?(\d+)\)$`)
	spaceRunRe = regexp.MustCompile(`\s+`)
)

// integer ranges of the MySQL integer types, signed and unsigned.
var intRanges = map[string][2][2]string{
	"tiny":   {{"-128", "127"}, {"0", "255"}},
	"small":  {{"-32768", "32767"}, {"0", "65535"}},
	"medium": {{"-8388608", "8388607"}, {"0", "16777215"}},
	"":       {{"-2147483648", "2147483647"}, {"0", "4294967295"}},
	"big":    {{"-9223372036854775808", "9223372036854775807"}, {"0", "18446744073709551615"}},
}

// FoldSpace folds every run of white space (newlines from wrapped cells included) to one space.
func FoldSpace(s string) string { return strings.TrimSpace(spaceRunRe.ReplaceAllString(s, " ")) }

// ParseDataType gives the constraint a data-type text states. An unknown text is an error: a
// silent "string" would drop whatever limit the guide meant.
func ParseDataType(text string) (spec.DataType, error) {
	t := FoldSpace(text)
	dt := spec.DataType{Text: t}
	if m := intTypeRe.FindStringSubmatch(t); m != nil {
		size := strings.ToLower(m[1])
		n, _ := strconv.Atoi(m[2])
		unsigned, zerofill := m[3] != "", m[4] != ""
		r := intRanges[size][0]
		if unsigned || zerofill {
			r = intRanges[size][1]
		}
		// Values are kept as digit strings: ids have significant leading zeros and up to 20
		// digits, which no float64 and not every integer type holds. The N of int(N) is MySQL's
		// display width, not a limit on the value or its length: tinyint(2) stores 0 to 255
		// and the wire may say "099". The type's range is the limit, and leading zeros count
		// for nothing. Only zerofill makes the width a property of the value: MySQL pads it
		// with zeros to N digits, which receivers compare as text (clientSubacc "0000").
		dt.Constraint = spec.Constraint{Kind: spec.KindDigits, Min: "0", Max: r[1]}
		switch {
		case zerofill:
			dt.Constraint.Width = n
			dt.Note = fmt.Sprintf("zerofill: padded with zeros to the display width, always %d digits, leading zeros kept", n)
		case unsigned:
			dt.Note = fmt.Sprintf("%d is a display width, not a length: any value in the %sint unsigned range, leading zeros allowed", n, size)
		default:
			dt.Note = fmt.Sprintf("%d is a display width, not a length: any non-negative value of the %sint range; signed in MySQL, but every documented value is a non-negative code whose leading zeros matter (0000060748), so it is kept as digits", n, size)
		}
		return dt, nil
	}
	if m := lengthRe.FindStringSubmatch(t); m != nil {
		n, _ := strconv.Atoi(m[2])
		switch strings.ToLower(m[1]) {
		case "uuid":
			dt.Constraint = spec.Constraint{Kind: spec.KindString, Format: spec.FormatUUID, Width: n}
		case "char":
			dt.Constraint = spec.Constraint{Kind: spec.KindString, MaxLength: n}
			dt.Note = "char(N) pads in the vendor's database, but the wire value is not padded (13cc): read as at most N characters"
		default:
			dt.Constraint = spec.Constraint{Kind: spec.KindString, MaxLength: n}
		}
		return dt, nil
	}
	if m := decimalRe.FindStringSubmatch(t); m != nil {
		p, _ := strconv.Atoi(m[1])
		s, _ := strconv.Atoi(m[2])
		if s > p {
			return dt, fmt.Errorf("data type %q: scale %d is larger than precision %d", t, s, p)
		}
		dt.Constraint = spec.Constraint{Kind: spec.KindDecimal, Precision: p, Scale: s}
		return dt, nil
	}
	switch t {
	case "string":
		dt.Constraint = spec.Constraint{Kind: spec.KindString}
	case "date":
		dt.Constraint = spec.Constraint{Kind: spec.KindString, Format: spec.FormatDate}
	case "int":
		// A Java type states a range and no length: "0900100" is the int 900100.
		dt.Constraint = spec.Constraint{Kind: spec.KindDigits, Min: "0", Max: "2147483647"}
		dt.Note = "a Java int: any value in its range, leading zeros allowed; the documented values are non-negative account numbers, kept as digits"
	case "short":
		dt.Constraint = spec.Constraint{Kind: spec.KindDigits, Min: "0", Max: "32767"}
		dt.Note = "a Java short: any value in its range, leading zeros allowed; the documented values are zero-filled sub-account numbers (0005), kept as digits"
	case "alpha-numeric hash":
		dt.Constraint = spec.Constraint{Kind: spec.KindString, Format: spec.FormatAlnum}
	default:
		return dt, fmt.Errorf("unknown data type %q: add it to the data-type grammar (internal/capture/ccbill/datatype.go) with its meaning", t)
	}
	return dt, nil
}

// findDataType returns the position of the data-type text in a row's text after the name: the
// last candidate, because descriptions may use type words ("Next billing date for ...") while
// example values do not.
func findDataType(s string) (start, end int, ok bool) {
	for _, m := range dataTypeRe.FindAllStringIndex(s, -1) {
		word := s[m[0]:m[1]]
		if !strings.ContainsAny(word, "( ") {
			// a bare word: it must not run on into a longer lowercase word ("integer", "dated").
			if m[1] < len(s) {
				c := s[m[1]]
				if (c >= 'a' && c <= 'z') || c == '(' {
					continue
				}
			}
		}
		if m[0] == 0 {
			continue // the description comes first and is never empty
		}
		start, end, ok = m[0], m[1], true
	}
	return start, end, ok
}
