package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hookspec/hookspec/webhook/inttext"
)

// Output is a report format.
type Output string

const (
	// Text prints one line per problem and a summary; valid inputs print nothing but the count.
	Text Output = "text"
	// JSON prints one JSON object per input, one a line.
	JSON Output = "json"
	// GitHub prints workflow commands (::error) that GitHub Actions shows as annotations.
	GitHub Output = "github"
)

// Reporter writes results as they come; Close writes the summary.
type Reporter struct {
	w       *bufio.Writer
	out     Output
	total   int
	invalid int
}

// NewReporter returns a reporter writing to w.
func NewReporter(w io.Writer, out Output) *Reporter {
	return &Reporter{w: bufio.NewWriterSize(w, 64<<10), out: out}
}

// Add reports one result.
func (r *Reporter) Add(res Result) {
	r.total++
	if !res.Valid {
		r.invalid++
	}
	switch r.out {
	case JSON:
		data, _ := json.Marshal(res) // a Result always marshals
		r.w.Write(data)
		r.w.WriteByte('\n')
	case GitHub:
		file, line := splitLine(res.File)
		for _, p := range res.Problems {
			loc := "file=" + escapeProperty(file)
			if line != "" {
				loc += ",line=" + line
			}
			fmt.Fprintf(r.w, "::error %s,title=%s::%s\n", loc, escapeProperty(title(res)), escapeData(message(p)))
		}
	default:
		for _, p := range res.Problems {
			fmt.Fprintf(r.w, "%s: %s: %s\n", res.File, title(res), message(p))
		}
	}
}

// Close writes the summary (text output only) and flushes. It reports whether every input was
// valid.
func (r *Reporter) Close() (allValid bool, err error) {
	if r.out == Text {
		fmt.Fprintf(r.w, "%d checked, %d valid, %d invalid\n", r.total, r.total-r.invalid, r.invalid)
	}
	return r.invalid == 0, r.w.Flush()
}

func title(res Result) string {
	switch {
	case res.Event == "":
		return "cannot check"
	case res.Version == 0:
		return res.Event
	}
	return fmt.Sprintf("%s v%d", res.Event, res.Version)
}

func message(p Problem) string {
	if p.Field == "" || strings.HasPrefix(p.Message, p.Field+":") {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// splitLine separates an NDJSON input's line number from its file name ("a.ndjson:12").
func splitLine(name string) (file, line string) {
	i := strings.LastIndexByte(name, ':')
	if i < 0 || !inttext.IsDigits(name[i+1:]) {
		return name, ""
	}
	return name[:i], name[i+1:]
}

// GitHub workflow commands escape %, CR and LF in data, and also ':' and ',' in properties.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
