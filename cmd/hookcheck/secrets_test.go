package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/webhook"
)

// TestNoSecretInAnyOutput is issue 19's matrix: secret-bearing payloads of every event version
// of every generated vendor package (hookspec.Vendors, with matrixHandlers), in both wire formats, through every output
// the library and hookcheck have: Error strings, fmt's verbs, log/slog as JSON and text at
// Debug, the handler's log lines, answers and rejections, and hookcheck validate's text, json
// and github output and detect's. No secret may appear in any of them. (The example receiver's
// stored rows are checked by examples/receiver's own matrix test, which is its own module.)
//
// The secrets sit where real traffic puts them: in typed secret fields, in members named like
// secrets in any case, separator and prefix, in members that are not secret by name (whose
// values are left out of messages and logs unless asked for), and in bodies the readers cannot
// read as sent: an unencoded '&' that cuts a password into a member name, an empty key, an
// unquoted number, a byte order mark, a body that contradicts its Content-Type. A vendor whose
// events are nested (no webhook.FieldWriterTo) gets the same secrets added to its examples' top
// level, and the same checks of every output.
func TestNoSecretInAnyOutput(t *testing.T) {
	packages := hookspec.Vendors()
	if len(packages) == 0 {
		t.Fatal("no vendor package to run the matrix on")
	}
	for _, vendor := range packages {
		t.Run(vendor.Name, func(t *testing.T) {
			t.Parallel()
			newHandler, ok := matrixHandlers[vendor.Name]
			if !ok {
				t.Fatalf("no handler for %s in matrixHandlers (secrets_vendors_test.go)", vendor.Name)
			}
			mv := matrixVendor{name: vendor.Name, newHandler: newHandler}
			samples := vendorSamples(t, mv.name, vendor)
			captures := t.TempDir()
			hookcheckPosts := map[string][]post{} // by event: the latest version's posts
			for _, s := range samples {
				for i, c := range secretCases {
					for _, format := range s.formats {
						if c.formats != 0 && !c.formats.Has(format) {
							continue
						}
						post := c.build(s, format, fmt.Sprintf("Qz%02dLeak%sW", i, format))
						post.format, post.flat = format, s.flat
						t.Run(fmt.Sprintf("%s-v%d-%s-%s", s.event, s.version, c.name, format), func(t *testing.T) {
							checkLibrary(t, vendor, s, post)
							if s.latest {
								checkHandler(t, mv, s, c, post)
							}
						})
						if s.latest {
							writeCapture(t, captures, s, fmt.Sprintf("%02d-%s-%s", i, c.name, format), post)
							hookcheckPosts[s.event] = append(hookcheckPosts[s.event], post)
						}
					}
				}
			}
			flat := true
			for _, s := range samples {
				flat = flat && s.flat
			}
			checkHookcheck(t, mv.name, flat, hookcheckPosts, captures)
		})
	}
}

// matrixVendor is one generated package under test.
type matrixVendor struct {
	name string
	// newHandler builds the package's handler with the given callback and options.
	newHandler func(onEvent onDelivery, opt webhook.Options) (http.Handler, error)
}

// onDelivery is the matrix's event callback, the same for every vendor.
type onDelivery func(context.Context, delivered) error

// delivered is what a callback received, whatever the vendor's event type.
type delivered struct {
	delivery   any // *webhook.Delivery[E]
	event      any
	validation error
	warnings   []webhook.Problem
}

// member is one member of a body.
type member struct {
	name, value string
	secret      bool // a typed field the spec marks secret
}

// sample is the spec's example of one event version, the body the cases start from.
type sample struct {
	event   string
	version int
	latest  bool
	formats []webhook.WireFormat
	// flat is set for versions whose events give their members to a webhook.FieldWriter;
	// members are then the example's, and the cases write bodies from them. The cases add their
	// members to a nested body's top level, after raw's.
	flat    bool
	members []member
	raw     map[webhook.WireFormat]string // the example, encoded
	// payload builds the example and the vendor's request (query parameters, headers). Where it
	// cannot build a vendor's bodies yet, the example is the smallest envelope the route reads
	// (envelope) and the request is built from the route.
	payload *payload.Payload
	route   webhook.Route
}

