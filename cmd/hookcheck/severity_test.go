package main

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/webhook"
)

// movedEvent is a hand-written event of a one-event vendor whose spec lowers one check to a
// warning, so that -fail-on is tested whatever the generated vendors' errata say: account is
// required, and region is documented as at most 5 characters, which real traffic exceeds.
type movedEvent struct {
	account, region string
	extra           webhook.Fields
}

func (e *movedEvent) Version() int               { return 1 }
func (e *movedEvent) Formats() webhook.FormatSet { return webhook.FormatSet(webhook.JSON) }
func (e *movedEvent) LogValue() slog.Value       { return slog.GroupValue() }
func (e *movedEvent) Validate() error            { return e.ValidateWith(webhook.ValidateOptions{}) }
func (e *movedEvent) ValidateStrict() error {
	return e.ValidateWith(webhook.ValidateOptions{Strict: true})
}
func (e *movedEvent) ValidateWith(o webhook.ValidateOptions) error {
	var v webhook.Validator
	v.Required("account", e.account)
	v.Warning("region-longer-than-documented").MaxLength("region", e.region, 5, webhook.Show)
	if o.Strict {
		for _, m := range e.extra {
			v.Unknown(m.Name, m.Value, webhook.Redact)
		}
	}
	return v.ErrOn("Moved", 1, o.FailOn)
}

func decodeMoved(body []byte) (*movedEvent, error) {
	e := &movedEvent{}
	r := webhook.NewJSONReader(string(body))
	for r.Next() {
		switch r.Key() {
		case "account":
			e.account = r.Value()
		case "region":
			e.region = r.Value()
		default:
			e.extra = append(e.extra, webhook.Field{Name: r.Key(), Value: r.Value()})
		}
	}
	return e, r.Err()
}

// withMovedVendor adds movedEvent's vendor to hookcheck's vendors for the test.
func withMovedVendor(t *testing.T) {
	vendors["moves"] = check.Vendor{
		Name:   "moves",
		Events: func() []string { return []string{"Moved"} },
		Versions: func(eventType string) []int {
			if eventType == "Moved" {
				return []int{1}
			}
			return nil
		},
		Formats: func(string, int) webhook.FormatSet { return webhook.FormatSet(webhook.JSON) },
		Decode: func(_ string, _ int, _ string, body []byte) (webhook.Event, error) {
			return decodeMoved(body)
		},
		Detect: func(_, _ string, body []byte) ([]int, error) {
			e, err := decodeMoved(body)
			if err != nil {
				return nil, err
			}
			if e.ValidateStrict() != nil {
				return nil, nil
			}
			return []int{1}, nil
		},
		SecretField: webhook.LooksSecret,
	}
	t.Cleanup(func() { delete(vendors, "moves") })
}

