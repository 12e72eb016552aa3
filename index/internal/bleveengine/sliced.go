package bleveengine

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/bleveengine/facet"
)

// The first pass of a search on a large index (the ranking, the total,
// the matches gathered for the facets) runs in slices of the snapshot's
// documents side by side, as Lucene's IndexSearcher runs one over slices
// of its segments with an executor. Each slice is a range of document
// numbers (ending on a segment boundary where one is near), about as many
// live documents in each, searched
// by a searcher of its own with a collector of its own, which keeps the
// slice's best matches (the window's, from its first) and counts its
// matches into a part of the facet counter. The slices' best are then
// passed on to bleve's collector in the order of their numbers, which ranks
// them as it would have ranked them among all the matches: what it keeps is
// the same (the best of all are among the best of their slice, and ties
// fall to the earlier document either way), and the totals and facets
// count every slice's matches.
//
// A slice bounds its own search (gate, passedOver) by its own best, and by
// the best of the others' (sharedBound), as Lucene's slices share theirs: a
// match under the k-th best of any slice is under the k-th best of all. A
// slice may then keep such a match unscored or without its phrase bonus,
// among matches no better: none of them reaches the page.

// defaultSlices is the number of slices by default, where the cores allow:
// the machine the benchmark measures has two.
const defaultSlices = 2

// sliceFrom is the fewest live documents (articles and quotes) an index
// holds for a search to run in slices. Measured by TestSlicedCost: at
// 288,000 documents (100,000 articles) a slice's searcher, goroutine and
// weaker bound cost about what they take off the search box and two-word
// searches (phrases and date-sorted searches gained a third); at 3 million
// (a million articles) they took 30-45% off. Tests lower it.
var sliceFrom uint64 = 500000

// SetSearchSlices sets how many slices a search of a large index runs its
// first pass in, side by side: 0 picks min(GOMAXPROCS, 2), 1 runs every
// search in one. Call it before searching.
func (e *Engine) SetSearchSlices(n int) { e.slices = max(n, 0) }

// searchSlices is the number of slices a search may run in now: one while
// other searches keep every other core busy, where a second slice would
// only add its cost.
func (e *Engine) searchSlices() int {
	if runtime.GOMAXPROCS(0)-int(e.searching.Load()) < 1 {
		return 1
	}
	if e.slices > 0 {
		return e.slices
	}
	return min(runtime.GOMAXPROCS(0), defaultSlices)
}

// docRange is the document numbers from lo to end-1.
type docRange struct{ lo, end uint64 }

var allDocs = docRange{0, math.MaxUint64}

// sliceRanges splits snap's documents into n ranges holding about as many
// live documents each; one range (allDocs) when there are fewer than from.
// A range ends on a segment boundary when one is near (within a tenth of
// a range's share), as Lucene's slices are whole segments; else inside a
// segment, so that an index of one large segment and a few small ones (as
// a merge leaves it) still splits evenly.
func sliceRanges(snap *scorch.IndexSnapshot, n int, from uint64) []docRange {
	segs := snap.Segments()
	// The live documents before each segment, and its first number.
	seen := make([]uint64, len(segs)+1)
	at := make([]uint64, len(segs)+1)
	for i, ss := range segs {
		seen[i+1] = seen[i] + ss.Count()
		at[i+1] = at[i] + ss.Segment().Count()
	}
	live := seen[len(segs)]
	if n < 2 || live < from || live < uint64(n) {
		return []docRange{allDocs}
	}
	slack := live / uint64(n) / 10
	var out []docRange
	var start uint64
	for j := 1; j < n; j++ {
		share := live * uint64(j) / uint64(n)
		// The segment holding the share's document.
		s := sort.Search(len(segs), func(i int) bool { return seen[i+1] > share })
		var cut uint64
		switch {
		case share-seen[s] <= slack:
			cut = at[s]
		case seen[s+1]-share <= slack && s+1 < len(segs):
			cut = at[s+1]
		default:
			cut = at[s] + (share-seen[s])*(at[s+1]-at[s])/(seen[s+1]-seen[s])
		}
		if cut > start {
			out = append(out, docRange{start, cut})
			start = cut
		}
	}
	if len(out) == 0 {
		return []docRange{allDocs}
	}
	return append(out, docRange{start, math.MaxUint64})
}

