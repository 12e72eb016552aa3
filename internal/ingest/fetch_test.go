package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testFetcher returns a fetcher with short delays for tests.
func testFetcher() *HTTPFetcher {
	return &HTTPFetcher{
		Cache:          &MemCache{},
		BaseDelay:      time.Millisecond,
		MaxDelay:       50 * time.Millisecond,
		Timeout:        2 * time.Second,
		ConnectTimeout: time.Second,
	}
}

func TestFetch(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, "<rss/>")
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.UserAgent()) })
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%3 != 0 {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "third time")
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusNotFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, strings.Repeat("x", 2000)) })
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "start")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name    string
		path    string
		setup   func(f *HTTPFetcher)
		body    string
		ctype   string
		wantErr string
	}{
		{name: "ok", path: "/ok", body: "<rss/>", ctype: "application/rss+xml"},
		{name: "user agent", path: "/ua", body: UserAgent()},
		{name: "redirect", path: "/redirect", body: "<rss/>"},
		{name: "redirect loop", path: "/loop", wantErr: "redirects"},
		{name: "no redirects allowed", path: "/redirect", setup: func(f *HTTPFetcher) { f.MaxRedirects = -1 }, wantErr: "more than 0 redirects"},
		{name: "503 twice then ok", path: "/flaky", body: "third time"},
		{name: "404 is final", path: "/gone", wantErr: "404 Not Found"},
		{name: "size cap", path: "/big", setup: func(f *HTTPFetcher) { f.MaxBytes = 1000 }, wantErr: "document too large"},
		{name: "timeout", path: "/slow", setup: func(f *HTTPFetcher) { f.Timeout = 100 * time.Millisecond; f.Retries = 1 }, wantErr: "timed out after 100ms"},
		{name: "slow body", path: "/slowbody", setup: func(f *HTTPFetcher) { f.Timeout = 100 * time.Millisecond; f.Retries = -1 }, wantErr: "timed out after 100ms reading the body"},
		{name: "bad scheme", path: "ftp://x", wantErr: `scheme "ftp"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFetcher()
			if tt.setup != nil {
				tt.setup(f)
			}
			url := srv.URL + tt.path
			if strings.Contains(tt.path, "://") {
				url = tt.path
			}
			resp, err := f.Fetch(context.Background(), url)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Fetch(%s) = %v, want error containing %q", tt.path, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch(%s) = %v", tt.path, err)
			}
			if string(resp.Body) != tt.body {
				t.Errorf("Fetch(%s) body = %q, want %q", tt.path, resp.Body, tt.body)
			}
			if tt.ctype != "" && resp.ContentType != tt.ctype {
				t.Errorf("Fetch(%s) content type = %q, want %q", tt.path, resp.ContentType, tt.ctype)
			}
		})
	}
	if n := hits.Load(); n != 3 {
		t.Errorf("/flaky was asked %d times, want 3", n)
	}
}

func TestFetchRetryAfter(t *testing.T) {
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		times = append(times, time.Now())
		if len(times) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f := testFetcher()
	f.MaxDelay = 5 * time.Second
	resp, err := f.Fetch(context.Background(), srv.URL)
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("Fetch = %v, %v; want ok after a 429", resp, err)
	}
	if len(times) != 2 {
		t.Fatalf("server asked %d times, want 2", len(times))
	}
	if d := times[1].Sub(times[0]); d < 900*time.Millisecond {
		t.Errorf("retry came %v after a 429 with Retry-After: 1, want about 1s", d)
	}
}

func TestFetchRetriesExhausted(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer srv.Close()
	f := testFetcher()
	f.Retries = 2
	_, err := f.Fetch(context.Background(), srv.URL)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusBadGateway {
		t.Errorf("Fetch = %v, want a 502 HTTPError", err)
	}
	if n.Load() != 3 {
		t.Errorf("server asked %d times, want 3 (1 + 2 retries)", n.Load())
	}
}

func TestFetchConditional(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Tue, 03 Mar 2026 08:00:00 GMT"
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	f := testFetcher()
	r1, err := f.Fetch(context.Background(), srv.URL)
	if err != nil || r1.NotModified || string(r1.Body) != "<rss/>" {
		t.Fatalf("first Fetch = %+v, %v", r1, err)
	}
	r2, err := f.Fetch(context.Background(), srv.URL)
	if err != nil || !r2.NotModified || len(r2.Body) != 0 {
		t.Fatalf("second Fetch = %+v, %v; want NotModified", r2, err)
	}
	want := []string{"|", etag + "|" + lastMod}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("conditional headers = %q, want %q", got, want)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"30", 30 * time.Second}, {"-1", 0}, {"soon", 0},
		{"Tue, 03 Mar 2026 08:02:00 GMT", 2 * time.Minute},
		{"Tue, 03 Mar 2026 07:00:00 GMT", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	f := &HTTPFetcher{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	f.init()
	for attempt, max := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		max *= time.Millisecond
		for range 20 {
			if d := f.backoff(attempt); d < max/2 || d > max {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, d, max/2, max)
			}
		}
	}
}
