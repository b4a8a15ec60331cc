package tsdecl

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// status is what the conversion made of one declaration.
type status struct {
	schema *schemamodel.Schema
	// reason is why the declaration is not a data shape; "" for a data shape.
	reason string
	// deps are the declarations its schema refers to; refs are the KindRef schemas to point at
	// their targets once every declaration's status is final.
	deps []dependency
	refs []pendingRef
	// busy is set while the declaration converts, to catch an interface extending itself.
	busy bool
}

// dependency is a reference to another declaration; via says how, for the reason given when
// the target turns out not to be a data shape ("member list[].customer refers to").
type dependency struct {
	target *decl
	via    string
}

type pendingRef struct {
	schema *schemamodel.Schema
	target *decl
}

// converter turns resolved declarations into the neutral model.
type converter struct {
	status map[*decl]*status
	probs  *problems
}

// convert builds the document: data shapes become Types, everything else NonData.
func convert(decls []*decl, probs *problems) *schemamodel.Document {
	c := &converter{status: make(map[*decl]*status, len(decls)), probs: probs}
	for _, d := range decls {
		if d.mergedInto == nil {
			c.decl(d)
		}
	}
	c.propagate(decls)
	c.checkAliasCycles(decls)

	doc := &schemamodel.Document{}
	named := map[*decl]*schemamodel.Named{}
	byName := map[string]*decl{}
	for _, d := range decls {
		st := c.status[d]
		if st == nil {
			continue // merged into an earlier interface of the same name
		}
		if st.reason != "" {
			doc.NonData = append(doc.NonData, schemamodel.Declaration{
				Name: d.name, Kind: d.keyword, Reason: st.reason, Pos: schemamodel.Pos{File: d.file, Line: d.line},
			})
			continue
		}
		if other, dup := byName[d.name]; dup {
			probs.add(errorAt(d.file, d.line, "%s is also declared in module '%s' at %s:%d: the model has one namespace for all modules", d.name, other.module, other.file, other.line))
			continue
		}
		byName[d.name] = d
		n := &schemamodel.Named{Name: d.name, Schema: st.schema}
		named[d] = n
		doc.Types = append(doc.Types, n)
	}
	for _, d := range decls {
		if c.status[d] == nil {
			continue
		}
		for _, ref := range c.status[d].refs {
			ref.schema.Target = named[ref.target]
		}
	}
	return doc
}

// decl converts one declaration, once; interfaces that extend others need their bases first.
func (c *converter) decl(d *decl) *status {
	if st := c.status[d]; st != nil {
		if st.busy {
			c.probs.add(errorAt(d.file, d.line, "interface %s extends itself", d.name))
			st.reason = "extends itself"
		}
		return st
	}
	st := &status{busy: true}
	c.status[d] = st
	defer func() { st.busy = false }()
	pos := schemamodel.Pos{File: d.file, Line: d.line}
	switch {
	case d.kind == declClass:
		st.reason = "a class"
		return st
	case d.kind == declFunction:
		st.reason = "a function"
		return st
	case d.kind == declVariable:
		st.reason = "a value, not a type"
		return st
	case len(d.typeParams) > 0:
		st.reason = "has type parameters"
		return st
	}
	cv := &typeConv{c: c, st: st, d: d}
	var s *schemamodel.Schema
	switch d.kind {
	case declInterface:
		s = cv.interfaceSchema()
	case declAlias:
		s = cv.typ(d.typ, "")
	case declEnum:
		s = enumSchema(d)
	case declImport:
		if d.target.res.kind != resDecl {
			st.reason = "an alias of namespace " + strings.Join(d.target.path, ".")
			return st
		}
		s = cv.refTo(d.target.res.decl, d.line, "")
	}
	if st.reason != "" {
		return st
	}
	s.Pos = pos
	s.Description = d.doc
	s.Deprecated = deprecated(d.doc)
	st.schema = s
	return st
}

