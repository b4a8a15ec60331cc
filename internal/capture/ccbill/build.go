// Package ccbill interprets CCBill's captured Webhooks pages (as neutral documents) and builds
// the vendor-neutral spec from them. It is the only place that knows how CCBill lays out its
// documentation; readers know nothing of CCBill and the generator knows nothing of pages.
package ccbill

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hookspec/hookspec/internal/docmodel"
	"github.com/hookspec/hookspec/internal/readers/textpage"
	"github.com/hookspec/hookspec/spec"
)

// Page names: the files specgen reads from its -src directory.
const (
	GuideFile        = "webhooks-user-guide.txt"
	OverviewFile     = "webhooks-overview.wp.json"
	GuideURL         = "https://ccbill.com/doc/webhooks-user-guide"
	eventGroupDocURL = "https://ccbill.com/doc/webhooks-overview"
)

// TextOptions are the text reader's options for the user guide's capture.
func TextOptions() textpage.Options {
	return textpage.Options{
		Layouts:    guideLayouts(),
		TabLabel:   regexp.MustCompile(`^(Version \d+)(?:$|\s+Supported Formats:)`),
		NotHeading: regexp.MustCompile(`^Supported Formats:`),
	}
}

// Pages are the read documents specgen hands to Build.
type Pages struct {
	Guide    *docmodel.Document
	Overview *docmodel.Document
	Sources  []spec.Source
}

// Finding is a disagreement or gap in the vendor's pages that the spec records instead of hiding.
type Finding = spec.Discrepancy

// BuildError is a problem with the pages that stops the build; it names the page and place.
type BuildError struct {
	Where string
	Msg   string
}

func (e *BuildError) Error() string { return e.Where + ": " + e.Msg }

type builder struct {
	p        Pages
	errata   *spec.Errata
	s        *spec.Spec
	findings []Finding
	// derivedFrom maps a derived event to the event the guide says it is based on.
	derivedFrom map[string]string
	// rowLines remembers where each version's table sat, for messages.
	tableLine map[string]int
	// applied records which errata entries changed something.
	applied   map[string]bool
	catalogue []catalogueEntry
}

func (b *builder) where(doc *docmodel.Document, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", doc.File, line)
	}
	return doc.File
}

func (b *builder) find(topic, where, format string, args ...any) {
	b.findings = append(b.findings, Finding{Topic: topic, Where: where, Text: fmt.Sprintf(format, args...)})
}

