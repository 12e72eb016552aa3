package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
	"github.com/newsindex/newsindex/internal/ingest"
)

func init() {
	register(command{name: "watch", summary: "poll feeds and index their new items, until interrupted", run: runWatch})
}

func runWatch(args []string) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.Duration("every", 0, "time between polls (config watch.every, default 10m)")
	fs.Bool("fetch-articles", false, "fetch the linked page of items that carry only a summary (config watch.fetch_articles)")
	fs.String("state", "", "state file of seen items (config watch.state_file, default INDEX.watch.json)")
	once := fs.Bool("once", false, "poll once and exit")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex watch [--index DIR] [--every 10m] [--fetch-articles] [--once] FEED...\n\n"+
			"Polls RSS, Atom and JSON Feed URLs (or files), those given and those of config watch.feeds,\n"+
			"and indexes each new item once. Seen items and the feeds' ETag/Last-Modified are kept in a\n"+
			"state file beside the index. The index must not be open in another process: to watch\n"+
			"feeds while serving, use newsindex serve --watch.\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{
		"every": "watch.every", "fetch-articles": "watch.fetch_articles", "state": "watch.state_file",
	})
	if err != nil {
		return err
	}
	feeds := watchFeeds(cfg, fs.Args())
	if len(feeds) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: watch needs at least one FEED (or config watch.feeds)", errUsage)
	}
	log := cfg.Log.Logger().With("component", "watch")
	ix, _, err := openIndex(context.Background(), cfg, log, createIfMissing)
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w; to watch feeds while serving this index, run newsindex serve --watch FEED", err)
	}
	if err != nil {
		return err
	}
	w := newWatcher(cfg, feeds)
	w.Logger = log
	ctx, stop := signalContext()
	defer stop()
	if *once {
		var st ingest.PollStats
		st, err = w.Poll(ctx, ix)
		if err == nil {
			fmt.Fprintf(os.Stderr, "watch: %d feeds read, %d not modified, %d failed; added %d, replaced %d, rejected %d, already seen %d\n",
				st.Feeds, st.NotModified, st.Failed, st.Added, st.Replaced, st.Rejected, st.Seen)
		}
	} else {
		log.Info("watch: polling", "count", len(feeds), "every", w.Every, "state", w.StateFile)
		err = w.Run(ctx, ix)
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("watch into %s: %w", cfg.Index.Path, err)
	}
	return nil
}

// watchFeeds returns the feeds of config watch.feeds followed by those of
// the command line, each once.
func watchFeeds(cfg config.Config, args []string) []string {
	var feeds []string
	seen := map[string]bool{}
	for _, f := range append(append([]string(nil), cfg.Watch.Feeds...), args...) {
		if f != "" && !seen[f] {
			seen[f] = true
			feeds = append(feeds, f)
		}
	}
	return feeds
}

// newWatcher returns the watcher the configuration describes, for feeds.
// serve --watch uses it too.
func newWatcher(cfg config.Config, feeds []string) *ingest.Watcher {
	state := cfg.Watch.StateFile
	if state == "" {
		state = ingest.StatePath(cfg.Index.Path)
	}
	return &ingest.Watcher{
		Feeds:         feeds,
		Every:         cfg.Watch.Every,
		StateFile:     state,
		FetchArticles: cfg.Watch.FetchArticles,
	}
}

// startWatch starts, when there are feeds (those given and those of config
// watch.feeds), a watcher that polls them into ix until ctx ends or stop is
// called, for a process that serves ix. stop returns once the watcher has
// stopped: call it before closing ix.
func startWatch(ctx context.Context, cfg config.Config, ix *index.Index, given []string, log *slog.Logger) (stop func()) {
	feeds := watchFeeds(cfg, given)
	if len(feeds) == 0 {
		return func() {}
	}
	w := newWatcher(cfg, feeds)
	w.Logger = log
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		log.Info("watch: polling", "count", len(feeds), "every", w.Every, "state", w.StateFile)
		if err := w.Run(ctx, ix); err != nil {
			log.Error("watch: stopped", "err", err)
		}
	}()
	return func() { cancel(); <-done }
}