// propagate marks as non-data every declaration that refers to one, through any chain of
// references, breadth first from the declarations that are non-data themselves.
func (c *converter) propagate(decls []*decl) {
	users := map[*decl][]dependency{}
	var queue []*decl
	for _, d := range decls {
		st := c.status[d]
		if st == nil {
			continue
		}
		if st.reason != "" {
			queue = append(queue, d)
		}
		for _, dep := range st.deps {
			users[dep.target] = append(users[dep.target], dependency{target: d, via: dep.via})
		}
	}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for _, u := range users[t] {
			st := c.status[u.target]
			if st.reason != "" {
				continue
			}
			st.reason = fmt.Sprintf("%s %s, which is not a data shape", u.via, t.name)
			queue = append(queue, u.target)
		}
	}
}

// checkAliasCycles reports type aliases that, through other aliases, stand for themselves
// ("type A = B; type B = A"), which no value can have and a consumer would follow forever.
func (c *converter) checkAliasCycles(decls []*decl) {
	const (
		unvisited = iota
		visiting
		visited
	)
	state := map[*decl]int{}
	for _, d := range decls {
		var chain []*decl
		for cur := d; cur != nil; {
			if state[cur] == visited {
				break
			}
			if state[cur] == visiting {
				c.probs.add(errorAt(cur.file, cur.line, "type %s stands for itself through aliases", cur.name))
				break
			}
			state[cur] = visiting
			chain = append(chain, cur)
			st := c.status[cur]
			if st == nil || st.reason != "" || st.schema == nil || st.schema.Kind != schemamodel.KindRef || len(st.refs) == 0 {
				break
			}
			cur = st.refs[0].target
		}
		for _, x := range chain {
			state[x] = visited
		}
	}
}

// typeConv converts the types of one declaration, noting the first reason it is not a data
// shape and the declarations it refers to.
type typeConv struct {
	c  *converter
	st *status
	d  *decl
}

// nonData notes why the declaration is not a data shape (the first reason found) and returns a
// placeholder, so that conversion goes on to find the declarations it refers to; the
// declaration's schema is discarded.
func (cv *typeConv) nonData(format string, args ...any) *schemamodel.Schema {
	if cv.st.reason == "" {
		cv.st.reason = fmt.Sprintf(format, args...)
	}
	return &schemamodel.Schema{Kind: schemamodel.KindAny}
}

func (cv *typeConv) pos(line int) schemamodel.Pos {
	return schemamodel.Pos{File: cv.d.file, Line: line}
}

// at names a place in the declaration for reasons: "member list[].customer" or "its type".
func at(path string) string {
	if path == "" {
		return "its type"
	}
	return "member " + path
}

func (cv *typeConv) refTo(target *decl, line int, path string) *schemamodel.Schema {
	s := &schemamodel.Schema{Kind: schemamodel.KindRef, Ref: target.name, Pos: cv.pos(line)}
	cv.st.deps = append(cv.st.deps, dependency{target: target, via: at(path) + " refers to"})
	cv.st.refs = append(cv.st.refs, pendingRef{schema: s, target: target})
	return s
}

func (cv *typeConv) interfaceSchema() *schemamodel.Schema {
	d := cv.d
	obj := &schemamodel.Schema{Kind: schemamodel.KindObject}
	var inherited []schemamodel.Member
	heritage := append([]*typeExpr(nil), d.heritage...)
	for _, p := range d.partners {
		heritage = append(heritage, p.heritage...)
	}
	for _, h := range heritage {
		name := strings.Join(h.path, ".")
		switch h.res.kind {
		case resOpaque:
			return cv.nonData("extends %s, which the options name opaque", name)
		case resBuiltin:
			return cv.nonData("extends %s, a library type", name)
		}
		if len(h.args) > 0 {
			return cv.nonData("extends %s with type arguments", name)
		}
		base := cv.c.decl(h.res.decl)
		cv.st.deps = append(cv.st.deps, dependency{target: h.res.decl, via: "it extends"})
		if base.reason != "" {
			return cv.nonData("extends %s, which is not a data shape", name)
		}
		bs := base.schema
		if bs.Kind != schemamodel.KindObject {
			return cv.nonData("extends %s, which is not an object type", name)
		}
		inherited = mergeMembers(inherited, bs.Members)
		if bs.Additional != nil {
			obj.Additional = bs.Additional
		}
		obj.PatternMembers = append(obj.PatternMembers, bs.PatternMembers...)
	}
	own := cv.object(d.members, "")
	cv.mergePartners(own)
	obj.Members = mergeMembers(inherited, own.Members)
	if own.Additional != nil {
		obj.Additional = own.Additional
	}
	obj.PatternMembers = append(obj.PatternMembers, own.PatternMembers...)
	return obj
}

