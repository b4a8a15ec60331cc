// Package check is what hookcheck does, apart from its flags: it reads payloads (files,
// directories, standard input, raw HTTP request captures, NDJSON), validates them with the
// generated Go code, the JSON Schemas or both, and reports the verdicts as text, JSON or GitHub
// annotations. It knows vendors only through the Vendor wiring cmd/hookcheck gives it.
package check

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hookspec/hookspec/webhook"
)

// MaxBody bounds one payload: a file, a capture's body or an NDJSON line. Webhook bodies are a
// few kilobytes; anything near this is not a webhook and is refused rather than read whole.
const MaxBody = 8 << 20

// Input is one payload to check.
type Input struct {
	// Name is where it came from: a file path, "-" for standard input, with ":N" for line N of
	// an NDJSON input.
	Name string
	Body []byte
	// Format is the body's wire format when the input states it (a capture's Content-Type);
	// 0 when it must come from the -format flag or be sniffed.
	Format webhook.WireFormat
	// Event is the event type a capture's query string names (eventType), or "".
	Event string
	// Err is why the input could not be read; such an input is reported, not checked.
	Err error
}

// ReadOptions say how to read the paths.
type ReadOptions struct {
	// NDJSON reads every line of a file as one JSON payload.
	NDJSON bool
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Each gives fn the inputs named by paths, in order, as it reads them: a directory gives its
// files (recursively, in lexical order, hidden files skipped), an NDJSON file its lines. An
// input's Body is valid only during the call. A path that cannot be read at all is an error; a
// file that can be opened but not used (empty, too big, a bad capture) is an Input with Err
// set, so that one bad file does not hide the verdicts of the others.
func Each(paths []string, opt ReadOptions, fn func(Input)) error {
	for _, p := range paths {
		if p == "-" {
			if err := readStream("-", opt.Stdin, opt, fn); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		var files []string
		if st.IsDir() {
			err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if strings.HasPrefix(d.Name(), ".") && path != p {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() {
					files = append(files, path)
				}
				return nil
			})
			if err != nil {
				return err
			}
			slices.Sort(files)
		} else {
			files = []string{p}
		}
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			err = readStream(name, f, opt, fn)
			f.Close()
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func readStream(name string, r io.Reader, opt ReadOptions, fn func(Input)) error {
	if opt.NDJSON {
		return readLines(name, r, fn)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxBody+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	fn(parse(name, data))
	return nil
}

// readLines reads NDJSON: one payload a line, blank lines skipped. A line longer than MaxBody
// is reported as unreadable and skipped to its end, without holding it in memory.
func readLines(name string, r io.Reader, fn func(Input)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, buf[:0])
		buf = line
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: line %d: %w", name, n, err)
		}
		in := Input{Name: name + ":" + strconv.Itoa(n), Format: webhook.JSON}
		switch {
		case tooLong:
			in.Err = fmt.Errorf("line longer than %d bytes: not a webhook payload", MaxBody)
			fn(in)
		case len(bytes.TrimSpace(line)) > 0:
			in.Body = line
			fn(in)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// readLine reads one line into line (reusing its array), without its end of line.
func readLine(br *bufio.Reader, line []byte) (_ []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > MaxBody {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

// parse turns one file's bytes into an input: a raw HTTP request capture when it starts with a
// request line, a bare body otherwise.
func parse(name string, data []byte) Input {
	in := Input{Name: name, Body: data}
	switch {
	case len(data) > MaxBody:
		in.Body, in.Err = nil, fmt.Errorf("larger than %d bytes: not a webhook payload", MaxBody)
	case len(bytes.TrimSpace(data)) == 0:
		in.Err = errors.New("empty file: no payload")
	case isRequestLine(data):
		in = parseCapture(name, data)
	}
	return in
}

func isRequestLine(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	method, rest, ok := strings.Cut(string(bytes.TrimRight(line, "\r")), " ")
	return ok && (method == "POST" || method == "PUT" || method == "GET") && strings.Contains(rest, " HTTP/1.")
}

// parseCapture reads a raw HTTP request as the vendor prints its sample posts: request line,
// headers, a blank line, the body. The vendor's own sample on its overview page lacks the blank
// line, so a line that is not a header (no colon before an '=') also starts the body.
// Content-Length is ignored: the printed samples do not match theirs.
func parseCapture(name string, data []byte) Input {
	in := Input{Name: name}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	_, target, _ := strings.Cut(lines[0], " ")
	target, _, _ = strings.Cut(target, " ")
	if u, err := url.Parse(target); err == nil {
		in.Event = u.Query().Get("eventType")
	}
	body := -1
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			body = i + 1
			break
		}
		colon := strings.IndexByte(l, ':')
		eq := strings.IndexByte(l, '=')
		if colon < 0 || (eq >= 0 && eq < colon) || strings.HasPrefix(l, "{") {
			body = i
			break
		}
		key, value, _ := strings.Cut(l, ":")
		if strings.EqualFold(strings.TrimSpace(key), "Content-Type") {
			f, err := webhook.ParseContentType(strings.TrimSpace(value))
			if err != nil {
				in.Err = fmt.Errorf("capture: %w", err)
				return in
			}
			in.Format = f
		}
	}
	if body < 0 || body >= len(lines) {
		in.Err = errors.New("capture: no body after the headers")
		return in
	}
	in.Body = []byte(strings.TrimRight(strings.Join(lines[body:], "\n"), "\n"))
	if len(bytes.TrimSpace(in.Body)) == 0 {
		in.Err = errors.New("capture: empty body")
	}
	return in
}
