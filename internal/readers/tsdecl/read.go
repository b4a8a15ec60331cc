package tsdecl

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hookspec/hookspec/internal/schemamodel"
)

// DefaultMaxDepth is how deeply types, namespaces and template literals may nest when
// Options.MaxDepth is 0. Generated declarations nest a handful of levels; the bound keeps a
// hostile file from exhausting the stack.
const DefaultMaxDepth = 64

// maxErrors is how many problems one read reports before it stops listing them.
const maxErrors = 50

// Options tell the reader what the files cannot.
type Options struct {
	// WebhookMap names the type (dotted when namespaced) whose members map event types to the
	// types of their content: each member becomes a schemamodel.Webhook whose Event is the
	// member's name (for a computed name "[Enum.Member]", the enum member's value) and whose
	// Schema is the member's type. "" reads no webhooks.
	WebhookMap string
	// Opaque are names the files use without declaring them: the TypeScript library's types
	// (Promise, Error) or another package's ("NodeJS" makes NodeJS.Timeout opaque too). A
	// reference to one resolves, and whatever uses it is recorded as a non-data declaration.
	// Array, ReadonlyArray and Record need no entry: the reader understands them. A name the
	// files declare is theirs, opaque or not.
	Opaque []string
	// MaxDepth bounds nesting; 0 means DefaultMaxDepth.
	MaxDepth int
}

// Error is one problem in the files, at a line.
type Error struct {
	Pos schemamodel.Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Pos.File, e.Pos.Line, e.Msg) }

func errorAt(file string, line int, format string, args ...any) *Error {
	return &Error{Pos: schemamodel.Pos{File: file, Line: line}, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList is every problem a read found, in the order it found them (at most 50).
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// problems collects errors up to maxErrors.
type problems struct {
	list  ErrorList
	extra int
}

func (p *problems) add(e *Error) {
	if len(p.list) < maxErrors {
		p.list = append(p.list, e)
		return
	}
	p.extra++
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	if p.extra > 0 {
		last := p.list[len(p.list)-1]
		p.list = append(p.list, &Error{Pos: last.Pos, Msg: fmt.Sprintf("and %d more problems", p.extra)})
		p.extra = 0
	}
	return p.list
}

// ReadDir reads every .d.ts file under dir, its subfolders included, in lexical order of their
// paths, as Read does. Positions name the files as dir joined with their path inside it; the
// document's File is dir.
func ReadDir(dir string, opts Options) (*schemamodel.Document, error) {
	fsys := os.DirFS(dir)
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasSuffix(p, ".d.ts") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tsdecl: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("tsdecl: no .d.ts files in %s", dir)
	}
	return read(fsys, paths, dir, func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }, opts)
}

// Read reads the declaration files at paths in fsys, in that order, as one set: a name declared
// in one file may be used in any other. Positions name the files by their paths; the
// document's File is ".", the root of fsys.
func Read(fsys fs.FS, paths []string, opts Options) (*schemamodel.Document, error) {
	if len(paths) == 0 {
		return nil, errors.New("tsdecl: no files to read")
	}
	return read(fsys, paths, ".", func(p string) string { return p }, opts)
}

func read(fsys fs.FS, paths []string, docName string, display func(string) string, opts Options) (*schemamodel.Document, error) {
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	var probs problems
	var decls []*decl
	seen := map[string]bool{}
	for _, p := range paths {
		clean := path.Clean(p)
		if seen[clean] {
			return nil, fmt.Errorf("tsdecl: %s is listed twice", p)
		}
		seen[clean] = true
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("tsdecl: %w", err)
		}
		file := display(p)
		toks, err := lex(file, string(src), maxDepth)
		if err != nil {
			probs.add(err.(*Error))
			continue
		}
		ds, err := parseFile(file, toks, maxDepth)
		if err != nil {
			probs.add(err.(*Error))
			continue
		}
		decls = append(decls, ds...)
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	r := newResolver(decls, opts.Opaque, &probs)
	r.resolveAll()
	if err := probs.err(); err != nil {
		return nil, err
	}
	doc := convert(decls, &probs)
	doc.File = docName
	if opts.WebhookMap != "" {
		if err := readWebhooks(doc, opts.WebhookMap, &probs); err != nil {
			return nil, err
		}
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	return doc, nil
}
