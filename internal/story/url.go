package story

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that say how a reader reached a page,
// not which page it is. utm_* parameters are matched by prefix.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"ocid": true, "cmpid": true, "smid": true, "sr_share": true, "mkt_tok": true,
	"__twitter_impression": true, "ref_src": true, "ref_url": true,
}

// isTracking reports whether the query parameter key only tracks the reader.
func isTracking(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// CanonicalURL returns the form of raw under which two links to the same
// article compare equal: the scheme http becomes https, the host is
// lower-cased without "www." or a default port, the fragment and tracking
// parameters (utm_*, fbclid, gclid and the like) are dropped, the remaining
// parameters are sorted, dot segments are resolved and a trailing slash is
// removed. It returns an error when raw is not an absolute http(s) URL.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonical url: %w", err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("canonical url %q: scheme %q, want http or https", raw, u.Scheme)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")   // "example.com.." and "example.com" are one host
	for strings.HasPrefix(host, "www.") { // all of them, so that the result is canonical again
		host = host[len("www."):]
	}
	if host == "" {
		return "", fmt.Errorf("canonical url %q: no host", raw)
	}
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}

	p := u.EscapedPath()
	if p != "" {
		p = path.Clean(p)
	}
	p = strings.TrimSuffix(p, "/")

	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "" && !isTracking(k) { // "?=x" names no parameter
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("https://")
	b.WriteString(host)
	b.WriteString(p)
	sep := byte('?')
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			b.WriteByte(sep)
			sep = '&'
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String(), nil
}
