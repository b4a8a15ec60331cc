package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hookspec/hookspec"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// multiFlag is a flag that may be given more than once.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// payloadFlags are the flags of example and send: which body to build.
type payloadFlags struct {
	fs      *flag.FlagSet
	vendor  *string
	specDir *string
	event   *string
	version *int
	format  *string
	fixed   *bool
	sets    multiFlag
	extras  multiFlag
	breaks  multiFlag
}

func newPayloadFlags(name string, stderr io.Writer) *payloadFlags {
	fs := flag.NewFlagSet("hookcheck "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\nflags of hookcheck %s:\n", usage, name)
		fs.PrintDefaults()
	}
	f := &payloadFlags{
		fs:      fs,
		vendor:  fs.String("vendor", "", "vendor ("+strings.Join(vendorNames(), ", ")+"; default: the one that has -event)"),
		specDir: fs.String("spec", "", "build from the spec in `DIR` (default: the spec built into hookcheck)"),
		event:   fs.String("event", "", "event type"),
		version: fs.Int("version", 0, "event version (default: the event's latest)"),
		format:  fs.String("format", "", "body format: json or form (default: json when the version is sent as JSON)"),
		fixed:   fs.Bool("fixed", false, "keep the guide's examples exactly: no fresh ids and times"),
	}
	fs.Var(&f.sets, "set", "set `FIELD=VALUE`: a field of the version and its value; a nested member by its path, content.subscription.status (repeatable)")
	fs.Var(&f.extras, "extra", "add `NAME=VALUE`: a member the version does not define, such as a pass-through X- variable, or content.subscription.cf_plan (repeatable)")
	fs.Var(&f.breaks, "break", "break `FIELD=RULE`: the field breaks that one rule: required, maxLength, width, digits, range, decimal, format or enum (repeatable)")
	return f
}

// built is a body that was built, encoded and checked against the generated validator.
type built struct {
	payload *payload.Payload
	format  webhook.WireFormat
	body    []byte
}

// parse reads the flags; it reports only usage errors, which it prints.
func (f *payloadFlags) parse(args []string, stderr io.Writer) error {
	if err := parseInterspersed(f.fs, args); err != nil {
		return errUsage
	}
	if f.fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hookcheck: unexpected argument %q\n", f.fs.Arg(0))
		return errUsage
	}
	if *f.event == "" {
		fmt.Fprintf(stderr, "hookcheck: %s needs -event NAME (hookcheck list shows them)\n", strings.TrimPrefix(f.fs.Name(), "hookcheck "))
		return errUsage
	}
	return nil
}

