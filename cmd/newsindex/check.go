package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/newsindex/newsindex/index"
)

func init() {
	register(command{name: "check", summary: "verify an index: documents decode, counts agree, articles are found", run: runCheck})
}

func runCheck(args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.String("server", "", "check the index served at this URL through GET /api/admin/check (config server.url)")
	fs.String("api-key", "", "bearer key the server wants on writes (config server.api_key)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, `usage: newsindex check [--index DIR] [--json]
       newsindex check --server URL [--api-key KEY] [--json]

Verifies an index: every document decodes, the quotes stored agree with the
quotes the articles list, and every article is found by its ID and by its
title; and says when the index predates a change of mapping, which
'newsindex reindex' rebuilds. Exits 1 when a problem is found or the index
needs a reindex. An index that 'newsindex serve' holds can only be checked
by the server: pass --server.

`)
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"server": "server.url", "api-key": "server.api_key"})
	if err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	ctx, stop := signalContext()
	defer stop()

	var rep index.CheckReport
	if cfg.Server.URL != "" {
		if err := callServer(ctx, http.MethodGet, cfg.Server.URL, "/api/admin/check", cfg.Server.APIKey, nil, &rep); err != nil {
			return fmt.Errorf("check through %s: %w", cfg.Server.URL, err)
		}
		rep.Path = cfg.Server.URL
	} else {
		if err := bleveOnly(cfg, "check", "OpenSearch checks its own shards (GET _cluster/health)"); err != nil {
			return err
		}
		rep, err = index.Check(ctx, cfg.Index.Path)
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("%w\nthe index is served: check it through the server with `newsindex check --server http://%s`", err, cfg.Server.Addr)
		}
		if err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printCheck(os.Stdout, &rep)
	}
	switch {
	case !rep.OK():
		return fmt.Errorf("%s: %d problems", rep.Path, rep.ProblemCount)
	case rep.NeedsReindex:
		return fmt.Errorf("%s: needs a reindex", rep.Path)
	}
	return nil
}

// printCheck writes a check report for people.
func printCheck(w io.Writer, r *index.CheckReport) {
	verdict := "ok"
	if !r.OK() {
		verdict = fmt.Sprintf("%d PROBLEMS", r.ProblemCount)
	}
	if r.NeedsReindex {
		verdict += ", NEEDS REINDEX"
	}
	fmt.Fprintf(w, "check: %s: %s: %d articles, %d quotes (%d listed), %d documents; %d found by id, %d by title\n",
		r.Path, verdict, r.Articles, r.Quotes, r.QuotesListed, r.Documents, r.FoundByID, r.FoundByTitle)
	if r.NeedsReindex {
		fmt.Fprintf(w, "  the index has mapping %d, which predates %s;\n"+
			"  rebuild it with `newsindex reindex --index %s` (the server stopped first)\n", r.Mapping, r.MissingChanges, r.Path)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
	if n := r.ProblemCount - len(r.Problems); n > 0 {
		fmt.Fprintf(w, "  … and %d more\n", n)
	}
}