// mergePartners adds the members of the later declarations of the interface to obj. A member
// declared again must be declared alike, as TypeScript requires; it is then read once.
func (cv *typeConv) mergePartners(obj *schemamodel.Schema) {
	if len(cv.d.partners) == 0 {
		return
	}
	first := map[string]*member{}
	for _, m := range cv.d.members {
		if name, ok := cv.memberName(m); ok && m.kind == memProperty {
			first[name] = m
		}
	}
	for _, p := range cv.d.partners {
		pc := &typeConv{c: cv.c, st: cv.st, d: p}
		more := pc.object(p.members, "")
		converted := make(map[string]schemamodel.Member, len(more.Members))
		for _, mm := range more.Members {
			converted[mm.Name] = mm
		}
		for _, m := range p.members {
			name, ok := pc.memberName(m)
			if !ok || m.kind != memProperty {
				continue
			}
			if prev, dup := first[name]; dup {
				if prev.optional != m.optional || !typeEqual(prev.typ, m.typ) {
					cv.c.probs.add(errorAt(p.file, m.line, "member %s of interface %s is declared again with a different type (first at %s:%d)", name, cv.d.name, cv.d.file, prev.line))
				}
				continue
			}
			first[name] = m
			if mm, ok := converted[name]; ok {
				obj.Members = append(obj.Members, mm)
			}
		}
		if more.Additional != nil {
			if obj.Additional != nil {
				cv.c.probs.add(errorAt(p.file, p.line, "interface %s has a string index signature in two of its declarations", cv.d.name))
			}
			obj.Additional = more.Additional
		}
		obj.PatternMembers = append(obj.PatternMembers, more.PatternMembers...)
	}
}

// typeEqual reports whether two type expressions are written alike, lines aside.
func typeEqual(a, b *typeExpr) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.kind != b.kind || a.name != b.name || a.lit != b.lit || a.litKind != b.litKind || a.module != b.module ||
		a.constructor != b.constructor || a.optional != b.optional || a.rest != b.rest ||
		!slicesEqual(a.path, b.path) || !slicesEqual(a.quasis, b.quasis) ||
		len(a.args) != len(b.args) || len(a.holes) != len(b.holes) || len(a.members) != len(b.members) {
		return false
	}
	for i := range a.args {
		if !typeEqual(a.args[i], b.args[i]) {
			return false
		}
	}
	for i := range a.holes {
		if !typeEqual(a.holes[i], b.holes[i]) {
			return false
		}
	}
	for i := range a.members {
		ma, mb := a.members[i], b.members[i]
		if ma.kind != mb.kind || ma.name != mb.name || ma.optional != mb.optional || ma.sig != nil || mb.sig != nil ||
			!typeEqual(ma.computed, mb.computed) || !typeEqual(ma.indexKey, mb.indexKey) || !typeEqual(ma.typ, mb.typ) {
			return false
		}
	}
	if a.sig != nil || b.sig != nil {
		return false // function types are never data; comparing them would not change the outcome
	}
	return typeEqual(a.elem, b.elem) && typeEqual(a.index, b.index) && typeEqual(a.check, b.check) &&
		typeEqual(a.ext, b.ext) && typeEqual(a.yes, b.yes) && typeEqual(a.no, b.no)
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// mergeMembers adds own to inherited: a member redeclared replaces the inherited one in place,
// as an interface's own declaration overrides its base's.
func mergeMembers(inherited, own []schemamodel.Member) []schemamodel.Member {
	if len(inherited) == 0 {
		return own
	}
	out := append([]schemamodel.Member(nil), inherited...)
	index := make(map[string]int, len(out))
	for i, m := range out {
		index[m.Name] = i
	}
	for _, m := range own {
		if i, ok := index[m.Name]; ok {
			out[i] = m
			continue
		}
		index[m.Name] = len(out)
		out = append(out, m)
	}
	return out
}

