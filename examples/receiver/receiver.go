package main

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// storeTimeout bounds the database work for one post. It is well below the server's
// WriteTimeout, so that a stuck database is answered 500, and the post delivered again, rather
// than the connection being cut with no answer.
const storeTimeout = 10 * time.Second

// receiver is the application behind the webhook handler: it stores what the handler hands it.
type receiver struct {
	store *Store
	log   *slog.Logger
	// apply is the application's own handling of a delivery stored for the first time; see
	// applyEvent.
	apply func(context.Context, *sql.Tx, *ccbill.Delivery) error
	// applyChargebee replaces Store.applyChargebeeEvent when set (tests make it fail).
	applyChargebee func(context.Context, *sql.Tx, *chargebee.Delivery) error
	now            func() time.Time
}

// applyEvent is where a merchant's own handling of an event goes: grant access on a
// NewSaleSuccess, extend it on a RenewalSuccess, revoke it on an Expiration, record a Refund. A
// Cancellation does not end access: it stops the renewal, and the customer keeps what they paid
// for until the Expiration that ends the period; revoking on the Cancellation takes away paid
// time. Switch on d.Event's type (*ccbill.NewSaleSuccessV6 and so on, as configured with
// -version) and write through tx. It runs inside the transaction that stores the delivery and
// only for a key not stored before, so a redelivery does not repeat it, and when it fails
// nothing is stored: the post is answered 500 and CCBill sends it again. d.Validation says
// whether the event is valid; the example only keeps the rows. Store amounts as integers of
// minor units read by the generated accessors (e.BilledInitialPriceMinorUnits() is "19.99" in
// its billedCurrencyCode's currency as 1999, exactly, or an error naming the member), never as
// float64(...)*100, which turns 0.29 into 28 cents.
func applyEvent(ctx context.Context, tx *sql.Tx, d *ccbill.Delivery) error {
	return nil
}

// onEvent is ccbill.HandlerConfig.OnEvent. Returning an error answers 500, so CCBill redelivers.
func (rc *receiver) onEvent(ctx context.Context, d *ccbill.Delivery) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	stored, err := rc.store.SaveDelivery(ctx, d, rc.now(), func(ctx context.Context, tx *sql.Tx) error {
		return rc.apply(ctx, tx, d)
	})
	if err != nil {
		return err // the handler logs it with the delivery (secrets redacted) and answers 500
	}
	if !stored {
		// Either CCBill did not get the first 200, or two attempts raced: the row is there,
		// so this one is answered 200 too, logged as a redelivery, and nothing happens twice.
		return webhook.ErrDuplicate
	}
	return nil
}

// onReject is webhook.Options.OnReject: a post that could not be decoded into an event (an
// event type the generated package does not know, an undecodable body, another account) is
// stored as a dead letter and answered 200, since CCBill sending it again would not change
// the outcome. A database error answers 500, so CCBill redelivers and nothing is lost.
func (rc *receiver) onReject(ctx context.Context, r *webhook.Rejection) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	stored, err := rc.store.SaveRejection(ctx, r)
	if err != nil {
		return err
	}
	if !stored {
		rc.log.LogAttrs(ctx, slog.LevelInfo, "redelivery of a stored rejection",
			slog.String("key", r.Key.String()), slog.String("reason", string(r.Reason)))
	}
	return nil
}

// newWebhookHandler is CCBill's generated handler, configured from the flags, storing into rc.
func newWebhookHandler(cfg *config, rc *receiver, logger *slog.Logger) (*ccbill.Handler, error) {
	return ccbill.NewHandler(ccbill.HandlerConfig{
		OnEvent:      rc.onEvent,
		Versions:     cfg.versions,
		ClientAccnum: cfg.account,
		ClientSubacc: cfg.subaccount,
		Options: webhook.Options{
			OnReject: rc.onReject,
			// CCBill's published ranges, plus -allow (for testing only).
			SourceRanges:   append(ccbill.SourceRanges(), cfg.allow...),
			TrustedProxies: cfg.trustedProxies,
			Strict:         cfg.strict,
			Logger:         logger,
		},
	})
}

// healthTimeout bounds the writability check of /healthz.
const healthTimeout = 2 * time.Second

// newMux routes /webhooks and /webhooks/ccbill to CCBill's webhook handler (Chargebee's, when
// enabled, is added at /webhooks/chargebee by mountChargebee), which answers every method itself (405 with
// Allow: POST for all but POST), and /healthz to a check that the database can store a
// delivery: a load balancer takes a replica whose database is read-only, full or unreachable
// out of rotation (503), where a ping would keep it in while every post fails.
func newMux(webhooks http.Handler, store *Store, logger *slog.Logger) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/webhooks", webhooks)
	mux.Handle("/webhooks/ccbill", webhooks)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := store.CheckWritable(ctx); err != nil {
			logger.LogAttrs(ctx, slog.LevelError, "health check failed", slog.String("error", err.Error()))
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database cannot store deliveries\n"))
			return
		}
		w.Write([]byte("ok\n"))
	})
	return mux
}

// mountChargebee adds Chargebee's handler at /webhooks/chargebee. Without credentials the path
// stays unrouted (404): Chargebee's published source addresses cover only its US region, so
// the example does not take posts that nothing authenticates.
func mountChargebee(mux *http.ServeMux, cfg *config, rc *receiver, logger *slog.Logger) error {
	if !cfg.chargebee.enabled() {
		logger.Info("the Chargebee endpoint is off: give -chargebee-user (and its password) or -chargebee-key to receive Chargebee's webhooks at /webhooks/chargebee")
		return nil
	}
	h, err := newChargebeeHandler(cfg, rc, logger)
	if err != nil {
		return err
	}
	mux.Handle("/webhooks/chargebee", h)
	return nil
}
