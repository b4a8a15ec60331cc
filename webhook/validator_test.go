package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestSeverityText(t *testing.T) {
	tests := []struct {
		text    string
		want    Severity
		wantErr bool
	}{
		{"error", SeverityError, false},
		{"warning", SeverityWarning, false},
		{"", 0, true},
		{"Warning", 0, true},
		{"breaking", 0, true}, // a change's level, not a problem's severity
		{"info", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseSeverity(tt.text)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("ParseSeverity(%q) = %v, %v; want %v, error %v", tt.text, got, err, tt.want, tt.wantErr)
			}
			var un Severity
			if err := un.UnmarshalText([]byte(tt.text)); (err != nil) != tt.wantErr || un != tt.want {
				t.Errorf("UnmarshalText(%q) = %v, %v", tt.text, un, err)
			}
			if tt.wantErr {
				if !strings.Contains(err.Error(), "want error or warning") {
					t.Errorf("error %q does not say what is wanted", err)
				}
				return
			}
			if got.String() != tt.text {
				t.Errorf("String() = %q, want %q", got.String(), tt.text)
			}
			data, err := json.Marshal(struct{ S Severity }{got})
			if err != nil || string(data) != `{"S":"`+tt.text+`"}` {
				t.Errorf("json.Marshal = %s, %v", data, err)
			}
		})
	}
	if _, err := Severity(7).MarshalText(); err == nil {
		t.Error("MarshalText of an undefined severity succeeded")
	}
	if got := Severity(7).String(); got != "severity(7)" {
		t.Errorf("String of an undefined severity = %q", got)
	}
}

func TestSeverityAtLeast(t *testing.T) {
	tests := []struct {
		s, threshold Severity
		want         bool
	}{
		{SeverityError, SeverityError, true},
		{SeverityError, SeverityWarning, true},
		{SeverityWarning, SeverityWarning, true},
		{SeverityWarning, SeverityError, false},
	}
	for _, tt := range tests {
		if got := tt.s.AtLeast(tt.threshold); got != tt.want {
			t.Errorf("%v.AtLeast(%v) = %v, want %v", tt.s, tt.threshold, got, tt.want)
		}
	}
}

