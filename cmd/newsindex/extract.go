package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/ingest"
)

func init() {
	register(command{name: "extract", summary: "print the enrichment of articles without indexing them", run: runExtract})
}

// extracted is one line of `extract --json`.
type extracted struct {
	ID             string        `json:"id"`
	Title          string        `json:"title"`
	Category       string        `json:"category"`
	CategorySource string        `json:"category_source"`
	Language       string        `json:"language"`
	LanguageSource string        `json:"language_source"`
	People         []string      `json:"people"`
	Countries      []string      `json:"countries"`
	Places         []string      `json:"places"`
	Organizations  []string      `json:"organizations"`
	Quotes         []index.Quote `json:"quotes"`
	Analysts       []string      `json:"analysts"`
	// Cleanup is what clean-up removed from a page's text (--explain).
	Cleanup *ingest.Cleanup `json:"cleanup,omitempty"`
}

func runExtract(args []string) error { return extract(os.Stdout, args) }

// extract is runExtract writing to w.
func extract(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	cfgFile := fs.String("config", "", "config file (default: ./config.yaml if present)")
	asJSON := fs.Bool("json", false, "print one JSON object per article and line")
	explain := fs.Bool("explain", false, "show what each clean-up step removed from a page's text, and what it spared")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (docs/benchmark.md: where extraction's time goes)")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex extract [--json] [--explain] [--cpuprofile FILE] PATH...\n\n"+
			"Prints each article's people, countries, places, organizations, quotes, analysts and category;\n"+
			"with --explain, also what clean-up removed from HTML and text pages and why.\n\n")
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, nil)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: extract needs at least one PATH", errUsage)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	// An in-memory index enriches exactly as ingest does, in parallel.
	ix, err := index.OpenMem(indexOptions(cfg, nil))
	if err != nil {
		return err
	}
	defer ix.Close()
	out := bufio.NewWriter(w)
	defer out.Flush()
	const chunk = 256
	var batch []index.Article
	var cleanups []*ingest.Cleanup // of the articles in batch, with --explain
	rejected := 0
	flush := func() error {
		ix.Enrich(batch)
		for i, a := range batch {
			e := extracted{ID: a.ID, Title: a.Title, Category: a.Category, CategorySource: a.CategorySource,
				Language: a.Language, LanguageSource: a.LanguageSource, People: a.People, Countries: a.Countries, Places: a.Places, Organizations: a.Organizations, Quotes: a.Quotes, Analysts: a.Analysts}
			if *explain {
				e.Cleanup = cleanups[i]
			}
			if *asJSON {
				if err := printJSON(out, e); err != nil {
					return err
				}
				continue
			}
			printExtracted(out, e)
		}
		batch, cleanups = batch[:0], cleanups[:0]
		return nil
	}
	skipped := ingest.SkippedFiles{}
	err = ingest.Walk(fs.Args(), os.Stdin, func(r ingest.Record) error {
		if skip, ok := errors.AsType[*ingest.SkippedError](r.Err); ok {
			skipped[skip.Type]++
			return nil
		}
		err := r.Err
		if err == nil {
			err = index.Normalize(&r.Article)
		}
		if err != nil {
			rejected++
			fmt.Fprintf(os.Stderr, "%s: %v\n", r.Where(), err)
			return nil
		}
		batch, cleanups = append(batch, r.Article), append(cleanups, r.Cleanup)
		if len(batch) == chunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if skipped.Total() > 0 {
		fmt.Fprintf(os.Stderr, "extract: skipped %s\n", skipped)
	}
	if rejected > 0 {
		return fmt.Errorf("%w: %d of them", errRejected, rejected)
	}
	return nil
}

func printExtracted(w *bufio.Writer, e extracted) {
	fmt.Fprintf(w, "%s\n  id: %s\n  language: %s (%s)\n  category: %s (%s)\n", e.Title, e.ID, e.Language, e.LanguageSource, e.Category, e.CategorySource)
	for _, l := range []struct {
		name string
		vs   []string
	}{{"people", e.People}, {"countries", e.Countries}, {"places", e.Places}, {"organizations", e.Organizations}, {"analysts", e.Analysts}} {
		fmt.Fprintf(w, "  %s: %s\n", l.name, strings.Join(l.vs, "; "))
	}
	for _, q := range e.Quotes {
		text := q.Text
		if q.Direct {
			text = "“" + text + "”"
		}
		who := q.Speaker
		if q.Affiliation != "" {
			who += ", " + q.Affiliation
		}
		if who == "" {
			who = "speaker not found" // quotation marks alone, as in other languages
		}
		var about []string
		for _, s := range []string{q.Role, q.Cue} {
			if s != "" {
				about = append(about, s)
			}
		}
		if q.Described {
			about = append(about, "described, no name") // a description no person named fits alone
		}
		if q.Mention != "" && q.Mention != q.Speaker {
			about = append(about, "as “"+q.Mention+"”") // how the article named them there
		}
		line := "  quote: " + text + " — " + who
		if len(about) > 0 {
			line += " [" + strings.Join(about, ", ") + "]"
		}
		fmt.Fprintln(w, line)
	}
	if c := e.Cleanup; c != nil {
		printCleanup(w, c)
	}
	fmt.Fprintln(w)
}

// printCleanup prints what each clean-up step removed ("-") and spared
// ("+") in a page's text.
func printCleanup(w *bufio.Writer, c *ingest.Cleanup) {
	fmt.Fprintf(w, "  clean-up: %d of %d extracted words removed", c.CutWords(), c.Extracted)
	if c.Restored {
		fmt.Fprint(w, ", too much: the extracted text was kept uncut")
	}
	fmt.Fprintln(w)
	for _, s := range c.Cuts {
		fmt.Fprintf(w, "    %s: %d words\n", s.Step, s.Words)
		for _, r := range s.Removed {
			fmt.Fprintf(w, "      - %s\n", r)
		}
		for _, r := range s.Spared {
			fmt.Fprintf(w, "      + %s\n", r)
		}
	}
}

// startCPUProfile starts a CPU profile written to path; the function it
// returns stops it and closes the file.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "cpu profile %s: %v\n", path, err)
		}
	}, nil
}
