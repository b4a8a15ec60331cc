package payload

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// The tests of enveloped bodies hold payload to the generated chargebee package, which reads the
// event type and version from the body itself.

func loadChargebee(t testing.TB) *spec.Spec {
	t.Helper()
	s, err := spec.LoadFS(hookspec.Specs, "spec/chargebee")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// chargebeeProblems decodes a body as the receiver does (the event and version from the body)
// and returns its strict problems as "path rule".
func chargebeeProblems(t *testing.T, ev string, n int, body []byte) []string {
	t.Helper()
	e, err := chargebee.Decode(body)
	if err != nil {
		t.Fatalf("%s v%d: %v\n%s", ev, n, err, body)
	}
	if e.Version() != n {
		t.Fatalf("%s v%d: decoded as v%d\n%s", ev, n, e.Version(), body)
	}
	var got []string
	var ve *webhook.ValidationError
	if err := e.ValidateStrict(); errors.As(err, &ve) {
		for _, p := range ve.Problems {
			got = append(got, p.Field+" "+string(p.Rule))
		}
	} else if err != nil {
		t.Fatalf("%s v%d: %v", ev, n, err)
	}
	return got
}

// Every version of every event builds a body the generated package decodes in that version and
// finds strictly valid, fresh or fixed.
func TestEnvelopedEveryVersionIsValid(t *testing.T) {
	s := loadChargebee(t)
	built := 0
	for _, ev := range s.Events {
		for _, v := range ev.Versions {
			for _, fixed := range []bool{false, true} {
				p, err := Build(s, ev.Name, v.Number, Options{Fixed: fixed})
				if err != nil {
					t.Fatalf("%s v%d: %v", ev.Name, v.Number, err)
				}
				if p.DefaultFormat() != webhook.JSON {
					t.Fatalf("%s v%d: default format %s, want json", ev.Name, v.Number, p.DefaultFormat())
				}
				body, err := p.Encode(webhook.JSON)
				if err != nil {
					t.Fatal(err)
				}
				if got := chargebeeProblems(t, ev.Name, v.Number, body); len(got) > 0 {
					t.Errorf("%s v%d (fixed %v): %v\n%s", ev.Name, v.Number, fixed, got, body)
				}
				built++
			}
		}
	}
	if built < 400 {
		t.Fatalf("only %d bodies built: the spec lost its events?", built)
	}
}

func TestEnvelopedRouteAndIdentity(t *testing.T) {
	s := loadChargebee(t)
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	p, err := Build(s, "subscription_created", 2, Options{Now: now, Rand: rand.New(rand.NewPCG(7, 8))})
	if err != nil {
		t.Fatal(err)
	}
	d := s.Vendor.Delivery
	for _, tc := range []struct{ path, want string }{
		{d.EventType.Name, "subscription_created"},
		{d.Version.Name, "v2"},
		{"occurred_at", "1772600767"},
		{"content.subscription." + d.Ordering.Member, "1772600767000"},
		// A resource names its kind as the member it is sent in; the envelope, as its type.
		{"content.subscription." + d.Ordering.Kind, "subscription"},
		{"content.customer." + d.Ordering.Kind, "customer"},
		{d.Ordering.Kind, strings.ToLower(s.Vendor.Envelope.Type)},
	} {
		if got, ok := p.Get(tc.path); !ok || got != tc.want {
			t.Errorf("Get(%s) = %q, %v; want %q", tc.path, got, ok, tc.want)
		}
	}
	// An object and the references to it carry one identifier.
	customer, _ := p.Get("content.customer.id")
	ref, _ := p.Get("content.subscription.customer_id")
	if customer == "" || customer != ref {
		t.Errorf("content.customer.id %q, content.subscription.customer_id %q: want one fresh id", customer, ref)
	}
	key, _ := p.Get(d.Key.Name)
	if key == "" || key == customer {
		t.Errorf("the event's %s is %q, the customer's %q: want distinct fresh ids", d.Key.Name, key, customer)
	}

	// Two fresh bodies are two deliveries; two fixed bodies are the same body.
	bodies := map[bool][][]byte{}
	for _, fixed := range []bool{false, false, true, true} {
		p, err := Build(s, "subscription_created", 2, Options{Fixed: fixed})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := p.Encode(webhook.JSON)
		bodies[fixed] = append(bodies[fixed], b)
	}
	if bytes.Equal(bodies[false][0], bodies[false][1]) {
		t.Error("two fresh bodies are equal: a receiver would take the second for a redelivery")
	}
	if !bytes.Equal(bodies[true][0], bodies[true][1]) {
		t.Errorf("two fixed bodies differ:\n%s\n%s", bodies[true][0], bodies[true][1])
	}
}

func TestEnvelopedSetExtraAndBreak(t *testing.T) {
	s := loadChargebee(t)
	tests := []struct {
		name                 string
		sets, extras, break_ [][2]string
		wantProblems         []string
		check                map[string]string // path → value the body must carry
	}{
		{name: "set a nested enum", sets: [][2]string{{"content.subscription.status", "active"}},
			check: map[string]string{"content.subscription.status": "active"}},
		{name: "set an optional member adds it", sets: [][2]string{{"content.subscription.plan_quantity", "3"}},
			check: map[string]string{"content.subscription.plan_quantity": "3"}},
		{name: "set a member of an absent optional object adds the object", sets: [][2]string{{"content.invoice.id", "inv_1"}},
			check: map[string]string{"content.invoice.id": "inv_1"}},
		{name: "break an enum", break_: [][2]string{{"content.subscription.status", "enum"}},
			wantProblems: []string{"content.subscription.status enum"}},
		{name: "break a required object", break_: [][2]string{{"content.customer", "required"}},
			wantProblems: []string{"content.customer required"}},
		{name: "break a length", break_: [][2]string{{"id", "maxLength"}},
			wantProblems: []string{"id maxLength"}},
		{name: "an extra member", extras: [][2]string{{"content.subscription.x_note", `"hi"`}},
			wantProblems: []string{"content.subscription.x_note unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(s, "subscription_created", 2, Options{Fixed: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, kv := range tt.sets {
				if err := p.Set(kv[0], kv[1]); err != nil {
					t.Fatal(err)
				}
			}
			for _, kv := range tt.extras {
				if err := p.SetExtra(kv[0], kv[1]); err != nil {
					t.Fatal(err)
				}
			}
			for _, kv := range tt.break_ {
				if err := p.Break(kv[0], webhook.Rule(kv[1])); err != nil {
					t.Fatal(err)
				}
			}
			body, err := p.Encode(webhook.JSON)
			if err != nil {
				t.Fatal(err)
			}
			got := chargebeeProblems(t, "subscription_created", 2, body)
			var want []string
			for _, b := range p.Breaks() {
				want = append(want, b.String())
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(want, tt.wantProblems) && !(len(want) == 0 && len(tt.wantProblems) == 0) {
				t.Errorf("Breaks() = %v, want %v", want, tt.wantProblems)
			}
			if !slices.Equal(got, want) {
				t.Errorf("the validator finds %v, Breaks() says %v\n%s", got, want, body)
			}
			for path, value := range tt.check {
				if v, ok := p.Get(path); !ok || v != value {
					t.Errorf("Get(%s) = %q, %v; want %q", path, v, ok, value)
				}
				if !p.WasSet(path) {
					t.Errorf("WasSet(%s) = false", path)
				}
			}
		})
	}
}

func TestEnvelopedErrors(t *testing.T) {
	s := loadChargebee(t)
	p, err := Build(s, "subscription_created", 2, Options{Fixed: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		do   func() error
		want string
	}{
		{"an unknown member names its path and look-alikes", func() error { return p.Set("content.subscription.statuss", "active") },
			`has no field "content.subscription.statuss" (did you mean content.subscription.status?)`},
		{"an object is set by its members", func() error { return p.Set("content.subscription", "{}") },
			"content.subscription is an object: set its members"},
		{"a scalar has no members", func() error { return p.Set("content.subscription.status.x", "1") },
			"content.subscription.status is a string, not an object"},
		{"an index past the next item", func() error { return p.Set("content.subscription.subscription_items[5].item_price_id", "x") },
			"[5] is past the next one"},
		{"a bad path", func() error { return p.Set("content..status", "x") }, "an empty member name"},
		{"a rule the member cannot break", func() error { return p.Break("content.subscription.deleted", webhook.RuleMaxLength) },
			"cannot break rule maxLength"},
		{"a defined member is not extra", func() error { return p.SetExtra("content.subscription.status", "1") },
			"set it as one"},
		{"no form", func() error { _, err := p.Encode(webhook.Form); return err }, "is sent as json, not form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		n       int
		want    string
		err     string
	}{
		{"^v([0-9]+)$", 2, "v2", ""},
		{"", 7, "7", ""},
		{"^([0-9]+)$", 3, "3", ""},
		{"^version-([0-9]+)\\.x$", 1, "", "cannot write version 1"},
		{"^v[0-9]+$", 1, "", "no group"},
		{"^v(", 1, "", "pattern"},
	} {
		got, err := versionText(tc.pattern, tc.n)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("versionText(%q, %d) error %v, want %q", tc.pattern, tc.n, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("versionText(%q, %d) = %q, %v; want %q", tc.pattern, tc.n, got, err, tc.want)
		}
	}
}

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		path, want, err string
	}{
		{"content.subscription.status", "content.subscription.status", ""},
		{"content.invoice.line_items[0].amount", "content.invoice.line_items[0].amount", ""},
		{"a[1][2]", "a[1][2]", ""},
		{"a[x]", "", "is not an item index"},
		{"a[1", "", "unclosed"},
		{"a.", "a", ""},
		{".a", "", "empty member name"},
		{"", "", "empty member path"},
		{"a[-1]", "", "not an item index"},
	} {
		steps, err := parsePath(tc.path)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("parsePath(%q) error %v, want %q", tc.path, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("parsePath(%q): %v", tc.path, err)
		case tc.err == "" && joinPath(steps) != tc.want:
			t.Errorf("parsePath(%q) joins back as %q, want %q", tc.path, joinPath(steps), tc.want)
		}
	}
}

// FuzzParsePath holds the path reader to never panic, and a path it accepts to read back the
// same after joinPath.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"content.subscription.status", "a[0].b", "a[", "[1]", "a..b", "a[99999999999999999999]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		steps, err := parsePath(path)
		if err != nil {
			return
		}
		again, err := parsePath(joinPath(steps))
		if err != nil {
			t.Fatalf("parsePath(%q) = %q, which does not read back: %v", path, joinPath(steps), err)
		}
		if joinPath(again) != joinPath(steps) {
			t.Fatalf("parsePath(%q): %q reads back as %q", path, joinPath(steps), joinPath(again))
		}
	})
}
