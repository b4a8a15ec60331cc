// Package conformance holds the suite that keeps hookspec's two validators honest: the generated
// Go code (ccbill.Validate, ValidateStrict) and the generated JSON Schemas checked by
// santhosh-tekuri/jsonschema/v5 (package jsonschema). Its tests feed both the same bodies, in
// default and strict mode and in every wire format a version is sent in, and fail when their
// verdicts or their sets of offending fields differ, naming the input and the field.
//
// The inputs are every event version's documented example and mutations of it, one field at a
// time: removed, emptied, too long, not digits, out of range, wrong width, a bad date, a bad
// enum value, sent as a JSON number or boolean, and unknown or pass-through members.
//
// The nested suite (nested_differential_test.go) does the same for an enveloped vendor's nested
// bodies, generated from the synthetic vendor internal/testvendor/feed: a valid body per event
// version with every member at every depth, then one change at a time to each member of the
// envelope, the content and each named type reached through the version, array items and map
// values included (removed, sent twice, null, empty, the wrong shape, past its bounds, length,
// format or enum, an unknown member inside each object). A body the Go decoder refuses must be
// refused by the schema at the same path; otherwise both must fault the same paths. With
// -nested-chargebee it also runs over Chargebee (minutes): every version's valid body, and each
// named type's members changed once, in the first version that reaches the type. Every run
// holds both validators to the same verdict on the bodies Chargebee really posted
// (chargebee_real_test.go).
//
// Where the two cannot agree by construction it says so: a JSON number is text to the Go
// validator (its literal as sent) but a value to JSON Schema, so numbers written with an
// exponent (1e3) or with zeros after the scale (4.900) can be judged differently. The
// mutations use numbers as CCBill sends them, plain literals.
package conformance
