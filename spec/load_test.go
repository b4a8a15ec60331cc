package spec

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const fixture = "testdata/shop"

func TestLoadFixture(t *testing.T) {
	s, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if s.Vendor.ID != "shop" || len(s.Events) != 2 || len(s.Fields) != 7 || len(s.Types) != 2 || len(s.Errata.Entries) != 2 || s.Vendor.Clock == nil {
		t.Fatalf("loaded %s with %d events, %d fields, %d errata", s.Vendor.ID, len(s.Events), len(s.Fields), len(s.Errata.Entries))
	}
	ev := s.Event("OrderRefunded")
	fields, err := s.Resolve(ev, ev.Latest())
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Name, GoName, DataType, Description string
		Kind                                Kind
		Presence                            PresenceKind
		From                                VersionRef
	}
	paid := VersionRef{Event: "OrderPaid", Version: 2}
	refunded := VersionRef{Event: "OrderRefunded", Version: 1}
	want := []summary{
		{"orderId", "OrderID", "bigint(20) unsigned", "The order's id.", KindDigits, PresenceAlways, paid},
		// the derived version's own amount row replaces the base's in place
		{"amount", "Amount", "decimal(9,2)", "The amount refunded.", KindDecimal, PresenceOptional, refunded},
		{"currency", "Currency", "char(3)", "The currency of amount.", KindString, PresenceConditional, paid},
		{"paid_on", "PaidOn", "date", "The day the order was paid.", KindString, PresenceOptional, paid},
		{"customer", "Customer", "", "Who paid.", KindObject, PresenceOptional, paid},
		{"items", "Items", "array", "What was bought.", KindArray, PresenceOptional, paid},
		{"reason", "Reason", "varchar(64)", "Why the order was refunded.", KindString, PresenceOptional, refunded},
	}
	var got []summary
	for _, f := range fields {
		got = append(got, summary{f.Name, f.GoName, f.DataType, f.Description, f.Constraint.Kind, f.Presence.Kind, f.From})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Resolve(OrderRefunded v1):\n got %+v\nwant %+v", got, want)
	}
	if e := fields[2].Enum; e == nil || e.Name != "currency" {
		t.Errorf("currency enum = %v", e)
	}
	if f := fields[3]; f.Constraint.Format != FormatDate || !reflect.DeepEqual(f.Aliases, []string{"paid_on"}) {
		t.Errorf("paid_on: format %q, aliases %v", f.Constraint.Format, f.Aliases)
	}
	customer := fields[4]
	if customer.Type == nil || customer.Type.Name != "Customer" {
		t.Fatalf("customer's type = %+v", customer.Type)
	}
	members, err := s.ResolveType(customer.Type)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].GoName != "Email" || members[0].Constraint.MaxLength != 64 ||
		members[0].Constraint.Format != FormatEmail || !members[0].Required() {
		t.Fatalf("Customer's members = %+v", members)
	}
	addr := members[1]
	if addr.Type == nil || addr.Type.GoName != "Address" || addr.Sensitivity != SensitivityPersonal || addr.Constraint.Kind != KindObject {
		t.Errorf("Customer.address = %+v", addr)
	}
	if it := fields[5].Items; it == nil || it.Constraint.Kind != KindString || it.Constraint.MaxLength != 64 {
		t.Errorf("items element = %+v", it)
	}
	if f := s.Field("paid_on"); f == nil || f.Name != "paidOn" {
		t.Errorf("Field(alias) = %v", f)
	}
}

