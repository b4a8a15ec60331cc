package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook/numtext"
)

// walk reads the value that is next with the Decoder, whatever its shape, into the values
// encoding/json's UseNumber decoding gives (map[string]any, []any, json.Number, string, bool,
// nil), so that the two can be compared.
func walk(d *Decoder) any {
	switch d.Peek() {
	case KindObject:
		m := map[string]any{}
		if d.Object() {
			for d.Member() {
				m[d.Key()] = walk(d)
			}
		}
		return m
	case KindArray:
		a := []any{}
		if d.Array() {
			for d.Item() {
				a = append(a, walk(d))
			}
		}
		return a
	case KindNumber:
		return json.Number(d.Number())
	case KindBool:
		return d.Bool().Value
	case KindNull:
		d.Skip()
		return nil
	default:
		return d.Text()
	}
}

// walkText reads the value that is next as walk does, but every number with Text, as a text
// member sent as a number is read.
func walkText(d *Decoder) any {
	switch d.Peek() {
	case KindObject:
		m := map[string]any{}
		if d.Object() {
			for d.Member() {
				m[d.Key()] = walkText(d)
			}
		}
		return m
	case KindArray:
		a := []any{}
		if d.Array() {
			for d.Item() {
				a = append(a, walkText(d))
			}
		}
		return a
	case KindNumber:
		return json.Number(d.Text())
	}
	return walk(d)
}

// plainTree is v, as encoding/json's UseNumber decoding gives it, with every number's literal
// replaced by its plain form: what walkText must read.
func plainTree(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, x := range v {
			m[k] = plainTree(x)
		}
		return m
	case []any:
		a := []any{}
		for _, x := range v {
			a = append(a, plainTree(x))
		}
		return a
	case json.Number:
		plain, _ := numtext.Plain(string(v), MaxValueBytes)
		return json.Number(plain)
	}
	return v
}

// decodeAll reads a body as generated decoders do: the body is an object.
func decodeAll(body string) (any, error) {
	d := NewDecoder(body)
	m := map[string]any{}
	if d.Object() {
		for d.Member() {
			m[d.Key()] = walk(&d)
		}
	}
	return m, d.End()
}

func stdDecode(t *testing.T, body string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(body, bom)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return v
}

func TestDecoderReadsWhatEncodingJSONReads(t *testing.T) {
	bodies := []string{
		`{}`,
		`{"a":"1"}`,
		` { "a" : [ ] , "b" : { } } `,
		`{"id":"ev_1","content":{"subscription":{"id":"s1","items":[{"id":"i1","qty":2},{"id":"i2","qty":3.0}],"meta":null},"customer":{"cf_x":"y","n":-1.5e3}}}`,
		`{"s":"caf\u00e9 \"q\" \\ \/ \n","k\u00e9y":true,"f":false}`,
		`{"deep":[[[[{"a":[1,2,[3]]}]]]]}`,
		"\xEF\xBB\xBF{\"bom\":1}",
		`{"unicode":"héllo wörld ✓","surrogate":"\ud83d\ude00"}`,
		`{"big":123456789012345678901234567890,"exp":1E+2,"frac":0.000}`,
	}
	for _, body := range bodies {
		got, err := decodeAll(body)
		if err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if want := stdDecode(t, body); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", body, got, want)
		}
	}
}

// TestDecoderSkipsUnreadValues: a value the caller does not read is skipped by the next Member
// or Item, and checked on the way.
func TestDecoderSkipsUnreadValues(t *testing.T) {
	body := `{"a":{"x":[1,{"y":"z"}]},"b":[true,null],"c":"kept"}`
	d := NewDecoder(body)
	var c string
	if d.Object() {
		for d.Member() {
			if d.Key() == "c" {
				c = d.Text()
			}
		}
	}
	if err := d.End(); err != nil || c != "kept" {
		t.Fatalf("c = %q, err %v", c, err)
	}
	d = NewDecoder(`{"a":{"x":[1,{"y" "z"}]},"c":"kept"}`)
	if d.Object() {
		for d.Member() {
		}
	}
	assertDecodeError(t, d.End(), "a", "expected ':' after the key")
}

