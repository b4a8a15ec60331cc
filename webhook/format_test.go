package webhook

import "testing"

func TestFormatNamed(t *testing.T) {
	for _, tc := range []struct {
		constant string
		want     Format
		ok       bool
	}{
		{"FormatDate", FormatDate, true},
		{"FormatTimestamp", FormatTimestamp, true},
		{"FormatMMYY", FormatMMYY, true},
		{"FormatUUID", FormatUUID, true},
		{"FormatAlnum", FormatAlnum, true},
		{"FormatEmail", FormatEmail, true},
		{"", 0, false},               // the zero Format is no format
		{"date", 0, false},           // the spec's name, not the constant's
		{"formatDate", 0, false},     // names are exact
		{"FormatUnixTime", 0, false}, // a range, not a text check
	} {
		got, ok := FormatNamed(tc.constant)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FormatNamed(%q) = %v, %v; want %v, %v", tc.constant, got, ok, tc.want, tc.ok)
		}
		if ok && !got.Valid(map[Format]string{FormatDate: "2012-08-05", FormatTimestamp: "2012-08-05 15:18:17", FormatMMYY: "0217",
			FormatUUID: "cb617dcc-8467-49ab-b3a7-735ce1d60ad9", FormatAlnum: "abc123", FormatEmail: "jo@example.com"}[got]) {
			t.Errorf("FormatNamed(%q) = %v, which refuses a value of its own format", tc.constant, got)
		}
	}
}
