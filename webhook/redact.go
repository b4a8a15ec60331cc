package webhook

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the one redaction rule every output applies (fmt, log/slog, Error strings,
// hookcheck's reports):
//
//   - a typed field the spec marks secret is a Secret, printed as [redacted];
//   - a member the event version does not define (Extra) is printed by name only: its value may
//     be anything, a password under an unexpected name included, so it is shown only to a
//     caller that asks for it (AttrWriter.ShowExtraValues, Problem.StringWithValue), and never
//     when the name looks secret;
//   - a name looks secret when it has one of the words below, whatever its case and separators
//     and with or without a pass-through prefix ("X-"), or is one of the names a vendor's spec
//     marks secret (SecretNames, which each generated package's SecretField uses).

// secretWords are the words that make a member name secret on their own, as a whole word:
// "pass" in "X-pass" and "user_pass", but not in "bypass" or "passenger", where it is part of
// another word.
var secretWords = []string{"pass", "pwd", "key", "auth", "cvv", "cvc"}

// secretStems make a name secret wherever they appear once case and separators are folded
// away: "X-userpassword", "API_KEY", "cardNumber", "authorization".
var secretStems = []string{"password", "passwd", "passphrase", "secret", "token", "apikey", "cardnumber", "authorization", "credential"}

// LooksSecret reports whether a member name looks like it holds a secret: it has one of the
// words pass, pwd, key, auth, cvv, cvc (as a word of its own: "X-api_key", "authKey", "CVV"), or
// folded to lower-case letters and digits it contains password, passwd, passphrase, secret,
// token, apikey, cardnumber, authorization or credential. Words are separated by anything but
// ASCII letters and digits, by a lower-case letter followed by an upper-case one
// ("userPass"), and between letters and digits ("cvv2").
//
// A false positive costs a redacted log value; a false negative leaks a password, so the list
// errs on the side of redacting.
func LooksSecret(name string) bool {
	var stack [64]byte
	folded := stack[:0]
	wordStart := 0
	endWord := func() bool {
		word := folded[wordStart:]
		wordStart = len(folded)
		for _, w := range secretWords {
			if string(word) == w {
				return true
			}
		}
		return false
	}
	var prev byte // the class of the previous byte: 'l'ower, 'u'pper, 'd'igit or 0 (separator)
	for i := 0; i < len(name); i++ {
		c := name[i]
		var class byte
		switch {
		case 'a' <= c && c <= 'z' || c >= utf8.RuneSelf:
			class = 'l'
		case 'A' <= c && c <= 'Z':
			class = 'u'
		case '0' <= c && c <= '9':
			class = 'd'
		}
		boundary := class == 0 || prev == 0 ||
			class == 'u' && prev == 'l' ||
			(class == 'd') != (prev == 'd') ||
			// "APIKey": the K starts a word, since a lower-case letter follows it
			class == 'u' && prev == 'u' && i+1 < len(name) && 'a' <= name[i+1] && name[i+1] <= 'z'
		if boundary && len(folded) > wordStart && endWord() {
			return true
		}
		prev = class
		if class == 0 {
			continue
		}
		if class == 'u' {
			c += 'a' - 'A'
		}
		folded = append(folded, c)
	}
	if endWord() {
		return true
	}
	for _, stem := range secretStems {
		if strings.Contains(string(folded), stem) {
			return true
		}
	}
	return false
}

// foldName lowers a name's ASCII letters and drops everything but letters and digits:
// "X-User_Password" and "xuserpassword" fold alike.
func foldName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c >= utf8.RuneSelf:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// SecretNames is a vendor's redaction rule for member names: LooksSecret, extended by the wire
// names its spec marks secret. Generated packages build one and answer SecretField with it.
type SecretNames struct {
	prefix string
	marked []string // folded
}

// NewSecretNames returns the rule for a vendor whose pass-through variables start with prefix
// ("X-", or "" for none) and whose spec marks the given wire names secret.
func NewSecretNames(passThroughPrefix string, marked ...string) *SecretNames {
	s := &SecretNames{prefix: passThroughPrefix}
	for _, m := range marked {
		if f := foldName(m); f != "" {
			s.marked = append(s.marked, f)
		}
	}
	return s
}

// Match reports whether a member name is secret: it looks secret (LooksSecret), or, folded as
// LooksSecret folds it and with or without the pass-through prefix, it is one of the marked
// names, or ends with one ("X-customer_ssn" for a marked "ssn").
func (s *SecretNames) Match(name string) bool {
	if LooksSecret(name) {
		return true
	}
	if len(s.marked) == 0 {
		return false
	}
	if s.prefix != "" && len(name) >= len(s.prefix) && strings.EqualFold(name[:len(s.prefix)], s.prefix) {
		name = name[len(s.prefix):]
	}
	folded := foldName(name)
	for _, m := range s.marked {
		if strings.HasSuffix(folded, m) {
			return true
		}
	}
	return false
}

// Limits on what one name or value adds to a message or a log line, so that a body of
// megabyte-long keys writes lines of a bounded length.
const (
	// MaxShownNameBytes is the longest member name printed whole; longer ones are cut.
	MaxShownNameBytes = 64
	// MaxShownValueBytes is the longest value printed whole in a problem or a log record.
	MaxShownValueBytes = 256
)

// ShowName returns a member name for a message or a log record: as it is when it is plain
// printable ASCII, quoted when it looks like a name otherwise (spaces, accents), and only its
// length when it does not look like a name at all: longer than MaxShownNameBytes, or holding
// quotes, braces, backslashes, control characters or invalid UTF-8. Such a "name" is a body
// the reader could not read as sent (a JSON body without its '{' read as a form is one long
// member name), and may hold anything, a password included. It never returns a line break,
// so a name cannot forge a log line either.
func ShowName(name string) string {
	switch {
	case plainName(name):
		return name
	case looksLikeName(name):
		return strconv.Quote(name)
	}
	return "(a member name of " + strconv.Itoa(len(name)) + " bytes, not shown)"
}

// quoteName is ShowName for messages that quote every name: a name in double quotes, or only
// its length.
func quoteName(name string) string {
	if looksLikeName(name) {
		return strconv.Quote(name)
	}
	return "(a key of " + strconv.Itoa(len(name)) + " bytes, not shown)"
}

// plainName reports whether name looks like a name and is printable ASCII without spaces.
func plainName(name string) bool {
	if name == "" || len(name) > MaxShownNameBytes {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '{' || c == '}' {
			return false
		}
	}
	return true
}

// looksLikeName reports whether name could be a member's name rather than a piece of a body:
// at most MaxShownNameBytes of valid UTF-8 without control characters, quotes, braces or
// backslashes.
func looksLikeName(name string) bool {
	if len(name) > MaxShownNameBytes || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r < ' ' || r == 0x7f || r == '"' || r == '\\' || r == '{' || r == '}' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// quoteCut quotes s, cut to at most limit bytes on a character boundary with the full length
// noted.
func quoteCut(s string, limit int) string {
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// cutValue returns a value for a log record, cut past MaxShownValueBytes.
func cutValue(s string) string {
	if len(s) <= MaxShownValueBytes {
		return s
	}
	cut := MaxShownValueBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// Format prints a kept member as its name and [redacted], for every verb: an unknown member's
// value is never printed by fmt. Read Value to use it.
func (f Field) Format(s fmt.State, _ rune) {
	io.WriteString(s, ShowName(f.Name))
	io.WriteString(s, "=")
	io.WriteString(s, Redacted)
}

// Format prints the kept members by name, each value as [redacted], for every verb (%v, %+v,
// %#v, %s, %q...), so that printing an event never prints what a version does not define: a
// password sent to a version that lacks the field, or under another name. At most
// MaxExtraMembers names are printed.
func (f Fields) Format(s fmt.State, _ rune) {
	io.WriteString(s, "[")
	for i, m := range f {
		if i == MaxExtraMembers {
			fmt.Fprintf(s, " …%d more", len(f)-i)
			break
		}
		if i > 0 {
			io.WriteString(s, " ")
		}
		m.Format(s, 'v')
	}
	io.WriteString(s, "]")
}

// LogValue logs the kept members by name, each value as [redacted]; AttrWriter.ShowExtraValues
// logs the values of those whose names do not look secret.
func (f Fields) LogValue() slog.Value {
	w := AttrWriter{}
	w.Extra(f)
	if len(w.attrs) == 0 {
		return slog.GroupValue()
	}
	return w.attrs[0].Value
}

// Omitted counts the members a decoder did not keep in Extra because the event already held
// MaxExtraMembers of them or MaxExtraBytes of their text. Validate reports them as one problem
// (RuleExtraLimit); the body itself is unchanged, so the application that stores it loses
// nothing.
type Omitted struct {
	Members int
	Bytes   int
}

// Limits on the members a decoder keeps in Extra: enough for every pass-through variable a
// merchant sets and for fields a vendor adds, while a body of a million tiny keys costs a
// bounded amount of memory and log.
const (
	MaxExtraMembers = 256
	MaxExtraBytes   = 64 << 10
)

// KeepExtra appends a member a version does not define to extra, or counts it in omitted once
// extra holds MaxExtraMembers members or MaxExtraBytes of names and values. Generated decoders
// call it.
func KeepExtra(extra *Fields, omitted *Omitted, name, value string) {
	size := len(name) + len(value)
	if omitted.Members == 0 && len(*extra) < MaxExtraMembers {
		// Summed again each time rather than kept in Omitted, so that a decoded event equals
		// one built by hand with the same members; at most MaxExtraMembers additions.
		for _, m := range *extra {
			size += len(m.Name) + len(m.Value)
		}
		if size <= MaxExtraBytes {
			*extra = append(*extra, Field{Name: name, Value: value})
			return
		}
	}
	omitted.Members++
	omitted.Bytes += len(name) + len(value)
}
