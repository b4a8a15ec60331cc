package spec

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the diff golden files in testdata/diff")

type patch struct{ file, old, new string }

// Each rule has a before/after pair: the shop fixture, and the fixture with one edit. The
// changes the engine finds are golden (testdata/diff/<rule>.golden); the edit's own rule must be
// among them, and diffing after against before must give the inverse changes.
func TestDiffRules(t *testing.T) {
	addDataType := func(text, constraint string) patch {
		return patch{"datatypes.yaml", "dataTypes:\n", "dataTypes:\n  - text: " + text + "\n    constraint:\n" + constraint}
	}
	tests := []struct {
		rule    ChangeRule
		patches []patch
	}{
		{RuleEventAdded, []patch{{"events.yaml", "events:\n", "events:\n  - name: OrderShipped\n    title: Order Shipped\n    group: Order\n    docURL: https://shop.example/docs/webhooks/order-shipped\n    versions:\n      - version: 1\n        formats: [json]\n        fields:\n          - name: orderId\n"}}},
		{RuleVersionAdded, []patch{{"events.yaml", "  - name: OrderRefunded\n", "      - version: 3\n        formats: [json]\n        fields:\n          - name: orderId\n  - name: OrderRefunded\n"}}},
		{RuleFormatAdded, []patch{{"events.yaml", "      - version: 1\n        formats: [json]\n        fields:\n          - name: orderId\n          - name: amount\n          - name: customer\n", "      - version: 1\n        formats: [json, form]\n        fields:\n          - name: orderId\n          - name: amount\n          - name: customer\n"}}},
		{RuleFieldAdded, []patch{{"events.yaml", "          - name: amount\n          - name: customer\n      - version: 2\n", "          - name: amount\n          - name: reason\n          - name: customer\n      - version: 2\n"}}},
		{RuleFieldRenamedCase, []patch{{"events.yaml", "          - name: paid_on\n", "          - name: paidOn\n"}}},
		{RuleMaxLengthIncreased, []patch{addDataType("varchar(128)", "      kind: string\n      maxLength: 128\n"), {"fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: varchar(128)\n    presence:\n      kind: optional\n"}}},
		{RuleWidthChanged, []patch{addDataType("char(4)", "      kind: string\n      width: 4\n"), {"fields.yaml", "    dataType: char(3)\n", "    dataType: char(4)\n"}}},
		{RuleTypeChanged, []patch{{"fields.yaml", "    dataType: varchar(64)\n    presence:\n      kind: optional\n", "    dataType: bigint(20) unsigned\n    presence:\n      kind: optional\n"}}},
		{RuleValueFormatChanged, []patch{{"fields.yaml", "    dataType: date\n", "    dataType: varchar(64)\n"}}},
		{RuleRangeNarrowed, []patch{addDataType("int(10) unsigned", "      kind: digits\n      maxLength: 10\n      min: \"0\"\n      max: \"4294967295\"\n"), {"fields.yaml", "    dataType: bigint(20) unsigned\n", "    dataType: int(10) unsigned\n"}}},
		{RuleDecimalWidened, []patch{addDataType("decimal(11,2)", "      kind: decimal\n      precision: 11\n      scale: 2\n"), {"fields.yaml", "    dataType: decimal(9,2)\n    example: \"10.00\"\n", "    dataType: decimal(11,2)\n    example: \"10.00\"\n"}}},
		{RuleEnumValueAdded, []patch{{"enums.yaml", "      - value: EUR\n        goName: EUR\n", "      - value: EUR\n        goName: EUR\n      - value: GBP\n        goName: GBP\n"}}},
		{RuleEnumUnbound, []patch{{"fields.yaml", "    enum: currency\n", ""}}},
		{RulePresenceChanged, []patch{{"fields.yaml", "      kind: always\n      reason: every sample carries it\n", "      kind: optional\n"}}},
	}
	base, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := Diff(base, base); err != nil || len(cs) != 0 {
		t.Errorf("a spec differs from itself: %v %v", cs, err)
	}
	for _, tt := range tests {
		t.Run(string(tt.rule), func(t *testing.T) {
			dir := copyFixture(t)
			for _, p := range tt.patches {
				path := filepath.Join(dir, p.file)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Count(string(data), p.old) != 1 {
					t.Fatalf("%q occurs %d times in %s", p.old, strings.Count(string(data), p.old), p.file)
				}
				if err := os.WriteFile(path, []byte(strings.Replace(string(data), p.old, p.new, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			after, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			forward, err := Diff(base, after)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(forward, func(c Change) bool { return c.Rule == string(tt.rule) }) {
				t.Errorf("no %s change among %v", tt.rule, forward)
			}
			backward, err := Diff(after, base)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := changeSet(backward, false), changeSet(forward, true); !slices.Equal(got, want) {
				t.Errorf("after → before is not the inverse of before → after:\n got %v\nwant %v", got, want)
			}
			// The backward diff is the inverse rule's golden pair (after → before).
			back := string(tt.rule.Inverse())
			if tt.rule.Inverse() == tt.rule {
				back = string(tt.rule) + ".reverse"
			}
			checkGolden(t, filepath.Join("testdata", "diff", string(tt.rule)+".golden"), forward)
			checkGolden(t, filepath.Join("testdata", "diff", back+".golden"), backward)
		})
	}
}

// changeSet is a comparable form of changes; inverted, each change is seen from the other side.
func changeSet(cs []Change, inverted bool) []string {
	var out []string
	for _, c := range cs {
		rule, from, to, old, new := ChangeRule(c.Rule), c.From, c.To, c.Old, c.New
		if inverted {
			rule, from, to, old, new = rule.Inverse(), to, from, new, old
		}
		field := c.Field
		if c.Rule == RuleFieldRenamedCase {
			field = "" // each side names it by its own spelling; Old and New carry both
		}
		out = append(out, strings.Join([]string{c.Event, string(rule), field, old, new, strconv.Itoa(from), strconv.Itoa(to)}, "|"))
	}
	slices.Sort(out)
	return out
}

func TestDiffVersionsOfCCBill(t *testing.T) {
	s, err := Load("ccbill")
	if err != nil {
		t.Fatal(err)
	}
	ev := s.Event("NewSaleSuccess")
	var added []string
	for i := 1; i < len(ev.Versions); i++ {
		cs, err := s.DiffVersions(ev, &ev.Versions[i-1], &ev.Versions[i])
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Rule == RuleFieldAdded {
				added = append(added, c.Field)
			}
			if c.Level == LevelBreaking {
				t.Errorf("NewSaleSuccess only grows, yet: %s", c)
			}
		}
	}
	// v5 adds the currency letters real 2017 sales carry (erratum sale-currency-letters-seen).
	if want := []string{"paymentAccount", "flexId", "last4", "expDate", "bin", "subscriptionCurrency", "billedCurrency", "accountingCurrency", "threeDSecure"}; !slices.Equal(added, want) {
		t.Errorf("fields added across NewSaleSuccess v1..v6: %v, want %v", added, want)
	}
}

func checkGolden(t *testing.T, golden string, changes []Change) {
	t.Helper()
	var text strings.Builder
	for _, c := range changes {
		text.WriteString(c.String() + "\n")
	}
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(text.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil || string(want) != text.String() {
		t.Errorf("%s (run go test ./spec -update):\n got:\n%s\nwant:\n%s", golden, text.String(), want)
	}
}

// TestDiffNested diffs the enveloped fixture against itself with one edit deep inside a named
// type: the change names the member's path, and a member removed at any depth is breaking.
func TestDiffNested(t *testing.T) {
	const fixture = "../internal/testvendor/spec/feed"
	tests := []struct {
		name    string
		patches []patch
		want    ChangeRule
		level   Level
		field   string
	}{
		{"member removed in a named type", []patch{{"types.yaml", "      - name: tags\n        goName: Tags\n        description: Tags.\n        constraint: {kind: array}\n        items:\n          constraint: {kind: string, maxLength: 24}\n        presence: {kind: optional}\n", ""}},
			RuleFieldRemoved, LevelBreaking, "content.order.tags"},
		{"limit raised in the objects of an array", []patch{{"types.yaml", "        description: The item.\n        constraint: {kind: string, maxLength: 50}\n", "        description: The item.\n        constraint: {kind: string, maxLength: 80}\n"}},
			RuleMaxLengthIncreased, LevelBreaking, "content.order.lines[].item_id"},
		{"shape of items changed", []patch{{"types.yaml", "        items:\n          constraint: {kind: string, maxLength: 24}\n", "        items:\n          constraint: {kind: integer}\n"}},
			RuleTypeChanged, LevelBreaking, "content.order.tags[]"},
		{"limit of map values lowered", []patch{{"types.yaml", "          constraint: {kind: string, maxLength: 20}\n", "          constraint: {kind: string, maxLength: 10}\n"}},
			RuleMaxLengthDecreased, LevelInfo, "content.account.labels.*"},
		{"enum value added at depth", []patch{{"enums.yaml", "      - value: cancelled\n        goName: Cancelled\n", "      - value: cancelled\n        goName: Cancelled\n      - value: refunded\n        goName: Refunded\n"}},
			RuleEnumValueAdded, LevelWarning, "content.order.status"},
		{"envelope member presence", []patch{{"types.yaml", "        enum: webhookStatus\n        presence: {kind: optional}\n", "        enum: webhookStatus\n        presence: {kind: always, reason: the schema says so}\n"}},
			RulePresenceChanged, LevelInfo, "webhook_status"},
		{"content member added", []patch{{"events.yaml", "          - name: card\n            goName: Card\n", "          - name: note\n            goName: Note\n            description: A note.\n            constraint: {kind: string}\n            presence: {kind: optional}\n          - name: card\n            goName: Card\n"}},
			RuleFieldAdded, LevelInfo, "content.note"},
	}
	base, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixtureFrom(t, fixture)
			for _, p := range tt.patches {
				path := filepath.Join(dir, p.file)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Count(string(data), p.old) != 1 {
					t.Fatalf("%q occurs %d times in %s", p.old, strings.Count(string(data), p.old), p.file)
				}
				if err := os.WriteFile(path, []byte(strings.Replace(string(data), p.old, p.new, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			after, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			forward, err := Diff(base, after)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(forward, func(c Change) bool { return c.Rule == string(tt.want) && c.Field == tt.field && c.Level == tt.level }) {
				t.Errorf("no [%s] %s at %s among:\n%v", tt.level, tt.want, tt.field, forward)
			}
			backward, err := Diff(after, base)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := changeSet(backward, false), changeSet(forward, true); !slices.Equal(got, want) {
				t.Errorf("after → before is not the inverse of before → after:\n got %v\nwant %v", got, want)
			}
			checkGolden(t, filepath.Join("testdata", "diff", "nested", strings.ReplaceAll(tt.name, " ", "-")+".golden"), forward)
		})
	}
	// Between the versions of one event: v2 adds content members.
	ev := base.Event("order_created")
	cs, err := base.DiffVersions(ev, ev.Version(1), ev.Version(2))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "diff", "nested", "order_created-v1-v2.golden"), cs)
}
