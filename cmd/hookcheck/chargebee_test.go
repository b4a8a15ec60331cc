package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hookspec/hookspec/chargebee"
	"github.com/hookspec/hookspec/internal/testenv"
	"github.com/hookspec/hookspec/webhook"
)

// runWithStdin runs hookcheck with a body on standard input.
func runWithStdin(stdin string, args ...string) (int, string, string) {
	var stdout, stderr strings.Builder
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// exampleBody is hookcheck example's body for the arguments, failing the test when it fails.
func exampleBody(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCmd(append([]string{"example"}, args...)...)
	if code != 0 {
		t.Fatalf("example %v: exit %d\n%s", args, code, errOut)
	}
	return out
}

func TestChargebeeCommands(t *testing.T) {
	v1 := exampleBody(t, "-event", "subscription_created", "-version", "1")
	v2 := exampleBody(t, "-event", "subscription_created", "-fixed")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  []string
	}{
		{"list", "", []string{"list", "-vendor", "chargebee"}, 0, []string{"subscription_created\tv1 (json), v2 (json)\n"}},
		{"list every vendor", "", []string{"list"}, 0, []string{"# ccbill\n", "# chargebee\n", "NewSaleSuccess\t", "subscription_created\t"}},
		{"diff needs no -vendor", "", []string{"diff", "-event", "subscription_created", "-from", "1", "-to", "2"}, 0, []string{"subscription_created v1 → v2"}},
		{"validate: the body says vendor, event and version", v2, []string{"validate", "-strict", "-engine", "both", "-o", "json", "-"}, 0,
			[]string{`"vendor":"chargebee","event":"subscription_created","version":2,"format":"json","valid":true`}},
		{"validate v1", v1, []string{"validate", "-strict", "-o", "json", "-"}, 0, []string{`"event":"subscription_created","version":1,`}},
		{"validate as another version than the body says", v2, []string{"validate", "-event", "subscription_created", "-version", "1", "-"}, 1,
			[]string{"the body says event_type subscription_created and api_version v2, but it is checked as subscription_created v1"}},
		{"a body that says no version", `{"id":"ev_1","event_type":"subscription_created","content":{}}`, []string{"validate", "-vendor", "chargebee", "-"}, 1,
			[]string{"the body has no api_version member"}},
		{"an event type the package does not know", strings.Replace(v2, `"subscription_created"`, `"subscription_teleported"`, 1), []string{"validate", "-"}, 1,
			[]string{`chargebee has no event type "subscription_teleported"`}},
		{"detect", v1, []string{"detect", "-"}, 0, []string{"-: subscription_created v1 (the body says v1)"}},
		{"NDJSON of both versions", v1 + "\n" + v2 + "\n", []string{"validate", "-strict", "-ndjson", "-o", "json", "-"}, 0,
			[]string{`{"file":"-:1","vendor":"chargebee","event":"subscription_created","version":1,`, `{"file":"-:2","vendor":"chargebee","event":"subscription_created","version":2,`}},
		{"an HTTP capture", "POST /webhooks/chargebee HTTP/1.1\nContent-Type: application/json\nAuthorization: Basic Y2I6cHc=\n\n" + v2, []string{"validate", "-strict", "-o", "json", "-"}, 0,
			[]string{`"vendor":"chargebee","event":"subscription_created","version":2,"format":"json","valid":true`}},
		// The Go decoder refuses a member of the wrong shape; the schema engine reads the body
		// and faults the member: one finding, at one path, not a disagreement.
		{"both engines on a member of the wrong shape", strings.Replace(v2, `"subscription":{`, `"subscription":7,"zz_rest":{`, 1), []string{"validate", "-engine", "both", "-o", "json", "-"}, 1,
			[]string{`"rule":"decode","level":"error","message":"json body: offset 173: key \"content.subscription\": expected an object, found a number"}]}`}},
		{"a nested problem is named by its path", strings.Replace(v2, `"status":"future"`, `"status":"teleported"`, 1), []string{"validate", "-o", "json", "-"}, 1,
			[]string{`"field":"content.subscription.status","rule":"enum"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runWithStdin(tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out+errOut, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errOut)
				}
			}
		})
	}
}

// Every real Chargebee payload that says its API version is recognised as Chargebee's without
// -vendor or -event, and checked as the event and version it says.
func TestChargebeeRealPayloadsAreRecognised(t *testing.T) {
	dir := filepath.Join(testenv.SharedDir(t), "real-payloads", "chargebee")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) < 10 {
		t.Fatalf("%d real payloads in %s (%v)", len(files), dir, err)
	}
	recognised := 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var envelope struct {
			EventType  string `json:"event_type"`
			APIVersion string `json:"api_version"`
		}
		if err := json.Unmarshal(body, &envelope); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		code, out, errOut := runCmd("validate", "-o", "json", f)
		var res struct {
			Vendor, Event string
			Version       int
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s: exit %d, output %q: %v\n%s", f, code, out, err, errOut)
		}
		if envelope.APIVersion == "" {
			// The legacy body names no API version: nothing says whose it is.
			if res.Vendor != "" || !strings.Contains(out, "cannot tell which vendor") {
				t.Errorf("%s has no api_version, yet was checked as %+v", f, res)
			}
			continue
		}
		recognised++
		if res.Vendor != "chargebee" || res.Event != envelope.EventType || "v"+itoa(res.Version) != envelope.APIVersion {
			t.Errorf("%s (%s %s) was checked as %+v", filepath.Base(f), envelope.EventType, envelope.APIVersion, res)
		}
	}
	if recognised < 10 {
		t.Errorf("only %d payloads recognised", recognised)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// chargebeeReceiver is chargebee.NewHandler behind httptest, with Basic auth and a URL key, from
// any address; it passes on each delivery it takes.
func chargebeeReceiver(t *testing.T, opt webhook.Options) (*httptest.Server, chan *chargebee.Delivery) {
	t.Helper()
	got := make(chan *chargebee.Delivery, 4)
	opt.AnySource = true
	opt.Logger = slog.New(slog.DiscardHandler)
	h, err := chargebee.NewHandler(chargebee.HandlerConfig{
		OnEvent: func(ctx context.Context, d *chargebee.Delivery) error {
			copied := *d
			copied.Body = append([]byte(nil), d.Body...)
			got <- &copied
			return nil
		},
		Options: opt,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, got
}

func TestSendChargebee(t *testing.T) {
	srv, got := chargebeeReceiver(t, webhook.Options{BasicAuth: []webhook.BasicCredentials{{User: "cb", Password: "s3cret-pw"}}})
	code, out, errOut := runCmd("send", "-url", srv.URL+"/hooks", "-event", "subscription_created", "-user", "cb", "-password", "s3cret-pw",
		"-set", "content.subscription.status=active")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	d := <-got
	if d.EventType != "subscription_created" || d.Version != 2 || d.Validation != nil {
		t.Errorf("delivered %s v%d, validation %v", d.EventType, d.Version, d.Validation)
	}
	var body struct {
		Content struct {
			Subscription struct{ Status string } `json:"subscription"`
		} `json:"content"`
	}
	if err := json.Unmarshal(d.Body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Content.Subscription.Status != "active" {
		t.Errorf("status %q, want the -set value", body.Content.Subscription.Status)
	}
	if strings.Contains(out+errOut, "s3cret-pw") {
		t.Errorf("the password was printed:\n%s%s", out, errOut)
	}

	// Wrong credentials: the receiver answers 401 and send exits 1.
	code, out, _ = runCmd("send", "-url", srv.URL, "-event", "subscription_created", "-user", "cb", "-password", "wrong")
	if code != 1 || !strings.Contains(out, "401") {
		t.Errorf("wrong password: exit %d\n%s", code, out)
	}
	// No credentials at all: 401 too.
	if code, out, _ = runCmd("send", "-url", srv.URL, "-event", "subscription_created"); code != 1 || !strings.Contains(out, "401") {
		t.Errorf("no credentials: exit %d\n%s", code, out)
	}
	// The password from the environment.
	t.Setenv(passwordEnv, "s3cret-pw")
	if code, out, errOut = runCmd("send", "-url", srv.URL, "-event", "customer_created", "-user", "cb"); code != 0 {
		t.Errorf("password from $%s: exit %d\n%s%s", passwordEnv, code, out, errOut)
	} else if d := <-got; d.EventType != "customer_created" {
		t.Errorf("delivered %s", d.EventType)
	}
}

// A retry of a delivery carries the same id with a different body: the receiver's key is the
// same.
func TestSendChargebeeRetryKeepsTheKey(t *testing.T) {
	srv, got := chargebeeReceiver(t, webhook.Options{BasicAuth: []webhook.BasicCredentials{{User: "cb", Password: "s3cret-pw"}}})
	t.Setenv(passwordEnv, "s3cret-pw")
	first := exampleBody(t, "-event", "subscription_created", "-fixed")
	id := jsonMember(t, first, "id")
	code, _, errOut := runCmd("send", "-url", srv.URL, "-event", "subscription_created", "-fixed", "-user", "cb")
	if code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut = runCmd("send", "-url", srv.URL, "-event", "subscription_created", "-fixed", "-user", "cb", "-set", "webhook_status=re_scheduled")
	if code != 0 {
		t.Fatal(errOut)
	}
	a, b := <-got, <-got
	if string(a.Body) == string(b.Body) {
		t.Fatal("the retry's body is the same: the test proves nothing")
	}
	if a.Key != b.Key {
		t.Errorf("event %s: first key %s, retry key %s", id, a.Key, b.Key)
	}
}

func jsonMember(t *testing.T, body, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[name].(string)
	return s
}

func TestSendChargebeeURLKey(t *testing.T) {
	srv, got := chargebeeReceiver(t, webhook.Options{URLKeys: []webhook.Secret{"k3y-abcdefghijklmnop"}})
	code, out, errOut := runCmd("send", "-url", srv.URL+"/hooks?x=1", "-event", "invoice_generated", "-key", "k3y-abcdefghijklmnop")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if d := <-got; d.EventType != "invoice_generated" {
		t.Errorf("delivered %s", d.EventType)
	}
	if strings.Contains(errOut, "k3y-abcdefghijklmnop") || !strings.Contains(errOut, "key=[redacted]") {
		t.Errorf("the key was printed, or its place not shown:\n%s", errOut)
	}
	if code, out, _ = runCmd("send", "-url", srv.URL, "-event", "invoice_generated", "-key", "wrong"); code != 1 {
		t.Errorf("wrong key: exit %d\n%s", code, out)
	}
}

// Credentials a vendor never sends are refused rather than sent.
func TestSendAuthNeedsTheVendorsScheme(t *testing.T) {
	var mu sync.Mutex
	posted := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { mu.Lock(); posted++; mu.Unlock() }))
	defer srv.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-event", "NewSaleSuccess", "-user", "u", "-password", "p"}, "ccbill does not send HTTP Basic authentication"},
		{[]string{"-event", "NewSaleSuccess", "-key", "k"}, "ccbill does not send a key in the URL"},
		{[]string{"-event", "subscription_created", "-password", "p"}, "-password (or $HOOKCHECK_PASSWORD) needs -user"},
	} {
		code, _, errOut := runCmd(append([]string{"send", "-url", srv.URL}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s", tc.args, code, tc.want, errOut)
		}
	}
	if posted != 0 {
		t.Errorf("%d posts made with credentials the vendor never sends", posted)
	}
}
