package webhook

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// This file decides who sent a post: the peer, or the client a trusted proxy names.

func maskPrefixes(what string, prefixes []netip.Prefix) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(prefixes))
	for _, p := range prefixes {
		if !p.IsValid() {
			return nil, fmt.Errorf("%s: invalid prefix %v", what, p)
		}
		// Addresses are unmapped before they are compared, so an IPv4-mapped range
		// (::ffff:64.38.212.0/120) is kept as the IPv4 range it means.
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// inRanges reports whether a is in one of the prefixes.
func inRanges(prefixes []netip.Prefix, a netip.Addr) bool {
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// sender is the address the post came from: the peer, unless the peer is a trusted proxy, in
// which case the right-most address in ForwardedHeader that is not a trusted proxy.
func (h *Handler[E]) sender(r *http.Request) (netip.Addr, error) {
	peer, err := parseHostAddr(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("peer address %q: %w", r.RemoteAddr, err)
	}
	if !inRanges(h.proxies, peer) {
		return peer, nil
	}
	chain := r.Header.Values(h.header)
	client := peer
	// Walk the header lines and their comma-separated entries from the right.
	for i := len(chain) - 1; i >= 0; i-- {
		line := chain[i]
		for line != "" {
			var entry string
			if j := strings.LastIndexByte(line, ','); j >= 0 {
				entry, line = line[j+1:], line[:j]
			} else {
				entry, line = line, ""
			}
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			var a netip.Addr
			if h.header == "Forwarded" {
				a, err = forwardedFor(entry)
			} else {
				a, err = parseHostAddr(entry)
			}
			if err != nil {
				return netip.Addr{}, fmt.Errorf("%s entry %q from trusted proxy %v: %w", h.header, entry, client, err)
			}
			if !inRanges(h.proxies, a) {
				return a, nil
			}
			client = a
		}
	}
	// Every hop is a trusted proxy: the left-most is the origin.
	return client, nil
}

// parseHostAddr reads "192.0.2.1", "192.0.2.1:443", "2001:db8::1", "[2001:db8::1]:443", and
// the same with an IPv6 zone ("[fd00::5%eth0]:1"). The zone is dropped: it names the
// receiver's own interface, not a different sender, and a zoned address is in no prefix, so
// keeping it would refuse a trusted proxy on a link-local or zoned address.
func parseHostAddr(s string) (netip.Addr, error) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().WithZone("").Unmap(), nil
	}
	if len(s) > 2 && s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 || end != len(s)-1 && !isPort(s[end+1:]) {
			return netip.Addr{}, errors.New("not an IP address")
		}
		s = s[1:end]
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, errors.New("not an IP address")
	}
	return a.WithZone("").Unmap(), nil
}

// isPort reports whether s is ":" and a port number.
func isPort(s string) bool {
	if len(s) < 2 || len(s) > 6 || s[0] != ':' {
		return false
	}
	return IsDigits(s[1:])
}

// forwardedFor reads the for= parameter of one RFC 7239 forwarded-element:
// `for=192.0.2.60;proto=http;by=203.0.113.43` or `for="[2001:db8:cafe::17]:4711"`.
func forwardedFor(element string) (netip.Addr, error) {
	for element != "" {
		var pair string
		pair, element, _ = strings.Cut(element, ";")
		key, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
		if !strings.EqualFold(key, "for") {
			continue
		}
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
		}
		// "unknown" and obfuscated identifiers ("_hidden") name no address, so the sender
		// cannot be checked.
		return parseHostAddr(value)
	}
	return netip.Addr{}, errors.New("no for= parameter")
}
