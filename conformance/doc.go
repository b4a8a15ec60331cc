// Package conformance holds the suite that keeps hookspec's two validators honest: the generated
// Go code (ccbill.Validate, ValidateStrict) and the generated JSON Schemas checked by
// santhosh-tekuri/jsonschema/v6 (package jsonschema). Its tests feed both the same bodies, in
// default and strict mode and in every wire format a version is sent in, and fail when their
// verdicts or their sets of offending fields differ, naming the input and the field.
//
// A verdict is errors only. A rule an erratum of the spec relaxes (an open enum, a documented
// length real traffic exceeds) is a warning to the Go validator and no constraint of the schemas,
// so a value breaking it is valid to both; the mutations do not break such rules (payload's
// Violations has none), and the real CCBill payloads' table (realpayloads_test.go) records each
// payload's warnings apart, with the erratum each names.
//
// The inputs are every event version's documented example and mutations of it, one field at a
// time: removed, emptied, too long, not digits, out of range, wrong width, a bad date, a bad
// enum value, sent as a JSON number or boolean, and unknown or pass-through members. Each value
// a field's checks judge on either side of a limit (its maximum and one past it, its length and
// one digit more, its scale and one decimal more, its enum's numbers, its example) is also sent
// as every other JSON number with that value: an integral float (1000000000.0), zeros ending a
// fraction (4.900), negative exponents (8400e-1), scientific notation (1.6777215E+7) and -0.
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
// A JSON number is a value to both validators: the Go readers give a text member sent as a
// number its value written plainly (webhook's Numbers: 1e3 reads "1000", 4.900 reads "4.9"), the
// text whose checks judge it as a schema judges the number. The Go readers bound a number's plain
// form (at webhook.MaxValueBytes, and a body's numbers' growth over their literals at as much
// again) and refuse a body past it as unreadable; package jsonschema reads bodies with the same
// readers (webhook.JSONReader, webhook.Decoder), so both engines refuse it. So it is in a nested
// body: webhook.Decoder measures every number with an exponent, also one a member keeps as its
// literal (kind number, a raw value, Extra), so a nested body with 1e70000 anywhere is unreadable
// to both engines, while a schema tool outside Go that reads the body itself (ajv,
// python-jsonschema) accepts it where the schema leaves the member open. Two differences
// remain:
//   - A text member's number branch bounds the number's value, which is exact for whole numbers
//     (however they are spelled) but not for a fraction's length: 0.111… of 32 characters is too
//     long for a varchar(30) to the Go validator and valid to the schema. The mutations send
//     fractions to text members only as short as the schema's bound is exact. Shown by
//     TestDocumentedNumberDifferences.
//   - A text whose length limit is past 300 characters (Chargebee's 2000 and 65000) has no bound
//     on its number branch: the bound would be hundreds of nines, past what readers of floats
//     hold (ajv refuses a schema holding Infinity), so a number longer than the limit is valid to
//     the schema. The nested mutations send a number past a text's length only within 300
//     characters; gen's TestValueSchemaLongLimit shows the difference.
//
// Rules between members (spec rules.yaml) are held to the same verdicts (rules_test.go). A
// sameRow rule (a letter currency member is the letter of its numeric code's currency) relates
// values through a finite table, so the schemas express it exactly, one if/then per row; the
// suite sends every letter beside every code, the code zero-filled and as a JSON number, and
// either member absent, empty or in no row, and holds both validators to the same members (Go
// names the disagreement RuleAgree on the letter member, both values in its message). An amount
// rule (an amount is counted in its code member's currency) is no validation rule: it tells the
// generated <Amount>MinorUnits accessors which currency's minor units to count in. Neither
// validator checks it and no schema expresses it, so an amount with more fraction digits than its
// currency ("19.999" USD) is valid to both and refused only by its accessor, as
// TestAmountRuleIsNoValidation states.
//
// The schemas are for people outside Go too: with -external-tools (make schema-tools-test, which
// installs the tools) python-jsonschema and ajv in strict mode read each schema file alone and
// are held to the Go validator's verdicts on every shipped sample and on invalid mutations, their
// errors naming the member (external_test.go; the scripts they run are in external/). Each
// numeric limit of a CCBill field, and of a sample of Chargebee's integer members, is sent at and
// one past the limit, plainly and in every spelling above. One difference is expected, counted
// and printed: ajv reads every JSON number as a double, python-jsonschema every number with a
// point or an exponent, and a double holds neither every integer past 2^53 nor a fraction binary
// cannot write, while the Go engines read the exact value. So a number beyond a double
// (|value| > 2^53, or a fraction such as 4.99) may get another verdict from a tool at that
// member: the JSON number 18446744073709551616 for CCBill's bigint subscriptionId (maximum
// 18446744073709551615, which reads as 2^64) is invalid to Go and valid to ajv;
// 18446744073709551615.0 is valid to Go and invalid to python-jsonschema (2^64 as a float,
// compared with the exact maximum); so for a number one past the bound of a text's length, and
// for Chargebee's int64 members at 9223372036854775807.0 and 9223372036854775808. The schemas are
// not at fault (they state the exact bound, and santhosh-tekuri/jsonschema keeps it); a sender
// who needs such values sends them as JSON strings, as the vendors do. The check counts and
// prints these; it fails on any other difference, and on one at a member that sends no number
// beyond a double.
package conformance
