package bleveengine

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture returns the articles of package index's test fixture, enriched
// as the Index hands them to the engine.
func fixture() []engine.Article {
	return []engine.Article{
		{ID: "a1", Title: "EU weighs new sanctions on Russia", Body: "Brussels is sanctioning more banks, diplomats said on Monday.",
			Published: day("2024-10-01"), Source: "Harbour Post", Category: "World", CategorySource: "metadata",
			People: []string{"Ursula Vogt"}, Countries: []string{"Russia", "Belgium"}, Organizations: []string{"European Union"},
			Analysts: []string{"Marie Dumoulin"},
			Quotes: []engine.Quote{{Text: "Sanctions take years to bite", Speaker: "Marie Dumoulin", Role: "analyst",
				Affiliation: "European Council on Foreign Relations", Cue: "said", Direct: true}}},
		{ID: "a2", Title: "Central bank holds interest rates", Body: "The bank kept its benchmark rate at 4 percent, citing sticky inflation.",
			Published: day("2024-10-01").Add(time.Hour), Source: "Ledger Daily", Category: "Business", CategorySource: "metadata",
			People: []string{}, Countries: []string{"United States"}, Organizations: []string{"Federal Reserve"}, Analysts: []string{}, Quotes: []engine.Quote{}},
		{ID: "a3", Title: "North Korean troops arrive in Russia", Body: "Vladimir Putin welcomed the deployment. Analysts said the sanctions regime is failing.",
			Published: day("2024-10-20"), Source: "Harbour Post", Category: "World", CategorySource: "metadata",
			People: []string{"Vladimir Putin"}, Countries: []string{"North Korea", "Russia"}, Organizations: []string{},
			Analysts: []string{"Andrew Yeo"},
			Quotes: []engine.Quote{{Text: "Moscow is ready to pursue bloc politics", Speaker: "Andrew Yeo", Role: "analyst",
				Affiliation: "Brookings Institution", Cue: "added", Direct: true, Mention: "he"},
				{Text: "what and how we do it is our business", Speaker: "Vladimir Putin", Role: "official", Cue: "said", Direct: true}}},
		{ID: "a4", Title: "Cup final goes to extra time", Body: "A late goal sent the final into extra time before penalties decided it.",
			Published: day("2024-11-03"), Source: "Pitchside", Category: "Sports", CategorySource: "metadata",
			People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []engine.Quote{}},
	}
}

// memEngine returns an empty engine held in memory, closed when the test ends.
func memEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func openFixture(t testing.TB) *Engine {
	t.Helper()
	e := memEngine(t)
	if _, err := e.Apply(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	return e
}

// searchWith runs r with the defaults index.SearchRequest.Validate fills in.
// sameEitherWay checks that req returns the same result with the switch
// off and on, and leaves it on.
func sameEitherWay(t testing.TB, e *Engine, req engine.SearchRequest, on *bool) {
	t.Helper()
	*on = false
	want := searchWith(t, e, req)
	*on = true
	got := searchWith(t, e, req)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%+v:\n got %+v\nwant %+v", req, got, want)
	}
}

func searchWith(t testing.TB, e *Engine, r engine.SearchRequest) *engine.SearchResult {
	t.Helper()
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
	q, err := query.Parse(r.Query)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Search(context.Background(), &r, q)
	if err != nil {
		t.Fatalf("Search(%q): %v", r.Query, err)
	}
	return res
}

func ids(r *engine.SearchResult) string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return strings.Join(out, " ")
}

// articleQuery translates n as a search over every language of e does.
// parsedArticleQuery returns the bleve query of the search-box text over
// e's articles, failing t when the text does not parse or translate.
func parsedArticleQuery(t testing.TB, e *Engine, text string) bq.Query {
	t.Helper()
	n, err := query.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	q, err := articleQuery(e, n)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func articleQuery(e *Engine, n query.Node) (bq.Query, error) {
	t, err := e.articleReader(context.Background(), nil, false)
	if err != nil {
		return nil, err
	}
	return t.translate(n)
}
