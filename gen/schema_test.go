package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	hookschema "github.com/hookspec/hookspec/jsonschema"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
	"github.com/hookspec/hookspec/webhook/inttext"
)

// TestValueSchemaAgreesWithRuntime holds a constraint's JSON Schema definition to the runtime's
// check: strings on both sides of each format, and every integer from -30 to 1400 sent as a JSON
// number and as a JSON string, so each length and range limit is met from both sides. The schema sees a number's value, the runtime its literal; for integers
// written plainly the two must give the same verdict.
func TestValueSchemaAgreesWithRuntime(t *testing.T) {
	for _, c := range []spec.Constraint{
		{Kind: spec.KindDigits},
		{Kind: spec.KindDigits, Width: 1},
		{Kind: spec.KindDigits, Width: 2},
		{Kind: spec.KindDigits, Width: 3},
		{Kind: spec.KindDigits, MaxLength: 1},
		{Kind: spec.KindDigits, MaxLength: 3},
		{Kind: spec.KindDigits, Min: "0", Max: "255"},
		{Kind: spec.KindDigits, Max: "0"},
		{Kind: spec.KindDigits, MaxLength: 3, Max: "000"},
		{Kind: spec.KindDigits, MaxLength: 4, Max: "1000"},
		{Kind: spec.KindDigits, Width: 4, Format: spec.FormatMMYY},
		{Kind: spec.KindInteger},
		{Kind: spec.KindInteger, Min: "-10", Max: "1000"},
		{Kind: spec.KindInteger, Min: "-0", Max: "0"},
		{Kind: spec.KindInteger, Min: "0", Max: "007"},
		{Kind: spec.KindInteger, MaxLength: 1},
		{Kind: spec.KindInteger, MaxLength: 3},
		{Kind: spec.KindInteger, Width: 2},
		{Kind: spec.KindInteger, Width: 3, Min: "-50", Max: "500"},
		{Kind: spec.KindInteger, Width: 3, Min: "-5"},
		{Kind: spec.KindString, Width: 1},
		{Kind: spec.KindString, Width: 2},
		{Kind: spec.KindString, Width: 3},
		{Kind: spec.KindString, MaxLength: 1},
		{Kind: spec.KindString, MaxLength: 2},
		{Kind: spec.KindString, MaxLength: 4},
		{Kind: spec.KindString, Width: 4, Format: spec.FormatMMYY},
		{Kind: spec.KindDecimal, Precision: 3, Scale: 0},
		{Kind: spec.KindString, Format: spec.FormatDate},
		{Kind: spec.KindString, Format: spec.FormatTimestamp},
		{Kind: spec.KindString, Format: spec.FormatUUID},
		{Kind: spec.KindString, Format: spec.FormatAlnum},
		{Kind: spec.KindString, MaxLength: 20, Format: spec.FormatEmail},
		{Kind: spec.KindBoolean},
		{Kind: spec.KindDecimal, Precision: 5, Scale: 2},
	} {
		for _, required := range []bool{false, true} {
			t.Run(requiredKey(constraintKey(c), required), func(t *testing.T) {
				schema := compileValueSchema(t, c, required)
				// The runtime accepts an absent value ("" or null); a required member does not.
				accepts := func(text string) bool { return runtimecheck.Accepts(c, text) && (text != "" || !required) }
				for _, text := range texts {
					if got, want := schema.Validate(text) == nil, accepts(text); got != want {
						t.Errorf("string %q: schema says %v, the runtime %v", text, got, want)
					}
				}
				if got := schema.Validate(nil) == nil; got == required {
					t.Errorf("null: schema says %v, required %v", got, required)
				}
				for _, b := range []bool{true, false} {
					if got, want := schema.Validate(b) == nil, accepts(strconv.FormatBool(b)); got != want {
						t.Errorf("%v: schema says %v, the runtime %v", b, got, want)
					}
				}
				for _, doc := range []any{map[string]any{}, []any{}} {
					if schema.Validate(doc) == nil {
						t.Errorf("%T: schema accepts it", doc)
					}
				}
				for n := -30; n <= 1400; n++ {
					text := strconv.Itoa(n)
					want := accepts(text)
					for _, doc := range []any{json.Number(text), text} {
						if got := schema.Validate(doc) == nil; got != want {
							t.Errorf("%T %s: schema says %v, the runtime %v", doc, text, got, want)
						}
					}
				}
			})
		}
	}
}

// texts are strings on both sides of each format and length check.
var texts = []string{"", "x", "abc123", "ab-12", "ü", "üüü", "true", "-5", "007", "1e3",
	"2012-02-29", "2013-02-29", "2012-08-05 15:18:17", "2012-08-05T15:18:17", "0217", "1317",
	"cb617dcc-8467-49ab-b3a7-735ce1d60ad9", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
	"jo@example.com", "jo.example.com", "jo@@example.com", "jo @example.com", "averyveryverylong@example.com"}

