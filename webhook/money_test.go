package webhook

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestParseMinorUnits(t *testing.T) {
	tests := []struct {
		amount   string
		exponent int
		want     int64
		err      error
	}{
		{"19.99", 2, 1999, nil},
		{"0.29", 2, 29, nil}, // float64(0.29)*100 is 28.999999999999996
		{"4.35", 2, 435, nil},
		{"19.9", 2, 1990, nil},
		{"19", 2, 1900, nil},
		{"19.990", 2, 1999, nil}, // trailing zeros lose nothing
		{"-4.95", 2, -495, nil},
		{"-0", 2, 0, nil},
		{"007.50", 2, 750, nil},
		{"500", 0, 500, nil},
		{"500.00", 0, 500, nil},
		{"1.2345", 4, 12345, nil},
		{"92233720368547758.07", 2, math.MaxInt64, nil},
		{"-92233720368547758.08", 2, math.MinInt64, nil},
		{"9223372036854775807", 0, math.MaxInt64, nil},
		{"0.000000000000000001", 18, 1, nil},

		{"19.999", 2, 0, ErrFractionDigits},
		{"19.991", 2, 0, ErrFractionDigits},
		{"0.5", 0, 0, ErrFractionDigits},
		{"92233720368547758.08", 2, 0, ErrOverflow},
		{"-92233720368547758.09", 2, 0, ErrOverflow},
		{"9223372036854775808", 0, 0, ErrOverflow},
		{"99999999999999999999999", 2, 0, ErrOverflow},
		{"10", 18, 0, ErrOverflow},
		{"", 2, 0, ErrNotDecimal},
		{"-", 2, 0, ErrNotDecimal},
		{".5", 2, 0, ErrNotDecimal},
		{"5.", 2, 0, ErrNotDecimal},
		{"1,99", 2, 0, ErrNotDecimal},
		{"+1.99", 2, 0, ErrNotDecimal},
		{"1e2", 2, 0, ErrNotDecimal},
		{" 1.99", 2, 0, ErrNotDecimal},
		{"1.9.9", 2, 0, ErrNotDecimal},
		{"--1", 2, 0, ErrNotDecimal},
		{"١٢", 2, 0, ErrNotDecimal}, // Arabic-Indic digits are not ASCII digits
	}
	for _, tt := range tests {
		got, err := ParseMinorUnits(tt.amount, tt.exponent)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("ParseMinorUnits(%q, %d) error = %v, want %v", tt.amount, tt.exponent, err, tt.err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseMinorUnits(%q, %d) = %d, want %d", tt.amount, tt.exponent, got, tt.want)
		}
	}
}

func TestParseMinorUnitsExponentRange(t *testing.T) {
	for _, exp := range []int{-1, MaxExponent + 1} {
		if _, err := ParseMinorUnits("1", exp); err == nil || !strings.Contains(err.Error(), "exponent") {
			t.Errorf("ParseMinorUnits(\"1\", %d) error = %v, want one naming the exponent", exp, err)
		}
	}
}

func TestFormatMinorUnits(t *testing.T) {
	tests := []struct {
		n        int64
		exponent int
		want     string
	}{
		{1999, 2, "19.99"},
		{5, 2, "0.05"},
		{0, 2, "0.00"},
		{-495, 2, "-4.95"},
		{-5, 2, "-0.05"},
		{500, 0, "500"},
		{math.MinInt64, 2, "-92233720368547758.08"},
		{1, 18, "0.000000000000000001"},
	}
	for _, tt := range tests {
		if got := FormatMinorUnits(tt.n, tt.exponent); got != tt.want {
			t.Errorf("FormatMinorUnits(%d, %d) = %q, want %q", tt.n, tt.exponent, got, tt.want)
		}
	}
}

