package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/newsindex/newsindex/index"
)

func init() {
	register(command{name: "reindex", summary: "rebuild an index from its stored articles with the current mapping", run: runReindex})
}

func runReindex(args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	asJSON := fs.Bool("json", false, "print what was done as JSON")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, `usage: newsindex reindex [--index DIR] [--json] [DIR]

Rebuilds the index (DIR, or --index) from its stored articles with the
mapping this newsindex creates, and puts the rebuilt index in its place:
what 'newsindex check' asks for when an index predates per-language
analysis. Every article is kept with its enrichment and story; an article
stored without a language gets one, and one that is not English is
extracted again in its language. The old index stays untouched and
complete until the new one is on disk; a crash or Ctrl-C before leaves it
as it was. Stop 'newsindex serve' on the index first.

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
	if err := bleveOnly(cfg, "reindex", "OpenSearch indexes are rebuilt with `newsindex export` and `newsindex import` into a new index"); err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	log := cfg.Log.Logger()
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
