package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hookspec/hookspec/webhook"
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
	warned  int // valid inputs with warnings
}

// NewReporter returns a reporter writing to w.
func NewReporter(w io.Writer, out Output) *Reporter {
	return &Reporter{w: bufio.NewWriterSize(w, 64<<10), out: out}
}

// Add reports one result.
func (r *Reporter) Add(res Result) {
	r.total++
	switch {
	case !res.Valid:
		r.invalid++
	case slices.ContainsFunc(res.Problems, func(p Problem) bool { return p.Level == webhook.SeverityWarning }):
		r.warned++
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
			// A warning is an annotation of its own kind, which does not fail a check run.
			fmt.Fprintf(r.w, "::%s %s,title=%s::%s\n", p.Level, loc, escapeProperty(title(res)), escapeData(message(p)))
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
		warned := ""
		if r.warned > 0 {
			warned = fmt.Sprintf(" (%d with warnings)", r.warned)
		}
		fmt.Fprintf(r.w, "%d checked, %d valid%s, %d invalid\n", r.total, r.total-r.invalid, warned, r.invalid)
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

// message is a problem in one line: its field and what is wrong and, for a warning, its level
// and the erratum that sets it, as webhook.Problem says them.
func message(p Problem) string {
	msg := p.Message
	if p.Field != "" && !strings.HasPrefix(msg, p.Field+":") {
		msg = p.Field + ": " + msg
	}
	if p.Level == webhook.SeverityWarning {
		msg += " (warning"
		if p.Erratum != "" {
			msg += ", erratum " + p.Erratum
		}
		msg += ")"
	}
	return msg
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
