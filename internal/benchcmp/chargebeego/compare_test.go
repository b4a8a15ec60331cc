package chargebeego

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	cbenum "github.com/chargebee/chargebee-go/v3/enum"
	cbwebhook "github.com/chargebee/chargebee-go/v3/webhook"
	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/webhook"
)

// benchFile is the real 4.7 kB payment_succeeded body the chargebee package benchmarks too.
const benchFile = "mock_chargebee_payment_succeeded.json"

func readReal(t testing.TB, file string) []byte {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(testenv.SharedDir(t), "real-payloads", "chargebee", file))
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// sdkDispatch decodes body as chargebee-go's WebhookHandler does for an application that handles
// payment_succeeded (the SDK README's "high-level" use): ParseAndDispatch reads event_type and
// api_version with one json.Unmarshal, then the whole body into webhook.PaymentSucceededEvent with
// another.
func sdkDispatch(body []byte) (cbwebhook.PaymentSucceededEvent, error) {
	var got cbwebhook.PaymentSucceededEvent
	h := cbwebhook.WebhookHandler{
		OnPaymentSucceeded: func(e cbwebhook.PaymentSucceededEvent) error { got = e; return nil },
		OnUnhandledEvent:   func(t cbenum.EventType, _ []byte) error { return fmt.Errorf("unhandled %s", t) },
	}
	err := h.ParseAndDispatch(body)
	return got, err
}

// hookspecDecode is what a hookspec receiver does with the same body: decode it in the version it
// says, then validate it.
func hookspecDecode(body []byte) (*chargebee.PaymentSucceededV2, error) {
	e, err := chargebee.Decode(body)
	if err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	p, ok := e.(*chargebee.PaymentSucceededV2)
	if !ok {
		return nil, fmt.Errorf("decoded a %T", e)
	}
	return p, nil
}

// TestSameBodySameValues: both decoders read the benchmark body, and agree on what they read, so
// the benchmark compares equal work.
func TestSameBodySameValues(t *testing.T) {
	body := readReal(t, benchFile)
	sdk, err := sdkDispatch(body)
	if err != nil {
		t.Fatalf("chargebee-go: %v", err)
	}
	ours, err := hookspecDecode(body)
	if err != nil {
		t.Fatalf("hookspec: %v", err)
	}
	amount, _ := ours.Content.Transaction.Amount.Get()
	for _, c := range []struct {
		what      string
		sdk, ours any
	}{
		{"event id", sdk.Id, ours.ID},
		{"occurred_at", sdk.OccurredAt, ours.OccurredAt.Seconds},
		{"transaction id", sdk.Content.Transaction.Id, ours.Content.Transaction.ID},
		{"transaction amount", sdk.Content.Transaction.Amount, amount},
		{"invoice id", sdk.Content.Invoice.Id, ours.Content.Invoice.ID},
		{"invoice line items", len(sdk.Content.Invoice.LineItems), len(ours.Content.Invoice.LineItems)},
		{"customer id", sdk.Content.Customer.Id, ours.Content.Customer.ID},
		{"subscription resource_version", sdk.Content.Subscription.ResourceVersion, ours.Content.Subscription.ResourceVersion.Millis},
	} {
		if fmt.Sprint(c.sdk) != fmt.Sprint(c.ours) {
			t.Errorf("%s: chargebee-go %v, hookspec %v", c.what, c.sdk, c.ours)
		}
	}
}

