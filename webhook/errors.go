package webhook

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Rule names a validation rule. The ids are stable: callers may switch on them.
type Rule string

const (
	// RuleRequired: the field is always sent, and this payload lacks it (or sent it empty).
	RuleRequired Rule = "required"
	// RuleMaxLength: more characters (runes) than the limit.
	RuleMaxLength Rule = "maxLength"
	// RuleWidth: not exactly the limit's number of characters (zero-filled fields).
	RuleWidth Rule = "width"
	// RuleDigits: not a run of decimal digits.
	RuleDigits Rule = "digits"
	// RuleInteger: not an integer (optional minus sign, then digits).
	RuleInteger Rule = "integer"
	// RuleRange: a number outside the limit's bounds ("0..16777215").
	RuleRange Rule = "range"
	// RuleDecimal: not a decimal within the limit's precision and scale ("9,2").
	RuleDecimal Rule = "decimal"
	// RuleFormat: not in the limit's format ("date", "timestamp", "mmyy", "uuid", "alnum").
	RuleFormat Rule = "format"
	// RuleEnum: not one of the limit's values.
	RuleEnum Rule = "enum"
	// RuleUnknown: a field the event version does not define (reported in strict mode only).
	RuleUnknown Rule = "unknown"
	// RuleExtraLimit: members the version does not define beyond MaxExtraMembers or
	// MaxExtraBytes, which the decoder counted but did not keep (Field "(extra)", Limit their
	// count and bytes).
	RuleExtraLimit Rule = "extraLimit"
	// RuleMoreProblems: problems beyond MaxProblems or MaxProblemBytes, counted in one problem
	// (Field "(more)", Limit their count) so that an error stays a bounded line.
	RuleMoreProblems Rule = "moreProblems"
)

// Problem is one thing wrong with one field of an event.
type Problem struct {
	// Field is the wire name as the vendor spells it.
	Field string
	Rule  Rule
	// Limit is the rule's parameter, as text: "30" for maxLength, "0..255" for range,
	// "9,2" for decimal, "date" for format, the allowed values for enum.
	Limit string
	// Value is the offending value; empty when Redacted. For a member the version does not
	// define (RuleUnknown) it is kept here for a caller that asks for it, but String leaves
	// it out: see StringWithValue.
	Value string
	// Redacted is set for secret fields, whose values never appear in errors.
	Redacted bool
}

// String describes the problem: the field, the rule and its limit, and the offending value of a
// field the version defines, unless it is secret. The value of a member the version does not
// define is left out: it may be a password under a name no rule knows. Names and values are
// cut to a bounded length.
func (p Problem) String() string { return p.describe(false) }

// StringWithValue is String that also quotes the value of a member the version does not
// define, unless its name is secret: for callers that know what their payloads hold (a test
// suite, hookcheck -show-values on recorded test traffic).
func (p Problem) StringWithValue() string { return p.describe(true) }

// Format prints String for every verb, %#v included, so that fmt never prints a value String
// leaves out.
func (p Problem) Format(f fmt.State, _ rune) { io.WriteString(f, p.String()) }

func (p Problem) describe(showUnknown bool) string {
	var b strings.Builder
	b.WriteString(ShowName(p.Field))
	b.WriteString(": ")
	switch p.Rule {
	case RuleRequired:
		b.WriteString("required but missing")
		return b.String()
	case RuleUnknown:
		b.WriteString("not a field of this event version")
		if !showUnknown && !p.Redacted {
			return b.String()
		}
	case RuleExtraLimit:
		fmt.Fprintf(&b, "%s members this version does not define were not kept, past the limit of %d members and %d bytes", p.Limit, MaxExtraMembers, MaxExtraBytes)
		return b.String()
	case RuleMoreProblems:
		fmt.Fprintf(&b, "%s more problems", p.Limit)
		return b.String()
	case RuleMaxLength:
		fmt.Fprintf(&b, "longer than %s characters", p.Limit)
	case RuleWidth:
		fmt.Fprintf(&b, "not exactly %s characters", p.Limit)
	case RuleDigits:
		b.WriteString("not digits only")
	case RuleInteger:
		b.WriteString("not an integer")
	case RuleRange:
		fmt.Fprintf(&b, "outside %s", p.Limit)
	case RuleDecimal:
		prec, scale, _ := strings.Cut(p.Limit, ",")
		fmt.Fprintf(&b, "not a decimal of at most %s digits with at most %s after the point", prec, scale)
	case RuleFormat:
		fmt.Fprintf(&b, "not a %s", p.Limit)
	case RuleEnum:
		fmt.Fprintf(&b, "not one of %s", p.Limit)
	default:
		fmt.Fprintf(&b, "breaks rule %s (%s)", p.Rule, p.Limit)
	}
	if p.Redacted {
		b.WriteString(" (value redacted)")
	} else {
		b.WriteString(": ")
		b.WriteString(quoteCut(p.Value, MaxShownValueBytes))
	}
	return b.String()
}

