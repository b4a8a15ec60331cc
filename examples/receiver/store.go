package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver, for -db postgres://…
	_ "modernc.org/sqlite"             // registers the "sqlite" driver: pure Go, no cgo
)

// The receiver's tables. deliveries is the application's own: one row per delivery taken, with
// its payload; so is resource_state, the state the example keeps of each Chargebee resource.
// The library's tables (webhook/sqlstore) are delivery_keys, the ledger that decides whether a
// post is new, rejections, the dead letters, and resource_versions, the newest
// resource_version of each Chargebee resource (CCBill's events carry no ordering member). Each
// vendor's rows carry its name, so one set of tables serves both.
var ledgerTables = sqlstore.Tables{
	DeliveryKeys:     "delivery_keys",
	Rejections:       "rejections",
	ResourceVersions: "resource_versions",
}

// deliveriesSchema creates the deliveries table. The ledger, not this table, decides whether a
// delivery is new, so delivery_key is indexed but not unique here: the ledger's keys expire
// after the vendor's retry horizon, while these rows are kept.
func deliveriesSchema(d sqlstore.Dialect) []string {
	timestamp, boolean := "TEXT", "INTEGER" // SQLite: UTC text of a fixed width (timeLayout); 1 or 0
	if d == sqlstore.PostgreSQL {
		timestamp, boolean = "TIMESTAMPTZ", "BOOLEAN"
	}
	return []string{`
CREATE TABLE IF NOT EXISTS deliveries (
	delivery_key TEXT NOT NULL,    -- webhook.DeliveryKey in hexadecimal: SHA-256 of the event type and the body
	vendor       TEXT NOT NULL,
	event_type   TEXT NOT NULL,
	event_group  TEXT NOT NULL,
	version      INTEGER NOT NULL, -- the version the body was decoded as (-version, else the latest)
	format       TEXT NOT NULL,    -- json or form
	received_at  ` + timestamp + ` NOT NULL,
	source       TEXT NOT NULL,    -- the sender's address
	valid        ` + boolean + ` NOT NULL, -- whether the event validated
	problems     TEXT,             -- JSON array of the validation problems, errors and warnings; NULL when there are none
	payload      TEXT NOT NULL     -- the event as a flat JSON object, secrets "[redacted]"
)`,
		`CREATE INDEX IF NOT EXISTS deliveries_delivery_key ON deliveries (delivery_key)`,
		`CREATE INDEX IF NOT EXISTS deliveries_received_at ON deliveries (received_at)`,
		// What the application knows of each resource: here, which delivery last changed it.
		// A real application keeps its own columns (a subscription's status, its term end).
		`
CREATE TABLE IF NOT EXISTS resource_state (
	vendor           TEXT NOT NULL,
	kind             TEXT NOT NULL,    -- customer, subscription, invoice, ...
	id               TEXT NOT NULL,
	resource_version BIGINT NOT NULL,  -- the version of the state applied
	event_type       TEXT NOT NULL,    -- the event that carried it
	delivery_key     TEXT NOT NULL,
	updated_at       ` + timestamp + ` NOT NULL,
	PRIMARY KEY (vendor, kind, id)
)`,
	}
}

// timeLayout writes received_at in SQLite in UTC with a fixed width, so that the text sorts as
// the time does and SQLite's date functions read it.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// The spec's vendor ids, which the library's rows carry.
const (
	vendor          = "ccbill"
	chargebeeVendor = "chargebee"
)

// defaultRetryHorizon is how long a delivery key is remembered: CCBill redelivers until it is
// answered 200 and its guide states no limit, so the example keeps keys for 30 days (-retry-horizon).
const defaultRetryHorizon = 30 * 24 * time.Hour

// Store keeps deliveries and rejections in SQLite or PostgreSQL.
type Store struct {
	db      *sql.DB
	dialect sqlstore.Dialect
	// ledger is CCBill's and chargebeeLedger Chargebee's, over the same tables: a store is one
	// vendor's, so that two vendors' keys and resources never meet.
	ledger          *sqlstore.Store
	chargebeeLedger *sqlstore.Store
	// name is the database for messages: the SQLite path, or the PostgreSQL URL without its
	// password.
	name           string
	insertDelivery string
	upsertState    string
}

// OpenStore opens the database db names, with the default retry horizon (see openStore).
func OpenStore(ctx context.Context, db string) (*Store, error) {
	return openStore(ctx, db, defaultRetryHorizon)
}

