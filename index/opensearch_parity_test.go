package index

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/internal/opensearchtest"
)

func TestMain(m *testing.M) { os.Exit(opensearchtest.Main(m)) }

// realOpenSearch returns the URLs and credentials of a real OpenSearch
// cluster: the one NEWSINDEX_OPENSEARCH_URL names (with
// NEWSINDEX_OPENSEARCH_USERNAME and NEWSINDEX_OPENSEARCH_PASSWORD), else
// a node of OpenSearch started for this package's tests (package
// opensearchtest; the test skips when java or mvn is missing, unless
// NEWSINDEX_REQUIRE_OPENSEARCH=1).
func realOpenSearch(t *testing.T) OpenSearchConfig {
	t.Helper()
	if url := os.Getenv("NEWSINDEX_OPENSEARCH_URL"); url != "" {
		return OpenSearchConfig{URLs: strings.Split(url, ","), Username: os.Getenv("NEWSINDEX_OPENSEARCH_USERNAME"),
			Password: os.Getenv("NEWSINDEX_OPENSEARCH_PASSWORD")}
	}
	return OpenSearchConfig{URLs: opensearchtest.Shared(t).URLs()}
}

// openReal opens a fresh index of one shard on the real cluster, deleted
// when t ends.
func openReal(t *testing.T, mod func(*OpenSearchConfig)) *Index {
	t.Helper()
	cfg := realOpenSearch(t)
	cfg.Index = fmt.Sprintf("newsindex-test-%d", time.Now().UnixNano())
	cfg.Shards, cfg.StateDir = 1, t.TempDir()
	if mod != nil {
		mod(&cfg)
	}
	ix, err := OpenSearch(context.Background(), cfg, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ix.Close()
		req, _ := http.NewRequest(http.MethodDelete, strings.TrimRight(cfg.URLs[0], "/")+"/"+cfg.Index+"-v*", nil)
		req.SetBasicAuth(cfg.Username, cfg.Password)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	})
	return ix
}

// parityQueries cover the search-box syntax: words, phrases, OR, NOT,
// fields, prefixes, stop words, accents, and a query that only the
// relaxation to OR answers.
var parityQueries = []string{
	"", "strike", "central bank", `"rate decision"`, `"central bank" rates`, "inflation OR ceasefire",
	"election -Peru", "oil -title:price", "ship*", "sanct* OR tariff*", "title:strike", `body:"finance minister"`,
	`"supply chain"`, "org:UN", "person:Cardenas", "person:Lucía", "country:Japan", "category:business", "source:Wire",
	"analyst:Okonkwo", "the", "the election", "Cárdenas", "Tromsø", "strike zzzzunknown", "zzzzunknown",
	"(inflation OR prices) -oil", "rates were cut",
}

// parityRequests are the variants of each query: facets by month, day
// and year, stories counted, stories collapsed, dates sorted both ways.
var parityRequests = []SearchRequest{
	{Interval: IntervalMonth, FacetSize: 50},
	{Interval: IntervalDay, FacetSize: 5},
	{Interval: IntervalYear, CountStories: true, FacetSize: 50},
	{Collapse: true, Size: 100},
	{Sort: SortDate, Size: 100, NoFacets: true},
	{Sort: SortDateAsc, Size: 100, NoFacets: true},
}

