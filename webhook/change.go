package webhook

import "github.com/hookspec/hookspec/webhook/compat"

// The change vocabulary has one definition, in webhook/compat, shared with the spec's diff
// engine that classifies the changes and with hookcheck that reports them; webhook names it for
// generated packages and their users.

// Level is how much a change between two versions of an event matters to a receiver written
// for the older one: LevelInfo, LevelWarning or LevelBreaking, in that order. It prints and
// marshals to JSON as "info", "warning" or "breaking".
type Level = compat.Level

const (
	// LevelInfo: nothing a receiver does can break (a new optional field, a shorter limit).
	LevelInfo = compat.LevelInfo
	// LevelWarning: a receiver may mishandle it (a new enum value its switch does not know).
	LevelWarning = compat.LevelWarning
	// LevelBreaking: a receiver can fail or lose data (a removed field, a longer value).
	LevelBreaking = compat.LevelBreaking
)

// ParseLevel reads "info", "warning" or "breaking".
func ParseLevel(s string) (Level, error) { return compat.ParseLevel(s) }

// Change is one classified difference between two versions of an event, as generated packages
// list them (their Changes function): Rule, a stable id from the spec's diff engine
// ("field-added", "max-length-increased", "enum-value-added", ...), its Level, the Event and the
// versions From and To, the Field's wire name (its path, when nested), the Old and New property
// and the Source version whose table defines the field. Its String method prints it on one line.
type Change = compat.Change

// VersionRef names an event version: a Change's Source.
type VersionRef = compat.VersionRef
