package dbtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/sqlstore"
)

var t0 = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func key(n int) webhook.DeliveryKey {
	return webhook.NewDeliveryKey("Test", []byte(fmt.Sprint(n)))
}

func count(t testing.TB, db *sql.DB, table string, where string, args ...any) int {
	t.Helper()
	var n int
	q := `SELECT count(*) FROM "` + table + `"`
	if where != "" {
		q += " WHERE " + where
	}
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestCreateTablesConcurrently starts several replicas at once on an empty database: each
// creates the tables, none fails (PostgreSQL's CREATE TABLE IF NOT EXISTS alone races), and
// running it again changes nothing.
func TestCreateTablesConcurrently(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		tables := uniqueTables(t)
		s, err := sqlstore.New(db, sqlstore.Config{Dialect: e.dialect, Vendor: "ccbill", RetryHorizon: time.Hour, Tables: tables})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Go(func() { errs[i] = s.CreateTables(context.Background()) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("concurrent CreateTables: %v", err)
		}
		if err := s.CreateTables(context.Background()); err != nil {
			t.Fatalf("CreateTables on existing tables: %v", err)
		}
		for _, table := range []string{tables.DeliveryKeys, tables.Rejections, tables.ResourceVersions} {
			if n := count(t, db, table, ""); n != 0 {
				t.Errorf("%s has %d rows after CreateTables", table, n)
			}
		}
	})
}

// TestRecordInTheApplicationsTransaction: a key recorded in a transaction that rolls back is
// not recorded, so the vendor's redelivery is new again; once committed, it is a duplicate.
func TestRecordInTheApplicationsTransaction(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "ccbill", time.Hour, nil)
		steps := []struct {
			commit    bool
			wantFirst bool
		}{
			{commit: false, wantFirst: true}, // the application failed: rolled back
			{commit: true, wantFirst: true},  // the redelivery is new, and now stored
			{commit: true, wantFirst: false}, // a redelivery of a stored delivery
		}
		for i, step := range steps {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			first, err := s.Record(ctx, tx, key(1))
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			if first != step.wantFirst {
				t.Errorf("step %d: Record = %v, want %v", i, first, step.wantFirst)
			}
			if step.commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db, tables.DeliveryKeys, "delivery_key = $1", key(1).String()); n != 1 {
			t.Errorf("%d rows for the key, want 1", n)
		}
	})
}

// TestOnceAppliesExactlyOnce: an apply that fails stores nothing; the retry applies; a
// redelivery does not apply again.
func TestOnceAppliesExactlyOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "ccbill", time.Hour, nil)
		effects := `"` + tables.DeliveryKeys + `_effects"`
		if _, err := db.Exec(`CREATE TABLE ` + effects + ` (delivery_key TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		failing := errors.New("the application's handling failed")
		apply := func(fail bool) func(context.Context, *sql.Tx) error {
			return func(ctx context.Context, tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO `+effects+` (delivery_key) VALUES ($1)`, key(7).String()); err != nil {
					return err
				}
				if fail {
					return failing
				}
				return nil
			}
		}
		steps := []struct {
			fail      bool
			wantFirst bool
			wantErr   error
		}{
			{fail: true, wantErr: failing},
			{wantFirst: true},
			{wantFirst: false},
			{fail: true, wantFirst: false}, // a redelivery: apply is not called, so cannot fail
		}
		for i, step := range steps {
			first, err := s.Once(ctx, key(7), apply(step.fail))
			if !errors.Is(err, step.wantErr) {
				t.Fatalf("step %d: Once error %v, want %v", i, err, step.wantErr)
			}
			if first != step.wantFirst {
				t.Errorf("step %d: Once = %v, want %v", i, first, step.wantFirst)
			}
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + effects).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("the application's effect is stored %d times, want once", n)
		}
	})
}

