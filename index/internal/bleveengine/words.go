package bleveengine

import (
	"context"
	"encoding/binary"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// fieldsQuery is the disjunction of one word's terms over the free-text
// fields (title, body): bleve's, but an AND of several (without NOT) is
// searched by a wordsSearcher.
type fieldsQuery struct{ *bq.DisjunctionQuery }

// wordsSearcher is the AND of words, each searched in several fields (an AND
// of fieldsQuery of terms), as one searcher over the terms' postings. It
// matches and scores exactly as bleve's conjunction of the words'
// disjunctions, but a term's posting is scored only in a document that
// holds every word: bleve's searchers score every posting they stop at, and
// take a match object for each (a third less CPU for the first pass of a
// two-word search at a million articles).
type wordsSearcher struct {
	words [][]*termCursor // in bleve's order: the rarer word, and field, first
	// next is the first document number the search may still match.
	next uint64
}

// termCursor is the postings of one term in one field, with what bleve's
// term searcher would score its documents.
type termCursor struct {
	reader bleveindex.TermFieldReader // nil when lazy reads the postings
	lazy   *lazyPostings
	scorer *scorer.TermQueryScorer
	boost  float64
	tfd    *bleveindex.TermFieldDoc // the current posting, nil before the first
	doc    uint64                   // its document number; math.MaxUint64 past the last
	// from is the first document number of the span the last move passed
	// over (no posting in from..doc-1), and score the term's score at doc
	// once scored there.
	from   uint64
	score  float64
	scored bool
	id     bleveindex.IndexInternalID // scratch
}

// newWordsSearcher returns the searcher of the AND of must, or nil when a
// clause is not a disjunction of plain terms over fields, the scores are
// not BM25 with the index's statistics, or the search asks for what only
// bleve's searchers give (no scores, explanations, places): the caller
// then searches must as bleve does.
func newWordsSearcher(ctx context.Context, i bleveindex.IndexReader, must []bq.Query, o search.SearcherOptions) (*wordsSearcher, error) {
	if len(must) < 2 {
		return nil, nil
	}
	return wordsSearcherOf(ctx, i, must, o)
}

// wordsSearcherOf is newWordsSearcher for any number of words: one word's
// searcher scores as bleve's disjunction of its terms.
func wordsSearcherOf(ctx context.Context, i bleveindex.IndexReader, must []bq.Query, o search.SearcherOptions) (*wordsSearcher, error) {
	if len(must) == 0 || o.Score == "none" || o.Explain || o.IncludeTermVectors {
		return nil, nil
	}
	if cb, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); !ok || cb() != bleveindex.BM25Scoring {
		return nil, nil
	}
	stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats)
	if !ok {
		return nil, nil
	}
	if _, ok := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap); ok {
		return nil, nil
	}
	var terms [][]trackedTerm
	for _, m := range must {
		fq, ok := m.(fieldsQuery)
		if !ok || fq.Min > 0 || len(fq.Disjuncts) < 2 {
			return nil, nil
		}
		var ts []trackedTerm
		for _, d := range fq.Disjuncts {
			t, ok := d.(trackedTerm)
			if !ok {
				return nil, nil
			}
			if _, ok := stats.FieldCardinality[t.FieldVal]; !ok {
				return nil, nil
			}
			ts = append(ts, t)
		}
		terms = append(terms, ts)
	}
	s := &wordsSearcher{}
	count := uint64(stats.DocCount)
	for _, ts := range terms {
		var word []*termCursor
		for _, t := range ts {
			if err := search.RecordTermSearcher(ctx); err != nil {
				_ = s.Close()
				return nil, err
			}
			c := &termCursor{boost: t.BoostVal.Value()}
			var err error
			if snap, ok := i.(*scorch.IndexSnapshot); ok && lazyReads {
				c.lazy, err = openPostings(snap, []byte(t.Term), t.FieldVal)
			} else {
				c.reader, err = i.TermFieldReader(ctx, []byte(t.Term), t.FieldVal, true, true, false)
			}
			if err != nil {
				_ = s.Close()
				return nil, err
			}
			avg := 0.0
			if count > 0 || stats.FieldCardinality[t.FieldVal] > 0 {
				avg = math.Ceil(float64(stats.FieldCardinality[t.FieldVal]) / float64(count))
			}
			c.scorer = scorer.NewTermQueryScorer([]byte(t.Term), t.FieldVal, c.boost, count, c.count(), avg, o)
			word = append(word, c)
			if tr, _ := ctx.Value(trackerKey{}).(*tracker); tr != nil {
				tr.add(t.FieldVal, t.Term, c)
			}
		}
		sort.Sort(cursorsByCount(word))
		s.words = append(s.words, word)
	}
	sort.Sort(wordsByCount(s.words))
	// As bleve's conjunction norms its clauses on construction; the query
	// holding it norms them again.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

type cursorsByCount []*termCursor

func (c cursorsByCount) Len() int           { return len(c) }
func (c cursorsByCount) Less(i, j int) bool { return c[i].count() < c[j].count() }
func (c cursorsByCount) Swap(i, j int)      { c[i], c[j] = c[j], c[i] }

type wordsByCount [][]*termCursor

func (w wordsByCount) Len() int           { return len(w) }
func (w wordsByCount) Less(i, j int) bool { return wordCount(w[i]) < wordCount(w[j]) }
func (w wordsByCount) Swap(i, j int)      { w[i], w[j] = w[j], w[i] }

func wordCount(w []*termCursor) uint64 {
	var n uint64
	for _, c := range w {
		n += c.count()
	}
	return n
}

// count is the number of the term's postings.
func (c *termCursor) count() uint64 {
	if c.lazy != nil {
		return c.lazy.count
	}
	return c.reader.Count()
}

