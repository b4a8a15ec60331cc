package webhook

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Registry is what a generated package tells the runtime about its vendor's events: which event
// types and versions exist, how to make an empty event of each and how to read a body into it,
// and where a post says its event type and version. The work that is the same for every vendor
// (decoding by event type and version, reading them off the body, detecting versions) is done
// here, once; a generated package declares one Registry and wraps its methods in functions
// typed with its own EventType.
type Registry[E Event] struct {
	// Vendor is the spec's vendor id ("ccbill").
	Vendor string
	// Events are the event types with their versions, oldest first, in the vendor's order.
	Events []EventVersions
	// New returns a new, empty event of the type and version, or false when there is none.
	New func(eventType string, version int) (E, bool)
	// Read decodes a body in the given format into e, an event New has just made, without
	// validating it. The body is a string the event may keep substrings of.
	Read func(e E, format WireFormat, body string) error
	// Unknown, when set, returns the event for an event type the package does not know, or a
	// version of a known one that it does not know (a vendor that adds event types every
	// month); without it, those are *UnknownEventError.
	Unknown func(eventType string, version int) E
	// Route says where a post carries its event type and version, for vendors that put them on
	// the wire.
	Route Route
	// Steps are the classified changes between each event's adjacent versions, both ways: what
	// Changes walks.
	Steps []ChangeStep
	// Secrets is the vendor's redaction rule for member names.
	Secrets *SecretNames
}

// ChangeStep is what changes between two adjacent versions of an event, one way.
type ChangeStep struct {
	Event    string
	From, To int
	Changes  []Change
}

// Changes lists what changes for a receiver when an event type's version moves from one version
// to another, one adjacent step at a time (each change says its step), classified from the
// receiver's side; moving down lists the inverse changes. It returns a *UnknownEventError for an
// unknown event type or version, and nil for from == to.
func (r *Registry[E]) Changes(eventType string, from, to int) ([]Change, error) {
	versions := r.Versions(eventType)
	if versions == nil {
		return nil, r.unknown(eventType, 0)
	}
	i, j := slices.Index(versions, from), slices.Index(versions, to)
	for _, v := range []int{from, to} {
		if !slices.Contains(versions, v) {
			return nil, r.unknown(eventType, v)
		}
	}
	var out []Change
	for i != j {
		next := i + 1
		if j < i {
			next = i - 1
		}
		out = append(out, r.step(eventType, versions[i], versions[next])...)
		i = next
	}
	return out, nil
}

func (r *Registry[E]) step(eventType string, from, to int) []Change {
	for _, st := range r.Steps {
		if st.Event == eventType && st.From == from && st.To == to {
			return st.Changes
		}
	}
	return nil
}

// SecretField reports whether a member name is secret by the vendor's rule (Secrets), or by
// LooksSecret when the registry has none.
func (r *Registry[E]) SecretField(name string) bool {
	if r.Secrets == nil {
		return LooksSecret(name)
	}
	return r.Secrets.Match(name)
}

// EventVersions are one event type's versions, oldest first.
type EventVersions struct {
	Type     string
	Versions []int
}

// Place is the part of a request a Locator reads.
type Place uint8

const (
	// Configured is no part of the request: the application configures it (a version only).
	Configured Place = iota
	// InQuery is a URL query parameter.
	InQuery
	// InHeader is an HTTP header.
	InHeader
	// InBody is a member of a JSON body's top-level object.
	InBody
)

// Locator is where one fact of a delivery is on the wire.
type Locator struct {
	In   Place
	Name string
}

// Route says where a vendor's post carries its event type, its version and its delivery key.
type Route struct {
	EventType Locator
	Version   Locator
	// VersionPattern reads the version number from the version's text: its first group is the
	// number ("^v([0-9]+)$" reads 2 from "v2"). Empty: the text is the number.
	VersionPattern string
	// VersionDefault is the version's text for a body that lacks it (bodies from before the
	// vendor added it), as the vendor documents; empty when such a body is undecodable.
	VersionDefault string
	// Key is the member or parameter whose value identifies a delivery across retries; its
	// zero value means the vendor sends none, and the key is a digest of the body.
	Key Locator
}

