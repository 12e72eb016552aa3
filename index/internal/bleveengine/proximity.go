package bleveengine

import (
	"container/heap"
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// proximityQuery is an AND of clauses (must, not) with the clause that
// ranks the AND's words standing together higher: one phrase per free-text
// field, a should clause. It scores exactly as bleve's boolean query of the
// same clauses, with the phrases' disjunction as its should clause, does.
//
// That boolean query reads the positions of the words in every document
// holding them all in a field, to learn whether they stand together: most
// of the time of a two-word search, and it grows with the matches. Here a
// match's score is known without positions but for the phrase bonus, whose
// largest value is known too: the score the field's words would add if they
// stood together. When a gate bounds the search to its best few (the page),
// the positions are read only for a match whose score with every possible
// bonus would reach the worst of the best found so far. A match that cannot
// is passed on without its bonus, which it cannot use: the best matches, and
// their scores, are those the boolean query ranks first.
type proximityQuery struct {
	must, not []bq.Query
	phrases   []*phraseQuery
	// gate, when set, is the search's bound (see gate); nil checks the
	// positions of every match.
	gate *gate
}

// boolean returns bleve's boolean query of q, which ranks the same.
func (q *proximityQuery) boolean() bq.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(q.must...)
	b.AddMustNot(q.not...)
	b.AddShould(phraseClause(q.phrases))
	return b
}

