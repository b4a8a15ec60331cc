package jsonschema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/webhook"
)

// generations are the schemas the benchmarks compare: the embedded ones, and testdata/anyof, the
// NewSaleSuccess v6 schemas as they were generated before issue 17 (every value an anyOf of
// "absent" and its shapes, shared definitions in defs.schema.json), kept frozen so that the
// comparison can be repeated.
func generations() []struct {
	name string
	v    *Validator
} {
	return []struct {
		name string
		v    *Validator
	}{
		{"anyof", NewValidatorFS(os.DirFS("testdata/anyof"))},
		{"bytype", NewValidator()},
		{"bytype-without-rules", NewValidatorFS(withoutRules())},
	}
}

// withoutRules is the embedded NewSaleSuccess v6 schemas without their top-level allOf (the
// rules between members, spec rules.yaml), to show what the rules cost apart from the rest.
func withoutRules() fs.FS {
	fsys := fstest.MapFS{}
	for _, strict := range []bool{false, true} {
		p := Path("ccbill", "NewSaleSuccess", 6, strict)
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			panic(err)
		}
		var doc map[string]any
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			panic(err)
		}
		delete(doc, "allOf")
		if data, err = json.Marshal(doc); err != nil {
			panic(err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// BenchmarkValidate validates NewSaleSuccess v6 JSON bodies against both schema generations,
// lenient and strict, beside the Go engine (decode and Validate) on the same body. Two bodies:
// "common" is the example hookcheck's guide uses less the members the spec has gained since
// testdata/anyof was frozen, which every generation defines; "full" is the whole example, with
// the currency letters a rule between members relates to their codes, as real bodies carry them
// (only the generations that define those members take it):
//
//	go test ./jsonschema -run '^$' -bench Validate -benchmem -count 5 -benchtime 2000x
func BenchmarkValidate(b *testing.B) {
	sample, err := ccbill.Sample(ccbill.NewSaleSuccess, 6)
	if err != nil {
		b.Fatal(err)
	}
	full := sample.AppendJSON(nil)
	common, err := definedByBoth(full)
	if err != nil {
		b.Fatal(err)
	}
	for _, body := range []struct {
		name string
		data []byte
	}{{"common", common}, {"full", full}} {
		b.Run(body.name+"/go", func(b *testing.B) {
			b.SetBytes(int64(len(body.data)))
			for b.Loop() {
				e, err := ccbill.Decode(ccbill.NewSaleSuccess, 6, "application/json", body.data)
				if err != nil {
					b.Fatal(err)
				}
				if err := e.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, g := range generations() {
			if body.name == "full" && g.name == "anyof" {
				continue // defines none of the members added since
			}
			for _, strict := range []bool{false, true} {
				name := body.name + "/schema-" + g.name
				if strict {
					name += "-strict"
				}
				b.Run(name, func(b *testing.B) {
					b.SetBytes(int64(len(body.data)))
					// The first call compiles the schema; b.Loop starts the clock after it.
					if _, err := g.v.Validate("ccbill", "NewSaleSuccess", 6, strict, webhook.JSON, body.data); err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						problems, err := g.v.Validate("ccbill", "NewSaleSuccess", 6, strict, webhook.JSON, body.data)
						if err != nil || len(problems) > 0 {
							b.Fatalf("%v %v", problems, err)
						}
					}
				})
			}
		}
	}
}

// definedByBoth is body without the members testdata/anyof's schema does not define, so that
// both generations' strict schemas accept it.
func definedByBoth(body []byte) ([]byte, error) {
	data, err := os.ReadFile("testdata/anyof/ccbill/NewSaleSuccess/v6.schema.json")
	if err != nil {
		return nil, err
	}
	var old struct {
		Defs struct {
			Fields struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"fields"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &old); err != nil {
		return nil, err
	}
	r := webhook.NewJSONReader(string(body))
	out := []byte{'{'}
	for r.Next() {
		if _, ok := old.Defs.Fields.Properties[r.Key()]; !ok || r.Kind() != webhook.KindString {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = webhook.AppendJSONString(out, r.Key())
		out = append(out, ':')
		out = webhook.AppendJSONString(out, r.Value())
	}
	return append(out, '}'), r.Err()
}
