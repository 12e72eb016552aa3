package facet

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomWide returns a wide table of n documents shaped like a search-box
// table: two in three documents without values (quotes), the others with
// up to four values in each of fields fields.
func randomWide(r *rand.Rand, n, fields int, sizes []int) *wide {
	w := &wide{start: make([]uint32, n+1)}
	for d := range n {
		if r.IntN(3) == 0 {
			for f := range fields {
				var ords []uint32
				for range r.IntN(5) {
					ords = append(ords, uint32(r.IntN(sizes[f])))
				}
				slices.Sort(ords)
				for _, o := range slices.Compact(ords) {
					w.vals = append(w.vals, uint32(f)<<ordBits|o)
				}
			}
		}
		w.start[d+1] = uint32(len(w.vals))
	}
	return w
}

// TestPackedTable checks that a packed table holds the rows of its wide
// table, with codes and with the wide values kept (too many distinct
// values), and that counting any set of its documents, few or many, gives
// the counts of the wide rows.
func TestPackedTable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	sizes := []int{6, 900, 20000, 190, 20}
	for _, codes := range []int{1 << 16, 100} {
		t.Run("", func(t *testing.T) {
			defer func(m int) { maxCodes = m }(maxCodes)
			maxCodes = codes
			for _, n := range []int{0, 1, 63, 64, 65, 5000} {
				w := randomWide(r, n, len(sizes), sizes)
				tab := w.pack()
				if (tab.codes == nil) != (codes == 100 && len(w.vals) > 0) {
					t.Fatalf("maxCodes %d, %d documents: coded %v", codes, n, tab.codes != nil)
				}
				for d := range uint32(n + 70) {
					if got, want := tab.values(d, nil), w.values(d); !slices.Equal(got, want) {
						t.Fatalf("maxCodes %d: document %d of %d: values %v, want %v", codes, d, n, got, want)
					}
				}
				for _, every := range []int{1, 2, 50, 1000} {
					var docs []uint32
					for d := range uint32(n) {
						if r.IntN(every) == 0 {
							docs = append(docs, d)
						}
					}
					got, want := make([][]uint32, len(sizes)), make([][]uint32, len(sizes))
					for f, size := range sizes {
						got[f], want[f] = make([]uint32, size), make([]uint32, size)
					}
					for _, d := range docs {
						for _, v := range w.values(d) {
							want[v>>ordBits][v&ordMask]++
						}
					}
					countRows([]part{{tab, docs}}, got)
					for f := range sizes {
						if !slices.Equal(got[f], want[f]) {
							t.Fatalf("maxCodes %d, %d documents, one in %d counted: field %d counts differ", codes, n, every, f)
						}
					}
				}
			}
		})
	}
}

// values returns the values of document doc as the wide table holds them:
// what a packed table's rows are checked against.
func (t *wide) values(doc uint32) []uint32 {
	if int(doc)+1 >= len(t.start) {
		return nil
	}
	return t.vals[t.start[doc]:t.start[doc+1]]
}