// build makes the body the flags describe. Before the body leaves hookcheck, the generated
// package decodes and strictly validates it: a body meant to be valid must be, and a broken one
// must have exactly the problems asked for. A value given with -set that breaks a rule is the
// user's mistake; any other difference is a bug in payload or in the generated package, and the
// body is never used.
func (f *payloadFlags) build(stderr io.Writer) (*built, error) {
	vendor, err := chooseVendor(*f.vendor, *f.event)
	if err != nil {
		return nil, err
	}
	s, err := f.loadSpec(vendor.Name)
	if err != nil {
		return nil, err
	}
	p, err := payload.Build(s, *f.event, *f.version, payload.Options{Fixed: *f.fixed})
	if err != nil {
		return nil, err
	}
	if !slices.Contains(vendor.Versions(p.Event()), p.Version()) {
		return nil, fmt.Errorf("the generated %s package has no %s v%d: regenerate it from the spec (go generate ./...), or leave out -spec", vendor.Name, p.Event(), p.Version())
	}
	format := p.DefaultFormat()
	switch *f.format {
	case "":
	case "json":
		format = webhook.JSON
	case "form":
		format = webhook.Form
	default:
		return nil, fmt.Errorf("-format %q: want json or form", *f.format)
	}
	for _, kv := range f.sets {
		name, value, err := splitFlag("set", kv, "FIELD=VALUE")
		if err != nil {
			return nil, err
		}
		if err := p.Set(name, value); err != nil {
			return nil, fmt.Errorf("-set %s: %w", name, withExtraHint(err))
		}
	}
	for _, kv := range f.extras {
		name, value, err := splitFlag("extra", kv, "NAME=VALUE")
		if err != nil {
			return nil, err
		}
		if err := p.SetExtra(name, value); err != nil {
			return nil, fmt.Errorf("-extra %s: %w", name, err)
		}
	}
	for _, kv := range f.breaks {
		name, rule, err := splitFlag("break", kv, "FIELD=RULE")
		if err != nil {
			return nil, err
		}
		if err := p.Break(name, webhook.Rule(rule)); err != nil {
			return nil, fmt.Errorf("-break %s=%s: %w", name, rule, withExtraHint(err))
		}
	}
	body, err := p.Encode(format)
	if err != nil {
		return nil, fmt.Errorf("-format: %w", err)
	}
	if err := verify(vendor, p, format, body); err != nil {
		return nil, err
	}
	// An -extra member is a problem for strict receivers unless the version declares
	// pass-through variables and the name has their prefix; say so, since nothing else does.
	for _, b := range p.Breaks() {
		if b.Rule == webhook.RuleUnknown {
			fmt.Fprintf(stderr, "hookcheck: note: %s is not a field or pass-through variable of %s v%d; strict validation reports it (rule unknown)\n", b.Field, p.Event(), p.Version())
		}
	}
	return &built{payload: p, format: format, body: body}, nil
}

// loadSpec reads the -spec directory, or the vendor's spec built into hookcheck.
func (f *payloadFlags) loadSpec(vendor string) (*spec.Spec, error) {
	if *f.specDir == "" {
		return embeddedSpec(vendor)
	}
	s, err := spec.Load(*f.specDir)
	if err != nil {
		return nil, err
	}
	if s.Vendor.ID != vendor {
		return nil, fmt.Errorf("-spec %s is vendor %s's spec, not %s's (give -vendor %s)", *f.specDir, s.Vendor.ID, vendor, s.Vendor.ID)
	}
	return s, nil
}

var (
	embeddedMu sync.Mutex
	// embeddedSpecs keeps each built-in spec once loaded: loading checks every file against the
	// spec format's schema, which costs more than building many payloads (the tests run hundreds
	// of commands in one process). Nothing changes a loaded spec.
	embeddedSpecs = map[string]*spec.Spec{}
)

func embeddedSpec(vendor string) (*spec.Spec, error) {
	embeddedMu.Lock()
	defer embeddedMu.Unlock()
	if s, ok := embeddedSpecs[vendor]; ok {
		return s, nil
	}
	s, err := spec.LoadFS(hookspec.Specs, "spec/"+vendor)
	if err != nil {
		return nil, err
	}
	embeddedSpecs[vendor] = s
	return s, nil
}

func splitFlag(flagName, kv, shape string) (string, string, error) {
	name, value, ok := strings.Cut(kv, "=")
	if !ok || name == "" {
		return "", "", fmt.Errorf("-%s %q: want %s", flagName, kv, shape)
	}
	return name, value, nil
}

// withExtraHint adds to an unknown-field error, or to a request for rule unknown, how to send a
// member the version does not define.
func withExtraHint(err error) error {
	var unknown *payload.UnknownFieldError
	if errors.As(err, &unknown) {
		return fmt.Errorf("%w; -extra %s=VALUE sends a member the version does not define", err, unknown.Field)
	}
	var rule *payload.RuleError
	if errors.As(err, &rule) && rule.Rule == webhook.RuleUnknown {
		return fmt.Errorf("%w; -extra NAME=VALUE sends a member the version does not define", err)
	}
	return err
}

