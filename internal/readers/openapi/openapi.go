// Package openapi reads an OpenAPI 3.1 JSON document into the neutral model of
// internal/schemamodel: its named schemas (components.schemas) and the webhooks it describes
// (the top-level webhooks section). It knows no vendor: any OpenAPI 3.1 document with a webhooks
// section reads the same way.
//
// # What is read
//
//   - openapi: must be 3.1.x. info: title and version become the Document's; its x-… keywords,
//     and the document's own top-level ones, become Document.Extensions in source order.
//     jsonSchemaDialect, when present, must be OpenAPI 3.1's base dialect or JSON Schema 2020-12.
//   - components.schemas: every entry is a Named type, in document order.
//   - webhooks: every entry is a Webhook, in document order. Its Schema is the request body's
//     schema, webhooks.<event>.post.requestBody.content["application/json"].schema (the whole
//     body the vendor posts, envelope included). Summary and Description are the operation's,
//     or the path item's where the operation states none; Deprecated is the operation's; the
//     x-… keywords of the path item, operation, request body and media type, in that order,
//     are its Extensions. A webhook without a post operation or without an application/json
//     body schema is an error; so is an operation other than post, a body in another media
//     type, and a $ref to a path item or request body.
//
// Sections that describe the REST API rather than what a webhook carries (servers, paths,
// security, tags, externalDocs, the components other than schemas and components' own x-…
// keywords; info's description, contact and license; an operation's operationId,
// tags, parameters, responses, callbacks, security and servers; a request body's description
// and required flag; a media type's example, examples and encoding) are not read.
//
// # Schemas
//
// Each schema keyword is either read into the model, listed below as an annotation that carries
// nothing for a webhook body, or an error naming it: nothing is dropped unnoticed.
//
//   - type: one of the seven JSON Schema types, or a list of them. "null" in a list sets
//     Nullable (["string","null"] is a nullable string); a list of several other types is a
//     union (KindUnion) of one schema per type, each with the keywords that constrain its type,
//     the format, and the enum values it can hold. OpenAPI 3.0's nullable: true, which many
//     converted 3.1 documents keep, also sets Nullable. Without type,
//     a schema takes the kind its keywords belong to (properties → object, items → array,
//     maxLength → string, minimum → number; an enum of strings → string); keywords of two kinds
//     is an error, and so is a keyword that does not apply to the stated type (maxLength on an
//     integer).
//   - $ref: only local references to "#/components/schemas/<name>" (JSON-pointer escapes ~0 and
//     ~1 and URI percent-escapes decoded) are read, and must name an entry the document has;
//     anything else is an error. References are resolved to the Named type, so cycles are fine.
//   - properties in source order; patternProperties as PatternMembers (each pattern wrapped to
//     match a whole name, since the model's are anchored, and an error if Go's regexp cannot
//     read it); required, whose every name must be one of the schema's own properties (an error
//     otherwise: keeping it would invent a member of unknown shape); additionalProperties (true
//     → Additional of KindAny, false → Closed, a schema → Additional); items (one schema);
//     prefixItems as PrefixItems (alone they allow more items of any shape, so Items is KindAny;
//     with items: false the tuple is exactly that long; items: false alone allows only []);
//     enum and const (as text in source order: strings decoded, numbers and booleans as
//     written; a null value sets Nullable; an object or array value is an error); format;
//     minLength and maxLength; minimum, maximum, exclusiveMinimum and exclusiveMaximum (3.1's
//     numeric forms; 3.0's boolean exclusiveMinimum is an error); pattern (kept, not compiled:
//     it is an ECMA-262 expression); description, verbatim; deprecated; default, as JSON text;
//     example, as JSON text, except example: null, which generators write to mean "no example"
//     (one vendor's description does so on 2,200 schemas) and which is read as none; x-…
//     keywords as Extensions, in source order.
//   - oneOf and anyOf are unions (KindUnion); the model does not distinguish them.
//   - allOf is kept, not merged: KindAll with each part as written, so a part that names a type
//     stays a reference to it. A schema whose keywords give it more than one shape ($ref, a
//     union, allOf parts, its own type and constraints) is KindAll of those shapes, which is what
//     JSON Schema 2020-12 means by them; a $ref with only annotations beside it stays a KindRef
//     carrying those annotations.
//   - Annotations read as nothing: title, examples, readOnly and writeOnly (directions of the REST
//     API, not of a body the vendor posts), $comment, externalDocs, xml.
//   - Every other keyword is an error: JSON Schema keywords the model has no place for (not,
//     if/then/else, minItems, uniqueItems, propertyNames, discriminator, $defs, …) and
//     unknown ones alike.
//
// # Errors
//
// Every problem is an *Error with the file, the line, the JSON pointer of the value at fault and
// the rule it breaks. Read reports all of them (the first 50), joined with errors.Join, and then
// no Document. The parser keeps member order and positions itself, which encoding/json's map
// decoding would lose; a member name twice in one object is an error, as is nesting arrays and
// objects more than 512 deep. Reading takes time linear in the document's size.
package openapi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// Error is one problem in the document.
type Error struct {
	File string
	Line int
	// Pointer is the JSON pointer of the value at fault ("/components/schemas/Customer/required");
	// "" for the document as a whole, and when it is not JSON at all.
	Pointer string
	Msg     string
}

