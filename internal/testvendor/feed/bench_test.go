package feed

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// benchBody is an order_created v2 body of about 4.5 kB: three levels (envelope, content,
// resources), an array of 35 objects, a map and arrays of text, some 150 members in all.
var benchBody = func() string {
	var b strings.Builder
	b.WriteString(`{"id":"ev_01HZX4Q8Y2M3N4P5Q6R7S8T9V0","occurred_at":1700000000,"api_version":"v2","event_type":"order_created","webhook_status":"scheduled","content":{"order":{"id":"or_01HZX4Q8Y2M3N4P5Q6R7","status":"paid","lines":[`)
	for i := range 35 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"item_id":"basic-plan-USD-monthly-%04d-addon-storage-extended","quantity":%d,"amount":%d}`, i, i%5+1, 1999+i*100)
	}
	b.WriteString(`],"tags":["gift","rush","priority","wholesale","eu","annual","renewal","partner"],"resource_version":1700000000123},`)
	b.WriteString(`"account":{"id":"ac_01HZX4Q8Y2M3N4P5Q6R7","email":"jo.bloggs@example.com","password":"correct horse battery staple","balance":125000,"vip":true,"exchange_rate":1.0825,"meta":{"source":"checkout","campaign":"autumn"},`)
	b.WriteString(`"labels":{"tier":"gold","region":"emea","segment":"smb","owner":"sales-team-7","channel":"web","cohort":"2023-q4","risk":"low","lang":"en-GB"},"resource_version":1700000000000},`)
	b.WriteString(`"card":{"last4":"4242","brand":"visa","expiry_month":12,"expiry_year":2030}}}`)
	return b.String()
}()

// The same shapes as plain structs, decoded by encoding/json: what a hand-written receiver
// does, with no validation.
type (
	plainEvent struct {
		ID            string       `json:"id"`
		OccurredAt    int64        `json:"occurred_at"`
		APIVersion    string       `json:"api_version"`
		EventType     string       `json:"event_type"`
		WebhookStatus string       `json:"webhook_status"`
		Content       plainContent `json:"content"`
	}
	plainContent struct {
		Order   plainOrder      `json:"order"`
		Account plainAccount    `json:"account"`
		Card    json.RawMessage `json:"card"`
	}
	plainOrder struct {
		ID              string      `json:"id"`
		Status          string      `json:"status"`
		Lines           []plainLine `json:"lines"`
		Tags            []string    `json:"tags"`
		ResourceVersion int64       `json:"resource_version"`
	}
	plainLine struct {
		ItemID   string `json:"item_id"`
		Quantity int64  `json:"quantity"`
		Amount   int64  `json:"amount"`
	}
	plainAccount struct {
		ID              string            `json:"id"`
		Email           string            `json:"email"`
		Password        string            `json:"password"`
		Balance         int64             `json:"balance"`
		VIP             bool              `json:"vip"`
		ExchangeRate    json.Number       `json:"exchange_rate"`
		Meta            json.RawMessage   `json:"meta"`
		Labels          map[string]string `json:"labels"`
		ResourceVersion int64             `json:"resource_version"`
	}
)

func TestBenchBodyIsValid(t *testing.T) {
	e, err := Decode([]byte(benchBody))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ValidateStrict(); err != nil {
		t.Fatal(err)
	}
	var plain plainEvent
	if err := json.Unmarshal([]byte(benchBody), &plain); err != nil || len(plain.Content.Order.Lines) != 35 {
		t.Fatalf("encoding/json: %v, %d lines", err, len(plain.Content.Order.Lines))
	}
	if len(benchBody) < 4000 || len(benchBody) > 5000 {
		t.Errorf("the benchmark body is %d bytes, want 4-5 kB", len(benchBody))
	}
}

// BenchmarkNested compares the generated decoder plus Validate with encoding/json's Unmarshal
// into equivalent plain structs, on the same body, side by side.
func BenchmarkNested(b *testing.B) {
	body := []byte(benchBody)
	b.Run("hookspec-decode-validate", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			e, err := Decode(body)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var e plainEvent
			if err := json.Unmarshal(body, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
}
