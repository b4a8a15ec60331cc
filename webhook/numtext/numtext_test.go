package numtext

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		lit, want string
		integer   bool
	}{
		{"0", "0", true},
		{"-0", "0", true},
		{"-0.000", "0", true},
		{"0e999999999999", "0", true},
		{"-0.0E-5", "0", true},
		{"7", "7", true},
		{"-7", "-7", true},
		{"900000", "900000", true},
		{"1000000000.0", "1000000000", true},
		{"1000000000.000", "1000000000", true},
		{"4.900", "4.9", false},
		{"4.90", "4.9", false},
		{"0.10", "0.1", false},
		{"-0.5", "-0.5", false},
		{"10.01", "10.01", false},
		{"1e3", "1000", true},
		{"1E+3", "1000", true},
		{"1e0", "1", true},
		{"1.50e0", "1.5", false},
		{"2.5E1", "25", true},
		{"150e-1", "15", true},
		{"125e-1", "12.5", false},
		{"12.5e-3", "0.0125", false},
		{"-12.5e-3", "-0.0125", false},
		{"1e-3", "0.001", false},
		{"0.001e3", "1", true},
		{"0.0012e2", "0.12", false},
		{"9.1302440100001234e17", "913024401000012340", true},
		{"18446744073709551615", "18446744073709551615", true},
		{"1.8446744073709551616e19", "18446744073709551616", true},
		{"100e-2", "1", true},
		{"1e0000000000000000000000003", "1000", true},
	}
	for _, tt := range tests {
		n, ok := Parse(tt.lit)
		if !ok {
			t.Errorf("Parse(%q) refused a literal", tt.lit)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.lit, got, tt.want)
		}
		if got := n.Len(); got != len(tt.want) {
			t.Errorf("Parse(%q).Len() = %d, want %d", tt.lit, got, len(tt.want))
		}
		if got := n.IsInteger(); got != tt.integer {
			t.Errorf("Parse(%q).IsInteger() = %v, want %v", tt.lit, got, tt.integer)
		}
		if got := n.IsZero(); got != (tt.want == "0") {
			t.Errorf("Parse(%q).IsZero() = %v", tt.lit, got)
		}
		if n.PrefixLen() && tt.lit[:n.Len()] != tt.want {
			t.Errorf("Parse(%q).PrefixLen() is true, but its plain form %q is not the literal's prefix", tt.lit, tt.want)
		}
		if got, ok := Plain(tt.lit, 64); !ok || got != tt.want {
			t.Errorf("Plain(%q, 64) = %q, %v; want %q", tt.lit, got, ok, tt.want)
		}
	}
}