// TestLoadErrors breaks one thing in a copy of the fixture and expects the loader to name the
// file, the line of the broken text and the reason.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		// want is the reason, expected at file:line where line is the replaced text's first line
		// plus offset (a missing key is reported at its mapping).
		want   string
		offset int
	}{
		{"typo in a key", "fields.yaml", "    dataType: decimal(9,2)\n", "    dataTyp: decimal(9,2)\n", `unknown key 'dataTyp'`, 0},
		{"two unknown keys, the first", "fields.yaml", "    dataType: decimal(9,2)\n    example: \"10.00\"\n", "    dataTyp: decimal(9,2)\n    exampel: \"10.00\"\n", `/fields/1/dataTyp: unknown key 'dataTyp'`, 0},
		{"two unknown keys, the second", "fields.yaml", "    dataType: decimal(9,2)\n    example: \"10.00\"\n", "    dataTyp: decimal(9,2)\n    exampel: \"10.00\"\n", `/fields/1/exampel: unknown key 'exampel'`, 1},
		{"wrong type", "events.yaml", "      - version: 2\n", "      - version: two\n", `expected an integer, but got the string "two"`, 0},
		{"a number a double rounds", "events.yaml", "      - version: 2\n", "      - version: 1.99999999999999999\n", "expected an integer, but got the number 1.99999999999999999", 0},
		{"unknown wire format", "events.yaml", "formats: [json, form]", "formats: [json, xml]", `value must be one of "form", "json", not "xml"`, 0},
		{"impossible date", "events.yaml", "released: 2026-01-01", "released: 2026-13-01", "does not match pattern", 0},
		{"undefined data type", "events.yaml", "            dataType: decimal(9,2)\n", "            dataType: decimal(9,3)\n", `data type "decimal(9,3)" is not in datatypes.yaml`, 0},
		{"row without shared field", "events.yaml", "          - name: reason\n", "          - name: reasn\n", `field "reasn" has no shared definition`, 0},
		{"missing base version", "events.yaml", "          version: 2\n          errata: refund-base\n", "          version: 7\n          errata: refund-base\n", "base OrderPaid has no version 7", 0},
		{"versions out of order", "events.yaml", "      - version: 2\n", "      - version: 1\n", "versions must ascend", 0},
		{"unknown errata id", "events.yaml", "errata: refund-base", "errata: refund-bse", `errata id "refund-bse" is not in errata.yaml`, 0},
		{"condition missing", "fields.yaml", "      kind: conditional\n      condition: only when amount is sent\n", "      kind: conditional\n", "missing key 'condition'", -1},
		{"observed without its source", "fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: varchar(64)\n    presence:\n      kind: observed\n", "missing key 'source'", 1},
		{"a source for a documented member", "fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: varchar(64)\n    presence:\n      kind: optional\n      source: real payload a.json\n", "/presence: not allowed here: 'source' (spec/schema.json#/$defs/presence/allOf/2/else/not)", 1},
		{"a relaxed rule the spec does not know", "fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: varchar(64)\n    relaxed:\n      - {rule: format, errata: refund-base}\n    presence:\n      kind: optional\n", `value must be one of "enum", "maxLength", not "format"`, 2},
		{"yaml syntax", "enums.yaml", "    values:\n", "    values: [\n", "did not find expected", 0},
		{"format version", "tables.yaml", "hookspec: 1\n", "hookspec: 2\n", "value must be 1, not 2", 0},
		{"undefined enum", "fields.yaml", "    enum: currency\n", "    enum: money\n", `enum "money" is not in enums.yaml`, 0},
		{"scalar with items", "fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: varchar(64)\n    items:\n      dataType: date\n    presence:\n      kind: optional\n", "reason is a string: only arrays and maps have items", 1},
		{"undefined type", "fields.yaml", "    type: Customer\n", "    type: Custmer\n", `type "Custmer" is not in types.yaml`, 0},
		{"unknown format", "types.yaml", "        format: email\n", "        format: e-mail\n", "does not match pattern", 0},
		{"unknown format name", "types.yaml", "        format: email\n", "        format: mail\n", `unknown format "mail" (known: date, timestamp`, 0},
		{"format of another kind", "types.yaml", "        format: email\n", "        format: unixTime\n", "format unixTime does not apply to email, which is string", 0},
		{"object without type", "types.yaml", "        type: Address\n", "        constraint: {kind: object}\n", "address is an object: name its type", -3},
		{"shape twice", "types.yaml", "        dataType: varchar(64)\n        format: email\n", "        dataType: varchar(64)\n        constraint: {kind: string}\n", "has both a dataType and a constraint", 1},
		{"duplicate type", "types.yaml", "  - name: Address\n", "  - name: Customer\n", `duplicate type name "Customer"`, 0},
		{"duplicate field", "fields.yaml", "  - name: reason\n", "  - name: amount\n", `duplicate field name or alias "amount"`, 0},
		{"clock offset", "vendor.yaml", `    utcOffset: "+01:00"`, `    utcOffset: "+1:00"`, "does not match pattern", 0},
		{"clock's decision", "vendor.yaml", "    errata: shop-clock\n", "    errata: shop-clok\n", `errata id "shop-clok" is not in errata.yaml`, 0},
		{"unknown parameter role", "vendor.yaml", "        role: eventType\n", "        role: eventName\n", `value must be one of`, 0},
		{"two event type parameters", "vendor.yaml", "        description: The event's name again, for older receivers.\n", "        description: The event's name again, for older receivers.\n        role: eventType\n", `duplicate query parameter role "eventType"`, 1},
		{"scale above precision", "datatypes.yaml", "      precision: 9\n      scale: 2\n", "      precision: 1\n      scale: 2\n", "scale 2 exceeds precision 1", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLoadError(t, fixture, tt.file, tt.old, tt.new, tt.want, tt.offset)
		})
	}
}

