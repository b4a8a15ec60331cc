package check

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/internal/payload"
	"github.com/hookspec/hookspec/webhook"
)

// Enveloped reports whether a vendor's bodies say their own event type and version (its Route
// reads both from the body): such a body needs no -event or -version to be checked.
func Enveloped(v Vendor) bool {
	return v.DecodeBody != nil && v.Route.EventType.In == webhook.InBody && v.Route.Version.In == webhook.InBody
}

// Routing reads the event type and the version a body says, where the vendor's Route puts them.
// It fails, naming the member, for a body that is not a JSON object or lacks either.
func Routing(v Vendor, body []byte) (eventType string, version int, err error) {
	if !Enveloped(v) {
		return "", 0, fmt.Errorf("%s's bodies do not say their event type and version: give -event", v.Name)
	}
	typeName, versionName := v.Route.EventType.Name, v.Route.Version.Name
	values, err := topLevelTexts(body, typeName, versionName)
	if err != nil {
		return "", 0, err
	}
	eventType, versionText := values[typeName], values[versionName]
	switch {
	case eventType == "":
		return "", 0, fmt.Errorf("the body has no %s member: it does not say its event type", typeName)
	case versionText == "":
		return eventType, 0, fmt.Errorf("the body has no %s member: it does not say its version", versionName)
	}
	version, err = v.Route.ParseVersion(versionText)
	if err != nil {
		return eventType, 0, fmt.Errorf("%s: %w", versionName, err)
	}
	return eventType, version, nil
}

// topLevelTexts reads the named members of a JSON object's top level as text; an absent or null
// member is "". A value that is not a scalar is a problem naming the member.
func topLevelTexts(body []byte, names ...string) (map[string]string, error) {
	out := map[string]string{}
	d := webhook.NewDecoder(string(body))
	if !d.Object() {
		if err := d.Err(); err != nil {
			return nil, err
		}
		return nil, errors.New("the body is not a JSON object")
	}
	for d.Member() {
		k := d.Key()
		for _, n := range names {
			if k == n {
				out[n] = d.Text()
				break
			}
		}
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	return out, nil
}

// Recognize names the vendor a body comes from when nothing else says it: a JSON object whose
// top-level members include a vendor's event-type and version members (its Route) is that
// vendor's. It reports false when no vendor, or more than one, claims the body.
func Recognize(vendors []Vendor, body []byte) (Vendor, bool) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return Vendor{}, false
	}
	var found []Vendor
	for _, v := range vendors {
		if !Enveloped(v) {
			continue
		}
		values, err := topLevelTexts(body, v.Route.EventType.Name, v.Route.Version.Name)
		if err != nil {
			continue
		}
		if _, ok := values[v.Route.EventType.Name]; !ok {
			continue
		}
		if _, ok := values[v.Route.Version.Name]; ok {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		return Vendor{}, false
	}
	return found[0], true
}

// ByEvent lists the vendors that have an event type.
func ByEvent(vendors []Vendor, eventType string) []Vendor {
	var out []Vendor
	for _, v := range vendors {
		if len(v.Versions(eventType)) > 0 {
			out = append(out, v)
		}
	}
	return out
}

// Target is what an input is checked as: the vendor, the event type and the version.
type Target struct {
	Vendor  Vendor
	Event   string
	Version int
	// Says is set when the body says another event type or version than the one given with
	// -event or -version: a receiver would decode it as what it says, so the mismatch is a
	// problem of its own.
	Says string
}

// Resolve decides what an input is checked as. The vendor is opt.Vendor, or, when its Name is
// "", the one among opt.Vendors that Recognize names from the body, or the one that has the
// event type -event or a capture names, or the only one there is. The event type is opt.Event,
// a capture's, or the one the body says (for an enveloped vendor); the version is opt.Version,
// the one the body says, or the event's latest. Target holds what was settled when it fails.
func Resolve(in Input, opt Options) (Target, error) {
	t := Target{Vendor: opt.Vendor}
	event := opt.Event
	if event == "" {
		event = in.Event
	}
	if t.Vendor.Name == "" {
		v, err := pickVendor(opt.Vendors, in.Body, event)
		if err != nil {
			return t, err
		}
		t.Vendor = v
	}
	var said string
	var saidVersion int
	routed := false
	if Enveloped(t.Vendor) {
		et, version, err := Routing(t.Vendor, in.Body)
		switch {
		case err == nil:
			said, saidVersion, routed = et, version, true
		case event == "":
			t.Event = et
			return t, err
		}
		// With -event given, a body that does not say its route is checked as that event: the
		// decoder names what it lacks.
	}
	t.Event = event
	if t.Event == "" {
		t.Event = said
	}
	if t.Event == "" {
		return t, errors.New("no event type: give -event, or a capture whose query string has eventType")
	}
	versions := t.Vendor.Versions(t.Event)
	if len(versions) == 0 {
		return t, fmt.Errorf("%s has no event type %q (hookcheck list shows them)", t.Vendor.Name, t.Event)
	}
	t.Version = opt.Version
	if t.Version == 0 && routed && t.Event == said {
		t.Version = saidVersion
	}
	if t.Version == 0 {
		t.Version = versions[len(versions)-1]
	}
	if !slices.Contains(versions, t.Version) {
		return t, fmt.Errorf("%s has no version %d (its versions: %s)", t.Event, t.Version, ints(versions))
	}
	if routed && (said != t.Event || saidVersion != t.Version) {
		t.Says = fmt.Sprintf("the body says %s %s and %s %s, but it is checked as %s v%d: a receiver decodes it as what it says",
			t.Vendor.Route.EventType.Name, webhook.ShowName(said), t.Vendor.Route.Version.Name, versionWord(saidVersion), t.Event, t.Version)
	}
	return t, nil
}

func versionWord(v int) string { return fmt.Sprintf("v%d", v) }

// pickVendor finds the vendor of a body when -vendor does not say it (see Resolve).
func pickVendor(vendors []Vendor, body []byte, event string) (Vendor, error) {
	if v, ok := Recognize(vendors, body); ok {
		return v, nil
	}
	var names []string
	for _, v := range vendors {
		names = append(names, v.Name)
	}
	if event != "" {
		switch vs := ByEvent(vendors, event); len(vs) {
		case 1:
			return vs[0], nil
		case 0:
			return Vendor{}, NoSuchEvent(vendors, event)
		default:
			var with []string
			for _, v := range vs {
				with = append(with, v.Name)
			}
			return Vendor{}, fmt.Errorf("event type %q is %s's: give -vendor", event, strings.Join(with, " and "))
		}
	}
	if len(vendors) == 1 {
		return vendors[0], nil
	}
	return Vendor{}, fmt.Errorf("cannot tell which vendor sent it: the body is not a JSON object with a vendor's event type and version members, and no -event names one; give -vendor (%s)", strings.Join(names, ", "))
}

// NoSuchEvent is the error for an event type no vendor has, suggesting the ones it looks like.
func NoSuchEvent(vendors []Vendor, event string) error {
	var names []string
	for _, v := range vendors {
		names = append(names, v.Events()...)
	}
	hint := payload.Suggest(event, names)
	if hint == "" {
		hint = " (hookcheck list shows them)"
	}
	return fmt.Errorf("no vendor has event type %q%s", event, hint)
}
