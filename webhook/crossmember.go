package webhook

// RuleAgree: two members the vendor relates through one of its lookup tables name different
// rows of it: a letter currency code that is not the one its numeric code stands for (currency
// "USD" beside currencyCode "978", which is EUR). The problem's Field is the member checked,
// its Value that member's value, and Limit the other member with its value and what the table
// says the first should be: `currencyCode "978", which means "EUR"`. Its message reads
// `currency: disagrees with currencyCode "978", which means "EUR": "USD"`.
const RuleAgree Rule = "agree"

// Agree reports a member whose value disagrees with the value a lookup table gives it for
// another member's value. want is the table's value for field, looked up by otherValue (the
// generated code does the lookup); the lookup gives "" when either value is in no row of the
// table, which each member's own enum reports: one cause, one problem. A member absent (value
// or otherValue empty) is no disagreement: each member's presence is its own rule. d is Redact
// when either member is secret, and then neither value, nor the looked-up one, reaches the
// problem.
func (v *Validator) Agree(field, value, other, otherValue, want string, d Disclosure) {
	if value != want && value != "" && otherValue != "" && want != "" {
		v.addAgree(field, value, other, otherValue, want, d)
	}
	v.clearWarning()
}

func (v *Validator) addAgree(field, value, other, otherValue, want string, d Disclosure) {
	limit := other
	if d == Show {
		limit = other + " " + quoteCut(otherValue, MaxShownValueBytes) + ", which means " + quoteCut(want, MaxShownValueBytes)
	}
	v.add(field, RuleAgree, limit, value, d)
}
