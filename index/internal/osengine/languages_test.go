package osengine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/opensearchfake"
	"github.com/newsindex/newsindex/internal/query"
)

// multilingualArticles are invented news in five languages, and one
// article stored without a language, as before languages were told apart.
func multilingualArticles() []engine.Article {
	pub := time.Date(2026, 4, 2, 8, 0, 0, 0, time.UTC)
	a := func(id, code, title, body string, quotes ...engine.Quote) engine.Article {
		return engine.Article{ID: id, Language: code, Title: title, Body: body, Published: pub, Story: id,
			People: []string{}, Countries: []string{}, Places: []string{}, Organizations: []string{}, Analysts: []string{},
			Quotes: quotes}
	}
	return []engine.Article{
		a("en1", "en", "Dockworkers strike over pay", "The union said companies refused a new contract."),
		a("old", "", "Rates held", "The central bank held rates on Thursday."),
		a("fr1", "fr", "Grève dans les ports", "Les entreprises françaises ont annoncé des réformes économiques.",
			engine.Quote{Text: "Nous ne reculerons pas devant les entreprises", Speaker: "Anne Morel", Role: "official", Direct: true}),
		a("de1", "de", "Streik im Hafen", "Die Regierungen der Länder haben neue Gesetze beschlossen."),
		a("zh1", "zh", "港口罢工", "政府星期四宣布降低税收，经济学家表示欢迎。"),
		a("pl1", "pl", "Strajk w porcie", "Rząd ogłosił w czwartek nowe podatki."),
	}
}

// languageSearches are searches of multilingualArticles and the IDs they
// must find, in every language the index holds.
var languageSearches = []struct {
	query   string
	filter  []string
	want    []string
	snippet string // a word the first hit's snippet marks
}{
	// French: an inflected form finds the other (Snowball's stem), the
	// accent folded away.
	{query: "entreprise", want: []string{"fr1"}, snippet: "entreprises"},
	{query: "economique", want: []string{"fr1"}, snippet: "économiques"},
	{query: "greve", want: []string{"fr1"}},
	// German: plural and singular.
	{query: "Regierung", want: []string{"de1"}, snippet: "Regierungen"},
	// A Chinese word of two characters inside its sentence.
	{query: "政府", want: []string{"zh1"}, snippet: "政府"},
	{query: "税收", want: []string{"zh1"}},
	// Polish: neutral analysis, the word as written.
	{query: "podatki", want: []string{"pl1"}},
	// English is read as before, and so is the article without a language.
	{query: "company", want: []string{"en1"}, snippet: "companies"},
	{query: "bank", want: []string{"old"}},
	// A stop word of one language does not keep another language's
	// articles out: "les" is French for "the", a word in Polish.
	{query: "les entreprises", want: []string{"fr1"}},
	// A prefix in the fields of every analysis, read as each reads it.
	{query: "Économi*", want: []string{"fr1"}},
	// An exclusion in each language: "ports" is in the French title,
	// beside the word excluded.
	{query: "(podatki OR ports) -grève", want: []string{"pl1"}},
	// The language filter, and the language field of the query syntax.
	{query: "strike OR streik OR grève OR strajk", filter: []string{"fr"}, want: []string{"fr1"}},
	{query: "language:de", want: []string{"de1"}},
	// A relaxed AND: no article has both words, each has one.
	{query: "entreprises Regierungen", want: []string{"de1", "fr1"}},
}

