// Package facet counts the values of keyword fields over the matches of a
// bleve search: the facet lists and the date histogram of a search page.
//
// bleve counts a terms facet by reading each match's doc values and turning
// every value into a string key of a map; at 100k articles that was most of
// the time of a search-box request. Here each immutable index segment is
// uninverted once per field into the value ordinals of each document (what
// Lucene's field cache did), and a search counts a match by adding one to an
// array slot per value. Segments are cached by identity, so a write costs
// only the uninverting of the segments it made.
//
// A Counter is attached to one search by wrapping its query (Counter.Query):
// the wrapper's searcher sees every document bleve's collector takes, in the
// same pass that ranks them.
package facet

import (
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// ErrUnsupported reports an index reader that is not scorch's: only its
// segments can be uninverted.
var ErrUnsupported = errors.New("facet: index reader is not a scorch snapshot")

// Count is one value of a field with its number of matches (or of distinct
// stories, see Request.Distinct).
type Count struct {
	Value string
	Count int
}

// Cache holds the uninverted segments of one index. It is safe for
// concurrent use; one Cache serves every search of its index.
type Cache struct {
	mu    sync.Mutex
	segs  map[segment.Segment]*segEntry
	dicts map[string]*dictionary
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{segs: map[segment.Segment]*segEntry{}, dicts: map[string]*dictionary{}}
}

// segEntry is one segment's uninverted fields, built on first use.
type segEntry struct {
	mu   sync.Mutex // guards cols; each slot has its own lock
	cols map[string]*slot
}

// slot holds one uninverted field of a segment, built once; fields of one
// segment are built side by side.
type slot struct {
	mu  sync.Mutex
	col *column
}

// column maps a segment's documents to value ordinals: the values of
// document d are ords[off[d]:off[d+1]].
type column struct {
	off  []uint32
	ords []uint32
}

func (c *column) values(doc uint64) []uint32 {
	if doc+1 >= uint64(len(c.off)) {
		return nil
	}
	return c.ords[c.off[doc]:c.off[doc+1]]
}

// dictionary numbers the values of one field across segments, so counts of
// every segment add up in one array.
type dictionary struct {
	mu   sync.RWMutex
	ords map[string]uint32
	vals []string
}

func (d *dictionary) size() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.vals)
}

func (d *dictionary) value(ord uint32) string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.vals[ord]
}

func (c *Cache) dictionary(field string) *dictionary {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := c.dicts[field]
	if d == nil {
		d = &dictionary{ords: map[string]uint32{}}
		c.dicts[field] = d
	}
	return d
}

// segments returns the entries of a snapshot's segments, and forgets those
// of segments merged away once they outnumber the live ones.
func (c *Cache) segments(segs []*scorch.SegmentSnapshot) []*segEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*segEntry, len(segs))
	for i, ss := range segs {
		s := ss.Segment()
		e := c.segs[s]
		if e == nil {
			e = &segEntry{cols: map[string]*slot{}}
			c.segs[s] = e
		}
		out[i] = e
	}
	if len(c.segs) > 2*len(segs)+16 {
		live := make(map[segment.Segment]bool, len(segs))
		for _, ss := range segs {
			live[ss.Segment()] = true
		}
		for s := range c.segs {
			if !live[s] {
				delete(c.segs, s)
			}
		}
	}
	return out
}

// column returns the uninverted field of a segment, building it once.
func (e *segEntry) column(seg segment.Segment, field string, d *dictionary) (*column, error) {
	e.mu.Lock()
	sl := e.cols[field]
	if sl == nil {
		sl = &slot{}
		e.cols[field] = sl
	}
	e.mu.Unlock()
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if sl.col != nil {
		return sl.col, nil
	}
	col, err := uninvert(seg, field, d)
	if err != nil {
		return nil, err // not kept: a later search tries again
	}
	sl.col = col
	return col, nil
}

// cached returns the uninverted field of a segment if it is built.
func (e *segEntry) cached(field string) *column {
	e.mu.Lock()
	sl := e.cols[field]
	e.mu.Unlock()
	if sl == nil || !sl.mu.TryLock() {
		return nil
	}
	defer sl.mu.Unlock()
	return sl.col
}

// uninvert reads a field's term dictionary and postings in one segment and
// returns each document's value ordinals.
func uninvert(seg segment.Segment, field string, d *dictionary) (*column, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("facet: field %s: %w", field, err)
	}
	var pairs []uint64 // document << 32 | ordinal
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	it := dict.AutomatonIterator(nil, nil, nil)
	d.mu.Lock()
	defer d.mu.Unlock()
	for {
		entry, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("facet: field %s: %w", field, err)
		}
		if entry == nil {
			break
		}
		ord, ok := d.ords[entry.Term]
		if !ok {
			ord = uint32(len(d.vals))
			d.ords[entry.Term] = ord
			d.vals = append(d.vals, entry.Term)
		}
		if pl, err = dict.PostingsList([]byte(entry.Term), nil, pl); err != nil {
			return nil, fmt.Errorf("facet: field %s term %q: %w", field, entry.Term, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return nil, fmt.Errorf("facet: field %s term %q: %w", field, entry.Term, err)
			}
			if p == nil {
				break
			}
			pairs = append(pairs, p.Number()<<32|uint64(ord))
		}
	}
	slices.Sort(pairs)
	n := seg.Count()
	col := &column{off: make([]uint32, n+1), ords: make([]uint32, len(pairs))}
	for i, p := range pairs {
		if doc := p >> 32; doc < n {
			col.off[doc+1]++
		}
		col.ords[i] = uint32(p)
	}
	for i := 1; i < len(col.off); i++ {
		col.off[i] += col.off[i-1]
	}
	return col, nil
}

