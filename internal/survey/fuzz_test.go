package survey

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/webhook"
)

// FuzzReadManifest: any text gives a manifest or an error naming the file, never a panic, and
// every entry a manifest keeps names a file of its own directory with an event.
func FuzzReadManifest(f *testing.F) {
	f.Add("file\teventType\tformat\na.json\tVoid\tjson-params\n")
	f.Add("eventType\tfile\r\nVoid\ta.json\r\n")
	f.Add("file\teventType\n../a\tVoid\na\t\n")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := ReadManifest("MANIFEST.tsv", strings.NewReader(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "MANIFEST.tsv") {
				t.Fatalf("error does not name the manifest: %v", err)
			}
			return
		}
		for _, name := range m.Order {
			e := m.Entries[name]
			if e.File == "" || e.Event == "" || strings.ContainsAny(e.File, "/") || e.File == ".." {
				t.Fatalf("kept a bad entry %+v", e)
			}
		}
	})
}

// FuzzSurveyAdd: any body, in either format, is surveyed or listed as unreadable, and the report
// writes in every format; nothing panics.
func FuzzSurveyAdd(f *testing.F) {
	s := ccbillSpec(f)
	e, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(e.AppendJSON(nil), false, "NewSaleSuccess")
	f.Add(e.AppendForm(nil), true, "NewSaleSuccess")
	f.Add([]byte(`{"eventType":"Void","X-a":"1","userPassword":"x","source":"webStaff"}`), false, "")
	f.Add([]byte("\xef\xbb\xbf{\"a\":{\"b\":1}}"), false, "Cancellation")
	base, err := New(Options{Spec: s, Vendor: ccbillVendor})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, form bool, event string) {
		sv := base.again()
		format := webhook.JSON
		if form {
			format = webhook.Form
		}
		sv.Add(Delivery{Input: check.Input{Name: "fuzz", Event: event, Body: body, Format: format}})
		r := sv.Report()
		if r.Deliveries != 1 || r.surveyed()+len(r.Unreadable)+len(r.Skipped) != 1 {
			t.Fatalf("the delivery is neither surveyed nor listed: %+v", r)
		}
		for _, out := range []Output{Text, JSON, Markdown} {
			if err := r.Write(io.Discard, out); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// BenchmarkAdd measures one delivery surveyed: read, validated in each of the event's six
// versions (leniently and strictly), and its members counted.
func BenchmarkAdd(b *testing.B) {
	s := ccbillSpec(b)
	sv, err := New(Options{Spec: s, Vendor: ccbillVendor})
	if err != nil {
		b.Fatal(err)
	}
	body := sample(b, ccbill.NewSaleSuccess, 6, "cardSubType", "CREDIT", "X-formDigest", "abc")
	d := Delivery{Input: check.Input{Name: "bench", Event: "NewSaleSuccess", Body: body, Format: webhook.JSON}}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		sv.Add(d)
	}
	var out bytes.Buffer
	if err := sv.Report().Write(&out, Text); err != nil {
		b.Fatal(err)
	}
}
