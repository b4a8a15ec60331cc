package survey

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Output is a report format.
type Output string

const (
	// Text is for a terminal: one block per event, one line per finding.
	Text Output = "text"
	// JSON is the Report as one indented JSON document.
	JSON Output = "json"
	// Markdown is for a maintainer: tables per event and version, ready to become errata.
	Markdown Output = "markdown"
)

// ParseOutput reads a -o value.
func ParseOutput(s string) (Output, error) {
	switch o := Output(s); o {
	case Text, JSON, Markdown:
		return o, nil
	}
	return "", fmt.Errorf("-o %q: want text, json or markdown", s)
}

// Write writes the report in the format.
func (r *Report) Write(w io.Writer, out Output) error {
	bw := bufio.NewWriter(w)
	switch out {
	case JSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	case Markdown:
		r.writeMarkdown(bw)
	case Text:
		r.writeText(bw)
	default:
		return fmt.Errorf("survey: unknown output %q", out)
	}
	return bw.Flush()
}

// surveyed counts the deliveries that made it into an event's report.
func (r *Report) surveyed() int {
	n := 0
	for _, e := range r.Events {
		n += e.Deliveries
	}
	return n
}

func (r *Report) summary() string {
	return fmt.Sprintf("%d deliver%s read: %d surveyed in %d event type%s, %d unreadable, %d skipped",
		r.Deliveries, plural(r.Deliveries, "y", "ies"), r.surveyed(), len(r.Events), plural(len(r.Events), "", "s"), len(r.Unreadable), len(r.Skipped))
}

func (r *Report) writeText(w *bufio.Writer) {
	fmt.Fprintf(w, "%s survey: %s\n", r.Vendor, r.summary())
	for _, e := range r.Events {
		fmt.Fprintf(w, "\n%s: %s\n", e.Event, deliveries(e.Deliveries, e.ParamsDumps))
		if !e.Known {
			fmt.Fprintf(w, "  not an event type of the %s spec\n", r.Vendor)
		}
		if len(e.Fits) > 0 {
			var parts []string
			for _, f := range e.Fits {
				parts = append(parts, fmt.Sprintf("v%d %d/%d", f.Version, f.Valid, f.Strict))
			}
			fmt.Fprintf(w, "  versions (valid/strictly valid of %d): %s\n", e.Deliveries, strings.Join(parts, ", "))
		}
		if len(e.QueryParameters) > 0 {
			fmt.Fprintf(w, "  URL parameters found in params dumps, taken out: %s\n", counts(e.QueryParameters, plain))
		}
		for _, v := range e.Versions {
			fmt.Fprintf(w, "  %s: %s\n", versionTitle(e, v), deliveries(v.Deliveries, v.ParamsDumps))
			for _, m := range v.Undocumented {
				fmt.Fprintf(w, "    undocumented: %s %s; %s%s\n", m.Name, seen(m.Seen, m.InParamsDumps, v.Deliveries), where(m.DefinedIn), examples(m.Examples, m.Hidden, plain))
			}
			for _, m := range v.Observed {
				fmt.Fprintf(w, "    in no vendor table, observed in the spec: %s %s; the spec's evidence: %s\n", m.Name, seen(m.Seen, m.InParamsDumps, v.Deliveries), m.Source)
			}
			if len(v.PassThrough) > 0 {
				var cs []Count
				for _, m := range v.PassThrough {
					cs = append(cs, Count{m.Name, m.Seen})
				}
				fmt.Fprintf(w, "    pass-through (declared, values not shown): %s\n", counts(cs, plain))
			}
			for _, ef := range v.EnumValues {
				fmt.Fprintf(w, "    outside enum %s: %s: %s%s%s\n", ef.Enum, ef.Member, counts(ef.Values, strconv.Quote), others(ef.Others), warnedBy(ef.Erratum))
			}
			for _, lf := range v.Lengths {
				fmt.Fprintf(w, "    beyond the documented length: %s (%s: %s characters): %d value%s of %s characters%s%s\n",
					lf.Member, lf.DataType, lf.Limit, lf.Count, plural(lf.Count, "", "s"), lengthRange(lf.Shortest, lf.Longest), examples(lf.Examples, lf.Hidden, plain), warnedBy(lf.Erratum))
			}
			for _, p := range v.Problems {
				fmt.Fprintf(w, "    problem: %s %s ×%d\n", orBody(p.Field), p.Rule, p.Count)
			}
			if v.UntrackedMembers > 0 {
				fmt.Fprintf(w, "    %d occurrences of further member names, past the first %d distinct ones, not followed\n", v.UntrackedMembers, maxMemberNames)
			}
			if len(v.NeverSeen) > 0 {
				fmt.Fprintf(w, "    never seen: %s\n", absentList(v.NeverSeen, plain))
			}
		}
	}
	for _, s := range r.Unreadable {
		fmt.Fprintf(w, "\nunreadable: %s: %s", s.File, s.Reason)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "\nskipped: %s: %s", s.File, s.Reason)
	}
	if len(r.Unreadable)+len(r.Skipped) > 0 {
		w.WriteByte('\n')
	}
}