// TestLoadEnvelopedErrors breaks the enveloped fixture one way at a time.
func TestLoadEnvelopedErrors(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
		offset                     int
	}{
		{"envelope type missing", "vendor.yaml", "    type: Event\n", "    type: Evnt\n", `envelope type "Evnt" is not in types.yaml`, 0},
		{"content member missing", "vendor.yaml", "    content: content\n", "    content: body\n", `envelope type Event has no member "body"`, 0},
		{"content not raw", "types.yaml", "        constraint: {kind: raw}\n        presence: {kind: always, reason: the Event schema requires it}\n", "        constraint: {kind: string}\n        presence: {kind: always, reason: the Event schema requires it}\n", "the envelope's content member content must be raw", -3},
		{"body member missing", "vendor.yaml", "      name: event_type\n", "      name: type\n", `body member "type": type Event has no member type`, 0},
		{"version pattern groups", "vendor.yaml", "      pattern: ^v([0-9]+)$\n", "      pattern: ^v[0-9]+$\n", "pattern has 0 groups: want exactly one", 0},
		{"configured event type", "vendor.yaml", "      in: body\n      name: event_type\n", "      in: configured\n", "the event type cannot be configured", 0},
		{"url key without param", "vendor.yaml", "        param: key\n", "", "missing key 'param'", -1},
		{"horizon", "vendor.yaml", "      horizon: 79h\n", "      horizon: 3d\n", "does not match pattern", 0},
		{"ordering member", "vendor.yaml", "      member: resource_version\n", "      member: version\n", `no type has a member "version"`, 0},
		{"content without members", "events.yaml", "        rawContent: true\n", "", "coupon_updated v2 lists no content members", -2},
		{"flat rows in an enveloped vendor", "events.yaml", "        rawContent: true\n", "        fields:\n          - name: id\n", "has flat rows, but Feed's bodies are enveloped", 0},
		{"array without items", "types.yaml", "        items:\n          type: OrderLine\n", "", "lines is an array but has no items", -4},
		{"type on an array", "types.yaml", "        items:\n          type: OrderLine\n", "        type: OrderLine\n", "only objects have a type", 0},
		{"duplicate content member", "events.yaml", "          - name: card\n", "          - name: order\n", `duplicate content member of order_created v2 "order"`, 0},
		{"enum on an object", "events.yaml", "          - name: account\n            goName: Account\n            description: Who ordered.\n", "          - name: account\n            goName: Account\n            description: Who ordered.\n            enum: orderStatus\n", "account is an object: only single values have an enum", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLoadError(t, "../internal/testvendor/spec/feed", tt.file, tt.old, tt.new, tt.want, tt.offset)
		})
	}
}

// TestJSONValueNumbers holds the values the schema judges to the YAML numbers as written: a
// literal JSON spells too is kept exactly, other YAML spellings are converted, and a number JSON
// cannot write is refused with its line.
func TestJSONValueNumbers(t *testing.T) {
	for _, tt := range []struct {
		yaml string
		want any
		err  string
	}{
		{"7", json.Number("7"), ""},
		{"-0", json.Number("-0"), ""},
		{"1.99999999999999999", json.Number("1.99999999999999999"), ""},
		{"123456789012345678901234567890", json.Number("123456789012345678901234567890"), ""},
		{"2.5e-3", json.Number("2.5e-3"), ""},
		{"0x10", json.Number("16"), ""},
		{"+5", json.Number("5"), ""},
		{".5", json.Number("0.5"), ""},
		{".inf", nil, "line 1: .inf is not a number JSON can write"},
		{".nan", nil, "line 1: .nan is not a number JSON can write"},
		{`"7"`, "7", ""},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tt.yaml), &doc); err != nil {
			t.Fatal(err)
		}
		got, err := jsonValue(doc.Content[0])
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.yaml, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: %#v, %v; want %#v", tt.yaml, got, err, tt.want)
		}
	}
}