// compileValueSchema compiles a constraint's definition on its own.
func compileValueSchema(t *testing.T, c spec.Constraint, required bool) *jsonschema.Schema {
	t.Helper()
	def, err := valueSchema(c, required)
	if err != nil {
		t.Fatal(err)
	}
	return compileDef(t, def)
}

// TestBetween holds the range pattern to arithmetic: every number up to 1500 against ranges
// that start and end at each kind of boundary (zero, one digit, a power of ten, all nines).
func TestBetween(t *testing.T) {
	bounds := []int{0, 1, 5, 9, 10, 11, 19, 20, 99, 100, 101, 250, 255, 999, 1000, 1009, 1234}
	for _, a := range bounds {
		for _, b := range bounds {
			if a > b {
				continue
			}
			re := regexp.MustCompile(`^(?:` + between(strconv.Itoa(a), strconv.Itoa(b)) + `)$`)
			for n := 0; n <= 1500; n++ {
				if got, want := re.MatchString(strconv.Itoa(n)), a <= n && n <= b; got != want {
					t.Fatalf("between(%d, %d) on %d: %v, want %v (pattern %s)", a, b, n, got, want, re)
				}
			}
		}
	}
	// int64's extremes, one past them and a number of each length in between.
	re := regexp.MustCompile(`^(?:` + between("0", maxInt64) + `)$`)
	for _, tt := range []struct {
		text string
		want bool
	}{{maxInt64, true}, {"9223372036854775808", false}, {"9223372036854775799", true}, {"9300000000000000000", false},
		{"8999999999999999999", true}, {"10000000000000000000", false}, {"1234567890", true}, {"0", true}, {"00", false}} {
		if got := re.MatchString(tt.text); got != tt.want {
			t.Errorf("between(0, %s) on %s: %v, want %v", maxInt64, tt.text, got, tt.want)
		}
	}
}

// TestNestedValueSchemasAgreeWithDecoder holds the definitions of typed members in nested
// bodies to what webhook.Decoder reads and the generated validators then accept: each value in
// the body {"x": value} through Int (and a range check), Bool or Number, against the schema.
func TestNestedValueSchemasAgreeWithDecoder(t *testing.T) {
	values := []string{`null`, `true`, `false`, `{}`, `[]`, `[1]`, `""`, `"abc"`, `"0x10"`, `"++5"`, `"- 5"`, `" 5"`,
		`"+5"`, `"007"`, `"-007"`, `"-0"`, `"+0"`, `"5.0"`, `"-0.0"`, `"05.0"`, `"5."`, `".5"`, `"true"`, `"false"`, `"TRUE"`,
		`1.0`, `4.5`, `-4.5`, `1e3`, `1E2`, `2.5e1`, `25e-1`, `-0`, `0.000`, `1.5e300`, `"1.5"`, `"-2.5E-3"`, `"01"`,
		maxInt64, `9223372036854775808`, minInt64, `-9223372036854775809`,
		`"` + maxInt64 + `"`, `"9223372036854775808"`, `"` + minInt64 + `"`, `"-9223372036854775809"`,
		`253402300799`, `253402300800`, `253402300799999`, `253402300800000`, `"253402300800"`}
	for n := -30; n <= 1100; n += 7 {
		values = append(values, strconv.Itoa(n), `"`+strconv.Itoa(n)+`"`)
	}
	read := func(value string, get func(d *webhook.Decoder) (int64, bool)) (int64, bool, bool) {
		d := webhook.NewDecoder(`{"x":` + value + `}`)
		var n int64
		var set bool
		for d.Object(); d.Member(); {
			n, set = get(&d)
		}
		return n, set, d.End() == nil
	}
	// check holds def to accepts, and its required variant to accepts without null.
	check := func(t *testing.T, def func(required bool) *object, accepts func(value string) bool) {
		for _, required := range []bool{false, true} {
			schema := compileDef(t, def(required))
			for _, value := range values {
				doc, err := jsonValue(value)
				if err != nil {
					t.Fatal(err)
				}
				want := accepts(value) && (value != "null" || !required)
				if got := schema.Validate(doc) == nil; got != want {
					t.Errorf("%s (required %v): schema says %v, the decoder and validator %v", value, required, got, want)
				}
			}
		}
	}
	for _, r := range [][2]string{{minInt64, maxInt64}, {"0", maxInt64}, {"1", maxInt64}, {"-10", "1000"}, {"-50", "-5"},
		{"0", "253402300799"}, {"0", "253402300799999"}, {"5", "5"}, {minInt64, "-1"}, {minInt64, "0"}} {
		lo, hi := r[0], r[1]
		t.Run("integer-"+lo+".."+hi, func(t *testing.T) {
			def := func(required bool) *object {
				def, err := integerSchema(lo, hi, "an integer", required)
				if err != nil {
					t.Fatal(err)
				}
				return def
			}
			check(t, def, func(value string) bool {
				n, set, ok := read(value, func(d *webhook.Decoder) (int64, bool) { return d.Int().Get() })
				if !ok || !set {
					return ok
				}
				return inttext.InRange(strconv.FormatInt(n, 10), lo, hi)
			})
			// The decoder also reads an exponent form inside a string, which the schema refuses:
			// the one difference by construction (see nestedSchemaFiles).
			schema := compileDef(t, def(false))
			if schema.Validate("5e0") == nil {
				t.Error(`the schema accepts the string "5e0"`)
			}
		})
	}
	t.Run("boolean", func(t *testing.T) {
		check(t, booleanSchema, func(value string) bool {
			_, _, ok := read(value, func(d *webhook.Decoder) (int64, bool) { return 0, d.Bool().Set })
			return ok
		})
	})
	t.Run("number", func(t *testing.T) {
		check(t, numberSchema, func(value string) bool {
			_, _, ok := read(value, func(d *webhook.Decoder) (int64, bool) { return 0, d.Number() != "" })
			return ok
		})
	})
}

