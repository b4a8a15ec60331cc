package spec

import (
	"slices"
	"strings"
	"testing"
)

// flatSpec is a small flat vendor: shared fields, an event with two versions and a derived event
// whose version is built on the first.
func flatSpec(e Erratum) *Spec {
	text := func(name string) Field {
		return Field{Name: name, GoName: GoName(name), Description: "The " + name + ".", DataType: "varchar(8)", Presence: Presence{Kind: PresenceOptional}}
	}
	return &Spec{
		DataTypes: []DataType{{Text: "varchar(8)", Constraint: Constraint{Kind: KindString, MaxLength: 8}}},
		Enums:     []Enum{{Name: "source", GoName: "Source", Values: []EnumValue{{Value: "FORM", GoName: "Form"}}}},
		Fields:    []Field{text("orderId"), text("region"), text("source")},
		Events: []Event{
			{Name: "Sale", Versions: []Version{
				{Number: 1, Rows: []Row{{Name: "orderId"}}},
				{Number: 2, Rows: []Row{{Name: "orderId"}, {Name: "region"}}},
			}},
			{Name: "Upsale", Versions: []Version{
				{Number: 1, Base: &BaseRef{Event: "Sale", Version: 2}, Rows: []Row{{Name: "source"}}},
			}},
		},
		Errata: Errata{Entries: []Erratum{e}},
	}
}

var observed = Presence{Kind: PresenceObserved, Source: "real payload a.json"}

