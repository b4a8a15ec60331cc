package ccbill

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hookspec/hookspec/internal/docmodel"
	"github.com/hookspec/hookspec/spec"
)

var (
	releaseRe = regexp.MustCompile(`^Release (\d+):?$`)
	dateRe    = regexp.MustCompile(`^[A-Z][a-z]+ \d{1,2}, \d{4}$`)
	// "NewSaleSuccess - this event contains the parameter in version 4."
	inVersionRe = regexp.MustCompile(`^(\w+)\s*[-:]\s*this event contains the (?:parameter|updates) in version (\d+)`)
	// "Chargeback - this event contains the updates in all versions."
	allVersionsRe = regexp.MustCompile(`^(\w+)\s*[-:]\s*this event contains the (?:parameter|updates) in all versions`)
	// "NewSaleSuccess: Adds Version 3"
	addsVersionRe = regexp.MustCompile(`^(\w+): Adds Version (\d+)`)
	// "NewSaleSuccess: Adds paymentAccount field."
	addsFieldRe = regexp.MustCompile(`^(\w+): Adds (\w+) field`)
	// "Return: Notifies user when ..." under "Creates the following new events:"
	newEventRe = regexp.MustCompile(`^(\w+):`)
	jsonRe     = regexp.MustCompile(`receive Webhook data in JSON`)
	wordRe     = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
)

// readChangelog reads the releases after the ChangeLog heading. The capture shows each release
// as "Release N:", a date line and nested bullets; the bullets that name an event and a version
// become claims, which the lint checks against the tables.
func (b *builder) readChangelog(secs []section) error {
	var blocks []docmodel.Block
	for i, s := range secs {
		if i > 0 {
			blocks = append(blocks, &docmodel.Paragraph{Text: s.Heading.Text, Line: s.Heading.Line})
		}
		blocks = append(blocks, s.Blocks...)
	}
	known := b.knownFields()
	events := map[string]bool{}
	for _, c := range b.catalogue {
		events[c.Name] = true
	}
	var cur *spec.Release
	for _, blk := range blocks {
		switch blk := blk.(type) {
		case *docmodel.Paragraph:
			t := FoldSpace(blk.Text)
			if m := releaseRe.FindStringSubmatch(t); m != nil {
				n, _ := strconv.Atoi(m[1])
				b.s.Changelog = append(b.s.Changelog, spec.Release{Number: n})
				cur = &b.s.Changelog[len(b.s.Changelog)-1]
				continue
			}
			if cur == nil {
				continue
			}
			if dateRe.MatchString(t) && cur.Date == "" {
				d, err := parseDate(t)
				if err != nil {
					return &BuildError{Where: b.where(b.p.Guide, blk.Line), Msg: fmt.Sprintf("release %d date %q: %v", cur.Number, t, err)}
				}
				cur.Date = d
				continue
			}
			cur.Text = append(cur.Text, t)
			if jsonRe.MatchString(t) {
				cur.Claims = append(cur.Claims, spec.Claim{Kind: spec.ClaimFormatAdded, Format: string(spec.WireJSON), Text: t})
			}
		case *docmodel.List:
			if cur == nil {
				return &BuildError{Where: b.where(b.p.Guide, blk.Line), Msg: "ChangeLog: a list before the first \"Release N:\""}
			}
			b.readClaims(cur, blk.Items, 0, "", "", known, events)
		}
	}
	for i := range b.s.Changelog {
		if b.s.Changelog[i].Number != i+1 {
			return &BuildError{Where: b.p.Guide.File, Msg: fmt.Sprintf("ChangeLog: release %d follows release %d", b.s.Changelog[i].Number, i)}
		}
	}
	return nil
}

func (b *builder) knownFields() map[string]bool {
	known := map[string]bool{}
	for _, ev := range b.s.Events {
		for _, v := range ev.Versions {
			for _, r := range v.Rows {
				known[r.Name] = true
			}
		}
	}
	return known
}

// readClaims walks a release's bullets; field is the variable the nearest enclosing bullet is
// about, parent the enclosing bullet's text.
func (b *builder) readClaims(rel *spec.Release, items []docmodel.ListItem, depth int, field, parent string, known, events map[string]bool) {
	for _, it := range items {
		t := FoldSpace(it.Text)
		rel.Text = append(rel.Text, strings.Repeat("  ", depth)+"- "+t)
		itemField := field
		for _, w := range wordRe.FindAllString(t, -1) {
			if known[w] && !events[w] {
				itemField = w
				break
			}
		}
		claim := func(c spec.Claim) {
			c.Text = t
			rel.Claims = append(rel.Claims, c)
		}
		switch {
		case inVersionRe.MatchString(t) && field != "":
			m := inVersionRe.FindStringSubmatch(t)
			n, _ := strconv.Atoi(m[2])
			claim(spec.Claim{Kind: spec.ClaimFieldAdded, Event: m[1], Version: n, Field: field})
		case allVersionsRe.MatchString(t) && field != "":
			m := allVersionsRe.FindStringSubmatch(t)
			claim(spec.Claim{Kind: spec.ClaimFieldInAllVersions, Event: m[1], Field: field})
		case addsVersionRe.MatchString(t) && field != "":
			m := addsVersionRe.FindStringSubmatch(t)
			n, _ := strconv.Atoi(m[2])
			claim(spec.Claim{Kind: spec.ClaimFieldAdded, Event: m[1], Version: n, Field: field})
		case addsFieldRe.MatchString(t):
			m := addsFieldRe.FindStringSubmatch(t)
			claim(spec.Claim{Kind: spec.ClaimFieldAdded, Event: m[1], Field: m[2]})
		case jsonRe.MatchString(t):
			claim(spec.Claim{Kind: spec.ClaimFormatAdded, Format: string(spec.WireJSON)})
		case strings.HasPrefix(parent, "Creates the following new events") && newEventRe.MatchString(t):
			claim(spec.Claim{Kind: spec.ClaimEventAdded, Event: newEventRe.FindStringSubmatch(t)[1]})
		}
		b.readClaims(rel, it.Children, depth+1, itemField, t, known, events)
	}
}
