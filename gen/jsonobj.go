package gen

import (
	"bytes"
	"encoding/json"
)

// object is a JSON object that keeps its keys in the order they were set, so that generated
// schemas read top-down ($schema, $id, title, description, then the rest) and never reorder.
type object struct {
	keys   []string
	values map[string]any
}

func obj() *object { return &object{values: map[string]any{}} }

// set adds or replaces a member; a nil value removes nothing and adds nothing.
func (o *object) set(key string, value any) *object {
	if value == nil {
		return o
	}
	if _, ok := o.values[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.values[key] = value
	return o
}

func (o *object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := marshal(k)
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		value, err := marshal(o.values[k])
		if err != nil {
			return nil, err
		}
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshal encodes without HTML escaping: schemas are read by people and tools, not browsers.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// indentJSON renders v with two-space indentation and a final newline.
func indentJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// merge sets other's members after o's, in other's order.
func (o *object) merge(other *object) *object {
	for _, k := range other.keys {
		o.set(k, other.values[k])
	}
	return o
}
