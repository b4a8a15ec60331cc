package routing

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func body(version, content string) string {
	return `{"api_version":"` + version + `","type":"plan_changed","content":` + content + `}`
}

// Decode reads the event type and the version from the body (the version through the spec's
// pattern, "v2" → 2) and picks the version's type; a version the package does not know decodes
// to an UnknownEvent, and a version the pattern does not match is an error.
func TestDecodeRoutesByBody(t *testing.T) {
	v1, err := Decode([]byte(body("v1", `{"plan":"gold"}`)))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := v1.(*PlanChangedV1); !ok || p.Content.Plan != "gold" || p.APIVersion != "v1" || p.Version() != 1 {
		t.Errorf("v1 decoded to %#v", v1)
	}
	v2, err := Decode([]byte(body("v2", `{"plan_id":"pl_2"}`)))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := v2.(*PlanChangedV2); !ok || p.Content.PlanID != "pl_2" || p.Version() != 2 {
		t.Errorf("v2 decoded to %#v", v2)
	}
	v9, err := Decode([]byte(body("v9", `{"plan_id":"pl_2"}`)))
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := v9.(*UnknownEvent); !ok || u.Version() != 9 || u.EventType() != PlanChanged {
		t.Errorf("v9 decoded to %#v", v9)
	}
	for _, b := range []string{
		body("2", `{}`),
		body("v", `{}`),
		`{"type":"plan_changed","content":{}}`,
		`{"api_version":"v1","content":{}}`,
		`{"api_version":"v1","type":"plan_changed","content":{}`,
	} {
		if e, err := Decode([]byte(b)); err == nil {
			t.Errorf("%s: decoded to %#v", b, e)
		}
	}
}

// The handler routes by the body too: the event reaches OnEvent as the version's type, and a
// version the endpoint does not accept is rejected with its reason.
func TestHandlerRoutesByBody(t *testing.T) {
	var delivered []*Delivery
	var rejected []webhook.RejectReason
	h, err := NewHandler(HandlerConfig{
		Versions: []int{2},
		OnEvent: func(_ context.Context, d *Delivery) error {
			delivered = append(delivered, d)
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
	post := func(b string) int {
		req := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if status := post(body("v2", `{"plan_id":"pl_2"}`)); status != http.StatusOK {
		t.Fatalf("v2: %d", status)
	}
	if len(delivered) != 1 || delivered[0].EventType != "plan_changed" || delivered[0].Version != 2 {
		t.Fatalf("delivered %+v", delivered)
	}
	if p, ok := delivered[0].Event.(*PlanChangedV2); !ok || p.Content.PlanID != "pl_2" {
		t.Errorf("delivered a %#v", delivered[0].Event)
	}
	if status := post(body("v1", `{"plan":"gold"}`)); status != http.StatusOK || len(rejected) != 1 || rejected[0] != webhook.RejectVersion {
		t.Errorf("v1 to an endpoint that accepts v2: %d, rejections %v", status, rejected)
	}
	if len(delivered) != 1 {
		t.Errorf("%d deliveries, want 1", len(delivered))
	}
}
