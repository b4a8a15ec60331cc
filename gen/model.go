package gen

import (
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
}

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
	fields []*field
	base   *version // the base version of a derived event's version
	flags  int      // spellings in all: the size of a decoder's seen array
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
	goType    goType
	enum      *enum
}

// goType is how a field is typed in Go.
type goType int

const (
	typeString goType = iota
	typeSecret
	typeEnum
)

func (f *field) secret() bool { return f.Sensitivity == spec.SensitivitySecret }

type enum struct {
	spec   *spec.Enum
	goType string
	values []enumValue
	// allowed is the unexported constant holding the values for error messages.
	allowed string
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
	"ValidateStrict", "Version", "WriteFields",
}

// fixedNames are the package-level identifiers every generated package declares.
var fixedNames = []string{
	"Decode", "Detect", "Event", "EventType", "Events", "Latest", "New", "Sample", "Versions",
	"CurrencyEntry", "Currencies", "CurrencyLetter", "CurrencyNumeric", "DeclineCodeText",
	"ParseTimestamp", "ParseDate", "Clock", "Changes",
	"SourceRanges", "Delivery", "Handler", "HandlerConfig", "NewHandler", "SecretField",
}

// fixedFiles are the files every generated package has besides one file per event.
var fixedFiles = []string{"doc.go", "enums.go", "registry.go", "samples.go", "tables.go", "clock.go", "changes.go", "receive.go"}

func newPackage(s *spec.Spec) (*pkg, error) {
	p := &pkg{spec: s, name: s.Vendor.ID, byEnum: map[string]*enum{}}
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
	goNames := map[string]string{}
	wire := map[string]string{}
	for _, m := range methodNames {
		goNames[m] = "a method of every event type"
	}
	for _, rf := range resolved {
		f := &field{ResolvedField: rf, flag: v.flags}
		switch rf.Constraint.Kind {
		case spec.KindObject, spec.KindArray:
			// The wire readers are flat (CCBill's bodies are); nested bodies need a nested reader
			// and are the next vendor's work.
			return nil, fmt.Errorf("%s v%d: field %s is a nested %s, which the generator does not support yet (flat bodies only)",
				ev.spec.Name, sv.Number, rf.Name, rf.Constraint.Kind)
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
			f.goType = typeSecret
		case rf.Enum != nil:
			f.goType, f.enum = typeEnum, p.byEnum[rf.Enum.Name]
		}
		v.fields = append(v.fields, f)
	}
	if v.flags > maxFlags {
		return nil, fmt.Errorf("%s v%d: %d wire names, more than the %d a decoder tracks", ev.spec.Name, sv.Number, v.flags, maxFlags)
	}
	return v, nil
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
