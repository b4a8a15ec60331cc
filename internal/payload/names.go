package payload

import (
	"slices"
	"strings"
)

// maxNear is how many look-alike names an error suggests.
const maxNear = 3

// near returns the names that look like name, closest first: the same name in another case, a
// name that contains it or is contained in it, or one a few edits away (a third of its length:
// "subscriptionID" for "subscriptionId", "timestmp" for "timestamp").
func near(name string, names []string) []string {
	type scored struct {
		name  string
		score int
	}
	lower := strings.ToLower(name)
	var found []scored
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || n == name {
			continue
		}
		seen[n] = true
		ln := strings.ToLower(n)
		score := editDistance(lower, ln)
		switch {
		case ln == lower:
			score = 0
		case len(lower) >= 3 && (strings.Contains(ln, lower) || strings.Contains(lower, ln)):
			score = min(score, 1)
		case score > max(2, len(lower)/3):
			continue
		}
		found = append(found, scored{n, score})
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		if a.score != b.score {
			return a.score - b.score
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, s := range found[:min(len(found), maxNear)] {
		if s.score > 0 && len(out) > 0 && found[0].score == 0 {
			break // the name in another case is the answer; the rest would only distract
		}
		out = append(out, s.name)
	}
	return out
}

// Suggest is " (did you mean X?)" when some of names look like name, and "" otherwise: the hint
// of an error about a name nobody defines.
func Suggest(name string, names []string) string { return suggest(name, names) }

// suggest is " (did you mean X?)" when a name looks like name, and "" otherwise.
func suggest(name string, names []string) string {
	if n := near(name, names); len(n) > 0 {
		return " (did you mean " + orList(n) + "?)"
	}
	return ""
}

// orList joins names as "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// editDistance is the Levenshtein distance between a and b, in bytes (field names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
