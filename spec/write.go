package spec

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// fileComments say what each generated file holds, under the generated-code header.
var fileComments = map[string]string{
	"vendor.yaml":    "The vendor, the captured pages the spec was built from, and how webhooks are delivered.",
	"datatypes.yaml": "Every distinct data-type text of the vendor's tables, as printed, and its parsed constraint.",
	"enums.yaml":     "Closed value sets, with where their values were read.",
	"tables.yaml":    "The vendor's lookup tables.",
	"fields.yaml":    "Shared field definitions: what every table row of the same name has in common.",
	"types.yaml":     "Named object types: each defined once, referred to by members of events and of other types.",
	"events.yaml":    "Events, their versions, and each version's table rows (or content members) in the vendor's order. A row states only what differs from its shared field in fields.yaml.",
	"changelog.yaml": "The vendor's own ChangeLog, with the statements that can be checked against the tables.",
	"rules.yaml":     "Rules that relate members of one body through a lookup table, each stated by an errata decision.",
}

// Marshal renders s as the generated files of a spec directory (every file but errata.yaml,
// which people write), keyed by file name. The output depends only on s: the same spec always
// gives the same bytes.
func Marshal(s *Spec) (map[string][]byte, error) {
	parts := map[string]any{
		"vendor.yaml": struct {
			Hookspec int    `yaml:"hookspec"`
			Vendor   Vendor `yaml:"vendor"`
		}{FormatVersion, s.Vendor},
		"datatypes.yaml": struct {
			Hookspec  int        `yaml:"hookspec"`
			DataTypes []DataType `yaml:"dataTypes"`
		}{FormatVersion, nonNil(s.DataTypes)},
		"enums.yaml": struct {
			Hookspec int    `yaml:"hookspec"`
			Enums    []Enum `yaml:"enums"`
		}{FormatVersion, nonNil(s.Enums)},
		"tables.yaml": struct {
			Hookspec int    `yaml:"hookspec"`
			Tables   Tables `yaml:"tables"`
		}{FormatVersion, s.Tables},
		"fields.yaml": struct {
			Hookspec int     `yaml:"hookspec"`
			Fields   []Field `yaml:"fields"`
		}{FormatVersion, nonNil(s.Fields)},
		"events.yaml": struct {
			Hookspec int     `yaml:"hookspec"`
			Events   []Event `yaml:"events"`
		}{FormatVersion, nonNil(s.Events)},
		"changelog.yaml": struct {
			Hookspec  int       `yaml:"hookspec"`
			Changelog []Release `yaml:"changelog"`
		}{FormatVersion, nonNil(s.Changelog)},
	}
	if len(s.Types) > 0 { // optional: a vendor with flat bodies has none
		parts["types.yaml"] = struct {
			Hookspec int          `yaml:"hookspec"`
			Types    []ObjectType `yaml:"types"`
		}{FormatVersion, s.Types}
	}
	if len(s.Rules) > 0 { // optional: most vendors' members need none
		parts["rules.yaml"] = struct {
			Hookspec int    `yaml:"hookspec"`
			Rules    []Rule `yaml:"rules"`
		}{FormatVersion, s.Rules}
	}
	out := make(map[string][]byte, len(parts))
	for name, v := range parts {
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "%s\n# %s\n", GeneratedHeader, fileComments[name])
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(v); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := enc.Close(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = buf.Bytes()
	}
	return out, nil
}

// nonNil makes an empty list render as [] rather than null, which the schema rejects.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