// TestConcurrentRedeliveries races many attempts at the same deliveries, as replicas would when
// the vendor redelivers before the first attempt is answered: each key is taken by exactly one
// attempt, even while the winner's transaction is still open when the others arrive.
func TestConcurrentRedeliveries(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "ccbill", time.Hour, nil)
		const keys, attempts = 40, 6
		var taken [keys]atomic.Int32
		var wg sync.WaitGroup
		errs := make(chan error, keys*attempts)
		for k := range keys {
			for range attempts {
				wg.Go(func() {
					first, err := s.Once(ctx, key(k), func(context.Context, *sql.Tx) error {
						time.Sleep(2 * time.Millisecond) // hold the transaction open while others arrive
						return nil
					})
					if err != nil {
						errs <- err
						return
					}
					if first {
						taken[k].Add(1)
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		for k := range keys {
			if n := taken[k].Load(); n != 1 {
				t.Errorf("key %d taken %d times, want once", k, n)
			}
		}
		if n := count(t, db, tables.DeliveryKeys, ""); n != keys {
			t.Errorf("%d keys stored, want %d", n, keys)
		}
	})
}

// TestExpire deletes exactly the keys older than the horizon, of the store's vendor only, in
// batches larger backlogs need.
func TestExpire(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		clk := &clock{now: t0}
		const horizon = 79 * time.Hour
		ccbill := newStore(t, e, db, tables, "ccbill", horizon, clk.Now)
		chargebee := newStore(t, e, db, tables, "chargebee", horizon, clk.Now)
		record := func(s *sqlstore.Store, from, to int) {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for i := from; i < to; i++ {
				if first, err := s.Record(ctx, tx, key(i)); err != nil || !first {
					t.Fatalf("Record %d = %v, %v", i, first, err)
				}
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		record(ccbill, 0, 2500) // more than one batch
		record(chargebee, 0, 10)
		clk.Set(t0.Add(time.Hour))
		record(ccbill, 2500, 2510)

		tests := []struct {
			at          time.Time
			store       *sqlstore.Store
			wantDeleted int64
		}{
			{t0.Add(horizon), ccbill, 0},                  // exactly at the horizon: still kept
			{t0.Add(horizon + time.Minute), ccbill, 2500}, // the first ones are past it
			{t0.Add(horizon + time.Minute), ccbill, 0},    // nothing more
			{t0.Add(horizon + time.Hour + time.Second), ccbill, 10},
			{t0.Add(horizon + time.Hour + time.Second), chargebee, 10},
		}
		for i, tt := range tests {
			clk.Set(tt.at)
			n, err := tt.store.Expire(ctx)
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			if n != tt.wantDeleted {
				t.Errorf("step %d: Expire deleted %d, want %d", i, n, tt.wantDeleted)
			}
		}
		if n := count(t, db, tables.DeliveryKeys, ""); n != 0 {
			t.Errorf("%d keys left", n)
		}
		// An expired key is new again: past the horizon no redelivery can come, so it would be a
		// new delivery with the same body.
		if first, err := ccbill.Once(ctx, key(1), nil); err != nil || !first {
			t.Errorf("Once after expiry = %v, %v; want true", first, err)
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := ccbill.Expire(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("Expire with a cancelled context: %v", err)
		}
	})
}

func TestRejections(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "ccbill", time.Hour, func() time.Time { return t0 })
		body := []byte("subscriptionId=1&password=secret\x00\xff") // bytes kept as sent, not text
		r := &webhook.Rejection{
			Reason: webhook.RejectUnknownEvent, Err: errors.New(`unknown event type "Paused"`),
			Key: webhook.NewDeliveryKey("Paused", body), Vendor: "ccbill", EventType: "Paused",
			ContentType: "application/x-www-form-urlencoded", Format: webhook.Form,
			Source: netip.MustParseAddr("64.38.212.1"), RawQuery: "eventType=Paused", Body: body,
		}
		steps := []struct {
			r         *webhook.Rejection
			wantFirst bool
			wantErr   string
		}{
			{r: r, wantFirst: true},
			{r: r, wantFirst: false},
			{r: &webhook.Rejection{Reason: webhook.RejectNoEventType, Err: errors.New("no eventType"), Key: key(2)}, wantFirst: true}, // no body, no vendor
			{r: &webhook.Rejection{Reason: webhook.RejectQuery, Key: key(3), Vendor: "chargebee"}, wantErr: `vendor "chargebee", but the store is "ccbill"'s`},
			{r: nil, wantErr: "nil *webhook.Rejection"},
		}
		for i, step := range steps {
			first, err := s.RecordRejection(ctx, db, step.r)
			if step.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), step.wantErr) {
					t.Errorf("step %d: error %v, want one containing %q", i, err, step.wantErr)
				}
				continue
			}
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			if first != step.wantFirst {
				t.Errorf("step %d: RecordRejection = %v, want %v", i, first, step.wantFirst)
			}
		}
		var (
			reason, errText, format, source, query string
			gotBody                                []byte
		)
		err := db.QueryRow(`SELECT reason, error, format, source, raw_query, body FROM "`+tables.Rejections+`" WHERE delivery_key = $1`, r.Key.String()).
			Scan(&reason, &errText, &format, &source, &query, &gotBody)
		if err != nil {
			t.Fatal(err)
		}
		if reason != "unknown-event" || errText != `unknown event type "Paused"` || format != "form" || source != "64.38.212.1" ||
			query != "eventType=Paused" || string(gotBody) != string(body) {
			t.Errorf("stored %q %q %q %q %q %q", reason, errText, format, source, query, gotBody)
		}
		for i, want := range []bool{true, false} {
			deleted, err := s.DeleteRejection(ctx, db, r.Key)
			if err != nil || deleted != want {
				t.Errorf("DeleteRejection #%d = %v, %v; want %v", i, deleted, err, want)
			}
		}
		if n := count(t, db, tables.Rejections, ""); n != 1 {
			t.Errorf("%d rejections left, want 1", n)
		}
	})
}

func TestAdvanceVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "chargebee", time.Hour, nil)
		steps := []struct {
			kind, id  string
			version   int64
			wantNewer bool
			wantErr   string
		}{
			{"subscription", "sub_1", 1700000000100, true, ""},  // none stored
			{"subscription", "sub_1", 1700000000100, false, ""}, // equal: a redelivery
			{"subscription", "sub_1", 1700000000050, false, ""}, // older: out of order
			{"subscription", "sub_1", 1700000000200, true, ""},
			{"customer", "sub_1", 5, true, ""},       // another kind, same id
			{"subscription", "sub_2", -3, true, ""},  // any int64
			{"subscription", "sub_2", -4, false, ""}, // older
			{"", "sub_1", 1, false, "empty kind or id"},
			{"subscription", "", 1, false, "empty kind or id"},
		}
		for i, step := range steps {
			newer, err := s.AdvanceVersion(ctx, db, step.kind, step.id, step.version)
			if step.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), step.wantErr) {
					t.Errorf("step %d: error %v, want %q", i, err, step.wantErr)
				}
				continue
			}
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			if newer != step.wantNewer {
				t.Errorf("step %d: AdvanceVersion(%s %s %d) = %v, want %v", i, step.kind, step.id, step.version, newer, step.wantNewer)
			}
		}
		for _, w := range []struct {
			kind, id string
			version  int64
			found    bool
		}{
			{"subscription", "sub_1", 1700000000200, true},
			{"customer", "sub_1", 5, true},
			{"subscription", "sub_2", -3, true},
			{"invoice", "sub_1", 0, false},
		} {
			v, found, err := s.Version(ctx, db, w.kind, w.id)
			if err != nil || v != w.version || found != w.found {
				t.Errorf("Version(%s %s) = %d, %v, %v; want %d, %v", w.kind, w.id, v, found, err, w.version, w.found)
			}
		}
	})
}

