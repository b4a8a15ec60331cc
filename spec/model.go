// Package spec is the machine-readable capture of a payment vendor's webhook documentation: its
// model, its YAML format (checked against schema.json on every load), the loader and the lint.
//
// A vendor's spec lives in one directory (spec/<vendor>/) as a fixed set of YAML files, each
// holding one part of the model:
//
//	vendor.yaml     Vendor: identity, sources, delivery facts, payment-form variables
//	datatypes.yaml  DataTypes: every distinct "Data Type (Max Length)" text and its parsed constraint
//	enums.yaml      Enums: closed value sets (threeDSecure, paymentType, currencies, ...)
//	tables.yaml     Tables: lookup tables (currency codes, decline codes)
//	fields.yaml     Fields: shared field definitions, one per wire name
//	types.yaml      Types: named object types, defined once and referred to by members (optional)
//	events.yaml     Events: events, their versions and the ordered rows (or content) of each version
//	changelog.yaml  Changelog: the vendor's own ChangeLog, as data
//	errata.yaml     Errata: hand-written corrections and decisions (input to specgen)
//
// Everything except errata.yaml is written by cmd/specgen; errata.yaml is written by people.
// The model is vendor-neutral: nothing here knows CCBill.
package spec

import "github.com/hookspec/hookspec/webhook/inttext"

// Spec is one vendor's complete, loaded spec.
type Spec struct {
	Vendor    Vendor
	DataTypes []DataType
	Enums     []Enum
	Tables    Tables
	Fields    []Field
	// Types are the vendor's named object types (Chargebee's Customer, Invoice line item): each
	// defined once, referred to by members of events and of other types.
	Types     []ObjectType
	Events    []Event
	Changelog []Release
	Errata    Errata
	// Rules relate members of one body through a lookup table (rules.yaml).
	Rules []Rule

	// Dir is the directory the spec was loaded from ("" when built in memory).
	Dir string
}

// Vendor identifies the vendor and records where the spec came from and how webhooks arrive.
type Vendor struct {
	// ID is the vendor's short name, used as the Go package name and directory name ("ccbill").
	ID string `yaml:"id" json:"id"`
	// Name is the vendor's display name ("CCBill").
	Name string `yaml:"name" json:"name"`
	// Product is the documented product ("Webhooks").
	Product string `yaml:"product" json:"product"`
	// DocURL is the main documentation page.
	DocURL      string        `yaml:"docURL" json:"docURL"`
	Sources     []Source      `yaml:"sources" json:"sources"`
	Delivery    Delivery      `yaml:"delivery" json:"delivery"`
	PassThrough *PassThrough  `yaml:"passThrough,omitempty" json:"passThrough,omitempty"`
	PaymentForm []FormVarList `yaml:"paymentForm,omitempty" json:"paymentForm,omitempty"`
	// Clock is the clock of the vendor's dates and timestamps, which carry no zone; set by an
	// errata decision, because vendors rarely state it.
	Clock *Clock `yaml:"clock,omitempty" json:"clock,omitempty"`
	// Envelope is set for vendors whose bodies wrap each event in one envelope of fixed members
	// (id, type, version, time) with a content member that varies by event version. Without it,
	// an event version's body is its flat rows.
	Envelope *Envelope `yaml:"envelope,omitempty" json:"envelope,omitempty"`
}

// Envelope is the object every event body of the vendor is: a named type whose Content member
// each event version fills with its own members (Version.Content).
type Envelope struct {
	// Type names the envelope's ObjectType. Its Content member is typed raw there: that is the
	// shape of an event version that describes no content, and of an unknown event type.
	Type string `yaml:"type" json:"type"`
	// Content is the wire name of the member that carries the event's resources ("content").
	Content string `yaml:"content" json:"content"`
}

// Clock is a fixed-offset clock: the vendor's zone, without daylight saving time.
type Clock struct {
	// Zone is the zone's abbreviation ("MST").
	Zone string `yaml:"zone" json:"zone"`
	// UTCOffset is the offset from UTC, "+HH:MM" or "-HH:MM" ("-07:00").
	UTCOffset string `yaml:"utcOffset" json:"utcOffset"`
	// Where names the place whose clock it is ("Arizona").
	Where string `yaml:"where,omitempty" json:"where,omitempty"`
	// Errata is the id of the decision that states the clock (filled in by specgen).
	Errata string `yaml:"errata,omitempty" json:"errata,omitempty"`
}

