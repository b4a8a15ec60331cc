package ccbill_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// loopback lets httptest's client, which connects from 127.0.0.1, stand in for CCBill.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// recorder is an application: it keeps what the callbacks received.
type recorder struct {
	mu         sync.Mutex
	deliveries []*ccbill.Delivery
	rejections []*webhook.Rejection
	failEvent  error // returned by OnEvent while set
	failReject error
	panicEvent bool
}

func (rec *recorder) onEvent(_ context.Context, d *ccbill.Delivery) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.panicEvent {
		panic("the application's bug")
	}
	if rec.failEvent != nil {
		return rec.failEvent
	}
	copied := *d
	copied.Body = bytes.Clone(d.Body)
	rec.deliveries = append(rec.deliveries, &copied)
	return nil
}

func (rec *recorder) onReject(_ context.Context, r *webhook.Rejection) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.failReject != nil {
		return rec.failReject
	}
	copied := *r
	copied.Body = bytes.Clone(r.Body)
	rec.rejections = append(rec.rejections, &copied)
	return nil
}

func sampleOf(t testing.TB, et ccbill.EventType, version int, format webhook.WireFormat) []byte {
	t.Helper()
	e, err := ccbill.Sample(et, version)
	if err != nil {
		t.Fatal(err)
	}
	if format == webhook.Form {
		return e.AppendForm(nil)
	}
	return e.AppendJSON(nil)
}

// delivery is one request to the test server.
type delivery struct {
	method  string
	query   string
	headers map[string]string
	body    []byte
}

