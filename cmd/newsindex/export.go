package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/ingest"
)

func init() {
	register(command{name: "export", summary: "write every article with its enrichment as JSON Lines (a copy, or a move to another backend)", run: runExport})
	register(command{name: "import", summary: "add articles written by export to the index, enrichment and stories kept", run: runImport})
}

func runExport(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	out := fs.String("out", "", "write to this file (atomically) instead of standard output")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex export [--index DIR] [--config FILE] [--out FILE]\n\n"+
			"Writes every article of the index, one JSON object a line, in ID order: what the\n"+
			"source gave and the enrichment (people, countries, organizations, quotes, analysts,\n"+
			"category and its source, story). `newsindex import` adds them to another index as\n"+
			"they are (the way from a bleve index to OpenSearch: see docs/scale-out.md);\n"+
			"`newsindex ingest` reads them too, as articles to enrich afresh.\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, nil)
	if err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	ctx, stop := signalContext()
	defer stop()
	ix, where, err := openIndex(ctx, cfg, cfg.Log.Logger().With("component", "export"), mustExist)
	if err != nil {
		return err
	}
	defer ix.Close()
	start := time.Now()
	n := 0
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		err := ix.Each(ctx, func(a index.Article) error {
			n++
			return enc.Encode(a)
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	if *out == "" {
		err = write(os.Stdout)
	} else {
		_, err = writeAtomically(*out, write)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", where, err)
	}
	fmt.Fprintf(os.Stderr, "export: %d articles from %s in %s\n", n, where, time.Since(start).Round(time.Millisecond))
	return nil
}

func runImport(args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.Int("batch-size", 0, "articles per durable batch (config ingest.batch_size)")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex import [--index DIR] [--config FILE] FILE...|-\n\n"+
			"Adds the articles `newsindex export` wrote to the configured index (index.backend),\n"+
			"keeping their enrichment and stories: nothing is extracted again, so a move between\n"+
			"backends costs only the writing. Bad lines are reported as file:line: reason and skipped.\n"+
			"Exit status: 0 all went in, 1 some lines were rejected, 2 usage error.\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"batch-size": "ingest.batch_size"})
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: import needs at least one FILE (or -)", errUsage)
	}
	ctx, stop := signalContext()
	defer stop()
	log := cfg.Log.Logger().With("component", "import")
	ix, where, err := openIndex(ctx, cfg, log, createIfMissing)
	if err != nil {
		return err
	}
	sum, err := ingest.Run(ctx, ix, fs.Args(), os.Stdin, ingest.Options{
		BatchSize: cfg.Ingest.BatchSize, Progress: os.Stderr, Logger: log, Source: ingest.Exported{}, Name: "import",
	})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	fmt.Fprintf(os.Stderr, "import: %d added, %d replaced, %d rejected into %s\n", sum.Added, sum.Replaced, sum.Rejected, where)
	if err != nil {
		return fmt.Errorf("import into %s: %w", where, err)
	}
	if sum.Rejected > 0 {
		return fmt.Errorf("%w: %s of them", errRejected, strconv.Itoa(sum.Rejected))
	}
	return nil
}
