package spec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hookspec/hookspec/webhook/inttext"
)

// Check reports what the schema cannot see: references between files (a row's field, data type
// and enum, a derived version's base, errata ids), duplicates, version order and constraints
// that contradict themselves. Each problem names its file and the JSON pointer of the value;
// Load turns the pointer into a line.
func Check(s *Spec) []Problem {
	c := checker{s: s}
	c.vendor()
	c.dataTypes()
	c.enums()
	c.tables()
	c.fields()
	c.types()
	c.envelope()
	c.events()
	c.delivery()
	c.changelog()
	c.rules()
	c.problems = append(c.problems, checkErrata(&s.Errata)...)
	return c.problems
}

type checker struct {
	s        *Spec
	problems []Problem
}

func (c *checker) add(file, path, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: file, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// unique reports a value seen twice, pointing at the second.
type unique struct {
	c    *checker
	file string
	what string
	seen map[string]string
}

func (c *checker) unique(file, what string) *unique {
	return &unique{c: c, file: file, what: what, seen: map[string]string{}}
}

func (u *unique) see(key, path string) {
	if first, dup := u.seen[key]; dup {
		u.c.add(u.file, path, "duplicate %s %q (first at %s)", u.what, key, first)
		return
	}
	u.seen[key] = path
}

func (c *checker) vendor() {
	v := &c.s.Vendor
	names := c.unique("vendor.yaml", "source name")
	for i, src := range v.Sources {
		names.see(src.Name, fmt.Sprintf("/vendor/sources/%d/name", i))
	}
	for i, sp := range v.Delivery.Samples {
		if _, ok := names.seen[sp.Source]; !ok {
			c.add("vendor.yaml", fmt.Sprintf("/vendor/delivery/samples/%d/source", i), "sample's source %q is not one of vendor.sources", sp.Source)
		}
	}
	if v.Clock != nil {
		if _, ok := v.Clock.Seconds(); !ok {
			c.add("vendor.yaml", "/vendor/clock/utcOffset", "UTC offset %q is not +HH:MM or -HH:MM", v.Clock.UTCOffset)
		}
		c.errataIDs("vendor.yaml", "/vendor/clock/errata", []string{v.Clock.Errata})
	}
	params := c.unique("vendor.yaml", "query parameter")
	singleRoles := c.unique("vendor.yaml", "query parameter role")
	for i, q := range v.Delivery.QueryParameters {
		params.see(q.Name, fmt.Sprintf("/vendor/delivery/queryParameters/%d/name", i))
		if q.Role == RoleEventType || q.Role == RoleEventGroup {
			// A receiver reads one parameter for each; two would leave it guessing.
			singleRoles.see(string(q.Role), fmt.Sprintf("/vendor/delivery/queryParameters/%d/role", i))
		}
		if q.Field != "" && c.s.Field(q.Field) == nil {
			c.add("vendor.yaml", fmt.Sprintf("/vendor/delivery/queryParameters/%d/field", i), "field %q is not in fields.yaml", q.Field)
		}
	}
}

func (c *checker) dataTypes() {
	texts := c.unique("datatypes.yaml", "data type")
	for i, dt := range c.s.DataTypes {
		path := fmt.Sprintf("/dataTypes/%d", i)
		texts.see(dt.Text, path+"/text")
		c.constraint("datatypes.yaml", path+"/constraint", dt.Constraint)
	}
}

func (c *checker) enums() {
	names := c.unique("enums.yaml", "enum name")
	goNames := c.unique("enums.yaml", "enum Go name")
	for i, e := range c.s.Enums {
		path := fmt.Sprintf("/enums/%d", i)
		names.see(e.Name, path+"/name")
		goNames.see(e.GoName, path+"/goName")
		values := c.unique("enums.yaml", "value of enum "+e.Name)
		consts := c.unique("enums.yaml", "constant name of enum "+e.Name)
		for j, v := range e.Values {
			key := v.Value
			if e.Numeric {
				if !inttext.IsDigits(v.Value) {
					c.add("enums.yaml", fmt.Sprintf("%s/values/%d/value", path, j), "numeric enum %s has non-numeric value %q", e.Name, v.Value)
				}
				key = inttext.TrimLeadingZeros(v.Value)
			}
			values.see(key, fmt.Sprintf("%s/values/%d/value", path, j))
			consts.see(v.GoName, fmt.Sprintf("%s/values/%d/goName", path, j))
		}
	}
}

func (c *checker) tables() {
	numeric := c.unique("tables.yaml", "currency number")
	letter := c.unique("tables.yaml", "currency letter code")
	for i, cur := range c.s.Tables.Currencies {
		numeric.see(cur.Numeric, fmt.Sprintf("/tables/currencies/%d/numeric", i))
		letter.see(cur.Letter, fmt.Sprintf("/tables/currencies/%d/letter", i))
		c.errataIDs("tables.yaml", fmt.Sprintf("/tables/currencies/%d/errata", i), cur.Errata)
	}
	codes := c.unique("tables.yaml", "decline code")
	for i, d := range c.s.Tables.DeclineCodes {
		codes.see(d.Code, fmt.Sprintf("/tables/declineCodes/%d/code", i))
	}
}

func (c *checker) fields() {
	names := c.unique("fields.yaml", "field name or alias")
	goNames := c.unique("fields.yaml", "field Go name")
	for i := range c.s.Fields {
		f := &c.s.Fields[i]
		path := fmt.Sprintf("/fields/%d", i)
		names.see(f.Name, path+"/name")
		for j, a := range f.Aliases {
			names.see(a, fmt.Sprintf("%s/aliases/%d", path, j))
		}
		goNames.see(f.GoName, path+"/goName")
		c.member("fields.yaml", path, f)
	}
}

func (c *checker) types() {
	names := c.unique("types.yaml", "type name")
	goNames := c.unique("types.yaml", "type Go name")
	for i := range c.s.Types {
		t := &c.s.Types[i]
		path := fmt.Sprintf("/types/%d", i)
		names.see(t.Name, path+"/name")
		goNames.see(t.GoName, path+"/goName")
		c.errataIDs("types.yaml", path+"/errata", t.Errata)
		c.members("types.yaml", path+"/members", "member of type "+t.Name, t.Members)
	}
}

// members checks a list of complete member definitions: a type's or an event version's content.
func (c *checker) members(file, path, what string, members []Field) {
	names := c.unique(file, what)
	goNames := c.unique(file, "Go name of a "+what)
	for j := range members {
		m := &members[j]
		mpath := fmt.Sprintf("%s/%d", path, j)
		names.see(m.Name, mpath+"/name")
		goNames.see(m.GoName, mpath+"/goName")
		c.member(file, mpath, m)
	}
}

// member checks one definition's shape: exactly one of a data type, a constraint or a named
// type; items exactly for arrays and maps; an enum, a format and a secret mark only where they
// can apply.
func (c *checker) member(file, path string, f *Field) {
	kind := c.shape(file, path, f.DataType, f.Constraint, f.Type, f.Enum, f.Format, f.Items, f.Name, 0)
	c.errataIDs(file, path+"/errata", f.Errata)
	if f.Sensitivity == SensitivitySecret && kind != "" && !kind.Scalar() {
		c.add(file, path+"/sensitivity", "field %s is %s: only single values can be secret", f.Name, kind.Article())
	}
	c.relaxed(file, path, f)
}

// relaxed checks that each relaxed rule is one the member has: an open enum needs an enum, an
// exceeded maximum length a documented one; and that each names its erratum.
func (c *checker) relaxed(file, path string, f *Field) {
	rules := c.unique(file, "relaxed rule of "+f.Name)
	for j, r := range f.Relaxed {
		rpath := fmt.Sprintf("%s/relaxed/%d", path, j)
		rules.see(string(r.Rule), rpath+"/rule")
		c.errataIDs(file, rpath+"/errata", []string{r.Errata})
		switch r.Rule {
		case RelaxEnum:
			if f.Enum == "" {
				c.add(file, rpath, "field %s opens its enum, but it has none", f.Name)
			}
		case RelaxMaxLength:
			limit := 0
			if f.Constraint != nil {
				limit = f.Constraint.MaxLength
			} else if dt := c.s.DataType(f.DataType); dt != nil {
				limit = dt.Constraint.MaxLength
			}
			if limit == 0 {
				c.add(file, rpath, "field %s keeps its documented maximum length as a warning, but its shape states none", f.Name)
			}
		default:
			c.add(file, rpath+"/rule", "field %s relaxes rule %q, which is not one of %v", f.Name, r.Rule, RelaxedRules)
		}
	}
}

// shape checks one shape (a member's or its items') and returns its kind, "" when unknown.
func (c *checker) shape(file, path, dataType string, constraint *Constraint, typ, enum string, format Format, items *Shape, name string, depth int) Kind {
	if depth > maxItemNesting {
		c.add(file, path, "%s: items nested more than %d levels deep", name, maxItemNesting)
		return ""
	}
	spellings := 0
	for _, set := range []bool{dataType != "", constraint != nil, typ != "" && constraint == nil && dataType == ""} {
		if set {
			spellings++
		}
	}
	var kind Kind
	switch {
	case spellings == 0:
		c.add(file, path, "%s has no shape: give it a dataType, a constraint or a type", name)
		return ""
	case dataType != "" && constraint != nil:
		c.add(file, path+"/constraint", "%s has both a dataType and a constraint: the constraint of a printed data type lives in datatypes.yaml", name)
		return ""
	case dataType != "":
		kind = c.dataType(file, path+"/dataType", dataType)
	case constraint != nil:
		c.constraint(file, path+"/constraint", *constraint)
		kind = constraint.Kind
	default:
		kind = KindObject
	}
	if typ != "" && c.s.Type(typ) == nil {
		c.add(file, path+"/type", "type %q is not in types.yaml", typ)
	}
	switch kind {
	case KindObject:
		if typ == "" {
			c.add(file, path, "%s is an object: name its type (types.yaml); objects are defined once, as named types", name)
		}
	case "":
	default:
		if typ != "" {
			c.add(file, path+"/type", "%s is %s: only objects have a type (an array or map of objects names it in items)", name, kind.Article())
		}
	}
	switch kind {
	case KindArray, KindMap:
		if items == nil {
			c.add(file, path, "%s is %s but has no items", name, kind.Article())
		}
	case "":
	default:
		if items != nil {
			c.add(file, path+"/items", "%s is %s: only arrays and maps have items", name, kind.Article())
		}
	}
	if items != nil {
		c.shape(file, path+"/items", items.DataType, items.Constraint, items.Type, items.Enum, items.Format, items.Items, name+"[]", depth+1)
	}
	if enum != "" {
		if c.s.Enum(enum) == nil {
			c.add(file, path+"/enum", "enum %q is not in enums.yaml", enum)
		} else if kind != "" && !kind.Scalar() {
			c.add(file, path+"/enum", "%s is %s: only single values have an enum", name, kind.Article())
		}
	}
	if format != FormatNone {
		c.format(file, path+"/format", format)
		if kind != "" && !format.AppliesTo(kind) {
			c.add(file, path+"/format", "format %s does not apply to %s, which is %s", format, name, kind)
		}
	}
	return kind
}

// format reports a format that spec/format.go's table does not define.
func (c *checker) format(file, path string, f Format) {
	if _, ok := f.Info(); ok || f == FormatNone {
		return
	}
	known := make([]string, len(formatTable))
	for i, fi := range formatTable {
		known[i] = string(fi.Format)
	}
	c.add(file, path, "unknown format %q (known: %s)", f, strings.Join(known, ", "))
}

// constraint checks what the schema cannot: limits that contradict each other or the kind.
func (c *checker) constraint(file, path string, k Constraint) {
	if k.Scale > k.Precision {
		c.add(file, path+"/scale", "scale %d exceeds precision %d", k.Scale, k.Precision)
	}
	if k.Width > 0 && k.MaxLength > 0 && k.Width > k.MaxLength {
		c.add(file, path+"/width", "width %d exceeds maxLength %d", k.Width, k.MaxLength)
	}
	// The schema holds min and max to integer texts in files; a spec built in memory is held to
	// them here, before they are compared.
	bounds := true
	for _, b := range []struct{ name, text string }{{"min", k.Min}, {"max", k.Max}} {
		if b.text != "" && !inttext.IsInteger(b.text) {
			c.add(file, path+"/"+b.name, "%s %q is not an integer", b.name, b.text)
			bounds = false
		}
	}
	if bounds && k.Min != "" && k.Max != "" && inttext.Compare(k.Min, k.Max) > 0 {
		c.add(file, path+"/min", "min %s exceeds max %s", k.Min, k.Max)
	}
	if !k.Kind.Scalar() && (k.MaxLength > 0 || k.Width > 0) {
		c.add(file, path, "%s has no length: maxLength and width bound text", k.Kind.Article())
	}
	if k.Format != FormatNone {
		c.format(file, path+"/format", k.Format)
		if !k.Format.AppliesTo(k.Kind) {
			c.add(file, path+"/format", "format %s does not apply to kind %s", k.Format, k.Kind)
		}
	}
}

// dataType reports a data-type text that datatypes.yaml does not define and returns its kind.
func (c *checker) dataType(file, path, text string) Kind {
	if text == "" {
		return ""
	}
	dt := c.s.DataType(text)
	if dt == nil {
		c.add(file, path, "data type %q is not in datatypes.yaml", text)
		return ""
	}
	return dt.Constraint.Kind
}

func (c *checker) events() {
	names := c.unique("events.yaml", "event")
	goNames := c.unique("events.yaml", "event Go name")
	for i := range c.s.Events {
		e := &c.s.Events[i]
		path := fmt.Sprintf("/events/%d", i)
		names.see(e.Name, path+"/name")
		goNames.see(GoName(e.Name), path+"/name")
		last := 0
		for j := range e.Versions {
			v := &e.Versions[j]
			vpath := fmt.Sprintf("%s/versions/%d", path, j)
			if v.Number <= last {
				c.add("events.yaml", vpath+"/version", "%s version %d follows version %d: versions must ascend without repeats", e.Name, v.Number, last)
			}
			last = v.Number
			c.errataIDs("events.yaml", vpath+"/errata", v.Errata)
			if v.Base != nil {
				c.base(vpath+"/base", e, v)
			}
			switch env := c.s.Vendor.Envelope; {
			case len(v.Content) > 0 && v.RawContent:
				c.add("events.yaml", vpath+"/rawContent", "%s v%d lists content members and marks its content raw: it is one or the other", e.Name, v.Number)
			case env != nil && len(v.Rows) > 0:
				c.add("events.yaml", vpath+"/fields", "%s v%d has flat rows, but %s's bodies are enveloped: list the content members instead", e.Name, v.Number, c.s.Vendor.Name)
			case env != nil && v.Base != nil:
				c.add("events.yaml", vpath+"/base", "%s v%d derives from a base version, which only flat bodies do", e.Name, v.Number)
			case env != nil && len(v.Content) == 0 && !v.RawContent:
				c.add("events.yaml", vpath, "%s v%d lists no content members: list them, or mark the content raw (rawContent: true)", e.Name, v.Number)
			case env == nil && (len(v.Content) > 0 || v.RawContent):
				c.add("events.yaml", vpath, "%s v%d has content, but %s has no envelope (vendor.envelope) to carry it", e.Name, v.Number, c.s.Vendor.Name)
			}
			c.members("events.yaml", vpath+"/content", fmt.Sprintf("content member of %s v%d", e.Name, v.Number), v.Content)
			rows := c.unique("events.yaml", "field of "+fmt.Sprintf("%s v%d", e.Name, v.Number))
			for k := range v.Rows {
				r := &v.Rows[k]
				rpath := fmt.Sprintf("%s/fields/%d", vpath, k)
				f := c.s.Field(r.Name)
				if f == nil {
					c.add("events.yaml", rpath+"/name", "field %q has no shared definition in fields.yaml", r.Name)
					continue
				}
				rows.see(f.Name, rpath+"/name")
				if r.DataType != "" && f.Constraint != nil {
					c.add("events.yaml", rpath+"/dataType", "field %s states its constraint itself: a row cannot give it a printed data type", f.Name)
				}
				c.dataType("events.yaml", rpath+"/dataType", r.DataType)
			}
		}
	}
}

// base checks a derived version's base: it exists, is not derived from the version itself, and
// its decision is in the errata.
func (c *checker) base(path string, e *Event, v *Version) {
	be := c.s.Event(v.Base.Event)
	switch {
	case be == nil:
		c.add("events.yaml", path+"/event", "base event %q does not exist", v.Base.Event)
		return
	case be.Version(v.Base.Version) == nil:
		c.add("events.yaml", path+"/version", "base %s has no version %d", be.Name, v.Base.Version)
		return
	}
	c.errataIDs("events.yaml", path+"/errata", []string{v.Base.Errata})
	if _, err := c.s.Resolve(e, v); err != nil && strings.Contains(err.Error(), "cycle") {
		c.add("events.yaml", path, "%v", err)
	}
}

func (c *checker) changelog() {
	last := 0
	for i, r := range c.s.Changelog {
		if r.Number <= last {
			c.add("changelog.yaml", fmt.Sprintf("/changelog/%d/release", i), "release %d follows release %d: releases must ascend without repeats", r.Number, last)
		}
		last = r.Number
	}
}

// errataIDs reports ids that errata.yaml does not define. A spec built without errata (tests,
// in-memory) has none to check against.
func (c *checker) errataIDs(file, path string, ids []string) {
	if len(c.s.Errata.Entries) == 0 {
		return
	}
	for i, id := range ids {
		found := false
		for _, e := range c.s.Errata.Entries {
			if e.ID == id {
				found = true
				break
			}
		}
		if !found {
			p := path
			if len(ids) > 1 || strings.HasSuffix(path, "/errata") {
				p = fmt.Sprintf("%s/%d", path, i)
			}
			c.add(file, p, "errata id %q is not in errata.yaml", id)
		}
	}
}

// checkErrata checks what the schema cannot see in an errata file.
func checkErrata(e *Errata) []Problem {
	c := checker{s: &Spec{}}
	ids := c.unique("errata.yaml", "errata id")
	for i, en := range e.Entries {
		ids.see(en.ID, fmt.Sprintf("/errata/%d/id", i))
		if en.NeedsEvidence() && len(en.Evidence) == 0 {
			c.add("errata.yaml", fmt.Sprintf("/errata/%d", i), "erratum %s corrects members, relaxes a documented rule or states an enum but cites no evidence: list the payload, the description's words or the declaration it rests on", en.ID)
		}
		for j := range en.Members {
			c.memberPatch(fmt.Sprintf("/errata/%d/members/%d", i, j), &en.Members[j])
		}
	}
	return c.problems
}

// memberPatch checks what the schema cannot see in a member patch: one kind of selector, a
// version only with events, an added member named as the patch, and something to do.
func (c *checker) memberPatch(path string, p *MemberPatch) {
	const file = "errata.yaml"
	selectors := 0
	for _, set := range []bool{len(p.Types) > 0, len(p.Events) > 0, p.Resources} {
		if set {
			selectors++
		}
	}
	if selectors != 1 {
		c.add(file, path, "member patch %s selects %d kinds of container: give exactly one of types, events or resources", p.Name, selectors)
	}
	if p.Version != 0 && len(p.Events) == 0 {
		c.add(file, path+"/version", "member patch %s has a version but no events", p.Name)
	}
	if p.Add != nil {
		if p.Add.Name != p.Name {
			c.add(file, path+"/add/name", "the added member is named %s, but the patch is for %s", p.Add.Name, p.Name)
		}
		if p.Rename != "" || p.GoName != "" || p.Presence != nil || p.Constraint != nil || p.Sensitivity != SensitivityNone || len(p.Relax) > 0 || p.Note != "" {
			c.add(file, path+"/add", "member patch %s adds the member: state everything in add, not beside it", p.Name)
		}
		if len(p.Add.Relaxed) > 0 {
			c.add(file, path+"/add/relaxed", "member patch %s adds the member with relaxed rules: state the shape the evidence shows instead", p.Name)
		}
		return
	}
	if p.Rename == "" && p.GoName == "" && p.Presence == nil && p.Constraint == nil && p.Sensitivity == SensitivityNone && len(p.Relax) == 0 && p.Note == "" {
		c.add(file, path, "member patch %s changes nothing: give rename, goName, presence, constraint, sensitivity, relax, note or add", p.Name)
	}
	if p.Rename == p.Name {
		c.add(file, path+"/rename", "member patch %s renames the member to its own name", p.Name)
	}
	if p.Constraint != nil {
		c.constraint(file, path+"/constraint", *p.Constraint)
	}
}

// envelope checks that the envelope's type exists and that its content member is raw: the shape
// of an event whose content no version describes.
func (c *checker) envelope() {
	env := c.s.Vendor.Envelope
	if env == nil {
		return
	}
	t := c.s.Type(env.Type)
	if t == nil {
		c.add("vendor.yaml", "/vendor/envelope/type", "envelope type %q is not in types.yaml", env.Type)
		return
	}
	for i := range t.Members {
		m := &t.Members[i]
		if m.Name != env.Content {
			continue
		}
		if m.Constraint == nil || m.Constraint.Kind != KindRaw || m.DataType != "" || m.Type != "" {
			c.add("types.yaml", fmt.Sprintf("/types/%d/members/%d", slices.IndexFunc(c.s.Types, func(o ObjectType) bool { return o.Name == t.Name }), i),
				"the envelope's content member %s must be raw (constraint kind raw): each event version gives its own shape", m.Name)
		}
		return
	}
	c.add("vendor.yaml", "/vendor/envelope/content", "envelope type %s has no member %q", env.Type, env.Content)
}

// delivery checks where the handler finds each fact: every locator names something the spec
// has, and the facts a receiver needs have a source.
func (c *checker) delivery() {
	d := &c.s.Vendor.Delivery
	const file, base = "vendor.yaml", "/vendor/delivery"
	if d.EventType == nil {
		hasRole := slices.ContainsFunc(d.QueryParameters, func(q QueryParameter) bool { return q.Role == RoleEventType })
		if !hasRole {
			c.add(file, base, "no source for the event type: set delivery.eventType, or give a query parameter the role eventType")
		}
	} else {
		if d.EventType.In == InConfigured {
			c.add(file, base+"/eventType/in", "the event type cannot be configured: it differs with every post")
		}
		c.locator(base+"/eventType", d.EventType)
	}
	if d.Version != nil {
		c.locator(base+"/version", &d.Version.Locator)
		if d.Version.Pattern != "" {
			re, err := regexp.Compile(d.Version.Pattern)
			switch {
			case err != nil:
				c.add(file, base+"/version/pattern", "pattern does not compile: %v", err)
			case re.NumSubexp() != 1:
				c.add(file, base+"/version/pattern", "pattern has %d groups: want exactly one, the version number", re.NumSubexp())
			}
			if d.Version.In == InConfigured {
				c.add(file, base+"/version/pattern", "a configured version has nothing to match a pattern against")
			}
			if re != nil && d.Version.Default != "" && !re.MatchString(d.Version.Default) {
				c.add(file, base+"/version/default", "default %q does not match the pattern %s", d.Version.Default, d.Version.Pattern)
			}
		}
	}
	if d.Key != nil {
		if d.Key.In == InConfigured {
			c.add(file, base+"/key/in", "a delivery key cannot be configured: it identifies one event")
		}
		c.locator(base+"/key", d.Key)
	}
	kinds := c.unique(file, "authentication scheme")
	for i, a := range d.Auth {
		path := fmt.Sprintf("%s/auth/%d", base, i)
		kinds.see(string(a.Kind), path+"/kind")
		if a.Kind == AuthSourceRanges && len(d.SourceRanges) == 0 {
			c.add(file, path, "source ranges are a scheme, but delivery.sourceRanges lists none")
		}
	}
	if d.Retry != nil && d.Retry.Horizon != "" {
		if h, err := time.ParseDuration(d.Retry.Horizon); err != nil || h <= 0 {
			c.add(file, base+"/retry/horizon", "horizon %q is not a positive Go duration", d.Retry.Horizon)
		}
	}
	if d.Ordering != nil {
		found := slices.ContainsFunc(c.s.Types, func(t ObjectType) bool {
			return slices.ContainsFunc(t.Members, func(m Field) bool { return m.Name == d.Ordering.Member })
		})
		if !found {
			c.add(file, base+"/ordering/member", "no type has a member %q", d.Ordering.Member)
		}
	}
}

// locator checks that a body locator's path names a member the body has: a member of the
// envelope (then of named types) for enveloped bodies, a shared field for flat ones.
func (c *checker) locator(path string, l *Locator) {
	if l.In != InBody {
		return
	}
	if err := c.s.checkBodyPath(l.Name); err != nil {
		c.add("vendor.yaml", path+"/name", "%v", err)
	}
}

// checkBodyPath reports whether a dotted member path names a member of every body.
func (s *Spec) checkBodyPath(p string) error {
	segments := strings.Split(p, ".")
	if s.Vendor.Envelope == nil {
		if len(segments) > 1 || s.Field(p) == nil {
			return fmt.Errorf("body member %q is not a field of fields.yaml", p)
		}
		return nil
	}
	t := s.Type(s.Vendor.Envelope.Type)
	for i, seg := range segments {
		if t == nil {
			return fmt.Errorf("body member %q: %s is not an object of a named type", p, strings.Join(segments[:i], "."))
		}
		j := slices.IndexFunc(t.Members, func(m Field) bool { return m.Name == seg })
		if j < 0 {
			return fmt.Errorf("body member %q: type %s has no member %s", p, t.Name, seg)
		}
		t = s.Type(t.Members[j].Type)
	}
	return nil
}
