package webhook

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestRawJSONRedacted(t *testing.T) {
	tests := []struct{ raw, want string }{
		{``, ``},
		{`{"a":1,"password":"hunter2"}`, `{"a":1,"password":"[redacted]"}`},
		{`{"x":[{"api_key":{"deep":"hunter2"}},{"ok":"y"}]}`, `{"x":[{"api_key":"[redacted]"},{"ok":"y"}]}`},
		{` [ "a" , 1.50 ] `, `["a",1.50]`},
		{`"text"`, `"text"`},
		{`{"a":`, `[invalid JSON]`},
		{`1 2`, `[invalid JSON]`},
	}
	for _, tt := range tests {
		if got := RawJSON(tt.raw).Redacted(); got != tt.want {
			t.Errorf("Redacted(%s) = %s, want %s", tt.raw, got, tt.want)
		}
	}
	secret := RawJSON(`{"X-password":"hunter2","n":{"token":"hunter2"}}`)
	members := RawMembers{{"password", `"hunter2"`}, {"note", `"hunter2"`}}
	type holder struct {
		Meta  RawJSON
		Extra RawMembers
	}
	h := holder{secret, members}
	var b strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		fmt.Fprintf(&b, verb+"\n", h)
	}
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "h", h.Meta, "extra", h.Extra)
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "h", h.Meta, "extra", h.Extra)
	if strings.Contains(b.String(), "hunter2") {
		t.Errorf("a secret was printed:\n%s", b.String())
	}
}
