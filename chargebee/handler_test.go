package chargebee_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// chargebeeAddr is one of the US region's published source addresses, so that the handler's
// default source check passes as it does for Chargebee's own posts.
const chargebeeAddr = "3.209.65.25:41234"

// The Basic credentials configured on the endpoint: two, as during a rotation.
var (
	oldCredentials = webhook.BasicCredentials{User: "chargebee", Password: "old-password-4c1d9e"}
	newCredentials = webhook.BasicCredentials{User: "chargebee", Password: "new-password-b07f2a"}
)

// app is the application behind the handler: it keeps what its callbacks receive.
type app struct {
	mu         sync.Mutex
	deliveries []*chargebee.Delivery
	rejections []*webhook.Rejection
	panics     bool
}

func (a *app) onEvent(_ context.Context, d *chargebee.Delivery) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.panics {
		panic("the application's bug")
	}
	copied := *d
	copied.Body = bytes.Clone(d.Body)
	a.deliveries = append(a.deliveries, &copied)
	return nil
}

func (a *app) onReject(_ context.Context, r *webhook.Rejection) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	copied := *r
	copied.Body = bytes.Clone(r.Body)
	a.rejections = append(a.rejections, &copied)
	return nil
}

// newHandler is NewHandler with Basic auth and the application's callbacks; edit adjusts the
// configuration for one test. Logs go to log.
func newHandler(t testing.TB, a *app, log io.Writer, edit func(*chargebee.HandlerConfig)) *chargebee.Handler {
	t.Helper()
	cfg := chargebee.HandlerConfig{
		OnEvent: a.onEvent,
		Options: webhook.Options{
			OnReject:  a.onReject,
			BasicAuth: []webhook.BasicCredentials{oldCredentials, newCredentials},
			Logger:    slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug})),
		},
	}
	if edit != nil {
		edit(&cfg)
	}
	h, err := chargebee.NewHandler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// post is one request as Chargebee sends it: from its address, JSON, with credentials unless
// creds is nil.
type post struct {
	method string
	from   string
	creds  *webhook.BasicCredentials
	body   []byte
}

