package webhook

import (
	"strconv"

	"github.com/hookspec/hookspec/webhook/inttext"
)

// Disclosure says whether a field's value may appear in a Problem.
type Disclosure bool

const (
	// Show puts the offending value in the Problem.
	Show Disclosure = false
	// Redact leaves it out: the field is secret (a password).
	Redact Disclosure = true
)

// Format is a string shape a field must have.
type Format uint8

const (
	FormatDate      Format = iota + 1 // YYYY-MM-DD
	FormatTimestamp                   // YYYY-MM-DD HH:MM:SS
	FormatMMYY                        // MMYY
	FormatUUID                        // 8-4-4-4-12 hexadecimal
	FormatAlnum                       // ASCII letters and digits
	FormatEmail                       // one @ between parts without spaces
)

// formats are the run-time side of the spec's format table (spec/format.go): a format is one
// row there and one here, with its check. constant is the Go name the spec's row gives it
// (FormatInfo.Runtime), by which tools find the check (FormatNamed).
var formats = [...]struct {
	constant, name string
	valid          func(string) bool
}{
	FormatDate:      {"FormatDate", "date (YYYY-MM-DD)", IsDate},
	FormatTimestamp: {"FormatTimestamp", "timestamp (YYYY-MM-DD HH:MM:SS)", IsTimestamp},
	FormatMMYY:      {"FormatMMYY", "card expiry date (MMYY)", IsMMYY},
	FormatUUID:      {"FormatUUID", "UUID (8-4-4-4-12 hexadecimal digits)", IsUUID},
	FormatAlnum:     {"FormatAlnum", "run of ASCII letters and digits", IsAlnum},
	FormatEmail:     {"FormatEmail", "e-mail address", IsEmail},
}

// FormatNamed returns the format whose constant is named constant ("FormatEmail"), the name
// the spec's format table gives a runtime check, so that tools which check values the way
// generated code does need no table of their own; false when there is no such format.
func FormatNamed(constant string) (Format, bool) {
	for f, row := range formats {
		if row.constant == constant && row.valid != nil {
			return Format(f), true
		}
	}
	return 0, false
}

// String is the format's name with its shape, as Problems show it.
func (f Format) String() string {
	if int(f) < len(formats) && formats[f].valid != nil {
		return formats[f].name
	}
	return "format " + strconv.Itoa(int(f))
}

// Valid reports whether s has the format; no text has an unknown format.
func (f Format) Valid(s string) bool {
	return int(f) < len(formats) && formats[f].valid != nil && formats[f].valid(s)
}

// ValidateOptions are a caller's choices for a generated ValidateWith method, which every event
// has (Validate and ValidateStrict are its two common cases). The zero value is Validate.
type ValidateOptions struct {
	// Strict also reports the members the event version does not define (RuleUnknown), as
	// ValidateStrict does, except the pass-through variables a version declares.
	Strict bool
	// FailOn is the least severity that makes ValidateWith return an error: SeverityError (the
	// zero value) fails on errors only, so an event whose problems are all warnings is valid and
	// gets nil; SeverityWarning fails on any problem, which is also how a caller collects the
	// warnings of a valid event (the *ValidationError's Severity says whether any was an error).
	// Either way the error lists every problem found, warnings too.
	FailOn Severity
}

// Validator collects the problems of one event. Generated Validate methods call one method per
// constraint and return Err. Every method but Required and Unknown ignores an empty value
// (absent), and nothing allocates until a problem is found.
//
// A check the spec's errata lower to a warning is the same method called through Warning:
//
//	v.Warning("state-longer-than-documented").MaxLength("state", e.State, 20, webhook.Show)
//
// Warning is a store that the check undoes, so a warning-level check of a valid value costs a
// store more than the error-level check, and neither allocates (BenchmarkValidatorValid).
type Validator struct {
	problems []Problem
	bytes    int // of the problems' fields, limits and values
	more     int // problems past MaxProblems or MaxProblemBytes, counted only
	// errors counts the problems at SeverityError, those counted past the limits included, so
	// that Err knows the event is invalid even when its errors were not all kept.
	errors     int
	moreErrors bool // some problem counted in more is an error
	// erratum is set by Warning for the one check called next, which clears it: the id of the
	// erratum that makes that check's problem a warning.
	erratum string
	// path is where a nested body's validation is (see Enter); a problem's Field is the path
	// joined with the member's name, built only when there is a problem.
	path  [MaxDepth]pathStep
	depth int
}

