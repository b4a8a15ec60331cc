package webhook

import (
	"encoding/json"
	"fmt"
)

// Level is how much a change between two versions of an event matters to a receiver written
// for the older one.
type Level int

const (
	// LevelInfo: nothing a receiver does can break (a new optional field, a shorter limit).
	LevelInfo Level = iota
	// LevelWarning: a receiver may mishandle it (a new enum value its switch does not know).
	LevelWarning
	// LevelBreaking: a receiver can fail or lose data (a removed field, a longer value).
	LevelBreaking
)

var levelNames = [...]string{"info", "warning", "breaking"}

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

func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

// Change is one classified difference between two versions of an event, as generated packages
// list them (their Changes function). Rule is a stable id from the spec's diff engine
// ("field-added", "max-length-increased", "enum-value-added", ...).
type Change struct {
	Rule  string `json:"rule"`
	Level Level  `json:"level"`
	Event string `json:"event"`
	From  int    `json:"from"`
	To    int    `json:"to"`
	// Field is the wire name, when the change is about one field.
	Field string `json:"field,omitempty"`
	// Old and New are the changed property on each side.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
}

func (c Change) String() string {
	s := fmt.Sprintf("%s v%d → v%d", c.Event, c.From, c.To)
	if c.Field != "" {
		s += ": " + c.Field
	}
	s += fmt.Sprintf(" [%s] %s", c.Level, c.Rule)
	switch {
	case c.Old != "" && c.New != "":
		s += ": " + c.Old + " → " + c.New
	case c.New != "":
		s += ": " + c.New
	case c.Old != "":
		s += ": " + c.Old
	}
	return s
}
