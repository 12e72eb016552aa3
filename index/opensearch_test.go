package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/opensearchfake"
)

func fixtureArticles() []Article {
	pub := time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)
	return []Article{
		{ID: "a1", URL: "https://example.com/a1", Title: "Dockworkers strike at Gdańsk", Body: "Dockworkers walked out on Monday, said Anna Nowak.",
			Published: pub, Source: "Baltic Wire", Category: "business", CategorySource: "metadata",
			People: []string{"Anna Nowak"}, Countries: []string{"Poland"}, Organizations: []string{"European Council on Foreign Relations"},
			Quotes:   []Quote{{Text: "We will not go back", Speaker: "Anna Nowak", Role: RoleOfficial, Affiliation: "Port Union", Cue: "said", Direct: true, Mention: "Ms. Nowak"}},
			Analysts: []string{}, Story: "a1"},
		{ID: "a2", Title: "Rates held", Body: "The central bank held rates.", People: []string{}, Countries: []string{},
			Organizations: []string{}, Quotes: []Quote{}, Analysts: []string{}, Story: "a1"},
	}
}

// demoArticles reads the built-in demo corpus.
func demoArticles(t testing.TB) []Article {
	var out []Article
	sc := bufio.NewScanner(bytes.NewReader(demo.JSONL()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// fakeCluster starts the fake in this process, for the adapter's unit
// tests (the end-to-end tests run it as a separate program).
func fakeCluster(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(opensearchfake.New())
	t.Cleanup(srv.Close)
	return srv
}

func openFake(t *testing.T, url string, mod func(*OpenSearchConfig)) *Index {
	t.Helper()
	cfg := OpenSearchConfig{URLs: []string{url}, Shards: 2, RetryBackoff: time.Millisecond, Timeout: 2 * time.Second, StateDir: t.TempDir()}
	if mod != nil {
		mod(&cfg)
	}
	ix, err := OpenSearch(context.Background(), cfg, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func fault(t *testing.T, url string, f opensearchfake.Fault) {
	t.Helper()
	b, _ := json.Marshal(f)
	res, err := http.Post(url+"/_fake/faults", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

// fakeRequests returns the requests the fake cluster at url received.
func fakeRequests(t *testing.T, url string) []opensearchfake.Request {
	t.Helper()
	res, err := http.Get(url + "/_fake/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var rs []opensearchfake.Request
	json.NewDecoder(res.Body).Decode(&rs)
	return rs
}

func requestsTo(t *testing.T, url, path string) int {
	t.Helper()
	n := 0
	for _, r := range fakeRequests(t, url) {
		if strings.Contains(r.Path, path) {
			n++
		}
	}
	return n
}

// TestOpenSearchAgainstBleve ingests the demo corpus into a bleve index in
// memory and, through the adapter, into the fake cluster, and compares
// totals, facet counts, histograms and story groups. The fake is not
// OpenSearch (its scores are crude, so hit order is not compared): this
// checks that the adapter writes, asks and reads what the bleve engine
// does, not that OpenSearch ranks alike.
func TestOpenSearchAgainstBleve(t *testing.T) {
	arts := demoArticles(t)
	ctx := context.Background()
	bl, err := OpenMem(&Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	srv := fakeCluster(t)
	os := openFake(t, srv.URL, func(c *OpenSearchConfig) { c.BatchDocs = 50 })
	for _, ix := range []*Index{bl, os} {
		if _, err := ix.AddBatch(ctx, append([]Article(nil), arts...)); err != nil {
			t.Fatal(err)
		}
	}
	nb, _ := bl.Count(ctx)
	no, err := os.Count(ctx)
	if err != nil || nb != no {
		t.Fatalf("Count: bleve %d, opensearch %d (%v)", nb, no, err)
	}
	for _, q := range []string{"", "strike", "central bank", `"rate decision"`, "election -Peru", "person:" + firstPerson(arts), "place:Arequipa", "ship*", "zzzzunknown strike"} {
		for _, r := range []SearchRequest{{Query: q, Interval: IntervalMonth}, {Query: q, Collapse: true, NoFacets: true}, {Query: q, CountStories: true}} {
			rb, err := bl.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			ro, err := os.Search(ctx, r)
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			if q == "" && !r.NoFacets && (rb.Total == 0 || len(rb.Facets.Country) == 0 || len(rb.Facets.Place) == 0 || len(rb.Facets.Published) == 0) {
				t.Fatalf("Search(all) found %d articles, countries %v: the corpus did not go in", rb.Total, rb.Facets.Country)
			}
			if rb.Total != ro.Total || rb.Relaxed != ro.Relaxed {
				t.Errorf("Search(%q) total/relaxed: bleve %d/%v, opensearch %d/%v", q, rb.Total, rb.Relaxed, ro.Total, ro.Relaxed)
			}
			if diff := cmp.Diff(rb.Facets, ro.Facets); diff != "" {
				t.Errorf("Search(%q, collapse %v) facets differ (-bleve +opensearch):\n%s", q, r.Collapse, diff)
			}
			if (r.Collapse || r.CountStories) && rb.Stories != ro.Stories {
				t.Errorf("Search(%q) stories: bleve %d, opensearch %d", q, rb.Stories, ro.Stories)
			}
			if !r.Collapse && len(ro.Hits) > 0 && q != "" && !strings.Contains(ro.Hits[0].Snippet, "<mark>") && !strings.Contains(q, ":") {
				t.Errorf("Search(%q): snippet %q has no <mark>", q, ro.Hits[0].Snippet)
			}
		}
	}
	qb, _ := bl.Quotes(ctx, QuoteRequest{Size: 100})
	qo, err := os.Quotes(ctx, QuoteRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if qb.Total != qo.Total || !cmp.Equal(qb.Facets, qo.Facets) {
		t.Errorf("Quotes: bleve %d %v, opensearch %d %v", qb.Total, qb.Facets.Role, qo.Total, qo.Facets.Role)
	}
	// equal scores may order the hits differently: compare those both return
	who := map[string]string{}
	for _, h := range qb.Hits {
		who[h.ArticleID+" "+h.Text] = h.Speaker + " as " + h.Mention
	}
	same := 0
	for _, h := range qo.Hits {
		if w, ok := who[h.ArticleID+" "+h.Text]; ok {
			same++
			if got := h.Speaker + " as " + h.Mention; got != w {
				t.Errorf("Quotes: %q is by %q in bleve, %q in opensearch", h.Text, w, got)
			}
		}
	}
	if same < len(qb.Hits)/2 {
		t.Errorf("Quotes: only %d of %d hits in both engines", same, len(qb.Hits))
	}
	a, err := os.Article(ctx, arts[0].ID)
	if err != nil || a.Title != arts[0].Title || a.Story == "" {
		t.Errorf("Article(%q) = %q story %q, %v", arts[0].ID, a.Title, a.Story, err)
	}
	ab, _ := bl.Article(ctx, arts[0].ID)
	if !cmp.Equal(ab, a, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })) {
		t.Errorf("Article(%q) differs:\n%s", arts[0].ID, cmp.Diff(ab, a, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })))
	}
	sb, _ := bl.Suggest(ctx, "ba", 10)
	so, err := os.Suggest(ctx, "ba", 10)
	if err != nil || !cmp.Equal(sb, so) {
		t.Errorf("Suggest: bleve %v, opensearch %v (%v)", sb, so, err)
	}
	if err := os.Delete(ctx, arts[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Article(ctx, arts[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article after Delete: %v, want ErrNotFound", err)
	}
	if err := os.Delete(ctx, arts[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete twice: %v, want ErrNotFound", err)
	}
	var n int
	if err := os.Each(ctx, func(Article) error { n++; return nil }); err != nil || uint64(n) != no-1 {
		t.Errorf("Each: %d articles, %v; want %d", n, err, no-1)
	}
}

func firstPerson(arts []Article) string {
	for _, a := range arts {
		if len(a.People) > 0 {
			return strings.Fields(a.People[0])[0]
		}
	}
	return "Nowak"
}

// TestOpenSearchBackupCheckUnsupported: an index in OpenSearch has neither
// Backup nor Check, and says so with errors.ErrUnsupported rather than a
// fault.
func TestOpenSearchBackupCheckUnsupported(t *testing.T) {
	ctx := context.Background()
	ix := openFake(t, fakeCluster(t).URL, nil)
	if err := ix.Backup(ctx, filepath.Join(t.TempDir(), "b")); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Backup = %v, want errors.ErrUnsupported", err)
	}
	if _, err := ix.Check(ctx); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Check = %v, want errors.ErrUnsupported", err)
	}
}

// TestNoHits: a search or a quote search with NoHits gives, on either
// engine, the total, the facets and the story count of the same search with
// hits, and no hit.
func TestNoHits(t *testing.T) {
	ctx := context.Background()
	bl, err := OpenMem(&Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	os := openFake(t, fakeCluster(t).URL, nil)
	arts := demoArticles(t)
	for _, ix := range []*Index{bl, os} {
		if _, err := ix.AddBatch(ctx, append([]Article(nil), arts...)); err != nil {
			t.Fatal(err)
		}
	}
	for name, ix := range map[string]*Index{"bleve": bl, "opensearch": os} {
		for _, r := range []SearchRequest{{}, {Query: "strike"}, {Query: "zzzzunknown strike"}, {Query: "election", Collapse: true},
			{Query: "central bank", CountStories: true, Page: 3}} {
			want, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			r.NoHits = true
			got, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatalf("%s: Search(%q, NoHits): %v", name, r.Query, err)
			}
			if got.Hits == nil || len(got.Hits) != 0 || got.Total != want.Total || got.Relaxed != want.Relaxed || got.Stories != want.Stories {
				t.Errorf("%s: Search(%q, NoHits) = %d hits of %d (stories %d); want none of %d (stories %d)",
					name, r.Query, len(got.Hits), got.Total, got.Stories, want.Total, want.Stories)
			}
			if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
				t.Errorf("%s: Search(%q, NoHits) facets differ (-with hits +without):\n%s", name, r.Query, diff)
			}
			if want.Total == 0 && r.Query != "zzzzunknown strike" {
				t.Errorf("%s: Search(%q) found nothing: the corpus did not go in", name, r.Query)
			}
		}
		want, err := ix.Quotes(ctx, QuoteRequest{Query: "said"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Quotes(ctx, QuoteRequest{Query: "said", NoHits: true})
		if err != nil || want.Total == 0 || got.Hits == nil || len(got.Hits) != 0 || got.Total != want.Total || !cmp.Equal(got.Facets, want.Facets) {
			t.Errorf("%s: Quotes(NoHits) = %d hits of %d, %v; want none of %d and the same facets", name, len(got.Hits), got.Total, err, want.Total)
		}
	}
}
