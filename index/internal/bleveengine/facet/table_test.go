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

// randomMixed returns a wide table of n documents whose fields hold at most
// most[f] values each (1: a single-valued field, as category or source),
// none in two of three documents.
func randomMixed(r *rand.Rand, n int, sizes, most []int) *wide {
	w := &wide{start: make([]uint32, n+1)}
	for d := range n {
		if r.IntN(3) == 0 {
			for f := range sizes {
				var ords []uint32
				for range r.IntN(most[f] + 1) {
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

// TestCombinedTable checks that a table coding its single-valued fields as
// combinations holds the rows of its wide table, and that counting any set
// of its documents gives the counts of the wide rows and of the same table
// packed without combinations, with every combination allowed and with
// few (some single-valued fields then left out).
func TestCombinedTable(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	sizes := []int{6, 900, 3, 20000, 40, 190, 12}
	most := []int{1, 4, 1, 3, 1, 4, 1}
	for _, combos := range []int{1 << 13, 60} {
		t.Run("", func(t *testing.T) {
			defer func(m int) { maxCombos = m }(maxCombos)
			for _, n := range []int{0, 1, 63, 64, 65, 5000} {
				w := randomMixed(r, n, sizes, most)
				maxCombos = 0
				plain := w.pack()
				maxCombos = combos
				tab := w.pack()
				if plain.comboStart != nil || (n >= 64 && tab.comboStart == nil) {
					t.Fatalf("maxCombos %d, %d documents: combined %v without, %v with", combos, n, plain.comboStart != nil, tab.comboStart != nil)
				}
				if n == 5000 && len(tab.codes) >= len(plain.codes) {
					t.Fatalf("maxCombos %d: %d codes combined, %d without", combos, len(tab.codes), len(plain.codes))
				}
				for d := range uint32(n + 70) {
					if got, want := tab.values(d, nil), w.values(d); !slices.Equal(got, want) {
						t.Fatalf("maxCombos %d: document %d of %d: values %v, want %v", combos, d, n, got, want)
					}
				}
				for _, every := range []int{1, 2, 50, 1000} {
					var docs []uint32
					for d := range uint32(n) {
						if r.IntN(every) == 0 {
							docs = append(docs, d)
						}
					}
					got, without, want := make([][]uint32, len(sizes)), make([][]uint32, len(sizes)), make([][]uint32, len(sizes))
					for f, size := range sizes {
						got[f], without[f], want[f] = make([]uint32, size), make([]uint32, size), make([]uint32, size)
					}
					for _, d := range docs {
						for _, v := range w.values(d) {
							want[v>>ordBits][v&ordMask]++
						}
					}
					countRows([]part{{tab, docs}}, got)
					countRows([]part{{plain, docs}}, without)
					for f := range sizes {
						if !slices.Equal(got[f], want[f]) || !slices.Equal(without[f], want[f]) {
							t.Fatalf("maxCombos %d, %d documents, one in %d counted: field %d counts differ", combos, n, every, f)
						}
					}
				}
			}
		})
	}
}