// Build turns the pages into a spec, applying the errata. It fails on anything it cannot place;
// it records what it could place but the pages get wrong as findings.
func Build(p Pages, errata *spec.Errata) (*spec.Spec, []Finding, error) {
	if p.Guide == nil || p.Overview == nil {
		return nil, nil, fmt.Errorf("ccbill: both the user guide and the overview page are needed")
	}
	if errata == nil {
		errata = &spec.Errata{Vendor: "ccbill"}
	}
	b := &builder{
		p: p, errata: errata,
		s:           &spec.Spec{Errata: *errata},
		derivedFrom: map[string]string{},
		tableLine:   map[string]int{},
		applied:     map[string]bool{},
	}
	b.s.Vendor = spec.Vendor{ID: "ccbill", Name: "CCBill", Product: "Webhooks", DocURL: GuideURL, Sources: p.Sources}
	steps := []func() error{
		b.readCatalogue,
		b.readGuide,
		b.applyEventErrata,
		b.inheritPassThrough,
		b.buildFields,
		b.applyMembers,
		b.buildDataTypes,
		b.applyRules,
		b.checkErrataUsed,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(b.findings, func(i, j int) bool { return b.findings[i].Topic < b.findings[j].Topic })
	return b.s, b.findings, nil
}

// catalogueEntry is one event of the overview's list.
type catalogueEntry struct {
	Title, Name, Href string
}

// eventName turns a catalogue or heading title into the wire event type:
// "RenewalFailure (Declined Rebill)" and "Renewal Failure (Declined Rebill)" → "RenewalFailure".
func eventName(title string) string {
	if i := strings.IndexByte(title, '('); i >= 0 {
		title = title[:i]
	}
	return strings.Join(strings.Fields(title), "")
}

func (b *builder) readCatalogue() error {
	doc := b.p.Overview
	var list *docmodel.List
	for i, blk := range doc.Blocks {
		if para, ok := blk.(*docmodel.Paragraph); ok && strings.Contains(para.Text, "Events included are") {
			for _, next := range doc.Blocks[i+1:] {
				if l, ok := next.(*docmodel.List); ok {
					list = l
					break
				}
			}
		}
	}
	if list == nil {
		return &BuildError{Where: doc.File, Msg: `expected the event catalogue: a list after the paragraph "Events included are:"`}
	}
	for _, item := range list.Items {
		if len(item.Links) != 1 {
			return &BuildError{Where: doc.File, Msg: fmt.Sprintf("catalogue item %q: expected exactly one link, found %d", item.Text, len(item.Links))}
		}
		b.catalogue = append(b.catalogue, catalogueEntry{Title: item.Text, Name: eventName(item.Text), Href: item.Links[0].Href})
	}
	seenHref := map[string]string{}
	for _, c := range b.catalogue {
		if other, dup := seenHref[c.Href]; dup {
			b.find("catalogue", doc.File, "the overview links both %s and %s to %s", other, c.Name, c.Href)
		}
		seenHref[c.Href] = c.Name
	}
	for _, blk := range doc.Blocks {
		if code, ok := blk.(*docmodel.Code); ok && strings.HasPrefix(code.Text, "POST ") {
			sample, err := samplePost("overview-form", "overview", code.Text)
			if err != nil {
				return &BuildError{Where: doc.File, Msg: err.Error()}
			}
			b.s.Vendor.Delivery.Samples = append(b.s.Vendor.Delivery.Samples, sample)
		}
	}
	if len(b.s.Vendor.Delivery.Samples) == 0 {
		return &BuildError{Where: doc.File, Msg: "expected a sample POST (a preformatted block starting with \"POST \")"}
	}
	return nil
}

var contentTypeRe = regexp.MustCompile(`(?mi)^Content-Type:\s*(\S+)`)

func samplePost(name, source, request string) (spec.SamplePost, error) {
	m := contentTypeRe.FindStringSubmatch(request)
	if m == nil {
		return spec.SamplePost{}, fmt.Errorf("sample POST %s has no Content-Type header", name)
	}
	format := spec.WireForm
	if strings.Contains(m[1], "json") {
		format = spec.WireJSON
	}
	return spec.SamplePost{Name: name, Format: string(format), Source: source, Request: request}, nil
}

// section is a heading and the blocks under it, up to the next heading.
type section struct {
	Heading *docmodel.Heading
	Blocks  []docmodel.Block
}

func sections(doc *docmodel.Document) []section {
	var out []section
	for _, blk := range doc.Blocks {
		if h, ok := blk.(*docmodel.Heading); ok {
			out = append(out, section{Heading: h})
			continue
		}
		if len(out) == 0 {
			out = append(out, section{Heading: &docmodel.Heading{}})
		}
		out[len(out)-1].Blocks = append(out[len(out)-1].Blocks, blk)
	}
	return out
}

func (b *builder) readGuide() error {
	doc := b.p.Guide
	secs := sections(doc)
	byName := map[string]int{}
	for i, s := range secs {
		byName[eventName(s.Heading.Text)] = i
	}
	var err error
	changelog := -1 // read after the events: its claims name their fields
	for i, s := range secs {
		switch t := s.Heading.Text; {
		case t == "Payment Form":
			err = b.readPaymentForm(s)
		case t == "Webhooks IP Ranges":
			err = b.readIPRanges(s)
		case t == "URL Parameters":
			err = b.readURLParameters(s)
		case t == "URL Encoded Format" || t == "JSON Format":
			err = b.readGuideSample(s)
		case t == "Enabling Webhooks in the Admin Portal":
			b.readSatellites(s)
		case strings.HasPrefix(t, "Appendix A"):
			err = b.readCurrencies(s)
		case strings.HasPrefix(t, "Appendix B"):
			err = b.readDeclineCodes(s)
		case t == "ChangeLog":
			changelog = i
		}
		if err != nil {
			return err
		}
	}
	listed := map[int]bool{}
	for _, c := range b.catalogue {
		i, ok := byName[c.Name]
		if !ok {
			return &BuildError{Where: doc.File, Msg: fmt.Sprintf("the overview lists event %s, but the guide has no section headed %q", c.Name, c.Title)}
		}
		listed[i] = true
		if err := b.readEvent(c, secs[i]); err != nil {
			return err
		}
		if secs[i].Heading.Text != c.Title {
			b.find("catalogue", b.where(doc, secs[i].Heading.Line), "the guide heads event %s %q; the overview lists it as %q", c.Name, secs[i].Heading.Text, c.Title)
		}
	}
	// An event's variable table under a heading the overview does not list would otherwise be
	// read by nobody: a new event that only the guide has, or a heading the capture mangled.
	for i, s := range secs {
		if !listed[i] && hasVariableTable(s.Blocks) {
			return &BuildError{Where: b.where(doc, s.Heading.Line), Msg: fmt.Sprintf(
				"section %q has a variable table, but the overview's event list does not name it: capture the overview page that lists it, or it would be dropped", s.Heading.Text)}
		}
	}
	if changelog >= 0 {
		if err := b.readChangelog(secs[changelog:]); err != nil {
			return err
		}
	}
	b.pairSatelliteCodes()
	if len(b.s.Tables.Currencies) == 0 || len(b.s.Tables.DeclineCodes) == 0 {
		return &BuildError{Where: doc.File, Msg: "expected Appendix A (currency codes) and Appendix B (decline codes) tables"}
	}
	if len(b.s.Vendor.Delivery.QueryParameters) == 0 {
		return &BuildError{Where: doc.File, Msg: "expected the URL Parameters section"}
	}
	if len(b.s.Vendor.Delivery.SourceRanges) == 0 {
		return &BuildError{Where: doc.File, Msg: "expected the Webhooks IP Ranges list"}
	}
	if len(b.s.Changelog) == 0 {
		return &BuildError{Where: doc.File, Msg: "expected the ChangeLog section"}
	}
	return nil
}

// hasVariableTable reports whether blocks (or their tabs) hold an event's variable table.
func hasVariableTable(blocks []docmodel.Block) bool {
	for _, blk := range blocks {
		switch blk := blk.(type) {
		case *docmodel.Table:
			if len(blk.Header) > 0 && blk.Header[0] == variableColumns[0] && slices.Contains(blk.Header, variableColumns[2]) {
				return true
			}
		case *docmodel.TabGroup:
			for _, t := range blk.Tabs {
				if hasVariableTable(t.Blocks) {
					return true
				}
			}
		}
	}
	return false
}

func tables(blocks []docmodel.Block) []*docmodel.Table {
	var out []*docmodel.Table
	for _, blk := range blocks {
		if t, ok := blk.(*docmodel.Table); ok {
			out = append(out, t)
		}
	}
	return out
}

func sameColumns(t *docmodel.Table, want []string) bool {
	if len(t.Header) != len(want) {
		return false
	}
	for i := range want {
		if FoldSpace(t.Header[i]) != want[i] {
			return false
		}
	}
	return true
}

func (b *builder) readPaymentForm(s section) error {
	title := ""
	for _, blk := range s.Blocks {
		switch blk := blk.(type) {
		case *docmodel.Paragraph:
			title = strings.TrimSuffix(blk.Text, ":")
		case *docmodel.Table:
			list := spec.FormVarList{Title: title}
			for _, row := range blk.Rows {
				v := spec.FormVar{Name: row.Cells[0], Description: FoldSpace(row.Cells[1])}
				if len(row.Cells) > 2 {
					v.Example = FoldSpace(row.Cells[2])
				}
				list.Variables = append(list.Variables, v)
			}
			b.s.Vendor.PaymentForm = append(b.s.Vendor.PaymentForm, list)
		}
	}
	return nil
}

var rangeRe = regexp.MustCompile(`^(\d+\.\d+\.\d+\.\d+)\s*-\s*(\d+\.\d+\.\d+\.\d+)$`)

func (b *builder) readIPRanges(s section) error {
	for _, blk := range s.Blocks {
		l, ok := blk.(*docmodel.List)
		if !ok {
			continue
		}
		for _, item := range l.Items {
			m := rangeRe.FindStringSubmatch(item.Text)
			if m == nil {
				return &BuildError{Where: b.where(b.p.Guide, l.Line), Msg: fmt.Sprintf("IP range %q: expected \"a.b.c.d - a.b.c.d\"", item.Text)}
			}
			cidr, err := coveringPrefix(m[1], m[2])
			if err != nil {
				return &BuildError{Where: b.where(b.p.Guide, l.Line), Msg: err.Error()}
			}
			b.s.Vendor.Delivery.SourceRanges = append(b.s.Vendor.Delivery.SourceRanges, spec.AddressRange{Text: item.Text, CIDR: cidr})
		}
	}
	return nil
}

// coveringPrefix is the smallest prefix that holds both addresses. The guide prints usable host
// ranges (.1 – .254); a receiver's allowlist wants the network they belong to.
func coveringPrefix(from, to string) (string, error) {
	a, err1 := netip.ParseAddr(from)
	z, err2 := netip.ParseAddr(to)
	if err1 != nil || err2 != nil || !a.Is4() || !z.Is4() || z.Less(a) {
		return "", fmt.Errorf("IP range %s - %s is not an ascending IPv4 range", from, to)
	}
	for bits := 32; bits >= 0; bits-- {
		p, _ := a.Prefix(bits)
		if p.Contains(z) {
			return p.String(), nil
		}
	}
	return "", fmt.Errorf("IP range %s - %s: no covering prefix", from, to)
}

var validOptionRe = regexp.MustCompile(`only (\w+) is a valid option`)

func (b *builder) readURLParameters(s section) error {
	rows := formVarRows{columns: 2}
	for _, blk := range s.Blocks {
		para, ok := blk.(*docmodel.Paragraph)
		if !ok {
			continue
		}
		lines := strings.Split(para.Text, "\n")
		if !identRe.MatchString(lines[0]) {
			continue
		}
		// The capture prints this two-column table without a header, glued: "eventTypeThe Webhook ..."
		for _, line := range lines {
			cells, err := rows.Split(line, true)
			if err != nil {
				return &BuildError{Where: b.where(b.p.Guide, para.Line), Msg: fmt.Sprintf("URL parameter %q: %v", line, err)}
			}
			q := spec.QueryParameter{Name: cells[0], Description: cells[1]}
			if m := validOptionRe.FindStringSubmatch(cells[1]); m != nil {
				q.Values = []string{m[1]}
			}
			b.s.Vendor.Delivery.QueryParameters = append(b.s.Vendor.Delivery.QueryParameters, q)
		}
	}
	b.s.Vendor.Delivery.Method = "POST"
	return nil
}

var headerLineRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*: `)

func (b *builder) readGuideSample(s section) error {
	for i, blk := range s.Blocks {
		para, ok := blk.(*docmodel.Paragraph)
		if !ok || !strings.HasPrefix(para.Text, "POST ") {
			continue
		}
		request := para.Text
		lines := strings.Split(request, "\n")
		if headerLineRe.MatchString(lines[len(lines)-1]) && i+1 < len(s.Blocks) {
			// the body is the next paragraph, after the blank line that ends the headers.
			if body, ok := s.Blocks[i+1].(*docmodel.Paragraph); ok {
				request += "\n\n" + body.Text
			}
		}
		name := "guide-form"
		if s.Heading.Text == "JSON Format" {
			name = "guide-json"
		}
		sample, err := samplePost(name, "user-guide", request)
		if err != nil {
			return &BuildError{Where: b.where(b.p.Guide, para.Line), Msg: err.Error()}
		}
		b.s.Vendor.Delivery.Samples = append(b.s.Vendor.Delivery.Samples, sample)
		if len(b.s.Vendor.Delivery.Headers) == 0 {
			for _, l := range lines[1:] {
				if k, v, ok := strings.Cut(l, ": "); ok && headerLineRe.MatchString(l) {
					b.s.Vendor.Delivery.Headers = append(b.s.Vendor.Delivery.Headers, spec.Header{Name: k, Value: v})
				}
			}
		}
	}
	return nil
}

var satellitesRe = regexp.MustCompile(`satellite locations are currently (.+?)\.?$`)

// readSatellites reads "The satellite locations are currently Phoenix, AZ, Ashburn, VA, and
// Amsterdam, the Netherlands."; pairSatelliteCodes names them once the sample is read.
func (b *builder) readSatellites(s section) {
	for _, blk := range s.Blocks {
		l, ok := blk.(*docmodel.List)
		if !ok {
			continue
		}
		for _, item := range l.Items {
			m := satellitesRe.FindStringSubmatch(item.Text)
			if m == nil {
				continue
			}
			parts := strings.Split(strings.ReplaceAll(m[1], ", and ", ", "), ", ")
			for i := 0; i+1 < len(parts); i += 2 {
				b.s.Vendor.Delivery.Satellites = append(b.s.Vendor.Delivery.Satellites, spec.Satellite{Location: parts[i] + ", " + parts[i+1]})
			}
		}
	}
}

// pairSatelliteCodes pairs the satellite locations, in order, with the sample post's
// X-Allowed-Satellites codes (PHX,ASH,AMS) when there are as many codes as locations and each
// code starts with its location's initial; otherwise the codes stay unknown and the report says so.
func (b *builder) pairSatelliteCodes() {
	d := &b.s.Vendor.Delivery
	var codes []string
	for _, h := range d.Headers {
		if strings.EqualFold(h.Name, "X-Allowed-Satellites") {
			codes = strings.Split(h.Value, ",")
		}
	}
	if len(d.Satellites) == 0 || len(codes) == 0 {
		return
	}
	if len(codes) == len(d.Satellites) {
		match := true
		for i, c := range codes {
			if c = strings.TrimSpace(c); c == "" || !strings.HasPrefix(strings.ToUpper(d.Satellites[i].Location), c[:1]) {
				match = false
			}
		}
		if match {
			for i, c := range codes {
				d.Satellites[i].Code = strings.TrimSpace(c)
			}
			return
		}
	}
	b.find("delivery", b.p.Guide.File, "the sample's X-Allowed-Satellites %q does not pair with the satellite locations %d to %d by initial; the spec leaves their codes unknown", strings.Join(codes, ","), 1, len(d.Satellites))
}

func (b *builder) readCurrencies(s section) error {
	for _, t := range tables(s.Blocks) {
		if !sameColumns(t, currencyColumns) {
			return &BuildError{Where: b.where(b.p.Guide, t.Line), Msg: fmt.Sprintf("Appendix A: expected columns %q", currencyColumns)}
		}
		for _, r := range t.Rows {
			b.s.Tables.Currencies = append(b.s.Tables.Currencies, spec.Currency{Numeric: r.Cells[0], Letter: r.Cells[1], Name: FoldSpace(r.Cells[2])})
		}
	}
	return nil
}

func (b *builder) readDeclineCodes(s section) error {
	for _, t := range tables(s.Blocks) {
		if !sameColumns(t, declineColumns) {
			return &BuildError{Where: b.where(b.p.Guide, t.Line), Msg: fmt.Sprintf("Appendix B: expected columns %q", declineColumns)}
		}
		for _, r := range t.Rows {
			b.s.Tables.DeclineCodes = append(b.s.Tables.DeclineCodes, spec.DeclineCode{Code: r.Cells[0], Text: FoldSpace(r.Cells[1])})
		}
	}
	return nil
}

var (
	formatsRe  = regexp.MustCompile(`^Supported Formats:\s*(.+)$`)
	releasedRe = regexp.MustCompile(`released on ([A-Z][a-z]+ \d{1,2}, \d{4})`)
	derivedRe  = regexp.MustCompile(`^(?:The )?[Ss]ame as (\w+) but with these additional parameters`)
	versionRe  = regexp.MustCompile(`^Version (\d+)$`)

	passThroughPrefixRe = regexp.MustCompile(`Pass-through Key/Values with (\S+)$`)
)

func parseFormats(text string) ([]spec.WireFormat, error) {
	var out []spec.WireFormat
	for _, f := range strings.Split(text, ",") {
		switch strings.TrimSpace(f) {
		case "URL Encoded":
			out = append(out, spec.WireForm)
		case "JSON":
			out = append(out, spec.WireJSON)
		default:
			return nil, fmt.Errorf("unknown format %q (expected \"URL Encoded\" or \"JSON\")", strings.TrimSpace(f))
		}
	}
	return out, nil
}

// parseDate reads the guide's "April 24, 2014" as YYYY-MM-DD.
func parseDate(s string) (string, error) {
	t, err := time.Parse("January 2, 2006", s)
	if err != nil {
		return "", err
	}
	return t.Format(time.DateOnly), nil
}

func (b *builder) readEvent(c catalogueEntry, s section) error {
	doc := b.p.Guide
	ev := spec.Event{Name: c.Name, Title: s.Heading.Text, Group: "Subscription", DocURL: c.Href}
	var group *docmodel.TabGroup
	var loose []docmodel.Block // blocks of a single-version event, outside any tab
	// sectionPassThrough is set when the section's own prose tells the merchant how its
	// pass-through keys are spelled ("Always perpend Pass-through Key/Values with X-"): an event
	// whose pass-through keys have a spelling sends them, though its table has no
	// Pass-through row (Cancellation).
	sectionPassThrough := false
	for _, blk := range s.Blocks {
		switch blk := blk.(type) {
		case *docmodel.TabGroup:
			if group != nil {
				return &BuildError{Where: b.where(doc, blk.Line), Msg: fmt.Sprintf("event %s: two tab groups", c.Name)}
			}
			group = blk
		case *docmodel.Paragraph:
			switch {
			case formatsRe.MatchString(blk.Text):
				loose = append(loose, blk)
			case strings.HasPrefix(blk.Text, "This event has more than one version"):
			case passThroughPrefixRe.MatchString(blk.Text):
				// "Always perpend Pass-through Key/Values with X-": a vendor-wide rule, printed
				// under Cancellation; the real payloads of other events carry X- keys too.
				prefix := passThroughPrefixRe.FindStringSubmatch(blk.Text)[1]
				if b.s.Vendor.PassThrough == nil {
					b.s.Vendor.PassThrough = &spec.PassThrough{}
				}
				b.s.Vendor.PassThrough.Prefix = prefix
				ev.Notes = append(ev.Notes, FoldSpace(blk.Text))
				sectionPassThrough = true
			case ev.Description == "":
				ev.Description = FoldSpace(blk.Text)
			default:
				ev.Notes = append(ev.Notes, FoldSpace(blk.Text))
			}
		default:
			loose = append(loose, blk)
		}
	}
	if m := derivedRe.FindStringSubmatch(ev.Description); m != nil {
		b.derivedFrom[c.Name] = m[1]
	}
	var tabs []docmodel.Tab
	if group != nil {
		tabs = group.Tabs
		if len(tables(loose)) > 0 {
			return &BuildError{Where: b.where(doc, s.Heading.Line), Msg: fmt.Sprintf("event %s: a table outside its version tabs", c.Name)}
		}
	} else {
		tabs = []docmodel.Tab{{Label: "", Blocks: loose, Line: s.Heading.Line}}
	}
	for i, tab := range tabs {
		v, err := b.readVersion(c.Name, i+1, tab, group != nil)
		if err != nil {
			return err
		}
		if sectionPassThrough {
			v.PassThrough = true
		}
		ev.Versions = append(ev.Versions, v)
	}
	b.s.Events = append(b.s.Events, ev)
	return nil
}

func (b *builder) readVersion(event string, number int, tab docmodel.Tab, tabbed bool) (spec.Version, error) {
	doc := b.p.Guide
	v := spec.Version{Number: number}
	where := b.where(doc, tab.Line)
	switch m := versionRe.FindStringSubmatch(tab.Label); {
	case tab.Label == "" && tabbed:
		b.find("versions", where, "%s version %d has no \"Version %d\" heading in the capture; it is numbered by the order of its table", event, number, number)
	case tab.Label == "":
	case m == nil:
		return v, &BuildError{Where: where, Msg: fmt.Sprintf("event %s: tab %q is not \"Version N\"", event, tab.Label)}
	default:
		if n, _ := strconv.Atoi(m[1]); n != number {
			return v, &BuildError{Where: where, Msg: fmt.Sprintf("event %s: tab %q is tab number %d", event, tab.Label, number)}
		}
	}
	var notes []string
	ts := tables(tab.Blocks)
	if len(ts) != 1 {
		return v, &BuildError{Where: where, Msg: fmt.Sprintf("event %s version %d: expected one variable table, found %d", event, number, len(ts))}
	}
	for _, blk := range tab.Blocks {
		para, ok := blk.(*docmodel.Paragraph)
		if !ok {
			continue
		}
		if m := formatsRe.FindStringSubmatch(para.Text); m != nil {
			f, err := parseFormats(m[1])
			if err != nil {
				return v, &BuildError{Where: b.where(doc, para.Line), Msg: fmt.Sprintf("event %s version %d: %v", event, number, err)}
			}
			v.Formats = f
			continue
		}
		notes = append(notes, FoldSpace(para.Text))
	}
	v.Note = strings.Join(notes, " ")
	if m := releasedRe.FindStringSubmatch(v.Note); m != nil {
		d, err := parseDate(m[1])
		if err != nil {
			return v, &BuildError{Where: where, Msg: fmt.Sprintf("event %s version %d: release date %q: %v", event, number, m[1], err)}
		}
		v.Released = d
	}
	t := ts[0]
	if !sameColumns(t, variableColumns) {
		return v, &BuildError{Where: b.where(doc, t.Line), Msg: fmt.Sprintf("event %s version %d: expected the columns %q, found %q", event, number, variableColumns, t.Header)}
	}
	key := fmt.Sprintf("%s/%d", event, number)
	b.tableLine[key] = t.Line
	for _, r := range t.Rows {
		if r.Cells[0] == passThroughName {
			v.PassThrough = true
			if b.s.Vendor.PassThrough == nil {
				b.s.Vendor.PassThrough = &spec.PassThrough{}
			}
			if b.s.Vendor.PassThrough.Description == "" {
				b.s.Vendor.PassThrough.Description = FoldSpace(r.Cells[1])
			}
			continue
		}
		v.Rows = append(v.Rows, b.row(r.Cells))
	}
	return v, nil
}

// row turns a table row's cells into a spec row; Raw keeps the cells when normalising changed
// them (wrapped cells, U+2010 hyphens, example lists and notes).
func (b *builder) row(cells []string) spec.Row {
	r := spec.Row{
		Name:        cells[0],
		Description: FoldSpace(cells[1]),
		DataType:    FoldSpace(cells[2]),
		Example:     b.normaliseExample(cells[3]),
	}
	if r.Description != cells[1] || r.DataType != cells[2] || r.Example != cells[3] {
		r.Raw = &spec.RawRow{Description: cells[1], DataType: cells[2], Example: cells[3]}
	}
	return r
}

// EventFromPage reads one event from the event's own documentation page (the live pages such as
// https://ccbill.com/doc/newsalesuccess, read by the HTML reader): the section headed with the
// event's name, its version tabs and their variable tables, exactly as Build reads the guide's
// sections. The errata's example replacements apply; errata may be nil.
func EventFromPage(doc *docmodel.Document, name string, errata *spec.Errata) (*spec.Event, []Finding, error) {
	if errata == nil {
		errata = &spec.Errata{Vendor: "ccbill"}
	}
	b := &builder{
		p: Pages{Guide: doc}, errata: errata, s: &spec.Spec{},
		derivedFrom: map[string]string{}, tableLine: map[string]int{}, applied: map[string]bool{},
	}
	for _, sec := range sections(doc) {
		if eventName(sec.Heading.Text) != name {
			continue
		}
		c := catalogueEntry{Title: sec.Heading.Text, Name: name, Href: doc.URL}
		if err := b.readEvent(c, sec); err != nil {
			return nil, nil, err
		}
		return &b.s.Events[0], b.findings, nil
	}
	return nil, nil, &BuildError{Where: doc.File, Msg: fmt.Sprintf("expected a heading naming event %s", name)}
}

// inheritPassThrough gives a derived version its base version's pass-through declaration. The
// guide defines UpgradeSuccess, UpSaleSuccess, CrossSaleSuccess and their Failure events as
// NewSaleSuccess or NewSaleFailure "but with these additional parameters added": the base's
// table, Pass-through row included, plus the rows printed under the derived event, which repeat
// no Pass-through row because the base already has it. Real FlexForm upgrades echo X-formDigest
// and X-currencyCode, as the base's sales do.
func (b *builder) inheritPassThrough() error {
	for ei := range b.s.Events {
		ev := &b.s.Events[ei]
		for vi := range ev.Versions {
			v := &ev.Versions[vi]
			passThrough, err := b.basePassThrough(v, nil)
			if err != nil {
				return err
			}
			v.PassThrough = v.PassThrough || passThrough
		}
	}
	return nil
}

// basePassThrough reports whether v's base chain declares pass-through; seen guards against a
// chain of errata that loops.
func (b *builder) basePassThrough(v *spec.Version, seen []string) (bool, error) {
	if v.Base == nil {
		return false, nil
	}
	here := fmt.Sprintf("%s v%d", v.Base.Event, v.Base.Version)
	if slices.Contains(seen, here) {
		return false, fmt.Errorf("errata %s: base versions form a cycle through %s", v.Base.Errata, here)
	}
	ev := b.s.Event(v.Base.Event)
	if ev == nil {
		return false, fmt.Errorf("errata %s: no base event %q", v.Base.Errata, v.Base.Event)
	}
	base := ev.Version(v.Base.Version)
	if base == nil {
		return false, fmt.Errorf("errata %s: base event %s has no version %d", v.Base.Errata, v.Base.Event, v.Base.Version)
	}
	if base.PassThrough {
		return true, nil
	}
	return b.basePassThrough(base, append(seen, here))
}
