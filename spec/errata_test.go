package spec

import (
	"strings"
	"testing"
)

// memberSpec is a small enveloped spec: a Customer and an Invoice, and events whose content
// refers to them.
func memberSpec(patches ...MemberPatch) *Spec {
	str := func(name string) Field {
		return Field{Name: name, GoName: GoName(name), Constraint: &Constraint{Kind: KindString}, Presence: Presence{Kind: PresenceOptional}}
	}
	always := Presence{Kind: PresenceAlways, Reason: "declared required"}
	return &Spec{
		Types: []ObjectType{
			{Name: "Customer", GoName: "Customer", Members: []Field{str("id"), str("email")}},
			{Name: "Invoice", GoName: "Invoice", Members: []Field{str("id")}},
			{Name: "Invoice.Line", GoName: "InvoiceLine", Members: []Field{str("id")}},
		},
		Events: []Event{
			{Name: "customer_deleted", Versions: []Version{
				{Number: 1, Content: []Field{{Name: "customer", GoName: "Customer", Type: "Customer", Presence: always}}},
				{Number: 2, Content: []Field{
					{Name: "customer", GoName: "Customer", Type: "Customer", Presence: always},
					{Name: "invoice", GoName: "Invoice", Constraint: &Constraint{Kind: KindArray}, Items: &Shape{Type: "Invoice"}, Presence: always},
				}},
			}},
			{Name: "coupon_updated", Versions: []Version{{Number: 2, RawContent: true}}},
		},
		Errata: Errata{Entries: []Erratum{{ID: "fix", Members: patches}}},
	}
}

