package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

type member struct {
	Key, Value string
	Kind       ValueKind
}

func readJSON(body string) ([]member, error) {
	r := NewJSONReader(body)
	var out []member
	for r.Next() {
		out = append(out, member{r.Key(), r.Value(), r.Kind()})
	}
	return out, r.Err()
}

func TestJSONReader(t *testing.T) {
	tests := []struct {
		name, body string
		want       []member
	}{
		{"empty object", " {} ", nil},
		{"strings and numbers keep their text", `{"subscriptionId":"0913024401000012340","clientAccnum":900000,"price":4.90,"big":18446744073709551615,"e":1E+3,"neg":-0.5}`,
			[]member{{"subscriptionId", "0913024401000012340", KindString}, {"clientAccnum", "900000", KindNumber}, {"price", "4.90", KindNumber},
				{"big", "18446744073709551615", KindNumber}, {"e", "1E+3", KindNumber}, {"neg", "-0.5", KindNumber}}},
		{"literals", `{"a":true,"b":false,"c":null}`, []member{{"a", "true", KindBool}, {"b", "false", KindBool}, {"c", "", KindNull}}},
		{"escapes", `{"k\"ey":"a\\b\/c\n\t\u00e9\ud83d\ude00\ud800x"}`, []member{{`k"ey`, "a\\b/c\n\té😀\uFFFDx", KindString}}},
		{"whitespace everywhere", "\n{ \"a\" :\t\"1\" ,\r\n \"b\": 2 }\n", []member{{"a", "1", KindString}, {"b", "2", KindNumber}}},
		{"unicode kept", `{"city":"Zürich","name":"José"}`, []member{{"city", "Zürich", KindString}, {"name", "José", KindString}}},
		{"duplicates are the caller's business", `{"a":"1","a":"2"}`, []member{{"a", "1", KindString}, {"a", "2", KindString}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readJSON(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestJSONReaderErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "json body: offset 0: empty body: expected a JSON object"},
		{"array", `[{"a":1}]`, "json body: offset 0: expected a JSON object, found an array"},
		{"string", `"a"`, `json body: offset 0: expected a JSON object, found '"'`},
		{"truncated in a string", `{"clientAccnum":"9000`, `json body: offset 21: key "clientAccnum": unexpected end of body inside a string`},
		{"truncated after a value", `{"a":"1"`, `json body: offset 8: key "a": unexpected end of body: expected ',' or '}'`},
		{"truncated after a comma", `{"a":"1",`, "json body: offset 9: unexpected end of body: expected a key"},
		{"nested object", `{"a":"1","card":{"last4":"1111"}}`, `json body: offset 16: key "card": the value is an object; this event's fields are flat text`},
		{"nested array", `{"a":[1]}`, `json body: offset 5: key "a": the value is an array; this event's fields are flat text`},
		{"trailing comma", `{"a":1,}`, "json body: offset 7: a comma before '}'"},
		{"missing colon", `{"a" 1}`, `json body: offset 5: key "a": expected ':' after the key, found a digit`},
		{"unquoted key", `{a:1}`, "json body: offset 1: expected a key in double quotes, found a letter"},
		{"single quotes", `{"a":'1'}`, `json body: offset 5: key "a": expected a value, found a punctuation character`},
		{"bad literal", `{"a":tru}`, `json body: offset 5: key "a": expected a value, found a letter`},
		{"leading zero", `{"a":0123}`, `json body: offset 5: key "a": malformed number of 4 bytes`},
		{"bare minus", `{"a":-}`, `json body: offset 5: key "a": malformed number of 1 bytes`},
		{"control character", "{\"a\":\"x\ny\"}", `json body: offset 7: key "a": control character 0x0a inside a string`},
		{"invalid UTF-8", "{\"a\":\"\xff\"}", `json body: offset 6: key "a": string is not valid UTF-8`},
		{"bad escape", `{"a":"\x"}`, `json body: offset 6: key "a": invalid escape sequence`},
		{"bad unicode escape", `{"a":"\u12"}`, `json body: offset 6: key "a": malformed \u escape`},
		{"data after the object", `{"a":1} {"b":2}`, "json body: offset 8: data after the object: '{'"},
		{"unquoted secret", `{"password":0071234567}`, `json body: offset 12: key "password": malformed number of 10 bytes`},
		{"bare word secret", `{"password":hunter2}`, `json body: offset 12: key "password": expected a value, found a letter`},
		{"BOM then array", "\xEF\xBB\xBF[1]", "json body: offset 3: expected a JSON object, found an array"},
		{"huge value", `{"a":"` + strings.Repeat("x", MaxValueBytes+1) + `"}`, `json body: offset 6: key "a": string longer than 65536 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readJSON(tt.body)
			var de *DecodeError
			if !errors.As(err, &de) || err.Error() != tt.want {
				t.Errorf("error = %v\n want %s", err, tt.want)
			}
		})
	}
}

func readForm(body string) ([]member, error) {
	r := NewFormReader(body)
	var out []member
	for r.Next() {
		out = append(out, member{Key: r.Key(), Value: r.Value()})
	}
	return out, r.Err()
}

func TestFormReader(t *testing.T) {
	tests := []struct {
		name, body string
		want       []member
	}{
		{"empty", "", nil},
		{"plain pairs keep order", "clientAccnum=900000&clientSubacc=0000&subscriptionId=0913024401000012340",
			[]member{{Key: "clientAccnum", Value: "900000"}, {Key: "clientSubacc", Value: "0000"}, {Key: "subscriptionId", Value: "0913024401000012340"}}},
		{"escapes", "timestamp=2013-01-25+03%3A22%3A44&city=Z%C3%BCrich&X-Custom=a%26b%3Dc",
			[]member{{Key: "timestamp", Value: "2013-01-25 03:22:44"}, {Key: "city", Value: "Zürich"}, {Key: "X-Custom", Value: "a&b=c"}}},
		{"empty segments and values", "&a=&&b&c=1=2&", []member{{Key: "a"}, {Key: "b"}, {Key: "c", Value: "1=2"}}},
		{"a key without '=' ends the body", "a=1&b", []member{{Key: "a", Value: "1"}, {Key: "b"}}},
		{"the overview's unescaped space", "timestamp=2013-01-25 03:22:44", []member{{Key: "timestamp", Value: "2013-01-25 03:22:44"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readForm(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFormReaderErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"bad percent in a value", "a=1&city=Z%C", `form body: offset 9: key "city": invalid percent-encoding at its byte 1`},
		{"bad hex", "a=%zz", `form body: offset 2: key "a": invalid percent-encoding at its byte 0`},
		{"bad percent in a key", "a%=1", `form body: offset 0: key "a%": key: invalid percent-encoding at its byte 1`},
		{"empty key", "a=1&=2", `form body: offset 4: empty key (a pair starts with '=')`},
		{"empty key before a secret", "a=1&=hunter2", `form body: offset 4: empty key (a pair starts with '=')`},
		{"secret cut by an unencoded &", "a=1&password=hunt&er2&b=2", `form body: offset 18: key "password": the pair after it has no '=': its value looks cut by an unencoded '&'`},
		{"invalid UTF-8", "a=%FF", `form body: offset 2: key "a": not valid UTF-8 once percent-decoded`},
		{"raw invalid UTF-8", "a=\xff", `form body: offset 2: key "a": not valid UTF-8`},
		{"huge value", "a=" + strings.Repeat("x", MaxValueBytes+1), "form body: offset 0: pair longer than 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readForm(tt.body)
			var de *DecodeError
			if !errors.As(err, &de) || err.Error() != tt.want {
				t.Errorf("error = %v\n want %s", err, tt.want)
			}
		})
	}
}

func TestWriters(t *testing.T) {
	for _, s := range []string{"", "plain", "quote\" backslash\\ slash/", "ctl\x00\x1f\n\r\t", "Zürich 😀", "\u2028", "bad\xffutf8"} {
		lit := AppendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(lit, &got); err != nil {
			t.Fatalf("AppendJSONString(%q) = %s: %v", s, lit, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if got != want {
			t.Errorf("JSON round trip of %q = %q", s, got)
		}
		if esc := string(AppendQueryEscaped(nil, s)); esc != url.QueryEscape(s) {
			t.Errorf("AppendQueryEscaped(%q) = %q, url.QueryEscape gives %q", s, esc, url.QueryEscape(s))
		}
	}
}

func TestReadersDoNotAllocate(t *testing.T) {
	body := string(sampleJSON)
	form := string(sampleForm)
	allocs := testing.AllocsPerRun(100, func() {
		r := NewJSONReader(body)
		for r.Next() {
		}
		f := NewFormReader(form)
		for f.Next() {
		}
		if r.Err() != nil || f.Err() != nil {
			panic("bad sample")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations reading unescaped bodies, want 0", allocs)
	}
}

// FuzzJSONReader checks the reader against encoding/json: what one accepts as a flat object the
// other accepts with the same members, and nothing panics.
func FuzzJSONReader(f *testing.F) {
	f.Add(sampleJSON)
	f.Add([]byte(`{"a":"\u00e9\ud83d\ude00","b":-1.5e3,"c":null,"d":true}`))
	f.Add([]byte(`{"a":{"b":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := readJSON(string(data))
		checkDecodeError(t, err)
		data = bytes.TrimPrefix(data, []byte(bom)) // the reader skips a byte order mark; encoding/json does not
		var std map[string]any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		stdErr := dec.Decode(&std)
		if stdErr == nil && dec.More() {
			stdErr = errors.New("trailing data")
		}
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			return
		}
		if stdErr != nil {
			t.Fatalf("reader accepted %q, encoding/json did not: %v", data, stdErr)
		}
		if !utf8.Valid(data) {
			t.Fatalf("reader accepted invalid UTF-8 %q", data)
		}
		last := map[string]member{}
		for _, m := range got {
			last[m.Key] = m // encoding/json keeps the last of duplicated keys
		}
		if len(last) != len(std) {
			t.Fatalf("%d distinct keys, encoding/json found %d", len(last), len(std))
		}
		for k, m := range last {
			switch v := std[k].(type) {
			case string:
				if m.Kind != KindString || m.Value != v {
					t.Fatalf("key %q: %q, encoding/json %q", k, m.Value, v)
				}
			case json.Number:
				if m.Kind != KindNumber || m.Value != string(v) {
					t.Fatalf("key %q: %q, encoding/json %q", k, m.Value, v)
				}
			case bool:
				if m.Kind != KindBool || m.Value != map[bool]string{true: "true", false: "false"}[v] {
					t.Fatalf("key %q: %q, encoding/json %v", k, m.Value, v)
				}
			case nil:
				if m.Kind != KindNull {
					t.Fatalf("key %q: %q, encoding/json null", k, m.Value)
				}
			default:
				t.Fatalf("key %q: reader accepted a %T value", k, v)
			}
		}
	})
}

// FuzzFormReader checks the reader against url.ParseQuery: the same pairs in the same order
// whenever both accept the body, and nothing panics.
func FuzzFormReader(f *testing.F) {
	f.Add(sampleForm)
	f.Add([]byte("a=%41+b&&c&d=%zz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := readForm(string(data))
		checkDecodeError(t, err)
		if err != nil {
			return
		}
		data = bytes.TrimPrefix(data, []byte(bom)) // the reader skips a byte order mark; url.ParseQuery does not
		std, stdErr := url.ParseQuery(string(data))
		if stdErr != nil {
			return // url.ParseQuery also rejects ';', which real bodies may carry in values
		}
		want := url.Values{}
		for _, m := range got {
			want[m.Key] = append(want[m.Key], m.Value)
		}
		if !reflect.DeepEqual(want, std) {
			t.Fatalf("reader %v, url.ParseQuery %v", want, std)
		}
	})
}

// checkDecodeError holds a reader's error to its promises: a *DecodeError, one line of bounded
// length whatever the body held (the key is cut, no value is quoted).
func checkDecodeError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error %v is not a *DecodeError", err)
	}
	if msg := err.Error(); len(msg) > 400 || strings.ContainsAny(msg, "\r\n") {
		t.Fatalf("error message of %d bytes, or more than one line: %q", len(msg), msg)
	}
}

// sampleJSON and sampleForm are NewSaleSuccess bodies with the guide's example values.
var (
	sampleJSON = []byte(`{"accountingCurrency":"USD","accountingCurrencyCode":"840","accountingInitialPrice":"4.99","accountingRecurringPrice":"4.99","address1":"123 Main Street","billedCurrency":"USD","billedCurrencyCode":"840","billedInitialPrice":"4.99","billedRecurringPrice":"4.99","bin":"411111","cardType":"VISA","city":"Anytown","clientAccnum":"900000","clientSubacc":"0000","country":"US","dynamicPricingValidationDigest":"2b3e6c8b4d7e6c2a1f0b9e8d7c6b5a4f","email":"user@example.com","expDate":"0217","firstName":"John","flexId":"cb617dcc-8467-49ab-b3a7-735ce1d60ad9","formName":"13cc","initialPeriod":"7","ipAddress":"192.168.1.1","last4":"1111","lastName":"Smith","nextRenewalDate":"2012-09-19","password":"mYPaSSw0rD","paymentAccount":"8d6f67f4e8d5bbb5d0a9d17e2c2a7e3a","paymentType":"CREDIT","phoneNumber":"(515) 555-1212","postalCode":"85001","prePaid":"0","priceDescription":"10.00(USD) for 10 days (trial) then 10.00(USD) recurring every 30 days","rebills":"99","recurringPeriod":"30","recurringPriceDescription":"22.22(USD) recurring every 30 days","reservationId":"0109072310330002423","state":"AZ","subscriptionCurrency":"USD","subscriptionCurrencyCode":"840","subscriptionId":"0913024401000012340","subscriptionInitialPrice":"4.99","subscriptionRecurringPrice":"4.99","subscriptionTypeId":"0000000001","threeDSecure":"AUTH_SUCCESS","timestamp":"2012-08-05 15:18:17","transactionId":"0912191101000000159","username":"username1"}`)
	sampleForm = []byte(`accountingCurrency=USD&accountingCurrencyCode=840&accountingInitialPrice=4.99&accountingRecurringPrice=4.99&address1=123-Main-Street&billedCurrency=USD&billedCurrencyCode=840&bin=411111&cardType=VISA&city=Anytown&clientAccnum=900000&clientSubacc=0000&country=US&email=user.example.com&expDate=0217&firstName=John&flexId=cb617dcc-8467-49ab-b3a7-735ce1d60ad9&formName=13cc&initialPeriod=7&last4=1111&lastName=Smith&nextRenewalDate=2012-09-19&paymentType=CREDIT&prePaid=0&subscriptionId=0913024401000012340&threeDSecure=AUTH_SUCCESS&transactionId=0912191101000000159&username=username1`)
)

// BenchmarkReadJSON compares the reader with encoding/json decoding the same flat object into
// a map, the usual hand-written alternative; run with -benchmem.
func BenchmarkReadJSON(b *testing.B) {
	b.Run("webhook.JSONReader", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(sampleJSON)))
		for b.Loop() {
			r := NewJSONReader(string(sampleJSON))
			n := 0
			for r.Next() {
				n += len(r.Value())
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("encoding/json.map", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(sampleJSON)))
		for b.Loop() {
			var m map[string]string
			if err := json.Unmarshal(sampleJSON, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReadForm(b *testing.B) {
	b.Run("webhook.FormReader", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(sampleForm)))
		for b.Loop() {
			r := NewFormReader(string(sampleForm))
			n := 0
			for r.Next() {
				n += len(r.Value())
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("net/url.ParseQuery", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(sampleForm)))
		for b.Loop() {
			if _, err := url.ParseQuery(string(sampleForm)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
