package urlkey

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A URL key: the request is accepted only with a configured key in the spec's query parameter
// (key), once; anything else is refused before the body reaches the application.
func TestURLKey(t *testing.T) {
	delivered := 0
	h, err := NewHandler(HandlerConfig{
		OnEvent: func(context.Context, *Delivery) error {
			delivered++
			return nil
		},
		Options: webhook.Options{AnySource: true, URLKeys: []webhook.Secret{"k3y-with-enough-entropy"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		status int
	}{
		{"/hooks?key=k3y-with-enough-entropy", http.StatusOK},
		{"/hooks?key=k3y-with-enough-entropz", http.StatusForbidden},
		{"/hooks?secret=k3y-with-enough-entropy", http.StatusForbidden},
		{"/hooks", http.StatusForbidden},
		{"/hooks?key=k3y-with-enough-entropy&key=k3y-with-enough-entropy", http.StatusForbidden},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, tt.target, strings.NewReader(`{"type":"ping","content":{"message":"hi"}}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.target, rec.Code, rec.Body, tt.status)
		}
	}
	if delivered != 1 {
		t.Errorf("%d deliveries, want 1", delivered)
	}
	if _, err := NewHandler(HandlerConfig{
		OnEvent: func(context.Context, *Delivery) error { return nil },
		Options: webhook.Options{AnySource: true, URLKeys: []webhook.Secret{"short"}},
	}); err == nil {
		t.Error("a short URL key was accepted")
	}
}
