// Package dbtest runs webhook/sqlstore against real engines: SQLite (modernc.org/sqlite) and
// PostgreSQL (github.com/jackc/pgx/v5/stdlib). It is a module of its own so that the drivers
// stay out of the main module. The PostgreSQL server is the one HOOKSPEC_POSTGRES_URL names;
// `make store-test` starts a throwaway one (./with-postgres) and runs these tests.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hookspec/hookspec/webhook/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// engine is a database to run the store's tests on.
type engine struct {
	dialect sqlstore.Dialect
	// open returns a database of its own for one test (a fresh SQLite file; the shared
	// PostgreSQL server, where the test's tables get unique names).
	open func(t testing.TB) *sql.DB
	// openReadOnly returns a connection to the same database that cannot write.
	openReadOnly func(t testing.TB, db *sql.DB) *sql.DB
}

// engines are SQLite and PostgreSQL. A missing HOOKSPEC_POSTGRES_URL fails the test that asks
// for PostgreSQL: CI and `make store-test` always set it.
func engines() []engine {
	return []engine{
		{dialect: sqlstore.SQLite, open: openSQLite, openReadOnly: openSQLiteReadOnly},
		{dialect: sqlstore.PostgreSQL, open: openPostgres, openReadOnly: openPostgresReadOnly},
	}
}

// sqliteFiles remembers each SQLite database's file, for openSQLiteReadOnly.
var sqliteFiles sync.Map // *sql.DB → string

func sqliteDSN(path, options string) string {
	return "file:" + filepath.ToSlash(path) + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate" + options
}

func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := sql.Open("sqlite", sqliteDSN(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sqliteFiles.Store(db, path)
	return db
}

func openSQLiteReadOnly(t testing.TB, db *sql.DB) *sql.DB {
	t.Helper()
	path, ok := sqliteFiles.Load(db)
	if !ok {
		t.Fatal("not a database of openSQLite")
	}
	ro, err := sql.Open("sqlite", sqliteDSN(path.(string), "&mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}

// postgresURL is the server the tests use; the test fails, with how to get one, without it.
func postgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("HOOKSPEC_POSTGRES_URL")
	if u == "" {
		t.Fatal("HOOKSPEC_POSTGRES_URL is not set: these tests need a PostgreSQL server. " +
			"Run them with `make store-test` from the repository root, which starts a throwaway one, " +
			"or set HOOKSPEC_POSTGRES_URL=postgres://USER@HOST:PORT/DB to a database they may create tables in")
	}
	return u
}

func openPostgres(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", postgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("PostgreSQL at HOOKSPEC_POSTGRES_URL does not answer: %v", err)
	}
	return db
}

// openPostgresReadOnly connects as a session whose transactions are read-only, as on a hot
// standby or after `ALTER DATABASE … SET default_transaction_read_only = on`.
func openPostgresReadOnly(t testing.TB, _ *sql.DB) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", postgresURL(t)+"&options=-c%20default_transaction_read_only%3Don")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// uniqueTables names a test's tables uniquely, so that tests sharing the PostgreSQL server
// (and runs sharing it) never see each other's rows; it also runs every test on names other
// than the defaults.
func uniqueTables(t testing.TB) sqlstore.Tables {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	p := "t" + hex.EncodeToString(b[:])
	return sqlstore.Tables{DeliveryKeys: p + "_keys", Rejections: p + "_dead", ResourceVersions: p + "_versions"}
}

// clock is a settable time source for the store.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// newStore opens a store with its tables created, on its own tables, with the given clock.
func newStore(t testing.TB, e engine, db *sql.DB, tables sqlstore.Tables, vendor string, horizon time.Duration, now func() time.Time) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(db, sqlstore.Config{Dialect: e.dialect, Vendor: vendor, RetryHorizon: horizon, Tables: tables, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateTables(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// forEachEngine runs test as a subtest per engine.
func forEachEngine(t *testing.T, test func(t *testing.T, e engine, db *sql.DB)) {
	for _, e := range engines() {
		t.Run(string(e.dialect), func(t *testing.T) {
			test(t, e, e.open(t))
		})
	}
}