// verify holds the body to the generated package's strict validation (see build).
func verify(vendor check.Vendor, p *payload.Payload, format webhook.WireFormat, body []byte) error {
	res := check.Validate(check.Input{Name: "built payload", Body: body, Format: format},
		check.Options{Vendor: vendor, Event: p.Event(), Version: p.Version(), Format: format, Strict: true, Engine: check.EngineGo})
	var got, want []string
	for _, b := range p.Breaks() {
		want = append(want, b.String())
	}
	for _, pr := range res.Problems {
		// A warning is a value the vendor is known to send (-set state= a region longer than
		// documented): the body stays valid, so it is sent unless a break asked for it.
		if pr.Level == webhook.SeverityWarning && !slices.Contains(want, pr.Field+" "+pr.Rule) {
			continue
		}
		got = append(got, pr.Field+" "+pr.Rule)
	}
	slices.Sort(got)
	slices.Sort(want)
	if slices.Equal(got, want) {
		return nil
	}
	for _, pr := range res.Problems {
		if pr.Level == webhook.SeverityError && pr.Field != "" && p.WasSet(pr.Field) && !slices.Contains(want, pr.Field+" "+pr.Rule) {
			return fmt.Errorf("-set %s: breaks rule %s: %s; -break %s=%s sends a value that breaks a rule on purpose",
				pr.Field, pr.Rule, pr.Message, pr.Field, pr.Rule)
		}
	}
	return fmt.Errorf("internal error: %s v%d as %s should have %s, but the generated %s validator finds %s; nothing was sent",
		p.Event(), p.Version(), format, problemList(want), vendor.Name, problemList(got))
}

func problemList(ps []string) string {
	if len(ps) == 0 {
		return "no problem"
	}
	return "[" + strings.Join(ps, "; ") + "]"
}

func example(args []string, stdout, stderr io.Writer) (int, error) {
	f := newPayloadFlags("example", stderr)
	if err := f.parse(args, stderr); err != nil {
		return 0, err
	}
	b, err := f.build(stderr)
	if err != nil {
		return 0, err
	}
	// The body exactly as it would be sent: a trailing newline would become part of a form
	// body's last value when the output is saved to a file, so it is added on a terminal only.
	if _, err := stdout.Write(b.body); err != nil {
		return 0, err
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stdout)
	}
	return 0, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// maxShownBody bounds how much of a response body send prints.
const maxShownBody = 1 << 20

