package bleveengine

import (
	"container/heap"
	"context"
	"encoding/binary"
	"math"
	"sync/atomic"

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
	// gate, when set, is the search's bound (see gate), and scale what
	// the search's score is of this query's: 1, or the share of one
	// reading among several. Without a gate the query is bleve's boolean
	// query, which reads the positions of every match in one pass.
	gate  *gate
	scale float64
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

// gated returns a copy of q whose search is bounded by g, where the score
// of a match is scale times q's.
func (q *proximityQuery) gated(g *gate, scale float64) *proximityQuery {
	c := *q
	c.gate, c.scale = g, scale
	return &c
}

// gateSearch bounds the search of text to its best k matches, when text is
// a proximity query or the readings of one in several analyses (each of
// which matches documents of its own analysis only, so that a match's score
// is its reading's times the readings' coordination factor). It returns the
// query to search and the gate, or text and nil.
func gateSearch(text bq.Query, k int) (bq.Query, *gate) {
	if k <= 0 {
		return text, nil
	}
	switch q := text.(type) {
	case *proximityQuery:
		g := newGate(k)
		return q.gated(g, 1), g
	case readingsQuery:
		if q.Min > 0 || len(q.Disjuncts) == 0 {
			return text, nil
		}
		scale := 1 / float64(len(q.Disjuncts))
		g := newGate(k)
		readings := make([]bq.Query, len(q.Disjuncts))
		for i, d := range q.Disjuncts {
			p, ok := d.(*proximityQuery)
			if !ok {
				return text, nil
			}
			readings[i] = p.gated(g, scale)
		}
		return bleve.NewDisjunctionQuery(readings...), g
	}
	return text, nil
}

// Searcher implements bleve's query.Query.
func (q *proximityQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if q.gate == nil || options.Explain || options.IncludeTermVectors || options.Score == "none" {
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
	s := &proximitySearcher{fields: fields, gate: q.gate, scale: q.scale}
	fail := func(err error) (search.Searcher, error) {
		_ = s.Close()
		return nil, err
	}
	var err error
	tr := &tracker{at: map[string]wordTrack{}}
	tctx := context.WithValue(ctx, trackerKey{}, tr)
	if s.base, err = baseSearcher(tctx, i, m, options, q.must, q.not); err != nil {
		return fail(err)
	}
	// The words of each field, with their places: the documents that may
	// hold the phrase, the score its clause gives them if they do, and
	// whether they do. The places are read only in the documents the
	// searcher stops at.
	wo := options
	wo.IncludeTermVectors = true
	for f, p := range q.phrases {
		var ts []search.Searcher
		for _, t := range fields[f].terms {
			one, err := searcher.NewTermSearcher(ctx, i, t, p.field, p.boost, wo)
			if err != nil {
				for _, t := range ts {
					_ = t.Close()
				}
				return fail(err)
			}
			ts = append(ts, one)
		}
		// Not bleve's optimized conjunction, which intersects the terms'
		// postings in every segment as it is built (most of the building
		// of a two-word search): the searcher is advanced to the few
		// matches that may rank only.
		plain := make([]search.Searcher, len(ts))
		for k, t := range ts {
			plain[k] = unoptimized{t}
		}
		c, err := searcher.NewConjunctionSearcher(ctx, i, plain, wo)
		if err != nil {
			for _, t := range ts {
				_ = t.Close()
			}
			return fail(err)
		}
		s.fields[f].words = c
		s.fields[f].track, s.fields[f].ratio = tr.words(p.field, fields[f].terms, p.boost)
	}
	// As bleve's boolean searcher norms its must and should clauses.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// unoptimized hides a searcher's Optimize from bleve's conjunction.
type unoptimized struct{ search.Searcher }

// baseSearcher returns the searcher of the AND of must and not: a
// wordsSearcher when it can be one, else bleve's.
func baseSearcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions, must, not []bq.Query) (search.Searcher, error) {
	if len(not) == 0 {
		s, err := newWordsSearcher(ctx, i, must, o)
		if err != nil {
			return nil, err
		}
		if s != nil {
			return s, nil
		}
	}
	base := bleve.NewBooleanQuery()
	base.AddMust(must...)
	base.AddMustNot(not...)
	return base.Searcher(ctx, i, m, o)
}

// proximityField is the phrase of one field: its terms at their offsets,
// and the searcher of the documents holding them all, with the places of
// the terms in them.
type proximityField struct {
	field   string
	terms   []string
	offsets []uint64
	words   search.Searcher
	cur     *search.DocumentMatch // words' current document
	started bool
	found   []search.FieldTermLocation // scratch of holds
	// track, when every term is a word of the AND's clauses, holds their
	// searchers in the field, and ratio the boost of each term in the
	// phrase over its boost there: the bonus is then bounded without
	// reading the postings again.
	track []wordTrack
	ratio []float64
}

// proximitySearcher is the searcher of a proximityQuery.
type proximitySearcher struct {
	base   search.Searcher
	fields []proximityField
	gate   *gate
	scale  float64
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
	id := dm.IndexInternalID
	for f := range s.fields {
		pf := &s.fields[f]
		if bound, state := pf.bound(id); state != unknown {
			if state == present {
				candidates = append(candidates, f)
				most += bound
			}
			continue
		}
		if err := pf.advance(ctx, id); err != nil {
			return nil, err
		}
		if pf.cur != nil && pf.cur.IndexInternalID.Equals(id) {
			candidates = append(candidates, f)
			most += pf.cur.Score
		}
	}
	if len(candidates) == 0 {
		return dm, nil
	}
	n := float64(len(s.fields))
	if best := (dm.Score + most*(float64(len(candidates))/n)) * s.scale; best < s.gate.threshold() {
		return dm, nil // cannot reach the best; its bonus is of no use
	}
	s.gate.check()
	var sum float64
	held := 0
	for _, f := range candidates {
		pf := &s.fields[f]
		if err := pf.advance(ctx, id); err != nil {
			return nil, err
		}
		if pf.cur == nil || !pf.cur.IndexInternalID.Equals(id) {
			continue
		}
		if pf.holds() {
			sum += pf.cur.Score
			held++
		}
	}
	if held > 0 {
		dm.Score += sum * (float64(held) / n)
	}
	return dm, nil
}

// The states of a word in a field at a document, as its tracked searcher
// knows it.
const (
	unknown = iota
	present
	absent
)

// boundSlack covers the rounding of a bound computed by ratios: the scores
// of a term in two clauses differ by their boosts up to the last bits.
const boundSlack = 1e-9

// bound returns whether the field holds all the phrase's words at
// document id, as the searchers of the words in the base clauses stand, and
// if it does, a bound on the score of the phrase's clause in the field.
func (pf *proximityField) bound(id bleveindex.IndexInternalID) (float64, int) {
	if pf.track == nil {
		return 0, unknown
	}
	var b float64
	for k, t := range pf.track {
		st, score := t.state(id)
		if st != present {
			return 0, st
		}
		b += score * pf.ratio[k]
	}
	return b * (1 + boundSlack), present
}

// advance brings the field's words searcher to id or past it.
func (pf *proximityField) advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) error {
	if pf.started && (pf.cur == nil || pf.cur.IndexInternalID.Compare(id) >= 0) {
		return nil
	}
	if pf.cur != nil {
		ctx.DocumentMatchPool.Put(pf.cur)
	}
	var err error
	pf.cur, err = pf.words.Advance(ctx, id)
	pf.started = true
	return err
}

// holds reports whether the words stand at their offsets in the document
// the field's words searcher stands at, from the places it read there.
func (pf *proximityField) holds() bool {
	locs := pf.cur.FieldTermLocations
	for i := range locs {
		var ok bool
		if pf.found, ok = phraseAt(locs, i, pf.terms, pf.offsets, pf.found[:0]); ok {
			return true
		}
	}
	return false
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
// can displace. A gate serves one search, from one goroutine; the gates of
// the slices of one search share their bounds (sharedBound).
type gate struct {
	k   int
	top scoreHeap
	// checked counts the matches whose positions were read.
	checked int
	// shared, when set, is the best of the bounds of the search's slices.
	shared *sharedBound
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
	if g == nil || g.k <= 0 {
		return math.Inf(-1)
	}
	t := math.Inf(-1)
	if len(g.top) >= g.k {
		t = g.top[0]
	}
	if g.shared != nil {
		t = max(t, g.shared.load())
	}
	return t
}

// add counts a match the search passes on.
func (g *gate) add(score float64) {
	if g.k <= 0 {
		return
	}
	if len(g.top) < g.k {
		heap.Push(&g.top, score)
	} else if score > g.top[0] {
		g.top[0] = score
		heap.Fix(&g.top, 0)
	} else {
		return
	}
	if g.shared != nil && len(g.top) == g.k {
		g.shared.raise(g.top[0])
	}
}

// sharedBound is the highest k-th best score the slices of one search have
// found so far (see slicedQuery), read and raised from their goroutines. A
// match under it is under the k-th best of all: it cannot reach the page
// from any slice.
type sharedBound struct{ bits atomic.Uint64 }

// load returns the bound: minus infinity until a slice has found its k.
func (b *sharedBound) load() float64 {
	v := b.bits.Load()
	if v == 0 {
		return math.Inf(-1)
	}
	return math.Float64frombits(v)
}

// raise raises the bound to score, a slice's k-th best, if it is higher.
func (b *sharedBound) raise(score float64) {
	for {
		old := b.bits.Load()
		if old != 0 && math.Float64frombits(old) >= score || score <= 0 {
			return
		}
		if b.bits.CompareAndSwap(old, math.Float64bits(score)) {
			return
		}
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

// trackerKey is the context key of a proximity searcher's tracker.
type trackerKey struct{}

// tracker collects the searchers of the words (trackedTerm) among the
// clauses of a proximity query, by field and term.
type tracker struct {
	at map[string]wordTrack // nil value: the word is searched twice
}

// wordTrack is what a searcher of a word in a field among the clauses tells
// of the documents it passed: trackedSearcher, or a termCursor of a
// wordsSearcher.
type wordTrack interface {
	// state tells whether the term is in document id, and its score
	// there if it is.
	state(id bleveindex.IndexInternalID) (int, float64)
	// termBoost is the boost of the term's clause.
	termBoost() float64
}

func (tr *tracker) add(field, term string, t wordTrack) {
	k := field + "\x00" + term
	if _, twice := tr.at[k]; twice {
		tr.at[k] = nil // which of the two stands for the word is unknown
		return
	}
	tr.at[k] = t
}

// words returns the tracked searchers of terms in field and the ratio of
// boost to each one's boost, or nils unless every term has one.
func (tr *tracker) words(field string, terms []string, boost float64) ([]wordTrack, []float64) {
	ts := make([]wordTrack, len(terms))
	ratio := make([]float64, len(terms))
	for k, term := range terms {
		t := tr.at[field+"\x00"+term]
		if t == nil || t.termBoost() <= 0 {
			return nil, nil
		}
		ts[k], ratio[k] = t, boost/t.termBoost()
	}
	return ts, ratio
}

// trackedTerm is a term query whose searcher, among the clauses of a
// proximity query, tells the proximity searcher where it stands. Elsewhere
// it is the term query.
type trackedTerm struct{ *bq.TermQuery }

func (q trackedTerm) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := q.TermQuery.Searcher(ctx, i, m, o)
	if err != nil {
		return nil, err
	}
	tr, _ := ctx.Value(trackerKey{}).(*tracker)
	if tr == nil {
		return s, nil
	}
	t := &trackedSearcher{Searcher: s, boost: q.BoostVal.Value()}
	tr.add(q.FieldVal, q.Term, t)
	return t, nil
}

// trackedSearcher passes on its term searcher's documents and keeps the
// last few of its moves: what each tells of the documents it passed.
// bleve's disjunctions and conjunctions read ahead, so that a word's
// searcher may stand a few documents past the one its clause passes on.
type trackedSearcher struct {
	search.Searcher
	boost float64
	moves [4]move // a ring, the last at (n-1)%4
	n     int
}

// move is one step of a searcher: it found document at (the end of the
// postings: math.MaxUint64), with score, and no document from from to at.
type move struct {
	from, at uint64
	score    float64
}

func (t *trackedSearcher) termBoost() float64 { return t.boost }

// last returns the last move.
func (t *trackedSearcher) last() move { return t.moves[(t.n-1)%len(t.moves)] }

func (t *trackedSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := t.Searcher.Next(ctx)
	return t.keep(0, d, err)
}

func (t *trackedSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	target, ok := docNumber(id)
	if !ok {
		target = math.MaxUint64 // from unknown: nothing learnt
	}
	d, err := t.Searcher.Advance(ctx, id)
	return t.keep(target, d, err)
}

func (t *trackedSearcher) keep(target uint64, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil {
		return d, err
	}
	at, score := uint64(math.MaxUint64), 0.0
	if d != nil {
		var ok bool
		if at, ok = docNumber(d.IndexInternalID); !ok {
			t.n = 0 // not a document number: forget all
			return d, nil
		}
		score = d.Score
	}
	from := uint64(0)
	if t.n > 0 {
		prev := t.last().at
		if prev == at {
			return d, nil
		}
		from = prev + 1
	}
	from = max(from, target)
	t.moves[t.n%len(t.moves)] = move{from: from, at: at, score: score}
	t.n++
	return d, nil
}

// docNumber returns the number of a scorch document ID.
func docNumber(id bleveindex.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

// state tells whether the term is in the document id, from the searcher's
// last moves, and its score there if it is.
func (t *trackedSearcher) state(id bleveindex.IndexInternalID) (int, float64) {
	d, ok := docNumber(id)
	if !ok {
		return unknown, 0
	}
	for k := range min(t.n, len(t.moves)) {
		switch m := t.moves[k]; {
		case d == m.at:
			return present, m.score
		case m.from <= d && d < m.at:
			return absent, 0
		}
	}
	return unknown, 0
}
