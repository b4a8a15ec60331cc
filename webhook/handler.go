package webhook

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Event is what a Handler needs of a generated event version.
type Event interface {
	// Version is the event version the body was decoded as.
	Version() int
	// Formats are the wire formats the vendor sends the version in.
	Formats() FormatSet
	// Validate, ValidateStrict and ValidateWith are the generated validation: Validate fails
	// on errors only, ValidateStrict also reports the members the version does not define, and
	// ValidateWith chooses both and the failing severity (see ValidateOptions).
	Validate() error
	ValidateStrict() error
	ValidateWith(ValidateOptions) error
	// LogValue logs the members with secrets redacted.
	LogValue() slog.Value
}

// FieldWriterTo is implemented by the events of flat bodies, which give their members to a
// FieldWriter in wire order: the handler's account check reads the body's account fields
// through it.
type FieldWriterTo interface {
	WriteFields(FieldWriter)
}

// Endpoint tells a Handler how one vendor delivers webhooks. Generated packages fill it in from
// their spec (ccbill.NewHandler does); applications configure Options instead.
type Endpoint[E Event] struct {
	// Vendor is the spec's vendor id ("ccbill"), for logs and rejections.
	Vendor string
	// EventParam is the query parameter naming the event type ("eventType"), for vendors that
	// send it there; "" when Route says it is in the body.
	EventParam string
	// Route says where a body carries its event type (when EventParam is ""), its version and
	// its delivery key: the generated registry's Route.
	Route Route
	// KeyParam is the query parameter that carries a secret URL key, for vendors that support
	// one ("key"); Options.URLKeys are the keys.
	KeyParam string
	// BasicAuth is true for vendors that can send HTTP Basic credentials; Options.BasicAuth
	// are the credentials.
	BasicAuth bool
	// Versions are the versions the application accepts, for a vendor that puts the version on
	// the wire; a post in another version is rejected (RejectVersion). Nil accepts every
	// version the package knows.
	Versions []int
	// GroupParam is the query parameter naming the event's group ("eventGroupType"), or "".
	GroupParam string
	// Accounts are the query parameters that identify the merchant account.
	Accounts []AccountParam
	// SourceRanges are the address ranges the vendor publishes as its senders; Options can
	// replace them.
	SourceRanges []netip.Prefix
	// Decode decodes a body of the named event type, in the version the body says (version, 0
	// when the version is not on the wire) or, when it says none, the one the application
	// configured. It returns a *UnknownEventError for an event type or version it does not
	// know, and any other error for a body it cannot read.
	Decode func(eventType string, version int, format WireFormat, body []byte) (E, error)
}

// AccountParam is one query parameter that identifies the merchant account a delivery is for.
type AccountParam struct {
	// Param is the query parameter ("clientAccnum").
	Param string
	// Field is the body field that carries the same value, or "".
	Field string
	// Want is the application's own value. When it is set, a delivery whose query parameter
	// or body field says otherwise is rejected with RejectAccount; leading zeros are ignored
	// when both values are digits ("0000" and "0" are the same subaccount).
	Want string
}

// DefaultMaxBodyBytes is the body limit when Options.MaxBodyBytes is zero: 1 MiB, several
// hundred times the largest documented payload.
const DefaultMaxBodyBytes = 1 << 20

// Options are the application's choices for a Handler.
type Options struct {
	// OnReject receives every delivery that came from an allowed source but cannot be handed
	// to the event callback: no event type, a malformed query, an event type the package does
	// not know, a body it cannot decode, an account that is not the application's. See
	// Handler for the status each gets.
	OnReject func(context.Context, *Rejection) error
	// MaxBodyBytes limits the body; a larger one is answered 413. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// SourceRanges replace the vendor's published sender ranges. Nil keeps the vendor's; to
	// accept local test deliveries, append loopback to them (see the example receiver).
	SourceRanges []netip.Prefix
	// AnySource turns the sender check off, for a vendor whose published ranges do not cover
	// every region it posts from, or a receiver behind a proxy that hides senders. A handler
	// that checks no sender must check credentials (BasicAuth or URLKeys).
	AnySource bool
	// BasicAuth are the credentials the vendor is configured to send with HTTP Basic
	// authentication; several, to rotate them. When set, a post without one of them is
	// answered 401 with a WWW-Authenticate challenge, before its body is read. They are
	// compared in constant time.
	BasicAuth []BasicCredentials
	// URLKeys are the secrets the webhook URL carries in the vendor's key parameter
	// (Endpoint.KeyParam); several, to rotate them. When set, a post without one of them is
	// answered 403 before its body is read. A key in a URL ends up in proxies' access logs:
	// prefer BasicAuth where the vendor offers it.
	URLKeys []Secret
	// TrustedProxies are the addresses of the application's own reverse proxies and load
	// balancers: each one's own address (a /32 or /128), not the network they are in, for any
	// host in a trusted prefix can name any sender it likes. A zoned IPv6 address
	// ("[fd00::5%eth0]:1") matches as the address without its zone. Only when the direct peer is one of them is ForwardedHeader read, and then the
	// sender is its right-most address that is not a trusted proxy: every address to the left
	// of that one was written by a party that could have lied.
	TrustedProxies []netip.Prefix
	// ForwardedHeader is the header the trusted proxies append the client address to:
	// "X-Forwarded-For" (the default) or "Forwarded" (RFC 7239). Only that header is read: a
	// proxy that appends to one passes the other through from the client unchanged, so
	// reading both would let a client choose its own address.
	ForwardedHeader string
	// Strict validates with ValidateStrict, which also reports members the version does not
	// define.
	Strict bool
	// FailOn is the least severity of problem that makes a delivery invalid
	// (Delivery.Validation): SeverityError, the zero value, or SeverityWarning for an
	// application that sized its storage by the vendor's documents and wants every delivery that
	// breaks them flagged. Warnings are in Delivery.Warnings either way.
	FailOn Severity
	// Logger receives one record per request; nil means slog.Default(). Payloads, which hold
	// personal data, are logged only at Debug level, through the event's LogValue, which
	// redacts secrets, and so are the values of warnings (the Info record names a warning's
	// member, rule and erratum); bodies are never logged.
	Logger *slog.Logger
}

