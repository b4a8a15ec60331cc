package feed

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// recorder keeps what the handler hands the application.
type recorder struct {
	mu         sync.Mutex
	deliveries []webhook.DeliveryKey
	events     []Event
	rejections []*webhook.Rejection
}

func (r *recorder) onEvent(_ context.Context, d *Delivery) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deliveries = append(r.deliveries, d.Key)
	r.events = append(r.events, d.Event)
	return nil
}

func (r *recorder) onReject(_ context.Context, rej *webhook.Rejection) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rejections = append(r.rejections, rej)
	return nil
}

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

func server(t *testing.T, cfg HandlerConfig, rec *recorder, log io.Writer) *httptest.Server {
	t.Helper()
	cfg.OnEvent = rec.onEvent
	cfg.OnReject = rec.onReject
	cfg.Logger = slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := NewHandler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, path, user, password, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(answer)
}

// TestHandlerRoutesByBodyAndAuthenticates: the event type and version come from the body, the
// key from its id, and Basic credentials (several, for rotation) are checked before the body.
func TestHandlerRoutesByBodyAndAuthenticates(t *testing.T) {
	var rec recorder
	var log bytes.Buffer
	srv := server(t, HandlerConfig{Options: webhook.Options{
		SourceRanges: loopback,
		BasicAuth: []webhook.BasicCredentials{
			{User: "feed", Password: "old-password-9f2c"},
			{User: "feed", Password: "new-password-71ab"},
		},
	}}, &rec, &log)

	tests := []struct {
		name, user, password string
		status               int
	}{
		{"the new credentials", "feed", "new-password-71ab", http.StatusOK},
		{"the old credentials, still configured", "feed", "old-password-9f2c", http.StatusOK},
		{"a wrong password", "feed", "new-password-71ac", http.StatusUnauthorized},
		{"a wrong user", "fed", "new-password-71ab", http.StatusUnauthorized},
		{"no credentials", "", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		status, header, answer := post(t, srv, "/hooks", tt.user, tt.password, orderCreated)
		if status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, status, answer, tt.status)
		}
		if status == http.StatusUnauthorized && !strings.HasPrefix(header.Get("WWW-Authenticate"), `Basic realm="feed webhooks"`) {
			t.Errorf("%s: WWW-Authenticate %q", tt.name, header.Get("WWW-Authenticate"))
		}
	}
	if len(rec.events) != 2 {
		t.Fatalf("%d deliveries, want 2", len(rec.events))
	}
	if _, ok := rec.events[0].(*OrderCreatedV2); !ok {
		t.Errorf("delivered a %T", rec.events[0])
	}
	// A retry carries the same id with a changed body: the same key.
	retry := strings.Replace(orderCreated, `"webhook_status": "scheduled"`, `"webhook_status": "re_scheduled"`, 1)
	if status, _, answer := post(t, srv, "/hooks", "feed", "new-password-71ab", retry); status != http.StatusOK {
		t.Fatalf("retry: %d %s", status, answer)
	}
	if rec.deliveries[0] != rec.deliveries[2] || rec.deliveries[0] == webhook.NewDeliveryKey("order_created", []byte(orderCreated)) {
		t.Errorf("keys %v: a retry with a changed body must keep the first key, taken from the id", rec.deliveries)
	}
	if strings.Contains(log.String(), "password-") || strings.Contains(log.String(), "hunter2") {
		t.Errorf("the log holds a secret:\n%s", log.String())
	}
}

