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

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// TestPagesAsOnePass: a search is made of passes (the page found, then its
// articles loaded with the places of the words; sorted by date, without
// the clauses that rank words together higher); its pages must be those of
// one bleve pass with the whole query, in relevance and in date order.
func TestPagesAsOnePass(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("port strike harbour workers union talks wages cranes ships cargo delay minister")
	var arts []engine.Article
	for i := range 120 {
		var b strings.Builder
		for range 20 + r.IntN(40) {
			b.WriteString(words[r.IntN(len(words))] + " ")
		}
		if i%7 == 0 {
			b.WriteString("the port strike ended. ")
		}
		arts = append(arts, engine.Article{ID: fmt.Sprintf("a%03d", i), Title: words[r.IntN(len(words))] + " " + words[r.IntN(len(words))], Body: b.String(),
			Published: day("2024-01-01").Add(time.Duration(r.IntN(1000)) * time.Hour),
			People:    []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []engine.Quote{}, Category: "Business", CategorySource: "metadata"})
	}
	ctx := context.Background()
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query      string
		page, size int
		sort       string
	}{
		{"port strike", 1, 10, engine.SortRelevance},
		{"port strike", 3, 7, engine.SortRelevance},
		{"union talks wages", 1, 20, engine.SortRelevance},
		{"harbour cranes OR ships delay", 2, 10, engine.SortRelevance},
		{"port strike -minister", 1, 10, engine.SortRelevance},
		{"port strike", 2, 10, engine.SortDate},
		{"union talks wages", 1, 10, engine.SortDateAsc},
	} {
		n, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if !articleTranslator.hasProximity(n) {
			t.Fatalf("%q: no proximity clause, nothing to test", tt.query)
		}
		full, err := articleQuery(e, n)
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(full, tt.size, (tt.page-1)*tt.size, false)
		switch tt.sort {
		case engine.SortDate:
			req.SortBy([]string{"-" + fPublished})
		case engine.SortDateAsc:
			req.SortBy([]string{fPublished})
		}
		one, err := e.search(ctx, req) // with the same BM25 statistics
		if err != nil {
			t.Fatal(err)
		}
		res := searchWith(t, e, engine.SearchRequest{Query: tt.query, Page: tt.page, Size: tt.size, Sort: tt.sort})
		var want []string
		for _, h := range one.Hits {
			want = append(want, h.ID)
		}
		// Related articles follow the matches of a page they leave places
		// on (TestRelatedArticles); the matches are the one pass's.
		matches := *res
		matches.Hits = slices.DeleteFunc(slices.Clone(res.Hits), func(h engine.Hit) bool { return h.Related })
		if got := ids(&matches); got != strings.Join(want, " ") || res.Total != one.Total {
			t.Errorf("%q page %d by %s: %d matches %s\nwant %d matches %s", tt.query, tt.page, tt.sort, res.Total, got, one.Total, strings.Join(want, " "))
		}
		for _, h := range res.Hits {
			if h.Snippet == "" {
				t.Errorf("%q: hit %s has no snippet", tt.query, h.ID)
			}
		}
	}
}

// hasProximity reports whether translating n adds a proximity clause.
func (t translator) hasProximity(n query.Node) bool {
	switch n := n.(type) {
	case *query.And:
		if t.proximity(n.Nodes) != nil {
			return true
		}
		for _, c := range n.Nodes {
			if t.hasProximity(c) {
				return true
			}
		}
	case *query.Or:
		for _, c := range n.Nodes {
			if t.hasProximity(c) {
				return true
			}
		}
	case *query.Not:
		return t.hasProximity(n.Node)
	}
	return false
}
