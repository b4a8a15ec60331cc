// Package tsdecl reads the TypeScript declaration files (.d.ts) that SDK generators emit into
// the neutral model of internal/schemamodel: the data shapes an API sends, with their members
// in the order the files write them, and the webhooks of an event-to-content map. It knows no
// vendor: what is particular to one SDK (which type is the webhook map, which library types it
// uses without declaring) comes in through Options.
//
// # What is read
//
// A set of files is read as one program: "declare module 'name' { }" blocks, namespaces and
// top-level declarations, a name declared in one file usable in all. The data shapes become
// Document.Types, named with their namespaces dotted ("Invoice.LineItem"):
//
//   - interfaces, with extends (the bases' members first, a redeclared member in its base's
//     place) and declaration merging (later declarations of an interface add their members; a
//     member declared again must be declared alike);
//   - type aliases; enums (string values, or numbers, which TypeScript counts up when omitted);
//     "import A = B" aliases, as a reference to B;
//   - members: "?" makes a member not Required, and so does "| undefined" in its type, since
//     JSON says "absent" by leaving a member out. A computed name "[Enum.Member]" is the enum
//     member's value. A string index signature is the object's Additional ("unknown" gives
//     KindAny), one keyed by a template literal ("cf_${string}") a PatternMembers entry;
//   - types: string, number, boolean, any and unknown (KindAny), null, object (an open object),
//     literals and unions of literals (an Enum; string and number literals are gathered into
//     one alternative each), "T | null" (Nullable), other unions (KindUnion), intersections
//     (KindAll, kept as written), arrays (T[], Array<T>, ReadonlyArray<T>), tuples
//     (PrefixItems), Record<K, V>, inline object types, template literal types (a Pattern),
//     references (KindRef, resolved to their Named).
//
// Doc comments (/** */) before a declaration or member become its Description, verbatim but for
// the comment markers; a @deprecated tag sets Deprecated. Doc comments on enum members have no
// place in the model's Enum and are not read. "///<reference .../>" lines are checked for form;
// the files to read are the ones the caller names, not the ones they reference.
//
// # What is not a data shape
//
// SDK declarations hold more than data: classes and their methods, functions, constants,
// generic helper types (ContentFor<T>), interfaces with methods, function types, mapped and
// conditional types. They are parsed like the rest, so a syntax error or an unknown name in
// them is still an error, and recorded in Document.NonData with their name, keyword, position
// and the reason, so that a caller can report what it did not use. A declaration that refers to
// one that is not a data shape (a configuration type with a callback member, say) is not one
// either, with a reason naming the member. Only what the reader does not understand at all
// fails the read: a syntax error, a construct outside TypeScript's declaration syntax (import
// declarations among them: names resolve among the files given), a name declared in none of the
// files and not named opaque in Options, a member declared twice, nesting deeper than
// Options.MaxDepth. Every error names the file and line; a read reports up to 50 at once as an
// ErrorList.
//
// # Webhooks
//
// Options.WebhookMap names the type whose members map event types to content types, such as
//
//	export type WebhookContentMap = {
//	  [WebhookEventType.CustomerDeleted]: CustomerDeletedContent;
//	};
//
// Each member becomes a schemamodel.Webhook: Event is the member's name, here the enum member's
// string value ("customer_deleted"), and Schema the member's type, a reference to the content
// type. For such a map the webhook's schema is the event's content, not the whole request body:
// the envelope around it (id, event_type, ...) is whatever other type the SDK declares for it.
// The map stays in Types too, as the object type it is.
//
// Reading is linear in the size of the files: one pass to tokens, a recursive-descent parser
// with at most three tokens of lookahead, and name resolution through maps.
package tsdecl