// ValidationError lists every problem found in one event. Generated Validate methods return it;
// callers inspect it with errors.As.
type ValidationError struct {
	// Event and Version name the event version that was validated ("NewSaleSuccess", 6).
	Event    string
	Version  int
	Problems []Problem
}

// Error lists the problems, one after another, up to about MaxProblemBytes of text; the rest
// are counted, so the message stays a bounded line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s v%d: ", e.Event, e.Version)
	if len(e.Problems) == 1 {
		b.WriteString(e.Problems[0].String())
		return b.String()
	}
	fmt.Fprintf(&b, "%d problems: ", len(e.Problems))
	for i, p := range e.Problems {
		if b.Len() > MaxProblemBytes {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Has reports whether a problem with the given field and rule was found.
func (e *ValidationError) Has(field string, rule Rule) bool {
	for _, p := range e.Problems {
		if p.Field == field && p.Rule == rule {
			return true
		}
	}
	return false
}

// DecodeError is a body that cannot be read: bad syntax, a value of the wrong shape, a key sent
// twice. It names the wire format, the byte offset and, when known, the key; its message never
// quotes the body's text, which may be a secret's (a password that is not a valid JSON number).
type DecodeError struct {
	// Format is "json" or "form".
	Format string
	// Offset is the byte offset in the body where the problem was found; -1 for parsed values
	// (url.Values), which have none.
	Offset int
	// Key is the member's key, when the problem is inside a member. Error prints it quoted, or
	// only its length when it does not look like a name (see ShowName).
	Key string
	Msg string
}

func (e *DecodeError) Error() string {
	if e.Offset < 0 { // parsed values (url.Values) have no offsets
		if e.Key != "" {
			return fmt.Sprintf("%s values: key %s: %s", e.Format, quoteName(e.Key), e.Msg)
		}
		return fmt.Sprintf("%s values: %s", e.Format, e.Msg)
	}
	if e.Key != "" {
		return fmt.Sprintf("%s body: offset %d: key %s: %s", e.Format, e.Offset, quoteName(e.Key), e.Msg)
	}
	return fmt.Sprintf("%s body: offset %d: %s", e.Format, e.Offset, e.Msg)
}

// ContentTypeError is a Content-Type that names no webhook body format this package reads.
type ContentTypeError struct {
	ContentType string
	Msg         string
}

func (e *ContentTypeError) Error() string {
	return fmt.Sprintf("content type %q: %s", e.ContentType, e.Msg)
}

// UnknownEventError is an event type or version that a generated package does not define.
type UnknownEventError struct {
	// Vendor is the generated package's vendor ("ccbill").
	Vendor string
	Event  string
	// Version is 0 when the event type itself is unknown.
	Version int
	// Versions are the event's known versions, when the event is known.
	Versions []int
}

func (e *UnknownEventError) Error() string {
	if len(e.Versions) == 0 {
		return fmt.Sprintf("%s: unknown event type %q", e.Vendor, e.Event)
	}
	known := make([]string, len(e.Versions))
	for i, v := range e.Versions {
		known[i] = strconv.Itoa(v)
	}
	return fmt.Sprintf("%s: %s has no version %d (its versions are %s)", e.Vendor, e.Event, e.Version, strings.Join(known, ", "))
}

// FormatError is a body in a wire format that the event version is not sent in.
type FormatError struct {
	Event   string
	Version int
	Format  WireFormat
	// Formats are the formats the vendor sends this version in.
	Formats FormatSet
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("%s v%d is sent as %s, not %s", e.Event, e.Version, e.Formats, e.Format)
}

// MsgRepeated is the decode error for a key sent twice in one body.
const MsgRepeated = "sent twice"

// Seen marks a key as read and reports whether it had been read before: generated decoders keep
// one flag per spelling of each field, so a key sent twice is an error instead of a silent
// overwrite.
func Seen(flag *bool) bool {
	if *flag {
		return true
	}
	*flag = true
	return false
}