func assertDecodeError(t *testing.T, err error, path, msg string) {
	t.Helper()
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error %v, want a *DecodeError", err)
	}
	if de.Key != path || !strings.Contains(de.Msg, msg) {
		t.Errorf("error at %q: %q; want at %q: %q", de.Key, de.Msg, path, msg)
	}
}

func TestDecoderErrors(t *testing.T) {
	tests := []struct {
		name, body, path, msg string
	}{
		{"empty", ``, "", "empty body"},
		{"whitespace", " \n\t", "", "empty body"},
		{"null body", `null`, "", "expected an object, found"},
		{"array body", `[1]`, "", "expected an object, found an array"},
		{"trailing data", `{"a":1} x`, "", "data after the object"},
		{"missing comma", `{"a":1 "b":2}`, "a", "expected ',' or '}'"},
		{"comma before end", `{"a":1,}`, "a", "a comma before '}'"},
		{"key not a string", `{a:1}`, "", "expected a key in double quotes"},
		{"truncated in a nested array", `{"a":{"b":[1,2`, "a.b[1]", "unexpected end of body"},
		{"bad item deep", `{"content":{"subscription":{"subscription_items":[{"id":"1"},{"id":"2"},{"item_price_id":tru}]}}}`, "content.subscription.subscription_items[2].item_price_id", "expected a single value"},
		{"control character", "{\"a\":{\"b\":\"x\ny\"}}", "a.b", "control character"},
		{"invalid UTF-8", "{\"a\":[\"\xff\"]}", "a[0]", "not valid UTF-8"},
		{"bad escape", `{"a":"\q"}`, "a", "invalid escape"},
		{"leading zero", `{"a":012}`, "a", "malformed number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeAll(tt.body)
			assertDecodeError(t, err, tt.path, tt.msg)
		})
	}
	// A member the type says is text, sent as an object.
	d := NewDecoder(`{"a":{"b":{}}}`)
	if d.Object() && d.Member() && d.Object() && d.Member() {
		d.Text()
	}
	assertDecodeError(t, d.End(), "a.b", "expected a single value, found an object")
}

// TestDecoderNeverQuotesValues: a message names the shape and the place, never the text, which
// may be a secret sent where a number was expected.
func TestDecoderNeverQuotesValues(t *testing.T) {
	for _, body := range []string{
		`{"password":hunter2}`, `{"password":0071234567}`, `{"a":{"password":"hunter2"x}}`,
		`{"password":-hunter2}`, `{"n":"hunter2"}`,
	} {
		d := NewDecoder(body)
		var n Int
		if d.Object() {
			for d.Member() {
				if d.Key() == "n" {
					n = d.Int()
				} else {
					d.Text()
				}
			}
		}
		err := d.End()
		if err == nil || n.Set {
			t.Errorf("%s: no error", body)
			continue
		}
		for _, secret := range []string{"hunter2", "0071234567", "1234567"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the error quotes the value: %v", body, err)
			}
		}
	}
}