// An erratum must correct something, with one of several keys: a choice, said once at the
// erratum, not one "missing key" per key it could have used.
func TestLoadErratumWithoutTarget(t *testing.T) {
	const example = "    examples:\n      - from: \"‐\"\n        to: \"-\"\n"
	checkLoadError(t, "ccbill", "errata.yaml", example, "", "needs one of the keys 'fields', 'rows', 'versions'", -5)
	dir := copyFixtureFrom(t, "ccbill")
	path := filepath.Join(dir, "errata.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), example, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(dir)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 1 {
		t.Fatalf("Load = %v, want one problem", err)
	}
}

// checkLoadError copies a fixture, replaces old with new in one of its files, and expects Load
// to report want at the replaced text's first line plus offset.
func checkLoadError(t *testing.T, from, file, old, new, want string, offset int) {
	t.Helper()
	dir := copyFixtureFrom(t, from)
	path := filepath.Join(dir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if strings.Count(text, old) != 1 {
		t.Fatalf("%q occurs %d times in %s", old, strings.Count(text, old), file)
	}
	broken := strings.Replace(text, old, new, 1)
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(text[:strings.Index(text, old)], "\n") + 1 + offset
	_, err = Load(dir)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load = %v, want a *LoadError", err)
	}
	prefix := path + ":" + strconv.Itoa(line) + ":"
	for _, p := range le.Problems {
		if s := p.String(); strings.HasPrefix(s, prefix) && strings.Contains(s, want) {
			return
		}
	}
	t.Errorf("Load error:\n%v\nwant a problem starting %q containing %q", err, prefix, want)
}

func TestLoadMissingFile(t *testing.T) {
	dir := copyFixture(t)
	os.Remove(filepath.Join(dir, "events.yaml"))
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "events.yaml")+": missing spec file") {
		t.Errorf("Load = %v", err)
	}
	// The other files are optional: without them the spec has none of what they hold.
	dir = copyFixture(t)
	os.Remove(filepath.Join(dir, "tables.yaml"))
	s, err := Load(dir)
	if err != nil || len(s.Tables.Currencies) != 0 {
		t.Errorf("Load without tables.yaml = %v, %d currencies", err, len(s.Tables.Currencies))
	}
}

func TestBaseCycle(t *testing.T) {
	s, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	paid := s.Event("OrderPaid").Version(2)
	paid.Base = &BaseRef{Event: "OrderRefunded", Version: 1, Errata: "refund-base"}
	ps := Check(s)
	found := false
	for _, p := range ps {
		if p.File == "events.yaml" && strings.Contains(p.Msg, "cycle") {
			found = true
		}
	}
	if !found {
		t.Errorf("Check = %v, want a base cycle", ps)
	}
	if _, err := s.Resolve(s.Event("OrderPaid"), paid); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("Resolve = %v, want a cycle error", err)
	}
}

