package tsdecl

// The syntax tree the parser builds: declarations, their members and type expressions, each with
// its line. It keeps every construct the parser accepts, data shape or not, so that names can be
// resolved everywhere and the conversion can say why a declaration is not a data shape.

// declKind is what a declaration declares.
type declKind int

const (
	declInterface declKind = iota
	declAlias
	declEnum
	declClass
	declFunction
	declVariable
	// declImport is "import A = B.C", an alias of another declaration's every meaning.
	declImport
)

// decl is one declaration.
type decl struct {
	kind declKind
	// keyword is the source's keyword ("interface", "type", "const"), for reports.
	keyword string
	// name is the dotted name within its module ("Invoice.LineItem").
	name string
	// module is the name of the "declare module" block it is in, "" outside any.
	module string
	// scope is the namespace path it is declared in, for resolving the names it uses.
	scope      []string
	file       string
	line       int
	doc        string
	typeParams []*typeParam

	heritage []*typeExpr // interface extends; class extends and implements
	members  []*member   // interface and class bodies
	typ      *typeExpr   // alias body; variable type
	enum     []enumMember
	sig      *signature // function
	target   *typeExpr  // import alias target (a reference)

	// partners are the later declarations of an interface of the same name, which TypeScript
	// merges into this one; mergedInto is set on each of them.
	partners   []*decl
	mergedInto *decl
}

type typeParam struct {
	name       string
	constraint *typeExpr
	dflt       *typeExpr
}

type enumMember struct {
	name string
	// value is the member's value as text; isString tells a string from a number.
	value    string
	isString bool
	line     int
	doc      string
}

// memberKind is what a member of an object type, interface or class is.
type memberKind int

const (
	memProperty memberKind = iota
	memIndex
	memMethod
	memCall
	memConstruct
)

type member struct {
	kind memberKind
	name string
	// computed is the key of a computed member name ("[E.Member]"), a reference or a literal.
	computed *typeExpr
	optional bool
	typ      *typeExpr // property type, index signature value, accessor type
	// indexKey is an index signature's key type.
	indexKey *typeExpr
	sig      *signature // methods, call and construct signatures
	line     int
	doc      string
}

type signature struct {
	typeParams []*typeParam
	params     []param
	result     *typeExpr // nil when the source states none
}

type param struct {
	name     string
	optional bool
	rest     bool
	typ      *typeExpr // nil when the source states none
}

// typeKind is the form of a type expression.
type typeKind int

const (
	typeKeyword      typeKind = iota // string, number, any, null, this, ...
	typeLiteral                      // 'x', 1, true
	typeTemplate                     // `cf_${string}`
	typeRef                          // A, A.B, A<T>
	typeArray                        // T[]
	typeTuple                        // [A, B]
	typeUnion                        // A | B
	typeIntersection                 // A & B
	typeObject                       // { ... }
	typeFunction                     // (a: A) => B, new (a: A) => B
	typeIndexed                      // T[K]
	typeMapped                       // { [K in T]: V }
	typeConditional                  // A extends B ? C : D
	typeImport                       // import('m').T
	typeOperator                     // keyof T, readonly T[], unique symbol
	typeQuery                        // typeof x
	typeInfer                        // infer U
	typePredicate                    // x is T, asserts x
)

// literalKind tells the literal types apart.
type literalKind int

const (
	litString literalKind = iota
	litNumber
	litBoolean
)

type typeExpr struct {
	kind typeKind
	line int
	// name: a keyword's or operator's name, an infer's or mapped type's parameter.
	name string
	// lit and litKind: a literal's value as text (decoded for strings).
	lit     string
	litKind literalKind
	// path is a reference's or typeof query's qualified name; for an import type, the names
	// after import('module').
	path []string
	// args: a reference's type arguments; union, intersection and tuple parts.
	args []*typeExpr
	// elem: an array's items, an operator's operand, an indexed access's object, a mapped type's
	// constraint.
	elem *typeExpr
	// index: an indexed access's index; a mapped type's "as" clause.
	index   *typeExpr
	members []*member
	sig     *signature
	// constructor marks a "new (...) => T" function type.
	constructor bool
	quasis      []string
	holes       []*typeExpr
	// Conditional types: check extends ext ? yes : no. A mapped type's value is yes.
	check, ext, yes, no *typeExpr
	module              string
	// Tuple elements.
	optional, rest bool

	// Filled in by resolution, for references.
	res resolution
}

// resolutionKind is what a reference names.
type resolutionKind int

const (
	resNone       resolutionKind = iota
	resDecl                      // a declaration of the files (res.decl)
	resEnumMember                // a member of an enum (res.decl, res.enumMember)
	resTypeParam                 // a type parameter in scope
	resBuiltin                   // Array, ReadonlyArray or Record, which the reader understands
	resOpaque                    // a name the caller declared opaque
)

type resolution struct {
	kind       resolutionKind
	decl       *decl
	enumMember *enumMember
}
