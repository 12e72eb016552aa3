package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/internal/demo"
	goldenfile "github.com/newsindex/newsindex/internal/golden"
	"github.com/newsindex/newsindex/internal/opensearchfake"
	"github.com/newsindex/newsindex/internal/query"
)

// golden compares got with testdata/opensearch/name, or writes it there
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "opensearch", name), got)
}

func indent(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func testOSConfig() OpenSearchConfig {
	c, _ := (&OpenSearchConfig{URLs: []string{"http://127.0.0.1:9200"}, Shards: 3, Replicas: 1}).withDefaults()
	return c
}

// TestOpenSearchMappingGolden fixes the index body newsindex creates:
// settings, analysis, mapping and alias.
func TestOpenSearchMappingGolden(t *testing.T) {
	golden(t, "mapping.json", indent(t, osIndexBody(testOSConfig())))
}

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

// TestOpenSearchBulkGolden fixes the bulk body of a write: the article
// documents, their quote documents, and the deletes of quotes an article
// no longer has.
func TestOpenSearchBulkGolden(t *testing.T) {
	acts, err := bulkActions(fixtureArticles(), map[string]oldDoc{"a2": {nquotes: 2, story: "a1"}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, a := range acts {
		b.Write(a.lines)
	}
	golden(t, "bulk.ndjson", b.Bytes())
}

// searchCases are search-box queries and requests whose DSL is fixed in
// golden files.
var searchCases = []struct {
	name string
	req  SearchRequest
}{
	{"match_all", SearchRequest{}},
	{"words", SearchRequest{Query: "crude oil"}},
	{"phrase_not_or", SearchRequest{Query: `"central bank" -rates OR inflation`}},
	{"fields_prefix", SearchRequest{Query: "person:putin org:ECFR sanct*"}},
	{"stop_words_only", SearchRequest{Query: "the"}},
	{"filters_dates_sort", SearchRequest{Query: "strike", Filters: map[Facet][]string{FacetCountry: {"Poland", "Germany"}, FacetCategory: {"business"}},
		Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Sort: SortDate, Interval: IntervalMonth}},
	{"count_stories", SearchRequest{Query: "strike", CountStories: true, FacetSize: 5}},
	{"collapse_story", SearchRequest{Query: "strike", Collapse: true, Story: "a1", NoFacets: true, Page: 2, Size: 20}},
}

// TestOpenSearchQueryGolden fixes the search bodies sent for a table of
// search-box queries: query, filters, sort, paging, aggregations,
// highlight and collapse.
func TestOpenSearchQueryGolden(t *testing.T) {
	e := &osEngine{cfg: testOSConfig()}
	for _, tt := range searchCases {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.req
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			text := matchAll()
			q, err := query.Parse(r.Query)
			if err != nil {
				t.Fatal(err)
			}
			if q != nil {
				if text, err = articleDSL.translate(q); err != nil {
					t.Fatal(err)
				}
			}
			golden(t, "search_"+tt.name+".json", indent(t, e.searchBody(&r, text, q != nil)))
		})
	}
	t.Run("quotes", func(t *testing.T) {
		r := QuoteRequest{Query: "inflation", Speakers: []string{"Anna Nowak"}, Roles: []string{RoleAnalyst}}
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
		q, _ := query.Parse(r.Query)
		text, err := quoteDSL.translate(q)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "quotes_inflation.json", indent(t, e.quoteBody(&r, text, true)))
	})
}

// TestDSLTranslate checks the translation of search-box queries to the
// query DSL, clause by clause.
func TestDSLTranslate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`oil`, `{"bool":{"minimum_should_match":1,"should":[{"match":{"title":{"operator":"and","query":"oil"}}},{"match":{"body":{"operator":"and","query":"oil"}}}]}}`},
		{`title:"oil price"`, `{"match_phrase":{"title":{"query":"oil price"}}}`},
		{`person:Putin`, `{"match":{"person_name":{"operator":"and","query":"Putin"}}}`},
		{`body:sanct*`, `{"prefix":{"body":{"value":"sanct"}}}`},
		{`title:oil -body:gas`, `{"bool":{"must":[{"match":{"title":{"operator":"and","query":"oil"}}}],"must_not":[{"match":{"body":{"operator":"and","query":"gas"}}}]}}`},
		{`body:oil OR body:gas`, `{"bool":{"minimum_should_match":1,"should":[{"match":{"body":{"operator":"and","query":"oil"}}},{"match":{"body":{"operator":"and","query":"gas"}}}]}}`},
		{`the`, `{"match_all":{}}`},
		{`body:Dayez-Burgeon`, `{"match_phrase":{"body":{"query":"Dayez-Burgeon"}}}`},
	}
	for _, tt := range tests {
		q, err := query.Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		got, err := articleDSL.translate(q)
		if err != nil {
			t.Fatalf("translate(%q): %v", tt.in, err)
		}
		b, _ := json.Marshal(got)
		if string(b) != tt.want {
			t.Errorf("translate(%q) = %s, want %s", tt.in, b, tt.want)
		}
	}
	for _, in := range []string{"s*"} {
		q, err := query.Parse(in)
		if err != nil {
			continue
		}
		if _, err := articleDSL.translate(q); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("translate(%q) error = %v, want ErrInvalidRequest", in, err)
		}
	}
}

