package bleveengine

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches the documents whose field holds the words of a text
// in order, as bleve's match-phrase query does, with the same scores. bleve
// checks each candidate's positions through a map of maps it builds for the
// document, which cost half the time of a two-word search (the proximity
// clause reads every document holding both words); the positions are
// checked here in the list the postings fill. A text one of whose places
// holds several tokens is left to bleve.
type phraseQuery struct {
	text, field, analyzer string
	boost                 float64
}

// newPhraseQuery returns the phrase query of text in field, analysed by
// analyzer.
func newPhraseQuery(text, field, analyzer string, boost float64) *phraseQuery {
	return &phraseQuery{text: text, field: field, analyzer: analyzer, boost: boost}
}

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	an := m.AnalyzerNamed(q.analyzer)
	if an == nil {
		return q.bleve().Searcher(ctx, i, m, options)
	}
	terms, offsets, ok := phraseTerms(an.Analyze([]byte(q.text)))
	if !ok {
		return q.bleve().Searcher(ctx, i, m, options)
	}
	options.IncludeTermVectors = true
	var ts []search.Searcher
	closeAll := func() {
		for _, s := range ts {
			_ = s.Close()
		}
	}
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, i, t, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		ts = append(ts, s)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, i, ts, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	s := &phraseSearcher{must: must, terms: terms, offsets: offsets}
	// As bleve's phrase searcher, normed on its own until a parent norms it.
	s.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return s, nil
}

// bleve returns bleve's own query for q.
func (q *phraseQuery) bleve() *bq.MatchPhraseQuery {
	mp := bleve.NewMatchPhraseQuery(q.text)
	mp.SetField(q.field)
	mp.Analyzer = q.analyzer
	mp.SetBoost(q.boost)
	return mp
}

// phraseTerms returns the terms of a phrase's tokens with the offset of
// each from the first, places without a token (stop words) skipped; ok is
// false when there are none or when a place holds several tokens.
func phraseTerms(tokens analysis.TokenStream) (terms []string, offsets []uint64, ok bool) {
	if len(tokens) == 0 {
		return nil, nil, false
	}
	first := tokens[0].Position
	for _, t := range tokens {
		first = min(first, t.Position)
	}
	seen := map[int]bool{}
	for _, t := range tokens {
		if seen[t.Position] {
			return nil, nil, false
		}
		seen[t.Position] = true
		terms = append(terms, string(t.Term))
		offsets = append(offsets, uint64(t.Position-first))
	}
	// bleve's phrase starts at the first place; keep the terms in order of
	// place, the first first.
	for i := 1; i < len(terms); i++ {
		for j := i; j > 0 && offsets[j] < offsets[j-1]; j-- {
			terms[j], terms[j-1] = terms[j-1], terms[j]
			offsets[j], offsets[j-1] = offsets[j-1], offsets[j]
		}
	}
	return terms, offsets, true
}

// phraseSearcher passes on the matches of a conjunction of term searchers
// (with term vectors) in which the terms stand at their offsets from one
// another, keeping the locations of the phrases found, as bleve's phrase
// searcher does.
type phraseSearcher struct {
	must    search.Searcher
	terms   []string
	offsets []uint64
	found   []search.FieldTermLocation
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.must.Next(ctx)
		if err != nil || dm == nil {
			return nil, err
		}
		if s.holds(dm) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if err != nil || dm == nil {
		return nil, err
	}
	if s.holds(dm) {
		return dm, nil
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}

// holds reports whether dm holds the phrase, and leaves in it the
// locations of the phrases it holds.
func (s *phraseSearcher) holds(dm *search.DocumentMatch) bool {
	locs := dm.FieldTermLocations
	s.found = s.found[:0]
	for i := range locs {
		s.found, _ = phraseAt(locs, i, s.terms, s.offsets, s.found)
	}
	if len(s.found) == 0 {
		return false
	}
	dm.FieldTermLocations = append(locs[:0], s.found...)
	return true
}

// phraseAt reports whether the terms stand at their offsets from the
// location locs[i] of the first, among the locations locs of a match, and
// when they do returns found with the phrase's locations appended.
func phraseAt(locs []search.FieldTermLocation, i int, terms []string, offsets []uint64, found []search.FieldTermLocation) ([]search.FieldTermLocation, bool) {
	a := &locs[i]
	if a.Term != terms[0] {
		return found, false
	}
	start := len(found)
	found = append(found, *a)
	for k := 1; k < len(terms); k++ {
		at := a.Location.Pos + offsets[k]
		j := 0
		for ; j < len(locs); j++ {
			b := &locs[j]
			if b.Location.Pos == at && b.Term == terms[k] && b.Field == a.Field &&
				b.Location.ArrayPositions.Equals(a.Location.ArrayPositions) {
				break
			}
		}
		if j == len(locs) {
			return found[:start], false
		}
		found = append(found, locs[j])
	}
	return found, true
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
