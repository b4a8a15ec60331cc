package sqlstore_test

import (
	"context"
	"database/sql"
	"log"
	"time"

	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/sqlstore"
)

// A receiver's callbacks on a shared store: each delivery applied once across every replica,
// each rejection kept once. db is opened with the application's driver, e.g.
// sql.Open("pgx", "postgres://…") after importing github.com/jackc/pgx/v5/stdlib.
func Example() {
	var db *sql.DB // the application's database
	ctx := context.Background()
	store, err := sqlstore.New(db, sqlstore.Config{
		Dialect:      sqlstore.PostgreSQL,
		Vendor:       "ccbill",
		RetryHorizon: 30 * 24 * time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := store.CreateTables(ctx); err != nil {
		log.Fatal(err)
	}

	// The handler's OnEvent (for ccbill.NewHandler, a func(context.Context, *ccbill.Delivery) error):
	onEvent := func(ctx context.Context, key webhook.DeliveryKey) error {
		first, err := store.Once(ctx, key, func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO sales (delivery_key) VALUES ($1)`, key.String())
			return err
		})
		if err == nil && !first {
			return webhook.ErrDuplicate // taken before, here or on another replica
		}
		return err // an error is answered 500: nothing stored, the vendor redelivers
	}
	// webhook.Options.OnReject:
	onReject := func(ctx context.Context, r *webhook.Rejection) error {
		_, err := store.RecordRejection(ctx, db, r)
		return err
	}
	_, _ = onEvent, onReject
}

// Applying a resource's state only when it is newer than the one applied, for vendors that
// deliver out of order (Chargebee's resource_version).
func ExampleStore_AdvanceVersion() {
	var (
		db    *sql.DB
		store *sqlstore.Store
		ctx   = context.Background()
	)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	newer, err := store.AdvanceVersion(ctx, tx, "subscription", "16BjnqRz2nFn1Rn", 1700000000123)
	if err != nil {
		log.Fatal(err)
	}
	if newer {
		// write the subscription's new state through tx
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
}
