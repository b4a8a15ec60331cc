// Package sqlstore keeps what a webhook receiver must remember in the application's own SQL
// database, so that every guarantee the handler makes holds across restarts and across
// replicas behind a load balancer:
//
//   - delivery keys, recorded once, inside the transaction that stores the application's own
//     effects, so that "stored" and "acknowledged" cannot diverge (Store.Record, Store.Once),
//     and expired once the vendor's retry horizon has passed (Store.Expire);
//   - rejections (dead letters), recorded once each (Store.RecordRejection);
//   - the newest ordering value per resource, advanced only by a newer one, atomically
//     (Store.AdvanceVersion), for vendors that deliver out of order.
//
// It uses database/sql and imports no driver: the application opens the *sql.DB with the
// driver it already has and names the Dialect, SQLite or PostgreSQL. Every operation is one
// statement whose uniqueness the database enforces (INSERT … ON CONFLICT), so any number of
// receiver processes can share the tables: a redelivery that lands on another replica, or
// races the first attempt, waits for the first attempt's transaction and is then recognised.
//
// The tables are created by Store.CreateTables, or by the application's migrations from
// Schema or the files in schema/.
//
// On PostgreSQL, transactions at the default isolation, READ COMMITTED, wait for each other as
// described; under SERIALIZABLE a racing redelivery may fail with a serialization error instead,
// which answered 500 is retried by the vendor and then found. On SQLite, which has one writer
// at a time, open the database so that transactions take the write lock when they begin and
// wait for it (modernc.org/sqlite: _txlock=immediate and _pragma=busy_timeout(5000)), or a
// concurrent write fails with SQLITE_BUSY rather than waiting; examples/receiver does.
package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/hookspec/hookspec/webhook"
)

// Executor is what the store writes through: a *sql.Tx, to write in the application's own
// transaction, or a *sql.DB or *sql.Conn.
type Executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	_ Executor = (*sql.DB)(nil)
	_ Executor = (*sql.Tx)(nil)
	_ Executor = (*sql.Conn)(nil)
)

// Config configures a Store.
type Config struct {
	// Dialect is the engine behind the *sql.DB: SQLite or PostgreSQL. Required.
	Dialect Dialect
	// Vendor is the spec's vendor id ("ccbill"), which every row carries, so that receivers
	// of several vendors can share the tables, each with its own retry horizon. Required.
	Vendor string
	// RetryHorizon is how long after its first attempt the vendor may still redeliver a post:
	// a delivery key is kept at least that long. Take it from the vendor's documentation and
	// round up generously; a key expired too early lets a late redelivery be applied twice,
	// while one kept too long costs a row. Required.
	RetryHorizon time.Duration
	// Tables names the tables; empty names take the defaults.
	Tables Tables
	// Now is the clock for recorded_at, received_at and expiry; nil means time.Now. Replicas
	// compare each other's times, so keep their clocks synchronised (NTP); the skew that
	// matters is against the retry horizon, days, not milliseconds.
	Now func() time.Time
}

// Store records delivery keys, rejections and resource versions in a database shared by every
// replica of a receiver. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	vendor  string
	horizon time.Duration
	tables  Tables
	now     func() time.Time
	schema  []string

	insertKey       string
	expireKeys      string
	insertRejection string
	deleteRejection string
	advanceVersion  string
	selectVersion   string
	probeVersion    string
}

// expireBatch bounds the rows one DELETE of Expire removes, so that expiring a backlog does
// not hold locks on the ledger, which every delivery writes, for long.
const expireBatch = 1000