// TestValidatorWarning calls every check method through Warning, on a bad value and on a good
// one. A bad value is a warning naming the erratum, which Err lets pass and ErrOn(SeverityWarning)
// reports; either way the next check, called without Warning, is an error again: every method
// clears Warning, whether it found a problem or not.
func TestValidatorWarning(t *testing.T) {
	tests := []struct {
		name      string
		bad, good func(v *Validator)
		want      Problem
		wantText  string
	}{
		{"required",
			func(v *Validator) { v.Required("subscriptionId", "") },
			func(v *Validator) { v.Required("subscriptionId", "1") },
			Problem{Field: "subscriptionId", Rule: RuleRequired}, "subscriptionId: required but missing"},
		{"max length",
			func(v *Validator) { v.MaxLength("state", "Baden-Wuerttemberg-Sued", 20, Show) },
			func(v *Validator) { v.MaxLength("state", "Bayern", 20, Show) },
			Problem{Field: "state", Rule: RuleMaxLength, Limit: "20", Value: "Baden-Wuerttemberg-Sued"},
			`state: longer than 20 characters: "Baden-Wuerttemberg-Sued"`},
		{"max length of a secret",
			func(v *Validator) { v.MaxLength("password", strings.Repeat("p", 31), 30, Redact) },
			func(v *Validator) { v.MaxLength("password", "short", 30, Redact) },
			Problem{Field: "password", Rule: RuleMaxLength, Limit: "30", Redacted: true},
			"password: longer than 30 characters (value redacted)"},
		{"width",
			func(v *Validator) { v.Width("clientSubacc", "00000", 4, Show) },
			func(v *Validator) { v.Width("clientSubacc", "0000", 4, Show) },
			Problem{Field: "clientSubacc", Rule: RuleWidth, Limit: "4", Value: "00000"}, `clientSubacc: not exactly 4 characters: "00000"`},
		{"digits range",
			func(v *Validator) { v.Digits("rebills", "100", "0", "99", Show) },
			func(v *Validator) { v.Digits("rebills", "099", "0", "99", Show) },
			Problem{Field: "rebills", Rule: RuleRange, Limit: "0..99", Value: "100"}, `rebills: outside 0..99: "100"`},
		{"integer",
			func(v *Validator) { v.Integer("days", "-5", "0", "", Show) },
			func(v *Validator) { v.Integer("days", "5", "0", "", Show) },
			Problem{Field: "days", Rule: RuleRange, Limit: "0..", Value: "-5"}, `days: outside 0..: "-5"`},
		{"decimal",
			func(v *Validator) { v.Decimal("amount", "1.999", 9, 2, Show) },
			func(v *Validator) { v.Decimal("amount", "1.99", 9, 2, Show) },
			Problem{Field: "amount", Rule: RuleDecimal, Limit: "9,2", Value: "1.999"},
			`amount: not a decimal of at most 9 digits with at most 2 after the point: "1.999"`},
		{"format",
			func(v *Validator) { v.Format("email", "nobody", FormatEmail, Show) },
			func(v *Validator) { v.Format("email", "jo@example.com", FormatEmail, Show) },
			Problem{Field: "email", Rule: RuleFormat, Limit: "e-mail address", Value: "nobody"}, `email: not a e-mail address: "nobody"`},
		{"open enum",
			func(v *Validator) { v.Enum("source", "customerSupport", false, "FORM, API, PHONE", Show) },
			func(v *Validator) { v.Enum("source", "FORM", true, "FORM, API, PHONE", Show) },
			Problem{Field: "source", Rule: RuleEnum, Limit: "FORM, API, PHONE", Value: "customerSupport"},
			`source: not one of FORM, API, PHONE: "customerSupport"`},
		{"present",
			func(v *Validator) { v.Present("quantity", false) },
			func(v *Validator) { v.Present("quantity", true) },
			Problem{Field: "quantity", Rule: RuleRequired}, "quantity: required but missing"},
		{"int range",
			func(v *Validator) { v.IntRange("quantity", 0, true, 1, NoMax, Show) },
			func(v *Validator) { v.IntRange("quantity", 1, true, 1, NoMax, Show) },
			Problem{Field: "quantity", Rule: RuleRange, Limit: "1..", Value: "0"}, `quantity: outside 1..: "0"`},
		{"time range",
			func(v *Validator) { v.TimeRange("created_at", -1, true, 0, NoMax, "unix time", Show) },
			func(v *Validator) { v.TimeRange("created_at", 1, true, 0, NoMax, "unix time", Show) },
			Problem{Field: "created_at", Rule: RuleFormat, Limit: "unix time (0..)", Value: "-1"}, `created_at: not a unix time (0..): "-1"`},
		{"nested, with its path",
			func(v *Validator) {
				v.Enter("content")
				v.Enter("customer")
				v.MaxLength("company", "ACME Corporation International", 25, Show)
				v.Leave()
				v.Leave()
			},
			func(v *Validator) {
				v.Enter("content")
				v.MaxLength("company", "ACME", 25, Show)
				v.Leave()
			},
			Problem{Field: "content.customer.company", Rule: RuleMaxLength, Limit: "25", Value: "ACME Corporation International"},
			`content.customer.company: longer than 25 characters: "ACME Corporation International"`},
	}
	const erratum = "evidence-from-real-payloads"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validator
			tt.bad(v.Warning(erratum))
			if err := v.Err("Event", 1); err != nil {
				t.Fatalf("Err = %v, want nil: a warning alone leaves the event valid", err)
			}
			err := v.ErrOn("Event", 1, SeverityWarning)
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("ErrOn(warning) = %v, want one problem", err)
			}
			want := tt.want
			want.Severity, want.Erratum = SeverityWarning, erratum
			if !reflect.DeepEqual(ve.Problems[0], want) {
				t.Errorf("problem %+v, want %+v", ve.Problems[0], want)
			}
			wantText := "Event v1: " + tt.wantText + " (warning, erratum " + erratum + ")"
			if got := err.Error(); got != wantText {
				t.Errorf("Error() = %q\nwant      %q", got, wantText)
			}
			if ve.Severity() != SeverityWarning || len(ve.Warnings()) != 1 {
				t.Errorf("Severity() = %v, %d warnings; want warning, 1", ve.Severity(), len(ve.Warnings()))
			}

			// After a warning that found a problem, and after one that did not, the same check
			// without Warning is an error.
			for _, first := range []func(*Validator){tt.bad, tt.good} {
				var v Validator
				first(v.Warning(erratum))
				tt.bad(&v)
				err := v.Err("Event", 1)
				if !errors.As(err, &ve) || ve.Problems[len(ve.Problems)-1].Severity != SeverityError || ve.Problems[len(ve.Problems)-1].Erratum != "" {
					t.Errorf("the check after a Warning: %v, want an error", err)
				}
			}
			var ok Validator
			tt.good(ok.Warning(erratum))
			if err := ok.ErrOn("Event", 1, SeverityWarning); err != nil {
				t.Errorf("good value: %v", err)
			}
		})
	}
}

