package payload

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hookspec/hookspec/internal/runtimecheck"
	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// Enveloped vendors (spec.Vendor.Envelope) send nested JSON: an envelope of fixed members whose
// content member holds the event's resources, each an object of a named type. Their specs give
// no example values, so a body is made from the constraints alone:
//
//   - Present: every required member, and in every object the members that identify it, name
//     its kind and order it (the delivery key's member name, the ordering's kind and member),
//     since a receiver deduplicates and orders on them; an optional member appears once -set gives it a value.
//     A required array holds one item, a map is empty, a raw value is an empty object.
//   - The envelope's event type and version members say the payload's event and version, where
//     the spec's delivery locators put them (the version written so that its pattern reads it).
//   - Values: an enum's first value; a time (unix seconds or milliseconds) now; an identifier
//     (the key's member name, alone or as a suffix, "id" and "customer_id") fresh random letters
//     and digits, one per owner, so that "customer_id" in a subscription names the customer
//     object's "id"; the kind member the resource's own member name ("customer"), the
//     envelope's its type's name in lower case; an e-mail address at example.com; numbers 1; booleans false; other text the
//     member's name in words, cut to its maximum length.
//
// With Options.Fixed the identifiers come from a fixed seed and the time is fixedTime, so the body
// is the same on every build.

// fixedTime is the time of a Fixed body of an enveloped vendor, whose spec has no example times.
var fixedTime = time.Date(2025, time.January, 2, 3, 4, 5, 0, time.UTC)

// maxNestedDepth bounds how deep required members may nest: a spec whose types require each
// other in a cycle would otherwise build forever.
const maxNestedDepth = 32

// freshIDLength is the length of a fresh identifier, cut to the member's maximum length.
const freshIDLength = 16

// node is one value of a nested body.
type node struct {
	// name is the member's wire name; "" for an array's item.
	name string
	// field is the value's definition; nil for a member the version does not define (-extra).
	field *spec.ResolvedField
	// members are an object's members in wire order, absent ones included (present false), so
	// that a path can reach an optional member to set it; items are an array's.
	members []*node
	items   []*node
	// text is a scalar's value, or a raw value's or an extra member's JSON text.
	text    string
	present bool
	// built is true once an object's or array's members or items are made.
	built bool
	set   bool
	// broken is the rule the value breaks on purpose; "" for none.
	broken webhook.Rule
}

func (n *node) kind() spec.Kind {
	if n.field == nil {
		return spec.KindRaw
	}
	return n.field.Constraint.Kind
}

// nested is the builder of one enveloped payload.
type nested struct {
	spec  *spec.Spec
	root  *node
	now   time.Time
	rand  *rand.Rand
	fixed bool
	// keyName is the delivery key's member name ("id"), ordering the ordering member's, and
	// kindName the member that names a resource's kind ("object").
	keyName, ordering, kindName string
	// rootName is the envelope's kind, its type's name in lower case ("event"): the value of
	// its own kind member.
	rootName string
	// ids are the fresh identifiers by owner: an object's name for its key member, the prefix of
	// a member named <owner>_<key>.
	ids map[string]string
}

