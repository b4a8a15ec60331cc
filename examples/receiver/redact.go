package main

import (
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// redactedJSON is the event as a flat JSON object, as webhook.JSONWriter writes it, but with
// every secret's value replaced by webhook.Redacted. The stored payload is read by people, copied
// into backups and exported; the consumer's password has no business there.
func redactedJSON(e ccbill.Event) []byte {
	w := redactingWriter{webhook.NewJSONWriter(nil)}
	e.WriteFields(w)
	return w.Bytes()
}

// redactingWriter is a webhook.FieldWriter: the generated WriteFields method hands it every
// member in wire order, the fields the spec marks secret through Secret.
type redactingWriter struct {
	*webhook.JSONWriter
}

// Secret writes the member as present but redacted. An empty secret was not sent, so it stays
// absent, as JSONWriter leaves every empty field out.
func (w redactingWriter) Secret(name string, value webhook.Secret) {
	if value != "" {
		w.Field(name, webhook.Redacted)
	}
}

// Extra writes the members the configured version does not define. They come through
// unmarked, so a member named like a field that any version marks secret is redacted all the
// same: a post in another version than the one configured, or a field CCBill adds, would
// otherwise store a password in clear.
func (w redactingWriter) Extra(fields webhook.Fields) {
	if len(fields) == 0 {
		return
	}
	out := make(webhook.Fields, len(fields)) // a copy: the event's own fields stay as sent
	for i, f := range fields {
		if f.Value != "" && secretFields[strings.ToLower(f.Name)] {
			f.Value = webhook.Redacted
		}
		out[i] = f
	}
	w.JSONWriter.Extra(out)
}

// secretFields are the wire names, lower-cased, of the fields that some version of some CCBill
// event marks secret. They are read from the generated package rather than listed here, so a
// secret added to the spec is redacted after regenerating without touching this file.
var secretFields = secretFieldNames()

func secretFieldNames() map[string]bool {
	names := make(map[string]bool)
	for _, t := range ccbill.Events() {
		for _, v := range ccbill.Versions(t) {
			e, err := ccbill.New(t, v)
			if err != nil {
				continue // Versions lists only what New knows
			}
			// WriteFields calls Secret for every secret field, empty or not.
			e.WriteFields(secretNameCollector(names))
		}
	}
	return names
}

// secretNameCollector is a webhook.FieldWriter that notes the names Secret is called with.
type secretNameCollector map[string]bool

func (c secretNameCollector) Field(string, string) {}

func (c secretNameCollector) Secret(name string, _ webhook.Secret) { c[strings.ToLower(name)] = true }

func (c secretNameCollector) Extra(webhook.Fields) {}

// redactProblem keeps a secret's value out of a validation problem. Validate never reports a
// secret field's value, but a member the version does not define is unmarked, so strict mode's
// "not a field of this event version" problem carries its value, whatever its name.
func redactProblem(p webhook.Problem) webhook.Problem {
	if secretFields[strings.ToLower(p.Field)] && p.Value != "" {
		p.Value, p.Redacted = "", true
	}
	return p
}

// newLogger is the receiver's logger: JSON lines, secrets redacted by redactLogAttr.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: redactLogAttr}))
}

// redactLogAttr is the log handler's slog.HandlerOptions.ReplaceAttr. The generated events log
// their secret fields as [redacted] already, but the handler logs the members a version does not
// define as sent (in the "extra" group), and the validation error's text as Validate wrote it, so
// a password sent as such a member would reach the log in clear. This catches both: any
// attribute named like a secret field, and the unknown-member problem's quoted value.
func redactLogAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindString {
		return a
	}
	s := a.Value.String()
	if s == "" || s == webhook.Redacted {
		return a
	}
	if secretFields[strings.ToLower(a.Key)] {
		return slog.String(a.Key, webhook.Redacted)
	}
	if r := redactText(s); r != s {
		return slog.String(a.Key, r)
	}
	return a
}

// redactText replaces the value in an unknown-member problem about a secret-named member.
func redactText(s string) string {
	if unknownSecretProblem == nil || !unknownSecretProblem.MatchString(s) {
		return s
	}
	return unknownSecretProblem.ReplaceAllString(s, "$1: not a field of this event version (value redacted)")
}

// unknownSecretProblem matches webhook.Problem's text for a secret-named member the version does
// not define: `password: not a field of this event version: "the value, Go-quoted"`.
var unknownSecretProblem = func() *regexp.Regexp {
	names := make([]string, 0, len(secretFields))
	for name := range secretFields {
		names = append(names, regexp.QuoteMeta(name))
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `): not a field of this event version: "(?:[^"\\]|\\.)*"`)
}()