func send(args []string, stdout, stderr io.Writer) (int, error) {
	f := newPayloadFlags("send", stderr)
	target := f.fs.String("url", "", "the receiver's `URL` (http or https)")
	var headers multiFlag
	f.fs.Var(&headers, "header", "send the header `'NAME: VALUE'`, replacing the vendor's of that name (repeatable)")
	timeout := f.fs.Duration("timeout", 10*time.Second, "give up on the receiver after this long")
	user := f.fs.String("user", "", "send HTTP Basic authentication with this `USER` name, as a vendor that supports it does (the password: -password, or $"+passwordEnv+")")
	password := f.fs.String("password", "", "the Basic authentication `PASSWORD` (it shows in the process list: prefer $"+passwordEnv+")")
	urlKey := f.fs.String("key", "", "add this secret `KEY` to the URL's query, in the parameter the vendor's spec names for it")
	if err := f.parse(args, stderr); err != nil {
		return 0, err
	}
	if *target == "" {
		fmt.Fprintln(stderr, "hookcheck: send needs -url URL")
		return 0, errUsage
	}
	if *timeout <= 0 {
		return 0, fmt.Errorf("-timeout %s: want a positive duration", *timeout)
	}
	b, err := f.build(stderr)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	req, err := b.payload.NewRequest(ctx, *target, b.format)
	if err != nil {
		return 0, fmt.Errorf("-url: %w", err)
	}
	if err := addHeaders(req, headers); err != nil {
		return 0, err
	}
	if err := authenticate(req, b.payload, *user, *password, *urlKey); err != nil {
		return 0, err
	}
	shownURL := req.URL.Redacted()
	if param, ok := b.payload.URLKeyParam(); ok && *urlKey != "" {
		// The key is a credential: the log line names its parameter only.
		shownURL = strings.Replace(shownURL, url.QueryEscape(param)+"="+url.QueryEscape(*urlKey), url.QueryEscape(param)+"=[redacted]", 1)
	}
	fmt.Fprintf(stderr, "hookcheck: %s %s (%s v%d, %s, %d bytes)\n", req.Method, shownURL, b.payload.Event(), b.payload.Version(), b.format, len(b.body))
	// A webhook sender posts once and reports what it was answered: a redirect is an answer.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "hookcheck: %v\n", err)
		return 1, nil
	}
	defer resp.Body.Close()
	code := 1
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		code = 0
	}
	fmt.Fprintf(stdout, "%s %s\n", resp.Proto, resp.Status)
	names := make([]string, 0, len(resp.Header))
	for name := range resp.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range resp.Header[name] {
			fmt.Fprintf(stdout, "%s: %s\n", name, v)
		}
	}
	fmt.Fprintln(stdout)
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxShownBody+1))
	shown := body[:min(len(body), maxShownBody)]
	stdout.Write(shown)
	if len(shown) > 0 && shown[len(shown)-1] != '\n' {
		fmt.Fprintln(stdout)
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "hookcheck: reading the response: %v\n", err)
		return 1, nil
	case len(body) > maxShownBody:
		fmt.Fprintf(stderr, "hookcheck: the response body is longer than %d bytes; the rest is not shown\n", maxShownBody)
	}
	return code, nil
}

// addHeaders applies the -header flags: the first of a name replaces the vendor's header, more
// of the same name are added. Host sets the request's host; Content-Length is HTTP's to compute.
func addHeaders(req *http.Request, headers []string) error {
	replaced := map[string]bool{}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !isToken(name) {
			return fmt.Errorf("-header %q: want 'NAME: VALUE'", h)
		}
		key := http.CanonicalHeaderKey(name)
		switch key {
		case "Host":
			req.Host = value
			continue
		case "Content-Length":
			return fmt.Errorf("-header %q: Content-Length is computed from the body", h)
		}
		if replaced[key] {
			req.Header.Add(key, value)
		} else {
			req.Header.Set(key, value)
			replaced[key] = true
		}
	}
	return nil
}

// isToken reports whether s is an HTTP token (RFC 9110 §5.6.2), what a header name must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// passwordEnv is the environment variable send reads the Basic authentication password from
// when -password is not given: a command line is visible to every user of the machine.
const passwordEnv = "HOOKCHECK_PASSWORD"

// authenticate adds the credentials the vendor's receivers check: HTTP Basic authentication and
// a secret URL key, each only for a vendor whose spec lists that scheme, so that a test post is
// sent as the vendor would send it and not in a way the vendor never does.
func authenticate(req *http.Request, p *payload.Payload, user, password, key string) error {
	if password == "" {
		password = os.Getenv(passwordEnv)
	}
	if password != "" && user == "" {
		return errors.New("-password (or $" + passwordEnv + ") needs -user")
	}
	if user != "" {
		if !p.Auth(spec.AuthBasic) {
			return fmt.Errorf("-user: %s does not send HTTP Basic authentication", p.Vendor())
		}
		req.SetBasicAuth(user, password)
	}
	if key != "" {
		param, ok := p.URLKeyParam()
		if !ok {
			return fmt.Errorf("-key: %s does not send a key in the URL", p.Vendor())
		}
		q := req.URL.Query()
		if q.Has(param) {
			return fmt.Errorf("-key: the -url already has the query parameter %s", param)
		}
		sep := "&"
		if req.URL.RawQuery == "" {
			sep = ""
		}
		req.URL.RawQuery += sep + url.QueryEscape(param) + "=" + url.QueryEscape(key)
	}
	return nil
}
