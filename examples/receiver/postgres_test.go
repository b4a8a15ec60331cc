package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// These tests run the receiver on PostgreSQL: the server HOOKSPEC_POSTGRES_URL names, which
// `make example-test` starts (webhook/sqlstore/dbtest/with-postgres). Each test gets a database
// of its own, dropped afterwards.

// postgresURL is the server the tests use; a test fails, saying how to get one, without it.
func postgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("HOOKSPEC_POSTGRES_URL")
	if u == "" {
		t.Fatal("HOOKSPEC_POSTGRES_URL is not set: this test needs a PostgreSQL server. " +
			"Run the tests with `make example-test` from the repository root, which starts a throwaway one, " +
			"or set HOOKSPEC_POSTGRES_URL=postgres://USER@HOST:PORT/DB to a server where the test may create databases")
	}
	return u
}

// newPostgresDatabase creates an empty database for the test and returns its URL; the database
// is dropped when the test ends.
func newPostgresDatabase(t testing.TB) string {
	t.Helper()
	server := postgresURL(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "receiver_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create database %s on HOOKSPEC_POSTGRES_URL: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			t.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("HOOKSPEC_POSTGRES_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// openPostgresDatabase is a second connection to the receiver's database, as psql would be.
func openPostgresDatabase(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// startPostgresTestServer is startTestServer on PostgreSQL: the receiver in-process, posting
// from loopback allowed.
func startPostgresTestServer(t *testing.T, dsn string) *testServer {
	t.Helper()
	cfg, err := parseFlags([]string{"-allow", "127.0.0.1/32", "-db", dsn}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	store, err := OpenStore(context.Background(), cfg.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	rc := &receiver{store: store, log: logger, apply: applyEvent, now: time.Now}
	h, err := newWebhookHandler(cfg, rc, logger)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newMux(h, store, logger))
	t.Cleanup(srv.Close)
	return &testServer{url: srv.URL, db: openPostgresDatabase(t, dsn), store: store, logs: logs}
}

// Statements that make inserts fail on PostgreSQL as a full disk would, and recover.
const (
	pgFailFunction = `CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS
		$$ BEGIN RAISE EXCEPTION 'disk full (injected by the test)'; END $$`
	pgFailDeliveries    = `CREATE TRIGGER fail_deliveries BEFORE INSERT ON deliveries FOR EACH ROW EXECUTE FUNCTION fail_insert()`
	pgRecoverDeliveries = `DROP TRIGGER fail_deliveries ON deliveries`
)

// TestPostgres runs the receiver's essential promises on PostgreSQL: a delivery is stored once,
// a redelivery is answered 200 without a second row, a failed store is 500 and stored on retry,
// a rejection is stored once, and the stored rows read back as they were written.
func TestPostgres(t *testing.T) {
	dsn := newPostgresDatabase(t)
	srv := startPostgresTestServer(t, dsn)
	mustExec(t, srv.db, pgFailFunction)
	sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	cancellation := samplePost(t, ccbill.Cancellation, 1, webhook.Form)
	unknown := sale
	unknown.eventType = "SubscriptionPaused"
	steps := []struct {
		before string
		post   post
		status int
	}{
		{before: pgFailDeliveries, post: sale, status: 500},
		{before: pgRecoverDeliveries, post: sale, status: 200},
		{post: sale, status: 200},
		{post: cancellation, status: 200},
		{post: unknown, status: 200},
		{post: unknown, status: 200},
	}
	for i, s := range steps {
		if s.before != "" {
			mustExec(t, srv.db, s.before)
		}
		status, text := s.post.send(t, http.DefaultClient, srv.url)
		if status != s.status {
			t.Fatalf("post %d: status %d (%q), want %d", i+1, status, strings.TrimSpace(text), s.status)
		}
	}

	type row struct {
		key, eventType, format, source, payload string
		version                                 int
		valid                                   bool
		receivedAt                              time.Time
	}
	rows, err := srv.db.Query(`SELECT delivery_key, event_type, format, source, payload, version, valid, received_at
		FROM deliveries ORDER BY received_at`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.key, &r.eventType, &r.format, &r.source, &r.payload, &r.version, &r.valid, &r.receivedAt); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		post    post
		version int
	}{{sale, 6}, {cancellation, 1}}
	if len(got) != len(want) {
		t.Fatalf("%d deliveries stored, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.key != w.post.key() || g.eventType != w.post.eventType || g.format != w.post.format.String() ||
			g.source != "127.0.0.1" || g.version != w.version || !g.valid || time.Since(g.receivedAt) > time.Minute {
			t.Errorf("delivery %d: %+v, want %s v%d with key %s", i+1, g, w.post.eventType, w.version, w.post.key())
		}
		if strings.Contains(g.payload, samplePassword) {
			t.Errorf("delivery %d: the password is stored in clear", i+1)
		}
	}
	var keys, rejections int
	if err := srv.db.QueryRow(`SELECT (SELECT count(*) FROM delivery_keys), (SELECT count(*) FROM rejections WHERE delivery_key = $1)`,
		unknown.key()).Scan(&keys, &rejections); err != nil {
		t.Fatal(err)
	}
	if keys != 2 || rejections != 1 {
		t.Errorf("%d delivery keys and %d rejections of the unknown event, want 2 and 1", keys, rejections)
	}
	if logs := srv.logs.String(); !strings.Contains(logs, "store delivery "+sale.key()) || !strings.Contains(logs, "disk full (injected by the test)") {
		t.Errorf("the log does not name the failed store:\n%s", logs)
	}
}

// TestHealthzWhenTheStoreCannotWrite makes the database read-only while it still answers pings
// (issue 19: /healthz said ok while every delivery failed): /healthz answers 503 and a delivery
// 500, and both recover with the database.
func TestHealthzWhenTheStoreCannotWrite(t *testing.T) {
	tests := []struct {
		name string
		// start returns the server and the statements that make its database read-only and
		// writable again.
		start func(t *testing.T) (srv *testServer, readOnly, writable func(t *testing.T))
	}{
		{"sqlite", func(t *testing.T) (*testServer, func(*testing.T), func(*testing.T)) {
			srv := startTestServer(t, nil, nil)
			// The store's single connection is the one every request uses; query_only makes it
			// refuse writes as a read-only file would.
			set := func(on bool) func(*testing.T) {
				return func(t *testing.T) {
					if _, err := srv.store.db.Exec(fmt.Sprintf("PRAGMA query_only = %v", on)); err != nil {
						t.Fatal(err)
					}
				}
			}
			return srv, set(true), set(false)
		}},
		{"postgres", func(t *testing.T) (*testServer, func(*testing.T), func(*testing.T)) {
			dsn := newPostgresDatabase(t)
			srv := startPostgresTestServer(t, dsn)
			u, _ := url.Parse(dsn)
			name := strings.TrimPrefix(u.Path, "/")
			admin := openPostgresDatabase(t, postgresURL(t))
			// As on a standby promoted away, or a database set read-only by its operator: new
			// sessions cannot write; the receiver's pooled sessions are ended, as a failover would.
			set := func(on bool) func(*testing.T) {
				return func(t *testing.T) {
					mustExec(t, admin, fmt.Sprintf(`ALTER DATABASE %s SET default_transaction_read_only = %v`, name, on))
					mustExec(t, admin, fmt.Sprintf(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s' AND pid <> pg_backend_pid()`, name))
				}
			}
			return srv, set(true), set(false)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, readOnly, writable := tt.start(t)
			healthz := func() int {
				resp, err := http.Get(srv.url + "/healthz")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			// eventually polls, since a pool may hand out a session ended by the switch once.
			eventually := func(want int) {
				t.Helper()
				deadline := time.Now().Add(10 * time.Second)
				for {
					status := healthz()
					if status == want {
						return
					}
					if time.Now().After(deadline) {
						t.Fatalf("/healthz answers %d, want %d", status, want)
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
			eventually(200)
			readOnly(t)
			eventually(503)
			if err := srv.store.db.PingContext(context.Background()); err != nil {
				t.Fatalf("the read-only database does not answer a ping, so the test shows nothing: %v", err)
			}
			if status, text := sale.send(t, http.DefaultClient, srv.url); status != 500 {
				t.Errorf("a delivery to the read-only database: %d (%q), want 500", status, text)
			}
			writable(t)
			eventually(200)
			if status, text := sale.send(t, http.DefaultClient, srv.url); status != 200 {
				t.Errorf("the delivery again: %d (%q), want 200", status, text)
			}
			if logs := srv.logs.String(); !strings.Contains(logs, "health check failed") {
				t.Errorf("the failed health check is not logged:\n%s", logs)
			}
		})
	}
}

func TestStoreFlag(t *testing.T) {
	tests := []struct {
		db       string
		postgres bool
		name     string
	}{
		{"webhooks.db", false, "webhooks.db"},
		{"/var/lib/receiver/postgres.db", false, "/var/lib/receiver/postgres.db"},
		{"postgres://receiver:s3cret@db:5432/webhooks", true, "postgres://receiver:xxxxx@db:5432/webhooks"},
		{"postgresql://db/webhooks?sslmode=verify-full", true, "postgresql://db/webhooks?sslmode=verify-full"},
	}
	for _, tt := range tests {
		if got := isPostgresURL(tt.db); got != tt.postgres {
			t.Errorf("isPostgresURL(%q) = %v, want %v", tt.db, got, tt.postgres)
		}
		if tt.postgres {
			if got := redactURL(tt.db); got != tt.name {
				t.Errorf("redactURL(%q) = %q, want %q", tt.db, got, tt.name)
			}
		}
	}
	if _, err := openStore(context.Background(), "postgres://u:p@127.0.0.1:1/x?connect_timeout=1", time.Hour); err == nil ||
		strings.Contains(err.Error(), ":p@") || !strings.Contains(err.Error(), "postgres://u:xxxxx@127.0.0.1:1/x") {
		t.Errorf("opening an unreachable PostgreSQL: %v; want an error naming it without its password", err)
	}
}
