package sqlstore

import (
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The tests here need no database; the ones that run the statements on SQLite and PostgreSQL
// are in the dbtest module (./dbtest), which may import drivers.

var updateSchemaFiles = flag.Bool("update-schema", false, "rewrite schema/*.sql from Schema")

// TestSchemaFiles keeps the shipped .sql files equal to what Schema returns for the default
// names, so that a migration tool applying them creates what the store expects.
func TestSchemaFiles(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		stmts, err := Schema(d, Tables{})
		if err != nil {
			t.Fatal(err)
		}
		want := schemaFileHeader(d) + strings.Join(stmts, ";\n\n") + ";\n"
		path := filepath.Join("schema", string(d)+".sql")
		if *updateSchemaFiles {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./webhook/sqlstore -run TestSchemaFiles -update-schema writes it)", err)
		}
		if string(got) != want {
			t.Errorf("%s is stale: go test ./webhook/sqlstore -run TestSchemaFiles -update-schema\n--- got\n%s\n--- want\n%s", path, got, want)
		}
	}
}

func schemaFileHeader(d Dialect) string {
	return "-- The tables of github.com/hookspec/hookspec/webhook/sqlstore for " + string(d) + ", with the\n" +
		"-- default names; written by `go test ./webhook/sqlstore -run TestSchemaFiles -update-schema`\n" +
		"-- from sqlstore.Schema, which takes other names. Every statement is idempotent.\n\n"
}