func (p post) send(h http.Handler) *httptest.ResponseRecorder {
	method := p.method
	if method == "" {
		method = http.MethodPost
	}
	req := httptest.NewRequest(method, "/webhooks/chargebee", bytes.NewReader(p.body))
	req.RemoteAddr = chargebeeAddr
	if p.from != "" {
		req.RemoteAddr = p.from
	}
	req.Header.Set("Content-Type", "application/json")
	if p.creds != nil {
		req.SetBasicAuth(p.creds.User, string(p.creds.Password))
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestHandlerStatuses: what each post is answered, and what reaches the application.
func TestHandlerStatuses(t *testing.T) {
	body := readReal(t, "mock_chargebee_payment_succeeded.json")
	wrongPassword := webhook.BasicCredentials{User: newCredentials.User, Password: newCredentials.Password + "x"}
	wrongUser := webhook.BasicCredentials{User: "chargebe", Password: newCredentials.Password}
	tests := []struct {
		name      string
		post      post
		status    int
		delivered bool
	}{
		{"the new credentials", post{creds: &newCredentials, body: body}, http.StatusOK, true},
		// Rotation: the old credentials stay valid until the operator removes them from BasicAuth,
		// so Chargebee's settings and the receiver's need not change at the same instant.
		{"the old credentials, during a rotation", post{creds: &oldCredentials, body: body}, http.StatusOK, true},
		{"a wrong password", post{creds: &wrongPassword, body: body}, http.StatusUnauthorized, false},
		{"a wrong user", post{creds: &wrongUser, body: body}, http.StatusUnauthorized, false},
		{"no credentials", post{body: body}, http.StatusUnauthorized, false},
		{"a GET", post{method: http.MethodGet, creds: &newCredentials}, http.StatusMethodNotAllowed, false},
		{"a 2 MiB body", post{creds: &newCredentials, body: bytes.Repeat([]byte(" "), 2<<20)}, http.StatusRequestEntityTooLarge, false},
		// The US region's published addresses are checked by default: a post from elsewhere, even
		// with the right credentials, is refused.
		{"a sender outside the published ranges", post{from: "198.51.100.7:443", creds: &newCredentials, body: body}, http.StatusForbidden, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a app
			w := tt.post.send(newHandler(t, &a, io.Discard, nil))
			if w.Code != tt.status {
				t.Fatalf("%d %s, want %d", w.Code, w.Body, tt.status)
			}
			if got := len(a.deliveries) == 1; got != tt.delivered || len(a.rejections) != 0 {
				t.Errorf("%d deliveries, %d rejections", len(a.deliveries), len(a.rejections))
			}
			switch tt.status {
			case http.StatusUnauthorized:
				if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Basic realm=") {
					t.Errorf("401 without a Basic challenge: WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
				}
			case http.StatusMethodNotAllowed:
				if w.Header().Get("Allow") != http.MethodPost {
					t.Errorf("405 with Allow %q", w.Header().Get("Allow"))
				}
			case http.StatusOK:
				d := a.deliveries[0]
				if _, ok := d.Event.(*chargebee.PaymentSucceededV2); !ok || d.Version != 2 || d.EventType != "payment_succeeded" || d.Validation != nil {
					t.Errorf("delivered %s as %T: %v", d, d.Event, d.Validation)
				}
			}
		})
	}
}

// TestHandlerPanicIs500: a panic in OnEvent is answered 500, so that Chargebee delivers the event
// again once the application is fixed, and the handler goes on serving.
func TestHandlerPanicIs500(t *testing.T) {
	body := readReal(t, "mock_chargebee_payment_succeeded.json")
	a := app{panics: true}
	var log bytes.Buffer
	h := newHandler(t, &a, &log, nil)
	if w := (post{creds: &newCredentials, body: body}).send(h); w.Code != http.StatusInternalServerError {
		t.Fatalf("%d %s, want 500", w.Code, w.Body)
	}
	if !strings.Contains(log.String(), "the application's bug") {
		t.Errorf("the panic is not logged:\n%s", log.String())
	}
	a.panics = false
	if w := (post{creds: &newCredentials, body: body}).send(h); w.Code != http.StatusOK || len(a.deliveries) != 1 {
		t.Errorf("after the panic: %d %s, %d deliveries", w.Code, w.Body, len(a.deliveries))
	}
}

// TestHandlerRetryKeepsTheKey: Chargebee's retry of an event carries the same id in a body that
// differs (webhook_status re_scheduled, the failure reason, the webhooks' statuses); the delivery
// key comes from the id, so the application stores the event once.
func TestHandlerRetryKeepsTheKey(t *testing.T) {
	paid := string(readReal(t, "mock_chargebee_payment_succeeded.json"))
	// The real subscription_changed body is itself a redelivery (re_scheduled after a 404); its
	// first attempt said scheduled, without the failure reason and the webhooks.
	changed := string(readReal(t, "mock_chargebee_subscription_changed.json"))
	const retryTail = `"webhook_status":"re_scheduled","webhook_failure_reason":"Received error code 404 from server. Your server has indicated that the page does not exist. Please check the URL","webhooks":[{"id":"whv2_16BjqVSJBcR3hZth","webhook_status":"re_scheduled","object":"webhook"}]`
	tests := []struct {
		name, first, retry, id, eventType string
	}{
		{"payment_succeeded, retried", paid, strings.Replace(paid, `"webhook_status":"not_configured"`, `"webhook_status":"re_scheduled","webhook_failure_reason":"timeout","webhooks":[{"id":"whv2_1","webhook_status":"re_scheduled","object":"webhook"}]`, 1), "ev_AzqYRySIstMN16O", "payment_succeeded"},
		{"the real redelivered subscription_changed", strings.Replace(changed, retryTail, `"webhook_status":"scheduled"`, 1), changed, "ev_AzZlwkSJGPYNWQd3", "subscription_changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first == tt.retry {
				t.Fatal("the retry's body is the first attempt's: the edit found nothing to change")
			}
			other := strings.Replace(tt.first, `"id":"`+tt.id+`"`, `"id":"`+tt.id+`x"`, 1)
			var a app
			h := newHandler(t, &a, io.Discard, nil)
			for _, body := range []string{tt.first, tt.retry, other} {
				if w := (post{creds: &newCredentials, body: []byte(body)}).send(h); w.Code != http.StatusOK {
					t.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			first, retry, next := a.deliveries[0].Key, a.deliveries[1].Key, a.deliveries[2].Key
			if first != retry {
				t.Errorf("the retry has key %s, the first attempt %s", retry, first)
			}
			if first == next {
				t.Errorf("two events with different ids share the key %s", first)
			}
			if first != webhook.NewDeliveryKey(tt.eventType, []byte(tt.id)) {
				t.Errorf("the key %s is not the event id's", first)
			}
			if a.deliveries[1].Validation != nil {
				t.Errorf("the retry does not validate: %v", a.deliveries[1].Validation)
			}
		})
	}
}

// TestHandlerRejections: what cannot be handed to OnEvent goes to OnReject with its reason and is
// answered 200 once recorded, so that Chargebee stops retrying a post no retry can fix; without
// an OnReject it is answered 422 and stays with Chargebee until the application can take it.
func TestHandlerRejections(t *testing.T) {
	real := string(readReal(t, "mock_chargebee_payment_succeeded.json"))
	tests := []struct {
		name     string
		versions []int
		body     string
		reason   webhook.RejectReason
	}{
		{"an unknown event type", nil, strings.Replace(real, `"payment_succeeded"`, `"payment_reconciled"`, 1), webhook.RejectUnknownEvent},
		{"an API version the package does not know", nil, strings.Replace(real, `"api_version":"v2"`, `"api_version":"v3"`, 1), webhook.RejectUnknownEvent},
		// An endpoint whose application reads v1 shapes: Chargebee sends each endpoint's events in
		// the API version configured for it, and a v2 body read as v1 would lose members silently.
		{"a version the application does not accept", []int{1}, real, webhook.RejectVersion},
		// A body without api_version is read as v1, the documented default: a v2 endpoint
		// rejects it rather than hand it to an application expecting v2 shapes.
		{"a body without api_version at a v2 endpoint", []int{2}, string(readReal(t, "chargebee-go_payment_succeeded_legacy.json")), webhook.RejectVersion},
		{"a body without event_type", nil, strings.Replace(real, `"event_type":"payment_succeeded",`, ``, 1), webhook.RejectNoEventType},
		{"a body cut short", nil, real[:len(real)/2], webhook.RejectUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a app
			h := newHandler(t, &a, io.Discard, func(cfg *chargebee.HandlerConfig) { cfg.Versions = tt.versions })
			if w := (post{creds: &newCredentials, body: []byte(tt.body)}).send(h); w.Code != http.StatusOK {
				t.Fatalf("%d %s, want 200 once recorded", w.Code, w.Body)
			}
			if len(a.deliveries) != 0 || len(a.rejections) != 1 {
				t.Fatalf("%d deliveries, %d rejections", len(a.deliveries), len(a.rejections))
			}
			if r := a.rejections[0]; r.Reason != tt.reason || r.Err == nil || !bytes.Equal(r.Body, []byte(tt.body)) {
				t.Errorf("rejection %s (%v), want %s with the body", r.Reason, r.Err, tt.reason)
			}

			h = newHandler(t, &a, io.Discard, func(cfg *chargebee.HandlerConfig) {
				cfg.Versions = tt.versions
				cfg.OnReject = nil
			})
			want := http.StatusUnprocessableEntity
			if tt.reason == webhook.RejectNoEventType || tt.reason == webhook.RejectUndecodable {
				want = http.StatusBadRequest
			}
			if w := (post{creds: &newCredentials, body: []byte(tt.body)}).send(h); w.Code != want {
				t.Errorf("without OnReject: %d %s, want %d", w.Code, w.Body, want)
			}
		})
	}
}

