package dbtest

import (
	"context"
	"database/sql"
	"encoding/binary"
	"testing"
	"time"

	"github.com/hookspec/hookspec/webhook"
)

// BenchmarkOnce measures taking a new delivery (a transaction that records its key and
// commits) and recognising a redelivery, per engine: the store's cost per post.
func BenchmarkOnce(b *testing.B) {
	for _, e := range engines() {
		b.Run(string(e.dialect), func(b *testing.B) {
			db := e.open(b)
			s := newStore(b, e, db, uniqueTables(b), "ccbill", time.Hour, nil)
			ctx := context.Background()
			var body [8]byte
			keyOf := func(i int) webhook.DeliveryKey {
				binary.LittleEndian.PutUint64(body[:], uint64(i))
				return webhook.NewDeliveryKey("Bench", body[:])
			}
			next := 0 // b.N's rounds each need keys never taken
			b.Run("new", func(b *testing.B) {
				for range b.N {
					next++
					if first, err := s.Once(ctx, keyOf(next), func(context.Context, *sql.Tx) error { return nil }); err != nil || !first {
						b.Fatalf("Once = %v, %v", first, err)
					}
				}
			})
			b.Run("redelivery", func(b *testing.B) {
				for i := range b.N {
					if first, err := s.Once(ctx, keyOf(1+i%next), nil); err != nil || first {
						b.Fatalf("Once = %v, %v", first, err)
					}
				}
			})
		})
	}
}
