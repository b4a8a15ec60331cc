package webhook

import (
	"fmt"
	"io"
	"log/slog"
)

// Redacted is what a Secret prints as.
const Redacted = "[redacted]"

// Secret is text that must not leak into logs: fmt prints it as [redacted] whatever the verb
// (so does %+v of a struct holding it), and log/slog logs it as [redacted]. Generated types use
// it for fields the spec marks secret (passwords). Convert it to use the value: string(s).
// An event's own encoders (MarshalJSON, AppendJSON, AppendForm) write the real value, because
// re-encoding a payload must not lose it.
type Secret string

// String returns [redacted], never the value.
func (Secret) String() string { return Redacted }

// GoString returns [redacted], never the value, for %#v.
func (Secret) GoString() string { return Redacted }

// Format prints [redacted] for every verb, so that %s, %q, %x and %v alike keep the value out.
func (Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, Redacted) }

// LogValue logs [redacted], never the value.
func (Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }
