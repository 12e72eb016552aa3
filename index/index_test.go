package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture returns articles whose enrichment is given, so the tests do not
// depend on the extractors' choices.
func fixture() []Article {
	return []Article{
		{ID: "a1", Title: "EU weighs new sanctions on Russia", Body: "Brussels is sanctioning more banks, diplomats said on Monday.",
			Published: day("2024-10-01"), Source: "Harbour Post", Category: "World",
			People: []string{"Ursula Vogt"}, Countries: []string{"Russia", "Belgium"}, Places: []string{"Brussels, Belgium"}, Organizations: []string{"European Union"},
			Analysts: []string{"Marie Dumoulin"},
			Quotes: []Quote{{Text: "Sanctions take years to bite", Speaker: "Marie Dumoulin", Role: RoleAnalyst,
				Affiliation: "European Council on Foreign Relations", Cue: "said", Direct: true}}},
		{ID: "a2", Title: "Central bank holds interest rates", Body: "The bank kept its benchmark rate at 4 percent, citing sticky inflation.",
			Published: day("2024-10-01").Add(time.Hour), Source: "Ledger Daily", Category: "Business",
			People: []string{}, Countries: []string{"United States"}, Places: []string{}, Organizations: []string{"Federal Reserve"}, Analysts: []string{}, Quotes: []Quote{}},
		{ID: "a3", Title: "North Korean troops arrive in Russia", Body: "Vladimir Putin welcomed the deployment. Analysts said the sanctions regime is failing.",
			Published: day("2024-10-20"), Source: "Harbour Post", Category: "World",
			People: []string{"Vladimir Putin"}, Countries: []string{"North Korea", "Russia"}, Places: []string{"Moscow, Russia"}, Organizations: []string{},
			Analysts: []string{"Andrew Yeo"},
			Quotes: []Quote{{Text: "Moscow is ready to pursue bloc politics", Speaker: "Andrew Yeo", Role: RoleAnalyst,
				Affiliation: "Brookings Institution", Cue: "added", Direct: true, Mention: "he"},
				{Text: "what and how we do it is our business", Speaker: "Vladimir Putin", Role: RoleOfficial, Cue: "said", Direct: true}}},
		{ID: "a4", Title: "Cup final goes to extra time", Body: "A late goal sent the final into extra time before penalties decided it.",
			Published: day("2024-11-03"), Source: "Pitchside", Category: "Sports",
			People: []string{}, Countries: []string{}, Places: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []Quote{}},
	}
}

// memIndex returns an empty in-memory index, closed when the test ends.
func memIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func openFixture(t testing.TB) *Index {
	t.Helper()
	ix := memIndex(t)
	if _, err := ix.AddBatch(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// ids returns the IDs of the hits that match, leaving out the related
// articles that may follow them (TestRelatedHits).
func ids(r *SearchResult) string {
	var out []string
	for _, h := range r.Hits {
		if !h.Related {
			out = append(out, h.ID)
		}
	}
	return strings.Join(out, " ")
}

// TestRelatedHits: the articles like the best matches that follow them are
// marked related, are not counted, and never precede a match.
func TestRelatedHits(t *testing.T) {
	ix := openFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Query: "sanctions brussels"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s:%v", h.ID, h.Related))
	}
	// a3 names sanctions but not Brussels; a1 names both.
	if res.Total != 1 || len(got) < 2 || got[0] != "a1:false" || !slices.Contains(got, "a3:true") {
		t.Errorf("sanctions brussels: total %d, hits %v; want a1 matching, a3 among the related", res.Total, got)
	}
	res, err = ix.Search(context.Background(), SearchRequest{Query: "sanctions brussels", Sort: SortDate})
	if err != nil || ids(res) != "a1" || len(res.Hits) != 1 {
		t.Errorf("by date: %v, %v; want a1 alone", res.Hits, err)
	}
}

func TestSearch(t *testing.T) {
	ix := openFixture(t)
	tests := []struct {
		name string
		req  SearchRequest
		want string // hit IDs in order
	}{
		{"stemmed", SearchRequest{Query: "sanctioning", Sort: SortDate}, "a3 a1"},
		{"and", SearchRequest{Query: "sanctions brussels"}, "a1"},
		{"phrase", SearchRequest{Query: `"interest rates"`}, "a2"},
		{"phrase order matters", SearchRequest{Query: `"rates interest"`}, ""},
		{"not", SearchRequest{Query: "sanctions -putin"}, "a1"},
		{"NOT", SearchRequest{Query: "sanctions NOT putin"}, "a1"},
		{"or", SearchRequest{Query: "penalties OR inflation", Sort: SortDate}, "a4 a2"},
		{"parens", SearchRequest{Query: "(penalties OR inflation) bank"}, "a2"},
		{"prefix", SearchRequest{Query: "penalt*"}, "a4"},
		{"title field", SearchRequest{Query: "title:sanctions"}, "a1"},
		{"person alias", SearchRequest{Query: "person:putin"}, "a3"},
		{"analyst field", SearchRequest{Query: `analyst:"marie dumoulin"`}, "a1"},
		{"country field", SearchRequest{Query: "country:korea"}, "a3"},
		{"place field", SearchRequest{Query: "place:brussels"}, "a1"},
		{"place filter", SearchRequest{Filters: map[Facet][]string{FacetPlace: {"Moscow, Russia"}}}, "a3"},
		{"place filters OR within", SearchRequest{Filters: map[Facet][]string{FacetPlace: {"Moscow, Russia", "Brussels, Belgium"}}, Sort: SortDate}, "a3 a1"},
		{"org initials", SearchRequest{Query: "organization:EU"}, "a1"},
		{"source field", SearchRequest{Query: "source:pitchside"}, "a4"},
		{"stop word alone matches all", SearchRequest{Query: "the", Sort: SortDate}, "a4 a3 a2 a1"},
		{"empty matches all, newest first", SearchRequest{Sort: SortDate}, "a4 a3 a2 a1"},
		{"oldest first", SearchRequest{Sort: SortDateAsc}, "a1 a2 a3 a4"},
		{"filter", SearchRequest{Filters: map[Facet][]string{FacetCategory: {"World"}}, Sort: SortDate}, "a3 a1"},
		{"filters OR within", SearchRequest{Filters: map[Facet][]string{FacetCategory: {"Sports", "Business"}}, Sort: SortDate}, "a4 a2"},
		{"filters AND across", SearchRequest{Filters: map[Facet][]string{FacetCountry: {"Russia"}, FacetAnalyst: {"Andrew Yeo"}}}, "a3"},
		{"date range", SearchRequest{Since: day("2024-10-02"), Until: day("2024-10-31")}, "a3"},
		{"page 2", SearchRequest{Sort: SortDate, Size: 3, Page: 2}, "a1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(res); got != tt.want {
				t.Errorf("Search(%+v) = %q, want %q", tt.req, got, tt.want)
			}
		})
	}
}

