package spec

import (
	"fmt"
	"slices"
	"strings"
)

// Discrepancy is a disagreement between the vendor's pages and themselves, or between the pages
// and the spec's decisions. The spec records each in DISCREPANCIES.md instead of hiding it.
type Discrepancy struct {
	// Topic groups the report ("changelog", "versions", "catalogue").
	Topic string
	// Where names the page and place, or the spec element.
	Where string
	Text  string
}

// LintChangelog compares the vendor's ChangeLog claims with the variable tables: a field said to
// arrive in a version must be in that version and not in the one before (the version where the
// diff engine first finds it added); a field said to be in all versions must be in every one; a
// new event must exist. Every disagreement is returned.
func LintChangelog(s *Spec) ([]Discrepancy, error) {
	var out []Discrepancy
	has := func(ev *Event, v *Version, field string) (bool, error) {
		fields, err := s.Resolve(ev, v)
		if err != nil {
			return false, err
		}
		for _, f := range fields {
			if f.Name == field || f.Field != nil && f.Field.Name == field || slices.Contains(f.Aliases, field) {
				return true, nil
			}
		}
		return false, nil
	}
	for _, rel := range s.Changelog {
		where := fmt.Sprintf("ChangeLog release %d", rel.Number)
		add := func(format string, args ...any) {
			out = append(out, Discrepancy{Topic: "changelog", Where: where, Text: fmt.Sprintf(format, args...)})
		}
		for _, c := range rel.Claims {
			if c.Kind == ClaimFormatAdded {
				found, err := formatAdded(s, c.Event, c.Format)
				if err != nil {
					return nil, err
				}
				if !found {
					add("%q: no version of %s adds the %s format.", c.Text, orEvery(c.Event), c.Format)
				}
				continue
			}
			ev := s.Event(c.Event)
			if ev == nil {
				add("%q names event %s, which the guide does not document.", c.Text, c.Event)
				continue
			}
			switch c.Kind {
			case ClaimEventAdded:
				// the event exists; nothing more to check.
			case ClaimFieldInAllVersions:
				var missing []string
				for i := range ev.Versions {
					ok, err := has(ev, &ev.Versions[i], c.Field)
					if err != nil {
						return nil, err
					}
					if !ok {
						missing = append(missing, fmt.Sprint(ev.Versions[i].Number))
					}
				}
				if missing != nil {
					add("%q: %s is not in %s version %s.", c.Text, c.Field, c.Event, strings.Join(missing, ", "))
				}
			case ClaimFieldAdded:
				first, err := firstVersion(s, ev, c.Field)
				if err != nil {
					return nil, err
				}
				switch {
				case first == 0:
					add("%q: no version of %s has %s.", c.Text, c.Event, c.Field)
				case c.Version != 0 && first != c.Version:
					v := ev.Version(c.Version)
					in := false
					if v != nil {
						var err error
						if in, err = has(ev, v, c.Field); err != nil {
							return nil, err
						}
					}
					if in {
						add("%q: %s is already in %s version %d, before version %d.", c.Text, c.Field, c.Event, first, c.Version)
					} else {
						add("%q: %s version %d has no %s; its tables first show it in version %d.", c.Text, c.Event, c.Version, c.Field, first)
					}
				}
			}
		}
	}
	return out, nil
}

