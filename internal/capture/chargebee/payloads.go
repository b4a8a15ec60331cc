package chargebee

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hookspec/hookspec/spec"
)

// Payload is one real delivery's body and where it was collected.
type Payload struct {
	// File is the payload's file name; Source says where it was collected (repository, path).
	File, Source string
	Body         []byte
}

var versionText = regexp.MustCompile(`^v([0-9]+)$`)

// accountPayloads holds the spec to the real payloads: each one's event type and version must be
// in the spec, and every member it carries that the spec does not define, every value of another
// kind than the spec's and every required member it lacks is reported, with what the spec
// decides about it. The payloads are the last word, so a disagreement is never hidden; whether
// it becomes an erratum is a person's call (errata.yaml).
func (b *builder) accountPayloads() error {
	for _, p := range b.in.Payloads {
		var body map[string]json.RawMessage
		if err := json.Unmarshal(p.Body, &body); err != nil {
			return fmt.Errorf("%s: not a JSON object: %v", p.File, err)
		}
		var event, version string
		if err := json.Unmarshal(body["event_type"], &event); err != nil || event == "" {
			return fmt.Errorf("%s: no event_type", p.File)
		}
		number := 1
		if raw, ok := body["api_version"]; ok {
			if err := json.Unmarshal(raw, &version); err != nil {
				return fmt.Errorf("%s: api_version is not a string", p.File)
			}
			m := versionText.FindStringSubmatch(version)
			if m == nil {
				return fmt.Errorf("%s: api_version %q does not match ^v([0-9]+)$", p.File, version)
			}
			fmt.Sscan(m[1], &number)
		} else {
			b.find("real payloads", p.File, "carries no api_version (%s); the OpenAPI's Event schema gives api_version the default v1, so it is accounted for as %s v1. "+
				"Decision: what it lacks that the v1 description requires is reported below and stays required, because one fixture of the SDK's tests, without a source either, is not evidence enough to loosen every v1 delivery", p.Source, event)
		}
		e := b.s.Event(event)
		if e == nil || e.Version(number) == nil {
			return fmt.Errorf("%s: %s version %d is not in the spec, but a real payload carries it", p.File, event, number)
		}
		v := e.Version(number)
		before := len(b.findings)
		w := payloadWalk{b: b, file: p.File}
		env := b.s.Type(b.s.Vendor.Envelope.Type)
		w.object(body, env.Members, "", func(name string, raw json.RawMessage) bool {
			if name != b.s.Vendor.Envelope.Content {
				return false
			}
			if v.RawContent {
				b.find("real payloads", p.File, "%s v%d's content is raw in the spec: its members are kept as sent", event, number)
				return true
			}
			var content map[string]json.RawMessage
			if err := json.Unmarshal(raw, &content); err != nil {
				w.report("content", "is not a JSON object")
				return true
			}
			w.object(content, v.Content, "content.", nil)
			return true
		})
		if len(b.findings) == before {
			b.find("real payloads", p.File, "%s v%d (%s): every member it carries is in the spec, and every member the spec requires is there", event, number, p.Source)
		}
	}
	return nil
}

type payloadWalk struct {
	b    *builder
	file string
}

func (w *payloadWalk) report(path, format string, args ...any) {
	w.b.find("real payloads", w.file, "%s %s", path, fmt.Sprintf(format, args...))
}

// object walks an object's members against their definitions, in name order so that the report
// does not depend on map order. special handles a member itself when it returns true.
func (w *payloadWalk) object(obj map[string]json.RawMessage, defs []spec.Field, prefix string, special func(string, json.RawMessage) bool) {
	names := make([]string, 0, len(obj))
	for n := range obj {
		names = append(names, n)
	}
	sort.Strings(names)
	byName := map[string]*spec.Field{}
	for i := range defs {
		byName[defs[i].Name] = &defs[i]
	}
	for _, n := range names {
		if special != nil && special(n, obj[n]) {
			continue
		}
		f := byName[n]
		path := prefix + n
		if f == nil {
			if strings.HasPrefix(n, "cf_") {
				w.report(path, "is a custom field of the merchant's site: kept as an unknown member, re-encoded as received")
			} else {
				w.report(path, "is not in the spec: kept as an unknown member, re-encoded as received; strict validation reports it")
			}
			continue
		}
		w.value(obj[n], f.Constraint, f.Type, f.Items, path)
	}
	for i := range defs {
		if defs[i].Presence.Kind == spec.PresenceAlways {
			if _, ok := obj[defs[i].Name]; !ok {
				w.report(prefix+defs[i].Name, "is required by the spec but missing: validation reports it")
			}
		}
	}
}

// value checks one value's JSON kind against its shape and walks into objects and arrays.
func (w *payloadWalk) value(raw json.RawMessage, c *spec.Constraint, typ string, items *spec.Shape, path string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		w.report(path, "is null: the spec has no null values; decoding treats it as absent")
		return
	}
	kind := spec.KindObject
	if c != nil {
		kind = c.Kind
	}
	got := jsonKind(raw)
	switch kind {
	case spec.KindRaw:
		return
	case spec.KindObject:
		if got != "object" {
			w.report(path, "is a JSON %s where the spec says an object of type %s", got, typ)
			return
		}
		var obj map[string]json.RawMessage
		_ = json.Unmarshal(raw, &obj)
		t := w.b.s.Type(typ)
		w.object(obj, t.Members, path+".", nil)
	case spec.KindArray:
		if got != "array" {
			w.report(path, "is a JSON %s where the spec says an array", got)
			return
		}
		var list []json.RawMessage
		_ = json.Unmarshal(raw, &list)
		for i, item := range list {
			w.value(item, items.Constraint, items.Type, items.Items, fmt.Sprintf("%s[%d]", path, i))
		}
	case spec.KindString:
		if got != "string" {
			w.report(path, "is a JSON %s where the spec says a string: decoding keeps its text; validation reports it", got)
		}
	case spec.KindBoolean:
		if got != "boolean" {
			w.report(path, "is a JSON %s where the spec says a boolean", got)
		}
	case spec.KindInteger:
		if got != "number" {
			w.report(path, "is a JSON %s where the spec says an integer", got)
		} else if bytes.ContainsAny(raw, ".eE") {
			w.report(path, "is %s, not an integer as the spec says: validation reports it", raw)
		}
	case spec.KindNumber:
		if got != "number" {
			w.report(path, "is a JSON %s where the spec says a number", got)
		}
	}
}

func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
