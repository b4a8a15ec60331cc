package acme

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

func TestSamples(t *testing.T) {
	for _, et := range Events() {
		for _, n := range Versions(et) {
			s, err := Sample(et, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.ValidateStrict(); err != nil {
				t.Errorf("%s v%d: %v", et, n, err)
			}
			for _, f := range s.Formats().List() {
				var body []byte
				if f == webhook.JSON {
					body = s.AppendJSON(nil)
				} else {
					body = s.AppendForm(nil)
				}
				got, err := Decode(et, n, f.ContentType(), body)
				if err != nil || !reflect.DeepEqual(got, s) {
					t.Errorf("%s v%d %s: %v\n%s", et, n, f, err, body)
				}
			}
		}
	}
}

func TestChecks(t *testing.T) {
	e := PaymentDoneV2{Account: "1", Attempts: "x", Test: "yes", ReasonCode: "012", Expiry: "1328", Token: "a-b", CreatedAt: "2026-01-31"}
	var invalid *webhook.ValidationError
	if !errors.As(e.Validate(), &invalid) {
		t.Fatal("valid")
	}
	want := []string{"paymentId/required", "account/width", "attempts/integer", "createdAt/format", "expiry/format", "token/format", "test/enum"}
	var got []string
	for _, p := range invalid.Problems {
		got = append(got, p.Field+"/"+string(p.Rule))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	r := PaymentRefundedV1{PaymentID: "1", Account: "0001", FormID: "1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f"}
	if string(r.AppendJSON(nil)) != `{"paymentId":"1","account":"0001","formID":"1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f"}` {
		t.Errorf("alias spelling: %s", r.AppendJSON(nil))
	}
	if b := r.Base(); b.FormID != r.FormID || b.Version() != 2 {
		t.Errorf("Base: %+v", b)
	}
	if ts, err := ParseTimestamp("2026-01-31 12:00:00"); err != nil || ts.UTC().Hour() != 17 {
		t.Errorf("ParseTimestamp: %v %v", ts, err)
	}
	if l, ok := CurrencyLetter("36"); !ok || l != "AUD" {
		t.Errorf("CurrencyLetter: %q", l)
	}
}
