package webhook

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
)

func TestLooksSecret(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"password", true},
		{"Password", true},
		{"PASSWORD", true},
		{"X-password", true},
		{"X-user-password", true},
		{"X-userpassword", true},
		{"x_User_PassWord", true},
		{"X-passwd", true},
		{"X-pass", true},
		{"user_pass", true},
		{"X-pwd", true},
		{"X-secret", true},
		{"clientSecret", true},
		{"X-api_key", true},
		{"APIKey", true},
		{"APIKEY", true},
		{"api-key", true},
		{"X-key", true},
		{"authToken", true},
		{"X-auth", true},
		{"Authorization", true},
		{"refresh_token", true},
		{"cardNumber", true},
		{"card_number", true},
		{"CARD-NUMBER", true},
		{"cvv", true},
		{"CVV2", true},
		{"X-cvc", true},
		{"credentials", true},
		// Not secret: the words are parts of other words, or absent.
		{"", false},
		{"username", false},
		{"bypass", false},
		{"passenger", false},
		{"keyword", false},
		{"monkey", false},
		{"author", false},
		{"threeDSecure", false},
		{"last4", false},
		{"X-ref", false},
		{"clientAccnum", false},
		{"email", false},
	}
	for _, tt := range tests {
		if got := LooksSecret(tt.name); got != tt.want {
			t.Errorf("LooksSecret(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSecretNames(t *testing.T) {
	rule := NewSecretNames("X-", "ssn", "memberPIN")
	tests := []struct {
		name string
		want bool
	}{
		{"password", true}, // the built-in list
		{"ssn", true},
		{"SSN", true},
		{"X-ssn", true},
		{"x-SSN", true},
		{"X-customer_ssn", true},
		{"member_pin", true},
		{"X-MEMBER-PIN", true},
		{"ssnx", false},
		{"pin", false},
		{"X-ref", false},
	}
	for _, tt := range tests {
		if got := rule.Match(tt.name); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	if NewSecretNames("").Match("X-ref") {
		t.Error("an empty rule matches a plain name")
	}
}

// TestFieldsNeverPrintValues prints kept members with every verb fmt has.
func TestFieldsNeverPrintValues(t *testing.T) {
	const secret = "hunter2-s3cr3t"
	extra := Fields{{"X-password", secret}, {"X-ref", secret}, {"Password", secret}, {"notes\nforged=line", secret}}
	type event struct {
		Account string
		Extra   Fields
	}
	e := &event{Account: "900100", Extra: extra}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, arg := range []any{e, *e, extra, extra[0], []Field(extra)} {
			out := fmt.Sprintf(verb, arg)
			if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) {
				t.Errorf("fmt %s of %T prints a value: %s", verb, arg, out)
			}
			if strings.Contains(out, "\n") {
				t.Errorf("fmt %s of %T prints a member name's line break: %s", verb, arg, out)
			}
		}
	}
	if got := fmt.Sprint(extra[:2]); got != "[X-password=[redacted] X-ref=[redacted]]" {
		t.Errorf("Sprint = %s", got)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "extra", extra)
	if strings.Contains(buf.String(), secret) || !strings.Contains(buf.String(), `"X-ref":"[redacted]"`) {
		t.Errorf("slog of Fields: %s", buf.String())
	}
}

func TestProblemStrings(t *testing.T) {
	tests := []struct {
		p         Problem
		want      string
		withValue string
	}{
		{Problem{Field: "X-ref", Rule: RuleUnknown, Value: "7"},
			"X-ref: not a field of this event version", `X-ref: not a field of this event version: "7"`},
		{Problem{Field: "X-password", Rule: RuleUnknown, Redacted: true},
			"X-password: not a field of this event version (value redacted)", "X-password: not a field of this event version (value redacted)"},
		{Problem{Field: "password", Rule: RuleMaxLength, Limit: "30", Redacted: true},
			"password: longer than 30 characters (value redacted)", "password: longer than 30 characters (value redacted)"},
		{Problem{Field: "email", Rule: RuleMaxLength, Limit: "3", Value: "abcd"},
			`email: longer than 3 characters: "abcd"`, `email: longer than 3 characters: "abcd"`},
		{Problem{Field: "(extra)", Rule: RuleExtraLimit, Limit: "9 (40 bytes)"},
			"(extra): 9 (40 bytes) members this version does not define were not kept, past the limit of 256 members and 65536 bytes", ""},
		{Problem{Field: "a\nb", Rule: RuleUnknown, Value: "v"}, `(a member name of 3 bytes, not shown): not a field of this event version`, ""},
		{Problem{Field: "First Name", Rule: RuleUnknown, Value: "v"}, `"First Name": not a field of this event version`, ""},
		{Problem{Field: `"clientAccnum":"900100","password":"hunter2"}`, Rule: RuleUnknown}, `(a member name of 45 bytes, not shown): not a field of this event version`, ""},
		{Problem{Field: "email", Rule: RuleFormat, Limit: "date", Value: strings.Repeat("é", 200)},
			`email: not a date: "` + strings.Repeat("é", 128) + `"… (400 bytes)`, ""},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %s\n           want %s", got, tt.want)
		}
		if got := fmt.Sprintf("%#v", tt.p); got != tt.want {
			t.Errorf("%%#v = %s, want String's", got)
		}
		if tt.withValue != "" && tt.p.StringWithValue() != tt.withValue {
			t.Errorf("StringWithValue() = %s, want %s", tt.p.StringWithValue(), tt.withValue)
		}
	}
}

