package jsonpointer

import (
	"slices"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, key := range []string{"", "a", "a/b", "~", "~1", "a~/b", "/~0/"} {
		if got := Unescape(Escape(key)); got != key {
			t.Errorf("Unescape(Escape(%q)) = %q", key, got)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		pointer string
		want    []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"/events/3/versions", []string{"events", "3", "versions"}},
		{"/a~1b/c~0d/~01", []string{"a/b", "c~d", "~1"}},
	} {
		if got := Tokens(tt.pointer); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.pointer, got, tt.want)
		}
	}
}
