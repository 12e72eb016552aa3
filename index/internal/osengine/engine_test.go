package osengine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsindex/newsindex/index/internal/engine"
	goldenfile "github.com/newsindex/newsindex/internal/golden"
	"github.com/newsindex/newsindex/internal/query"
)

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func indent(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func testOSConfig() Config {
	c, _ := (&Config{URLs: []string{"http://127.0.0.1:9200"}, Shards: 3, Replicas: 1}).WithDefaults()
	return c
}

// TestOpenSearchMappingGolden fixes the index body newsindex creates:
// settings, analysis, mapping and alias.
func TestOpenSearchMappingGolden(t *testing.T) {
	golden(t, "mapping.json", indent(t, osIndexBody(testOSConfig())))
}

func fixtureArticles() []engine.Article {
	pub := time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)
	return []engine.Article{
		{ID: "a1", URL: "https://example.com/a1", Title: "Dockworkers strike at Gdańsk", Body: "Dockworkers walked out on Monday, said Anna Nowak.",
			Published: pub, Source: "Baltic Wire", Category: "business", CategorySource: "metadata",
			People: []string{"Anna Nowak"}, Countries: []string{"Poland"}, Organizations: []string{"European Council on Foreign Relations"},
			Quotes:   []engine.Quote{{Text: "We will not go back", Speaker: "Anna Nowak", Role: "official", Affiliation: "Port Union", Cue: "said", Direct: true, Mention: "Ms. Nowak"}},
			Analysts: []string{}, Story: "a1"},
		{ID: "a2", Title: "Rates held", Body: "The central bank held rates.", People: []string{}, Countries: []string{},
			Organizations: []string{}, Quotes: []engine.Quote{}, Analysts: []string{}, Story: "a1"},
		// French: its text and its quote's in the French fields.
		{ID: "a3", Title: "Grève au port", Body: "Les dockers ont cessé le travail, a dit Anne Morel.", Published: pub,
			Language: "fr", LanguageSource: "detected", People: []string{"Anne Morel"}, Countries: []string{"France"},
			Quotes:   []engine.Quote{{Text: "Nous ne reculerons pas", Speaker: "Anne Morel", Role: "official", Cue: "a dit", Direct: true}},
			Analysts: []string{}, Story: "a3"},
	}
}

