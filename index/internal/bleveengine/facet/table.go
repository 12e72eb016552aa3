package facet

import (
	"cmp"
	"math/bits"
	"slices"
)

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
//   - The fields that hold at most one value a document, and whose values
//     together take few combinations in the segment (category, source,
//     language, the histogram's date), are coded as one value: a code past
//     the decode table's stands for a combination of their values, and a
//     match costs one increment for them all rather than one a field. A row
//     holds its combination's code first, then its other values.
//
// The values of a row are those of the wide table (values puts them back
// in its order).
type table struct {
	has    []uint64 // bit d%64 of has[d/64]: document d has a row
	rank   []uint32 // rank[i]: rows of the documents before 64*i
	start  []uint32 // the values of row r are [start[r], start[r+1])
	codes  []uint16 // the values as codes of the table
	decode []uint32 // code: field<<ordBits | ordinal
	vals   []uint32 // the values, when the table has too many for codes
	// Code len(decode)+i stands for the values combo[comboStart[i]:comboStart[i+1]].
	comboStart []uint32
	combo      []uint32
}

// maxCodes is the number of distinct values a table codes in two bytes;
// a variable so that tests can pack tables both ways.
var maxCodes = 1 << 16

// maxCombos bounds the combinations of single-valued fields a table codes
// as one value: their counts are added to the fields' once a counting ends,
// a pass over them all, and they are counted in an array of the table's own.
// A variable so that tests can pack tables both ways.
var maxCombos = 1 << 13

// pack returns the table of a wide one.
func (w *wide) pack() *table { return w.packWith(maxCombos) }

// packWith returns the table of a wide one, with at most combos
// combinations of its single-valued fields (none if 0).
func (w *wide) packWith(combos int) *table {
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
	if t.codeCombined(w, combos) {
		return t
	}
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

// codeCombined codes the rows of w with their single-valued fields of few
// combinations (at most limit) as one value, and reports whether it did:
// it does not when fewer than two fields combine, or when the codes would
// not fit two bytes. t holds w's rows (has, rank, start) on entry.
func (t *table) codeCombined(w *wide, limit int) bool {
	if limit <= 0 {
		return false
	}
	rows := len(t.start) - 1
	lo := func(r int) uint32 { return t.start[r] }
	hi := func(r int) uint32 { return t.start[r+1] }
	// Which fields hold at most one value a row, and how many values each.
	var multi, seen uint32
	for r := range rows {
		vs := w.vals[lo(r):hi(r)]
		for i, v := range vs {
			f := v >> ordBits
			seen |= 1 << f
			if i > 0 && vs[i-1]>>ordBits == f {
				multi |= 1 << f
			}
		}
	}
	distinct := map[uint32]map[uint32]struct{}{}
	for f := range uint32(maxFields) {
		if seen&^multi&(1<<f) != 0 {
			distinct[f] = map[uint32]struct{}{}
		}
	}
	for _, v := range w.vals {
		if d := distinct[v>>ordBits]; d != nil {
			d[v] = struct{}{}
		}
	}
	var candidates []uint32
	for f := range distinct {
		candidates = append(candidates, f)
	}
	slices.SortFunc(candidates, func(a, b uint32) int {
		return cmp.Or(len(distinct[a])-len(distinct[b]), int(a)-int(b))
	})
	// The fields are taken fewest values first while their combinations
	// stay within limit; tuple[r] numbers row r's combination.
	valueOf := func(r int, f uint32) uint32 {
		for _, v := range w.vals[lo(r):hi(r)] {
			if v>>ordBits == f {
				return v
			}
		}
		return ^uint32(0)
	}
	tuple, next := make([]uint32, rows), make([]uint32, rows)
	var mask uint32
	taken := 0
	for _, f := range candidates {
		ids := map[uint64]uint32{}
		for r := range rows {
			k := uint64(tuple[r])<<32 | uint64(valueOf(r, f))
			id, ok := ids[k]
			if !ok {
				if len(ids) >= limit {
					break
				}
				id = uint32(len(ids))
				ids[k] = id
			}
			next[r] = id
		}
		if len(ids) >= limit {
			continue
		}
		tuple, next = next, tuple
		mask |= 1 << f
		taken++
	}
	if taken < 2 {
		return false
	}
	// Codes: the other values first, then the combinations in the order
	// rows first hold them. A row without a value of the combined fields
	// holds no combination.
	code := map[uint32]uint16{}
	comboOf := map[uint32]int{} // tuple → combination
	t.comboStart = []uint32{0}
	for r := range rows {
		has := false
		for _, v := range w.vals[lo(r):hi(r)] {
			if mask&(1<<(v>>ordBits)) != 0 {
				has = true
				continue
			}
			if _, ok := code[v]; !ok {
				code[v] = uint16(len(code))
			}
		}
		if _, ok := comboOf[tuple[r]]; has && !ok {
			comboOf[tuple[r]] = len(t.comboStart) - 1
			for _, v := range w.vals[lo(r):hi(r)] {
				if mask&(1<<(v>>ordBits)) != 0 {
					t.combo = append(t.combo, v)
				}
			}
			t.comboStart = append(t.comboStart, uint32(len(t.combo)))
		}
		if len(code)+len(t.comboStart)-1 > maxCodes {
			t.comboStart, t.combo = nil, nil
			return false
		}
	}
	t.decode = make([]uint32, len(code))
	for v, c := range code {
		t.decode[c] = v
	}
	base := len(code)
	t.codes = make([]uint16, 0, len(w.vals))
	start := make([]uint32, 0, rows+1)
	for r := range rows {
		start = append(start, uint32(len(t.codes)))
		if i, ok := comboOf[tuple[r]]; ok {
			t.codes = append(t.codes, uint16(base+i))
		}
		for _, v := range w.vals[lo(r):hi(r)] {
			if mask&(1<<(v>>ordBits)) == 0 {
				t.codes = append(t.codes, code[v])
			}
		}
	}
	t.start = append(start, uint32(len(t.codes)))
	return true
}

// numCodes is the number of codes of a coded table, combinations included.
func (t *table) numCodes() int {
	return len(t.decode) + max(len(t.comboStart)-1, 0)
}

// add adds n to the counts of the values of code c.
func (t *table) add(c uint16, n uint32, counts [][]uint32) {
	if int(c) < len(t.decode) {
		v := t.decode[c]
		counts[v>>ordBits][v&ordMask] += n
		return
	}
	i := int(c) - len(t.decode)
	for _, v := range t.combo[t.comboStart[i]:t.comboStart[i+1]] {
		counts[v>>ordBits][v&ordMask] += n
	}
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
	n := len(buf)
	for _, c := range t.codes[lo:hi] {
		if int(c) < len(t.decode) {
			buf = append(buf, t.decode[c])
			continue
		}
		i := int(c) - len(t.decode)
		buf = append(buf, t.combo[t.comboStart[i]:t.comboStart[i+1]]...)
	}
	if t.comboStart != nil {
		// The wide row's order: by field, and by ordinal within a field.
		slices.Sort(buf[n:])
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
	if t.codes != nil && len(docs)*localFrom > t.numCodes() {
		local = getCounts(t.numCodes())
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
					if int(c) >= len(decode) {
						t.add(c, 1, counts)
						continue
					}
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
				t.add(uint16(c), n, counts)
			}
		}
		countsPool.Put(&local)
	}
	return spans
}