// TestMarshalRoundTrip writes the fixture with Marshal and loads it back unchanged.
func TestMarshalRoundTrip(t *testing.T) {
	s, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		if !strings.HasPrefix(string(data), GeneratedHeader+"\n") {
			t.Errorf("%s does not start with the generated header", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	errata, err := os.ReadFile(filepath.Join(fixture, "errata.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "errata.yaml"), errata, 0o644)
	again, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	again.Dir = s.Dir
	if !reflect.DeepEqual(again, s) {
		t.Error("the spec changed on a Marshal/Load round trip")
	}
	files2, err := Marshal(again)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(files, files2) {
		t.Error("Marshal is not deterministic")
	}
}

func TestLoadErrata(t *testing.T) {
	e, err := LoadErrata(filepath.Join(fixture, "errata.yaml"))
	if err != nil || e.Vendor != "shop" || len(e.Entries) != 2 || e.Entries[0].Versions[0].Base.Version != 2 || e.Entries[1].Clock.UTCOffset != "+01:00" {
		t.Fatalf("LoadErrata = %+v, %v", e, err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "errata.yaml")
	os.WriteFile(path, []byte("hookspec: 1\nvendor: shop\nerrata:\n  - id: x\n    kind: correction\n    docsSay: a\n    specSays: b\n    why: c\n"), 0o644)
	_, err = LoadErrata(path)
	if err == nil || !strings.Contains(err.Error(), path+":4:") {
		t.Errorf("an erratum that changes nothing: LoadErrata = %v, want an error at line 4", err)
	}
}

func copyFixture(t *testing.T) string {
	t.Helper()
	return copyFixtureFrom(t, fixture)
}

func copyFixtureFrom(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range Files {
		data, err := os.ReadFile(filepath.Join(from, name))
		if optionalFiles[name] && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLintChangelog(t *testing.T) {
	tests := []struct {
		name  string
		claim Claim
		want  string // "" when the claim agrees with the tables
	}{
		{"agrees", Claim{Kind: ClaimFieldAdded, Event: "OrderPaid", Version: 2, Field: "currency", Text: "adds currency"}, ""},
		{"too early", Claim{Kind: ClaimFieldAdded, Event: "OrderPaid", Version: 1, Field: "currency", Text: "adds currency"},
			`"adds currency": OrderPaid version 1 has no currency; its tables first show it in version 2.`},
		{"too late", Claim{Kind: ClaimFieldAdded, Event: "OrderPaid", Version: 2, Field: "amount", Text: "adds amount"},
			`"adds amount": amount is already in OrderPaid version 1, before version 2.`},
		{"never", Claim{Kind: ClaimFieldAdded, Event: "OrderPaid", Field: "reason", Text: "adds reason"},
			`"adds reason": no version of OrderPaid has reason.`},
		{"not everywhere", Claim{Kind: ClaimFieldInAllVersions, Event: "OrderPaid", Field: "items", Text: "items everywhere"},
			`"items everywhere": items is not in OrderPaid version 1.`},
		{"alias counts", Claim{Kind: ClaimFieldAdded, Event: "OrderPaid", Version: 2, Field: "paidOn", Text: "adds paidOn"}, ""},
		{"format added", Claim{Kind: ClaimFormatAdded, Format: "form", Text: "form bodies"}, ""},
		{"format never added", Claim{Kind: ClaimFormatAdded, Format: "json", Text: "JSON bodies"},
			`"JSON bodies": no version of any event adds the json format.`},
		{"unknown event", Claim{Kind: ClaimEventAdded, Event: "OrderLost", Text: "new OrderLost"},
			`"new OrderLost" names event OrderLost, which the guide does not document.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(fixture)
			if err != nil {
				t.Fatal(err)
			}
			s.Changelog = []Release{{Number: 1, Text: []string{tt.claim.Text}, Claims: []Claim{tt.claim}}}
			got, err := LintChangelog(s)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, d := range got {
				texts = append(texts, d.Text)
			}
			if tt.want == "" && len(texts) != 0 || tt.want != "" && !reflect.DeepEqual(texts, []string{tt.want}) {
				t.Errorf("LintChangelog = %q, want %q", texts, tt.want)
			}
		})
	}
}

func TestUnclaimedChanges(t *testing.T) {
	s, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnclaimedChanges(s)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, d := range got {
		texts = append(texts, d.Text)
	}
	// currency is claimed by the fixture's ChangeLog; the form format, paid_on and items are not.
	want := []string{
		"OrderPaid version 2 is also sent as form; the ChangeLog does not mention it.",
		"paid_on first appears in OrderPaid version 2; the ChangeLog does not mention it.",
		"items first appears in OrderPaid version 2; the ChangeLog does not mention it.",
	}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("UnclaimedChanges = %q, want %q", texts, want)
	}
}

func TestLoadFS(t *testing.T) {
	fromDisk, err := Load("testdata/shop")
	if err != nil {
		t.Fatal(err)
	}
	fromFS, err := LoadFS(os.DirFS("testdata"), "shop")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromDisk.Events, fromFS.Events) || !reflect.DeepEqual(fromDisk.Vendor, fromFS.Vendor) {
		t.Error("LoadFS and Load read the same files differently")
	}
	if _, err := LoadFS(os.DirFS("testdata"), "nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere/vendor.yaml: missing spec file") {
		t.Errorf("LoadFS of a missing directory = %v, want a missing-file problem naming nowhere/vendor.yaml", err)
	}
}
