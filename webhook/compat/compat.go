// Package compat is the vocabulary of compatibility between two versions of a webhook event: a
// classified change (Change) and how much it matters to a receiver (Level).
//
// The spec's diff engine produces Changes, generated vendor packages return them from their
// Changes function, and hookcheck reports them; all three share these definitions rather than
// convert between copies. Users name them through webhook (webhook.Change, webhook.Level), whose
// types are aliases of these, and the spec through spec's aliases. The package imports nothing
// but the standard library, so that webhook may import it and generated packages stay light.
package compat

import (
	"encoding/json"
	"fmt"
)

// Level is how much a change matters to a receiver written for the older side. Webhook payloads
// flow to the receiver, so a change is judged by what it does to the receiver's database
// columns, switches and parsers (the model is oasdiff's and buf breaking's levels, turned around
// to the consumer's side). Levels are ordered: a higher one matters more.
type Level int

const (
	// LevelInfo: nothing a receiver does can break (a new optional field, a shorter limit).
	LevelInfo Level = iota
	// LevelWarning: a receiver may mishandle it (a new enum value its switch does not know).
	LevelWarning
	// LevelBreaking: a receiver written for the older side can fail or lose data (a removed
	// field, a longer value than its column holds).
	LevelBreaking
)

var levelNames = [...]string{"info", "warning", "breaking"}

// String is the level's name: "info", "warning" or "breaking".
func (l Level) String() string {
	if l >= 0 && int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("level %d", int(l))
}

// ParseLevel reads "info", "warning" or "breaking".
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("level %q: want info, warning or breaking", s)
}

// MarshalJSON writes the level's name, which is what reports and tools match on.
func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

// UnmarshalJSON reads a level's name, so that a report written as JSON reads back. A JSON null
// leaves the level as it is, as encoding/json does for values it cannot set to nil.
func (l *Level) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("level: want a string (info, warning or breaking): %w", err)
	}
	parsed, err := ParseLevel(s)
	if err != nil {
		return err
	}
	*l = parsed
	return nil
}

// VersionRef names an event version. The YAML names are the spec files' (the spec loads its
// references to versions into this type too); the struct tags cost the runtime nothing.
type VersionRef struct {
	Event   string `yaml:"event" json:"event"`
	Version int    `yaml:"version" json:"version"`
}

// Change is one classified difference between two versions of an event, or between two captures
// of a vendor's spec.
type Change struct {
	// Rule is a stable id of the kind of change ("field-added", "max-length-increased",
	// "enum-value-added", ...); tools may match on it. The spec's diff engine defines them.
	Rule  string `json:"rule"`
	Level Level  `json:"level"`
	Event string `json:"event"`
	// From and To are the versions compared (both the same version when two captures of a spec
	// are; 0 for the side of an event or version that does not exist).
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
	// Field is the wire name, as the newer side spells it (the older, for a removed field); a
	// nested member's is its path of wire names ("content.subscription.status"), with [] for an
	// array's items ("lines[].id") and .* for a map's values ("labels.*").
	Field string `json:"field,omitempty"`
	// Old and New are the changed property on each side (a max length, a data type, an enum
	// value, a presence).
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Source is the event version whose table defines the field on the side that has it: the
	// version itself, or the base version a derived event inherits it from; nil for changes that
	// are not about a field of a version's table (a wire format, a member of a named type).
	Source *VersionRef `json:"source,omitempty"`
}

// String is the change on one line: "NewSaleSuccess v5 → v6: cardType [warning]
// enum-value-added: MAESTRO".
func (c Change) String() string {
	where := c.Event
	switch {
	case c.From != 0 && c.To != 0 && c.From != c.To:
		where += fmt.Sprintf(" v%d → v%d", c.From, c.To)
	case c.To != 0:
		where += fmt.Sprintf(" v%d", c.To)
	case c.From != 0:
		where += fmt.Sprintf(" v%d", c.From)
	}
	if c.Field != "" {
		where += ": " + c.Field
	}
	detail := ""
	switch {
	case c.Old != "" && c.New != "":
		detail = fmt.Sprintf(": %s → %s", c.Old, c.New)
	case c.New != "":
		detail = ": " + c.New
	case c.Old != "":
		detail = ": " + c.Old
	}
	return fmt.Sprintf("%s [%s] %s%s", where, c.Level, c.Rule, detail)
}
