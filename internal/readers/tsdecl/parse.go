package tsdecl

import (
	"strconv"
	"strings"
)

// parser is a recursive-descent parser over one file's tokens. Every function consumes at least
// one token or fails, and lookahead is at most three tokens, so parsing time is linear in the
// file's size; nesting is bounded by maxDepth.
type parser struct {
	file     string
	toks     []token
	pos      int
	depth    int
	maxDepth int
	decls    []*decl
	// module and scope are where the declarations being parsed go.
	module string
	scope  []string
}

// bailout carries a parse error up through the recursive descent; parseFile recovers it and
// only it.
type bailout struct{ err error }

// parseFile parses one file's tokens into its declarations.
func parseFile(file string, toks []token, maxDepth int) (decls []*decl, err error) {
	p := &parser{file: file, toks: toks, maxDepth: maxDepth}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			decls, err = nil, b.err
		}
	}()
	for p.peek().kind != tokEOF {
		p.statement()
	}
	return p.decls, nil
}

func (p *parser) failf(line int, format string, args ...any) {
	panic(bailout{errorAt(p.file, line, format, args...)})
}

func (p *parser) peek() token { return p.toks[p.pos] }

// peekAt is the token n places ahead, or the final EOF.
func (p *parser) peekAt(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

// is reports whether the next token is the punctuation or word s.
func (p *parser) is(s string) bool {
	t := p.peek()
	return (t.kind == tokPunct || t.kind == tokIdent) && t.text == s
}

func (p *parser) isAt(n int, s string) bool {
	t := p.peekAt(n)
	return (t.kind == tokPunct || t.kind == tokIdent) && t.text == s
}

// accept consumes the next token when it is s.
func (p *parser) accept(s string) bool {
	if p.is(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(s, what string) token {
	if !p.is(s) {
		t := p.peek()
		p.failf(t.line, "expected '%s' %s, found %s", s, what, t)
	}
	return p.next()
}

func (p *parser) identifier(what string) token {
	t := p.peek()
	if t.kind != tokIdent {
		p.failf(t.line, "expected %s, found %s", what, t)
	}
	return p.next()
}

// enter counts one more level of nesting and fails past the limit; leave undoes it.
func (p *parser) enter(line int) {
	p.depth++
	if p.depth > p.maxDepth {
		p.failf(line, "nesting deeper than %d levels", p.maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// endStatement accepts the end of a declaration: a ";", or TypeScript's automatic semicolon
// before a line break, a "}" or the end of the file.
func (p *parser) endStatement(what string) {
	if p.accept(";") {
		return
	}
	t := p.peek()
	if t.newline || t.kind == tokEOF || p.is("}") {
		return
	}
	p.failf(t.line, "expected ';' after %s, found %s", what, t)
}

func (p *parser) dotted(name string) string {
	if len(p.scope) == 0 {
		return name
	}
	return strings.Join(p.scope, ".") + "." + name
}

func (p *parser) add(d *decl) {
	d.module = p.module
	d.scope = p.scope
	d.file = p.file
	p.decls = append(p.decls, d)
}

// statement parses one top-level or namespace statement.
func (p *parser) statement() {
	start := p.peek()
	if p.accept(";") {
		return
	}
	// Modifiers change nothing the reader models: every declaration of the files is read,
	// exported or not, ambient or not.
	for p.is("export") || p.is("declare") || p.is("default") || p.is("abstract") {
		if p.is("abstract") && !p.isAt(1, "class") {
			break
		}
		p.next()
	}
	t := p.peek()
	if t.kind != tokIdent {
		p.failf(t.line, "expected a declaration, found %s", t)
	}
	switch t.text {
	case "module", "namespace", "global":
		p.moduleOrNamespace()
	case "interface":
		p.interfaceDecl(start.doc)
	case "type":
		p.aliasDecl(start.doc)
	case "enum":
		p.enumDecl(start.doc)
	case "class":
		p.classDecl(start.doc)
	case "function":
		p.functionDecl(start.doc)
	case "const":
		if p.isAt(1, "enum") {
			p.next()
			p.enumDecl(start.doc)
			return
		}
		p.variableDecl(start.doc)
	case "let", "var":
		p.variableDecl(start.doc)
	case "import":
		p.importDecl(start.doc)
	default:
		p.failf(t.line, "expected a declaration (interface, type, enum, class, function, const, namespace, declare module), found %s", t)
	}
}

// moduleOrNamespace parses "declare module 'name' { }", "namespace A.B { }" and
// "declare global { }".
func (p *parser) moduleOrNamespace() {
	kw := p.next()
	savedModule, savedScope := p.module, p.scope
	defer func() { p.module, p.scope = savedModule, savedScope }()
	switch {
	case kw.text == "global":
		p.module, p.scope = "", nil
	case kw.text == "module" && p.peek().kind == tokString:
		if len(p.scope) > 0 || p.depth > 0 {
			p.failf(kw.line, "declare module '%s' inside another module or namespace", p.peek().text)
		}
		p.module = p.next().text
	default:
		scope := append([]string(nil), p.scope...)
		scope = append(scope, p.identifier("a namespace name").text)
		for p.accept(".") {
			scope = append(scope, p.identifier("a namespace name").text)
		}
		p.scope = scope
	}
	if kw.text == "module" && !p.is("{") && p.module != savedModule {
		// "declare module 'x';" declares a module without a body: its contents are unknown.
		p.failf(kw.line, "module '%s' is declared without a body: its types cannot be read", p.module)
	}
	p.enter(kw.line)
	p.expect("{", "to open the "+kw.text+"'s body")
	for !p.is("}") {
		if p.peek().kind == tokEOF {
			p.failf(kw.line, "%s body opened here is not closed", kw.text)
		}
		p.statement()
	}
	p.next()
	p.leave()
}

func (p *parser) interfaceDecl(doc string) {
	p.next()
	name := p.identifier("an interface name")
	d := &decl{kind: declInterface, keyword: "interface", name: p.dotted(name.text), line: name.line, doc: doc}
	d.typeParams = p.typeParams()
	if p.accept("extends") {
		d.heritage = p.heritageList()
	}
	d.members = p.objectMembers(false)
	p.add(d)
}

// heritageList parses "A, B.C<T>" after extends or implements.
func (p *parser) heritageList() []*typeExpr {
	var list []*typeExpr
	for {
		t := p.identifier("a type name")
		list = append(list, p.reference(t))
		if !p.accept(",") {
			return list
		}
	}
}

func (p *parser) aliasDecl(doc string) {
	p.next()
	name := p.identifier("a type name")
	d := &decl{kind: declAlias, keyword: "type", name: p.dotted(name.text), line: name.line, doc: doc}
	d.typeParams = p.typeParams()
	p.expect("=", "after the type's name")
	d.typ = p.parseType()
	p.endStatement("type " + name.text)
	p.add(d)
}

func (p *parser) enumDecl(doc string) {
	p.next()
	name := p.identifier("an enum name")
	d := &decl{kind: declEnum, keyword: "enum", name: p.dotted(name.text), line: name.line, doc: doc}
	p.expect("{", "to open the enum's body")
	seen := map[string]int{}
	next, nextOK := 0.0, true // the value an initializer-less member takes, as TypeScript numbers them
	for !p.accept("}") {
		t := p.next()
		var m enumMember
		m.line, m.doc = t.line, t.doc
		switch t.kind {
		case tokIdent, tokString:
			m.name = t.text
		default:
			p.failf(t.line, "expected an enum member name in enum %s, found %s", name.text, t)
		}
		if prev, dup := seen[m.name]; dup {
			p.failf(t.line, "enum %s: member %s is declared twice (first at line %d)", name.text, m.name, prev)
		}
		seen[m.name] = t.line
		if p.accept("=") {
			v := p.next()
			neg := false
			if v.kind == tokPunct && v.text == "-" {
				neg, v = true, p.next()
			}
			switch {
			case v.kind == tokString && !neg:
				m.value, m.isString = v.text, true
				nextOK = false
			case v.kind == tokNumber:
				f, ok := numberValue(v.text)
				if !ok {
					p.failf(v.line, "enum %s: member %s: value %s is not a number JSON can carry", name.text, m.name, v.text)
				}
				if neg {
					f = -f
				}
				m.value = formatNumber(f)
				next, nextOK = f+1, true
			default:
				p.failf(v.line, "enum %s: member %s: only string and number literal values are read, found %s", name.text, m.name, v)
			}
			if !p.is(",") && !p.is("}") {
				p.failf(p.peek().line, "enum %s: member %s: only string and number literal values are read, found %s after the value", name.text, m.name, p.peek())
			}
		} else {
			if !nextOK {
				p.failf(t.line, "enum %s: member %s needs a value: it follows a string member", name.text, m.name)
			}
			m.value = formatNumber(next)
			next++
		}
		d.enum = append(d.enum, m)
		if !p.accept(",") && !p.is("}") {
			p.failf(p.peek().line, "expected ',' or '}' after enum member %s, found %s", m.name, p.peek())
		}
	}
	p.add(d)
}

func (p *parser) classDecl(doc string) {
	p.next()
	name := p.identifier("a class name")
	d := &decl{kind: declClass, keyword: "class", name: p.dotted(name.text), line: name.line, doc: doc}
	d.typeParams = p.typeParams()
	if p.accept("extends") {
		d.heritage = append(d.heritage, p.heritageList()...)
	}
	if p.accept("implements") {
		d.heritage = append(d.heritage, p.heritageList()...)
	}
	d.members = p.objectMembers(true)
	p.add(d)
}

func (p *parser) functionDecl(doc string) {
	p.next()
	name := p.identifier("a function name")
	d := &decl{kind: declFunction, keyword: "function", name: p.dotted(name.text), line: name.line, doc: doc}
	d.sig = p.signature(":")
	p.endStatement("function " + name.text)
	p.add(d)
}

func (p *parser) variableDecl(doc string) {
	kw := p.next()
	for {
		name := p.identifier("a variable name")
		d := &decl{kind: declVariable, keyword: kw.text, name: p.dotted(name.text), line: name.line, doc: doc}
		if p.accept(":") {
			d.typ = p.parseType()
		}
		if p.accept("=") {
			// Declarations may only initialise a const with a literal.
			v := p.next()
			if v.kind == tokPunct && v.text == "-" {
				v = p.next()
			}
			if v.kind != tokString && v.kind != tokNumber && !(v.kind == tokIdent && (v.text == "true" || v.text == "false")) {
				p.failf(v.line, "%s %s: only a literal initialiser is read, found %s", kw.text, name.text, v)
			}
		}
		p.add(d)
		if !p.accept(",") {
			break
		}
	}
	p.endStatement(kw.text + " declaration")
}

// importDecl parses "import A = B.C;", an alias; other imports bring names from modules the
// reader is not given, so they are errors.
func (p *parser) importDecl(doc string) {
	kw := p.next()
	name := p.peek()
	if name.kind != tokIdent || !p.isAt(1, "=") || p.isAt(2, "require") {
		p.failf(kw.line, "import declarations are not read (only \"import Name = Other.Name\"): the reader resolves names among the files it is given")
	}
	p.next()
	p.next()
	first := p.identifier("a name to alias")
	d := &decl{kind: declImport, keyword: "import", name: p.dotted(name.text), line: name.line, doc: doc}
	d.target = &typeExpr{kind: typeRef, line: first.line, path: []string{first.text}}
	for p.accept(".") {
		d.target.path = append(d.target.path, p.identifier("a name").text)
	}
	p.endStatement("import " + name.text)
	p.add(d)
}

// typeParams parses an optional "<T extends C = D, ...>".
func (p *parser) typeParams() []*typeParam {
	if !p.is("<") {
		return nil
	}
	open := p.next()
	var list []*typeParam
	for !p.accept(">") {
		for p.is("in") || p.is("out") || p.is("const") {
			if p.peekAt(1).kind != tokIdent {
				break
			}
			p.next()
		}
		tp := &typeParam{name: p.identifier("a type parameter name").text}
		if p.accept("extends") {
			tp.constraint = p.parseType()
		}
		if p.accept("=") {
			tp.dflt = p.parseType()
		}
		list = append(list, tp)
		if !p.accept(",") && !p.is(">") {
			p.failf(p.peek().line, "expected ',' or '>' in the type parameters opened at line %d, found %s", open.line, p.peek())
		}
	}
	if len(list) == 0 {
		p.failf(open.line, "empty type parameter list")
	}
	return list
}

// signature parses "<T>(params): Result"; arrow is ":" for declarations and "=>" for function
// types, where the result is required.
func (p *parser) signature(arrow string) *signature {
	s := &signature{typeParams: p.typeParams()}
	open := p.expect("(", "to open the parameters")
	p.enter(open.line)
	for !p.accept(")") {
		var pm param
		if p.accept("...") {
			pm.rest = true
		}
		t := p.peek()
		if t.kind != tokIdent {
			p.failf(t.line, "expected a parameter name, found %s (destructuring patterns are not read)", t)
		}
		pm.name = p.next().text
		pm.optional = p.accept("?")
		if p.accept(":") {
			pm.typ = p.parseType()
		}
		s.params = append(s.params, pm)
		if !p.accept(",") && !p.is(")") {
			p.failf(p.peek().line, "expected ',' or ')' in the parameters opened at line %d, found %s", open.line, p.peek())
		}
	}
	p.leave()
	if arrow == "=>" {
		p.expect("=>", "after a function type's parameters")
		s.result = p.returnType()
	} else if p.accept(":") {
		s.result = p.returnType()
	}
	return s
}

// returnType parses a result type, which may be a type predicate ("x is T", "asserts x").
func (p *parser) returnType() *typeExpr {
	t := p.peek()
	if t.kind == tokIdent && t.text == "asserts" && p.peekAt(1).kind == tokIdent && !p.peekAt(1).newline {
		p.next()
		subject := p.next()
		pred := &typeExpr{kind: typePredicate, line: t.line, name: subject.text}
		if p.accept("is") {
			pred.elem = p.parseType()
		}
		return pred
	}
	if t.kind == tokIdent && p.isAt(1, "is") && !p.peekAt(1).newline {
		p.next()
		p.next()
		return &typeExpr{kind: typePredicate, line: t.line, name: t.text, elem: p.parseType()}
	}
	return p.parseType()
}

// classModifiers are the words that may precede a class member without being its name.
var classModifiers = map[string]bool{
	"public": true, "private": true, "protected": true, "static": true, "readonly": true,
	"abstract": true, "declare": true, "override": true, "accessor": true,
}

// objectMembers parses "{ members }" of an interface, a class (inClass) or an object type.
func (p *parser) objectMembers(inClass bool) []*member {
	open := p.expect("{", "to open the body")
	p.enter(open.line)
	var members []*member
	for !p.accept("}") {
		if p.peek().kind == tokEOF {
			p.failf(open.line, "'{' opened here is not closed")
		}
		if p.accept(";") || p.accept(",") {
			continue
		}
		members = append(members, p.member(inClass))
		if p.accept(";") || p.accept(",") {
			continue
		}
		if t := p.peek(); !t.newline && !p.is("}") {
			p.failf(t.line, "expected ';' after the member, found %s", t)
		}
	}
	p.leave()
	return members
}

// isMemberModifier reports whether the word at the cursor modifies the member that follows
// rather than naming it ("readonly x: T" against "readonly: boolean").
func (p *parser) isMemberModifier(inClass bool) bool {
	t := p.peek()
	if t.kind != tokIdent {
		return false
	}
	if t.text != "readonly" && !(inClass && (classModifiers[t.text] || t.text == "get" || t.text == "set")) {
		return false
	}
	n := p.peekAt(1)
	if n.newline {
		return false
	}
	switch n.kind {
	case tokIdent, tokString, tokNumber:
		return true
	case tokPunct:
		return n.text == "[" || n.text == "*"
	}
	return false
}

func (p *parser) member(inClass bool) *member {
	first := p.peek()
	m := &member{line: first.line, doc: first.doc}
	accessor := ""
	for p.isMemberModifier(inClass) {
		if w := p.next().text; w == "get" || w == "set" {
			accessor = w
		}
	}
	t := p.peek()
	switch {
	case t.kind == tokPunct && (t.text == "(" || t.text == "<"):
		m.kind, m.sig = memCall, p.signature(":")
		return m
	case t.kind == tokIdent && t.text == "new" && (p.isAt(1, "(") || p.isAt(1, "<")):
		p.next()
		m.kind, m.sig = memConstruct, p.signature(":")
		return m
	case t.kind == tokPunct && t.text == "[":
		if p.peekAt(1).kind == tokIdent && p.isAt(2, ":") {
			// An index signature: [key: K]: V.
			p.next()
			m.kind, m.name = memIndex, p.next().text
			p.next()
			m.indexKey = p.parseType()
			p.expect("]", "to close the index signature")
			p.expect(":", "before the index signature's value type")
			m.typ = p.parseType()
			return m
		}
		p.next()
		m.computed = p.computedKey()
		p.expect("]", "to close the computed member name")
	case t.kind == tokIdent || t.kind == tokString:
		m.name = p.next().text
	case t.kind == tokNumber:
		m.name = p.numericName(p.next())
	default:
		p.failf(t.line, "expected a member, found %s", t)
	}
	m.optional = p.accept("?")
	if p.accept("!") && !inClass {
		p.failf(t.line, "'!' is allowed only on class members")
	}
	switch {
	case p.is("(") || p.is("<"):
		m.kind, m.sig = memMethod, p.signature(":")
		if accessor == "get" {
			// A getter reads like a property of its result type.
			m.kind, m.typ, m.sig = memProperty, m.sig.result, nil
			if m.typ == nil {
				p.failf(t.line, "getter %s has no type", m.name)
			}
		}
	case p.accept(":"):
		m.kind, m.typ = memProperty, p.parseType()
	default:
		if inClass {
			// A class property without a type is implicitly any.
			m.kind, m.typ = memProperty, &typeExpr{kind: typeKeyword, name: "any", line: t.line}
			break
		}
		p.failf(p.peek().line, "member %s has no type: expected ':' or '(' after it, found %s", memberLabel(m), p.peek())
	}
	return m
}

// numericName is the property name a numeric member name stands for: TypeScript names the
// member by the number's value, so "1e3" and "1_000" both name member "1000".
func (p *parser) numericName(t token) string {
	f, ok := numberValue(t.text)
	if !ok {
		p.failf(t.line, "member name %s is not a number JSON can carry", t.text)
	}
	return formatNumber(f)
}

// computedKey parses a computed member name: a qualified name (an enum member) or a literal.
func (p *parser) computedKey() *typeExpr {
	t := p.next()
	switch t.kind {
	case tokString:
		return &typeExpr{kind: typeLiteral, line: t.line, lit: t.text, litKind: litString}
	case tokNumber:
		return &typeExpr{kind: typeLiteral, line: t.line, lit: p.numericName(t), litKind: litNumber}
	case tokIdent:
		ref := &typeExpr{kind: typeRef, line: t.line, path: []string{t.text}}
		for p.accept(".") {
			ref.path = append(ref.path, p.identifier("a name").text)
		}
		return ref
	}
	p.failf(t.line, "expected a computed member name (an enum member or a literal), found %s", t)
	return nil
}

func memberLabel(m *member) string {
	if m.computed != nil {
		return "[" + exprString(m.computed) + "]"
	}
	return m.name
}

// parseType parses a type, conditional types and function types included.
func (p *parser) parseType() *typeExpr {
	t := p.peek()
	p.enter(t.line)
	defer p.leave()
	if p.isFunctionType() {
		ft := &typeExpr{kind: typeFunction, line: t.line}
		if p.accept("abstract") {
			p.expect("new", "after abstract")
			ft.constructor = true
		} else if p.accept("new") {
			ft.constructor = true
		}
		ft.sig = p.signature("=>")
		return ft
	}
	check := p.unionType()
	if !p.is("extends") || p.peek().newline {
		return check
	}
	p.next()
	c := &typeExpr{kind: typeConditional, line: t.line, check: check}
	c.ext = p.unionType()
	p.expect("?", "in the conditional type")
	c.yes = p.parseType()
	p.expect(":", "in the conditional type")
	c.no = p.parseType()
	return c
}

// isFunctionType looks at most three tokens ahead to tell "(a: T) => U" from "(A | B)[]".
func (p *parser) isFunctionType() bool {
	switch {
	case p.is("<"), p.is("new") && (p.isAt(1, "(") || p.isAt(1, "<")), p.is("abstract") && p.isAt(1, "new"):
		return true
	case !p.is("("):
		return false
	case p.isAt(1, ")"), p.isAt(1, "..."):
		return true
	case p.peekAt(1).kind == tokIdent:
		return p.isAt(2, ":") || p.isAt(2, ",") || p.isAt(2, "?") || p.isAt(2, ")") && p.isAt(3, "=>")
	}
	return false
}

func (p *parser) unionType() *typeExpr {
	line := p.peek().line
	p.accept("|")
	first := p.intersectionType()
	if !p.is("|") {
		return first
	}
	u := &typeExpr{kind: typeUnion, line: line, args: []*typeExpr{first}}
	for p.accept("|") {
		u.args = append(u.args, p.intersectionType())
	}
	return u
}

func (p *parser) intersectionType() *typeExpr {
	line := p.peek().line
	p.accept("&")
	first := p.operatorType()
	if !p.is("&") {
		return first
	}
	it := &typeExpr{kind: typeIntersection, line: line, args: []*typeExpr{first}}
	for p.accept("&") {
		it.args = append(it.args, p.operatorType())
	}
	return it
}

func (p *parser) operatorType() *typeExpr {
	t := p.peek()
	if t.kind == tokIdent && !p.peekAt(1).newline {
		switch t.text {
		case "keyof", "unique", "readonly":
			if n := p.peekAt(1); n.kind == tokIdent || n.kind == tokPunct && (n.text == "(" || n.text == "[" || n.text == "{") {
				p.next()
				p.enter(t.line)
				defer p.leave()
				return &typeExpr{kind: typeOperator, line: t.line, name: t.text, elem: p.operatorType()}
			}
		case "infer":
			p.next()
			// "infer U extends C" constraints are not read: the extends would be taken for a
			// conditional type's.
			return &typeExpr{kind: typeInfer, line: t.line, name: p.identifier("a type parameter name after infer").text}
		}
	}
	return p.postfixType()
}

// postfixType parses a primary type followed by "[]" and "[K]", which TypeScript reads only
// without a line break before the "[".
func (p *parser) postfixType() *typeExpr {
	t := p.primaryType()
	// Each suffix nests the type one level deeper ("T[][]" is an array of arrays), so each
	// counts against the depth limit like a parenthesis would.
	levels := 0
	defer func() { p.depth -= levels }()
	for p.is("[") && !p.peek().newline {
		open := p.next()
		p.enter(open.line)
		levels++
		if p.accept("]") {
			t = &typeExpr{kind: typeArray, line: open.line, elem: t}
			continue
		}
		idx := p.parseType()
		p.expect("]", "to close the indexed access")
		t = &typeExpr{kind: typeIndexed, line: open.line, elem: t, index: idx}
	}
	return t
}

// keywordTypes are the words that name a built-in type.
var keywordTypes = map[string]bool{
	"any": true, "unknown": true, "string": true, "number": true, "boolean": true, "bigint": true,
	"symbol": true, "object": true, "never": true, "void": true, "undefined": true, "null": true,
	"this": true,
}

func (p *parser) primaryType() *typeExpr {
	t := p.next()
	switch t.kind {
	case tokString:
		return &typeExpr{kind: typeLiteral, line: t.line, lit: t.text, litKind: litString}
	case tokNumber:
		return &typeExpr{kind: typeLiteral, line: t.line, lit: t.text, litKind: litNumber}
	case tokTemplate:
		return p.templateType(t)
	case tokPunct:
		switch t.text {
		case "(":
			inner := p.parseType()
			p.expect(")", "to close the parenthesised type")
			return inner
		case "-":
			n := p.next()
			if n.kind != tokNumber {
				p.failf(n.line, "expected a number after '-', found %s", n)
			}
			return &typeExpr{kind: typeLiteral, line: t.line, lit: "-" + n.text, litKind: litNumber}
		case "{":
			p.pos--
			return p.objectOrMappedType()
		case "[":
			return p.tupleType(t)
		}
	case tokIdent:
		switch {
		case t.text == "true" || t.text == "false":
			return &typeExpr{kind: typeLiteral, line: t.line, lit: t.text, litKind: litBoolean}
		case keywordTypes[t.text] && !p.is("."):
			return &typeExpr{kind: typeKeyword, line: t.line, name: t.text}
		case t.text == "typeof":
			q := p.identifier("a name after typeof")
			ref := p.reference(q)
			ref.kind = typeQuery
			return ref
		case t.text == "import" && p.is("("):
			p.next()
			m := p.next()
			if m.kind != tokString {
				p.failf(m.line, "expected a module name in import(...), found %s", m)
			}
			p.expect(")", "after the module name")
			it := &typeExpr{kind: typeImport, line: t.line, module: m.text}
			for p.accept(".") {
				it.path = append(it.path, p.identifier("a name").text)
			}
			if p.is("<") {
				it.args = p.typeArgs()
			}
			return it
		}
		return p.reference(t)
	}
	p.failf(t.line, "expected a type, found %s", t)
	return nil
}

// reference parses the rest of a qualified name begun by first, and its type arguments.
func (p *parser) reference(first token) *typeExpr {
	ref := &typeExpr{kind: typeRef, line: first.line, path: []string{first.text}}
	for p.is(".") && p.peekAt(1).kind == tokIdent {
		p.next()
		ref.path = append(ref.path, p.next().text)
	}
	if p.is("<") && !p.peek().newline {
		ref.args = p.typeArgs()
	}
	return ref
}

func (p *parser) typeArgs() []*typeExpr {
	open := p.expect("<", "to open the type arguments")
	var args []*typeExpr
	for !p.accept(">") {
		args = append(args, p.parseType())
		if !p.accept(",") && !p.is(">") {
			p.failf(p.peek().line, "expected ',' or '>' in the type arguments opened at line %d, found %s", open.line, p.peek())
		}
	}
	if len(args) == 0 {
		p.failf(open.line, "empty type argument list")
	}
	return args
}

// objectOrMappedType parses "{ members }" or a mapped type "{ [K in T as N]?: V }".
func (p *parser) objectOrMappedType() *typeExpr {
	open := p.peek()
	i := 1
	if p.isAt(1, "readonly") || p.isAt(1, "+") || p.isAt(1, "-") {
		i = 2
		if p.isAt(1, "+") || p.isAt(1, "-") {
			i = 3
		}
	}
	if p.isAt(i, "[") && p.peekAt(i+1).kind == tokIdent && p.isAt(i+2, "in") {
		p.pos += i + 1
		p.enter(open.line)
		defer p.leave()
		mt := &typeExpr{kind: typeMapped, line: open.line, name: p.next().text}
		p.next() // in
		mt.elem = p.parseType()
		if p.accept("as") {
			mt.index = p.parseType()
		}
		p.expect("]", "to close the mapped type's key")
		if p.accept("+") || p.accept("-") {
			p.expect("?", "after + or - in a mapped type")
		} else {
			p.accept("?")
		}
		p.expect(":", "before the mapped type's value")
		mt.yes = p.parseType()
		p.accept(";")
		p.expect("}", "to close the mapped type")
		return mt
	}
	return &typeExpr{kind: typeObject, line: open.line, members: p.objectMembers(false)}
}

func (p *parser) tupleType(open token) *typeExpr {
	p.enter(open.line)
	defer p.leave()
	tt := &typeExpr{kind: typeTuple, line: open.line}
	for !p.accept("]") {
		rest := p.accept("...")
		optional := false
		// A labelled element: "name: T" or "name?: T"; the label names nothing in the data.
		if p.peek().kind == tokIdent && (p.isAt(1, ":") || p.isAt(1, "?") && p.isAt(2, ":")) {
			p.next()
			optional = p.accept("?")
			p.next()
		}
		tt.args = append(tt.args, p.parseType())
		if p.accept("?") {
			optional = true
		}
		// The conversion needs to know only whether the tuple's length varies.
		tt.optional = tt.optional || optional
		tt.rest = tt.rest || rest
		if !p.accept(",") && !p.is("]") {
			p.failf(p.peek().line, "expected ',' or ']' in the tuple opened at line %d, found %s", open.line, p.peek())
		}
	}
	return tt
}

// templateType parses each hole of a template literal type as a type.
func (p *parser) templateType(t token) *typeExpr {
	tt := &typeExpr{kind: typeTemplate, line: t.line, quasis: t.tmpl.quasis}
	saved, savedPos := p.toks, p.pos
	for _, hole := range t.tmpl.holes {
		if len(hole) == 1 {
			p.failf(hole[0].line, "empty ${} in a template literal type")
		}
		p.toks, p.pos = hole, 0
		tt.holes = append(tt.holes, p.parseType())
		if e := p.peek(); e.kind != tokEOF {
			p.failf(e.line, "expected '}' to close the template literal's ${, found %s", e)
		}
	}
	p.toks, p.pos = saved, savedPos
	return tt
}

// exprString renders a type expression in a message: references, literals and keywords as
// written, anything else by its form.
func exprString(t *typeExpr) string {
	switch t.kind {
	case typeRef:
		return strings.Join(t.path, ".")
	case typeLiteral:
		if t.litKind == litString {
			return "'" + t.lit + "'"
		}
		return t.lit
	case typeKeyword:
		return t.name
	case typeUnion:
		parts := make([]string, len(t.args))
		for i, a := range t.args {
			parts[i] = exprString(a)
		}
		return strings.Join(parts, " | ")
	case typeTemplate:
		return "a template literal"
	}
	return "a type expression"
}

// numberValue is a numeric literal's value, in any radix TypeScript writes; a bigint (10n) is
// not a number JSON can carry, so it is not read.
func numberValue(text string) (float64, bool) {
	if strings.HasSuffix(text, "n") {
		return 0, false
	}
	if len(text) > 1 && text[0] == '0' && strings.ContainsAny(text[1:2], "xXbBoO") {
		i, err := strconv.ParseInt(text, 0, 64)
		return float64(i), err == nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	return f, err == nil
}

// formatNumber writes a number the way JSON would.
func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