func enumSchema(d *decl) *schemamodel.Schema {
	var strs, nums []string
	for _, m := range d.enum {
		if m.isString {
			strs = append(strs, m.value)
		} else {
			nums = append(nums, m.value)
		}
	}
	pos := schemamodel.Pos{File: d.file, Line: d.line}
	switch {
	case len(nums) == 0:
		return &schemamodel.Schema{Kind: schemamodel.KindString, Enum: strs}
	case len(strs) == 0:
		return &schemamodel.Schema{Kind: schemamodel.KindNumber, Enum: nums}
	}
	return &schemamodel.Schema{Kind: schemamodel.KindUnion, OneOf: []*schemamodel.Schema{
		{Kind: schemamodel.KindString, Enum: strs, Pos: pos},
		{Kind: schemamodel.KindNumber, Enum: nums, Pos: pos},
	}}
}

// deprecated reports whether a doc comment carries a @deprecated tag.
func deprecated(doc string) bool {
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "@deprecated") {
			return true
		}
	}
	return false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// object converts the members of an interface or object type.
func (cv *typeConv) object(members []*member, path string) *schemamodel.Schema {
	obj := &schemamodel.Schema{Kind: schemamodel.KindObject}
	seen := map[string]int{}
	stringIndex := 0
	for _, m := range members {
		switch m.kind {
		case memMethod:
			cv.nonData("%s is a method", at(join(path, memberLabel(m))))
			continue
		case memCall, memConstruct:
			cv.nonData("%s has a call or construct signature", at(path))
			continue
		case memIndex:
			key := m.indexKey
			// "| undefined" in an index signature's values says nothing JSON can: drop it.
			value, _ := cv.memberType(m.typ, join(path, "["+m.name+"]"))
			switch {
			case key.kind == typeKeyword && key.name == "string":
				if stringIndex != 0 {
					cv.c.probs.add(errorAt(cv.d.file, m.line, "a second string index signature (the first is at line %d)", stringIndex))
					continue
				}
				stringIndex = m.line
				obj.Additional = value
			case key.kind == typeTemplate:
				pattern, ok := templatePattern(key)
				if !ok {
					cv.nonData("%s has an index signature keyed by a template literal with holes other than string and number", at(path))
					continue
				}
				obj.PatternMembers = append(obj.PatternMembers, schemamodel.PatternMember{Pattern: pattern, Schema: value})
			default:
				cv.nonData("%s has an index signature keyed by %s, not by strings", at(path), exprString(key))
			}
			continue
		}
		name, ok := cv.memberName(m)
		if !ok {
			cv.nonData("%s has a computed name that is neither a literal nor an enum member", at(join(path, memberLabel(m))))
			continue
		}
		if first, dup := seen[name]; dup {
			cv.c.probs.add(errorAt(cv.d.file, m.line, "member %s is declared twice (first at line %d)", join(path, name), first))
			continue
		}
		seen[name] = m.line
		s, absent := cv.memberType(m.typ, join(path, name))
		s.Description = m.doc
		s.Deprecated = deprecated(m.doc)
		obj.Members = append(obj.Members, schemamodel.Member{
			Name: name, Required: !m.optional && !absent, Schema: s, Pos: cv.pos(m.line),
		})
	}
	return obj
}

// memberName is a member's name; a computed name "[E.M]" is the enum member's value.
func (cv *typeConv) memberName(m *member) (string, bool) {
	if m.computed == nil {
		return m.name, true
	}
	switch m.computed.kind {
	case typeLiteral:
		return m.computed.lit, true
	case typeRef:
		if m.computed.res.kind == resEnumMember {
			return m.computed.res.enumMember.value, true
		}
	}
	return "", false
}