// versionPatterns caches compiled version patterns; generated registries have one each.
var versionPatterns sync.Map // string → *regexp.Regexp

// ParseVersion reads a version number from its text on the wire.
func (r Route) ParseVersion(text string) (int, error) {
	digits := text
	if r.VersionPattern != "" {
		re, ok := versionPatterns.Load(r.VersionPattern)
		if !ok {
			compiled, err := regexp.Compile(r.VersionPattern)
			if err != nil {
				return 0, fmt.Errorf("version pattern %q: %w", r.VersionPattern, err)
			}
			re, _ = versionPatterns.LoadOrStore(r.VersionPattern, compiled)
		}
		m := re.(*regexp.Regexp).FindStringSubmatch(text)
		if len(m) < 2 {
			return 0, fmt.Errorf("version %s does not match %s", ShowName(text), r.VersionPattern)
		}
		digits = m[1]
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("version %s is not a version number", ShowName(text))
	}
	return n, nil
}

// Versions returns the versions of an event type, oldest first, or nil for an unknown one.
func (r *Registry[E]) Versions(eventType string) []int {
	for _, ev := range r.Events {
		if ev.Type == eventType {
			return slices.Clone(ev.Versions)
		}
	}
	return nil
}

// Latest returns the newest version of an event type, or 0 for an unknown one.
func (r *Registry[E]) Latest(eventType string) int {
	for _, ev := range r.Events {
		if ev.Type == eventType && len(ev.Versions) > 0 {
			return ev.Versions[len(ev.Versions)-1]
		}
	}
	return 0
}

// Make returns a new, empty event of the type and version, or a *UnknownEventError.
func (r *Registry[E]) Make(eventType string, version int) (E, error) {
	if e, ok := r.New(eventType, version); ok {
		return e, nil
	}
	var zero E
	return zero, r.unknown(eventType, version)
}

func (r *Registry[E]) unknown(eventType string, version int) *UnknownEventError {
	versions := r.Versions(eventType)
	if versions == nil {
		return &UnknownEventError{Vendor: r.Vendor, Event: eventType}
	}
	return &UnknownEventError{Vendor: r.Vendor, Event: eventType, Version: version, Versions: versions}
}

// Decode decodes a body of the event type in the given version, choosing the decoder by the
// Content-Type (application/json or application/x-www-form-urlencoded; a UTF-8 charset is
// allowed). It does not validate.
//
// Errors: *UnknownEventError for an unknown type or version, *ContentTypeError, *FormatError for
// a format the vendor does not send the version in, *DecodeError for a body that cannot be read.
func (r *Registry[E]) Decode(eventType string, version int, contentType string, body []byte) (E, error) {
	var zero E
	format, err := ParseContentType(contentType)
	if err != nil {
		return zero, err
	}
	e, err := r.Make(eventType, version)
	if err != nil {
		return zero, err
	}
	if err := r.read(e, eventType, format, string(body)); err != nil {
		return zero, err
	}
	return e, nil
}

// DecodeFormat is Decode for a body whose format is known already (a handler has read the
// Content-Type and the body).
func (r *Registry[E]) DecodeFormat(eventType string, version int, format WireFormat, body []byte) (E, error) {
	e, err := r.Make(eventType, version)
	if err != nil {
		return e, err
	}
	if err := r.read(e, eventType, format, string(body)); err != nil {
		var zero E
		return zero, err
	}
	return e, nil
}

// DecodeAny is DecodeFormat that decodes an event type or version the package does not know
// through Unknown, when the registry has it.
func (r *Registry[E]) DecodeAny(eventType string, version int, format WireFormat, body []byte) (E, error) {
	if _, ok := r.New(eventType, version); ok || r.Unknown == nil {
		return r.DecodeFormat(eventType, version, format, body)
	}
	e := r.Unknown(eventType, version)
	if err := r.read(e, eventType, format, string(body)); err != nil {
		var zero E
		return zero, err
	}
	return e, nil
}

