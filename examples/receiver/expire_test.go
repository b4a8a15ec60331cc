package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// TestKeysExpire runs the receiver's expiry loop on a store whose retry horizon has passed for
// every key: the ledger empties, the deliveries are kept, and the loop ends with its context.
func TestKeysExpire(t *testing.T) {
	ctx := context.Background()
	store, err := openStore(ctx, filepath.Join(t.TempDir(), "webhooks.db"), time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sale := samplePost(t, ccbill.NewSaleSuccess, 6, webhook.JSON)
	d := &ccbill.Delivery{Key: webhook.NewDeliveryKey(sale.eventType, sale.body), Vendor: vendor, EventType: sale.eventType}
	e, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		t.Fatal(err)
	}
	d.Event = e
	if stored, err := store.SaveDelivery(ctx, d, time.Now(), nil); err != nil || !stored {
		t.Fatalf("SaveDelivery = %v, %v", stored, err)
	}
	count := func(table string) int {
		var n int
		if err := store.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("delivery_keys"); n != 1 {
		t.Fatalf("%d keys before expiry, want 1", n)
	}

	loopCtx, cancel := context.WithCancel(ctx)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		expireKeysPeriodically(loopCtx, store, time.Nanosecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for count("delivery_keys") != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the key was not expired within 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the expiry loop did not end with its context")
	}
	if n := count("deliveries"); n != 1 {
		t.Errorf("%d deliveries after expiry, want 1: the application's rows are kept", n)
	}
	// Past the horizon the same body is a new delivery again.
	if stored, err := store.SaveDelivery(ctx, d, time.Now(), nil); err != nil || !stored {
		t.Errorf("SaveDelivery after expiry = %v, %v; want stored", stored, err)
	}
}
