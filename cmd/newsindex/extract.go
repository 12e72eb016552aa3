package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/ingest"
)

func init() {
	register(command{name: "extract", summary: "print the enrichment of articles without indexing them", run: runExtract})
}

func runExtract(args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per article and line")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: extract needs at least one PATH", errUsage)
	}
	_ = asJSON
	x := extract.New(nil)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, p := range fs.Args() {
		err := ingest.ReadFile(p, func(r ingest.Record) error {
			if r.Err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", r.Where(), r.Err)
				return nil
			}
			a := r.Article
			e := x.Extract(extract.Input{Title: a.Title, Body: a.Body, URL: a.URL, Category: a.Category})
			return enc.Encode(map[string]any{"id": a.ID, "title": a.Title, "category": e.Category,
				"category_source": e.CategorySource, "people": nz(e.People), "countries": nz(e.Countries),
				"organizations": nz(e.Organizations), "quotes": e.Quotes, "analysts": nz(e.Analysts)})
		})
		if err != nil {
			return fmt.Errorf("extract %s: %w", p, err)
		}
	}
	return nil
}

func nz(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
