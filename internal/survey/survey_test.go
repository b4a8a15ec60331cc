package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// ccbillVendor wires the generated ccbill package, as cmd/hookcheck does.
var ccbillVendor = ccbill.Descriptor()

func ccbillSpec(t testing.TB) *spec.Spec {
	t.Helper()
	s, err := spec.Load(filepath.Join(testenv.RepoRoot(t), "spec", "ccbill"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sample is the guide's example of an event version as a JSON body, with members replaced and
// added: set's values replace a member's in place, or are appended in set's order.
func sample(t testing.TB, event ccbill.EventType, version int, set ...string) []byte {
	t.Helper()
	e, err := ccbill.Sample(event, version)
	if err != nil {
		t.Fatal(err)
	}
	body := string(e.AppendJSON(nil))
	for i := 0; i+1 < len(set); i += 2 {
		name, value := set[i], set[i+1]
		key := `"` + name + `":`
		if j := strings.Index(body, key); j >= 0 {
			end := j + len(key) + strings.IndexAny(body[j+len(key):], ",}")
			body = body[:j+len(key)] + string(webhook.AppendJSONString(nil, value)) + body[end:]
			continue
		}
		body = strings.TrimSuffix(body, "}") + `,` + key + string(webhook.AppendJSONString(nil, value)) + `}`
	}
	return []byte(body)
}

func delivery(name, event string, body []byte) Delivery {
	return Delivery{Input: check.Input{Name: name, Event: event, Body: body}}
}

func TestSurvey(t *testing.T) {
	s := ccbillSpec(t)
	longState := "Chernihivs`ka Oblast`X" // 22 characters, varchar(20)
	const secret = "hunter2-do-not-print"
	tests := []struct {
		name       string
		event      string // Options.Event
		deliveries []Delivery
		check      func(t *testing.T, r *Report)
	}{
		{"a JSON body cut short and read as a form: its one member name is the whole body",
			"Void", []Delivery{
				{Input: check.Input{Name: "cut", Event: "Void", Format: webhook.Form,
					Body: []byte(`{"transactionId":"0912","password":"` + secret + `","timestamp":"2012-08-`)}},
			},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Void", 4)
				var hidden *Member
				for i, m := range v.Undocumented {
					if strings.HasPrefix(m.Name, "(a member name of ") {
						hidden = &v.Undocumented[i]
					}
				}
				if hidden == nil || hidden.Seen != 1 || len(hidden.Examples) != 0 || !strings.Contains(hidden.Hidden, "not a member name") {
					t.Errorf("the body read as a name: %+v in %+v", hidden, v.Undocumented)
				}
			}},
		{"an undocumented member, counted, with its example",
			"", []Delivery{
				delivery("a", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2, "cardLevel", "CLASSIC")),
				delivery("b", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2, "cardLevel", "GOLD")),
				delivery("c", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2)),
			},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "UpgradeSuccess", 2)
				m := findMember(v.Undocumented, "cardLevel")
				if m == nil || m.Seen != 2 || !slices.Equal(m.Examples, []string{"CLASSIC", "GOLD"}) || m.DefinedIn != "" {
					t.Errorf("cardLevel: %+v", m)
				}
				if f := r.Events[0].Fits; f[1].Valid != 3 || f[1].Strict != 1 {
					t.Errorf("fits %+v: want v2 valid 3, strictly valid 1", f)
				}
			}},
		{"a member another event has",
			"", []Delivery{delivery("a", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2, "currency", "USD"))},
			func(t *testing.T, r *Report) {
				m := findMember(onlyVersion(t, r, "UpgradeSuccess", 2).Undocumented, "currency")
				if m == nil || !strings.Contains(m.DefinedIn, "Chargeback") {
					t.Errorf("currency: %+v", m)
				}
			}},
		{"a member the vendor's tables lack and the spec has as observed",
			"", []Delivery{
				delivery("a", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2, "cardSubType", "DEBIT")),
				delivery("b", "UpgradeSuccess", []byte(`{"transactionId":"0912191101000000159","clientAccnum":"900100","clientSubacc":"0000","timestamp":"2012-08-05 15:18:17"}`)),
			},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "UpgradeSuccess", 2)
				m := findMember(v.Observed, "cardSubType")
				if m == nil || m.Seen != 1 || !strings.Contains(m.Source, "openrails-upgradesuccess.json") || m.Examples != nil {
					t.Errorf("cardSubType: %+v in observed %+v", m, v.Observed)
				}
				if findMember(v.Undocumented, "cardSubType") != nil {
					t.Errorf("cardSubType is also undocumented: %+v", v.Undocumented)
				}
			}},
		{"issue 16's members that the collected payloads do not carry",
			"", []Delivery{
				delivery("a", "NewSaleFailure", sample(t, ccbill.NewSaleFailure, 3, "subscriptionId", "0125217202000000017")),
				delivery("c", "Void", sample(t, ccbill.Void, 4, "source", "webStaff")),
			},
			func(t *testing.T, r *Report) {
				for _, want := range []struct{ event, member, definedIn string }{
					{"NewSaleFailure", "subscriptionId", "NewSaleSuccess"},
					{"Void", "source", "Cancellation"},
				} {
					var m *Member
					for _, e := range r.Events {
						if e.Event == want.event && len(e.Versions) == 1 {
							m = findMember(e.Versions[0].Undocumented, want.member)
						}
					}
					if m == nil || m.Seen != 1 || !strings.Contains(m.DefinedIn, want.definedIn) {
						t.Errorf("%s %s: %+v", want.event, want.member, m)
					}
				}
			}},
		{"a secret-looking member's value is never kept",
			"", []Delivery{delivery("a", "Void", sample(t, ccbill.Void, 4, "userPassword", secret))},
			func(t *testing.T, r *Report) {
				m := findMember(onlyVersion(t, r, "Void", 4).Undocumented, "userPassword")
				if m == nil || m.Examples != nil || !strings.Contains(m.Hidden, "secret") {
					t.Errorf("userPassword: %+v", m)
				}
			}},
		{"pass-through variables where the version declares them",
			"", []Delivery{delivery("a", "Cancellation", sample(t, ccbill.Cancellation, 1, "X-formDigest", "abc", "X-currencyCode", "840"))},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Cancellation", 1)
				if len(v.PassThrough) != 2 || v.Undocumented != nil {
					t.Errorf("pass-through %+v, undocumented %+v", v.PassThrough, v.Undocumented)
				}
			}},
		{"enum values outside the spec",
			"", []Delivery{
				delivery("a", "Cancellation", sample(t, ccbill.Cancellation, 1, "source", "customerSupport")),
				delivery("b", "Cancellation", sample(t, ccbill.Cancellation, 1, "source", "webStaff")),
				delivery("c", "Cancellation", sample(t, ccbill.Cancellation, 1, "source", "webStaff")),
			},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Cancellation", 1)
				want := []EnumFinding{{Member: "source", Enum: "source", Values: []Count{{"webStaff", 2}, {"customerSupport", 1}}, Erratum: "source-is-open"}}
				if !equalJSON(v.EnumValues, want) {
					t.Errorf("enum values %+v, want %+v", v.EnumValues, want)
				}
			}},
		{"numeric enums compare by value",
			"", []Delivery{delivery("a", "Void", sample(t, ccbill.Void, 4, "currencyCode", "0840"))},
			func(t *testing.T, r *Report) {
				if v := onlyVersion(t, r, "Void", 4); v.EnumValues != nil {
					t.Errorf("0840 is 840: %+v", v.EnumValues)
				}
			}},
		{"a value beyond the documented length, personal data hidden",
			"", []Delivery{delivery("a", "NewSaleSuccess", sample(t, ccbill.NewSaleSuccess, 6, "state", longState))},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "NewSaleSuccess", 6)
				if len(v.Lengths) != 1 || v.Lengths[0].Member != "state" || v.Lengths[0].Longest != 22 || v.Lengths[0].Limit != "at most 20" || v.Lengths[0].Examples != nil || v.Lengths[0].Hidden == "" {
					t.Errorf("lengths %+v", v.Lengths)
				}
			}},
		{"members never seen, by presence",
			"", []Delivery{delivery("a", "Void", []byte(`{"transactionId":"0912191101000000159","clientAccnum":"900100","clientSubacc":"0000","timestamp":"2012-08-05 15:18:17"}`))},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Void", 4)
				if i := slices.IndexFunc(v.NeverSeen, func(a Absent) bool { return a.Name == "amount" }); i < 0 {
					t.Errorf("amount not among the never seen: %+v", v.NeverSeen)
				}
				if slices.ContainsFunc(v.NeverSeen, func(a Absent) bool { return a.Name == "clientAccnum" }) {
					t.Errorf("clientAccnum was seen: %+v", v.NeverSeen)
				}
			}},
		{"a params dump names its event in the body",
			"", []Delivery{
				{Input: check.Input{Name: "dump", Body: sample(t, ccbill.Void, 4, "eventType", "Void", "controller", "callbacks")}, ParamsDump: true},
			},
			func(t *testing.T, r *Report) {
				e := r.Events[0]
				v := onlyVersion(t, r, "Void", 4)
				if e.ParamsDumps != 1 || !equalJSON(e.QueryParameters, []Count{{"eventType", 1}}) || findMember(v.Undocumented, "eventType") != nil {
					t.Errorf("event %+v", e)
				}
				if m := findMember(v.Undocumented, "controller"); m == nil || m.InParamsDumps != 1 {
					t.Errorf("controller: %+v", m)
				}
				if e.Fits[3].Strict != 0 || e.Fits[3].Valid != 1 {
					t.Errorf("fits %+v: valid once eventType is out, not strictly (controller)", e.Fits)
				}
			}},
		{"a params dump whose body names another event",
			"", []Delivery{{Input: check.Input{Name: "dump", Event: "Void", Body: sample(t, ccbill.Refund, 4, "eventType", "Refund")}, ParamsDump: true}},
			func(t *testing.T, r *Report) {
				if len(r.Events) != 0 || len(r.Unreadable) != 1 || !strings.Contains(r.Unreadable[0].Reason, `the body's eventType "Refund" disagrees with the delivery's event type "Void"`) {
					t.Errorf("%+v", r)
				}
			}},
		{"-event skips a params dump of another event",
			"Void", []Delivery{{Input: check.Input{Name: "dump", Body: sample(t, ccbill.Refund, 4, "eventType", "Refund")}}},
			func(t *testing.T, r *Report) {
				if len(r.Events) != 0 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0].Reason, "a Refund delivery; the survey is of Void") {
					t.Errorf("%+v", r)
				}
			}},
		{"bounded: distinct enum values and member names past the caps are counted",
			"", func() []Delivery {
				var ds []Delivery
				for i := range maxEnumValues + 3 {
					ds = append(ds, delivery("e", "Cancellation", sample(t, ccbill.Cancellation, 1, "source", strings.Repeat("s", i+1))))
				}
				var many []string
				for i := range maxMemberNames + 5 {
					many = append(many, "m"+strings.Repeat("x", i), "1")
				}
				return append(ds, delivery("m", "Cancellation", sample(t, ccbill.Cancellation, 1, many...)))
			}(),
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Cancellation", 1)
				if len(v.EnumValues) != 1 || len(v.EnumValues[0].Values) != maxEnumValues || v.EnumValues[0].Others != 3 {
					t.Errorf("enum values %+v", v.EnumValues)
				}
				if v.UntrackedMembers == 0 || len(v.Undocumented) > maxMemberNames || len(v.Files) != maxFiles || v.MoreFiles != v.Deliveries-maxFiles {
					t.Errorf("untracked %d, undocumented %d, files %d + %d", v.UntrackedMembers, len(v.Undocumented), len(v.Files), v.MoreFiles)
				}
			}},
		{"a key sent twice is counted once",
			"", []Delivery{delivery("a", "Void", []byte(`{"transactionId":"1","cardSubType":"A","cardSubType":"B"}`))},
			func(t *testing.T, r *Report) {
				v := onlyVersion(t, r, "Void", 4)
				if m := findMember(v.Undocumented, "cardSubType"); m == nil || m.Seen != 1 {
					t.Errorf("cardSubType: %+v", m)
				}
			}},
		{"an event the spec lacks",
			"", []Delivery{delivery("a", "Refundd", []byte(`{"amount":"1.00"}`))},
			func(t *testing.T, r *Report) {
				e := r.Events[0]
				if e.Known || e.Fits != nil || len(e.Versions) != 1 || findMember(e.Versions[0].Undocumented, "amount") == nil {
					t.Errorf("%+v", e)
				}
			}},
		{"what cannot be surveyed is listed",
			"", []Delivery{
				delivery("no-event", "", []byte(`{"a":"1"}`)),
				{Input: check.Input{Name: "empty", Err: errors.New("empty file: no payload")}},
				delivery("nested", "Void", []byte(`{"a":{"b":1}}`)),
			},
			func(t *testing.T, r *Report) {
				if r.Deliveries != 3 || len(r.Events) != 0 || len(r.Unreadable) != 3 {
					t.Fatalf("%+v", r)
				}
				for _, u := range r.Unreadable {
					if u.Reason == "" {
						t.Errorf("%s: no reason", u.File)
					}
				}
			}},
		{"-event takes deliveries without one and skips the others",
			"Void", []Delivery{
				delivery("bare", "", sample(t, ccbill.Void, 4)),
				delivery("other", "Refund", sample(t, ccbill.Refund, 4)),
			},
			func(t *testing.T, r *Report) {
				if len(r.Events) != 1 || r.Events[0].Event != "Void" || len(r.Skipped) != 1 || r.Skipped[0].File != "other" {
					t.Errorf("%+v", r)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sv, err := New(Options{Spec: s, Vendor: ccbillVendor, Event: tc.event, ShowValues: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tc.deliveries {
				sv.Add(d)
			}
			r := sv.Report()
			tc.check(t, r)
			for _, out := range []Output{Text, JSON, Markdown} {
				var b bytes.Buffer
				if err := r.Write(&b, out); err != nil {
					t.Fatal(err)
				}
				for _, never := range []string{secret, longState} {
					if strings.Contains(b.String(), never) {
						t.Errorf("%s output shows %q:\n%s", out, never, b.String())
					}
				}
			}
		})
	}
}

// Without ShowValues the values of members the spec does not define are not kept: the survey
// says how often such a member came, and how to see its values.
func TestSurveyHidesUnknownValuesByDefault(t *testing.T) {
	sv, err := New(Options{Spec: ccbillSpec(t), Vendor: ccbillVendor})
	if err != nil {
		t.Fatal(err)
	}
	sv.Add(delivery("a", "UpgradeSuccess", sample(t, ccbill.UpgradeSuccess, 2, "cardLevel", "CREDIT")))
	r := sv.Report()
	m := findMember(onlyVersion(t, r, "UpgradeSuccess", 2).Undocumented, "cardLevel")
	if m == nil || m.Seen != 1 || len(m.Examples) != 0 || !strings.Contains(m.Hidden, "-show-values") {
		t.Errorf("cardLevel: %+v", m)
	}
	for _, out := range []Output{Text, JSON, Markdown} {
		var b bytes.Buffer
		if err := r.Write(&b, out); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "CREDIT") {
			t.Errorf("%s output shows the value of a member the spec does not define:\n%s", out, b.String())
		}
	}
}