// memberType converts a member's type; "undefined" in a union there means the member may be
// absent, which JSON says by leaving it out.
func (cv *typeConv) memberType(t *typeExpr, path string) (*schemamodel.Schema, bool) {
	if t.kind == typeUnion {
		var kept []*typeExpr
		for _, a := range t.args {
			if !(a.kind == typeKeyword && a.name == "undefined") {
				kept = append(kept, a)
			}
		}
		if len(kept) < len(t.args) && len(kept) > 0 {
			if len(kept) == 1 {
				return cv.typ(kept[0], path), true
			}
			u := *t
			u.args = kept
			return cv.typ(&u, path), true
		}
	}
	return cv.typ(t, path), false
}

// typ converts a type expression.
func (cv *typeConv) typ(t *typeExpr, path string) *schemamodel.Schema {
	pos := cv.pos(t.line)
	mk := func(k schemamodel.Kind) *schemamodel.Schema { return &schemamodel.Schema{Kind: k, Pos: pos} }
	switch t.kind {
	case typeKeyword:
		switch t.name {
		case "string":
			return mk(schemamodel.KindString)
		case "number":
			return mk(schemamodel.KindNumber)
		case "boolean":
			return mk(schemamodel.KindBoolean)
		case "any", "unknown":
			return mk(schemamodel.KindAny)
		case "null":
			return mk(schemamodel.KindNull)
		case "object":
			s := mk(schemamodel.KindObject)
			s.Additional = mk(schemamodel.KindAny)
			return s
		}
		return cv.nonData("%s is %s, not a JSON value", at(path), t.name)
	case typeLiteral:
		return literalSchema(t, pos)
	case typeTemplate:
		pattern, ok := templatePattern(t)
		if !ok {
			return cv.nonData("%s is a template literal type with holes other than string and number", at(path))
		}
		s := mk(schemamodel.KindString)
		s.Pattern = pattern
		return s
	case typeRef:
		return cv.ref(t, path)
	case typeArray:
		s := mk(schemamodel.KindArray)
		s.Items = cv.typ(t.elem, path+"[]")
		return s
	case typeTuple:
		if t.optional || t.rest {
			return cv.nonData("%s is a tuple with optional or rest elements", at(path))
		}
		s := mk(schemamodel.KindArray)
		// Not nil even for the empty tuple "[]": PrefixItems set is what makes it a tuple.
		s.PrefixItems = make([]*schemamodel.Schema, 0, len(t.args))
		for i, a := range t.args {
			s.PrefixItems = append(s.PrefixItems, cv.typ(a, fmt.Sprintf("%s[%d]", path, i)))
		}
		return s
	case typeUnion:
		return cv.union(t, path)
	case typeIntersection:
		s := mk(schemamodel.KindAll)
		for _, a := range t.args {
			s.AllOf = append(s.AllOf, cv.typ(a, path))
		}
		return s
	case typeObject:
		s := cv.object(t.members, path)
		s.Pos = pos
		return s
	case typeOperator:
		if t.name == "readonly" {
			return cv.typ(t.elem, path)
		}
		return cv.nonData("%s is a %s type operator", at(path), t.name)
	case typeFunction:
		return cv.nonData("%s is a function type", at(path))
	case typeIndexed:
		return cv.nonData("%s is an indexed access type", at(path))
	case typeMapped:
		return cv.nonData("%s is a mapped type", at(path))
	case typeConditional:
		return cv.nonData("%s is a conditional type", at(path))
	case typeImport:
		return cv.nonData("%s is a type imported from module '%s'", at(path), t.module)
	case typeQuery:
		return cv.nonData("%s is a typeof query", at(path))
	}
	return cv.nonData("%s is not a data type", at(path))
}

func literalSchema(t *typeExpr, pos schemamodel.Pos) *schemamodel.Schema {
	kind := schemamodel.KindString
	switch t.litKind {
	case litNumber:
		kind = schemamodel.KindNumber
	case litBoolean:
		kind = schemamodel.KindBoolean
	}
	return &schemamodel.Schema{Kind: kind, Enum: []string{t.lit}, Pos: pos}
}

