package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/newsindex/newsindex/internal/ingest"
)

func init() {
	register(command{name: "ingest", summary: "add articles from files, folders or - (stdin) to the index", run: runIngest})
}

func runIngest(args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.Int("batch-size", 0, "articles per durable batch (config ingest.batch_size)")
	fetchArticles := fs.Bool("fetch-articles", false, "fetch the linked page of feed items that carry only a summary")
	verbose := fs.Bool("verbose", false, "name each file of a folder skipped for its type")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex ingest [--index DIR] [--config FILE] [--verbose] PATH...\n\n"+
			"Reads JSON Lines, JSON, plain-text and HTML articles and RSS, Atom and JSON feeds from\n"+
			"files, folders (recursively), URLs, list files of URLs, and - (standard input).\n"+
			"Bad records are reported as file:line: reason and skipped. Files of a folder that no\n"+
			"format reads (.png, .pdf) are counted in the summary by type.\n"+
			"Exit status: 0 all went in, 1 some records were rejected or no article was read,\n"+
			"2 usage error.\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"batch-size": "ingest.batch_size"})
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: ingest needs at least one PATH", errUsage)
	}
	log := cfg.Log.Logger().With("component", "ingest")
	ingest.TuneGCForBulk()
	ctx, stop := signalContext()
	defer stop()
	ix, where, err := openIndex(ctx, cfg, log, createIfMissing)
	if err != nil {
		return err
	}
	sum, err := ingest.Run(ctx, ix, fs.Args(), os.Stdin, ingest.Options{
		BatchSize: cfg.Ingest.BatchSize, Progress: os.Stderr, Logger: log,
		Source: &ingest.Walker{FetchArticles: *fetchArticles, Logger: log}, Verbose: *verbose,
	})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("ingest into %s: %w", where, err)
	}
	if sum.Added+sum.Replaced == 0 {
		from := fmt.Sprintf("any of %d paths", fs.NArg())
		switch {
		case fs.NArg() > 1:
		case fs.Arg(0) == "-":
			from = "standard input"
		default:
			from = fs.Arg(0)
		}
		return fmt.Errorf("%w from %s", errNothingRead, from)
	}
	if sum.Rejected > 0 {
		return fmt.Errorf("%w: %s of them", errRejected, strconv.Itoa(sum.Rejected))
	}
	return nil
}
