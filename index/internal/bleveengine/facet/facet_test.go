package facet

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bq "github.com/blevesearch/bleve/v2/search/query"
)

func testMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	doc := bleve.NewDocumentStaticMapping()
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	for _, f := range []string{"person", "country", "story"} {
		doc.AddFieldMappingsAt(f, kw)
	}
	doc.AddFieldMappingsAt("body", bleve.NewTextFieldMapping())
	m.DefaultMapping = doc
	return m
}

// newTestIndex writes docs in several batches, so the index has several
// segments, and deletes some, so it has holes.
func newTestIndex(t *testing.T, docs []map[string]any, deletes []string) bleve.Index {
	t.Helper()
	idx, err := bleve.NewUsing(t.TempDir(), testMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for start := 0; start < len(docs); start += 37 {
		b := idx.NewBatch()
		for i := start; i < min(start+37, len(docs)); i++ {
			if err := b.Index(fmt.Sprint("d", i), docs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range deletes {
		if err := idx.Delete(id); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func randomDocs(r *rand.Rand, n int) []map[string]any {
	words := []string{"oil", "trade", "war", "vote", "rain"}
	docs := make([]map[string]any, n)
	for i := range docs {
		var people []string
		for range r.IntN(4) {
			people = append(people, fmt.Sprint("p", r.IntN(30)))
		}
		d := map[string]any{
			"person": people,
			"body":   words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
		}
		if r.IntN(5) > 0 {
			d["country"] = fmt.Sprint("c", r.IntN(6))
		}
		if r.IntN(4) > 0 {
			d["story"] = fmt.Sprint("s", r.IntN(40))
		}
		docs[i] = d
	}
	return docs
}

// TestCountsMatchBleve compares the counts with bleve's own terms facets
// over the same searches, on an index of several segments with deletions.
func TestCountsMatchBleve(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	docs := randomDocs(r, 400)
	idx := newTestIndex(t, docs, []string{"d3", "d50", "d51", "d399"})
	cache := NewCache()
	queries := map[string]bq.Query{
		"all": bleve.NewMatchAllQuery(),
		"oil": bleve.NewMatchQuery("oil"),
		"war or rain": func() bq.Query {
			q := bleve.NewMatchQuery("war rain")
			return q
		}(),
		"none": bleve.NewMatchQuery("nothing"),
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			// The second round reads the cache and reuses released counts;
			// the third counts the fields in another order, another table.
			for round, fields := range [][]string{{"person", "country"}, {"person", "country"}, {"country", "person"}} {
				k := cache.NewCounter(Request{Fields: fields})
				req := bleve.NewSearchRequestOptions(k.Query(q), 3, 0, false)
				got, err := idx.SearchInContext(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				want := bleve.NewSearchRequestOptions(q, 3, 0, false)
				want.AddFacet("person", bleve.NewFacetRequest("person", 1000))
				want.AddFacet("country", bleve.NewFacetRequest("country", 1000))
				wres, err := idx.SearchInContext(context.Background(), want)
				if err != nil {
					t.Fatal(err)
				}
				if k.Matched() != wres.Total || got.Total != wres.Total {
					t.Fatalf("round %d: counted %d, bleve total %d", round, k.Matched(), wres.Total)
				}
				for _, f := range []string{"person", "country"} {
					var w []Count
					if fr := wres.Facets[f]; fr.Terms != nil {
						for _, tf := range fr.Terms.Terms() {
							w = append(w, Count{tf.Term, tf.Count})
						}
					}
					sortCounts(w)
					g := k.Top(f, 1000)
					if fmt.Sprint(g) != fmt.Sprint(w) && !(len(g) == 0 && len(w) == 0) {
						t.Errorf("round %d field %s:\n got %v\nwant %v", round, f, g, w)
					}
					if top := k.Top(f, 3); len(w) >= 3 && fmt.Sprint(top) != fmt.Sprint(w[:3]) {
						t.Errorf("round %d field %s top 3: got %v, want %v", round, f, top, w[:3])
					}
				}
				k.Release()
			}
		})
	}
}

func sortCounts(cs []Count) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Count != cs[j].Count {
			return cs[i].Count > cs[j].Count
		}
		return cs[i].Value < cs[j].Value
	})
}

// TestDistinct counts stories per value against a direct computation.
func TestDistinct(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	docs := randomDocs(r, 300)
	idx := newTestIndex(t, docs, nil)
	k := NewCache().NewCounter(Request{Fields: []string{"person"}, Distinct: "story"})
	req := bleve.NewSearchRequestOptions(k.Query(bleve.NewMatchQuery("oil")), 1, 0, false)
	res, err := idx.SearchInContext(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	// The expected counts, from the documents themselves.
	stories := map[string]map[string]bool{}
	groups := map[string]bool{}
	matched := 0
	for i, d := range docs {
		if !contains(d["body"].(string), "oil") {
			continue
		}
		matched++
		st, ok := d["story"].(string)
		if !ok {
			st = fmt.Sprint("own", i)
		}
		groups[st] = true
		for _, p := range d["person"].([]string) {
			if stories[p] == nil {
				stories[p] = map[string]bool{}
			}
			stories[p][st] = true
		}
	}
	var want []Count
	for p, s := range stories {
		want = append(want, Count{p, len(s)})
	}
	sortCounts(want)
	if uint64(matched) != res.Total {
		t.Fatalf("test corpus: %d matches by hand, bleve says %d", matched, res.Total)
	}
	if got := k.Top("person", 1000); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stories per person:\n got %v\nwant %v", got, want)
	}
	if k.Groups() != len(groups) {
		t.Errorf("Groups = %d, want %d", k.Groups(), len(groups))
	}
}

func contains(body, word string) bool { return slices.Contains(strings.Fields(body), word) }

// TestTooManyFields checks that a request counting more fields than a
// table tells apart fails rather than mixing their counts.
func TestTooManyFields(t *testing.T) {
	idx := newTestIndex(t, randomDocs(rand.New(rand.NewPCG(5, 6)), 10), nil)
	fields := make([]string, maxFields+1)
	for i := range fields {
		fields[i] = "person"
	}
	k := NewCache().NewCounter(Request{Fields: fields})
	req := bleve.NewSearchRequestOptions(k.Query(bleve.NewMatchAllQuery()), 1, 0, false)
	if _, err := idx.SearchInContext(context.Background(), req); err == nil {
		t.Errorf("%d fields counted together: no error", len(fields))
	}
}

func TestUnsupportedReader(t *testing.T) {
	idx, err := bleve.NewMemOnly(testMapping()) // upsidedown, not scorch
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	k := NewCache().NewCounter(Request{Fields: []string{"person"}})
	_, err = idx.Search(bleve.NewSearchRequest(k.Query(bleve.NewMatchAllQuery())))
	if err == nil {
		t.Fatal("search over an upsidedown index: no error")
	}
}

// syntheticCounter returns a counter of tables shaped like a large
// archive's, ready to count: segs segments of perSeg documents, a quarter
// of them articles with about twenty values in eight fields, the others
// quotes without any; one article in every match matches.
func syntheticCounter(segs, perSeg, every int) *Counter {
	const fields = 8
	r := rand.New(rand.NewPCG(3, 4))
	sizes := []int{20, 200, 30000, 300, 20000, 20000, 50, 3000} // distinct values per field
	k := &Counter{req: Request{Fields: make([]string, fields)}}
	k.tables = make([]*table, segs)
	k.docs = make([][]uint32, segs)
	for s := range segs {
		t := &wide{start: make([]uint32, perSeg+1)}
		for d := range perSeg {
			if d%4 == 0 {
				for f := range fields {
					for range 1 + r.IntN(4) {
						t.vals = append(t.vals, uint32(f)<<ordBits|uint32(r.IntN(sizes[f])))
					}
				}
				if r.IntN(every) == 0 {
					k.docs[s] = append(k.docs[s], uint32(d))
					k.matched++
				}
			}
			t.start[d+1] = uint32(len(t.vals))
		}
		k.tables[s] = t.pack()
	}
	k.counts = make([][]uint32, fields)
	for f := range fields {
		k.counts[f] = make([]uint32, sizes[f])
	}
	return k
}

// TestParallelCount checks that counting in two halves side by side adds
// up to counting in one pass.
func TestParallelCount(t *testing.T) {
	k := syntheticCounter(5, 40000, 2)
	if k.matched < parallelFrom {
		t.Fatalf("test counter: %d matches, want at least %d to count in halves", k.matched, parallelFrom)
	}
	want := make([][]uint32, len(k.counts))
	for f := range want {
		want[f] = make([]uint32, len(k.counts[f]))
	}
	var parts []part
	for s, docs := range k.docs {
		parts = append(parts, part{k.tables[s], docs})
	}
	countRows(parts, want)
	k.count()
	for f := range want {
		if !slices.Equal(k.counts[f], want[f]) {
			t.Fatalf("field %d: counts in halves differ from one pass", f)
		}
	}
}

func TestHalve(t *testing.T) {
	tab := &table{}
	parts := []part{{tab, []uint32{1, 2, 3}}, {tab, []uint32{4}}, {tab, []uint32{5, 6}}}
	for n := range 7 {
		first, second := halve(slices.Clone(parts), n)
		var a, b []uint32
		for _, p := range first {
			a = append(a, p.docs...)
		}
		for _, p := range second {
			b = append(b, p.docs...)
		}
		if len(a) != n || fmt.Sprint(append(a, b...)) != "[1 2 3 4 5 6]" {
			t.Errorf("halve(%d) = %v, %v", n, a, b)
		}
	}
}

// BenchmarkCount counts a common word's matches (a tenth of the articles of a
// million documents in ten segments).
func BenchmarkCount(b *testing.B) {
	k := syntheticCounter(10, 100000, 10)
	for b.Loop() {
		k.counted = false
		k.count()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(k.matched), "ns/match")
}
