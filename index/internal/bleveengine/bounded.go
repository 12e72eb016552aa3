package bleveengine

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/bleveengine/facet"
)

// boundedWordQuery is the ranked search of one word over the free-text
// fields (a fieldsQuery, or the readings of one in several analyses) that
// nothing filters, bounded by a gate to its best few matches (the page).
//
// Every posting of a common word is a match, and bleve scores each, takes a
// match object for it and offers it to its collector: most of a one-word
// search at a million articles. Yet a term's score has a ceiling whatever
// its frequency and the field's length (BM25's k1 times its idf and
// weight), and a match in the body alone gets half of the body's. Once the
// page's worst score passes what a match's fields could give it, the match
// cannot reach the page: it is counted (into the search's total and its
// facets) and passed over unscored. The others are scored as bleve's
// disjunctions score them, so the page, its scores, the total and the
// facets are bleve's.
type boundedWordQuery struct {
	readings []fieldsQuery
	gate     *gate
	passed   *passedOver
	// end, when set, is the end of the documents searched: a slice's
	// (see slicedQuery), past which no match is counted.
	end uint64
}

// passedOver counts the matches a bounded search passes over: bleve's
// total misses them, and the facets count them through k (nil without
// facets).
type passedOver struct {
	n uint64
	k *facet.Counter
}

func (p *passedOver) add(doc uint64) {
	p.n++
	if p.k != nil {
		p.k.Add(doc)
	}
}

// maxReadings is the most readings bounded: bleve's disjunction of more
// is another searcher, and sorts its clauses in another way.
const maxReadings = 10

// boundWord returns text bounded to its best k matches when it is one word
// over two free-text fields, or the readings of one, with the gate and the
// count of the matches passed over; or text and nils.
func boundWord(text bq.Query, k int) (bq.Query, *gate, *passedOver) {
	if k <= 0 {
		return text, nil, nil
	}
	var readings []fieldsQuery
	switch q := text.(type) {
	case fieldsQuery:
		readings = []fieldsQuery{q}
	case readingsQuery:
		if q.Min > 0 || len(q.Disjuncts) > maxReadings {
			return text, nil, nil
		}
		for _, d := range q.Disjuncts {
			fq, ok := d.(fieldsQuery)
			if !ok {
				return text, nil, nil
			}
			readings = append(readings, fq)
		}
	default:
		return text, nil, nil
	}
	for _, fq := range readings {
		// Two fields: a sum of two scores is the same in either order,
		// whichever way bleve's disjunction orders its clauses.
		if fq.Min > 0 || len(fq.Disjuncts) != 2 {
			return text, nil, nil
		}
	}
	g, p := newGate(k), &passedOver{}
	return &boundedWordQuery{readings: readings, gate: g, passed: p}, g, p
}