// Delivery is one webhook post that was decoded, with the result of validating it.
type Delivery[E Event] struct {
	// Key identifies the delivery for deduplication; see DeliveryKey.
	Key DeliveryKey
	// Vendor is the spec's vendor id.
	Vendor string
	// EventType and EventGroup are as sent, in the query or the body.
	EventType  string
	EventGroup string
	// Version is the version the body was decoded as: the one it says, or the one configured
	// for the event type.
	Version int
	// Format is the body's wire format, as read (see Handler on Content-Type).
	Format WireFormat
	// Source is the sender's address: the direct peer, or the right-most untrusted address a
	// trusted proxy reported.
	Source netip.Addr
	// Event is the decoded event.
	Event E
	// Validation is the result of Validate (or ValidateStrict with Options.Strict): nil, or a
	// *ValidationError listing every problem, warnings included, when some problem is an error
	// (or reaches Options.FailOn). The handler does not refuse an invalid event: a vendor that
	// sends one will send it again, so the application decides what to keep.
	Validation error
	// Warnings are the problems at SeverityWarning, whether or not Validation is set: the
	// documented constraints the delivery breaks that the spec's errata record real traffic
	// breaking too (each names its Erratum). A delivery whose problems are all warnings is
	// valid; an application that stores values by the documented limits reads them here.
	Warnings []Problem
	// Body is the body as received. It is reused after the callback returns: copy it to keep
	// it, and mind that it holds the event's secrets.
	Body []byte

	accounts  [maxAccounts]Field
	naccounts int
}

// Accounts returns the account query parameters as sent ("clientAccnum", "clientSubacc"), in
// the endpoint's order; a parameter the post lacks has an empty value.
func (d *Delivery[E]) Accounts() Fields { return d.accounts[:d.naccounts:d.naccounts] }

// LogValue logs what identifies the delivery: key, event, version, format, source and the
// validation result. The payload is left out, for it holds personal data (names, e-mail,
// addresses); the handler logs it at Debug level, through the event's LogValue, which redacts
// secrets. A warning is listed by its member, rule and erratum without its value, which is
// personal data as often as not (a region, a user name: a value real traffic sends); the
// handler's Debug record lists the warnings with their values.
func (d *Delivery[E]) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("key", d.Key.String()),
		slog.String("vendor", d.Vendor),
		slog.String("event", d.EventType),
		slog.Int("version", d.Version),
		slog.String("format", d.Format.String()),
		slog.String("source", d.Source.String()),
	}
	if d.Validation != nil {
		attrs = append(attrs, slog.String("validation", validationText(d.Validation)))
	} else if len(d.Warnings) > 0 {
		attrs = append(attrs, slog.String("warnings", d.warningsText(false)))
	}
	return slog.GroupValue(attrs...)
}

// String describes what LogValue logs, and is what fmt prints for %v, %+v and %s: the body and
// the event's values are left out (print d.Event for those, which redacts secrets), and so are
// the warnings' values (d.Warnings has them).
func (d *Delivery[E]) String() string {
	s := fmt.Sprintf("%s webhook %s v%d (%s) from %s, key %s", d.Vendor, cutValue(d.EventType), d.Version, d.Format, d.Source, d.Key)
	if d.Validation != nil {
		s += ": " + validationText(d.Validation)
	} else if len(d.Warnings) > 0 {
		s += ": warnings: " + d.warningsText(false)
	}
	return s
}

// warningsText lists the warnings of a delivery as a ValidationError would, bounded; with
// values false, each without its value (see warningWithoutValue).
func (d *Delivery[E]) warningsText(values bool) string {
	ve := &ValidationError{Event: d.EventType, Version: d.Version, Problems: d.Warnings}
	if !values {
		ve = withoutWarningValues(ve)
	}
	return errorText(ve)
}

// validationText is a Delivery's Validation as LogValue and String show it: a
// *ValidationError's warnings without their values, its errors as Error writes them.
func validationText(err error) string {
	if ve, ok := err.(*ValidationError); ok {
		return errorText(withoutWarningValues(ve))
	}
	return errorText(err)
}

