package ccbill_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// TestHandlerLoad posts 20,000 distinct deliveries from 32 concurrent senders to a server on
// loopback, every event type in turn in each of its latest version's formats. The application
// fails the first attempt of every seventh delivery, as a database hiccup would; the sender
// then redelivers, as CCBill does. Every delivery must reach the callback successfully exactly
// once, with its key, and none may be lost. Run with -v to see throughput and p99 latency:
//
//	go test ./ccbill -run TestHandlerLoad -v
func TestHandlerLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const (
		deliveries = 20000
		senders    = 32
		maxTries   = 3
	)
	type job struct {
		seq         int
		eventType   ccbill.EventType
		contentType string
		body        []byte
	}
	var jobs []job
	events := ccbill.Events()
	for seq := 0; len(jobs) < deliveries; seq++ {
		et := events[seq%len(events)]
		sample, err := ccbill.Sample(et, ccbill.Latest(et))
		if err != nil {
			t.Fatal(err)
		}
		formats := sample.Formats().List()
		format := formats[(seq/len(events))%len(formats)]
		// A pass-through member makes each body, and so each key, distinct.
		seqValue := strconv.Itoa(seq)
		var body []byte
		if format == webhook.JSON {
			body = append([]byte(`{"X-seq":"`+seqValue+`",`), sample.AppendJSON(nil)[1:]...)
		} else {
			body = append([]byte("X-seq="+seqValue+"&"), sample.AppendForm(nil)...)
		}
		jobs = append(jobs, job{seq: seq, eventType: et, contentType: format.ContentType(), body: body})
	}

	var (
		mu        sync.Mutex
		stored    = map[webhook.DeliveryKey]int{} // key → seq
		attempts  = map[int]int{}                 // seq → callback calls
		failed    atomic.Int64
		callbacks atomic.Int64
	)
	errHiccup := errors.New("database hiccup")
	h, err := ccbill.NewHandler(ccbill.HandlerConfig{
		OnEvent: func(_ context.Context, d *ccbill.Delivery) error {
			callbacks.Add(1)
			if d.Validation != nil {
				return fmt.Errorf("sample invalid: %w", d.Validation)
			}
			text, _ := d.Event.ExtraFields().Get("X-seq")
			seq, err := strconv.Atoi(text)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			attempts[seq]++
			if seq%7 == 0 && attempts[seq] == 1 {
				failed.Add(1)
				return errHiccup
			}
			if prev, dup := stored[d.Key]; dup {
				return fmt.Errorf("key %s stored twice (seq %d and %d)", d.Key, prev, seq)
			}
			stored[d.Key] = seq
			return nil
		},
		Options: webhook.Options{SourceRanges: loopback, Logger: slog.New(slog.DiscardHandler)},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: senders, MaxConnsPerHost: senders},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	queue := make(chan job)
	latencies := make([][]time.Duration, senders)
	var lost atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for s := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				delivered := false
				for try := 0; try < maxTries && !delivered && ctx.Err() == nil; try++ {
					url := srv.URL + "/webhooks?clientAccnum=900100&clientSubacc=0000&eventGroupType=Subscription&eventType=" + string(j.eventType)
					req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(j.body))
					if err != nil {
						t.Error(err)
						return
					}
					req.Header.Set("Content-Type", j.contentType)
					began := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					latencies[s] = append(latencies[s], time.Since(began))
					delivered = resp.StatusCode == http.StatusOK
				}
				if !delivered {
					lost.Add(1)
				}
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
	elapsed := time.Since(start)

	if n := lost.Load(); n > 0 {
		t.Errorf("%d deliveries never got a 200", n)
	}
	if len(stored) != deliveries {
		t.Errorf("%d deliveries stored, want %d", len(stored), deliveries)
	}
	for _, j := range jobs {
		want := webhook.NewDeliveryKey(string(j.eventType), j.body)
		if seq, ok := stored[want]; !ok || seq != j.seq {
			t.Fatalf("delivery %d: stored under its key as %d (found %v)", j.seq, seq, ok)
		}
	}
	wantCalls := int64(deliveries) + failed.Load()
	if callbacks.Load() != wantCalls {
		t.Errorf("%d callbacks, want %d (one per delivery plus one per failed first attempt)", callbacks.Load(), wantCalls)
	}
	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	slices.Sort(all)
	p := func(q float64) time.Duration { return all[int(q*float64(len(all)-1))] }
	t.Logf("%d deliveries (%d requests, %d redelivered after a failed callback) from %d senders in %v: %.0f deliveries/s; latency p50 %v, p99 %v, max %v",
		deliveries, len(all), failed.Load(), senders, elapsed.Round(time.Millisecond), float64(deliveries)/elapsed.Seconds(), p(0.50), p(0.99), all[len(all)-1])
}
