package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// Chargebee's endpoint, /webhooks/chargebee. Its posts say their own event type and API version
// and carry an event id that a retry keeps while the rest of the body changes (webhook_status,
// webhooks), so the handler's delivery key is the id: a retry is stored once whatever its body.
// Chargebee may also deliver the events of one resource out of order, so each resource's state
// is applied only when its resource_version is newer than the one stored.

// Environment variables the Chargebee credentials may come from instead of flags, which every
// user of the machine can read in the process list.
const (
	chargebeePasswordEnv = "CHARGEBEE_WEBHOOK_PASSWORD"
	chargebeeKeyEnv      = "CHARGEBEE_WEBHOOK_KEY"
)

// chargebeeConfig is what the -chargebee-* flags say.
type chargebeeConfig struct {
	user     string
	password string
	key      string
	versions apiVersions
}

// enabled reports whether the Chargebee endpoint is mounted: only with credentials to check,
// since its published source addresses cover the US region only (see README.md).
func (c *chargebeeConfig) enabled() bool { return c.user != "" || c.key != "" }

// readSecretsFromEnv fills the password and the key from the environment when the flags leave
// them out.
func (c *chargebeeConfig) readSecretsFromEnv(getenv func(string) string) error {
	if c.password == "" {
		c.password = getenv(chargebeePasswordEnv)
	}
	if c.key == "" {
		c.key = getenv(chargebeeKeyEnv)
	}
	if c.user != "" && c.password == "" {
		return fmt.Errorf("-chargebee-user needs a password: -chargebee-password or $%s", chargebeePasswordEnv)
	}
	if c.user == "" && c.password != "" {
		return errors.New("a Chargebee password without -chargebee-user")
	}
	return nil
}

// apiVersions is the repeatable -chargebee-version flag: the API versions the endpoint accepts.
type apiVersions []int

func (v *apiVersions) String() string {
	if v == nil {
		return ""
	}
	s := make([]string, len(*v))
	for i, n := range *v {
		s[i] = fmt.Sprintf("v%d", n)
	}
	return strings.Join(s, ",")
}

// Set reads 2 or v2.
func (v *apiVersions) Set(s string) error {
	var n int
	if _, err := fmt.Sscanf(strings.TrimPrefix(s, "v"), "%d", &n); err != nil || fmt.Sprint(n) != strings.TrimPrefix(s, "v") {
		return fmt.Errorf("%q: want an API version such as 2 or v2", s)
	}
	*v = append(*v, n)
	return nil
}

// newChargebeeHandler is Chargebee's generated handler, configured from the flags, storing into
// rc.
func newChargebeeHandler(cfg *config, rc *receiver, logger *slog.Logger) (*chargebee.Handler, error) {
	opt := webhook.Options{
		OnReject: rc.onChargebeeReject,
		// The US region's published addresses, plus -allow (for testing only).
		SourceRanges:   append(chargebee.SourceRanges(), cfg.allow...),
		TrustedProxies: cfg.trustedProxies,
		Strict:         cfg.strict,
		Logger:         logger,
	}
	if cfg.chargebee.user != "" {
		opt.BasicAuth = []webhook.BasicCredentials{{User: cfg.chargebee.user, Password: webhook.Secret(cfg.chargebee.password)}}
	}
	if cfg.chargebee.key != "" {
		opt.URLKeys = []webhook.Secret{webhook.Secret(cfg.chargebee.key)}
	}
	return chargebee.NewHandler(chargebee.HandlerConfig{
		OnEvent:  rc.onChargebeeEvent,
		Versions: cfg.chargebee.versions,
		Options:  opt,
	})
}

// onChargebeeEvent is chargebee.HandlerConfig.OnEvent: the delivery is stored once by its key
// (the event id), and the resources it carries are applied in the same transaction.
func (rc *receiver) onChargebeeEvent(ctx context.Context, d *chargebee.Delivery) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	payload, err := redactedNestedJSON(d.Event.AppendJSON(nil), chargebee.SecretField)
	if err != nil {
		return fmt.Errorf("delivery %s: %w", d.Key, err)
	}
	row := deliveryRecord{key: d.Key, vendor: d.Vendor, eventType: d.EventType, version: d.Version,
		format: d.Format, source: d.Source.String(), validation: d.Validation, warnings: d.Warnings, payload: payload}
	receivedAt := rc.now()
	stored, err := rc.store.saveDelivery(ctx, rc.store.chargebeeLedger, row, receivedAt, func(ctx context.Context, tx *sql.Tx) error {
		if rc.applyChargebee != nil {
			return rc.applyChargebee(ctx, tx, d)
		}
		return rc.store.applyChargebeeEvent(ctx, tx, d, receivedAt, rc.log)
	})
	if err != nil {
		return err
	}
	if !stored {
		return webhook.ErrDuplicate // a retry of a stored event: 200, nothing applied twice
	}
	return nil
}