// sliceable reports whether the scores of q's searchers are the same
// whichever document they start from, so that a search of q in slices
// ranks and scores as one does. bleve's disjunction of more than
// searcher.DisjunctionHeapTakeover clauses (a prefix's terms, the related
// articles' terms) sums the scores of the clauses at a document in the
// order of its heap, which depends on where it started: the last bits of a
// score would differ. Every other searcher sums in the order of its
// clauses.
func sliceable(q bq.Query) bool {
	all := func(qs []bq.Query) bool {
		for _, c := range qs {
			if !sliceable(c) {
				return false
			}
		}
		return true
	}
	disjunction := func(d *bq.DisjunctionQuery) bool {
		return d == nil || len(d.Disjuncts) <= searcher.DisjunctionHeapTakeover && all(d.Disjuncts)
	}
	switch q := q.(type) {
	case *bq.TermQuery, trackedTerm, *phraseQuery, *bq.MatchAllQuery, *bq.MatchNoneQuery, unscored:
		return true
	case *bq.MatchQuery:
		return q.Operator == bq.MatchQueryOperatorAnd
	case *bq.ConjunctionQuery:
		return q == nil || all(q.Conjuncts)
	case *bq.DisjunctionQuery:
		return disjunction(q)
	case fieldsQuery:
		return disjunction(q.DisjunctionQuery)
	case readingsQuery:
		return disjunction(q.DisjunctionQuery)
	case *bq.BooleanQuery:
		// Its not clause scores nothing.
		return (q.Must == nil || sliceable(q.Must)) && (q.Should == nil || sliceable(q.Should))
	case *proximityQuery:
		// Its not clauses score nothing, its phrases are phraseQuery.
		return all(q.must)
	}
	return false
}

// firstPass builds the query of the first pass over the documents of r,
// counting the matches into k (nil: no facets), a ranked search bounded by
// shared too (nil: unsliced); it returns the count of the matches the query
// passes over unreturned (nil: none are).
type firstPass func(r docRange, k *facet.Counter, shared *sharedBound) (bq.Query, *passedOver)

// slicedQuery is the first pass of a search, run in slices when the index
// is large enough.
type slicedQuery struct {
	slices int
	from   uint64 // the fewest documents to slice
	keep   int    // the best matches each slice keeps: the window's end
	sort   search.SortOrder
	k      *facet.Counter
	first  firstPass
	// extra is, once searched, the matches bleve's collector was not
	// offered (its total misses them), and maxScore the best score of all.
	extra    uint64
	maxScore float64
	passed   *passedOver // unsliced
}

// searched reports what the search missed: the matches passed over or left
// in their slices.
func (q *slicedQuery) searched() (extra uint64, maxScore float64) {
	if q.passed != nil {
		return q.passed.n, 0
	}
	return q.extra, q.maxScore
}

// Searcher implements bleve's query.Query.
func (q *slicedQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	ranges := []docRange{allDocs}
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		ranges = sliceRanges(snap, q.slices, q.from)
	}
	if len(ranges) < 2 {
		b, p := q.first(allDocs, q.k, nil)
		q.passed = p
		return b.Searcher(ctx, r, m, o)
	}
	if q.k != nil {
		if err := q.k.Bind(r); err != nil {
			return nil, err
		}
	}
	// bleve's reports of bytes read are not safe from two goroutines.
	if cb, ok := ctx.Value(search.SearchIOStatsCallbackKey).(search.SearchIOStatsCallbackFunc); ok {
		var mu sync.Mutex
		ctx = context.WithValue(ctx, search.SearchIOStatsCallbackKey, search.SearchIOStatsCallbackFunc(func(n uint64) {
			mu.Lock()
			defer mu.Unlock()
			cb(n)
		}))
	}
	s := &slicedSearcher{q: q, ctx: ctx, r: r, m: m, o: o}
	for _, rg := range ranges {
		sl := &slice{r: rg}
		if q.k != nil {
			sl.part = q.k.Part()
		}
		s.slices = append(s.slices, sl)
	}
	return s, nil
}

// slice is one range of a sliced search, with what its search found.
type slice struct {
	r        docRange
	part     *facet.Counter
	searcher search.Searcher
	passed   *passedOver
	best     search.DocumentMatchCollection
	total    uint64
	maxScore float64
	err      error
}

// collect searches the slice and keeps its best keep matches in order.
func (sl *slice) collect(s *slicedSearcher) {
	b, p := s.q.first(sl.r, sl.part, &s.bound)
	sl.passed = p
	if sl.searcher, sl.err = b.Searcher(s.ctx, s.r, s.m, s.o); sl.err != nil {
		return
	}
	c := collector.NewTopNCollector(s.q.keep, 0, s.q.sort.Copy())
	if sl.err = c.Collect(s.ctx, sl.searcher, s.r); sl.err != nil {
		return
	}
	sl.best, sl.total, sl.maxScore = c.Results(), c.Total(), c.MaxScore()
	if sl.passed != nil {
		sl.total += sl.passed.n
	}
}

