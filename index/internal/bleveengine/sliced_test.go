package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// slicedFixture returns an engine of random articles in several segments,
// some replaced and some removed, with every facet, stories and dates.
func slicedFixture(t *testing.T) *Engine {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(41, 42))
	ctx := context.Background()
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for batch := range 6 {
		var arts []engine.Article
		for i := range 120 {
			id := fmt.Sprintf("a%d-%03d", batch, i)
			if batch > 0 && i%5 == 0 {
				id = fmt.Sprintf("a%d-%03d", r.IntN(batch), r.IntN(120)) // replaces an article
			}
			a := article(id, randomText(r, 1+r.IntN(4)), randomText(r, 3+r.IntN(60)))
			// Whole days: ties of date, which fall to the earlier document.
			a.Published = day.Add(time.Duration(r.IntN(40)) * 24 * time.Hour)
			randomFacets(r, &a)
			arts = append(arts, a)
		}
		if _, err := e.Apply(ctx, arts); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			if err := e.Remove(ctx, fmt.Sprintf("a%d-%03d", r.IntN(batch+1), r.IntN(120))); err != nil && !errors.Is(err, engine.ErrNotFound) {
				t.Fatal(err)
			}
		}
	}
	return e
}

// sameSlicedOrNot checks that req returns the same result searched in one
// slice and in n, and leaves the default.
func sameSlicedOrNot(t *testing.T, e *Engine, req engine.SearchRequest, n int) {
	t.Helper()
	defer e.SetSearchSlices(0)
	e.SetSearchSlices(1)
	want := searchWith(t, e, req)
	e.SetSearchSlices(n)
	got := searchWith(t, e, req)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%d slices, %+v:\n got %+v\nwant %+v", n, req, got, want)
	}
}

// TestSlicedSearch: a search whose first pass runs in slices side by side
// returns what it returns in one (pages, scores, order, totals, facets, the
// histogram, stories), on an index of several segments with replaced and
// removed articles, in ranges ending on segment boundaries and inside
// segments: one word, two, a phrase, OR and NOT, filters, dates,
// sorted by date, collapsed.
func TestSlicedSearch(t *testing.T) {
	e := slicedFixture(t)
	defer func(n uint64) { sliceFrom = n }(sliceFrom)
	sliceFrom = 0
	if got := len(sliceRanges(openSnapshot(t, e), 2, sliceFrom)); got != 2 {
		t.Fatalf("%d ranges, want 2: slices are not tested", got)
	}
	for _, text := range []string{"oil", "oil prices", `"interest rates"`, "crude OR stock", "market -rose"} {
		if !sliceable(parsedArticleQuery(t, e, text)) {
			t.Errorf("%s: not searched in slices", text)
		}
	}
	since, until := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 30, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{"oil", "bank", "fell", "nothing", "oil prices", "central bank", `"interest rates"`,
		"crude OR stock", "market -rose", "oil prices rose", "cent*", ""} {
		for _, req := range []engine.SearchRequest{
			{Query: text},
			{Query: text, Size: 1},
			{Query: text, Page: 3, Size: 7},
			{Query: text, NoFacets: true},
			{Query: text, CountStories: true},
			{Query: text, Collapse: true},
			{Query: text, Sort: engine.SortDate},
			{Query: text, Sort: engine.SortDateAsc, Page: 2},
			{Query: text, Filters: map[engine.Facet][]string{engine.FacetCategory: {"business"}}},
			{Query: text, Filters: map[engine.Facet][]string{engine.FacetSource: {"AP", "AFP"}, engine.FacetPerson: {"Ann Lee"}}},
			{Query: text, Since: since, Until: until},
			{Query: text, Since: since, Sort: engine.SortDate},
			{Query: text, Interval: engine.IntervalMonth},
		} {
			// Four slices of six segments: ranges end inside segments.
			for _, n := range []int{2, 3, 4} {
				sameSlicedOrNot(t, e, req, n)
			}
		}
	}
}

// TestSlicedSearchConcurrent: sliced searches running at once share
// nothing they write (run with -race), and each returns what it returns
// alone in one slice.
func TestSlicedSearchConcurrent(t *testing.T) {
	e := slicedFixture(t)
	defer func(n uint64) { sliceFrom = n }(sliceFrom)
	sliceFrom = 0
	// Cores enough that searches at once still run in slices.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	reqs := []engine.SearchRequest{{Query: "oil"}, {Query: "oil prices"}, {Query: `"interest rates"`, Sort: engine.SortDate},
		{Query: "bank", CountStories: true}, {Query: "market", Filters: map[engine.Facet][]string{engine.FacetCategory: {"sport"}}}}
	e.SetSearchSlices(1)
	want := make([]*engine.SearchResult, len(reqs))
	for i, req := range reqs {
		want[i] = searchWith(t, e, req)
	}
	e.SetSearchSlices(2)
	var wg sync.WaitGroup
	for range 3 {
		for i, req := range reqs {
			wg.Go(func() {
				if got := searchWith(t, e, req); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%+v at once with others:\n got %+v\nwant %+v", req, got, want[i])
				}
			})
		}
	}
	wg.Wait()
}
