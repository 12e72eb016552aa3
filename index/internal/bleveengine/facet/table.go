package facet

import "math/bits"

// table is a segment's rows packed for counting. Counting a common word's
// matches at a million articles waits on the memory its rows are read from
// (a cache miss or two a match), so the rows are kept small enough to stay
// in the processor's last cache: the search box's rows of a million
// articles (2.9 million documents with the quotes) take 48.9 MB as wide
// tables (a uint32 row start for every document, a uint32 a value) and
// 24.8 MB packed.
//
//   - Only documents with values have a row (the quotes of a search-box
//     table have none): has marks them, and a document's row is the number
//     of marked documents before it, rank holding that number at every 64th.
//   - A value is a code of the table, two bytes, when the table holds at most
//     maxCodes distinct values (44,000 a segment over the nine fields of the
//     search box at a million articles); decode turns a code back into its field and
//     ordinal, as a wide table holds it. A table with more keeps the wide
//     values (codes nil).
//
// The values of a row are those of the wide table, in the same order.
type table struct {
	has    []uint64 // bit d%64 of has[d/64]: document d has a row
	rank   []uint32 // rank[i]: rows of the documents before 64*i
	start  []uint32 // the values of row r are [start[r], start[r+1])
	codes  []uint16 // the values as codes of the table
	decode []uint32 // code: field<<ordBits | ordinal
	vals   []uint32 // the values, when the table has too many for codes
}

// maxCodes is the number of distinct values a table codes in two bytes;
// a variable so that tests can pack tables both ways.
var maxCodes = 1 << 16

// pack returns the table of a wide one.
func (w *wide) pack() *table {
	n := max(len(w.start)-1, 0)
	t := &table{has: make([]uint64, (n+63)/64), rank: make([]uint32, (n+63)/64+1)}
	rowsN := 0
	for d := range n {
		if d%64 == 0 {
			t.rank[d/64] = uint32(rowsN)
		}
		if w.start[d] < w.start[d+1] {
			t.has[d/64] |= 1 << (d % 64)
			rowsN++
		}
	}
	t.rank[len(t.rank)-1] = uint32(rowsN)
	t.start = make([]uint32, 0, rowsN+1)
	for d := range n {
		if w.start[d] < w.start[d+1] {
			t.start = append(t.start, w.start[d])
		}
	}
	t.start = append(t.start, uint32(len(w.vals)))
	// Rows keep the wide table's values in place: documents without a row
	// hold none, so the values are the same array, start offsets and all.
	code := map[uint32]uint16{}
	for _, v := range w.vals {
		if _, ok := code[v]; !ok {
			if len(code) >= maxCodes {
				t.vals = w.vals
				return t
			}
			code[v] = uint16(len(code))
		}
	}
	t.decode = make([]uint32, len(code))
	for v, c := range code {
		t.decode[c] = v
	}
	t.codes = make([]uint16, len(w.vals))
	for i, v := range w.vals {
		t.codes[i] = code[v]
	}
	return t
}

// row returns the number of document doc's row, and false if it has none.
func (t *table) row(doc uint32) (uint32, bool) {
	w := doc / 64
	if int(w) >= len(t.has) {
		return 0, false
	}
	bit := uint64(1) << (doc % 64)
	if t.has[w]&bit == 0 {
		return 0, false
	}
	return t.rank[w] + uint32(bits.OnesCount64(t.has[w]&(bit-1))), true
}

// values appends the values of document doc, as the wide table holds them,
// to buf.
func (t *table) values(doc uint32, buf []uint32) []uint32 {
	r, ok := t.row(doc)
	if !ok {
		return buf
	}
	lo, hi := t.start[r], t.start[r+1]
	if t.codes == nil {
		return append(buf, t.vals[lo:hi]...)
	}
	for _, c := range t.codes[lo:hi] {
		buf = append(buf, t.decode[c])
	}
	return buf
}

// localFrom sets when the matches of a table are counted into counts of its
// own: when they are more than one in localFrom of its codes. Adding those
// counts up costs a pass over all the codes; fewer matches are counted
// through the decode table.
const localFrom = 16

// countDocs adds the values of docs, documents of t, to counts.
func (t *table) countDocs(docs []uint32, counts [][]uint32, spans []uint64) []uint64 {
	// Many matches are counted by code into counts of the table's own,
	// added to counts by field and ordinal once: a value then costs one
	// increment in a small array rather than a lookup and an increment.
	var local []uint32
	if t.codes != nil && len(docs)*localFrom > len(t.decode) {
		local = getCounts(len(t.decode))
	}
	// The rows' bounds first, in a loop whose loads the processor overlaps,
	// then the rows: reading a row where its bounds are read waits for each
	// cache miss in turn.
	for b := 0; b < len(docs); b += countBatch {
		batch := docs[b:min(b+countBatch, len(docs))]
		spans = spans[:0]
		// The first value of each row of the batch is read there too:
		// those loads, independent of each other, wait for their cache
		// misses together, and the rows are in the cache when they are
		// counted.
		var touch uint32
		for _, d := range batch {
			r, ok := t.row(d)
			if !ok {
				continue
			}
			lo, hi := t.start[r], t.start[r+1]
			spans = append(spans, uint64(lo)<<32|uint64(hi))
			if t.codes != nil {
				touch += uint32(t.codes[lo])
			} else {
				touch += t.vals[lo]
			}
		}
		sink.Add(touch)
		if t.codes == nil {
			for _, sp := range spans {
				for _, v := range t.vals[sp>>32 : uint32(sp)] {
					counts[v>>ordBits][v&ordMask]++
				}
			}
			continue
		}
		codes := t.codes
		if local == nil {
			decode := t.decode
			for _, sp := range spans {
				for _, c := range codes[sp>>32 : uint32(sp)] {
					v := decode[c]
					counts[v>>ordBits][v&ordMask]++
				}
			}
			continue
		}
		for _, sp := range spans {
			for _, c := range codes[sp>>32 : uint32(sp)] {
				local[c]++
			}
		}
	}
	if local != nil {
		for c, n := range local {
			if n != 0 {
				v := t.decode[c]
				counts[v>>ordBits][v&ordMask] += n
			}
		}
		countsPool.Put(&local)
	}
	return spans
}