// withoutWarningValues returns ve with each warning's value left out, or ve itself when no
// warning has one.
func withoutWarningValues(ve *ValidationError) *ValidationError {
	var out *ValidationError
	for i, p := range ve.Problems {
		if p.Severity != SeverityWarning || p.Redacted || p.Value == "" {
			continue
		}
		if out == nil {
			out = &ValidationError{Event: ve.Event, Version: ve.Version, Problems: append([]Problem(nil), ve.Problems...)}
		}
		out.Problems[i] = warningWithoutValue(p)
	}
	if out == nil {
		return ve
	}
	return out
}

// warningWithoutValue is a warning as the Info level shows it: its member, rule, limit, severity
// and erratum, its value marked as left out as a secret's is ("(value redacted)").
func warningWithoutValue(p Problem) Problem {
	p.Value, p.Redacted = "", true
	return p
}

// GoString is String, so that %#v does not print the body either.
func (d *Delivery[E]) GoString() string { return d.String() }

// DeliveryKey identifies a delivery: the SHA-256 of the event type and the body as received.
// The vendor sends no delivery id and redelivers the same body until it gets a 200, so a
// redelivery has the key of the first attempt, while two events differ in their ids and
// timestamps. Store it with a unique constraint to process each delivery once.
type DeliveryKey [sha256.Size]byte

// NewDeliveryKey computes the key of a body of the given event type.
func NewDeliveryKey(eventType string, body []byte) DeliveryKey {
	h := sha256.New()
	io.WriteString(h, eventType)
	h.Write([]byte{0})
	h.Write(body)
	var k DeliveryKey
	h.Sum(k[:0])
	return k
}

// String is the key in lower-case hexadecimal, 64 characters.
func (k DeliveryKey) String() string { return hex.EncodeToString(k[:]) }

// MarshalText writes the key as String does, for JSON and databases.
func (k DeliveryKey) MarshalText() ([]byte, error) { return hex.AppendEncode(nil, k[:]), nil }

// UnmarshalText reads a key written by MarshalText.
func (k *DeliveryKey) UnmarshalText(text []byte) error {
	if hex.DecodedLen(len(text)) != len(k) {
		return fmt.Errorf("delivery key: %d hexadecimal digits, want %d", len(text), 2*len(k))
	}
	_, err := hex.Decode(k[:], text)
	if err != nil {
		return fmt.Errorf("delivery key: %w", err)
	}
	return nil
}

// RejectReason says why a delivery could not be handed to the event callback. The ids are
// stable.
type RejectReason string

const (
	// RejectNoEventType: the post names no event type where the vendor puts it (a query
	// parameter, or a member of the body), or names an empty one.
	RejectNoEventType RejectReason = "no-event-type"
	// RejectQuery: the query cannot be read, or sends a parameter the handler reads twice.
	RejectQuery RejectReason = "malformed-query"
	// RejectUnknownEvent: an event type (or version) the generated package does not know.
	RejectUnknownEvent RejectReason = "unknown-event"
	// RejectUndecodable: a body the configured version's decoder cannot read.
	RejectUndecodable RejectReason = "undecodable"
	// RejectAccount: the query or the body names another account than the application's.
	RejectAccount RejectReason = "account-mismatch"
	// RejectVersion: the body is in a version the application does not accept (the vendor lets
	// the merchant choose the version per endpoint, and this endpoint's is not the receiver's).
	RejectVersion RejectReason = "unaccepted-version"
)

// status is what a rejection is answered with when no OnReject takes it.
func (r RejectReason) status() int {
	switch r {
	case RejectUnknownEvent, RejectVersion:
		return http.StatusUnprocessableEntity
	case RejectAccount:
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// ErrDuplicate is what an event callback returns, or wraps, for a delivery it had already
// taken (a redelivery of a stored key): the post is answered 200, as taken deliveries are, and
// logged as a redelivery rather than as a new delivery.
var ErrDuplicate = errors.New("webhook: delivery already taken")

// ErrRefuse is what OnReject returns, or wraps, after recording a rejection the vendor should
// keep: the post is answered with the reason's own status (400, 422 or 403) instead of 200, so
// the vendor redelivers it. An application may record every rejection but refuse, say, posts
// for another account.
var ErrRefuse = errors.New("webhook: rejection recorded, post refused")

// Rejection is a delivery that reached the handler from an allowed source but could not be
// handed to the event callback.
type Rejection struct {
	Reason RejectReason
	// Err says what is wrong, naming the parameter, field or rule.
	Err error
	// Key is the delivery's key, as it would have been for the event callback.
	Key    DeliveryKey
	Vendor string
	// EventType and EventGroup are as sent, in the query or the body ("" when absent).
	EventType  string
	EventGroup string
	// ContentType is the header as sent; Format is how the body was read.
	ContentType string
	Format      WireFormat
	Source      netip.Addr
	// RawQuery is the request's query string, undecoded.
	RawQuery string
	// Body is the body as received, reused after the callback returns: copy it to keep it, and
	// mind that it may hold secrets.
	Body []byte
}

func (r *Rejection) Error() string {
	return fmt.Sprintf("%s webhook rejected (%s): %s", r.Vendor, r.Reason, errorText(r.Err))
}

func (r *Rejection) Unwrap() error { return r.Err }

// GoString is Error, so that %#v, like %v, %+v and %s, never prints the body or the query,
// which may carry secrets.
func (r *Rejection) GoString() string { return r.Error() }

// LogValue logs the rejection without its body or query, which may carry secrets.
func (r *Rejection) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("reason", string(r.Reason)),
		slog.String("error", errorText(r.Err)),
		slog.String("key", r.Key.String()),
		slog.String("event", cutValue(r.EventType)),
		slog.String("source", r.Source.String()),
		slog.Int("body_bytes", len(r.Body)),
	)
}