func TestDecoderTypedValues(t *testing.T) {
	tests := []struct {
		value string
		int   Int
		intOK bool
		num   Number
		numOK bool
	}{
		{`42`, IntOf(42), true, "42", true},
		{`"42"`, IntOf(42), true, "42", true},
		{`-9223372036854775808`, IntOf(-9223372036854775808), true, "-9223372036854775808", true},
		{`9223372036854775808`, Int{}, false, "9223372036854775808", true},
		{`100.0`, IntOf(100), true, "100.0", true},
		{`1E3`, IntOf(1000), true, "1E3", true},
		{`2.5e1`, IntOf(25), true, "2.5e1", true},
		{`2.55e1`, Int{}, false, "2.55e1", true},
		{`1.5`, Int{}, false, "1.5", true},
		{`null`, Int{}, true, "", true},
		{`"abc"`, Int{}, false, "", false},
		{`"1e3"`, Int{}, false, "1e3", true},
		{`"-7"`, IntOf(-7), true, "-7", true},
		{`0e20`, IntOf(0), true, "0e20", true},
		{`-0.0E-500`, IntOf(0), true, "-0.0E-500", true},
		{`1e20`, Int{}, false, "1e20", true},
		{`true`, Int{}, false, "", false},
		{strings.Repeat("9", 400), Int{}, false, Number(strings.Repeat("9", 400)), true},
	}
	for _, tt := range tests {
		body := `{"v":` + tt.value + `}`
		d := NewDecoder(body)
		d.Object()
		d.Member()
		got := d.Int()
		for d.Member() {
		}
		err := d.End()
		if got != tt.int || (err == nil) != tt.intOK {
			t.Errorf("Int(%s) = %+v, %v; want %+v, ok %v", tt.value, got, err, tt.int, tt.intOK)
		}
		if err != nil {
			assertDecodeError(t, err, "v", "")
		}
		d = NewDecoder(body)
		d.Object()
		d.Member()
		num := d.Number()
		for d.Member() {
		}
		err = d.End()
		if num != tt.num || (err == nil) != tt.numOK {
			t.Errorf("Number(%s) = %q, %v; want %q, ok %v", tt.value, num, err, tt.num, tt.numOK)
		}
	}
	d := NewDecoder(`{"b":"true","c":false,"d":1}`)
	d.Object()
	var got []Bool
	for d.Member() {
		got = append(got, d.Bool())
	}
	if err := d.End(); err == nil || len(got) != 3 || got[0] != BoolOf(true) || got[1] != BoolOf(false) {
		t.Errorf("Bool: %+v, %v", got, err)
	}
	assertDecodeError(t, d.End(), "d", "expected true or false")
}

// Text reads a number as its value written plainly, as JSONReader does; Number and Raw keep the
// literal as sent.
func TestDecoderTextOfNumbers(t *testing.T) {
	tests := []struct{ lit, text string }{
		{"840", "840"},
		{"-7", "-7"},
		{"4.99", "4.99"},
		{"4.900", "4.9"},
		{"0.10", "0.1"},
		{"10.00", "10"},
		{"1000000000.0", "1000000000"},
		{"1e3", "1000"},
		{"1E+3", "1000"},
		{"2.5E1", "25"},
		{"12.5e-3", "0.0125"},
		{"1.50e0", "1.5"},
		{"9.1302440100001234e17", "913024401000012340"},
		{"-0", "0"},
		{"-0.0", "0"},
		{"0e999999999", "0"},
	}
	for _, tt := range tests {
		body := `{"a":{"v":` + tt.lit + `,"w":[` + tt.lit + `]}}`
		d := NewDecoder(body)
		var text, item string
		var num Number
		var raw RawJSON
		if d.Object() && d.Member() && d.Object() {
			for d.Member() {
				switch d.Key() {
				case "v":
					text = d.Text()
				case "w":
					for d.Array(); d.Item(); {
						item = d.Text()
					}
				}
			}
			d.Member() // the end of the body's object
		}
		if err := d.End(); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if text != tt.text || item != tt.text {
			t.Errorf("Text(%s) = %q, in an array %q; want %q", tt.lit, text, item, tt.text)
		}
		d = NewDecoder(body)
		if d.Object() && d.Member() && d.Object() && d.Member() {
			num = d.Number()
			d.Member()
			raw = d.Raw()
			d.Member()
			d.Member()
		}
		if err := d.End(); err != nil || num != Number(tt.lit) || raw != RawJSON("["+tt.lit+"]") {
			t.Errorf("Number(%s) = %q, Raw %q, %v; want the literal as sent", tt.lit, num, raw, err)
		}
	}
}