// TestHandlerRejections: what cannot be handed to OnEvent goes to OnReject with its reason,
// answered 200 once recorded, so the vendor stops retrying a post no retry can fix.
func TestHandlerRejections(t *testing.T) {
	var rec recorder
	srv := server(t, HandlerConfig{Versions: []int{2}, Options: webhook.Options{SourceRanges: loopback}}, &rec, io.Discard)
	tests := []struct {
		name, body string
		reason     webhook.RejectReason
	}{
		{"an unknown event type", strings.Replace(orderCreated, `"order_created"`, `"order_shipped"`, 1), webhook.RejectUnknownEvent},
		{"a version the endpoint does not accept", strings.Replace(orderCreated, `"v2"`, `"v1"`, 1), webhook.RejectVersion},
		{"an unknown version", strings.Replace(orderCreated, `"v2"`, `"v7"`, 1), webhook.RejectVersion},
		{"no event type", strings.Replace(orderCreated, `"event_type": "order_created",`, ``, 1), webhook.RejectNoEventType},
		{"a malformed version", strings.Replace(orderCreated, `"v2"`, `"2"`, 1), webhook.RejectUndecodable},
		{"a body cut short", orderCreated[:300], webhook.RejectUndecodable},
	}
	for _, tt := range tests {
		status, _, answer := post(t, srv, "/", "", "", tt.body)
		if status != http.StatusOK {
			t.Errorf("%s: %d %s, want 200 once recorded", tt.name, status, answer)
			continue
		}
		last := rec.rejections[len(rec.rejections)-1]
		if last.Reason != tt.reason {
			t.Errorf("%s: reason %s (%v), want %s", tt.name, last.Reason, last.Err, tt.reason)
		}
	}
	if len(rec.events) != 0 {
		t.Errorf("%d deliveries handed to OnEvent", len(rec.events))
	}
}

// TestHandlerURLKey: a key in the URL, compared in constant time, refused before the body.
func TestHandlerURLKey(t *testing.T) {
	var rec recorder
	srv := server(t, HandlerConfig{Options: webhook.Options{AnySource: true, URLKeys: []webhook.Secret{"k3y-with-enough-entropy"}}}, &rec, io.Discard)
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/hooks?key=k3y-with-enough-entropy", http.StatusOK},
		{"/hooks?key=k3y-with-enough-entropz", http.StatusForbidden},
		{"/hooks", http.StatusForbidden},
		{"/hooks?key=k3y-with-enough-entropy&key=k3y-with-enough-entropy", http.StatusForbidden},
	} {
		if status, _, answer := post(t, srv, tt.path, "", "", orderCreated); status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.path, status, answer, tt.status)
		}
	}
}

func TestHandlerConfiguration(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  HandlerConfig
		want string
	}{
		{"no sender check and no credentials", HandlerConfig{Options: webhook.Options{AnySource: true}}, "anyone could post"},
		{"a short URL key", HandlerConfig{Options: webhook.Options{URLKeys: []webhook.Secret{"short"}}}, "at least 16"},
		{"a version no event has", HandlerConfig{Versions: []int{9}}, "no event has version 9"},
		{"credentials without a password", HandlerConfig{Options: webhook.Options{BasicAuth: []webhook.BasicCredentials{{User: "u"}}}}, "a user name and a password are required"},
	} {
		tt.cfg.OnEvent = func(context.Context, *Delivery) error { return nil }
		if _, err := NewHandler(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestHandlerAcceptUnknown: opted in, an event type the package does not know reaches OnEvent
// as an *UnknownEvent, its key from its id, rather than OnReject.
func TestHandlerAcceptUnknown(t *testing.T) {
	var rec recorder
	srv := server(t, HandlerConfig{AcceptUnknown: true, Options: webhook.Options{SourceRanges: loopback}}, &rec, io.Discard)
	body := strings.Replace(orderCreated, `"order_created"`, `"order_shipped"`, 1)
	if status, _, answer := post(t, srv, "/", "", "", body); status != http.StatusOK {
		t.Fatalf("%d %s", status, answer)
	}
	if len(rec.events) != 1 || len(rec.rejections) != 0 {
		t.Fatalf("%d deliveries, %d rejections", len(rec.events), len(rec.rejections))
	}
	if u, ok := rec.events[0].(*UnknownEvent); !ok || u.EventType() != "order_shipped" || u.Version() != 2 {
		t.Errorf("delivered %T %+v", rec.events[0], rec.events[0])
	}
	if rec.deliveries[0] != webhook.NewDeliveryKey("order_shipped", []byte("ev_01H8")) {
		t.Errorf("key %v is not the id's", rec.deliveries[0])
	}
}
