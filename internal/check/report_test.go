package check

import "testing"

func TestSplitLine(t *testing.T) {
	for _, tc := range []struct{ name, file, line string }{
		{"a.ndjson:12", "a.ndjson", "12"},
		{"dir:x/a.ndjson:7", "dir:x/a.ndjson", "7"},
		{"a.json", "a.json", ""},
		{"a.ndjson:", "a.ndjson:", ""},     // no number after the colon
		{"a.ndjson:1a", "a.ndjson:1a", ""}, // not a line number
		{"a.ndjson:-1", "a.ndjson:-1", ""},
		{"c:", "c:", ""},
	} {
		file, line := splitLine(tc.name)
		if file != tc.file || line != tc.line {
			t.Errorf("splitLine(%q) = %q, %q; want %q, %q", tc.name, file, line, tc.file, tc.line)
		}
	}
}