// TestHandlerAcceptUnknown: opted in, an event type this package does not know reaches OnEvent as
// an *UnknownEvent keyed by its id, for an application that stores every event.
func TestHandlerAcceptUnknown(t *testing.T) {
	body := strings.Replace(string(readReal(t, "mock_chargebee_payment_succeeded.json")), `"payment_succeeded"`, `"payment_reconciled"`, 1)
	var a app
	h := newHandler(t, &a, io.Discard, func(cfg *chargebee.HandlerConfig) { cfg.AcceptUnknown = true })
	if w := (post{creds: &newCredentials, body: []byte(body)}).send(h); w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if len(a.deliveries) != 1 || len(a.rejections) != 0 {
		t.Fatalf("%d deliveries, %d rejections", len(a.deliveries), len(a.rejections))
	}
	d := a.deliveries[0]
	if u, ok := d.Event.(*chargebee.UnknownEvent); !ok || u.EventType() != "payment_reconciled" || u.Version() != 2 || u.ID != "ev_AzqYRySIstMN16O" {
		t.Errorf("delivered %T %+v", d.Event, d.Event)
	}
	if d.Key != webhook.NewDeliveryKey("payment_reconciled", []byte("ev_AzqYRySIstMN16O")) {
		t.Errorf("the key %s is not the event id's", d.Key)
	}
}

