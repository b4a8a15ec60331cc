// Package webhook is the small runtime that hookspec's generated vendor packages share: the error
// types, the checks behind generated Validate methods, and tolerant readers and writers for the
// two wire formats (JSON and application/x-www-form-urlencoded).
//
// It uses the standard library only, so a service that imports a generated package compiles
// nothing else. Generated code is straight-line: a decoder loops over a reader's members and
// switches on the key; Validate calls one Validator method per constraint. Nothing here uses
// reflection.
//
// A value sent as text is kept as the text that arrived: ids are digit strings
// ("0913024401000012340" keeps its leading zero and its 19 digits) and decimals keep their
// digits. A JSON number sent for a text member reads as its value written plainly (see
// Numbers): 4.90 reads "4.9" and 1e3 reads "1000". So decoding and encoding a payload gives back
// the same values: the same text for a value sent as text, the same value for a number, not
// always its spelling. The readers slice values out of one string holding the body, so a
// decode allocates that string and little else; a valid event validates without allocating.
//
// # Numbers
//
// Where a member is text (every member of a flat body, Extra included, and a nested body's
// members read with Decoder.Text) and the vendor sent a JSON number, the text is the
// number's value written plainly: decimal digits with no exponent, no leading zeros, no zeros
// ending a fraction, no point without a fraction and no sign on zero (package numtext).
// 1000000000.0 reads "1000000000", 1E+3 reads "1000", 4.900 reads "4.9", 0.10 reads "0.1" and
// -0 reads "0"; 840 and 4.99, what vendors send, read as sent. The arithmetic is on the digits,
// never through float64.
//
// A JSON number is a value, not a spelling: JSON Schema judges 1000000000.0 as the integer it
// is, and so must a digits check, or the generated validators and the JSON Schemas would judge
// one body differently. Plain text is the spelling whose checks (digits, integer and decimal
// ranges, lengths, enums) judge a number as a schema judges it. What is lost is the literal's
// spelling, never its value: 4.90 reads "4.9", the same amount (JSON carries no scale; a
// decimal member's scale is its constraint's). The encoders write the text back, so decoding,
// encoding and decoding again gives the same fields. A member of kind number keeps the literal
// as sent (Number), and so do the raw values of members a type does not define in nested bodies
// (RawJSON).
//
// An exponent lets a short literal stand for a long value (1e999999999 is a billion digits), so
// the plain form is bounded: each number's at MaxValueBytes, as any value is, and the growth of
// all of one body's numbers over their literals at MaxValueBytes together. Both readers measure
// every number with an exponent before writing anything, whatever member holds it, and refuse a
// body past either bound with a *DecodeError naming the member.
//
// A validation problem is an error or a warning (Severity). An error makes the event invalid. A
// warning is a documented constraint that real traffic is known to break, as an erratum of the
// vendor's spec records with its evidence: a value longer than the documented column, a value
// outside an enum the documents took from an example. The vendor really sends such a delivery, so
// it is valid, but a receiver that sized its storage or wrote its switch by the documents wants
// to hear of it. Generated code checks it as any other constraint, through Validator.Warning, and
// the Problem names the erratum. Validate fails on errors only, and its *ValidationError lists the
// warnings too; ValidateWith(ValidateOptions{FailOn: SeverityWarning}) fails on warnings as well,
// or collects them from a valid event. The Handler hands a delivery's warnings to the application
// in Delivery.Warnings, and Options.FailOn says which severity makes a delivery invalid.
//
// Every output applies one redaction rule (redact.go): a Secret prints as [redacted]; a member
// whose name looks secret (LooksSecret, extended by a vendor's SecretNames) never has its value
// printed; a member the event version does not define is printed by name only unless the caller
// asks for its value; decode errors name the offset and the key, never a value's text. Fields,
// Problem, ValidationError, DecodeError, Rejection and Delivery hold to it through fmt (every
// verb) and log/slog alike, and every message and log record is bounded in length, so a
// hostile body costs a bounded amount of memory and log.
package webhook
