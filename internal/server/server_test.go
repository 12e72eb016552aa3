package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
)

func testArticles() []index.Article {
	empty := []string{}
	return []index.Article{
		{ID: "s1", Title: "Sanctions bite as talks stall", Body: "Officials are sanctioning more banks, said Ana Ruiz, a fellow at the Halvorsen Institute. “It will take years,” said Ms. Ruiz.",
			Published: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Source: "Harbour Post", Category: "World",
			People: []string{"Ana Ruiz"}, Countries: []string{"Russia"}, Organizations: []string{"Halvorsen Institute"},
			Analysts: []string{"Ana Ruiz"}, Quotes: []index.Quote{{Text: "It will take years", Speaker: "Ana Ruiz", Role: "analyst", Affiliation: "Halvorsen Institute", Cue: "said", Direct: true, Mention: "Ms. Ruiz"}}},
		{ID: "s2", Title: "<script>alert('x')</script> Rates held", Body: `The bank held rates. <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>`,
			Published: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Source: "Ledger", Category: "Business",
			People: empty, Countries: empty, Organizations: empty, Analysts: empty, Quotes: []index.Quote{}},
	}
}

// openTestIndex opens an empty index for one test: bleve in memory, or an
// index on a real OpenSearch while TestOnOpenSearch runs the tests again.
var openTestIndex = func(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func newTestServer(t *testing.T, opts Options) (*httptest.Server, *index.Index) {
	t.Helper()
	ix := openTestIndex(t)
	if _, err := ix.AddBatch(context.Background(), testArticles()); err != nil {
		t.Fatal(err)
	}
	s, err := New(ix, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); ix.Close() })
	return ts, ix
}

func do(t *testing.T, method, u string, body string, header ...string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestSearchAPI(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, h := do(t, "GET", ts.URL+"/api/search?q=sanctioning&analyst=Ana+Ruiz", "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %q: %s", code, h.Get("Content-Type"), body)
	}
	var res struct {
		Total  int
		Hits   []map[string]any
		Facets map[string][]map[string]any
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0]["id"] != "s1" {
		t.Fatalf("hits = %v", res.Hits)
	}
	for _, k := range []string{"id", "title", "url", "source", "published", "category", "snippet", "score", "people", "countries", "organizations", "analysts"} {
		if _, ok := res.Hits[0][k]; !ok && k != "url" {
			t.Errorf("hit has no %q", k)
		}
	}
	for _, k := range []string{"category", "analyst", "person", "country", "organization", "source", "published"} {
		if _, ok := res.Facets[k]; !ok {
			t.Errorf("facets have no %q", k)
		}
	}
	if got := res.Facets["analyst"]; len(got) != 1 || got[0]["value"] != "Ana Ruiz" || got[0]["count"] != 1.0 {
		t.Errorf("analyst facet = %v", got)
	}
}

func TestErrors(t *testing.T) {
	ts, _ := newTestServer(t, Options{MaxBodyBytes: 2048})
	tests := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/api/search?q=%22open", "", 400},
		{"GET", "/api/search?q=(a", "", 400},
		{"GET", "/api/search?q=-x", "", 400},
		{"GET", "/api/search?size=-1", "", 400},
		{"GET", "/api/search?size=100000", "", 400},
		{"GET", "/api/search?size=ten", "", 400},
		{"GET", "/api/search?page=0", "", 400},
		{"GET", "/api/search?from=yesterday", "", 400},
		{"GET", "/api/search?from=99999-01-01", "", 400},
		{"GET", "/api/search?from=2026-02-01&to=2026-01-01", "", 400},
		{"GET", "/api/search?sort=random", "", 400},
		{"GET", "/api/search?count=words", "", 400},
		{"GET", "/api/search?collapse=all", "", 400},
		{"GET", "/api/search?q=a&q=b", "", 400},
		{"GET", "/api/search?q=%ff%fe", "", 400},
		{"GET", "/api/search?q=" + strings.Repeat("x", 5000), "", 400},
		{"GET", "/api/quotes?role=pundit", "", 400},
		{"GET", "/api/articles/nope", "", 404},
		{"GET", "/no/such/route", "", 404},
		{"DELETE", "/api/articles/nope", "", 404},
		{"POST", "/api/articles", "{", 400},
		{"POST", "/api/articles", "", 400},
		{"POST", "/api/articles", `{"title": 5}`, 400},
		{"POST", "/api/articles", `{"title":"` + strings.Repeat("x", 4000) + `"}`, 413},
		{"PUT", "/api/search", "", 405},
		{"TRACE", "/healthz", "", 405},
	}
	for _, tt := range tests {
		code, body, h := do(t, tt.method, ts.URL+tt.path, tt.body)
		if code != tt.want {
			t.Errorf("%s %.60s = %d %s, want %d", tt.method, tt.path, code, body, tt.want)
			continue
		}
		var e map[string]any
		if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("%s %.60s: body is not JSON: %q", tt.method, tt.path, body)
		}
		if _, ok := e["error"]; !ok && tt.want != 400 {
			t.Errorf("%s %.60s: no error message: %s", tt.method, tt.path, body)
		}
	}
}

