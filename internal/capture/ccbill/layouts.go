package ccbill

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hookspec/hookspec/internal/readers/textpage"
)

// Column titles of the guide's tables, as printed.
var (
	variableColumns   = []string{"Variable Name", "Description", "Data Type (Max Length)", "Example Value"}
	formVarColumns    = []string{"Variable Name", "Description", "Example Value"}
	formVarColumnsTwo = []string{"Variable Name", "Description"}
	currencyColumns   = []string{"Currency Numeric Code", "Currency Letter Code", "Currency Name"}
	declineColumns    = []string{"Decline Code", "Decline Text"}
)

// passThroughName is how the variable tables name the row of custom variables.
const passThroughName = "Pass-through Key/Values"

// guideLayouts are the table layouts of the user guide's text capture, longest header first so
// that "Variable Name | Description | Data Type | Example" wins over its prefixes.
func guideLayouts() []textpage.TableLayout {
	return []textpage.TableLayout{
		{Columns: variableColumns, Rows: variableRows{}},
		{Columns: currencyColumns, Rows: patternRows{re: regexp.MustCompile(`^(\d{3})\s*([A-Z]{3})\s*(\S.*)$`), what: "a three-digit code, a three-letter code and a name"}},
		{Columns: declineColumns, Rows: patternRows{re: regexp.MustCompile(`^(\d+)\s*(\S.*)$`), what: "a number and a text"}},
		{Columns: formVarColumns, Rows: formVarRows{columns: 3}},
		{Columns: formVarColumnsTwo, Rows: formVarRows{columns: 2}},
	}
}

// identRe is a variable name as the guide spells them: customer_fname, subscriptionId, last4.
var identRe = regexp.MustCompile(`^[a-z][A-Za-z0-9_]*`)

// startsVariable reports whether a line can begin a variable row.
func startsVariable(line string) bool {
	if strings.HasPrefix(line, passThroughName) {
		return true
	}
	word := identRe.FindString(line)
	if word == "" {
		return false
	}
	// a line holding only a type word continues a wrapped data-type cell.
	return !typeWords[strings.Fields(line)[0]]
}

// splitName splits the variable name off a row. In a glued row the name runs straight into the
// description ("subscriptionIdSubscription ID Number."): the description starts at the last
// lower-to-upper change of case inside the first word, because names are lower camel case and
// descriptions start with a capitalised word that has no such change of its own ("CCBill").
func splitName(text string, glued bool) (name, rest string, err error) {
	if strings.HasPrefix(text, passThroughName) {
		return passThroughName, strings.TrimSpace(text[len(passThroughName):]), nil
	}
	first := strings.Fields(text)[0]
	if !glued {
		if identRe.FindString(first) != first {
			return "", "", fmt.Errorf("%q is not a variable name", first)
		}
		return first, strings.TrimSpace(text[len(first):]), nil
	}
	cut := -1
	for i := 1; i < len(first); i++ {
		prev, cur := rune(first[i-1]), rune(first[i])
		if (unicode.IsLower(prev) || unicode.IsDigit(prev)) && unicode.IsUpper(cur) {
			cut = i
		}
	}
	if cut < 0 || len(strings.Fields(text)) == 1 && !strings.ContainsAny(text, ".") {
		// a lone name with no description ("lifeTimeSubscription").
		if identRe.FindString(first) == first && len(strings.Fields(text)) == 1 {
			return first, "", nil
		}
		return "", "", fmt.Errorf("cannot find where the name ends in %q", first)
	}
	name = first[:cut]
	if identRe.FindString(name) != name {
		return "", "", fmt.Errorf("%q is not a variable name", name)
	}
	return name, strings.TrimSpace(text[cut:]), nil
}

// looksLikeRow is stricter than startsVariable: a name, then a description that starts with a
// capital ("username Consumer username."), which a wrapped description line ("the CCBill form.")
// does not have.
func looksLikeRow(line string) bool {
	f := strings.Fields(line)
	if len(f) < 2 || !startsVariable(line) || functionWords[f[0]] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[1])
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// functionWords start wrapped description lines, never variable names.
var functionWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "from": true,
	"if": true, "in": true, "is": true, "not": true, "of": true, "on": true, "or": true, "the": true,
	"this": true, "to": true, "when": true, "with": true,
}

// knownTypes lists the data-type shapes the reader recognises, for messages.
const knownTypes = "bigint(N) unsigned, mediumint(N), smallint(N) unsigned zerofill, tinyint(N), int(N), int, short, varchar(N), char(N), string(N), string, UUID(N), decimal(P,S), date, alpha-numeric hash"

// variableRows splits the four-column variable tables: name, description, data type, example.
type variableRows struct{}

func (variableRows) StartsRow(line string) bool { return startsVariable(line) }

func (variableRows) Complete(text string, glued bool) bool {
	_, rest, err := splitName(text, glued)
	if err != nil {
		return false
	}
	_, _, ok := findDataType(rest)
	return ok
}

func (v variableRows) Split(text string, glued bool) ([]string, error) {
	// A row whose data type is unknown never completes, so the reader keeps appending lines to
	// it; if one of those lines is a whole row by itself, the first row's data type is what is
	// wrong, and swallowing the next row would lose it.
	lines := strings.Split(text, "\n")
	for k := 1; k < len(lines); k++ {
		if looksLikeRow(lines[k]) && v.Complete(lines[k], glued) && !v.Complete(strings.Join(lines[:k], "\n"), glued) {
			return nil, fmt.Errorf("no data type found (known types: %s); the row runs into the next row %q", knownTypes, lines[k])
		}
	}
	name, rest, err := splitName(text, glued)
	if err != nil {
		return nil, err
	}
	start, end, ok := findDataType(rest)
	if !ok {
		return nil, fmt.Errorf("no data type found after the description (known types: %s)", knownTypes)
	}
	desc := strings.TrimSpace(rest[:start])
	dtype := FoldSpace(rest[start:end])
	example := strings.TrimSpace(rest[end:])
	return []string{name, desc, dtype, example}, nil
}

// formVarRows splits the payment-form tables: name, description and (three columns) example.
// A glued example follows the description's closing full stop with no space ("form.13cc").
type formVarRows struct{ columns int }

func (formVarRows) StartsRow(line string) bool { return identRe.MatchString(line) }

func (formVarRows) Complete(string, bool) bool { return true }

func (f formVarRows) Split(text string, glued bool) ([]string, error) {
	text = FoldSpace(text)
	name, rest, err := splitName(text, glued)
	if err != nil {
		return nil, err
	}
	if f.columns == 2 {
		return []string{name, rest}, nil
	}
	for i := 0; i+1 < len(rest); i++ {
		if rest[i] == '.' {
			next, _ := utf8.DecodeRuneInString(rest[i+1:])
			if !unicode.IsSpace(next) {
				return []string{name, rest[:i+1], strings.TrimSpace(rest[i+1:])}, nil
			}
		}
	}
	return []string{name, rest, ""}, nil
}

// patternRows splits rows whose cells have fixed shapes (the appendices).
type patternRows struct {
	re   *regexp.Regexp
	what string
}

func (p patternRows) StartsRow(line string) bool { return p.re.MatchString(line) }

func (patternRows) Complete(string, bool) bool { return true }

func (p patternRows) Split(text string, _ bool) ([]string, error) {
	m := p.re.FindStringSubmatch(FoldSpace(text))
	if m == nil {
		return nil, fmt.Errorf("expected %s", p.what)
	}
	return m[1:], nil
}