// A flat vendor's member patches add rows to the versions they name, and a shared field when
// fields.yaml has none; they refuse what would hide a mistake.
func TestApplyMembersToRows(t *testing.T) {
	tests := []struct {
		name    string
		patches []MemberPatch
		enums   []Enum
		check   func(*Spec) string
		wantErr string
	}{
		{
			name: "a new member: a shared field and a row",
			patches: []MemberPatch{{Events: []string{"Sale"}, Version: 2, Name: "authResult",
				Add: &Field{Name: "authResult", GoName: "AuthResult", Description: "The 3DS result.", DataType: "varchar(8)", Enum: "auth", Presence: observed}}},
			enums: []Enum{{Name: "auth", GoName: "Auth", Values: []EnumValue{{Value: "Y", GoName: "Y"}}}},
			check: func(s *Spec) string {
				f := s.Field("authResult")
				if f == nil || f.Presence != observed || !slices.Equal(f.Errata, []string{"seen"}) || f.Enum != "auth" {
					return "shared field " + describeField(f)
				}
				if i := slices.IndexFunc(s.Fields, func(f Field) bool { return f.Name == "authResult" }); i != 0 {
					return "fields.yaml is not in name order"
				}
				v := s.Event("Sale").Version(2)
				r := v.Rows[len(v.Rows)-1]
				if r.Name != "authResult" || r.Presence != nil || r.Description != "" || !slices.Contains(v.Errata, "seen") {
					return "row " + r.Name
				}
				if s.Enum("auth") == nil || s.Enums[0].Name != "auth" {
					return "the erratum's enum is not in the spec, in name order"
				}
				if len(s.Event("Sale").Version(1).Rows) != 1 {
					return "version 1 got a row"
				}
				return ""
			},
		},
		{
			name: "a member another event has: a row states its presence",
			patches: []MemberPatch{{Events: []string{"Sale"}, Name: "source",
				Add: &Field{Name: "source", GoName: "Source", Description: "The source.", Presence: observed}}},
			check: func(s *Spec) string {
				for _, v := range s.Event("Sale").Versions {
					r := v.Rows[len(v.Rows)-1]
					if r.Name != "source" || r.Presence == nil || *r.Presence != observed || r.Description != "" || r.DataType != "" {
						return "row " + r.Name
					}
				}
				if s.Field("source").Presence.Kind != PresenceOptional {
					return "the shared field changed"
				}
				return ""
			},
		},
		{
			name: "a derived version has its base's members",
			patches: []MemberPatch{{Events: []string{"Upsale"}, Name: "region",
				Add: &Field{Name: "region", GoName: "Region", Description: "The region.", Presence: observed}}},
			wantErr: "Upsale v1 already has member region: the erratum is no longer needed there",
		},
		{
			name: "a shape beside the shared field's",
			patches: []MemberPatch{{Events: []string{"Sale"}, Version: 1, Name: "region",
				Add: &Field{Name: "region", GoName: "Region", Description: "The region.", Constraint: &Constraint{Kind: KindString}, Presence: observed}}},
			wantErr: "fields.yaml defines region already",
		},
		{
			name:    "every event",
			patches: []MemberPatch{{Events: []string{"*"}, Name: "region", Add: &Field{Name: "region", GoName: "Region", Presence: observed}}},
			wantErr: "name the events it was seen in",
		},
		{
			name:    "a change that is not an addition",
			patches: []MemberPatch{{Events: []string{"Sale"}, Name: "region", Presence: &observed}},
			wantErr: "can only add a row",
		},
		{
			name:    "a version the event lacks",
			patches: []MemberPatch{{Events: []string{"Sale"}, Version: 3, Name: "source", Add: &Field{Name: "source", GoName: "Source", Presence: observed}}},
			wantErr: "event Sale has no version 3",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := flatSpec(Erratum{ID: "seen", Members: tt.patches, Enums: tt.enums})
			applied, err := ApplyMembers(s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "errata seen: members[0]") {
					t.Fatalf("error %v, want one naming the erratum and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !applied["seen"] {
				t.Error("the erratum is not reported applied")
			}
			if msg := tt.check(s); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func describeField(f *Field) string {
	if f == nil {
		return "missing"
	}
	return f.Name + " " + string(f.Presence.Kind) + " " + strings.Join(f.Errata, ",")
}

// An erratum's enum is added once: an enum the spec has already means the erratum is stale.
func TestApplyEnumTwice(t *testing.T) {
	s := flatSpec(Erratum{ID: "seen", Enums: []Enum{{Name: "source", GoName: "Source"}}})
	if _, err := ApplyMembers(s); err == nil || !strings.Contains(err.Error(), "errata seen: enum source is already in the spec") {
		t.Fatalf("error %v", err)
	}
}

// A relaxation names the erratum that decided it, once per rule, and a member patch relaxes
// members of types and content like any other change.
func TestRelax(t *testing.T) {
	f := Field{Name: "state"}
	f.Relax("state-longer", []RelaxedRule{RelaxMaxLength})
	f.Relax("other", []RelaxedRule{RelaxMaxLength, RelaxEnum})
	if f.Relaxation(RelaxMaxLength) != "state-longer" || f.Relaxation(RelaxEnum) != "other" || len(f.Relaxed) != 2 {
		t.Errorf("relaxed %+v", f.Relaxed)
	}
	s := memberSpec(MemberPatch{Types: []string{"Customer"}, Name: "email", Relax: []RelaxedRule{RelaxMaxLength}})
	if _, err := ApplyMembers(s); err != nil {
		t.Fatal(err)
	}
	if got := s.Type("Customer").Members[1].Relaxation(RelaxMaxLength); got != "fix" {
		t.Errorf("email's maxLength relaxed by %q, want fix", got)
	}
	rf, err := s.resolveMember(&s.Type("Customer").Members[1])
	if err != nil || rf.Relaxation(RelaxMaxLength) != "fix" {
		t.Errorf("resolved %+v, %v", rf.Relaxed, err)
	}
}

// Check refuses a relaxation of a rule the member does not have, a rule that is not one, and an
// erratum that relaxes or adds without evidence.
func TestCheckEvidence(t *testing.T) {
	withRelaxed := func(f Field, rs ...Relaxation) *Spec {
		s := flatSpec(Erratum{ID: "seen", Evidence: []string{"x"}})
		f.Relaxed = rs
		s.Fields = append(s.Fields, f)
		return s
	}
	plain := Field{Name: "note", GoName: "Note", DataType: "varchar(8)", Presence: Presence{Kind: PresenceOptional}}
	free := Field{Name: "memo", GoName: "Memo", Constraint: &Constraint{Kind: KindString}, Presence: Presence{Kind: PresenceOptional}}
	for _, tc := range []struct {
		name string
		spec *Spec
		want string // a problem's message must contain it; "" for none in fields.yaml and errata.yaml
	}{
		{"a documented length kept as a warning", withRelaxed(plain, Relaxation{RelaxMaxLength, "seen"}), ""},
		{"an open enum without an enum", withRelaxed(plain, Relaxation{RelaxEnum, "seen"}), "field note opens its enum, but it has none"},
		{"an exceeded length that is not documented", withRelaxed(free, Relaxation{RelaxMaxLength, "seen"}), "keeps its documented maximum length as a warning, but its shape states none"},
		{"a rule that cannot be relaxed", withRelaxed(plain, Relaxation{"format", "seen"}), `relaxes rule "format"`},
		{"an erratum the spec lacks", withRelaxed(plain, Relaxation{RelaxMaxLength, "gone"}), `errata id "gone" is not in errata.yaml`},
		{"a rule relaxed twice", withRelaxed(plain, Relaxation{RelaxMaxLength, "seen"}, Relaxation{RelaxMaxLength, "seen"}), "duplicate relaxed rule"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range Check(tc.spec) {
				if p.File == "fields.yaml" {
					got = append(got, p.Path+": "+p.Msg)
				}
			}
			joined := strings.Join(got, "\n")
			if tc.want == "" && joined != "" || tc.want != "" && !strings.Contains(joined, tc.want) {
				t.Errorf("problems:\n%s\nwant %q", joined, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		e    Erratum
		want string
	}{
		{"relaxed without evidence", Erratum{ID: "e", Fields: []FieldPatch{{Names: []string{"state"}, Relax: []RelaxedRule{RelaxMaxLength}}}}, "cites no evidence"},
		{"an enum without evidence", Erratum{ID: "e", Enums: []Enum{{Name: "auth"}}}, "cites no evidence"},
		{"relaxed beside an addition", Erratum{ID: "e", Evidence: []string{"x"}, Members: []MemberPatch{{Events: []string{"Sale"}, Name: "a", Add: &Field{Name: "a"}, Relax: []RelaxedRule{RelaxEnum}}}}, "state everything in add"},
		{"an addition that relaxes itself", Erratum{ID: "e", Evidence: []string{"x"}, Members: []MemberPatch{{Events: []string{"Sale"}, Name: "a", Add: &Field{Name: "a", Relaxed: []Relaxation{{RelaxEnum, "e"}}}}}}, "state the shape the evidence shows instead"},
		{"a relaxation alone is a change", Erratum{ID: "e", Evidence: []string{"x"}, Members: []MemberPatch{{Types: []string{"T"}, Name: "a", Relax: []RelaxedRule{RelaxEnum}}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var msgs []string
			for _, p := range checkErrata(&Errata{Entries: []Erratum{tc.e}}) {
				msgs = append(msgs, p.String())
			}
			got := strings.Join(msgs, "\n")
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("problems %q, want %q", got, tc.want)
			}
		})
	}
}