func (p *Payload) buildEnveloped(opt Options) error {
	fields, err := p.spec.Resolve(p.event, p.version)
	if err != nil {
		return err
	}
	b := &nested{spec: p.spec, now: opt.Now, rand: opt.Rand, fixed: opt.Fixed, ids: map[string]string{}}
	if b.now.IsZero() {
		b.now = time.Now()
	}
	if opt.Fixed {
		b.now = fixedTime
		b.rand = rand.New(rand.NewPCG(1, 2))
	} else if b.rand == nil {
		b.rand = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	d := p.spec.Vendor.Delivery
	if d.Key != nil && d.Key.In == spec.InBody {
		b.keyName = d.Key.Name
	}
	if d.Ordering != nil {
		b.ordering, b.kindName = d.Ordering.Member, d.Ordering.Kind
	}
	b.rootName = strings.ToLower(p.spec.Vendor.Envelope.Type)
	root := &node{field: &spec.ResolvedField{Constraint: spec.Constraint{Kind: spec.KindObject}}, present: true, built: true}
	for i := range fields {
		root.members = append(root.members, &node{name: fields[i].Name, field: &fields[i]})
	}
	b.root = root
	for _, m := range root.members {
		if b.wanted(m) {
			if err := b.fill(m, "", 1); err != nil {
				return err
			}
		}
	}
	// The envelope says the event and its version where the receiver reads them.
	if d.EventType != nil && d.EventType.In == spec.InBody {
		if err := b.route(d.EventType.Name, p.event.Name); err != nil {
			return fmt.Errorf("%s: event type: %w", p.where(), err)
		}
	}
	if d.Version != nil && d.Version.In == spec.InBody {
		text, err := versionText(d.Version.Pattern, p.version.Number)
		if err != nil {
			return fmt.Errorf("%s: version member %s: %w", p.where(), d.Version.Name, err)
		}
		if err := b.route(d.Version.Name, text); err != nil {
			return fmt.Errorf("%s: version: %w", p.where(), err)
		}
	}
	p.tree = b
	return nil
}

// route sets a top-level member the delivery reads routing facts from.
func (b *nested) route(name, value string) error {
	for _, m := range b.root.members {
		if m.name == name {
			m.text, m.present = value, true
			return nil
		}
	}
	return fmt.Errorf("the envelope has no member %s", name)
}

// versionText writes a version number so that the version's pattern reads it back: the
// pattern's first group replaced by the number, its anchors dropped ("^v([0-9]+)$" gives "v2"
// for 2). A pattern that is not that simple is refused rather than guessed at.
func versionText(pattern string, n int) (string, error) {
	number := strconv.Itoa(n)
	if pattern == "" {
		return number, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", fmt.Errorf("pattern %q: %w", pattern, err)
	}
	open := strings.IndexByte(pattern, '(')
	closing := strings.IndexByte(pattern, ')')
	if open < 0 || closing < open {
		return "", fmt.Errorf("pattern %q has no group for the number", pattern)
	}
	text := strings.TrimPrefix(pattern[:open], "^") + number + strings.TrimSuffix(pattern[closing+1:], "$")
	if m := re.FindStringSubmatch(text); len(m) < 2 || m[1] != number || regexp.QuoteMeta(text) != text {
		return "", fmt.Errorf("cannot write version %d so that pattern %q reads it", n, pattern)
	}
	return text, nil
}

// wanted reports whether a member is in a body built from the spec: required, or one that
// identifies or orders its object.
func (b *nested) wanted(n *node) bool {
	if n.field == nil {
		return false
	}
	return n.field.Required() || n.name != "" && (n.name == b.keyName || n.name == b.ordering || n.name == b.kindName)
}

// fill makes n present with a plausible value; owner is the name of the object n is a member
// of ("" at the top level).
func (b *nested) fill(n *node, owner string, depth int) error {
	if depth > maxNestedDepth {
		return fmt.Errorf("%s: required members nest deeper than %d levels: the spec's types require each other in a cycle", n.name, maxNestedDepth)
	}
	n.present = true
	f := n.field
	switch f.Constraint.Kind {
	case spec.KindObject:
		return b.buildObject(n, depth)
	case spec.KindArray:
		if n.built {
			return nil
		}
		n.built = true
		if f.Items == nil {
			return nil
		}
		item := &node{field: f.Items}
		n.items = append(n.items, item)
		return b.fill(item, n.name, depth+1)
	case spec.KindMap:
		n.built = true
		return nil
	case spec.KindRaw:
		n.text = "{}"
		return nil
	}
	v, err := b.scalar(n, owner)
	if err != nil {
		return err
	}
	n.text = v
	return nil
}

// buildObject makes an object's members: those of its named type, or the content's own.
func (b *nested) buildObject(n *node, depth int) error {
	if n.built {
		return nil
	}
	n.built = true
	members := n.field.Members
	if n.field.Type != nil {
		rs, err := b.spec.ResolveType(n.field.Type)
		if err != nil {
			return err
		}
		members = rs
	}
	for i := range members {
		m := &node{name: members[i].Name, field: &members[i]}
		n.members = append(n.members, m)
	}
	for _, m := range n.members {
		if b.wanted(m) {
			if err := b.fill(m, n.name, depth+1); err != nil {
				return fmt.Errorf("%s.%w", n.name, err)
			}
		}
	}
	return nil
}

// scalar is a plausible value of a scalar member (see the comment at the top of the file).
func (b *nested) scalar(n *node, owner string) (string, error) {
	f := n.field
	c := f.Constraint
	var v string
	switch {
	case f.Enum != nil && len(f.Enum.Values) > 0:
		v = f.Enum.Values[0].Value
	case c.Format == spec.FormatUnixTime:
		v = strconv.FormatInt(b.now.Unix(), 10)
	case c.Format == spec.FormatUnixMillis:
		v = strconv.FormatInt(b.now.UnixMilli(), 10)
	case c.Format == spec.FormatDate:
		v = b.now.UTC().Format(dateLayout)
	case c.Format == spec.FormatTimestamp:
		v = b.now.UTC().Format(timestampLayout)
	case c.Format == spec.FormatEmail:
		local := owner
		if local == "" {
			local = "someone"
		}
		v = strings.ReplaceAll(local, "_", ".") + "@example.com"
	case c.Format == spec.FormatUUID:
		var h [16]byte
		for i := range h {
			h[i] = byte(b.rand.IntN(256))
		}
		x := fmt.Sprintf("%x", h)
		v = x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
	case c.Kind == spec.KindBoolean:
		v = "false"
	case c.Kind == spec.KindInteger || c.Kind == spec.KindNumber || c.Kind == spec.KindDigits || c.Kind == spec.KindDecimal:
		v = "1"
		if c.Min != "" && c.Kind != spec.KindNumber {
			v = c.Min
		}
		if c.Width > 0 && len(v) < c.Width {
			v = strings.Repeat("0", c.Width-len(v)) + v
		}
	case b.isIdentifier(n.name):
		v = b.identifier(n.name, owner, c)
	case n.name == b.kindName && c.Kind == spec.KindString:
		// A resource names its own kind: the member it is sent in ("customer"), the envelope
		// its type.
		v = owner
		if v == "" {
			v = b.rootName
		}
	default:
		v = words(n.name)
		if limit := max(c.MaxLength, c.Width); limit > 0 && len([]rune(v)) > limit {
			v = string([]rune(v)[:limit])
		}
		if c.Width > 0 {
			v += strings.Repeat("x", c.Width-len([]rune(v)))
		}
	}
	if !runtimecheck.Accepts(c, v) {
		return "", fmt.Errorf("%s: no plausible value fits its constraint (%s %q refused)", n.name, c.Kind, v)
	}
	return v, nil
}

// isIdentifier reports whether a member names an object: the key's member name, alone or as the
// suffix of a reference ("customer_id").
func (b *nested) isIdentifier(name string) bool {
	return b.keyName != "" && (name == b.keyName || strings.HasSuffix(name, "_"+b.keyName))
}

// identifier is the fresh identifier of the object a member names: the member's owner for the
// key member itself, the prefix of a reference.
func (b *nested) identifier(name, owner string, c spec.Constraint) string {
	if name != b.keyName {
		owner = strings.TrimSuffix(name, "_"+b.keyName)
	}
	id, ok := b.ids[owner]
	if !ok {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		buf := make([]byte, freshIDLength)
		for i := range buf {
			buf[i] = alphabet[b.rand.IntN(len(alphabet))]
		}
		id = string(buf)
		b.ids[owner] = id
	}
	if limit := max(c.MaxLength, c.Width); limit > 0 && len(id) > limit {
		id = id[:limit]
	}
	return id
}

// words is a member's name as words: "first_name" is "First name".
func words(name string) string {
	s := strings.TrimSpace(strings.ReplaceAll(name, "_", " "))
	if s == "" {
		return "x"
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// pathStep is one step of a member path: a member's name, or an item's index.
type pathStep struct {
	name  string
	index int // -1 for a member
}

// parsePath reads a member path as validation problems name them:
// "content.subscription.status", "content.invoice.line_items[0].amount".
func parsePath(path string) ([]pathStep, error) {
	var steps []pathStep
	rest := path
	for rest != "" {
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, fmt.Errorf("%q: an unclosed [", path)
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || i < 0 {
				return nil, fmt.Errorf("%q: [%s] is not an item index", path, rest[1:end])
			}
			steps = append(steps, pathStep{index: i})
			rest = strings.TrimPrefix(rest[end+1:], ".")
			continue
		}
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		if end == 0 {
			return nil, fmt.Errorf("%q: an empty member name", path)
		}
		steps = append(steps, pathStep{name: rest[:end], index: -1})
		rest = rest[end:]
		rest = strings.TrimPrefix(rest, ".")
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("an empty member path")
	}
	return steps, nil
}

// lookup finds the node at path without changing the body; it returns nil when the path names
// nothing there is, and the names of the members at the step that failed.
func (b *nested) lookup(path string) (*node, []string, error) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, nil, err
	}
	n := b.root
	for _, st := range steps {
		next, names := child(n, st)
		if next == nil {
			return nil, names, nil
		}
		n = next
	}
	return n, nil, nil
}

