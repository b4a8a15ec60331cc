package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/webhook"
)

// runCmd runs hookcheck and returns its exit code, stdout and stderr.
func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// problemsOf decodes a body with the generated package and lists its strict validation problems
// as "field rule".
func problemsOf(t *testing.T, event string, version int, format webhook.WireFormat, body string) []string {
	t.Helper()
	e, err := ccbill.Decode(ccbill.EventType(event), version, format.ContentType(), []byte(body))
	if err != nil {
		t.Fatalf("%s v%d %s: %v\n%s", event, version, format, err, body)
	}
	var out []string
	var ve *webhook.ValidationError
	if err := e.ValidateStrict(); errors.As(err, &ve) {
		for _, p := range ve.Problems {
			out = append(out, p.Field+" "+string(p.Rule))
		}
	}
	slices.Sort(out)
	return out
}

// Every event version's example is strictly valid in each of its formats, fresh and fixed, and
// the fixed one is the guide's example exactly.
func TestExampleOfEveryVersion(t *testing.T) {
	for _, ev := range ccbill.Events() {
		for _, n := range ccbill.Versions(ev) {
			sample, _ := ccbill.Sample(ev, n)
			for _, f := range sample.Formats().List() {
				for _, fixed := range []bool{false, true} {
					args := []string{"example", "-event", string(ev), "-version", fmt.Sprint(n), "-format", f.String()}
					if fixed {
						args = append(args, "-fixed")
					}
					code, out, errOut := runCmd(args...)
					if code != 0 {
						t.Fatalf("%v: exit %d: %s", args, code, errOut)
					}
					if got := problemsOf(t, string(ev), n, f, out); len(got) > 0 {
						t.Errorf("%v: %v\n%s", args, got, out)
					}
					want := string(sample.AppendForm(nil))
					if f == webhook.JSON {
						want = string(sample.AppendJSON(nil))
					}
					if fixed && out != want {
						t.Errorf("%v:\n got %s\nwant %s", args, out, want)
					}
					if !fixed && out == want {
						t.Errorf("%v: the guide's example, not fresh values", args)
					}
				}
			}
		}
	}
}

