package spec

import (
	"fmt"
	"strings"
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
	c.events()
	c.changelog()
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
		k := dt.Constraint
		if k.Scale > k.Precision {
			c.add("datatypes.yaml", path+"/constraint/scale", "scale %d exceeds precision %d", k.Scale, k.Precision)
		}
		if k.Width > 0 && k.MaxLength > 0 && k.Width > k.MaxLength {
			c.add("datatypes.yaml", path+"/constraint/width", "width %d exceeds maxLength %d", k.Width, k.MaxLength)
		}
		if k.Min != "" && k.Max != "" && compareIntegers(k.Min, k.Max) > 0 {
			c.add("datatypes.yaml", path+"/constraint/min", "min %s exceeds max %s", k.Min, k.Max)
		}
		if !k.Format.AppliesTo(k.Kind) {
			c.add("datatypes.yaml", path+"/constraint/format", "format %s does not apply to kind %s", k.Format, k.Kind)
		}
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
				if !isDigits(v.Value) {
					c.add("enums.yaml", fmt.Sprintf("%s/values/%d/value", path, j), "numeric enum %s has non-numeric value %q", e.Name, v.Value)
				}
				key = trimZeros(v.Value)
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
		kind := c.dataType("fields.yaml", path+"/dataType", f.DataType)
		if f.Enum != "" && c.s.Enum(f.Enum) == nil {
			c.add("fields.yaml", path+"/enum", "enum %q is not in enums.yaml", f.Enum)
		}
		c.errataIDs("fields.yaml", path+"/errata", f.Errata)
		switch kind {
		case KindObject:
			if len(f.Fields) == 0 {
				c.add("fields.yaml", path, "field %s is an object but lists no fields", f.Name)
			}
		case KindArray:
			if f.Items == nil {
				c.add("fields.yaml", path, "field %s is an array but has no items", f.Name)
			}
		case "":
		default:
			if len(f.Fields) > 0 {
				c.add("fields.yaml", path+"/fields", "field %s is a %s: only objects have fields", f.Name, kind)
			}
			if f.Items != nil {
				c.add("fields.yaml", path+"/items", "field %s is a %s: only arrays have items", f.Name, kind)
			}
		}
		if kind != "" && !f.Format.AppliesTo(kind) {
			c.add("fields.yaml", path+"/format", "format %s does not apply to data type %q, which is %s", f.Format, f.DataType, kind)
		}
		members := c.unique("fields.yaml", "member of "+f.Name)
		for j := range f.Fields {
			members.see(f.Fields[j].Name, fmt.Sprintf("%s/fields/%d/name", path, j))
			c.nestedRow(fmt.Sprintf("%s/fields/%d", path, j), &f.Fields[j])
		}
		if f.Items != nil {
			c.nestedRow(path+"/items", f.Items)
		}
	}
}

// nestedRow checks a member of an object or array: it refines a shared definition or stands
// alone with its own data type.
func (c *checker) nestedRow(path string, r *Row) {
	if r.Field != "" {
		if c.s.Field(r.Field) == nil {
			c.add("fields.yaml", path+"/field", "shared definition %q is not in fields.yaml", r.Field)
		}
	} else if r.DataType == "" {
		c.add("fields.yaml", path, "member %s needs a dataType or a field (shared definition) to take it from", r.Name)
	}
	if r.DataType != "" {
		c.dataType("fields.yaml", path+"/dataType", r.DataType)
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
				if r.Field != "" {
					c.add("events.yaml", rpath+"/field", "top-level rows take the shared field of their name; field: is for nested members")
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
	}
	return c.problems
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// compareIntegers compares two integer texts (as validated by the schema) without converting
// them, so that 20-digit bounds compare correctly.
func compareIntegers(a, b string) int {
	an, bn := strings.HasPrefix(a, "-"), strings.HasPrefix(b, "-")
	switch {
	case an && !bn:
		return -1
	case !an && bn:
		return 1
	case an && bn:
		return compareIntegers(b[1:], a[1:])
	}
	a, b = trimZeros(a), trimZeros(b)
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
