//go:build linux

package bleveengine

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// TestProximityCost measures the first pass of two-word searches (the page
// and the total, no facets) on a large index, bounded to the page and not,
// alternated query by query, in CPU time of the searching thread: the
// comparison holds on a machine busy with other work. It runs only with
// NEWSINDEX_COST_INDEX naming the folder of an index no other process has
// open, such as one the benchmark kept:
//
//	NEWSINDEX_COST_INDEX=DIR/newsindex go test -run ProximityCost -v ./index/internal/bleveengine/
func TestProximityCost(t *testing.T) {
	e := openCostIndex(t)
	ctx := context.Background()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rounds = 20
	for _, text := range []string{"oil prices", "central bank", "trade deficit", "interest rates", "stock market"} {
		q := parsedArticleQuery(t, e, text)
		var cpu [2]time.Duration
		var total [2]uint64
		for i := range 2 * rounds {
			bounded := i%2 == 1
			sq := q
			if bounded {
				sq = gatedPair(t, text, q)
			}
			start := threadCPU(t)
			res, err := e.search(ctx, bleve.NewSearchRequestOptions(sq, 10, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if i >= 2 { // the first round warms the caches
				cpu[i%2] += threadCPU(t) - start
			}
			total[i%2] = res.Total
		}
		if total[0] != total[1] {
			t.Errorf("%q: %d matches bounded, %d not", text, total[1], total[0])
		}
		per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(rounds-1) }
		t.Logf("%-15s %6d matches: %6.2f CPU ms unbounded, %6.2f bounded", text, total[0], per(cpu[0]), per(cpu[1]))
	}
}

// gatedPair returns the first pass of a two-word search bounded to a page
// of 10, as Search runs it.
func gatedPair(t *testing.T, text string, q bq.Query) bq.Query {
	gq, g := gateSearch(q, 10)
	if g == nil {
		t.Fatalf("%q: not bounded", text)
	}
	return g.Query(gq)
}

// boundedWord returns the first pass of a one-word search bounded to a
// page of 10, and what counts the matches it passes over.
func boundedWord(t *testing.T, text string, q bq.Query) (bq.Query, *passedOver) {
	b, g, p := boundWord(q, 10)
	if g == nil {
		t.Fatalf("%q: not bounded", text)
	}
	return g.Query(b), p
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestWordBoundCost measures the first pass of one-word searches (page and
// total, no facets) on a large index, passing over the matches that cannot
// reach the page and not, alternated query by query, in CPU time of the
// searching thread (see TestProximityCost):
//
//	NEWSINDEX_COST_INDEX=DIR/newsindex go test -run WordBoundCost -v ./index/internal/bleveengine/
func TestWordBoundCost(t *testing.T) {
	e := openCostIndex(t)
	ctx := context.Background()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rounds = 20
	var all [2]time.Duration
	for _, text := range []string{"oil", "bank", "election", "minister", "market", "government"} {
		q := parsedArticleQuery(t, e, text)
		var cpu [2]time.Duration
		var total [2]uint64
		var passed uint64
		for i := range 2 * rounds {
			bounded := i%2 == 1
			sq := q
			var p *passedOver
			if bounded {
				sq, p = boundedWord(t, text, q)
			}
			start := threadCPU(t)
			res, err := e.search(ctx, bleve.NewSearchRequestOptions(sq, 10, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if p != nil {
				res.Total += p.n
				passed = p.n
			}
			if i >= 2 {
				cpu[i%2] += threadCPU(t) - start
			}
			total[i%2] = res.Total
		}
		if total[0] != total[1] {
			t.Errorf("%q: %d matches bounded, %d not", text, total[1], total[0])
		}
		all[0] += cpu[0]
		all[1] += cpu[1]
		per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(rounds-1) }
		t.Logf("%-12s %6d matches (%6d passed over): %6.2f CPU ms scoring all, %6.2f bounded", text, total[0], passed, per(cpu[0]), per(cpu[1]))
	}
	t.Logf("in all: %.1f CPU ms scoring all, %.1f bounded", float64(all[0].Microseconds())/1000/(rounds-1), float64(all[1].Microseconds())/1000/(rounds-1))
}

// TestSearchBoxCost measures whole search-box requests (the page, every
// facet and the day histogram) of the benchmark's six words on a large
// index: the median and 90th percentile wall time, and the process's CPU
// time a request (the counting's worker included). Compare revisions by
// alternating their test binaries:
//
//	NEWSINDEX_COST_INDEX=DIR/newsindex go test -run SearchBoxCost -v ./index/internal/bleveengine/
func TestSearchBoxCost(t *testing.T) {
	e := openCostIndex(t)
	const rounds = 30
	var walls []time.Duration
	var cpu time.Duration
	for i := range rounds + 1 {
		for _, text := range []string{"oil", "bank", "election", "minister", "market", "government"} {
			start, c0 := time.Now(), processCPU(t)
			searchWith(t, e, engine.SearchRequest{Query: text})
			if i > 0 { // the first round warms the caches
				walls = append(walls, time.Since(start))
				cpu += processCPU(t) - c0
			}
		}
	}
	slices.Sort(walls)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	t.Logf("search box, %d requests: wall p50 %.2f ms, p90 %.2f ms; %.2f CPU ms a request", len(walls),
		ms(walls[len(walls)/2]), ms(walls[len(walls)*9/10]), ms(cpu)/float64(len(walls)))
}

// openCostIndex opens the index NEWSINDEX_COST_INDEX names for the cost
// tests, closed when the test ends; without it the test is skipped.
// NEWSINDEX_COST_SLICES, when set, is its SetSearchSlices (1: one slice).
func openCostIndex(t *testing.T) *Engine {
	path := os.Getenv("NEWSINDEX_COST_INDEX")
	if path == "" {
		t.Skip("NEWSINDEX_COST_INDEX not set")
	}
	e, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := os.Getenv("NEWSINDEX_COST_SLICES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("NEWSINDEX_COST_SLICES=%q: %v", v, err)
		}
		e.SetSearchSlices(n)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// processCPU returns the CPU time the process has used.
func processCPU(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLazyReadsCost measures the first pass (page and total, no facets) of
// the benchmark's one-word searches (bounded) and two-word searches (the
// words searcher, bounded), their terms read by lazyPostings and by
// scorch's reader, alternated query by query, in CPU time of the searching
// thread (see TestProximityCost):
//
//	NEWSINDEX_COST_INDEX=DIR/newsindex go test -run LazyReadsCost -v ./index/internal/bleveengine/
func TestLazyReadsCost(t *testing.T) {
	e := openCostIndex(t)
	ctx := context.Background()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer func() { lazyReads = true }()
	const rounds = 20
	var all [2][2]time.Duration // words, pairs; scorch's reader, lazy
	for _, text := range []string{"oil", "bank", "election", "minister", "market", "government",
		"oil prices", "central bank", "trade deficit", "interest rates", "stock market"} {
		q := parsedArticleQuery(t, e, text)
		kind := 0
		if slices.Contains([]byte(text), ' ') {
			kind = 1
		}
		var cpu [2]time.Duration
		var total [2]uint64
		for i := range 2 * rounds {
			lazyReads = i%2 == 1
			var sq bq.Query
			var p *passedOver
			if kind == 0 {
				sq, p = boundedWord(t, text, q)
			} else {
				sq = gatedPair(t, text, q)
			}
			start := threadCPU(t)
			res, err := e.search(ctx, bleve.NewSearchRequestOptions(sq, 10, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if p != nil {
				res.Total += p.n
			}
			if i >= 2 {
				cpu[i%2] += threadCPU(t) - start
			}
			total[i%2] = res.Total
		}
		if total[0] != total[1] {
			t.Errorf("%q: %d matches lazy, %d not", text, total[1], total[0])
		}
		all[kind][0] += cpu[0]
		all[kind][1] += cpu[1]
		per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(rounds-1) }
		t.Logf("%-15s %6d matches: %6.2f CPU ms scorch's reader, %6.2f lazy", text, total[0], per(cpu[0]), per(cpu[1]))
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / (rounds - 1) }
	t.Logf("in all: words %.1f -> %.1f CPU ms, pairs %.1f -> %.1f", ms(all[0][0]), ms(all[0][1]), ms(all[1][0]), ms(all[1][1]))
}

// TestSlicedCost measures whole requests on a large index searched in one
// slice and in two side by side, alternated request by request: the
// search box (every facet and the day histogram) of the benchmark's six
// words, and without facets two words, a phrase, a word with a category
// filter and a word sorted by date. It reports for each the median and
// 90th percentile wall time, the process's CPU time a request, and the
// median of the request's critical path: the CPU time of the searching
// thread plus what the second slice took longer than the first. On a
// machine busy with other work, the critical path is what the wall time
// would be with a core free for the second slice (the counting's worker,
// the same either way, left out):
//
//	NEWSINDEX_COST_INDEX=DIR/newsindex go test -run SlicedCost -v ./index/internal/bleveengine/
func TestSlicedCost(t *testing.T) {
	e := openCostIndex(t)
	defer e.SetSearchSlices(0)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	sliceClock = func() time.Duration { return threadCPU(t) }
	defer func() { sliceClock = nil }()
	// Sliced whatever the index's size: the test tells where it pays.
	defer func(n uint64) { sliceFrom = n }(sliceFrom)
	sliceFrom = 0
	if n, err := e.idx.DocCount(); err == nil {
		t.Logf("%d documents", n)
	}
	const rounds = 20
	words := []string{"oil", "bank", "election", "minister", "market", "government"}
	kinds := []struct {
		name string
		reqs []engine.SearchRequest
	}{
		{"search box", nil}, {"two words", nil}, {"phrase", nil}, {"word + category", nil}, {"word by date", nil},
		{"rare word", nil},
	}
	for _, w := range words {
		kinds[0].reqs = append(kinds[0].reqs, engine.SearchRequest{Query: w})
		kinds[3].reqs = append(kinds[3].reqs, engine.SearchRequest{Query: w, NoFacets: true,
			Filters: map[engine.Facet][]string{engine.FacetCategory: {"World"}}})
		kinds[4].reqs = append(kinds[4].reqs, engine.SearchRequest{Query: w, NoFacets: true, Sort: engine.SortDate})
	}
	for _, p := range []string{"oil prices", "central bank", "trade deficit", "interest rates", "stock market"} {
		kinds[1].reqs = append(kinds[1].reqs, engine.SearchRequest{Query: p, NoFacets: true})
		kinds[2].reqs = append(kinds[2].reqs, engine.SearchRequest{Query: `"` + p + `"`, NoFacets: true})
	}
	for _, w := range []string{"walrus", "saxophone", "origami", "glacier", "zeppelin"} {
		kinds[5].reqs = append(kinds[5].reqs, engine.SearchRequest{Query: w})
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, k := range kinds {
		var walls, paths [2][]time.Duration
		var cpu [2]time.Duration
		for i := range rounds + 1 {
			for _, req := range k.reqs {
				for n := range 2 {
					e.SetSearchSlices(n + 1)
					start, c0, t0, l0 := time.Now(), processCPU(t), threadCPU(t), sliceLonger
					searchWith(t, e, req)
					if i > 0 { // the first round warms the caches
						walls[n] = append(walls[n], time.Since(start))
						paths[n] = append(paths[n], threadCPU(t)-t0+sliceLonger-l0)
						cpu[n] += processCPU(t) - c0
					}
				}
			}
		}
		for n := range 2 {
			slices.Sort(walls[n])
			slices.Sort(paths[n])
		}
		p := func(ds [2][]time.Duration, n, q int) float64 { return ms(ds[n][len(ds[n])*q/100]) }
		c := func(n int) float64 { return ms(cpu[n]) / float64(len(walls[n])) }
		t.Logf("%-16s wall p50 %6.2f -> %6.2f ms, p90 %6.2f -> %6.2f; critical path p50 %6.2f -> %6.2f; CPU %6.2f -> %6.2f ms a request (1 -> 2 slices)",
			k.name, p(walls, 0, 50), p(walls, 1, 50), p(walls, 0, 90), p(walls, 1, 90), p(paths, 0, 50), p(paths, 1, 50), c(0), c(1))
	}
}
