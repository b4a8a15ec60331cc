package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// orderCreated is a v2 body with every shape the vendor has: an integer unix time, an enum, an
// array of objects, an array of text, a map, raw JSON, a number, a boolean, a secret, and members
// the spec does not define at three depths.
const orderCreated = `{
  "id": "ev_01H8",
  "occurred_at": 1700000000,
  "api_version": "v2",
  "event_type": "order_created",
  "webhook_status": "scheduled",
  "content": {
    "order": {
      "id": "or_1",
      "status": "paid",
      "lines": [
        {"item_id": "it_1", "quantity": 2, "amount": 1999},
        {"item_id": "it_2", "quantity": 1, "amount": -500, "note": "discount line"}
      ],
      "tags": ["gift", "rush"],
      "resource_version": 1700000000123,
      "cf_region": {"code": "EU", "zone": [1, 2]}
    },
    "account": {
      "id": "ac_1",
      "email": "jo@example.com",
      "password": "hunter2",
      "balance": 0,
      "vip": false,
      "exchange_rate": 1.0,
      "meta": {"a": [1, {"b": null}], "api_key": "hunter2"},
      "labels": {"tier": "gold", "X-token": "hunter2"},
      "resource_version": 1700000000000
    },
    "card": {"last4": "4242"},
    "invoice": null
  },
  "webhooks": [{"id": "wh_1"}]
}`

func decodeOrder(t *testing.T, body string) *OrderCreatedV2 {
	t.Helper()
	e, err := Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	order, ok := e.(*OrderCreatedV2)
	if !ok {
		t.Fatalf("Decode gave a %T", e)
	}
	return order
}

// asJSON decodes JSON into encoding/json's generic values, numbers as their literal, so that two
// bodies compare by content whatever their member order and spacing.
func asJSON(t *testing.T, body []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	return v
}

// TestRoundTripIsLossless: decode, validate and encode give back every member, the ones the spec
// does not define included, at every depth.
func TestRoundTripIsLossless(t *testing.T) {
	e := decodeOrder(t, orderCreated)
	if err := e.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	c := e.Content
	if e.ID != "ev_01H8" || !e.OccurredAt.Set || e.WebhookStatus != WebhookStatusScheduled ||
		c.Order.Status != OrderStatusPaid || len(c.Order.Lines) != 2 || c.Order.Lines[1].Amount != webhook.IntOf(-500) ||
		c.Account.Balance != webhook.IntOf(0) || c.Account.VIP != webhook.BoolOf(false) || c.Account.ExchangeRate != "1.0" ||
		string(c.Account.Password) != "hunter2" || c.Account.ResourceVersion.Millis != 1700000000000 {
		t.Fatalf("decoded %+v", e)
	}
	if when, ok := e.OccurredAt.Time(); !ok || when.Year() != 2023 {
		t.Errorf("OccurredAt.Time() = %v, %v", when, ok)
	}
	if v, ok := c.Account.Labels.Get("tier"); !ok || v != "gold" {
		t.Errorf("labels = %v", c.Account.Labels)
	}
	if c.Card != `{"last4": "4242"}` {
		t.Errorf("card = %q", string(c.Card))
	}
	out := e.AppendJSON(nil)
	if got, want := asJSON(t, out), asJSON(t, []byte(orderCreated)); !reflect.DeepEqual(got, want) {
		t.Errorf("re-encoded body differs:\n got %s\nwant %s", out, orderCreated)
	}
	again := decodeOrder(t, string(out))
	if !reflect.DeepEqual(again, e) {
		t.Errorf("decode(encode(e)) != e:\n%+v\n%+v", again, e)
	}
	if m, err := e.MarshalJSON(); err != nil || !bytes.Equal(m, out) {
		t.Errorf("MarshalJSON = %s, %v", m, err)
	}
}