// MaxErrorBytes bounds the error text the handler logs and answers: the errors of this package
// are shorter, but an application's callback may return anything.
const MaxErrorBytes = 4 << 10

// errorText is err's message cut past MaxErrorBytes.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if len(msg) <= MaxErrorBytes {
		return msg
	}
	cut := MaxErrorBytes
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "… (" + strconv.Itoa(len(msg)) + " bytes)"
}

// hasDefinedMember reports whether a decoded event has any field its version defines. The events
// of nested bodies have been read by their shape, so they have.
func hasDefinedMember(e Event) bool {
	w, ok := any(e).(FieldWriterTo)
	if !ok {
		return true
	}
	var c memberCounter
	w.WriteFields(&c)
	return c.defined > 0
}

// memberCounter is a FieldWriter that counts the non-empty fields a version defines.
type memberCounter struct{ defined int }

func (c *memberCounter) Field(_, value string) {
	if value != "" {
		c.defined++
	}
}

func (c *memberCounter) Secret(_ string, value Secret) {
	if value != "" {
		c.defined++
	}
}

func (c *memberCounter) Extra(Fields) {}

// Handler receives one vendor's webhook posts. Generated packages construct it (see
// ccbill.NewHandler); it is safe for concurrent use.
//
// The vendor redelivers a post until it is answered 200, so 200 means "the application has
// it", and every other status asks for the post again. The vendors' guides document no other
// status semantics (CCBill's lists none), so the statuses follow HTTP and that rule:
//
//   - 405 Method Not Allowed: not a POST. Webhooks are always posted.
//   - 403 Forbidden: the sender is not in the source ranges, or a trusted proxy reported an
//     address that cannot be read, or the URL lacks one of Options.URLKeys. Nothing is decoded
//     or passed on.
//   - 401 Unauthorized, with a WWW-Authenticate challenge: Options.BasicAuth is set and the
//     post carries none of its credentials. The body is not read.
//   - 413 Content Too Large: the body exceeds Options.MaxBodyBytes.
//   - 200 OK: the event callback returned nil (or ErrDuplicate, for a redelivery it had).
//   - 500 Internal Server Error: the event callback returned an error or panicked, so the
//     vendor redelivers it and nothing is lost.
//   - Rejections (see RejectReason) go to Options.OnReject. If it returns nil the answer is
//     200: the application has recorded the post, and sending it again could not change the
//     outcome; answering 500, as many receivers do for an unknown event type, makes the vendor
//     retry forever. If OnReject fails the answer is 500, as for the event callback.
//     Without an OnReject, or when it returns ErrRefuse, the answer is 400 (no event type,
//     malformed query, undecodable body), 422 (unknown event type, or a version the
//     application does not accept: well-formed, but not an event it takes) or 403 (another
//     account), so the post stays with the
//     vendor, which redelivers it, until the application can take it, say after
//     regenerating the package for a new event type.
//
// The body's format is read from its first byte after a UTF-8 byte order mark, if any ('{' is
// JSON, anything else form-encoded) when the Content-Type header is missing, names another
// type, a charset other than UTF-8, or disagrees with the body: a vendor's header is less
// reliable than its body. But junk is a rejection (RejectUndecodable), not a delivery: an empty
// or whitespace-only body, and a body that contradicts its Content-Type and, read as what it
// looks like, holds no field of the event (a JSON body that lost its '{' is one form member).
//
// Where the post says its event type, version and delivery key is the Endpoint's: query
// parameters (CCBill), or members of the body (Route), read before the body is decoded. A key
// member (an event id) makes the delivery key the same for a retry whose body differs; without
// one, the key is a digest of the event type and the body.
//
// Log lines are bounded whatever the body held: errors, problems, kept members and logged
// values are cut or counted past their limits (MaxErrorBytes, MaxProblems, MaxExtraMembers,
// MaxShownValueBytes).
type Handler[E Event] struct {
	endpoint Endpoint[E]
	onEvent  func(context.Context, *Delivery[E]) error
	onReject func(context.Context, *Rejection) error
	maxBody  int64
	sources  []netip.Prefix
	proxies  []netip.Prefix
	header   string
	strict   bool
	failOn   Severity
	log      *slog.Logger
	params   []string // EventParam, GroupParam, KeyParam, then each account's Param
	fields   []string // the body fields of the accounts to check
	anySrc   bool
	auth     *authenticator
	scratch  sync.Pool
}

