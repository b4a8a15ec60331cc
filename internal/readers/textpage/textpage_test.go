package textpage

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hookspec/hookspec/internal/docmodel"
)

// pairRows is a two-column layout for tests: "name rest", or glued "nameRest".
type pairRows struct{}

func (pairRows) StartsRow(line string) bool { return line != "" && line[0] >= 'a' && line[0] <= 'z' }
func (pairRows) Complete(text string, _ bool) bool {
	return strings.Contains(text, ".")
}
func (pairRows) Split(text string, glued bool) ([]string, error) {
	text = strings.Join(strings.Fields(text), " ")
	if glued {
		for i := 1; i < len(text); i++ {
			if text[i] >= 'A' && text[i] <= 'Z' {
				return []string{text[:i], text[i:]}, nil
			}
		}
		return nil, errors.New("no description")
	}
	name, rest, ok := strings.Cut(text, " ")
	if !ok {
		return nil, errors.New("no description")
	}
	return []string{name, rest}, nil
}

var testOpts = Options{
	Layouts:    []TableLayout{{Columns: []string{"Variable Name", "Description"}, Rows: pairRows{}}},
	TabLabel:   regexp.MustCompile(`^(Version \d+)(?:$|\s+Supported:)`),
	NotHeading: regexp.MustCompile(`^Supported:`),
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []docmodel.Block
	}{
		{
			name: "heading and paragraph, no-break spaces folded",
			in:   "Title\u00a0Here\n\nSome text.\nSecond line.\n",
			want: []docmodel.Block{
				&docmodel.Heading{Text: "Title Here", Line: 1},
				&docmodel.Paragraph{Text: "Some text.\nSecond line.", Line: 3},
			},
		},
		{
			name: "spaced header wrapped over two lines, wrapped row",
			in:   "Variable\nName Description\nalpha The first\nletter.\nbeta Second.\n",
			want: []docmodel.Block{
				&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 1, Rows: []docmodel.TableRow{
					{Cells: []string{"alpha", "The first letter."}, Line: 3},
					{Cells: []string{"beta", "Second."}, Line: 5},
				}},
			},
		},
		{
			name: "glued header means glued rows",
			in:   "Variable NameDescription\nalphaThe first.\n",
			want: []docmodel.Block{
				&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 1, Rows: []docmodel.TableRow{
					{Cells: []string{"alpha", "The first."}, Line: 2},
				}},
			},
		},
		{
			name: "nested list by indentation",
			in:   "  • one\n    • one.a\n  • two\n",
			want: []docmodel.Block{
				&docmodel.List{Line: 1, Items: []docmodel.ListItem{
					{Text: "one", Children: []docmodel.ListItem{{Text: "one.a"}}},
					{Text: "two"},
				}},
			},
		},
		{
			name: "tabs; a lost label becomes an unlabeled tab; the label line's rest is a paragraph",
			in:   "Event\n\nVersion 1 Supported: A\nVariable Name Description\na One.\n\nSupported: B\n\nNote two.\nVariable Name Description\nb Two.\nVariable Name Description\nc Three.\n\nVersion 4\nVariable Name Description\nd Four.\n\nNext\n\nAfter.\n",
			want: []docmodel.Block{
				&docmodel.Heading{Text: "Event", Line: 1},
				&docmodel.TabGroup{Line: 3, Tabs: []docmodel.Tab{
					{Label: "Version 1", Line: 3, Blocks: []docmodel.Block{
						&docmodel.Paragraph{Text: "Supported: A", Line: 3},
						&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 4, Rows: []docmodel.TableRow{{Cells: []string{"a", "One."}, Line: 5}}},
					}},
					{Label: "", Line: 7, Blocks: []docmodel.Block{
						&docmodel.Paragraph{Text: "Supported: B", Line: 7},
						&docmodel.Paragraph{Text: "Note two.", Line: 9},
						&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 10, Rows: []docmodel.TableRow{{Cells: []string{"b", "Two."}, Line: 11}}},
					}},
					{Label: "", Line: 12, Blocks: []docmodel.Block{
						&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 12, Rows: []docmodel.TableRow{{Cells: []string{"c", "Three."}, Line: 13}}},
					}},
					{Label: "Version 4", Line: 15, Blocks: []docmodel.Block{
						&docmodel.Table{Header: []string{"Variable Name", "Description"}, Line: 16, Rows: []docmodel.TableRow{{Cells: []string{"d", "Four."}, Line: 17}}},
					}},
				}},
				&docmodel.Heading{Text: "Next", Line: 19},
				&docmodel.Paragraph{Text: "After.", Line: 21},
			},
		},
		{
			name: "sentences and labels are not headings",
			in:   "A sentence.\n\nSupported: A\n\nEnds with X-\n",
			want: []docmodel.Block{
				&docmodel.Paragraph{Text: "A sentence.", Line: 1},
				&docmodel.Paragraph{Text: "Supported: A", Line: 3},
				&docmodel.Paragraph{Text: "Ends with X-", Line: 5},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Read("t.txt", []byte(tc.in), testOpts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Blocks, tc.want) {
				t.Errorf("blocks differ\n got: %s\nwant: %s", dump(doc.Blocks), dump(tc.want))
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", " \n\u00a0\n", "t.txt:1: the capture is empty"},
		{"invalid UTF-8", "a\xff\n", "t.txt:1: the capture is not valid UTF-8"},
		{"row that does not start", "Variable Name Description\nNot a row.\n", `t.txt:2: table "Variable Name | Description": line "Not a row." does not start a row`},
		{"row the layout cannot split", "Variable NameDescription\nalpha.\n", `t.txt:2: table row "alpha.": no description`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("t.txt", []byte(tc.in), testOpts)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got error %v, want %q", err, tc.want)
			}
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("error %T is not a *textpage.Error", err)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add("Title\n\nVariable Name Description\nalpha One.\n\nVersion 1\n  • x\n")
	f.Add("Variable NameDescription\nalphaThe first.\nbeta\n")
	f.Fuzz(func(t *testing.T, in string) {
		_, _ = Read("f.txt", []byte(in), testOpts)
	})
}

func dump(bs []docmodel.Block) string {
	var b strings.Builder
	for _, blk := range bs {
		b.WriteString("\n  ")
		switch blk := blk.(type) {
		case *docmodel.TabGroup:
			b.WriteString("TabGroup{")
			for _, tab := range blk.Tabs {
				b.WriteString("Tab " + tab.Label + ":" + strings.ReplaceAll(dump(tab.Blocks), "\n", "\n  "))
			}
			b.WriteString("}")
		default:
			b.WriteString(strings.TrimPrefix(strings.TrimPrefix(reflectString(blk), "&"), "docmodel."))
		}
	}
	return b.String()
}

func reflectString(v any) string { return strings.ReplaceAll(fmt.Sprintf("%+v", v), "\n", `\n`) }
