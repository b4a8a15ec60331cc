package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hookspec/hookspec/webhook"
)

// Markdown is the diff report as a Markdown table (for pull request comments).
const Markdown Output = "markdown"

// WriteChanges reports changes in the given output format.
func WriteChanges(w io.Writer, cs []webhook.Change, out Output) error {
	bw := bufio.NewWriter(w)
	switch out {
	case JSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if cs == nil {
			cs = []webhook.Change{}
		}
		if err := enc.Encode(cs); err != nil {
			return err
		}
	case Markdown:
		if len(cs) == 0 {
			fmt.Fprintln(bw, "No changes.")
			break
		}
		fmt.Fprintln(bw, "| level | event | versions | change | field | before | after |")
		fmt.Fprintln(bw, "|---|---|---|---|---|---|---|")
		for _, c := range cs {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", c.Level, c.Event, versions(c), c.Rule, mdCode(c.Field), mdCell(c.Old), mdCell(c.New))
		}
	case GitHub:
		for _, c := range cs {
			command := map[webhook.Level]string{webhook.LevelBreaking: "error", webhook.LevelWarning: "warning"}[c.Level]
			if command == "" {
				command = "notice"
			}
			fmt.Fprintf(bw, "::%s title=%s::%s\n", command, escapeProperty(c.Event+" "+versions(c)), escapeData(c.String()))
		}
	default:
		if len(cs) == 0 {
			fmt.Fprintln(bw, "no changes")
		}
		for _, c := range cs {
			fmt.Fprintln(bw, c.String())
		}
	}
	return bw.Flush()
}

// Worst is the highest level among changes, and false when there are none.
func Worst(cs []webhook.Change) (webhook.Level, bool) {
	worst := webhook.LevelInfo
	for _, c := range cs {
		worst = max(worst, c.Level)
	}
	return worst, len(cs) > 0
}

func versions(c webhook.Change) string {
	switch {
	case c.From != 0 && c.To != 0 && c.From != c.To:
		return fmt.Sprintf("v%d → v%d", c.From, c.To)
	case c.To != 0:
		return fmt.Sprintf("v%d", c.To)
	case c.From != 0:
		return fmt.Sprintf("v%d", c.From)
	}
	return "all"
}

func mdCode(s string) string {
	if s == "" {
		return "—"
	}
	return "`" + s + "`"
}

func mdCell(s string) string {
	if s == "" {
		return "—"
	}
	return strings.ReplaceAll(s, "|", "\\|")
}