// TestErrorMessages: a 400 names the parameter and the range it takes
// (found probing huge numbers: size=9223372036854775807 was "out of range 1..100",
// though size=0 is valid).
func TestErrorMessages(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, tt := range []struct{ query, want string }{
		{"size=9223372036854775807", `size 9223372036854775807 out of range 0..100`},
		{"size=101", `size 101 out of range 0..100`},
		{"page=1001", `page 1001 out of range 1..1000`},
		{"size=5.0", `parameter \"size\" = \"5.0\"`},
	} {
		code, body, _ := do(t, "GET", ts.URL+"/api/search?"+tt.query, "")
		if code != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("GET /api/search?%s = %d %s, want 400 with %s", tt.query, code, body, tt.want)
		}
	}
}

func TestPostGetDelete(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, _ := do(t, "POST", ts.URL+"/api/articles", `{"id":"p1","title":"Grain deal extended","body":"Ministers extended the grain deal."}`)
	if code != 200 || !strings.Contains(body, `"added":1`) {
		t.Fatalf("POST one = %d %s", code, body)
	}
	code, body, _ = do(t, "POST", ts.URL+"/api/articles", `[{"id":"p2","title":"A"},{"id":"p1","title":"Grain deal extended again"}]`)
	if code != 200 || !strings.Contains(body, `"added":1`) || !strings.Contains(body, `"replaced":1`) {
		t.Fatalf("POST array = %d %s", code, body)
	}
	jsonl := "{\"id\":\"p3\",\"title\":\"B\"}\nnot json\n{\"id\":\"p4\",\"body\":\"\"}\n"
	code, body, _ = do(t, "POST", ts.URL+"/api/articles", jsonl)
	if code != 207 || !strings.Contains(body, `"rejected":2`) || !strings.Contains(body, `"line":2`) {
		t.Fatalf("POST JSONL with bad lines = %d %s", code, body)
	}
	code, body, _ = do(t, "GET", ts.URL+"/api/articles/p1", "")
	if code != 200 || !strings.Contains(body, "again") {
		t.Fatalf("GET p1 = %d %s", code, body)
	}
	code, _, _ = do(t, "DELETE", ts.URL+"/api/articles/p1", "")
	if code != 200 {
		t.Fatalf("DELETE p1 = %d", code)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/api/articles/p1", ""); code != 404 {
		t.Errorf("GET deleted = %d, want 404", code)
	}
}

