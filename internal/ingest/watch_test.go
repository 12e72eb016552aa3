package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
)

// growingFeed is an RSS feed whose items can be added while it is served.
// With etags it answers conditional requests with 304.
type growingFeed struct {
	mu    sync.Mutex
	items []string
	etags bool
	gets  int
	full  int // responses with a body
}

func (g *growingFeed) add(title string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.items = append(g.items, title)
}

func (g *growingFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gets++
	etag := fmt.Sprintf(`"n%d"`, len(g.items))
	if g.etags {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	g.full++
	w.Header().Set("Content-Type", "application/rss+xml")
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>Local Wire</title>`)
	for i := len(g.items) - 1; i >= 0; i-- { // newest first, as feeds list them
		fmt.Fprintf(&b, `<item><title>%s</title><link>http://%s/story/%d</link><guid>story-%d</guid>`+
			`<description>Body of %s, with a sentence or two of text.</description></item>`,
			g.items[i], r.Host, i, i, g.items[i])
	}
	b.WriteString(`<item><title></title></item></channel></rss>`) // a broken item, rejected once
	fmt.Fprint(w, b.String())
}

func count(t *testing.T, ix *index.Index) uint64 {
	t.Helper()
	n, err := ix.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWatcherPolls(t *testing.T) {
	for _, etags := range []bool{false, true} {
		t.Run(fmt.Sprint("etags=", etags), func(t *testing.T) {
			feed := &growingFeed{etags: etags}
			feed.add("Storm closes coastal road")
			feed.add("Ferry timetable changes")
			srv := httptest.NewServer(feed)
			defer srv.Close()
			ix, err := index.OpenMem(nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			state := filepath.Join(t.TempDir(), "index.watch.json")
			newWatcher := func() *Watcher {
				f := testFetcher()
				f.Cache = nil // the watcher's state becomes the cache
				return &Watcher{Feeds: []string{srv.URL + "/rss"}, StateFile: state, Fetcher: f}
			}
			w := newWatcher()
			ctx := context.Background()

			st, err := w.Poll(ctx, ix)
			if err != nil {
				t.Fatal(err)
			}
			if st.Added != 2 || st.Rejected != 1 || st.Replaced != 0 {
				t.Errorf("first poll = %+v, want 2 added, 1 rejected", st)
			}

			st, err = w.Poll(ctx, ix) // nothing new
			if err != nil {
				t.Fatal(err)
			}
			if st.Added != 0 || st.Replaced != 0 || st.Rejected != 0 {
				t.Errorf("second poll = %+v, want nothing written", st)
			}
			if etags && st.NotModified != 1 {
				t.Errorf("second poll = %+v, want the feed not modified", st)
			}

			feed.add("Harbour dredging approved")
			st, err = w.Poll(ctx, ix)
			if err != nil {
				t.Fatal(err)
			}
			if st.Added != 1 || st.Seen != 3 || st.Replaced != 0 {
				t.Errorf("third poll = %+v, want 1 added, 3 seen (2 articles, 1 broken item)", st)
			}
			if n := count(t, ix); n != 3 {
				t.Errorf("index holds %d articles, want 3", n)
			}

			// A restarted watcher reads the state file: nothing again.
			st, err = newWatcher().Poll(ctx, ix)
			if err != nil {
				t.Fatal(err)
			}
			if st.Added != 0 || st.Replaced != 0 {
				t.Errorf("poll after restart = %+v, want nothing written", st)
			}
			if n := count(t, ix); n != 3 {
				t.Errorf("index holds %d articles after restart, want 3", n)
			}
			if etags && feed.full != 2 {
				t.Errorf("feed sent in full %d times of %d, want 2", feed.full, feed.gets)
			}
		})
	}
}

func TestWatcherRun(t *testing.T) {
	feed := &growingFeed{etags: true}
	feed.add("First story")
	srv := httptest.NewServer(feed)
	defer srv.Close()
	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	w := &Watcher{Feeds: []string{srv.URL}, Every: 20 * time.Millisecond, Fetcher: testFetcher()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, ix) }()
	deadline := time.Now().Add(5 * time.Second)
	for count(t, ix) < 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	feed.add("Second story")
	for count(t, ix) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil when the context ends", err)
	}
	if n := count(t, ix); n != 2 {
		t.Errorf("index holds %d articles, want 2", n)
	}
}

func TestWatcherBadFeeds(t *testing.T) {
	srv, _ := newsSite(t)
	dir := t.TempDir()
	local := filepath.Join(dir, "local.rss")
	os.WriteFile(local, []byte(rssFeed), 0o644)
	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	w := &Watcher{Feeds: []string{srv.URL + "/broken", srv.URL + "/missing", filepath.Join(dir, "nofile.rss"), local}, Fetcher: testFetcher()}
	st, err := w.Poll(context.Background(), ix)
	if err != nil {
		t.Fatal(err)
	}
	if st.Failed != 3 || st.Added != 2 || st.Rejected != 1 {
		t.Errorf("Poll = %+v, want 3 failed feeds, 2 added, 1 rejected", st)
	}
}

func TestStateSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	s, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	s.markSeen("http://f", []string{"guid:a", "guid:b"}, time.Unix(100, 0))
	s.SetValidators("http://f", Validators{ETag: `"x"`})
	s.SetValidators("http://page", Validators{ETag: `"p"`}) // not a feed: not kept
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	s2, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if !s2.seen("http://f", "guid:a") || s2.seen("http://f", "guid:c") || s2.Validators("http://f").ETag != `"x"` || s2.Validators("http://page").ETag != "" {
		t.Errorf("state after a round trip = %+v", s2.Feeds)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("state folder holds %d files, want 1 (no temporary file left)", len(entries))
	}
	os.WriteFile(path, []byte("{bad"), 0o644)
	if _, err := LoadState(path); err == nil {
		t.Error("LoadState of a corrupt file = nil error")
	}
}

func TestStateBounded(t *testing.T) {
	s, _ := LoadState("")
	var keys []string
	for i := range maxSeen + 10 {
		keys = append(keys, fmt.Sprint("guid:", i))
	}
	s.markSeen("f", keys[:10], time.Unix(1, 0))
	s.markSeen("f", keys[10:], time.Unix(2, 0))
	if n := len(s.Feeds["f"].Seen); n != maxSeen {
		t.Errorf("seen keys = %d, want %d", n, maxSeen)
	}
	if s.seen("f", keys[0]) || !s.seen("f", keys[len(keys)-1]) {
		t.Error("the oldest keys should go first")
	}
}
