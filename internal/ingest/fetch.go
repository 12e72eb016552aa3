package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	neturl "net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Fetcher gets the document at a URL. The HTTP one is HTTPFetcher; tests
// point it at httptest servers.
type Fetcher interface {
	// Fetch returns the document at url. A document that has not changed
	// since the validators the fetcher remembers for url is a Response
	// with NotModified set and no body.
	Fetch(ctx context.Context, url string) (*Response, error)
}

// Response is a fetched document.
type Response struct {
	URL          string // the URL after redirects
	ContentType  string // media type without parameters, lower case
	Body         []byte
	NotModified  bool // a 304: nothing new
	ETag         string
	LastModified string
}

// Validators are what a server said identifies the version of a document,
// sent back on the next request so that an unchanged one costs a 304.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// A Cache remembers the Validators of each URL.
type Cache interface {
	Validators(url string) Validators
	SetValidators(url string, v Validators)
}

// MemCache is a Cache in memory, safe for concurrent use. The zero value is
// ready.
type MemCache struct {
	mu sync.Mutex
	m  map[string]Validators
}

// Validators returns what is remembered for url.
func (c *MemCache) Validators(url string) Validators {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[url]
}

// SetValidators remembers v for url.
func (c *MemCache) SetValidators(url string, v Validators) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]Validators)
	}
	c.m[url] = v
}

// HTTPFetcher fetches over HTTP with timeouts, a size cap, retries with
// exponential backoff and jitter on network errors, 429 and 5xx (honouring
// Retry-After), bounded redirects and conditional requests. Fields left
// zero take the defaults given; use NewHTTPFetcher or set them before the
// first Fetch, which must not race with changing them.
type HTTPFetcher struct {
	UserAgent      string        // default UserAgent()
	ConnectTimeout time.Duration // dialing and TLS handshake; default 10s
	Timeout        time.Duration // one whole attempt, body included; default 60s
	MaxBytes       int64         // larger documents are an error; default 16 MiB
	MaxRedirects   int           // default 10; negative: none followed
	Retries        int           // attempts after the first; default 3; negative: none
	BaseDelay      time.Duration // first backoff; doubles each retry; default 1s
	MaxDelay       time.Duration // cap on a backoff or a Retry-After; default 2m
	Cache          Cache         // nil: no conditional requests
	Logger         *slog.Logger  // nil: discard

	once   sync.Once
	client *http.Client
}

// NewHTTPFetcher returns a fetcher with the defaults and an in-memory cache.
func NewHTTPFetcher() *HTTPFetcher {
	return &HTTPFetcher{Cache: &MemCache{}}
}

// UserAgent returns the User-Agent newsindex sends:
// newsindex/<version> (+https://github.com/newsindex/newsindex).
func UserAgent() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "newsindex/" + v + " (+https://github.com/newsindex/newsindex)"
}

// HTTPError is a response with a status that is not a success.
type HTTPError struct {
	URL        string
	StatusCode int
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}

// ErrTooLarge is returned for a document larger than MaxBytes.
var ErrTooLarge = errors.New("ingest: document too large")

func (f *HTTPFetcher) init() {
	f.once.Do(func() {
		if f.UserAgent == "" {
			f.UserAgent = UserAgent()
		}
		if f.ConnectTimeout <= 0 {
			f.ConnectTimeout = 10 * time.Second
		}
		if f.Timeout <= 0 {
			f.Timeout = 60 * time.Second
		}
		if f.MaxBytes <= 0 {
			f.MaxBytes = 16 << 20
		}
		if f.MaxRedirects == 0 {
			f.MaxRedirects = 10
		}
		if f.Retries == 0 {
			f.Retries = 3
		}
		if f.BaseDelay <= 0 {
			f.BaseDelay = time.Second
		}
		if f.MaxDelay <= 0 {
			f.MaxDelay = 2 * time.Minute
		}
		if f.Logger == nil {
			f.Logger = slog.New(slog.DiscardHandler)
		}
		dialer := &net.Dialer{Timeout: f.ConnectTimeout, KeepAlive: 30 * time.Second}
		tr := &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         dialer.DialContext,
			TLSHandshakeTimeout: f.ConnectTimeout,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
		}
		maxRedirects := max(f.MaxRedirects, 0)
		f.client = &http.Client{
			Transport: tr,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > maxRedirects {
					return fmt.Errorf("more than %d redirects", maxRedirects)
				}
				return nil
			},
		}
	})
}