func TestMoneyMinorUnits(t *testing.T) {
	usd := Money{Field: "amount", Amount: "19.99", CurrencyField: "currencyCode", Currency: "840", Exponent: 2, Known: true}
	tests := []struct {
		name string
		m    func(m Money) Money
		want int64
		err  error
		msg  string // the error's text, exactly
	}{
		{"usd", func(m Money) Money { return m }, 1999, nil, ""},
		{"jpy", func(m Money) Money { m.Amount, m.Currency, m.Exponent = "500", "392", 0; return m }, 500, nil, ""},
		{"no amount", func(m Money) Money { m.Amount = ""; return m }, 0, ErrNoAmount,
			`amount: no amount`},
		{"no currency", func(m Money) Money { m.Currency, m.Known = "", false; return m }, 0, ErrNoCurrency,
			`amount "19.99": no currency: currencyCode is absent`},
		{"unknown currency", func(m Money) Money { m.Currency, m.Known = "999", false; return m }, 0, ErrUnknownCurrency,
			`amount "19.99" in currencyCode "999": currency not in the vendor's currency table`},
		{"too precise", func(m Money) Money { m.Amount = "19.999"; return m }, 0, ErrFractionDigits,
			`amount "19.999": more fraction digits than the currency's minor unit (currencyCode "840" has 2)`},
		{"yen with cents", func(m Money) Money { m.Amount, m.Currency, m.Exponent = "5.5", "392", 0; return m }, 0, ErrFractionDigits,
			`amount "5.5": more fraction digits than the currency's minor unit (currencyCode "392" has 0)`},
		{"not decimal", func(m Money) Money { m.Amount = "19,99"; return m }, 0, ErrNotDecimal,
			`amount "19,99" in currencyCode "840": not a decimal number`},
		{"overflow", func(m Money) Money { m.Amount = "92233720368547758.08"; return m }, 0, ErrOverflow,
			`amount "92233720368547758.08" in currencyCode "840": too large for an int64 count of minor units`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.m(usd).MinorUnits()
			if tt.err == nil {
				if err != nil || got != tt.want {
					t.Fatalf("MinorUnits() = %d, %v; want %d", got, err, tt.want)
				}
				return
			}
			var me *MoneyError
			if !errors.As(err, &me) || !errors.Is(err, tt.err) {
				t.Fatalf("MinorUnits() error = %#v, want a *MoneyError wrapping %v", err, tt.err)
			}
			if me.Field != "amount" || me.CurrencyField != "currencyCode" {
				t.Errorf("error names %q and %q, want amount and currencyCode", me.Field, me.CurrencyField)
			}
			if err.Error() != tt.msg {
				t.Errorf("error text\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
}

// exactMinorUnits is the reference: the amount as an exact rational times 10^exponent.
func exactMinorUnits(amount string, exponent int) (*big.Int, bool) {
	r, ok := new(big.Rat).SetString(amount)
	if !ok {
		return nil, false
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exponent)), nil)))
	if !r.IsInt() {
		return nil, false
	}
	return r.Num(), true
}

func FuzzParseMinorUnits(f *testing.F) {
	for _, s := range []string{"19.99", "0.29", "-4.95", "19.999", "92233720368547758.08", "", ".5", "5.", "1e2", "007.50"} {
		f.Add(s, uint8(2))
	}
	f.Add("500", uint8(0))
	f.Fuzz(func(t *testing.T, amount string, e uint8) {
		exponent := int(e % (MaxExponent + 1))
		n, err := ParseMinorUnits(amount, exponent)
		if err != nil {
			switch {
			case errors.Is(err, ErrNotDecimal):
				if IsDecimal(amount, 2*len(amount), len(amount)) {
					t.Fatalf("ParseMinorUnits(%q) says not a decimal, IsDecimal says it is", amount)
				}
			case errors.Is(err, ErrFractionDigits):
				if _, exact := exactMinorUnits(amount, exponent); exact {
					t.Fatalf("ParseMinorUnits(%q, %d) says too precise, but the value is a whole number of minor units", amount, exponent)
				}
			case errors.Is(err, ErrOverflow):
				if want, exact := exactMinorUnits(amount, exponent); !exact || want.IsInt64() {
					t.Fatalf("ParseMinorUnits(%q, %d) says overflow, exact value %v", amount, exponent, want)
				}
			default:
				t.Fatalf("ParseMinorUnits(%q, %d): unexpected error %v", amount, exponent, err)
			}
			return
		}
		// Accepted: the shape IsDecimal accepts, and exactly the rational value.
		if !IsDecimal(amount, 2*len(amount), len(amount)) {
			t.Fatalf("ParseMinorUnits(%q) = %d, but IsDecimal refuses it", amount, n)
		}
		want, exact := exactMinorUnits(amount, exponent)
		if !exact || !want.IsInt64() || want.Int64() != n {
			t.Fatalf("ParseMinorUnits(%q, %d) = %d, want %v", amount, exponent, n, want)
		}
		back, err := ParseMinorUnits(FormatMinorUnits(n, exponent), exponent)
		if err != nil || back != n {
			t.Fatalf("FormatMinorUnits(%d, %d) = %q reads back as %d, %v", n, exponent, FormatMinorUnits(n, exponent), back, err)
		}
	})
}

func BenchmarkParseMinorUnits(b *testing.B) {
	for _, amount := range []string{"19.99", "92233720368547758.07"} {
		b.Run(amount, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseMinorUnits(amount, 2); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMoneyMinorUnits(b *testing.B) {
	m := Money{Field: "amount", Amount: "19.99", CurrencyField: "currencyCode", Currency: "840", Exponent: 2, Known: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.MinorUnits(); err != nil {
			b.Fatal(err)
		}
	}
}