// The bounds on plain forms hold for every number in the body, whichever method reads it (or
// skips it): the Go decoders and the nested JSON Schema check, which reads with Decoder, refuse
// the same bodies. The error names the member's path.
func TestDecoderBoundsPlainNumbers(t *testing.T) {
	read := map[string]func(d *Decoder){
		"Text":   func(d *Decoder) { d.Text() },
		"Number": func(d *Decoder) { d.Number() },
		"Int":    func(d *Decoder) { d.Int() },
		"Raw":    func(d *Decoder) { d.Raw() },
		"Skip":   func(d *Decoder) { d.Skip() },
		"Extra":  func(d *Decoder) { d.Extra(new(RawMembers), new(Omitted)) },
	}
	tests := []struct{ body, path, msg string }{
		{`{"a":{"b":1e999999999}}`, "a.b", "number whose value, written without an exponent, is longer than 65536 bytes"},
		{`{"a":{"b":-1e-999999999}}`, "a.b", "number whose value, written without an exponent, is longer than 65536 bytes"},
		{`{"a":{"x":1e40000,"b":1e40000}}`, "a.b", "numbers whose values, written without exponents, take more than 65536 bytes over their literals in one body"},
	}
	for name, f := range read {
		for _, tt := range tests {
			if name == "Int" && strings.Contains(tt.body, `"x"`) {
				continue // Int refuses the first 1e40000 as past int64, before the second grows too much
			}
			d := NewDecoder(tt.body)
			if d.Object() && d.Member() && d.Object() {
				for d.Member() {
					f(&d)
				}
			}
			err := d.End()
			var de *DecodeError
			if !errors.As(err, &de) || de.Key != tt.path || de.Msg != tt.msg {
				t.Errorf("%s over %.40s: %v; want %s: %s", name, tt.body, err, tt.path, tt.msg)
			}
		}
		// Skipped inside an unread object, the member is named by the object holding it.
		d := NewDecoder(`{"a":{"b":[1e999999999]}}`)
		if d.Object() {
			for d.Member() {
				f(&d)
			}
		}
		var de *DecodeError
		if err := d.End(); name != "Text" && name != "Number" && name != "Int" && (!errors.As(err, &de) || de.Key != "a") {
			t.Errorf("%s over a nested huge number: %v; want the member a", name, err)
		}
	}
	body := "{" + strings.Repeat(`"a":1e60000,`, 1000) + `"z":1}`
	allocated := bytesAllocated(func() {
		d := NewDecoder(body)
		if d.Object() {
			for d.Member() {
				d.Text()
			}
		}
		d.End()
	})
	if limit := uint64(2*MaxValueBytes + len(body)); allocated > limit {
		t.Errorf("reading a body of 1e60000 with Text allocated %d bytes, want at most %d", allocated, limit)
	}
}

