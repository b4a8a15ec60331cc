package basicauth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// Basic auth: every configured credential is accepted (for rotation), anything else is answered
// 401 with a challenge before the body is read, and nothing reaches the application.
func TestBasicAuth(t *testing.T) {
	delivered := 0
	h, err := NewHandler(HandlerConfig{
		OnEvent: func(context.Context, *Delivery) error {
			delivered++
			return nil
		},
		Options: webhook.Options{
			AnySource: true,
			BasicAuth: []webhook.BasicCredentials{
				{User: "hooks", Password: "old-password-3c1d"},
				{User: "hooks", Password: "new-password-8e0f"},
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, user, password string
		status               int
	}{
		{"the new password", "hooks", "new-password-8e0f", http.StatusOK},
		{"the old password, still configured", "hooks", "old-password-3c1d", http.StatusOK},
		{"a wrong password", "hooks", "new-password-8e0e", http.StatusUnauthorized},
		{"a wrong user", "hook", "new-password-8e0f", http.StatusUnauthorized},
		{"no credentials", "", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(`{"type":"ping","content":{"message":"hi"}}`))
		req.Header.Set("Content-Type", "application/json")
		if tt.user != "" {
			req.SetBasicAuth(tt.user, tt.password)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, rec.Code, rec.Body, tt.status)
		}
		if tt.status == http.StatusUnauthorized && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic ") {
			t.Errorf("%s: WWW-Authenticate %q", tt.name, rec.Header().Get("WWW-Authenticate"))
		}
	}
	if delivered != 2 {
		t.Errorf("%d deliveries, want 2", delivered)
	}
}

// The handler refuses a configuration that could never authenticate the vendor's posts: a URL
// key, which this vendor does not send, and credentials without a password.
func TestBasicAuthConfiguration(t *testing.T) {
	for _, tt := range []struct {
		name    string
		options webhook.Options
		want    string
	}{
		{"a URL key", webhook.Options{AnySource: true, URLKeys: []webhook.Secret{"k3y-with-enough-entropy"}}, "sends no URL key"},
		{"no password", webhook.Options{AnySource: true, BasicAuth: []webhook.BasicCredentials{{User: "hooks"}}}, "password"},
		{"nothing to check", webhook.Options{AnySource: true}, "anyone could post"},
	} {
		_, err := NewHandler(HandlerConfig{OnEvent: func(context.Context, *Delivery) error { return nil }, Options: tt.options})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}
