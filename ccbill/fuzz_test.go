package ccbill_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

type eventVersion struct {
	t ccbill.EventType
	n int
}

func allVersions() []eventVersion {
	var out []eventVersion
	for _, t := range ccbill.Events() {
		for _, n := range ccbill.Versions(t) {
			out = append(out, eventVersion{t, n})
		}
	}
	return out
}

// fuzzDecode checks the decoders' invariants on any input: no panic, and whatever decodes
// re-encodes to a body that decodes to an equal event.
func fuzzDecode(f *testing.F, format webhook.WireFormat, seeds []string) {
	versions := allVersions()
	for i, ev := range versions {
		s, err := ccbill.Sample(ev.t, ev.n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(encode(s, format), uint8(i))
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, body []byte, pick uint8) {
		ev := versions[int(pick)%len(versions)]
		e, _ := ccbill.New(ev.t, ev.n)
		var err error
		if format == webhook.JSON {
			err = e.UnmarshalJSON(body)
		} else {
			err = e.UnmarshalForm(body)
		}
		if err != nil {
			if _, ok := err.(*webhook.DecodeError); !ok {
				t.Fatalf("error %T is not a *webhook.DecodeError: %v", err, err)
			}
			return
		}
		_ = e.Validate()
		_ = e.ValidateStrict()
		again, _ := ccbill.New(ev.t, ev.n)
		out := encode(e, format)
		if format == webhook.JSON {
			err = again.UnmarshalJSON(out)
		} else {
			err = again.UnmarshalForm(out)
		}
		if err != nil {
			t.Fatalf("%s v%d: re-encoded body does not decode: %v\nin:  %q\nout: %q", ev.t, ev.n, err, body, out)
		}
		if !reflect.DeepEqual(e, again) {
			t.Fatalf("%s v%d: decode → encode → decode changed the event\nin:  %q\nout: %q\n%+v\n%+v", ev.t, ev.n, body, out, e, again)
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	fuzzDecode(f, webhook.JSON, []string{
		``, `{}`, `[]`, `{"a":`, `{"clientAccnum":900000,"price":1e3,"x":null,"y":true}`,
		`{"flexId":"a","flexID":"a"}`, `{"k\u0000":"\ud800"}`, `{"X-":""}`,
		`{"clientAccnum":1000000000.0,"billedInitialPrice":4.900,"rebills":-0,"initialPeriod":1E+3,"zz":12.5e-3}`, `{"zz":1e999999999}`,
	})
}

func FuzzDecodeForm(f *testing.F) {
	fuzzDecode(f, webhook.Form, []string{
		``, `&&`, `a`, `=b`, `a=%zz`, `clientAccnum=900000&clientAccnum=1`, `flexId=a&flexID=a`, `X-a=+%2B%20&b`,
	})
}

// Secrets never reach fmt or log/slog output, whatever the verb or handler.
func TestSecretsRedacted(t *testing.T) {
	e := ccbill.NewSaleSuccessV6{SubscriptionID: "0913024401000012340", Password: "hunter2", Username: "jo"}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		outputs = append(outputs, fmt.Sprintf(verb, e), fmt.Sprintf(verb, &e), fmt.Sprintf(verb, e.Password))
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("received", "event", e, "ptr", &e, "password", e.Password)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("received", "event", e, "ptr", &e, "password", e.Password)
	outputs = append(outputs, text.String(), js.String())
	for _, out := range outputs {
		if strings.Contains(out, "hunter2") || strings.Contains(out, fmt.Sprintf("%x", "hunter2")) {
			t.Errorf("the password leaks: %s", out)
		}
	}
	for _, log := range []string{text.String(), js.String()} {
		if !strings.Contains(log, "subscriptionId") || !strings.Contains(log, "0913024401000012340") || !strings.Contains(log, webhook.Redacted) {
			t.Errorf("the log lacks the event's fields by wire name: %s", log)
		}
	}
	// The event's own encoders carry the secret: re-encoding a payload must not lose it.
	if !strings.Contains(string(e.AppendJSON(nil)), "hunter2") || !strings.Contains(string(e.AppendForm(nil)), "hunter2") {
		t.Error("an encoder dropped the password")
	}
}
