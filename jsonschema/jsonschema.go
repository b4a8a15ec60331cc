// Package jsonschema holds the generated JSON Schemas of every vendor (one directory each, as
// cmd/codegen writes them) and validates webhook bodies against them with
// github.com/santhosh-tekuri/jsonschema/v6: format assertions on, nothing loaded from the
// network. It is the second, independent validator beside the generated Go packages; the
// conformance suite holds the two to the same verdicts.
//
// The schema of a vendor's event version is at <vendor>/<Event>/v<N>.schema.json (unknown
// members allowed, as a receiver must) and v<N>.strict.schema.json (unknown members rejected,
// except declared pass-through variables). Each file is self-contained: the definitions it uses
// are in its own $defs, so any JSON Schema 2020-12 validator (python-jsonschema, ajv's Ajv2020,
// this package's) reads it alone, with no registry, no other file and no network. The files
// are clean under ajv's strict mode, and a failure names the member (its JSON pointer) and the
// keyword it breaks: values are dispatched on their JSON type with if/then/else rather than
// offered as an anyOf of shapes.
//
// Each file's $id names the hookspec release it belongs to (gen.SchemaRelease):
// https://raw.githubusercontent.com/hookspec/hookspec/<release>/jsonschema/<vendor>/<Event>/v<N>.schema.json,
// the address of that release's copy. A schema whose content changes after a release carries the
// next release's $id; released.sum records each released $id's content, and a test holds the
// files to it.
//
// Two layouts exist, and the version's schema says which it is. A schema whose unknown members
// are #/$defs/scalar describes a flat body (CCBill's): every member a single value, so a JSON
// body with a nested value cannot be read, as the generated flat readers cannot read it. Any
// other describes a nested body (an enveloped vendor's): it is read with webhook.Decoder, the
// decoder the generated packages use, so that both engines refuse the same bodies for the same
// reasons (syntax, depth, sizes, invalid UTF-8, a key sent twice), and the schema judges the
// rest.
package jsonschema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/hookspec/hookspec/internal/jsonpointer"
	"github.com/hookspec/hookspec/webhook"
)

//go:embed */*/*.schema.json
var files embed.FS

// FS returns the schema files, by their paths (ccbill/NewSaleSuccess/v6.schema.json).
func FS() fs.FS { return files }

// Path is the path of an event version's schema in FS.
func Path(vendor, event string, version int, strict bool) string {
	name := fmt.Sprintf("v%d.schema.json", version)
	if strict {
		name = fmt.Sprintf("v%d.strict.schema.json", version)
	}
	return path.Join(vendor, event, name)
}

// Validator compiles schemas on first use and keeps them; it is safe for concurrent use.
type Validator struct {
	fsys     fs.FS
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
	// layouts holds what a compiled schema's file says of its body, by schema path.
	layouts map[string]layout
}

// layout is what a version's schema file says of the bodies it describes.
type layout struct {
	// nested is set for schemas of nested bodies (see the package documentation).
	nested bool
	// rows holds the description of each row of a rule between members (an if/then whose then
	// names the refused member) by the row's JSON pointer in the compiled file, so that a value
	// the row refuses is explained in the rule's words rather than the library's "'not' failed".
	rows map[string]string
	// spellings maps members' other spellings to the spelling the spec uses (flexId → flexID),
	// so that a problem names the member as the Go validator does.
	spellings map[string]string
}

// NewValidator returns a validator of the embedded schemas.
func NewValidator() *Validator { return NewValidatorFS(files) }

// NewValidatorFS returns a validator of the schemas in fsys, laid out as FS lays them out (for
// schemas generated elsewhere, and for tests that change one).
func NewValidatorFS(fsys fs.FS) *Validator {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(fsLoader{fsys})
	return &Validator{fsys: fsys, compiler: c, compiled: map[string]*jsonschema.Schema{}, layouts: map[string]layout{}}
}

// fsLoader is the compiler's only way to a schema it was not given: the generated files refer to
// nothing outside themselves, and a $ref to another file (schemas of an earlier generation)
// resolves inside fsys, by the path after the URL's /jsonschema/. Nothing is fetched.
type fsLoader struct{ fsys fs.FS }