func (cv *typeConv) ref(t *typeExpr, path string) *schemamodel.Schema {
	name := strings.Join(t.path, ".")
	pos := cv.pos(t.line)
	switch t.res.kind {
	case resDecl:
		if len(t.args) > 0 {
			return cv.nonData("%s applies the generic type %s", at(path), name)
		}
		return cv.refTo(t.res.decl, t.line, path)
	case resEnumMember:
		kind := schemamodel.KindNumber
		if t.res.enumMember.isString {
			kind = schemamodel.KindString
		}
		return &schemamodel.Schema{Kind: kind, Enum: []string{t.res.enumMember.value}, Pos: pos}
	case resBuiltin:
		if name == "Record" {
			return cv.record(t, path)
		}
		s := &schemamodel.Schema{Kind: schemamodel.KindArray, Pos: pos}
		s.Items = cv.typ(t.args[0], path+"[]")
		return s
	case resTypeParam:
		return cv.nonData("%s refers to the type parameter %s", at(path), name)
	case resOpaque:
		return cv.nonData("%s refers to %s, which the options name opaque", at(path), name)
	}
	return cv.nonData("%s refers to %s, which is not resolved", at(path), name)
}

// record converts Record<K, V>: a map for string keys, named members for literal keys.
func (cv *typeConv) record(t *typeExpr, path string) *schemamodel.Schema {
	key, valueType := t.args[0], t.args[1]
	s := &schemamodel.Schema{Kind: schemamodel.KindObject, Pos: cv.pos(t.line)}
	value := cv.typ(valueType, path+"[*]")
	switch {
	case key.kind == typeKeyword && key.name == "string":
		s.Additional = value
		return s
	case key.kind == typeTemplate:
		if pattern, ok := templatePattern(key); ok {
			s.PatternMembers = []schemamodel.PatternMember{{Pattern: pattern, Schema: value}}
			return s
		}
	}
	keys := []*typeExpr{key}
	if key.kind == typeUnion {
		keys = key.args
	}
	for _, k := range keys {
		var name string
		switch {
		case k.kind == typeLiteral && k.litKind == litString:
			name = k.lit
		case k.kind == typeRef && k.res.kind == resEnumMember && k.res.enumMember.isString:
			name = k.res.enumMember.value
		default:
			return cv.nonData("%s is a Record keyed by %s, not by strings", at(path), exprString(k))
		}
		// Every key has the one value type: the members share its schema rather than copy it,
		// which would cost the value's size once per key.
		s.Members = append(s.Members, schemamodel.Member{Name: name, Required: true, Schema: value, Pos: cv.pos(k.line)})
	}
	return s
}

// union converts A | B: string literals become one string enum, number literals one number
// enum, null makes the rest nullable, and what remains of several alternatives is a KindUnion.
func (cv *typeConv) union(t *typeExpr, path string) *schemamodel.Schema {
	pos := cv.pos(t.line)
	var alts []*schemamodel.Schema
	var strs, nums *schemamodel.Schema
	nullable := false
	bools := map[string]bool{}
	var boolSchema *schemamodel.Schema
	// seen keeps the literals gathered so far, by kind and value, so that a repeated literal
	// is listed once without rescanning the enum.
	seen := map[literalKey]bool{}
	add := func(s *schemamodel.Schema, kind literalKind, v string) {
		if k := (literalKey{kind, v}); !seen[k] {
			seen[k] = true
			s.Enum = append(s.Enum, v)
		}
	}
	for _, a := range t.args {
		lit, litKind, isLit := literalOf(a)
		switch {
		case a.kind == typeKeyword && a.name == "null":
			nullable = true
		case a.kind == typeKeyword && a.name == "undefined":
			return cv.nonData("%s has undefined in a union outside a member's type", at(path))
		case isLit && litKind == litString:
			if strs == nil {
				strs = &schemamodel.Schema{Kind: schemamodel.KindString, Pos: cv.pos(a.line)}
				alts = append(alts, strs)
			}
			add(strs, litString, lit)
		case isLit && litKind == litNumber:
			if nums == nil {
				nums = &schemamodel.Schema{Kind: schemamodel.KindNumber, Pos: cv.pos(a.line)}
				alts = append(alts, nums)
			}
			add(nums, litNumber, lit)
		case isLit && litKind == litBoolean:
			if boolSchema == nil {
				boolSchema = &schemamodel.Schema{Kind: schemamodel.KindBoolean, Pos: cv.pos(a.line)}
				alts = append(alts, boolSchema)
			}
			bools[lit] = true
			add(boolSchema, litBoolean, lit)
		default:
			alts = append(alts, cv.typ(a, path))
		}
	}
	if len(bools) == 2 {
		boolSchema.Enum = nil // true | false is boolean
	}
	var s *schemamodel.Schema
	switch len(alts) {
	case 0:
		return &schemamodel.Schema{Kind: schemamodel.KindNull, Pos: pos}
	case 1:
		s = alts[0]
	default:
		s = &schemamodel.Schema{Kind: schemamodel.KindUnion, OneOf: alts, Pos: pos}
	}
	s.Nullable = s.Nullable || nullable
	return s
}

