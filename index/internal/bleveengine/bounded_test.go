package bleveengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// TestBoundedWord: a ranked search of one word that passes over the matches
// that cannot reach its page returns what the search scoring every match
// does (page, scores, total, every facet, the histogram, the stories), on
// random articles in several segments, for pages of several sizes.
func TestBoundedWord(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(21, 22))
	ctx := context.Background()
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for batch := range 5 {
		var arts []engine.Article
		for i := range 150 {
			a := article(fmt.Sprintf("a%d-%03d", batch, i), randomText(r, 1+r.IntN(4)), randomText(r, 3+r.IntN(60)))
			a.Published = day.Add(time.Duration(r.IntN(40*24)) * time.Hour)
			randomFacets(r, &a)
			arts = append(arts, a)
		}
		if _, err := e.Apply(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { boundWords = true }()
	passed := 0
	if _, ok := parsedArticleQuery(t, e, "oil").(readingsQuery); !ok {
		t.Fatal("a word is not read in several analyses: readings are not tested")
	}
	for _, w := range append(slices.Clone(fixtureWords), "nothing") {
		for _, req := range []engine.SearchRequest{
			{Query: w},
			{Query: w, Size: 1},
			{Query: w, Page: 3, Size: 7},
			{Query: w, CountStories: true},
			{Query: w, NoFacets: true},
			{Query: w, Collapse: true},
		} {
			sameEitherWay(t, e, req, &boundWords)
		}
		q, g, p := boundWord(parsedArticleQuery(t, e, w), 10)
		if g == nil {
			if w != "nothing" { // a word no analysis indexes: no readings
				t.Errorf("%s: not bounded", w)
			}
			continue
		}
		if _, err := e.search(ctx, bleve.NewSearchRequestOptions(g.Query(q), 10, 0, false)); err != nil {
			t.Fatal(err)
		}
		passed += int(p.n)
	}
	if passed == 0 {
		t.Error("no match passed over: the bound is not tested")
	}
}
