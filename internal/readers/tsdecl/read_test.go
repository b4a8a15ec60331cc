package tsdecl

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// readFiles reads in-memory files, in the order of their names.
func readFiles(t testing.TB, files map[string]string, opts Options) (*schemamodel.Document, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	var paths []string
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
		paths = append(paths, name)
	}
	slices.Sort(paths)
	return Read(fsys, paths, opts)
}

func TestReadConstructs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  []string
	}{{
		name: "interface members, optional, arrays and null",
		files: map[string]string{"a.d.ts": `declare module 'sdk' {
  export interface Customer {
    id: string;
    email?: string;
    tags: string[];
    ids: Array<number>;
    more: ReadonlyArray<boolean>;
    matrix: number[][];
    parent: Customer | null;
    note?: string | undefined;
    meta?: any;
    extra: unknown;
  }
}`},
		want: []string{"Customer = {id: string; email?: string; tags: string[]; ids: number[]; more: boolean[]; matrix: number[][]; parent: @Customer|null; note?: string; meta?: any; extra: any}"},
	}, {
		name: "literal unions become enums, other unions stay unions",
		files: map[string]string{"a.d.ts": `
type Status = 'active' | 'paused' | 'cancelled';
interface S {
  status:
    | 'future'
    | 'in_trial';
  maybe: 'a' | 'b' | null;
  code: 1 | 2 | 3;
  flag: true | false;
  yes: true;
  one: 'only';
  either: Status | 'unknown';
  refs: S | Status;
  mixed: 'x' | 1 | 'y';
  lonely: null;
  twice: 'a' | 'b' | 'a' | 2 | 2;
}`},
		want: []string{
			"Status = string('active'|'paused'|'cancelled')",
			"S = {status: string('future'|'in_trial'); maybe: string('a'|'b')|null; code: number(1|2|3); flag: boolean; yes: boolean(true); one: string('only'); either: (@Status | string('unknown')); refs: (@S | @Status); mixed: (string('x'|'y') | number(1)); lonely: null; twice: (string('a'|'b') | number(2))}",
		},
	}, {
		name: "index signatures: open objects, maps and name patterns",
		files: map[string]string{"a.d.ts": `
interface Open { [key: string]: unknown; id: string; }
interface Headers { [key: string]: string | undefined; 'x-key'?: string; }
interface Custom { [key: ` + "`cf_${string}`" + `]: unknown; [k: ` + "`n${number}`" + `]: string; }
type Rec = Record<string, number>;
type Keys = Record<'a' | 'b', boolean>;
type Any = object;
`},
		want: []string{
			"Open = {id: string; [*]: any}",
			"Headers = {x-key?: string; [*]: string}",
			`Custom = {[/^cf_.*$/]: any; [/^n-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/]: string}`,
			"Rec = {[*]: number}",
			"Keys = {a: boolean; b: boolean}",
			"Any = {[*]: any}",
		},
	}, {
		name: "inline object types, tuples, intersections, template literals",
		files: map[string]string{"a.d.ts": `
interface ListResponse {
  list: { customer: Customer; card?: Card }[];
  next_offset?: string;
  between?: [number, number];
  labelled: [start: number, end: string];
  empty: [];
  both: Customer & Card;
  id: ` + "`cus_${string}`" + `;
  ro: readonly string[];
}
interface Customer { id: string }
interface Card { last4: string }
`},
		want: []string{
			"ListResponse = {list: {customer: @Customer; card?: @Card}[]; next_offset?: string; between?: [number, number]; labelled: [number, string]; empty: []; both: (@Customer & @Card); id: string(/^cus_.*$/); ro: string[]}",
			"Customer = {id: string}",
			"Card = {last4: string}",
		},
	}, {
		name: "enums: string values, counted numbers, a mix",
		files: map[string]string{"a.d.ts": `
export enum Color { Red = 'red', Green = "green", }
enum Level { Low, Mid, High = 0x0A, Top }
const enum Mixed { A = 'a', B = -2 }
interface Paint { color: Color; red: Color.Red; top: Level.Top; levels: Level.Low | Level.High | null; pair: Color.Red | 'blue'; }
type ByColor = Record<Color.Red | 'blue', number>;
`},
		want: []string{
			"Color = string('red'|'green')",
			"Level = number(0|1|10|11)",
			"Mixed = (string('a') | number(-2))",
			"Paint = {color: @Color; red: string('red'); top: number(11); levels: number(0|10)|null; pair: string('red'|'blue')}",
			"ByColor = {red: number; blue: number}",
		},
	}, {
		name: "namespaces: dotted names, inner names first",
		files: map[string]string{"a.d.ts": `declare module 'sdk' {
  export interface Contact { global: boolean }
  export interface Invoice { line_items?: Invoice.LineItem[]; contact: Contact }
  export namespace Invoice {
    export interface LineItem { id?: string; contact: Contact; outer: Invoice }
    export interface Contact { local: boolean }
    namespace Deep.Er { interface X { up: LineItem } }
  }
}`},
		want: []string{
			"Contact = {global: boolean}",
			"Invoice = {line_items?: @Invoice.LineItem[]; contact: @Contact}",
			"Invoice.LineItem = {id?: string; contact: @Invoice.Contact; outer: @Invoice}",
			"Invoice.Contact = {local: boolean}",
			"Invoice.Deep.Er.X = {up: @Invoice.LineItem}",
		},
	}, {
		name: "names resolve across files and modules merge",
		files: map[string]string{
			"a.d.ts": "///<reference path='./b.d.ts' />\n/// a plain comment\ndeclare module 'sdk' {\n  interface A { b: B; g: Global }\n}\n",
			"b.d.ts": "declare module 'sdk' {\n  interface B { a?: A }\n}\ninterface Global { x: number }\n",
		},
		want: []string{"A = {b: @B; g: @Global}", "B = {a?: @A}", "Global = {x: number}"},
	}, {
		name: "extends: base members first, redeclared in place; declaration merging",
		files: map[string]string{"a.d.ts": `
interface Base { id: string; kind: string; }
interface Named { name?: string }
interface Thing extends Base, Named { kind: 'thing'; size: number; }
interface Merged { a: string; b?: number; o: { x: 'a' | 'b'; y?: Base[] }[] }
interface Merged { b?: number; c: boolean; o: { x: 'a' | 'b'; y?: Base[] }[] }
`},
		want: []string{
			"Base = {id: string; kind: string}",
			"Named = {name?: string}",
			"Thing = {id: string; kind: string('thing'); name?: string; size: number}",
			"Merged = {a: string; b?: number; o: {x: string('a'|'b'); y?: @Base[]}[]; c: boolean}",
		},
	}, {
		name: "import aliases, keyword and quoted member names, readonly, no semicolons",
		files: map[string]string{"a.d.ts": `
enum E { A = 'a' }
import F = E
interface K {
  type: string
  default?: number
  'in': boolean
  readonly readonly: string
  readonly x: string
  42: string
  1e3: number
  0b11: boolean
}
`},
		want: []string{
			"E = string('a')",
			"F = @E",
			"K = {type: string; default?: number; in: boolean; readonly: string; x: string; 42: string; 1000: number; 3: boolean}",
		},
	}, {
		name: "webhook map: computed enum keys become events, content by reference",
		files: map[string]string{"a.d.ts": `
export enum EventType { CustomerDeleted = 'customer_deleted', PlanCreated = 'plan_created' }
export type ContentMap = {
  [EventType.CustomerDeleted]: CustomerDeletedContent;
  /** A plan. */
  [EventType.PlanCreated]: { plan: string };
  ['literal_event']: CustomerDeletedContent;
};
export type CustomerDeletedContent = { customer: string; subscription: string[] };
export type ContentFor<T extends EventType> = ContentMap[T];
`},
		opts: Options{WebhookMap: "ContentMap"},
		want: []string{
			"EventType = string('customer_deleted'|'plan_created')",
			"ContentMap = {customer_deleted: @CustomerDeletedContent; plan_created: {plan: string}; literal_event: @CustomerDeletedContent}",
			"CustomerDeletedContent = {customer: string; subscription: string[]}",
			"non-data type ContentFor (a.d.ts:10): has type parameters",
			"webhook customer_deleted: @CustomerDeletedContent",
			"webhook plan_created: {plan: string}",
			"webhook literal_event: @CustomerDeletedContent",
		},
	}, {
		name: "non-data declarations are recorded with their reason",
		files: map[string]string{"a.d.ts": `declare module 'sdk' {
  export default class Client {
    constructor(config: Config);
    static create<T = unknown>(x?: T): Promise<Client>;
    readonly name: string;
    get size(): number;
    customer: Customer.CustomerResource;
  }
  export namespace Customer {
    export class CustomerResource {
      list(input?: { limit?: number }, ...rest: string[]): Promise<ListResponse>;
    }
    export interface ListResponse { list: Customer[] }
  }
  export interface Customer { id: string }
  export function validator(check: (user: string, password: string) => boolean | Promise<boolean>): void;
  export const VERSION: '1.0';
  export let counter: number, other: string;
  export type Validator = (headers: Record<string, string>) => void;
  export interface Config { apiKey: string; validator?: Validator; }
  export interface Handler { on(event: 'x', cb: () => void): this; }
  export interface Wrapper { config: Config }
  export type Response<T> = T & { headers: { [key: string]: string } };
  export type Value = ` + "`${Customer}`" + `;
  export type Keys = keyof Customer;
  export type Pick1 = Customer['id'];
  export type Mapped = { [K in 'a' | 'b']?: K };
  export type Cond = Customer extends { id: infer U } ? U : never;
  export type Zod = import('zod').ZodError;
  export type Async = Promise<Customer>;
  export type Nothing = void;
  export type Query = typeof VERSION;
  export type Maybe = string | undefined;
  export interface Sub extends Wrapper { extra: string }
  export interface Numbered { [i: number]: string }
  export interface Keyed { [k: 'a' | 'b']: string }
  export interface Failure extends Error { code: string }
  export type ByNumber = Record<number, string>;
}`},
		opts: Options{Opaque: []string{"Promise", "Error"}},
		want: []string{
			"Customer.ListResponse = {list: @Customer[]}",
			"Customer = {id: string}",
			"non-data class Client (a.d.ts:2): a class",
			"non-data class Customer.CustomerResource (a.d.ts:10): a class",
			"non-data function validator (a.d.ts:16): a function",
			"non-data const VERSION (a.d.ts:17): a value, not a type",
			"non-data let counter (a.d.ts:18): a value, not a type",
			"non-data let other (a.d.ts:18): a value, not a type",
			"non-data type Validator (a.d.ts:19): its type is a function type",
			"non-data interface Config (a.d.ts:20): member validator refers to Validator, which is not a data shape",
			"non-data interface Handler (a.d.ts:21): member on is a method",
			"non-data interface Wrapper (a.d.ts:22): member config refers to Config, which is not a data shape",
			"non-data type Response (a.d.ts:23): has type parameters",
			"non-data type Value (a.d.ts:24): its type is a template literal type with holes other than string and number",
			"non-data type Keys (a.d.ts:25): its type is a keyof type operator",
			"non-data type Pick1 (a.d.ts:26): its type is an indexed access type",
			"non-data type Mapped (a.d.ts:27): its type is a mapped type",
			"non-data type Cond (a.d.ts:28): its type is a conditional type",
			"non-data type Zod (a.d.ts:29): its type is a type imported from module 'zod'",
			"non-data type Async (a.d.ts:30): its type refers to Promise, which the options name opaque",
			"non-data type Nothing (a.d.ts:31): its type is void, not a JSON value",
			"non-data type Query (a.d.ts:32): its type is a typeof query",
			"non-data type Maybe (a.d.ts:33): its type has undefined in a union outside a member's type",
			"non-data interface Sub (a.d.ts:34): it extends Wrapper, which is not a data shape",
			"non-data interface Numbered (a.d.ts:35): its type has an index signature keyed by number, not by strings",
			"non-data interface Keyed (a.d.ts:36): its type has an index signature keyed by 'a' | 'b', not by strings",
			"non-data interface Failure (a.d.ts:37): extends Error, which the options name opaque",
			"non-data type ByNumber (a.d.ts:38): its type is a Record keyed by number, not by strings",
		},
	}, {
		name: "declaration syntax beyond data shapes is parsed",
		files: map[string]string{"a.d.ts": `declare global {
  interface Window { title: string }
}
declare function isText(x: unknown): x is string;
declare function check(x: unknown): asserts x;
declare function checkText(x: unknown): asserts x is string;
declare const VERSION = '1.0', COUNT = -1, ON = true;
declare const tag: unique symbol;
type Make = new (name: string) => Window;
type MakeAbstract = abstract new () => Window;
type Generic = <T>(x: T, ...rest: T[]) => T;
type Flip<T> = T extends [infer A, infer B] ? [B, A] : never;
type Names = { readonly [K in keyof Window as ` + "`get_${K}`" + `]-?: () => Window[K] };
type ByNumber = { [1]: string; ['two']: number };
interface Callable { (x: string): number; new (x: string): Callable; <T>(x: T): T }
declare abstract class Base<T> implements Callable {
  private constructor();
  protected abstract value: T;
  static readonly count: number;
  declare field!: string;
  untyped;
  get size(): number;
  set size(v: number);
  [key: string]: any;
}
`},
		want: []string{
			"Window = {title: string}",
			"ByNumber = {1: string; two: number}",
			"non-data function isText (a.d.ts:4): a function",
			"non-data function check (a.d.ts:5): a function",
			"non-data function checkText (a.d.ts:6): a function",
			"non-data const VERSION (a.d.ts:7): a value, not a type",
			"non-data const COUNT (a.d.ts:7): a value, not a type",
			"non-data const ON (a.d.ts:7): a value, not a type",
			"non-data const tag (a.d.ts:8): a value, not a type",
			"non-data type Make (a.d.ts:9): its type is a function type",
			"non-data type MakeAbstract (a.d.ts:10): its type is a function type",
			"non-data type Generic (a.d.ts:11): its type is a function type",
			"non-data type Flip (a.d.ts:12): has type parameters",
			"non-data type Names (a.d.ts:13): its type is a mapped type",
			"non-data interface Callable (a.d.ts:15): its type has a call or construct signature",
			"non-data class Base (a.d.ts:16): a class",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readFiles(t, tt.files, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := renderDoc(doc)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestReadDescriptionsAndPositions(t *testing.T) {
	doc, err := readFiles(t, map[string]string{"sdk/types.d.ts": `declare module 'sdk' {
  /**
   * A customer.
   *   Indented detail stays.
   */
  export interface Customer {
    /** The id. */
    id: string;
    // a line comment is not a description
    name: string;
    /**
     * @deprecated Use name.
     */

    old_name?: string;
  }
  /** @deprecated Renamed. */
  export import Client = Customer;
}`}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Type("Customer")
	if got, want := c.Schema.Description, "A customer.\n  Indented detail stays."; got != want {
		t.Errorf("Customer description %q, want %q", got, want)
	}
	if got, want := c.Schema.Pos, (schemamodel.Pos{File: "sdk/types.d.ts", Line: 6}); got != want {
		t.Errorf("Customer at %v, want %v", got, want)
	}
	wantMembers := []struct {
		name, desc string
		deprecated bool
		line       int
	}{{"id", "The id.", false, 8}, {"name", "", false, 10}, {"old_name", "@deprecated Use name.", true, 15}}
	for i, w := range wantMembers {
		m := c.Schema.Members[i]
		if m.Name != w.name || m.Schema.Description != w.desc || m.Schema.Deprecated != w.deprecated || m.Pos.Line != w.line || m.Pos.File != "sdk/types.d.ts" {
			t.Errorf("member %d: %s %q deprecated=%v line %d, want %s %q %v %d", i, m.Name, m.Schema.Description, m.Schema.Deprecated, m.Pos.Line, w.name, w.desc, w.deprecated, w.line)
		}
	}
	if a := doc.Type("Client"); a == nil || !a.Schema.Deprecated || a.Schema.Target != c {
		t.Errorf("Client = %+v, want a deprecated reference to Customer", a)
	}
	if doc.File != "." {
		t.Errorf("File = %q, want the file system's root", doc.File)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  string
	}{
		{"unclosed body", map[string]string{"a.d.ts": "interface A {\n  a: string;\n"}, Options{}, "a.d.ts:1: '{' opened here is not closed"},
		{"unclosed module", map[string]string{"a.d.ts": "declare module 'm' {\n  type A = string;\n"}, Options{}, "a.d.ts:1: module body opened here is not closed"},
		{"unknown type", map[string]string{"a.d.ts": "interface A {\n  b: B;\n}"}, Options{}, "a.d.ts:2: unknown type B: it is declared in none of the files read, and the options do not name it opaque"},
		{"unknown type in a class", map[string]string{"a.d.ts": "class C {\n  m(): Promise<void>;\n}"}, Options{}, "a.d.ts:2: unknown type Promise"},
		{"unknown namespace member", map[string]string{"a.d.ts": "namespace N { interface X {} }\ninterface A { x: N.Y }"}, Options{}, "a.d.ts:2: N has no member Y"},
		{"unknown enum member", map[string]string{"a.d.ts": "enum E { A = 'a' }\ntype M = {\n  [E.B]: string;\n};"}, Options{}, "a.d.ts:3: enum E has no member B"},
		{"namespace used as a type", map[string]string{"a.d.ts": "namespace N { interface X {} }\ninterface A { n: N.X; m: N }"}, Options{}, "a.d.ts:2: unknown type N"},
		{"member twice", map[string]string{"a.d.ts": "interface A {\n  a: string;\n  a?: number;\n}"}, Options{}, "a.d.ts:3: member a is declared twice (first at line 2)"},
		{"nested member twice", map[string]string{"a.d.ts": "interface A {\n  o: { a: string;\n    a: string };\n}"}, Options{}, "a.d.ts:3: member o.a is declared twice (first at line 2)"},
		{"type twice", map[string]string{"a.d.ts": "type A = string;\n", "b.d.ts": "\ntype A = number;\n"}, Options{}, "b.d.ts:2: A is already declared at a.d.ts:1 (only interfaces merge)"},
		{"merged member differs", map[string]string{"a.d.ts": "interface A { a: string }\ninterface A {\n  a: number }"}, Options{}, "a.d.ts:3: member a of interface A is declared again with a different type (first at a.d.ts:1)"},
		{"merged member differs inside", map[string]string{"a.d.ts": "interface A { a: { x: 'a' | 'b' }[] }\ninterface A {\n  a: { x: 'a' | 'c' }[] }"}, Options{}, "a.d.ts:3: member a of interface A is declared again with a different type (first at a.d.ts:1)"},
		{"merged member optional once", map[string]string{"a.d.ts": "interface A { a: string }\ninterface A {\n  a?: string }"}, Options{}, "a.d.ts:3: member a of interface A is declared again with a different type (first at a.d.ts:1)"},
		{"import declaration", map[string]string{"a.d.ts": "\nimport { X } from 'x';"}, Options{}, "a.d.ts:2: import declarations are not read"},
		{"unclosed string", map[string]string{"a.d.ts": "type A =\n 'abc;\n"}, Options{}, "a.d.ts:2: string literal is not closed"},
		{"unclosed comment", map[string]string{"a.d.ts": "\n/* x\n"}, Options{}, "a.d.ts:2: comment /* is not closed"},
		{"malformed reference", map[string]string{"a.d.ts": "///<reference path=./x.d.ts />\n"}, Options{}, "a.d.ts:1: malformed reference directive"},
		{"unexpected character", map[string]string{"a.d.ts": "interface A {\n  #a: string }"}, Options{}, "a.d.ts:2: unexpected character '#'"},
		{"statement outside the subset", map[string]string{"a.d.ts": "export = Foo;"}, Options{}, "a.d.ts:1: expected a declaration, found '='"},
		{"expression statement", map[string]string{"a.d.ts": "console.log('x');"}, Options{}, "a.d.ts:1: expected a declaration (interface, type, enum, class, function, const, namespace, declare module), found 'console'"},
		{"missing semicolon", map[string]string{"a.d.ts": "interface A { a: string b: string }"}, Options{}, "a.d.ts:1: expected ';' after the member, found 'b'"},
		{"member without a type", map[string]string{"a.d.ts": "interface A {\n  a;\n}"}, Options{}, "a.d.ts:2: member a has no type: expected ':' or '(' after it, found ';'"},
		{"type alias without a type", map[string]string{"a.d.ts": "type A = ;"}, Options{}, "a.d.ts:1: expected a type, found ';'"},
		{"enum value not a literal", map[string]string{"a.d.ts": "enum E {\n  A = 1 << 2 }"}, Options{}, "a.d.ts:2: enum E: member A: only string and number literal values are read, found '<' after the value"},
		{"enum member after a string", map[string]string{"a.d.ts": "enum E { A = 'a',\n  B }"}, Options{}, "a.d.ts:2: enum E: member B needs a value: it follows a string member"},
		{"too many type arguments", map[string]string{"a.d.ts": "type A = Array<string, number>;"}, Options{}, "a.d.ts:1: Array takes 1 type arguments, found 2"},
		{"type arguments to a plain type", map[string]string{"a.d.ts": "interface B {}\ntype A = B<string>;"}, Options{}, "a.d.ts:2: B is not generic, found 1 type arguments"},
		{"too few type arguments", map[string]string{"a.d.ts": "type G<T, U = T> = T;\ntype A = G;"}, Options{}, "a.d.ts:2: G takes 1 to 2 type arguments, found 0"},
		{"extends cycle", map[string]string{"a.d.ts": "interface A extends B { a: string }\ninterface B extends A { b: string }"}, Options{}, "a.d.ts:1: interface A extends itself"},
		{"alias cycle", map[string]string{"a.d.ts": "type A = B;\ntype B = A | null;"}, Options{}, "a.d.ts:1: type A stands for itself through aliases"},
		{"empty template hole", map[string]string{"a.d.ts": "type A = `a${}`;"}, Options{}, "a.d.ts:1: empty ${} in a template literal type"},
		{"module without a body", map[string]string{"a.d.ts": "declare module 'x';"}, Options{}, "a.d.ts:1: module 'x' is declared without a body"},
		{"second string index", map[string]string{"a.d.ts": "interface A {\n  [k: string]: string;\n  [j: string]: number;\n}"}, Options{}, "a.d.ts:3: a second string index signature (the first is at line 2)"},
		{"import alias to nothing", map[string]string{"a.d.ts": "\nimport A = Nowhere.B;"}, Options{}, "a.d.ts:2: import alias A: unknown name Nowhere.B"},
		{"webhook map not data", map[string]string{"a.d.ts": "\ntype Map<T> = { a: T };"}, Options{WebhookMap: "Map"}, "a.d.ts:2: the webhook map Map is not a data shape: has type parameters"},
		{"webhook map not an object", map[string]string{"a.d.ts": "type Map = string;"}, Options{WebhookMap: "Map"}, "a.d.ts:1: the webhook map Map is string, not an object type whose members are event types"},
		{"webhook map with an index signature", map[string]string{"a.d.ts": "type Map = { [k: string]: string };"}, Options{WebhookMap: "Map"}, "a.d.ts:1: the webhook map Map has an index signature"},
		{"nesting too deep", map[string]string{"a.d.ts": "type A = " + strings.Repeat("(", 20) + "string" + strings.Repeat(")", 20) + ";"}, Options{MaxDepth: 10}, "a.d.ts:1: nesting deeper than 10 levels"},
		{"objects nested too deep", map[string]string{"a.d.ts": "type A = " + strings.Repeat("{ a: ", 20) + "string" + strings.Repeat(" }", 20) + ";"}, Options{MaxDepth: 10}, "a.d.ts:1: nesting deeper than 10 levels"},
		{"arrays nested too deep", map[string]string{"a.d.ts": "type A = string" + strings.Repeat("[]", 20) + ";"}, Options{MaxDepth: 10}, "a.d.ts:1: nesting deeper than 10 levels"},
		{"namespaces nested too deep", map[string]string{"a.d.ts": strings.Repeat("namespace N {\n", 20) + strings.Repeat("}\n", 20)}, Options{MaxDepth: 10}, "a.d.ts:11: nesting deeper than 10 levels"},
		{"module in a module", map[string]string{"a.d.ts": "declare module 'a' {\n  declare module 'b' {}\n}"}, Options{}, "a.d.ts:2: declare module 'b' inside another module or namespace"},
		{"initialiser not a literal", map[string]string{"a.d.ts": "declare const x = foo;"}, Options{}, "a.d.ts:1: const x: only a literal initialiser is read, found 'foo'"},
		{"empty type parameters", map[string]string{"a.d.ts": "type G<> = string;"}, Options{}, "a.d.ts:1: empty type parameter list"},
		{"empty type arguments", map[string]string{"a.d.ts": "type G<T> = T;\ntype A = G<>;"}, Options{}, "a.d.ts:2: empty type argument list"},
		{"parameters without a comma", map[string]string{"a.d.ts": "declare function f(a: string\n  b: string): void;"}, Options{}, "a.d.ts:2: expected ',' or ')' in the parameters opened at line 1, found 'b'"},
		{"destructured parameter", map[string]string{"a.d.ts": "declare function f({ a }: A): void;"}, Options{}, "a.d.ts:1: expected a parameter name, found '{' (destructuring patterns are not read)"},
		{"tuple without a comma", map[string]string{"a.d.ts": "type T = [string number];"}, Options{}, "a.d.ts:1: expected ',' or ']' in the tuple opened at line 1, found 'number'"},
		{"mapped type without a colon", map[string]string{"a.d.ts": "type M = { [K in 'a'] string };"}, Options{}, "a.d.ts:1: expected ':' before the mapped type's value, found 'string'"},
		{"conditional without a colon", map[string]string{"a.d.ts": "type C<T> = T extends string ? 1 ;"}, Options{}, "a.d.ts:1: expected ':' in the conditional type, found ';'"},
		{"type arguments without a comma", map[string]string{"a.d.ts": "type R = Record<string number>;"}, Options{}, "a.d.ts:1: expected ',' or '>' in the type arguments opened at line 1, found 'number'"},
		{"computed name not a name", map[string]string{"a.d.ts": "interface A { [(x)]: string }"}, Options{}, "a.d.ts:1: expected a computed member name (an enum member or a literal), found '('"},
		{"enum member not a name", map[string]string{"a.d.ts": "enum E { 1 = 'a' }"}, Options{}, "a.d.ts:1: expected an enum member name in enum E, found '1'"},
		{"enum member twice", map[string]string{"a.d.ts": "enum E { A = 'a',\n  A = 'b' }"}, Options{}, "a.d.ts:2: enum E: member A is declared twice (first at line 1)"},
		{"bigint member name", map[string]string{"a.d.ts": "interface A {\n  10n: string }"}, Options{}, "a.d.ts:2: member name 10n is not a number JSON can carry"},
		{"enum bigint value", map[string]string{"a.d.ts": "enum E { A = 10n }"}, Options{}, "a.d.ts:1: enum E: member A: value 10n is not a number JSON can carry"},
		{"type alias without a semicolon", map[string]string{"a.d.ts": "type A = string type B = number;"}, Options{}, "a.d.ts:1: expected ';' after type A, found 'type'"},
		{"unknown name in typeof", map[string]string{"a.d.ts": "type A = typeof nothing;"}, Options{}, "a.d.ts:1: unknown name nothing in typeof"},
		{"type arguments to a type parameter", map[string]string{"a.d.ts": "type A<T> = T<string>;"}, Options{}, "a.d.ts:1: type parameter T takes no type arguments"},
		{"type arguments to an enum member", map[string]string{"a.d.ts": "enum E { A = 'a' }\ntype A = E.A<string>;"}, Options{}, "a.d.ts:2: enum member E.A takes no type arguments"},
		{"import alias of an enum member", map[string]string{"a.d.ts": "enum E { A = 'a' }\nimport X = E.A;"}, Options{}, "a.d.ts:2: import alias X names an enum member"},
		{"import alias cycle", map[string]string{"a.d.ts": "import X = Y.Z;\nimport Y = X.Z;"}, Options{}, "import alias"},
		{"two modules declare one name", map[string]string{"a.d.ts": "declare module 'a' { interface X {} }\ndeclare module 'b' {\n  interface X {} }"}, Options{}, "a.d.ts:3: X is also declared in module 'a' at a.d.ts:1: the model has one namespace for all modules"},
		{"string index in two declarations", map[string]string{"a.d.ts": "interface A { [k: string]: string }\ninterface A { [k: string]: string }"}, Options{}, "a.d.ts:2: interface A has a string index signature in two of its declarations"},
		{"templates nested too deep", map[string]string{"a.d.ts": "type A = " + strings.Repeat("`${", 20) + "string" + strings.Repeat("}`", 20) + ";"}, Options{MaxDepth: 10}, "a.d.ts:1: template literals nested deeper than 10 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readFiles(t, tt.files, tt.opts)
			if err == nil {
				t.Fatalf("no error; read %v", renderDoc(doc))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n\t%v\nwant it to contain\n\t%s", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Pos.File == "" {
				t.Errorf("error %v is not an *Error naming its file", err)
			}
		})
	}
}

// TestReadErrorsAll checks that one read reports the problems of every file, not just the first.
func TestReadErrorsAll(t *testing.T) {
	_, err := readFiles(t, map[string]string{
		"a.d.ts": "interface A { x: X }\ninterface B { y: Y }",
		"b.d.ts": "interface C { z: Z }",
	}, Options{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is not an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Pos.File+":"+strings.Fields(e.Msg)[2])
	}
	if want := []string{"a.d.ts:X:", "a.d.ts:Y:", "b.d.ts:Z:"}; !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}

func TestReadInputErrors(t *testing.T) {
	if _, err := readFiles(t, map[string]string{"a.d.ts": "type A = string;"}, Options{WebhookMap: "Map"}); err == nil || err.Error() != "tsdecl: the webhook map Map (Options.WebhookMap) is declared in none of the files read" {
		t.Errorf("a webhook map the files lack: error %v, want one naming the option", err)
	}
	if _, err := Read(fstest.MapFS{}, nil, Options{}); err == nil {
		t.Error("reading no files: no error")
	}
	if _, err := Read(fstest.MapFS{}, []string{"missing.d.ts"}, Options{}); err == nil || !strings.Contains(err.Error(), "missing.d.ts") {
		t.Errorf("reading a missing file: error %v, want one naming it", err)
	}
	fsys := fstest.MapFS{"a.d.ts": {Data: []byte("type A = string;")}}
	if _, err := Read(fsys, []string{"a.d.ts", "./a.d.ts"}, Options{}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("reading a file twice: error %v, want one saying so", err)
	}
	if _, err := ReadDir(t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "no .d.ts files") {
		t.Errorf("reading an empty folder: error %v, want one saying so", err)
	}
}