// checkLanguages writes multilingualArticles through e and runs
// languageSearches, the language facet and a quote search.
func checkLanguages(t *testing.T, e *Engine) {
	ctx := context.Background()
	if _, err := e.Apply(ctx, multilingualArticles()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range languageSearches {
		r := withDefaults(engine.SearchRequest{Query: tt.query})
		if tt.filter != nil {
			r.Filters = map[engine.Facet][]string{engine.FacetLanguage: tt.filter}
		}
		q, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Search(ctx, &r, q)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, languages %v) = %v, want %v", tt.query, tt.filter, got, tt.want)
			continue
		}
		if tt.snippet != "" && !strings.Contains(res.Hits[0].Snippet, "<mark>"+tt.snippet+"</mark>") {
			t.Errorf("Search(%q): snippet %q does not mark %q", tt.query, res.Hits[0].Snippet, tt.snippet)
		}
	}

	r := withDefaults(engine.SearchRequest{})
	res, err := e.runSearch(ctx, e.searchBody(&r, matchAll(), nil, false))
	if err != nil {
		t.Fatal(err)
	}
	counts, _, err := e.facet(res.Aggregations, string(engine.FacetLanguage), 10)
	if got, want := fmt.Sprint(counts), "[{de 1} {en 1} {fr 1} {pl 1} {und 1} {zh 1}]"; err != nil || got != want {
		t.Errorf("language facet = %s, %v; want %s", got, err, want)
	}
	terms, err := e.Terms(ctx, engine.FacetLanguage)
	if got, want := fmt.Sprint(terms), "[{de 1} {en 1} {fr 1} {pl 1} {und 1} {zh 1}]"; err != nil || got != want {
		t.Errorf("Terms(language) = %s, %v; want %s", got, err, want)
	}
	r.Filters = map[engine.Facet][]string{engine.FacetLanguage: {"und", "pl"}}
	if res, err = e.runSearch(ctx, e.searchBody(&r, matchAll(), nil, false)); err != nil || len(res.Hits.Hits) != 2 {
		t.Errorf("language=und&language=pl: %v, want the article without a language and the Polish one", err)
	}

	qr := engine.QuoteRequest{Query: "entreprise", Sort: engine.SortRelevance, Page: 1, Size: 10, FacetSize: 10}
	q, _ := query.Parse(qr.Query)
	qres, err := e.SearchQuotes(ctx, &qr, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(qres.Hits) != 1 || qres.Hits[0].ArticleID != "fr1" || !strings.Contains(qres.Hits[0].Text, "<mark>entreprises</mark>") {
		t.Errorf("SearchQuotes(entreprise) = %+v, want the French quote, marked", qres.Hits)
	}

	a, err := e.Article(ctx, "fr1")
	if err != nil || a.Title != "Grève dans les ports" || !strings.HasPrefix(a.Body, "Les entreprises") || len(a.Quotes) != 1 {
		t.Errorf("Article(fr1) = %+v, %v; want its title, body and quote back", a, err)
	}
	var each []string
	if err := e.Each(ctx, func(a engine.Article) error {
		if a.Title == "" || a.Body == "" {
			t.Errorf("Each: article %s without its text", a.ID)
		}
		each = append(each, a.ID)
		return nil
	}); err != nil || len(each) != len(multilingualArticles()) {
		t.Errorf("Each = %v, %v", each, err)
	}
}

// TestLanguagesOnFake runs the multilingual searches on the fake cluster.
func TestLanguagesOnFake(t *testing.T) {
	srv := httptest.NewServer(opensearchfake.New())
	t.Cleanup(srv.Close)
	cfg, err := (&Config{URLs: []string{srv.URL}, StateDir: t.TempDir()}).WithDefaults()
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkLanguages(t, e)
}

