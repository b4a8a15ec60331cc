// Hand-written tests of the generated package: codegen never writes or removes this file.
package ccbill_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

const (
	jsonType = "application/json"
	formType = "application/x-www-form-urlencoded"
)

func contentType(f webhook.WireFormat) string { return f.ContentType() }

func encode(e ccbill.Event, f webhook.WireFormat) []byte {
	if f == webhook.JSON {
		return e.AppendJSON(nil)
	}
	return e.AppendForm(nil)
}

func TestRegistry(t *testing.T) {
	events := ccbill.Events()
	if len(events) != 19 {
		t.Errorf("%d events, want 19", len(events))
	}
	versions := 0
	for _, et := range events {
		vs := ccbill.Versions(et)
		if len(vs) == 0 || !slices.IsSorted(vs) {
			t.Errorf("%s: versions %v", et, vs)
			continue
		}
		versions += len(vs)
		if got := ccbill.Latest(et); got != vs[len(vs)-1] {
			t.Errorf("Latest(%s) = %d, want %d", et, got, vs[len(vs)-1])
		}
		for _, n := range vs {
			e, err := ccbill.New(et, n)
			if err != nil {
				t.Fatal(err)
			}
			if e.EventType() != et || e.Version() != n {
				t.Errorf("New(%s, %d) is %s v%d", et, n, e.EventType(), e.Version())
			}
		}
	}
	if versions != 54 {
		t.Errorf("%d versions, want 54", versions)
	}
	if got := ccbill.Versions(ccbill.NewSaleSuccess); !slices.Equal(got, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("NewSaleSuccess versions %v", got)
	}
	if ccbill.Versions("Nope") != nil || ccbill.Latest("Nope") != 0 {
		t.Error("an unknown event type has versions")
	}
	var latest ccbill.NewSaleSuccessLatest
	if latest.Version() != 6 {
		t.Errorf("NewSaleSuccessLatest is version %d", latest.Version())
	}
}

