package spec

import (
	"strings"
	"unicode"
)

// initialisms are written in capitals in Go identifiers (Effective Go, golint's list, plus the
// payment words: AVS, BIN stays "Bin" because it is read as a word by the vendors' own SDKs).
var initialisms = map[string]bool{
	"API": true, "AVS": true, "CVV": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "SCA": true, "SQL": true, "UI": true, "URI": true, "URL": true, "UUID": true,
	"XML": true,
}

// GoName turns a wire name into an exported Go identifier that follows Go initialisms:
// subscriptionId → SubscriptionID, ipAddress → IPAddress, threeDSecure → ThreeDSecure,
// cvv2Response → CVV2Response, customer_fname → CustomerFname, AUTH_SUCCESS → AuthSuccess.
func GoName(wire string) string {
	words := splitWords(wire)
	var b strings.Builder
	for _, w := range words {
		up := strings.ToUpper(w)
		letters := strings.TrimRightFunc(up, unicode.IsDigit)
		switch {
		case initialisms[up] || initialisms[letters]:
			b.WriteString(up)
		default:
			b.WriteString(strings.ToUpper(w[:1]) + strings.ToLower(w[1:]))
		}
	}
	name := b.String()
	if name == "" {
		return "X"
	}
	if r := rune(name[0]); unicode.IsDigit(r) {
		name = "N" + name
	}
	return name
}

// splitWords splits lower camel, upper camel, snake and kebab case into words; a run of capitals
// followed by a lower-case letter ends one word before that letter ("IPAddress" → IP Address),
// and digits stay with the word before them ("cvv2Response" → cvv2 Response).
func splitWords(s string) []string {
	var words []string
	var cur []rune
	rs := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	// an all-capitals wire name (AUTH_SUCCESS) is a constant, not an initialism.
	if strings.ToUpper(s) == s {
		for i, w := range words {
			if !initialisms[w] {
				words[i] = strings.ToLower(w)
			}
		}
	}
	return words
}