// phraseClause returns the query of phrases, one per field: a disjunction
// of several.
func phraseClause(phrases []*phraseQuery) bq.Query {
	if len(phrases) == 1 {
		return phrases[0]
	}
	qs := make([]bq.Query, len(phrases))
	for i, p := range phrases {
		qs[i] = p
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// gated returns a copy of q whose search is bounded by g.
func (q *proximityQuery) gated(g *gate) *proximityQuery {
	c := *q
	c.gate = g
	return &c
}

// Searcher implements bleve's query.Query.
func (q *proximityQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if options.Explain || options.IncludeTermVectors || options.Score == "none" {
		return q.boolean().Searcher(ctx, i, m, options)
	}
	fields := make([]proximityField, len(q.phrases))
	for f, p := range q.phrases {
		an := m.AnalyzerNamed(p.analyzer)
		if an == nil {
			return q.boolean().Searcher(ctx, i, m, options)
		}
		terms, offsets, ok := phraseTerms(an.Analyze([]byte(p.text)))
		if !ok {
			return q.boolean().Searcher(ctx, i, m, options)
		}
		fields[f] = proximityField{field: p.field, terms: terms, offsets: offsets}
	}
	s := &proximitySearcher{reader: i, ctx: ctx, fields: fields, gate: q.gate}
	fail := func(err error) (search.Searcher, error) {
		_ = s.Close()
		return nil, err
	}
	base := bleve.NewBooleanQuery()
	base.AddMust(q.must...)
	base.AddMustNot(q.not...)
	var err error
	if s.base, err = base.Searcher(ctx, i, m, options); err != nil {
		return fail(err)
	}
	// The words of each field, without positions: the documents that may
	// hold the phrase, and the score its clause gives them if they do.
	for f, p := range q.phrases {
		var ts []search.Searcher
		for _, t := range fields[f].terms {
			one, err := searcher.NewTermSearcher(ctx, i, t, p.field, p.boost, options)
			if err != nil {
				for _, t := range ts {
					_ = t.Close()
				}
				return fail(err)
			}
			ts = append(ts, one)
		}
		c, err := searcher.NewConjunctionSearcher(ctx, i, ts, options)
		if err != nil {
			for _, t := range ts {
				_ = t.Close()
			}
			return fail(err)
		}
		s.fields[f].words = c
	}
	// As bleve's boolean searcher norms its must and should clauses.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// proximityField is the phrase of one field: its terms at their offsets,
// the searcher of the documents holding them all, and the readers of their
// positions, opened on first use.
type proximityField struct {
	field   string
	terms   []string
	offsets []uint64
	words   search.Searcher
	cur     *search.DocumentMatch // words' current document
	started bool
	pos     []bleveindex.TermFieldReader
	tfd     []bleveindex.TermFieldDoc
}

// proximitySearcher is the searcher of a proximityQuery.
type proximitySearcher struct {
	reader bleveindex.IndexReader
	ctx    context.Context
	base   search.Searcher
	fields []proximityField
	gate   *gate
}

func (s *proximitySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.base.Next(ctx)
	if err != nil || dm == nil {
		return nil, err
	}
	return s.rank(ctx, dm)
}

func (s *proximitySearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.base.Advance(ctx, id)
	if err != nil || dm == nil {
		return nil, err
	}
	return s.rank(ctx, dm)
}

// rank adds to a match of the base clauses the bonus of the fields in
// which its words stand together, as bleve's boolean query adds its should
// clause: the sum of the fields' scores times the share of the fields.
func (s *proximitySearcher) rank(ctx *search.SearchContext, dm *search.DocumentMatch) (*search.DocumentMatch, error) {
	var in [8]int
	candidates := in[:0]
	var most float64
	for f := range s.fields {
		pf := &s.fields[f]
		behind := !pf.started || pf.cur != nil && pf.cur.IndexInternalID.Compare(dm.IndexInternalID) < 0
		if behind {
			if pf.cur != nil {
				ctx.DocumentMatchPool.Put(pf.cur)
			}
			var err error
			if pf.cur, err = pf.words.Advance(ctx, dm.IndexInternalID); err != nil {
				return nil, err
			}
			pf.started = true
		}
		if pf.cur != nil && pf.cur.IndexInternalID.Equals(dm.IndexInternalID) {
			candidates = append(candidates, f)
			most += pf.cur.Score
		}
	}
	if len(candidates) == 0 {
		return dm, nil
	}
	n := float64(len(s.fields))
	if best := dm.Score + most*(float64(len(candidates))/n); best < s.gate.threshold() {
		return dm, nil // cannot reach the best; its bonus is of no use
	}
	s.gate.check()
	var sum float64
	held := 0
	for _, f := range candidates {
		ok, err := s.holds(f, dm.IndexInternalID)
		if err != nil {
			return nil, err
		}
		if ok {
			sum += s.fields[f].cur.Score
			held++
		}
	}
	if held > 0 {
		dm.Score += sum * (float64(held) / n)
	}
	return dm, nil
}

// holds reports whether the words of field f stand at their offsets in the
// document id, which holds them all in that field.
func (s *proximitySearcher) holds(f int, id bleveindex.IndexInternalID) (bool, error) {
	pf := &s.fields[f]
	if pf.pos == nil {
		pf.pos = make([]bleveindex.TermFieldReader, len(pf.terms))
		pf.tfd = make([]bleveindex.TermFieldDoc, len(pf.terms))
		for k, t := range pf.terms {
			r, err := s.reader.TermFieldReader(s.ctx, []byte(t), pf.field, true, true, true)
			if err != nil {
				return false, err
			}
			pf.pos[k] = r
		}
	}
	for k, r := range pf.pos {
		d := &pf.tfd[k]
		if d.ID != nil && d.ID.Equals(id) {
			continue
		}
		got, err := r.Advance(id, d)
		if err != nil {
			return false, err
		}
		if got == nil || !got.ID.Equals(id) {
			return false, nil
		}
		if got != d {
			*d = *got
		}
	}
	for _, a := range pf.tfd[0].Vectors {
		all := true
		for k := 1; k < len(pf.terms) && all; k++ {
			all = false
			at := a.Pos + pf.offsets[k]
			for _, b := range pf.tfd[k].Vectors {
				if b.Pos == at && slices.Equal(b.ArrayPositions, a.ArrayPositions) {
					all = true
					break
				}
			}
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

func (s *proximitySearcher) Weight() float64 {
	w := s.base.Weight()
	for _, f := range s.fields {
		w += f.words.Weight()
	}
	return w
}

func (s *proximitySearcher) SetQueryNorm(n float64) {
	s.base.SetQueryNorm(n)
	for _, f := range s.fields {
		f.words.SetQueryNorm(n)
	}
}

func (s *proximitySearcher) Close() error {
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	if s.base != nil {
		keep(s.base.Close())
	}
	for _, f := range s.fields {
		if f.words != nil {
			keep(f.words.Close())
		}
		for _, r := range f.pos {
			if r != nil {
				keep(r.Close())
			}
		}
	}
	return first
}

func (s *proximitySearcher) Count() uint64 { return s.base.Count() }
func (s *proximitySearcher) Min() int      { return 0 }
func (s *proximitySearcher) Size() int {
	n := s.base.Size()
	for _, f := range s.fields {
		n += f.words.Size()
	}
	return n
}

func (s *proximitySearcher) DocumentMatchPoolSize() int {
	n := s.base.DocumentMatchPoolSize()
	for _, f := range s.fields {
		n += f.words.DocumentMatchPoolSize() + 1
	}
	return n
}

// gate bounds a ranked search to its best k matches: it keeps the scores of
// the best k the search has passed on so far, whose worst no match below
// can displace. A gate serves one search, from one goroutine.
type gate struct {
	k   int
	top scoreHeap
	// checked counts the matches whose positions were read.
	checked int
}

// check counts a match whose positions are read.
func (g *gate) check() {
	if g != nil {
		g.checked++
	}
}

// newGate returns the gate of a search that keeps its best k matches.
func newGate(k int) *gate { return &gate{k: k} }

// threshold returns the score a match must reach to be among the best k so
// far: minus infinity until k are found, and for a nil gate.
func (g *gate) threshold() float64 {
	if g == nil || len(g.top) < g.k || g.k <= 0 {
		return math.Inf(-1)
	}
	return g.top[0]
}

// add counts a match the search passes on.
func (g *gate) add(score float64) {
	if g.k <= 0 {
		return
	}
	if len(g.top) < g.k {
		heap.Push(&g.top, score)
		return
	}
	if score > g.top[0] {
		g.top[0] = score
		heap.Fix(&g.top, 0)
	}
}

// Query wraps the query of the whole search (what bleve's collector ranks)
// so that the gate sees the score of every match.
func (g *gate) Query(q bq.Query) bq.Query { return &gateQuery{inner: q, g: g} }

type gateQuery struct {
	inner bq.Query
	g     *gate
}

func (q *gateQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	return &gateSearcher{Searcher: s, g: q.g}, nil
}

type gateSearcher struct {
	search.Searcher
	g *gate
}

func (s *gateSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	if d != nil {
		s.g.add(d.Score)
	}
	return d, err
}

func (s *gateSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if d != nil {
		s.g.add(d.Score)
	}
	return d, err
}

// scoreHeap is a min-heap of scores.
type scoreHeap []float64

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