// envelope is the smallest JSON body that names the sample's event type, version and key where
// the vendor's route reads them from the body; nil when the route reads any of them elsewhere.
// extra members are added after them.
func (s sample) envelope(t *testing.T, extra []member) []byte {
	t.Helper()
	w := webhook.NewJSONWriter(nil)
	for _, l := range []webhook.Locator{s.route.EventType, s.route.Version} {
		if l.In != webhook.InBody {
			return nil
		}
	}
	w.Field(s.route.EventType.Name, s.event)
	version := ""
	for _, text := range []string{strconv.Itoa(s.version), "v" + strconv.Itoa(s.version), "V" + strconv.Itoa(s.version)} {
		if n, err := s.route.ParseVersion(text); err == nil && n == s.version {
			version = text
			break
		}
	}
	if version == "" {
		t.Fatalf("%s v%d: no spelling of the version that %q reads", s.event, s.version, s.route.VersionPattern)
	}
	w.Field(s.route.Version.Name, version)
	if s.route.Key.In == webhook.InBody {
		w.Field(s.route.Key.Name, "ev_matrix_"+s.event)
	}
	for _, m := range extra {
		w.Field(m.name, m.value)
	}
	return w.Bytes()
}

// request is the post of body as the vendor would send it: from payload where it builds the
// vendor's requests, otherwise from the route (the event type and version in the query when the
// route reads them there).
func (s sample) request(t *testing.T, p post) *http.Request {
	t.Helper()
	var req *http.Request
	if s.payload != nil {
		var err error
		if req, err = s.payload.NewRequest(context.Background(), "http://receiver.test/webhooks", p.format); err != nil {
			t.Fatal(err)
		}
	} else {
		q := url.Values{}
		if s.route.EventType.In == webhook.InQuery {
			q.Set(s.route.EventType.Name, s.event)
		}
		if s.route.Version.In == webhook.InQuery {
			q.Set(s.route.Version.Name, strconv.Itoa(s.version))
		}
		req = httptest.NewRequest(http.MethodPost, "http://receiver.test/webhooks?"+q.Encode(), nil)
	}
	req.Body = io.NopCloser(strings.NewReader(p.body))
	req.ContentLength = int64(len(p.body))
	req.Header.Set("Content-Type", p.contentType)
	return req
}