// openStore opens the database db names and creates the tables that are missing: a
// postgres:// or postgresql:// URL is PostgreSQL, shared by any number of replicas; anything
// else is a SQLite file, created when missing, for one process. Delivery keys are remembered
// for horizon.
func openStore(ctx context.Context, db string, horizon time.Duration) (*Store, error) {
	s := &Store{}
	var err error
	if isPostgresURL(db) {
		s.dialect = sqlstore.PostgreSQL
		s.name = redactURL(db)
		s.db, err = openPostgres(db)
	} else {
		s.dialect = sqlstore.SQLite
		s.name = db
		s.db, err = openSQLite(db)
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", s.name, err)
	}
	s.ledger, err = sqlstore.New(s.db, sqlstore.Config{
		Dialect:      s.dialect,
		Vendor:       vendor,
		RetryHorizon: horizon,
		Tables:       ledgerTables,
	})
	if err != nil {
		s.db.Close()
		return nil, err
	}
	s.chargebeeLedger, err = sqlstore.New(s.db, sqlstore.Config{
		Dialect:      s.dialect,
		Vendor:       chargebeeVendor,
		RetryHorizon: horizon,
		Tables:       ledgerTables,
	})
	if err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.createTables(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("create the tables in %s: %w", s.name, err)
	}
	placeholders := "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
	if s.dialect == sqlstore.PostgreSQL {
		placeholders = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11"
	}
	s.insertDelivery = `INSERT INTO deliveries (delivery_key, vendor, event_type, event_group, version, format,
		received_at, source, valid, problems, payload) VALUES (` + placeholders + `)`
	// Called only after AdvanceVersion said the version is newer, in the same transaction, so
	// the state and the version commit together and an older state never overwrites a newer.
	s.upsertState = `INSERT INTO resource_state (vendor, kind, id, resource_version, event_type, delivery_key, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (vendor, kind, id) DO UPDATE SET resource_version = excluded.resource_version,
			event_type = excluded.event_type, delivery_key = excluded.delivery_key, updated_at = excluded.updated_at`
	if s.dialect == sqlstore.PostgreSQL {
		s.upsertState = strings.NewReplacer("(?, ?, ?, ?, ?, ?, ?)", "($1, $2, $3, $4, $5, $6, $7)").Replace(s.upsertState)
	}
	return s, nil
}

// createTables creates the library's tables and then the receiver's own. On PostgreSQL the
// receiver's are created under an advisory lock, since replicas starting together would race
// in CREATE TABLE IF NOT EXISTS, which PostgreSQL does not make atomic.
func (s *Store) createTables(ctx context.Context) error {
	if err := s.ledger.CreateTables(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit, a no-op
	if s.dialect == sqlstore.PostgreSQL {
		const lock = 0x686f6f6b73706563 // "hookspec": any constant the replicas agree on
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lock)); err != nil {
			return fmt.Errorf("take the schema lock: %w", err)
		}
	}
	for _, stmt := range deliveriesSchema(s.dialect) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func isPostgresURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// redactURL is a PostgreSQL URL fit for a log line: its password replaced by xxxxx.
func redactURL(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://(unreadable URL)" // it may hold a password, so it is not quoted
	}
	return u.Redacted()
}

