package chargebee

import (
	"bufio"
	"bytes"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/hookspec/hookspec/spec"
)

// usAddresses finds the facts file's line of the US region's source addresses, which states its
// own count: "Source addresses, US region (20): 3.209.65.25, ...".
var usAddresses = regexp.MustCompile(`^\|\s*Source addresses, US region \(([0-9]+)\):\s*([^|]+)\|`)

// vendor states who Chargebee is and how its webhooks arrive. Where a fact sits in the body
// comes from the descriptions (the envelope's members); what the bodies cannot say (auth,
// retries, ordering, addresses) from webhook-delivery-facts.md, each with its source.
func (b *builder) vendor() error {
	ranges, err := sourceRanges(b.in.Facts)
	if err != nil {
		return err
	}
	b.s.Vendor = spec.Vendor{
		ID: "chargebee", Name: "Chargebee", Product: "Webhooks (Events)", DocURL: DocURL,
		Sources:  b.in.Sources,
		Envelope: &spec.Envelope{Type: "Event", Content: "content"},
		Delivery: spec.Delivery{
			Method:          "POST",
			QueryParameters: []spec.QueryParameter{},
			Headers:         []spec.Header{{Name: "Content-Type", Value: "application/json"}},
			SourceRanges:    ranges,
			EventType:       &spec.Locator{In: spec.InBody, Name: "event_type", Source: "events.txt: \"handle it based on the type of event\"; the Event schema's event_type"},
			Version: &spec.VersionSource{
				Locator: spec.Locator{In: spec.InBody, Name: "api_version", Source: "events.txt: \"The api_version attribute indicates the API version based on which the event content is structured\""},
				Pattern: "^v([0-9]+)$",
				// Bodies from before api_version existed (chargebee-go's own 2012 fixture) lack it.
				Default: "v1",
			},
			Key: &spec.Locator{In: spec.InBody, Name: "id", Source: factsFile + ": a retried delivery carries the same event id, but its body changes (webhook_status, webhook_failure_reason, webhooks)"},
			Auth: []spec.AuthScheme{
				{Kind: spec.AuthBasic, Recommended: true, Description: "HTTP Basic authentication with a user name and password set per webhook endpoint.", Source: "events.txt: \"You can have basic authentication for the webhook url\"; " + factsFile},
				{Kind: spec.AuthURLKey, Param: "key", Description: "A secret key in the webhook URL's query string; less secure than Basic authentication.", Source: factsFile + " (webhook_settings.html)"},
				{Kind: spec.AuthSourceRanges, Description: "The US region's published source addresses; the EU and AU regions' are not published where the capture could read them, so operators add theirs.", Source: factsFile},
			},
			Success: &spec.SuccessRule{Status: "2xx", Source: factsFile + ": API v1's docs say 200, API v2's any 2XX; a receiver answers 200, which satisfies both"},
			Retry: &spec.RetryPolicy{
				Horizon:     "79h",
				Description: "7 retries, at 2 min, 6 min, 30 min, 1 h, 5 h, 1 day and 2 days after the failure: a redelivery can arrive up to about 3 days 7 hours after the first attempt (API v1's docs say about 2 days).",
				Source:      factsFile + " (Chargebee support article \"webhook retries\"; events.txt)",
			},
			Ordering: &spec.Ordering{
				Member:      "resource_version",
				Kind:        "object",
				Description: "Webhooks may arrive out of order and more than once; each resource carries resource_version, which grows with every change: process an update only when its resource_version is newer than the one stored.",
				Source:      factsFile + " (www.chargebee.com/docs/webhook_settings.html)",
			},
		},
	}
	return nil
}

// sourceRanges reads the US region's addresses from the facts file and checks them against the
// count the line states. No other region is guessed.
func sourceRanges(facts []byte) ([]spec.AddressRange, error) {
	sc := bufio.NewScanner(bytes.NewReader(facts))
	line := 0
	for sc.Scan() {
		line++
		m := usAddresses.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		want, _ := strconv.Atoi(m[1])
		var ranges []spec.AddressRange
		for _, field := range strings.Split(m[2], ",") {
			text := strings.TrimSpace(field)
			addr, err := netip.ParseAddr(text)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: source address %q: %v", factsFile, line, text, err)
			}
			ranges = append(ranges, spec.AddressRange{Text: text, CIDR: netip.PrefixFrom(addr, addr.BitLen()).String()})
		}
		if len(ranges) != want {
			return nil, fmt.Errorf("%s:%d: the line says %d US addresses but lists %d", factsFile, line, want, len(ranges))
		}
		return ranges, nil
	}
	return nil, fmt.Errorf("%s: no line \"| Source addresses, US region (N): ... |\"", factsFile)
}