// TestEveryCheckEndsItsWarning calls every check method of Validator, those of files added
// later included, through Warning with zero arguments (an absent value, which no check but the
// presence checks faults) and checks that the Warning is over afterwards: a check method that
// left it set would lower the next check, an error, to a warning.
func TestEveryCheckEndsItsWarning(t *testing.T) {
	notChecks := map[string]bool{"Warning": true, "Err": true, "ErrOn": true, "Enter": true, "EnterItem": true, "Leave": true}
	typ := reflect.TypeFor[*Validator]()
	checked := 0
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		if notChecks[m.Name] {
			continue
		}
		file, _ := runtime.FuncForPC(m.Func.Pointer()).FileLine(m.Func.Pointer())
		t.Run(m.Name, func(t *testing.T) {
			var v Validator
			args := []reflect.Value{reflect.ValueOf(v.Warning("some-erratum"))}
			for j := 1; j < m.Type.NumIn(); j++ {
				args = append(args, reflect.Zero(m.Type.In(j)))
			}
			m.Func.Call(args)
			if v.erratum != "" {
				t.Errorf("(*Validator).%s (%s) leaves the Warning set: end it with v.clearWarning(), as every check does", m.Name, file)
			}
		})
		checked++
	}
	if checked < 12 {
		t.Errorf("%d check methods found; the list of methods that are not checks is out of date", checked)
	}
}

// TestValidatorSeverities checks what Err and ErrOn return for each mix of severities, and that
// the error lists every problem, warnings among the errors, whatever made it fail.
func TestValidatorSeverities(t *testing.T) {
	warn := func(v *Validator) { v.Warning("state-length").MaxLength("state", "Baden-Wuerttemberg-Sued", 20, Show) }
	fail := func(v *Validator) { v.Required("clientAccnum", "") }
	tests := []struct {
		name         string
		checks       []func(*Validator)
		failOn       Severity
		wantProblems int // 0: nil
		wantSeverity Severity
		wantWarnings int
	}{
		{"nothing", nil, SeverityError, 0, 0, 0},
		{"nothing, failing on warnings", nil, SeverityWarning, 0, 0, 0},
		{"a warning", []func(*Validator){warn}, SeverityError, 0, 0, 0},
		{"a warning, failing on warnings", []func(*Validator){warn}, SeverityWarning, 1, SeverityWarning, 1},
		{"an error", []func(*Validator){fail}, SeverityError, 1, SeverityError, 0},
		{"an error and a warning", []func(*Validator){warn, fail}, SeverityError, 2, SeverityError, 1},
		{"an error and a warning, failing on warnings", []func(*Validator){fail, warn}, SeverityWarning, 2, SeverityError, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validator
			for _, c := range tt.checks {
				c(&v)
			}
			err := v.ErrOn("NewSaleSuccess", 6, tt.failOn)
			if tt.wantProblems == 0 {
				if err != nil {
					t.Fatalf("ErrOn = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ErrOn = %v, want a *ValidationError", err)
			}
			if len(ve.Problems) != tt.wantProblems || ve.Severity() != tt.wantSeverity || len(ve.Warnings()) != tt.wantWarnings {
				t.Errorf("%d problems, severity %v, %d warnings; want %d, %v, %d: %v",
					len(ve.Problems), ve.Severity(), len(ve.Warnings()), tt.wantProblems, tt.wantSeverity, tt.wantWarnings, err)
			}
		})
	}
}

