// Package runtimecheck answers one question for the tools around the generator: does the
// runtime validator (webhook.Validator), making the checks a generated Validate method makes for
// a spec constraint, accept a value?
//
// The generator asks it where a JSON Schema keyword must agree with the Go check (may a JSON
// true stand where the text "true" is allowed?); hookcheck's payload builder asks it to choose
// fresh identifiers a receiver accepts and values that break one constraint and no other. It
// lives apart from the generator so that hookcheck, which builds payloads, does not link the
// generator and its code-writing dependencies: it imports only spec and webhook.
package runtimecheck

import (
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// Accepts reports whether the checks generated Validate methods make for constraint c accept the
// text s: the kind (digits, integer, decimal, with their range; a boolean's "true" or "false"),
// the length (width or max length) and the format. Presence and enums are not the constraint's: "" is an absent value,
// which every one of these checks accepts.
//
// A format whose values the runtime cannot check (one missing from the spec's format table, or
// whose row names a check webhook does not have) accepts nothing: Accepts never vouches for a
// check that does not exist.
func Accepts(c spec.Constraint, s string) bool {
	var v webhook.Validator
	switch c.Kind {
	case spec.KindDigits:
		v.Digits("x", s, c.Min, c.Max, webhook.Show)
	case spec.KindInteger:
		v.Integer("x", s, c.Min, c.Max, webhook.Show)
	case spec.KindDecimal:
		v.Decimal("x", s, c.Precision, c.Scale, webhook.Show)
	case spec.KindBoolean:
		// Generated code checks a boolean's text as a two-value enum.
		v.Enum("x", s, s == "true" || s == "false", "true, false", webhook.Show)
	}
	if c.Width > 0 {
		v.Width("x", s, c.Width, webhook.Show)
	} else if c.MaxLength > 0 {
		v.MaxLength("x", s, c.MaxLength, webhook.Show)
	}
	if c.Format != spec.FormatNone {
		switch f, ok := RuntimeFormat(c.Format); {
		case ok:
			v.Format("x", s, f, webhook.Show)
		default:
			info, known := c.Format.Info()
			if !known || info.Min == "" && info.Max == "" {
				return false
			}
			// A format of integers is a range (a unix time in seconds ends in year 9999),
			// which the runtime checks as one.
			v.Integer("x", s, info.Min, info.Max, webhook.Show)
		}
	}
	return v.Err("", 0) == nil
}

// RuntimeFormat is the runtime's check of a spec format of text values: the webhook.Format that
// the spec's format table names (FormatInfo.Runtime). It is false for formats of integers, which
// are ranges, and for formats the runtime has no check for.
func RuntimeFormat(f spec.Format) (webhook.Format, bool) {
	info, ok := f.Info()
	if !ok || info.Runtime == "" {
		return 0, false
	}
	return webhook.FormatNamed(info.Runtime)
}