// slicedSearcher searches its slices side by side on its first move, then
// passes on their best matches in the order of their numbers.
type slicedSearcher struct {
	q      *slicedQuery
	ctx    context.Context
	r      bleveindex.IndexReader
	m      mapping.IndexMapping
	o      search.SearcherOptions
	slices []*slice
	bound  sharedBound
	ran    bool
	best   []*search.DocumentMatch // in the order of their numbers
}

// sliceClock, when set (by the cost tests, searching one at a time), is
// each slice's clock: the CPU time of the thread it runs on, which its
// goroutine then keeps; run adds what the other slices took longer than
// the first to sliceLonger.
var (
	sliceClock  func() time.Duration
	sliceLonger time.Duration
)

func (s *slicedSearcher) run() error {
	s.ran = true
	var wg sync.WaitGroup
	took := make([]time.Duration, len(s.slices))
	collect := func(i int) {
		sl := s.slices[i]
		if sliceClock == nil {
			sl.collect(s)
			return
		}
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		start := sliceClock()
		sl.collect(s)
		took[i] = sliceClock() - start
	}
	for i := range s.slices[1:] {
		wg.Go(func() { collect(i + 1) })
	}
	collect(0)
	wg.Wait()
	if sliceClock != nil {
		sliceLonger += max(0, slices.Max(took[1:])-took[0])
	}
	var total uint64
	var errs []error
	for _, sl := range s.slices {
		errs = append(errs, sl.err)
		total += sl.total
		s.q.maxScore = max(s.q.maxScore, sl.maxScore)
		start := len(s.best)
		for _, d := range sl.best {
			// As bleve's collector takes a match from a searcher: its
			// sort values are computed again.
			d.Sort, d.DecodedSort, d.HitNumber = nil, nil, 0
			s.best = append(s.best, d)
		}
		slices.SortFunc(s.best[start:], func(a, b *search.DocumentMatch) int { return a.IndexInternalID.Compare(b.IndexInternalID) })
		if sl.part != nil {
			s.q.k.Join(sl.part)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	s.q.extra = total - uint64(len(s.best))
	return nil
}

func (s *slicedSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.ran {
		if err := s.run(); err != nil {
			return nil, err
		}
	}
	if len(s.best) == 0 {
		return nil, nil
	}
	d := s.best[0]
	s.best = s.best[1:]
	return d, nil
}

func (s *slicedSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.ran {
		if err := s.run(); err != nil {
			return nil, err
		}
	}
	for len(s.best) > 0 && s.best[0].IndexInternalID.Compare(id) < 0 {
		s.best = s.best[1:]
	}
	return s.Next(ctx)
}

// The searcher is the whole search: nothing norms or weighs it.
func (s *slicedSearcher) Weight() float64      { return 1 }
func (s *slicedSearcher) SetQueryNorm(float64) {}
func (s *slicedSearcher) Count() uint64        { return uint64(len(s.best)) }
func (s *slicedSearcher) Min() int             { return 0 }
func (s *slicedSearcher) Size() int            { return 0 }

func (s *slicedSearcher) DocumentMatchPoolSize() int { return 1 }

func (s *slicedSearcher) Close() error {
	var errs []error
	for _, sl := range s.slices {
		if sl.searcher != nil {
			errs = append(errs, sl.searcher.Close())
		}
	}
	return errors.Join(errs...)
}

// rangeQuery restricts the searcher of a query to the documents of a range.
type rangeQuery struct {
	inner bq.Query
	r     docRange
}

func (q rangeQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := q.inner.Searcher(ctx, i, m, o)
	if err != nil {
		return nil, err
	}
	return &rangeSearcher{Searcher: s, r: q.r}, nil
}

// rangeSearcher starts its inner searcher at the range's first document
// and stops it at the range's end.
type rangeSearcher struct {
	search.Searcher
	r             docRange
	started, done bool
}

func (s *rangeSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started && s.r.lo > 0 {
		return s.Advance(ctx, bleveindex.NewIndexInternalID(nil, s.r.lo))
	}
	if s.done {
		return nil, nil
	}
	s.started = true
	d, err := s.Searcher.Next(ctx)
	return s.within(ctx, d, err)
}

func (s *rangeSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	s.started = true
	if d, ok := docNumber(id); ok && d < s.r.lo {
		id = bleveindex.NewIndexInternalID(nil, s.r.lo)
	}
	d, err := s.Searcher.Advance(ctx, id)
	return s.within(ctx, d, err)
}

func (s *rangeSearcher) within(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil || d == nil {
		return d, err
	}
	if n, ok := docNumber(d.IndexInternalID); ok && n >= s.r.end {
		s.done = true
		ctx.DocumentMatchPool.Put(d)
		return nil, nil
	}
	return d, nil
}