// TestValidatorSeverityPastLimits checks that problems counted past MaxProblems keep their
// severity: warnings alone leave the event valid, an error among them makes it invalid.
func TestValidatorSeverityPastLimits(t *testing.T) {
	tests := []struct {
		name         string
		lastIsError  bool
		wantErr      bool
		wantSeverity Severity
	}{
		{"warnings only", false, false, SeverityWarning},
		{"an error counted past the limit", true, true, SeverityError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validator
			for i := range MaxProblems + 5 {
				v.Warning("open-enum").Enum(fmt.Sprintf("m%d", i), "x", false, "a, b", Show)
			}
			if tt.lastIsError {
				v.Enum("last", "x", false, "a, b", Show)
			}
			var ve *ValidationError
			if err := v.Err("Event", 1); (err != nil) != tt.wantErr {
				t.Fatalf("Err = %v, want error %v", err, tt.wantErr)
			}
			if err := v.ErrOn("Event", 1, SeverityWarning); !errors.As(err, &ve) {
				t.Fatalf("ErrOn(warning) = %v", err)
			}
			more := ve.Problems[len(ve.Problems)-1]
			if more.Rule != RuleMoreProblems || more.Severity != tt.wantSeverity {
				t.Errorf("last problem %+v, want %s at %v", more, RuleMoreProblems, tt.wantSeverity)
			}
			if ve.Severity() != tt.wantSeverity {
				t.Errorf("Severity() = %v, want %v", ve.Severity(), tt.wantSeverity)
			}
		})
	}
}

func TestValidatorWarningDoesNotAllocateOnValidValues(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		var v Validator
		validWarningChecks(&v)
		if v.ErrOn("NewSaleSuccess", 6, SeverityWarning) != nil {
			panic("invalid")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations validating valid values through Warning, want 0", allocs)
	}
}

// validChecks runs a representative set of checks on valid values, straight-line as generated
// code does; validWarningChecks runs the same checks through Warning.
func validChecks(v *Validator) {
	v.Required("clientAccnum", "900000")
	v.Digits("clientAccnum", "900000", "0", "16777215", Show)
	v.Width("clientSubacc", "0000", 4, Show)
	v.MaxLength("city", "Zürich", 30, Show)
	v.MaxLength("state", "Bayern", 20, Show)
	v.Decimal("billedInitialPrice", "4.99", 9, 2, Show)
	v.Format("timestamp", "2012-08-05 15:18:17", FormatTimestamp, Show)
	v.Enum("source", "FORM", true, "FORM, API, PHONE", Show)
	v.IntRange("quantity", 3, true, 1, NoMax, Show)
}

func validWarningChecks(v *Validator) {
	v.Warning("evidence").Required("clientAccnum", "900000")
	v.Warning("evidence").Digits("clientAccnum", "900000", "0", "16777215", Show)
	v.Warning("evidence").Width("clientSubacc", "0000", 4, Show)
	v.Warning("evidence").MaxLength("city", "Zürich", 30, Show)
	v.Warning("evidence").MaxLength("state", "Bayern", 20, Show)
	v.Warning("evidence").Decimal("billedInitialPrice", "4.99", 9, 2, Show)
	v.Warning("evidence").Format("timestamp", "2012-08-05 15:18:17", FormatTimestamp, Show)
	v.Warning("evidence").Enum("source", "FORM", true, "FORM, API, PHONE", Show)
	v.Warning("evidence").IntRange("quantity", 3, true, 1, NoMax, Show)
}

// BenchmarkValidatorValid compares the same checks of a valid event at error level and through
// Warning: while it finds no problem a warning-level check costs one store more, and neither
// allocates.
func BenchmarkValidatorValid(b *testing.B) {
	b.Run("errors", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v Validator
			validChecks(&v)
			if v.Err("NewSaleSuccess", 6) != nil {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("warnings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v Validator
			validWarningChecks(&v)
			if v.Err("NewSaleSuccess", 6) != nil {
				b.Fatal("invalid")
			}
		}
	})
}
