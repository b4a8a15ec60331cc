package bodykey

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// The delivery key comes from the body's id: a retry that carries the same id with another
// attempt number gets the first delivery's key, and another id gets another key.
func TestDeliveryKeyFromBody(t *testing.T) {
	var keys []webhook.DeliveryKey
	h, err := NewHandler(HandlerConfig{
		OnEvent: func(_ context.Context, d *Delivery) error {
			keys = append(keys, d.Key)
			return nil
		},
		// httptest.NewRequest posts from 192.0.2.1.
		Options: webhook.Options{SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		`{"id":"ev_1","attempt":1,"type":"ping","content":{"message":"hi"}}`,
		`{"id":"ev_1","attempt":2,"type":"ping","content":{"message":"hi"}}`,
		`{"id":"ev_2","attempt":1,"type":"ping","content":{"message":"hi"}}`,
	}
	for _, b := range bodies {
		req := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", b, rec.Code, rec.Body)
		}
	}
	if len(keys) != 3 {
		t.Fatalf("%d deliveries, want 3", len(keys))
	}
	if keys[0] != keys[1] {
		t.Error("a retry with a changed attempt number got another key")
	}
	if keys[0] == keys[2] {
		t.Error("two events with different ids got one key")
	}
	if keys[0] == webhook.NewDeliveryKey("ping", []byte(bodies[0])) {
		t.Error("the key is the body's digest, not the id's")
	}
}