// lazyReads is whether terms of a scorch index are read by lazyPostings
// rather than by scorch's reader; tests compare both ways.
var lazyReads = true

// advance moves c to its first posting at or after document target.
func (c *termCursor) advance(target uint64) error {
	if c.tfd != nil && c.doc >= target {
		return nil
	}
	from := target
	onward := c.tfd != nil && c.doc+1 == target
	if c.tfd != nil {
		from = max(from, c.doc+1)
	} else {
		c.tfd = &bleveindex.TermFieldDoc{}
	}
	c.from, c.scored = from, false
	if c.lazy != nil {
		var err error
		if onward {
			c.doc, err = c.lazy.next()
		} else {
			c.doc, err = c.lazy.advance(target)
		}
		return err
	}
	var d *bleveindex.TermFieldDoc
	var err error
	if onward {
		// The next posting: scorch's Next reads on where Advance would
		// look the target up first.
		d, err = c.reader.Next(c.tfd.Reset())
	} else {
		c.id = binary.BigEndian.AppendUint64(c.id[:0], target)
		d, err = c.reader.Advance(c.id, c.tfd.Reset())
	}
	if err != nil {
		return err
	}
	c.from, c.scored = from, false
	if d == nil {
		c.doc = math.MaxUint64
		return nil
	}
	n, ok := docNumber(d.ID)
	if !ok {
		n = math.MaxUint64 // not scorch's: cannot happen in this index
	}
	c.doc = n
	return nil
}

// scoreAt returns c's score at its current document, as bleve's term
// searcher scores it.
func (c *termCursor) scoreAt(ctx *search.SearchContext) float64 {
	if !c.scored {
		if c.lazy != nil {
			c.lazy.fill(c.tfd)
		}
		dm := c.scorer.Score(ctx, c.tfd)
		c.score, c.scored = dm.Score, true
		ctx.DocumentMatchPool.Put(dm)
	}
	return c.score
}

// state tells whether the term is in document id, as trackedSearcher.state.
func (c *termCursor) state(id bleveindex.IndexInternalID) (int, float64) {
	d, ok := docNumber(id)
	switch {
	case !ok || c.tfd == nil:
		return unknown, 0
	case d == c.doc && c.scored:
		return present, c.score
	case c.from <= d && d < c.doc:
		return absent, 0
	}
	return unknown, 0
}

func (c *termCursor) termBoost() float64 { return c.boost }

func (s *wordsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	target := s.next
	for {
		if target == math.MaxUint64 {
			s.next = target
			return nil, nil
		}
		// Each word to its first document at or after target; the
		// latest of them is where all may meet.
		at := uint64(0)
		for _, w := range s.words {
			first := uint64(math.MaxUint64)
			for _, c := range w {
				if err := c.advance(target); err != nil {
					return nil, err
				}
				first = min(first, c.doc)
			}
			at = max(at, first)
			if at == math.MaxUint64 {
				s.next = at
				return nil, nil
			}
			if at > target {
				break // this word skips target: start again from at
			}
		}
		if at != target {
			target = at
			continue
		}
		s.next = target + 1
		return s.scoreMatch(ctx, target), nil
	}
}

// scoreMatch returns the match at doc, where every word stands, scored as
// bleve's conjunction of the words' disjunctions scores it.
func (s *wordsSearcher) scoreMatch(ctx *search.SearchContext, doc uint64) *search.DocumentMatch {
	var score float64
	for _, w := range s.words {
		var sum float64
		n := 0
		for _, c := range w {
			if c.doc == doc {
				sum += c.scoreAt(ctx)
				n++
			}
		}
		score += sum * (float64(n) / float64(len(w)))
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = binary.BigEndian.AppendUint64(dm.IndexInternalID[:0], doc)
	dm.Score = score
	return dm
}

func (s *wordsSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if d, ok := docNumber(id); ok {
		s.next = max(s.next, d)
	}
	return s.Next(ctx)
}

// holds reports whether every word's cursors stand at doc or one of them.
func (s *wordsSearcher) holds(doc uint64) bool {
	for _, w := range s.words {
		if !slices.ContainsFunc(w, func(c *termCursor) bool { return c.doc == doc }) {
			return false
		}
	}
	return true
}

// Weight sums the weights word by word, in order, as bleve's conjunction of
// disjunctions does: the query norm is the same to the last bit.
func (s *wordsSearcher) Weight() float64 {
	var w float64
	for _, word := range s.words {
		var ww float64
		for _, c := range word {
			ww += c.scorer.Weight()
		}
		w += ww
	}
	return w
}

func (s *wordsSearcher) SetQueryNorm(n float64) {
	for _, word := range s.words {
		for _, c := range word {
			c.scorer.SetQueryNorm(n)
		}
	}
}

func (s *wordsSearcher) Count() uint64 {
	if len(s.words) == 0 {
		return 0
	}
	return wordCount(s.words[0])
}

func (s *wordsSearcher) Close() error {
	var first error
	for _, word := range s.words {
		for _, c := range word {
			if c.reader == nil {
				continue
			}
			if err := c.reader.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

func (s *wordsSearcher) Min() int { return 0 }

// Size estimates the searcher's memory, for bleve's memory budget of a
// search: its term readers'.
func (s *wordsSearcher) Size() int {
	n := 0
	for _, word := range s.words {
		for _, c := range word {
			if c.reader != nil {
				n += c.reader.Size()
			}
		}
	}
	return n
}

// DocumentMatchPoolSize is what the searcher holds at once: the match it
// passes on and one a term scorer takes while scoring.
func (s *wordsSearcher) DocumentMatchPoolSize() int { return 2 }
