package gen

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/hookspec/hookspec/spec"
)

// pkg is the Go view of one vendor's spec: every identifier settled and checked for collisions
// before a line is written, so that a spec which would produce code that does not compile fails
// here with the spec's own names in the message.
type pkg struct {
	spec   *spec.Spec
	name   string // Go package name and directory (the vendor id)
	events []*event
	enums  []*enum
	byEnum map[string]*enum // spec enum name → enum
	// types are the named object types, in the spec's order; byType finds them by spec name.
	types  []*goStruct
	byType map[string]*goStruct
	// unknown is the body of an event the package does not know, for enveloped vendors: the
	// envelope's members, the content raw.
	unknown *goStruct
}

// enveloped reports whether the vendor's bodies are nested JSON envelopes rather than flat
// members: it decides the readers, the value types and the encoders.
func (p *pkg) enveloped() bool { return p.spec.Vendor.Envelope != nil }

type event struct {
	spec     *spec.Event
	constant string // the EventType constant ("NewSaleSuccess")
	file     string // the file holding all its versions ("new_sale_success.go")
	versions []*version
}

func (e *event) latest() *version { return e.versions[len(e.versions)-1] }

type version struct {
	event  *event
	spec   *spec.Version
	goType string // "NewSaleSuccessV6"
	// fields are a flat body's members; body is an enveloped body: the envelope's members, the
	// content member an object of content (or raw content).
	fields  []*field
	body    *goStruct
	content *goStruct // the content's own type, nil for raw content
	base    *version  // the base version of a derived event's version
	flags   int       // spellings in all: the size of a decoder's seen array
}

// formats lists the version's wire formats in a fixed order.
func (v *version) formats() []spec.WireFormat {
	var out []spec.WireFormat
	for _, f := range []spec.WireFormat{spec.WireForm, spec.WireJSON} {
		if slices.Contains(v.spec.Formats, f) {
			out = append(out, f)
		}
	}
	return out
}

type field struct {
	spec.ResolvedField
	// spellings are the wire names a decoder accepts: the version table's spelling first, then
	// the aliases. flag is the index of the first spelling's flag in the decoder's seen array.
	spellings []string
	flag      int
	typ       *goType
}

func (f *field) secret() bool { return f.Sensitivity == spec.SensitivitySecret }

// goStruct is a struct the generator writes for a named type or for an event version's content
// or enveloped body: its members and its decoder's seen flags.
type goStruct struct {
	goType  string
	recv    string           // the methods' receiver: "o", or "e" for an event version's body
	named   *spec.ObjectType // nil for content and bodies
	members []*field
	flags   int
	// about names it in messages and documentation ("type Customer", "order_created v2's content").
	about string
}

// goType is how a member is typed in Go: a tree, for arrays and maps of values or objects.
type goType struct {
	kind goKind
	enum *enum     // goEnum
	obj  *goStruct // goObject
	elem *goType   // goArray, goMap
	// openedBy is the erratum that opens a goEnum (spec.RelaxEnum): its constants are the known
	// values, and a value outside them is a warning citing the erratum, not an error.
	openedBy string
	// documentedMaxLength is a text's documented maximum length that real traffic exceeds
	// (spec.RelaxMaxLength), checked at warning level citing exceededBy. The member's Constraint
	// then has no MaxLength: the model's constraint is what makes a value invalid, which is all
	// the JSON Schemas express.
	documentedMaxLength int
	exceededBy          string
}

// closedEnum reports whether every value must be one of the enum's: a goEnum that no erratum
// opened. A JSON Schema restricts the value to the enum only then.
func (t *goType) closedEnum() bool { return t.kind == goEnum && t.openedBy == "" }

// relax moves the rules of a member's documented shape that real traffic breaks (its
// spec.Relaxation) from the error-level model to its type's warning-level checks.
func relax(f *field) error {
	opened, exceeded := f.Relaxation(spec.RelaxEnum), f.Relaxation(spec.RelaxMaxLength)
	if opened == "" && exceeded == "" {
		return nil
	}
	t := *f.typ // a type of its own: a relaxation belongs to this member, not to its enum
	if opened != "" {
		if t.kind != goEnum {
			return fmt.Errorf("erratum %s opens the enum of %s, which is not typed by one", opened, f.Name)
		}
		t.openedBy = opened
		if in := fmt.Sprintf("%s (erratum %s)", f.Name, opened); !slices.Contains(t.enum.openIn, in) {
			t.enum.openIn = append(t.enum.openIn, in)
		}
	}
	// A flat row may print a data type of its own: one that states no maximum length (a width,
	// or none) leaves nothing to keep as a warning in that version.
	if exceeded != "" && f.Constraint.MaxLength > 0 {
		if !t.textual() {
			return fmt.Errorf("erratum %s keeps the documented maximum length of %s as a warning, but it is not text", exceeded, f.Name)
		}
		t.documentedMaxLength, t.exceededBy = f.Constraint.MaxLength, exceeded
		f.Constraint.MaxLength = 0
	}
	f.typ = &t
	return nil
}