func TestDecoderRawAndExtra(t *testing.T) {
	body := `{"meta":{"a":[1, 2 ],"b":"\u00e9"},"skip":null,"x":[{"y":1}]}`
	d := NewDecoder(body)
	var meta RawJSON
	var extra RawMembers
	var omitted Omitted
	if d.Object() {
		for d.Member() {
			switch d.Key() {
			case "meta":
				meta = d.Raw()
			default:
				d.Extra(&extra, &omitted)
			}
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	if meta != `{"a":[1, 2 ],"b":"\u00e9"}` {
		t.Errorf("meta = %s", meta)
	}
	want := RawMembers{{"skip", "null"}, {"x", `[{"y":1}]`}}
	if !reflect.DeepEqual(extra, want) || omitted.Members != 0 {
		t.Errorf("extra = %v (%+v omitted), want %v", extra, omitted, want)
	}

	// A body of many small unknown members keeps a bounded number and counts the rest.
	var b strings.Builder
	b.WriteString("{")
	for i := range MaxExtraMembers + 10 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	b.WriteString("}")
	d = NewDecoder(b.String())
	extra, omitted = nil, Omitted{}
	if d.Object() {
		for d.Member() {
			d.Extra(&extra, &omitted)
		}
	}
	if err := d.End(); err != nil || len(extra) != MaxExtraMembers || omitted.Members != 10 {
		t.Errorf("kept %d, omitted %+v, err %v", len(extra), omitted, err)
	}
}

func TestDecoderLen(t *testing.T) {
	for _, tt := range []struct {
		body string
		n    int
	}{
		{`{"a":[]}`, 0}, {`{"a":[1]}`, 1}, {`{"a":[{"b":[1,2]},[3],"x",null]}`, 4}, {`{"a":[1,2,}`, 3}, {`{"a":[1,2,`, 0},
	} {
		d := NewDecoder(tt.body)
		n := -1
		if d.Object() && d.Member() && d.Array() {
			n = d.Len()
			for d.Item() {
			}
		}
		if n != tt.n {
			t.Errorf("%s: Len = %d, want %d", tt.body, n, tt.n)
		}
	}
	d := NewDecoder(`{"a":{"x":1,"y":[2],"z":{"w":3}},"b":{}}`)
	var counts []int
	if d.Object() {
		for d.Member() {
			if d.Object() {
				counts = append(counts, d.Len())
				for d.Member() {
				}
			}
		}
	}
	if err := d.End(); err != nil || !reflect.DeepEqual(counts, []int{3, 0}) {
		t.Errorf("object Len = %v, %v; want [3 0]", counts, err)
	}
}

// TestDecoderHostileBodies: what an attacker sends gets a clear error naming the place, never a
// panic, in time linear in the body (BenchmarkDecoderHostile measures it).
func TestDecoderHostileBodies(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	_, err := decodeAll(deep)
	assertDecodeError(t, err, strings.TrimSuffix(strings.Repeat("a.", MaxDepth), "."), "nested more than 32 levels deep")

	deepArrays := `{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`
	d := NewDecoder(deepArrays)
	if d.Object() {
		for d.Member() { // skipped, not walked: the skipper has the same bound
		}
	}
	assertDecodeError(t, d.End(), "a", "nested more than 32 levels deep")

	long := `{"a":{"b":"` + strings.Repeat("x", 1<<20) + `"}}`
	_, err = decodeAll(long)
	assertDecodeError(t, err, "a.b", "string longer than")

	d = NewDecoder(`{"a":{"b":[{"c":1,"c":2}]}}`)
	var seen bool
	if d.Object() && d.Member() && d.Object() && d.Member() && d.Array() && d.Item() && d.Object() {
		for d.Member() {
			if !d.Seen(&seen) {
				d.Int()
			}
		}
	}
	assertDecodeError(t, d.End(), "a.b[0].c", MsgRepeated)

	valid := `{"id":"ev","content":{"s":{"items":[{"a":1},{"b":[true,null,"x\u00e9"]}]},"n":-1.5e3}}`
	for i := range len(valid) {
		if _, err := decodeAll(valid[:i]); err == nil {
			t.Errorf("truncated at %d: no error", i)
		}
	}
}

func FuzzDecoder(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"a":[1,{"b":null}],"c":"\u00e9"}`, `{"a":{"b":{"c":[[[]]]}}}`, "\xEF\xBB\xBF{}", `{"a":1e5}`,
		`{"a":"x"`, `[]`, `{"a":tru}`, strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40),
		`{"a":[1000000000.0,-0,4.900,1E+3,12.5e-3],"b":{"c":0e99,"d":-0.0}}`, `{"a":1e999999999}`, `{"a":[1e40000,{"b":1e40000}]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, err := decodeAll(body)
		trimmed := strings.TrimPrefix(body, bom)
		valid := json.Valid([]byte(trimmed)) && strings.HasPrefix(strings.TrimLeft(trimmed, " \t\r\n"), "{")
		if err == nil && !valid {
			t.Fatalf("accepted a body encoding/json rejects: %q", body)
		}
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			return
		}
		want := stdDecode(t, body)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", body, got, want)
		}
		d := NewDecoder(body)
		text := walkText(&d)
		if err := d.End(); err != nil {
			t.Fatalf("%q: read with Text: %v", body, err)
		}
		if plain := plainTree(want); !reflect.DeepEqual(text, plain) {
			t.Fatalf("%q: numbers read with Text:\n got %#v\nwant %#v", body, text, plain)
		}
	})
}

func BenchmarkDecoderHostile(b *testing.B) {
	bodies := map[string]string{
		"deep":   strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000),
		"wide":   "{" + strings.Repeat(`"k":[1,2,{"x":"y"}],`, 50000) + `"z":0}`,
		"string": `{"a":"` + strings.Repeat("é", 30000) + `"}`,
	}
	for name, body := range bodies {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				d := NewDecoder(body)
				if d.Object() {
					for d.Member() { // every value checked and skipped, as unknown members are
					}
				}
				d.End()
			}
		})
	}
}

// BenchmarkDecoderNumbers reads the numbers of a flat body as text, as generated decoders read
// a text member sent as a number; run with -benchmem.
func BenchmarkDecoderNumbers(b *testing.B) {
	for _, name := range []string{"integers", "fractions", "exponents"} {
		body := string(numbersJSON[name])
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				d := NewDecoder(body)
				n := 0
				if d.Object() {
					for d.Member() {
						n += len(d.Text())
					}
				}
				if err := d.End(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