// vendorSamples builds every event version's example from the vendor's built-in spec and reads
// it back with the generated package, which says which fields are secret.
func vendorSamples(t *testing.T, vendorName string, vendor check.Vendor) []sample {
	t.Helper()
	s, err := embeddedSpec(vendorName)
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for _, event := range vendor.Events() {
		versions := vendor.Versions(event)
		for _, version := range versions {
			smp := sample{event: event, version: version, latest: version == versions[len(versions)-1],
				formats: vendor.Formats(event, version).List(), raw: map[webhook.WireFormat]string{}, route: vendor.Route}
			p, err := payload.Build(s, event, version, payload.Options{Fixed: true})
			if err == nil {
				smp.payload = p
			} else if smp.envelope(t, nil) == nil {
				t.Fatalf("%s v%d: no example to start from: %v", event, version, err)
			}
			for _, format := range smp.formats {
				var body []byte
				if smp.payload != nil {
					if body, err = p.Encode(format); err != nil {
						t.Fatal(err)
					}
				} else if format == webhook.JSON {
					body = smp.envelope(t, nil)
				} else {
					continue
				}
				smp.raw[format] = string(body)
				ev, err := vendor.Decode(event, version, format.ContentType(), body)
				if err != nil {
					t.Fatalf("%s v%d: the example does not decode: %v", event, version, err)
				}
				if fw, ok := ev.(webhook.FieldWriterTo); ok {
					var c memberCollector
					fw.WriteFields(&c)
					smp.flat, smp.members = true, c.members
				}
			}
			out = append(out, smp)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no event versions", vendorName)
	}
	return out
}

// memberCollector is a webhook.FieldWriter that keeps the members in wire order.
type memberCollector struct{ members []member }

func (c *memberCollector) Field(name, value string) {
	if value != "" {
		c.members = append(c.members, member{name: name, value: value})
	}
}

func (c *memberCollector) Secret(name string, value webhook.Secret) {
	c.members = append(c.members, member{name: name, value: string(value), secret: true})
}

func (c *memberCollector) Extra(fields webhook.Fields) {
	for _, f := range fields {
		c.members = append(c.members, member{name: f.Name, value: f.Value})
	}
}

// post is one case's body for one sample and format.
type post struct {
	format      webhook.WireFormat // the sample's format the body was built from
	flat        bool               // built from a flat sample's members
	body        string
	contentType string
	// secrets must appear in no output.
	secrets []string
	// data are values of members the version does not define whose names are not secret: in
	// no message or log line either, unless asked for (hookcheck -show-values), and kept in an
	// event's stored payload as any other value is.
	data []string
}

// secretCase is one way a secret reaches a receiver.
type secretCase struct {
	name string
	// formats are the wire formats the case applies to; 0 means every format of the version.
	formats webhook.FormatSet
	build   func(s sample, f webhook.WireFormat, secret string) post
	// outcome is what the handler must do with a flat sample's post: deliver it, reject it, or
	// either (a duplicate key in one version is a plain member in another).
	outcome outcome
}

type outcome int

const (
	eitherOutcome outcome = iota
	delivers
	rejects
)

// secretSpellings are names a secret arrives under when the version does not define it: the
// issue's 41 leaking cases were these, in other cases and with the pass-through prefix.
var secretSpellings = []string{
	"password", "Password", "PASSWORD", "X-password", "X-Password", "x-PASSWORD", "X-user-password",
	"X_user_password", "X-passwd", "X-pass", "X-pwd", "X-secret", "X-client_secret", "X-api_key", "X-apiKey",
	"X-API-KEY", "X-key", "X-token", "X-authToken", "X-auth", "X-cardNumber", "X-card_number", "X-cvv", "X-CVV2",
}

var secretCases = func() []secretCase {
	cases := []secretCase{
		{name: "typed", outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			return s.encoded(f, withSecret(s.members, secret), secret)
		}},
		{name: "typed-too-long", outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			return s.encoded(f, withSecret(s.members, strings.Repeat(secret, 4)), secret)
		}},
		{name: "unknown-member-value", outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			ms := append(withSecret(s.members, "Typed"+secret), member{name: "X-ref", value: secret}, member{name: "notes", value: secret})
			p := s.encoded(f, ms, "Typed"+secret)
			p.data = []string{secret}
			return p
		}},
		{name: "sent-twice", outcome: eitherOutcome, // a key the version does not define may repeat
			build: func(s sample, f webhook.WireFormat, secret string) post {
				name := secretName(s)
				ms := append(withSecret(s.members, secret), member{name: name, value: secret + "2"})
				return s.encoded(f, ms, secret)
			}},
		{name: "bom", outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withSecret(s.members, secret), secret)
			p.body = "\xEF\xBB\xBF" + p.body
			return p
		}},
		{name: "many-unknown-members", outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			ms := withSecret(s.members, secret+"typed")
			for i := range webhook.MaxExtraMembers + 50 {
				ms = append(ms, member{name: fmt.Sprintf("X-f%03d", i), value: "v"})
			}
			ms = append(ms, member{name: "X-password", value: secret})
			return s.encoded(f, ms, secret)
		}},
		// An unencoded '&' in a form password cuts it in two: the tail becomes a member name.
		{name: "cut-by-ampersand", formats: webhook.FormatSet(webhook.Form), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withoutSecret(s.members), secret, "Tail"+secret)
			p.body += "&" + secretName(s) + "=" + secret + "&Tail" + secret
			return p
		}},
		{name: "empty-key", formats: webhook.FormatSet(webhook.Form), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withSecret(s.members, secret+"typed"), secret)
			p.body += "&=" + secret
			return p
		}},
		{name: "bad-percent", formats: webhook.FormatSet(webhook.Form), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withoutSecret(s.members), secret)
			p.body += "&" + secretName(s) + "=" + secret + "%zz"
			return p
		}},
		{name: "form-declared-json", formats: webhook.FormatSet(webhook.Form), outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withSecret(s.members, secret), secret)
			p.contentType = webhook.JSON.ContentType()
			return p
		}},
		{name: "unquoted-number", formats: webhook.FormatSet(webhook.JSON), outcome: rejects, build: func(s sample, f webhook.WireFormat, _ string) post {
			const digits = "0079314159265"
			return rawJSONMember(s, secretName(s), digits, digits)
		}},
		{name: "bare-word", formats: webhook.FormatSet(webhook.JSON), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			return rawJSONMember(s, secretName(s), secret, secret)
		}},
		{name: "bad-escape", formats: webhook.FormatSet(webhook.JSON), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			return rawJSONMember(s, secretName(s), `"`+secret+`\q"`, secret)
		}},
		{name: "control-character", formats: webhook.FormatSet(webhook.JSON), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			return rawJSONMember(s, secretName(s), "\""+secret+"\x01\"", secret)
		}},
		// A JSON body whose '{' was lost: sniffed as a form, the whole body is one member name.
		{name: "cut-json", formats: webhook.FormatSet(webhook.JSON), outcome: rejects, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withSecret(s.members, secret), secret)
			p.body = p.body[1:]
			return p
		}},
		{name: "json-declared-form", formats: webhook.FormatSet(webhook.JSON), outcome: delivers, build: func(s sample, f webhook.WireFormat, secret string) post {
			p := s.encoded(f, withSecret(s.members, secret), secret)
			p.contentType = webhook.Form.ContentType()
			return p
		}},
	}
	for _, name := range secretSpellings {
		cases = append(cases, secretCase{name: "named-" + name, build: func(s sample, f webhook.WireFormat, secret string) post {
			return s.encoded(f, append(withSecret(s.members, secret+"typed"), member{name: name, value: secret}), secret)
		}})
	}
	return cases
}()

