package chargebee_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// benchFile is the real payment_succeeded body (4.7 kB: a transaction with its linked invoice, the
// invoice with line items, taxes and issued credit notes, the customer and the subscription) the
// benchmarks share with the chargebee-go comparison in internal/benchcmp/chargebeego.
const benchFile = "mock_chargebee_payment_succeeded.json"

// BenchmarkDecode measures what a receiver does with each body: decode it in the version it says,
// then validate it.
//
//	go test ./chargebee -run '^$' -bench Decode -benchmem
func BenchmarkDecode(b *testing.B) {
	body := readReal(b, benchFile)
	b.Run("payment_succeeded-v2/decode-validate", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			e, err := chargebee.Decode(body)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("payment_succeeded-v2/decode", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := chargebee.Decode(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("payment_succeeded-v2/decode-validate-strict", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			e, err := chargebee.Decode(body)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.ValidateStrict(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkHandler measures the whole receiving path in process, as NewHandler makes it with the
// Basic auth Chargebee recommends: the source check, the credentials (constant-time, two of them
// as during a rotation), the body read, the event type, version and id read from the body, the
// delivery key, decoding payment_succeeded v2, validation, the callback and the answer.
// Deliveries per second per core is the figure to compare with CCBill's:
//
//	go test ./chargebee -run '^$' -bench Handler -benchmem -cpu 1
func BenchmarkHandler(b *testing.B) {
	body := readReal(b, benchFile)
	for _, variant := range []struct {
		name   string
		logger *slog.Logger
	}{
		// The handler as NewHandler makes it, logging discarded.
		{"basic-auth", slog.New(slog.DiscardHandler)},
		// With a JSON log line per delivery.
		{"basic-auth-json-log", slog.New(slog.NewJSONHandler(io.Discard, nil))},
	} {
		b.Run("payment_succeeded-v2/"+variant.name, func(b *testing.B) {
			var delivered int
			h, err := chargebee.NewHandler(chargebee.HandlerConfig{
				OnEvent: func(_ context.Context, d *chargebee.Delivery) error {
					if d.Validation != nil {
						return d.Validation
					}
					delivered++
					return nil
				},
				Versions: []int{2},
				Options: webhook.Options{
					BasicAuth: []webhook.BasicCredentials{oldCredentials, newCredentials},
					Logger:    variant.logger,
				},
			})
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodPost, "/webhooks/chargebee", nil)
			req.RemoteAddr = chargebeeAddr
			req.Header.Set("Content-Type", "application/json")
			req.SetBasicAuth(newCredentials.User, string(newCredentials.Password))
			req.ContentLength = int64(len(body))
			reader := bytes.NewReader(body)
			req.Body = io.NopCloser(reader)
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				reader.Reset(body)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(delivered)/b.Elapsed().Seconds(), "deliveries/s")
		})
	}
}