// TestAdvanceVersionConcurrently applies shuffled versions of a few resources from many
// goroutines, each in its own transaction: the stored version ends at the maximum, and every
// advance reported newer was newer than everything committed before it.
func TestAdvanceVersionConcurrently(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "chargebee", time.Hour, nil)
		const resources, versions = 4, 60
		type update struct {
			id      string
			version int64
		}
		var updates []update
		for r := range resources {
			for v := range versions {
				updates = append(updates, update{fmt.Sprintf("sub_%d", r), int64(v)})
			}
		}
		rand.Shuffle(len(updates), func(i, j int) { updates[i], updates[j] = updates[j], updates[i] })
		var (
			mu      sync.Mutex
			applied = map[string]int64{} // the state each resource ends in, as the application applies it
			wg      sync.WaitGroup
		)
		work := make(chan update)
		for range 8 {
			wg.Go(func() {
				for u := range work {
					tx, err := db.BeginTx(ctx, nil)
					if err != nil {
						t.Error(err)
						continue
					}
					newer, err := s.AdvanceVersion(ctx, tx, "subscription", u.id, u.version)
					if err != nil {
						t.Error(err)
						tx.Rollback()
						continue
					}
					if newer {
						mu.Lock()
						if last, ok := applied[u.id]; ok && last >= u.version {
							t.Errorf("%s: version %d reported newer after %d was applied", u.id, u.version, last)
						}
						applied[u.id] = u.version
						mu.Unlock()
					}
					if err := tx.Commit(); err != nil {
						t.Error(err)
					}
				}
			})
		}
		for _, u := range updates {
			work <- u
		}
		close(work)
		wg.Wait()
		for r := range resources {
			id := fmt.Sprintf("sub_%d", r)
			v, found, err := s.Version(ctx, db, "subscription", id)
			if err != nil || !found || v != versions-1 {
				t.Errorf("%s ends at version %d (found %v, %v), want %d", id, v, found, err, versions-1)
			}
			if applied[id] != versions-1 {
				t.Errorf("%s: the application applied %d last, want %d", id, applied[id], versions-1)
			}
		}
	})
}

// TestCheckWritable: a writable store passes and leaves no row; a read-only connection, or a
// missing table, fails with the table's name, where a ping would pass.
func TestCheckWritable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		tables := uniqueTables(t)
		s := newStore(t, e, db, tables, "ccbill", time.Hour, nil)
		if err := s.CheckWritable(ctx); err != nil {
			t.Fatalf("CheckWritable on a writable store: %v", err)
		}
		for _, table := range []string{tables.DeliveryKeys, tables.Rejections, tables.ResourceVersions} {
			if n := count(t, db, table, ""); n != 0 {
				t.Errorf("the check left %d rows in %s", n, table)
			}
		}

		ro := e.openReadOnly(t, db)
		if err := ro.PingContext(ctx); err != nil {
			t.Fatalf("the read-only connection does not answer a ping: %v", err)
		}
		roStore, err := sqlstore.New(ro, sqlstore.Config{Dialect: e.dialect, Vendor: "ccbill", RetryHorizon: time.Hour, Tables: tables})
		if err != nil {
			t.Fatal(err)
		}
		err = roStore.CheckWritable(ctx)
		if err == nil || !strings.Contains(err.Error(), tables.DeliveryKeys) {
			t.Errorf("CheckWritable on a read-only database = %v, want an error naming %s", err, tables.DeliveryKeys)
		}

		missing := uniqueTables(t)
		noTables, err := sqlstore.New(db, sqlstore.Config{Dialect: e.dialect, Vendor: "ccbill", RetryHorizon: time.Hour, Tables: missing})
		if err != nil {
			t.Fatal(err)
		}
		if err := noTables.CheckWritable(ctx); err == nil || !strings.Contains(err.Error(), missing.DeliveryKeys) {
			t.Errorf("CheckWritable without tables = %v, want an error naming %s", err, missing.DeliveryKeys)
		}
	})
}

// TestDefaultTableNames runs the shipped schema's names end to end, once per engine (the other
// tests use unique names).
func TestDefaultTableNames(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine, db *sql.DB) {
		ctx := context.Background()
		s := newStore(t, e, db, sqlstore.Tables{}, "default-names-test", time.Hour, nil)
		var b [8]byte
		for i := range b {
			b[i] = byte(rand.Uint32())
		}
		k := webhook.NewDeliveryKey("Test", b[:])
		for i, want := range []bool{true, false} {
			first, err := s.Once(ctx, k, nil)
			if err != nil || first != want {
				t.Errorf("Once #%d = %v, %v; want %v", i, first, err, want)
			}
		}
		if n := count(t, db, sqlstore.DefaultDeliveryKeysTable, "delivery_key = $1", k.String()); n != 1 {
			t.Errorf("%d rows in %s, want 1", n, sqlstore.DefaultDeliveryKeysTable)
		}
		if err := s.CheckWritable(ctx); err != nil {
			t.Error(err)
		}
	})
}