// openPostgres opens a pool to PostgreSQL through pgx. Replicas share the server's connection
// limit (max_connections, 100 by default), so each keeps a pool well below it; a post waits
// for a free connection within its storeTimeout.
func openPostgres(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	// Connections broken while the database was away are replaced rather than kept idle.
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// openSQLite opens the SQLite file at path.
func openSQLite(path string) (*sql.DB, error) {
	dsn, err := sqliteDSN(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// SQLite lets one connection write at a time. With a single connection, concurrent
	// deliveries queue in database/sql's pool, where the wait honours each request's context,
	// instead of spinning in SQLite's busy handler; busy_timeout still covers other processes
	// on the same file (the sqlite3 CLI, a backup).
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// sqliteDSN is the modernc.org/sqlite data source name for a file path. A file: URI, escaped,
// so that a path holding '?' or '#' still names the file; the options apply to every pooled
// connection:
//   - busy_timeout: wait up to 5 s for another connection's lock rather than fail with
//     SQLITE_BUSY (set first, so that switching to WAL waits too);
//   - journal_mode WAL: readers (the sqlite3 CLI, a report) do not block the writer;
//   - synchronous NORMAL: durable across a crash of the process, and in WAL mode consistent
//     across a power loss, which may lose the last commits (and a post not answered 200 is
//     delivered again anyway);
//   - _txlock=immediate: transactions take the write lock when they begin, so the busy
//     timeout applies instead of a transaction failing when it first writes.
func sqliteDSN(path string) (string, error) {
	if path == "" {
		return "", errors.New("no database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("database path %s: %w", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter: file:///C:/...
	}
	u := url.URL{
		Scheme:   "file",
		Path:     p,
		RawQuery: "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate",
	}
	return u.String(), nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.name, err)
	}
	return nil
}

// CheckWritable reports whether the database can store a delivery: a write in each of the
// library's tables, rolled back (see sqlstore.Store.CheckWritable). A read-only or full
// database answers pings but fails here.
func (s *Store) CheckWritable(ctx context.Context) error {
	if err := s.ledger.CheckWritable(ctx); err != nil {
		return fmt.Errorf("database %s: %w", s.name, err)
	}
	return nil
}

// Expire forgets the delivery keys older than the retry horizon, both vendors', and returns how
// many.
func (s *Store) Expire(ctx context.Context) (int64, error) {
	n, err := s.ledger.Expire(ctx)
	if err != nil {
		return n, err
	}
	m, err := s.chargebeeLedger.Expire(ctx)
	return n + m, err
}

// SaveDelivery stores a delivery unless its key is taken already, and reports whether it
// stored it. The key is recorded in the ledger and the row written in one transaction, and for
// a new delivery apply runs in it too, so that the application's own effects happen exactly
// when the delivery is stored: if anything fails, nothing is stored, the post is answered 500
// and CCBill sends it again; a racing redelivery, here or on another replica, waits for this
// transaction and then finds the key.
func (s *Store) SaveDelivery(ctx context.Context, d *ccbill.Delivery, receivedAt time.Time, apply func(context.Context, *sql.Tx) error) (stored bool, err error) {
	row := deliveryRecord{key: d.Key, vendor: d.Vendor, eventType: d.EventType, eventGroup: d.EventGroup, version: d.Version,
		format: d.Format, source: d.Source.String(), validation: d.Validation, warnings: d.Warnings, payload: redactedJSON(d.Event)}
	return s.saveDelivery(ctx, s.ledger, row, receivedAt, apply)
}

// deliveryRecord is what the deliveries table keeps of a delivery, whichever the vendor.
type deliveryRecord struct {
	key                           webhook.DeliveryKey
	vendor, eventType, eventGroup string
	version                       int
	format                        webhook.WireFormat
	source                        string
	validation                    error
	// warnings are the problems the spec's errata lower to warnings (a state longer than the
	// guide's column, a value of an open enum): the delivery is valid, and a receiver that sized
	// its columns or wrote its switches by the documents wants them on record.
	warnings []webhook.Problem
	payload  []byte
}

// saveDelivery is SaveDelivery for any vendor, through that vendor's ledger.
func (s *Store) saveDelivery(ctx context.Context, ledger *sqlstore.Store, row deliveryRecord, receivedAt time.Time, apply func(context.Context, *sql.Tx) error) (stored bool, err error) {
	key := row.key.String()
	problems, err := problemsJSON(row.validation, row.warnings)
	if err != nil {
		return false, fmt.Errorf("delivery %s: %w", key, err)
	}
	return ledger.Once(ctx, row.key, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.insertDelivery, key, row.vendor, row.eventType, row.eventGroup, row.version,
			row.format.String(), s.timeArg(receivedAt), row.source, row.validation == nil, problems,
			string(row.payload)); err != nil {
			return fmt.Errorf("store delivery %s: %w", key, err)
		}
		if apply != nil {
			if err := apply(ctx, tx); err != nil {
				return fmt.Errorf("apply delivery %s: %w", key, err)
			}
		}
		return nil
	})
}

// timeArg is a time as the dialect's timestamp columns take it.
func (s *Store) timeArg(t time.Time) any {
	if s.dialect == sqlstore.SQLite {
		return t.UTC().Format(timeLayout)
	}
	return t.UTC()
}

// problem is one validation problem as the problems column keeps it.
type problem struct {
	Field string `json:"field,omitempty"`
	Rule  string `json:"rule,omitempty"`
	Limit string `json:"limit,omitempty"`
	// Value is the offending value of a field the version defines; validation never reports a
	// secret's value, and the column leaves out those of members the version does not define,
	// which may be a password under a name no rule knows (webhook.Problem.String does too).
	Value    string `json:"value,omitempty"`
	Redacted bool   `json:"redacted,omitempty"`
	// Severity is "error" or "warning"; a warning names the erratum of the spec that lowers the
	// rule, whose evidence says why.
	Severity webhook.Severity `json:"severity"`
	Erratum  string           `json:"erratum,omitempty"`
	Message  string           `json:"message"`
}

// problemsJSON is the problems column: NULL for an event without problems, otherwise a JSON
// array with one object per problem, errors and warnings (the error as one message when it is
// not a *webhook.ValidationError). An invalid event's ValidationError lists its warnings too;
// a valid event's are the delivery's Warnings.
func problemsJSON(validation error, warnings []webhook.Problem) (any, error) {
	all := warnings
	var ve *webhook.ValidationError
	if errors.As(validation, &ve) {
		all = ve.Problems
	}
	var list []problem
	for _, p := range all {
		value := p.Value
		if p.Rule == webhook.RuleUnknown {
			value = ""
		}
		list = append(list, problem{Field: p.Field, Rule: string(p.Rule), Limit: p.Limit, Value: value, Redacted: p.Redacted,
			Severity: p.Severity, Erratum: p.Erratum, Message: p.String()})
	}
	if validation != nil && ve == nil {
		list = append(list, problem{Message: validation.Error()})
	}
	if len(list) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("encode validation problems: %w", err)
	}
	return string(b), nil
}

// SaveRejection stores a rejected post as a dead letter unless its key is stored already, and
// reports whether it stored it.
func (s *Store) SaveRejection(ctx context.Context, r *webhook.Rejection) (stored bool, err error) {
	return s.ledger.RecordRejection(ctx, s.db, r)
}