func TestValidatorBoundsItsProblems(t *testing.T) {
	var v Validator
	for range 5 * MaxProblems {
		v.Unknown("X-junk", "v", Show)
	}
	err := v.Err("Test", 1).(*ValidationError)
	if len(err.Problems) != MaxProblems+1 {
		t.Fatalf("%d problems, want %d and one that counts the rest", len(err.Problems), MaxProblems+1)
	}
	if last := err.Problems[MaxProblems]; last.Rule != RuleMoreProblems || last.Limit != fmt.Sprint(4*MaxProblems) {
		t.Errorf("last problem %+v", last)
	}

	v = Validator{}
	long := strings.Repeat("k", MaxValueBytes)
	for range 100 {
		v.Unknown(long, "", Show)
	}
	err = v.Err("Test", 1).(*ValidationError)
	if n := len(err.Error()); n > 2*MaxProblemBytes {
		t.Errorf("Error() is %d bytes, want a bounded line", n)
	}
	if !err.Has("(more)", RuleMoreProblems) {
		t.Errorf("no count of the problems past the byte limit: %d problems", len(err.Problems))
	}
}

func TestKeepExtraBoundsMembers(t *testing.T) {
	var extra Fields
	var omitted Omitted
	for i := range MaxExtraMembers + 10 {
		KeepExtra(&extra, &omitted, fmt.Sprint("k", i), "v")
	}
	if len(extra) != MaxExtraMembers || omitted.Members != 10 {
		t.Errorf("kept %d, omitted %+v", len(extra), omitted)
	}

	extra, omitted = nil, Omitted{}
	big := strings.Repeat("v", MaxExtraBytes/2)
	for range 3 {
		KeepExtra(&extra, &omitted, "k", big)
	}
	KeepExtra(&extra, &omitted, "small", "1") // after an omission, nothing more is kept: order stays
	if len(extra) != 1 || omitted.Members != 3 || omitted.Bytes != 2*(len(big)+1)+6 {
		t.Errorf("kept %d, omitted %+v", len(extra), omitted)
	}
	var v Validator
	v.Omitted(omitted)
	if err := v.Err("Test", 1); err == nil || !err.(*ValidationError).Has("(extra)", RuleExtraLimit) {
		t.Errorf("Omitted reported %v", err)
	}
}

func TestBOMAndBlankBodies(t *testing.T) {
	const bomJSON = "\xEF\xBB\xBF {\"a\":\"1\"}"
	if Sniff([]byte(bomJSON)) != JSON {
		t.Error("a JSON body with a BOM sniffs as form")
	}
	if got, err := readJSON(bomJSON); err != nil || len(got) != 1 || got[0].Key != "a" || got[0].Value != "1" {
		t.Errorf("JSON with a BOM: %v, %v", got, err)
	}
	if got, err := readForm("\xEF\xBB\xBFa=1&b=2"); err != nil || len(got) != 2 || got[0].Key != "a" || got[0].Value != "1" {
		t.Errorf("form with a BOM: %v, %v", got, err)
	}
	for _, body := range []string{"", " ", "\r\n\t ", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n"} {
		if !IsBlank([]byte(body)) {
			t.Errorf("IsBlank(%q) = false", body)
		}
	}
	for _, body := range []string{"a", " {", "\xEF\xBB", "\xEF\xBB\xBF\xEF\xBB\xBF"} {
		if IsBlank([]byte(body)) {
			t.Errorf("IsBlank(%q) = true", body)
		}
	}
}

func TestParseHostAddrZones(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"[fd00::5%eth0]:1", "fd00::5"},
		{"[fd00::5%eth0]", "fd00::5"},
		{"fd00::5%eth0", "fd00::5"},
		{"[fe80::1%25en0]:443", "fe80::1"},
		{"[fd00::5]:1", "fd00::5"},
		{"192.0.2.1:80", "192.0.2.1"},
		{"[::ffff:192.0.2.1]:80", "192.0.2.1"},
	}
	for _, tt := range tests {
		got, err := parseHostAddr(tt.in)
		if err != nil || got != netip.MustParseAddr(tt.want) {
			t.Errorf("parseHostAddr(%q) = %v, %v, want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"[fd00::5%eth0]:x", "[fd00::5%eth0]1", "[fd00::5", "fd00::5]:1", "[]:1"} {
		if a, err := parseHostAddr(bad); err == nil {
			t.Errorf("parseHostAddr(%q) = %v, want an error", bad, a)
		}
	}
}
