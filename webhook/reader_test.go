package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hookspec/hookspec/webhook/numtext"
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
		{"strings keep their text, numbers read as their value written plainly", `{"subscriptionId":"0913024401000012340","clientAccnum":900000,"price":4.90,"big":18446744073709551615,"e":1E+3,"neg":-0.5}`,
			[]member{{"subscriptionId", "0913024401000012340", KindString}, {"clientAccnum", "900000", KindNumber}, {"price", "4.9", KindNumber},
				{"big", "18446744073709551615", KindNumber}, {"e", "1000", KindNumber}, {"neg", "-0.5", KindNumber}}},
		{"integral floats and exponents", `{"a":1000000000.0,"b":1e3,"c":1E+3,"d":2.5E1,"e":150e-1,"f":9.1302440100001234e17,"g":1.50e0}`,
			[]member{{"a", "1000000000", KindNumber}, {"b", "1000", KindNumber}, {"c", "1000", KindNumber}, {"d", "25", KindNumber},
				{"e", "15", KindNumber}, {"f", "913024401000012340", KindNumber}, {"g", "1.5", KindNumber}}},
		{"fractions lose the zeros that end them", `{"a":4.900,"b":0.10,"c":10.00,"d":-3.0,"e":12.5e-3,"f":1e-3}`,
			[]member{{"a", "4.9", KindNumber}, {"b", "0.1", KindNumber}, {"c", "10", KindNumber}, {"d", "-3", KindNumber},
				{"e", "0.0125", KindNumber}, {"f", "0.001", KindNumber}}},
		{"zero has no sign", `{"a":-0,"b":-0.0,"c":0.000,"d":0e999999999,"e":-0E-5,"f":0}`,
			[]member{{"a", "0", KindNumber}, {"b", "0", KindNumber}, {"c", "0", KindNumber}, {"d", "0", KindNumber},
				{"e", "0", KindNumber}, {"f", "0", KindNumber}}},
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
		{"huge number", `{"a":1,"clientAccnum":1e999999999}`, `json body: offset 22: key "clientAccnum": number whose value, written without an exponent, is longer than 65536 bytes`},
		{"tiny number", `{"a":1e-999999999}`, `json body: offset 5: key "a": number whose value, written without an exponent, is longer than 65536 bytes`},
		{"number just too long", `{"a":1e65536}`, `json body: offset 5: key "a": number whose value, written without an exponent, is longer than 65536 bytes`},
		{"numbers that grow too much together", `{"a":1e40000,"b":1e40000}`, `json body: offset 17: key "b": numbers whose values, written without exponents, take more than 65536 bytes over their literals in one body`},
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
	f.Add([]byte(`{"a":1000000000.0,"b":-0,"c":4.900,"d":1E+3,"e":12.5e-3,"f":1e999999999,"g":0e99}`))
	f.Add([]byte(`{"a":1e40000,"b":1e40000}`))
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
				if m.Kind != KindNumber {
					t.Fatalf("key %q: a %v, encoding/json a number", k, m.Kind)
				}
				checkPlainNumber(t, k, m.Value, string(v))
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

// checkPlainNumber holds text, what a reader gave for the number literal lit, to the rule on
// numbers (see Numbers in the package documentation): lit's value written plainly, exactly.
func checkPlainNumber(t *testing.T, key, text, lit string) {
	t.Helper()
	want, ok := numtext.Plain(lit, MaxValueBytes)
	if !ok || text != want {
		t.Fatalf("key %q: %q for the number %q, want %q", key, text, lit, want)
	}
	if len(text) > 1000 {
		return // math/big reads long exponents slowly; numtext's own tests check the values
	}
	got, _ := new(big.Rat).SetString(text)
	exact, _ := new(big.Rat).SetString(lit)
	if got == nil || exact == nil || got.Cmp(exact) != 0 {
		t.Fatalf("key %q: %q is not the value of %q", key, text, lit)
	}
}

// A body of numbers whose plain forms would be huge is refused before anything is written: the
// reader's memory stays within the bounds on plain forms, whatever the exponents say.
func TestJSONReaderBoundsPlainNumbers(t *testing.T) {
	bodies := map[string]string{
		"one huge":   `{"a":1e999999999}`,
		"many large": "{" + strings.Repeat(`"a":1e60000,`, 1000) + `"z":1}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			var err error
			allocated := bytesAllocated(func() {
				r := NewJSONReader(body)
				for r.Next() {
				}
				err = r.Err()
			})
			var de *DecodeError
			if !errors.As(err, &de) || !strings.Contains(de.Msg, "written without") {
				t.Fatalf("error = %v, want the bound on plain numbers", err)
			}
			// The first 1e60000 is written (into one buffer) before the second passes the
			// body's bound; the error is the rest.
			if limit := uint64(2*MaxValueBytes + len(body)); allocated > limit {
				t.Errorf("%d bytes allocated, want at most %d", allocated, limit)
			}
		})
	}
}

// bytesAllocated is how many bytes f allocates on the heap.
func bytesAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
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

// numbersJSON are flat bodies whose values are JSON numbers, by the form they are written in:
// plain integers (what vendors send, and the hot path), then the forms a reader writes plainly.
var numbersJSON = map[string][]byte{
	"integers":  []byte(`{"clientAccnum":900000,"clientSubacc":1,"initialPeriod":7,"rebills":99,"recurringPeriod":30,"billedCurrencyCode":840,"subscriptionId":913024401000012340,"transactionId":912191101000000159}`),
	"fractions": []byte(`{"accountingInitialPrice":4.99,"accountingRecurringPrice":4.90,"billedInitialPrice":10.00,"billedRecurringPrice":0.10,"subscriptionInitialPrice":1000000000.0,"subscriptionRecurringPrice":-0.0}`),
	"exponents": []byte(`{"clientAccnum":9e5,"initialPeriod":7E0,"rebills":9.9e1,"recurringPeriod":3e+1,"billedInitialPrice":499e-2,"subscriptionId":9.1302440100001234e17}`),
}

// BenchmarkReadJSONNumbers reads bodies of numbers by their form; run with -benchmem.
func BenchmarkReadJSONNumbers(b *testing.B) {
	for _, name := range []string{"integers", "fractions", "exponents"} {
		body := numbersJSON[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r := NewJSONReader(string(body))
				n := 0
				for r.Next() {
					n += len(r.Value())
				}
				if r.Err() != nil {
					b.Fatal(r.Err())
				}
			}
		})
	}
}