// read decodes body into a new event, in a format its version is sent in.
func (r *Registry[E]) read(e E, eventType string, format WireFormat, body string) error {
	if !e.Formats().Has(format) {
		return &FormatError{Event: eventType, Version: e.Version(), Format: format, Formats: e.Formats()}
	}
	return r.Read(e, format, body)
}

// Detect lists the versions of the event type that a body fits: those sent in its content type
// whose decoder reads it and whose ValidateStrict accepts it (warnings do not keep a version from
// fitting: they are problems the vendor is known to send). It is a diagnostic, for recorded
// payloads and misconfigured receivers. When no version fits and the body could not be decoded,
// the first decode error is returned.
func (r *Registry[E]) Detect(eventType, contentType string, body []byte) ([]int, error) {
	format, err := ParseContentType(contentType)
	if err != nil {
		return nil, err
	}
	versions := r.Versions(eventType)
	if versions == nil {
		return nil, r.unknown(eventType, 0)
	}
	var fits []int
	var decodeErr error
	text := string(body)
	for _, n := range versions {
		e, _ := r.New(eventType, n)
		if !e.Formats().Has(format) {
			continue
		}
		if err := r.Read(e, format, text); err != nil {
			if decodeErr == nil {
				decodeErr = err
			}
			continue
		}
		if e.ValidateStrict() == nil {
			fits = append(fits, n)
		}
	}
	if len(fits) == 0 && decodeErr != nil {
		return nil, decodeErr
	}
	return fits, nil
}

// ErrNotRouted is the error of DecodeBody for a vendor whose posts do not carry their event
// type (or version) in the body.
var ErrNotRouted = errors.New("webhook: the vendor's bodies do not say their event type and version")

// Routing reads the event type and the version a JSON body carries, where Route says they are.
// A version that is configured rather than sent is 0.
func (r *Registry[E]) Routing(body []byte) (eventType string, version int, err error) {
	eventType, version, err = r.routing(string(body))
	return strings.Clone(eventType), version, err
}

// routing is Routing over the body's text; the event type is a substring of it.
func (r *Registry[E]) routing(body string) (eventType string, version int, err error) {
	if r.Route.EventType.In != InBody {
		return "", 0, ErrNotRouted
	}
	versionName := ""
	if r.Route.Version.In == InBody {
		versionName = r.Route.Version.Name
	}
	eventType, versionText, err := topLevelPair(body, r.Route.EventType.Name, versionName)
	if err != nil {
		return "", 0, err
	}
	if eventType == "" {
		return "", 0, &DecodeError{Format: "json", Offset: -1, Key: r.Route.EventType.Name, Msg: "required but missing: the event type"}
	}
	if versionName != "" {
		if versionText == "" {
			versionText = r.Route.VersionDefault
		}
		if versionText == "" {
			return eventType, 0, &DecodeError{Format: "json", Offset: -1, Key: versionName, Msg: "required but missing: the version"}
		}
		if version, err = r.Route.ParseVersion(versionText); err != nil {
			return eventType, 0, &DecodeError{Format: "json", Offset: -1, Key: versionName, Msg: err.Error()}
		}
	}
	return eventType, version, nil
}

// DecodeBody decodes a JSON body whose event type and version are in the body, as Route says;
// an event type or version the package does not know decodes through Unknown when the registry
// has one, and is a *UnknownEventError otherwise. It does not validate.
func (r *Registry[E]) DecodeBody(contentType string, body []byte) (E, error) {
	var zero E
	format, err := ParseContentType(contentType)
	if err != nil {
		return zero, err
	}
	text := string(body) // the one copy: the event keeps substrings of it
	eventType, version, err := r.routing(text)
	if err != nil {
		return zero, err
	}
	e, ok := r.New(eventType, version)
	if !ok {
		if r.Unknown == nil {
			return zero, r.unknown(eventType, version)
		}
		e = r.Unknown(eventType, version)
	}
	if err := r.read(e, eventType, format, text); err != nil {
		return zero, err
	}
	return e, nil
}