func (r *Report) writeMarkdown(w *bufio.Writer) {
	fmt.Fprintf(w, "# What %d recorded %s deliveries say about the spec\n\n", r.Deliveries, r.Vendor)
	fmt.Fprintf(w, "%s. Each delivery is compared with the version of its event it is nearest to: the fewest problems under strict validation, the newest on a tie. Example values are cut to %d characters; secrets, personal data and pass-through values are never shown.\n", r.summary(), maxExampleRunes)
	for _, e := range r.Events {
		fmt.Fprintf(w, "\n## %s\n\n%s.", e.Event, capitalise(deliveries(e.Deliveries, e.ParamsDumps)))
		if !e.Known {
			fmt.Fprintf(w, " **Not an event type of the %s spec.**", r.Vendor)
		}
		if len(e.QueryParameters) > 0 {
			fmt.Fprintf(w, " URL parameters found in params dumps, taken out before the survey: %s.", counts(e.QueryParameters, code))
		}
		w.WriteString("\n")
		if len(e.Fits) > 0 {
			fmt.Fprintf(w, "\n| version | formats | valid | strictly valid |\n|---|---|---|---|\n")
			for _, f := range e.Fits {
				fmt.Fprintf(w, "| v%d | %s | %d of %d | %d of %d |\n", f.Version, f.Formats, f.Valid, e.Deliveries, f.Strict, e.Deliveries)
			}
		}
		for _, v := range e.Versions {
			fmt.Fprintf(w, "\n### %s: %s\n\n", capitalise(versionTitle(e, v)), deliveries(v.Deliveries, v.ParamsDumps))
			fmt.Fprintf(w, "Files: %s.\n", fileList(v.Files, v.MoreFiles))
			if len(v.Undocumented) > 0 {
				fmt.Fprintf(w, "\nMembers %s does not define:\n\n| member | seen | in params dumps | the spec has it in | examples |\n|---|---|---|---|---|\n", subject(e, v))
				for _, m := range v.Undocumented {
					fmt.Fprintf(w, "| %s | %d of %d | %d | %s | %s |\n", code(m.Name), m.Seen, v.Deliveries, m.InParamsDumps, cell(orNowhere(m.DefinedIn)), cell(exampleCell(m.Examples, m.Hidden)))
				}
			}
			if len(v.Observed) > 0 {
				fmt.Fprintf(w, "\nMembers in no table of the vendor's for %s, which the spec has as observed (an erratum added them from evidence):\n\n| member | seen | in params dumps | the spec's evidence |\n|---|---|---|---|\n", subject(e, v))
				for _, m := range v.Observed {
					fmt.Fprintf(w, "| %s | %d of %d | %d | %s |\n", code(m.Name), m.Seen, v.Deliveries, m.InParamsDumps, cell(m.Source))
				}
			}
			if len(v.PassThrough) > 0 {
				var cs []Count
				for _, m := range v.PassThrough {
					cs = append(cs, Count{m.Name, m.Seen})
				}
				fmt.Fprintf(w, "\nPass-through variables, which %s declares (values not shown): %s.\n", subject(e, v), counts(cs, code))
			}
			if len(v.EnumValues) > 0 {
				fmt.Fprintf(w, "\nValues outside the spec's enums:\n\n| member | enum | values (deliveries) | the spec |\n|---|---|---|---|\n")
				for _, ef := range v.EnumValues {
					fmt.Fprintf(w, "| %s | %s | %s%s | %s |\n", code(ef.Member), code(ef.Enum), cell(counts(ef.Values, code)), others(ef.Others), verdictCell(ef.Erratum))
				}
			}
			if len(v.Lengths) > 0 {
				fmt.Fprintf(w, "\nValues beyond the documented length:\n\n| member | data type | documented | values | lengths seen | examples | the spec |\n|---|---|---|---|---|---|---|\n")
				for _, lf := range v.Lengths {
					fmt.Fprintf(w, "| %s | %s | %s characters | %d | %s | %s | %s |\n", code(lf.Member), code(lf.DataType), lf.Limit, lf.Count, lengthRange(lf.Shortest, lf.Longest), cell(exampleCell(lf.Examples, lf.Hidden)), verdictCell(lf.Erratum))
				}
			}
			if len(v.Problems) > 0 {
				fmt.Fprintf(w, "\nOther problems the validator finds in %s:\n\n| member | rule | deliveries |\n|---|---|---|\n", subject(e, v))
				for _, p := range v.Problems {
					fmt.Fprintf(w, "| %s | %s | %d |\n", code(orBody(p.Field)), p.Rule, p.Count)
				}
			}
			if v.UntrackedMembers > 0 {
				fmt.Fprintf(w, "\n%d occurrences of further member names, past the first %d distinct ones, were not followed.\n", v.UntrackedMembers, maxMemberNames)
			}
			if len(v.NeverSeen) > 0 {
				fmt.Fprintf(w, "\nNever seen: %s.\n", absentList(v.NeverSeen, code))
			}
		}
	}
	if len(r.Unreadable) > 0 {
		fmt.Fprintf(w, "\n## Unreadable\n\n")
		for _, s := range r.Unreadable {
			fmt.Fprintf(w, "- %s: %s\n", code(s.File), s.Reason)
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "\n## Skipped\n\n")
		for _, s := range r.Skipped {
			fmt.Fprintf(w, "- %s: %s\n", code(s.File), s.Reason)
		}
	}
}

