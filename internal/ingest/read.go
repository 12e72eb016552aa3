// Package ingest reads articles from files and streams in the formats news
// arrives in, and feeds them to an index in batches.
package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsindex/newsindex/index"
)

// Record is one article read from input, or the reason it was rejected.
type Record struct {
	Article index.Article
	Path    string // file name, "-" for standard input
	Line    int    // 1-based line of the record in its file; 0 when the file is one record
	Err     error  // non-nil: the record is rejected, Article is incomplete
}

// Where returns "path:line" (or "path") for messages.
func (r Record) Where() string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d", r.Path, r.Line)
	}
	return r.Path
}

// ReadFile reads the articles of one file, choosing the format by extension and content.
func ReadFile(path string, fn func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Read(f, path, fn)
}

// Read reads articles from r; name is used in messages and to guess the format.
func Read(r io.Reader, name string, fn func(Record) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	head, _ := br.Peek(512)
	trim := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(trim) > 0 && trim[0] == '{' || strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson") {
		return readJSONL(br, name, fn)
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	a := index.Article{Title: strings.TrimSpace(lines[0]), Body: strings.TrimSpace(strings.Join(lines[1:], "\n"))}
	return fn(Record{Article: a, Path: name})
}

func readJSONL(br *bufio.Reader, name string, fn func(Record) error) error {
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		rec := Record{Path: name, Line: line}
		if err := json.Unmarshal(b, &rec.Article); err != nil {
			rec.Err = fmt.Errorf("malformed JSON: %w", err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return sc.Err()
}