// secretName is the name of the sample's typed secret field, or "password" for a version that
// has none: a password sent to a version that lacks the field.
func secretName(s sample) string {
	for _, m := range s.members {
		if m.secret {
			return m.name
		}
	}
	return "password"
}

// withSecret returns the members with every typed secret's value set to secret, or, for a
// version without one, with a "password" member added.
func withSecret(ms []member, secret string) []member {
	out := slices.Clone(ms)
	found := false
	for i := range out {
		if out[i].secret {
			out[i].value, found = secret, true
		}
	}
	if !found {
		out = append(out, member{name: "password", value: secret})
	}
	return out
}

func withoutSecret(ms []member) []member {
	return slices.DeleteFunc(slices.Clone(ms), func(m member) bool { return m.secret })
}

// encoded writes the members as a body of format f, sent with f's Content-Type: the whole body
// for a flat sample, the members added to the example's top level for a nested one.
func (s sample) encoded(f webhook.WireFormat, ms []member, secrets ...string) post {
	if !s.flat {
		return s.extended(f, ms, secrets...)
	}
	var w webhook.FieldWriter
	var jw *webhook.JSONWriter
	var fw *webhook.FormWriter
	if f == webhook.JSON {
		jw = webhook.NewJSONWriter(nil)
		w = jw
	} else {
		fw = webhook.NewFormWriter(nil)
		w = fw
	}
	fields := make(webhook.Fields, len(ms))
	for i, m := range ms {
		fields[i] = webhook.Field{Name: m.name, Value: m.value}
	}
	w.Extra(fields) // every member as given, in order, empty values included
	p := post{contentType: f.ContentType(), secrets: secrets}
	if jw != nil {
		p.body = string(jw.Bytes())
	} else {
		p.body = string(fw.Bytes())
	}
	return p
}

// extended is the example of a nested sample with the members added at its top level.
func (s sample) extended(f webhook.WireFormat, ms []member, secrets ...string) post {
	body := []byte(s.raw[f])
	for _, m := range ms {
		if f == webhook.JSON {
			body = bytes.TrimSuffix(bytes.TrimRight(body, " \n"), []byte("}"))
			if !bytes.HasSuffix(bytes.TrimRight(body, " \n"), []byte("{")) {
				body = append(body, ',')
			}
			body = append(webhook.AppendJSONString(body, m.name), ':')
			body = append(webhook.AppendJSONString(body, m.value), '}')
			continue
		}
		body = append(webhook.AppendQueryEscaped(append(body, '&'), m.name), '=')
		body = webhook.AppendQueryEscaped(body, m.value)
	}
	return post{body: string(body), contentType: f.ContentType(), secrets: secrets}
}

