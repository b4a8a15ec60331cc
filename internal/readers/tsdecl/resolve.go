package tsdecl

import (
	"strings"
)

// symbol is what a name means in a module: a type (interface, type alias, enum, class or import
// alias), a namespace, or both; values (functions, variables) are recorded only so that typeof
// can find them.
type symbol struct {
	typ   *decl
	ns    bool
	value *decl
}

// builtinArity are the TypeScript library's generic types the reader understands, with their
// number of type arguments.
var builtinArity = map[string]int{"Array": 1, "ReadonlyArray": 1, "Record": 2}

// resolver resolves every name the declarations use, as TypeScript scopes them: a name is looked
// up in the namespace that uses it, then in each enclosing one, then at the module's top, then
// outside any module; a qualified name's first part is a namespace, an enum or an import alias.
type resolver struct {
	// syms are keyed by module name, "\x00", dotted name.
	syms   map[string]*symbol
	decls  []*decl
	opaque map[string]bool
	probs  *problems
	// enumIndex maps an enum's member names to their index, built on first use.
	enumIndex map[*decl]map[string]int
	// aliasKey is an import alias's resolved target key; aliasBusy detects alias cycles.
	aliasKey  map[*decl]string
	aliasBusy map[*decl]bool
}

func symKey(module, name string) string { return module + "\x00" + name }

func newResolver(decls []*decl, opaque []string, probs *problems) *resolver {
	r := &resolver{
		syms: map[string]*symbol{}, decls: decls, opaque: map[string]bool{}, probs: probs,
		enumIndex: map[*decl]map[string]int{}, aliasKey: map[*decl]string{}, aliasBusy: map[*decl]bool{},
	}
	for _, o := range opaque {
		r.opaque[o] = true
	}
	for _, d := range decls {
		for i := range d.scope {
			r.sym(symKey(d.module, strings.Join(d.scope[:i+1], "."))).ns = true
		}
		s := r.sym(symKey(d.module, d.name))
		switch d.kind {
		case declFunction, declVariable:
			if s.value == nil {
				s.value = d
			}
		default:
			if s.typ != nil && s.typ.kind == declInterface && d.kind == declInterface && len(s.typ.typeParams) == len(d.typeParams) {
				s.typ.partners = append(s.typ.partners, d)
				d.mergedInto = s.typ
				continue
			}
			if s.typ != nil {
				probs.add(errorAt(d.file, d.line, "%s is already declared at %s:%d (only interfaces merge)", d.name, s.typ.file, s.typ.line))
				continue
			}
			s.typ = d
			if d.kind == declClass || d.kind == declEnum {
				s.value = d
			}
		}
	}
	return r
}

func (r *resolver) sym(key string) *symbol {
	s := r.syms[key]
	if s == nil {
		s = &symbol{}
		r.syms[key] = s
	}
	return s
}

// typeScope is a chain of type parameter names in scope.
type typeScope struct {
	names  []string
	parent *typeScope
}

func (s *typeScope) has(name string) bool {
	for ; s != nil; s = s.parent {
		for _, n := range s.names {
			if n == name {
				return true
			}
		}
	}
	return false
}

func withParams(parent *typeScope, params []*typeParam) *typeScope {
	if len(params) == 0 {
		return parent
	}
	s := &typeScope{parent: parent}
	for _, p := range params {
		s.names = append(s.names, p.name)
	}
	return s
}

func (r *resolver) resolveAll() {
	for _, d := range r.decls {
		r.decl(d)
	}
}

func (r *resolver) decl(d *decl) {
	ts := withParams(nil, d.typeParams)
	r.typeParams(d, ts, d.typeParams)
	for _, h := range d.heritage {
		r.typ(d, ts, h)
	}
	r.members(d, ts, d.members)
	if d.typ != nil {
		r.typ(d, ts, d.typ)
	}
	if d.sig != nil {
		r.sig(d, ts, d.sig)
	}
	if d.kind == declImport {
		r.importTarget(d)
	}
}

func (r *resolver) typeParams(d *decl, ts *typeScope, params []*typeParam) {
	for _, p := range params {
		if p.constraint != nil {
			r.typ(d, ts, p.constraint)
		}
		if p.dflt != nil {
			r.typ(d, ts, p.dflt)
		}
	}
}

