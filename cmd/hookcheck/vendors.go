package main

import (
	"slices"

	"github.com/hookspec/hookspec/ccbill"
	"github.com/hookspec/hookspec/internal/check"
	"github.com/hookspec/hookspec/webhook"
)

// vendors wires each generated vendor package into check; a new vendor is one more entry.
var vendors = map[string]check.Vendor{
	"ccbill": {
		Name: "ccbill",
		Events: func() []string {
			var out []string
			for _, e := range ccbill.Events() {
				out = append(out, string(e))
			}
			return out
		},
		Versions: func(event string) []int { return ccbill.Versions(ccbill.EventType(event)) },
		Formats: func(event string, version int) webhook.FormatSet {
			e, err := ccbill.New(ccbill.EventType(event), version)
			if err != nil {
				return 0
			}
			return e.Formats()
		},
		Decode: func(event string, version int, contentType string, body []byte) (check.Event, error) {
			return ccbill.Decode(ccbill.EventType(event), version, contentType, body)
		},
		Detect: func(event, contentType string, body []byte) ([]int, error) {
			return ccbill.Detect(ccbill.EventType(event), contentType, body)
		},
		Changes: func(event string, from, to int) ([]webhook.Change, error) {
			return ccbill.Changes(ccbill.EventType(event), from, to)
		},
		SecretField: ccbill.SecretField,
	},
}

func vendorNames() []string {
	var out []string
	for name := range vendors {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