// NewHandler returns a handler for the endpoint that calls onEvent with each decoded delivery.
// It fails when the endpoint or the options are inconsistent.
func NewHandler[E Event](ep Endpoint[E], onEvent func(context.Context, *Delivery[E]) error, opt Options) (*Handler[E], error) {
	h := &Handler[E]{
		endpoint: ep,
		onEvent:  onEvent,
		onReject: opt.OnReject,
		maxBody:  opt.MaxBodyBytes,
		strict:   opt.Strict,
		failOn:   opt.FailOn,
		log:      opt.Logger,
		header:   opt.ForwardedHeader,
		anySrc:   opt.AnySource,
	}
	var errs []error
	if ep.Decode == nil || ep.EventParam == "" && ep.Route.EventType.In != InBody {
		errs = append(errs, errors.New("the endpoint has no decoder, or says nowhere where the event type is"))
	}
	var err error
	if h.auth, err = newAuthenticator(ep.Vendor, opt.BasicAuth, opt.URLKeys); err != nil {
		errs = append(errs, err)
	}
	if len(opt.URLKeys) > 0 && ep.KeyParam == "" {
		errs = append(errs, fmt.Errorf("URLKeys: %s sends no URL key", ep.Vendor))
	}
	if len(opt.BasicAuth) > 0 && !ep.BasicAuth {
		errs = append(errs, fmt.Errorf("BasicAuth: %s sends no Basic credentials, so every post would be answered 401", ep.Vendor))
	}
	if onEvent == nil {
		errs = append(errs, errors.New("no event callback"))
	}
	switch {
	case h.maxBody == 0:
		h.maxBody = DefaultMaxBodyBytes
	case h.maxBody < 0:
		errs = append(errs, fmt.Errorf("MaxBodyBytes %d is negative", h.maxBody))
	}
	switch http.CanonicalHeaderKey(h.header) {
	case "", "X-Forwarded-For":
		h.header = "X-Forwarded-For"
	case "Forwarded":
		h.header = "Forwarded"
	default:
		errs = append(errs, fmt.Errorf("ForwardedHeader %q: want X-Forwarded-For or Forwarded", h.header))
	}
	sources := opt.SourceRanges
	if sources == nil {
		sources = ep.SourceRanges
	}
	switch {
	case opt.AnySource && len(opt.BasicAuth) == 0 && len(opt.URLKeys) == 0:
		errs = append(errs, errors.New("AnySource without BasicAuth or URLKeys: anyone could post deliveries"))
	case !opt.AnySource && len(sources) == 0:
		errs = append(errs, errors.New("no source ranges: every delivery would be refused (set SourceRanges, or AnySource with credentials)"))
	}
	if h.sources, err = maskPrefixes("SourceRanges", sources); err != nil {
		errs = append(errs, err)
	}
	if h.proxies, err = maskPrefixes("TrustedProxies", opt.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.params = []string{ep.EventParam, ep.GroupParam, ep.KeyParam}
	for _, a := range ep.Accounts {
		h.params = append(h.params, a.Param)
		if a.Want != "" && a.Field != "" {
			h.fields = append(h.fields, a.Field)
		}
	}
	if len(ep.Accounts) > maxAccounts {
		errs = append(errs, fmt.Errorf("%d account parameters, at most %d", len(ep.Accounts), maxAccounts))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("webhook: %s handler: %w", ep.Vendor, err)
	}
	return h, nil
}

// maxPooledBody is the largest body buffer kept for reuse; rarer, larger bodies are left to
// the garbage collector rather than held by the pool.
const maxPooledBody = 64 << 10

// scratch is the per-request memory the handler reuses: the key's input (event type, a zero
// byte, then the body, so the key needs no copy), the account picker and the answer's text.
type scratch struct {
	buf    []byte
	picker fieldPicker
	answer [160]byte
}

func (h *Handler[E]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(ctx, w, http.StatusMethodNotAllowed, "webhooks are POSTed", slog.String("method", cutValue(r.Method)))
		return
	}
	source, err := h.sender(r)
	if err != nil {
		h.refuse(ctx, w, http.StatusForbidden, "sender refused", slog.String("peer", cutValue(r.RemoteAddr)), slog.String("error", errorText(err)))
		return
	}
	if !h.anySrc && !inRanges(h.sources, source) {
		h.refuse(ctx, w, http.StatusForbidden, "sender refused", slog.String("source", source.String()), slog.String("error", "not in the source ranges"))
		return
	}
	if len(h.auth.basic) > 0 && !h.auth.basicOK(r) {
		w.Header().Set("WWW-Authenticate", h.auth.challenge())
		h.refuse(ctx, w, http.StatusUnauthorized, "credentials refused", slog.String("source", source.String()))
		return
	}

	st, _ := h.scratch.Get().(*scratch)
	if st == nil {
		st = new(scratch)
	}
	defer func() {
		if cap(st.buf) <= maxPooledBody {
			st.buf = st.buf[:0]
			st.picker = fieldPicker{}
			h.scratch.Put(st)
		}
	}()
	q, qerr := h.readQuery(r.URL.RawQuery)
	if len(h.auth.keys) > 0 && (qerr != nil || !h.auth.keyOK(q.values[2])) { // a query that cannot be read proves nothing
		h.refuse(ctx, w, http.StatusForbidden, "URL key refused", slog.String("source", source.String()))
		return
	}
	eventType := q.values[0]
	st.buf = append(append(st.buf[:0], eventType...), 0)
	prefix := len(st.buf)
	st.buf, err = h.readBody(r, st.buf)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			h.refuse(ctx, w, http.StatusRequestEntityTooLarge, "body too large", slog.String("source", source.String()), slog.Int64("limit", h.maxBody))
			return
		}
		h.refuse(ctx, w, http.StatusBadRequest, "body unreadable", slog.String("source", source.String()), slog.String("error", errorText(err)))
		return
	}
	body := st.buf[prefix:]
	key := DeliveryKey(sha256.Sum256(st.buf))
	var version int
	var routeErr error
	var routeReason RejectReason
	if h.endpoint.EventParam == "" {
		eventType, version, key, routeReason, routeErr = h.routeBody(body, key)
	}
	var contentType string
	if v := r.Header["Content-Type"]; len(v) > 0 { // net/http has canonicalized the keys
		contentType = v[0]
	}
	format, declared := bodyFormat(contentType, body)
	rejectFor := func(reason RejectReason, err error) {
		h.reject(ctx, w, st, &Rejection{
			Reason:      reason,
			Err:         err,
			Key:         key,
			Vendor:      h.endpoint.Vendor,
			EventType:   eventType,
			EventGroup:  q.values[1],
			ContentType: contentType,
			Format:      format,
			Source:      source,
			RawQuery:    r.URL.RawQuery,
			Body:        body,
		})
	}
	switch {
	case qerr != nil:
		rejectFor(RejectQuery, qerr)
		return
	case routeErr != nil:
		rejectFor(routeReason, routeErr)
		return
	case eventType == "":
		rejectFor(RejectNoEventType, fmt.Errorf("query parameter %s: required but missing", h.endpoint.EventParam))
		return
	case version != 0 && h.endpoint.Versions != nil && !slices.Contains(h.endpoint.Versions, version):
		rejectFor(RejectVersion, fmt.Errorf("version %d is not one this receiver accepts (%s)", version, intList(h.endpoint.Versions)))
		return
	}

	if IsBlank(body) {
		rejectFor(RejectUndecodable, &DecodeError{Format: format.String(), Offset: 0, Msg: "the body is empty: there is no event to read"})
		return
	}
	event, err := h.endpoint.Decode(eventType, version, format, body)
	if err != nil {
		reason := RejectUndecodable
		var unknown *UnknownEventError
		if errors.As(err, &unknown) {
			reason = RejectUnknownEvent
		}
		rejectFor(reason, err)
		return
	}
	if declared != 0 && declared != format && !hasDefinedMember(event) {
		// The body is not what its Content-Type says, and read as what it looks like it holds
		// no field of the event: a JSON body the sniff could not see as one (cut, or not an
		// object), not a delivery to hand to the application.
		rejectFor(RejectUndecodable, &DecodeError{Format: format.String(), Offset: 0, Msg: fmt.Sprintf(
			"the Content-Type says %s but the body does not start as %s does, and read as %s it has no field of the event", declared, declared, format)})
		return
	}
	if err := h.checkAccounts(&q, &st.picker, event); err != nil {
		rejectFor(RejectAccount, err)
		return
	}
	d := &Delivery[E]{
		Key:        key,
		Vendor:     h.endpoint.Vendor,
		EventType:  eventType,
		EventGroup: q.values[1],
		Version:    event.Version(),
		Format:     format,
		Source:     source,
		Event:      event,
		Body:       body,
	}
	for i, a := range h.endpoint.Accounts {
		d.accounts[i] = Field{Name: a.Param, Value: q.values[3+i]}
	}
	d.naccounts = len(h.endpoint.Accounts)
	d.Validation, d.Warnings = validateDelivery(event, h.strict, h.failOn)
	err = call(ctx, h.onEvent, d)
	if err != nil && !errors.Is(err, ErrDuplicate) {
		h.log.LogAttrs(ctx, slog.LevelError, "webhook callback failed; the vendor will redeliver",
			slog.Any("delivery", d), slog.String("error", errorText(err)), slog.Int("status", http.StatusInternalServerError))
		writeStatus(w, st, http.StatusInternalServerError, "the application could not take the delivery", nil)
		return
	}
	if h.log.Enabled(ctx, slog.LevelInfo) {
		msg := "webhook delivered"
		if err != nil {
			msg = "webhook redelivery of a delivery already taken"
		}
		h.log.LogAttrs(ctx, slog.LevelInfo, msg, slog.Any("delivery", d), slog.Int("status", http.StatusOK))
	}
	if h.log.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{slog.String("key", d.Key.String()), slog.Any("payload", d.Event)}
		if len(d.Warnings) > 0 {
			// The warnings' values are personal data as the payload's are: Debug only.
			attrs = append(attrs, slog.String("warnings", d.warningsText(true)))
		}
		h.log.LogAttrs(ctx, slog.LevelDebug, "webhook payload", attrs...)
	}
	writeStatus(w, st, http.StatusOK, "ok", &d.Key)
}

