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

// Severity says what a Problem means for the event. SeverityError, the zero value, makes the
// event invalid: the payload breaks the vendor's documented contract. SeverityWarning does not:
// the payload breaks a constraint of the vendor's documents that real traffic is known to break
// too (a region longer than the documented column, a value of an enum taken from an example),
// as an erratum of the spec records with its evidence. A receiver that sized a database column
// or wrote a switch by the documents wants to hear of it; the delivery is still one the vendor
// really sends. Callers choose whether a warning fails (ValidateOptions.FailOn).
//
// The severities are not webhook.Level, which grades a change between two versions of an event.
type Severity uint8

const (
	// SeverityError: the event is invalid.
	SeverityError Severity = iota
	// SeverityWarning: the event is valid, but breaks a documented constraint that the spec's
	// errata (Problem.Erratum) record real traffic breaking too.
	SeverityWarning
)

var severityNames = [...]string{SeverityError: "error", SeverityWarning: "warning"}

// String is "error" or "warning".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// AtLeast reports whether s is as serious as threshold or more serious: an error is at least a
// warning, a warning is not at least an error. It is the test behind ValidateOptions.FailOn.
func (s Severity) AtLeast(threshold Severity) bool { return s <= threshold }

// ParseSeverity reads "error" or "warning", as String writes them (a -fail-on flag, a config).
func ParseSeverity(text string) (Severity, error) {
	for s, name := range severityNames {
		if text == name {
			return Severity(s), nil
		}
	}
	return 0, fmt.Errorf("severity %s: want error or warning", quoteName(text))
}

// MarshalText writes String, for JSON and configuration files; a severity this package does
// not define is an error rather than a name no reader takes back.
func (s Severity) MarshalText() ([]byte, error) {
	if int(s) >= len(severityNames) {
		return nil, fmt.Errorf("severity %d: not error or warning", s)
	}
	return []byte(severityNames[s]), nil
}

// UnmarshalText reads what MarshalText writes.
func (s *Severity) UnmarshalText(text []byte) error {
	parsed, err := ParseSeverity(string(text))
	if err != nil {
		return err
	}
	*s = parsed
	return nil
}

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
	// Severity is SeverityError unless an erratum of the spec, citing evidence, lowered this
	// check to SeverityWarning.
	Severity Severity
	// Erratum is the id of the spec's erratum that made the problem a warning: the evidence a
	// warning names (the errata file of the vendor's spec gives its reason and source). It is ""
	// for an error.
	Erratum string
}

// String describes the problem: the field, the rule and its limit, and the offending value of a
// field the version defines, unless it is secret. The value of a member the version does not
// define is left out: it may be a password under a name no rule knows. Names and values are
// cut to a bounded length. A warning ends with its severity and the erratum that sets it:
// `state: longer than 20 characters: "Baden-Wuerttemberg-Sued" (warning, erratum state-length)`.
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
	p.describeTo(&b, showUnknown)
	if p.Severity != SeverityError {
		b.WriteString(" (")
		b.WriteString(p.Severity.String())
		if p.Erratum != "" {
			b.WriteString(", erratum ")
			b.WriteString(ShowName(p.Erratum))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// describeTo writes what is wrong, without the severity.
func (p Problem) describeTo(b *strings.Builder, showUnknown bool) {
	b.WriteString(ShowName(p.Field))
	b.WriteString(": ")
	switch p.Rule {
	case RuleRequired:
		b.WriteString("required but missing")
		return
	case RuleUnknown:
		b.WriteString("not a field of this event version")
		if !showUnknown && !p.Redacted {
			return
		}
	case RuleExtraLimit:
		fmt.Fprintf(b, "%s members this version does not define were not kept, past the limit of %d members and %d bytes", p.Limit, MaxExtraMembers, MaxExtraBytes)
		return
	case RuleMoreProblems:
		fmt.Fprintf(b, "%s more problems", p.Limit)
		return
	case RuleMaxLength:
		fmt.Fprintf(b, "longer than %s characters", p.Limit)
	case RuleWidth:
		fmt.Fprintf(b, "not exactly %s characters", p.Limit)
	case RuleDigits:
		b.WriteString("not digits only")
	case RuleInteger:
		b.WriteString("not an integer")
	case RuleRange:
		fmt.Fprintf(b, "outside %s", p.Limit)
	case RuleDecimal:
		prec, scale, _ := strings.Cut(p.Limit, ",")
		fmt.Fprintf(b, "not a decimal of at most %s digits with at most %s after the point", prec, scale)
	case RuleFormat:
		fmt.Fprintf(b, "not a %s", p.Limit)
	case RuleEnum:
		fmt.Fprintf(b, "not one of %s", p.Limit)
	case RuleAgree:
		fmt.Fprintf(b, "disagrees with %s", p.Limit)
	default:
		fmt.Fprintf(b, "breaks rule %s (%s)", p.Rule, p.Limit)
	}
	if p.Redacted {
		b.WriteString(" (value redacted)")
	} else {
		b.WriteString(": ")
		b.WriteString(quoteCut(p.Value, MaxShownValueBytes))
	}
	return
}

// ValidationError lists every problem found in one event, errors and warnings alike. Generated
// Validate methods return it when a problem reaches their failing severity (SeverityError unless
// ValidateWith is told otherwise); callers inspect it with errors.As.
type ValidationError struct {
	// Event and Version name the event version that was validated ("NewSaleSuccess", 6).
	Event   string
	Version int
	// Problems are in the order the checks found them, warnings among the errors.
	Problems []Problem
}

// Severity returns the most serious severity among the problems: SeverityError when any problem
// is an error, so the event is invalid, and SeverityWarning when every problem is a warning (an
// error returned by ValidateWith with FailOn SeverityWarning, for a valid event).
func (e *ValidationError) Severity() Severity {
	worst := SeverityWarning
	for _, p := range e.Problems {
		if p.Severity.AtLeast(worst) {
			worst = p.Severity
		}
	}
	return worst
}

// Warnings returns the problems that are warnings, in order; nil when there are none.
func (e *ValidationError) Warnings() []Problem {
	var out []Problem
	for _, p := range e.Problems {
		if p.Severity == SeverityWarning {
			out = append(out, p)
		}
	}
	return out
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
