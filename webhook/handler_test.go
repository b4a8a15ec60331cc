package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"testing/iotest"
)

// testEvent is a one-field event, so that the handler is tested here without a generated
// package.
type testEvent struct {
	Account string
	// Region is documented as at most 5 characters, which real traffic exceeds: a warning.
	Region string
	Extra  Fields
}

func (e *testEvent) Version() int       { return 1 }
func (e *testEvent) Formats() FormatSet { return FormatSet(JSON | Form) }
func (e *testEvent) Validate() error    { return e.ValidateWith(ValidateOptions{}) }
func (e *testEvent) ValidateStrict() error {
	return e.ValidateWith(ValidateOptions{Strict: true})
}
func (e *testEvent) ValidateWith(o ValidateOptions) error {
	var v Validator
	v.Required("account", e.Account)
	v.Warning("region-longer-than-documented").MaxLength("region", e.Region, 5, Show)
	if o.Strict {
		for _, m := range e.Extra {
			v.Unknown(m.Name, m.Value, Show)
		}
	}
	return v.ErrOn("Test", 1, o.FailOn)
}
func (e *testEvent) WriteFields(w FieldWriter) {
	w.Field("account", e.Account)
	w.Field("region", e.Region)
	w.Extra(e.Extra)
}
func (e *testEvent) LogValue() slog.Value {
	var w AttrWriter
	e.WriteFields(&w)
	return w.Value()
}

func testEndpoint() Endpoint[*testEvent] {
	return Endpoint[*testEvent]{
		Vendor:       "test",
		EventParam:   "type",
		Accounts:     []AccountParam{{Param: "account", Field: "account", Want: "0042"}},
		SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
		Decode: func(eventType string, _ int, format WireFormat, body []byte) (*testEvent, error) {
			if eventType != "Ping" {
				return nil, &UnknownEventError{Vendor: "test", Event: eventType}
			}
			e := &testEvent{}
			var r interface {
				Next() bool
				Key() string
				Value() string
				Err() error
			}
			if format == JSON {
				jr := NewJSONReader(string(body))
				r = &jr
			} else {
				fr := NewFormReader(string(body))
				r = &fr
			}
			for r.Next() {
				switch r.Key() {
				case "account":
					e.Account = r.Value()
				case "region":
					e.Region = r.Value()
				default:
					e.Extra = append(e.Extra, Field{Name: r.Key(), Value: r.Value()})
				}
			}
			return e, r.Err()
		},
	}
}

