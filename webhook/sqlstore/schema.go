package sqlstore

import (
	"errors"
	"fmt"
	"strings"
)

// Dialect is the SQL engine behind the *sql.DB. The store writes the same statements for
// both but for placeholders, column types and the lock that serialises schema creation.
type Dialect string

const (
	// SQLite 3.24 or newer (upserts), e.g. modernc.org/sqlite or mattn/go-sqlite3.
	SQLite Dialect = "sqlite"
	// PostgreSQL 9.5 or newer (ON CONFLICT), e.g. github.com/jackc/pgx/v5/stdlib or lib/pq.
	PostgreSQL Dialect = "postgres"
)

// dialectTypes are the column types that differ between the engines.
type dialectTypes struct {
	// timestamp holds an instant: TIMESTAMPTZ where there is one; in SQLite, TEXT in UTC with
	// a fixed width, so that it sorts and compares as the instant does and date() reads it.
	timestamp string
	bytes     string
	integer   string
}

func (d Dialect) types() (dialectTypes, error) {
	switch d {
	case SQLite:
		return dialectTypes{timestamp: "TEXT", bytes: "BLOB", integer: "INTEGER"}, nil
	case PostgreSQL:
		return dialectTypes{timestamp: "TIMESTAMPTZ", bytes: "BYTEA", integer: "BIGINT"}, nil
	}
	return dialectTypes{}, fmt.Errorf("dialect %q: want %q or %q", string(d), SQLite, PostgreSQL)
}