func TestValidationNamesPaths(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []string // field/rule
	}{
		{"an item's range", `{"item_id": "it_2", "quantity": 1`, `{"item_id": "it_2", "quantity": 0`, []string{"content.order.lines[1].quantity/range"}},
		{"a required member of an item", `{"item_id": "it_1", `, `{`, []string{"content.order.lines[0].item_id/required"}},
		{"a required object", `"account": {`, `"acct": {`, []string{"content.account/required"}},
		{"an enum at depth", `"status": "paid"`, `"status": "shipped"`, []string{"content.order.status/enum"}},
		{"a text length in an array", `"tags": ["gift", "rush"]`, `"tags": ["gift", "a-tag-much-longer-than-twenty"]`, []string{"content.order.tags[1]/maxLength"}},
		{"a map value's length", `"tier": "gold"`, `"tier": "platinum-plus-plus-extra"`, []string{"content.account.labels.tier/maxLength"}},
		{"seconds sent as milliseconds", `"occurred_at": 1700000000,`, `"occurred_at": 1700000000000,`, []string{"occurred_at/format"}},
		{"an e-mail", `"email": "jo@example.com"`, `"email": "jo.example.com"`, []string{"content.account.email/format"}},
		{"a negative balance", `"balance": 0`, `"balance": -1`, []string{"content.account.balance/range"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Count(orderCreated, tt.old) != 1 {
				t.Fatalf("%q occurs %d times", tt.old, strings.Count(orderCreated, tt.old))
			}
			e := decodeOrder(t, strings.Replace(orderCreated, tt.old, tt.new, 1))
			err := e.Validate()
			var got []string
			var invalid *webhook.ValidationError
			if errors.As(err, &invalid) {
				for _, p := range invalid.Problems {
					got = append(got, p.Field+"/"+string(p.Rule))
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}

// TestStrictNamesUnknownMembersAtDepth: ValidateStrict reports every member the spec does not
// define, by path, without its value.
func TestStrictNamesUnknownMembersAtDepth(t *testing.T) {
	e := decodeOrder(t, orderCreated)
	err := e.ValidateStrict()
	var invalid *webhook.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("ValidateStrict = %v", err)
	}
	var got []string
	for _, p := range invalid.Problems {
		got = append(got, p.Field)
	}
	want := []string{"content.order.lines[1].note", "content.order.cf_region", "content.invoice", "webhooks"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unknown members %v, want %v", got, want)
	}
	if strings.Contains(err.Error(), "discount line") || strings.Contains(err.Error(), "EU") {
		t.Errorf("ValidateStrict quotes values: %v", err)
	}
}

func TestDecodeErrorsNamePaths(t *testing.T) {
	tests := []struct {
		name, old, new, path, msg string
	}{
		{"a key twice at depth", `{"item_id": "it_1", `, `{"item_id": "it_1", "item_id": "it_1", `, "content.order.lines[0].item_id", webhook.MsgRepeated},
		{"text for an integer", `"quantity": 1,`, `"quantity": "one",`, "content.order.lines[1].quantity", "expected an integer"},
		{"an object for text", `"id": "or_1"`, `"id": {"x": 1}`, "content.order.id", "expected a single value, found an object"},
		{"an array for an object", `"order": {`, `"order": [{`, "content.order", "expected an object, found an array"},
		{"a fraction for an integer", `"amount": 1999`, `"amount": 19.99`, "content.order.lines[0].amount", "not a whole number"},
		{"an unknown member twice", `"note": "discount line"`, `"note": "discount line", "note": "again"`, "content.order.lines[1].note", webhook.MsgRepeated},
		{"an exponent in text for an integer", `"quantity": 1,`, `"quantity": "1e0",`, "content.order.lines[1].quantity", "expected an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.Replace(orderCreated, tt.old, tt.new, 1)
			if tt.name == "an array for an object" {
				body = strings.Replace(body, `"cf_region": {"code": "EU", "zone": [1, 2]}
    },`, `"cf_region": {"code": "EU", "zone": [1, 2]}
    }],`, 1)
			}
			_, err := Decode([]byte(body))
			var de *webhook.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("Decode = %v, want a *webhook.DecodeError", err)
			}
			if de.Key != tt.path || !strings.Contains(de.Msg, tt.msg) {
				t.Errorf("error at %q: %q; want at %q: %q", de.Key, de.Msg, tt.path, tt.msg)
			}
		})
	}
}

// TestRouting: the body says its event type and version; Decode picks the type by them.
func TestRouting(t *testing.T) {
	v1 := strings.Replace(orderCreated, `"api_version": "v2"`, `"api_version": "v1"`, 1)
	e, err := Decode([]byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(*OrderCreatedV1); !ok || e.Version() != 1 {
		t.Errorf("v1 body decoded as %T", e)
	}
	// An event type or version the package does not know is kept, not lost to an error: the
	// envelope typed, the content raw, and re-encoded as it came.
	for _, tt := range []struct {
		name, old, new string
		eventType      EventType
		version        int
	}{
		{"unknown event type", `"event_type": "order_created"`, `"event_type": "order_shipped"`, "order_shipped", 2},
		{"unknown version", `"api_version": "v2"`, `"api_version": "v9"`, "order_created", 9},
	} {
		body := strings.Replace(orderCreated, tt.old, tt.new, 1)
		e, err := Decode([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		u, ok := e.(*UnknownEvent)
		if !ok || u.EventType() != tt.eventType || u.Version() != tt.version || u.ID != "ev_01H8" || !strings.Contains(string(u.Content), `"item_id": "it_2"`) {
			t.Fatalf("%s: %T %+v", tt.name, e, e)
		}
		if err := u.Validate(); err != nil {
			t.Errorf("%s: Validate: %v", tt.name, err)
		}
		if got, want := asJSON(t, u.AppendJSON(nil)), asJSON(t, []byte(body)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: re-encoded body differs:\n%s", tt.name, u.AppendJSON(nil))
		}
	}
	for _, tt := range []struct{ name, old, new, want string }{
		{"malformed version", `"api_version": "v2"`, `"api_version": "2024-01"`, "api_version"},
		{"no event type", `"event_type": "order_created",`, ``, "event_type"},
	} {
		_, err := Decode([]byte(strings.Replace(orderCreated, tt.old, tt.new, 1)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	raw := `{"id":"ev_2","occurred_at":1700000000,"api_version":"v2","event_type":"coupon_updated","content":{"coupon":{"id":"c1","x":[1]}}}`
	e, err = Decode([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := e.(*CouponUpdatedV2); !ok || c.Content != `{"coupon":{"id":"c1","x":[1]}}` {
		t.Errorf("raw content: %+v", e)
	}
}

// TestNoSecretPrinted: fmt and log/slog print neither the typed secret nor the secret-looking
// members of raw values and maps; the encoders, which write the payload, keep them.
func TestNoSecretPrinted(t *testing.T) {
	e := decodeOrder(t, orderCreated)
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		fmt.Fprintf(&out, verb+"\n", e)
		fmt.Fprintf(&out, verb+"\n", *e)
	}
	for _, h := range []slog.Handler{slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}), slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug})} {
		slog.New(h).Debug("payload", "event", e, "content", e.Content, "account", e.Content.Account)
	}
	if strings.Contains(out.String(), "hunter2") {
		t.Errorf("a secret was printed:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "jo@example.com") {
		t.Errorf("the output lost the ordinary members:\n%s", out.String())
	}
	if body := string(e.AppendJSON(nil)); strings.Count(body, "hunter2") != 3 {
		t.Errorf("the encoded payload lost a value: %s", body)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(orderCreated))
	f.Add([]byte(`{"id":"e","api_version":"v1","event_type":"order_created","content":{"order":{"id":"o","status":"open","lines":[]}}}`))
	f.Add([]byte(`{"api_version":"v2","event_type":"account_deleted","content":{"account":{"id":"a","labels":{"k":"v"}},"orders":[{"id":"o","tags":null}]}}`))
	f.Add([]byte(`{"api_version":"v2","event_type":"coupon_updated","content":[1,2]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := Decode(body)
		if err != nil {
			var de *webhook.DecodeError
			var unknown *webhook.UnknownEventError
			if !errors.As(err, &de) && !errors.As(err, &unknown) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		e.Validate()
		e.ValidateStrict()
		_ = fmt.Sprint(e)
		out := e.AppendJSON(nil)
		if !json.Valid(out) {
			t.Fatalf("encoded invalid JSON: %s", out)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if !reflect.DeepEqual(again, e) {
			t.Fatalf("decode(encode(e)) != e for %s", body)
		}
	})
}

// TestResources: an event lists the resources it carries with their ordering value, for
// applying only newer states.
func TestResources(t *testing.T) {
	e := decodeOrder(t, orderCreated)
	got := e.Resources()
	want := []webhook.Resource{
		{Kind: "Order", ID: "or_1", Version: 1700000000123},
		{Kind: "Account", ID: "ac_1", Version: 1700000000000},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Resources() = %+v, want %+v", got, want)
	}
	deleted, err := Decode([]byte(`{"id":"e","api_version":"v2","event_type":"account_deleted","content":{"account":{"id":"a"},"orders":[{"id":"o1","status":"open","resource_version":5},{"id":"o2","status":"open"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	// The account has no resource_version, the second order neither: only the first is ordered.
	if got := deleted.Resources(); !reflect.DeepEqual(got, []webhook.Resource{{Kind: "Order", ID: "o1", Version: 5}}) {
		t.Errorf("account_deleted Resources() = %+v", got)
	}
	if !webhook.Newer(5, 6) || webhook.Newer(6, 6) || webhook.Newer(6, 5) {
		t.Error("Newer")
	}
}

// TestMapKeySentTwice: a map's key sent twice is the member sent twice, as for named members,
// whether the map is short or long (its keys in a set past a few dozen).
func TestMapKeySentTwice(t *testing.T) {
	for _, n := range []int{1, 31, 32, 33, 200} {
		var labels strings.Builder
		for i := range n {
			fmt.Fprintf(&labels, `"l%d":"x",`, i)
		}
		for _, dup := range []string{`"l0":"y"`, fmt.Sprintf(`"l%d":"y"`, n-1)} {
			body := strings.Replace(orderCreated, `"labels": {"tier": "gold", "X-token": "hunter2"}`, `"labels": {`+labels.String()+dup+`}`, 1)
			_, err := Decode([]byte(body))
			var de *webhook.DecodeError
			if !errors.As(err, &de) || de.Msg != webhook.MsgRepeated || !strings.HasPrefix(de.Key, "content.account.labels.l") {
				t.Errorf("%d labels, then %s: %v", n, dup, err)
			}
		}
		body := strings.Replace(orderCreated, `"labels": {"tier": "gold", "X-token": "hunter2"}`, `"labels": {`+strings.TrimSuffix(labels.String(), ",")+`}`, 1)
		if e, err := Decode([]byte(body)); err != nil || len(e.(*OrderCreatedV2).Content.Account.Labels) != n {
			t.Errorf("%d distinct labels: %v", n, err)
		}
	}
}

// TestNullItemsRoundTrip: an array item that arrived as null goes back as null, not {}.
func TestNullItemsRoundTrip(t *testing.T) {
	body := `{"id":"e","api_version":"v2","event_type":"account_deleted","content":{"account":{"id":"a"},"orders":[null,{"id":"o","status":"open"},{}]}}`
	e, err := Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	out := e.AppendJSON(nil)
	if !strings.Contains(string(out), `"orders":[null,{"id":"o","status":"open"},{}]`) {
		t.Errorf("re-encoded %s", out)
	}
	again, err := Decode(out)
	if err != nil || !reflect.DeepEqual(again, e) {
		t.Errorf("decode(encode(e)) != e: %v", err)
	}
}