func TestSender(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}
	tests := []struct {
		name, peer, header string
		lines              []string
		want               string // "" means an error
	}{
		{name: "untrusted peer, header ignored", peer: "203.0.113.5:443", lines: []string{"192.0.2.1"}, want: "203.0.113.5"},
		{name: "IPv6 peer", peer: "[2001:db8::1]:443", want: "2001:db8::1"},
		{name: "mapped IPv4 peer", peer: "[::ffff:192.0.2.9]:443", want: "192.0.2.9"},
		{name: "peer without port", peer: "192.0.2.9", want: "192.0.2.9"},
		{name: "unreadable peer", peer: "pipe", want: ""},
		{name: "trusted peer, no header", peer: "10.0.0.1:1", want: "10.0.0.1"},
		{name: "right-most untrusted", peer: "10.0.0.1:1", lines: []string{"198.51.100.1, 192.0.2.1, 10.2.3.4"}, want: "192.0.2.1"},
		{name: "several header lines", peer: "10.0.0.1:1", lines: []string{"192.0.2.1", "10.9.9.9, 10.2.3.4"}, want: "192.0.2.1"},
		{name: "forged left entry ignored", peer: "10.0.0.1:1", lines: []string{"192.0.2.1, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "all trusted: left-most", peer: "10.0.0.1:1", lines: []string{"10.3.3.3, 10.2.2.2"}, want: "10.3.3.3"},
		{name: "entry with port and brackets", peer: "10.0.0.1:1", lines: []string{"[2001:db8::7]:8080"}, want: "2001:db8::7"},
		{name: "empty entries skipped", peer: "10.0.0.1:1", lines: []string{" , 192.0.2.3 ,, "}, want: "192.0.2.3"},
		{name: "unreadable entry", peer: "10.0.0.1:1", lines: []string{"192.0.2.1, unknown"}, want: ""},
		{name: "Forwarded", peer: "10.0.0.1:1", header: "Forwarded", lines: []string{`for=198.51.100.1, for="[2001:db8::7]:4711";proto=https, for=10.2.2.2`}, want: "2001:db8::7"},
		{name: "Forwarded, case and spaces", peer: "10.0.0.1:1", header: "Forwarded", lines: []string{`proto=https; For=192.0.2.8`}, want: "192.0.2.8"},
		{name: "Forwarded unknown", peer: "10.0.0.1:1", header: "Forwarded", lines: []string{`for=unknown`}, want: ""},
		{name: "Forwarded obfuscated", peer: "10.0.0.1:1", header: "Forwarded", lines: []string{`for=_hidden`}, want: ""},
		{name: "Forwarded without for", peer: "10.0.0.1:1", header: "Forwarded", lines: []string{`proto=https`}, want: ""},
		{name: "IPv6 trusted proxy", peer: "[2001:db8:ffff::1]:1", lines: []string{"192.0.2.4"}, want: "192.0.2.4"},
		{name: "zoned IPv6 trusted proxy with a port", peer: "[2001:db8:ffff::5%eth0]:1", lines: []string{"192.0.2.4"}, want: "192.0.2.4"},
		{name: "zoned IPv6 entry", peer: "10.0.0.1:1", lines: []string{"[2001:db8::7%eth1]:80"}, want: "2001:db8::7"},
		{name: "zoned IPv6 peer", peer: "[fe80::1%en0]:443", want: "fe80::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewHandler(testEndpoint(), func(context.Context, *Delivery[*testEvent]) error { return nil },
				Options{TrustedProxies: proxies, ForwardedHeader: tt.header})
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r.RemoteAddr = tt.peer
			for _, l := range tt.lines {
				r.Header.Add(h.header, l)
			}
			got, err := h.sender(r)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("sender = %v, want an error", got)
				}
				return
			}
			if err != nil || got != netip.MustParseAddr(tt.want) {
				t.Fatalf("sender = %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func TestReadQuery(t *testing.T) {
	h, err := NewHandler(testEndpoint(), func(context.Context, *Delivery[*testEvent]) error { return nil }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		raw, event, account, err string
	}{
		{raw: "type=Ping&account=0042", event: "Ping", account: "0042"},
		{raw: "&&type=Ping&other=1&other=2&", event: "Ping"},
		{raw: "t%79pe=P%69ng+x", event: "Ping x"},
		{raw: "type=Ping&type=Ping", err: "query parameter type: sent twice"},
		{raw: "type=%zz", err: "query parameter type: invalid percent-encoding"},
		{raw: "%zz=1", err: `query parameter "%zz"`},
		{raw: "type=%ff", err: "not valid UTF-8"},
		{raw: "", event: ""},
	}
	for _, tt := range tests {
		q, err := h.readQuery(tt.raw)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("readQuery(%q) = %v, want error containing %q", tt.raw, err, tt.err)
			}
			continue
		}
		if err != nil || q.values[0] != tt.event || q.values[3] != tt.account {
			t.Errorf("readQuery(%q) = %q, %v; want event %q account %q", tt.raw, q.values, err, tt.event, tt.account)
		}
	}
}

func TestReadBody(t *testing.T) {
	h, err := NewHandler(testEndpoint(), func(context.Context, *Delivery[*testEvent]) error { return nil }, Options{MaxBodyBytes: 10})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		body          io.Reader
		contentLength int64
		want          string
		err           error
	}{
		{name: "at the limit", body: strings.NewReader("0123456789"), contentLength: 10, want: "0123456789"},
		{name: "unknown length, at the limit", body: strings.NewReader("0123456789"), contentLength: -1, want: "0123456789"},
		{name: "declared over the limit", body: strings.NewReader("0123456789a"), contentLength: 11, err: errTooLarge},
		{name: "unknown length, over the limit", body: strings.NewReader("0123456789a"), contentLength: -1, err: errTooLarge},
		{name: "declared short, sent long", body: strings.NewReader("0123456789abc"), contentLength: 3, err: errTooLarge},
		{name: "one byte at a time", body: iotest.OneByteReader(strings.NewReader("abc")), contentLength: -1, want: "abc"},
		{name: "read error", body: iotest.ErrReader(errors.New("connection reset")), contentLength: -1, err: errors.New("connection reset")},
		{name: "empty", body: strings.NewReader(""), contentLength: 0, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", tt.body)
			r.ContentLength = tt.contentLength
			got, err := h.readBody(r, []byte("prefix"))
			switch {
			case tt.err != nil:
				if err == nil || err.Error() != tt.err.Error() {
					t.Errorf("readBody = %q, %v; want %v", got, err, tt.err)
				}
			case err != nil || string(got) != "prefix"+tt.want:
				t.Errorf("readBody = %q, %v; want %q after the prefix", got, err, tt.want)
			}
		})
	}
}

