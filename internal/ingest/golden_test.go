package ingest

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/internal/golden"
)

// goldenRecord is how a record is stored in a golden file.
type goldenRecord struct {
	Where     string   `json:"where"`
	Err       string   `json:"error,omitempty"`
	ID        string   `json:"id,omitempty"`
	Title     string   `json:"title"`
	URL       string   `json:"url,omitempty"`
	Published string   `json:"published,omitempty"`
	Source    string   `json:"source,omitempty"`
	Author    string   `json:"author,omitempty"`
	Category  string   `json:"category,omitempty"`
	Language  string   `json:"language,omitempty"`
	Body      []string `json:"body"` // paragraphs
}

func toGolden(r Record) goldenRecord {
	a := r.Article
	g := goldenRecord{Where: filepath.Base(r.Where()), ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source,
		Author: a.Author, Category: a.Category, Language: a.Language, Body: paragraphs(a.Body)}
	if r.Err != nil {
		g.Err = r.Err.Error()
	}
	if !a.Published.IsZero() {
		g.Published = a.Published.Format(time.RFC3339)
	}
	return g
}

// paragraphs splits a body at its blank lines.
func paragraphs(body string) []string {
	out := []string{}
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// checkGolden compares got, as indented JSON, with testdata/golden/<test>/<name>.golden,
// or writes the file when -update is set.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	test := strings.SplitN(t.Name(), "/", 2)[0]
	golden.Check(t, filepath.Join("testdata", "golden", test, name+".golden"), b)
}

// readOne reads a file that holds one article.
func readOne(t *testing.T, path string) Record {
	t.Helper()
	var recs []Record
	if err := ReadFile(path, func(r Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatalf("ReadFile(%s) = %v", path, err)
	}
	if len(recs) != 1 {
		t.Fatalf("ReadFile(%s) gave %d records, want 1", path, len(recs))
	}
	return recs[0]
}