func TestAPIKey(t *testing.T) {
	ts, _ := newTestServer(t, Options{APIKey: "s3cret"})
	post := `{"title":"x"}`
	if code, _, _ := do(t, "POST", ts.URL+"/api/articles", post); code != 401 {
		t.Errorf("POST without key = %d, want 401", code)
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/articles", post, "Authorization", "Bearer wrong"); code != 401 {
		t.Errorf("POST with wrong key = %d, want 401", code)
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/articles", post, "Authorization", "Bearer s3cret"); code != 200 {
		t.Errorf("POST with key = %d, want 200", code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/api/search?q=x", ""); code != 200 {
		t.Errorf("GET without key = %d, want 200 (reads are open)", code)
	}
}

func TestQuotesAPI(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, _ := do(t, "GET", ts.URL+"/api/quotes?q=years&role=analyst", "")
	if code != 200 || !strings.Contains(body, `"speaker":"Ana Ruiz"`) || !strings.Contains(body, `"mention":"Ms. Ruiz"`) || !strings.Contains(body, "<mark>years</mark>") {
		t.Errorf("quotes = %d %s", code, body)
	}
}

func TestSearchPage(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, h := do(t, "GET", ts.URL+"/?q=rates", "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("page = %d %q", code, h.Get("Content-Type"))
	}
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`} {
		if strings.Contains(body, bad) {
			t.Errorf("page holds unescaped %q", bad)
		}
	}
	if !strings.Contains(body, "&lt;script&gt;") || !strings.Contains(body, "<mark>Rates</mark>") && !strings.Contains(body, "<mark>rates</mark>") {
		t.Errorf("page lacks escaped title or highlight:\n%s", body)
	}
	if h.Get("Content-Security-Policy") == "" {
		t.Error("no Content-Security-Policy header")
	}
	// A facet link filters, and its chip removes the filter.
	code, body, _ = do(t, "GET", ts.URL+"/?"+url.Values{"category": {"World"}}.Encode(), "")
	if code != 200 || !strings.Contains(body, "Sanctions bite") || strings.Contains(body, "Rates held") || !strings.Contains(body, "Category: World") {
		t.Errorf("filtered page = %d, want the World article only and its chip", code)
	}
	code, body, _ = do(t, "GET", ts.URL+"/?q=%22open", "")
	if code != 400 || !strings.Contains(body, "unterminated") {
		t.Errorf("malformed query page = %d, want 400 naming the problem", code)
	}
	code, body, _ = do(t, "GET", ts.URL+"/articles/s2", "")
	if code != 200 || strings.Contains(body, "<script>alert") || strings.Contains(body, `href="javascript:`) {
		t.Errorf("article page = %d or unescaped", code)
	}
	code, body, _ = do(t, "GET", ts.URL+"/articles/s1", "")
	if code != 200 || !strings.Contains(body, "It will take years") || !strings.Contains(body, "Halvorsen Institute") {
		t.Errorf("article page lacks its quote: %d", code)
	}
	if !strings.Contains(body, "as “Ms. Ruiz”") {
		t.Errorf("article page does not say how the article names the speaker:\n%s", body)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/articles/none", ""); code != 404 {
		t.Errorf("missing article page = %d, want 404", code)
	}
}

func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{"q=sanctions", "q=%22a&size=5", "from=2024-01-01&to=2023-01-01", "page=-1", "size=1e9", "category=World&category=", "q=(a+OR+b)+-c", "q=%ff"} {
		f.Add(s)
	}
	ix, err := index.OpenMem(nil)
	if err != nil {
		f.Fatal(err)
	}
	ix.AddBatch(context.Background(), testArticles())
	s, err := New(ix, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/api/search?", "/api/quotes?", "/?"} {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL.Path = path[:len(path)-1]
			req.URL.RawQuery = raw
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("GET %s%s = %d: %s", path, raw, w.Code, w.Body)
			}
		}
	})
}

func TestChartFillsGaps(t *testing.T) {
	counts := []index.DateCount{{Date: "2026-01-01", Count: 2}, {Date: "2026-01-04", Count: 4}}
	bars, first, last := chart(url.Values{"q": {"x"}}, counts, index.IntervalDay)
	if len(bars) != 2 || first != "2026-01-01" || last != "2026-01-04" {
		t.Fatalf("chart = %d bars, %s..%s; want 2 bars over 4 days", len(bars), first, last)
	}
	if bars[1].X != 450 || bars[1].H != 80 || bars[0].H != 40 {
		t.Errorf("bars = %+v; want the second at x=450 (day 4 of 4), full height, the first half", bars)
	}
	if !strings.Contains(bars[0].URL, "from=2026-01-01") || !strings.Contains(bars[0].URL, "to=2026-01-01") {
		t.Errorf("bar link = %q, want the one day", bars[0].URL)
	}
	// Over 120 days: months.
	counts = []index.DateCount{{Date: "2025-01-15", Count: 1}, {Date: "2025-01-20", Count: 1}, {Date: "2025-12-02", Count: 3}}
	bars, first, last = chart(url.Values{}, counts, index.IntervalDay)
	if len(bars) != 2 || first != "2025-01-01" || last != "2025-12-01" || bars[0].H != 80*2.0/3 {
		t.Errorf("monthly chart = %+v %s..%s", bars, first, last)
	}
}