func (e *Error) Error() string {
	if e.Pointer == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Pointer, e.Msg)
}

// maxErrors is how many problems Read reports.
const maxErrors = 50

// Read reads the OpenAPI 3.1 JSON document data; file names it in errors and positions.
func Read(file string, data []byte) (*schemamodel.Document, error) {
	root, serr := parseJSON(data)
	lines := newLineIndex(data)
	if serr != nil {
		return nil, &Error{File: file, Line: lines.line(serr.offset), Msg: "invalid JSON: " + serr.msg}
	}
	r := &reader{file: file, src: data, lines: lines, named: map[string]*schemamodel.Named{}}
	doc := r.document(root)
	if len(r.errs) > 0 {
		if r.tooMany {
			r.errs = append(r.errs, fmt.Errorf("%s: more than %d problems; fix these first", file, maxErrors))
		}
		return nil, errors.Join(r.errs...)
	}
	return doc, nil
}

// reader holds what one Read needs while it walks the parsed document.
type reader struct {
	file  string
	src   []byte
	lines lineIndex
	// named holds the components schemas by name, created before any schema is read so that a
	// reference can point at a type whose schema is not read yet (or is being read: a cycle).
	named   map[string]*schemamodel.Named
	errs    []error
	tooMany bool
}

// path is a JSON pointer built as the walk descends; it is rendered only for an error.
type path struct {
	parent *path
	token  string
}

func (p *path) child(token string) *path { return &path{parent: p, token: token} }

func (p *path) String() string {
	if p == nil {
		return ""
	}
	var tokens []string
	for q := p; q != nil; q = q.parent {
		tokens = append(tokens, q.token)
	}
	var b strings.Builder
	for i := len(tokens) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(tokens[i]))
	}
	return b.String()
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// fail records a problem with the value v at p. Past maxErrors it only notes that there were
// more: a document that is wrong everywhere needs fixing before a longer list helps.
func (r *reader) fail(v *value, p *path, format string, args ...any) {
	r.failAt(v.start, p, format, args...)
}

