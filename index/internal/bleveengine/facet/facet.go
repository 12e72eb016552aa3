// Package facet counts the values of keyword fields over the matches of a
// bleve search: the facet lists and the date histogram of a search page.
//
// bleve counts a terms facet by reading each match's doc values and turning
// every value into a string key of a map; at 100k articles that was most of
// the time of a search-box request. Here each immutable index segment is
// uninverted once into the value ordinals of each document, and a search
// counts a match by adding one to an array slot per value. Segments are
// cached by identity, so a write costs only the uninverting of the segments
// it made.
//
// The ordinals of all the fields a request counts are kept together, a row
// per document (as Lucene's taxonomy facets keep every dimension of a
// document in one doc value): a match then costs one or two cache misses
// rather than two per field. With a column per field, the offsets alone of
// eight fields missed the cache on every match, half the time of a
// search-box request at 300k articles. The rows are packed small (table.go),
// so that a million articles' rows stay in the processor's last cache.
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
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

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

// segEntry is one segment's uninverted rows, one table per set of fields
// counted together, built on first use.
type segEntry struct {
	mu     sync.Mutex // guards tables; each slot has its own lock
	tables map[string]*slot
}

// slot holds one table of a segment, built once.
type slot struct {
	mu  sync.Mutex
	tab *table
}

// The values of a table are a field's index among the fields of the table
// in the top fieldBits, and the value's ordinal in the others.
const (
	fieldBits = 5
	maxFields = 1 << fieldBits
	ordBits   = 32 - fieldBits
	ordMask   = 1<<ordBits - 1
)

// wide maps a segment's documents to the value ordinals of several fields,
// as the fields are uninverted: the values of document d are
// vals[start[d]:start[d+1]], field by field in the order of the table's
// fields. It is packed into a table (wide.pack) before it is counted.
type wide struct {
	start []uint32
	vals  []uint32
}

// column maps a segment's documents to the value ordinals of one field, the
// way a table is built: the values of document d are ords[off[d]:off[d+1]].
type column struct {
	off  []uint32
	ords []uint32
}