// TestOpenSearchBulkGolden fixes the bulk body of a write: the article
// documents, their quote documents, and the deletes of quotes an article
// no longer has; and that each document reads back as the article.
func TestOpenSearchBulkGolden(t *testing.T) {
	acts, err := bulkActions(fixtureArticles(), map[string]engine.OldDoc{"a2": {NQuotes: 2, Story: "a1"}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, a := range acts {
		b.Write(a.lines)
	}
	golden(t, "bulk.ndjson", b.Bytes())
	for _, want := range fixtureArticles() {
		src, err := osArticleJSON(&want)
		if err != nil {
			t.Fatal(err)
		}
		d, err := decodeArticle(src)
		if err != nil || !cmp.Equal(d.Article, want, cmpopts.IgnoreFields(engine.Article{}, "Sig"), cmpopts.EquateEmpty()) {
			t.Errorf("decodeArticle(osArticleJSON(%s)) = %+v, %v; want %+v", want.ID, d.Article, err, want)
		}
		for i, q := range want.Quotes {
			qsrc, err := osQuoteJSON(&want, q)
			if err != nil {
				t.Fatal(err)
			}
			if qd, err := decodeQuote(qsrc); err != nil || qd.Quote != q.Text {
				t.Errorf("decodeQuote(osQuoteJSON(%s, %d)) = %q, %v; want %q", want.ID, i, qd.Quote, err, q.Text)
			}
		}
	}
}

// searchCases are search-box queries and requests whose DSL is fixed in
// golden files.
var searchCases = []struct {
	name      string
	req       engine.SearchRequest
	languages []string // of the index's documents; none: English alone
}{
	{"match_all", engine.SearchRequest{}, nil},
	{"words", engine.SearchRequest{Query: "crude oil"}, nil},
	{"phrase_not_or", engine.SearchRequest{Query: `"central bank" -rates OR inflation`}, nil},
	{"fields_prefix", engine.SearchRequest{Query: "person:putin org:ECFR sanct*"}, nil},
	{"stop_words_only", engine.SearchRequest{Query: "the"}, nil},
	{"filters_dates_sort", engine.SearchRequest{Query: "strike", Filters: map[engine.Facet][]string{engine.FacetCountry: {"Poland", "Germany"}, engine.FacetCategory: {"business"}},
		Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Sort: engine.SortDate, Interval: engine.IntervalMonth}, nil},
	{"count_stories", engine.SearchRequest{Query: "strike", CountStories: true, FacetSize: 5}, nil},
	{"collapse_story", engine.SearchRequest{Query: "strike", Collapse: true, Story: "a1", NoFacets: true, Page: 2, Size: 20}, nil},
	// An index of English (some of it from before languages were told
	// apart), French and Chinese articles: the query read in each
	// analysis's fields, each reading confined to its documents where its
	// words could match others ("the" is an English stop word: its
	// English reading holds the rest alone).
	{"languages", engine.SearchRequest{Query: `grève the "l'usine" Écon* 政府`}, []string{"en", "und", "fr", "zh"}},
	{"languages_exclusion_only", engine.SearchRequest{Query: `-grève person:Macron`}, []string{"en", "fr"}},
	// A language filter: only the analyses of its languages are read.
	{"language_filter", engine.SearchRequest{Query: "strike pay", Filters: map[engine.Facet][]string{engine.FacetLanguage: {"de", "nb"}}}, nil},
}

// withDefaults fills in r's defaults as index.SearchRequest.Validate does.
func withDefaults(r engine.SearchRequest) engine.SearchRequest {
	if r.Sort == "" {
		r.Sort = engine.SortRelevance
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = 10
	}
	if r.FacetSize == 0 {
		r.FacetSize = 10
	}
	if r.Interval == "" {
		r.Interval = engine.IntervalDay
	}
	return r
}

// TestOpenSearchQueryGolden fixes the search bodies sent for a table of
// search-box queries: query, filters, sort, paging, aggregations,
// highlight and collapse.
func TestOpenSearchQueryGolden(t *testing.T) {
	e := &Engine{cfg: testOSConfig()}
	for _, tt := range searchCases {
		t.Run(tt.name, func(t *testing.T) {
			r := withDefaults(tt.req)
			text := matchAll()
			q, err := query.Parse(r.Query)
			if err != nil {
				t.Fatal(err)
			}
			codes := map[string]bool{}
			for _, c := range tt.languages {
				codes[c] = true
			}
			scopes := scopesOf(codes)
			if filter := r.Filters[engine.FacetLanguage]; len(filter) > 0 {
				if scopes, err = e.scopesFor(context.Background(), filter); err != nil {
					t.Fatal(err)
				}
			}
			rd := dslReader{base: articleDSL, scopes: scopes}
			if q != nil {
				if text, err = rd.translate(q); err != nil {
					t.Fatal(err)
				}
			}
			golden(t, "search_"+tt.name+".json", indent(t, e.searchBody(&r, text, rd.analyses(), q != nil)))
		})
	}
	t.Run("quotes", func(t *testing.T) {
		// as index.QuoteRequest.Validate leaves it
		r := engine.QuoteRequest{Query: "inflation", Speakers: []string{"Anna Nowak"}, Roles: []string{"analyst"},
			Sort: engine.SortRelevance, Page: 1, Size: 10, FacetSize: 10}
		q, _ := query.Parse(r.Query)
		text, err := quoteDSL.translate(q)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "quotes_inflation.json", indent(t, e.quoteBody(&r, text, nil, true)))
	})
	t.Run("quotes_languages", func(t *testing.T) {
		r := engine.QuoteRequest{Query: "inflation", Sort: engine.SortRelevance, Page: 1, Size: 10, FacetSize: 10}
		q, _ := query.Parse(r.Query)
		rd := dslReader{base: quoteDSL, scopes: scopesOf(map[string]bool{"en": true, "de": true})}
		text, err := rd.translate(q)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "quotes_languages.json", indent(t, e.quoteBody(&r, text, rd.analyses(), true)))
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
		if _, err := articleDSL.translate(q); !errors.Is(err, engine.ErrInvalidRequest) {
			t.Errorf("translate(%q) error = %v, want engine.ErrInvalidRequest", in, err)
		}
	}
}

func TestUnmark(t *testing.T) {
	text, spans := unmark("a " + markOpen + "bc" + markClose + " d " + markOpen + "é" + markClose)
	if text != "a bc d é" || !cmp.Equal(spans, []engine.Span{{Start: 2, End: 4}, {Start: 7, End: 9}}) {
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
			if sp.Start < end || sp.End < sp.Start || sp.End > len(text) {
				t.Fatalf("unmark(%q) = %q, spans %v: out of order or range", s, text, spans)
			}
			end = sp.End
		}
		if !strings.Contains(s, markOpen) && text != s {
			t.Fatalf("unmark(%q) = %q, want it unchanged", s, text)
		}
	})
}

// TestFacetErrorBound reads OpenSearch's bound on short counts from a terms
// aggregation, as a cluster of several shards reports it.
func TestFacetErrorBound(t *testing.T) {
	aggs := map[string]json.RawMessage{
		"person": json.RawMessage(`{"doc_count_error_upper_bound": 7, "sum_other_doc_count": 120,
			"buckets": [{"key": "Ana Ruiz", "doc_count": 40}, {"key": "Bo Lind", "doc_count": 52}]}`),
		"country": json.RawMessage(`{"doc_count_error_upper_bound": 0, "buckets": [{"key": "Chile", "doc_count": 3}]}`),
	}
	e := &Engine{log: slog.New(slog.DiscardHandler)}
	for _, tt := range []struct {
		name      string
		want      string
		wantBound int
	}{
		{"person", "[{Bo Lind 52} {Ana Ruiz 40}]", 7},
		{"country", "[{Chile 3}]", 0},
		{"absent", "[]", 0},
	} {
		got, bound, err := e.facet(aggs, tt.name, 10)
		if err != nil || fmt.Sprint(got) != tt.want || bound != tt.wantBound {
			t.Errorf("facet(%s) = %v, %d, %v; want %s, %d", tt.name, got, bound, err, tt.want, tt.wantBound)
		}
	}
}
