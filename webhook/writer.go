package webhook

import "log/slog"

// FieldWriter receives an event's members in wire order. A generated type has one method that
// calls it for every field, and its encoders and its slog output all go through that method, so
// the field order and the secret marking are written down once.
type FieldWriter interface {
	// Field writes one member; an empty value is an absent member and is skipped.
	Field(name, value string)
	// Secret writes a member the spec marks secret.
	Secret(name string, value Secret)
	// Extra writes the kept members that the event version does not define.
	Extra(fields Fields)
}

// JSONWriter writes a flat JSON object, every value a JSON string.
type JSONWriter struct {
	buf     []byte
	members int
}

// NewJSONWriter returns a writer that appends to dst.
func NewJSONWriter(dst []byte) *JSONWriter { return &JSONWriter{buf: append(dst, '{')} }

func (w *JSONWriter) Field(name, value string) {
	if value != "" {
		w.member(name, value)
	}
}

func (w *JSONWriter) Secret(name string, value Secret) { w.Field(name, string(value)) }

// Extra writes every kept member, empty values included: a typed field's empty value means
// absent, but a kept member's key is itself information.
func (w *JSONWriter) Extra(fields Fields) {
	for _, f := range fields {
		w.member(f.Name, f.Value)
	}
}

func (w *JSONWriter) member(name, value string) {
	if w.members > 0 {
		w.buf = append(w.buf, ',')
	}
	w.members++
	w.buf = AppendJSONString(w.buf, name)
	w.buf = append(w.buf, ':')
	w.buf = AppendJSONString(w.buf, value)
}

// Bytes closes the object and returns the buffer.
func (w *JSONWriter) Bytes() []byte { return append(w.buf, '}') }

// FormWriter writes an application/x-www-form-urlencoded body.
type FormWriter struct {
	buf     []byte
	members int
}

// NewFormWriter returns a writer that appends to dst.
func NewFormWriter(dst []byte) *FormWriter { return &FormWriter{buf: dst} }

func (w *FormWriter) Field(name, value string) {
	if value != "" {
		w.member(name, value)
	}
}

func (w *FormWriter) member(name, value string) {
	if w.members > 0 {
		w.buf = append(w.buf, '&')
	}
	w.members++
	w.buf = AppendQueryEscaped(w.buf, name)
	w.buf = append(w.buf, '=')
	w.buf = AppendQueryEscaped(w.buf, value)
}

func (w *FormWriter) Secret(name string, value Secret) { w.Field(name, string(value)) }

// Extra writes every kept member, empty values included.
func (w *FormWriter) Extra(fields Fields) {
	for _, f := range fields {
		w.member(f.Name, f.Value)
	}
}

// Bytes returns the buffer.
func (w *FormWriter) Bytes() []byte { return w.buf }

// AttrWriter collects an event's members as slog attributes named by their wire names, with
// secrets redacted; generated LogValue methods use it. Values longer than MaxShownValueBytes are
// cut, so that one record stays a bounded line whatever the body held.
type AttrWriter struct {
	// SecretName reports whether a kept member's name is secret (a generated package's
	// SecretField); nil means LooksSecret.
	SecretName func(name string) bool
	// ShowExtraValues logs the values of the kept members whose names are not secret. By
	// default every kept member is logged by name only: a member the version does not define
	// may hold anything, a password under a name no rule knows included.
	ShowExtraValues bool
	attrs           []slog.Attr
}

func (w *AttrWriter) Field(name, value string) {
	if value != "" {
		w.attrs = append(w.attrs, slog.String(name, cutValue(value)))
	}
}

func (w *AttrWriter) Secret(name string, value Secret) {
	if value != "" {
		w.attrs = append(w.attrs, slog.String(name, Redacted))
	}
}

// Extra logs the kept members in a group named "extra", so that they cannot be mistaken for
// fields of the event version; at most MaxExtraMembers of them, names cut as ShowName cuts them.
func (w *AttrWriter) Extra(fields Fields) {
	if len(fields) == 0 {
		return
	}
	secret := w.SecretName
	if secret == nil {
		secret = LooksSecret
	}
	n := min(len(fields), MaxExtraMembers)
	attrs := make([]any, 0, n+1)
	for _, f := range fields[:n] {
		value := Redacted
		if w.ShowExtraValues && !secret(f.Name) {
			value = cutValue(f.Value)
		}
		attrs = append(attrs, slog.String(ShowName(f.Name), value))
	}
	if n < len(fields) {
		attrs = append(attrs, slog.Int("more", len(fields)-n))
	}
	w.attrs = append(w.attrs, slog.Group("extra", attrs...))
}

// Value returns the collected attributes as a group.
func (w *AttrWriter) Value() slog.Value { return slog.GroupValue(w.attrs...) }