type goKind int

const (
	// goText is a string: every value of a flat body (form bodies have only text), and text,
	// digits and decimals in a nested one, which read a JSON number as its value written plainly.
	goText       goKind = iota
	goSecret            // webhook.Secret
	goEnum              // the enum's string type
	goInt               // webhook.Int
	goUnixTime          // webhook.UnixTime
	goUnixMillis        // webhook.UnixMillis
	goBool              // webhook.Bool
	goNumber            // webhook.Number
	goRaw               // webhook.RawJSON
	goObject            // the object's struct, by value
	goArray             // a slice of the element
	goMap               // webhook.Map of the element
)

// textual reports whether the Go value is a string type, empty when absent.
func (t *goType) textual() bool {
	switch t.kind {
	case goText, goSecret, goEnum, goNumber, goRaw:
		return true
	}
	return false
}

type enum struct {
	spec   *spec.Enum
	goType string
	values []enumValue
	// allowed is the unexported constant holding the values for error messages.
	allowed string
	// openIn are the members whose errata open the enum, "name (erratum id)": for them the
	// values are the known ones, not the only ones.
	openIn []string
}

type enumValue struct {
	spec.EnumValue
	constant string
}

// methodNames are the methods and fields every generated event type has; a spec field with the
// same Go name would not compile.
var methodNames = []string{
	"AppendForm", "AppendJSON", "Base", "EventType", "Extra", "ExtraFields", "Formats",
	"LogValue", "MarshalJSON", "UnmarshalForm", "UnmarshalJSON", "UnmarshalValues", "Validate",
	"ValidateStrict", "ValidateWith", "Version", "WriteFields",
}

// fixedNames are the package-level identifiers every generated package declares.
var fixedNames = []string{
	"Decode", "Detect", "Event", "EventType", "Events", "Latest", "New", "Sample", "Versions",
	"CurrencyEntry", "Currencies", "CurrencyLetter", "CurrencyNumeric", "DeclineCodeText",
	"ParseTimestamp", "ParseDate", "Clock", "Changes", "Descriptor",
	"SourceRanges", "Delivery", "Handler", "HandlerConfig", "NewHandler", "SecretField",
}

// fixedFiles are the files every generated package has besides one file per event.
var fixedFiles = []string{"doc.go", "enums.go", "types.go", "unknown.go", "registry.go", "samples.go", "tables.go", "clock.go", "changes.go", "receive.go"}