// validateDelivery validates an event for a Delivery: every problem is collected, warnings included, and
// the error is kept when a problem reaches failOn.
func validateDelivery(event Event, strict bool, failOn Severity) (validation error, warnings []Problem) {
	err := event.ValidateWith(ValidateOptions{Strict: strict, FailOn: SeverityWarning})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return err, nil // nil, or an Event written by hand that returns errors of its own
	}
	if ve.Severity().AtLeast(failOn) {
		return err, ve.Warnings()
	}
	return nil, ve.Warnings()
}

// call runs an application callback, turning a panic into an error: the post is then answered
// 500 and redelivered, rather than dropped with the connection.
func call[T any](ctx context.Context, f func(context.Context, T) error, arg T) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v) // the callback asks net/http to drop the connection
			}
			err = fmt.Errorf("callback panicked: %v\n%s", v, debug.Stack())
		}
	}()
	return f(ctx, arg)
}

func (h *Handler[E]) reject(ctx context.Context, w http.ResponseWriter, st *scratch, rej *Rejection) {
	status := rej.Reason.status()
	if h.onReject != nil {
		switch err := call(ctx, h.onReject, rej); {
		case errors.Is(err, ErrRefuse):
			// recorded, but the vendor keeps the post: the reason's own status
		case err != nil:
			h.log.LogAttrs(ctx, slog.LevelError, "webhook reject callback failed; the vendor will redeliver",
				slog.Any("rejection", rej), slog.String("error", errorText(err)), slog.Int("status", http.StatusInternalServerError))
			writeStatus(w, st, http.StatusInternalServerError, "the application could not take the rejected delivery", nil)
			return
		default:
			status = http.StatusOK
		}
	}
	h.log.LogAttrs(ctx, slog.LevelWarn, "webhook rejected", slog.Any("rejection", rej), slog.Int("status", status))
	if status == http.StatusOK {
		writeStatus(w, st, status, "recorded as rejected: "+string(rej.Reason), &rej.Key)
		return
	}
	writeStatus(w, st, status, string(rej.Reason)+": "+errorText(rej.Err), nil)
}

