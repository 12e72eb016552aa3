package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

// corpusInfo describes the corpus a run built.
type corpusInfo struct {
	Source   string `json:"source"`   // the file replayed
	Articles int    `json:"articles"` // articles written
	Distinct int    `json:"distinct"` // articles of the source file used
	Bytes    int64  `json:"bytes"`    // title + body bytes
	// TopSource is the most frequent source, the peers' stand-in for a
	// category filter.
	TopSource string `json:"top_source"`
}

// doc is what the peers index of an article.
type doc struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Source    string `json:"source"`
	Published string `json:"published"`
}

// day returns the published day (YYYY-MM-DD), or "" when there is none.
func (d *doc) day() string {
	if len(d.Published) >= 10 {
		return d.Published[:10]
	}
	return ""
}

// newScanner returns a line scanner that accepts long articles.
func newScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	return sc
}

// buildCorpus writes n articles to dst by replaying the JSON Lines file src:
// the first pass keeps the IDs, later passes append "~rK" to them so that
// every article is new. Lines that are not JSON objects are skipped.
func buildCorpus(src, dst string, n int) (corpusInfo, error) {
	info := corpusInfo{Source: src}
	in, err := os.Open(src)
	if err != nil {
		return info, fmt.Errorf("corpus: %w", err)
	}
	defer in.Close()
	var lines []map[string]json.RawMessage
	sc := newScanner(in)
	for sc.Scan() && len(lines) < n {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m == nil {
			continue
		}
		lines = append(lines, m)
	}
	if err := sc.Err(); err != nil {
		return info, fmt.Errorf("corpus %s: %w", src, err)
	}
	if len(lines) == 0 {
		return info, fmt.Errorf("corpus %s: no articles", src)
	}
	info.Distinct = len(lines)
	// Written beside and renamed into place: an engine of an earlier run
	// may still be reading the last one.
	tmp := dst + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return info, fmt.Errorf("corpus: %w", err)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	sources := map[string]int{}
	for i := range n {
		m := lines[i%len(lines)]
		pass := i / len(lines)
		var id string
		_ = json.Unmarshal(m["id"], &id)
		if id == "" {
			id = "article-" + strconv.Itoa(i%len(lines))
		}
		if pass > 0 {
			id += "~r" + strconv.Itoa(pass)
		}
		rec := make(map[string]json.RawMessage, len(m))
		for k, v := range m {
			rec[k] = v
		}
		rec["id"], _ = json.Marshal(id)
		b, err := json.Marshal(rec)
		if err != nil {
			out.Close()
			return info, fmt.Errorf("corpus: %w", err)
		}
		w.Write(b)
		w.WriteByte('\n')
		if pass == 0 {
			var d doc
			_ = json.Unmarshal(b, &d)
			sources[d.Source]++
		}
	}
	info.Articles = n
	if err := w.Flush(); err != nil {
		out.Close()
		return info, fmt.Errorf("corpus: %w", err)
	}
	if err := out.Close(); err != nil {
		return info, fmt.Errorf("corpus: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return info, fmt.Errorf("corpus: %w", err)
	}
	var best int
	for s, c := range sources {
		if s != "" && (c > best || c == best && s < info.TopSource) {
			info.TopSource, best = s, c
		}
	}
	info.Bytes = 0
	err = readDocs(dst, func(d *doc) error {
		info.Bytes += int64(len(d.Title) + len(d.Body))
		return nil
	})
	return info, err
}

// readDocs calls fn with each article of a JSON Lines file.
func readDocs(path string, fn func(*doc) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	defer f.Close()
	sc := newScanner(f)
	line := 0
	for sc.Scan() {
		line++
		var d doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