// Every rule a field of the latest NewSaleSuccess can break, asked for with -break, gives
// exactly that problem in both formats.
func TestExampleBreaksEveryRule(t *testing.T) {
	s, err := embeddedSpec("ccbill")
	if err != nil {
		t.Fatal(err)
	}
	p, err := payload.Build(s, "NewSaleSuccess", 6, payload.Options{Fixed: true})
	if err != nil {
		t.Fatal(err)
	}
	se := s.Event("NewSaleSuccess")
	fields, _ := s.Resolve(se, se.Version(6))
	tried := 0
	for _, fd := range fields {
		rules, err := p.CanBreak(fd.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, rule := range rules {
			for _, f := range []webhook.WireFormat{webhook.JSON, webhook.Form} {
				tried++
				arg := fd.Name + "=" + string(rule)
				code, out, errOut := runCmd("example", "-event", "NewSaleSuccess", "-format", f.String(), "-break", arg)
				if code != 0 {
					t.Fatalf("-break %s: exit %d: %s", arg, code, errOut)
				}
				if got := problemsOf(t, "NewSaleSuccess", 6, f, out); !slices.Equal(got, []string{fd.Name + " " + string(rule)}) {
					t.Errorf("-break %s (%s): %v\n%s", arg, f, got, out)
				}
			}
		}
	}
	if tried < 60 {
		t.Errorf("only %d breaks tried", tried)
	}
}

func TestExampleFlags(t *testing.T) {
	sample, _ := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	v6JSON := string(sample.AppendJSON(nil))
	v4, _ := ccbill.Sample(ccbill.NewSaleSuccess, 4)
	v4Form := string(v4.AppendForm(nil))
	tests := []struct {
		name string
		args []string
		code int
		want []string // in stdout+stderr; a leading "=" means stdout is exactly the rest
		not  []string
	}{
		{"the latest version, as JSON", []string{"example", "-event", "NewSaleSuccess", "-fixed"}, 0, []string{"=" + v6JSON}, nil},
		{"a form-only version, as a form", []string{"example", "-event", "NewSaleSuccess", "-version", "4", "-fixed"}, 0, []string{"=" + v4Form}, nil},
		{"set", []string{"example", "-event", "NewSaleSuccess", "-fixed", "-set", "clientAccnum=900200", "-set", "flexID="}, 0,
			[]string{`"clientAccnum":"900200"`, `"flexId":""`}, []string{"900100"}},
		{"a pass-through variable", []string{"example", "-event", "NewSaleSuccess", "-extra", "X-customer_fname=Jo"}, 0, []string{`"X-customer_fname":"Jo"}`}, []string{"note:"}},
		{"an unknown member on purpose", []string{"example", "-event", "Void", "-extra", "scaResponseStatus=Y"}, 0, []string{`"scaResponseStatus":"Y"}`, "hookcheck: note: scaResponseStatus is not a field or pass-through variable of Void v4; strict validation reports it (rule unknown)"}, nil},
		{"a pass-through variable of a version without them", []string{"example", "-event", "RenewalFailure", "-extra", "X-ref=1"}, 0,
			[]string{`"X-ref":"1"}`, "note: X-ref is not a field or pass-through variable of RenewalFailure v3"}, nil},
		{"break", []string{"example", "-event", "NewSaleSuccess", "-break", "timestamp=format", "-break", "clientSubacc=required"}, 0,
			[]string{`"timestamp":"2012-08-05T15:18:17"`}, []string{"clientSubacc"}},
		{"a format the version is not sent in", []string{"example", "-event", "NewSaleSuccess", "-version", "4", "-format", "json"}, 2,
			[]string{"-format: NewSaleSuccess v4 is sent as form, not json"}, nil},
		{"a bad format", []string{"example", "-event", "Void", "-format", "xml"}, 2, []string{`-format "xml": want json or form`}, nil},
		{"no event", []string{"example"}, 2, []string{"example needs -event NAME"}, nil},
		{"an argument", []string{"example", "-event", "Void", "x.json"}, 2, []string{`unexpected argument "x.json"`}, nil},
		{"an unknown event", []string{"example", "-event", "NewSale"}, 2, []string{`no vendor has event type "NewSale" (did you mean NewSaleFailure or NewSaleSuccess?)`}, nil},
		{"an unknown event of a vendor", []string{"example", "-vendor", "ccbill", "-event", "NewSale"}, 2, []string{`ccbill has no event "NewSale" (did you mean NewSaleFailure or NewSaleSuccess?)`}, nil},
		{"an unknown version", []string{"example", "-event", "Void", "-version", "9"}, 2, []string{"Void has no version 9 (its versions: 1, 2, 3, 4)"}, nil},
		{"an unknown vendor", []string{"example", "-vendor", "stripe", "-event", "Void"}, 2, []string{`unknown vendor "stripe"`}, nil},
		{"set an unknown field", []string{"example", "-event", "NewSaleSuccess", "-set", "subscriptionID=1"}, 2,
			[]string{`-set subscriptionID: NewSaleSuccess v6 has no field "subscriptionID" (did you mean subscriptionId?); -extra subscriptionID=VALUE sends a member the version does not define`}, nil},
		{"set without a value", []string{"example", "-event", "Void", "-set", "timestamp"}, 2, []string{`-set "timestamp": want FIELD=VALUE`}, nil},
		{"set an invalid value", []string{"example", "-event", "Void", "-set", "clientSubacc=12345"}, 2,
			[]string{`-set clientSubacc: breaks rule width: not exactly 4 characters: "12345"; -break clientSubacc=width sends a value that breaks a rule on purpose`}, nil},
		{"set a value longer than documented, which real traffic sends (a warning)", []string{"example", "-event", "NewSaleSuccess", "-set", "state=Baden-Wuerttemberg-Sued"}, 0,
			[]string{`"state":"Baden-Wuerttemberg-Sued"`}, []string{"breaks rule"}},
		{"set a value of an open enum the guide does not list (a warning)", []string{"example", "-event", "Cancellation", "-set", "source=customerSupport"}, 0,
			[]string{`"source":"customerSupport"`}, []string{"breaks rule"}},
		{"set a secret badly", []string{"example", "-event", "NewSaleSuccess", "-set", "password=" + strings.Repeat("s3cr3t", 6)}, 2,
			[]string{"-set password: breaks rule maxLength: longer than 30 characters (value redacted);"}, []string{"s3cr3t"}},
		{"set an extra that is a field", []string{"example", "-event", "Void", "-extra", "timestamp=1"}, 2, []string{"-extra timestamp: timestamp is a field of Void v4"}, nil},
		{"break a rule the field has not", []string{"example", "-event", "NewSaleSuccess", "-break", "subscriptionId=width"}, 2,
			[]string{"-break subscriptionId=width: subscriptionId cannot break rule width; it can break digits, range"}, nil},
		{"break no rule", []string{"example", "-event", "Void", "-break", "timestamp=wrong"}, 2, []string{`"wrong" is not a rule id (rule ids: required,`}, nil},
		{"break unknown", []string{"example", "-event", "Void", "-break", "timestamp=unknown"}, 2,
			[]string{"-break timestamp=unknown: timestamp cannot break rule unknown: it is a field of Void v4; only a member the version does not define is unknown; -extra NAME=VALUE sends a member the version does not define"}, nil},
		{"break without a rule", []string{"example", "-event", "Void", "-break", "timestamp"}, 2, []string{`-break "timestamp": want FIELD=RULE`}, nil},
		{"break and set one field", []string{"example", "-event", "Void", "-set", "timestamp=2020-01-01 00:00:00", "-break", "timestamp=format"}, 2,
			[]string{"timestamp was set, so it cannot also be broken"}, nil},
		{"a spec directory", []string{"example", "-spec", "../../spec/ccbill", "-event", "Void", "-fixed"}, 0, []string{`"timestamp":"2012-08-05 15:18:17"`}, nil},
		{"a missing spec directory", []string{"example", "-spec", "nope", "-event", "Void"}, 2, []string{"nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if exact, ok := strings.CutPrefix(w, "="); ok {
					if out != exact {
						t.Errorf("stdout:\n%s\nwant exactly:\n%s", out, exact)
					}
				} else if !strings.Contains(out+errOut, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errOut)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out+errOut, n) {
					t.Errorf("output has %q:\n%s%s", n, out, errOut)
				}
			}
		})
	}
}

