package survey

import (
	"bytes"
	"fmt"

	"github.com/hookspec/hookspec/webhook"
)

// member is one member of a flat body as it arrived: its key, its value as text, and the JSON
// type it was sent as (a form value is always a string).
type member struct {
	name  string
	value string
	kind  webhook.ValueKind
}

// utf8BOM is skipped before a body is read, as the generated decoders skip it.
var utf8BOM = []byte("\xef\xbb\xbf")

// readMembers reads the members of a flat JSON object or form body in wire order, with the
// runtime's own readers, so that the survey sees a body exactly as a generated decoder does. A
// body the readers refuse is an error naming the format and the reader's reason.
func readMembers(body []byte, format webhook.WireFormat) ([]member, error) {
	body = bytes.TrimPrefix(body, utf8BOM)
	var out []member
	switch format {
	case webhook.JSON:
		r := webhook.NewJSONReader(string(body))
		for r.Next() {
			out = append(out, member{name: r.Key(), value: r.Value(), kind: r.Kind()})
		}
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("json body: %w", err)
		}
	case webhook.Form:
		r := webhook.NewFormReader(string(body))
		for r.Next() {
			out = append(out, member{name: r.Key(), value: r.Value(), kind: webhook.KindString})
		}
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("form body: %w", err)
		}
	default:
		return nil, fmt.Errorf("unknown wire format %v", format)
	}
	return out, nil
}

// encodeMembers writes members back as a body of the format, in their order and with their JSON
// types: what a params dump would have been on the wire once the members a framework moved
// into it from the URL are taken out.
func encodeMembers(members []member, format webhook.WireFormat) []byte {
	var b []byte
	if format == webhook.JSON {
		b = append(b, '{')
		for i, m := range members {
			if i > 0 {
				b = append(b, ',')
			}
			b = webhook.AppendJSONString(b, m.name)
			b = append(b, ':')
			switch m.kind {
			case webhook.KindNumber, webhook.KindBool:
				b = append(b, m.value...)
			case webhook.KindNull:
				b = append(b, "null"...)
			default:
				b = webhook.AppendJSONString(b, m.value)
			}
		}
		return append(b, '}')
	}
	for i, m := range members {
		if i > 0 {
			b = append(b, '&')
		}
		b = webhook.AppendQueryEscaped(b, m.name)
		b = append(b, '=')
		b = webhook.AppendQueryEscaped(b, m.value)
	}
	return b
}
