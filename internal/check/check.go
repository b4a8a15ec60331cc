package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/webhook"
)

// Event is what check needs of a generated event version.
type Event interface {
	ValidateWith(webhook.ValidateOptions) error
}

// Vendor is a generated vendor package as check sees it: its Descriptor.
type Vendor = webhook.Descriptor

// secret applies the vendor's redaction rule.
func secret(v Vendor, name string) bool {
	if v.SecretField == nil {
		return webhook.LooksSecret(name)
	}
	return v.SecretField(name)
}

// Engine chooses the validator.
type Engine int

const (
	// EngineGo validates with the generated Go code.
	EngineGo Engine = iota
	// EngineSchema validates with the generated JSON Schemas.
	EngineSchema
	// EngineBoth runs both and reports a disagreement as a failure of its own.
	EngineBoth
)

// Options are the choices of one validation run.
type Options struct {
	// Vendor is the vendor whose package checks the inputs; when its Name is "", each input's
	// vendor is found among Vendors (see Resolve).
	Vendor  Vendor
	Vendors []Vendor
	// Event is the event type; "" takes it from each input (a capture's eventType, or the
	// body of a vendor whose bodies say it).
	Event string
	// Version is the event version; 0 means the version the body says, for a vendor whose
	// bodies say it, and the event's latest otherwise.
	Version int
	// Format is the body's wire format; 0 means the input's own (a capture's Content-Type) or
	// a sniff of the body.
	Format webhook.WireFormat
	Strict bool
	// FailOn is the least severity of problem that makes an input invalid: webhook.SeverityError
	// (the zero value), or SeverityWarning to fail on the constraints the spec's errata lower to
	// warnings too. Warnings are reported either way.
	FailOn  webhook.Severity
	Engine  Engine
	Schemas *jsonschema.Validator
	// ShowValues quotes the values of members the version does not define in their problems,
	// unless their names are secret. By default they are left out: a recorded payload's unknown
	// member may be a password under a name no rule knows.
	ShowValues bool
}

// Problem is one thing wrong with one payload, in words a merchant understands.
type Problem struct {
	Field string `json:"field,omitempty"`
	Rule  string `json:"rule"`
	// Level is error, or warning for a check an erratum of the spec lowers (Erratum names it):
	// only the Go validator reports warnings, for a JSON Schema states the errors alone.
	Level   webhook.Severity `json:"level"`
	Erratum string           `json:"erratum,omitempty"`
	// Message says what is wrong; a warning's Message does not repeat its level and erratum.
	Message string `json:"message"`
}

// Result is the verdict on one input.
type Result struct {
	File    string `json:"file"`
	Vendor  string `json:"vendor,omitempty"`
	Event   string `json:"event,omitempty"`
	Version int    `json:"version,omitempty"`
	Format  string `json:"format,omitempty"`
	// Valid is set when no problem reaches Options.FailOn: with the default, an input whose
	// problems are all warnings is valid.
	Valid    bool      `json:"valid"`
	Problems []Problem `json:"problems,omitempty"`
	// Disagree is set when -engine both got different verdicts from the two validators.
	Disagree bool `json:"enginesDisagree,omitempty"`
}

// Validate checks one input.
func Validate(in Input, opt Options) Result {
	r := Result{File: in.Name}
	fail := func(rule, msg string) Result {
		r.Problems = append(r.Problems, Problem{Rule: rule, Message: msg})
		return r
	}
	if in.Err != nil {
		return fail("input", in.Err.Error())
	}
	target, err := Resolve(in, opt)
	r.Vendor, r.Event, r.Version = target.Vendor.Name, target.Event, target.Version
	if err != nil {
		rule := "event"
		if target.Vendor.Name == "" || target.Event == "" {
			rule = "input"
		}
		return fail(rule, err.Error())
	}
	opt.Vendor = target.Vendor
	format := opt.Format
	if format == 0 {
		format = in.Format
	}
	if format == 0 {
		format = webhook.Sniff(in.Body)
	}
	r.Format = format.String()
	if sent := opt.Vendor.Formats(r.Event, r.Version); !sent.Has(format) {
		return fail("format", fmt.Sprintf("%s v%d is sent as %s, not %s", r.Event, r.Version, sent, format))
	}

	var goProblems, schemaProblems []Problem
	var goDecodeAt string
	if opt.Engine != EngineSchema {
		goProblems, goDecodeAt = goValidate(in.Body, format, r, opt)
	}
	if opt.Engine != EngineGo {
		schemaProblems = schemaValidate(in.Body, format, r, opt)
	}
	switch opt.Engine {
	case EngineGo:
		r.Problems = goProblems
	case EngineSchema:
		r.Problems = schemaProblems
	case EngineBoth:
		r.Problems = goProblems
		// A schema states the errors alone, so the engines agree on errors; a warning is the Go
		// validator's to report.
		if g, s := fields(errorsOnly(goProblems)), fields(schemaProblems); !enginesAgree(g, s, goDecodeAt) {
			r.Disagree = true
			r.Problems = append(r.Problems, Problem{Rule: "engines-disagree", Message: fmt.Sprintf(
				"the Go validator and the JSON Schema disagree: Go finds %s, the schema finds %s", listOr(g), listOr(s))})
		}
	}
	if target.Says != "" {
		r.Problems = append([]Problem{{Rule: "route", Message: target.Says}}, r.Problems...)
	}
	r.Valid = !slices.ContainsFunc(r.Problems, func(p Problem) bool { return p.Level.AtLeast(opt.FailOn) })
	return r
}

// errorsOnly returns the problems at error level.
func errorsOnly(ps []Problem) []Problem {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return p.Level != webhook.SeverityError })
}

// goValidate returns the generated package's problems with the body and, when the decoder refused
// one member (a nested member of the wrong shape), that member's path as ShowName gives it.
func goValidate(body []byte, format webhook.WireFormat, r Result, opt Options) ([]Problem, string) {
	e, err := opt.Vendor.Decode(r.Event, r.Version, format.ContentType(), body)
	if err != nil {
		var de *webhook.DecodeError
		at := ""
		if errors.As(err, &de) && de.Key != "" {
			at = webhook.ShowName(de.Key)
		}
		// The message quotes the key; the raw key may be anything a body held.
		return []Problem{{Rule: "decode", Message: err.Error()}}, at
	}
	// Every problem is collected, warnings too; Validate judges them by opt.FailOn.
	err = e.ValidateWith(webhook.ValidateOptions{Strict: opt.Strict, FailOn: webhook.SeverityWarning})
	var ve *webhook.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return []Problem{{Rule: "validate", Message: err.Error()}}, ""
		}
		return nil, ""
	}
	out := make([]Problem, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		// The message says what is wrong; the level and the erratum are fields of their own.
		what := p
		what.Severity, what.Erratum = webhook.SeverityError, ""
		text := what.String()
		if opt.ShowValues {
			text = what.StringWithValue()
		}
		field := webhook.ShowName(p.Field)
		out = append(out, Problem{Field: field, Rule: string(p.Rule), Level: p.Severity, Erratum: p.Erratum,
			Message: strings.TrimPrefix(text, field+": ")})
	}
	return out, ""
}

func schemaValidate(body []byte, format webhook.WireFormat, r Result, opt Options) []Problem {
	ps, err := opt.Schemas.Validate(opt.Vendor.Name, r.Event, r.Version, opt.Strict, format, body)
	if err != nil {
		var de *webhook.DecodeError
		if errors.As(err, &de) {
			// encoding/json's messages quote the character they stopped at, which may be a
			// secret's first: keep the offset and the key, and say what failed in words.
			scrubbed := webhook.DecodeError{Format: de.Format, Offset: de.Offset, Key: de.Key, Msg: "not readable by the JSON Schema engine's decoder"}
			return []Problem{{Rule: "decode", Message: scrubbed.Error()}}
		}
		return []Problem{{Rule: "schema", Message: err.Error()}}
	}
	out := make([]Problem, 0, len(ps))
	for _, p := range ps {
		rule := string(p.Rule)
		if rule == "" {
			rule = "schema:" + p.Keyword
		}
		msg := p.Message
		// The library's messages may quote the value ("'hunter2' is not valid 'date'"): for a
		// secret, and for a member the version does not define (see ShowValues), say which
		// keyword failed instead.
		if secret := secret(opt.Vendor, p.Field); secret || p.Rule == webhook.RuleUnknown && !opt.ShowValues {
			msg = "fails the schema's " + p.Keyword + " keyword"
			if p.Rule == webhook.RuleUnknown {
				msg = "not a field of this event version"
			}
			if secret {
				msg += " (value redacted)"
			}
		}
		out = append(out, Problem{Field: webhook.ShowName(p.Field), Rule: rule, Message: msg})
	}
	return out
}

// fields is the sorted set of offending fields, with "(body)" for a body that cannot be read.
func fields(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		switch {
		case p.Rule == "decode":
			out = append(out, "(body)")
		default:
			out = append(out, p.Field)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// enginesAgree reports whether the two validators found the same: the same offending fields, or a
// member the Go decoder refused (goDecodeAt, its path) that the schema engine, which reads any
// JSON, faults alone. The decoders refuse a member of the wrong shape where a schema faults it.
func enginesAgree(goFields, schemaFields []string, goDecodeAt string) bool {
	if slices.Equal(goFields, schemaFields) {
		return true
	}
	return goDecodeAt != "" && slices.Equal(schemaFields, []string{goDecodeAt})
}

func listOr(fs []string) string {
	if len(fs) == 0 {
		return "nothing wrong"
	}
	return strings.Join(fs, ", ")
}

func ints(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
