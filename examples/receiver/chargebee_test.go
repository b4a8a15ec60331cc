package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/webhook"
)

// The Chargebee endpoint's credentials in these tests.
const (
	cbUser     = "chargebee-hooks"
	cbPassword = "correct-horse-battery"
)

// chargebeeBody is a customer_created event of API v2 as Chargebee posts it, small and synthetic:
// the event id, the customer's id and its resource_version vary.
func chargebeeBody(eventID, customerID string, resourceVersion int64, extra string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"occurred_at":1735787045,"source":"admin_console","object":"event","api_version":"v2",`+
		`"event_type":"customer_created","content":{"customer":{"id":%q,"auto_collection":"on","net_term_days":0,`+
		`"allow_direct_debit":false,"created_at":1735787045,"resource_version":%d,"promotional_credits":0,`+
		`"unbilled_charges":0,"refundable_credits":0,"excess_payments":0,"deleted":false,"object":"customer"%s}}}`,
		eventID, customerID, resourceVersion, extra)
}

// postChargebee posts a body to /webhooks/chargebee with Basic auth.
func postChargebee(t *testing.T, url, user, password string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/webhooks/chargebee", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(user, password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(text)
}

// resourceState is the resource_state row of a resource, and its version in the library's
// resource_versions table.
type resourceState struct {
	version, ledgerVersion int64
	eventType, key         string
}

func stateOf(t *testing.T, db *sql.DB, kind, id string) (resourceState, bool) {
	t.Helper()
	var s resourceState
	err := db.QueryRow(`SELECT s.resource_version, v.version, s.event_type, s.delivery_key FROM resource_state s
		JOIN resource_versions v ON v.vendor = s.vendor AND v.resource_kind = s.kind AND v.resource_id = s.id
		WHERE s.vendor = 'chargebee' AND s.kind = ? AND s.id = ?`, kind, id).Scan(&s.version, &s.ledgerVersion, &s.eventType, &s.key)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return s, true
}

// kindOf is the kind the generated package gives the resource with the id in a body: the kind
// the receiver stores it under.
func kindOf(t *testing.T, body []byte, id string) string {
	t.Helper()
	e, err := chargebee.Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Resources() {
		if r.ID == id {
			return r.Kind
		}
	}
	t.Fatalf("no resource %s in %s", id, body)
	return ""
}

func withChargebee(versions ...int) func(*config) {
	return func(c *config) {
		c.chargebee.user, c.chargebee.password = cbUser, cbPassword
		c.chargebee.versions = versions
	}
}

func TestChargebeeDeliveries(t *testing.T) {
	srv := startTestServer(t, withChargebee(), nil)
	first := chargebeeBody("ev_1", "cus_1", 1700000000000, "")
	customer := kindOf(t, first, "cus_1")
	status, text := postChargebee(t, srv.url, cbUser, cbPassword, first)
	if status != 200 {
		t.Fatalf("status %d (%q)\n%s", status, text, srv.logs.String())
	}
	firstKey := answeredKey.FindStringSubmatch(text)
	if firstKey == nil {
		t.Fatalf("no key in the answer %q", text)
	}

	// A retry carries the same id and another body (webhook_status): the same key, one row.
	retry := []byte(strings.Replace(string(first), `"object":"event",`, `"object":"event","webhook_status":"re_scheduled",`, 1))
	if status, text = postChargebee(t, srv.url, cbUser, cbPassword, retry); status != 200 || !strings.Contains(text, firstKey[1]) {
		t.Fatalf("retry: status %d (%q), want 200 with key %s", status, text, firstKey[1])
	}
	rows := deliveryRows(t, srv.db)
	if len(rows) != 1 || rows[0].key != firstKey[1] || rows[0].eventType != "customer_created" || rows[0].version != 2 {
		t.Fatalf("rows %+v, want one customer_created v2 with key %s", rows, firstKey[1])
	}
	st, ok := stateOf(t, srv.db, customer, "cus_1")
	if !ok || st.version != 1700000000000 || st.ledgerVersion != st.version || st.key != firstKey[1] {
		t.Fatalf("customer state %+v (found %v) after the first event", st, ok)
	}

	// Another event about the customer with an older resource_version: stored, not applied.
	if status, text = postChargebee(t, srv.url, cbUser, cbPassword, chargebeeBody("ev_2", "cus_1", 1699999999000, "")); status != 200 {
		t.Fatalf("older event: status %d (%q)", status, text)
	}
	if st, _ = stateOf(t, srv.db, customer, "cus_1"); st.version != 1700000000000 || st.key != firstKey[1] {
		t.Errorf("an older resource_version was applied: %+v", st)
	}
	// A newer one is applied.
	status, text = postChargebee(t, srv.url, cbUser, cbPassword, chargebeeBody("ev_3", "cus_1", 1700000001000, ""))
	newerKey := answeredKey.FindStringSubmatch(text)
	if status != 200 || newerKey == nil {
		t.Fatalf("newer event: status %d (%q)", status, text)
	}
	if st, _ = stateOf(t, srv.db, customer, "cus_1"); st.version != 1700000001000 || st.ledgerVersion != st.version || st.key != newerKey[1] {
		t.Errorf("the newer resource_version was not applied: %+v", st)
	}
	if rows := deliveryRows(t, srv.db); len(rows) != 3 {
		t.Errorf("%d rows, want 3 (two events besides the first; the retry is not one)", len(rows))
	}

	// Wrong credentials: 401, with the challenge, and nothing stored.
	if status, _ = postChargebee(t, srv.url, cbUser, "wrong", chargebeeBody("ev_4", "cus_2", 1, "")); status != 401 {
		t.Errorf("wrong password: status %d, want 401", status)
	}
	if rows := deliveryRows(t, srv.db); len(rows) != 3 {
		t.Errorf("%d rows after a refused post", len(rows))
	}
	if strings.Contains(srv.logs.String(), cbPassword) {
		t.Error("the password is in the log")
	}
}

// A resource whose kind is missing is stored but not applied, and the log says so: failing would
// only make Chargebee retry a body that cannot change.
func TestChargebeeResourceWithoutKind(t *testing.T) {
	srv := startTestServer(t, withChargebee(), nil)
	body := []byte(strings.Replace(string(chargebeeBody("ev_1", "cus_1", 7, "")), `,"object":"customer"`, "", 1))
	if status, text := postChargebee(t, srv.url, cbUser, cbPassword, body); status != 200 {
		t.Fatalf("status %d (%q)", status, text)
	}
	if rows := deliveryRows(t, srv.db); len(rows) != 1 {
		t.Errorf("%d rows, want the delivery stored", len(rows))
	}
	var n int
	if err := srv.db.QueryRow(`SELECT count(*) FROM resource_state`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d resource states (%v), want none", n, err)
	}
	if !strings.Contains(srv.logs.String(), "a resource without its kind (object) is not applied") {
		t.Errorf("the log does not say the resource was not applied:\n%s", srv.logs.String())
	}
}

// A custom field named like a secret is stored redacted, at any depth.
func TestChargebeePayloadIsRedacted(t *testing.T) {
	srv := startTestServer(t, withChargebee(), nil)
	body := chargebeeBody("ev_1", "cus_1", 1, `,"cf_api_key":"sk_live_123","cf_plan":"gold"`)
	if status, text := postChargebee(t, srv.url, cbUser, cbPassword, body); status != 200 {
		t.Fatalf("status %d (%q)", status, text)
	}
	rows := deliveryRows(t, srv.db)
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	var payload struct {
		Content struct {
			Customer map[string]any `json:"customer"`
		} `json:"content"`
	}
	if err := json.Unmarshal([]byte(rows[0].payload), &payload); err != nil {
		t.Fatalf("payload %s: %v", rows[0].payload, err)
	}
	if got := payload.Content.Customer["cf_api_key"]; got != webhook.Redacted {
		t.Errorf("cf_api_key stored as %v, want %q", got, webhook.Redacted)
	}
	if got := payload.Content.Customer["cf_plan"]; got != "gold" {
		t.Errorf("cf_plan stored as %v: a custom field not named like a secret is kept", got)
	}
	if strings.Contains(rows[0].payload, "sk_live_123") {
		t.Errorf("the secret is stored: %s", rows[0].payload)
	}
}

// An API version the endpoint does not accept is a rejection, answered 200 and kept.
func TestChargebeeVersionNotAccepted(t *testing.T) {
	srv := startTestServer(t, withChargebee(1), nil)
	if status, text := postChargebee(t, srv.url, cbUser, cbPassword, chargebeeBody("ev_1", "cus_1", 1, "")); status != 200 {
		t.Fatalf("status %d (%q)", status, text)
	}
	if rows := deliveryRows(t, srv.db); len(rows) != 0 {
		t.Errorf("a v2 event was stored by an endpoint that accepts v1: %+v", rows)
	}
	rejections := rejectionRows(t, srv.db)
	if len(rejections) != 1 || rejections[0].eventType != "customer_created" {
		t.Errorf("rejections %+v, want the v2 post", rejections)
	}
}

// When applying the resources fails, nothing is stored and the post is answered 500; the retry
// is stored.
func TestChargebeeApplyFailure(t *testing.T) {
	fail := true
	srv := startTestServer(t, withChargebee(), nil)
	srv.rc.applyChargebee = func(ctx context.Context, tx *sql.Tx, d *chargebee.Delivery) error {
		if fail {
			return errors.New("the application is down (injected by the test)")
		}
		return srv.store.applyChargebeeEvent(ctx, tx, d, srv.rc.now(), srv.rc.log)
	}
	body := chargebeeBody("ev_1", "cus_1", 5, "")
	customer := kindOf(t, body, "cus_1")
	if status, _ := postChargebee(t, srv.url, cbUser, cbPassword, body); status != 500 {
		t.Fatalf("status %d, want 500", status)
	}
	if rows := deliveryRows(t, srv.db); len(rows) != 0 {
		t.Fatalf("rows stored by a failed delivery: %+v", rows)
	}
	if _, ok := stateOf(t, srv.db, customer, "cus_1"); ok {
		t.Fatal("a failed delivery's state was applied")
	}
	fail = false
	if status, _ := postChargebee(t, srv.url, cbUser, cbPassword, body); status != 200 {
		t.Fatalf("retry: status %d", status)
	}
	if st, ok := stateOf(t, srv.db, customer, "cus_1"); !ok || st.version != 5 {
		t.Errorf("after the retry: %+v (found %v)", st, ok)
	}
}

// Without credentials the Chargebee endpoint is not mounted.
func TestChargebeeEndpointNeedsCredentials(t *testing.T) {
	srv := startTestServer(t, nil, nil)
	if status, _ := postChargebee(t, srv.url, cbUser, cbPassword, chargebeeBody("ev_1", "cus_1", 1, "")); status != 404 {
		t.Errorf("status %d, want 404: the endpoint is off without credentials", status)
	}
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"-chargebee-user", "u"}, "", "-chargebee-user needs a password"},
		{[]string{"-chargebee-password", "p"}, "", "a Chargebee password without -chargebee-user"},
		{[]string{"-chargebee-version", "two"}, "", "want an API version"},
	} {
		t.Setenv(chargebeePasswordEnv, tc.env)
		var out strings.Builder
		if _, err := parseFlags(tc.args, &out); !errors.Is(err, errUsage) || !strings.Contains(out.String(), tc.want) {
			t.Errorf("%v: error %v, output %q; want a usage error saying %q", tc.args, err, out.String(), tc.want)
		}
	}
	t.Setenv(chargebeePasswordEnv, cbPassword)
	cfg, err := parseFlags([]string{"-chargebee-user", cbUser, "-chargebee-version", "v2"}, io.Discard)
	if err != nil || cfg.chargebee.password != cbPassword || len(cfg.chargebee.versions) != 1 || cfg.chargebee.versions[0] != 2 {
		t.Errorf("parseFlags with $%s: %+v, %v", chargebeePasswordEnv, cfg, err)
	}
}

// TestChargebeeHookcheckSend drives the receiver binary with the repository's hookcheck, as
// Chargebee would post: hookcheck send → receiver → stored once; a retry whose body changed is
// the same delivery; an event with an older resource_version is stored but not applied.
func TestChargebeeHookcheckSend(t *testing.T) {
	hookcheck := buildBinary(t, filepath.Join("..", ".."), "./cmd/hookcheck", "hookcheck")
	t.Setenv(chargebeePasswordEnv, cbPassword) // the receiver's
	t.Setenv("HOOKCHECK_PASSWORD", cbPassword) // hookcheck's
	p := startReceiverProcess(t, "-chargebee-user", cbUser)
	db := openDatabase(t, p.dbPath)
	run := func(args ...string) (string, error) {
		out, err := exec.Command(hookcheck, args...).CombinedOutput()
		return string(out), err
	}
	send := func(args ...string) string {
		t.Helper()
		args = append([]string{"send", "-url", p.url + "/webhooks/chargebee", "-user", cbUser, "-event", "subscription_created", "-fixed"}, args...)
		out, err := run(args...)
		if err != nil {
			t.Fatalf("hookcheck %s: %v\n%s\nreceiver log:\n%s", strings.Join(args, " "), err, out, p.logs.String())
		}
		m := answeredKey.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("hookcheck %s printed no delivery key:\n%s", strings.Join(args, " "), out)
		}
		return m[1]
	}
	example, err := run("example", "-event", "subscription_created", "-fixed")
	if err != nil {
		t.Fatalf("hookcheck example: %v\n%s", err, example)
	}
	var body struct {
		Content struct {
			Subscription struct {
				ID              string `json:"id"`
				ResourceVersion int64  `json:"resource_version"`
			} `json:"subscription"`
		} `json:"content"`
	}
	if err := json.Unmarshal([]byte(example), &body); err != nil {
		t.Fatal(err)
	}
	sub, version := body.Content.Subscription.ID, body.Content.Subscription.ResourceVersion
	if sub == "" || version == 0 {
		t.Fatalf("the example has no subscription id or resource_version:\n%s", example)
	}
	subscription := kindOf(t, []byte(example), sub)

	first := send()
	if retry := send("-set", "webhook_status=re_scheduled"); retry != first {
		t.Errorf("a retry with a changed body has key %s, the first %s", retry, first)
	}
	older := send("-set", "id=ev_older", "-set", "content.subscription.resource_version="+strconv.FormatInt(version-1000, 10))
	if older == first {
		t.Fatal("another event id has the first's key")
	}
	rows := deliveryRows(t, db)
	if len(rows) != 2 {
		t.Errorf("%d rows, want 2: the first event once, and the older one", len(rows))
	}
	for _, r := range rows {
		if r.eventType != "subscription_created" || r.version != 2 || !r.valid || r.source != "127.0.0.1" {
			t.Errorf("row %+v", r)
		}
	}
	if st, ok := stateOf(t, db, subscription, sub); !ok || st.version != version || st.key != first {
		t.Errorf("subscription %s: %+v (found %v); want version %d from %s: the older event must not apply", sub, st, ok, version, first)
	}
	newer := send("-set", "id=ev_newer", "-set", "content.subscription.resource_version="+strconv.FormatInt(version+1000, 10))
	if st, _ := stateOf(t, db, subscription, sub); st.version != version+1000 || st.key != newer {
		t.Errorf("subscription %s after a newer event: %+v", sub, st)
	}
	out, err := run("send", "-url", p.url+"/webhooks/chargebee", "-user", cbUser, "-password", "wrong", "-event", "subscription_created")
	if err == nil || !strings.Contains(out, "401") {
		t.Errorf("wrong password: %v\n%s", err, out)
	}
	p.stop(t)
	if strings.Contains(p.logs.String(), cbPassword) {
		t.Error("the password is in the receiver's log")
	}
}