func newPackage(s *spec.Spec) (*pkg, error) {
	p := &pkg{spec: s, name: s.Vendor.ID, byEnum: map[string]*enum{}, byType: map[string]*goStruct{}}
	if !token(p.name) || strings.ToLower(p.name) != p.name {
		return nil, fmt.Errorf("vendor id %q is not a lower-case Go package name", p.name)
	}
	names := newNames()
	for _, n := range fixedNames {
		names.claim(n, "a function or type every generated package declares")
	}
	files := map[string]string{}
	for _, f := range fixedFiles {
		files[f] = "a file every generated package has"
	}

	for i := range s.Enums {
		se := &s.Enums[i]
		e := &enum{spec: se, goType: se.GoName, allowed: lowerFirst(se.GoName) + "Allowed"}
		if err := names.claim(e.goType, "enum "+se.Name); err != nil {
			return nil, err
		}
		for _, sv := range se.Values {
			v := enumValue{EnumValue: sv, constant: e.goType + sv.GoName}
			if err := names.claim(v.constant, fmt.Sprintf("value %q of enum %s", sv.Value, se.Name)); err != nil {
				return nil, err
			}
			e.values = append(e.values, v)
		}
		if err := names.claim(e.goType+"Values", "enum "+se.Name+"'s list of values"); err != nil {
			return nil, err
		}
		p.enums = append(p.enums, e)
		p.byEnum[se.Name] = e
	}

	// Named types are declared before their members are typed, so that members may refer to
	// types declared after them, and to their own type through arrays.
	for i := range s.Types {
		st := &s.Types[i]
		o := &goStruct{goType: st.GoName, recv: "o", named: st, about: "type " + st.Name}
		if err := names.claim(o.goType, o.about); err != nil {
			return nil, err
		}
		p.types = append(p.types, o)
		p.byType[st.Name] = o
	}
	for _, o := range p.types {
		resolved, err := s.ResolveType(o.named)
		if err != nil {
			return nil, err
		}
		if err := p.fillObject(o, resolved, nil); err != nil {
			return nil, err
		}
	}
	for _, o := range p.types {
		if err := containsItself(o, nil); err != nil {
			return nil, err
		}
	}
	if env := s.Vendor.Envelope; env != nil {
		// The envelope's members are every version's too: none may be named like a method
		// every event has.
		if o := p.byType[env.Type]; o != nil {
			for _, m := range o.members {
				if slices.Contains(methodNames, m.GoName) {
					return nil, fmt.Errorf("type %s (the envelope): member %s's Go name %s is already a method of every event type: give it another goName",
						env.Type, m.Name, m.GoName)
				}
			}
		}
		if err := names.claim("UnknownEvent", "the type of events this package does not know"); err != nil {
			return nil, err
		}
		resolved, err := s.ResolveType(s.Type(env.Type))
		if err != nil {
			return nil, err
		}
		p.unknown = &goStruct{goType: "UnknownEvent", recv: "e", about: "an unknown event"}
		if err := p.fillObject(p.unknown, resolved, nil); err != nil {
			return nil, err
		}
	}

	for i := range s.Events {
		se := &s.Events[i]
		ev := &event{spec: se, constant: spec.GoName(se.Name)}
		ev.file = snake(ev.constant) + ".go"
		if what, taken := files[ev.file]; taken {
			return nil, fmt.Errorf("event %s: its file %s is already %s", se.Name, ev.file, what)
		}
		files[ev.file] = "event " + se.Name + "'s file"
		if err := names.claim(ev.constant, "event "+se.Name+"'s EventType constant"); err != nil {
			return nil, err
		}
		if err := names.claim(ev.constant+"Latest", "event "+se.Name+"'s latest-version alias"); err != nil {
			return nil, err
		}
		versions := make([]*spec.Version, len(se.Versions))
		for j := range se.Versions {
			versions[j] = &se.Versions[j]
		}
		slices.SortFunc(versions, func(a, b *spec.Version) int { return a.Number - b.Number })
		for _, sv := range versions {
			v, err := p.newVersion(ev, sv)
			if err != nil {
				return nil, err
			}
			if err := names.claim(v.goType, fmt.Sprintf("%s v%d", se.Name, sv.Number)); err != nil {
				return nil, err
			}
			if v.content != nil {
				if err := names.claim(v.content.goType, v.content.about); err != nil {
					return nil, err
				}
			}
			ev.versions = append(ev.versions, v)
		}
		if len(ev.versions) == 0 {
			return nil, fmt.Errorf("event %s has no versions", se.Name)
		}
		p.events = append(p.events, ev)
	}
	// Bases are linked once every version exists, so a base may be declared after its user.
	for _, ev := range p.events {
		for _, v := range ev.versions {
			if v.spec.Base == nil {
				continue
			}
			v.base = p.version(v.spec.Base.Event, v.spec.Base.Version)
			if v.base == nil {
				return nil, fmt.Errorf("%s: base %s v%d does not exist", v.goType, v.spec.Base.Event, v.spec.Base.Version)
			}
		}
	}
	return p, nil
}

func (p *pkg) version(event string, number int) *version {
	for _, ev := range p.events {
		if ev.spec.Name != event {
			continue
		}
		for _, v := range ev.versions {
			if v.spec.Number == number {
				return v
			}
		}
	}
	return nil
}

// maxFlags bounds a decoder's seen array, which lives on the stack.
const maxFlags = 1024

