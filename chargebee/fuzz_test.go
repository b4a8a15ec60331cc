package chargebee_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

type eventVersion struct {
	t chargebee.EventType
	n int
}

// allVersions lists every event version the package knows, in a fixed order.
func allVersions() []eventVersion {
	var out []eventVersion
	for _, t := range chargebee.Events() {
		for _, n := range chargebee.Versions(t) {
			out = append(out, eventVersion{t, n})
		}
	}
	return out
}

// fuzzSeeds are bodies that reach the decoders' corners: the real payloads, and small bodies
// with unknown types, versions and members, nulls, repeated keys, numbers where text belongs.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, p := range realPayloads {
		seeds = append(seeds, readReal(f, p.file))
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"a":`, `{"api_version":"v2"}`, `{"event_type":"payment_succeeded"}`,
		`{"id":"ev_1","occurred_at":1700000000,"source":"api","object":"event","api_version":"v1","event_type":"subscription_created","content":{"customer":{"id":"c1","auto_collection":"on"},"subscription":{"id":"s1","plan_id":"p","plan_quantity":1,"status":"in_trial","has_scheduled_changes":false}}}`,
		`{"id":"ev_2","api_version":"v2","event_type":"customer_deleted","content":{"customer":{"id":"c","cf_x":[1,{"y":null}]},"subscriptions":[{"id":"s","resource_version":"1700000000000"}]},"webhooks":null}`,
		`{"id":"ev_3","api_version":"v2","event_type":"payment_reconciled","content":[1,2]}`,
		`{"id":"ev_4","api_version":"v9","event_type":"payment_succeeded","content":{}}`,
		`{"id":"ev_5","api_version":"2","event_type":"payment_succeeded","content":{}}`,
		`{"id":1e3,"occurred_at":"1700000000","api_version":"v2","event_type":"sales_order_created","content":{"a":"\ud800"}}`,
		`{"api_version":"v2","api_version":"v1","event_type":"card_added"}`,
		`{"api_version":"v2","event_type":"unbilled_charges_created","content":{"unbilled_charges":[{"amount":1.5,"quantity":-0,"is_voided":"false"}]}}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// FuzzDecode decodes arbitrary bodies, routed by the body (pick 0) or into the event version pick
// names. Whatever arrives: no panic, a *webhook.DecodeError for what cannot be read, and whatever
// decodes validates, prints and re-encodes to JSON that decodes to an equal event.
//
//	go test ./chargebee -run '^$' -fuzz '^FuzzDecode$' -fuzztime 1m
func FuzzDecode(f *testing.F) {
	versions := allVersions()
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed, uint16(0))
	}
	for i := range versions {
		// Every version's decoder gets a body of another shape, so that none goes unvisited.
		f.Add(readReal(f, "mock_chargebee_payment_succeeded.json"), uint16(i+1))
	}
	f.Fuzz(func(t *testing.T, body []byte, pick uint16) {
		decode := func(body []byte) (chargebee.Event, error) {
			if pick == 0 {
				return chargebee.Decode(body)
			}
			ev := versions[(int(pick)-1)%len(versions)]
			e, err := chargebee.New(ev.t, ev.n)
			if err != nil {
				t.Fatal(err)
			}
			return e, e.UnmarshalJSON(body)
		}
		e, err := decode(body)
		if err != nil {
			var de *webhook.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *webhook.DecodeError: %v", err, err)
			}
			return
		}
		for _, validate := range []func() error{e.Validate, e.ValidateStrict} {
			var invalid *webhook.ValidationError
			if err := validate(); err != nil && !errors.As(err, &invalid) {
				t.Fatalf("validation returned a %T: %v", err, err)
			}
		}
		_ = fmt.Sprintf("%v %+v", e, e)
		slog.New(slog.NewJSONHandler(io.Discard, nil)).Info("event", "event", e)
		_ = e.Resources()
		out := e.AppendJSON(nil)
		if !json.Valid(out) {
			t.Fatalf("encoded invalid JSON: %q", out)
		}
		again, err := decode(out)
		if err != nil {
			t.Fatalf("the re-encoded body does not decode: %v\nin:  %q\nout: %q", err, body, out)
		}
		if !reflect.DeepEqual(again, e) {
			t.Fatalf("decode → encode → decode changed the event\nin:  %q\nout: %q", body, out)
		}
	})
}

