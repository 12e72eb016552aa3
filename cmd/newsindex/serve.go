package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/ingest"
	"github.com/newsindex/newsindex/internal/server"
)

func init() {
	register(command{name: "serve", summary: "serve the search page and the JSON API", run: runServe})
}

func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.String("addr", "", "listen address (config server.addr, default 127.0.0.1:8080)")
	fs.String("api-key", "", "require this bearer key on writes (config server.api_key)")
	demoMode := fs.Bool("demo", false, "index the built-in sample articles first (into a temporary index unless --index is given)")
	var watch multi
	fs.Var(&watch, "watch", "poll this feed while serving and index its new items (repeatable; config watch.feeds)")
	fs.Duration("every", 0, "time between polls of the watched feeds (config watch.every, default 10m)")
	fs.Bool("fetch-articles", false, "fetch the page of watched items that carry only a summary (config watch.fetch_articles)")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex serve [--index DIR] [--addr HOST:PORT] [--demo] [--watch FEED --every 10m]\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"addr": "server.addr", "api-key": "server.api_key",
		"every": "watch.every", "fetch-articles": "watch.fetch_articles"})
	if err != nil {
		return err
	}
	log := cfg.Log.Logger()
	indexSet := false
	fs.Visit(func(f *flag.Flag) { indexSet = indexSet || f.Name == "index" })

	ctx, stop := signalContext()
	defer stop()

	path := cfg.Index.Path
	if *demoMode && !indexSet && cfg.Index.Backend == config.BackendBleve {
		dir, err := os.MkdirTemp("", "newsindex-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = dir + "/index"
		cfg.Index.Path = path
	}
	// A server may start first and be fed over POST /api/articles.
	ix, where, err := openIndex(ctx, cfg, log.With("component", "index"), createIfMissing)
	if err != nil {
		return err
	}
	path = where
	defer ix.Close()
	if *demoMode {
		sum, err := ingest.Run(ctx, ix, []string{"-"}, bytes.NewReader(demo.JSONL()), ingest.Options{BatchSize: cfg.Ingest.BatchSize})
		if err != nil {
			return fmt.Errorf("demo articles: %w", err)
		}
		log.Info("demo articles indexed", "count", sum.Added+sum.Replaced, "path", path)
	}

	// A search's facets are counted from the index's fields, read into
	// memory on first use: read them now rather than on a reader's first
	// query.
	go func() {
		start := time.Now()
		if _, err := ix.Search(ctx, index.SearchRequest{Size: 1}); err == nil {
			log.Debug("facet fields read", "took", time.Since(start))
		}
	}()

	l := cfg.Limits
	srv, err := server.New(ix, server.Options{Logger: log.With("component", "server"), MaxBodyBytes: cfg.Server.MaxBodyBytes,
		APIKey: cfg.Server.APIKey, AuthReads: cfg.Server.AuthReads,
		Limits: server.Limits{MaxPageSize: l.MaxPageSize, MaxFacetSize: l.MaxFacetSize, MaxQueryBytes: l.MaxQueryBytes, MinPrefix: l.MinPrefix, MaxExport: l.MaxExport}})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadTimeout:       cfg.Server.ReadTimeout,
		ReadHeaderTimeout: cfg.Server.ReadTimeout,
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       cfg.Server.IdleTimeout,
		MaxHeaderBytes:    server.MaxHeaderBytes,
	}
	// The watcher writes through this process's index: one process may
	// write an index, so watching while serving happens here.
	stopWatch := startWatch(ctx, cfg, ix, watch, log.With("component", "watch"))
	defer stopWatch() // runs before the deferred ix.Close
	fmt.Fprintf(os.Stderr, "newsindex: serving %s on http://%s/\n", path, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	log.Info("shutting down")
	return hs.Shutdown(shutdown)
}
