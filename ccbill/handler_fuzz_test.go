package ccbill_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// FuzzHandler posts arbitrary requests (method, peer, query, headers, body) to handlers with
// and without a reject callback. Whatever arrives: no panic, only the statuses the handler
// documents, a 200 only after exactly one callback took the delivery, and the consumer's
// password in neither the answer nor the log.
//
//	go test ./ccbill -run '^$' -fuzz FuzzHandler -fuzztime 3m
func FuzzHandler(f *testing.F) {
	sale, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		f.Fatal(err)
	}
	password := string(sale.(*ccbill.NewSaleSuccessV6).Password)
	saleJSON, saleForm := sale.AppendJSON(nil), sale.AppendForm(nil)
	seeds := []struct {
		method, peer, query, contentType, forwarded string
		body                                        []byte
	}{
		{"POST", "64.38.212.7:4000", saleQuery, "application/json", "", saleJSON},
		{"POST", "64.38.212.7:4000", saleQuery, "application/x-www-form-urlencoded", "", saleForm},
		{"POST", "10.0.0.1:4000", saleQuery, "", "198.51.100.1, 64.38.240.9", saleJSON},
		{"POST", "10.0.0.1:4000", saleQuery, "", "64.38.240.9, 198.51.100.1", saleForm},
		{"POST", "[::ffff:64.38.241.3]:4000", "eventType=Refund&eventType=Void", "text/plain; charset=latin1", "", saleJSON},
		{"POST", "64.38.212.7:4000", "eventType=Nope%zz", "application/json", "", []byte(`{"a":`)},
		{"POST", "64.38.212.7:4000", "eventType=Expiration&clientAccnum=1", "application/json", "", []byte(`{"clientAccnum":"900100","password":"` + password + `"}`)},
		{"GET", "64.38.212.7:4000", "", "", "", nil},
		{"POST", "garbage", ";;&&==", "application/json; charset=\"", "unknown, _hidden, [::1]:80", []byte("\xff\xfe")},
	}
	for _, s := range seeds {
		f.Add(s.method, s.peer, s.query, s.contentType, s.forwarded, s.body)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var calls int
	newHandler := func(withReject bool) *ccbill.Handler {
		opt := webhook.Options{
			MaxBodyBytes:   4 << 10,
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
			Logger:         logger,
		}
		if withReject {
			opt.OnReject = func(context.Context, *webhook.Rejection) error { calls++; return nil }
			opt.ForwardedHeader = "Forwarded"
		}
		h, err := ccbill.NewHandler(ccbill.HandlerConfig{
			OnEvent:      func(context.Context, *ccbill.Delivery) error { calls++; return nil },
			ClientAccnum: "900100",
			Options:      opt,
		})
		if err != nil {
			f.Fatal(err)
		}
		return h
	}
	handlers := []*ccbill.Handler{newHandler(false), newHandler(true)}
	documented := map[int]bool{200: true, 400: true, 403: true, 405: true, 413: true, 422: true, 500: true}

	f.Fuzz(func(t *testing.T, method, peer, rawQuery, contentType, forwarded string, body []byte) {
		for _, h := range handlers {
			logs.Reset()
			calls = 0
			req := &http.Request{
				Method:        method,
				URL:           &url.URL{Path: "/webhooks", RawQuery: rawQuery},
				Header:        http.Header{},
				Body:          io.NopCloser(bytes.NewReader(body)),
				ContentLength: int64(len(body)),
				RemoteAddr:    peer,
			}
			req = req.WithContext(context.Background())
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			if forwarded != "" {
				req.Header.Set("X-Forwarded-For", forwarded)
				req.Header.Set("Forwarded", forwarded)
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
			if onlyAsPassword(body, password) && (strings.Contains(w.Body.String(), password) || strings.Contains(logs.String(), password)) {
				t.Fatalf("the password leaks:\nanswer: %s\nlog: %s", w.Body, logs.String())
			}
		}
	})
}

// onlyAsPassword reports whether the text occurs in the body only as the value of the password
// member: the same text under another key is not secret, and may be logged.
func onlyAsPassword(body []byte, text string) bool {
	var members map[string]any
	if err := json.Unmarshal(body, &members); err != nil {
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return false
		}
		members = map[string]any{}
		for k, vs := range values {
			if len(vs) != 1 {
				return false
			}
			members[k] = vs[0]
		}
	}
	for k, v := range members {
		s, _ := v.(string)
		if k == "password" {
			if s != text {
				return false
			}
			continue
		}
		if strings.Contains(k, text) || strings.Contains(fmt.Sprint(v), text) {
			return false
		}
	}
	_, ok := members["password"]
	return ok
}