// rebind turns the store's ? placeholders into the dialect's. The store's statements hold no
// '?' in a literal, so a plain scan is exact.
func (d Dialect) rebind(query string) string {
	if d != PostgreSQL {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Tables names the store's three tables. The application chooses them, say to keep a
// receiver's tables apart from others in a shared database; an empty name takes the default.
// A name is an unqualified SQL identifier: lower-case ASCII letters, digits and underscores,
// starting with a letter or an underscore, at most MaxTableName bytes. Names are checked, and
// always written quoted, so no name can change a statement. To put the tables in another
// PostgreSQL schema, set the connection's search_path.
type Tables struct {
	// DeliveryKeys holds one row per delivery taken: the deduplication ledger.
	DeliveryKeys string
	// Rejections holds the dead letters: posts the handler could not hand to the application.
	Rejections string
	// ResourceVersions holds the newest ordering value seen per resource.
	ResourceVersions string
}

// The default table names.
const (
	DefaultDeliveryKeysTable     = "webhook_delivery_keys"
	DefaultRejectionsTable       = "webhook_rejections"
	DefaultResourceVersionsTable = "webhook_resource_versions"
)

// MaxTableName is the longest table name accepted: PostgreSQL truncates identifiers to 63
// bytes, and the index named after a table adds up to 12.
const MaxTableName = 48

// withDefaults fills in the empty names.
func (t Tables) withDefaults() Tables {
	if t.DeliveryKeys == "" {
		t.DeliveryKeys = DefaultDeliveryKeysTable
	}
	if t.Rejections == "" {
		t.Rejections = DefaultRejectionsTable
	}
	if t.ResourceVersions == "" {
		t.ResourceVersions = DefaultResourceVersionsTable
	}
	return t
}

// check reports every name that is not a plain identifier, and names used twice.
func (t Tables) check() error {
	var errs []error
	names := []struct{ field, name string }{
		{"DeliveryKeys", t.DeliveryKeys},
		{"Rejections", t.Rejections},
		{"ResourceVersions", t.ResourceVersions},
	}
	for i, n := range names {
		if err := CheckTableName(n.name); err != nil {
			errs = append(errs, fmt.Errorf("Tables.%s: %w", n.field, err))
			continue
		}
		for _, earlier := range names[:i] {
			if earlier.name == n.name {
				errs = append(errs, fmt.Errorf("Tables.%s: %q is also Tables.%s; each table needs its own name", n.field, n.name, earlier.field))
			}
		}
	}
	return errors.Join(errs...)
}

// CheckTableName reports whether name is accepted as a table name (see Tables), and if not,
// which rule it breaks. The error quotes the name with %q, so control bytes in it show.
func CheckTableName(name string) error {
	switch {
	case name == "":
		return errors.New("empty table name")
	case len(name) > MaxTableName:
		return fmt.Errorf("table name %q is %d bytes long, at most %d", name, len(name), MaxTableName)
	case strings.HasPrefix(name, "sqlite_"):
		return fmt.Errorf("table name %q: names starting with sqlite_ are reserved by SQLite", name)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c == '_':
		case c >= '0' && c <= '9':
			if i == 0 {
				return fmt.Errorf("table name %q starts with a digit; want a letter or an underscore", name)
			}
		default:
			return fmt.Errorf("table name %q: byte %d (0x%02x) is not a lower-case ASCII letter, digit or underscore", name, i, c)
		}
	}
	return nil
}

// quote writes an identifier quoted. Names are checked before, so there is no quote to double.
func quote(name string) string { return `"` + name + `"` }

// Schema returns the statements that create the store's tables and indexes in the dialect,
// each idempotent (IF NOT EXISTS), in the order they must run. The files in schema/ are the
// same statements for the default names, for migration tools.
func Schema(d Dialect, t Tables) ([]string, error) {
	types, err := d.types()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	t = t.withDefaults()
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	keys, rejections, versions := quote(t.DeliveryKeys), quote(t.Rejections), quote(t.ResourceVersions)
	return []string{
		`-- One row per delivery an application has taken. A redelivery finds its key here and is
-- answered 200 without being applied again; a row is deleted once the vendor's retry horizon
-- has passed (Store.Expire), when no redelivery can come any more.
CREATE TABLE IF NOT EXISTS ` + keys + ` (
` + columns(
			column{"vendor", "TEXT", "the spec's vendor id, e.g. ccbill"},
			column{"delivery_key", "TEXT", "webhook.DeliveryKey, 64 hexadecimal digits"},
			column{"recorded_at", types.timestamp, "when the delivery was first taken"},
		) + `	PRIMARY KEY (vendor, delivery_key)
)`,
		`CREATE INDEX IF NOT EXISTS ` + quote(t.DeliveryKeys+"_recorded_at") + ` ON ` + keys + ` (vendor, recorded_at)`,
		`-- Dead letters: posts from the vendor that could not be handed to the application (an
-- unknown event type, an undecodable body, another account), once each, to be replayed when
-- the cause is fixed. body is the post as received: it may hold secrets and personal data, so
-- restrict access to this table and delete rows once they are replayed.
CREATE TABLE IF NOT EXISTS ` + rejections + ` (
` + columns(
			column{"vendor", "TEXT", ""},
			column{"delivery_key", "TEXT", "the key a delivery of this post would have"},
			column{"reason", "TEXT", "webhook.RejectReason: unknown-event, undecodable, ..."},
			column{"error", "TEXT", "what is wrong, naming the parameter, member or rule"},
			column{"event_type", "TEXT", "the query parameters as sent"},
			column{"event_group", "TEXT", ""},
			column{"content_type", "TEXT", ""},
			column{"format", "TEXT", "how the body was read: json or form"},
			column{"source", "TEXT", "the sender's address"},
			column{"raw_query", "TEXT", "the query string as sent, undecoded"},
			column{"received_at", types.timestamp, ""},
			column{"body", types.bytes, "the post as received, for replay"},
		) + `	PRIMARY KEY (vendor, delivery_key)
)`,
		`-- The newest ordering value seen per resource (Chargebee's resource_version), so that an
-- event older than the state already applied is recognised and not applied over it.
CREATE TABLE IF NOT EXISTS ` + versions + ` (
` + columns(
			column{"vendor", "TEXT", ""},
			column{"resource_kind", "TEXT", "e.g. subscription"},
			column{"resource_id", "TEXT", ""},
			column{"version", types.integer, "the newest ordering value applied"},
			column{"updated_at", types.timestamp, "when it was applied"},
		) + `	PRIMARY KEY (vendor, resource_kind, resource_id)
)`,
	}, nil
}

// column is one NOT NULL column of the schema, with its comment.
type column struct{ name, typ, comment string }

// columns writes column definitions one a line, aligned, each followed by a comma (the primary
// key comes after them).
func columns(cols ...column) string {
	var b strings.Builder
	for _, c := range cols {
		line := fmt.Sprintf("\t%-13s %-21s", c.name, c.typ+" NOT NULL,")
		if c.comment != "" {
			line += " -- " + c.comment
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}