func (r *resolver) members(d *decl, ts *typeScope, members []*member) {
	for _, m := range members {
		if m.computed != nil && m.computed.kind == typeRef {
			r.typ(d, ts, m.computed)
		}
		if m.indexKey != nil {
			r.typ(d, ts, m.indexKey)
		}
		if m.typ != nil {
			r.typ(d, ts, m.typ)
		}
		if m.sig != nil {
			r.sig(d, ts, m.sig)
		}
	}
}

func (r *resolver) sig(d *decl, ts *typeScope, s *signature) {
	ts = withParams(ts, s.typeParams)
	r.typeParams(d, ts, s.typeParams)
	for _, p := range s.params {
		if p.typ != nil {
			r.typ(d, ts, p.typ)
		}
	}
	if s.result != nil {
		r.typ(d, ts, s.result)
	}
}

func (r *resolver) typ(d *decl, ts *typeScope, t *typeExpr) {
	switch t.kind {
	case typeRef:
		r.ref(d, ts, t)
	case typeQuery:
		if _, _, found := r.find(d, t.path, false, t.line); !found && !r.opaque[t.path[0]] {
			r.probs.add(errorAt(d.file, t.line, "unknown name %s in typeof", strings.Join(t.path, ".")))
		}
	case typeMapped:
		r.typ(d, ts, t.elem)
		inner := &typeScope{names: []string{t.name}, parent: ts}
		if t.index != nil {
			r.typ(d, inner, t.index)
		}
		r.typ(d, inner, t.yes)
		return
	case typeConditional:
		r.typ(d, ts, t.check)
		r.typ(d, ts, t.ext)
		inner := &typeScope{names: inferNames(t.ext, nil), parent: ts}
		r.typ(d, inner, t.yes)
		r.typ(d, ts, t.no)
		return
	case typeFunction:
		r.sig(d, ts, t.sig)
		return
	}
	for _, a := range t.args {
		r.typ(d, ts, a)
	}
	for _, h := range t.holes {
		r.typ(d, ts, h)
	}
	if t.elem != nil {
		r.typ(d, ts, t.elem)
	}
	if t.index != nil {
		r.typ(d, ts, t.index)
	}
	r.members(d, ts, t.members)
}

// inferNames lists the type parameters a conditional type's extends clause declares with infer.
func inferNames(t *typeExpr, names []string) []string {
	if t == nil {
		return names
	}
	if t.kind == typeInfer {
		return append(names, t.name)
	}
	for _, a := range t.args {
		names = inferNames(a, names)
	}
	for _, h := range t.holes {
		names = inferNames(h, names)
	}
	names = inferNames(t.elem, names)
	names = inferNames(t.index, names)
	for _, m := range t.members {
		names = inferNames(m.typ, names)
	}
	return names
}

// ref resolves a reference in a type position and checks its number of type arguments.
func (r *resolver) ref(d *decl, ts *typeScope, t *typeExpr) {
	for _, a := range t.args {
		r.typ(d, ts, a)
	}
	name := strings.Join(t.path, ".")
	if len(t.path) == 1 && ts.has(t.path[0]) {
		t.res = resolution{kind: resTypeParam}
		if len(t.args) > 0 {
			r.probs.add(errorAt(d.file, t.line, "type parameter %s takes no type arguments", name))
		}
		return
	}
	key, em, found := r.find(d, t.path, true, t.line)
	switch {
	case em.decl != nil:
		t.res = em
		if len(t.args) > 0 {
			r.probs.add(errorAt(d.file, t.line, "enum member %s takes no type arguments", name))
		}
		return
	case found:
		s := r.syms[key]
		if s.typ == nil {
			r.probs.add(errorAt(d.file, t.line, "%s is not a type", name))
			return
		}
		t.res = resolution{kind: resDecl, decl: s.typ}
		r.checkArity(d, t, name, s.typ.typeParams)
		return
	case key == "": // an error was reported
		return
	}
	if n, ok := builtinArity[name]; ok {
		t.res = resolution{kind: resBuiltin}
		if len(t.args) != n {
			r.probs.add(errorAt(d.file, t.line, "%s takes %d type arguments, found %d", name, n, len(t.args)))
		}
		return
	}
	if r.opaque[name] || r.opaque[t.path[0]] {
		t.res = resolution{kind: resOpaque}
		return
	}
	r.probs.add(errorAt(d.file, t.line, "unknown type %s: it is declared in none of the files read, and the options do not name it opaque", name))
}

