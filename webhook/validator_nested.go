package webhook

import (
	"math"
	"strconv"
	"strings"
)

// The checks of nested bodies: where a problem is, and the typed values (Int, Bool, times)
// that text checks cannot see.

// pathStep is one step into a nested body: a member's name, or an array item's index.
type pathStep struct {
	name  string
	index int // -1 for a member
}

// Enter descends into a member's object, array or map: problems found until the matching Leave
// name their path ("content.subscription.status"). Generated validators call it; past MaxDepth
// steps the path stops growing, which no decoded body reaches.
func (v *Validator) Enter(member string) {
	if v.depth < len(v.path) {
		v.path[v.depth] = pathStep{name: member, index: -1}
	}
	v.depth++
}

// EnterItem descends into the item at index i of the array Enter entered.
func (v *Validator) EnterItem(i int) {
	if v.depth < len(v.path) {
		v.path[v.depth] = pathStep{index: i}
	}
	v.depth++
}

// Leave undoes the last Enter or EnterItem.
func (v *Validator) Leave() {
	if v.depth > 0 {
		v.depth--
	}
}

// pathTo joins the path with a member's name: "content.subscription_items[2].item_price_id".
func (v *Validator) pathTo(field string) string {
	var b strings.Builder
	for i := 0; i < min(v.depth, len(v.path)); i++ {
		step := v.path[i]
		if step.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(step.index))
			b.WriteByte(']')
			continue
		}
		if step.name == "" {
			continue // an object that is an array's item or a map's value: its place is named already
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(step.name)
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(field)
	}
	return b.String()
}

// Present reports a member that must be sent and was not, for members whose Go value is not
// text (numbers, booleans, objects, arrays): present says whether the body had it.
func (v *Validator) Present(field string, present bool) {
	if !present {
		v.add(field, RuleRequired, "", "", Show)
	}
	v.clearWarning()
}

// NoMin and NoMax are the bounds of IntRange and TimeRange for a side without a limit.
const (
	NoMin = math.MinInt64
	NoMax = math.MaxInt64
)

// IntRange reports an integer outside [min, max]; NoMin and NoMax leave a side open. An absent
// value (set false) is not checked.
func (v *Validator) IntRange(field string, value int64, set bool, min, max int64, d Disclosure) {
	if set && (value < min || value > max) {
		v.add(field, RuleRange, rangeText(min, max), strconv.FormatInt(value, 10), d)
	}
	v.clearWarning()
}

// TimeRange reports a time outside [min, max] in its unit (seconds or milliseconds): a
// millisecond value in a seconds member, a negative time. name says which format was expected.
func (v *Validator) TimeRange(field string, value int64, set bool, min, max int64, name string, d Disclosure) {
	if set && (value < min || value > max) {
		v.add(field, RuleFormat, name+" ("+rangeText(min, max)+")", strconv.FormatInt(value, 10), d)
	}
	v.clearWarning()
}

func rangeText(min, max int64) string {
	lo, hi := "", ""
	if min != NoMin {
		lo = strconv.FormatInt(min, 10)
	}
	if max != NoMax {
		hi = strconv.FormatInt(max, 10)
	}
	return lo + ".." + hi
}