func TestSchemaDialects(t *testing.T) {
	tests := []struct {
		dialect  Dialect
		want     []string
		wantNone []string
	}{
		{SQLite, []string{"recorded_at   TEXT NOT NULL", "body          BLOB NOT NULL", "version       INTEGER NOT NULL"}, []string{"TIMESTAMPTZ", "BYTEA", "BIGINT"}},
		{PostgreSQL, []string{"recorded_at   TIMESTAMPTZ NOT NULL", "body          BYTEA NOT NULL", "version       BIGINT NOT NULL"}, []string{"BLOB", " TEXT NOT NULL, -- when"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.dialect), func(t *testing.T) {
			stmts, err := Schema(tt.dialect, Tables{DeliveryKeys: "keys_a", Rejections: "dead_letters", ResourceVersions: "order"})
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(stmts, "\n")
			for _, w := range append(tt.want, `CREATE TABLE IF NOT EXISTS "keys_a"`, `CREATE INDEX IF NOT EXISTS "keys_a_recorded_at" ON "keys_a"`,
				`CREATE TABLE IF NOT EXISTS "dead_letters"`, `CREATE TABLE IF NOT EXISTS "order"`) {
				if !strings.Contains(all, w) {
					t.Errorf("schema lacks %q:\n%s", w, all)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(all, w) {
					t.Errorf("schema has %q, which is not %s's:\n%s", w, tt.dialect, all)
				}
			}
			if strings.Contains(all, "webhook_") {
				t.Errorf("a default name is left although every table is named:\n%s", all)
			}
		})
	}
}

func TestCheckTableName(t *testing.T) {
	tests := []struct {
		name    string
		wantErr string // "" when accepted
	}{
		{"webhook_delivery_keys", ""},
		{"_private", ""},
		{"t2", ""},
		{"order", ""}, // a keyword is fine: names are always quoted
		{strings.Repeat("a", MaxTableName), ""},
		{"", "empty table name"},
		{strings.Repeat("a", MaxTableName+1), "49 bytes long, at most 48"},
		{"2fast", "starts with a digit"},
		{"Keys", `byte 0 (0x4b) is not a lower-case ASCII letter`},
		{"public.keys", `byte 6 (0x2e)`},
		{`keys"; DROP TABLE users; --`, `byte 4 (0x22)`},
		{"keys;", `byte 4 (0x3b)`},
		{"ke ys", `byte 2 (0x20)`},
		{"clé", `byte 2 (0xc3)`},
		{"keys\x00", `byte 4 (0x00)`},
		{"sqlite_master", "reserved by SQLite"},
	}
	for _, tt := range tests {
		err := CheckTableName(tt.name)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("CheckTableName(%q) = %v, want nil", tt.name, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("CheckTableName(%q) = nil, want an error containing %q", tt.name, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("CheckTableName(%q) = %q, want it to contain %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestNewReportsEveryMistake(t *testing.T) {
	db := new(sql.DB) // never used: New does not touch the database
	tests := []struct {
		name string
		db   *sql.DB
		cfg  Config
		want []string // every one must be in the error; none means no error
	}{
		{"valid", db, Config{Dialect: SQLite, Vendor: "ccbill", RetryHorizon: time.Hour}, nil},
		{"valid postgres with names", db, Config{Dialect: PostgreSQL, Vendor: "chargebee", RetryHorizon: 80 * time.Hour,
			Tables: Tables{DeliveryKeys: "k", Rejections: "r", ResourceVersions: "v"}}, nil},
		{"nothing", nil, Config{}, []string{"no *sql.DB", `Dialect: dialect ""`, "Vendor: empty", "RetryHorizon: 0s"}},
		{"unknown dialect", db, Config{Dialect: "mysql", Vendor: "ccbill", RetryHorizon: time.Hour}, []string{`dialect "mysql": want "sqlite" or "postgres"`}},
		{"negative horizon", db, Config{Dialect: SQLite, Vendor: "ccbill", RetryHorizon: -time.Second}, []string{"RetryHorizon: -1s"}},
		{"bad table names", db, Config{Dialect: SQLite, Vendor: "ccbill", RetryHorizon: time.Hour,
			Tables: Tables{DeliveryKeys: "x;y", ResourceVersions: "webhook_rejections"}},
			[]string{`Tables.DeliveryKeys: table name "x;y"`, `Tables.ResourceVersions: "webhook_rejections" is also Tables.Rejections`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.db, tt.cfg)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if s.Tables().DeliveryKeys == "" || s.Tables().Rejections == "" || s.Tables().ResourceVersions == "" {
					t.Errorf("Tables() = %+v: defaults not filled in", s.Tables())
				}
				return
			}
			if err == nil {
				t.Fatalf("New accepted %+v", tt.cfg)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestRebind(t *testing.T) {
	tests := []struct {
		dialect     Dialect
		query, want string
	}{
		{SQLite, "SELECT ? , ?", "SELECT ? , ?"},
		{PostgreSQL, "SELECT ? , ?", "SELECT $1 , $2"},
		{PostgreSQL, "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"},
		{PostgreSQL, "SELECT 1", "SELECT 1"},
	}
	for _, tt := range tests {
		if got := tt.dialect.rebind(tt.query); got != tt.want {
			t.Errorf("%s rebind(%q) = %q, want %q", tt.dialect, tt.query, got, tt.want)
		}
	}
}

// FuzzCheckTableName holds the promise that makes table names safe to splice into statements:
// an accepted name is a plain identifier, and Schema writes it only quoted.
func FuzzCheckTableName(f *testing.F) {
	for _, s := range []string{"webhook_delivery_keys", `a"b`, "a;b", "_", "9", "sqlite_x", "ÿ", strings.Repeat("z", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		err := CheckTableName(name)
		if err != nil {
			if !strings.Contains(err.Error(), "table name") {
				t.Fatalf("CheckTableName(%q) = %q: the error does not say what it checked", name, err)
			}
			if name == "" {
				return // in Tables, empty means the default name
			}
			_, schemaErr := Schema(SQLite, Tables{DeliveryKeys: name})
			if schemaErr == nil {
				t.Fatalf("Schema accepted the name %q that CheckTableName refuses", name)
			}
			return
		}
		if len(name) == 0 || len(name) > MaxTableName {
			t.Fatalf("accepted %q, %d bytes", name, len(name))
		}
		for i := 0; i < len(name); i++ {
			c := name[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				t.Fatalf("accepted %q, with byte %q", name, c)
			}
		}
		if name == DefaultRejectionsTable || name == DefaultResourceVersionsTable {
			return // Schema refuses a name used twice; tested in TestNewReportsEveryMistake
		}
		for _, d := range []Dialect{SQLite, PostgreSQL} {
			stmts, err := Schema(d, Tables{DeliveryKeys: name})
			if err != nil {
				t.Fatalf("Schema(%s) refused %q, which CheckTableName accepts: %v", d, name, err)
			}
			if !strings.Contains(stmts[0], `CREATE TABLE IF NOT EXISTS "`+name+`" (`) {
				t.Fatalf("Schema(%s) does not create %q quoted:\n%s", d, name, stmts[0])
			}
		}
	})
}