// topLevelPair reads the text of up to two members of a JSON body's top-level object, skipping
// the rest; an empty name is not read, and an absent or null member gives "".
func topLevelPair(body, first, second string) (string, string, error) {
	values, err := topLevelMembers(body, [3]string{first, second})
	return values[0], values[1], err
}

// topLevelMembers reads the text of up to three members of a JSON body's top-level object; an
// empty name is not read, and an absent or null member gives "". It stops once it has every
// named member, since envelopes put them before the content: the decoder that reads the whole
// body next checks the rest.
func topLevelMembers(body string, names [3]string) ([3]string, error) {
	var values [3]string
	missing := 0
	for _, n := range names {
		if n != "" {
			missing++
		}
	}
	d := NewDecoder(body)
	d.skim = true // the decoder that reads the body next checks what this passes over
	if d.Object() {
		for missing > 0 && d.Member() {
			k := d.Key()
			for i, n := range names {
				if n != "" && k == n && values[i] == "" {
					values[i] = d.Text()
					missing--
					break
				}
			}
		}
		if missing == 0 {
			return values, d.Err()
		}
	}
	return values, d.End()
}

// Descriptor is a generated package seen by tools that handle every vendor alike (hookcheck,
// the conformance suite): its events and versions and what it does with a body, with events as
// the runtime's Event. Generated packages return it from their Descriptor function.
type Descriptor struct {
	// Name is the spec's vendor id ("ccbill").
	Name string
	// Events lists the event types, in the vendor's order.
	Events func() []string
	// Versions lists an event type's versions, oldest first; nil for an unknown one.
	Versions func(eventType string) []int
	// Formats are the wire formats the vendor sends a version in; 0 for an unknown version.
	Formats func(eventType string, version int) FormatSet
	// Decode decodes a body of the event type in the version, as the package's Decode does.
	Decode func(eventType string, version int, contentType string, body []byte) (Event, error)
	// DecodeBody decodes a body that says its own event type and version; nil for a vendor whose
	// bodies do not (Route).
	DecodeBody func(contentType string, body []byte) (Event, error)
	// Detect lists the versions of the event type that a body fits.
	Detect func(eventType, contentType string, body []byte) ([]int, error)
	// Changes lists what moving between two versions of the event type changes.
	Changes func(eventType string, from, to int) ([]Change, error)
	// SecretField is the vendor's redaction rule for member names.
	SecretField func(name string) bool
	// Route says where a post carries its event type, version and key.
	Route Route
}

// Descriptor returns the registry's package as tools see it.
func (r *Registry[E]) Descriptor() Descriptor {
	d := Descriptor{
		Name: r.Vendor,
		Events: func() []string {
			out := make([]string, len(r.Events))
			for i, ev := range r.Events {
				out[i] = ev.Type
			}
			return out
		},
		Versions: r.Versions,
		Formats: func(eventType string, version int) FormatSet {
			e, ok := r.New(eventType, version)
			if !ok {
				return 0
			}
			return e.Formats()
		},
		Decode: func(eventType string, version int, contentType string, body []byte) (Event, error) {
			e, err := r.Decode(eventType, version, contentType, body)
			if err != nil {
				return nil, err
			}
			return e, nil
		},
		Detect:      r.Detect,
		Changes:     r.Changes,
		SecretField: r.SecretField,
		Route:       r.Route,
	}
	if r.Route.EventType.In == InBody {
		d.DecodeBody = func(contentType string, body []byte) (Event, error) {
			e, err := r.DecodeBody(contentType, body)
			if err != nil {
				return nil, err
			}
			return e, nil
		}
	}
	return d
}