func (r *reader) failAt(offset int, p *path, format string, args ...any) {
	if len(r.errs) == maxErrors {
		r.tooMany = true
		return
	}
	r.errs = append(r.errs, &Error{File: r.file, Line: r.lines.line(offset), Pointer: p.String(), Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) pos(offset int) schemamodel.Pos {
	return schemamodel.Pos{File: r.file, Line: r.lines.line(offset)}
}

// extension returns the x-… member m as an Extension.
func (r *reader) extension(m member) schemamodel.Extension {
	return schemamodel.Extension{Name: m.name, Value: r.jsonText(m.value)}
}

// jsonText is v's JSON text, compacted: the model keeps values, not their layout.
func (r *reader) jsonText(v *value) string {
	raw := r.src[v.start:v.end]
	switch v.kind {
	case jsonObject, jsonArray:
		var b strings.Builder
		b.Grow(len(raw))
		inString := false
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			switch {
			case inString:
				b.WriteByte(c)
				if c == '\\' && i+1 < len(raw) {
					i++
					b.WriteByte(raw[i])
				} else if c == '"' {
					inString = false
				}
			case c == '"':
				inString = true
				b.WriteByte(c)
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			default:
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	return string(raw)
}

func isExtension(name string) bool { return strings.HasPrefix(name, "x-") }

// wantKind reports whether v is of kind k, and records an error naming what it is otherwise.
func (r *reader) wantKind(v *value, p *path, k valueKind) bool {
	if v.kind != k {
		r.fail(v, p, "must be %s, not %s", k, v.kind)
		return false
	}
	return true
}

// text returns the string v, or records an error.
func (r *reader) text(v *value, p *path) string {
	if r.wantKind(v, p, jsonString) {
		return v.str
	}
	return ""
}

// flag returns the boolean v, or records an error.
func (r *reader) flag(v *value, p *path) bool {
	if r.wantKind(v, p, jsonBool) {
		return v.boolean
	}
	return false
}

var openapiVersion = regexp.MustCompile(`^3\.1\.[0-9]+$`)

// dialects are the jsonSchemaDialect values whose keywords this reader knows.
var dialects = map[string]bool{
	"https://spec.openapis.org/oas/3.1/dialect/base": true,
	"https://json-schema.org/draft/2020-12/schema":   true,
}

// notRead are the top-level sections that describe the REST API, not what a webhook carries.
var notRead = map[string]bool{"servers": true, "paths": true, "security": true, "tags": true, "externalDocs": true}

func (r *reader) document(root *value) *schemamodel.Document {
	doc := &schemamodel.Document{File: r.file}
	var top *path
	if !r.wantKind(root, top, jsonObject) {
		return doc
	}
	if v := root.get("openapi"); v == nil {
		r.fail(root, top, "no openapi member: this reader reads OpenAPI 3.1 documents")
	} else if s := r.text(v, top.child("openapi")); v.kind == jsonString && !openapiVersion.MatchString(s) {
		r.fail(v, top.child("openapi"), "version %q: this reader reads OpenAPI 3.1.x", s)
	}
	doc.Types = r.declareSchemas(root.get("components"))
	for _, m := range root.members {
		p := top.child(m.name)
		switch {
		case m.name == "openapi":
		case m.name == "info":
			r.info(m.value, p, doc)
		case m.name == "jsonSchemaDialect":
			if s := r.text(m.value, p); m.value.kind == jsonString && !dialects[s] {
				r.fail(m.value, p, "dialect %q: this reader knows OpenAPI 3.1's base dialect and JSON Schema 2020-12 only", s)
			}
		case m.name == "components":
			r.components(m.value, p)
		case m.name == "webhooks":
			doc.Webhooks = r.webhooks(m.value, p)
		case notRead[m.name]:
		case isExtension(m.name):
			doc.Extensions = append(doc.Extensions, r.extension(m))
		default:
			r.failAt(m.offset, p, "unknown member %q: not an OpenAPI 3.1 field (a vendor extension starts with x-)", m.name)
		}
	}
	return doc
}

func (r *reader) info(v *value, p *path, doc *schemamodel.Document) {
	if !r.wantKind(v, p, jsonObject) {
		return
	}
	for _, m := range v.members {
		switch {
		case m.name == "title":
			doc.Title = r.text(m.value, p.child(m.name))
		case m.name == "version":
			doc.Version = r.text(m.value, p.child(m.name))
		case isExtension(m.name):
			doc.Extensions = append(doc.Extensions, r.extension(m))
		}
		// The rest of info (summary, description, contact, license, termsOfService) is about
		// the document, not about anything a webhook carries.
	}
}

// declareSchemas creates a Named type for every components.schemas entry, in document order,
// before any schema is read (see reader.named).
func (r *reader) declareSchemas(components *value) []*schemamodel.Named {
	if components == nil || components.kind != jsonObject {
		return nil // components reports it
	}
	schemas := components.get("schemas")
	if schemas == nil || schemas.kind != jsonObject {
		return nil
	}
	types := make([]*schemamodel.Named, 0, len(schemas.members))
	for _, m := range schemas.members {
		n := &schemamodel.Named{Name: m.name}
		r.named[m.name] = n
		types = append(types, n)
	}
	return types
}

func (r *reader) components(v *value, p *path) {
	if !r.wantKind(v, p, jsonObject) {
		return
	}
	for _, m := range v.members {
		switch m.name {
		case "schemas":
			sp := p.child("schemas")
			if !r.wantKind(m.value, sp, jsonObject) {
				continue
			}
			for _, s := range m.value.members {
				r.named[s.name].Schema = r.schema(s.value, sp.child(s.name))
			}
		case "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems":
			// The REST API's parts: a webhook body never reaches them, since only schema
			// references are read.
		default:
			if !isExtension(m.name) {
				r.failAt(m.offset, p.child(m.name), "unknown member %q: not an OpenAPI 3.1 components field", m.name)
			}
			// components' own x-… keywords describe the components, not a type or a webhook.
		}
	}
}

// operations are the path item's HTTP methods.
var operations = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

func (r *reader) webhooks(v *value, p *path) []schemamodel.Webhook {
	if !r.wantKind(v, p, jsonObject) {
		return nil
	}
	hooks := make([]schemamodel.Webhook, 0, len(v.members))
	for _, m := range v.members {
		if hook, ok := r.webhook(m, p.child(m.name)); ok {
			hooks = append(hooks, hook)
		}
	}
	return hooks
}

func (r *reader) webhook(m member, p *path) (schemamodel.Webhook, bool) {
	hook := schemamodel.Webhook{Event: m.name, Pos: r.pos(m.offset)}
	item := m.value
	if !r.wantKind(item, p, jsonObject) {
		return hook, false
	}
	var summary, description string
	var post *value
	for _, im := range item.members {
		ip := p.child(im.name)
		switch {
		case im.name == "summary":
			summary = r.text(im.value, ip)
		case im.name == "description":
			description = r.text(im.value, ip)
		case im.name == "post":
			post = im.value
		case operations[im.name]:
			r.failAt(im.offset, ip, "webhook %q has a %s operation: a webhook is delivered by post, the only operation this reader reads", m.name, im.name)
		case im.name == "$ref":
			r.failAt(im.offset, ip, "webhook %q refers to a path item: this reader reads webhooks written in place", m.name)
		case im.name == "parameters" || im.name == "servers":
			// The REST API's request details, not the body.
		case isExtension(im.name):
			hook.Extensions = append(hook.Extensions, r.extension(im))
		default:
			r.failAt(im.offset, ip, "unknown member %q: not an OpenAPI 3.1 path item field", im.name)
		}
	}
	if post == nil {
		r.fail(item, p, "webhook %q has no post operation", m.name)
		return hook, false
	}
	pp := p.child("post")
	if !r.wantKind(post, pp, jsonObject) {
		return hook, false
	}
	var body *value
	for _, om := range post.members {
		op := pp.child(om.name)
		switch {
		case om.name == "summary":
			hook.Summary = r.text(om.value, op)
		case om.name == "description":
			hook.Description = r.text(om.value, op)
		case om.name == "deprecated":
			hook.Deprecated = r.flag(om.value, op)
		case om.name == "requestBody":
			body = om.value
		case om.name == "operationId" || om.name == "tags" || om.name == "externalDocs" || om.name == "parameters" ||
			om.name == "responses" || om.name == "callbacks" || om.name == "security" || om.name == "servers":
			// The REST API's view of the delivery, not the body.
		case isExtension(om.name):
			hook.Extensions = append(hook.Extensions, r.extension(om))
		default:
			r.failAt(om.offset, op, "unknown member %q: not an OpenAPI 3.1 operation field", om.name)
		}
	}
	if hook.Summary == "" {
		hook.Summary = summary
	}
	if hook.Description == "" {
		hook.Description = description
	}
	if body == nil {
		r.fail(post, pp, "webhook %q has no requestBody: its body schema is what this reader reads", m.name)
		return hook, false
	}
	hook.Schema = r.requestBody(m.name, body, pp.child("requestBody"), &hook)
	return hook, hook.Schema != nil
}

// requestBody returns the application/json schema of a webhook's request body.
func (r *reader) requestBody(event string, body *value, p *path, hook *schemamodel.Webhook) *schemamodel.Schema {
	if !r.wantKind(body, p, jsonObject) {
		return nil
	}
	var content *value
	for _, bm := range body.members {
		switch {
		case bm.name == "content":
			content = bm.value
		case bm.name == "$ref":
			r.failAt(bm.offset, p.child(bm.name), "webhook %q refers to a request body: this reader reads request bodies written in place", event)
			return nil
		case bm.name == "description" || bm.name == "required":
			// Words about the payload, and a flag that is always true for a delivery.
		case isExtension(bm.name):
			hook.Extensions = append(hook.Extensions, r.extension(bm))
		default:
			r.failAt(bm.offset, p.child(bm.name), "unknown member %q: not an OpenAPI 3.1 request body field", bm.name)
		}
	}
	if content == nil {
		r.fail(body, p, "webhook %q: the request body has no content", event)
		return nil
	}
	cp := p.child("content")
	if !r.wantKind(content, cp, jsonObject) {
		return nil
	}
	var media *value
	var mediaPath *path
	for _, cm := range content.members {
		if !isJSONMediaType(cm.name) {
			r.failAt(cm.offset, cp.child(cm.name), "webhook %q: a %s body; this reader reads application/json bodies only", event, cm.name)
			continue
		}
		if media != nil {
			r.failAt(cm.offset, cp.child(cm.name), "webhook %q: a second application/json body", event)
			continue
		}
		media, mediaPath = cm.value, cp.child(cm.name)
	}
	if media == nil {
		r.fail(content, cp, "webhook %q has no application/json body schema", event)
		return nil
	}
	if !r.wantKind(media, mediaPath, jsonObject) {
		return nil
	}
	var schema *value
	for _, mm := range media.members {
		switch {
		case mm.name == "schema":
			schema = mm.value
		case mm.name == "example" || mm.name == "examples" || mm.name == "encoding":
			// Samples of the body (evidence for the capture to read from the file itself, not
			// shape), and a form-encoding detail.
		case isExtension(mm.name):
			hook.Extensions = append(hook.Extensions, r.extension(mm))
		default:
			r.failAt(mm.offset, mediaPath.child(mm.name), "unknown member %q: not an OpenAPI 3.1 media type field", mm.name)
		}
	}
	if schema == nil {
		r.fail(media, mediaPath, "webhook %q has no application/json body schema", event)
		return nil
	}
	return r.schema(schema, mediaPath.child("schema"))
}

// isJSONMediaType reports whether a content key names JSON: "application/json", in any case,
// with or without parameters ("; charset=utf-8").
func isJSONMediaType(key string) bool {
	mt, _, _ := strings.Cut(key, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}