// refuse answers a request that is not a delivery the handler may read.
func (h *Handler[E]) refuse(ctx context.Context, w http.ResponseWriter, status int, msg string, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("vendor", h.endpoint.Vendor), slog.Int("status", status))
	h.log.LogAttrs(ctx, slog.LevelWarn, "webhook refused: "+msg, attrs...)
	writeStatus(w, nil, status, msg, nil)
}

// writeStatus answers in plain text; a 200 carries the delivery key so that a sender's logs
// (and hookcheck send) can be matched with the application's records. st, when not nil,
// lends the memory for the text.
func writeStatus(w http.ResponseWriter, st *scratch, status int, msg string, key *DeliveryKey) {
	hdr := w.Header()
	// Assigned rather than Set: the keys are canonical already, and the one-element slices are
	// shared read-only (an Add elsewhere appends to a copy, since their capacity is full).
	hdr["Content-Type"] = plainText
	if status != http.StatusOK {
		hdr["X-Content-Type-Options"] = noSniff // the text may quote the request
	}
	w.WriteHeader(status)
	var out []byte
	if st != nil {
		out = st.answer[:0]
	}
	out = append(out, msg...)
	if key != nil {
		out = append(out, " key="...)
		out = hex.AppendEncode(out, key[:])
	}
	w.Write(append(out, '\n'))
}

var (
	plainText = []string{"text/plain; charset=utf-8"}
	noSniff   = []string{"nosniff"}
)

var errTooLarge = errors.New("body too large")

// readBody appends the body to buf, failing with errTooLarge past the limit without reading
// more than one byte beyond it.
func (h *Handler[E]) readBody(r *http.Request, buf []byte) ([]byte, error) {
	start := len(buf)
	if r.ContentLength > h.maxBody {
		return buf, errTooLarge
	}
	if r.Body == nil {
		return buf, nil
	}
	if n := int64(len(buf)) + r.ContentLength + 1; r.ContentLength > 0 && int64(cap(buf)) < n {
		buf = append(make([]byte, 0, n), buf...) // +1 sees EOF without growing
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if left := h.maxBody + 1 - int64(len(buf)-start); int64(len(room)) > left {
			room = room[:left]
		}
		n, err := r.Body.Read(room)
		buf = buf[:len(buf)+n]
		if int64(len(buf)-start) > h.maxBody {
			return buf, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return buf, errTooLarge
			}
			return buf, err
		}
	}
}

// bodyFormat is the format the body is read in: the Content-Type's when it names one and the
// body agrees, otherwise the body's own first byte. declared is the Content-Type's format, or 0
// when it names none.
func bodyFormat(contentType string, body []byte) (format, declared WireFormat) {
	sniffed := Sniff(body)
	declared, err := ParseContentType(contentType)
	if err != nil {
		return sniffed, 0
	}
	return sniffed, declared
}

// query holds the parameters the handler reads: values[0] the event type, values[1] the
// group, values[2] the URL key, then one per account parameter, in Endpoint order.
type query struct {
	values [3 + maxAccounts]string
}

// MaxAccountParams is how many account parameters an Endpoint may have: the handler keeps
// their values in fixed arrays, so that reading the query allocates nothing.
const MaxAccountParams = 6

