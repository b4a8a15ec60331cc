package check

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// movedEvent is a hand-written event of a one-event vendor whose spec lowers one check to a
// warning, so that the severities are tested here whatever the generated vendors' errata say:
// account is required, region is documented as at most 5 characters, which real traffic
// exceeds (a warning), and password is secret, at most 8 characters (an error).
type movedEvent struct {
	account, region, password string
	extra                     webhook.Fields
}

const regionErratum = "region-longer-than-documented"

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
	v.Warning(regionErratum).MaxLength("region", e.region, 5, webhook.Show)
	v.MaxLength("password", e.password, 8, webhook.Redact)
	if o.Strict {
		for _, m := range e.extra {
			d := webhook.Show
			if webhook.LooksSecret(m.Name) {
				d = webhook.Redact
			}
			v.Unknown(m.Name, m.Value, d)
		}
	}
	return v.ErrOn("Moved", 1, o.FailOn)
}

// movedVendor is the Descriptor of movedEvent's vendor.
func movedVendor() Vendor {
	return Vendor{
		Name:   "moves",
		Events: func() []string { return []string{"Moved"} },
		Versions: func(eventType string) []int {
			if eventType == "Moved" {
				return []int{1}
			}
			return nil
		},
		Formats: func(string, int) webhook.FormatSet { return webhook.FormatSet(webhook.JSON) },
		Decode: func(eventType string, version int, _ string, body []byte) (webhook.Event, error) {
			e := &movedEvent{}
			r := webhook.NewJSONReader(string(body))
			for r.Next() {
				switch r.Key() {
				case "account":
					e.account = r.Value()
				case "region":
					e.region = r.Value()
				case "password":
					e.password = r.Value()
				default:
					e.extra = append(e.extra, webhook.Field{Name: r.Key(), Value: r.Value()})
				}
			}
			return e, r.Err()
		},
		SecretField: webhook.LooksSecret,
	}
}