func TestQuotesPage(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, _ := do(t, "GET", ts.URL+"/quotes?speaker=Ana+Ruiz", "")
	if code != 200 || !strings.Contains(body, "It will take years") || !strings.Contains(body, `href="/articles/s1"`) || !strings.Contains(body, "Speakers: Ana Ruiz") ||
		!strings.Contains(body, "as “Ms. Ruiz”") {
		t.Errorf("quotes page = %d:\n%s", code, body)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/quotes?role=pundit", ""); code != 400 {
		t.Errorf("quotes page with a bad role = %d, want 400", code)
	}
	// The article page links each speaker to their quotes.
	_, body, _ = do(t, "GET", ts.URL+"/articles/s1", "")
	if !strings.Contains(body, `href="/quotes?speaker=Ana&#43;Ruiz"`) && !strings.Contains(body, `href="/quotes?speaker=Ana+Ruiz"`) {
		t.Errorf("article page does not link the speaker to their quotes:\n%s", body)
	}
}

func TestMetrics(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	do(t, "GET", ts.URL+"/api/search?q=rates", "")
	do(t, "GET", ts.URL+"/api/search?q=%22bad", "")
	do(t, "POST", ts.URL+"/api/articles", `{"id":"m1","title":"Metrics"}`)
	code, body, _ := do(t, "GET", ts.URL+"/metrics", "")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`newsindex_http_requests_total{code="200",method="GET",route="/api/search"} 1`,
		`newsindex_http_requests_total{code="400",method="GET",route="/api/search"} 1`,
		`newsindex_ingested_articles_total{outcome="added"} 1`,
		`newsindex_articles 3`,
		`newsindex_http_request_duration_seconds_bucket{route="/api/search",le="+Inf"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestSuggestAPI(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, _ := do(t, "GET", ts.URL+"/api/suggest?q=rui", "")
	if code != 200 || !strings.Contains(body, `{"type":"analyst","value":"Ana Ruiz","count":1}`) {
		t.Errorf("suggest = %d %s", code, body)
	}
	for _, bad := range []string{"?q=a&limit=0", "?q=a&limit=500", "?q=" + strings.Repeat("a", 300), "?q=a&q=b"} {
		if code, body, _ := do(t, "GET", ts.URL+"/api/suggest"+bad, ""); code != 400 {
			t.Errorf("suggest%s = %d %s, want 400", bad, code, body)
		}
	}
}

// TestIDWithSlash: an ID holding "/" (found by schemathesis: POST
// {"id":"a/b"} was added, then GET /api/articles/a%2Fb was "no route") is
// one path parameter, and the pages link to it escaped.
func TestIDWithSlash(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	if code, body, _ := do(t, "POST", ts.URL+"/api/articles", `{"id":"2026/01/a b","title":"Grain deal","body":"Ministers extended the grain deal."}`); code != 200 {
		t.Fatalf("POST = %d %s", code, body)
	}
	if code, body, _ := do(t, "GET", ts.URL+"/api/articles/2026%2F01%2Fa%20b", ""); code != 200 || !strings.Contains(body, `"id":"2026/01/a b"`) {
		t.Errorf("GET /api/articles/2026%%2F01%%2Fa%%20b = %d %.80s, want 200", code, body)
	}
	if code, body, _ := do(t, "GET", ts.URL+"/?q=grain", ""); code != 200 || !strings.Contains(body, `href="/articles/2026%2F01%2Fa%20b"`) {
		t.Errorf("search page = %d, want a link to /articles/2026%%2F01%%2Fa%%20b", code)
	}
	if code, body, _ := do(t, "GET", ts.URL+"/articles/2026%2F01%2Fa%20b", ""); code != 200 || !strings.Contains(body, "Grain deal") {
		t.Errorf("article page = %d, want 200", code)
	}
	if code, body, _ := do(t, "DELETE", ts.URL+"/api/articles/2026%2F01%2Fa%20b", ""); code != 200 {
		t.Errorf("DELETE = %d %s, want 200", code, body)
	}
	if code, body, _ := do(t, "GET", ts.URL+"/api/articles/2026/01/a", ""); code != 404 || !strings.Contains(body, `"error"`) {
		t.Errorf("GET an unescaped slash = %d %s, want a JSON 404", code, body)
	}
}

func TestEntityPages(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, _ := do(t, "GET", ts.URL+"/analysts/Ana%20Ruiz", "")
	if code != 200 {
		t.Fatalf("analyst page = %d", code)
	}
	for _, want := range []string{"Ana Ruiz", "It will take years", "Halvorsen Institute", "role-analyst", `href="/countries/Russia"`, `href="/articles/s1"`} {
		if !strings.Contains(body, want) {
			t.Errorf("analyst page lacks %q", want)
		}
	}
	code, body, _ = do(t, "GET", ts.URL+"/countries/Russia", "")
	if code != 200 || !strings.Contains(body, `href="/analysts/Ana%20Ruiz"`) {
		t.Errorf("country page = %d, want a link to the analyst quoted beside it", code)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/people/Nobody%20Known", ""); code != 404 {
		t.Errorf("unknown person page = %d, want 404", code)
	}
}

func TestSearchPageMoreAndCompare(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	if _, err := ix.AddBatch(context.Background(), manyArticles(30)); err != nil {
		t.Fatal(err)
	}
	code, body, _ := do(t, "GET", ts.URL+"/?q=harvest&vs=sanctions", "")
	if code != 200 || !strings.Contains(body, `class="s1"`) || !strings.Contains(body, `class="s0"`) || !strings.Contains(body, ">sanctions</a> (1)") {
		t.Errorf("compare page = %d, want both series and the legend", code)
	}
	code, body, _ = do(t, "GET", ts.URL+"/?q=harvest&more=country", "")
	if code != 200 || !strings.Contains(body, "data-expanded") || !strings.Contains(body, ">fewer<") {
		t.Errorf("expanded facet page = %d, want an expanded facet with a way back", code)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/assets/app.js", ""); code != 200 {
		t.Errorf("app.js = %d", code)
	}
}

func TestParagraphs(t *testing.T) {
	body := "Putin met Xi.\n\nLater, in Moscow."
	ms := []index.Mention{{Start: 0, End: 5, Facet: index.FacetPerson, Name: "Vladimir Putin"}, {Start: 25, End: 31, Facet: index.FacetCountry, Name: "Russia"}}
	got := paragraphs(body, ms)
	if len(got) != 2 || got[0][0].URL != "/people/Vladimir%20Putin" || got[0][1].Text != " met Xi." ||
		got[1][1].Text != "Moscow" || got[1][1].URL != "/countries/Russia" || got[1][2].Text != "." {
		t.Errorf("paragraphs = %+v", got)
	}
}

func TestArticlePageListsItsStory(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	body := "The port authority of Valmera said on Monday that container traffic rose by a fifth in the third quarter, as shipping lines moved services away from congested hubs further north and new cranes doubled the terminal's capacity."
	ix.AddBatch(context.Background(), []index.Article{
		{ID: "c1", Title: "Port traffic up a fifth", Body: body, Source: "Harbour Post"},
		{ID: "c2", Title: "Valmera port traffic rises", Body: body + " More to follow.", Source: "Ledger"},
	})
	_, page, _ := do(t, "GET", ts.URL+"/articles/c1", "")
	if !strings.Contains(page, "The same story elsewhere") || !strings.Contains(page, `href="/articles/c2"`) {
		t.Errorf("article page does not list the other article of its story")
	}
}

func TestLimitsAndReadKey(t *testing.T) {
	ts, _ := newTestServer(t, Options{Limits: Limits{MaxPageSize: 5, MaxFacetSize: 3, MaxQueryBytes: 20, MinPrefix: 4, MaxExport: 2}})
	for _, path := range []string{"/api/search?size=6", "/api/search?facet_size=4", "/api/search?q=" + strings.Repeat("a", 21),
		"/api/search?q=ban*", "/api/quotes?size=9", "/export.csv?limit=3", "/?q=ban*"} {
		code, body, _ := do(t, "GET", ts.URL+path, "")
		if code != 400 {
			t.Errorf("GET %s = %d %s, want 400", path, code, body)
		}
	}
	if code, _, _ := do(t, "GET", ts.URL+"/api/search?q=bank*&size=5", ""); code != 200 {
		t.Errorf("a request inside the limits = %d, want 200", code)
	}

	keyed, _ := newTestServer(t, Options{APIKey: "k", AuthReads: true})
	if code, _, h := do(t, "GET", keyed.URL+"/api/search?q=x", ""); code != 401 || h.Get("WWW-Authenticate") == "" {
		t.Errorf("keyed read without the key = %d, want 401 asking for it", code)
	}
	if code, _, _ := do(t, "GET", keyed.URL+"/api/search?q=x", "", "Authorization", "Bearer k"); code != 200 {
		t.Errorf("keyed read with the key = %d, want 200", code)
	}
	req, _ := http.NewRequest("GET", keyed.URL+"/", nil)
	req.SetBasicAuth("reader", "k")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("page with the key as Basic password = %v %v, want 200", resp.StatusCode, err)
	}
	if code, _, _ := do(t, "GET", keyed.URL+"/healthz", ""); code != 200 {
		t.Errorf("health check on a keyed server = %d, want 200", code)
	}
}

// TestCountStories asks the API and the page to count stories: two copies of
// one story from two sources count once in the category facet.
func TestCountStories(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	body := "The port authority of Valmera said on Monday that container traffic rose by a fifth in the third quarter, as shipping lines moved services away from congested hubs further north and new cranes doubled the terminal's capacity."
	if _, err := ix.AddBatch(context.Background(), []index.Article{
		{ID: "c1", Title: "Port traffic up a fifth", Body: body, Source: "Harbour Post", Category: "Business"},
		{ID: "c2", Title: "Valmera port traffic rises", Body: body + " More to follow.", Source: "Ledger", Category: "Business"},
	}); err != nil {
		t.Fatal(err)
	}
	business := func(query string) (float64, float64) {
		t.Helper()
		code, b, _ := do(t, "GET", ts.URL+"/api/search?q=port&"+query, "")
		if code != 200 {
			t.Fatalf("%s: status %d: %s", query, code, b)
		}
		var res struct {
			Stories float64
			Facets  map[string][]map[string]any
		}
		if err := json.Unmarshal([]byte(b), &res); err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Facets["category"] {
			if c["value"] == "Business" {
				return c["count"].(float64), res.Stories
			}
		}
		return 0, res.Stories
	}
	if n, _ := business("count=articles"); n != 2 {
		t.Errorf("count=articles: Business = %v, want 2", n)
	}
	if n, stories := business("count=stories"); n != 1 || stories != 1 {
		t.Errorf("count=stories: Business = %v, stories %v; want 1 and 1", n, stories)
	}
	_, page, _ := do(t, "GET", ts.URL+"/?q=port&count=stories", "")
	if !strings.Contains(page, "Counting stories") || !strings.Contains(page, "count articles") {
		t.Errorf("page counting stories does not say so or offer articles")
	}
	_, page, _ = do(t, "GET", ts.URL+"/?q=port", "")
	if !strings.Contains(page, "Counting articles") || !strings.Contains(page, "count=stories") {
		t.Errorf("page does not offer to count stories")
	}
}

// TestSizeZero: size=0 answers the total and the facets with no hits, on
// searches and quote searches, as Elasticsearch does.
func TestSizeZero(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, path := range []string{"/api/search?q=sanctioning&size=0", "/api/quotes?size=0"} {
		code, body, _ := do(t, "GET", ts.URL+path, "")
		var res struct {
			Total  int
			Hits   []map[string]any
			Facets map[string][]map[string]any
		}
		if code != 200 || json.Unmarshal([]byte(body), &res) != nil {
			t.Fatalf("GET %s = %d %s", path, code, body)
		}
		if res.Total != 1 || res.Hits == nil || len(res.Hits) != 0 || len(res.Facets["published"]) == 0 {
			t.Errorf("GET %s = %s, want a total of 1, \"hits\": [] and the facets", path, body)
		}
	}
	// Pages and exports have sizes of their own.
	if code, body, _ := do(t, "GET", ts.URL+"/export.jsonl?q=sanctioning&size=0", ""); code != 200 || strings.Count(body, "\n") != 1 {
		t.Errorf("GET /export.jsonl?size=0 = %d %q, want the one hit", code, body)
	}
}

// took matches the time a search reports, which differs from run to run.
var took = regexp.MustCompile(`"took_ms":[0-9.e-]+`)

// TestUnknownParametersIgnored: a handler sees only the parameters it
// declares; others (a tracking parameter, a typo) change nothing.
func TestUnknownParametersIgnored(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	_, plain, _ := do(t, "GET", ts.URL+"/api/search?q=sanctioning", "")
	code, tagged, _ := do(t, "GET", ts.URL+"/api/search?q=sanctioning&utm_source=x&sise=zz&q2=a", "")
	if code != 200 || took.ReplaceAllString(tagged, "") != took.ReplaceAllString(plain, "") {
		t.Errorf("search with unknown parameters = %d %s, want %s", code, tagged, plain)
	}
}

// TestMethodNotAllowed names the methods a path takes, in the Allow header
// and in the JSON error.
func TestMethodNotAllowed(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, h := do(t, "PUT", ts.URL+"/api/articles/s1", "")
	if code != 405 || h.Get("Allow") != "GET, DELETE" || !strings.Contains(body, "only GET, DELETE") {
		t.Errorf("PUT /api/articles/s1 = %d, Allow %q, %s; want 405 naming GET, DELETE", code, h.Get("Allow"), body)
	}
}

// TestPostContentType: a body sent as JSON is read as JSON, so that JSON
// that is no article is refused rather than taken for a plain-text page;
// without a JSON type the format is recognized, plain text included.
func TestPostContentType(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, tt := range []struct {
		ctype, body string
		want        int
	}{
		{"application/json", "null", 400},
		{"application/json", `"a string"`, 400},
		{"application/json; charset=utf-8", `{"title": "Harbour cranes idle"}`, 200},
		{"application/x-ndjson", `{"title": "Harbour cranes idle"}` + "\n" + `{"title": "Port strike ends"}`, 200},
		{"text/plain", "Harbour cranes idle\n\nThe cranes stood idle all week.", 200},
	} {
		code, body, _ := do(t, "POST", ts.URL+"/api/articles", tt.body, "Content-Type", tt.ctype)
		if code != tt.want {
			t.Errorf("POST %s %.30q = %d %s, want %d", tt.ctype, tt.body, code, body, tt.want)
		}
	}
}

// TestRelatedHits: articles like the best match follow it, marked related
// and not counted, in the same order in the API and on the page.
func TestRelatedHits(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	_, body, _ := do(t, "GET", ts.URL+"/api/search?q=sanctioning", "")
	var res struct {
		Total int
		Hits  []map[string]any
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 2 || res.Hits[0]["id"] != "s1" || res.Hits[1]["id"] != "s2" {
		t.Fatalf("total %d, hits %v; want s1 matching, s2 related (both name banks)", res.Total, res.Hits)
	}
	if _, ok := res.Hits[0]["related"]; ok || res.Hits[1]["related"] != true {
		t.Errorf("related flags %v, %v; want none on the match, true on s2", res.Hits[0]["related"], res.Hits[1]["related"])
	}
	_, page, _ := do(t, "GET", ts.URL+"/?q=sanctioning", "")
	match, notice, related := strings.Index(page, `href="/articles/s1"`), strings.Index(page, "Related articles"), strings.Index(page, `<article class="hit related"`)
	if match < 0 || notice < match || related < notice || !strings.Contains(page[related:], `href="/articles/s2"`) {
		t.Errorf("page: s1 at %d, notice at %d, related s2 at %d; want them in that order", match, notice, related)
	}
	// An export and a feed hold the matches only.
	for _, path := range []string{"/export.jsonl?q=sanctioning", "/feed?q=sanctioning&sort=relevance"} {
		_, out, _ := do(t, "GET", ts.URL+path, "")
		if !strings.Contains(out, "Sanctions bite") || strings.Contains(out, "Rates held") {
			t.Errorf("%s holds the related article or misses the match:\n%s", path, out)
		}
	}
}
