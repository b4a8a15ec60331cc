package inttext

import (
	"math/big"
	"strings"
	"testing"
)

func TestIsDigitsIsInteger(t *testing.T) {
	for _, tc := range []struct {
		s               string
		digits, integer bool
	}{
		{"0", true, true},
		{"007", true, true},
		{"12345678901234567890123", true, true},
		{"-0", false, true},
		{"-007", false, true},
		{"", false, false},
		{"-", false, false},
		{"--1", false, false},
		{"+1", false, false},
		{" 1", false, false},
		{"1 ", false, false},
		{"1.0", false, false},
		{"1e3", false, false},
		{"١", false, false}, // an Arabic-Indic digit is not ASCII
		{"1-", false, false},
	} {
		if got := IsDigits(tc.s); got != tc.digits {
			t.Errorf("IsDigits(%q) = %v, want %v", tc.s, got, tc.digits)
		}
		if got := IsInteger(tc.s); got != tc.integer {
			t.Errorf("IsInteger(%q) = %v, want %v", tc.s, got, tc.integer)
		}
	}
}

func TestTrimLeadingZeros(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"036", "36"},
		{"000", "0"},
		{"0", "0"},
		{"36", "36"},
		{"100", "100"},
		{"", ""},         // nothing to trim: the empty text is not zero
		{"-007", "-007"}, // signed texts are not digit strings
	} {
		if got := TrimLeadingZeros(tc.in); got != tc.want {
			t.Errorf("TrimLeadingZeros(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"},
		{"000", "0"},
		{"-0", "0"},
		{"-000", "0"},
		{"007", "7"},
		{"-007", "-7"},
		{"-7", "-7"},
		{"120", "120"},
		{"", ""},
		{"-", ""},
		{"+7", ""},
		{"7.0", ""},
	} {
		if got := Canonical(tc.in); got != tc.want {
			t.Errorf("Canonical(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"0", "0", 0},
		{"-0", "0", 0}, // minus zero is zero
		{"0", "-0", 0},
		{"-0", "-000", 0},
		{"007", "7", 0}, // leading zeros do not count
		{"-007", "-7", 0},
		{"9", "10", -1}, // by value, not as strings
		{"10", "9", 1},
		{"0099", "100", -1},
		{"-10", "-9", -1},
		{"-9", "-10", 1},
		{"-1", "0", -1},
		{"-1", "-0", -1},
		{"0", "-1", 1},
		{"-5", "3", -1},
		{"3", "-5", 1},
		{"18446744073709551615", "18446744073709551616", -1}, // past uint64
		{"-99999999999999999999", "-99999999999999999998", -1},
		{"12345", "12354", -1},
	} {
		if got := Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestInRange(t *testing.T) {
	for _, tc := range []struct {
		s, min, max string
		want        bool
	}{
		{"5", "", "", true},
		{"5", "0", "9", true},
		{"0", "0", "9", true},
		{"9", "0", "9", true},
		{"10", "0", "9", false},
		{"0009", "0", "9", true},
		{"00010", "", "9", false},
		{"5", "6", "", false},
		{"6", "6", "", true},
		{"-1", "0", "", false},
		{"-0", "0", "", true},
		{"-1", "-1", "1", true},
		{"-2", "-1", "1", false},
		{"2", "-1", "1", false},
		{"-3", "", "-2", true},
		{"-1", "", "-2", false},
		{"5", "-10", "", true},
		{"18446744073709551616", "0", "18446744073709551615", false}, // bigint unsigned plus one
		{"18446744073709551615", "0", "18446744073709551615", true},
		{"", "", "", false}, // absent is not in any range: presence is the caller's business
		{"1a", "", "", false},
		{"-", "", "", false},
		{"+1", "", "", false},
	} {
		if got := InRange(tc.s, tc.min, tc.max); got != tc.want {
			t.Errorf("InRange(%q, %q, %q) = %v, want %v", tc.s, tc.min, tc.max, got, tc.want)
		}
	}
}

func TestMaxMin(t *testing.T) {
	for _, tc := range []struct{ a, b, max, min string }{
		{"", "", "", ""},
		{"", "5", "5", "5"}, // no bound loses on either side
		{"5", "", "5", "5"},
		{"3", "5", "5", "3"},
		{"5", "3", "5", "3"},
		{"-3", "2", "2", "-3"},
		{"007", "7", "007", "007"}, // equal values: the first stays
		{"100", "99", "100", "99"},
	} {
		if got := Max(tc.a, tc.b); got != tc.max {
			t.Errorf("Max(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.max)
		}
		if got := Min(tc.a, tc.b); got != tc.min {
			t.Errorf("Min(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.min)
		}
	}
}

func TestIncrement(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "1"},
		{"7", "8"},
		{"007", "008"}, // the width stays where the value fits
		{"099", "100"},
		{"999", "1000"},
		{"18446744073709551615", "18446744073709551616"},
		{"-0", "1"},
		{"-000", "1"},
		{"-1", "0"},
		{"-5", "-4"},
		{"-10", "-9"},
		{"-010", "-9"},
		{"-100", "-99"},
		{"", ""},
		{"-", ""},
		{"1a", ""},
		{"+1", ""},
	} {
		if got := Increment(tc.in); got != tc.want {
			t.Errorf("Increment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkAgainstBig holds Compare and InRange to math/big's reading of the same texts: any two
// integer texts, whatever their length, signs and leading zeros.
func checkAgainstBig(t *testing.T, a, b string) {
	t.Helper()
	for _, s := range []string{a, b} {
		// Nothing may panic on any text, integer or not.
		_ = Compare(s, s)
		_ = InRange(s, a, b)
		if got := Canonical(s); (got == "") == IsInteger(s) {
			t.Fatalf("Canonical(%q) = %q: want a value exactly for integer texts", s, got)
		}
		if got := Increment(s); (got == "") == IsInteger(s) {
			t.Fatalf("Increment(%q) = %q: want a value exactly for integer texts", s, got)
		}
	}
	if !IsInteger(a) || !IsInteger(b) {
		return
	}
	x, _ := new(big.Int).SetString(a, 10)
	y, _ := new(big.Int).SetString(b, 10)
	if got, want := Compare(a, b), x.Cmp(y); got != want {
		t.Fatalf("Compare(%q, %q) = %d, math/big says %d", a, b, got, want)
	}
	if got := Canonical(a); got != x.String() {
		t.Fatalf("Canonical(%q) = %q, math/big says %s", a, got, x)
	}
	if next, _ := new(big.Int).SetString(Increment(a), 10); next == nil || next.Cmp(new(big.Int).Add(x, big.NewInt(1))) != 0 {
		t.Fatalf("Increment(%q) = %q, math/big says %v", a, Increment(a), new(big.Int).Add(x, big.NewInt(1)))
	}
	if got, back := Compare(a, b), Compare(b, a); got != -back {
		t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, got, b, a, back)
	}
	for _, bounds := range [][2]string{{"", b}, {b, ""}, {"0", b}, {b, "0"}, {"-5", "5"}} {
		want := true
		if lo := bounds[0]; lo != "" {
			l, _ := new(big.Int).SetString(lo, 10)
			want = want && x.Cmp(l) >= 0
		}
		if hi := bounds[1]; hi != "" {
			h, _ := new(big.Int).SetString(hi, 10)
			want = want && x.Cmp(h) <= 0
		}
		if got := InRange(a, bounds[0], bounds[1]); got != want {
			t.Fatalf("InRange(%q, %q, %q) = %v, math/big says %v", a, bounds[0], bounds[1], got, want)
		}
	}
}

func TestCompareAgainstBig(t *testing.T) {
	texts := []string{"0", "-0", "00", "-00", "1", "-1", "01", "-01", "9", "10", "-10", "99", "100", "0100",
		"18446744073709551615", "18446744073709551616", "-9223372036854775808", strings.Repeat("9", 40)}
	for _, a := range texts {
		for _, b := range texts {
			checkAgainstBig(t, a, b)
		}
	}
}

func FuzzCompare(f *testing.F) {
	for _, seed := range [][2]string{{"0", "-0"}, {"007", "7"}, {"-10", "-9"}, {"18446744073709551616", "1"}, {"", "-"}, {"+1", "1"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(checkAgainstBig)
}

func BenchmarkInRange(b *testing.B) {
	for _, bc := range []struct{ name, s, min, max string }{
		{"digits", "1234567890", "0", "9223372036854775807"},
		{"unbounded", "1234567890", "", ""},
		{"signed", "-1234", "-9999", "9999"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if !InRange(bc.s, bc.min, bc.max) {
					b.Fatal("out of range")
				}
			}
		})
	}
}

// The runtime validator calls these for nearly every member of every delivery.
func TestNoAllocations(t *testing.T) {
	for name, f := range map[string]func(){
		"IsDigits":         func() { IsDigits("0913024401000012340") },
		"InRange":          func() { InRange("0913024401000012340", "0", "18446744073709551615") },
		"InRange signed":   func() { InRange("-128", "-128", "127") },
		"Compare":          func() { Compare("-0", "0") },
		"TrimLeadingZeros": func() { TrimLeadingZeros("000036") },
		"Canonical plain":  func() { Canonical("-36") },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times", name, n)
		}
	}
}
