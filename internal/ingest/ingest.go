package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/newsindex/newsindex/index"
)

// Options configure Run.
type Options struct {
	// BatchSize is the number of articles written per durable batch.
	BatchSize int
	// Progress receives a progress line every ProgressEvery, the rejected
	// records as "file:line: reason", and the final summary. nil: io.Discard.
	Progress      io.Writer
	ProgressEvery time.Duration
	Logger        *slog.Logger
	// Source reads the records under the paths: a *Walker (URLs, list files,
	// linked pages), or Exported. nil: a zero Walker.
	Source Source
	// Name opens the progress and summary lines; "" is "ingest".
	Name string
	// Verbose: Progress also names each file skipped for its type, as
	// "path: skipped: no format reads .png files".
	Verbose bool
}

// Source reads the records under paths ("-" is stdin) and gives them to fn
// in order, stopping at fn's first error.
type Source interface {
	Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(Record) error) error
}

// Summary counts what a run did. Every article counted as Added or Replaced
// is durable in the index.
type Summary struct {
	Added, Replaced, Rejected int
	Skipped                   SkippedFiles // files of folders not read, for their type
	Bytes                     int64        // title and body bytes of the articles written
	Elapsed                   time.Duration
}

// SkippedFiles counts skipped files by type (see SkippedError).
type SkippedFiles map[string]int

// Total returns the number of files skipped.
func (s SkippedFiles) Total() int {
	n := 0
	for _, c := range s {
		n += c
	}
	return n
}

// String reads "12 files: 9 .png, 3 .pdf", the most frequent type first.
func (s SkippedFiles) String() string {
	types := slices.Collect(maps.Keys(s))
	slices.SortFunc(types, func(a, b string) int {
		if c := cmp.Compare(s[b], s[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	parts := make([]string, len(types))
	for i, t := range types {
		if t == "" {
			t = "without extension"
		}
		parts[i] = fmt.Sprintf("%d %s", s[types[i]], t)
	}
	files := "files"
	if s.Total() == 1 {
		files = "file"
	}
	return fmt.Sprintf("%d %s: %s", s.Total(), files, strings.Join(parts, ", "))
}

// Rate returns articles written per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Added+s.Replaced) / s.Elapsed.Seconds()
}

// String is the summary line.
func (s Summary) String() string {
	mb := float64(s.Bytes) / 1e6
	secs := s.Elapsed.Seconds()
	mbps := 0.0
	if secs > 0 {
		mbps = mb / secs
	}
	line := fmt.Sprintf("added %d, replaced %d, rejected %d in %.1fs (%.0f articles/s, %.2f MB/s)",
		s.Added, s.Replaced, s.Rejected, secs, s.Rate(), mbps)
	if s.Skipped.Total() > 0 {
		line += "; skipped " + s.Skipped.String()
	}
	return line
}

// Run reads every article under paths ("-" is stdin) and writes them to ix
// in batches. Bad records are reported and skipped; files skipped for their
// type are counted in the Summary. Enrichment of a batch
// overlaps with the writing of the one before, and batches are written in
// input order, so when an ID repeats the later article wins. Run returns
// the summary of what is durable, and an error only when the index fails
// or ctx ends. Once everything is written it merges the index's segments
// (Index.Compact), and the time it takes counts in the summary's rate.
func Run(ctx context.Context, ix *index.Index, paths []string, stdin io.Reader, opts Options) (Summary, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 500
	}
	if opts.Progress == nil {
		opts.Progress = io.Discard
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 2 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Name == "" {
		opts.Name = "ingest"
	}
	start := time.Now()
	var sum Summary

	// Stage 1 (this goroutine): read and validate, cut batches.
	// Stage 2: enrich a batch. Stage 3: write it. Channels of one slot let
	// each stage work on its own batch at once.
	enrichQ := make(chan []index.Article, 1)
	writeQ := make(chan []index.Article, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	go func() {
		defer close(writeQ)
		for b := range enrichQ {
			ix.Enrich(b)
			select {
			case writeQ <- b:
			case <-ctx.Done():
				return
			}
		}
	}()

	writeErr := make(chan error, 1)
	lastProgress := start
	go func() {
		var err error
		for b := range writeQ {
			if err != nil {
				continue // drain
			}
			var st index.BatchStats
			st, err = ix.AddBatch(ctx, b)
			if err != nil {
				cancel()
				continue
			}
			sum.Added += st.Added
			sum.Replaced += st.Replaced
			for i := range b {
				sum.Bytes += int64(len(b[i].Title) + len(b[i].Body))
			}
			if now := time.Now(); now.Sub(lastProgress) >= opts.ProgressEvery {
				lastProgress = now
				n := sum.Added + sum.Replaced
				fmt.Fprintf(opts.Progress, "%s: %d articles written, %.0f/s\n", opts.Name, n, float64(n)/now.Sub(start).Seconds())
			}
		}
		writeErr <- err
	}()

	batch := make([]index.Article, 0, opts.BatchSize)
	rejected := 0
	skipped := SkippedFiles{}
	src := opts.Source
	if src == nil {
		src = new(Walker)
	}
	readErr := src.Walk(ctx, paths, stdin, func(r Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if skip, ok := errors.AsType[*SkippedError](r.Err); ok {
			skipped[skip.Type]++
			if opts.Verbose {
				fmt.Fprintf(opts.Progress, "%s: %v\n", r.Where(), r.Err)
			}
			return nil
		}
		err := r.Err
		if err == nil {
			err = index.Normalize(&r.Article)
		}
		if err != nil {
			rejected++
			fmt.Fprintf(opts.Progress, "%s: %v\n", r.Where(), err)
			return nil
		}
		batch = append(batch, r.Article)
		if len(batch) == opts.BatchSize {
			select {
			case enrichQ <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]index.Article, 0, opts.BatchSize)
		}
		return nil
	})
	if len(batch) > 0 && readErr == nil {
		select {
		case enrichQ <- batch:
		case <-ctx.Done():
		}
	}
	close(enrichQ)
	werr := <-writeErr
	var compactErr error
	if werr == nil && readErr == nil && sum.Added+sum.Replaced > 0 {
		// The segments the batches left are merged before Run returns,
		// so the rate reported counts the merging (see Index.Compact).
		fmt.Fprintf(opts.Progress, "%s: merging segments\n", opts.Name)
		compactErr = ix.Compact(ctx)
	}
	sum.Rejected = rejected
	sum.Skipped = skipped
	sum.Elapsed = time.Since(start)
	fmt.Fprintf(opts.Progress, "%s: %s\n", opts.Name, sum)
	switch {
	case werr != nil:
		return sum, fmt.Errorf("write: %w", werr)
	case compactErr != nil:
		// Every batch is durable; only the merging stopped.
		return sum, compactErr
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return sum, fmt.Errorf("read: %w", readErr)
	case readErr != nil:
		return sum, readErr
	}
	return sum, nil
}
