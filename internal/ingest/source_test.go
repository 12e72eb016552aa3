package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// newsSite serves feeds and pages the way news sites do, with the wrong
// content types some of them send.
func newsSite(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("testdata", "html", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	var pageHits atomic.Int32
	mux := http.NewServeMux()
	serve := func(path, ctype, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			fmt.Fprint(w, body)
		})
	}
	serve("/rss", "text/xml; charset=utf-8", rssFeed)
	serve("/atom", "text/html", atomFeed) // a feed served as HTML: sniffed
	serve("/feed.json", "application/json", jsonFeed)
	serve("/broken", "application/rss+xml", `<rss><channel><item><title>cut`)
	serve("/article.json", "application/json", `{"title":"From JSON","text":"A body."}`)
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		pageHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/missing", http.NotFound)
	serve("/bare", "text/html", `<html><head><title>Bare page</title></head><body><article><h1>Bare page</h1>`+
		`<p>A page that names no address of its own, with a paragraph of text.</p></article></body></html>`)
	summaries := `<rss version="2.0"><channel><title>Teasers</title>
<item><title>Fisheries deal</title><link>` + "LINK/page" + `</link><description>Ministers agreed a deal.</description></item>
<item><title>Dead link</title><link>` + "LINK/missing" + `</link><description>Only this summary.</description></item>
</channel></rss>`
	mux.HandleFunc("/summaries", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, strings.ReplaceAll(summaries, "LINK", "http://"+r.Host))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &pageHits
}

// walkResult is what a walk gave, in order: titles of accepted records and
// "ERR where: error" lines for rejected ones.
func walkResult(t *testing.T, w *Walker, paths ...string) []string {
	t.Helper()
	var got []string
	err := w.Walk(context.Background(), paths, nil, func(r Record) error {
		if r.Err != nil {
			got = append(got, "ERR "+r.Where()+": "+r.Err.Error())
			return nil
		}
		got = append(got, r.Article.Title)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk = %v", err)
	}
	return got
}

func TestWalkURLs(t *testing.T) {
	srv, _ := newsSite(t)
	u := srv.URL
	tests := []struct {
		name string
		path string
		want []string
	}{
		{"rss as text/xml", "/rss", []string{"Port strike ends after & talks", "Council approves budget", "ERR " + u + "/rss: item 3: no title and no body"}},
		{"atom as text/html", "/atom", []string{"Élections régionales", "Sans lien"}},
		{"json feed", "/feed.json", []string{"Rates held", "ERR " + u + "/feed.json: item 2: no title and no body"}},
		{"json article", "/article.json", []string{"From JSON"}},
		{"html page", "/page", []string{"Ministers agree fisheries deal after all-night talks"}},
		{"redirect", "/moved", []string{"Ministers agree fisheries deal after all-night talks"}},
		{"broken feed", "/broken", []string{"ERR " + u + "/broken: not a readable feed: XML syntax error on line 1: unexpected EOF"}},
		{"404", "/missing", []string{"ERR " + u + "/missing: GET " + u + "/missing: 404 Not Found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Walker{Fetcher: testFetcher()}
			got := walkResult(t, w, u+tt.path)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Walk(%s) =\n%s\nwant\n%s", tt.path, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestWalkURLPageDropsBoilerplate(t *testing.T) {
	srv, _ := newsSite(t)
	var body string
	err := (&Walker{Fetcher: testFetcher()}).Walk(context.Background(), []string{srv.URL + "/page"}, nil, func(r Record) error {
		body = r.Article.Body
		return r.Err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"cookies", "Share on", "Related stories", "Subscribe"} {
		if strings.Contains(body, s) {
			t.Errorf("page body holds %q", s)
		}
	}
	if !strings.Contains(body, "said Ingrid Solberg") {
		t.Errorf("page body lost the article: %q", body)
	}
}

func TestWalkURLPageAddress(t *testing.T) {
	srv, _ := newsSite(t)
	tests := []struct{ path, want string }{
		{"/bare", srv.URL + "/bare"}, // the address it was fetched from
		{"/page", "https://www.coastalcourier.example/world/2024/02/20/fisheries-deal"}, // its canonical link
	}
	for _, tt := range tests {
		var got string
		err := (&Walker{Fetcher: testFetcher()}).Walk(context.Background(), []string{srv.URL + tt.path}, nil, func(r Record) error {
			got = r.Article.URL
			return r.Err
		})
		if err != nil || got != tt.want {
			t.Errorf("Walk(%s) URL = %q, %v; want %q", tt.path, got, err, tt.want)
		}
	}
}

func TestWalkListFile(t *testing.T) {
	srv, _ := newsSite(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "list.txt")
	os.WriteFile(list, []byte("# feeds to read\n\n"+srv.URL+"/feed.json\n  "+srv.URL+"/article.json\n"), 0o644)
	notList := filepath.Join(dir, "notes.txt")
	os.WriteFile(notList, []byte("Notes on feeds\n\nSee "+srv.URL+"/rss for the feed, which we read every day."), 0o644)
	got := walkResult(t, &Walker{Fetcher: testFetcher()}, list, notList)
	want := []string{"Rates held", "ERR " + srv.URL + "/feed.json: item 2: no title and no body", "From JSON", "Notes on feeds"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk(list) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWalkFetchArticles(t *testing.T) {
	srv, pageHits := newsSite(t)
	for _, fetch := range []bool{false, true} {
		t.Run(fmt.Sprint("fetch=", fetch), func(t *testing.T) {
			pageHits.Store(0)
			var bodies, urls []string
			w := &Walker{Fetcher: testFetcher(), FetchArticles: fetch}
			err := w.Walk(context.Background(), []string{srv.URL + "/summaries"}, nil, func(r Record) error {
				if r.Err != nil {
					return r.Err
				}
				bodies = append(bodies, r.Article.Body)
				urls = append(urls, r.Article.URL)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(bodies) != 2 {
				t.Fatalf("got %d articles, want 2", len(bodies))
			}
			full := strings.Contains(bodies[0], "said Ingrid Solberg")
			if full != fetch {
				t.Errorf("FetchArticles=%v: first body %.80q…, full text %v", fetch, bodies[0], full)
			}
			wantURL := srv.URL + "/page"
			if fetch {
				wantURL = "https://www.coastalcourier.example/world/2024/02/20/fisheries-deal" // the page's canonical link
			}
			if urls[0] != wantURL {
				t.Errorf("FetchArticles=%v: URL %q, want %q", fetch, urls[0], wantURL)
			}
			if bodies[1] != "Only this summary." {
				t.Errorf("item with a dead link: body %q, want its summary", bodies[1])
			}
			if want := map[bool]int32{false: 0, true: 1}[fetch]; pageHits.Load() != want {
				t.Errorf("page fetched %d times, want %d", pageHits.Load(), want)
			}
		})
	}
}