// Every version's documented example validates, strictly, and survives decode → encode → decode
// in each format the vendor sends it in, through the registry's Decode.
func TestSamplesRoundTrip(t *testing.T) {
	for _, et := range ccbill.Events() {
		for _, n := range ccbill.Versions(et) {
			sample, err := ccbill.Sample(et, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := sample.ValidateStrict(); err != nil {
				t.Errorf("%s v%d: the guide's example does not validate: %v", et, n, err)
			}
			formats := sample.Formats().List()
			if len(formats) == 0 {
				t.Errorf("%s v%d: no wire format", et, n)
			}
			for _, f := range formats {
				body := encode(sample, f)
				got, err := ccbill.Decode(et, n, contentType(f)+"; charset=utf-8", body)
				if err != nil {
					t.Errorf("%s v%d %s: %v\n%s", et, n, f, err, body)
					continue
				}
				if !reflect.DeepEqual(got, sample) {
					t.Errorf("%s v%d %s: decoded\n%+v\nwant\n%+v", et, n, f, got, sample)
				}
				if again := encode(got, f); !bytes.Equal(again, body) {
					t.Errorf("%s v%d %s: re-encoded\n%s\nwant\n%s", et, n, f, again, body)
				}
				if err := got.Validate(); err != nil {
					t.Errorf("%s v%d %s: %v", et, n, f, err)
				}
			}
		}
	}
}

func TestValuesKeptAsSent(t *testing.T) {
	body := `{"subscriptionId":"0913024401000012340","clientAccnum":900000,"clientSubacc":"0000",` +
		`"timestamp":"2012-08-05 15:18:17","billedCurrencyCode":978,"billedInitialPrice":"4.90",` +
		`"flexId":"5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e","flexID":"5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e",` +
		`"cardType":"VISA","password":"hunter2","X-customer_fname":"Jo","scaResponseStatus":"Y","state":null}`
	var e ccbill.NewSaleSuccessV6
	if err := e.UnmarshalJSON([]byte(body)); err != nil {
		t.Fatal(err)
	}
	want := ccbill.NewSaleSuccessV6{
		SubscriptionID:     "0913024401000012340",
		ClientAccnum:       "900000",
		ClientSubacc:       "0000",
		Timestamp:          "2012-08-05 15:18:17",
		BilledCurrencyCode: ccbill.CurrencyCodeEUR,
		BilledInitialPrice: "4.90",
		FlexID:             "5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e",
		CardType:           ccbill.CardTypeVisa,
		Password:           "hunter2",
		Extra:              webhook.Fields{{Name: "X-customer_fname", Value: "Jo"}, {Name: "scaResponseStatus", Value: "Y"}},
	}
	if !reflect.DeepEqual(e, want) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", e, want)
	}
	if err := e.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	// Strict mode allows the declared pass-through variable and reports the unknown field.
	var invalid *webhook.ValidationError
	if err := e.ValidateStrict(); !errors.As(err, &invalid) || len(invalid.Problems) != 1 || !invalid.Has("scaResponseStatus", webhook.RuleUnknown) {
		t.Errorf("ValidateStrict: %v", err)
	}

	// The same payload as a form body, and as parsed url.Values.
	form := "subscriptionId=0913024401000012340&clientAccnum=900000&clientSubacc=0000&timestamp=2012-08-05+15%3A18%3A17" +
		"&billedCurrencyCode=978&billedInitialPrice=4.90&flexId=5c8b1d5e-6c1c-4a4e-9a8e-0a4b1f2c3d4e&cardType=VISA&password=hunter2" +
		"&X-customer_fname=Jo&scaResponseStatus=Y&state="
	var fromForm ccbill.NewSaleSuccessV6
	if err := fromForm.UnmarshalForm([]byte(form)); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromForm, want) {
		t.Errorf("form decoded\n%+v\nwant\n%+v", fromForm, want)
	}
	values, err := url.ParseQuery(form)
	if err != nil {
		t.Fatal(err)
	}
	var fromValues ccbill.NewSaleSuccessV6
	if err := fromValues.UnmarshalValues(values); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromValues, want) {
		t.Errorf("values decoded\n%+v\nwant\n%+v", fromValues, want)
	}

	// A JSON number carries a value, not digits: sent as the number 4.90, the price reads as its
	// value written plainly (webhook's Numbers), the text a JSON Schema judges.
	var fromNumber ccbill.NewSaleSuccessV6
	if err := fromNumber.UnmarshalJSON([]byte(`{"billedInitialPrice":4.90,"clientAccnum":9e5}`)); err != nil {
		t.Fatal(err)
	}
	if fromNumber.BilledInitialPrice != "4.9" || fromNumber.ClientAccnum != "900000" {
		t.Errorf("the numbers 4.90 and 9e5 read %q and %q, want \"4.9\" and \"900000\"", fromNumber.BilledInitialPrice, fromNumber.ClientAccnum)
	}
}

// A table that spells a field by its alias writes that spelling and reads both.
func TestAliasSpelling(t *testing.T) {
	e := ccbill.UpSaleSuccessV3{FlexID: "abc"}
	if got := string(e.AppendJSON(nil)); got != `{"flexID":"abc"}` {
		t.Errorf("UpSaleSuccessV3 writes %s", got)
	}
	n := ccbill.NewSaleSuccessV6{FlexID: "abc"}
	if got := string(n.AppendForm(nil)); got != `flexId=abc` {
		t.Errorf("NewSaleSuccessV6 writes %s", got)
	}
	var d ccbill.UpSaleSuccessV3
	if err := d.UnmarshalJSON([]byte(`{"flexId":"abc"}`)); err != nil || d.FlexID != "abc" {
		t.Errorf("UpSaleSuccessV3 reads flexId: %v %q", err, d.FlexID)
	}
}