// TestSDKLosesArrayItems: chargebee-go names array content members in the singular
// ("subscription", "unbilled_charge") where Chargebee sends them in the plural, so
// encoding/json drops the items without an error; hookspec keeps them. These are the two
// real bodies.
func TestSDKLosesArrayItems(t *testing.T) {
	var deleted cbwebhook.CustomerDeletedEvent
	if err := json.Unmarshal(readReal(t, "mock_chargebee_customer_deleted.json"), &deleted); err != nil {
		t.Fatal(err)
	}
	var unbilled cbwebhook.UnbilledChargesCreatedEvent
	if err := json.Unmarshal(readReal(t, "mock_chargebee_unbilled_charges_created.json"), &unbilled); err != nil {
		t.Fatal(err)
	}
	if n := len(deleted.Content.Subscription); n != 0 {
		t.Errorf("chargebee-go now reads %d subscriptions of customer_deleted: update the README", n)
	}
	if n := len(unbilled.Content.UnbilledCharge); n != 0 {
		t.Errorf("chargebee-go now reads %d unbilled charges: update the README", n)
	}

	e, err := chargebee.Decode(readReal(t, "mock_chargebee_customer_deleted.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.(*chargebee.CustomerDeletedV2).Content.Subscriptions); n != 1 {
		t.Errorf("hookspec reads %d subscriptions of customer_deleted, want 1", n)
	}
	e, err = chargebee.Decode(readReal(t, "mock_chargebee_unbilled_charges_created.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.(*chargebee.UnbilledChargesCreatedV2).Content.UnbilledCharges); n != 1 {
		t.Errorf("hookspec reads %d unbilled charges, want 1", n)
	}
}

// TestSDKAnswers500: chargebee-go's HTTPHandler answers 500 (its default OnError) to a body in
// another API version than its own (v2), to an event type the application has no callback for,
// and to a GET, so Chargebee retries those posts for three days; hookspec's handler answers the
// first two 200 once OnReject has them, and the GET 405. Both decode a v1 body: hookspec as v1.
func TestSDKAnswers500(t *testing.T) {
	legacy := readReal(t, "chargebee-go_payment_succeeded_legacy.json")
	v1 := append([]byte(`{"api_version":"v1","source":"system",`), legacy[1:]...)
	unknown := bytes.Replace(readReal(t, benchFile), []byte(`"payment_succeeded"`), []byte(`"payment_reconciled"`), 1)
	sdk := (&cbwebhook.WebhookHandler{
		OnPaymentSucceeded: func(cbwebhook.PaymentSucceededEvent) error { return nil },
	}).HTTPHandler()
	ours, err := chargebee.NewHandler(chargebee.HandlerConfig{
		OnEvent: func(context.Context, *chargebee.Delivery) error { return nil },
		Options: webhook.Options{
			OnReject:  func(context.Context, *webhook.Rejection) error { return nil },
			BasicAuth: []webhook.BasicCredentials{{User: "chargebee", Password: "compare-password-77"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name           string
		method         string
		body           []byte
		sdkStatus      int
		hookspecStatus int
	}{
		{"a v1 body", http.MethodPost, v1, http.StatusInternalServerError, http.StatusOK},
		{"an event type without a callback", http.MethodPost, unknown, http.StatusInternalServerError, http.StatusOK},
		{"a GET", http.MethodGet, nil, http.StatusInternalServerError, http.StatusMethodNotAllowed},
	} {
		for _, h := range []struct {
			name    string
			handler http.Handler
			want    int
		}{{"chargebee-go", sdk, tt.sdkStatus}, {"hookspec", ours, tt.hookspecStatus}} {
			req := httptest.NewRequest(tt.method, "/webhooks", bytes.NewReader(tt.body))
			req.RemoteAddr = "3.209.65.25:443" // one of Chargebee's published addresses
			req.SetBasicAuth("chargebee", "compare-password-77")
			w := httptest.NewRecorder()
			h.handler.ServeHTTP(w, req)
			if w.Code != h.want {
				t.Errorf("%s: %s answers %d, want %d (update the README if chargebee-go changed)", tt.name, h.name, w.Code, h.want)
			}
		}
	}
	if _, err := cbwebhook.ParseEventType(v1); err == nil {
		t.Error("chargebee-go now reads a v1 body: update the README")
	}
	e, err := chargebee.Decode(v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(*chargebee.PaymentSucceededV1); !ok {
		t.Errorf("hookspec decoded a v1 body as %T", e)
	}
}

// TestAllocationTarget: decode+Validate of the benchmark body stays within the target of
// at most 10 allocations. Allocation counts, unlike times, do not depend on the machine's load.
func TestAllocationTarget(t *testing.T) {
	body := readReal(t, benchFile)
	var err error
	allocs := testing.AllocsPerRun(50, func() { _, err = hookspecDecode(body) })
	if err != nil {
		t.Fatal(err)
	}
	if allocs > 10 {
		t.Errorf("decode+Validate makes %.0f allocations, the target is at most 10", allocs)
	}
}

// BenchmarkDecode compares, side by side on the same body, chargebee-go's own event decoding
// (both ways its README shows) with hookspec's decode+Validate.
//
//	go test -run '^$' -bench . -benchmem -count 5
func BenchmarkDecode(b *testing.B) {
	body := readReal(b, benchFile)
	b.Run("chargebee-go/ParseAndDispatch", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := sdkDispatch(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The SDK README's "low-level" use: ParseEventType, then json.Unmarshal into the event type.
	b.Run("chargebee-go/ParseEventType-Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			t, err := cbwebhook.ParseEventType(body)
			if err != nil || t != cbenum.EventTypePaymentSucceeded {
				b.Fatal(t, err)
			}
			var e cbwebhook.PaymentSucceededEvent
			if err := json.Unmarshal(body, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("hookspec/Decode-Validate", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := hookspecDecode(body); err != nil {
				b.Fatal(err)
			}
		}
	})
}