// Limits on the problems one event reports, so that a body of a million unknown members makes
// a bounded error: past them problems are counted, and the count is one problem
// (RuleMoreProblems).
const (
	MaxProblems     = 100
	MaxProblemBytes = 16 << 10
)

// Warning makes the problem of the one check called next, on the Validator it returns, a
// warning set by the spec's erratum with the given id, rather than an error. It returns v, so
// that generated code reads as one call: v.Warning(id).MaxLength(...). Every check method clears
// it, whether or not it finds a problem; a check method added to this package must do the same
// (see clearWarning).
func (v *Validator) Warning(erratum string) *Validator {
	v.erratum = erratum
	return v
}

// clearWarning ends the effect of Warning: every check method calls it last.
func (v *Validator) clearWarning() { v.erratum = "" }

// add records a problem at the severity Warning set for the current check, if any, and ends
// that Warning: a check that finds a problem has used it.
func (v *Validator) add(field string, rule Rule, limit, value string, d Disclosure) {
	if d == Redact {
		value = ""
	}
	if v.depth > 0 {
		field = v.pathTo(field)
	}
	severity, erratum := SeverityError, v.erratum
	if erratum != "" {
		severity = SeverityWarning
		v.clearWarning()
	} else {
		v.errors++
	}
	size := len(field) + len(limit) + min(len(value), MaxShownValueBytes) + len(erratum)
	if v.more > 0 || len(v.problems) == MaxProblems || v.bytes+size > MaxProblemBytes {
		v.more++
		v.moreErrors = v.moreErrors || severity == SeverityError
		return
	}
	v.bytes += size
	v.problems = append(v.problems, Problem{Field: field, Rule: rule, Limit: limit, Value: value, Redacted: bool(d),
		Severity: severity, Erratum: erratum})
}

// Omitted reports the members a decoder counted but did not keep in Extra (see KeepExtra), as
// one problem; it reports nothing when there are none. Every Validate calls it, so it is small
// enough to be inlined, and the problem is built out of line.
func (v *Validator) Omitted(o Omitted) {
	if o.Members > 0 {
		v.addOmitted(o)
	}
	v.clearWarning() // members not kept are never a warning: nothing of them can be checked
}

func (v *Validator) addOmitted(o Omitted) {
	v.errors++
	v.problems = append(v.problems, Problem{Field: "(extra)", Rule: RuleExtraLimit,
		Limit: strconv.Itoa(o.Members) + " (" + strconv.Itoa(o.Bytes) + " bytes)"})
}

// Required reports a field that must be sent and is missing or empty.
func (v *Validator) Required(field, value string) {
	if value == "" {
		v.add(field, RuleRequired, "", "", Show)
	}
	v.clearWarning()
}

// The constraint methods below are called some fifty times per event, nearly always for a valid
// value, so each does the cheap test first and builds the message out of line, only for a
// problem. MaxLength, the most frequent, is small enough to be inlined into the generated
// Validate.

// MaxLength reports a value longer than n characters.
func (v *Validator) MaxLength(field, value string, n int, d Disclosure) {
	// A value is never longer in characters than in bytes, so most need no counting.
	if len(value) > n {
		v.maxLength(field, value, n, d)
	}
	v.clearWarning()
}

func (v *Validator) maxLength(field, value string, n int, d Disclosure) {
	if RuneLen(value) > n {
		v.addLimit(field, RuleMaxLength, n, value, d)
	}
}

// Width reports a value that is not exactly n characters (a zero-filled field).
func (v *Validator) Width(field, value string, n int, d Disclosure) {
	if value != "" && RuneLen(value) != n {
		v.addLimit(field, RuleWidth, n, value, d)
	}
	v.clearWarning()
}

