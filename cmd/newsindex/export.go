package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/newsindex/newsindex/index"
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
	sum, err := importFiles(ctx, ix, fs.Args(), cfg.Ingest.BatchSize, os.Stderr)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	fmt.Fprintf(os.Stderr, "import: %d added, %d replaced, %d rejected into %s\n", sum.Added, sum.Replaced, sum.rejected, where)
	if err != nil {
		return fmt.Errorf("import into %s: %w", where, err)
	}
	if sum.rejected > 0 {
		return fmt.Errorf("%w: %s of them", errRejected, strconv.Itoa(sum.rejected))
	}
	return nil
}

type importSummary struct {
	index.BatchStats
	rejected int
}

// importFiles reads exported articles from paths ("-" is stdin) and adds
// them in batches of size.
func importFiles(ctx context.Context, ix *index.Index, paths []string, size int, progress io.Writer) (importSummary, error) {
	var sum importSummary
	batch := make([]index.Article, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		st, err := ix.AddBatch(ctx, batch)
		if err != nil {
			return err
		}
		sum.Added += st.Added
		sum.Replaced += st.Replaced
		batch = batch[:0]
		return nil
	}
	for _, path := range paths {
		var r io.Reader = os.Stdin
		name := "stdin"
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				return sum, err
			}
			defer f.Close()
			r, name = f, path
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for line := 1; sc.Scan(); line++ {
			if len(sc.Bytes()) == 0 {
				continue
			}
			var a index.Article
			err := json.Unmarshal(sc.Bytes(), &a)
			if err == nil {
				err = index.Normalize(&a)
			}
			if err != nil {
				sum.rejected++
				fmt.Fprintf(progress, "%s:%d: %v\n", name, line, err)
				continue
			}
			batch = append(batch, a)
			if len(batch) == size {
				if err := flush(); err != nil {
					return sum, err
				}
			}
		}
		if err := sc.Err(); err != nil {
			return sum, fmt.Errorf("%s: %w", name, err)
		}
	}
	return sum, flush()
}
