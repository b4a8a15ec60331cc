// Package jsonpointer escapes and splits JSON Pointers (RFC 6901), the paths by which schemas
// and their validators name a place in a document ("/events/3/versions/0").
package jsonpointer

import "strings"

// Escape writes a key as a pointer token: "~" as "~0", "/" as "~1".
func Escape(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// Unescape reads a pointer token back as the key it names.
func Unescape(token string) string {
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}

// Tokens splits a pointer into the keys it names, unescaped; the empty pointer (the whole
// document) names none.
func Tokens(pointer string) []string {
	if pointer == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	for i, p := range parts {
		parts[i] = Unescape(p)
	}
	return parts
}