func TestBase(t *testing.T) {
	s, err := ccbill.Sample(ccbill.UpSaleSuccess, 3)
	if err != nil {
		t.Fatal(err)
	}
	up := s.(*ccbill.UpSaleSuccessV3)
	base := up.Base()
	if base.Version() != 4 || base.EventType() != ccbill.NewSaleSuccess {
		t.Fatalf("UpSaleSuccessV3's base is %s v%d", base.EventType(), base.Version())
	}
	if base.SubscriptionID != up.SubscriptionID || base.FlexID != up.FlexID || base.Timestamp != up.Timestamp {
		t.Errorf("Base lost fields: %+v", base)
	}
	if err := base.ValidateStrict(); err != nil {
		t.Errorf("the base part of a valid event is invalid: %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	big := strings.Repeat("9", 10<<20)
	tests := []struct {
		name        string
		event       ccbill.EventType
		version     int
		contentType string
		body        string
		want        string // in the error's text
		as          any    // the error's type
	}{
		{"truncated JSON", ccbill.NewSaleSuccess, 6, jsonType, `{"subscriptionId":"09130244`, "unexpected end of body inside a string", new(*webhook.DecodeError)},
		{"array instead of object", ccbill.NewSaleSuccess, 6, jsonType, `[{"a":"1"}]`, "found an array", new(*webhook.DecodeError)},
		{"nested object", ccbill.NewSaleSuccess, 6, jsonType, `{"email":{"a":"b"}}`, `key "email": the value is an object`, new(*webhook.DecodeError)},
		{"invalid UTF-8", ccbill.NewSaleSuccess, 6, jsonType, "{\"city\":\"Z\xffrich\"}", `key "city": string is not valid UTF-8`, new(*webhook.DecodeError)},
		{"10 MB value", ccbill.NewSaleSuccess, 6, jsonType, `{"city":"` + big + `"}`, "longer than", new(*webhook.DecodeError)},
		{"10 MB form value", ccbill.NewSaleSuccess, 6, formType, "city=" + big, "longer than", new(*webhook.DecodeError)},
		{"duplicated key", ccbill.NewSaleSuccess, 6, jsonType, `{"clientAccnum":"900000","clientAccnum":"900001"}`, `key "clientAccnum": sent twice`, new(*webhook.DecodeError)},
		{"duplicated key, same value", ccbill.NewSaleSuccess, 6, formType, `clientAccnum=900000&clientAccnum=900000`, `key "clientAccnum": sent twice`, new(*webhook.DecodeError)},
		{"aliases that disagree", ccbill.NewSaleSuccess, 6, jsonType, `{"flexId":"a","flexID":"b"}`, `key "flexID": differs from "flexId"`, new(*webhook.DecodeError)},
		{"bad percent-encoding", ccbill.NewSaleSuccess, 6, formType, `clientAccnum=90%zz00`, `key "clientAccnum"`, new(*webhook.DecodeError)},
		{"unknown event type", "NewSale", 1, jsonType, `{}`, `ccbill: unknown event type "NewSale"`, new(*webhook.UnknownEventError)},
		{"unknown version", ccbill.NewSaleSuccess, 7, jsonType, `{}`, "ccbill: NewSaleSuccess has no version 7 (its versions are 1, 2, 3, 4, 5, 6)", new(*webhook.UnknownEventError)},
		{"content type", ccbill.NewSaleSuccess, 6, "text/plain", `{}`, `content type "text/plain"`, new(*webhook.ContentTypeError)},
		{"charset", ccbill.NewSaleSuccess, 6, jsonType + "; charset=iso-8859-1", `{}`, "charset iso-8859-1 is not supported", new(*webhook.ContentTypeError)},
		{"format the version is not sent in", ccbill.NewSaleSuccess, 4, jsonType, `{}`, "NewSaleSuccess v4 is sent as form, not json", new(*webhook.FormatError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ccbill.Decode(tt.event, tt.version, tt.contentType, []byte(tt.body))
			if err == nil {
				t.Fatalf("no error; decoded %+v", e)
			}
			if e != nil {
				t.Errorf("an event came back with the error %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if !errors.As(err, tt.as) {
				t.Errorf("error %T is not a %T", err, tt.as)
			}
			if len(err.Error()) > 300 {
				t.Errorf("error is %d bytes long: the input leaks into it", len(err.Error()))
			}
		})
	}
}

func TestDecodeContentTypes(t *testing.T) {
	for _, ct := range []string{"application/json", "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\"", "application/vnd.ccbill+json"} {
		if _, err := ccbill.Decode(ccbill.Cancellation, 1, ct, []byte(`{"clientAccnum":"900000"}`)); err != nil {
			t.Errorf("%q: %v", ct, err)
		}
	}
	for _, ct := range []string{"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8"} {
		if _, err := ccbill.Decode(ccbill.Cancellation, 1, ct, []byte(`clientAccnum=900000`)); err != nil {
			t.Errorf("%q: %v", ct, err)
		}
	}
}

// One invalid value per kind of constraint: the problem names the wire field, the rule and the
// limit, and every problem of an event is reported at once.
func TestValidateConstraints(t *testing.T) {
	valid := func() *ccbill.NewSaleSuccessV6 {
		s, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
		if err != nil {
			t.Fatal(err)
		}
		return s.(*ccbill.NewSaleSuccessV6)
	}
	tests := []struct {
		name   string
		change func(*ccbill.NewSaleSuccessV6)
		field  string
		rule   webhook.Rule
		limit  string
	}{
		{"required", func(e *ccbill.NewSaleSuccessV6) { e.ClientAccnum = "" }, "clientAccnum", webhook.RuleRequired, ""},
		{"max length in characters", func(e *ccbill.NewSaleSuccessV6) { e.City = strings.Repeat("ü", 31) }, "city", webhook.RuleMaxLength, "30"},
		{"exact width", func(e *ccbill.NewSaleSuccessV6) { e.ClientSubacc = "1" }, "clientSubacc", webhook.RuleWidth, "4"},
		{"digits", func(e *ccbill.NewSaleSuccessV6) { e.SubscriptionID = "12a4" }, "subscriptionId", webhook.RuleDigits, ""},
		{"decimal scale", func(e *ccbill.NewSaleSuccessV6) { e.SubscriptionInitialPrice = "4.999" }, "subscriptionInitialPrice", webhook.RuleDecimal, "9,2"},
		{"decimal precision", func(e *ccbill.NewSaleSuccessV6) { e.SubscriptionRecurringPrice = "123456.00" }, "subscriptionRecurringPrice", webhook.RuleDecimal, "7,2"},
		{"timestamp", func(e *ccbill.NewSaleSuccessV6) { e.Timestamp = "2012-08-05T15:18:17Z" }, "timestamp", webhook.RuleFormat, webhook.FormatTimestamp.String()},
		{"date", func(e *ccbill.NewSaleSuccessV6) { e.NextRenewalDate = "2012-02-30" }, "nextRenewalDate", webhook.RuleFormat, webhook.FormatDate.String()},
		{"mmyy", func(e *ccbill.NewSaleSuccessV6) { e.ExpDate = "1317" }, "expDate", webhook.RuleFormat, webhook.FormatMMYY.String()},
		{"uuid", func(e *ccbill.NewSaleSuccessV6) { e.FlexID = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" }, "flexId", webhook.RuleFormat, webhook.FormatUUID.String()},
		{"enum", func(e *ccbill.NewSaleSuccessV6) { e.ThreeDSecure = "MAYBE" }, "threeDSecure", webhook.RuleEnum, "NOT_APPLICABLE, AUTH_SUCCESS, AUTH_ATTEMPTED, AUTH_FAILED, AUTH_UNAVAILABLE"},
		{"numeric enum", func(e *ccbill.NewSaleSuccessV6) { e.BilledCurrencyCode = "999" }, "billedCurrencyCode", webhook.RuleEnum, "036, 124, 392, 826, 840, 978"},
		{"secret", func(e *ccbill.NewSaleSuccessV6) { e.Password = webhook.Secret(strings.Repeat("x", 31)) }, "password", webhook.RuleMaxLength, "30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := valid()
			tt.change(e)
			err := e.Validate()
			var invalid *webhook.ValidationError
			if !errors.As(err, &invalid) {
				t.Fatalf("Validate = %v, want a *webhook.ValidationError", err)
			}
			if invalid.Event != "NewSaleSuccess" || invalid.Version != 6 || len(invalid.Problems) != 1 {
				t.Fatalf("got %v", err)
			}
			p := invalid.Problems[0]
			if p.Field != tt.field || p.Rule != tt.rule || p.Limit != tt.limit {
				t.Errorf("got %+v, want field %s rule %s limit %q", p, tt.field, tt.rule, tt.limit)
			}
			if tt.field == "password" {
				if !p.Redacted || p.Value != "" || strings.Contains(err.Error(), "xxx") {
					t.Errorf("a secret's value leaks: %+v / %v", p, err)
				}
			} else if tt.rule != webhook.RuleRequired && p.Value == "" {
				t.Errorf("the offending value is missing: %+v", p)
			}
		})
	}

	t.Run("every problem at once", func(t *testing.T) {
		e := valid()
		e.ClientAccnum, e.ClientSubacc, e.Timestamp, e.CardType = "", "12345", "yesterday", "VISA-ish"
		var invalid *webhook.ValidationError
		if !errors.As(e.Validate(), &invalid) {
			t.Fatal("valid")
		}
		var got []string
		for _, p := range invalid.Problems {
			got = append(got, p.Field+"/"+string(p.Rule))
		}
		want := []string{"clientAccnum/required", "clientSubacc/width", "timestamp/format", "cardType/enum"}
		if !slices.Equal(got, want) {
			t.Errorf("problems %v, want %v", got, want)
		}
	})
	t.Run("range", func(t *testing.T) {
		// originalClientSubacc is a Java short: five digits fit its length but not its range.
		e := ccbill.UpSaleSuccessV3{ClientAccnum: "900000", ClientSubacc: "0000", Timestamp: "2012-08-05 15:18:17", OriginalClientSubacc: "40000"}
		var invalid *webhook.ValidationError
		if !errors.As(e.Validate(), &invalid) || len(invalid.Problems) != 1 {
			t.Fatalf("got %v", e.Validate())
		}
		if p := invalid.Problems[0]; p.Field != "originalClientSubacc" || p.Rule != webhook.RuleRange || p.Limit != "0..32767" || p.Value != "40000" {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("numeric enums ignore leading zeros", func(t *testing.T) {
		e := valid()
		e.BilledCurrencyCode, e.BilledCurrency = "36", ccbill.CurrencyAUD // the letter agrees with the code
		if err := e.Validate(); err != nil {
			t.Error(err)
		}
	})
}

func TestDetect(t *testing.T) {
	s, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ccbill.Detect(ccbill.NewSaleSuccess, jsonType, s.AppendJSON(nil))
	if err != nil {
		t.Fatal(err)
	}
	// v6 adds threeDSecure; v1 to v4 are form only.
	if !slices.Equal(got, []int{6}) {
		t.Errorf("Detect = %v, want [6]", got)
	}
	old, _ := ccbill.Sample(ccbill.NewSaleSuccess, 1)
	got, err = ccbill.Detect(ccbill.NewSaleSuccess, formType, old.AppendForm(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("a v1 body fits %v, want every version (later versions only add optional fields)", got)
	}
	if _, err := ccbill.Detect(ccbill.NewSaleSuccess, jsonType, []byte(`{"a":`)); err == nil {
		t.Error("an unreadable body detects without error")
	}
	if _, err := ccbill.Detect("Nope", jsonType, []byte(`{}`)); err == nil {
		t.Error("an unknown event detects without error")
	}
}

func TestTables(t *testing.T) {
	if l, ok := ccbill.CurrencyLetter("036"); !ok || l != "AUD" {
		t.Errorf("CurrencyLetter(036) = %q, %v", l, ok)
	}
	if l, ok := ccbill.CurrencyLetter("36"); !ok || l != "AUD" {
		t.Errorf("CurrencyLetter(36) = %q, %v", l, ok)
	}
	if n, ok := ccbill.CurrencyNumeric("EUR"); !ok || n != "978" {
		t.Errorf("CurrencyNumeric(EUR) = %q, %v", n, ok)
	}
	if _, ok := ccbill.CurrencyLetter("999"); ok {
		t.Error("999 is a currency")
	}
	if len(ccbill.Currencies()) != 6 {
		t.Errorf("%d currencies", len(ccbill.Currencies()))
	}
	for _, c := range ccbill.Currencies() {
		if !ccbill.CurrencyCode(c.Numeric).Valid() || !ccbill.Currency(c.Letter).Valid() {
			t.Errorf("the table's %+v is not in the enums", c)
		}
	}
	if text, ok := ccbill.DeclineCodeText("12"); !ok || text == "" {
		t.Errorf("DeclineCodeText(12) = %q, %v", text, ok)
	}
	if ccbill.DeclineCode("012").Description() != ccbill.DeclineCode12.Description() {
		t.Error("decline codes are numbers: 012 is 12")
	}
	if ccbill.ThreeDSecure("AUTH_SUCCESS") != ccbill.ThreeDSecureAuthSuccess || !ccbill.ThreeDSecureAuthSuccess.Valid() || ccbill.ThreeDSecure("auth_success").Valid() {
		t.Error("threeDSecure")
	}
	if len(ccbill.ThreeDSecureValues()) != 5 {
		t.Errorf("threeDSecure has %d values", len(ccbill.ThreeDSecureValues()))
	}
}

func TestClock(t *testing.T) {
	ts, err := ccbill.ParseTimestamp("2012-08-05 15:18:17")
	if err != nil {
		t.Fatal(err)
	}
	if got := ts.UTC().Format("2006-01-02 15:04:05"); got != "2012-08-05 22:18:17" {
		t.Errorf("15:18:17 on CCBill's clock is %s UTC, want 22:18:17", got)
	}
	// Arizona keeps no daylight saving time: January is UTC-7 too.
	winter, _ := ccbill.ParseTimestamp("2013-01-25 03:22:44")
	if _, offset := winter.Zone(); offset != -7*3600 {
		t.Errorf("January offset %d", offset)
	}
	d, err := ccbill.ParseDate("2012-09-19")
	if err != nil || d.UTC().Format(time.RFC3339) != "2012-09-19T07:00:00Z" {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	if _, err := ccbill.ParseTimestamp("2012-08-05T15:18:17Z"); err == nil {
		t.Error("an ISO 8601 timestamp parsed as CCBill's")
	}
	if ccbill.Clock().String() != "MST" {
		t.Errorf("clock %s", ccbill.Clock())
	}
}

func TestChanges(t *testing.T) {
	up, err := ccbill.Changes(ccbill.NewSaleSuccess, 1, 6)
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, c := range up {
		if c.Rule == "field-added" {
			added = append(added, fmt.Sprintf("%s@v%d", c.Field, c.To))
		}
		if c.Level == webhook.LevelBreaking {
			t.Errorf("upgrading NewSaleSuccess breaks: %s", c)
		}
	}
	// v5 also adds the currency letters that real sales carry (erratum sale-currency-letters-seen).
	want := []string{"paymentAccount@v2", "flexId@v3", "last4@v4", "expDate@v4", "bin@v5", "subscriptionCurrency@v5", "billedCurrency@v5", "accountingCurrency@v5", "threeDSecure@v6"}
	if !slices.Equal(added, want) {
		t.Errorf("added %v, want %v", added, want)
	}
	down, err := ccbill.Changes(ccbill.NewSaleSuccess, 6, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(down) != len(up) {
		t.Errorf("%d changes down, %d up", len(down), len(up))
	}
	for _, c := range down {
		if c.Rule == "field-removed" && c.Level != webhook.LevelBreaking {
			t.Errorf("a removed field is not breaking: %s", c)
		}
	}
	if cs, err := ccbill.Changes(ccbill.Void, 2, 2); err != nil || cs != nil {
		t.Errorf("Changes(v2, v2) = %v, %v", cs, err)
	}
	if _, err := ccbill.Changes(ccbill.Void, 1, 9); err == nil || !strings.Contains(err.Error(), "no version 9") {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := ccbill.Changes("Nope", 1, 2); err == nil {
		t.Error("unknown event")
	}
}