func TestSearchFacetsAreExact(t *testing.T) {
	ix := memIndex(t)
	// 60 articles: more than a page, with counts known in advance.
	var as []Article
	want := map[string]int{}
	for i := range 60 {
		cat := []string{"World", "Business", "Sports"}[i%3]
		if i%7 == 0 {
			cat = "Technology"
		}
		want[cat]++
		as = append(as, Article{ID: fmt.Sprint(i), Title: fmt.Sprintf("Report %d on markets", i), Body: "Markets moved.",
			Category: cat, Source: fmt.Sprintf("S%d", i%4), Published: day("2024-01-01").AddDate(0, 0, i%5),
			People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []Quote{}})
	}
	if _, err := ix.AddBatch(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), SearchRequest{Query: "markets", Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 60 || len(res.Hits) != 5 {
		t.Fatalf("total %d, hits %d; want 60, 5", res.Total, len(res.Hits))
	}
	got := map[string]int{}
	for _, c := range res.Facets.Category {
		got[c.Value] = c.Count
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("category facet = %v, want %v", got, want)
	}
	for i := 1; i < len(res.Facets.Category); i++ {
		if res.Facets.Category[i-1].Count < res.Facets.Category[i].Count {
			t.Errorf("facet not sorted by count: %v", res.Facets.Category)
		}
	}
	if n := len(res.Facets.Source); n != 4 {
		t.Errorf("source facet has %d values, want 4", n)
	}
	var days []string
	total := 0
	for _, d := range res.Facets.Published {
		days = append(days, d.Date)
		total += d.Count
	}
	if strings.Join(days, " ") != "2024-01-01 2024-01-02 2024-01-03 2024-01-04 2024-01-05" || total != 60 {
		t.Errorf("histogram = %v (total %d), want 5 days totalling 60", res.Facets.Published, total)
	}
	res, err = ix.Search(context.Background(), SearchRequest{Interval: IntervalMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facets.Published) != 1 || res.Facets.Published[0] != (DateCount{"2024-01-01", 60}) {
		t.Errorf("monthly histogram = %v, want [{2024-01-01 60}]", res.Facets.Published)
	}
}

func TestSnippetHighlights(t *testing.T) {
	ix := openFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Query: "sanctioning banks"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "a1" {
		t.Fatalf("hits = %v, want a1 first", ids(res))
	}
	want := "Brussels is <mark>sanctioning</mark> more <mark>banks</mark>, diplomats said on Monday."
	if got := res.Hits[0].Snippet; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
}

func TestRelaxedWhenANDFindsLittle(t *testing.T) {
	ix := openFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Query: "penalties inflation"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Relaxed || res.Total != 2 {
		t.Errorf("Search(penalties inflation) = %d hits, relaxed %v; want 2 hits, relaxed", res.Total, res.Relaxed)
	}
	// Words that match nothing at all are not relaxed into noise.
	res, err = ix.Search(context.Background(), SearchRequest{Query: "zeppelin"})
	if err != nil || res.Total != 0 || res.Relaxed {
		t.Errorf("Search(zeppelin) = %+v, %v; want nothing", res, err)
	}
	// A query with operators is kept as written.
	res, err = ix.Search(context.Background(), SearchRequest{Query: "penalties -goal inflation"})
	if err != nil || res.Total != 0 || res.Relaxed {
		t.Errorf("Search(with NOT) = %+v, %v; want nothing", res, err)
	}
}

func TestPhraseRanksFirst(t *testing.T) {
	ix := memIndex(t)
	empty := []string{}
	mk := func(id, body string) Article {
		return Article{ID: id, Title: "Report", Body: body, People: empty, Countries: empty, Organizations: empty, Analysts: empty, Quotes: []Quote{}}
	}
	ix.AddBatch(context.Background(), []Article{
		mk("apart", "Oil prices rose while crude inventories fell and the oil minister spoke of crude realities."),
		mk("together", "Crude oil prices rose on Monday."),
	})
	res, err := ix.Search(context.Background(), SearchRequest{Query: "crude oil"})
	if err != nil || len(res.Hits) != 2 || res.Hits[0].ID != "together" {
		t.Errorf("Search(crude oil) = %v, %v; want the phrase first", ids(res), err)
	}
}

func TestSnippetEscapes(t *testing.T) {
	ix := memIndex(t)
	a := Article{ID: "x", Title: "<script>alert(1)</script>", Body: `<img src=x onerror=alert(1)> payload here`,
		People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []Quote{}}
	if err := ix.Add(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), SearchRequest{Query: "payload"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search = %v, %v", res, err)
	}
	if s := res.Hits[0].Snippet; strings.Contains(s, "<img") || !strings.Contains(s, "&lt;img") {
		t.Errorf("snippet not escaped: %q", s)
	}
}

func TestReplaceAndDelete(t *testing.T) {
	ix := openFixture(t)
	ctx := context.Background()
	a := fixture()[0]
	a.Title = "EU adopts sanctions package"
	a.Quotes = nil // recomputed; the old quote document must go
	st, err := ix.AddBatch(ctx, []Article{a})
	if err != nil {
		t.Fatal(err)
	}
	if st != (BatchStats{Added: 0, Replaced: 1}) {
		t.Errorf("AddBatch(existing) = %+v, want 1 replaced", st)
	}
	if n, _ := ix.Count(ctx); n != 4 {
		t.Errorf("Count = %d after replace, want 4", n)
	}
	got, err := ix.Article(ctx, "a1")
	if err != nil || got.Title != a.Title {
		t.Errorf("Article(a1) = %q, %v; want the new title", got.Title, err)
	}
	if err := ix.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Article(ctx, "a1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(deleted) error = %v, want ErrNotFound", err)
	}
	if err := ix.Delete(ctx, "a1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(deleted) error = %v, want ErrNotFound", err)
	}
	qs, err := ix.Quotes(ctx, QuoteRequest{Speakers: []string{"Marie Dumoulin"}})
	if err != nil || qs.Total != 0 {
		t.Errorf("quotes of a deleted article: %+v, %v; want none", qs, err)
	}
}

