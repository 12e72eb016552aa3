package bleveengine

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/newsindex/newsindex/internal/query"
)

// TestFilteredRanksAsBooleanFilter: restricting a search by filters in a
// conjunction finds the same articles, in the same order, with the same
// scores, as bleve's boolean filter clause does.
func TestFilteredRanksAsBooleanFilter(t *testing.T) {
	e := openFixture(t)
	tests := []struct {
		query   string
		filters []bq.Query
		want    uint64
	}{
		{"sanctions", []bq.Query{anyOf(fCategory, []string{"World"})}, 2},
		{"sanctions", []bq.Query{anyOf(fCountry, []string{"Belgium", "North Korea"})}, 2},
		{"sanctions russia", []bq.Query{anyOf(fSourceName, []string{"Harbour Post"}), anyOf(fAnalyst, []string{"Andrew Yeo"})}, 1},
		{"bank OR goal", []bq.Query{anyOf(fCategory, []string{"Business", "Sports"})}, 2},
		{"the -putin", []bq.Query{dateRange(day("2024-10-01"), day("2024-10-31"), e.version, articleDates)}, 2},
		{"sanctions", []bq.Query{anyOf(fCategory, []string{"Sports"})}, 0},
	}
	for _, tt := range tests {
		n, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		text, err := articleQuery(e, n)
		if err != nil {
			t.Fatal(err)
		}
		boolean := bleve.NewBooleanQuery()
		boolean.AddMust(text)
		boolean.AddFilter(bleve.NewConjunctionQuery(tt.filters...))
		want, err := e.search(context.Background(), bleve.NewSearchRequestOptions(boolean, 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		// Through e.search, with the engine's BM25 statistics.
		got, err := e.search(context.Background(), bleve.NewSearchRequestOptions(filtered(text, tt.filters), 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != tt.want || want.Total != tt.want || len(got.Hits) != len(want.Hits) {
			t.Errorf("%q: %d matches, boolean filter %d, want %d", tt.query, got.Total, want.Total, tt.want)
			continue
		}
		for i := range got.Hits {
			g, w := got.Hits[i], want.Hits[i]
			if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-9 {
				t.Errorf("%q hit %d: %s %.6f, boolean filter %s %.6f", tt.query, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
	}
}