// child is n's member or item of one step; without one, the names n offers.
func child(n *node, st pathStep) (*node, []string) {
	if st.index >= 0 {
		if st.index < len(n.items) {
			return n.items[st.index], nil
		}
		return nil, nil
	}
	var names []string
	for _, m := range n.members {
		if m.name == st.name {
			return m, nil
		}
		names = append(names, m.name)
	}
	return nil, names
}

// reach finds the node at path, making every object and array on the way present (with their
// required members) so that a member can be set deep in an optional object. An index one past
// an array's end adds an item.
func (b *nested) reach(p *Payload, path string) (*node, error) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, err
	}
	n := b.root
	for i, st := range steps {
		if i > 0 {
			switch k := n.kind(); {
			case st.index >= 0 && k != spec.KindArray:
				return nil, fmt.Errorf("%s is %s, not an array", joinPath(steps[:i]), k.Article())
			case st.index < 0 && k != spec.KindObject:
				return nil, fmt.Errorf("%s is %s, not an object with members", joinPath(steps[:i]), k.Article())
			}
			if err := b.fill(n, "", 1); err != nil {
				return nil, err
			}
		}
		if st.index >= 0 && st.index == len(n.items) && n.field != nil && n.field.Items != nil {
			item := &node{field: n.field.Items}
			if err := b.fill(item, n.name, 1); err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
		next, names := child(n, st)
		if next == nil {
			if st.index >= 0 {
				return nil, fmt.Errorf("%s has %d items: [%d] is past the next one", joinPath(steps[:i]), len(n.items), st.index)
			}
			return nil, &UnknownFieldError{Event: p.event.Name, Version: p.version.Number, Field: joinPath(steps[:i+1]), Near: nearPaths(joinPath(steps[:i]), st.name, names)}
		}
		n = next
	}
	return n, nil
}