func TestUnmark(t *testing.T) {
	text, spans := unmark("a " + markOpen + "bc" + markClose + " d " + markOpen + "é" + markClose)
	if text != "a bc d é" || !cmp.Equal(spans, []span{{2, 4}, {7, 9}}, cmp.AllowUnexported(span{})) {
		t.Errorf("unmark = %q, %v", text, spans)
	}
}

func TestChunks(t *testing.T) {
	acts := make([]bulkAction, 7)
	for i := range acts {
		acts[i].lines = make([]byte, 10)
	}
	var sizes []int
	for _, c := range chunks(acts, 3, 25) {
		sizes = append(sizes, len(c))
	}
	if !cmp.Equal(sizes, []int{2, 2, 2, 1}) {
		t.Errorf("chunks(7×10 bytes, 3 docs, 25 bytes) = %v, want [2 2 2 1]", sizes)
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
	for _, q := range []string{"", "strike", "central bank", `"rate decision"`, "election -Peru", "person:" + firstPerson(arts), "ship*", "zzzzunknown strike"} {
		for _, r := range []SearchRequest{{Query: q, Interval: IntervalMonth}, {Query: q, Collapse: true, NoFacets: true}, {Query: q, CountStories: true}} {
			rb, err := bl.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			ro, err := os.Search(ctx, r)
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			if q == "" && !r.NoFacets && (rb.Total == 0 || len(rb.Facets.Country) == 0 || len(rb.Facets.Published) == 0) {
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

// FuzzUnmark feeds highlighted fields, as a cluster may send them, to
// unmark: it never panics, and the spans it returns lie inside the text,
// in order, on what the markers enclosed.
func FuzzUnmark(f *testing.F) {
	f.Add("a " + markOpen + "bc" + markClose + " d")
	f.Add(markOpen + markOpen + "x" + markClose)
	f.Add(markClose + "y" + markOpen)
	f.Fuzz(func(t *testing.T, s string) {
		text, spans := unmark(s)
		end := 0
		for _, sp := range spans {
			if sp.start < end || sp.end < sp.start || sp.end > len(text) {
				t.Fatalf("unmark(%q) = %q, spans %v: out of order or range", s, text, spans)
			}
			end = sp.end
		}
		if !strings.Contains(s, markOpen) && text != s {
			t.Fatalf("unmark(%q) = %q, want it unchanged", s, text)
		}
	})
}

// TestOpenSearchDocSizes measures what the capacity plan in
// docs/scale-out.md starts from: the bytes of JSON sent to OpenSearch and
// the documents written per article, on the first 3,000 articles of the
// development corpus, enriched. It skips where ../shared is absent. Run
// with -v to see the figures.
func TestOpenSearchDocSizes(t *testing.T) {
	f, err := os.Open("../../shared/data/corpus.jsonl")
	if err != nil {
		t.Skip("../shared/data/corpus.jsonl not found: no corpus to measure")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var arts []Article
	for sc.Scan() && len(arts) < 3000 {
		// Dates are left out: the corpus writes them in several forms.
		var r struct{ ID, Title, Body, Source string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		a := Article{ID: r.ID, Title: r.Title, Body: r.Body, Source: r.Source, Published: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC)}
		if Normalize(&a) == nil {
			arts = append(arts, a)
		}
	}
	ix, err := OpenMem(&Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Enrich(arts)
	acts, err := bulkActions(arts, nil)
	if err != nil {
		t.Fatal(err)
	}
	var bulk, text, doc, quotes int
	for _, a := range acts {
		bulk += len(a.lines)
	}
	for i := range arts {
		text += len(arts[i].Title) + len(arts[i].Body)
		quotes += len(arts[i].Quotes)
		d, _ := osArticleJSON(&arts[i])
		doc += len(d)
	}
	n := len(arts)
	t.Logf("%d articles: text %d B, bulk JSON %d B, article document %d B, %.2f quotes, %.2f documents an article",
		n, text/n, bulk/n, doc/n, float64(quotes)/float64(n), float64(len(acts))/float64(n))
}

// TestFacetErrorBound reads OpenSearch's bound on short counts from a terms
// aggregation, as a cluster of several shards reports it.
func TestFacetErrorBound(t *testing.T) {
	aggs := map[string]json.RawMessage{
		"person": json.RawMessage(`{"doc_count_error_upper_bound": 7, "sum_other_doc_count": 120,
			"buckets": [{"key": "Ana Ruiz", "doc_count": 40}, {"key": "Bo Lind", "doc_count": 52}]}`),
		"country": json.RawMessage(`{"doc_count_error_upper_bound": 0, "buckets": [{"key": "Chile", "doc_count": 3}]}`),
	}
	e := &osEngine{log: slog.New(slog.DiscardHandler)}
	for _, tt := range []struct {
		name      string
		want      string
		wantBound int
	}{
		{"person", "[{Bo Lind 52} {Ana Ruiz 40}]", 7},
		{"country", "[{Chile 3}]", 0},
		{"absent", "[]", 0},
	} {
		got, bound, err := e.facet(aggs, tt.name)
		if err != nil || fmt.Sprint(got) != tt.want || bound != tt.wantBound {
			t.Errorf("facet(%s) = %v, %d, %v; want %s, %d", tt.name, got, bound, err, tt.want, tt.wantBound)
		}
	}
}
