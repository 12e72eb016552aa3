package bleveengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// TestPhraseAsBleve: the phrase query finds the documents bleve's
// match-phrase query finds, with the same scores and the same locations,
// for phrases with stop words inside and words repeated.
func TestPhraseAsBleve(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("oil prices rose the of crude bank central rates interest oil prices fell")
	var arts []engine.Article
	for i := range 150 {
		var b strings.Builder
		for range 10 + r.IntN(60) {
			b.WriteString(words[r.IntN(len(words))] + " ")
		}
		arts = append(arts, engine.Article{ID: fmt.Sprintf("a%03d", i), Title: words[r.IntN(len(words))] + " " + words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
			Body: b.String(), Published: day("2024-01-01").Add(time.Duration(i) * time.Hour),
			People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []engine.Quote{}, Category: "Business", CategorySource: "metadata"})
	}
	ctx := context.Background()
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	an := analysis.AnalyzerName
	for _, text := range []string{"oil prices", "prices of crude", "central bank rates", "oil oil", "rates of the oil", "crude"} {
		for _, f := range []string{fTitle, fBody} {
			f = engine.AnalyzedField(f, an)
			q := newPhraseQuery(text, f, an, 6)
			for _, in := range []func(bq.Query) bq.Query{
				func(q bq.Query) bq.Query { return q },
				func(q bq.Query) bq.Query { return bleve.NewDisjunctionQuery(q, kindQuery(engine.KindArticle)) },
			} {
				got, want := phraseHits(t, e, in(q)), phraseHits(t, e, in(q.bleve()))
				if got != want {
					t.Errorf("phrase %q in %s:\n got %s\nwant %s", text, f, got, want)
				}
				if !strings.Contains(want, "@") && strings.HasPrefix(f, fBody) {
					t.Errorf("phrase %q in %s: no match to compare", text, f)
				}
			}
		}
	}
}

// phraseHits returns the hits of q with their scores and locations.
func phraseHits(t *testing.T, e *Engine, q bq.Query) string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 200, 0, false)
	req.IncludeLocations = true
	res, err := e.search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "%s %.6f %v|", h.ID, h.Score, locationList(h.Locations))
	}
	return b.String()
}

func locationList(m search.FieldTermLocationMap) []string {
	var out []string
	for f, tl := range m {
		for term, ls := range tl {
			for _, l := range ls {
				out = append(out, fmt.Sprintf("%s:%s@%d", f, term, l.Pos))
			}
		}
	}
	slices.Sort(out)
	return out
}