func versionTitle(e EventReport, v VersionReport) string {
	switch {
	case !e.Known:
		return "deliveries"
	case v.NoFormat:
		return fmt.Sprintf("v%d (no version is sent in these deliveries' format)", v.Version)
	}
	return fmt.Sprintf("nearest to v%d", v.Version)
}

func subject(e EventReport, v VersionReport) string {
	if !e.Known {
		return "the spec"
	}
	return fmt.Sprintf("v%d", v.Version)
}

func deliveries(n, dumps int) string {
	s := fmt.Sprintf("%d deliver%s", n, plural(n, "y", "ies"))
	if dumps > 0 {
		s += fmt.Sprintf(" (%d params dump%s)", dumps, plural(dumps, "", "s"))
	}
	return s
}

func seen(n, dumps, of int) string {
	s := fmt.Sprintf("in %d of %d", n, of)
	switch {
	case dumps == n && dumps > 0:
		s += ", only in params dumps"
	case dumps > 0:
		s += fmt.Sprintf(", %d in params dumps", dumps)
	}
	return s
}

func where(definedIn string) string {
	if definedIn == "" {
		return "in no table of the spec"
	}
	return "the spec has it in " + definedIn
}

// warnedBy says, after a finding, that an erratum already makes it a warning.
func warnedBy(erratum string) string {
	if erratum == "" {
		return ""
	}
	return "; a warning (erratum " + erratum + ")"
}

// verdictCell says in a table what the spec makes of a finding: an error, or a warning an
// erratum decided.
func verdictCell(erratum string) string {
	if erratum == "" {
		return "an error"
	}
	return "a warning (erratum " + code(erratum) + ")"
}

func orNowhere(definedIn string) string {
	if definedIn == "" {
		return "nowhere"
	}
	return definedIn
}

func orBody(field string) string {
	if field == "" {
		return "(body)"
	}
	return field
}

func examples(ex []string, hidden string, quote func(string) string) string {
	switch {
	case hidden != "":
		return "; " + hidden
	case len(ex) == 0:
		return ""
	}
	q := make([]string, len(ex))
	for i, e := range ex {
		q[i] = quote(e)
	}
	return "; e.g. " + strings.Join(q, ", ")
}

// exampleCell is a Markdown table's examples cell: the values as code, or why none is shown.
func exampleCell(ex []string, hidden string) string {
	if hidden != "" {
		return hidden
	}
	q := make([]string, len(ex))
	for i, e := range ex {
		q[i] = code(e)
	}
	return strings.Join(q, ", ")
}

func others(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", and %d more of other values", n)
}

func counts(cs []Count, quote func(string) string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s ×%d", quote(c.Name), c.Count)
	}
	return strings.Join(parts, ", ")
}

func absentList(as []Absent, quote func(string) string) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = fmt.Sprintf("%s (%s)", quote(a.Name), a.Presence)
	}
	return strings.Join(parts, ", ")
}

func fileList(files []string, more int) string {
	q := make([]string, len(files))
	for i, f := range files {
		q[i] = code(f)
	}
	if more > 0 {
		q = append(q, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(q, ", ")
}

func lengthRange(shortest, longest int) string {
	if shortest == longest {
		return strconv.Itoa(longest)
	}
	return fmt.Sprintf("%d to %d", shortest, longest)
}

func plain(s string) string { return s }

// code writes s as a Markdown code span: a value may hold backticks, pipes or line breaks,
// none of which may end the span or the table cell.
func code(s string) string {
	if s == "" {
		return "(empty)"
	}
	s = strings.NewReplacer("\n", "␤", "\r", "␍", "|", `\|`).Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// cell keeps a table cell on its line.
func cell(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
