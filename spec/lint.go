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
// arrive in a version must be in that version and not in the one before; a field said to be in
// all versions must be in every one; a new event must exist. Every disagreement is returned.
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
				first := 0
				for i := range ev.Versions {
					ok, err := has(ev, &ev.Versions[i], c.Field)
					if err != nil {
						return nil, err
					}
					if ok {
						first = ev.Versions[i].Number
						break
					}
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

// UnclaimedAdditions lists fields that first appear in an event version without a ChangeLog claim
// saying so: changes the vendor's ChangeLog does not mention. A field a derived version inherits
// from its base is checked against the base event's claims, where the vendor records it.
func UnclaimedAdditions(s *Spec) ([]Discrepancy, error) {
	claimed := map[string]bool{}
	for _, rel := range s.Changelog {
		for _, c := range rel.Claims {
			if c.Kind == ClaimFieldAdded || c.Kind == ClaimFieldInAllVersions {
				claimed[c.Event+"/"+c.Field] = true
			}
		}
	}
	var out []Discrepancy
	for ei := range s.Events {
		ev := &s.Events[ei]
		var prev map[string]bool
		for vi := range ev.Versions {
			v := &ev.Versions[vi]
			fields, err := s.Resolve(ev, v)
			if err != nil {
				return nil, err
			}
			cur := map[string]bool{}
			for _, f := range fields {
				key := f.Name
				if f.Field != nil {
					key = f.Field.Name
				}
				cur[key] = true
				if prev != nil && !prev[key] && !claimed[f.From.Event+"/"+key] {
					out = append(out, Discrepancy{Topic: "changelog", Where: fmt.Sprintf("%s version %d", ev.Name, v.Number),
						Text: fmt.Sprintf("%s first appears in %s version %d; the ChangeLog does not mention it.", f.Name, ev.Name, v.Number)})
				}
			}
			prev = cur
		}
	}
	return out, nil
}
