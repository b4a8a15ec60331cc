package capture

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hookspec/hookspec/internal/capture/chargebee"
	"github.com/hookspec/hookspec/internal/readers/openapi"
	"github.com/hookspec/hookspec/internal/readers/tsdecl"
	"github.com/hookspec/hookspec/spec"
)

// ChargebeeSDKOptions are how Chargebee's Node SDK declarations are read: the map of event types
// to content types, and the library types the SDK uses without declaring them.
var ChargebeeSDKOptions = tsdecl.Options{
	WebhookMap: "WebhookContentMap",
	Opaque:     []string{"Promise", "Error", "Request", "Response"},
}

// ChargebeePayloadsDir is where the real Chargebee payloads are, relative to the capture
// directory: the checkout layout keeps them beside the vendor documents
// (../shared/vendor-docs/chargebee and ../shared/real-payloads/chargebee).
const ChargebeePayloadsDir = "../../real-payloads/chargebee"

// readChargebee reads every input of Chargebee's capture from dir, and the real payloads from
// ChargebeePayloadsDir beside it.
func readChargebee(dir string) (chargebee.Inputs, error) {
	var in chargebee.Inputs
	read := func(name string) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, fmt.Errorf("%s: empty", filepath.Join(dir, name))
		}
		return data, nil
	}
	v1, err := read("chargebee_api_v1_spec.json")
	if err != nil {
		return in, err
	}
	if in.V1, err = openapi.Read("chargebee_api_v1_spec.json", v1); err != nil {
		return in, err
	}
	sdkDir := filepath.Join(dir, "chargebee-node-types")
	if in.V2, err = tsdecl.ReadDir(sdkDir, ChargebeeSDKOptions); err != nil {
		return in, err
	}
	sdkSum, err := dirDigest(sdkDir)
	if err != nil {
		return in, err
	}
	types, err := read("event-types-v2.txt")
	if err != nil {
		return in, err
	}
	for i, line := range strings.Split(string(types), "\n") {
		name := strings.TrimSpace(line)
		if name == "" {
			continue
		}
		if strings.ContainsAny(name, " \t") {
			return in, fmt.Errorf("%s:%d: %q is not one event type name", filepath.Join(dir, "event-types-v2.txt"), i+1, name)
		}
		in.EventTypesV2 = append(in.EventTypesV2, name)
	}
	if in.Facts, err = read("webhook-delivery-facts.md"); err != nil {
		return in, err
	}
	events, err := read("events.txt")
	if err != nil {
		return in, err
	}
	in.Sources = []spec.Source{
		fileSource("api-v1", "https://github.com/chargebee/openapi/blob/c5273ca/spec/chargebee_api_v1_spec.json", "chargebee_api_v1_spec.json", "openapi", v1),
		{Name: "sdk-v2", URL: "https://www.npmjs.com/package/chargebee/v/3.33.0", File: "chargebee-node-types", Format: "typescript", SHA256: sdkSum,
			Note: "The declarations (types/) of the npm package chargebee 3.33.0. The digest is over the folder's files: for each, in path order, its slash-separated path, a newline, the hex SHA-256 of its bytes and a newline."},
		fileSource("event-types-v2", "https://github.com/chargebee/chargebee-node", "event-types-v2.txt", "text", types),
		fileSource("events", DocURLChargebeeEvents, "events.txt", "text", events),
		fileSource("delivery-facts", DocURLChargebeeEvents, "webhook-delivery-facts.md", "markdown", in.Facts),
	}
	in.Sources[len(in.Sources)-1].Note = "Not one page: facts gathered from several of the vendor's pages and repositories, each row citing its own source; the URL is the events page most of them start from."
	in.Payloads, err = readPayloads(filepath.Join(dir, filepath.FromSlash(ChargebeePayloadsDir)))
	if err != nil {
		return in, err
	}
	sample, err := eventsSample(events)
	if err != nil {
		return in, fmt.Errorf("%s: %w", filepath.Join(dir, "events.txt"), err)
	}
	in.Payloads = append(in.Payloads, sample)
	return in, nil
}

// eventsSample is the sample event of Chargebee's events page: the API's {"event": {...}}
// wrapper around a v1 body, followed on its last line by more prose. Its body is checked like a
// real payload: it is the vendor's own example of a v1 delivery.
func eventsSample(page []byte) (chargebee.Payload, error) {
	i := bytes.Index(page, []byte("{\n\"event\""))
	if i < 0 {
		return chargebee.Payload{}, fmt.Errorf(`no sample event ({"event": ...})`)
	}
	var wrapper struct {
		Event json.RawMessage `json:"event"`
	}
	if err := json.NewDecoder(bytes.NewReader(page[i:])).Decode(&wrapper); err != nil {
		return chargebee.Payload{}, fmt.Errorf("line %d: the sample event: %v", bytes.Count(page[:i], []byte("\n"))+1, err)
	}
	return chargebee.Payload{File: "events.txt", Source: "the sample event of Chargebee's events page, unwrapped", Body: wrapper.Event}, nil
}

// DocURLChargebeeEvents is Chargebee's page on events and webhooks.
const DocURLChargebeeEvents = chargebee.DocURL

func fileSource(name, url, file, format string, data []byte) spec.Source {
	sum := sha256.Sum256(data)
	return spec.Source{Name: name, URL: url, File: file, Format: format, SHA256: hex.EncodeToString(sum[:])}
}

// dirDigest digests a folder's files (see the sdk-v2 source's note for the recipe).
func dirDigest(dir string) (string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\n%s\n", p, hex.EncodeToString(sum[:]))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readPayloads reads every .json file of dir, with its SOURCES.tsv row (file, repo, commit, path):
// a payload whose origin is not recorded is refused, because evidence must be citable.
func readPayloads(dir string) ([]chargebee.Payload, error) {
	tsv, err := os.ReadFile(filepath.Join(dir, "SOURCES.tsv"))
	if err != nil {
		return nil, fmt.Errorf("the real payloads: %w (the capture checks the spec against them)", err)
	}
	origin := map[string]string{}
	for i, line := range strings.Split(strings.TrimRight(string(tsv), "\n"), "\n") {
		cells := strings.Split(line, "\t")
		if i == 0 {
			continue
		}
		if len(cells) < 4 {
			return nil, fmt.Errorf("%s:%d: want file, repo, commit and path, tab-separated", filepath.Join(dir, "SOURCES.tsv"), i+1)
		}
		commit := cells[2]
		if len(commit) > 12 {
			commit = commit[:12]
		}
		origin[cells[0]] = fmt.Sprintf("%s %s @ %s", cells[1], cells[3], commit)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []chargebee.Payload
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		src, ok := origin[e.Name()]
		if !ok {
			return nil, fmt.Errorf("%s: not in SOURCES.tsv", filepath.Join(dir, e.Name()))
		}
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, chargebee.Payload{File: e.Name(), Source: src, Body: body})
	}
	return out, nil
}
