package payload

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// A payload built twice from the guide's examples is the same body twice, and a receiver that
// deduplicates (as every receiver of at-least-once deliveries must) takes the second for a
// redelivery of the first. So Build, unless told to keep the examples, gives fresh values to the
// fields that identify an event, chosen from the spec's data rather than from field names:
//
//   - Identifiers: fields whose example is all digits and that can hold more digits than a 32-bit
//     number has (10): a digits type wider than that (a bigint id), or free text whose example is
//     already wider (an id the guide types loosely as "string"). Counts, periods, codes, account
//     numbers and zero-filled card fragments are narrower; enums and formatted values (card
//     expiry, a form's UUID) describe the product or the card, not the event, and keep their
//     examples. Fields that a query parameter with the account role mirrors never change: they
//     name the merchant, and a receiver may check them against its own account.
//     An identifier gets random digits, as many as its example has, within its constraint.
//   - The event's time: every date and timestamp field moves by the same amount, so that the
//     first timestamp field (the first date field when there is none) reads the current time in
//     the vendor's clock (spec.Vendor.Clock, UTC without one) and the others keep their distance
//     from it: a renewal date stays 45 days after the sale it belongs to.

// widest32BitDigits is the number of digits of the largest 32-bit number (4294967295).
const widest32BitDigits = 10

// isIdentifier reports whether f carries a generated identifier (see above).
func isIdentifier(f *spec.ResolvedField) bool {
	c := f.Constraint
	if f.Enum != nil || c.Format != spec.FormatNone || !webhook.IsDigits(f.Example) {
		return false
	}
	if len(f.Example) > widest32BitDigits {
		return true
	}
	return c.Kind == spec.KindDigits && digitCapacity(c) > widest32BitDigits
}

// digitCapacity is the most digits a digits constraint lets through; 0 means no limit, which is
// wider than any.
func digitCapacity(c spec.Constraint) int {
	switch {
	case c.Width > 0:
		return c.Width
	case c.MaxLength > 0:
		return c.MaxLength
	case c.Max != "":
		return len(webhook.TrimLeadingZeros(c.Max))
	}
	return widest32BitDigits + 1
}

// maxDraws bounds the draws for an identifier whose constraint refuses most digit strings of its
// example's length (a range far below 10^n); the example stays when none fits.
const maxDraws = 64

// freshIdentifier draws digits of the example's length until the constraint accepts them.
func freshIdentifier(f *spec.ResolvedField, r *rand.Rand) string {
	b := make([]byte, len(f.Example))
	for range maxDraws {
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		if v := string(b); runtimecheck.Accepts(f.Constraint, v) {
			return v
		}
	}
	return f.Example
}

const (
	dateLayout      = "2006-01-02"
	timestampLayout = "2006-01-02 15:04:05"
)

// vendorClock is the zone of the vendor's dates and timestamps.
func vendorClock(s *spec.Spec) (*time.Location, error) {
	c := s.Vendor.Clock
	if c == nil {
		return time.UTC, nil
	}
	secs, ok := c.Seconds()
	if !ok {
		return nil, fmt.Errorf("vendor %s: clock offset %q is not +HH:MM or -HH:MM", s.Vendor.ID, c.UTCOffset)
	}
	return time.FixedZone(c.Zone, secs), nil
}

// timeShifter moves the example dates and timestamps of one payload so that its anchor (the
// first timestamp's example) becomes now.
type timeShifter struct {
	// now is the current wall time in the vendor's clock, held as UTC so that the arithmetic
	// below never meets a zone.
	now time.Time
	// days and clock are the shift: whole days, then the time of day.
	days  int
	clock time.Duration
	// anchored is false when no example date or timestamp could be read: every one becomes now.
	anchored bool
}

func newTimeShifter(now time.Time, loc *time.Location, fields []spec.ResolvedField) timeShifter {
	now = now.In(loc)
	ts := timeShifter{now: time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), now.Second(), 0, time.UTC)}
	for _, want := range []spec.Format{spec.FormatTimestamp, spec.FormatDate} {
		for i := range fields {
			if fields[i].Constraint.Format != want {
				continue
			}
			anchor, ok := parseTime(fields[i].Example, want)
			if !ok {
				continue
			}
			ts.days = civilDay(ts.now) - civilDay(anchor)
			ts.clock = timeOfDay(ts.now) - timeOfDay(anchor)
			ts.anchored = true
			return ts
		}
	}
	return ts
}

// shift gives the fresh value of a date or timestamp field; ok is false for other fields.
func (ts timeShifter) shift(f *spec.ResolvedField) (string, bool) {
	format := f.Constraint.Format
	if format != spec.FormatDate && format != spec.FormatTimestamp {
		return "", false
	}
	t, ok := parseTime(f.Example, format)
	switch {
	case !ts.anchored || !ok:
		t = ts.now
	case format == spec.FormatDate:
		// whole days only: a date moved by the anchor's time of day could fall on the day before
		t = t.AddDate(0, 0, ts.days)
	default:
		t = t.AddDate(0, 0, ts.days).Add(ts.clock)
	}
	if format == spec.FormatDate {
		return t.Format(dateLayout), true
	}
	return t.Format(timestampLayout), true
}

func parseTime(s string, f spec.Format) (time.Time, bool) {
	layout := timestampLayout
	if f == spec.FormatDate {
		layout = dateLayout
	}
	t, err := time.Parse(layout, strings.TrimSpace(s))
	return t, err == nil
}

// civilDay numbers the calendar day of t (a UTC time), counting from 1970-01-01 and rounding
// down, so that days before 1970 are numbered too.
func civilDay(t time.Time) int {
	secs := t.Unix()
	day := secs / 86400
	if secs%86400 < 0 {
		day--
	}
	return int(day)
}

func timeOfDay(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}