func TestIntegerSchemaRefusesEmptyRanges(t *testing.T) {
	for _, r := range [][2]string{{"5", "4"}, {"1", "0"}} {
		if _, err := integerSchema(r[0], r[1], "an integer", false); err == nil {
			t.Errorf("%s..%s: no error", r[0], r[1])
		}
	}
}

// jsonValue reads one JSON value as the schema engines see it, numbers as json.Number.
func jsonValue(text string) (any, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// compileDef compiles a definition on its own: a definition refers to no other.
func compileDef(t *testing.T, def *object) *jsonschema.Schema {
	t.Helper()
	doc := obj().
		set("$schema", draft2020).
		set("$defs", obj().set("value", def)).
		set("$ref", "#/$defs/value")
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	compiler.UseLoader(refuseLoader{})
	const id = "https://example.com/def.schema.json"
	if err := compiler.AddResource(id, schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := compiler.Compile(id)
	if err != nil {
		t.Fatalf("%s\n%s", err, data)
	}
	return schema
}

// refuseLoader loads nothing: a definition is compiled on its own, offline.
type refuseLoader struct{}

func (refuseLoader) Load(u string) (any, error) {
	return nil, fmt.Errorf("refusing to load %s: the definition is self-contained", u)
}

// A long text's length limit bounds its number shape by as many nines while readers of floats
// can hold the bound; past longNumber digits the shape states no bound (ajv refuses a schema
// holding Infinity, Python an integer of 65000 digits), and a number of any length passes.
func TestValueSchemaLongLimit(t *testing.T) {
	for _, tt := range []struct {
		maxLength int
		numbers   map[string]bool // number literal → accepted
	}{
		{longNumber, map[string]bool{strings.Repeat("9", longNumber): true, "1" + strings.Repeat("0", longNumber): false,
			"-" + strings.Repeat("9", longNumber-1): true, "-1" + strings.Repeat("0", longNumber-1): false}},
		{65000, map[string]bool{"12345": true, strings.Repeat("9", 65000): true, "1" + strings.Repeat("0", 65000): true}},
	} {
		c := spec.Constraint{Kind: spec.KindString, MaxLength: tt.maxLength}
		def, err := valueSchema(c, false)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(def)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 2000 {
			t.Errorf("max length %d: the definition is %d bytes: %.300s", tt.maxLength, len(data), data)
		}
		schema := compileDef(t, def)
		for number, want := range tt.numbers {
			if got := schema.Validate(json.Number(number)) == nil; got != want {
				t.Errorf("max length %d, a number of %d characters: schema says %v, want %v", tt.maxLength, len(number), got, want)
			}
		}
		if schema.Validate(strings.Repeat("x", tt.maxLength+1)) == nil {
			t.Errorf("max length %d: a longer string passes", tt.maxLength)
		}
	}
}

// A member with other spellings: each spelling is read, two at once are refused, a required
// member is present under any of them, and a problem names the member as the spec spells it.
func TestNestedSchemaSpellings(t *testing.T) {
	s, err := spec.Load("../internal/testvendor/spec/feed")
	if err != nil {
		t.Fatal(err)
	}
	order := s.Type("Order")
	for i := range order.Members {
		if order.Members[i].Name == "status" {
			order.Members[i].Aliases = []string{"state"}
		}
	}
	files, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Path, "jsonschema/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	v := hookschema.NewValidatorFS(fsys)
	body := func(order string) []byte {
		return []byte(`{"id":"e","occurred_at":1,"api_version":"v1","event_type":"order_created","content":{"order":{"id":"o",` + order + `}}}`)
	}
	for _, tt := range []struct {
		order string
		want  []string // the faulted paths
	}{
		{`"status":"paid"`, nil},
		{`"state":"paid"`, nil},
		{`"state":"nope"`, []string{"content.order.status"}},
		{`"status":"paid","state":"paid"`, []string{"content.order"}},
		{`"lines":[]`, []string{"content.order.status"}},
	} {
		for _, strict := range []bool{false, true} {
			problems, err := v.Validate("feed", "order_created", 1, strict, webhook.JSON, body(tt.order))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s (strict %v): %v, want %v", tt.order, strict, problems, tt.want)
			}
		}
	}
}
