package payload

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hookspec/hookspec/spec"
	"github.com/hookspec/hookspec/webhook"
)

// Param is one query parameter of a delivery.
type Param struct {
	Name, Value string
}

// QueryParameters are the vendor's query parameters for this payload, in the spec's order: the
// event type's name for the eventType role, its group for the eventGroup role (the parameter's
// one documented value when the event names none), and the body's value for a parameter that
// mirrors a body field (the account), so that query and body agree as the vendor's do. A
// parameter without a value to give (a mirrored field the body leaves out) is left out.
func (p *Payload) QueryParameters() []Param {
	var out []Param
	for _, q := range p.spec.Vendor.Delivery.QueryParameters {
		var value string
		var ok bool
		switch {
		case q.Role == spec.RoleEventType:
			value, ok = p.event.Name, true
		case q.Role == spec.RoleEventGroup:
			value, ok = p.event.Group, p.event.Group != ""
			if !ok && len(q.Values) == 1 {
				value, ok = q.Values[0], true
			}
		case q.Field != "":
			value, ok = p.Get(q.Field)
		}
		if ok {
			out = append(out, Param{q.Name, value})
		}
	}
	return out
}

// notFromSample are headers of a vendor's sample post that describe that one connection or body
// rather than the sender: HTTP computes them for each request (RFC 9110 §7.6.1's hop-by-hop
// fields, Host, Content-Length), and Content-Type follows the format sent.
var notFromSample = []string{
	"Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
	"Host", "Content-Length", "Content-Type",
}

// Headers are the headers of the vendor's sample post that describe the sender (User-Agent, the
// vendor's own X- headers, Via), and the Content-Type of the format.
func (p *Payload) Headers(format webhook.WireFormat) http.Header {
	h := http.Header{}
	for _, sh := range p.spec.Vendor.Delivery.Headers {
		skip := false
		for _, n := range notFromSample {
			skip = skip || strings.EqualFold(sh.Name, n)
		}
		if !skip {
			h.Add(sh.Name, sh.Value)
		}
	}
	h.Set("Content-Type", format.ContentType())
	return h
}

// NewRequest is the vendor's delivery of the payload to target, an http or https URL: the
// spec's method (POST when it names none), the query parameters added to any query the URL
// has, the headers and the encoded body. A parameter the URL already has keeps the URL's value,
// so that a test can post, say, another account on purpose.
func (p *Payload) NewRequest(ctx context.Context, target string, format webhook.WireFormat) (*http.Request, error) {
	body, err := p.Encode(format)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http or https URL", target)
	}
	given, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("%q: query: %w", target, err)
	}
	var query []string
	if u.RawQuery != "" {
		query = append(query, u.RawQuery)
	}
	for _, q := range p.QueryParameters() {
		if !given.Has(q.Name) {
			query = append(query, url.QueryEscape(q.Name)+"="+url.QueryEscape(q.Value))
		}
	}
	u.RawQuery = strings.Join(query, "&")
	method := p.spec.Vendor.Delivery.Method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = p.Headers(format)
	return req, nil
}

// Vendor is the spec's vendor id.
func (p *Payload) Vendor() string { return p.spec.Vendor.ID }

// Auth reports whether the vendor's spec lists an authentication scheme of the kind.
func (p *Payload) Auth(kind spec.AuthKind) bool {
	for _, a := range p.spec.Vendor.Delivery.Auth {
		if a.Kind == kind {
			return true
		}
	}
	return false
}

// URLKeyParam is the query parameter the vendor puts a secret URL key in, and false when its
// spec lists no such scheme.
func (p *Payload) URLKeyParam() (string, bool) {
	for _, a := range p.spec.Vendor.Delivery.Auth {
		if a.Kind == spec.AuthURLKey && a.Param != "" {
			return a.Param, true
		}
	}
	return "", false
}