func TestApplyMembers(t *testing.T) {
	tests := []struct {
		name    string
		patch   MemberPatch
		check   func(*Spec) string // returns what is wrong, "" when the patch did its work
		wantErr string
	}{
		{
			name:  "rename in one version's content",
			patch: MemberPatch{Events: []string{"customer_deleted"}, Version: 2, Name: "invoice", Rename: "invoices"},
			check: func(s *Spec) string {
				f := s.Event("customer_deleted").Version(2).Content[1]
				if f.Name != "invoices" || f.GoName != "Invoices" || len(f.Errata) != 1 || f.Errata[0] != "fix" {
					return "content[1] = " + f.Name + " " + f.GoName
				}
				return ""
			},
		},
		{
			name:  "presence everywhere the member is",
			patch: MemberPatch{Events: []string{"*"}, Name: "customer", Presence: &Presence{Kind: PresenceConditional, Condition: "when sent"}},
			check: func(s *Spec) string {
				for _, v := range s.Event("customer_deleted").Versions {
					if v.Content[0].Presence.Kind != PresenceConditional {
						return "a version's customer is still " + string(v.Content[0].Presence.Kind)
					}
				}
				return ""
			},
		},
		{
			name:  "add to every resource",
			patch: MemberPatch{Resources: true, Name: "object", Add: &Field{Name: "object", GoName: "Object", Constraint: &Constraint{Kind: KindString}, Presence: Presence{Kind: PresenceOptional}}},
			check: func(s *Spec) string {
				if n := len(s.Type("Customer").Members); n != 3 {
					return "Customer has no object"
				}
				if n := len(s.Type("Invoice").Members); n != 2 {
					return "Invoice (an array's items) has no object"
				}
				if n := len(s.Type("Invoice.Line").Members); n != 1 {
					return "Invoice.Line, which no content refers to, got object"
				}
				return ""
			},
		},
		{
			name:  "constraint of a type's member",
			patch: MemberPatch{Types: []string{"Customer"}, Name: "email", Constraint: &Constraint{Kind: KindString, Format: FormatEmail}},
			check: func(s *Spec) string {
				if c := s.Type("Customer").Members[1].Constraint; c.Format != FormatEmail {
					return "format " + string(c.Format)
				}
				return ""
			},
		},
		{
			name:  "sensitivity on every type that has the member",
			patch: MemberPatch{Types: []string{"*"}, Name: "email", Sensitivity: SensitivityPersonal},
			check: func(s *Spec) string {
				if got := s.Type("Customer").Members[1].Sensitivity; got != SensitivityPersonal {
					return "Customer.email is " + string(got)
				}
				return ""
			},
		},
		{
			name:    "a listed type without the member",
			patch:   MemberPatch{Types: []string{"Customer", "Invoice"}, Name: "email", Presence: &Presence{Kind: PresenceOptional}},
			wantErr: "type Invoice has no member email",
		},
		{
			name:    "an added member the type already has",
			patch:   MemberPatch{Types: []string{"Customer"}, Name: "email", Add: &Field{Name: "email", GoName: "Email", Constraint: &Constraint{Kind: KindString}, Presence: Presence{Kind: PresenceOptional}}},
			wantErr: "type Customer already has member email: the erratum is no longer needed there",
		},
		{
			name:    "a wildcard that matches nothing",
			patch:   MemberPatch{Events: []string{"*"}, Name: "card", Presence: &Presence{Kind: PresenceOptional}},
			wantErr: "changed nothing",
		},
		{
			name:    "a rename onto an existing member",
			patch:   MemberPatch{Events: []string{"customer_deleted"}, Version: 2, Name: "invoice", Rename: "customer"},
			wantErr: "already has a member customer besides invoice",
		},
		{
			name:    "an unknown event",
			patch:   MemberPatch{Events: []string{"customer_created"}, Name: "customer", Presence: &Presence{Kind: PresenceOptional}},
			wantErr: `event "customer_created" is not in events.yaml`,
		},
		{
			name:    "an event without content",
			patch:   MemberPatch{Events: []string{"coupon_updated"}, Name: "coupon", Presence: &Presence{Kind: PresenceOptional}},
			wantErr: "event coupon_updated has no version with content",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memberSpec(tt.patch)
			applied, err := ApplyMembers(s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "errata fix: members[0]") {
					t.Fatalf("error %v, want one naming the erratum and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !applied["fix"] {
				t.Error("the erratum is not reported applied")
			}
			if msg := tt.check(s); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestCheckMemberPatches(t *testing.T) {
	opt := &Presence{Kind: PresenceOptional}
	tests := []struct {
		name     string
		evidence []string
		patch    MemberPatch
		want     string
	}{
		{"no evidence", nil, MemberPatch{Types: []string{"T"}, Name: "a", Presence: opt}, "cites no evidence"},
		{"two selectors", []string{"x"}, MemberPatch{Types: []string{"T"}, Resources: true, Name: "a", Presence: opt}, "selects 2 kinds of container"},
		{"no selector", []string{"x"}, MemberPatch{Name: "a", Presence: opt}, "selects 0 kinds of container"},
		{"version without events", []string{"x"}, MemberPatch{Types: []string{"T"}, Version: 2, Name: "a", Presence: opt}, "has a version but no events"},
		{"add under another name", []string{"x"}, MemberPatch{Types: []string{"T"}, Name: "a", Add: &Field{Name: "b"}}, "the added member is named b"},
		{"add and change", []string{"x"}, MemberPatch{Types: []string{"T"}, Name: "a", Add: &Field{Name: "a"}, Presence: opt}, "state everything in add"},
		{"nothing to do", []string{"x"}, MemberPatch{Types: []string{"T"}, Name: "a"}, "changes nothing"},
		{"bad constraint", []string{"x"}, MemberPatch{Types: []string{"T"}, Name: "a", Constraint: &Constraint{Kind: KindArray, MaxLength: 3}}, "has no length"},
		{"fine", []string{"x"}, MemberPatch{Types: []string{"T"}, Name: "a", Presence: opt}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := checkErrata(&Errata{Entries: []Erratum{{ID: "e", Evidence: tt.evidence, Members: []MemberPatch{tt.patch}}}})
			var msgs []string
			for _, p := range ps {
				msgs = append(msgs, p.String())
			}
			got := strings.Join(msgs, "\n")
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
}