// FuzzHandler posts arbitrary requests (method, peer, credentials, content type, body) to
// handlers with and without a reject callback, and one that accepts unknown event types. Whatever
// arrives: no panic, only the statuses the handler documents, a 200 only after exactly one
// callback took the delivery, and neither the configured password nor the one sent in the
// answer or the log.
//
//	go test ./chargebee -run '^$' -fuzz '^FuzzHandler$' -fuzztime 1m
func FuzzHandler(f *testing.F) {
	const user, password = "chargebee", "fuzz-password-5d8e2c"
	paid := readReal(f, "mock_chargebee_payment_succeeded.json")
	seeds := []struct {
		method, peer, user, password, contentType string
		body                                      []byte
	}{
		{"POST", chargebeeAddr, user, password, "application/json", paid},
		{"POST", chargebeeAddr, user, password, "", readReal(f, "mock_chargebee_customer_deleted.json")},
		{"POST", chargebeeAddr, user, password, "application/json", bytes.Replace(paid, []byte(`"payment_succeeded"`), []byte(`"payment_reconciled"`), 1)},
		{"POST", chargebeeAddr, user, password, "application/json", bytes.Replace(paid, []byte(`"v2"`), []byte(`"v1"`), 1)},
		{"POST", chargebeeAddr, user, password + "x", "application/json", paid},
		{"POST", "[::ffff:3.209.65.25]:443", user, password, "text/plain; charset=latin1", []byte(`{"a":`)},
		{"POST", "198.51.100.7:443", user, password, "application/json", paid},
		{"GET", chargebeeAddr, "", "", "", nil},
		{"POST", "garbage", "", "", "application/json; charset=\"", []byte("\xef\xbb\xbf{\"event_type\":1}")},
	}
	for _, s := range seeds {
		f.Add(s.method, s.peer, s.user, s.password, s.contentType, s.body)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var calls int
	newHandler := func(withReject, acceptUnknown bool) *chargebee.Handler {
		opt := webhook.Options{
			MaxBodyBytes: 16 << 10,
			BasicAuth:    []webhook.BasicCredentials{{User: user, Password: password}},
			Logger:       logger,
		}
		if withReject {
			opt.OnReject = func(context.Context, *webhook.Rejection) error { calls++; return nil }
		}
		h, err := chargebee.NewHandler(chargebee.HandlerConfig{
			OnEvent:       func(context.Context, *chargebee.Delivery) error { calls++; return nil },
			Versions:      []int{2},
			AcceptUnknown: acceptUnknown,
			Options:       opt,
		})
		if err != nil {
			f.Fatal(err)
		}
		return h
	}
	handlers := []*chargebee.Handler{newHandler(false, false), newHandler(true, false), newHandler(true, true)}
	documented := map[int]bool{200: true, 400: true, 401: true, 403: true, 405: true, 413: true, 422: true, 500: true}

	f.Fuzz(func(t *testing.T, method, peer, sentUser, sentPassword, contentType string, body []byte) {
		for _, h := range handlers {
			logs.Reset()
			calls = 0
			req := &http.Request{
				Method:        method,
				URL:           &url.URL{Path: "/webhooks/chargebee"},
				Header:        http.Header{},
				Body:          io.NopCloser(bytes.NewReader(body)),
				ContentLength: int64(len(body)),
				RemoteAddr:    peer,
			}
			req = req.WithContext(context.Background())
			if sentUser != "" || sentPassword != "" {
				req.SetBasicAuth(sentUser, sentPassword)
			}
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if !documented[w.Code] {
				t.Fatalf("status %d is not one the handler documents", w.Code)
			}
			if w.Code == http.StatusOK && calls != 1 {
				t.Fatalf("200 after %d callbacks", calls)
			}
			if w.Code != http.StatusOK && calls != 0 {
				t.Fatalf("status %d after a callback took the delivery", w.Code)
			}
			for _, secret := range []string{password, sentPassword} {
				if len(secret) >= 8 && !bytes.Contains(body, []byte(secret)) && !strings.Contains(sentUser+method+peer+contentType, secret) &&
					(strings.Contains(w.Body.String(), secret) || strings.Contains(logs.String(), secret)) {
					t.Fatalf("a password leaks:\nanswer: %s\nlog: %s", w.Body, logs.String())
				}
			}
		}
	})
}
