package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// seedDir holds the project's hand-annotated seed article, outside the
// repository; tests that need it skip when it is missing.
var seedDir = filepath.Join("..", "..", "..", "..", "shared", "seed")

// TestSeedArticle checks every quotation of the hand-annotated seed article:
// its speaker, role and affiliation, and the article's analysts.
func TestSeedArticle(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(seedDir, "article.txt"))
	if err != nil {
		t.Skipf("no seed article: %v", err)
	}
	ex, err := os.ReadFile(filepath.Join(seedDir, "expected.json"))
	if err != nil {
		t.Skipf("no seed annotation: %v", err)
	}
	var exp struct {
		Analysts []string `json:"analysts"`
		Quotes   []struct {
			Starts, Speaker, Role, Affiliation string
		} `json:"quotes"`
		NotQuotes []string `json:"not_quotes"`
	}
	if err := json.Unmarshal(ex, &exp); err != nil {
		t.Fatalf("read expected.json: %v", err)
	}
	text := string(raw)
	for _, ents := range []entity.Result{{}, entity.Extract(text)} {
		qs := Extract(text, ents)
		for _, w := range exp.Quotes {
			q, ok := find(qs, w.Starts)
			if !ok {
				t.Errorf("seed (%d mentions): no quotation starting %q", len(ents.Mentions), w.Starts)
				continue
			}
			if q.Speaker != w.Speaker || q.Role != w.Role || w.Affiliation != "" && q.Affiliation != w.Affiliation {
				t.Errorf("seed (%d mentions): %q: speaker %q role %q affiliation %q, want %q %q %q",
					len(ents.Mentions), w.Starts, q.Speaker, q.Role, q.Affiliation, w.Speaker, w.Role, w.Affiliation)
			}
		}
		for _, n := range exp.NotQuotes {
			for _, q := range qs {
				if q.Direct && strings.TrimSpace(q.Text) == n {
					t.Errorf("seed: %q taken for a quotation", n)
				}
			}
		}
		got := Analysts(qs)
		slices.Sort(got)
		want := slices.Clone(exp.Analysts)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("seed (%d mentions): Analysts = %q, want %q", len(ents.Mentions), got, want)
		}
	}
}

// BenchmarkExtract measures extraction on the seed article, or on a
// generated article when the seed is missing.
func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(seedDir, "article.txt"))
	if err != nil {
		var sb strings.Builder
		for _, tt := range patternTests {
			sb.WriteString(tt.text)
			sb.WriteString("\n\n")
		}
		raw = []byte(sb.String())
	}
	text := string(raw)
	ents := entity.Extract(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, ents)
	}
}
