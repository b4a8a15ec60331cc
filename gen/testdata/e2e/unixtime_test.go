package unixtime

import (
	"errors"
	"testing"
	"time"

	"github.com/hookspec/hookspec/webhook"
)

// Unix times in seconds and in milliseconds decode into their own types, convert to UTC times,
// and encode back as the integers they came as.
func TestUnixTimes(t *testing.T) {
	body := `{"type":"job_finished","content":{"finished_at":1700000000,"started_at_ms":1699999999123}}`
	e, err := Decode(JobFinished, 1, "application/json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	j := e.(*JobFinishedV1)
	if err := j.Validate(); err != nil {
		t.Fatal(err)
	}
	finished, ok := j.Content.FinishedAt.Time()
	if want := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC); !ok || !finished.Equal(want) || finished.Location() != time.UTC {
		t.Errorf("FinishedAt.Time() = %v, %v, want %v", finished, ok, want)
	}
	started, ok := j.Content.StartedAtMillis.Time()
	if want := time.Date(2023, 11, 14, 22, 13, 19, 123e6, time.UTC); !ok || !started.Equal(want) {
		t.Errorf("StartedAtMillis.Time() = %v, %v, want %v", started, ok, want)
	}
	if got := string(j.AppendJSON(nil)); got != body {
		t.Errorf("encoded %s\nwant    %s", got, body)
	}

	absent, err := Decode(JobFinished, 1, "application/json", []byte(`{"type":"job_finished","content":{"finished_at":0}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := absent.(*JobFinishedV1).Content
	if at, ok := a.FinishedAt.Time(); !ok || at.Unix() != 0 {
		t.Errorf("the epoch is a time, not an absent one: %v %v", at, ok)
	}
	if _, ok := a.StartedAtMillis.Time(); ok {
		t.Error("an absent time has a value")
	}
	for _, content := range []string{`{"finished_at":"2023-11-14T22:13:20Z"}`, `{"finished_at":1700000000.5}`} {
		_, err := Decode(JobFinished, 1, "application/json", []byte(`{"type":"job_finished","content":`+content+`}`))
		var de *webhook.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a *webhook.DecodeError", content, err)
		}
	}
}
