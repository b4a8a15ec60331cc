// Package webhook is the small runtime that hookspec's generated vendor packages share: the error
// types, the checks behind generated Validate methods, and tolerant readers and writers for the
// two wire formats (JSON and application/x-www-form-urlencoded).
//
// It uses the standard library only, so a service that imports a generated package compiles
// nothing else. Generated code is straight-line: a decoder loops over a reader's members and
// switches on the key; Validate calls one Validator method per constraint. Nothing here uses
// reflection.
//
// Values are kept as the text that arrived. Ids are digit strings ("0913024401000012340" keeps
// its leading zero and its 19 digits), decimals keep their digits, and a JSON number is kept as
// its literal text, so decoding and encoding a payload gives back the same values. The readers
// slice values out of one string holding the body, so a decode allocates that string and little
// else; a valid event validates without allocating.
//
// Every output applies one redaction rule (redact.go): a Secret prints as [redacted]; a member
// whose name looks secret (LooksSecret, extended by a vendor's SecretNames) never has its value
// printed; a member the event version does not define is printed by name only unless the caller
// asks for its value; decode errors name the offset and the key, never a value's text. Fields,
// Problem, ValidationError, DecodeError, Rejection and Delivery hold to it through fmt (every
// verb) and log/slog alike, and every message and log record is bounded in length, so a
// hostile body costs a bounded amount of memory and log.
package webhook
