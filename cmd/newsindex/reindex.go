package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
)

func init() {
	register(command{name: "reindex", summary: "rebuild an index from its stored articles with the current mapping", run: runReindex})
}

func runReindex(args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	asJSON := fs.Bool("json", false, "print what was done as JSON")
	deleteOld := fs.Bool("delete-old", false, "OpenSearch: delete the old index once the alias has moved (kept, read-only, by default)")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, `usage: newsindex reindex [--index DIR] [--json] [DIR]
       newsindex reindex [--delete-old] [--json]      (index.backend: opensearch)

Rebuilds the index (DIR, or --index) from its stored articles with the
mapping this newsindex creates, and puts the rebuilt index in its place:
what 'newsindex check' asks for when an index predates per-language
analysis. Every article is kept with its enrichment and story; an article
stored without a language gets one, and one that is not English is
extracted again in its language. The old index stays untouched and
complete until the new one is on disk; a crash or Ctrl-C before leaves it
as it was. Stop 'newsindex serve' on the index first.

On OpenSearch (index.backend: opensearch) the articles are written into
the next versioned index (<alias>-v<N+1>) and the alias moves to it in one
request once it holds them all. The old index is blocked for writes
meanwhile (a writer fails rather than be missed), and kept read-only
afterwards, unless --delete-old; a failure leaves the alias as it was.

`)
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, nil)
	if err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
	case 1:
		cfg.Index.Path = fs.Arg(0)
	default:
		return fmt.Errorf("%w: want at most one index folder, got %q", errUsage, fs.Args())
	}
	ctx, stop := signalContext()
	defer stop()
	log := cfg.Log.Logger()
	if cfg.Index.Backend == config.BackendOpenSearch {
		return reindexOpenSearch(ctx, cfg, log, *deleteOld, *asJSON)
	}
	if *deleteOld {
		return fmt.Errorf("%w: --delete-old is for OpenSearch: a bleve index is replaced in place", errUsage)
	}
	st, err := index.Reindex(ctx, cfg.Index.Path, indexOptions(cfg, log.With("component", "reindex")))
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w\nstop the server on it first: a reindex needs the index to itself", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Printf("reindex: %s: %d articles and %d quotes rebuilt with mapping %d (was %d); %d got a language, %d of them extracted again; %.1fs\n",
		cfg.Index.Path, st.Articles, st.Quotes, st.To, st.From, st.Decided, st.Reextracted, st.TookMS/1000)
	return nil
}

func reindexOpenSearch(ctx context.Context, cfg config.Config, log *slog.Logger, deleteOld, asJSON bool) error {
	oc := openSearchConfig(cfg)
	st, err := index.ReindexOpenSearch(ctx, oc, indexOptions(cfg, log.With("component", "reindex")))
	if err != nil {
		return err
	}
	kept := st.OldIndex + " is kept, read-only (DELETE /" + st.OldIndex + " removes it)"
	if deleteOld {
		if err := index.DeleteOldOpenSearchIndex(ctx, oc, st.OldIndex); err != nil {
			return fmt.Errorf("the alias moved to %s, but the old index stays: %w", st.NewIndex, err)
		}
		kept = st.OldIndex + " is deleted"
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Printf("reindex: alias %s now on %s: %d articles and %d quotes rebuilt with mapping %d (was %d); %d got a language, %d of them extracted again; %.1fs; %s\n",
		oc.Index, st.NewIndex, st.Articles, st.Quotes, st.To, st.From, st.Decided, st.Reextracted, st.TookMS/1000, kept)
	return nil
}