func TestDeliveryKey(t *testing.T) {
	k := NewDeliveryKey("Ping", []byte(`{"account":"0042"}`))
	text, err := k.MarshalText()
	if err != nil || string(text) != k.String() || len(text) != 64 {
		t.Fatalf("MarshalText = %q, %v", text, err)
	}
	var back DeliveryKey
	if err := back.UnmarshalText(text); err != nil || back != k {
		t.Errorf("UnmarshalText = %v, %v", back, err)
	}
	for _, bad := range []string{"", "abc", strings.Repeat("zz", 32)} {
		if err := back.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("UnmarshalText(%q) accepted", bad)
		}
	}
	if NewDeliveryKey("Ping", []byte("a")) == NewDeliveryKey("Pin", []byte("ga")) {
		t.Error("the event type and the body run together in the key")
	}
}

// The handler is vendor-neutral: the same statuses for an endpoint defined by hand.
func TestHandlerWithoutGeneratedPackage(t *testing.T) {
	var got []*Delivery[*testEvent]
	var logs bytes.Buffer
	h, err := NewHandler(testEndpoint(), func(_ context.Context, d *Delivery[*testEvent]) error {
		got = append(got, d)
		return nil
	}, Options{
		SourceRanges: []netip.Prefix{netip.MustParsePrefix("::ffff:127.0.0.1/128")}, // the mapped spelling of loopback
		Logger:       slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	post := func(query, body string) int {
		resp, err := http.Post(srv.URL+"/?"+query, "", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post("type=Ping&account=42", `{"account":"42"}`); s != 200 || len(got) != 1 || got[0].Event.Account != "42" || got[0].Format != JSON {
		t.Errorf("status %d, deliveries %+v", s, got)
	}
	if s := post("type=Ping&account=42", `account=43`); s != 403 {
		t.Errorf("another account in the body: status %d, want 403", s)
	}
	if s := post("type=Pong&account=42", `account=42`); s != 422 {
		t.Errorf("unknown event: status %d, want 422", s)
	}
	if !strings.Contains(logs.String(), "account-mismatch") {
		t.Errorf("log lacks the rejection: %s", logs.String())
	}
}

// Junk is a rejection: bodies from which no event can be read are not deliveries.
func TestHandlerRejectsJunkBodies(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    RejectReason // "" is a delivery
	}{
		{"empty", "application/json", "", RejectUndecodable},
		{"empty form", "application/x-www-form-urlencoded", "", RejectUndecodable},
		{"whitespace", "", " \r\n\t", RejectUndecodable},
		{"only a BOM", "application/json", "\xEF\xBB\xBF\n", RejectUndecodable},
		{"JSON with a BOM", "application/json", "\xEF\xBB\xBF{\"account\":\"42\"}", ""},
		{"form with a BOM", "application/x-www-form-urlencoded", "\xEF\xBB\xBFaccount=42", ""},
		{"JSON type, a JSON array", "application/json", `[{"account":"42"}]`, RejectUndecodable},
		{"JSON type, a cut JSON body", "application/json", `"account":"42","password":"hunter2"}`, RejectUndecodable},
		{"JSON type, a form body", "application/json", "account=42", ""},
		{"form type, a JSON body", "application/x-www-form-urlencoded", `{"account":"42"}`, ""},
		{"no type, junk", "", "hello", ""},
		{"form cut by an unencoded & in a secret", "application/x-www-form-urlencoded", "account=42&password=hunt&er2", RejectUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rejected *Rejection
			delivered := false
			h, err := NewHandler(testEndpoint(), func(context.Context, *Delivery[*testEvent]) error {
				delivered = true
				return nil
			}, Options{
				SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
				OnReject: func(_ context.Context, r *Rejection) error {
					rejected = r
					return nil
				},
				Logger: slog.New(slog.DiscardHandler),
			})
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodPost, "/?type=Ping&account=42", strings.NewReader(tt.body))
			r.RemoteAddr = "192.0.2.1:1"
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			switch {
			case tt.want == "" && (!delivered || rejected != nil):
				t.Errorf("not delivered: rejection %v", rejected)
			case tt.want != "" && (delivered || rejected == nil || rejected.Reason != tt.want):
				t.Errorf("delivered %v, rejection %v; want %s", delivered, rejected, tt.want)
			}
			if rejected != nil && strings.Contains(rejected.Error(), "hunter2") {
				t.Errorf("the rejection quotes the body: %v", rejected)
			}
		})
	}
}

func TestSameAccount(t *testing.T) {
	for _, tt := range []struct {
		got, want string
		same      bool
	}{
		{"0000", "0", true}, {"900100", "900100", true}, {"0001", "0000", false},
		{"", "0", false}, {"abc", "abc", true}, {"0abc", "abc", false},
	} {
		if sameAccount(tt.got, tt.want) != tt.same {
			t.Errorf("sameAccount(%q, %q) = %v", tt.got, tt.want, !tt.same)
		}
	}
}

// A delivery whose problems are all warnings is valid: Validation is nil and Warnings name the
// erratum; FailOn warning makes it invalid, and an error makes it invalid whatever FailOn says.
// The log says which, and every delivery is answered 200 (the handler refuses no event) unless
// the callback fails. A warning's value is personal data (a region here): the Info and Error
// records and the Delivery's String name the warning without it; only the Debug record has it.
func TestHandlerWarnings(t *testing.T) {
	const personal = "Baden-Wuerttemberg"
	tests := []struct {
		name           string
		body           string
		failOn         Severity
		strict         bool
		level          slog.Level
		callbackErr    error
		wantValidation string // "" for nil
		wantWarnings   int
		wantLog        string
	}{
		{"valid", `{"account":"42","region":"Bern"}`, SeverityError, false, slog.LevelInfo, nil, "", 0, ""},
		{"a warning only", `{"account":"42","region":"Baden-Wuerttemberg"}`, SeverityError, false, slog.LevelInfo, nil, "", 1,
			`delivery.warnings="Ping v1: region: longer than 5 characters (value redacted) (warning, erratum region-longer-than-documented)"`},
		{"a warning, failing on warnings", `{"account":"42","region":"Baden-Wuerttemberg"}`, SeverityWarning, false, slog.LevelInfo, nil,
			`Test v1: region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented)`, 1,
			`delivery.validation="Test v1: region: longer than 5 characters (value redacted) (warning, erratum region-longer-than-documented)"`},
		{"an error and a warning", `{"account":"42","region":"Baden-Wuerttemberg","pass":"hunter2"}`, SeverityError, true, slog.LevelInfo, nil,
			`Test v1: 2 problems: region: longer than 5 characters: "Baden-Wuerttemberg" (warning, erratum region-longer-than-documented); pass: not a field of this event version`,
			1, `delivery.validation="Test v1: 2 problems: region: longer than 5 characters (value redacted) (warning, erratum region-longer-than-documented); pass: not a field of this event version"`},
		{"a warning, the callback failing", `{"account":"42","region":"Baden-Wuerttemberg"}`, SeverityError, false, slog.LevelInfo, errors.New("database down"), "", 1,
			`level=ERROR msg="webhook callback failed; the vendor will redeliver" delivery.key=`},
		{"a warning at Debug level", `{"account":"42","region":"Baden-Wuerttemberg"}`, SeverityError, false, slog.LevelDebug, nil, "", 1,
			`warnings="Ping v1: region: longer than 5 characters: \"Baden-Wuerttemberg\" (warning, erratum region-longer-than-documented)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *Delivery[*testEvent]
			var logs bytes.Buffer
			h, err := NewHandler(testEndpoint(), func(_ context.Context, d *Delivery[*testEvent]) error {
				got = d
				return tt.callbackErr
			}, Options{
				SourceRanges: []netip.Prefix{netip.MustParsePrefix("::ffff:127.0.0.1/128"), netip.MustParsePrefix("127.0.0.1/32")},
				Logger:       slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: tt.level})),
				Strict:       tt.strict,
				FailOn:       tt.failOn,
			})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			resp, err := http.Post(srv.URL+"/?type=Ping&account=42", "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			wantStatus := http.StatusOK
			if tt.callbackErr != nil {
				wantStatus = http.StatusInternalServerError
			}
			if resp.StatusCode != wantStatus || got == nil {
				t.Fatalf("status %d, delivery %v", resp.StatusCode, got)
			}
			if gotText := errorText(got.Validation); gotText != tt.wantValidation {
				t.Errorf("Validation = %q\nwant         %q", gotText, tt.wantValidation)
			}
			if len(got.Warnings) != tt.wantWarnings {
				t.Errorf("%d warnings, want %d: %v", len(got.Warnings), tt.wantWarnings, got.Warnings)
			}
			for _, w := range got.Warnings {
				if w.Severity != SeverityWarning || w.Erratum != "region-longer-than-documented" {
					t.Errorf("warning %+v lacks its severity or erratum", w)
				}
			}
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log lacks %s:\n%s", tt.wantLog, logs.String())
			}
			if strings.Contains(logs.String(), "hunter2") || strings.Contains(got.String(), "hunter2") {
				t.Errorf("an unknown member's value was logged:\n%s", logs.String())
			}
			if tt.wantValidation == "" && tt.wantWarnings > 0 && !strings.Contains(got.String(), ": warnings: ") {
				t.Errorf("String() = %q, does not list the warnings", got.String())
			}
			if tt.level >= slog.LevelInfo && strings.Contains(logs.String(), personal) {
				t.Errorf("a warning's value reached the log at Info level:\n%s", logs.String())
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				if out := fmt.Sprintf(verb, got); strings.Contains(out, personal) {
					t.Errorf("fmt %s of the delivery prints a warning's value: %s", verb, out)
				}
			}
		})
	}
}