func TestStableIDs(t *testing.T) {
	a := Article{URL: "https://example.com/a", Title: "T"}
	b := Article{URL: "https://example.com/a", Title: "Changed"}
	c := Article{Title: "T", Body: "B"}
	for _, x := range []*Article{&a, &b, &c} {
		if err := Normalize(x); err != nil {
			t.Fatal(err)
		}
	}
	if a.ID != b.ID {
		t.Errorf("same URL, different IDs: %q %q", a.ID, b.ID)
	}
	if a.ID == c.ID || c.ID == "" {
		t.Errorf("IDs %q %q: want distinct, non-empty", a.ID, c.ID)
	}
	bad := []Article{{}, {Title: "\xff"}}
	for _, x := range bad {
		if err := Normalize(&x); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("Normalize(%+v) = %v, want ErrInvalidRequest", x, err)
		}
	}
}

func TestInvalidRequests(t *testing.T) {
	ix := openFixture(t)
	bad := []SearchRequest{
		{Query: `"unterminated`},
		{Query: "(a OR b"},
		{Query: "-only"},
		{Query: "a*"},
		{Query: strings.Repeat("x", MaxQueryBytes+1)},
		{Size: -1}, {Size: MaxSize + 1}, {Page: -2}, {FacetSize: 5000},
		{Sort: "popularity"}, {Interval: "hour"},
		{Since: day("2024-02-01"), Until: day("2024-01-01")},
		{Filters: map[Facet][]string{"colour": {"red"}}},
		{Filters: map[Facet][]string{FacetPerson: {""}}},
	}
	for _, req := range bad {
		if _, err := ix.Search(context.Background(), req); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("Search(%+v) error = %v, want ErrInvalidRequest", req, err)
		}
	}
}

