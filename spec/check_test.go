package spec

import (
	"slices"
	"strings"
	"testing"
)

// TestCheckIntegerTexts holds Check to inttext's reading of integer texts: bounds compare by
// value ("-0" is zero, leading zeros do not count), a bound that is not an integer is reported
// rather than compared, and a numeric enum's values are digits that compare without their
// leading zeros.
func TestCheckIntegerTexts(t *testing.T) {
	digits := func(min, max string) *Spec {
		return &Spec{DataTypes: []DataType{{Text: "int", Constraint: Constraint{Kind: KindInteger, Min: min, Max: max}}}}
	}
	numeric := func(values ...string) *Spec {
		e := Enum{Name: "currency", GoName: "Currency", Numeric: true}
		for i, v := range values {
			e.Values = append(e.Values, EnumValue{Value: v, GoName: "V" + string(rune('A'+i))})
		}
		return &Spec{Enums: []Enum{e}}
	}
	for _, tc := range []struct {
		name string
		spec *Spec
		file string
		want []string // the problems' messages with their paths, in order
	}{
		{"ordered bounds", digits("-10", "10"), "datatypes.yaml", nil},
		{"equal bounds", digits("5", "5"), "datatypes.yaml", nil},
		{"minus zero is zero", digits("0", "-0"), "datatypes.yaml", nil},
		{"leading zeros", digits("007", "7"), "datatypes.yaml", nil},
		{"past uint64", digits("18446744073709551615", "18446744073709551616"), "datatypes.yaml", nil},
		{"min above max by value", digits("9", "10"), "datatypes.yaml", nil},
		{"min above max", digits("10", "9"), "datatypes.yaml", []string{"/dataTypes/0/constraint/min: min 10 exceeds max 9"}},
		{"negative bounds", digits("-9", "-10"), "datatypes.yaml", []string{"/dataTypes/0/constraint/min: min -9 exceeds max -10"}},
		{"bound not an integer", digits("1e3", ""), "datatypes.yaml", []string{`/dataTypes/0/constraint/min: min "1e3" is not an integer`}},
		{"both bounds not integers", digits("+1", "ten"), "datatypes.yaml", []string{
			`/dataTypes/0/constraint/min: min "+1" is not an integer`, `/dataTypes/0/constraint/max: max "ten" is not an integer`}},
		{"numeric enum", numeric("036", "840"), "enums.yaml", nil},
		{"numeric enum with the same value twice", numeric("036", "36"), "enums.yaml", []string{
			`/enums/0/values/1/value: duplicate value of enum currency "36" (first at /enums/0/values/0/value)`}},
		{"numeric enum with a sign", numeric("-1"), "enums.yaml", []string{
			`/enums/0/values/0/value: numeric enum currency has non-numeric value "-1"`}},
		{"numeric enum with no value text", numeric(""), "enums.yaml", []string{
			`/enums/0/values/0/value: numeric enum currency has non-numeric value ""`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range Check(tc.spec) {
				if p.File == tc.file {
					got = append(got, p.Path+": "+p.Msg)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems in %s:\n%s\nwant:\n%s", tc.file, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