// Seconds returns the clock's offset from UTC in seconds, or false when UTCOffset is malformed.
func (c *Clock) Seconds() (int, bool) {
	o := c.UTCOffset
	if len(o) != 6 || (o[0] != '+' && o[0] != '-') || o[3] != ':' || !inttext.IsDigits(o[1:3]) || !inttext.IsDigits(o[4:]) {
		return 0, false
	}
	h := int(o[1]-'0')*10 + int(o[2]-'0')
	m := int(o[4]-'0')*10 + int(o[5]-'0')
	if h > 14 || m > 59 {
		return 0, false
	}
	secs := (h*60 + m) * 60
	if o[0] == '-' {
		secs = -secs
	}
	return secs, true
}

// Source is one captured vendor page the spec was built from.
type Source struct {
	// Name is the page's role ("user-guide", "overview").
	Name string `yaml:"name" json:"name"`
	URL  string `yaml:"url" json:"url"`
	// File is the captured file's name inside the capture directory.
	File string `yaml:"file" json:"file"`
	// Format is the reader that read it: "text", "html" or "wordpress-json".
	Format string `yaml:"format" json:"format"`
	// SHA256 is the hex digest of the captured file's bytes.
	SHA256 string `yaml:"sha256" json:"sha256"`
	// Modified is the page's own last-modified date (YYYY-MM-DD) when the page states one.
	Modified string `yaml:"modified,omitempty" json:"modified,omitempty"`
	// Captured is the capture date (YYYY-MM-DD) when the errata states one; never the clock.
	Captured string `yaml:"captured,omitempty" json:"captured,omitempty"`
	// Note says what is known about the capture's date when neither date is known.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Delivery holds the facts about how a webhook arrives, outside its body.
type Delivery struct {
	Method string `yaml:"method" json:"method"`
	// QueryParameters are sent in the URL's query string with every post.
	QueryParameters []QueryParameter `yaml:"queryParameters" json:"queryParameters"`
	// Headers are the headers of the vendor's sample post, as printed.
	Headers []Header `yaml:"headers,omitempty" json:"headers,omitempty"`
	// Samples are the vendor's sample posts, verbatim (request line, headers, blank line, body).
	Samples []SamplePost `yaml:"samples,omitempty" json:"samples,omitempty"`
	// SourceRanges are the address ranges the vendor posts from, as printed and as CIDR.
	SourceRanges []AddressRange `yaml:"sourceRanges,omitempty" json:"sourceRanges,omitempty"`
	// Satellites are the vendor's posting locations.
	Satellites []Satellite `yaml:"satellites,omitempty" json:"satellites,omitempty"`

	// EventType says where a receiver reads the event type. Nil means the query parameter whose
	// role is eventType (the model before locators existed).
	EventType *Locator `yaml:"eventType,omitempty" json:"eventType,omitempty"`
	// Version says where the event version comes from. Nil means configured.
	Version *VersionSource `yaml:"version,omitempty" json:"version,omitempty"`
	// Key says what identifies a delivery across the vendor's retries. Nil means a digest of the
	// event type and the body: right for vendors that resend the same bytes and send no id.
	Key *Locator `yaml:"key,omitempty" json:"key,omitempty"`
	// Auth lists the ways a receiver can tell the vendor's posts from anyone else's, each
	// optional and combinable.
	Auth []AuthScheme `yaml:"auth,omitempty" json:"auth,omitempty"`
	// Success is the answer the vendor takes as delivered; anything else is retried.
	Success *SuccessRule `yaml:"success,omitempty" json:"success,omitempty"`
	// Retry is how long the vendor keeps redelivering: the horizon over which a receiver must
	// remember delivery keys.
	Retry *RetryPolicy `yaml:"retry,omitempty" json:"retry,omitempty"`
	// Ordering is the member by which a receiver tells a newer state of a resource from an older
	// one, for vendors that may deliver out of order.
	Ordering *Ordering `yaml:"ordering,omitempty" json:"ordering,omitempty"`
}

// LocatorIn is the part of a request a Locator reads.
type LocatorIn string

const (
	// InQuery is a URL query parameter.
	InQuery LocatorIn = "query"
	// InHeader is an HTTP header.
	InHeader LocatorIn = "header"
	// InBody is a member of the body, by its path of wire names joined with dots
	// ("event_type", "content.subscription.id").
	InBody LocatorIn = "body"
	// InConfigured is no part of the request: the merchant configures it with the vendor, and
	// the receiver's configuration says it (a version only).
	InConfigured LocatorIn = "configured"
)

// Locator is where one fact of a delivery is on the wire.
type Locator struct {
	In LocatorIn `yaml:"in" json:"in"`
	// Name is the query parameter, the header or the body member path.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Source quotes or cites where the vendor says so.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// VersionSource is where an event's version comes from: configured, or read from the request
// (a body member "v2" read through Pattern).
type VersionSource struct {
	Locator `yaml:",inline" json:",inline"`
	// Pattern is a regular expression whose single group is the version number in the value read
	// ("^v([0-9]+)$" for "v2"); empty when the value is the number itself.
	Pattern string `yaml:"pattern,omitempty" json:"pattern,omitempty"`
	// Default is the value to read when a body lacks the member (bodies older than the member),
	// as the vendor documents it; empty when a body without it is an error.
	Default string `yaml:"default,omitempty" json:"default,omitempty"`
}

// AuthKind is one way of authenticating a vendor's post.
type AuthKind string

const (
	// AuthSourceRanges: the post comes from one of Delivery.SourceRanges.
	AuthSourceRanges AuthKind = "sourceRanges"
	// AuthBasic: HTTP Basic authentication with credentials the merchant sets with the vendor.
	AuthBasic AuthKind = "basic"
	// AuthURLKey: a secret the merchant puts in the webhook URL's query string.
	AuthURLKey AuthKind = "urlKey"
)

// AuthScheme is one authentication scheme the vendor supports.
type AuthScheme struct {
	Kind AuthKind `yaml:"kind" json:"kind"`
	// Param is the query parameter that carries an urlKey secret ("key").
	Param string `yaml:"param,omitempty" json:"param,omitempty"`
	// Recommended is true for the scheme the vendor recommends.
	Recommended bool   `yaml:"recommended,omitempty" json:"recommended,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Source      string `yaml:"source,omitempty" json:"source,omitempty"`
}

// SuccessRule is the answer a vendor takes as delivered.
type SuccessRule struct {
	// Status is "200" (only that status) or "2xx" (any status from 200 to 299).
	Status string `yaml:"status" json:"status"`
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// RetryPolicy is how long a vendor redelivers a post that was not answered with success.
type RetryPolicy struct {
	// Horizon is the longest time after the first attempt at which a redelivery can arrive, as
	// a Go duration ("79h"); empty when the vendor retries until it succeeds.
	Horizon string `yaml:"horizon,omitempty" json:"horizon,omitempty"`
	// Description says what the vendor states ("7 retries over about 3 days 7 hours").
	Description string `yaml:"description" json:"description"`
	Source      string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Ordering is the member of each resource whose value grows with every change of it.
type Ordering struct {
	// Member is the wire name of the member in the resources that carry it ("resource_version").
	Member string `yaml:"member" json:"member"`
	// ID is the wire name of the member that identifies a resource; empty means "id".
	ID string `yaml:"id,omitempty" json:"id,omitempty"`
	// Kind is the wire name of the member whose value names the resource's kind ("object":
	// "customer"), the same in every API version; empty means the named type's name.
	Kind        string `yaml:"kind,omitempty" json:"kind,omitempty"`
	Description string `yaml:"description" json:"description"`
	Source      string `yaml:"source,omitempty" json:"source,omitempty"`
}

// QueryParameter is one URL parameter of the delivery.
type QueryParameter struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
	// Field names the body field that carries the same value, if any.
	Field string `yaml:"field,omitempty" json:"field,omitempty"`
	// Values are the documented values, when the guide lists them.
	Values []string `yaml:"values,omitempty" json:"values,omitempty"`
	// Role says what a receiver does with the parameter; empty for a parameter it only keeps.
	Role ParameterRole `yaml:"role,omitempty" json:"role,omitempty"`
}

// ParameterRole is what a query parameter tells a receiver.
type ParameterRole string

const (
	// RoleEventType names the event type of the body: the receiver picks its decoder by it.
	RoleEventType ParameterRole = "eventType"
	// RoleEventGroup names the group the event type belongs to.
	RoleEventGroup ParameterRole = "eventGroup"
	// RoleAccount is part of the merchant account the delivery is for; a receiver may check it
	// against its own account and against the body field of the same name.
	RoleAccount ParameterRole = "account"
)

// Header is one HTTP header of a sample post.
type Header struct {
	Name  string `yaml:"name" json:"name"`
	Value string `yaml:"value" json:"value"`
}

// SamplePost is one of the vendor's example requests.
type SamplePost struct {
	Name string `yaml:"name" json:"name"`
	// Format is the body's format: "form" or "json".
	Format string `yaml:"format" json:"format"`
	// Source is the Source.Name the sample was read from.
	Source string `yaml:"source" json:"source"`
	// Request is the raw request as printed.
	Request string `yaml:"request" json:"request"`
}

// AddressRange is one published source range.
type AddressRange struct {
	// Text is the range as the page prints it ("64.38.212.1 - 64.38.212.254").
	Text string `yaml:"text" json:"text"`
	// CIDR is the smallest prefix that holds the range ("64.38.212.0/24").
	CIDR string `yaml:"cidr" json:"cidr"`
}

// Satellite is one of the vendor's posting locations.
type Satellite struct {
	Code     string `yaml:"code,omitempty" json:"code,omitempty"`
	Location string `yaml:"location" json:"location"`
}

// PassThrough describes custom variables that the merchant passes in and gets back.
type PassThrough struct {
	Description string `yaml:"description" json:"description"`
	// Prefix is what the vendor prepends to each pass-through key, if anything ("X-").
	Prefix string `yaml:"prefix,omitempty" json:"prefix,omitempty"`
}

// FormVarList is one table of payment-form variables, which explain the pass-through variables.
type FormVarList struct {
	Title     string    `yaml:"title" json:"title"`
	Variables []FormVar `yaml:"variables" json:"variables"`
}

// FormVar is one payment-form variable.
type FormVar struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Example     string `yaml:"example,omitempty" json:"example,omitempty"`
}

// Kind is the wire shape of a value.
type Kind string

const (
	// KindString is text.
	KindString Kind = "string"
	// KindDigits is a non-negative integer kept as its decimal digits (ids, zero-filled codes):
	// never converted to a number, so leading zeros and 20-digit values survive.
	KindDigits Kind = "digits"
	// KindInteger is a signed integer that fits int64.
	KindInteger Kind = "integer"
	// KindNumber is a JSON number of any size and precision, kept as its literal text: a
	// description that does not say whether a number is an amount, a time or a ratio gets this,
	// never a guess.
	KindNumber Kind = "number"
	// KindDecimal is a decimal number kept as text, with a precision and scale.
	KindDecimal Kind = "decimal"
	// KindBoolean is true or false.
	KindBoolean Kind = "boolean"
	// KindObject is a nested object of a named type (Field.Type).
	KindObject Kind = "object"
	// KindArray is a list of items (Field.Items).
	KindArray Kind = "array"
	// KindMap is an open object: any member names, every value of one shape (Field.Items).
	KindMap Kind = "map"
	// KindRaw is any JSON value, kept as its raw JSON text.
	KindRaw Kind = "raw"
)

// Article is the kind with its indefinite article, for messages: "an array", "a string".
func (k Kind) Article() string {
	switch k {
	case KindInteger, KindObject, KindArray:
		return "an " + string(k)
	}
	return "a " + string(k)
}

// Scalar reports whether values of the kind are single JSON values with no members or items.
func (k Kind) Scalar() bool {
	switch k {
	case KindObject, KindArray, KindMap, KindRaw:
		return false
	}
	return true
}

// Constraint is the parsed meaning of a data-type text. Zero values mean "no limit".
type Constraint struct {
	Kind   Kind   `yaml:"kind" json:"kind"`
	Format Format `yaml:"format,omitempty" json:"format,omitempty"`
	// MaxLength is the maximum length in characters (runes) of the value's text.
	MaxLength int `yaml:"maxLength,omitempty" json:"maxLength,omitempty"`
	// Width is the exact length in characters of the value's text (zero-filled fields).
	Width int `yaml:"width,omitempty" json:"width,omitempty"`
	// Min and Max bound a digits or integer value; integer text so that 20-digit bounds fit.
	Min string `yaml:"min,omitempty" json:"min,omitempty"`
	Max string `yaml:"max,omitempty" json:"max,omitempty"`
	// Precision and Scale bound a decimal: at most Precision digits, at most Scale after the point.
	Precision int `yaml:"precision,omitempty" json:"precision,omitempty"`
	Scale     int `yaml:"scale,omitempty" json:"scale,omitempty"`
}

// DataType is one distinct data-type text of the vendor's tables and its parsed constraint.
type DataType struct {
	// Text is the data type exactly as the guide prints it, whitespace folded to single spaces.
	Text       string     `yaml:"text" json:"text"`
	Constraint Constraint `yaml:"constraint" json:"constraint"`
	// Note explains a reading that is not obvious from the text.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Enum is a closed set of values.
type Enum struct {
	// Name is the enum's identifier in the spec (lower camel), e.g. "threeDSecure".
	Name string `yaml:"name" json:"name"`
	// GoName is the Go type name ("ThreeDSecure").
	GoName      string `yaml:"goName" json:"goName"`
	Description string `yaml:"description" json:"description"`
	// Numeric enums compare values as integers ("036" equals "36").
	Numeric bool        `yaml:"numeric,omitempty" json:"numeric,omitempty"`
	Values  []EnumValue `yaml:"values" json:"values"`
	// Source says where the values were read ("example column of NewSaleSuccess", "Appendix A").
	Source string `yaml:"source" json:"source"`
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Value string `yaml:"value" json:"value"`
	// GoName is the constant's suffix after the enum's GoName ("AuthSuccess" for AUTH_SUCCESS,
	// "12" for decline code 12), so it may start with a digit.
	GoName      string `yaml:"goName" json:"goName"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// Tables are the vendor's lookup tables.
type Tables struct {
	Currencies   []Currency    `yaml:"currencies,omitempty" json:"currencies,omitempty"`
	DeclineCodes []DeclineCode `yaml:"declineCodes,omitempty" json:"declineCodes,omitempty"`
}

// Currency is one row of the vendor's currency table (ISO 4217).
type Currency struct {
	Numeric string `yaml:"numeric" json:"numeric"`
	Letter  string `yaml:"letter" json:"letter"`
	Name    string `yaml:"name" json:"name"`
	// MinorUnits is the number of digits after the point of the currency's minor unit, ISO
	// 4217's exponent (2 for USD cents, 0 for JPY); nil when no erratum states it, since vendors'
	// tables rarely do.
	MinorUnits *int `yaml:"minorUnits,omitempty" json:"minorUnits,omitempty"`
	// Errata lists the errata ids that added to the row.
	Errata []string `yaml:"errata,omitempty" json:"errata,omitempty"`
}

// DeclineCode is one row of the vendor's decline-code table.
type DeclineCode struct {
	Code string `yaml:"code" json:"code"`
	Text string `yaml:"text" json:"text"`
}

// Sensitivity marks data that must not leak.
type Sensitivity string

const (
	// SensitivityNone is ordinary data.
	SensitivityNone Sensitivity = ""
	// SensitivityPersonal is personal data (names, addresses, card fragments): printed, but
	// callers may want to redact it.
	SensitivityPersonal Sensitivity = "personal"
	// SensitivitySecret is never printed and never echoed in errors (passwords).
	SensitivitySecret Sensitivity = "secret"
)

// PresenceKind says when a field is on the wire.
type PresenceKind string

const (
	// PresenceAlways: the guide or an errata entry says the field is always sent.
	PresenceAlways PresenceKind = "always"
	// PresenceConditional: the guide states a condition; Presence.Condition quotes it.
	PresenceConditional PresenceKind = "conditional"
	// PresenceOptional: the guide says nothing either way.
	PresenceOptional PresenceKind = "optional"
	// PresenceObserved: the vendor's pages do not list the member in this place, but real
	// traffic carries it (an erratum with evidence adds it); Presence.Source says where it was
	// seen. Validation treats it as optional: traffic shows it can be sent, not that it must.
	PresenceObserved PresenceKind = "observed"
)

// Presence is when a field is on the wire, and why the spec says so.
type Presence struct {
	Kind PresenceKind `yaml:"kind" json:"kind"`
	// Condition quotes the guide's condition text (conditional only).
	Condition string `yaml:"condition,omitempty" json:"condition,omitempty"`
	// Reason says why the field is required (always only): the guide's words or an errata id.
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`
	// Source says where an observed member was seen (observed only): the real payloads, the
	// vendor's newer pages; the erratum that added it lists the evidence in full.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// RelaxedRule names a rule of a member's documented shape that real traffic breaks. Its ids are
// the runtime's rule ids (webhook.Rule), so a warning names the rule it relaxes.
type RelaxedRule string

const (
	// RelaxEnum opens the member's enum: the documented values stay its known values (Go
	// constants), and a value outside them is reported at warning level, not as an error.
	RelaxEnum RelaxedRule = "enum"
	// RelaxMaxLength keeps the documented maximum length as a warning: a longer value is
	// reported at warning level (a receiver that sized its column by the docs wants to know),
	// while every other rule of the member (its kind, format, enum) stays an error.
	RelaxMaxLength RelaxedRule = "maxLength"
)

// RelaxedRules are the rules an erratum may relax.
var RelaxedRules = []RelaxedRule{RelaxEnum, RelaxMaxLength}

// Relaxation is one rule of a member's documented shape that real traffic breaks, decided by
// an erratum that cites the evidence. The rule is still checked, at warning level, and the
// warning names the erratum; JSON Schemas, which express errors only, leave it out.
type Relaxation struct {
	Rule RelaxedRule `yaml:"rule" json:"rule"`
	// Errata is the id of the erratum that relaxed the rule (filled in by specgen).
	Errata string `yaml:"errata" json:"errata"`
}

// Field is the definition of one member: in fields.yaml, the shared definition of a flat body's
// field (what every row with that name has in common); in types.yaml and in an event version's
// content, a member of an object, complete in itself.
//
// Its shape comes from exactly one of: DataType (the vendor's printed data-type text, parsed in
// datatypes.yaml), Constraint (stated directly, for vendors that print none), or Type (an object
// of a named type).
type Field struct {
	// Name is the wire name as the vendor spells it most often.
	Name string `yaml:"name" json:"name"`
	// GoName follows Go initialisms ("SubscriptionID", "IPAddress", "ThreeDSecure").
	GoName string `yaml:"goName" json:"goName"`
	// Aliases are other spellings of the same wire name ("flexID" for "flexId").
	Aliases     []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Description string   `yaml:"description" json:"description"`
	DataType    string   `yaml:"dataType,omitempty" json:"dataType,omitempty"`
	// Constraint is the member's shape when the vendor prints no data-type text.
	Constraint *Constraint `yaml:"constraint,omitempty" json:"constraint,omitempty"`
	// Type names the ObjectType of an object member; of an array's or a map's items in Items.
	Type        string      `yaml:"type,omitempty" json:"type,omitempty"`
	Example     string      `yaml:"example,omitempty" json:"example,omitempty"`
	Presence    Presence    `yaml:"presence" json:"presence"`
	Sensitivity Sensitivity `yaml:"sensitivity,omitempty" json:"sensitivity,omitempty"`
	// Enum names an Enum that every value must belong to.
	Enum string `yaml:"enum,omitempty" json:"enum,omitempty"`
	// Format overrides or adds to the data type's format (timestamp for a field typed "date").
	Format Format `yaml:"format,omitempty" json:"format,omitempty"`
	// Note is extra guidance for readers (the guide's parenthetical notes, errata summaries).
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Deprecated is the vendor's deprecation notice; empty for a member in good standing.
	Deprecated string `yaml:"deprecated,omitempty" json:"deprecated,omitempty"`
	// Errata lists the errata ids that shaped this definition.
	Errata []string `yaml:"errata,omitempty" json:"errata,omitempty"`
	// Relaxed are the rules of the documented shape that real traffic breaks: checked at
	// warning level, each citing its erratum.
	Relaxed []Relaxation `yaml:"relaxed,omitempty" json:"relaxed,omitempty"`
	// Items describes the elements of an array, or the values of a map.
	Items *Shape `yaml:"items,omitempty" json:"items,omitempty"`
}

// Relaxation returns the erratum id that relaxed rule r of the member, or "" when the rule
// holds as documented (an error).
func (f *Field) Relaxation(r RelaxedRule) string {
	for _, x := range f.Relaxed {
		if x.Rule == r {
			return x.Errata
		}
	}
	return ""
}

// Shape is the shape of an array's elements or a map's values: like a Field's, with no name,
// presence or description of its own.
type Shape struct {
	DataType   string      `yaml:"dataType,omitempty" json:"dataType,omitempty"`
	Constraint *Constraint `yaml:"constraint,omitempty" json:"constraint,omitempty"`
	Type       string      `yaml:"type,omitempty" json:"type,omitempty"`
	Enum       string      `yaml:"enum,omitempty" json:"enum,omitempty"`
	Format     Format      `yaml:"format,omitempty" json:"format,omitempty"`
	Items      *Shape      `yaml:"items,omitempty" json:"items,omitempty"`
}

// ObjectType is a named object type: its members in wire order. Objects of the type keep the
// members they carry that the type does not define, and give them back when encoded.
type ObjectType struct {
	// Name is the type's name in the spec ("Customer", "InvoiceLineItem"), which members refer to.
	Name string `yaml:"name" json:"name"`
	// GoName is the Go type's name.
	GoName      string `yaml:"goName" json:"goName"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	DocURL      string `yaml:"docURL,omitempty" json:"docURL,omitempty"`
	// Source says where the definition was read ("chargebee_api_v1_spec.json
	// #/components/schemas/Customer").
	Source  string  `yaml:"source,omitempty" json:"source,omitempty"`
	Members []Field `yaml:"members" json:"members"`
	// Errata lists the errata ids that shaped this type.
	Errata []string `yaml:"errata,omitempty" json:"errata,omitempty"`
}

// Row is one row of a version's variable table. Empty attributes inherit the shared Field of the
// same name (or alias); a row states only what differs, so the YAML shows every deviation.
type Row struct {
	// Name is the wire name as this table spells it; the row refines the shared field of that
	// name (or alias).
	Name        string    `yaml:"name" json:"name"`
	Description string    `yaml:"description,omitempty" json:"description,omitempty"`
	DataType    string    `yaml:"dataType,omitempty" json:"dataType,omitempty"`
	Example     string    `yaml:"example,omitempty" json:"example,omitempty"`
	Presence    *Presence `yaml:"presence,omitempty" json:"presence,omitempty"`
	// Raw is the row's cells exactly as captured, when normalisation changed any of them.
	Raw *RawRow `yaml:"raw,omitempty" json:"raw,omitempty"`
}

// RawRow is a table row's cells as the page prints them.
type RawRow struct {
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	DataType    string `yaml:"dataType,omitempty" json:"dataType,omitempty"`
	Example     string `yaml:"example,omitempty" json:"example,omitempty"`
}

// Format of a webhook body on the wire.
type WireFormat string

const (
	// WireForm is application/x-www-form-urlencoded ("URL Encoded").
	WireForm WireFormat = "form"
	// WireJSON is application/json.
	WireJSON WireFormat = "json"
)

// Event is one webhook event type.
type Event struct {
	// Name is the event type as it travels on the wire ("NewSaleSuccess").
	Name string `yaml:"name" json:"name"`
	// Title is the heading the guide gives it ("RenewalSuccess (Rebill)").
	Title string `yaml:"title" json:"title"`
	// Group is the event group it is sent with ("Subscription"), for vendors that have groups.
	Group       string `yaml:"group,omitempty" json:"group,omitempty"`
	DocURL      string `yaml:"docURL" json:"docURL"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Notes are the guide's remarks that apply to all versions.
	Notes    []string  `yaml:"notes,omitempty" json:"notes,omitempty"`
	Versions []Version `yaml:"versions" json:"versions"`
}

// Version is one version of an event: what a receiver configured for that version gets.
type Version struct {
	Number int `yaml:"version" json:"version"`
	// Released is the release date the guide states (YYYY-MM-DD), if any.
	Released string       `yaml:"released,omitempty" json:"released,omitempty"`
	Formats  []WireFormat `yaml:"formats" json:"formats"`
	// Note is the guide's text about this version ("includes a new variable called flexId").
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Base is set for derived events ("NewSaleSuccess plus these parameters"): the version's
	// fields are the base version's fields followed by Rows.
	Base *BaseRef `yaml:"base,omitempty" json:"base,omitempty"`
	// Rows are the version's own table rows, in the guide's order: the body of a vendor without
	// an envelope.
	Rows []Row `yaml:"fields,omitempty" json:"fields,omitempty"`
	// Content are the members of the envelope's content member in this version, for a vendor
	// with an envelope (Vendor.Envelope), in the vendor's order.
	Content []Field `yaml:"content,omitempty" json:"content,omitempty"`
	// RawContent is true for a version of an enveloped event whose content the vendor does not
	// describe: receivers get the envelope typed and the content as raw JSON.
	RawContent bool `yaml:"rawContent,omitempty" json:"rawContent,omitempty"`
	// PassThrough is true when the table declares pass-through key/values.
	PassThrough bool `yaml:"passThrough,omitempty" json:"passThrough,omitempty"`
	// Errata lists the errata ids that shaped this version.
	Errata []string `yaml:"errata,omitempty" json:"errata,omitempty"`
}

// BaseRef names the base version of a derived event version.
type BaseRef struct {
	Event   string `yaml:"event" json:"event"`
	Version int    `yaml:"version" json:"version"`
	// Errata is the id of the decision that chose this base, with its reasoning.
	Errata string `yaml:"errata" json:"errata"`
}

// Release is one entry of the vendor's own ChangeLog.
type Release struct {
	Number int `yaml:"release" json:"release"`
	// Date is YYYY-MM-DD, when stated.
	Date string `yaml:"date,omitempty" json:"date,omitempty"`
	// Text is the release's prose, as printed, one item a line.
	Text []string `yaml:"text" json:"text"`
	// Claims are the release's machine-checkable statements.
	Claims []Claim `yaml:"claims,omitempty" json:"claims,omitempty"`
}

// ClaimKind is what a ChangeLog claim asserts.
type ClaimKind string

const (
	// ClaimFieldAdded: Field first appears in Event at Version.
	ClaimFieldAdded ClaimKind = "field-added"
	// ClaimFieldInAllVersions: Field is present in every version of Event.
	ClaimFieldInAllVersions ClaimKind = "field-in-all-versions"
	// ClaimEventAdded: Event first exists in this release.
	ClaimEventAdded ClaimKind = "event-added"
	// ClaimFormatAdded: the wire format Format became available.
	ClaimFormatAdded ClaimKind = "format-added"
)

// Claim is one statement of the vendor's ChangeLog that can be checked against the tables.
type Claim struct {
	Kind    ClaimKind `yaml:"kind" json:"kind"`
	Event   string    `yaml:"event,omitempty" json:"event,omitempty"`
	Version int       `yaml:"version,omitempty" json:"version,omitempty"`
	Field   string    `yaml:"field,omitempty" json:"field,omitempty"`
	Format  string    `yaml:"format,omitempty" json:"format,omitempty"`
	// Text quotes the ChangeLog line the claim was read from.
	Text string `yaml:"text" json:"text"`
}