func (d delivery) send(t *testing.T, url string) (int, string) {
	t.Helper()
	method := d.method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequest(method, url+"/webhooks?"+d.query, bytes.NewReader(d.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range d.headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	if method != http.MethodPost && resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("405 without Allow: POST")
	}
	return resp.StatusCode, string(text)
}

const saleQuery = "clientAccnum=900100&clientSubacc=0000&eventType=NewSaleSuccess&eventGroupType=Subscription"

func TestHandlerStatuses(t *testing.T) {
	saleJSON := sampleOf(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	saleForm := sampleOf(t, ccbill.NewSaleSuccess, 6, webhook.Form)
	jsonType := map[string]string{"Content-Type": "application/json"}
	formType := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	invalid := bytes.Replace(saleJSON, []byte(`"clientSubacc":"0000"`), []byte(`"clientSubacc":"00000"`), 1)
	if bytes.Equal(invalid, saleJSON) {
		t.Fatal("the sample has no clientSubacc 0000 to break")
	}
	ccbillAddr := "64.38.212.7"
	tests := []struct {
		name string
		// config changes the handler's configuration from: loopback allowed, the account
		// 900100/0000, an OnReject.
		config func(*ccbill.HandlerConfig)
		app    *recorder
		d      delivery
		status int
		// delivered: OnEvent got it; rejected: OnReject got it with this reason.
		delivered bool
		rejected  webhook.RejectReason
		version   int
		format    webhook.WireFormat
		invalid   bool
	}{
		{name: "JSON", d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "form", d: delivery{query: saleQuery, headers: formType, body: saleForm}, status: 200, delivered: true, version: 6, format: webhook.Form},
		{name: "charset parameter", d: delivery{query: saleQuery, headers: map[string]string{"Content-Type": "application/json; charset=UTF-8"}, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "no Content-Type, JSON sniffed", d: delivery{query: saleQuery, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "form labelled JSON", d: delivery{query: saleQuery, headers: jsonType, body: saleForm}, status: 200, delivered: true, version: 6, format: webhook.Form},
		{name: "JSON labelled text/plain; charset=latin1", d: delivery{query: saleQuery, headers: map[string]string{"Content-Type": "text/plain; charset=ISO-8859-1"}, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "configured version", config: func(c *ccbill.HandlerConfig) { c.Versions = map[ccbill.EventType]int{ccbill.NewSaleSuccess: 3} },
			d: delivery{query: saleQuery, headers: formType, body: sampleOf(t, ccbill.NewSaleSuccess, 3, webhook.Form)}, status: 200, delivered: true, version: 3, format: webhook.Form},
		{name: "invalid event is handed over with its problems", d: delivery{query: saleQuery, headers: jsonType, body: invalid}, status: 200, delivered: true, version: 6, format: webhook.JSON, invalid: true},
		{name: "strict reports an unknown member", config: func(c *ccbill.HandlerConfig) { c.Strict = true },
			d: delivery{query: saleQuery, headers: formType, body: append(bytes.Clone(saleForm), "&scaResponseStatus=Y"...)}, status: 200, delivered: true, version: 6, format: webhook.Form, invalid: true},

		{name: "wrong method", d: delivery{method: http.MethodGet, query: saleQuery}, status: 405},
		{name: "PUT", d: delivery{method: http.MethodPut, query: saleQuery, body: saleJSON}, status: 405},
		{name: "sender outside the ranges", config: func(c *ccbill.HandlerConfig) { c.SourceRanges = nil },
			d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 403},
		{name: "spoofed X-Forwarded-For from an untrusted peer", config: func(c *ccbill.HandlerConfig) { c.SourceRanges = nil },
			d: delivery{query: saleQuery, headers: map[string]string{"X-Forwarded-For": ccbillAddr, "Forwarded": "for=" + ccbillAddr}, body: saleJSON}, status: 403},
		{name: "trusted proxy chain", config: func(c *ccbill.HandlerConfig) {
			c.SourceRanges = nil
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8")}
		}, d: delivery{query: saleQuery, headers: map[string]string{"X-Forwarded-For": "198.51.100.4, " + ccbillAddr + ", 10.1.2.3"}, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "trusted proxy, client prepends a CCBill address", config: func(c *ccbill.HandlerConfig) {
			c.SourceRanges = nil
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		}, d: delivery{query: saleQuery, headers: map[string]string{"X-Forwarded-For": ccbillAddr + ", 198.51.100.4"}, body: saleJSON}, status: 403},
		{name: "trusted proxy, Forwarded configured", config: func(c *ccbill.HandlerConfig) {
			c.SourceRanges = nil
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
			c.ForwardedHeader = "Forwarded"
		}, d: delivery{query: saleQuery, headers: map[string]string{"Forwarded": `for="` + ccbillAddr + `:4711";proto=https`, "X-Forwarded-For": "198.51.100.4"}, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "trusted proxy, Forwarded not configured", config: func(c *ccbill.HandlerConfig) {
			c.SourceRanges = nil
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		}, d: delivery{query: saleQuery, headers: map[string]string{"Forwarded": "for=" + ccbillAddr}, body: saleJSON}, status: 403},
		{name: "trusted proxy, unreadable address", config: func(c *ccbill.HandlerConfig) {
			c.SourceRanges = nil
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		}, d: delivery{query: saleQuery, headers: map[string]string{"X-Forwarded-For": ccbillAddr + ", unknown"}, body: saleJSON}, status: 403},
		{name: "body over the limit", config: func(c *ccbill.HandlerConfig) { c.MaxBodyBytes = 512 },
			d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 413},
		{name: "body over the default limit", d: delivery{query: saleQuery, headers: formType, body: append(bytes.Clone(saleForm), "&X-note="+strings.Repeat("a", webhook.DefaultMaxBodyBytes)...)}, status: 413},

		{name: "missing eventType", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: "clientAccnum=900100&clientSubacc=0000", headers: jsonType, body: saleJSON}, status: 400},
		{name: "missing eventType, recorded", d: delivery{query: "eventType=", headers: jsonType, body: saleJSON}, status: 200, rejected: webhook.RejectNoEventType},
		{name: "eventType twice", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: saleQuery + "&eventType=Refund", headers: jsonType, body: saleJSON}, status: 400},
		{name: "bad percent-encoding in the query", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: "eventType=New%zzSale", headers: jsonType, body: saleJSON}, status: 400},
		{name: "unknown event type", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: "eventType=NoSuchEvent&clientAccnum=900100&clientSubacc=0000", headers: jsonType, body: saleJSON}, status: 422},
		{name: "unknown event type, recorded", d: delivery{query: "eventType=NoSuchEvent&clientAccnum=900100&clientSubacc=0000", headers: jsonType, body: saleJSON}, status: 200, rejected: webhook.RejectUnknownEvent},
		{name: "unknown event type, OnReject fails", app: &recorder{failReject: errors.New("disk full")},
			d: delivery{query: "eventType=NoSuchEvent", headers: jsonType, body: saleJSON}, status: 500},
		{name: "undecodable body", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: saleQuery, headers: jsonType, body: []byte(`{"clientAccnum":"900100",`)}, status: 400},
		{name: "undecodable body, recorded", d: delivery{query: saleQuery, headers: jsonType, body: []byte(`{"subscriptionId":{"nested":1}}`)}, status: 200, rejected: webhook.RejectUndecodable},
		{name: "JSON for a form-only version", config: func(c *ccbill.HandlerConfig) { c.Versions = map[ccbill.EventType]int{ccbill.NewSaleSuccess: 3} },
			d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 200, rejected: webhook.RejectUndecodable},
		{name: "another account in the query", config: func(c *ccbill.HandlerConfig) { c.OnReject = nil },
			d: delivery{query: strings.Replace(saleQuery, "900100", "900101", 1), headers: jsonType, body: saleJSON}, status: 403},
		{name: "another subaccount in the body", d: delivery{query: saleQuery, headers: jsonType, body: bytes.Replace(saleJSON, []byte(`"clientSubacc":"0000"`), []byte(`"clientSubacc":"0001"`), 1)}, status: 200, rejected: webhook.RejectAccount},
		{name: "subaccount without zero fill", d: delivery{query: strings.Replace(saleQuery, "clientSubacc=0000", "clientSubacc=0", 1), headers: jsonType, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},
		{name: "no account configured", config: func(c *ccbill.HandlerConfig) { c.ClientAccnum, c.ClientSubacc = "", "" },
			d: delivery{query: strings.Replace(saleQuery, "900100", "900101", 1), headers: jsonType, body: saleJSON}, status: 200, delivered: true, version: 6, format: webhook.JSON},

		{name: "another account, recorded but refused", app: &recorder{failReject: fmt.Errorf("kept for the vendor: %w", webhook.ErrRefuse)},
			d: delivery{query: strings.Replace(saleQuery, "900100", "900101", 1), headers: jsonType, body: saleJSON}, status: 403},
		{name: "callback says duplicate", app: &recorder{failEvent: fmt.Errorf("stored before: %w", webhook.ErrDuplicate)},
			d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 200},
		{name: "callback error", app: &recorder{failEvent: errors.New("database down")}, d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 500},
		{name: "callback panic", app: &recorder{panicEvent: true}, d: delivery{query: saleQuery, headers: jsonType, body: saleJSON}, status: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := tt.app
			if app == nil {
				app = &recorder{}
			}
			cfg := ccbill.HandlerConfig{
				OnEvent:      app.onEvent,
				ClientAccnum: "900100",
				ClientSubacc: "0000",
				Options: webhook.Options{
					OnReject:     app.onReject,
					SourceRanges: append(ccbill.SourceRanges(), loopback...),
					Logger:       slog.New(slog.DiscardHandler),
				},
			}
			if tt.config != nil {
				tt.config(&cfg)
			}
			h, err := ccbill.NewHandler(cfg)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			status, text := tt.d.send(t, srv.URL)
			if status != tt.status {
				t.Fatalf("status %d (%q), want %d", status, text, tt.status)
			}
			key := webhook.NewDeliveryKey(eventTypeOf(tt.d.query), tt.d.body)
			if status == 200 && !strings.Contains(text, key.String()) {
				t.Errorf("200 answer %q does not carry the delivery key %s", text, key)
			}
			switch {
			case tt.delivered:
				if len(app.deliveries) != 1 || len(app.rejections) != 0 {
					t.Fatalf("%d deliveries, %d rejections; want the delivery", len(app.deliveries), len(app.rejections))
				}
				d := app.deliveries[0]
				if d.Key != key || d.Version != tt.version || d.Event.Version() != tt.version || d.Format != tt.format ||
					d.EventType != "NewSaleSuccess" || d.EventGroup != "Subscription" || !bytes.Equal(d.Body, tt.d.body) {
					t.Errorf("delivery %+v", d)
				}
				if acc := d.Accounts(); len(acc) != 2 || acc[0].Name != "clientAccnum" || acc[1].Name != "clientSubacc" || acc[0].Value == "" {
					t.Errorf("accounts %+v", acc)
				}
				if (d.Validation != nil) != tt.invalid {
					t.Errorf("validation %v, want invalid=%v", d.Validation, tt.invalid)
				}
			case tt.rejected != "":
				if len(app.rejections) != 1 || len(app.deliveries) != 0 {
					t.Fatalf("%d deliveries, %d rejections; want a rejection", len(app.deliveries), len(app.rejections))
				}
				r := app.rejections[0]
				if r.Reason != tt.rejected || r.Key != key || !bytes.Equal(r.Body, tt.d.body) || r.Err == nil {
					t.Errorf("rejection %+v, want reason %s", r, tt.rejected)
				}
			default:
				if len(app.deliveries)+len(app.rejections) != 0 {
					t.Errorf("%d deliveries, %d rejections; want neither", len(app.deliveries), len(app.rejections))
				}
			}
		})
	}
}

func eventTypeOf(query string) string {
	for _, p := range strings.Split(query, "&") {
		if v, ok := strings.CutPrefix(p, "eventType="); ok {
			return v
		}
	}
	return ""
}

// A failing callback gets a 500, so CCBill sends the post again; the redelivery has the same
// key and is taken once the callback succeeds.
func TestHandlerRedelivery(t *testing.T) {
	app := &recorder{failEvent: errors.New("database down")}
	h, err := ccbill.NewHandler(ccbill.HandlerConfig{
		OnEvent: app.onEvent,
		Options: webhook.Options{SourceRanges: loopback, Logger: slog.New(slog.DiscardHandler)},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	d := delivery{query: saleQuery, headers: map[string]string{"Content-Type": "application/json"}, body: sampleOf(t, ccbill.NewSaleSuccess, 6, webhook.JSON)}
	for attempt := 1; attempt <= 3; attempt++ {
		if status, _ := d.send(t, srv.URL); status != http.StatusInternalServerError {
			t.Fatalf("attempt %d: status %d, want 500 while the callback fails", attempt, status)
		}
	}
	app.mu.Lock()
	app.failEvent = nil
	app.mu.Unlock()
	if status, text := d.send(t, srv.URL); status != http.StatusOK {
		t.Fatalf("redelivery: status %d (%s), want 200", status, text)
	}
	if len(app.deliveries) != 1 || app.deliveries[0].Key != webhook.NewDeliveryKey("NewSaleSuccess", d.body) {
		t.Fatalf("deliveries %+v", app.deliveries)
	}
	if _, ok := app.deliveries[0].Event.(*ccbill.NewSaleSuccessV6); !ok {
		t.Errorf("event is %T, want *ccbill.NewSaleSuccessV6", app.deliveries[0].Event)
	}
}

// No log record, at any level and on any path, carries the consumer's password.
func TestHandlerLogsNoSecrets(t *testing.T) {
	sale, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		t.Fatal(err)
	}
	password := string(sale.(*ccbill.NewSaleSuccessV6).Password)
	if password == "" {
		t.Fatal("the sample has no password")
	}
	body := sale.AppendJSON(nil)
	var logs bytes.Buffer
	for _, failing := range []bool{false, true} {
		for _, newHandler := range []func(io.Writer, *slog.HandlerOptions) slog.Handler{
			func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(w, o) },
			func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(w, o) },
		} {
			app := &recorder{}
			if failing {
				app.failEvent, app.failReject = errors.New("down"), errors.New("down")
			}
			h, err := ccbill.NewHandler(ccbill.HandlerConfig{
				OnEvent: app.onEvent,
				Options: webhook.Options{
					OnReject:     app.onReject,
					SourceRanges: loopback,
					Logger:       slog.New(newHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			for _, d := range []delivery{
				{query: saleQuery, body: body},                                       // delivered (or callback error)
				{query: "eventType=Nope", body: body},                                // unknown event
				{query: saleQuery, body: append(bytes.Clone(body[:len(body)-1]), 0)}, // undecodable
				{query: strings.Replace(saleQuery, "900100", "1", 1), body: body},    // no account configured: delivered
			} {
				d.send(t, srv.URL)
			}
			srv.Close()
		}
	}
	if logs.Len() == 0 {
		t.Fatal("nothing was logged")
	}
	if strings.Contains(logs.String(), password) {
		t.Errorf("the password %q is in the log:\n%s", password, logs.String())
	}
	for _, want := range []string{"webhook delivered", "webhook rejected", "webhook callback failed", "[redacted]"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q", want)
		}
	}
}

func TestNewHandlerConfigErrors(t *testing.T) {
	ok := func(context.Context, *ccbill.Delivery) error { return nil }
	tests := []struct {
		name string
		cfg  ccbill.HandlerConfig
		want string
	}{
		{"no callback", ccbill.HandlerConfig{}, "no event callback"},
		{"unknown version", ccbill.HandlerConfig{OnEvent: ok, Versions: map[ccbill.EventType]int{ccbill.Refund: 9}}, "HandlerConfig.Versions"},
		{"unknown event", ccbill.HandlerConfig{OnEvent: ok, Versions: map[ccbill.EventType]int{"Refnud": 1}}, "Refnud"},
		{"negative limit", ccbill.HandlerConfig{OnEvent: ok, Options: webhook.Options{MaxBodyBytes: -1}}, "MaxBodyBytes"},
		{"no ranges", ccbill.HandlerConfig{OnEvent: ok, Options: webhook.Options{SourceRanges: []netip.Prefix{}}}, "no source ranges"},
		{"forwarded header", ccbill.HandlerConfig{OnEvent: ok, Options: webhook.Options{ForwardedHeader: "X-Real-IP"}}, "ForwardedHeader"},
		{"invalid prefix", ccbill.HandlerConfig{OnEvent: ok, Options: webhook.Options{TrustedProxies: []netip.Prefix{{}}}}, "TrustedProxies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ccbill.NewHandler(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewHandler = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// A password sent in a version that does not define it is kept in Extra, and still never
// printed: not by LogValue, not in a strict validation problem.
func TestSecretInExtraRedacted(t *testing.T) {
	const password = "s3cr3t-in-the-wrong-place"
	var e ccbill.CancellationV1
	if err := e.UnmarshalForm([]byte("clientAccnum=900100&clientSubacc=0000&password=" + password)); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Extra.Get("password"); got != password {
		t.Fatalf("the password was not kept in Extra: %+v", e.Extra)
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "event", &e)
	err := e.ValidateStrict()
	var invalid *webhook.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("ValidateStrict = %v, want the unknown member reported", err)
	}
	for _, out := range []string{logs.String(), err.Error(), fmt.Sprintf("%+v", invalid.Problems)} {
		if strings.Contains(out, password) {
			t.Errorf("the password leaks: %s", out)
		}
	}
	if !strings.Contains(logs.String(), `"password":"[redacted]"`) {
		t.Errorf("the log does not show the member as redacted: %s", logs.String())
	}
}
