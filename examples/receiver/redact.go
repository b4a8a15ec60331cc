package main

import (
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

// Extra writes the members the configured version does not define. A member named like a field
// some version marks secret (ccbill.SecretField) is redacted all the same: a post in another
// version than the one configured would otherwise store a password in clear.
func (w redactingWriter) Extra(fields webhook.Fields) {
	if len(fields) == 0 {
		return
	}
	out := make(webhook.Fields, len(fields)) // a copy: the event's own fields stay as sent
	for i, f := range fields {
		if f.Value != "" && ccbill.SecretField(f.Name) {
			f.Value = webhook.Redacted
		}
		out[i] = f
	}
	w.JSONWriter.Extra(out)
}
