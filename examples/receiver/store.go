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

	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no cgo
)

// schema creates the tables on first use. Both are keyed on the delivery key, so that a
// redelivery is recognised by the database itself, however many requests race.
const schema = `
CREATE TABLE IF NOT EXISTS deliveries (
	-- webhook.DeliveryKey in hexadecimal: the SHA-256 of the event type and the body. CCBill
	-- sends no delivery id and posts the same body again until it is answered 200, so a
	-- redelivery has the key of the first attempt.
	delivery_key TEXT PRIMARY KEY,
	vendor       TEXT NOT NULL,
	event_type   TEXT NOT NULL,
	event_group  TEXT NOT NULL,
	version      INTEGER NOT NULL, -- the version the body was decoded as (-version, else the latest)
	format       TEXT NOT NULL,    -- json or form
	received_at  TEXT NOT NULL,    -- UTC, 2006-01-02T15:04:05.000000Z
	source       TEXT NOT NULL,    -- the sender's address
	valid        INTEGER NOT NULL, -- 1 when the event validated, 0 when it did not
	problems     TEXT,             -- JSON array of the validation problems; NULL when valid
	payload      TEXT NOT NULL     -- the event as a flat JSON object, secrets "[redacted]"
);

CREATE TABLE IF NOT EXISTS rejections (
	delivery_key TEXT PRIMARY KEY, -- the same key a delivery of this body would have
	vendor       TEXT NOT NULL,
	reason       TEXT NOT NULL,    -- webhook.RejectReason: unknown-event, undecodable, ...
	error        TEXT NOT NULL,    -- what is wrong, naming the parameter, field or rule
	event_type   TEXT NOT NULL,
	event_group  TEXT NOT NULL,
	content_type TEXT NOT NULL,
	format       TEXT NOT NULL,    -- how the body was read: json or form
	source       TEXT NOT NULL,
	raw_query    TEXT NOT NULL,    -- the query string as sent, undecoded
	received_at  TEXT NOT NULL,
	-- The body exactly as received: a dead letter, kept so that the post can be replayed once
	-- the cause is fixed (say, after regenerating the package for a new event type). Unlike
	-- deliveries.payload it is NOT redacted: it may hold the consumer's password and personal
	-- data, so restrict access to this table and delete rows once they are replayed.
	body         BLOB NOT NULL
);
`

// timeLayout writes received_at in UTC with a fixed width, so that the text sorts as the time
// does and SQLite's date functions read it.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Store keeps deliveries and rejections in a SQLite database.
type Store struct {
	db   *sql.DB
	path string
}

// OpenStore opens (creating when missing) the SQLite database at path and its tables.
func OpenStore(ctx context.Context, path string) (*Store, error) {
	dsn, err := sqliteDSN(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// SQLite lets one connection write at a time. With a single connection, concurrent
	// deliveries queue in database/sql's pool, where the wait honours each request's context,
	// instead of spinning in SQLite's busy handler; busy_timeout still covers other processes
	// on the same file (the sqlite3 CLI, a backup).
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("create the tables in %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
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
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database %s: %w", s.path, err)
	}
	return nil
}

// SaveDelivery stores a delivery unless its key is stored already, and reports whether it
// stored it. For a new delivery it calls apply inside the same transaction, so that the
// application's own effects happen exactly when the row is written: if apply or the commit
// fails, nothing is stored, the post is answered 500 and CCBill sends it again.
func (s *Store) SaveDelivery(ctx context.Context, d *ccbill.Delivery, receivedAt time.Time, apply func(context.Context, *sql.Tx) error) (stored bool, err error) {
	key := d.Key.String()
	problems, err := problemsJSON(d.Validation)
	if err != nil {
		return false, fmt.Errorf("delivery %s: %w", key, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store delivery %s: begin: %w", key, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	res, err := tx.ExecContext(ctx, `
		INSERT INTO deliveries (delivery_key, vendor, event_type, event_group, version, format,
			received_at, source, valid, problems, payload)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (delivery_key) DO NOTHING`,
		key, d.Vendor, d.EventType, d.EventGroup, d.Version, d.Format.String(),
		receivedAt.UTC().Format(timeLayout), d.Source.String(), d.Validation == nil, problems,
		string(redactedJSON(d.Event)))
	if err != nil {
		return false, fmt.Errorf("store delivery %s: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store delivery %s: rows affected: %w", key, err)
	}
	if n == 0 {
		return false, nil // a redelivery: the first attempt is stored (and was applied)
	}
	if apply != nil {
		if err := apply(ctx, tx); err != nil {
			return false, fmt.Errorf("apply delivery %s: %w", key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store delivery %s: commit: %w", key, err)
	}
	return true, nil
}

// problem is one validation problem as the problems column keeps it.
type problem struct {
	Field string `json:"field,omitempty"`
	Rule  string `json:"rule,omitempty"`
	Limit string `json:"limit,omitempty"`
	// Value is the offending value; validation never reports a secret's value.
	Value    string `json:"value,omitempty"`
	Redacted bool   `json:"redacted,omitempty"`
	Message  string `json:"message"`
}

// problemsJSON is the problems column: NULL for a valid event, otherwise a JSON array with one
// object per problem (the error as one message when it is not a *webhook.ValidationError).
func problemsJSON(validation error) (any, error) {
	if validation == nil {
		return nil, nil
	}
	var list []problem
	var ve *webhook.ValidationError
	if errors.As(validation, &ve) {
		for _, p := range ve.Problems {
			list = append(list, problem{Field: p.Field, Rule: string(p.Rule), Limit: p.Limit, Value: p.Value, Redacted: p.Redacted, Message: p.String()})
		}
	}
	if len(list) == 0 {
		list = []problem{{Message: validation.Error()}}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("encode validation problems: %w", err)
	}
	return string(b), nil
}

// SaveRejection stores a rejected post unless its key is stored already, and reports whether
// it stored it.
func (s *Store) SaveRejection(ctx context.Context, r *webhook.Rejection, receivedAt time.Time) (stored bool, err error) {
	key := r.Key.String()
	msg := ""
	if r.Err != nil {
		msg = r.Err.Error()
	}
	body := r.Body
	if body == nil {
		body = []byte{} // the column is NOT NULL; an empty post is still a post
	}
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO rejections (delivery_key, vendor, reason, error, event_type, event_group,
			content_type, format, source, raw_query, received_at, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (delivery_key) DO NOTHING`,
		key, r.Vendor, string(r.Reason), msg, r.EventType, r.EventGroup,
		r.ContentType, r.Format.String(), r.Source.String(), r.RawQuery,
		receivedAt.UTC().Format(timeLayout), body)
	if err != nil {
		return false, fmt.Errorf("store rejection %s (%s): %w", key, r.Reason, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store rejection %s: rows affected: %w", key, err)
	}
	return n > 0, nil
}