func TestNewRefuses(t *testing.T) {
	s := ccbillSpec(t)
	enveloped := *s
	enveloped.Vendor.Envelope = &spec.Envelope{Type: "Event", Content: "content"}
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"no spec", Options{}, "no spec"},
		{"an enveloped vendor", Options{Spec: &enveloped, Vendor: ccbillVendor}, "flat bodies only"},
		{"no generated package", Options{Spec: s}, "the vendor wiring needs Versions, Formats and Decode"},
		{"an unknown event", Options{Spec: s, Vendor: ccbillVendor, Event: "Nope"}, `no event type "Nope"`},
	} {
		if _, err := New(tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"USD":     "`USD`",
		"a|b":     "`a\\|b`",
		"x`y":     "``x`y``",
		"`x":      "`` `x ``",
		"two\nln": "`two␤ln`",
		"":        "(empty)",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseOutput(t *testing.T) {
	for _, s := range []string{"text", "json", "markdown"} {
		if o, err := ParseOutput(s); err != nil || string(o) != s {
			t.Errorf("ParseOutput(%q) = %q, %v", s, o, err)
		}
	}
	if _, err := ParseOutput("github"); err == nil || !strings.Contains(err.Error(), "want text, json or markdown") {
		t.Errorf("github: %v", err)
	}
}

func onlyVersion(t *testing.T, r *Report, event string, version int) VersionReport {
	t.Helper()
	for _, e := range r.Events {
		if e.Event != event {
			continue
		}
		if len(e.Versions) != 1 || e.Versions[0].Version != version {
			t.Fatalf("%s: versions %+v, want only v%d", event, e.Versions, version)
		}
		return e.Versions[0]
	}
	t.Fatalf("no %s in the report: %+v", event, r.Events)
	return VersionReport{}
}

func findMember(ms []Member, name string) *Member {
	for i := range ms {
		if ms[i].Name == name {
			return &ms[i]
		}
	}
	return nil
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
