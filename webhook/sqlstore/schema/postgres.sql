-- The tables of github.com/hookspec/hookspec/webhook/sqlstore for postgres, with the
-- default names; written by `go test ./webhook/sqlstore -run TestSchemaFiles -update-schema`
-- from sqlstore.Schema, which takes other names. Every statement is idempotent.

-- One row per delivery an application has taken. A redelivery finds its key here and is
-- answered 200 without being applied again; a row is deleted once the vendor's retry horizon
-- has passed (Store.Expire), when no redelivery can come any more.
CREATE TABLE IF NOT EXISTS "webhook_delivery_keys" (
	vendor        TEXT NOT NULL,        -- the spec's vendor id, e.g. ccbill
	delivery_key  TEXT NOT NULL,        -- webhook.DeliveryKey, 64 hexadecimal digits
	recorded_at   TIMESTAMPTZ NOT NULL, -- when the delivery was first taken
	PRIMARY KEY (vendor, delivery_key)
);

CREATE INDEX IF NOT EXISTS "webhook_delivery_keys_recorded_at" ON "webhook_delivery_keys" (vendor, recorded_at);

-- Dead letters: posts from the vendor that could not be handed to the application (an
-- unknown event type, an undecodable body, another account), once each, to be replayed when
-- the cause is fixed. body is the post as received: it may hold secrets and personal data, so
-- restrict access to this table and delete rows once they are replayed.
CREATE TABLE IF NOT EXISTS "webhook_rejections" (
	vendor        TEXT NOT NULL,
	delivery_key  TEXT NOT NULL,        -- the key a delivery of this post would have
	reason        TEXT NOT NULL,        -- webhook.RejectReason: unknown-event, undecodable, ...
	error         TEXT NOT NULL,        -- what is wrong, naming the parameter, member or rule
	event_type    TEXT NOT NULL,        -- the query parameters as sent
	event_group   TEXT NOT NULL,
	content_type  TEXT NOT NULL,
	format        TEXT NOT NULL,        -- how the body was read: json or form
	source        TEXT NOT NULL,        -- the sender's address
	raw_query     TEXT NOT NULL,        -- the query string as sent, undecoded
	received_at   TIMESTAMPTZ NOT NULL,
	body          BYTEA NOT NULL,       -- the post as received, for replay
	PRIMARY KEY (vendor, delivery_key)
);

-- The newest ordering value seen per resource (Chargebee's resource_version), so that an
-- event older than the state already applied is recognised and not applied over it.
CREATE TABLE IF NOT EXISTS "webhook_resource_versions" (
	vendor        TEXT NOT NULL,
	resource_kind TEXT NOT NULL,        -- e.g. subscription
	resource_id   TEXT NOT NULL,
	version       BIGINT NOT NULL,      -- the newest ordering value applied
	updated_at    TIMESTAMPTZ NOT NULL, -- when it was applied
	PRIMARY KEY (vendor, resource_kind, resource_id)
);
