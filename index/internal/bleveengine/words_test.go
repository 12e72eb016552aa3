package bleveengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// wordsQuery searches its words with a wordsSearcher, failing the test
// when it cannot.
type wordsQuery struct {
	t     *testing.T
	words []bq.Query
}

func (q wordsQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := newWordsSearcher(ctx, i, q.words, o)
	if err == nil && s == nil {
		q.t.Fatal("not searched by a wordsSearcher")
	}
	return s, err
}

// TestWordsAsConjunction: an AND of words over title and body searched by a
// wordsSearcher finds the documents of bleve's conjunction of the words'
// disjunctions, with the same scores, over several segments, alone and as
// the clause of a bleve OR (which advances it).
func TestWordsAsConjunction(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(11, 12))
	words := strings.Fields("oil prices rose crude bank central rates interest market stock fell")
	ctx := context.Background()
	for batch := range 4 {
		var arts []engine.Article
		for i := range 120 {
			var title, body strings.Builder
			for range 1 + r.IntN(4) {
				title.WriteString(words[r.IntN(len(words))] + " ")
			}
			for range 3 + r.IntN(40) {
				body.WriteString(words[r.IntN(len(words))] + " ")
			}
			arts = append(arts, article(fmt.Sprintf("a%d-%03d", batch, i), title.String(), body.String()))
		}
		if _, err := e.Apply(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	word := func(w string) bq.Query {
		var qs []bq.Query
		for k, f := range []string{fTitle, fBody} {
			tq := bleve.NewTermQuery(w)
			tq.SetField(engine.AnalyzedField(f, analysis.AnalyzerName))
			tq.SetBoost(1 + 0.5*float64(k))
			qs = append(qs, trackedTerm{tq})
		}
		return fieldsQuery{bleve.NewDisjunctionQuery(qs...)}
	}
	and := func(words bool, ws ...string) bq.Query {
		var qs []bq.Query
		for _, w := range ws {
			qs = append(qs, word(w))
		}
		if words {
			return wordsQuery{t, qs}
		}
		return bleve.NewConjunctionQuery(qs...)
	}
	or := func(words bool, ws ...string) bq.Query {
		var qs []bq.Query
		for _, w := range ws {
			qs = append(qs, and(words, strings.Fields(w)...))
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	cases := []struct {
		name string
		q    func(words bool) bq.Query
	}{
		{"oil price", func(w bool) bq.Query { return and(w, "oil", "price") }},
		{"central bank rate", func(w bool) bq.Query { return and(w, "central", "bank", "rate") }},
		{"stock market OR interest rate", func(w bool) bq.Query { return or(w, "stock market", "interest rate") }},
		{"crude (oil price)", func(w bool) bq.Query {
			return bleve.NewConjunctionQuery(word("crude"), and(w, "oil", "price"))
		}},
	}
	for _, c := range cases {
		want := rankedHits(t, e, c.q(false), 1000)
		got := rankedHits(t, e, c.q(true), 1000)
		if len(want) < 10 {
			t.Fatalf("%s: %d matches, too few", c.name, len(want))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, want)
		}
	}
}