func (p *pkg) newVersion(ev *event, sv *spec.Version) (*version, error) {
	v := &version{event: ev, spec: sv, goType: fmt.Sprintf("%sV%d", ev.constant, sv.Number)}
	resolved, err := p.spec.Resolve(ev.spec, sv)
	if err != nil {
		return nil, err
	}
	if len(sv.Formats) == 0 {
		return nil, fmt.Errorf("%s v%d: no wire format", ev.spec.Name, sv.Number)
	}
	if p.enveloped() {
		return v, p.newEnvelopedVersion(v, resolved)
	}
	goNames := map[string]string{}
	wire := map[string]string{}
	for _, m := range methodNames {
		goNames[m] = "a method of every event type"
	}
	for _, rf := range resolved {
		f := &field{ResolvedField: rf, flag: v.flags}
		if !rf.Constraint.Kind.Scalar() {
			// A flat body's values are text: a form body can carry nothing else.
			return nil, fmt.Errorf("%s v%d: field %s is %s, but %s's bodies are flat (no vendor envelope): only single values",
				ev.spec.Name, sv.Number, rf.Name, rf.Constraint.Kind.Article(), p.spec.Vendor.Name)
		}
		if !token(rf.GoName) || !unicode.IsUpper(rune(rf.GoName[0])) {
			return nil, fmt.Errorf("%s v%d: field %s: %q is not an exported Go identifier", ev.spec.Name, sv.Number, rf.Name, rf.GoName)
		}
		if what, taken := goNames[rf.GoName]; taken {
			return nil, fmt.Errorf("%s v%d: field %s's Go name %s is already %s", ev.spec.Name, sv.Number, rf.Name, rf.GoName, what)
		}
		goNames[rf.GoName] = "field " + rf.Name
		// The table's spelling first; a table that spells a field by its alias still accepts
		// the main spelling and the other aliases.
		f.spellings = []string{rf.Name}
		if rf.Field != nil {
			for _, s := range append([]string{rf.Field.Name}, rf.Aliases...) {
				if !slices.Contains(f.spellings, s) {
					f.spellings = append(f.spellings, s)
				}
			}
		}
		for _, s := range f.spellings {
			if other, taken := wire[s]; taken {
				return nil, fmt.Errorf("%s v%d: wire name %s belongs to both %s and %s", ev.spec.Name, sv.Number, s, other, rf.Name)
			}
			wire[s] = rf.Name
		}
		v.flags += len(f.spellings)
		switch {
		case f.secret():
			f.typ = &goType{kind: goSecret}
		case rf.Enum != nil:
			f.typ = &goType{kind: goEnum, enum: p.byEnum[rf.Enum.Name]}
		default:
			f.typ = &goType{kind: goText}
		}
		if err := relax(f); err != nil {
			return nil, fmt.Errorf("%s v%d: %w", ev.spec.Name, sv.Number, err)
		}
		v.fields = append(v.fields, f)
	}
	if v.flags > maxFlags {
		return nil, fmt.Errorf("%s v%d: %d wire names, more than the %d a decoder tracks", ev.spec.Name, sv.Number, v.flags, maxFlags)
	}
	return v, nil
}

// newEnvelopedVersion types an enveloped version's body: the envelope's members, with the
// content member an object of the version's content members (raw when the version has none).
func (p *pkg) newEnvelopedVersion(v *version, resolved []spec.ResolvedField) error {
	about := fmt.Sprintf("%s v%d", v.event.spec.Name, v.spec.Number)
	if !slices.Equal(v.formats(), []spec.WireFormat{spec.WireJSON}) {
		return fmt.Errorf("%s: enveloped bodies are JSON, not %v", about, v.spec.Formats)
	}
	v.body = &goStruct{goType: v.goType, recv: "e", about: about}
	content := p.spec.Vendor.Envelope.Content
	var typed map[string]*goType
	for _, rf := range resolved {
		if rf.Name != content || rf.Members == nil {
			continue
		}
		v.content = &goStruct{goType: v.goType + "Content", recv: "o", about: about + "'s content"}
		if err := p.fillObject(v.content, rf.Members, nil); err != nil {
			return err
		}
		typed = map[string]*goType{content: {kind: goObject, obj: v.content}}
	}
	return p.fillObject(v.body, resolved, typed)
}

// objectNames are the methods and fields every generated object type has.
var objectNames = []string{"Extra", "Present", "LogValue", "Validate", "ValidateStrict", "ValidateWith", "MarshalJSON", "UnmarshalJSON", "AppendJSON", "Resources"}