// applyChargebeeEvent is where a merchant's own handling of a Chargebee event goes. For each
// resource the event carries (the generated Resources: kind, id and resource_version), the
// state is applied only when AdvanceVersion finds its version newer than the one stored: the
// events of a resource may arrive out of order, and an older state that arrives late must not
// overwrite a newer one. Here the state is which delivery last changed the resource; a real
// application writes its own columns from d.Event's typed content, through tx.
func (s *Store) applyChargebeeEvent(ctx context.Context, tx *sql.Tx, d *chargebee.Delivery, now time.Time, logger *slog.Logger) error {
	for _, r := range d.Event.Resources() {
		if r.Kind == "" {
			// The resource's object member is missing, so nothing says which kind of resource
			// the id names, and ids are unique only within a kind. Failing would make Chargebee
			// retry a body that cannot change for three days; the delivery is stored, and the
			// resource is left unapplied, said in the log.
			logger.LogAttrs(ctx, slog.LevelWarn, "a resource without its kind (object) is not applied",
				slog.String("key", d.Key.String()), slog.String("id", r.ID), slog.Int64("resource_version", r.Version))
			continue
		}
		newer, err := s.chargebeeLedger.AdvanceVersion(ctx, tx, r.Kind, r.ID, r.Version)
		if err != nil {
			return err
		}
		if !newer {
			continue // the stored state is as new or newer: keep it
		}
		if _, err := tx.ExecContext(ctx, s.upsertState, chargebeeVendor, r.Kind, r.ID, r.Version, d.EventType,
			d.Key.String(), s.timeArg(now)); err != nil {
			return fmt.Errorf("apply %s %s at version %d: %w", r.Kind, r.ID, r.Version, err)
		}
	}
	return nil
}

// onChargebeeReject is Options.OnReject: a post the handler could not turn into an event (an
// unreadable body, an API version this endpoint does not accept) is kept as a dead letter and
// answered 200, so that Chargebee does not retry it for three days.
func (rc *receiver) onChargebeeReject(ctx context.Context, r *webhook.Rejection) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	stored, err := rc.store.chargebeeLedger.RecordRejection(ctx, rc.store.db, r)
	if err != nil {
		return err
	}
	if !stored {
		rc.log.LogAttrs(ctx, slog.LevelInfo, "redelivery of a stored rejection",
			slog.String("key", r.Key.String()), slog.String("reason", string(r.Reason)))
	}
	return nil
}

// redactedNestedJSON is a JSON body with the value of every member whose name is secret (by the
// vendor's rule) replaced by webhook.Redacted, at any depth, members kept in their order. The
// stored payload is read by people and copied into backups; a custom field named like a
// password has no business there.
func redactedNestedJSON(body []byte, secret func(string) bool) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var out bytes.Buffer
	if err := copyValue(dec, &out, false, secret); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("redact: more than one JSON value")
	}
	return out.Bytes(), nil
}

// copyValue copies the next JSON value from dec to out; redact replaces a scalar by
// webhook.Redacted, and an object's or array's scalars at any depth.
func copyValue(dec *json.Decoder, out *bytes.Buffer, redact bool, secret func(string) bool) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("redact: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			out.WriteByte('{')
			for i := 0; dec.More(); i++ {
				keyTok, err := dec.Token()
				if err != nil {
					return fmt.Errorf("redact: %w", err)
				}
				key, _ := keyTok.(string)
				if i > 0 {
					out.WriteByte(',')
				}
				writeJSON(out, key)
				out.WriteByte(':')
				if err := copyValue(dec, out, redact || secret(key), secret); err != nil {
					return err
				}
			}
			out.WriteByte('}')
		case '[':
			out.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					out.WriteByte(',')
				}
				if err := copyValue(dec, out, redact, secret); err != nil {
					return err
				}
			}
			out.WriteByte(']')
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return fmt.Errorf("redact: %w", err)
		}
	default:
		if redact && tok != nil {
			tok = webhook.Redacted
		}
		writeJSON(out, tok)
	}
	return nil
}

func writeJSON(out *bytes.Buffer, v any) {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // strings, json.Number, booleans and nil always encode
	out.Truncate(out.Len() - 1)
}
