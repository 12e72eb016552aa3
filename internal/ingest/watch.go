package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/newsindex/newsindex/index"
)

// Watcher polls feeds and indexes the items it has not seen before. What
// it has seen (item guids, else links) and the HTTP validators of each
// feed are kept in a state file written atomically after every poll, so a
// restarted watcher fetches only what is new. An item is marked seen only
// once its article is durable in the index: a crash between the two makes
// the next poll write it again under the same ID, which replaces it.
//
// A Watcher writes to an *index.Index the caller opened. Only one process
// may open an index for writing, so the watcher of an index that is being
// served runs inside the serving process (newsindex serve --watch), and
// `newsindex watch` is for an index nothing serves.
type Watcher struct {
	// Feeds are the feed URLs (or local feed files) to poll.
	Feeds []string
	// Every is the time between the starts of two polls; default 10m.
	Every time.Duration
	// StateFile keeps what was seen between runs; "": in memory only.
	// StatePath gives the usual place, beside the index.
	StateFile string
	// FetchArticles: an item that carries only a summary gets the text of
	// the page it links to.
	FetchArticles bool
	// Fetcher gets the feeds and pages; nil: an HTTPFetcher. An
	// *HTTPFetcher without a Cache is given the watcher's state as its
	// cache, so that unchanged feeds cost a 304.
	Fetcher Fetcher
	// BatchSize is the number of articles a durable batch holds; default 500.
	BatchSize int
	// Logger receives a line per poll and the rejected items; nil: discard.
	Logger *slog.Logger

	once  sync.Once
	state *State
	err   error
	walk  *Walker
}

// PollStats counts what one poll did.
type PollStats struct {
	Feeds       int // feeds read
	NotModified int // feeds the server said had not changed
	Failed      int // feeds that could not be fetched or parsed
	Seen        int // items already indexed by an earlier poll
	Added       int // new articles
	Replaced    int // articles whose ID was in the index already
	Rejected    int // items that were no article
}

// StatePath returns the state file of the watcher of the index at
// indexPath: a file beside the index folder, named after it.
func StatePath(indexPath string) string {
	return filepath.Clean(indexPath) + ".watch.json"
}

func (w *Watcher) init() error {
	w.once.Do(func() {
		if w.Every <= 0 {
			w.Every = 10 * time.Minute
		}
		if w.BatchSize <= 0 {
			w.BatchSize = 500
		}
		if w.Logger == nil {
			w.Logger = slog.New(slog.DiscardHandler)
		}
		w.state, w.err = LoadState(w.StateFile)
		if w.err != nil {
			return
		}
		if w.Fetcher == nil {
			w.Fetcher = &HTTPFetcher{Cache: w.state, Logger: w.Logger}
		} else if hf, ok := w.Fetcher.(*HTTPFetcher); ok && hf.Cache == nil {
			hf.Cache = w.state
		}
		w.walk = &Walker{Fetcher: w.Fetcher, FetchArticles: w.FetchArticles, Logger: w.Logger}
	})
	return w.err
}