func (l fsLoader) Load(url string) (any, error) {
	_, name, ok := strings.Cut(url, "/jsonschema/")
	if !ok {
		return nil, fmt.Errorf("schema %s is not one of the embedded schemas (remote loading is off)", url)
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// Schema returns the compiled schema of an event version.
func (v *Validator) Schema(vendor, event string, version int, strict bool) (*jsonschema.Schema, error) {
	p := Path(vendor, event, version, strict)
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.compiled[p]; ok {
		return s, nil
	}
	if _, err := fs.Stat(v.fsys, p); err != nil {
		return nil, &webhook.UnknownEventError{Vendor: vendor, Event: event, Version: version, Versions: v.versions(vendor, event)}
	}
	data, err := fs.ReadFile(v.fsys, p)
	if err != nil {
		return nil, err
	}
	id, err := schemaID(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if id == "" {
		id = "https://hookspec.invalid/jsonschema/" + p // resolves in fsys like an $id
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	if err := v.compiler.AddResource(id, doc); err != nil {
		return nil, fmt.Errorf("compiling %s: %w", p, err)
	}
	s, err := v.compiler.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("compiling %s: %w", p, err)
	}
	l, err := readLayout(v.fsys, Path(vendor, event, version, false))
	if err != nil {
		return nil, err
	}
	l.rows = ruleRows(doc)
	v.compiled[p], v.layouts[p] = s, l
	return s, nil
}

// schemaID is a schema file's $id, "" if it has none.
func schemaID(data []byte) (string, error) {
	var head struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return "", err
	}
	return head.ID, nil
}

// readLayout reads a version's schema file for its layout and for which of its properties are
// other spellings of a member: those that are a reference to a property of the same object
// ("#/properties/flexID"). A spelling that is also a member's own name somewhere
// in the file is left as it is: renaming it would misname that member.
func readLayout(fsys fs.FS, p string) (layout, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return layout{}, err
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // bounds like 1e2000 do not fit a float64
	if err := dec.Decode(&doc); err != nil {
		return layout{}, fmt.Errorf("%s: %w", p, err)
	}
	aliases, names := map[string]string{}, map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, prop := range props {
					ref, _ := prop.(map[string]any)["$ref"].(string)
					if i := strings.LastIndex(ref, "/properties/"); i >= 0 && ref[0] == '#' {
						aliases[name] = jsonpointer.Unescape(ref[i+len("/properties/"):])
					} else {
						names[name] = true
					}
				}
			}
			for _, sub := range v {
				walk(sub)
			}
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	walk(doc)
	for alias := range aliases {
		if names[alias] {
			delete(aliases, alias)
		}
	}
	return layout{nested: !flat(doc), spellings: aliases}, nil
}

// ruleRows finds the rows of the rules between members in a schema document: subschemas with a
// description, an if, and a then that holds members' properties (gen's ruleSchemas), by pointer.
func ruleRows(doc any) map[string]string {
	rows := map[string]string{}
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			then, _ := v["then"].(map[string]any)
			if d, ok := v["description"].(string); ok && v["if"] != nil && then["properties"] != nil {
				rows[at] = d
			}
			for key, sub := range v {
				walk(sub, at+"/"+jsonpointer.Escape(key))
			}
		case []any:
			for i, sub := range v {
				walk(sub, at+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc, "")
	return rows
}

// flat reports whether a lenient schema describes a flat body: its unknown members are scalars
// (#/$defs/scalar), or, in the schemas before self-contained files, its body is #/$defs/fields.
func flat(doc map[string]any) bool {
	unknown, _ := doc["additionalProperties"].(map[string]any)
	return unknown["$ref"] == "#/$defs/scalar" || doc["$ref"] == "#/$defs/fields"
}

// versions lists an event's versions from the embedded files.
func (v *Validator) versions(vendor, event string) []int {
	entries, _ := fs.ReadDir(v.fsys, path.Join(vendor, event))
	var out []int
	for _, e := range entries {
		n, ok := strings.CutSuffix(strings.TrimPrefix(e.Name(), "v"), ".schema.json")
		if i, err := strconv.Atoi(n); ok && err == nil { // v6.strict.schema.json does not parse
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// Problem is one member of a body that the schema refuses.
type Problem struct {
	// Field is the member's key, as the version's table spells it (a body may use another
	// spelling of the same field: flexId for flexID).
	Field string
	// Rule is webhook.RuleRequired for a missing or empty required member, webhook.RuleUnknown
	// for a member the strict schema does not allow, webhook.RuleAgree for a value a rule
	// between members refuses (Message quotes the rule), and "" for a value the schema refuses
	// otherwise (Keyword and Message say which constraint).
	Rule webhook.Rule
	// Keyword is the schema keyword that failed, the innermost one the library names.
	Keyword string
	// Message is the library's message; for a member the strict schema does not define, it says
	// so in words (the library's would be "not failed").
	Message string

	rank int
}

func (p Problem) String() string { return p.Field + ": " + p.Message }

// Validate checks a body of the given wire format against an event version's schema and
// returns its problems, one per offending member, sorted by field (the library's own order
// varies between runs). A member at depth is named by its path, as the Go validator names it
// ("content.order.lines[2].quantity"). A body the generated decoders cannot read is an error,
// as it is for them: a *webhook.DecodeError (for a flat layout, also a body that is not one
// flat object).
func (v *Validator) Validate(vendor, event string, version int, strict bool, format webhook.WireFormat, body []byte) ([]Problem, error) {
	s, err := v.Schema(vendor, event, version, strict)
	if err != nil {
		return nil, err
	}
	v.mu.Lock()
	l := v.layouts[Path(vendor, event, version, strict)]
	v.mu.Unlock()
	var doc map[string]any
	switch {
	case format != webhook.JSON:
		doc, err = readForm(body)
	case l.nested:
		doc, err = readTree(body)
	default:
		doc, err = readJSON(body)
	}
	if err != nil {
		return nil, err
	}
	err = s.Validate(doc)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	return problems(ve, doc, l), nil
}

// readTree reads a nested JSON body with webhook.Decoder into encoding/json's generic values
// (numbers as json.Number, so that none is rounded). A key sent twice in one object is an
// error at any depth.
func readTree(body []byte) (map[string]any, error) {
	d := webhook.NewDecoder(string(body))
	if !d.Object() {
		return nil, d.End()
	}
	doc := readMembers(&d)
	if err := d.End(); err != nil {
		return nil, err
	}
	return doc, nil
}

// readMembers reads the members of the object d has just entered.
func readMembers(d *webhook.Decoder) map[string]any {
	m := map[string]any{}
	for d.Member() {
		key := d.Key()
		if _, dup := m[key]; dup {
			d.Fail(webhook.MsgRepeated)
			return m
		}
		m[key] = readValue(d)
	}
	return m
}

// readValue reads the value that is next in d; after a problem it returns nil, and d.End
// reports the problem.
func readValue(d *webhook.Decoder) any {
	switch d.Peek() {
	case webhook.KindObject:
		if d.Object() {
			return readMembers(d)
		}
	case webhook.KindArray:
		items := []any{}
		if d.Array() {
			for d.Item() {
				items = append(items, readValue(d))
			}
		}
		return items
	default:
		text := d.Text() // refuses anything else, naming the member
		switch d.Kind() {
		case webhook.KindString:
			return text
		case webhook.KindNumber:
			return json.Number(text)
		case webhook.KindBool:
			return text == "true"
		}
	}
	return nil
}

// readJSON reads a flat JSON object with webhook.JSONReader, the reader of the generated flat
// decoders, so that both engines refuse the same bodies (a nested value, a key sent twice, bad
// syntax) with the same errors, and read a number as its value. Numbers are json.Number, so that
// none is rounded.
func readJSON(body []byte) (map[string]any, error) {
	r := webhook.NewJSONReader(string(body))
	doc := map[string]any{}
	for r.Next() {
		key := r.Key()
		if _, dup := doc[key]; dup {
			r.Fail(webhook.MsgRepeated)
			break
		}
		switch r.Kind() {
		case webhook.KindNumber:
			doc[key] = json.Number(r.Value())
		case webhook.KindBool:
			doc[key] = r.Value() == "true"
		case webhook.KindNull:
			doc[key] = nil
		default:
			doc[key] = r.Value()
		}
	}
	return doc, r.Err()
}

// readForm reads a form body; every value is a string, as the Go decoders see it.
func readForm(body []byte) (map[string]any, error) {
	r := webhook.NewFormReader(string(body))
	doc := map[string]any{}
	for r.Next() {
		if _, dup := doc[r.Key()]; dup {
			r.Fail(webhook.MsgRepeated)
			break
		}
		doc[r.Key()] = r.Value()
	}
	return doc, r.Err()
}

// english words the library's messages.
var english = message.NewPrinter(language.English)

// problems flattens the library's error tree into one problem per member, named by its path in
// doc with the spelling the spec uses. A failure that names no member (one at the body itself)
// is kept under the body's path "", never dropped.
func problems(ve *jsonschema.ValidationError, doc map[string]any, l layout) []Problem {
	spellings := l.spellings
	byField := map[string]Problem{}
	keep := func(p Problem) {
		if old, ok := byField[p.Field]; !ok || less(p, old) {
			byField[p.Field] = p
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if k, ok := e.ErrorKind.(*kind.PropertyNames); ok {
			// Its causes say why the name fails propertyNames (an enum of the names the
			// version defines, in the schemas before self-contained files): the member is
			// unknown. The causes' own location is the object's, and would name no member.
			at, _ := memberPath(doc, e.InstanceLocation, spellings)
			for _, f := range members(at, []string{k.Property}, spellings) {
				keep(Problem{Field: f, Rule: webhook.RuleUnknown, Keyword: "propertyNames", Message: "not a member this version defines"})
			}
			return
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		keyword, message := keywordOf(e.ErrorKind), e.ErrorKind.LocalizedString(english)
		at, value := memberPath(doc, e.InstanceLocation, spellings)
		fields := []string{at}
		rule := webhook.Rule("")
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			rule, fields = webhook.RuleRequired, members(at, k.Missing, spellings)
		case *kind.AdditionalProperties:
			rule, fields = webhook.RuleUnknown, members(at, k.Properties, spellings)
		case *kind.Not:
			if strings.HasSuffix(e.SchemaURL, "#/$defs/unknown") {
				// The strict schemas' additionalProperties: {"$ref": "#/$defs/unknown"}.
				rule, keyword, message = webhook.RuleUnknown, "additionalProperties", "not a member this version defines"
			} else if why, ok := l.row(e.SchemaURL); ok {
				rule, message = webhook.RuleAgree, "disagrees: "+why
			}
		case *kind.FalseSchema:
			if k := e.SchemaURL[strings.LastIndexByte(e.SchemaURL, '/')+1:]; k == "unevaluatedProperties" || k == "additionalProperties" {
				rule, keyword, message = webhook.RuleUnknown, k, "not a member this version defines"
			}
		}
		if rule == "" && len(e.InstanceLocation) > 0 && absentFailure(value, keyword) {
			rule = webhook.RuleRequired
		}
		for _, f := range fields {
			keep(Problem{Field: f, Rule: rule, Keyword: keyword, Message: message, rank: rank(e, rule, keyword)})
		}
	}
	walk(ve)
	out := make([]Problem, 0, len(byField))
	for _, p := range byField {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.Field, b.Field) })
	return out
}

// row is the description of the rule row whose then holds the member schema at url (an
// absolute location, "<file>#/allOf/0/then/allOf/3/then/properties/billedCurrency").
func (l layout) row(url string) (string, bool) {
	_, at, _ := strings.Cut(url, "#")
	i := strings.LastIndex(at, "/then/properties/")
	if i < 0 || strings.Contains(at[i+len("/then/properties/"):], "/") {
		return "", false
	}
	d, ok := l.rows[at[:i]]
	return d, ok
}

// keywordOf is the schema keyword an error is about ("maxLength", "required").
func keywordOf(k jsonschema.ErrorKind) string {
	switch k.(type) {
	case *kind.Not:
		return "not"
	case *kind.FalseSchema:
		return "false"
	}
	if path := k.KeywordPath(); len(path) > 0 {
		return path[0]
	}
	return ""
}

// members names the members an object-level error lists, under the object's path.
func members(at string, names []string, spellings map[string]string) []string {
	out := make([]string, 0, len(names))
	for _, name := range names {
		if to, ok := spellings[name]; ok {
			name = to
		}
		out = append(out, joinPath(at, name))
	}
	return out
}

// absentFailure reports whether a member's failure is that it is absent while required: an
// optional member's definition accepts an absent value, null anywhere and "" for text, so a
// definition that refuses it is a required member's. Text refuses "" by minLength (by "not" in
// the schemas before self-contained files); "" is a value, not an absent one, for other kinds.
func absentFailure(value any, keyword string) bool {
	return value == nil || value == "" && (keyword == "minLength" || keyword == "not")
}

// rank says how well a failed keyword explains a member's problem, lowest best, for a member
// that fails several (a pattern and a length, a value and a rule between members): a rule
// (required, unknown) first, then the keyword of the value's own type ("maxLength"), then "type".
// The schemas before self-contained files (testdata/anyof) offered every value as an anyOf of
// branches, where the absent branch's failure explained least.
func rank(e *jsonschema.ValidationError, rule webhook.Rule, keyword string) int {
	switch {
	case rule != "":
		return 0
	case strings.Contains(e.SchemaURL, "#/$defs/absent"):
		return 3
	case keyword == "type":
		return 2
	}
	return 1
}

// less orders two problems of one member so that the kept one does not depend on the order
// the library reports them in: the best-ranked first, then by keyword and message.
func less(a, b Problem) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.Keyword != b.Keyword {
		return a.Keyword < b.Keyword
	}
	return a.Message < b.Message
}

// memberPath turns an instance location (the keys and indexes from the body to a value) into
// the path the Go validator names a member by: keys joined with dots, array indexes in brackets
// ("content.order.lines[2].quantity"), each key spelled as the spec spells it; value is the
// member's value (doc for the body itself, whose path is "").
func memberPath(doc map[string]any, location []string, spellings map[string]string) (path string, value any) {
	var b strings.Builder
	var at any = doc
	for _, step := range location {
		switch v := at.(type) {
		case []any:
			b.WriteString("[" + step + "]")
			at = nil
			if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(v) {
				at = v[i]
			}
			continue
		case map[string]any:
			at = v[step]
		default:
			at = nil
		}
		if to, ok := spellings[step]; ok {
			step = to
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(step)
	}
	return b.String(), at
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
