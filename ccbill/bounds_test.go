package ccbill_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// TestHandlerCostIsBounded posts the largest body the handler takes, made of as many tiny
// unknown members as fit (the adversarial review's 16-21 MB of allocation and 4.6 MB log line),
// and checks what one post may cost: memory a small multiple of the body, log lines of a few
// kilobytes at every level, and the members past the limit counted in one problem.
func TestHandlerCostIsBounded(t *testing.T) {
	sample := sampleOf(t, ccbill.NewSaleSuccess, 6, webhook.Form)
	var body bytes.Buffer
	body.Write(sample)
	for i := 0; body.Len() < webhook.DefaultMaxBodyBytes-16; i++ {
		body.WriteString("&k")
		body.WriteString(strings.Repeat("x", i%7))
	}
	tests := []struct {
		name   string
		strict bool
	}{{"lenient", false}, {"strict", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			var got *ccbill.Delivery
			h, err := ccbill.NewHandler(ccbill.HandlerConfig{
				OnEvent: func(_ context.Context, d *ccbill.Delivery) error { got = d; return nil },
				Options: webhook.Options{
					SourceRanges: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
					Strict:       tt.strict,
					Logger:       slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			post := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/webhooks?"+saleQuery, bytes.NewReader(body.Bytes()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.RemoteAddr = "192.0.2.1:1"
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				return w
			}
			post() // the pool's buffers and the logger's are warm from here on
			logs.Reset()

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			w := post()
			runtime.ReadMemStats(&after)
			if w.Code != http.StatusOK || got == nil {
				t.Fatalf("answer %d %s", w.Code, w.Body)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 4*uint64(body.Len()) {
				t.Errorf("one %d-byte post allocated %d bytes", body.Len(), alloc)
			}
			longest := 0
			for line := range strings.Lines(logs.String()) {
				longest = max(longest, len(line))
				if len(line) > 32<<10 {
					t.Errorf("a %d-byte log line: %.300s…", len(line), line)
				}
			}
			t.Logf("a %d-byte post: %d bytes allocated, longest log line %d bytes", body.Len(), alloc, longest)
			e := got.Event.(*ccbill.NewSaleSuccessV6)
			if len(e.Extra) != webhook.MaxExtraMembers {
				t.Errorf("kept %d unknown members, want the limit %d", len(e.Extra), webhook.MaxExtraMembers)
			}
			var invalid *webhook.ValidationError
			if !errors.As(got.Validation, &invalid) || !invalid.Has("(extra)", webhook.RuleExtraLimit) {
				t.Fatalf("the members past the limit are not reported: %v", got.Validation)
			}
			if tt.strict && !invalid.Has("(more)", webhook.RuleMoreProblems) {
				t.Errorf("strict validation does not count the problems past its limit")
			}
			if len(invalid.Problems) > webhook.MaxProblems+2 {
				t.Errorf("%d problems", len(invalid.Problems))
			}
		})
	}
}
