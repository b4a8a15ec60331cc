package ccbill

import "github.com/hookspec/hookspec/spec"

// applyRules copies the errata's rules between members into the spec and adds to the currency
// table what errata state (minor units): both are decisions, never read from the pages.
func (b *builder) applyRules() error {
	applied, err := spec.ApplyRules(b.s)
	if err != nil {
		return err
	}
	for id := range applied {
		b.applied[id] = true
	}
	return nil
}