// New returns a store over db. It checks the configuration, reporting every mistake at once,
// but does not touch the database: call CreateTables, or create the tables with Schema.
func New(db *sql.DB, cfg Config) (*Store, error) {
	var errs []error
	if db == nil {
		errs = append(errs, errors.New("no *sql.DB"))
	}
	if _, err := cfg.Dialect.types(); err != nil {
		errs = append(errs, fmt.Errorf("Dialect: %w", err))
	}
	if cfg.Vendor == "" {
		errs = append(errs, errors.New("Vendor: empty; want the spec's vendor id, e.g. ccbill"))
	}
	if cfg.RetryHorizon <= 0 {
		errs = append(errs, fmt.Errorf("RetryHorizon: %v; want the vendor's retry horizon, a positive duration", cfg.RetryHorizon))
	}
	tables := cfg.Tables.withDefaults()
	if err := tables.check(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	schema, err := Schema(cfg.Dialect, tables)
	if err != nil {
		return nil, err // the dialect and names are checked above; this cannot fail
	}
	s := &Store{
		db:      db,
		dialect: cfg.Dialect,
		vendor:  cfg.Vendor,
		horizon: cfg.RetryHorizon,
		tables:  tables,
		now:     cfg.Now,
		schema:  schema,
	}
	if s.now == nil {
		s.now = time.Now
	}
	keys, rejections, versions := quote(tables.DeliveryKeys), quote(tables.Rejections), quote(tables.ResourceVersions)
	s.insertKey = s.dialect.rebind(`INSERT INTO ` + keys + ` (vendor, delivery_key, recorded_at) VALUES (?, ?, ?)
		ON CONFLICT (vendor, delivery_key) DO NOTHING`)
	// PostgreSQL's DELETE has no LIMIT; a subquery bounds the batch in both engines.
	s.expireKeys = s.dialect.rebind(`DELETE FROM ` + keys + ` WHERE vendor = ? AND delivery_key IN (
		SELECT delivery_key FROM ` + keys + ` WHERE vendor = ? AND recorded_at < ? LIMIT ` + fmt.Sprint(expireBatch) + `)`)
	s.insertRejection = s.dialect.rebind(`INSERT INTO ` + rejections + ` (vendor, delivery_key, reason, error,
		event_type, event_group, content_type, format, source, raw_query, received_at, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (vendor, delivery_key) DO NOTHING`)
	s.deleteRejection = s.dialect.rebind(`DELETE FROM ` + rejections + ` WHERE vendor = ? AND delivery_key = ?`)
	// The WHERE of DO UPDATE is evaluated on the row as locked by the upsert, so two
	// concurrent advances cannot both win, and an equal or older version changes nothing.
	s.advanceVersion = s.dialect.rebind(`INSERT INTO ` + versions + ` (vendor, resource_kind, resource_id, version, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (vendor, resource_kind, resource_id) DO UPDATE
		SET version = excluded.version, updated_at = excluded.updated_at
		WHERE ` + versions + `.version < excluded.version`)
	s.selectVersion = s.dialect.rebind(`SELECT version FROM ` + versions + ` WHERE vendor = ? AND resource_kind = ? AND resource_id = ?`)
	s.probeVersion = s.dialect.rebind(`INSERT INTO ` + versions + ` (vendor, resource_kind, resource_id, version, updated_at)
		VALUES (?, ?, ?, ?, ?)`)
	return s, nil
}

// Tables returns the table names in use, defaults filled in.
func (s *Store) Tables() Tables { return s.tables }

// Schema returns the statements CreateTables runs (see the package function Schema).
func (s *Store) Schema() []string { return append([]string(nil), s.schema...) }

// schemaLockID is the PostgreSQL advisory lock CreateTables holds: replicas starting together
// would otherwise race in CREATE TABLE IF NOT EXISTS, which PostgreSQL does not make atomic
// (the loser fails on pg_type's unique index).
var schemaLockID = func() int64 {
	h := fnv.New64a()
	h.Write([]byte("github.com/hookspec/hookspec/webhook/sqlstore schema"))
	return int64(h.Sum64())
}()

// CreateTables creates the tables and indexes that do not exist yet, in one transaction. Any
// number of replicas may call it at once.
func (s *Store) CreateTables(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: create tables: begin: %w", err)
	}
	defer tx.Rollback() // after Commit, a no-op
	if s.dialect == PostgreSQL {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, schemaLockID); err != nil {
			return fmt.Errorf("sqlstore: create tables: take the schema lock: %w", err)
		}
	}
	for _, stmt := range s.schema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("sqlstore: create tables: %w\n%s", err, stmt)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: create tables: commit: %w", err)
	}
	return nil
}

// timeArg is an instant as the dialect's timestamp column takes it.
func (s *Store) timeArg(t time.Time) any {
	t = t.UTC()
	if s.dialect == SQLite {
		return t.Format(sqliteTimeLayout)
	}
	return t
}