// The literals whose plain form is a prefix of their own text are the ones a reader keeps as a
// slice of the body; the test pins down which.
func TestPrefixLen(t *testing.T) {
	for lit, want := range map[string]bool{
		"840": true, "-7": true, "4.900": true, "0.10": true, "1000000000.0": true, "1.50e0": true,
		"0": false, "-0": false, "0.0": false, "1e3": false, "150e-1": false,
	} {
		n, _ := Parse(lit)
		if got := n.PrefixLen(); got != want {
			t.Errorf("Parse(%q).PrefixLen() = %v, want %v", lit, got, want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, lit := range []string{"", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "1E-", "1.e3", "0x10", "1 ", " 1", "1e3.5", "NaN", "Infinity", "--1", "1-", "١"} {
		if _, ok := Parse(lit); ok {
			t.Errorf("Parse(%q) accepted text that is not a JSON number literal", lit)
		}
		if got, ok := Plain(lit, 100); ok || got != "" {
			t.Errorf("Plain(%q) = %q, %v; want \"\", false", lit, got, ok)
		}
	}
}

// Exponents that would make a plain form of a billion digits are measured, not written.
func TestHugeExponents(t *testing.T) {
	tests := []struct {
		lit     string
		longer  int // Len is at least this
		integer bool
	}{
		{"1e999999999", 1 << 26, true},
		{"-1e999999999", 1 << 26, true},
		{"1e-999999999", 1 << 26, false},
		{"1e99999999999999999999999999999999", 1 << 26, true},
		{"1.5e65536", 65537, true},
		{"1e-65536", 65537, false},
	}
	for _, tt := range tests {
		n, ok := Parse(tt.lit)
		if !ok {
			t.Fatalf("Parse(%q) refused a literal", tt.lit)
		}
		if got := n.Len(); got < tt.longer {
			t.Errorf("Parse(%q).Len() = %d, want at least %d", tt.lit, got, tt.longer)
		}
		if got := n.IsInteger(); got != tt.integer {
			t.Errorf("Parse(%q).IsInteger() = %v, want %v", tt.lit, got, tt.integer)
		}
		if got, ok := Plain(tt.lit, 1<<16); ok || got != "" {
			t.Errorf("Plain(%q, 65536) = %d bytes, %v; want a refusal", tt.lit, len(got), ok)
		}
	}
	allocs := testing.AllocsPerRun(10, func() {
		n, _ := Parse("1e999999999")
		_ = n.Len()
	})
	if allocs != 0 {
		t.Errorf("measuring 1e999999999 allocates %v times", allocs)
	}
}

var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

var plainForm = regexp.MustCompile(`^(?:0|-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?)$`)

// checkPlain holds the plain form of lit to its promises: the same value, exactly (math/big
// reads both), spelled plainly, Len bytes long, a prefix of lit where PrefixLen says so.
func checkPlain(t *testing.T, lit string) {
	n, ok := Parse(lit)
	want, wantOK := new(big.Rat).SetString(lit)
	isLiteral := jsonNumber.MatchString(lit)
	if ok != isLiteral {
		t.Fatalf("Parse(%q) reports %v; the JSON grammar says %v", lit, ok, isLiteral)
	}
	if !ok {
		return
	}
	if n.Len() > 1<<12 {
		return // math/big would take its time; TestHugeExponents covers these
	}
	plain := n.String()
	if len(plain) != n.Len() {
		t.Fatalf("Parse(%q): Len %d, plain form %q", lit, n.Len(), plain)
	}
	if !plainForm.MatchString(plain) || plain == "-0" {
		t.Fatalf("Parse(%q): %q is not plain", lit, plain)
	}
	got, _ := new(big.Rat).SetString(plain)
	if !wantOK || got.Cmp(want) != 0 {
		t.Fatalf("Parse(%q): plain form %q has another value", lit, plain)
	}
	if n.IsInteger() != got.IsInt() {
		t.Fatalf("Parse(%q).IsInteger() = %v", lit, n.IsInteger())
	}
	if n.PrefixLen() && lit[:len(plain)] != plain {
		t.Fatalf("Parse(%q).PrefixLen() is true, but %q is not its prefix", lit, plain)
	}
}

func TestPlainValues(t *testing.T) {
	for _, m := range []string{"0", "1", "9", "10", "100", "1.5", "0.05", "12.340", "0.0", "120.0010"} {
		for _, sign := range []string{"", "-"} {
			for _, e := range []string{"", "e0", "e1", "E+2", "e-1", "e-3", "E-7", "e20"} {
				checkPlain(t, sign+m+e)
			}
		}
	}
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{"0", "-0.0", "4.900", "1e3", "1E+3", "12.5e-3", "1e999999999", "01", "1.", strings.Repeat("9", 40) + "e-45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		if len(lit) > 1<<10 {
			return
		}
		checkPlain(t, lit)
	})
}

func BenchmarkPlain(b *testing.B) {
	for _, lit := range []string{"900000", "4.900", "1e3", "9.1302440100001234e17"} {
		b.Run(lit, func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				n, _ := Parse(lit)
				buf = n.Append(buf[:0])
			}
		})
	}
}