// rawJSONMember is the sample's JSON body without its typed secret, and a member name whose
// value is raw, as written, valid JSON or not.
func rawJSONMember(s sample, name, raw string, secrets ...string) post {
	p := s.encoded(webhook.JSON, withoutSecret(s.members), secrets...)
	p.body = strings.TrimSuffix(p.body, "}") + `,"` + name + `":` + raw + "}"
	return p
}

// checkLibrary runs the post through the generated package directly: the decoder's error, the
// event printed with every fmt verb and logged as JSON and text at Debug, both validations'
// errors (warnings included), and Detect's answer.
func checkLibrary(t *testing.T, vendor check.Vendor, s sample, p post) {
	var out bytes.Buffer
	logger := debugLoggers(&out)
	ev, err := vendor.Decode(s.event, s.version, p.contentType, []byte(p.body))
	if err != nil {
		printAll(&out, err)
		logger.Debug("decode", "error", err)
	} else {
		printAll(&out, ev)
		all := ev.ValidateWith(webhook.ValidateOptions{Strict: true, FailOn: webhook.SeverityWarning}) // warnings too
		for _, verr := range []error{ev.Validate(), ev.ValidateStrict(), all} {
			if verr != nil {
				printAll(&out, verr)
			}
			logger.Debug("event", "event", ev, "validation", verr)
		}
	}
	versions, err := vendor.Detect(s.event, p.contentType, []byte(p.body))
	fmt.Fprintln(&out, versions, err)
	assertNoSecret(t, "the generated package's errors, fmt and slog", out.String(), p.secrets, p.data)
}

// printAll prints v with every fmt verb that prints a value.
func printAll(w io.Writer, v any) {
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(w, verb+"\n", v)
	}
}

// debugLoggers returns a logger that writes both JSON and text records, at Debug, to w.
func debugLoggers(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(teeHandler{slog.NewJSONHandler(w, opts), slog.NewTextHandler(w, opts)})
}

// teeHandler sends every record to each of its handlers.
type teeHandler []slog.Handler

func (h teeHandler) Enabled(ctx context.Context, l slog.Level) bool { return h[0].Enabled(ctx, l) }

func (h teeHandler) Handle(ctx context.Context, r slog.Record) error {
	var errs []error
	for _, each := range h {
		errs = append(errs, each.Handle(ctx, r.Clone()))
	}
	return errors.Join(errs...)
}

func (h teeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make(teeHandler, len(h))
	for i, each := range h {
		out[i] = each.WithAttrs(attrs)
	}
	return out
}

func (h teeHandler) WithGroup(name string) slog.Handler {
	out := make(teeHandler, len(h))
	for i, each := range h {
		out[i] = each.WithGroup(name)
	}
	return out
}

// handlerSetups are the handler configurations the matrix posts to: lenient and strict
// validation, failing on errors and on warnings, with and without OnReject, callbacks that take
// the post and that fail (so that the ERROR lines are written too).
var handlerSetups = []struct {
	name          string
	strict        bool
	failOn        webhook.Severity
	withOnReject  bool
	callbacksFail bool
}{
	{name: "lenient", withOnReject: true},
	{name: "strict", strict: true, withOnReject: true},
	{name: "strict, failing on warnings, no OnReject", strict: true, failOn: webhook.SeverityWarning},
	{name: "callbacks fail", strict: true, withOnReject: true, callbacksFail: true},
}