// Fetch gets url, retrying what may succeed later. A 200 with an ETag or
// a Last-Modified is remembered in Cache, and the next Fetch of url asks
// for the document only if it changed.
func (f *HTTPFetcher) Fetch(ctx context.Context, url string) (*Response, error) {
	f.init()
	retries := max(f.Retries, 0)
	for attempt := 0; ; attempt++ {
		resp, retryAfter, err := f.fetchOnce(ctx, url)
		if err == nil || attempt >= retries || !retryable(ctx, err) {
			return resp, err
		}
		d := f.backoff(attempt)
		if retryAfter > 0 {
			d = min(retryAfter, f.MaxDelay)
		}
		f.Logger.Debug("fetch: retrying", "url", url, "err", err, "in", d)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// backoff returns the delay before retry attempt+1: BaseDelay doubled each
// time, capped at MaxDelay, with jitter in [d/2, d].
func (f *HTTPFetcher) backoff(attempt int) time.Duration {
	d := f.BaseDelay << min(attempt, 20)
	if d <= 0 || d > f.MaxDelay {
		d = f.MaxDelay
	}
	return d/2 + rand.N(d/2+1)
}

// retryable reports whether err may go away on another attempt: network
// errors, timeouts of an attempt, 429 and 5xx. Cancellation of ctx, bad
// URLs, unknown hosts, bad certificates, redirect loops and too large
// documents are final.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrTooLarge) {
		return false
	}
	if he, ok := errors.AsType[*HTTPError](err); ok {
		return he.StatusCode == http.StatusTooManyRequests || he.StatusCode >= 500 && he.StatusCode != http.StatusNotImplemented
	}
	if _, ok := errors.AsType[*permanentError](err); ok {
		return false
	}
	if _, ok := errors.AsType[*tls.CertificateVerificationError](err); ok {
		return false
	}
	if de, ok := errors.AsType[*net.DNSError](err); ok && de.IsNotFound {
		return false
	}
	return true
}

// permanentError marks an error no retry can fix.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// fetchOnce makes one attempt. retryAfter is what a 429 or 503 asked for.
func (f *HTTPFetcher) fetchOnce(ctx context.Context, url string) (_ *Response, retryAfter time.Duration, _ error) {
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, &permanentError{err}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, 0, &permanentError{fmt.Errorf("GET %s: scheme %q, want http or https", url, req.URL.Scheme)}
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, application/json;q=0.8, */*;q=0.5")
	var v Validators
	if f.Cache != nil {
		v = f.Cache.Validators(url)
		if v.ETag != "" {
			req.Header.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			req.Header.Set("If-Modified-Since", v.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		return nil, 0, fmt.Errorf("GET %s: timed out after %v: %w", url, f.Timeout, err)
	}
	if err != nil {
		if ue, ok := errors.AsType[*neturl.Error](err); ok && strings.Contains(ue.Err.Error(), "redirects") {
			return nil, 0, &permanentError{err}
		}
		return nil, 0, err
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		ContentType:  mediaType(resp.Header.Get("Content-Type")),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" && out.LastModified == "" {
			out.ETag, out.LastModified = v.ETag, v.LastModified
		}
		return out, 0, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), &HTTPError{URL: url, StatusCode: resp.StatusCode}
	}
	if resp.ContentLength > f.MaxBytes {
		return nil, 0, fmt.Errorf("GET %s: %w: %d bytes, the limit is %d", url, ErrTooLarge, resp.ContentLength, f.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		return nil, 0, fmt.Errorf("GET %s: timed out after %v reading the body: %w", url, f.Timeout, err)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: reading the body: %w", url, err)
	}
	if int64(len(body)) > f.MaxBytes {
		return nil, 0, fmt.Errorf("GET %s: %w: more than %d bytes", url, ErrTooLarge, f.MaxBytes)
	}
	out.Body = body
	if f.Cache != nil && (out.ETag != "" || out.LastModified != "") {
		f.Cache.SetValidators(url, Validators{ETag: out.ETag, LastModified: out.LastModified})
	}
	return out, 0, nil
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(s string, now time.Time) time.Duration {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(s); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// mediaType returns the media type of a Content-Type header, lower case,
// without parameters.
func mediaType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.ToLower(strings.TrimSpace(ct))
}

// isURL reports whether a path given to Walk is an http or https URL.
func isURL(p string) bool {
	low := strings.ToLower(p)
	return strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")
}
