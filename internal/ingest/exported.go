package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Exported is the Source of the JSON lines `newsindex export` writes: whole
// articles with their enrichment and story, which Run writes as they are,
// since the index extracts nothing an article already holds.
type Exported struct{}

// Walk reads each path ("-" is stdin) a line at a time.
func (Exported) Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(Record) error) error {
	for _, path := range paths {
		if err := walkExported(ctx, path, stdin, fn); err != nil {
			return err
		}
	}
	return nil
}

func walkExported(ctx context.Context, path string, stdin io.Reader, fn func(Record) error) error {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxRecordSize)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(sc.Bytes()) == 0 {
			continue
		}
		rec := Record{Path: path, Line: line}
		rec.Err = json.Unmarshal(sc.Bytes(), &rec.Article)
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