// checkHandler posts the body to the vendor's handler, as the vendor would, and checks its log
// lines at Debug (JSON and text), its answer, and what its callbacks are given when printed.
func checkHandler(t *testing.T, mv matrixVendor, s sample, c secretCase, p post) {
	for _, setup := range handlerSetups {
		var out bytes.Buffer
		var gotEvent, gotReject bool
		fail := func() error {
			if setup.callbacksFail {
				return errors.New("the database is down")
			}
			return nil
		}
		opt := webhook.Options{
			SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
			Strict:       setup.strict,
			FailOn:       setup.failOn,
			Logger:       debugLoggers(&out),
		}
		if setup.withOnReject {
			opt.OnReject = func(_ context.Context, r *webhook.Rejection) error {
				gotReject = true
				printAll(&out, r)
				printAll(&out, r.Err)
				return fail()
			}
		}
		h, err := mv.newHandler(func(_ context.Context, d delivered) error {
			gotEvent = true
			printAll(&out, d.delivery)
			printAll(&out, d.event)
			if d.validation != nil {
				printAll(&out, d.validation)
			}
			for _, w := range d.warnings {
				printAll(&out, w)
			}
			return fail()
		}, opt)
		if err != nil {
			t.Fatal(err)
		}
		req := s.request(t, p)
		req.RemoteAddr = "192.0.2.7:4711"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		fmt.Fprintln(&out, w.Code, w.Header(), w.Body.String())
		assertNoSecret(t, "the handler ("+setup.name+")", out.String(), p.secrets, p.data)

		if !s.flat {
			continue // the cases' members sit beside a nested event's: what the handler makes of them is the vendor's
		}
		rejected := gotReject || !setup.withOnReject && w.Code >= 400 && w.Code < 500
		switch {
		case c.outcome == delivers && !gotEvent:
			t.Errorf("%s: not delivered (answer %d %s)", setup.name, w.Code, w.Body)
		case c.outcome == rejects && (gotEvent || !rejected):
			t.Errorf("%s: not rejected (answer %d %s, delivered %v)", setup.name, w.Code, w.Body, gotEvent)
		}
	}
}

// writeCapture writes the post as a raw HTTP request capture, which hookcheck reads with its
// Content-Type.
func writeCapture(t *testing.T, dir string, s sample, name string, p post) {
	req := s.request(t, p)
	capture := fmt.Sprintf("POST %s HTTP/1.1\nContent-Type: %s\n\n%s\n", req.URL.RequestURI(), p.contentType, p.body)
	if err := os.MkdirAll(filepath.Join(dir, s.event), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, s.event, name+".http"), []byte(capture), 0o644); err != nil {
		t.Fatal(err)
	}
}

// surveyRuns are the flags of each hookcheck survey run: the matrix runs "survey -vendor V
// -event E FLAGS... DIR" on every event's captures of a vendor whose bodies are flat (survey
// reads no other), and checks its output as validate's: no value of a member the version does not
// define unless -show-values, no secret ever.
var surveyRuns = [][]string{{"-o", "text"}, {"-o", "json"}, {"-o", "markdown"}, {"-o", "json", "-show-values"}}

// checkHookcheck runs hookcheck validate (every output, lenient and strict, both engines, with
// and without -show-values), detect and, for a vendor with flat bodies, survey on the captures
// of every event's latest version.
func checkHookcheck(t *testing.T, vendorName string, flat bool, posts map[string][]post, dir string) {
	for event, ps := range posts {
		var secrets, data, flatData []string
		for _, p := range ps {
			secrets = append(secrets, p.secrets...)
			data = append(data, p.data...)
			if p.flat {
				flatData = append(flatData, p.data...)
			}
		}
		events := filepath.Join(dir, event)
		var runs [][]string
		for _, output := range []string{"text", "json", "github"} {
			for _, strict := range []string{"-strict=false", "-strict=true"} {
				// Both engines once, strictly: every output prints the same problems, and
				// compiling an event's schemas is most of a run's cost.
				engine := "go"
				if output == "json" && strict == "-strict=true" {
					engine = "both"
				}
				runs = append(runs, []string{"validate", "-vendor", vendorName, "-event", event, "-engine", engine, "-o", output, strict, events})
			}
		}
		runs = append(runs, []string{"detect", "-vendor", vendorName, "-event", event, events},
			[]string{"detect", "-vendor", vendorName, "-event", event, "-o", "json", events})
		for _, args := range runs {
			code, stdout, stderr := runCmd(args...)
			if code == 2 {
				t.Errorf("hookcheck %s: exit 2: %s", strings.Join(args, " "), stderr)
			}
			assertNoSecret(t, "hookcheck "+strings.Join(args[:len(args)-1], " "), stdout+stderr, secrets, data)
		}
		for _, flags := range surveyRuns {
			if !flat {
				break // survey reads flat bodies only
			}
			args := slices.Concat([]string{"survey", "-vendor", vendorName, "-event", event}, flags, []string{events})
			code, stdout, stderr := runCmd(args...)
			if code != 0 {
				t.Errorf("hookcheck %s: exit %d: %s", strings.Join(args, " "), code, stderr)
			}
			never := [][]string{secrets, data}
			if slices.Contains(flags, "-show-values") {
				never = never[:1]
			}
			assertNoSecret(t, "hookcheck "+strings.Join(args[:len(args)-1], " "), stdout+stderr, never...)
		}
		// -show-values prints the values of members not named like secrets, and nothing else.
		args := []string{"validate", "-vendor", vendorName, "-event", event, "-strict", "-show-values", "-o", "json", events}
		_, stdout, stderr := runCmd(args...)
		assertNoSecret(t, "hookcheck "+strings.Join(args[:len(args)-1], " "), stdout+stderr, secrets)
		if len(flatData) > 0 && !strings.Contains(stdout, flatData[0]) {
			t.Errorf("hookcheck -show-values does not show the value of a member that is not secret (%s):\n%s", flatData[0], stdout)
		}
	}
}