// formatAdded reports whether a version of event (of any event, when event is "") adds the wire
// format, as the diff engine sees consecutive versions.
func formatAdded(s *Spec, event, format string) (bool, error) {
	for ei := range s.Events {
		ev := &s.Events[ei]
		if event != "" && ev.Name != event {
			continue
		}
		for vi := 1; vi < len(ev.Versions); vi++ {
			changes, err := s.DiffVersions(ev, &ev.Versions[vi-1], &ev.Versions[vi])
			if err != nil {
				return false, err
			}
			for _, c := range changes {
				if c.Rule == RuleFormatAdded && c.New == format {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

func orEvery(event string) string {
	if event == "" {
		return "any event"
	}
	return event
}

// firstVersion is the version of ev where field first appears: the first version, if it has the
// field, else the first whose diff from the version before adds it (the diff engine's
// field-added); 0 if no version has it.
func firstVersion(s *Spec, ev *Event, field string) (int, error) {
	if len(ev.Versions) == 0 {
		return 0, nil
	}
	fields, err := s.Resolve(ev, &ev.Versions[0])
	if err != nil {
		return 0, err
	}
	shared := s.Field(field) // the claim may name the field by an alias
	for i := range fields {
		if strings.EqualFold(fields[i].Name, field) || shared != nil && fields[i].Field == shared {
			return ev.Versions[0].Number, nil
		}
	}
	for i := 1; i < len(ev.Versions); i++ {
		changes, err := s.DiffVersions(ev, &ev.Versions[i-1], &ev.Versions[i])
		if err != nil {
			return 0, err
		}
		for _, c := range changes {
			if c.Rule == RuleFieldAdded && (strings.EqualFold(c.Field, field) || shared != nil && s.Field(c.Field) == shared) {
				return ev.Versions[i].Number, nil
			}
		}
	}
	return 0, nil
}

// UnclaimedChanges lists the changes between consecutive versions (the diff engine's) that the
// vendor's ChangeLog does not mention: a field that first appears without a claim saying so, a
// wire format added without a claim, and any other change (the ChangeLog has no words for a
// changed type or limit). A field a derived version inherits from its base is checked against
// the base event's claims, where the vendor records it.
func UnclaimedChanges(s *Spec) ([]Discrepancy, error) {
	claimed := map[string]bool{}
	for _, rel := range s.Changelog {
		for _, c := range rel.Claims {
			switch c.Kind {
			case ClaimFieldAdded, ClaimFieldInAllVersions:
				claimed[strings.ToLower(c.Event+"/"+c.Field)] = true
			case ClaimFormatAdded:
				claimed["format/"+strings.ToLower(c.Event+"/"+c.Format)] = true
			}
		}
	}
	var out []Discrepancy
	for ei := range s.Events {
		ev := &s.Events[ei]
		for vi := 1; vi < len(ev.Versions); vi++ {
			v := &ev.Versions[vi]
			changes, err := s.DiffVersions(ev, &ev.Versions[vi-1], v)
			if err != nil {
				return nil, err
			}
			add := func(text string) {
				out = append(out, Discrepancy{Topic: "changelog", Where: fmt.Sprintf("%s version %d", ev.Name, v.Number), Text: text})
			}
			// A member observed in real traffic is in no table, so in no ChangeLog either: its
			// erratum, with the evidence, is where the spec accounts for it.
			observed, err := observedMembers(s, ev, v)
			if err != nil {
				return nil, err
			}
			for _, c := range changes {
				switch c.Rule {
				case RuleFieldAdded:
					if observed[c.Field] {
						continue
					}
					// A member of a named type belongs to no version's table (Source is nil): the
					// event's own name is where a ChangeLog would say it.
					owner := ev.Name
					if c.Source != nil {
						owner = c.Source.Event
					}
					if !claimed[strings.ToLower(owner+"/"+c.Field)] {
						add(fmt.Sprintf("%s first appears in %s version %d; the ChangeLog does not mention it.", c.Field, ev.Name, v.Number))
					}
				case RuleFormatAdded:
					// A format claim names an event, or none when the format came to every event.
					if !claimed["format/"+strings.ToLower(ev.Name+"/"+c.New)] && !claimed["format/"+strings.ToLower("/"+c.New)] {
						add(fmt.Sprintf("%s version %d is also sent as %s; the ChangeLog does not mention it.", ev.Name, v.Number, c.New))
					}
				default:
					add(fmt.Sprintf("%s; the ChangeLog does not mention it.", c))
				}
			}
		}
	}
	return out, nil
}

// observedMembers are the names of a version's members whose presence is observed.
func observedMembers(s *Spec, ev *Event, v *Version) (map[string]bool, error) {
	fields, err := s.Resolve(ev, v)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, f := range fields {
		if f.Presence.Kind == PresenceObserved {
			out[f.Name] = true
		}
	}
	return out, nil
}
