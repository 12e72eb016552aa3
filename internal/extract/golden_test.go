package extract_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/golden"
)

// The golden tests run whole articles through the enrichment that
// index.Add performs, read them back from the index, and compare what was
// extracted with a reviewed file under testdata/golden. Every change to
// extraction shows there as a diff; refresh the files with
//
//	go test ./internal/extract -run Golden -update
//
// and review the diff like code.

// enrichment is what the golden files hold of an article.
type enrichment struct {
	Title          string        `json:"title"`
	Category       string        `json:"category"`
	CategorySource string        `json:"category_source"`
	People         []string      `json:"people"`
	Countries      []string      `json:"countries"`
	Places         []string      `json:"places"`
	Organizations  []string      `json:"organizations"`
	Analysts       []string      `json:"analysts"`
	Quotes         []goldenQuote `json:"quotes"`
}

type goldenQuote struct {
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	Mention     string `json:"mention,omitempty"`
	Role        string `json:"role"`
	Affiliation string `json:"affiliation,omitempty"`
	Cue         string `json:"cue,omitempty"`
	Direct      bool   `json:"direct"`
	Described   bool   `json:"described,omitempty"`
}

// enrich adds the articles to an in-memory index, as ingest and the API
// do, and returns each as the index stores it, by ID.
func enrich(t *testing.T, as []index.Article) map[string]index.Article {
	t.Helper()
	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.AddBatch(ctx, as); err != nil {
		t.Fatal(err)
	}
	out := map[string]index.Article{}
	for _, a := range as {
		got, err := ix.Article(ctx, a.ID)
		if err != nil {
			t.Fatalf("article %s: %v", a.ID, err)
		}
		out[a.ID] = got
	}
	return out
}

func goldenJSON(t *testing.T, a index.Article) []byte {
	t.Helper()
	e := enrichment{Title: a.Title, Category: a.Category, CategorySource: a.CategorySource, People: a.People,
		Countries: a.Countries, Places: a.Places, Organizations: a.Organizations, Analysts: a.Analysts, Quotes: []goldenQuote{}}
	for _, q := range a.Quotes {
		e.Quotes = append(e.Quotes, goldenQuote{Text: q.Text, Speaker: q.Speaker, Mention: q.Mention, Role: q.Role,
			Affiliation: q.Affiliation, Cue: q.Cue, Direct: q.Direct, Described: q.Described})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden extracts the articles of testdata/articles, written for these
// tests: news of every kind, and every way news attributes a quotation.
// Each file is an article: its title on the first line, a blank line, the
// body.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 30 {
		t.Fatalf("found %d articles under testdata/articles, want at least 30", len(paths))
	}
	var as []index.Article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		title, body, ok := strings.Cut(string(b), "\n\n")
		if !ok || strings.Contains(title, "\n") {
			t.Fatalf("%s: want a title line, a blank line and the body", p)
		}
		as = append(as, index.Article{ID: strings.TrimSuffix(filepath.Base(p), ".txt"), Title: title, Body: body})
	}
	got := enrich(t, as)
	for _, a := range as {
		t.Run(a.ID, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", "golden", "TestGolden", a.ID+".json"), goldenJSON(t, got[a.ID]))
		})
	}
}

// TestGoldenDemo extracts the articles that serve --demo indexes.
func TestGoldenDemo(t *testing.T) {
	var as []index.Article
	sc := bufio.NewScanner(bytes.NewReader(demo.JSONL()))
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for sc.Scan() {
		var a index.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(as) == 0 {
		t.Fatal("no demo articles")
	}
	got := enrich(t, as)
	for _, a := range as {
		t.Run(a.ID, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", "golden", "TestGoldenDemo", a.ID+".json"), goldenJSON(t, got[a.ID]))
		})
	}
}

// TestGoldenLanguages extracts the articles of testdata/languages, written
// for these tests in other languages than English, each a JSON article with
// its language and its source's category. No English rule runs on them: they
// name no people, and their quotations have a speaker only where a name
// stands before a colon.
func TestGoldenLanguages(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "languages", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 6 {
		t.Fatalf("found %d articles under testdata/languages, want at least 6", len(paths))
	}
	var as []index.Article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var a index.Article
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if a.ID+".json" != filepath.Base(p) || a.Language == "" {
			t.Fatalf("%s: want an id named as the file and a language", p)
		}
		as = append(as, a)
	}
	got := enrich(t, as)
	for _, a := range as {
		t.Run(a.ID, func(t *testing.T) {
			g := got[a.ID]
			if g.Language != a.Language {
				t.Errorf("language = %q, want %q", g.Language, a.Language)
			}
			if len(g.People) > 0 {
				t.Errorf("people = %q, want none: the English rules do not read %s", g.People, a.Language)
			}
			golden.Check(t, filepath.Join("testdata", "golden", "TestGoldenLanguages", a.ID+".json"), goldenJSON(t, g))
		})
	}
}