// fillObject types an object's members; typed gives the type of members whose type is settled
// already (an enveloped body's content).
func (p *pkg) fillObject(o *goStruct, resolved []spec.ResolvedField, typed map[string]*goType) error {
	goNames := map[string]string{}
	for _, m := range objectNames {
		goNames[m] = "a method or field of every object type"
	}
	if o.recv == "e" { // an event version's body: the event's methods too
		for _, m := range methodNames {
			goNames[m] = "a method of every event type"
		}
	}
	for i := range resolved {
		rf := resolved[i]
		f := &field{ResolvedField: rf, flag: o.flags, spellings: []string{rf.Name}}
		if rf.Field != nil {
			for _, a := range rf.Aliases {
				if !slices.Contains(f.spellings, a) {
					f.spellings = append(f.spellings, a)
				}
			}
		}
		if !token(rf.GoName) || !unicode.IsUpper(rune(rf.GoName[0])) {
			return fmt.Errorf("%s: member %s: %q is not an exported Go identifier", o.about, rf.Name, rf.GoName)
		}
		if what, taken := goNames[rf.GoName]; taken {
			return fmt.Errorf("%s: member %s's Go name %s is already %s", o.about, rf.Name, rf.GoName, what)
		}
		goNames[rf.GoName] = "member " + rf.Name
		f.typ = typed[rf.Name]
		if f.typ == nil {
			typ, err := p.memberType(&rf)
			if err != nil {
				return fmt.Errorf("%s: member %s: %w", o.about, rf.Name, err)
			}
			f.typ = typ
		}
		if err := relax(f); err != nil {
			return fmt.Errorf("%s: %w", o.about, err)
		}
		o.flags += len(f.spellings)
		o.members = append(o.members, f)
	}
	if o.flags > maxFlags {
		return fmt.Errorf("%s: %d wire names, more than the %d a decoder tracks", o.about, o.flags, maxFlags)
	}
	return nil
}

// memberType is the Go type of a member of a nested body, from its kind and format.
func (p *pkg) memberType(rf *spec.ResolvedField) (*goType, error) {
	c := rf.Constraint
	switch c.Kind {
	case spec.KindObject:
		if rf.Type == nil {
			return nil, errors.New("an object without a named type")
		}
		return &goType{kind: goObject, obj: p.byType[rf.Type.Name]}, nil
	case spec.KindArray, spec.KindMap:
		if rf.Items == nil {
			return nil, fmt.Errorf("%s without items", c.Kind.Article())
		}
		elem, err := p.memberType(rf.Items)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		kind := goArray
		if c.Kind == spec.KindMap {
			kind = goMap
		}
		return &goType{kind: kind, elem: elem}, nil
	case spec.KindRaw:
		return &goType{kind: goRaw}, nil
	case spec.KindInteger:
		switch c.Format {
		case spec.FormatUnixTime:
			return &goType{kind: goUnixTime}, nil
		case spec.FormatUnixMillis:
			return &goType{kind: goUnixMillis}, nil
		}
		return &goType{kind: goInt}, nil
	case spec.KindBoolean:
		return &goType{kind: goBool}, nil
	case spec.KindNumber:
		return &goType{kind: goNumber}, nil
	}
	switch {
	case rf.Sensitivity == spec.SensitivitySecret:
		return &goType{kind: goSecret}, nil
	case rf.Enum != nil:
		return &goType{kind: goEnum, enum: p.byEnum[rf.Enum.Name]}, nil
	}
	return &goType{kind: goText}, nil
}

// containsItself reports a type that holds itself by value, which Go cannot lay out: through
// arrays and maps it may refer to itself, since those are references. path is the members
// followed so far ("Customer.address").
func containsItself(o *goStruct, path []string) error {
	for i, step := range path {
		if strings.HasPrefix(step, o.goType+".") {
			return fmt.Errorf("type %s contains itself by value through member %s: give the member an array, or split the type",
				o.goType, strings.Join(append(path[i:], o.goType), " → "))
		}
	}
	for _, f := range o.members {
		if f.typ.kind == goObject {
			if err := containsItself(f.typ.obj, append(path, o.goType+"."+f.Name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// names guards the package's namespace.
type names map[string]string

func newNames() names { return names{} }

func (n names) claim(name, what string) error {
	if !token(name) {
		return fmt.Errorf("%s: %q is not a Go identifier", what, name)
	}
	if first, taken := n[name]; taken {
		return fmt.Errorf("%s: Go name %s is already %s", what, name, first)
	}
	n[name] = what
	return nil
}

func token(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// snake turns a Go name into a file name: NewSaleSuccess → new_sale_success.
func snake(goName string) string {
	var b strings.Builder
	rs := []rune(goName)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func lowerFirst(s string) string {
	for i := 0; i < len(s); i++ {
		if !unicode.IsUpper(rune(s[i])) {
			if i > 1 {
				i-- // keep the last capital of an initialism: IPAddress → ipAddress
			}
			return strings.ToLower(s[:i]) + s[i:]
		}
	}
	return strings.ToLower(s)
}