// TestFailOn checks validate's verdict and exit status for each -fail-on, and that every output
// shows a warning as a warning with the erratum that sets it.
func TestFailOn(t *testing.T) {
	withMovedVendor(t)
	const (
		valid   = `{"account":"1","region":"Bern"}`
		warned  = `{"account":"1","region":"Baden-Wuerttemberg"}`
		invalid = `{"region":"Baden-Wuerttemberg"}`
		warning = `region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented)`
	)
	validate := []string{"validate", "-vendor", "moves", "-event", "Moved"}
	args := func(more ...string) []string { return append(append([]string{}, validate...), more...) }
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  []string
	}{
		{"valid", args("-"), valid, 0, []string{"1 checked, 1 valid, 0 invalid"}},
		{"a warning is valid by default", args("-"), warned, 0, []string{"-: Moved v1: " + warning, "1 checked, 1 valid (1 with warnings), 0 invalid"}},
		{"-fail-on error", args("-fail-on", "error", "-"), warned, 0, []string{warning, "1 valid (1 with warnings)"}},
		{"-fail-on warning", args("-fail-on", "warning", "-"), warned, 1, []string{warning, "1 checked, 0 valid, 1 invalid"}},
		{"-fail-on after the file", args("-", "-fail-on", "warning"), warned, 1, []string{"0 valid, 1 invalid"}},
		{"-fail-on warning, no problem", args("-fail-on", "warning", "-"), valid, 0, []string{"1 checked, 1 valid, 0 invalid"}},
		{"an error beside a warning", args("-"), invalid, 1, []string{"-: Moved v1: account: required but missing", warning, "0 valid, 1 invalid"}},
		{"json", args("-o", "json", "-"), warned, 0, []string{
			`"valid":true,"problems":[{"field":"region","rule":"maxLength","level":"warning","erratum":"region-longer-than-documented","message":"longer than 5 characters: \"Baden-Wuerttemberg\""}]`}},
		{"json, failing on warnings", args("-o", "json", "-fail-on", "warning", "-"), warned, 1, []string{`"valid":false,"problems":[{"field":"region","rule":"maxLength","level":"warning"`}},
		{"github", args("-o", "github", "-"), warned, 0, []string{"::warning file=-,title=Moved v1::" + warning}},
		{"github, an error", args("-o", "github", "-"), invalid, 1, []string{"::error file=-,title=Moved v1::account: required but missing", "::warning file=-,title=Moved v1::" + warning}},
		{"a bad level", args("-fail-on", "breaking", "-"), warned, 2, []string{`-fail-on: severity "breaking": want error or warning`}},
		{"detect lists the warnings of a fit", []string{"detect", "-vendor", "moves", "-event", "Moved", "-"}, warned, 0,
			[]string{"-: Moved v1\n  v1: fits, with warnings region (maxLength, erratum region-longer-than-documented)\n"}},
		{"detect as JSON", []string{"detect", "-vendor", "moves", "-event", "Moved", "-o", "json", "-"}, warned, 0,
			[]string{`"versions":[{"version":1,"fits":true,"warnings":[{"field":"region","rule":"maxLength","level":"warning","erratum":"region-longer-than-documented"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &out, &out)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

// TestFailOnRealPayload runs validate on a real CCBill sandbox capture whose username is longer
// than the guide's varchar(16): CCBill sends it, so it is valid with a warning naming the
// erratum, and -fail-on warning fails it.
func TestFailOnRealPayload(t *testing.T) {
	file := filepath.Join(testenv.SharedDir(t), "real-payloads", "ccbill", "openrails-newsalesuccess.json")
	const warning = `NewSaleSuccess v5: username: longer than 16 characters: "a9ab7b27-a31c-45cd-9bb5-8a38999afd7d" (warning, erratum username-longer-than-documented)`
	tests := []struct {
		failOn string
		code   int
		want   string
	}{
		{"error", 0, "1 checked, 1 valid (1 with warnings), 0 invalid"},
		{"warning", 1, "1 checked, 0 valid, 1 invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.failOn, func(t *testing.T) {
			var out bytes.Buffer
			code := run([]string{"validate", "-vendor", "ccbill", "-event", "NewSaleSuccess", "-version", "5", "-fail-on", tt.failOn, file},
				strings.NewReader(""), &out, &out)
			if code != tt.code || !strings.Contains(out.String(), warning) || !strings.Contains(out.String(), tt.want) {
				t.Errorf("exit %d, want %d, with %q and %q:\n%s", code, tt.code, warning, tt.want, out.String())
			}
		})
	}
	// detect: the warning does not keep v6 from fitting, and is listed under it.
	var out bytes.Buffer
	code := run([]string{"detect", "-vendor", "ccbill", "-event", "NewSaleSuccess", file}, strings.NewReader(""), &out, &out)
	if want := "NewSaleSuccess v6\n  v6: fits, with warnings username (maxLength, erratum username-longer-than-documented)\n"; code != 0 || !strings.Contains(out.String(), want) {
		t.Errorf("detect: exit %d, want 0 and %q:\n%s", code, want, out.String())
	}
}