// literalOf reports a literal type's value, an enum member's included.
func literalOf(t *typeExpr) (string, literalKind, bool) {
	switch {
	case t.kind == typeLiteral:
		return t.lit, t.litKind, true
	case t.kind == typeRef && t.res.kind == resEnumMember:
		if t.res.enumMember.isString {
			return t.res.enumMember.value, litString, true
		}
		return t.res.enumMember.value, litNumber, true
	}
	return "", 0, false
}

type literalKey struct {
	kind  literalKind
	value string
}

// numberPattern is what ${number} matches in a template literal type: a JSON number's text.
const numberPattern = `-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`

// templatePattern turns a template literal type whose holes are string or number into an
// anchored regular expression.
func templatePattern(t *typeExpr) (string, bool) {
	var b strings.Builder
	b.WriteString("^")
	for i, q := range t.quasis {
		b.WriteString(regexp.QuoteMeta(q))
		if i == len(t.holes) {
			break
		}
		h := t.holes[i]
		switch {
		case h.kind == typeKeyword && h.name == "string":
			b.WriteString(".*")
		case h.kind == typeKeyword && h.name == "number":
			b.WriteString(numberPattern)
		default:
			return "", false
		}
	}
	b.WriteString("$")
	return b.String(), true
}

// readWebhooks turns the webhook map's members into the document's webhooks.
// A map the files do not declare is the caller's mistake, not the files': it is the error
// returned, with no position.
func readWebhooks(doc *schemamodel.Document, name string, probs *problems) error {
	var nonData *schemamodel.Declaration
	for i := range doc.NonData {
		if doc.NonData[i].Name == name {
			nonData = &doc.NonData[i]
		}
	}
	if nonData != nil {
		probs.add(errorAt(nonData.Pos.File, nonData.Pos.Line, "the webhook map %s is not a data shape: %s", name, nonData.Reason))
		return nil
	}
	t := doc.Type(name)
	if t == nil {
		return fmt.Errorf("tsdecl: the webhook map %s (Options.WebhookMap) is declared in none of the files read", name)
	}
	s := t.Schema
	if s.Kind != schemamodel.KindObject {
		probs.add(errorAt(s.Pos.File, s.Pos.Line, "the webhook map %s is %s, not an object type whose members are event types", name, s.Kind))
		return nil
	}
	if s.Additional != nil || len(s.PatternMembers) > 0 {
		probs.add(errorAt(s.Pos.File, s.Pos.Line, "the webhook map %s has an index signature: only members naming one event type each are read", name))
		return nil
	}
	for _, m := range s.Members {
		doc.Webhooks = append(doc.Webhooks, schemamodel.Webhook{
			Event: m.Name, Schema: m.Schema, Description: m.Schema.Description,
			Deprecated: m.Schema.Deprecated, Pos: m.Pos,
		})
	}
	return nil
}