func (c *column) count(doc int) uint32 {
	if doc+1 >= len(c.off) {
		return 0
	}
	return c.off[doc+1] - c.off[doc]
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
			e = &segEntry{tables: map[string]*slot{}}
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

// table returns the table of a segment for fields (key names them),
// building it once: the fields are uninverted side by side.
func (e *segEntry) table(seg segment.Segment, key string, fields []string, dicts []*dictionary) (*table, error) {
	e.mu.Lock()
	sl := e.tables[key]
	if sl == nil {
		sl = &slot{}
		e.tables[key] = sl
	}
	e.mu.Unlock()
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if sl.tab != nil {
		return sl.tab, nil
	}
	cols := make([]*column, len(fields))
	errs := make([]error, len(fields))
	var wg sync.WaitGroup
	for f, field := range fields {
		wg.Go(func() { cols[f], errs[f] = uninvert(seg, field, dicts[f]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err // not kept: a later search tries again
	}
	w, err := rows(seg.Count(), cols)
	if err != nil {
		return nil, err
	}
	sl.tab = w.pack()
	return sl.tab, nil
}

// cached returns the table of a segment for key if it is built.
func (e *segEntry) cached(key string) *table {
	e.mu.Lock()
	sl := e.tables[key]
	e.mu.Unlock()
	if sl == nil || !sl.mu.TryLock() {
		return nil
	}
	defer sl.mu.Unlock()
	return sl.tab
}

// rows joins the columns of n documents into a table.
func rows(n uint64, cols []*column) (*wide, error) {
	t := &wide{start: make([]uint32, n+1)}
	total := 0
	for _, c := range cols {
		total += len(c.ords)
	}
	if uint64(total) > 1<<32-1 {
		return nil, fmt.Errorf("facet: %d values in one segment, more than a table holds", total)
	}
	for d := range int(n) {
		w := t.start[d]
		for _, c := range cols {
			w += c.count(d)
		}
		t.start[d+1] = w
	}
	t.vals = make([]uint32, total)
	for d := range int(n) {
		w := t.start[d]
		for f, c := range cols {
			k := c.count(d)
			if k == 0 {
				continue
			}
			for _, o := range c.ords[c.off[d]:c.off[d+1]] {
				t.vals[w] = uint32(f)<<ordBits | o
				w++
			}
		}
	}
	return t, nil
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
			if len(d.vals) > ordMask {
				return nil, fmt.Errorf("facet: field %s has more than %d values", field, ordMask+1)
			}
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
// Use it for one search only, from one goroutine (bleve's collector), or
// split it into parts (Part) that gather from goroutines of their own.
type Counter struct {
	cache *Cache
	req   Request
	// part is set for a part of another counter: bound with it.
	part bool

	dicts   []*dictionary
	offsets []uint64 // first global document number of each segment
	tables  []*table // segment
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

// Bind resolves the segments of the reader a search runs on and sizes the
// counts; it runs when bleve asks the wrapped query for its searcher, or
// before the counter is split into parts.
func (k *Counter) Bind(r bindex.IndexReader) error {
	if k.part {
		return nil // bound with the counter it is a part of
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return ErrUnsupported
	}
	// The fields, and the Distinct one last.
	fields := k.req.Fields
	if k.req.Distinct != "" {
		fields = append(slices.Clip(fields), k.req.Distinct)
	}
	if len(fields) > maxFields {
		return fmt.Errorf("facet: %d fields counted together, at most %d", len(fields), maxFields)
	}
	key := strings.Join(fields, "\x00")
	segs := snap.Segments()
	entries := k.cache.segments(segs)
	k.offsets = make([]uint64, len(segs)+1)
	for i, ss := range segs {
		k.offsets[i+1] = k.offsets[i] + ss.Segment().Count()
	}
	dicts := make([]*dictionary, len(fields))
	for f, field := range fields {
		dicts[f] = k.cache.dictionary(field)
	}
	k.tables = make([]*table, len(segs))
	for i, ss := range segs {
		if k.tables[i] = entries[i].cached(key); k.tables[i] != nil {
			continue
		}
		var err error
		if k.tables[i], err = entries[i].table(ss.Segment(), key, fields, dicts); err != nil {
			return err
		}
	}
	n := len(k.req.Fields)
	k.dicts = dicts[:n]
	k.counts = make([][]uint32, n)
	for f := range n {
		k.counts[f] = getCounts(k.dicts[f].size())
	}
	if k.req.Distinct != "" {
		k.pairs = map[pair]struct{}{}
		k.groups = map[uint32]struct{}{}
	}
	k.cur, k.matched, k.loose, k.counted = 0, 0, 0, false
	k.docs = make([][]uint32, len(segs))
	return nil
}

// Part returns a counter that gathers documents for k from a goroutine of
// its own: one part of a search split into ranges of documents, each
// searched by its own searcher. k must be bound; Join hands the part's
// documents back to k, which counts them all.
func (k *Counter) Part() *Counter {
	return &Counter{cache: k.cache, req: k.req, part: true, offsets: k.offsets, docs: make([][]uint32, len(k.docs))}
}

// Join adds the documents gathered by parts of k (Part) to k's, in the
// order of their ranges: documents stay in the order of their numbers. The
// parts must not be used after.
func (k *Counter) Join(parts ...*Counter) {
	for _, p := range parts {
		for s, d := range p.docs {
			switch {
			case d == nil:
			case k.docs[s] == nil:
				k.docs[s] = d
			default:
				k.docs[s] = append(k.docs[s], d...)
				docsPool.Put(&d)
			}
			p.docs[s] = nil
		}
		k.matched += p.matched
		p.matched = 0
	}
}

// add counts the document with the given internal ID.
func (k *Counter) add(id bindex.IndexInternalID) {
	if len(id) != 8 {
		return
	}
	k.Add(binary.BigEndian.Uint64(id))
}

// Add counts the document of scorch number num (its internal ID): for a
// searcher that passes over matches it does not return to the search.
// Documents are counted in the order of their numbers, as a search yields
// them.
func (k *Counter) Add(num uint64) {
	if len(k.offsets) < 2 {
		return
	}
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

// count counts the documents gathered, row by row.
func (k *Counter) count() {
	if k.counted {
		return
	}
	k.counted = true
	counts := k.counts
	if k.req.Distinct == "" {
		var parts []part
		for s, docs := range k.docs {
			if len(docs) > 0 {
				parts = append(parts, part{k.tables[s], docs})
			}
		}
		if k.matched < parallelFrom || runtime.GOMAXPROCS(0) < 2 {
			countRows(parts, counts)
			return
		}
		// Two halves side by side, the second into counts of its own
		// added up after: a search of a common word waits half as long
		// for its counts when a core is free.
		first, second := halve(parts, int(k.matched/2))
		mine := make([][]uint32, len(counts))
		for f := range counts {
			mine[f] = getCounts(len(counts[f]))
		}
		var wg sync.WaitGroup
		wg.Go(func() { countRows(second, mine) })
		countRows(first, counts)
		wg.Wait()
		for f, c := range mine {
			for o, n := range c {
				counts[f][o] += n
			}
			countsPool.Put(&c)
		}
		return
	}
	dist := uint32(len(k.req.Fields)) // the Distinct field's index
	var row []uint32
	for s, docs := range k.docs {
		for _, d := range docs {
			row = k.tables[s].values(d, row[:0])
			vs := row
			// The Distinct field's values end a row; the first is the group.
			i := len(vs)
			for i > 0 && vs[i-1]>>ordBits == dist {
				i--
			}
			if i == len(vs) {
				// An article without a story is a story of its own.
				k.loose++
				for _, v := range vs {
					counts[v>>ordBits][v&ordMask]++
				}
				continue
			}
			g := vs[i] & ordMask
			vs = vs[:i]
			k.groups[g] = struct{}{}
			for _, v := range vs {
				p := pair{int(v >> ordBits), v & ordMask, g}
				if _, seen := k.pairs[p]; !seen {
					k.pairs[p] = struct{}{}
					counts[p.field][p.value]++
				}
			}
		}
	}
}

// parallelFrom is the number of matches from which a search counts them in
// two halves side by side: below it, starting a goroutine and adding up
// its counts costs more than the half it saves.
const parallelFrom = 20000

// part is documents of one segment to count.
type part struct {
	t    *table
	docs []uint32
}

// halve splits parts into those holding the first n documents and the rest.
func halve(parts []part, n int) (first, second []part) {
	for i, p := range parts {
		if n < len(p.docs) {
			first = append(slices.Clip(parts[:i]), part{p.t, p.docs[:n]})
			second = append([]part{{p.t, p.docs[n:]}}, parts[i+1:]...)
			return first, second
		}
		n -= len(p.docs)
	}
	return parts, nil
}

// countRows adds the values of the documents of parts to counts.
func countRows(parts []part, counts [][]uint32) {
	spans := make([]uint64, 0, countBatch)
	for _, p := range parts {
		spans = p.t.countDocs(p.docs, counts, spans)
	}
}

// countBatch is the number of rows whose first values are read side by side
// before they are counted: a few hundred fit the first caches.
const countBatch = 256

// sink keeps the reads of a batch's rows from being optimised away.
var sink atomic.Uint32

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
	if k.req.Distinct == "" {
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
	if err := q.k.Bind(r); err != nil {
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
