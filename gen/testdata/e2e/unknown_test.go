package unknown

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// An event type the package does not know decodes to an UnknownEvent: the envelope typed, the
// content and the members the envelope does not define kept raw, and the body given back whole.
func TestUnknownEventType(t *testing.T) {
	body := `{"id":"ev_7","api_version":"v1","type":"invoice_voided","content":{"invoice":{"id":"in_1"}},"extra":[1]}`
	e, err := Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := e.(*UnknownEvent)
	if !ok {
		t.Fatalf("decoded to a %T", e)
	}
	if u.EventType() != "invoice_voided" || u.Version() != 1 || u.ID != "ev_7" || u.Content != `{"invoice":{"id":"in_1"}}` {
		t.Errorf("decoded %#v", u)
	}
	if len(u.ExtraFields()) != 1 || u.ExtraFields()[0].Name != "extra" {
		t.Errorf("extra members %v", u.ExtraFields())
	}
	if err := u.Validate(); err != nil {
		t.Error(err)
	}
	if got := string(u.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}
	// A known type in a version the package does not know is unknown too.
	e, err = Decode([]byte(`{"id":"ev_8","api_version":"v3","type":"ping","content":{"message":"hi"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := e.(*UnknownEvent); !ok || u.Version() != 3 || u.EventType() != Ping {
		t.Errorf("ping v3 decoded to %#v", e)
	}
}

// The handler rejects an unknown event type unless AcceptUnknown says to deliver it.
func TestHandlerAcceptUnknown(t *testing.T) {
	for _, accept := range []bool{false, true} {
		var delivered []Event
		var rejected []webhook.RejectReason
		h, err := NewHandler(HandlerConfig{
			AcceptUnknown: accept,
			OnEvent: func(_ context.Context, d *Delivery) error {
				delivered = append(delivered, d.Event)
				return nil
			},
			Options: webhook.Options{
				// httptest.NewRequest posts from 192.0.2.1.
				SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
				OnReject: func(_ context.Context, r *webhook.Rejection) error {
					rejected = append(rejected, r.Reason)
					return nil
				},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(`{"id":"ev_7","api_version":"v1","type":"invoice_voided","content":{}}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("AcceptUnknown %v: %d %s", accept, rec.Code, rec.Body)
		}
		if accept {
			if len(delivered) != 1 || len(rejected) != 0 {
				t.Fatalf("AcceptUnknown: delivered %v, rejected %v", delivered, rejected)
			}
			if _, ok := delivered[0].(*UnknownEvent); !ok {
				t.Errorf("delivered a %T", delivered[0])
			}
		} else if len(delivered) != 0 || len(rejected) != 1 || rejected[0] != webhook.RejectUnknownEvent {
			t.Errorf("delivered %v, rejected %v", delivered, rejected)
		}
	}
}