// TestHandlerLogsNoSecrets: neither the credentials nor the body's personal data reach the log
// at the default level, whatever the outcome.
func TestHandlerLogsNoSecrets(t *testing.T) {
	body := readReal(t, "mock_chargebee_payment_succeeded.json")
	var log bytes.Buffer
	var a app
	h := newHandler(t, &a, &log, func(cfg *chargebee.HandlerConfig) {
		cfg.Logger = slog.New(slog.NewJSONHandler(&log, nil))
	})
	wrong := webhook.BasicCredentials{User: "chargebee", Password: "guessed-password-0000"}
	for _, p := range []post{{creds: &newCredentials, body: body}, {creds: &wrong, body: body}} {
		p.send(h)
	}
	for _, secret := range []string{string(newCredentials.Password), string(wrong.Password), "user@example.com"} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log holds %q:\n%s", secret, log.String())
		}
	}
	if !strings.Contains(log.String(), "payment_succeeded") {
		t.Errorf("the log does not say what was delivered:\n%s", log.String())
	}
}

// TestNewHandlerConfiguration: a configuration that cannot work fails when the handler is made,
// not when the first post arrives.
func TestNewHandlerConfiguration(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  chargebee.HandlerConfig
		want string
	}{
		{"no OnEvent", chargebee.HandlerConfig{}, "no event callback"},
		{"a version no event has", chargebee.HandlerConfig{Versions: []int{3}}, "no event has version 3"},
		{"no sender check and no credentials", chargebee.HandlerConfig{Options: webhook.Options{AnySource: true}}, "anyone could post"},
		{"credentials without a password", chargebee.HandlerConfig{Options: webhook.Options{BasicAuth: []webhook.BasicCredentials{{User: "chargebee"}}}}, "a user name and a password are required"},
		{"a short URL key", chargebee.HandlerConfig{Options: webhook.Options{URLKeys: []webhook.Secret{"short"}}}, "at least 16"},
	} {
		if tt.name != "no OnEvent" {
			tt.cfg.OnEvent = func(context.Context, *chargebee.Delivery) error { return nil }
		}
		_, err := chargebee.NewHandler(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestHandlerURLKey: the URL key, Chargebee's other way to authenticate, compared in constant
// time and checked before the body is read.
func TestHandlerURLKey(t *testing.T) {
	body := readReal(t, "mock_chargebee_payment_succeeded.json")
	var a app
	h := newHandler(t, &a, io.Discard, func(cfg *chargebee.HandlerConfig) {
		cfg.BasicAuth = nil
		cfg.URLKeys = []webhook.Secret{"url-key-with-enough-entropy-91"}
	})
	for _, tt := range []struct {
		query  string
		status int
	}{
		{"?key=url-key-with-enough-entropy-91", http.StatusOK},
		{"?key=url-key-with-enough-entropy-92", http.StatusForbidden},
		{"", http.StatusForbidden},
	} {
		req := httptest.NewRequest(http.MethodPost, "/webhooks/chargebee"+tt.query, bytes.NewReader(body))
		req.RemoteAddr = chargebeeAddr
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tt.status {
			t.Errorf("%q: %d %s, want %d", tt.query, w.Code, w.Body, tt.status)
		}
	}
	if len(a.deliveries) != 1 {
		t.Errorf("%d deliveries, want 1", len(a.deliveries))
	}
}