// Request says what a Counter counts.
type Request struct {
	// Fields are the keyword fields counted.
	Fields []string
	// Distinct, when set, names a single-valued field (the story) whose
	// distinct values are counted for each value instead of documents.
	Distinct string
}

// Counter counts the values of its fields over the documents of one search.
// Use it for one search only, from one goroutine (bleve's collector).
type Counter struct {
	cache *Cache
	req   Request

	dicts   []*dictionary
	offsets []uint64    // first global document number of each segment
	cols    [][]*column // field, segment
	dist    []*column   // segment; nil without Distinct
	distD   *dictionary
	counts  [][]uint32
	pairs   map[pair]struct{}
	groups  map[uint32]struct{}
	loose   int        // documents without a Distinct value
	cur     int        // the segment of the last document gathered
	docs    [][]uint32 // segment: the documents gathered, counted at the first read
	counted bool
	matched uint64
}

type pair struct {
	field        int
	value, group uint32
}

// NewCounter returns a counter for one search.
func (c *Cache) NewCounter(req Request) *Counter {
	return &Counter{cache: c, req: req}
}

// bind resolves the segments of the reader a search runs on and sizes the
// counts; it runs when bleve asks the wrapped query for its searcher.
func (k *Counter) bind(r bindex.IndexReader) error {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return ErrUnsupported
	}
	segs := snap.Segments()
	entries := k.cache.segments(segs)
	k.offsets = make([]uint64, len(segs)+1)
	for i, ss := range segs {
		k.offsets[i+1] = k.offsets[i] + ss.Segment().Count()
	}
	// The fields, and the Distinct one last; those with a segment not yet
	// uninverted are built side by side (a first search of a large index
	// reads every facet field), the others taken from the cache.
	fields := k.req.Fields
	if k.req.Distinct != "" {
		fields = append(slices.Clip(fields), k.req.Distinct)
	}
	dicts := make([]*dictionary, len(fields))
	cols := make([][]*column, len(fields))
	errs := make([]error, len(fields))
	var wg sync.WaitGroup
	for f, field := range fields {
		dicts[f] = k.cache.dictionary(field)
		cols[f] = make([]*column, len(segs))
		missing := false
		for i := range segs {
			if cols[f][i] = entries[i].cached(field); cols[f][i] == nil {
				missing = true
			}
		}
		if !missing {
			continue
		}
		wg.Go(func() {
			for i, ss := range segs {
				if cols[f][i] == nil {
					cols[f][i], errs[f] = entries[i].column(ss.Segment(), field, dicts[f])
					if errs[f] != nil {
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	n := len(k.req.Fields)
	k.dicts, k.cols = dicts[:n], cols[:n]
	k.counts = make([][]uint32, n)
	for f := range n {
		k.counts[f] = getCounts(k.dicts[f].size())
	}
	if k.req.Distinct != "" {
		k.distD, k.dist = dicts[n], cols[n]
		k.pairs = map[pair]struct{}{}
		k.groups = map[uint32]struct{}{}
	}
	k.cur, k.matched, k.loose, k.counted = 0, 0, 0, false
	k.docs = make([][]uint32, len(segs))
	return nil
}

// add counts the document with the given internal ID.
func (k *Counter) add(id bindex.IndexInternalID) {
	if len(id) != 8 || len(k.offsets) < 2 {
		return
	}
	num := binary.BigEndian.Uint64(id)
	s := k.cur
	if num < k.offsets[s] || num >= k.offsets[s+1] {
		// Searchers yield documents in order, so this is the next segment
		// but one; search in case a searcher does not.
		s = sort.Search(len(k.offsets)-1, func(i int) bool { return k.offsets[i+1] > num })
		if s >= len(k.offsets)-1 {
			return
		}
		k.cur = s
	}
	k.matched++
	if k.docs[s] == nil {
		if p, ok := docsPool.Get().(*[]uint32); ok {
			k.docs[s] = (*p)[:0]
		}
	}
	k.docs[s] = append(k.docs[s], uint32(num-k.offsets[s]))
}

// count counts the documents gathered, one field at a time: each field's
// columns and counts then stay in the cache while all documents pass,
// which is twice as fast as every field for each document.
func (k *Counter) count() {
	if k.counted {
		return
	}
	k.counted = true
	if k.dist == nil {
		for f, cols := range k.cols {
			counts := k.counts[f]
			for s, docs := range k.docs {
				off, ords := cols[s].off, cols[s].ords
				for _, d := range docs {
					if int(d)+1 >= len(off) {
						continue
					}
					for _, o := range ords[off[d]:off[d+1]] {
						counts[o]++
					}
				}
			}
		}
		return
	}
	for s, docs := range k.docs {
		for _, d := range docs {
			g := k.dist[s].values(uint64(d))
			if len(g) == 0 {
				// An article without a story is a story of its own.
				k.loose++
				for f, cols := range k.cols {
					for _, o := range cols[s].values(uint64(d)) {
						k.counts[f][o]++
					}
				}
				continue
			}
			k.groups[g[0]] = struct{}{}
			for f, cols := range k.cols {
				for _, o := range cols[s].values(uint64(d)) {
					p := pair{f, o, g[0]}
					if _, seen := k.pairs[p]; !seen {
						k.pairs[p] = struct{}{}
						k.counts[f][o]++
					}
				}
			}
		}
	}
}

// countsPool recycles the count arrays: a search of a large archive counts
// into a few hundred kilobytes of them, and 8 clients' garbage costs the
// cores they share.
var countsPool, docsPool sync.Pool

func getCounts(n int) []uint32 {
	if p, ok := countsPool.Get().(*[]uint32); ok && cap(*p) >= n {
		c := (*p)[:n]
		clear(c)
		return c
	}
	return make([]uint32, n)
}

// Release returns the counter's arrays for reuse. Call it once its counts
// are read; the counter must not be used after.
func (k *Counter) Release() {
	if k == nil {
		return
	}
	for f, c := range k.counts {
		c := c
		countsPool.Put(&c)
		k.counts[f] = nil
	}
	for s, d := range k.docs {
		if d != nil {
			d := d
			docsPool.Put(&d)
			k.docs[s] = nil
		}
	}
}

// Matched is the number of documents counted.
func (k *Counter) Matched() uint64 { return k.matched }

// Groups is the number of distinct Distinct values among the documents
// counted (documents without one count once each); 0 without Distinct.
func (k *Counter) Groups() int {
	if k.dist == nil {
		return 0
	}
	k.count()
	return len(k.groups) + k.loose
}

// Top returns the n most frequent values of a field, by count then value.
func (k *Counter) Top(field string, n int) []Count {
	f := slices.Index(k.req.Fields, field)
	if f < 0 || f >= len(k.counts) || n <= 0 {
		return []Count{}
	}
	k.count()
	counts, d := k.counts[f], k.dicts[f]
	d.mu.RLock()
	defer d.mu.RUnlock()
	h := &topHeap{vals: d.vals}
	for o, c := range counts {
		if c == 0 {
			continue
		}
		if h.Len() < n {
			heap.Push(h, entry{o: uint32(o), c: c})
			continue
		}
		if h.better(entry{o: uint32(o), c: c}, h.es[0]) {
			h.es[0] = entry{o: uint32(o), c: c}
			heap.Fix(h, 0)
		}
	}
	out := make([]Count, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		e := heap.Pop(h).(entry)
		out[i] = Count{Value: d.vals[e.o], Count: int(e.c)}
	}
	return out
}

type entry struct{ o, c uint32 }

// topHeap is a min-heap by rank: its root is the worst of the best n.
type topHeap struct {
	es   []entry
	vals []string
}

// better orders by count, then by value ascending.
func (h *topHeap) better(a, b entry) bool {
	if a.c != b.c {
		return a.c > b.c
	}
	return h.vals[a.o] < h.vals[b.o]
}
func (h *topHeap) Len() int           { return len(h.es) }
func (h *topHeap) Less(i, j int) bool { return h.better(h.es[j], h.es[i]) }
func (h *topHeap) Swap(i, j int)      { h.es[i], h.es[j] = h.es[j], h.es[i] }
func (h *topHeap) Push(x any)         { h.es = append(h.es, x.(entry)) }
func (h *topHeap) Pop() any {
	e := h.es[len(h.es)-1]
	h.es = h.es[:len(h.es)-1]
	return e
}

// Query wraps q so that every document its searcher yields is counted.
func (k *Counter) Query(q bq.Query) bq.Query { return &countingQuery{inner: q, k: k} }

type countingQuery struct {
	inner bq.Query
	k     *Counter
}

func (q *countingQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	if err := q.k.bind(r); err != nil {
		s.Close()
		return nil, err
	}
	return &countingSearcher{Searcher: s, k: q.k}, nil
}

// countingSearcher passes its inner searcher's documents on, counting them.
type countingSearcher struct {
	search.Searcher
	k *Counter
}

func (s *countingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	if d != nil {
		s.k.add(d.IndexInternalID)
	}
	return d, err
}

func (s *countingSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if d != nil {
		s.k.add(d.IndexInternalID)
	}
	return d, err
}