// TestLanguagesOnOpenSearch runs them on a real node.
func TestLanguagesOnOpenSearch(t *testing.T) {
	e, err := Open(context.Background(), nodeConfig(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkLanguages(t, e)
}

// TestOldMappingReported: an index made with an older mapping is reported
// when it is opened, with how to rebuild it.
func TestOldMappingReported(t *testing.T) {
	srv := httptest.NewServer(opensearchfake.New())
	t.Cleanup(srv.Close)
	cfg, err := (&Config{URLs: []string{srv.URL}, Index: "news"}).WithDefaults()
	if err != nil {
		t.Fatal(err)
	}
	old := osIndexBody(cfg)
	old["mappings"].(obj)["_meta"] = obj{"newsindex_mapping": 3}
	b, _ := json.Marshal(old)
	req, _ := http.NewRequest(http.MethodPut, srv.URL+"/news-v1", bytes.NewReader(b))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("create an old index: %v, %v", res, err)
	}
	var logs bytes.Buffer
	e, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if have, want, err := e.MappingVersion(context.Background()); have != 3 || want != mappingVersion || err != nil {
		t.Errorf("MappingVersion = %d, %d, %v; want 3, %d", have, want, err, mappingVersion)
	}
	if !strings.Contains(logs.String(), "predates") || !strings.Contains(logs.String(), "mapping_version=3") {
		t.Errorf("Open logged %q, want a warning that the index predates the mapping", logs.String())
	}
}

// FuzzDecodeArticle feeds stored documents, as a cluster may return them,
// to the readers of articles and quotes: they never panic, and a document
// they write reads back with its text.
func FuzzDecodeArticle(f *testing.F) {
	for _, a := range multilingualArticles() {
		src, _ := osArticleJSON(&a)
		f.Add(src)
	}
	f.Add([]byte(`{"kind":"article","language":"fr","title_fr":3}`))
	f.Add([]byte(`{"kind":"quote","language":"zh","quote_cjk":"政府"}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := decodeArticle(src)
		decodeQuote(src)
		if err != nil {
			return
		}
		again, err := osArticleJSON(&d.Article)
		if err != nil {
			return // text that is not valid UTF-8 …
		}
		back, err := decodeArticle(again)
		if err != nil || back.Title != d.Title || back.Body != d.Body {
			t.Fatalf("decodeArticle(osArticleJSON(%q)) = %+v, %v", src, back.Article, err)
		}
	})
}

// inflections are a word and an inflected form of it that the language's
// Snowball stemmer conflates, in each stemmed language, and a two-character
// word inside a sentence in Chinese, Japanese and Korean.
var inflections = []struct{ lang, word, text string }{
	{"en", "company", "Two companies merged."},
	{"fr", "entreprise", "Les entreprises ont signé."},
	{"de", "Regierung", "Die Regierungen haben beschlossen."},
	{"es", "economía", "Las economías crecen."},
	{"it", "governo", "I governi hanno firmato."},
	{"pt", "partido", "Os partidos votaram."},
	{"nl", "regering", "De regeringen besloten."},
	{"sv", "regering", "Regeringen beslutade."},
	{"da", "regering", "Regeringen besluttede."},
	{"nb", "regjering", "Regjeringen besluttet."},
	{"fi", "talo", "Kokous pidettiin talossa."},
	{"hu", "kormány", "A kormányok döntöttek."},
	{"ro", "guvern", "Ministrul guvernului a demisionat."},
	{"ru", "правительство", "Решение правительства принято."},
	{"tr", "hükümet", "Türkiye'nin hükümeti karar aldı."},
	{"zh", "政府", "政府星期四宣布降低税收"},
	{"ja", "政府", "政府は木曜日に発表した"},
	{"ko", "정부", "정부는 목요일 발표했다"},
}

// checkInflections writes one article per language and searches each by
// the other form of its word, without naming its language.
func checkInflections(t *testing.T, e *Engine) {
	ctx := context.Background()
	var docs []engine.Article
	for _, c := range inflections {
		docs = append(docs, engine.Article{ID: "infl-" + c.lang, Language: c.lang, Title: "", Body: c.text, Story: "infl-" + c.lang})
	}
	if _, err := e.Apply(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, c := range inflections {
		r := withDefaults(engine.SearchRequest{Query: c.word})
		q, _ := query.Parse(c.word)
		res, err := e.Search(ctx, &r, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if !slices.Contains(got, "infl-"+c.lang) {
			t.Errorf("%s: Search(%q) = %v, want it to find %q", c.lang, c.word, got, c.text)
		}
	}
}

func TestInflectionsOnFake(t *testing.T) {
	srv := httptest.NewServer(opensearchfake.New())
	t.Cleanup(srv.Close)
	cfg, err := (&Config{URLs: []string{srv.URL}, StateDir: t.TempDir()}).WithDefaults()
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkInflections(t, e)
}

func TestInflectionsOnOpenSearch(t *testing.T) {
	e, err := Open(context.Background(), nodeConfig(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	checkInflections(t, e)
}