func (r *resolver) checkArity(d *decl, t *typeExpr, name string, params []*typeParam) {
	required := 0
	for _, p := range params {
		if p.dflt == nil {
			required++
		}
	}
	switch {
	case len(params) == 0 && len(t.args) > 0:
		r.probs.add(errorAt(d.file, t.line, "%s is not generic, found %d type arguments", name, len(t.args)))
	case len(t.args) < required || len(t.args) > len(params):
		r.probs.add(errorAt(d.file, t.line, "%s takes %d to %d type arguments, found %d", name, required, len(params), len(t.args)))
	}
}

// find looks path up as seen from d. It returns the symbol's key or, for "Enum.Member", the
// enum member's resolution. When nothing is declared, found is false and key is "none"; when
// the lookup failed with an error (reported), key is "". needType skips names that are only
// namespaces or values, as TypeScript does for a single name in a type position.
func (r *resolver) find(d *decl, path []string, needType bool, line int) (key string, em resolution, found bool) {
	modules := []string{d.module}
	if d.module != "" {
		modules = append(modules, "")
	}
	for _, mod := range modules {
		scope := d.scope
		if mod != d.module {
			scope = nil
		}
		for i := len(scope); i >= 0; i-- {
			name := path[0]
			if i > 0 {
				name = strings.Join(scope[:i], ".") + "." + path[0]
			}
			k := symKey(mod, name)
			s := r.syms[k]
			if s == nil {
				continue
			}
			if len(path) == 1 {
				if needType && s.typ == nil {
					continue
				}
				return k, resolution{}, true
			}
			if !s.ns && (s.typ == nil || s.typ.kind != declEnum && s.typ.kind != declImport) {
				continue
			}
			return r.walk(d, k, path, line)
		}
	}
	return "none", resolution{}, false
}

// walk follows the rest of a qualified name from the symbol at key (path[0]).
func (r *resolver) walk(d *decl, key string, path []string, line int) (string, resolution, bool) {
	for i := 1; i < len(path); i++ {
		s := r.syms[key]
		if s.typ != nil && s.typ.kind == declImport && !s.ns {
			target := r.importTarget(s.typ)
			if target == "" {
				return "", resolution{}, false
			}
			key, s = target, r.syms[target]
		}
		next := key + "." + path[i]
		if r.syms[next] != nil {
			key = next
			continue
		}
		if s.typ != nil && s.typ.kind == declEnum && i == len(path)-1 {
			if m := r.enumMember(s.typ, path[i]); m != nil {
				return key, resolution{kind: resEnumMember, decl: s.typ, enumMember: m}, false
			}
			r.probs.add(errorAt(d.file, line, "enum %s has no member %s", s.typ.name, path[i]))
			return "", resolution{}, false
		}
		r.probs.add(errorAt(d.file, line, "%s has no member %s", strings.Join(path[:i], "."), path[i]))
		return "", resolution{}, false
	}
	return key, resolution{}, true
}

func (r *resolver) enumMember(e *decl, name string) *enumMember {
	idx := r.enumIndex[e]
	if idx == nil {
		idx = make(map[string]int, len(e.enum))
		for i, m := range e.enum {
			idx[m.name] = i
		}
		r.enumIndex[e] = idx
	}
	if i, ok := idx[name]; ok {
		return &e.enum[i]
	}
	return nil
}

// importTarget resolves an import alias's target to its symbol key, or "" after reporting why
// it cannot.
func (r *resolver) importTarget(d *decl) string {
	if k, ok := r.aliasKey[d]; ok {
		return k
	}
	if r.aliasBusy[d] {
		r.probs.add(errorAt(d.file, d.line, "import alias %s refers to itself", d.name))
		r.aliasKey[d] = ""
		return ""
	}
	r.aliasBusy[d] = true
	key, em, found := r.find(d, d.target.path, false, d.target.line)
	switch {
	case em.decl != nil:
		r.probs.add(errorAt(d.file, d.line, "import alias %s names an enum member; only types and namespaces are read", d.name))
		key = ""
	case found:
		if s := r.syms[key]; s.typ != nil {
			d.target.res = resolution{kind: resDecl, decl: s.typ}
		}
	case key != "":
		r.probs.add(errorAt(d.file, d.line, "import alias %s: unknown name %s", d.name, strings.Join(d.target.path, ".")))
		key = ""
	}
	r.aliasKey[d] = key
	return key
}
