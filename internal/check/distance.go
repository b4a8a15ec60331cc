package check

import (
	"cmp"
	"slices"

	"github.com/hookspec/hookspec/webhook"
)

// Distance is how far a body is from fitting one version of its event: what strict validation
// with the Go validator finds there, grouped the way a maintainer reads it.
type Distance struct {
	Version int  `json:"version"`
	Fits    bool `json:"fits"`
	// Unreadable says why the version cannot take the body at all: a wire format it is not sent
	// in, or a body its decoder refuses. The lists below are then empty.
	Unreadable string `json:"unreadable,omitempty"`
	// Missing are the required members the body lacks; Unknown the members the version does not
	// define; Failed every other error, with its rule.
	Missing []string  `json:"missing,omitempty"`
	Unknown []string  `json:"unknown,omitempty"`
	Failed  []Problem `json:"failed,omitempty"`
	// Warnings are the checks the spec's errata lower to warnings that the body breaks: they do
	// not keep the version from fitting, nor count in its distance.
	Warnings []Problem `json:"warnings,omitempty"`
}

// Problems counts what stands between the body and the version; an unreadable body is further
// than any readable one.
func (d Distance) Problems() int {
	if d.Unreadable != "" {
		return int(^uint(0) >> 1)
	}
	return len(d.Missing) + len(d.Unknown) + len(d.Failed)
}

// Distances checks the body strictly against every version of the target's event and returns
// them nearest first: the fewest problems, the newer version on a tie, unreadable ones last.
// The body's own claim of a version (target.Says) is not held against the others: the question
// is which shape the body has.
func Distances(in Input, target Target, format webhook.WireFormat) []Distance {
	var out []Distance
	for _, v := range target.Vendor.Versions(target.Event) {
		r := Validate(in, Options{Vendor: target.Vendor, Event: target.Event, Version: v, Format: format, Strict: true, Engine: EngineGo})
		d := Distance{Version: v}
		for _, p := range r.Problems {
			switch {
			case p.Rule == "route":
				continue
			case p.Level == webhook.SeverityWarning:
				d.Warnings = append(d.Warnings, p)
			case p.Field == "":
				d.Unreadable = p.Message
			case p.Rule == string(webhook.RuleRequired):
				d.Missing = append(d.Missing, p.Field)
			case p.Rule == string(webhook.RuleUnknown):
				d.Unknown = append(d.Unknown, p.Field)
			default:
				d.Failed = append(d.Failed, p)
			}
		}
		if d.Unreadable != "" {
			d.Missing, d.Unknown, d.Failed, d.Warnings = nil, nil, nil, nil
		}
		d.Fits = d.Problems() == 0
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Distance) int {
		return cmp.Or(cmp.Compare(a.Problems(), b.Problems()), cmp.Compare(b.Version, a.Version))
	})
	return out
}