// A -spec directory must hold the -vendor's spec: the generated package that checks the body is
// the -vendor's.
func TestExampleSpecOfAnotherVendor(t *testing.T) {
	files := map[string]string{}
	entries, err := fs.Glob(hookspec.Specs, "spec/ccbill/*.yaml")
	if err != nil || len(entries) == 0 {
		t.Fatal(entries, err)
	}
	for _, name := range entries {
		data, err := fs.ReadFile(hookspec.Specs, name)
		if err != nil {
			t.Fatal(err)
		}
		files[path.Base(name)] = strings.Replace(string(data), "\n  id: ccbill\n", "\n  id: acme\n", 1)
	}
	dir := writeFiles(t, files)
	code, _, errOut := runCmd("example", "-spec", dir, "-event", "Void")
	if want := "is vendor acme's spec, not ccbill's (give -vendor acme)"; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d: %s\nwant %s", code, errOut, want)
	}
	code, _, errOut = runCmd("example", "-spec", t.TempDir(), "-event", "Void")
	if code != 2 || errOut == "" {
		t.Errorf("an empty spec directory: exit %d: %s", code, errOut)
	}
}

// recorded is one request a test receiver got.
type recorded struct {
	method, path string
	query        url.Values
	header       http.Header
	body         string
}

// receiver starts a test server that records each request and answers with status and answer.
func receiver(t *testing.T, status int, answer string) (*httptest.Server, <-chan recorded) {
	got := make(chan recorded, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- recorded{r.Method, r.URL.Path, r.URL.Query(), r.Header.Clone(), string(body)}
		w.Header().Set("X-Receiver", "test")
		w.WriteHeader(status)
		io.WriteString(w, answer)
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestSend(t *testing.T) {
	srv, got := receiver(t, http.StatusOK, "stored")
	code, out, errOut := runCmd("send", "-url", srv.URL+"/webhooks?token=abc", "-event", "NewSaleSuccess",
		"-set", "clientAccnum=900200", "-header", "X-Test: 1", "-header", "User-Agent: hookcheck")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	r := <-got
	if r.method != "POST" || r.path != "/webhooks" {
		t.Errorf("%s %s", r.method, r.path)
	}
	for name, want := range map[string]string{
		"token": "abc", "clientAccnum": "900200", "clientSubacc": "0000", "eventType": "NewSaleSuccess", "eventGroupType": "Subscription",
	} {
		if r.query.Get(name) != want || len(r.query[name]) != 1 {
			t.Errorf("query %s: %q, want %q", name, r.query[name], want)
		}
	}
	for name, want := range map[string]string{
		"Content-Type": "application/json", "X-Allowed-Satellites": "PHX,ASH,AMS", "Via": "1.1 wmq1.ccbill.com:3129 (squid/2.7.STABLE5), 1.0 internal",
		"X-Test": "1", "User-Agent": "hookcheck", "Content-Length": fmt.Sprint(len(r.body)),
	} {
		if got := r.header.Get(name); got != want {
			t.Errorf("header %s: %q, want %q", name, got, want)
		}
	}
	if problems := problemsOf(t, "NewSaleSuccess", 6, webhook.JSON, r.body); len(problems) > 0 {
		t.Errorf("the body sent: %v\n%s", problems, r.body)
	}
	if !strings.Contains(r.body, `"clientAccnum":"900200"`) {
		t.Errorf("body: %s", r.body)
	}
	for _, w := range []string{"HTTP/1.1 200 OK\n", "X-Receiver: test\n", "\n\nstored\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	if !strings.Contains(errOut, "hookcheck: POST "+srv.URL+"/webhooks?token=abc&clientAccnum=900200&clientSubacc=0000&eventType=NewSaleSuccess&eventGroupType=Subscription (NewSaleSuccess v6, json, ") {
		t.Errorf("stderr: %s", errOut)
	}

	// Two sends are two deliveries.
	runCmd("send", "-url", srv.URL, "-event", "NewSaleSuccess")
	runCmd("send", "-url", srv.URL, "-event", "NewSaleSuccess")
	if a, b := <-got, <-got; a.body == b.body {
		t.Errorf("the same body twice:\n%s", a.body)
	}
}

func TestSendFormsAndBrokenBodies(t *testing.T) {
	srv, got := receiver(t, http.StatusOK, "")
	code, out, errOut := runCmd("send", "-url", srv.URL, "-event", "Expiration", "-format", "form", "-break", "clientAccnum=required", "-fixed")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	r := <-got
	if ct := r.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %s", ct)
	}
	if r.query.Has("clientAccnum") || r.query.Get("eventType") != "Expiration" {
		t.Errorf("query %v: the account the body leaves out is left out", r.query)
	}
	if problems := problemsOf(t, "Expiration", 1, webhook.Form, r.body); !slices.Equal(problems, []string{"clientAccnum required"}) {
		t.Errorf("%v\n%s", problems, r.body)
	}
	if strings.Contains(out, "\n\n\n") {
		t.Errorf("an empty answer printed as blank lines:\n%q", out)
	}
}

func TestSendAnswersAndFailures(t *testing.T) {
	failing, _ := receiver(t, http.StatusInternalServerError, "database down")
	redirecting := httptest.NewServer(http.RedirectHandler("/elsewhere", http.StatusFound))
	t.Cleanup(redirecting.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); slow.Close() })
	var unusedPort string
	if l, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		unusedPort = l.Addr().String()
		l.Close()
	}

	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"a 500", []string{"-url", failing.URL}, 1, []string{"HTTP/1.1 500 Internal Server Error", "database down"}},
		{"a redirect is an answer, not followed", []string{"-url", redirecting.URL}, 1, []string{"HTTP/1.1 302 Found", "Location: /elsewhere"}},
		{"nothing listens", []string{"-url", closed.URL}, 1, []string{"hookcheck: Post \"" + closed.URL}},
		{"an unused port", []string{"-url", "http://" + unusedPort + "/"}, 1, []string{"connect: connection refused"}},
		{"too slow", []string{"-url", slow.URL, "-timeout", "100ms"}, 1, []string{"context deadline exceeded"}},
		{"no url", nil, 2, []string{"send needs -url URL"}},
		{"not http", []string{"-url", "ftp://example.com/"}, 2, []string{`-url: "ftp://example.com/" is not an http or https URL`}},
		{"a relative url", []string{"-url", "/webhooks"}, 2, []string{"is not an http or https URL"}},
		{"a bad header", []string{"-url", failing.URL, "-header", "X-Test 1"}, 2, []string{`-header "X-Test 1": want 'NAME: VALUE'`}},
		{"a computed header", []string{"-url", failing.URL, "-header", "Content-Length: 1"}, 2, []string{"Content-Length is computed from the body"}},
		{"no timeout", []string{"-url", failing.URL, "-timeout", "0s"}, 2, []string{"-timeout 0s: want a positive duration"}},
		{"an invalid body is never sent", []string{"-url", failing.URL, "-set", "clientSubacc=1"}, 2, []string{"-set clientSubacc: breaks rule width: not exactly 4 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"send", "-event", "Void"}, tt.args...)
			code, out, errOut := runCmd(args...)
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

// lyingEvent is a decoded event whose validator disagrees with what payload built.
type lyingEvent struct{ problems []webhook.Problem }

func (e lyingEvent) Version() int { return 4 }
func (e lyingEvent) Formats() webhook.FormatSet {
	return webhook.FormatSet(webhook.JSON | webhook.Form)
}
func (e lyingEvent) LogValue() slog.Value  { return slog.GroupValue() }
func (e lyingEvent) Validate() error       { return e.ValidateStrict() }
func (e lyingEvent) ValidateStrict() error { return e.ValidateWith(webhook.ValidateOptions{}) }
func (e lyingEvent) ValidateWith(webhook.ValidateOptions) error {
	if len(e.problems) == 0 {
		return nil
	}
	return &webhook.ValidationError{Event: "Void", Version: 4, Problems: e.problems}
}

// When the generated validator disagrees with the body payload built (a bug on either side),
// hookcheck says so and sends nothing.
func TestAMismatchIsNeverSent(t *testing.T) {
	srv, got := receiver(t, http.StatusOK, "")
	genuine := vendors["ccbill"]
	t.Cleanup(func() { vendors["ccbill"] = genuine })
	for _, tt := range []struct {
		name     string
		problems []webhook.Problem
		args     []string
		want     string
	}{
		{"a valid body found invalid", []webhook.Problem{{Field: "amount", Rule: webhook.RuleDecimal}}, nil,
			"internal error: Void v4 as json should have no problem, but the generated ccbill validator finds [amount decimal]; nothing was sent"},
		{"a broken body found valid", nil, []string{"-break", "timestamp=format"},
			"internal error: Void v4 as json should have [timestamp format], but the generated ccbill validator finds no problem; nothing was sent"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lying := genuine
			lying.Decode = func(string, int, string, []byte) (webhook.Event, error) { return lyingEvent{tt.problems}, nil }
			vendors["ccbill"] = lying
			code, out, errOut := runCmd(append([]string{"send", "-url", srv.URL, "-event", "Void"}, tt.args...)...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d\n%s%s\nwant %s", code, out, errOut, tt.want)
			}
			select {
			case r := <-got:
				t.Errorf("sent anyway: %s", r.body)
			default:
			}
		})
	}
}

// The usage text names the new commands, so that `hookcheck help` is enough to find them.
func TestUsageNamesExampleAndSend(t *testing.T) {
	code, out, _ := runCmd("help")
	if code != 0 || !strings.Contains(out, "hookcheck example [-vendor V] [-spec DIR] -event NAME") || !strings.Contains(out, "hookcheck send -url URL") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