// TestValidateSeverities checks the verdict and the problems for each mix of warnings and errors
// and each -fail-on: a warning is reported with its erratum whatever FailOn says, and makes the
// input invalid only when FailOn is warning.
func TestValidateSeverities(t *testing.T) {
	type problem struct {
		field   string
		level   webhook.Severity
		erratum string
		message string
	}
	regionWarning := problem{"region", webhook.SeverityWarning, regionErratum, `longer than 5 characters: "Baden-Wuerttemberg"`}
	tests := []struct {
		name   string
		body   string
		failOn webhook.Severity
		strict bool
		valid  bool
		want   []problem
	}{
		{"valid", `{"account":"1","region":"Bern"}`, webhook.SeverityError, false, true, nil},
		{"a warning", `{"account":"1","region":"Baden-Wuerttemberg"}`, webhook.SeverityError, false, true, []problem{regionWarning}},
		{"a warning, failing on warnings", `{"account":"1","region":"Baden-Wuerttemberg"}`, webhook.SeverityWarning, false, false, []problem{regionWarning}},
		{"a warning and an error", `{"region":"Baden-Wuerttemberg"}`, webhook.SeverityError, false, false,
			[]problem{{"account", webhook.SeverityError, "", "required but missing"}, regionWarning}},
		{"a secret's error and a warning", `{"account":"1","region":"Baden-Wuerttemberg","password":"hunter2hunter2"}`, webhook.SeverityError, false, false,
			[]problem{regionWarning, {"password", webhook.SeverityError, "", "longer than 8 characters (value redacted)"}}},
		{"strict: an unknown member is an error", `{"account":"1","region":"Baden-Wuerttemberg","api_secret":"s3cr3t"}`, webhook.SeverityError, true, false,
			[]problem{regionWarning, {"api_secret", webhook.SeverityError, "", "not a field of this event version (value redacted)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Validate(Input{Name: "moved.json", Body: []byte(tt.body)},
				Options{Vendor: movedVendor(), Event: "Moved", Strict: tt.strict, FailOn: tt.failOn, Engine: EngineGo})
			if r.Valid != tt.valid {
				t.Errorf("Valid = %v, want %v: %+v", r.Valid, tt.valid, r.Problems)
			}
			var got []problem
			for _, p := range r.Problems {
				got = append(got, problem{p.Field, p.Level, p.Erratum, p.Message})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems %+v\nwant %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("problem %d: %+v\nwant       %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestReportSeverities checks that every output shows a warning as a warning with the erratum
// that sets it, that the text summary counts valid inputs with warnings, and that no output
// shows a secret's value.
func TestReportSeverities(t *testing.T) {
	inputs := []string{
		`{"account":"1","region":"Baden-Wuerttemberg","password":"hunter2hunter2"}`,
		`{"account":"1","region":"Baden-Wuerttemberg"}`,
		`{"account":"1","region":"Bern"}`,
	}
	tests := []struct {
		out  Output
		want []string
	}{
		{Text, []string{
			`a.json: Moved v1: region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented)`,
			`a.json: Moved v1: password: longer than 8 characters (value redacted)`,
			`b.json: Moved v1: region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented)`,
			"3 checked, 2 valid (1 with warnings), 1 invalid",
		}},
		{JSON, []string{
			`"field":"region","rule":"maxLength","level":"warning","erratum":"region-longer-than-documented","message":"longer than 5 characters: \"Baden-Wuerttemberg\""`,
			`"field":"password","rule":"maxLength","level":"error","message":"longer than 8 characters (value redacted)"`,
			`{"file":"b.json","vendor":"moves","event":"Moved","version":1,"format":"json","valid":true,"problems":[`,
		}},
		{GitHub, []string{
			`::warning file=a.json,title=Moved v1::region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented)`,
			`::error file=a.json,title=Moved v1::password: longer than 8 characters (value redacted)`,
			`::warning file=b.json,title=Moved v1::region`,
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.out), func(t *testing.T) {
			var buf bytes.Buffer
			rep := NewReporter(&buf, tt.out)
			for i, body := range inputs {
				name := string(rune('a'+i)) + ".json"
				rep.Add(Validate(Input{Name: name, Body: []byte(body)}, Options{Vendor: movedVendor(), Event: "Moved", Engine: EngineGo}))
			}
			allValid, err := rep.Close()
			if err != nil || allValid {
				t.Errorf("Close = %v, %v; want false (a.json has an error)", allValid, err)
			}
			got := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %s\n%s", w, got)
				}
			}
			if strings.Contains(got, "hunter2") {
				t.Errorf("a secret's value is in the output:\n%s", got)
			}
			if tt.out == JSON {
				for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
					var r Result
					if err := json.Unmarshal([]byte(line), &r); err != nil {
						t.Errorf("%s: %v", line, err)
					}
				}
			}
		})
	}
}

// TestEnginesAgreeOnErrors: a schema states errors alone, so a warning the Go validator reports
// is no disagreement, while an error only one side finds still is.
func TestEnginesAgreeOnErrors(t *testing.T) {
	warning := Problem{Field: "region", Rule: "maxLength", Level: webhook.SeverityWarning, Erratum: regionErratum}
	required := Problem{Field: "account", Rule: "required"}
	tests := []struct {
		name       string
		goProblems []Problem
		schema     []Problem
		agree      bool
	}{
		{"a warning the schema does not state", []Problem{warning}, nil, true},
		{"the same error beside a warning", []Problem{required, warning}, []Problem{required}, true},
		{"an error the schema misses", []Problem{required, warning}, nil, false},
		{"an error Go misses", []Problem{warning}, []Problem{required}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := enginesAgree(fields(errorsOnly(tt.goProblems)), fields(tt.schema), ""); got != tt.agree {
				t.Errorf("agree = %v, want %v", got, tt.agree)
			}
		})
	}
}
