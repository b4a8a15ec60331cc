package webhook

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Money is an amount member of a body with the currency member that says what it is counted in,
// as the body carries them: both as text. Generated packages build one for each amount the spec
// pairs with a currency (their <Amount>MinorUnits accessors), with the currency's exponent from
// the vendor's currency table.
//
// Receivers that turn "19.99" into cents with float64(…)*100 lose a cent now and then (19.99 is
// 1998.9999… in binary floating point); MinorUnits reads the digits and never rounds.
type Money struct {
	// Field and Amount are the amount member's wire name and its text ("amount", "19.99").
	Field, Amount string
	// CurrencyField and Currency are the currency member's wire name and its value
	// ("currencyCode", "840").
	CurrencyField, Currency string
	// Exponent is the number of digits after the point in the currency's minor unit, ISO 4217's
	// "minor unit": 2 for USD (cents), 0 for JPY. Read only when Known.
	Exponent int
	// Known is false when the currency table has no row for Currency.
	Known bool
}

// The reasons a Money has no exact value in minor units; a *MoneyError wraps one of them, so
// callers tell them apart with errors.Is.
var (
	// ErrNoAmount: the amount member is absent or empty.
	ErrNoAmount = errors.New("no amount")
	// ErrNoCurrency: the currency member is absent or empty, so the amount's unit is unknown.
	ErrNoCurrency = errors.New("no currency")
	// ErrUnknownCurrency: the currency is not in the vendor's currency table.
	ErrUnknownCurrency = errors.New("currency not in the vendor's currency table")
	// ErrNotDecimal: the amount is not a decimal number (optional minus sign, digits, optionally
	// a point and more digits).
	ErrNotDecimal = errors.New("not a decimal number")
	// ErrFractionDigits: the amount has non-zero digits past the currency's minor unit ("19.999"
	// in USD). Rounding it would invent a value the vendor did not send.
	ErrFractionDigits = errors.New("more fraction digits than the currency's minor unit")
	// ErrOverflow: the amount in minor units does not fit an int64.
	ErrOverflow = errors.New("too large for an int64 count of minor units")
)

// MoneyError is an amount that has no exact value in minor units. It names the amount member and
// the currency member; amounts and currency codes are not secret, so it quotes their values (cut
// to MaxShownValueBytes).
type MoneyError struct {
	Field, Amount           string
	CurrencyField, Currency string
	// Exponent is the currency's minor-unit exponent; -1 when it is unknown.
	Exponent int
	// Err is one of ErrNoAmount, ErrNoCurrency, ErrUnknownCurrency, ErrNotDecimal,
	// ErrFractionDigits or ErrOverflow.
	Err error
}

func (e *MoneyError) Error() string {
	amount := ShowName(e.Field)
	if e.Amount != "" {
		amount += " " + quoteCut(e.Amount, MaxShownValueBytes)
	}
	currency := ShowName(e.CurrencyField)
	if e.Currency != "" {
		currency += " " + quoteCut(e.Currency, MaxShownValueBytes)
	}
	switch {
	case errors.Is(e.Err, ErrNoAmount):
		return fmt.Sprintf("%s: %v", amount, e.Err)
	case errors.Is(e.Err, ErrNoCurrency):
		return fmt.Sprintf("%s: %v: %s is absent", amount, e.Err, currency)
	case errors.Is(e.Err, ErrFractionDigits):
		return fmt.Sprintf("%s: %v (%s has %d)", amount, e.Err, currency, e.Exponent)
	}
	return fmt.Sprintf("%s in %s: %v", amount, currency, e.Err)
}

func (e *MoneyError) Unwrap() error { return e.Err }

// MinorUnits returns the amount as an integer count of the currency's minor units: "19.99" in
// USD is 1999, "500" in JPY is 500. It is exact: no float on the way, no rounding. Fraction
// digits past the minor unit are accepted only when they are zeros ("19.990" is 1999 cents, the
// same value), and refused otherwise ("19.999"). Every error is a *MoneyError naming both
// members.
func (m Money) MinorUnits() (int64, error) {
	fail := func(err error) (int64, error) {
		e := &MoneyError{Field: m.Field, Amount: m.Amount, CurrencyField: m.CurrencyField, Currency: m.Currency, Exponent: -1, Err: err}
		if m.Known {
			e.Exponent = m.Exponent
		}
		return 0, e
	}
	switch {
	case m.Amount == "":
		return fail(ErrNoAmount)
	case m.Currency == "":
		return fail(ErrNoCurrency)
	case !m.Known:
		return fail(ErrUnknownCurrency)
	}
	n, err := ParseMinorUnits(m.Amount, m.Exponent)
	if err != nil {
		return fail(err)
	}
	return n, nil
}

// MaxExponent is the largest minor-unit exponent ParseMinorUnits takes: 10^18 is the largest
// power of ten an int64 holds. ISO 4217's largest is 4.
const MaxExponent = 18

// ParseMinorUnits returns the decimal text amount ("-19.99") as an integer count of minor units
// of a currency with exponent digits after the point (1999 cents for exponent 2). It never
// rounds: non-zero digits past the exponent are ErrFractionDigits. Its errors are ErrNotDecimal,
// ErrFractionDigits and ErrOverflow, unwrapped: Money.MinorUnits names the members.
func ParseMinorUnits(amount string, exponent int) (int64, error) {
	if exponent < 0 || exponent > MaxExponent {
		return 0, fmt.Errorf("minor-unit exponent %d is outside 0..%d", exponent, MaxExponent)
	}
	negative, whole, frac, ok := splitDecimal(amount)
	if !ok {
		return 0, ErrNotDecimal
	}
	if len(frac) > exponent {
		for i := exponent; i < len(frac); i++ {
			if frac[i] != '0' {
				return 0, ErrFractionDigits
			}
		}
		frac = frac[:exponent]
	}
	// Accumulate as a negative number: -9223372036854775808 minor units is representable and
	// its positive is not, so the negative side has the full range.
	var n int64
	digit := func(c byte) bool {
		d := int64(c - '0')
		if n < (math.MinInt64+d)/10 {
			return false
		}
		n = n*10 - d
		return true
	}
	for i := 0; i < len(whole); i++ {
		if !digit(whole[i]) {
			return 0, ErrOverflow
		}
	}
	for i := 0; i < exponent; i++ {
		c := byte('0')
		if i < len(frac) {
			c = frac[i]
		}
		if !digit(c) {
			return 0, ErrOverflow
		}
	}
	if negative {
		return n, nil
	}
	if n == math.MinInt64 {
		return 0, ErrOverflow
	}
	return -n, nil
}

// FormatMinorUnits is ParseMinorUnits' inverse: n minor units of a currency with exponent
// digits as decimal text with exactly exponent digits after the point (1999, 2 → "19.99"; 500,
// 0 → "500"). It panics on an exponent outside 0..MaxExponent, a programming error.
func FormatMinorUnits(n int64, exponent int) string {
	if exponent < 0 || exponent > MaxExponent {
		panic(fmt.Sprintf("webhook.FormatMinorUnits: exponent %d is outside 0..%d", exponent, MaxExponent))
	}
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if digits[0] == '-' {
		sign, digits = "-", digits[1:]
	}
	if exponent == 0 {
		return sign + digits
	}
	for len(digits) <= exponent {
		digits = "0" + digits
	}
	cut := len(digits) - exponent
	return sign + digits[:cut] + "." + digits[cut:]
}
