package bleveengine

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// filtered returns text restricted to the documents matching every filter,
// ranked as text alone ranks them.
//
// bleve's boolean filter clause walks every match of the text and checks
// each against the filter, so a rare filter (an analyst, a story) costs as
// much as the text's commonest word. A conjunction lets the rarest part
// drive; wrapping the filters so that they score nothing keeps the ranking
// the text's (the conjunction sums its parts' scores, and a part of zero
// weight leaves the query norm alone).
func filtered(text bq.Query, filters []bq.Query) bq.Query {
	if len(filters) == 0 {
		return text
	}
	parts := []bq.Query{text}
	for _, f := range filters {
		parts = append(parts, unscored{f})
	}
	return bleve.NewConjunctionQuery(parts...)
}

// unscored is a query that matches what its inner query matches and
// scores zero.
type unscored struct{ inner bq.Query }

func (q unscored) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	// With no score asked, bleve reads no frequencies or norms of the
	// filter's terms and unites the postings of a filter of several terms
	// (a date range, a choice of values) in one bitmap.
	o.Explain, o.IncludeTermVectors, o.Score = false, false, "none"
	s, err := q.inner.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	return unscoredSearcher{s}, nil
}

type unscoredSearcher struct{ search.Searcher }

func (s unscoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return zero(s.Searcher.Next(ctx))
}

func (s unscoredSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	return zero(s.Searcher.Advance(ctx, id))
}

func (s unscoredSearcher) Weight() float64      { return 0 }
func (s unscoredSearcher) SetQueryNorm(float64) {}

func zero(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if d != nil {
		d.Score, d.Expl = 0, nil
	}
	return d, err
}