// Digits reports a value that is not digits only, or outside [min, max] (empty: no bound).
func (v *Validator) Digits(field, value, min, max string, d Disclosure) {
	// InRange also checks that value is an integer, so digits in range is InRange without a
	// sign: one pass over the value on the hot path.
	if value != "" && (value[0] == '-' || !inttext.InRange(value, min, max)) {
		v.addInteger(field, RuleDigits, IsDigits(value), value, min, max, d)
	}
	v.clearWarning()
}

// Integer reports a value that is not an integer, or outside [min, max] (empty: no bound).
func (v *Validator) Integer(field, value, min, max string, d Disclosure) {
	if value != "" && !inttext.InRange(value, min, max) {
		v.addInteger(field, RuleInteger, IsInteger(value), value, min, max, d)
	}
	v.clearWarning()
}

// Decimal reports a value that is not a decimal of the given precision and scale.
func (v *Validator) Decimal(field, value string, precision, scale int, d Disclosure) {
	if value != "" && !IsDecimal(value, precision, scale) {
		v.addDecimal(field, value, precision, scale, d)
	}
	v.clearWarning()
}

// Format reports a value that does not have format f.
func (v *Validator) Format(field, value string, f Format, d Disclosure) {
	if value != "" && !f.Valid(value) {
		v.addFormat(field, value, f, d)
	}
	v.clearWarning()
}

func (v *Validator) addDecimal(field, value string, precision, scale int, d Disclosure) {
	v.add(field, RuleDecimal, strconv.Itoa(precision)+","+strconv.Itoa(scale), value, d)
}

func (v *Validator) addFormat(field, value string, f Format, d Disclosure) {
	v.add(field, RuleFormat, f.String(), value, d)
}

func (v *Validator) addLimit(field string, rule Rule, n int, value string, d Disclosure) {
	v.add(field, rule, strconv.Itoa(n), value, d)
}

// addInteger reports a value that failed Digits or Integer: the shape when it is not a number
// at all (wellFormed false), otherwise the range.
func (v *Validator) addInteger(field string, shape Rule, wellFormed bool, value, min, max string, d Disclosure) {
	if !wellFormed {
		v.add(field, shape, "", value, d)
		return
	}
	v.add(field, RuleRange, min+".."+max, value, d)
}

// Enum reports a value that is not one of an enum's values: ok is the generated validity
// check's answer, allowed lists the values for the message.
func (v *Validator) Enum(field, value string, ok bool, allowed string, d Disclosure) {
	if value != "" && !ok {
		v.add(field, RuleEnum, allowed, value, d)
	}
	v.clearWarning()
}

// Unknown reports a field the event version does not define (strict mode). d is Redact when
// the name is one the vendor marks secret elsewhere: a password sent where a version does not
// define it is still a password.
func (v *Validator) Unknown(field, value string, d Disclosure) {
	v.add(field, RuleUnknown, "", value, d)
	v.clearWarning()
}

// Err returns the problems found as a *ValidationError when any is an error, and nil when there
// are none or all are warnings: what Validate returns. It is ErrOn with SeverityError.
func (v *Validator) Err(event string, version int) error {
	return v.ErrOn(event, version, SeverityError)
}

// ErrOn returns the problems found, warnings and errors, as a *ValidationError when any problem
// is at least failOn, and nil otherwise: what ValidateWith returns for ValidateOptions.FailOn.
func (v *Validator) ErrOn(event string, version int, failOn Severity) error {
	if v.more > 0 {
		severity := SeverityWarning
		if v.moreErrors {
			severity = SeverityError
		}
		v.problems = append(v.problems, Problem{Field: "(more)", Rule: RuleMoreProblems, Limit: strconv.Itoa(v.more), Severity: severity})
		v.more, v.moreErrors = 0, false
	}
	if len(v.problems) == 0 || v.errors == 0 && !SeverityWarning.AtLeast(failOn) {
		return nil
	}
	return &ValidationError{Event: event, Version: version, Problems: v.problems}
}