// sqliteTimeLayout writes instants in UTC with a fixed width, so that SQLite compares them as
// text in the order of time, and its date functions read them.
const sqliteTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Record records a delivery key unless it is recorded already, and reports whether it was new:
// true means this caller is the first to take the delivery and must apply it; false means it
// was taken before (a redelivery) and must not be applied again, and the post can be answered
// as taken (webhook.ErrDuplicate).
//
// Call it with the transaction that writes the application's own effects, and apply them only
// when it returns true: if the transaction then fails or is rolled back, the key goes with it
// and the vendor's redelivery is new again; if it commits, the key and the effects are stored
// together. While the transaction is open, a concurrent Record of the same key (a redelivery
// racing on another replica) waits for it, then sees the key if it committed.
func (s *Store) Record(ctx context.Context, tx Executor, key webhook.DeliveryKey) (first bool, err error) {
	res, err := tx.ExecContext(ctx, s.insertKey, s.vendor, key.String(), s.timeArg(s.now()))
	if err != nil {
		return false, fmt.Errorf("sqlstore: record delivery %s in %s: %w", key, s.tables.DeliveryKeys, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlstore: record delivery %s in %s: rows affected: %w", key, s.tables.DeliveryKeys, err)
	}
	return n == 1, nil
}

// Once records a delivery key and, when it is new, calls apply with the same transaction, then
// commits. It reports whether the delivery was new and applied. When apply or the commit
// fails, nothing is stored and the error is returned (apply's as it is): answer the post with a failure (the
// handler answers 500 for any error from its callback) so that the vendor redelivers it. A
// false result without an error is a redelivery of a delivery already applied: return
// webhook.ErrDuplicate from the handler's callback.
func (s *Store) Once(ctx context.Context, key webhook.DeliveryKey, apply func(context.Context, *sql.Tx) error) (first bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sqlstore: delivery %s: begin: %w", key, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	first, err = s.Record(ctx, tx, key)
	if err != nil || !first {
		return false, err
	}
	if apply != nil {
		if err := apply(ctx, tx); err != nil {
			return false, err // the application's own error, which names what it was doing
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("sqlstore: delivery %s: commit: %w", key, err)
	}
	return true, nil
}

// Expire deletes the store vendor's delivery keys recorded longer ago than the retry horizon,
// and returns how many it deleted. It deletes in batches, each its own statement, so that a
// large backlog does not lock the ledger for long; it stops at the first error or when ctx is
// done, having deleted what it reports. Run it periodically (hourly is plenty) from one replica
// or all: concurrent runs are harmless.
func (s *Store) Expire(ctx context.Context) (deleted int64, err error) {
	cutoff := s.timeArg(s.now().Add(-s.horizon))
	for {
		if err := ctx.Err(); err != nil {
			return deleted, fmt.Errorf("sqlstore: expire delivery keys: %w", err)
		}
		res, err := s.db.ExecContext(ctx, s.expireKeys, s.vendor, s.vendor, cutoff)
		if err != nil {
			return deleted, fmt.Errorf("sqlstore: expire delivery keys in %s: %w", s.tables.DeliveryKeys, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return deleted, fmt.Errorf("sqlstore: expire delivery keys in %s: rows affected: %w", s.tables.DeliveryKeys, err)
		}
		deleted += n
		if n < expireBatch {
			return deleted, nil
		}
	}
}

// RecordRejection records a rejected post as a dead letter unless its key is recorded already,
// and reports whether it was new. Write it through the *sql.DB, or a transaction of the
// application's. The rejection's Vendor must be the store's (or empty).
func (s *Store) RecordRejection(ctx context.Context, q Executor, r *webhook.Rejection) (first bool, err error) {
	if r == nil {
		return false, errors.New("sqlstore: store rejection: nil *webhook.Rejection")
	}
	if r.Vendor != "" && r.Vendor != s.vendor {
		return false, fmt.Errorf("sqlstore: store rejection %s: vendor %q, but the store is %q's", r.Key, r.Vendor, s.vendor)
	}
	msg := ""
	if r.Err != nil {
		msg = r.Err.Error()
	}
	body := r.Body
	if body == nil {
		body = []byte{} // the column is NOT NULL; an empty post is still a post
	}
	res, err := q.ExecContext(ctx, s.insertRejection, s.vendor, r.Key.String(), string(r.Reason), msg,
		r.EventType, r.EventGroup, r.ContentType, r.Format.String(), r.Source.String(), r.RawQuery,
		s.timeArg(s.now()), body)
	if err != nil {
		return false, fmt.Errorf("sqlstore: store rejection %s (%s) in %s: %w", r.Key, r.Reason, s.tables.Rejections, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlstore: store rejection %s in %s: rows affected: %w", r.Key, s.tables.Rejections, err)
	}
	return n == 1, nil
}

// DeleteRejection deletes a dead letter, say once it is replayed, and reports whether there
// was one.
func (s *Store) DeleteRejection(ctx context.Context, q Executor, key webhook.DeliveryKey) (deleted bool, err error) {
	res, err := q.ExecContext(ctx, s.deleteRejection, s.vendor, key.String())
	if err != nil {
		return false, fmt.Errorf("sqlstore: delete rejection %s from %s: %w", key, s.tables.Rejections, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlstore: delete rejection %s from %s: rows affected: %w", key, s.tables.Rejections, err)
	}
	return n == 1, nil
}

// AdvanceVersion stores version as the resource's newest ordering value when it is newer than
// the one stored (or none is), and reports whether it was: apply the event's state of the
// resource only when it returns true. Call it in the transaction that applies the state, so
// that the version and the state commit together; a concurrent advance of the same resource
// waits for that transaction, then compares with what it committed. An equal version is not
// newer: a redelivery of the same state changes nothing.
func (s *Store) AdvanceVersion(ctx context.Context, tx Executor, kind, id string, version int64) (newer bool, err error) {
	if kind == "" || id == "" {
		return false, fmt.Errorf("sqlstore: advance version of resource %q %q: empty kind or id", kind, id)
	}
	res, err := tx.ExecContext(ctx, s.advanceVersion, s.vendor, kind, id, version, s.timeArg(s.now()))
	if err != nil {
		return false, fmt.Errorf("sqlstore: advance %s %s to version %d in %s: %w", kind, id, version, s.tables.ResourceVersions, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlstore: advance %s %s to version %d in %s: rows affected: %w", kind, id, version, s.tables.ResourceVersions, err)
	}
	return n == 1, nil
}

// Version returns a resource's stored ordering value; found is false when none is stored.
func (s *Store) Version(ctx context.Context, q Executor, kind, id string) (version int64, found bool, err error) {
	err = q.QueryRowContext(ctx, s.selectVersion, s.vendor, kind, id).Scan(&version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("sqlstore: version of %s %s in %s: %w", kind, id, s.tables.ResourceVersions, err)
	}
	return version, true, nil
}

// CheckWritable reports whether the store can write, for a health endpoint: it writes a row
// into each table in a transaction and rolls it back. A database that answers but cannot
// store (read-only, a standby, a table missing or not granted, a full disk where the engine
// notices before commit) fails here, where a ping would succeed while every delivery fails.
// The rows' keys are random, so checks never wait on each other or on deliveries.
func (s *Store) CheckWritable(ctx context.Context) error {
	var random [32]byte
	rand.Read(random[:]) // never fails (crypto/rand's documented contract)
	probe := hex.EncodeToString(random[:])
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: writability check: begin: %w", err)
	}
	defer tx.Rollback()
	now := s.timeArg(s.now())
	if _, err := tx.ExecContext(ctx, s.insertKey, s.vendor, probe, now); err != nil {
		return fmt.Errorf("sqlstore: writability check: %s: %w", s.tables.DeliveryKeys, err)
	}
	if _, err := tx.ExecContext(ctx, s.insertRejection, s.vendor, probe, "writability-check", "", "", "", "", "", "", "", now, []byte{}); err != nil {
		return fmt.Errorf("sqlstore: writability check: %s: %w", s.tables.Rejections, err)
	}
	if _, err := tx.ExecContext(ctx, s.probeVersion, s.vendor, "writability-check", probe, 0, now); err != nil {
		return fmt.Errorf("sqlstore: writability check: %s: %w", s.tables.ResourceVersions, err)
	}
	if err := tx.Rollback(); err != nil {
		return fmt.Errorf("sqlstore: writability check: roll back: %w", err)
	}
	return nil
}
