// Command newsindex-bench measures newsindex against two engines a user
// would otherwise pick: bleve with its plain defaults and SQLite FTS5.
//
// It builds a corpus of N articles (replaying a JSON Lines file with new IDs
// when the file is shorter), ingests it into each engine, and runs a fixed
// query mix with one client and with several concurrent clients. It prints
// one table and writes it as JSON:
//
//	go run ./cmd/newsindex-bench [-n 100000] [-corpus FILE.jsonl] [-out bench.json]
//	        [-clients 8] [-duration 20s] [-work DIR] [-engines newsindex,bleve,fts5]
//	        [-cpuprofile PREFIX] [-memprofile PREFIX] [-reuse]
//
// With -work DIR -reuse, a run queries the indexes an earlier run left in DIR
// and reports that run's ingest figures: a change to searching alone is
// measured again in minutes rather than the ingest's hour at a million.
//
// Each engine's ingest phase and its serve phase run in a child process of
// the bench (the binary re-executes itself with a hidden -child flag), so
// the peak resident memory reported is that engine's alone. newsindex is
// measured in-process through index.Search, the library call the HTTP
// server makes.
//
// The engines:
//
//   - newsindex: index.Create and ingest.Run, as `newsindex ingest` does,
//     with full enrichment and the configured batch size (500 by default).
//   - bleve: the default mapping with the en analyzer as default analyzer,
//     documents {title, body, source, day} (source and day as keyword
//     fields so that it can count them), batches of 1,000.
//   - fts5: SQLite FTS5 through modernc.org/sqlite, tokenize='porter', one
//     transaction per 1,000 rows; id, source and day are UNINDEXED columns.
//
// The second mode serves a peer for the relevance harness:
//
//	newsindex-bench peer-serve -engine bleve|fts5 -addr HOST:PORT -corpus FILE.jsonl
//
// indexes the file (IDs kept, title and body only) and answers
// GET /api/search?q=&size= with {"total", "hits":[{"id"}]}: plain bleve runs a
// match query with operator AND over the _all field; FTS5 ANDs the quoted
// words and orders by bm25.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const usageText = `usage: newsindex-bench [flags]
       newsindex-bench peer-serve -engine bleve|fts5 -addr HOST:PORT -corpus FILE.jsonl

Builds a corpus of -n articles, ingests it into newsindex, plain bleve and
SQLite FTS5, runs the query mix with 1 and -clients clients, prints the table
and writes it as JSON to -out.

flags:
`

// benchFlags are the flags of a benchmark run.
type benchFlags struct {
	n          int
	corpus     string
	out        string
	clients    int
	duration   time.Duration
	work       string
	engines    string
	cpuprofile string
	memprofile string
	// reuse keeps the indexes a run left in work and measures their
	// queries again, without ingesting.
	reuse bool
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("cmd", "newsindex-bench")
	slog.SetDefault(log)
	if len(os.Args) > 2 && os.Args[1] == "-child" {
		if err := childMain(os.Args[2]); err != nil {
			fmt.Fprintf(os.Stderr, "newsindex-bench child: %v\n", err)
			os.Exit(1)
		}
		return
	}
	var err error
	if len(os.Args) > 1 && os.Args[1] == "peer-serve" {
		err = peerServeMain(os.Args[2:])
	} else {
		err = benchMain(os.Args[1:])
	}
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintf(os.Stderr, "newsindex-bench: %v\n", err)
		os.Exit(1)
	}
}

func benchMain(args []string) error {
	fs := flag.NewFlagSet("newsindex-bench", flag.ContinueOnError)
	var f benchFlags
	fs.IntVar(&f.n, "n", 100000, "number of articles in the corpus")
	fs.StringVar(&f.corpus, "corpus", filepath.Join("..", "shared", "data", "corpus.jsonl"), "JSON Lines articles to replay")
	fs.StringVar(&f.out, "out", "bench.json", "write the table as JSON to this file (empty: do not)")
	fs.IntVar(&f.clients, "clients", 8, "concurrent clients of the second query run")
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "query time per engine and client count, shared by the query kinds")
	fs.StringVar(&f.work, "work", "", "folder for the corpus and indexes (default: a temporary one, removed after)")
	fs.StringVar(&f.engines, "engines", strings.Join(engineNames, ","), "engines to run, comma-separated")
	fs.StringVar(&f.memprofile, "memprofile", "", "write heap profiles of each engine's ingest, every 15 s while it runs, to PREFIX.ENGINE-ingest.heap.pprof, and after its queries to PREFIX.ENGINE-serve.heap.pprof")
	fs.BoolVar(&f.reuse, "reuse", false, "with -work: query the indexes an earlier run with the same -n left there, without ingesting again")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write CPU profiles of each engine's ingest and of each kind of query to PREFIX.ENGINE-PHASE.pprof (PHASE: ingest, single, two, phrase, category, analyst, full)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageText)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if f.reuse && f.work == "" {
		return errors.New("-reuse needs -work, the folder of an earlier run")
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own binary: %w", err)
	}
	rep, err := run(f, self, os.Stderr)
	if rep != nil {
		rep.print(os.Stdout)
		if f.out != "" {
			b, jerr := json.MarshalIndent(rep, "", "  ")
			if jerr == nil {
				jerr = os.WriteFile(f.out, append(b, '\n'), 0o644)
			}
			if jerr != nil && err == nil {
				err = fmt.Errorf("write %s: %w", f.out, jerr)
			}
		}
	}
	return err
}

// childMain runs one phase of one engine, as described by the spec file,
// and writes the result next to it.
func childMain(specPath string) error {
	b, err := os.ReadFile(specPath)
	if err != nil {
		return fmt.Errorf("read spec: %w", err)
	}
	var s childSpec
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("parse spec %s: %w", specPath, err)
	}
	res := runChild(s)
	out, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	return os.WriteFile(s.Result, out, 0o644)
}

// startChild runs self as a child on the spec and returns its result.
func startChild(self string, s childSpec, stderr *os.File) (*childResult, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode spec: %w", err)
	}
	spec := strings.TrimSuffix(s.Result, ".json") + "-spec.json"
	if err := os.WriteFile(spec, b, 0o644); err != nil {
		return nil, fmt.Errorf("write spec: %w", err)
	}
	cmd := exec.Command(self, "-child", spec)
	cmd.Stdout = stderr
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("child %s %s: %w", s.Engine, s.Phase, err)
	}
	rb, err := os.ReadFile(s.Result)
	if err != nil {
		return nil, fmt.Errorf("child %s %s: %w", s.Engine, s.Phase, err)
	}
	var r childResult
	if err := json.Unmarshal(rb, &r); err != nil {
		return nil, fmt.Errorf("child %s %s result: %w", s.Engine, s.Phase, err)
	}
	r.CPUSeconds = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	return &r, nil
}