const maxAccounts = MaxAccountParams

func (h *Handler[E]) readQuery(raw string) (query, error) {
	var q query
	var seen [2 + maxAccounts]bool
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		rawKey := key
		key, err := unescapeQuery(key)
		if err != nil {
			return q, fmt.Errorf("query parameter %s: %w", quoteName(rawKey), err)
		}
		for i, name := range h.params {
			if name == "" || name != key || i >= len(q.values) {
				continue
			}
			if seen[i] {
				return q, fmt.Errorf("query parameter %s: sent twice", name)
			}
			seen[i] = true
			if q.values[i], err = unescapeQuery(value); err != nil {
				return q, fmt.Errorf("query parameter %s: %w", name, err)
			}
		}
	}
	return q, nil
}

// unescapeQuery decodes a query component as a form value is decoded; it allocates only when
// the component is escaped.
func unescapeQuery(s string) (string, error) {
	var a arena
	out, msg := unescapeForm(&a, len(s), s)
	if msg != "" {
		return "", errors.New(msg)
	}
	return out, nil
}

// checkAccounts compares the configured accounts with the query and the body.
func (h *Handler[E]) checkAccounts(q *query, picker *fieldPicker, event E) error {
	for i, a := range h.endpoint.Accounts {
		if a.Want == "" {
			continue
		}
		if got := q.values[3+i]; !sameAccount(got, a.Want) {
			if got == "" {
				return fmt.Errorf("query parameter %s: missing, want %s", a.Param, a.Want)
			}
			return fmt.Errorf("query parameter %s: %s is not the configured %s", a.Param, cutValue(got), a.Want)
		}
		if a.Field == "" {
			continue
		}
		if !picker.read {
			picker.names = h.fields
			if w, ok := any(event).(FieldWriterTo); ok {
				w.WriteFields(picker)
			}
			picker.read = true
		}
		if got, ok := picker.value(a.Field); ok && !sameAccount(got, a.Want) {
			return fmt.Errorf("body field %s: %s is not the configured %s", a.Field, cutValue(got), a.Want)
		}
	}
	return nil
}

// sameAccount compares account values, ignoring leading zeros when both are digits: the vendor
// zero-fills some (clientSubacc "0000") and the application may not.
func sameAccount(got, want string) bool {
	if got == want {
		return true
	}
	return got != "" && IsDigits(got) && IsDigits(want) && TrimLeadingZeros(got) == TrimLeadingZeros(want)
}

// fieldPicker is a FieldWriter that keeps the values of a few named fields.
type fieldPicker struct {
	read   bool
	names  []string
	values [maxAccounts]string
	found  [maxAccounts]bool
	picked int
}

func (p *fieldPicker) Field(name, value string) {
	if p.picked == len(p.names) {
		return
	}
	for i, n := range p.names {
		if n == name && i < len(p.values) && !p.found[i] {
			p.values[i], p.found[i] = value, true
			p.picked++
		}
	}
}

func (p *fieldPicker) Secret(string, Secret) {}
func (p *fieldPicker) Extra(Fields)          {}

func (p *fieldPicker) value(name string) (string, bool) {
	for i, n := range p.names {
		if n == name && i < len(p.values) {
			return p.values[i], p.found[i] && p.values[i] != ""
		}
	}
	return "", false
}

// routeBody reads the event type, the version and the delivery key of a vendor that sends them
// in the body, where the endpoint's Route says. A body that names no event type, or a version
// that cannot be read, is a rejection (reason and error); the key is the digest of the body
// when the vendor sends no key member, or the body lacks it.
func (h *Handler[E]) routeBody(body []byte, bodyKey DeliveryKey) (eventType string, version int, key DeliveryKey, reason RejectReason, err error) {
	route := h.endpoint.Route
	names := [3]string{route.EventType.Name}
	if route.Version.In == InBody {
		names[1] = route.Version.Name
	}
	if route.Key.In == InBody {
		names[2] = route.Key.Name
	}
	// The body is the pooled buffer: what the delivery keeps is copied out of it.
	values, err := topLevelMembers(unsafe.String(unsafe.SliceData(body), len(body)), names)
	if err != nil {
		return "", 0, bodyKey, RejectUndecodable, err
	}
	eventType = strings.Clone(values[0])
	if eventType == "" {
		return "", 0, bodyKey, RejectNoEventType, fmt.Errorf("body member %s: required but missing", route.EventType.Name)
	}
	if names[1] != "" {
		if values[1] == "" {
			values[1] = route.VersionDefault
		}
		if values[1] == "" {
			return eventType, 0, bodyKey, RejectUndecodable, fmt.Errorf("body member %s: required but missing", names[1])
		}
		if version, err = route.ParseVersion(values[1]); err != nil {
			return eventType, 0, bodyKey, RejectUndecodable, fmt.Errorf("body member %s: %w", names[1], err)
		}
	}
	key = bodyKey
	if names[2] != "" && values[2] != "" {
		key = NewDeliveryKey(eventType, []byte(values[2]))
	}
	return eventType, version, key, "", nil
}

func intList(ns []int) string {
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}