// Searcher implements bleve's query.Query: bleve's disjunctions when the
// terms cannot be scored apart (see wordsSearcherOf).
func (q *boundedWordQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s := &boundedWordSearcher{gate: q.gate, passed: q.passed, end: q.end}
	if s.end == 0 {
		s.end = math.MaxUint64
	}
	for _, fq := range q.readings {
		ws, err := wordsSearcherOf(ctx, i, []bq.Query{fq}, o)
		if err != nil || ws == nil {
			_ = s.Close()
			if err != nil {
				return nil, err
			}
			return q.bleve().Searcher(ctx, i, m, o)
		}
		s.readings = append(s.readings, ws)
	}
	// In the order bleve's disjunction of the readings takes them, by their
	// postings (a stable sort, as Go's of so few is), and normed as it
	// norms them: summing their weights in that order.
	sort.SliceStable(s.readings, func(a, b int) bool { return s.readings[a].Count() < s.readings[b].Count() })
	var w float64
	for _, r := range s.readings {
		w += r.Weight()
	}
	for _, r := range s.readings {
		r.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// bleve returns the query bleve searches for q.
func (q *boundedWordQuery) bleve() bq.Query {
	if len(q.readings) == 1 {
		return q.readings[0]
	}
	qs := make([]bq.Query, len(q.readings))
	for i, r := range q.readings {
		qs[i] = r
	}
	return readingsQuery{bleve.NewDisjunctionQuery(qs...)}
}

// boundedWordSearcher is the disjunction of one word's readings (each a
// wordsSearcher of the word) that passes over the matches that cannot reach
// its gate.
type boundedWordSearcher struct {
	readings []*wordsSearcher
	gate     *gate
	passed   *passedOver
	next     uint64
	end      uint64 // the first document number not searched
	// ceiling is each reading's terms' highest scores, as the query is
	// normed; nil until the first search.
	ceiling [][]float64
}

// ceilingFreq is the frequency at which a term's score is taken as its
// ceiling: BM25's saturation is within 1e-9 of its limit there, and the
// ceiling is raised by 1e-6 of itself on top.
const ceilingFreq = 1 << 62

func (s *boundedWordSearcher) ceilings(ctx *search.SearchContext) {
	s.ceiling = make([][]float64, len(s.readings))
	for r, ws := range s.readings {
		for _, c := range ws.words[0] {
			// The shortest field (norm 1) and a frequency past any document's.
			dm := c.scorer.Score(ctx, &bleveindex.TermFieldDoc{Freq: ceilingFreq, Norm: 1})
			s.ceiling[r] = append(s.ceiling[r], dm.Score*(1+1e-6))
			ctx.DocumentMatchPool.Put(dm)
		}
	}
}

func (s *boundedWordSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.ceiling == nil {
		s.ceilings(ctx)
	}
	target := s.next
	for target != math.MaxUint64 {
		at := uint64(math.MaxUint64)
		for _, ws := range s.readings {
			for _, c := range ws.words[0] {
				if err := c.advance(target); err != nil {
					return nil, err
				}
				at = min(at, c.doc)
			}
		}
		if at >= s.end {
			break
		}
		// What the match could score: each reading holding it as bleve's
		// disjunctions would score it with every term at its ceiling.
		var ceiling float64
		m := 0
		for r, ws := range s.readings {
			var sum float64
			n := 0
			for i, c := range ws.words[0] {
				if c.doc == at {
					sum += s.ceiling[r][i]
					n++
				}
			}
			if n > 0 {
				ceiling += sum * (float64(n) / float64(len(ws.words[0])))
				m++
			}
		}
		ceiling *= float64(m) / float64(len(s.readings))
		if ceiling < s.gate.threshold() {
			s.passed.add(at)
			target = at + 1
			continue
		}
		s.next = at + 1
		return s.scoreMatch(ctx, at, m), nil
	}
	s.next = math.MaxUint64
	return nil, nil
}

// scoreMatch returns the match at doc, held by m readings, scored as
// bleve's disjunction of the readings' disjunctions scores it.
func (s *boundedWordSearcher) scoreMatch(ctx *search.SearchContext, doc uint64, m int) *search.DocumentMatch {
	var dm *search.DocumentMatch
	var sum float64
	for _, ws := range s.readings {
		if !ws.holds(doc) {
			continue
		}
		rm := ws.scoreMatch(ctx, doc)
		sum += rm.Score
		if dm == nil {
			dm = rm
		} else {
			ctx.DocumentMatchPool.Put(rm)
		}
	}
	dm.Score = sum * (float64(m) / float64(len(s.readings)))
	return dm
}

func (s *boundedWordSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if d, ok := docNumber(id); ok {
		s.next = max(s.next, d)
	}
	return s.Next(ctx)
}

func (s *boundedWordSearcher) Weight() float64 {
	var w float64
	for _, r := range s.readings {
		w += r.Weight()
	}
	return w
}

func (s *boundedWordSearcher) SetQueryNorm(n float64) {
	for _, r := range s.readings {
		r.SetQueryNorm(n)
	}
}

func (s *boundedWordSearcher) Count() uint64 {
	var n uint64
	for _, r := range s.readings {
		n += r.Count()
	}
	return n
}

func (s *boundedWordSearcher) Close() error {
	var first error
	for _, r := range s.readings {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (s *boundedWordSearcher) Min() int { return 0 }

func (s *boundedWordSearcher) Size() int {
	n := 0
	for _, r := range s.readings {
		n += r.Size()
	}
	return n
}

func (s *boundedWordSearcher) DocumentMatchPoolSize() int { return len(s.readings) + 1 }
