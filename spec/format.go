package spec

// Format refines the shape of a value beyond its kind: a date in a text, a unix time in an
// integer.
type Format string

const (
	FormatNone       Format = ""
	FormatDate       Format = "date"       // YYYY-MM-DD
	FormatTimestamp  Format = "timestamp"  // YYYY-MM-DD HH:MM:SS, no zone
	FormatMMYY       Format = "mmyy"       // two-digit month, two-digit year
	FormatUUID       Format = "uuid"       // 8-4-4-4-12 hex
	FormatAlnum      Format = "alnum"      // ASCII letters and digits only
	FormatEmail      Format = "email"      // an e-mail address
	FormatUnixTime   Format = "unixTime"   // seconds since 1970-01-01 UTC
	FormatUnixMillis Format = "unixMillis" // milliseconds since 1970-01-01 UTC
)

// FormatInfo is everything the toolkit knows about one format, in one place: what the spec
// accepts, what generated documentation says, what the runtime checks and what the JSON Schemas
// require. Adding a format is one row in formatTable plus its check in the runtime
// (webhook.Format), which cannot import this package.
type FormatInfo struct {
	Format Format
	// Kinds are the kinds whose values may carry the format.
	Kinds []Kind
	// Describe names a value of the format in generated documentation ("a date YYYY-MM-DD").
	Describe string
	// Runtime is the name of the webhook.Format constant that checks a text value ("FormatDate");
	// empty for formats of integers, which Min and Max express.
	Runtime string
	// Pattern is the regular expression (ECMA 262, as JSON Schema's pattern) that a text value
	// matches exactly when the runtime check accepts it; empty when Min and Max say it all.
	Pattern string
	// Min and Max bound an integer value of the format (integer text); empty when unbounded.
	Min, Max string
	// Valid is a value that has the format, and Violation one of a compatible kind that breaks
	// it and nothing else, with a few words on why, for tests and example payloads.
	Valid, Violation, ViolationAbout string
}

// datePattern is a calendar date, leap years included, as webhook.IsDate reads it.
const datePattern = `[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))` +
	`|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29`

// ecmaSpace is the white space of ECMA 262's \s (JSON Schema patterns), spelled out as a class
// body: Go's regexp, which some JSON Schema validators use, reads \s as ASCII only, so the class
// is written with the characters themselves, which every engine reads alike.
const ecmaSpace = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

// maxUnixSeconds is 9999-12-31T23:59:59Z: a later time is a unit mistake (milliseconds read as
// seconds), not a date.
const maxUnixSeconds = "253402300799"

var formatTable = []FormatInfo{
	{
		Format: FormatDate, Kinds: []Kind{KindString}, Describe: "a date YYYY-MM-DD", Runtime: "FormatDate",
		Pattern: `^(?:` + datePattern + `)$`,
		Valid:   "2012-08-05", Violation: "2013-02-29", ViolationAbout: "no such day",
	},
	{
		Format: FormatTimestamp, Kinds: []Kind{KindString}, Describe: "a timestamp YYYY-MM-DD HH:MM:SS", Runtime: "FormatTimestamp",
		Pattern: `^(?:` + datePattern + `) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`,
		Valid:   "2012-08-05 15:18:17", Violation: "2012-08-05T15:18:17", ViolationAbout: "ISO 8601, not the vendor's timestamp",
	},
	{
		// mmyy also fits a zero-filled digits field ("0217").
		Format: FormatMMYY, Kinds: []Kind{KindString, KindDigits}, Describe: "a card expiry MMYY", Runtime: "FormatMMYY",
		Pattern: `^(?:0[1-9]|1[0-2])[0-9]{2}$`,
		Valid:   "0217", Violation: "1317", ViolationAbout: "month 13",
	},
	{
		Format: FormatUUID, Kinds: []Kind{KindString}, Describe: "a UUID", Runtime: "FormatUUID",
		Pattern: `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`,
		Valid:   "1c4a6ab8-2b9e-4ad1-b5a1-0c3c2c1d0e9f", Violation: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", ViolationAbout: "not hexadecimal",
	},
	{
		Format: FormatAlnum, Kinds: []Kind{KindString}, Describe: "ASCII letters and digits", Runtime: "FormatAlnum",
		Pattern: `^[0-9A-Za-z]+$`,
		Valid:   "abc123", Violation: "ab-12", ViolationAbout: "punctuation",
	},
	{
		// Deliberately loose: one @ between non-empty parts without spaces. The vendor has
		// already accepted the address; a receiver wants to know about garbage, not to
		// re-implement RFC 5322.
		Format: FormatEmail, Kinds: []Kind{KindString}, Describe: "an e-mail address", Runtime: "FormatEmail",
		Pattern: "^[^@" + ecmaSpace + "]+@[^@" + ecmaSpace + "]+$",
		Valid:   "jo@example.com", Violation: "jo.example.com", ViolationAbout: "no @",
	},
	{
		Format: FormatUnixTime, Kinds: []Kind{KindInteger}, Describe: "a unix time in seconds",
		Min: "0", Max: maxUnixSeconds,
		Valid: "1700000000", Violation: "1700000000000", ViolationAbout: "milliseconds, not seconds",
	},
	{
		Format: FormatUnixMillis, Kinds: []Kind{KindInteger}, Describe: "a unix time in milliseconds",
		Min: "0", Max: maxUnixSeconds + "999",
		Valid: "1700000000000", Violation: "-1", ViolationAbout: "before 1970",
	},
}

// Formats returns every format the spec knows, in a fixed order.
func Formats() []FormatInfo { return formatTable }

// Info returns what the toolkit knows about the format; false for FormatNone and unknown names.
func (f Format) Info() (FormatInfo, bool) {
	for _, fi := range formatTable {
		if fi.Format == f {
			return fi, true
		}
	}
	return FormatInfo{}, false
}

// AppliesTo reports whether values of kind k can carry format f.
func (f Format) AppliesTo(k Kind) bool {
	if f == FormatNone {
		return true
	}
	fi, ok := f.Info()
	if !ok {
		return false
	}
	for _, fk := range fi.Kinds {
		if fk == k {
			return true
		}
	}
	return false
}