func TestQuotes(t *testing.T) {
	ix := openFixture(t)
	ctx := context.Background()
	res, err := ix.Quotes(ctx, QuoteRequest{Query: "bloc politics"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].Speaker != "Andrew Yeo" || res.Hits[0].ArticleID != "a3" || res.Hits[0].Mention != "he" ||
		!strings.Contains(res.Hits[0].Text, "<mark>bloc</mark>") {
		t.Errorf("Quotes(bloc politics) = %+v", res)
	}
	res, err = ix.Quotes(ctx, QuoteRequest{Roles: []string{RoleAnalyst}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Facets.Speaker) != 2 {
		t.Errorf("Quotes(role=analyst) total %d, speakers %v; want 2, 2", res.Total, res.Facets.Speaker)
	}
	if _, err := ix.Quotes(ctx, QuoteRequest{Roles: []string{"pundit"}}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("Quotes(role=pundit) error = %v, want ErrInvalidRequest", err)
	}
}

// TestQuotesDescribedSpeaker checks that a speaker the article only
// describes ("the Ohio governor") is shown with its quotation but counts in
// no speaker facet and matches no speaker filter.
func TestQuotesDescribedSpeaker(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	a := Article{ID: "d1", Title: "Budget vote", Body: "The vote is on Monday.", Published: day("2024-10-02"), Category: "Politics",
		People: []string{"Ana Ruiz"}, Countries: []string{}, Places: []string{}, Organizations: []string{}, Analysts: []string{},
		Quotes: []Quote{
			{Text: "We will not raise taxes this year", Speaker: "the Ohio governor", Role: RoleOfficial, Cue: "said", Direct: true,
				Mention: "the Ohio governor", Described: true},
			{Text: "The budget is balanced at last", Speaker: "Ana Ruiz", Role: RoleOfficial, Cue: "said", Direct: true},
		}}
	if err := ix.Add(ctx, a); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Quotes(ctx, QuoteRequest{Query: "taxes"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].Speaker != "the Ohio governor" || !res.Hits[0].Described {
		t.Errorf("Quotes(taxes) = %+v, want the described speaker, marked", res)
	}
	res, err = ix.Quotes(ctx, QuoteRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Facets.Speaker) != "[{Ana Ruiz 1}]" {
		t.Errorf("Quotes() speaker facet = %v, want [{Ana Ruiz 1}]", res.Facets.Speaker)
	}
	res, err = ix.Quotes(ctx, QuoteRequest{Speakers: []string{"the Ohio governor"}})
	if err != nil || res.Total != 0 {
		t.Errorf("Quotes(speaker=the Ohio governor) = %+v, %v; want no hit", res, err)
	}
}

// TestQuotesGroupSpeaker checks that a group extracted as a speaker
// ("Senate Republicans said …") is kept as written and marked described,
// so that it counts in no speaker facet and makes no analyst.
func TestQuotesGroupSpeaker(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	a := Article{ID: "g1", Title: "Harbour bill", Published: day("2024-10-02"),
		Body: "Senate Republicans said on Tuesday that the harbour bill would cost twice what its sponsors claimed.\n\n" +
			"Sen. Ana Ruiz said the bill was fair to the fishing towns."}
	if err := ix.Add(ctx, a); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Quotes(ctx, QuoteRequest{Query: "harbour"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].Speaker != "Senate Republicans" || !res.Hits[0].Described || res.Hits[0].Role != RoleOther {
		t.Errorf("Quotes(harbour) = %+v, want Senate Republicans, described, other", res.Hits)
	}
	res, err = ix.Quotes(ctx, QuoteRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Facets.Speaker) != "[{Ana Ruiz 1}]" {
		t.Errorf("Quotes() speaker facet = %v, want [{Ana Ruiz 1}]", res.Facets.Speaker)
	}
}

func TestOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ctx := context.Background()
	if _, err := Open(dir, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Open(missing) error = %v, want ErrNotFound", err)
	}
	ix, err := Create(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddBatch(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("second Open error = %v, want ErrLocked", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, SearchRequest{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close error = %v, want ErrClosed", err)
	}
	if _, err := Create(dir, nil); !errors.Is(err, ErrExists) {
		t.Errorf("Create(existing) error = %v, want ErrExists", err)
	}
	ix, err = Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(ctx); n != 4 || err != nil {
		t.Errorf("Count after reopen = %d, %v; want 4", n, err)
	}
}

func TestMentions(t *testing.T) {
	ix := memIndex(t)
	a := Article{Title: "Talks in Paris", Body: "President Vladimir Putin met NATO officials. Later Putin left for Russia."}
	ms := ix.Mentions(a)
	var got []string
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%s=%s(%s)", a.Body[m.Start:m.End], m.Name, m.Facet))
	}
	want := "[Vladimir Putin=Vladimir Putin(person) NATO=NATO(organization) Putin=Vladimir Putin(person) Russia=Russia(country)]"
	if fmt.Sprint(got) != want {
		t.Errorf("Mentions = %v, want %s", got, want)
	}
}

func TestNoFacets(t *testing.T) {
	ix := openFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Query: "sanctions", NoFacets: true})
	if err != nil || res.Total != 2 || ids(res) != "a1 a3" || len(res.Facets.Category) != 0 || len(res.Facets.Published) != 0 {
		t.Errorf("Search(NoFacets) = %+v, %v; want 2 hits and no facets", res, err)
	}
}

func TestStopWordsAndExclusionsFindOnlyArticles(t *testing.T) {
	ix := openFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Query: "the -putin", Sort: SortDate})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); got != "a4 a2 a1" {
		t.Errorf("Search(the -putin) = %q, want the articles without Putin, and no quote documents", got)
	}
}

// TestCreateInEmptyFolder: Create uses an empty folder (a volume mounted
// for the index) and refuses one that holds anything.
func TestCreateInEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	ix, err := Create(dir, nil)
	if err != nil {
		t.Fatalf("Create(empty folder) = %v", err)
	}
	ix.Close()
	if ix, err = Open(dir, nil); err != nil {
		t.Fatalf("Open after Create in an empty folder = %v", err)
	}
	ix.Close()
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("x"), 0o644)
	if _, err := Create(full, nil); !errors.Is(err, ErrExists) {
		t.Errorf("Create(folder with a file) = %v, want ErrExists", err)
	}
}

// TestAddFindsPlaces checks that Add's enrichment names the places of an
// article with their countries, and that the place facet counts them.
func TestAddFindsPlaces(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	a := Article{ID: "p1", Title: "Protests in Arequipa", Body: "Thousands marched through the centre of Arequipa on Monday against the new mining law."}
	if _, err := ix.AddBatch(ctx, []Article{a}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Article(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got.Places, "Arequipa, Peru") {
		t.Errorf("Places = %q, want Arequipa, Peru", got.Places)
	}
	res, err := ix.Search(ctx, SearchRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facets.Place) != 1 || res.Facets.Place[0] != (FacetCount{"Arequipa, Peru", 1}) {
		t.Errorf("place facet = %v, want Arequipa, Peru once", res.Facets.Place)
	}
}