// nearPaths are the member paths under parent whose names look like name.
func nearPaths(parent, name string, names []string) []string {
	out := near(name, names)
	for i, n := range out {
		if parent != "" {
			out[i] = parent + "." + n
		}
	}
	return out
}

func joinPath(steps []pathStep) string {
	var b strings.Builder
	for _, st := range steps {
		if st.index >= 0 {
			fmt.Fprintf(&b, "[%d]", st.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(st.name)
	}
	return b.String()
}

// set gives the member at path a value: a scalar's text, or a raw member's JSON.
func (b *nested) set(p *Payload, path, value string) error {
	n, err := b.reach(p, path)
	if err != nil {
		return err
	}
	if n.broken != "" {
		return fmt.Errorf("%s is broken on purpose (rule %s), so it cannot also be set", path, n.broken)
	}
	switch k := n.kind(); {
	case k == spec.KindRaw:
		if !json.Valid([]byte(value)) {
			return fmt.Errorf("%s is raw JSON, and %q is not JSON", path, value)
		}
	case !k.Scalar():
		return fmt.Errorf("%s is %s: set its members (%s.NAME)", path, k.Article(), path)
	}
	n.text, n.present, n.set = value, true, true
	return nil
}

// setExtra adds a member the version does not define at path, whose parent must be an object.
func (b *nested) setExtra(p *Payload, path, value string) error {
	steps, err := parsePath(path)
	if err != nil {
		return err
	}
	last := steps[len(steps)-1]
	if last.index >= 0 {
		return fmt.Errorf("%s: an extra member needs a name, not an index", path)
	}
	parent := b.root
	if len(steps) > 1 {
		if parent, err = b.reach(p, joinPath(steps[:len(steps)-1])); err != nil {
			return err
		}
		if parent.kind() != spec.KindObject && parent.kind() != spec.KindMap {
			return fmt.Errorf("%s is %s, which has no members", joinPath(steps[:len(steps)-1]), parent.kind().Article())
		}
		if err := b.fill(parent, "", 1); err != nil {
			return err
		}
	}
	for _, m := range parent.members {
		if m.name == last.name {
			if m.field != nil {
				return fmt.Errorf("%s is a member of %s; set it as one", path, p.where())
			}
			m.text = value
			return nil
		}
	}
	parent.members = append(parent.members, &node{name: last.name, text: value, present: true, set: true})
	return nil
}

// breakRule makes the member at path break one rule with the first of its Violations.
func (b *nested) breakRule(p *Payload, path string, rule webhook.Rule) error {
	n, err := b.reach(p, path)
	if err != nil {
		return err
	}
	if n.field == nil {
		return &RuleError{Field: path, Rule: rule, Reason: "it is not a member of " + p.where()}
	}
	if rule == webhook.RuleUnknown {
		return &RuleError{Field: path, Rule: rule, Reason: "it is a member of " + p.where() + "; only a member the version does not define is unknown"}
	}
	if n.broken != "" {
		return fmt.Errorf("%s already breaks rule %s; a member breaks one rule at a time", path, n.broken)
	}
	if n.set {
		return fmt.Errorf("%s was set, so it cannot also be broken", path)
	}
	vs := Violations(*n.field)
	for _, v := range vs {
		if v.Rule != rule {
			continue
		}
		n.text, n.present, n.broken = v.Value, !v.Remove, rule
		n.members, n.items, n.built = nil, nil, false
		return nil
	}
	var can []webhook.Rule
	for _, v := range vs {
		if !slices.Contains(can, v.Rule) {
			can = append(can, v.Rule)
		}
	}
	return &RuleError{Field: path, Rule: rule, CanBreak: can}
}

// breaks are the problems strict validation must report: the rules broken on purpose and the
// extra members (rule unknown), in wire order, each named by its path.
func (b *nested) breaks() []FieldRule {
	var out []FieldRule
	var walk func(n *node, path string)
	walk = func(n *node, path string) {
		for _, m := range n.members {
			here := m.name
			if path != "" {
				here = path + "." + m.name
			}
			switch {
			case m.broken != "":
				out = append(out, FieldRule{here, m.broken})
			case m.field == nil:
				out = append(out, FieldRule{here, webhook.RuleUnknown})
			case m.present:
				walk(m, here)
			}
		}
		for i, it := range n.items {
			here := fmt.Sprintf("%s[%d]", path, i)
			if it.broken != "" {
				out = append(out, FieldRule{here, it.broken})
				continue
			}
			walk(it, here)
		}
	}
	walk(b.root, "")
	return out
}

// encode writes the body as JSON: members in wire order, absent ones left out.
func (b *nested) encode() []byte {
	var buf bytes.Buffer
	writeNode(&buf, b.root)
	return buf.Bytes()
}

func writeNode(buf *bytes.Buffer, n *node) {
	switch k := n.kind(); {
	case n.broken == "" && (k == spec.KindObject || k == spec.KindMap):
		buf.WriteByte('{')
		first := true
		for _, m := range n.members {
			if !m.present {
				continue
			}
			if !first {
				buf.WriteByte(',')
			}
			first = false
			writeString(buf, m.name)
			buf.WriteByte(':')
			writeNode(buf, m)
		}
		buf.WriteByte('}')
	case n.broken == "" && k == spec.KindArray:
		buf.WriteByte('[')
		for i, it := range n.items {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeNode(buf, it)
		}
		buf.WriteByte(']')
	default:
		writeScalar(buf, k, n.text)
	}
}

// writeScalar writes a value as its kind is sent: numbers and booleans bare, text quoted, raw
// as it is. A value that is not of its kind (set by hand, or breaking a rule) is sent as text,
// so that the receiver's validator, not the encoder, says what is wrong with it.
func writeScalar(buf *bytes.Buffer, k spec.Kind, text string) {
	bare := false
	switch k {
	case spec.KindInteger, spec.KindNumber:
		bare = isJSONNumber(text)
	case spec.KindBoolean:
		bare = text == "true" || text == "false"
	case spec.KindRaw, spec.KindObject, spec.KindArray, spec.KindMap:
		bare = json.Valid([]byte(text))
	}
	if bare {
		buf.WriteString(text)
		return
	}
	writeString(buf, text)
}

func isJSONNumber(s string) bool {
	if s == "" || !json.Valid([]byte(s)) {
		return false
	}
	c := s[0]
	return c == '-' || c >= '0' && c <= '9'
}

func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)               // a string always encodes
	buf.Truncate(buf.Len() - 1) // Encode's newline
}
