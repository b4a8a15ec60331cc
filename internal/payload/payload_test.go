package payload

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// The tests hold payload to the generated ccbill package, which validates what payload builds;
// payload itself never imports a vendor package.

func loadCCBill(t testing.TB) *spec.Spec {
	t.Helper()
	s, err := spec.LoadFS(hookspec.Specs, "spec/ccbill")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// strictProblems decodes a body with the generated package and returns its strict validation
// problems as "field rule".
func strictProblems(t *testing.T, ev string, n int, f webhook.WireFormat, body []byte) []string {
	t.Helper()
	e, err := ccbill.Decode(ccbill.EventType(ev), n, f.ContentType(), body)
	if err != nil {
		t.Fatalf("%s v%d %s: %v\n%s", ev, n, f, err, body)
	}
	var out []string
	var ve *webhook.ValidationError
	if err := e.ValidateStrict(); errors.As(err, &ve) {
		for _, p := range ve.Problems {
			out = append(out, p.Field+" "+string(p.Rule))
		}
	} else if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func mustBuild(t *testing.T, s *spec.Spec, ev string, n int, opt Options) *Payload {
	t.Helper()
	p, err := Build(s, ev, n, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustEncode(t *testing.T, p *Payload, f webhook.WireFormat) []byte {
	t.Helper()
	body, err := p.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// Every event version builds a strictly valid body in each of its formats, fresh and fixed; a
// fixed body is byte for byte the generated package's Sample, so the wire order and the examples
// are the spec's.
func TestEveryVersionBuildsAValidBody(t *testing.T) {
	s := loadCCBill(t)
	for _, ev := range ccbill.Events() {
		for _, n := range ccbill.Versions(ev) {
			sample, err := ccbill.Sample(ev, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, fixed := range []bool{true, false} {
				p := mustBuild(t, s, string(ev), n, Options{Fixed: fixed})
				if p.Formats() != sample.Formats() {
					t.Errorf("%s v%d: formats %s, the package says %s", ev, n, p.Formats(), sample.Formats())
				}
				for _, f := range p.Formats().List() {
					body := mustEncode(t, p, f)
					if got := strictProblems(t, string(ev), n, f, body); len(got) > 0 {
						t.Errorf("%s v%d %s fixed=%v: %v\n%s", ev, n, f, fixed, got, body)
					}
					if !fixed {
						continue
					}
					want := sample.AppendForm(nil)
					if f == webhook.JSON {
						want = sample.AppendJSON(nil)
					}
					if string(body) != string(want) {
						t.Errorf("%s v%d %s: the fixed body is not the guide's example:\n got %s\nwant %s", ev, n, f, body, want)
					}
				}
			}
		}
	}
}

// Fresh values go to the identifiers and the times, and nowhere else: the account, codes,
// periods, card fragments and configuration ids keep the guide's examples.
func TestFreshValues(t *testing.T) {
	s := loadCCBill(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) // 03:00 in Arizona, before the example's 15:18
	tests := []struct {
		event   string
		version int
		want    map[string]string // field → fresh value; "digits:N" is N random digits
	}{
		{"NewSaleSuccess", 6, map[string]string{
			"subscriptionId": "digits:10", "transactionId": "digits:19", "reservationId": "digits:19",
			"timestamp":       "2026-03-01 03:00:00",
			"nextRenewalDate": "2026-04-15", // 45 days after the sale, as in the guide
		}},
		{"RenewalFailure", 3, map[string]string{
			"subscriptionId": "digits:10", "transactionId": "digits:19",
			"timestamp":     "2026-03-01 03:00:00",
			"nextRetryDate": "2026-03-16", "renewalDate": "2026-04-11",
		}},
		{"UpgradeSuccess", 2, map[string]string{
			"subscriptionId": "digits:10", "transactionId": "digits:19", "reservationId": "digits:19",
			"originalSubscriptionId": "digits:19",
			"timestamp":              "2026-03-01 03:00:00", "nextRenewalDate": "2026-04-15",
		}},
		// no timestamp: the first date is today
		{"UserReactivation", 1, map[string]string{"subscriptionId": "digits:10", "transactionId": "digits:19", "nextRenewalDate": "2026-03-01"}},
		// a guide example from 2021: the distance is kept all the same
		{"BillingDateChange", 1, map[string]string{"subscriptionId": "digits:10", "timestamp": "2026-03-01 03:00:00", "nextRenewalDate": "2026-04-15"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/v%d", tt.event, tt.version), func(t *testing.T) {
			fixed := mustBuild(t, s, tt.event, tt.version, Options{Fixed: true})
			fresh := mustBuild(t, s, tt.event, tt.version, Options{Now: now, Rand: rand.New(rand.NewPCG(1, 2))})
			again := mustBuild(t, s, tt.event, tt.version, Options{Now: now, Rand: rand.New(rand.NewPCG(1, 2))})
			if a, b := mustEncode(t, fresh, webhook.Form), mustEncode(t, again, webhook.Form); string(a) != string(b) {
				t.Errorf("the same clock and seed give two bodies:\n%s\n%s", a, b)
			}
			for _, m := range fixed.members {
				got, _ := fresh.Get(m.name)
				want, changes := tt.want[m.name]
				switch {
				case !changes && got != m.value:
					t.Errorf("%s: %q, want the guide's %q", m.name, got, m.value)
				case strings.HasPrefix(want, "digits:"):
					if n := fmt.Sprint(len(got)); !webhook.IsDigits(got) || "digits:"+n != want || got == m.value {
						t.Errorf("%s: %q, want fresh %s (the guide's is %q)", m.name, got, want, m.value)
					}
				case changes && got != want:
					t.Errorf("%s: %q, want %q", m.name, got, want)
				}
			}
			for name := range tt.want {
				if _, ok := fixed.Get(name); !ok {
					t.Errorf("%s is not in the body", name)
				}
			}
		})
	}
}

// Without a clock in the spec, times are UTC; a spec's own clock is used otherwise.
func TestFreshTimesUseTheVendorsClock(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		clock *spec.Clock
		want  string
	}{
		{nil, "2026-03-01 10:00:00"},
		{&spec.Clock{Zone: "CET", UTCOffset: "+01:00"}, "2026-03-01 11:00:00"},
		{&spec.Clock{Zone: "X", UTCOffset: "-14:00"}, "2026-02-28 20:00:00"},
	} {
		s := tinySpec()
		s.Vendor.Clock = tt.clock
		p := mustBuild(t, s, "Paid", 1, Options{Now: now})
		if got, _ := p.Get("createdAt"); got != tt.want {
			t.Errorf("clock %+v: createdAt %q, want %q", tt.clock, got, tt.want)
		}
	}
	s := tinySpec()
	s.Vendor.Clock = &spec.Clock{Zone: "?", UTCOffset: "7"}
	if _, err := Build(s, "Paid", 1, Options{}); err == nil || !strings.Contains(err.Error(), `clock offset "7"`) {
		t.Errorf("a malformed clock: %v", err)
	}
}

// tinySpec is a vendor that is not CCBill: other names, an id whose example is short, an
// integer, and no clock.
func tinySpec() *spec.Spec {
	return &spec.Spec{
		Vendor: spec.Vendor{ID: "tiny", Delivery: spec.Delivery{QueryParameters: []spec.QueryParameter{
			{Name: "type", Role: spec.RoleEventType},
			{Name: "merchant", Field: "merchant", Role: spec.RoleAccount},
		}}},
		DataTypes: []spec.DataType{
			{Text: "id", Constraint: spec.Constraint{Kind: spec.KindDigits, MaxLength: 20, Max: "18446744073709551615"}},
			{Text: "account", Constraint: spec.Constraint{Kind: spec.KindDigits, MaxLength: 12}},
			{Text: "int", Constraint: spec.Constraint{Kind: spec.KindInteger, Min: "-5", Max: "5"}},
			{Text: "datetime", Constraint: spec.Constraint{Kind: spec.KindString, Format: spec.FormatTimestamp}},
			{Text: "text", Constraint: spec.Constraint{Kind: spec.KindString}},
			{Text: "object", Constraint: spec.Constraint{Kind: spec.KindObject}},
		},
		Fields: []spec.Field{
			{Name: "payment", DataType: "id", Example: "0042", Presence: spec.Presence{Kind: spec.PresenceAlways}},
			{Name: "merchant", DataType: "account", Example: "123456789012", Presence: spec.Presence{Kind: spec.PresenceAlways}},
			{Name: "tries", DataType: "int", Example: "2"},
			{Name: "createdAt", DataType: "datetime", Example: "2020-01-01 00:00:00"},
			{Name: "note", DataType: "text", Example: "12345678901"},
			{Name: "card", DataType: "object"},
		},
		Events: []spec.Event{
			{Name: "Paid", Versions: []spec.Version{{Number: 1, Formats: []spec.WireFormat{spec.WireJSON},
				Rows: []spec.Row{{Name: "payment"}, {Name: "merchant"}, {Name: "tries"}, {Name: "createdAt"}, {Name: "note"}}}}},
			{Name: "Nested", Versions: []spec.Version{{Number: 1, Formats: []spec.WireFormat{spec.WireJSON}, Rows: []spec.Row{{Name: "card"}}}}},
		},
	}
}

// The identifier rule reads the spec, not names: a 4-digit example of a 20-digit type is an id,
// an account field never is, nor is an integer; free text with a wider-than-32-bit example is.
func TestIdentifiersOfAnotherVendor(t *testing.T) {
	s := tinySpec()
	fixed := mustBuild(t, s, "Paid", 1, Options{Fixed: true})
	fresh := mustBuild(t, s, "Paid", 1, Options{Rand: rand.New(rand.NewPCG(3, 4))})
	for name, changes := range map[string]bool{"payment": true, "merchant": false, "tries": false, "createdAt": true, "note": true} {
		a, _ := fixed.Get(name)
		b, _ := fresh.Get(name)
		if (a != b) != changes {
			t.Errorf("%s: %q then %q; fresh: %v", name, a, b, changes)
		}
		if changes && name != "createdAt" && len(a) != len(b) {
			t.Errorf("%s: fresh %q is not as long as %q", name, b, a)
		}
	}
	if _, err := Build(s, "Nested", 1, Options{}); err == nil || !strings.Contains(err.Error(), "field card is a nested object") {
		t.Errorf("a nested object: %v", err)
	}
	// With no pass-through prefix, every extra member is unknown.
	if err := fixed.SetExtra("X-a", "1"); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(fixed.Breaks()); got != "[X-a unknown]" {
		t.Errorf("breaks %s", got)
	}
}

// Every rule every field can break gives exactly that problem, in every format.
func TestEveryBreakIsExactlyThatProblem(t *testing.T) {
	s := loadCCBill(t)
	total := 0
	for _, ev := range ccbill.Events() {
		for _, n := range ccbill.Versions(ev) {
			p := mustBuild(t, s, string(ev), n, Options{Fixed: true})
			for _, fd := range p.fields {
				rules, err := p.CanBreak(fd.Name)
				if err != nil {
					t.Fatal(err)
				}
				for _, rule := range rules {
					b := mustBuild(t, s, string(ev), n, Options{})
					if err := b.Break(fd.Name, rule); err != nil {
						t.Fatalf("%s v%d: %v", ev, n, err)
					}
					want := []string{fd.Name + " " + string(rule)}
					if got := fmt.Sprint(b.Breaks()); got != fmt.Sprint([]FieldRule{{fd.Name, rule}}) {
						t.Errorf("%s v%d: Breaks %s, want %v", ev, n, got, want)
					}
					for _, f := range b.Formats().List() {
						total++
						body := mustEncode(t, b, f)
						if got := strictProblems(t, string(ev), n, f, body); !slices.Equal(got, want) {
							t.Errorf("%s v%d %s: -break %s=%s gives %v, want %v\n%s", ev, n, f, fd.Name, rule, got, want, body)
						}
					}
				}
			}
		}
	}
	t.Logf("%d broken bodies", total)
}

// The rules asked for most often are all there for the fields that have them.
func TestCanBreak(t *testing.T) {
	s := loadCCBill(t)
	p := mustBuild(t, s, "NewSaleSuccess", 6, Options{Fixed: true})
	for field, want := range map[string]string{
		"clientAccnum":                   "[required digits range]", // an int: any length within its range
		"clientSubacc":                   "[required digits width]",
		"timestamp":                      "[required format]",
		"subscriptionInitialPrice":       "[decimal]",
		"expDate":                        "[format]",
		"flexID":                         "[format]", // an alias
		"accountingCurrencyCode":         "[enum]",
		"threeDSecure":                   "[enum]",
		"priceDescription":               "[]",
		"email":                          "[maxLength]",
		"subscriptionTypeId":             "[digits range]",
		"dynamicPricingValidationDigest": "[maxLength]",
	} {
		got, err := p.CanBreak(field)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("%s: %v %v, want %s", field, got, err, want)
		}
	}
}

func TestSetAndBreakErrors(t *testing.T) {
	s := loadCCBill(t)
	tests := []struct {
		name string
		do   func(p *Payload) error
		want string // in the error; "" for none
	}{
		{"set", func(p *Payload) error { return p.Set("clientAccnum", "900200") }, ""},
		{"set an alias", func(p *Payload) error { return p.Set("flexID", "") }, ""},
		{"set a field of another version", func(p *Payload) error { return p.Set("scaResponseStatus", "Y") },
			`NewSaleSuccess v6 has no field "scaResponseStatus"`},
		{"set in the wrong case", func(p *Payload) error { return p.Set("subscriptionID", "1") },
			`NewSaleSuccess v6 has no field "subscriptionID" (did you mean subscriptionId?)`},
		{"set with a typo", func(p *Payload) error { return p.Set("timestmp", "1") }, `(did you mean timestamp?)`},
		{"break an unknown field", func(p *Payload) error { return p.Break("clientAcnum", webhook.RuleRange) },
			`has no field "clientAcnum" (did you mean clientAccnum?)`},
		{"break a rule the field has not", func(p *Payload) error { return p.Break("timestamp", webhook.RuleMaxLength) },
			"timestamp cannot break rule maxLength; it can break required, format"},
		{"break an optional field's presence", func(p *Payload) error { return p.Break("email", webhook.RuleRequired) },
			"email cannot break rule required; it can break maxLength"},
		{"break a field without constraints", func(p *Payload) error { return p.Break("priceDescription", webhook.RuleMaxLength) },
			"priceDescription cannot break rule maxLength: it has no constraint to break"},
		{"break no rule", func(p *Payload) error { return p.Break("timestamp", "length") },
			`timestamp: "length" is not a rule id (rule ids: required, maxLength, width, digits, integer, range, decimal, format, enum, unknown, agree)`},
		{"break unknown", func(p *Payload) error { return p.Break("timestamp", webhook.RuleUnknown) },
			"timestamp cannot break rule unknown: it is a field of NewSaleSuccess v6"},
		{"break twice", func(p *Payload) error {
			p.Break("timestamp", webhook.RuleFormat)
			return p.Break("timestamp", webhook.RuleRequired)
		}, "timestamp already breaks rule format"},
		{"set, then break", func(p *Payload) error {
			p.Set("timestamp", "2020-01-01 00:00:00")
			return p.Break("timestamp", webhook.RuleFormat)
		}, "timestamp was set, so it cannot also be broken"},
		{"break, then set", func(p *Payload) error {
			p.Break("timestamp", webhook.RuleFormat)
			return p.Set("timestamp", "2020-01-01 00:00:00")
		}, "timestamp is broken on purpose (rule format), so it cannot also be set"},
		{"an extra that is a field", func(p *Payload) error { return p.SetExtra("flexID", "x") }, "flexId is a field of NewSaleSuccess v6"},
		{"an extra without a name", func(p *Payload) error { return p.SetExtra("", "x") }, "needs a name"},
		{"encode a format the version is not sent in", func(p *Payload) error {
			q := mustBuild(t, s, "NewSaleSuccess", 4, Options{})
			_, err := q.Encode(webhook.JSON)
			return err
		}, "NewSaleSuccess v4 is sent as form, not json"},
		{"an unknown event", func(p *Payload) error { _, err := Build(s, "NewSale", 0, Options{}); return err },
			`ccbill has no event "NewSale" (did you mean NewSaleFailure or NewSaleSuccess?)`},
		{"an unknown version", func(p *Payload) error { _, err := Build(s, "Void", 9, Options{}); return err },
			"Void has no version 9 (its versions: 1, 2, 3, 4)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do(mustBuild(t, s, "NewSaleSuccess", 6, Options{}))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// Set values land in the body, in the field's place and under the version's spelling; extra
// members follow the fields, and only those that are not pass-through variables are problems.
func TestSetAndExtra(t *testing.T) {
	s := loadCCBill(t)
	p := mustBuild(t, s, "NewSaleSuccess", 6, Options{Fixed: true})
	for _, err := range []error{
		p.Set("clientAccnum", "900200"),
		p.Set("flexID", "5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e"),
		p.SetExtra("X-customer_fname", "Jo"),
		p.SetExtra("scaResponseStatus", "Y"),
		p.Break("clientSubacc", webhook.RuleRequired),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	body := string(mustEncode(t, p, webhook.JSON))
	for _, want := range []string{
		`"clientAccnum":"900200","timestamp"`,
		`"flexId":"5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e"`,
		`"accountingCurrency":"USD","X-customer_fname":"Jo","scaResponseStatus":"Y"}`, // accountingCurrency: v6's last member, observed (erratum sale-currency-letters-seen)
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "clientSubacc") {
		t.Errorf("a required field broken on purpose is still there:\n%s", body)
	}
	want := []string{"clientSubacc required", "scaResponseStatus unknown"}
	if got := fmt.Sprint(p.Breaks()); got != fmt.Sprint(want) {
		t.Errorf("Breaks %s, want %v", got, want)
	}
	if got := strictProblems(t, "NewSaleSuccess", 6, webhook.JSON, []byte(body)); !slices.Equal(got, want) {
		t.Errorf("the validator finds %v, want %v", got, want)
	}
	if !p.WasSet("flexId") || p.WasSet("clientSubacc") {
		t.Error("WasSet")
	}
}

// The delivery is the vendor's: its query parameters (account from the body), its sample
// headers without the ones HTTP computes, and the format's Content-Type.
func TestNewRequest(t *testing.T) {
	s := loadCCBill(t)
	p := mustBuild(t, s, "Expiration", 1, Options{})
	if err := p.Set("clientAccnum", "900200"); err != nil {
		t.Fatal(err)
	}
	req, err := p.NewRequest(context.Background(), "http://127.0.0.1:8080/hooks?token=a%20b&clientSubacc=0007", webhook.JSON)
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != "POST" {
		t.Errorf("method %s", req.Method)
	}
	wantQuery := "token=a%20b&clientSubacc=0007&clientAccnum=900200&eventType=Expiration&eventGroupType=Subscription"
	if req.URL.RawQuery != wantQuery {
		t.Errorf("query %s, want %s", req.URL.RawQuery, wantQuery)
	}
	for name, want := range map[string]string{
		"Content-Type": "application/json", "User-Agent": "Java/1.6.0_03", "X-Allowed-Satellites": "PHX,ASH,AMS",
		"Cache-Control": "max-age=0", "Content-Length": "", "Host": "", "Connection": "",
	} {
		if got := req.Header.Get(name); got != want {
			t.Errorf("header %s: %q, want %q", name, got, want)
		}
	}
	body, _ := io.ReadAll(req.Body)
	if got := strictProblems(t, "Expiration", 1, webhook.JSON, body); len(got) > 0 {
		t.Errorf("%v", got)
	}
	if req.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length %d for %d bytes", req.ContentLength, len(body))
	}

	// A mirrored field the body leaves out leaves its parameter out too.
	q := mustBuild(t, s, "Expiration", 1, Options{})
	if err := q.Break("clientAccnum", webhook.RuleRequired); err != nil {
		t.Fatal(err)
	}
	got, _ := url.ParseQuery(func() string {
		r, err := q.NewRequest(context.Background(), "https://example.com/", webhook.Form)
		if err != nil {
			t.Fatal(err)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type %s", ct)
		}
		return r.URL.RawQuery
	}())
	if got.Has("clientAccnum") || got.Get("clientSubacc") != "0000" {
		t.Errorf("query %v", got)
	}

	for _, target := range []string{"ftp://example.com/", "/hooks", "http://", "http://x/?a=%zz"} {
		if _, err := p.NewRequest(context.Background(), target, webhook.JSON); err == nil {
			t.Errorf("%s: no error", target)
		}
	}
	if _, err := p.NewRequest(context.Background(), "http://x/", webhook.Form); err != nil {
		t.Errorf("Expiration v1 is sent as a form too: %v", err)
	}
}

func TestNear(t *testing.T) {
	names := []string{"subscriptionId", "transactionId", "timestamp", "clientAccnum", "originalClientAccnum", "email"}
	for _, tt := range []struct {
		name string
		want string
	}{
		{"SUBSCRIPTIONID", "[subscriptionId]"},
		{"timestmp", "[timestamp]"},
		{"accnum", "[clientAccnum originalClientAccnum]"},
		{"mail", "[email]"},
		{"zzz", "[]"},
		{"timestamp", "[]"}, // itself is not a suggestion
	} {
		if got := fmt.Sprint(near(tt.name, names)); got != tt.want {
			t.Errorf("near(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
}