// TestOpenSearchParity ingests the demo corpus into a bleve index in
// memory and into a real OpenSearch (a node started for the test, or the
// cluster of NEWSINDEX_OPENSEARCH_URL), and compares what every search
// gives: totals, relaxation, every facet's exact counts and the histogram,
// story counts, the set of matching articles and their order by date,
// collapsed stories, pages, highlighted words, quotes, suggestions, single
// articles, and deletes. Both engines rank with BM25 of the same k1 and b,
// but bleve weighs a repeated word by its square root and measures average
// lengths on a sample, so only the order by relevance may differ. The bleve
// engine follows few matches with related articles, which the OpenSearch
// engine does not add: they are left out of the comparison.
func TestOpenSearchParity(t *testing.T) {
	ctx := context.Background()
	osx := openReal(t, nil)
	bl, err := OpenMem(&Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	arts := demoArticles(t)
	for _, x := range []*Index{bl, osx} {
		if _, err := x.AddBatch(ctx, append([]Article(nil), arts...)); err != nil {
			t.Fatal(err)
		}
	}
	nb, _ := bl.Count(ctx)
	no, err := osx.Count(ctx)
	if err != nil || nb != no || nb == 0 {
		t.Fatalf("Count: bleve %d, opensearch %d (%v)", nb, no, err)
	}
	country := firstValue(t, bl, FacetCountry)
	filters := []SearchRequest{
		{Filters: map[Facet][]string{FacetCountry: {country}}, Interval: IntervalMonth},
		{Filters: map[Facet][]string{FacetCategory: {firstValue(t, bl, FacetCategory)}, FacetCountry: {country}}},
		{Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 2, 28, 23, 59, 59, 0, time.UTC), Interval: IntervalDay},
	}
	matched := 0
	for _, q := range parityQueries {
		if res, err := bl.Search(ctx, SearchRequest{Query: q}); err == nil && res.Total > 0 {
			matched++
		}
		for _, base := range append(append([]SearchRequest(nil), parityRequests...), filters...) {
			r := base
			r.Query = q
			compareSearch(t, bl, osx, r)
		}
	}
	if matched < len(parityQueries)-2 {
		t.Errorf("only %d of %d queries match an article of the demo corpus: the comparison is thin", matched, len(parityQueries))
	}
	comparePages(t, bl, osx)
	compareHighlights(t, bl, osx)
	compareQuotes(t, bl, osx)
	for _, p := range []string{"ba", "ok", "n", "uni", "ja", "müll", "zzz"} {
		sb, _ := bl.Suggest(ctx, p, 10)
		so, err := osx.Suggest(ctx, p, 10)
		if err != nil || !cmp.Equal(sb, so) {
			t.Errorf("Suggest(%q): bleve %v, opensearch %v (%v)", p, sb, so, err)
		}
	}
	for _, a := range arts[:20] {
		ab, _ := bl.Article(ctx, a.ID)
		ao, err := osx.Article(ctx, a.ID)
		if err != nil || !cmp.Equal(ab, ao, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })) {
			t.Errorf("Article(%q) differs (%v):\n%s", a.ID, err, cmp.Diff(ab, ao, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })))
		}
	}
	var n int
	if err := osx.Each(ctx, func(Article) error { n++; return nil }); err != nil || uint64(n) != no {
		t.Errorf("Each: %d articles, %v; want %d", n, err, no)
	}
	for _, x := range []*Index{bl, osx} {
		if err := x.Delete(ctx, arts[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := osx.Article(ctx, arts[0].ID); err == nil {
		t.Error("Article after Delete: found")
	}
	compareSearch(t, bl, osx, SearchRequest{Interval: IntervalMonth, FacetSize: 50})
	compareQuotes(t, bl, osx)
}

func firstValue(t *testing.T, ix *Index, f Facet) string {
	t.Helper()
	res, err := ix.Search(context.Background(), SearchRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var vs []FacetCount
	switch f {
	case FacetCountry:
		vs = res.Facets.Country
	case FacetCategory:
		vs = res.Facets.Category
	}
	if len(vs) == 0 {
		t.Fatalf("no %s in the corpus", f)
	}
	return vs[0].Value
}

// compareSearch runs r on both engines and reports every difference but
// the order by relevance.
func compareSearch(t *testing.T, bl, osx *Index, r SearchRequest) {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("Search(%q sort=%s interval=%s stories=%v collapse=%v filters=%v)", r.Query, r.Sort, r.Interval, r.CountStories, r.Collapse, r.Filters)
	rb, errb := bl.Search(ctx, r)
	ro, erro := osx.Search(ctx, r)
	if errb != nil || erro != nil {
		if (errb == nil) != (erro == nil) {
			t.Errorf("%s: bleve error %v, opensearch error %v", name, errb, erro)
		}
		return
	}
	rb = matchesOnly(rb)
	if rb.Total != ro.Total || rb.Relaxed != ro.Relaxed {
		t.Errorf("%s: total/relaxed: bleve %d/%v, opensearch %d/%v", name, rb.Total, rb.Relaxed, ro.Total, ro.Relaxed)
	}
	if diff := cmp.Diff(rb.Facets, ro.Facets); diff != "" {
		t.Errorf("%s: facets differ (-bleve +opensearch):\n%s", name, diff)
	}
	if (r.Collapse || r.CountStories) && rb.Stories != ro.Stories {
		t.Errorf("%s: stories: bleve %d, opensearch %d", name, rb.Stories, ro.Stories)
	}
	if len(ro.FacetErrors) > 0 {
		t.Errorf("%s: facet error bounds %v on one shard", name, ro.FacetErrors)
	}
	switch {
	case r.Collapse:
		// Each story once, with the same number of similar articles; when
		// more stories match than a page shows, ties in score may choose
		// other stories for it.
		got, want := storyGroups(ro), storyGroups(rb)
		if len(got) != len(want) {
			t.Errorf("%s: %d stories in bleve, %d in opensearch", name, len(want), len(got))
		}
		for story, n := range got {
			if m, ok := want[story]; (ok && m != n) || (!ok && uint64(len(want)) == rb.Total) {
				t.Errorf("%s: story %s has %d similar articles in opensearch, %d (%v) in bleve", name, story, n, m, ok)
			}
		}
	case r.Sort != SortRelevance && r.Sort != "":
		if got, want := dateOrder(ro), dateOrder(rb); !cmp.Equal(got, want) {
			t.Errorf("%s: order by date differs (-bleve +opensearch):\n%s", name, cmp.Diff(want, got))
		}
	default:
		if len(rb.Hits) != len(ro.Hits) {
			t.Errorf("%s: %d hits in bleve, %d in opensearch", name, len(rb.Hits), len(ro.Hits))
		}
	}
}

// matchesOnly returns r without the related articles that follow its
// matches.
func matchesOnly(r *SearchResult) *SearchResult {
	m := *r
	m.Hits = slices.DeleteFunc(slices.Clone(r.Hits), func(h Hit) bool { return h.Related })
	return &m
}

// storyGroups maps each story of a collapsed page to its similar count.
func storyGroups(r *SearchResult) map[string]int {
	out := map[string]int{}
	for _, h := range r.Hits {
		out[h.Story] = h.Similar
	}
	return out
}

// dateOrder lists the hits by date, the IDs of one date sorted: the
// engines break ties on the date differently.
func dateOrder(r *SearchResult) []string {
	var out []string
	for i := 0; i < len(r.Hits); {
		j := i
		var ids []string
		for ; j < len(r.Hits) && r.Hits[j].Published.Equal(r.Hits[i].Published); j++ {
			ids = append(ids, r.Hits[j].ID)
		}
		sort.Strings(ids)
		out = append(out, r.Hits[i].Published.Format(time.RFC3339)+" "+strings.Join(ids, ","))
		i = j
	}
	return out
}

// comparePages checks that pages of every size walk the same matches, by
// date and by relevance (as a set), without gaps or repeats.
func comparePages(t *testing.T, bl, osx *Index) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{"", "said", "bank OR oil"} {
		for _, s := range []string{SortRelevance, SortDate} {
			all := map[string][]string{}
			for name, x := range map[string]*Index{"bleve": bl, "opensearch": osx} {
				seen := map[string]bool{}
				for page := 1; ; page++ {
					res, err := x.Search(ctx, SearchRequest{Query: q, Sort: s, Page: page, Size: 7, NoFacets: true})
					if err != nil {
						t.Fatal(err)
					}
					res = matchesOnly(res)
					for _, h := range res.Hits {
						if seen[h.ID] {
							t.Errorf("%s: Search(%q sort=%s) page %d repeats %s", name, q, s, page, h.ID)
						}
						seen[h.ID] = true
						all[name] = append(all[name], h.ID)
					}
					if len(res.Hits) < 7 {
						break
					}
				}
				sort.Strings(all[name])
			}
			if !cmp.Equal(all["bleve"], all["opensearch"]) {
				t.Errorf("Search(%q sort=%s) pages of 7 differ (-bleve +opensearch):\n%s", q, s, cmp.Diff(all["bleve"], all["opensearch"]))
			}
		}
	}
}

var markRE = regexp.MustCompile(`<mark>(.*?)</mark>`)

// marked lists the distinct words a snippet marks, lower-cased.
func marked(s string) []string {
	set := map[string]bool{}
	for _, m := range markRE.FindAllStringSubmatch(s, -1) {
		set[strings.ToLower(m[1])] = true
	}
	var out []string
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// compareHighlights checks that the snippet of each article found by both
// engines marks the same words.
func compareHighlights(t *testing.T, bl, osx *Index) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{"strike", "central bank", `"central bank"`, "ship*", "rates OR inflation", "election -Peru", "title:strike"} {
		r := SearchRequest{Query: q, Sort: SortDate, Size: 100, NoFacets: true}
		rb, err := bl.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ro, err := osx.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]Hit{}
		for _, h := range rb.Hits {
			byID[h.ID] = h
		}
		marks := 0
		for _, h := range ro.Hits {
			b, ok := byID[h.ID]
			if !ok {
				continue
			}
			mb, mo := marked(b.Snippet), marked(h.Snippet)
			marks += len(mo)
			if !cmp.Equal(mb, mo) {
				t.Errorf("Search(%q) %s: bleve marks %q, opensearch %q\nbleve:      %s\nopensearch: %s", q, h.ID, mb, mo, b.Snippet, h.Snippet)
			}
		}
		if len(ro.Hits) > 0 && marks == 0 && !strings.HasPrefix(q, "title:") {
			t.Errorf("Search(%q): no snippet marks a word", q)
		}
	}
}

// compareQuotes checks quote search: totals, facets, the quotes found and
// their marked words.
func compareQuotes(t *testing.T, bl, osx *Index) {
	t.Helper()
	for _, r := range []QuoteRequest{
		{Size: 100, FacetSize: 50}, {Query: "rates", Size: 100}, {Query: `"we will"`, Size: 100},
		{Roles: []string{RoleAnalyst}, Size: 100, FacetSize: 50}, {Query: "person:Okonkwo", Size: 100},
		{Query: "inflation OR growth", Sort: SortDate, Size: 100},
	} {
		qb, err := allQuotes(bl, r)
		if err != nil {
			t.Fatal(err)
		}
		qo, err := allQuotes(osx, r)
		if err != nil {
			t.Fatalf("Quotes(%+v): %v", r, err)
		}
		if qb.Total != qo.Total {
			t.Errorf("Quotes(%+v): total bleve %d, opensearch %d", r, qb.Total, qo.Total)
		}
		if diff := cmp.Diff(qb.Facets, qo.Facets); diff != "" {
			t.Errorf("Quotes(%+v): facets differ (-bleve +opensearch):\n%s", r, diff)
		}
		key := func(h QuoteHit) string { return h.ArticleID + " " + h.Speaker + " " + h.Text }
		var kb, ko []string
		for _, h := range qb.Hits {
			kb = append(kb, key(h))
		}
		for _, h := range qo.Hits {
			ko = append(ko, key(h))
		}
		sort.Strings(kb)
		sort.Strings(ko)
		if !cmp.Equal(kb, ko) {
			t.Errorf("Quotes(%+v): quotes differ (-bleve +opensearch):\n%s", r, cmp.Diff(kb, ko))
		}
	}
}

// allQuotes returns the first page of r with the hits of every page: the
// engines break ties in the order differently.
func allQuotes(x *Index, r QuoteRequest) (*QuoteResult, error) {
	var out *QuoteResult
	for page := 1; ; page++ {
		r.Page = page
		res, err := x.Quotes(context.Background(), r)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = res
		} else {
			out.Hits = append(out.Hits, res.Hits...)
		}
		if len(res.Hits) < r.Size {
			return out, nil
		}
	}
}