// assertNoSecret fails when out holds one of the secrets, as sent or hex-encoded (fmt's %x).
func assertNoSecret(t *testing.T, where, out string, secrets ...[]string) {
	t.Helper()
	for _, s := range slices.Concat(secrets...) {
		if strings.Contains(out, s) || strings.Contains(out, hex.EncodeToString([]byte(s))) {
			i := max(0, strings.Index(out, s)-300)
			t.Errorf("%s leaks %q:\n…%s…", where, s, out[i:min(len(out), i+800)])
			return
		}
	}
}

// TestNoWarningValueInInfoLog: a warning's value is personal data (CCBill's state and username
// are "sensitivity: personal", and real traffic sends them past their documented lengths, which
// the errata lower to warnings). In every handler setup the Info and Error records and a printed
// Delivery name each warning by member, rule and erratum without its value; only the Debug
// record of a delivery taken has it, as it has the payload.
func TestNoWarningValueInInfoLog(t *testing.T) {
	const state, username = "Baden-Wuerttemberg-Sued", "username1234567890"
	sample := sampleJSON(t, ccbill.NewSaleSuccess, 6)
	body := strings.Replace(strings.Replace(sample, `"state":"AZ"`, `"state":"`+state+`"`, 1),
		`"username":"username1"`, `"username":"`+username+`"`, 1)
	if !strings.Contains(body, state) || !strings.Contains(body, username) {
		t.Fatalf("the sample has no state or username to lengthen:\n%s", sample)
	}
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		for _, setup := range handlerSetups {
			t.Run(level.String()+"-"+setup.name, func(t *testing.T) {
				var out bytes.Buffer
				opts := &slog.HandlerOptions{Level: level}
				var warnings []webhook.Problem
				h, err := matrixHandlers["ccbill"](func(_ context.Context, d delivered) error {
					warnings = d.warnings
					printAll(&out, d.delivery)
					if setup.callbacksFail {
						return errors.New("the database is down")
					}
					return nil
				}, webhook.Options{
					SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
					Strict:       setup.strict,
					FailOn:       setup.failOn,
					Logger:       slog.New(teeHandler{slog.NewJSONHandler(&out, opts), slog.NewTextHandler(&out, opts)}),
				})
				if err != nil {
					t.Fatal(err)
				}
				req := httptest.NewRequest(http.MethodPost, "/webhooks?eventType=NewSaleSuccess", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.RemoteAddr = "192.0.2.7:4711"
				h.ServeHTTP(httptest.NewRecorder(), req)
				if len(warnings) != 2 {
					t.Fatalf("%d warnings, want state's and username's: %v", len(warnings), warnings)
				}
				for _, want := range []string{"erratum state-longer-than-documented", "erratum username-longer-than-documented"} {
					if !strings.Contains(out.String(), want) {
						t.Errorf("the log and the printed delivery do not name %s:\n%s", want, out.String())
					}
				}
				inDebug := strings.Contains(out.String(), `state: longer than 20 characters: \"`+state+`\"`)
				switch {
				case level == slog.LevelInfo:
					assertNoSecret(t, "the handler's Info log ("+setup.name+")", out.String(), []string{state, username})
				case !setup.callbacksFail && !inDebug: // a failed callback's post has no Debug record
					t.Errorf("the Debug log lacks the warning's value:\n%s", out.String())
				}
			})
		}
	}
}
