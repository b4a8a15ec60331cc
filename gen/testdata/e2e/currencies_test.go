package currencies

import (
	"errors"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/webhook"
)

// A letter currency that is not the one its numeric code stands for makes the event invalid,
// naming both members and both values; either member absent, or a value in no row of the table
// (its own enum reports it), is no disagreement. The schemas give the same verdicts (gen's TestRuleSchemas).
func TestCurrencyLetterMatchesCode(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // "field rule limit: value", in order
	}{
		{"agree", `{"currency":"JPY","currencyCode":"392"}`, nil},
		{"agree, code as a number with leading zeros", `{"currency":"USD","currencyCode":"0840"}`, nil},
		{"agree, code as a JSON number", `{"currency":"USD","currencyCode":840}`, nil},
		{"both absent", `{}`, nil},
		{"letter absent", `{"currencyCode":"392"}`, nil},
		{"letter empty", `{"currency":"","currencyCode":"392"}`, nil},
		{"code absent", `{"currency":"USD"}`, nil},
		{"disagree", `{"currency":"USD","currencyCode":"392"}`, []string{`currency agree currencyCode "392", which means "JPY": USD`}},
		{"disagree, code as a JSON number", `{"currency":"JPY","currencyCode":840}`, []string{`currency agree currencyCode "840", which means "USD": JPY`}},
		{"letter in no row", `{"currency":"EUR","currencyCode":"840"}`, []string{`currency enum USD, JPY: EUR`}},
		{"code in no row", `{"currency":"USD","currencyCode":"978"}`, []string{`currencyCode enum 840, 392: 978`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Decode(Refund, 1, "application/json", []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			err = e.Validate()
			var got []string
			var invalid *webhook.ValidationError
			if errors.As(err, &invalid) {
				for _, p := range invalid.Problems {
					got = append(got, p.Field+" "+string(p.Rule)+" "+p.Limit+": "+p.Value)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if strings.Contains(strings.Join(tt.want, "\n"), " agree ") {
				msg := err.Error()
				if !strings.Contains(msg, "currency") || !strings.Contains(msg, "currencyCode") {
					t.Errorf("message %q does not name both members", msg)
				}
			}
		})
	}
	// The rule applies where both members are: Rebate has the letter alone.
	e, err := Decode(Rebate, 1, "application/json", []byte(`{"currency":"JPY"}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Validate(); err != nil {
		t.Errorf("Rebate: %v", err)
	}
}

// Each amount the spec pairs with a currency code gives its exact value in that currency's minor
// units; every reason it cannot is an error naming both members.
func TestAmountMinorUnits(t *testing.T) {
	tests := []struct {
		body       string
		amount     int64
		amountErr  error
		accounting int64
		accErr     error
	}{
		{`{"amount":"19.99","currencyCode":"840","accountingAmount":"0.29","accountingCurrencyCode":"840"}`, 1999, nil, 29, nil},
		{`{"amount":"500","currencyCode":"392","accountingAmount":"4.35","accountingCurrencyCode":840}`, 500, nil, 435, nil},
		{`{"amount":"19.999","currencyCode":"840"}`, 0, webhook.ErrFractionDigits, 0, webhook.ErrNoAmount},
		{`{"amount":"5.5","currencyCode":"392","accountingAmount":"1.00"}`, 0, webhook.ErrFractionDigits, 0, webhook.ErrNoCurrency},
		{`{"amount":"5","currencyCode":"978","accountingAmount":"1.00","accountingCurrencyCode":"0392"}`, 0, webhook.ErrUnknownCurrency, 1, nil},
		{`{"amount":"92233720368547758.08","currencyCode":"840"}`, 0, webhook.ErrOverflow, 0, webhook.ErrNoAmount},
		{`{"amount":"1,99","currencyCode":"840"}`, 0, webhook.ErrNotDecimal, 0, webhook.ErrNoAmount},
	}
	check := func(body, member, currency string, got int64, err error, want int64, wantErr error) {
		t.Helper()
		if wantErr == nil {
			if err != nil || got != want {
				t.Errorf("%s: %s = %d, %v; want %d", body, member, got, err, want)
			}
			return
		}
		var me *webhook.MoneyError
		if !errors.As(err, &me) || !errors.Is(err, wantErr) || me.Field != member || me.CurrencyField != currency {
			t.Errorf("%s: %s error %v, want a *webhook.MoneyError on %s and %s wrapping %v", body, member, err, member, currency, wantErr)
		}
	}
	for _, tt := range tests {
		e := new(RefundV1)
		if err := e.UnmarshalJSON([]byte(tt.body)); err != nil {
			t.Fatal(err)
		}
		n, err := e.AmountMinorUnits()
		check(tt.body, "amount", "currencyCode", n, err, tt.amount, tt.amountErr)
		n, err = e.AccountingAmountMinorUnits()
		check(tt.body, "accountingAmount", "accountingCurrencyCode", n, err, tt.accounting, tt.accErr)
	}
}