// Run polls the feeds at once and then every Every until ctx ends, when it
// returns nil. It returns an error when the state file cannot be read or
// written or the index fails; a feed that cannot be fetched or parsed is
// logged and polled again next time.
func (w *Watcher) Run(ctx context.Context, ix *index.Index) error {
	if err := w.init(); err != nil {
		return err
	}
	t := time.NewTicker(w.Every)
	defer t.Stop()
	for {
		start := time.Now()
		st, err := w.Poll(ctx, ix)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		w.Logger.Info("watch: polled", "feeds", st.Feeds, "not_modified", st.NotModified, "failed", st.Failed,
			"added", st.Added, "replaced", st.Replaced, "rejected", st.Rejected, "took", time.Since(start).Round(time.Millisecond))
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll reads every feed once and indexes its new items.
func (w *Watcher) Poll(ctx context.Context, ix *index.Index) (PollStats, error) {
	var st PollStats
	if err := w.init(); err != nil {
		return st, err
	}
	for _, feed := range w.Feeds {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if err := w.pollFeed(ctx, ix, feed, &st); err != nil {
			return st, err
		}
	}
	if err := w.state.Save(w.StateFile); err != nil {
		return st, err
	}
	return st, nil
}

// pollFeed reads one feed and indexes its new items. Only an index or
// context error is returned; a bad feed is logged and counted.
func (w *Watcher) pollFeed(ctx context.Context, ix *index.Index, feedURL string, st *PollStats) error {
	w.state.mu.Lock()
	w.state.feed(feedURL) // so that the fetcher's validators are kept
	w.state.mu.Unlock()
	data, err := w.fetchFeed(ctx, feedURL)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		st.Failed++
		w.Logger.Warn("watch: feed not fetched", "path", feedURL, "err", err)
		return nil
	}
	if data == nil {
		st.NotModified++
		return nil
	}
	feed, err := parseFeed(data)
	if err != nil {
		st.Failed++
		w.Logger.Warn("watch: feed not read", "path", feedURL, "err", err)
		w.state.forget(feedURL) // fetch it in full next time
		return nil
	}
	st.Feeds++
	var (
		batch []index.Article
		keys  []string
	)
	flush := func() error {
		if len(batch) > 0 {
			bs, err := ix.AddBatch(ctx, batch)
			if err != nil {
				w.state.forget(feedURL)
				return fmt.Errorf("watch %s: %w", feedURL, err)
			}
			st.Added += bs.Added
			st.Replaced += bs.Replaced
		}
		w.state.markSeen(feedURL, keys, time.Now())
		batch, keys = batch[:0], keys[:0]
		return nil
	}
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		key := itemKey(it)
		if w.state.seen(feedURL, key) || contains(keys, key) {
			st.Seen++
			continue
		}
		keys = append(keys, key)
		a, err := w.walk.feedArticle(ctx, feed, it)
		if err == nil {
			err = index.Normalize(&a)
		}
		if err != nil {
			st.Rejected++
			w.Logger.Warn("watch: item rejected", "path", feedURL, "err", fmt.Errorf("%s: %w", itemName(i, it), err))
			continue
		}
		batch = append(batch, a)
		if len(batch) >= w.BatchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// fetchFeed returns the bytes of a feed, or nil when it has not changed.
func (w *Watcher) fetchFeed(ctx context.Context, feed string) ([]byte, error) {
	if !isURL(feed) {
		data, err := os.ReadFile(feed)
		if err != nil {
			return nil, err
		}
		if len(data) > MaxRecordSize {
			return nil, fmt.Errorf("%s: %w: %d bytes", feed, ErrTooLarge, len(data))
		}
		return data, nil
	}
	resp, err := w.Fetcher.Fetch(ctx, feed)
	if err != nil {
		return nil, err
	}
	if resp.NotModified {
		return nil, nil
	}
	return resp.Body, nil
}

// maxSeen bounds the item keys remembered per feed; the oldest go first.
// Feeds list their latest items, far fewer than this.
const maxSeen = 5000

// State is what a Watcher remembers between polls: per feed, the HTTP
// validators and the items seen. It is a Cache. Safe for concurrent use.
type State struct {
	mu    sync.Mutex
	Feeds map[string]*FeedState `json:"feeds"`
}

// FeedState is the state of one feed.
type FeedState struct {
	Validators
	// Seen maps the key of each item seen (guid:…, link:… or hash:…) to
	// the Unix time it was first seen.
	Seen map[string]int64 `json:"seen"`
}

// LoadState reads a state file; a missing file, or path "", is an empty
// state.
func LoadState(path string) (*State, error) {
	s := &State{Feeds: map[string]*FeedState{}}
	if path == "" {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch state: %w", err)
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("watch state %s: %w", path, err)
	}
	if s.Feeds == nil {
		s.Feeds = map[string]*FeedState{}
	}
	return s, nil
}

// Save writes the state to path atomically: to a temporary file in the
// same folder, synced, then renamed over path. Path "" saves nothing.
func (s *State) Save(path string) error {
	if path == "" {
		return nil
	}
	s.mu.Lock()
	data, err := json.MarshalIndent(s, "", "  ")
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("watch state: %w", err)
	}
	return nil
}

// feed returns the state of a feed, creating it; s.mu is held.
func (s *State) feed(url string) *FeedState {
	f := s.Feeds[url]
	if f == nil {
		f = &FeedState{Seen: map[string]int64{}}
		s.Feeds[url] = f
	}
	if f.Seen == nil {
		f.Seen = map[string]int64{}
	}
	return f
}

// Validators returns the validators remembered for url.
func (s *State) Validators(url string) Validators {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.Feeds[url]; f != nil {
		return f.Validators
	}
	return Validators{}
}

// SetValidators remembers the validators of url. Only feeds are
// remembered: linked pages are fetched once.
func (s *State) SetValidators(url string, v Validators) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.Feeds[url]; f != nil {
		f.Validators = v
	}
}

// forget drops the validators of a feed, so that the next poll fetches it
// in full.
func (s *State) forget(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.Feeds[url]; f != nil {
		f.Validators = Validators{}
	}
}

// seen reports whether the item key of a feed was seen.
func (s *State) seen(url, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.Feeds[url]; f != nil {
		_, ok := f.Seen[key]
		return ok
	}
	return false
}

// markSeen records item keys of a feed, dropping the oldest beyond maxSeen.
func (s *State) markSeen(url string, keys []string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.feed(url)
	for _, k := range keys {
		if _, ok := f.Seen[k]; !ok {
			f.Seen[k] = now.Unix()
		}
	}
	if len(f.Seen) <= maxSeen {
		return
	}
	all := make([]string, 0, len(f.Seen))
	for k := range f.Seen {
		all = append(all, k)
	}
	sort.Slice(all, func(i, j int) bool {
		if f.Seen[all[i]] != f.Seen[all[j]] {
			return f.Seen[all[i]] < f.Seen[all[j]]
		}
		return all[i] < all[j]
	})
	for _, k := range all[:len(all)-maxSeen] {
		delete(f.Seen, k)
	}
}
