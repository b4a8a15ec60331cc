package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// samplePassword is the consumer password in the guide's NewSaleSuccess example.
const samplePassword = "mYPaSSw0rD"

// testServer is the receiver behind httptest, with a second connection to its database, as
// the sqlite3 CLI would have.
type testServer struct {
	url   string
	db    *sql.DB
	store *Store
	rc    *receiver
	logs  *lockedBuffer
}

// lockedBuffer collects the receiver's log lines from concurrent requests.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startTestServer starts the receiver as main wires it, but in-process, accepting posts from
// loopback (httptest's client). apply replaces applyEvent when not nil.
func startTestServer(t testing.TB, configure func(*config), apply func(context.Context, *sql.Tx, *ccbill.Delivery) error) *testServer {
	t.Helper()
	cfg, err := parseFlags([]string{"-allow", "127.0.0.1/32", "-allow", "::1/128"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if configure != nil {
		configure(cfg)
	}
	path := filepath.Join(t.TempDir(), "webhooks.db")
	store, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	if apply == nil {
		apply = applyEvent
	}
	rc := &receiver{store: store, log: logger, apply: apply, now: time.Now}
	h, err := newWebhookHandler(cfg, rc, logger)
	if err != nil {
		t.Fatal(err)
	}
	mux := newMux(h, store, logger)
	if err := mountChargebee(mux, cfg, rc, logger); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close) // runs before store.Close: cleanups run last-in first-out
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &testServer{url: srv.URL, db: db, store: store, rc: rc, logs: logs}
}

// post is one webhook post.
type post struct {
	eventType string
	query     string // extra query parameters; the account of the guide's examples when ""
	format    webhook.WireFormat
	body      []byte
}

func (p post) key() string { return webhook.NewDeliveryKey(p.eventType, p.body).String() }

// send posts p, failing the test when the post cannot be made.
func (p post) send(t testing.TB, client *http.Client, url string) (int, string) {
	t.Helper()
	status, text, err := p.do(client, url)
	if err != nil {
		t.Fatal(err)
	}
	return status, text
}

// do posts p as CCBill would: the event type and the account in the query.
func (p post) do(client *http.Client, url string) (int, string, error) {
	query := p.query
	if query == "" {
		query = "clientAccnum=900100&clientSubacc=0000&eventGroupType=Subscription"
	}
	req, err := http.NewRequest(http.MethodPost, url+"/webhooks?eventType="+p.eventType+"&"+query, bytes.NewReader(p.body))
	if err != nil {
		return 0, "", err
	}
	if p.format == webhook.Form {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	text, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("read the answer: %w", err)
	}
	return resp.StatusCode, string(text), nil
}

// samplePost is the guide's example of an event version, as CCBill would post it.
func samplePost(t testing.TB, et ccbill.EventType, version int, format webhook.WireFormat) post {
	t.Helper()
	e, err := ccbill.Sample(et, version)
	if err != nil {
		t.Fatal(err)
	}
	p := post{eventType: string(et), format: format}
	if format == webhook.Form {
		p.body = e.AppendForm(nil)
	} else {
		p.body = e.AppendJSON(nil)
	}
	return p
}

// deliveryRow is a row of the deliveries table.
type deliveryRow struct {
	key, eventType, eventGroup, format, source, receivedAt, payload string
	version                                                         int
	valid                                                           bool
	problems                                                        sql.NullString
}

func deliveryRows(t testing.TB, db *sql.DB) []deliveryRow {
	t.Helper()
	rows, err := db.Query(`SELECT delivery_key, event_type, event_group, version, format, source, received_at,
		valid, problems, payload FROM deliveries ORDER BY received_at, delivery_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []deliveryRow
	for rows.Next() {
		var r deliveryRow
		if err := rows.Scan(&r.key, &r.eventType, &r.eventGroup, &r.version, &r.format, &r.source, &r.receivedAt,
			&r.valid, &r.problems, &r.payload); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// rejectionRow is a row of the rejections table.
type rejectionRow struct {
	key, reason, errText, eventType, format, rawQuery string
	body                                              []byte
}

func rejectionRows(t testing.TB, db *sql.DB) []rejectionRow {
	t.Helper()
	rows, err := db.Query(`SELECT delivery_key, reason, error, event_type, format, raw_query, body FROM rejections ORDER BY received_at`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rejectionRow
	for rows.Next() {
		var r rejectionRow
		if err := rows.Scan(&r.key, &r.reason, &r.errText, &r.eventType, &r.format, &r.rawQuery, &r.body); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func mustExec(t testing.TB, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// Triggers that make the receiver's inserts fail as a full disk would, and drop again.
const (
	failDeliveries    = `CREATE TRIGGER fail_deliveries BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'disk full (injected by the test)'); END`
	recoverDeliveries = `DROP TRIGGER fail_deliveries`
	failRejections    = `CREATE TRIGGER fail_rejections BEFORE INSERT ON rejections BEGIN SELECT RAISE(ABORT, 'disk full (injected by the test)'); END`
	recoverRejections = `DROP TRIGGER fail_rejections`
)

func TestReceiver(t *testing.T) {
	sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	saleForm := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.Form)
	saleV3 := samplePost(t, ccbill.NewSaleSuccess, 3, webhook.Form)
	cancellation := samplePost(t, ccbill.Cancellation, 1, webhook.Form)
	invalid := sale
	invalid.body = bytes.Replace(sale.body, []byte(`"clientSubacc":"0000"`), []byte(`"clientSubacc":"00000"`), 1)
	if bytes.Equal(invalid.body, sale.body) {
		t.Fatal("the sample has no clientSubacc 0000 to break")
	}
	// A region longer than the guide's varchar(20), as CCBill's own forms send: valid, with the
	// warning of the spec's erratum state-longer-than-documented.
	longState := sale
	longState.body = bytes.Replace(sale.body, []byte(`"state":"AZ"`), []byte(`"state":"Chernihivs'ka Oblast' UA"`), 1)
	if bytes.Equal(longState.body, sale.body) {
		t.Fatal("the sample has no state AZ to lengthen")
	}
	unknown := sale
	unknown.eventType = "SubscriptionPaused"
	undecodable := post{eventType: "NewSaleSuccess", format: webhook.JSON, body: []byte(`{"subscriptionId":{"nested":1}}`)}
	otherAccount := sale
	otherAccount.query = "clientAccnum=900101&clientSubacc=0000"

	// step is one post, after an optional statement on the database.
	type step struct {
		before string
		post   post
		status int
	}
	type wantDelivery struct {
		post     post
		version  int
		valid    bool
		problems []string // fields with a problem
		warnings []string // fields with a warning, each "field/erratum"
	}
	type wantRejection struct {
		post   post
		reason webhook.RejectReason
	}
	tests := []struct {
		name       string
		configure  func(*config)
		failApply  int // how many times applyEvent fails before it succeeds
		steps      []step
		deliveries []wantDelivery
		rejections []wantRejection
		logs       []string // substrings of the log
	}{
		{
			name:       "a delivery is stored",
			steps:      []step{{post: sale, status: 200}},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}},
		},
		{
			name:       "a form delivery is stored",
			steps:      []step{{post: cancellation, status: 200}},
			deliveries: []wantDelivery{{post: cancellation, version: 1, valid: true}},
		},
		{
			name:       "the same delivery twice is one row and two 200s",
			steps:      []step{{post: sale, status: 200}, {post: sale, status: 200}},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}},
			logs:       []string{"webhook redelivery of a delivery already taken"},
		},
		{
			name:       "the same event in JSON and form is two deliveries",
			steps:      []step{{post: sale, status: 200}, {post: saleForm, status: 200}},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}, {post: saleForm, version: 6, valid: true}},
		},
		{
			name:       "the configured version",
			configure:  func(c *config) { c.versions[ccbill.NewSaleSuccess] = 3 },
			steps:      []step{{post: saleV3, status: 200}},
			deliveries: []wantDelivery{{post: saleV3, version: 3, valid: true}},
		},
		{
			name:       "an invalid event is stored with its problems",
			steps:      []step{{post: invalid, status: 200}},
			deliveries: []wantDelivery{{post: invalid, version: 6, problems: []string{"clientSubacc"}}},
		},
		{
			name:       "a valid event's warnings are stored with it",
			steps:      []step{{post: longState, status: 200}},
			deliveries: []wantDelivery{{post: longState, version: 6, valid: true, warnings: []string{"state/state-longer-than-documented"}}},
		},
		{
			name: "a delivery whose store fails is answered 500 and stored on retry",
			steps: []step{
				{before: failDeliveries, post: sale, status: 500},
				{before: recoverDeliveries, post: sale, status: 200},
			},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}},
			logs:       []string{"store delivery " + sale.key(), "disk full (injected by the test)"},
		},
		{
			name:      "a delivery whose processing fails is not stored, and is on retry",
			failApply: 1,
			steps: []step{
				{post: sale, status: 500},
				{post: sale, status: 200},
				{post: sale, status: 200},
			},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}},
			logs:       []string{"apply delivery " + sale.key()},
		},
		{
			name:       "an unknown event type is a rejection answered 200",
			steps:      []step{{post: unknown, status: 200}, {post: unknown, status: 200}},
			rejections: []wantRejection{{post: unknown, reason: webhook.RejectUnknownEvent}},
			logs:       []string{"redelivery of a stored rejection"},
		},
		{
			name:       "an undecodable body is a rejection answered 200",
			steps:      []step{{post: undecodable, status: 200}},
			rejections: []wantRejection{{post: undecodable, reason: webhook.RejectUndecodable}},
		},
		{
			name:       "another account is a rejection answered 200",
			configure:  func(c *config) { c.account, c.subaccount = "900100", "0" },
			steps:      []step{{post: otherAccount, status: 200}, {post: sale, status: 200}},
			deliveries: []wantDelivery{{post: sale, version: 6, valid: true}},
			rejections: []wantRejection{{post: otherAccount, reason: webhook.RejectAccount}},
		},
		{
			name: "a rejection whose store fails is answered 500 and stored on retry",
			steps: []step{
				{before: failRejections, post: unknown, status: 500},
				{before: recoverRejections, post: unknown, status: 200},
			},
			rejections: []wantRejection{{post: unknown, reason: webhook.RejectUnknownEvent}},
			logs:       []string{"store rejection " + unknown.key(), "disk full (injected by the test)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var applyFailures atomic.Int32
			apply := func(ctx context.Context, tx *sql.Tx, d *ccbill.Delivery) error {
				if applyFailures.Add(1) <= int32(tt.failApply) {
					return errors.New("granting access failed (injected by the test)")
				}
				return applyEvent(ctx, tx, d)
			}
			srv := startTestServer(t, tt.configure, apply)
			for i, s := range tt.steps {
				if s.before != "" {
					mustExec(t, srv.db, s.before)
				}
				status, text := s.post.send(t, http.DefaultClient, srv.url)
				if status != s.status {
					t.Fatalf("post %d: status %d (%q), want %d", i+1, status, strings.TrimSpace(text), s.status)
				}
				if status == 200 && !strings.Contains(text, "key="+s.post.key()) {
					t.Errorf("post %d: answer %q does not carry the delivery key", i+1, text)
				}
			}

			rows := deliveryRows(t, srv.db)
			if len(rows) != len(tt.deliveries) {
				t.Fatalf("%d deliveries stored, want %d: %+v", len(rows), len(tt.deliveries), rows)
			}
			for i, want := range tt.deliveries {
				got := rows[i]
				if got.key != want.post.key() || got.eventType != want.post.eventType || got.eventGroup != "Subscription" ||
					got.version != want.version || got.format != want.post.format.String() || got.source != "127.0.0.1" {
					t.Errorf("delivery %d: %+v, want key %s, %s v%d in %s from 127.0.0.1",
						i+1, got, want.post.key(), want.post.eventType, want.version, want.post.format)
				}
				if _, err := time.Parse(timeLayout, got.receivedAt); err != nil {
					t.Errorf("delivery %d: received_at: %v", i+1, err)
				}
				wantColumn := len(want.problems)+len(want.warnings) > 0
				if got.valid != (len(want.problems) == 0) || got.problems.Valid != wantColumn {
					t.Errorf("delivery %d: valid=%v problems=%v, want problems with %v and warnings %v", i+1, got.valid, got.problems, want.problems, want.warnings)
				}
				if got.problems.Valid {
					var problems []problem
					if err := json.Unmarshal([]byte(got.problems.String), &problems); err != nil {
						t.Fatalf("delivery %d: problems: %v", i+1, err)
					}
					var errs, warnings []string
					for _, p := range problems {
						if p.Severity == webhook.SeverityWarning {
							warnings = append(warnings, p.Field+"/"+p.Erratum)
						} else {
							errs = append(errs, p.Field)
						}
					}
					if !slices.Equal(errs, want.problems) || !slices.Equal(warnings, want.warnings) {
						t.Errorf("delivery %d: problems %s, want errors in %v and warnings %v", i+1, got.problems.String, want.problems, want.warnings)
					}
				}
				var payload map[string]string
				if err := json.Unmarshal([]byte(got.payload), &payload); err != nil {
					t.Errorf("delivery %d: payload %s: %v", i+1, got.payload, err)
				}
			}

			rejections := rejectionRows(t, srv.db)
			if len(rejections) != len(tt.rejections) {
				t.Fatalf("%d rejections stored, want %d: %+v", len(rejections), len(tt.rejections), rejections)
			}
			for i, want := range tt.rejections {
				got := rejections[i]
				if got.key != want.post.key() || got.reason != string(want.reason) || got.eventType != want.post.eventType ||
					got.format != want.post.format.String() || !strings.HasPrefix(got.rawQuery, "eventType="+want.post.eventType+"&") ||
					!bytes.Equal(got.body, want.post.body) || got.errText == "" {
					t.Errorf("rejection %d: %+v, want key %s, reason %s and the post as sent", i+1, got, want.post.key(), want.reason)
				}
			}

			logs := srv.logs.String()
			for _, want := range tt.logs {
				if !strings.Contains(logs, want) {
					t.Errorf("the log does not say %q:\n%s", want, logs)
				}
			}
		})
	}
}

// TestSecretsAreNotStored posts events that carry the consumer password, as a defined field and
// as a member the configured version does not define, and looks for it in the stored payloads
// and the log.
func TestSecretsAreNotStored(t *testing.T) {
	sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	if !bytes.Contains(sale.body, []byte(samplePassword)) {
		t.Fatalf("the sample %s has no password %q to redact", sale.body, samplePassword)
	}
	cancellation := samplePost(t, ccbill.Cancellation, 1, webhook.Form)
	cancellation.body = append(cancellation.body, "&password="+samplePassword...)
	tests := []struct {
		name    string
		post    post
		version int // NewSaleSuccess's configured version, when not 0
		strict  bool
	}{
		{name: "JSON", post: sale},
		{name: "form", post: samplePost(t, ccbill.NewSaleSuccess, 6, webhook.Form)},
		{name: "version 1", post: samplePost(t, ccbill.NewSaleSuccess, 1, webhook.Form), version: 1},
		{name: "a password the version does not define", post: cancellation},
		{name: "a password the version does not define, strict", post: cancellation, strict: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startTestServer(t, func(c *config) {
				c.strict = tt.strict
				if tt.version != 0 {
					c.versions[ccbill.NewSaleSuccess] = tt.version
				}
			}, nil)
			if status, text := tt.post.send(t, http.DefaultClient, srv.url); status != 200 {
				t.Fatalf("status %d (%q)", status, text)
			}
			rows := deliveryRows(t, srv.db)
			if len(rows) != 1 {
				t.Fatalf("%d rows, want 1", len(rows))
			}
			row := rows[0]
			if strings.Contains(row.payload, samplePassword) || strings.Contains(row.problems.String, samplePassword) {
				t.Errorf("the password is stored in clear: payload %s, problems %s", row.payload, row.problems.String)
			}
			var payload map[string]string
			if err := json.Unmarshal([]byte(row.payload), &payload); err != nil {
				t.Fatal(err)
			}
			if payload["password"] != webhook.Redacted {
				t.Errorf("password %q, want %q", payload["password"], webhook.Redacted)
			}
			if payload["subscriptionId"] == "" || payload["clientAccnum"] != "900100" {
				t.Errorf("the payload lost its other fields: %s", row.payload)
			}
			if logs := srv.logs.String(); strings.Contains(logs, samplePassword) {
				t.Errorf("the password is in the log:\n%s", logs)
			}
		})
	}
}

// TestConcurrentDeliveries has 32 clients post a few hundred distinct deliveries, each three
// times with the copies next to each other in the queue, so that redeliveries race the first
// attempt; it ends with one row per key and every post answered 200.
func TestConcurrentDeliveries(t *testing.T) {
	const (
		clients  = 32
		distinct = 400
		copies   = 3
	)
	srv := startTestServer(t, nil, nil)
	posts := make([]post, distinct)
	want := make(map[string]bool, distinct)
	for i := range posts {
		e, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
		if err != nil {
			t.Fatal(err)
		}
		sale := e.(*ccbill.NewSaleSuccessV6)
		sale.SubscriptionID = fmt.Sprintf("09130244%011d", i)
		sale.TransactionID = fmt.Sprintf("09121911%011d", i)
		format := webhook.JSON
		body := sale.AppendJSON(nil)
		if i%4 == 0 {
			format, body = webhook.Form, sale.AppendForm(nil)
		}
		posts[i] = post{eventType: string(ccbill.NewSaleSuccess), format: format, body: body}
		want[posts[i].key()] = true
	}
	if len(want) != distinct {
		t.Fatalf("%d distinct keys, want %d", len(want), distinct)
	}
	queue := make(chan post, distinct*copies)
	for _, i := range rand.Perm(distinct) {
		for range copies {
			queue <- posts[i]
		}
	}
	close(queue)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	var failures atomic.Int32
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for p := range queue {
				status, text, err := p.do(client, srv.url)
				if err == nil && status == 200 {
					continue
				}
				if failures.Add(1) <= 5 {
					t.Errorf("status %d (%q), error %v", status, strings.TrimSpace(text), err)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d posts from %d clients in %v", distinct*copies, clients, time.Since(start))
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d posts not answered 200", n)
	}

	rows := deliveryRows(t, srv.db)
	got := make(map[string]int, len(rows))
	for _, r := range rows {
		got[r.key]++
	}
	for key := range want {
		if got[key] != 1 {
			t.Errorf("key %s: %d rows, want 1", key, got[key])
		}
	}
	if len(rows) != distinct {
		t.Errorf("%d rows, want %d", len(rows), distinct)
	}
	if logs := srv.logs.String(); strings.Count(logs, "webhook redelivery of a delivery already taken") != distinct*(copies-1) {
		t.Errorf("%d redeliveries logged, want %d", strings.Count(logs, "webhook redelivery of a delivery already taken"), distinct*(copies-1))
	}
}

func TestDatabaseIsInWALMode(t *testing.T) {
	srv := startTestServer(t, nil, nil)
	var mode string
	if err := srv.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode %q, want wal", mode)
	}
}

func TestHealthz(t *testing.T) {
	srv := startTestServer(t, nil, nil)
	get := func() (int, string) {
		resp, err := http.Get(srv.url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		text, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(text)
	}
	if status, text := get(); status != 200 {
		t.Errorf("status %d (%q), want 200", status, text)
	}
	srv.store.Close()
	if status, text := get(); status != 503 {
		t.Errorf("with the database closed: status %d (%q), want 503", status, text)
	}
}

func TestMethodsOtherThanPOST(t *testing.T) {
	srv := startTestServer(t, nil, nil)
	resp, err := http.Get(srv.url + "/webhooks?eventType=NewSaleSuccess")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET /webhooks: status %d, Allow %q; want 405, POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want func(*config) bool
		err  bool
	}{
		{name: "defaults", args: nil, want: func(c *config) bool {
			return c.addr == "127.0.0.1:8080" && c.dbPath == "webhooks.db" && len(c.allow) == 0 && len(c.versions) == 0 && !c.strict
		}},
		{name: "repeated CIDRs", args: []string{"-allow", "127.0.0.1/32", "-allow", "::1", "-trusted-proxy", "10.0.0.0/8"}, want: func(c *config) bool {
			return slices.Equal(c.allow, []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}) &&
				slices.Equal(c.trustedProxies, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})
		}},
		{name: "versions", args: []string{"-version", "NewSaleSuccess=3", "-version", "Refund=4"}, want: func(c *config) bool {
			return c.versions[ccbill.NewSaleSuccess] == 3 && c.versions[ccbill.Refund] == 4 && c.versions.String() == "NewSaleSuccess=3,Refund=4"
		}},
		{name: "account", args: []string{"-account", "900100", "-subaccount", "0000", "-strict"}, want: func(c *config) bool {
			return c.account == "900100" && c.subaccount == "0000" && c.strict
		}},
		{name: "not a CIDR", args: []string{"-allow", "localhost"}, err: true},
		{name: "unknown event", args: []string{"-version", "NewSale=1"}, err: true},
		{name: "unknown version", args: []string{"-version", "NewSaleSuccess=7"}, err: true},
		{name: "version not a number", args: []string{"-version", "NewSaleSuccess=v6"}, err: true},
		{name: "version without event", args: []string{"-version", "6"}, err: true},
		{name: "version given twice", args: []string{"-version", "Refund=1", "-version", "Refund=2"}, err: true},
		{name: "stray argument", args: []string{"webhooks.db"}, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			cfg, err := parseFlags(tt.args, &out)
			if tt.err {
				if err == nil {
					t.Fatalf("no error, config %+v", cfg)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if !tt.want(cfg) {
				t.Errorf("config %+v", cfg)
			}
		})
	}
}

func TestSqliteDSNEscapesThePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a dir?with#odd%chars")
	path := filepath.Join(dir, "webhooks.db")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	store, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not where it was asked to be: %v", err)
	}
}
