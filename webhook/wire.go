package webhook

import (
	"strings"
)

// WireFormat is how a webhook body is encoded.
type WireFormat uint8

const (
	// Form is application/x-www-form-urlencoded ("URL Encoded" in vendors' docs).
	Form WireFormat = 1 << iota
	// JSON is application/json.
	JSON
)

// String is the format's short name, as specs and command lines spell it: "form" or "json".
func (f WireFormat) String() string {
	switch f {
	case Form:
		return "form"
	case JSON:
		return "json"
	}
	return "unknown format"
}

// ContentType is the media type a body of this format is sent with.
func (f WireFormat) ContentType() string {
	switch f {
	case Form:
		return "application/x-www-form-urlencoded"
	case JSON:
		return "application/json"
	}
	return ""
}

// FormatSet is the set of wire formats an event version is sent in.
type FormatSet uint8

// Has reports whether f is in the set.
func (s FormatSet) Has(f WireFormat) bool { return s&FormatSet(f) != 0 }

// List returns the formats in the set, form before JSON.
func (s FormatSet) List() []WireFormat {
	var out []WireFormat
	for _, f := range []WireFormat{Form, JSON} {
		if s.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// String lists the formats: "form", "json" or "form, json".
func (s FormatSet) String() string {
	var names []string
	for _, f := range s.List() {
		names = append(names, f.String())
	}
	if len(names) == 0 {
		return "no format"
	}
	return strings.Join(names, ", ")
}

// ParseContentType returns the wire format a Content-Type header names. The media type is
// matched without regard to case, "+json" types count as JSON, and a charset parameter is
// allowed when it is UTF-8 (or its subset US-ASCII): bodies are read as UTF-8, so any other
// charset would be misread rather than decoded.
func ParseContentType(contentType string) (WireFormat, error) {
	media, params, _ := strings.Cut(contentType, ";")
	media = strings.TrimSpace(media)
	var f WireFormat
	switch {
	case strings.EqualFold(media, "application/x-www-form-urlencoded"):
		f = Form
	case strings.EqualFold(media, "application/json"), hasFoldSuffix(media, "+json") && strings.Contains(media, "/"):
		f = JSON
	case media == "":
		return 0, &ContentTypeError{ContentType: contentType, Msg: "no media type: expected application/json or application/x-www-form-urlencoded"}
	default:
		return 0, &ContentTypeError{ContentType: contentType, Msg: "not a webhook body type: expected application/json or application/x-www-form-urlencoded"}
	}
	for params != "" {
		var param string
		param, params, _ = strings.Cut(params, ";")
		key, value, _ := strings.Cut(param, "=")
		if !strings.EqualFold(strings.TrimSpace(key), "charset") {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		if !strings.EqualFold(value, "utf-8") && !strings.EqualFold(value, "utf8") && !strings.EqualFold(value, "us-ascii") {
			return 0, &ContentTypeError{ContentType: contentType, Msg: "charset " + value + " is not supported: bodies are read as UTF-8"}
		}
	}
	return f, nil
}

func hasFoldSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// bom is the UTF-8 byte order mark. Some senders start a body with it; the readers and Sniff
// skip it.
const bom = "\xEF\xBB\xBF"

// Sniff guesses a body's format from its first non-space byte after a byte order mark, if any: a
// JSON body is an object, so it starts with '{'; anything else is read as a form body.
func Sniff(body []byte) WireFormat {
	if len(body) >= len(bom) && string(body[:len(bom)]) == bom {
		body = body[len(bom):]
	}
	for _, c := range body {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return JSON
		}
		return Form
	}
	return Form
}

// IsBlank reports whether a body is empty or only whitespace, after a byte order mark if any:
// nothing that any event could be read from.
func IsBlank(body []byte) bool {
	if len(body) >= len(bom) && string(body[:len(bom)]) == bom {
		body = body[len(bom):]
	}
	for _, c := range body {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}
