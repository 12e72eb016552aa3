package index

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// languageFixture is a small collection in four languages and one article
// too short to tell, each article's language left to Add to decide.
func languageFixture(t *testing.T) *Index {
	t.Helper()
	ix := memIndex(t)
	arts := []Article{
		{ID: "en1", Title: "Port workers strike over pay",
			Body: "Thousands of port workers walked out on Monday after talks with the employers broke down, and the union said the strike would last until the government intervened."},
		{ID: "en2", Title: "Central bank holds rates",
			Body: "The central bank kept its benchmark rate unchanged on Thursday, saying that inflation was still too high for the cut that many economists had expected."},
		{ID: "fr1", Title: "Grève des dockers au port de Marseille",
			Body: "Les dockers du port de Marseille se sont mis en grève lundi après l'échec des négociations avec les employeurs, et le syndicat a prévenu que le mouvement durerait jusqu'à l'intervention du gouvernement."},
		{ID: "it1", Title: "Sciopero dei portuali a Genova",
			Body: "I lavoratori del porto di Genova hanno scioperato lunedì dopo il fallimento delle trattative con le imprese, e il sindacato ha detto che lo sciopero continuerà finché il governo non interverrà."},
		{ID: "it2", Title: "La banca centrale lascia i tassi invariati",
			Body: "La banca centrale ha lasciato invariato il tasso di riferimento giovedì, spiegando che l'inflazione è ancora troppo alta per il taglio che molti economisti si aspettavano."},
		{ID: "de1", Title: "Streik im Hamburger Hafen",
			Body: "Tausende Hafenarbeiter haben am Montag die Arbeit niedergelegt, nachdem die Gespräche mit den Arbeitgebern gescheitert waren, und die Gewerkschaft sagte, der Streik werde bis zum Eingreifen der Regierung dauern."},
		// Undetermined, as detection says of text too short to tell.
		{ID: "und1", Title: "AAPL 187.3 +1.2", Body: "MSFT 402.1 -0.4 GOOG 141.8 +0.9", Language: "und", LanguageSource: "detected"},
	}
	if _, err := ix.AddBatch(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return ix
}

// hitIDs returns the IDs of the matching hits (not the related ones that
// follow them), sorted.
func hitIDs(res *SearchResult) string {
	var ids []string
	for _, h := range res.Hits {
		if !h.Related {
			ids = append(ids, h.ID)
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, " ")
}

// TestLanguageFacet checks that every search counts articles by language,
// "und" for those too short to tell, and that each hit says its language.
func TestLanguageFacet(t *testing.T) {
	ix := languageFixture(t)
	res, err := ix.Search(context.Background(), SearchRequest{Size: 20})
	if err != nil {
		t.Fatal(err)
	}
	want := []FacetCount{{"en", 2}, {"it", 2}, {"de", 1}, {"fr", 1}, {"und", 1}}
	if !slices.Equal(res.Facets.Language, want) {
		t.Errorf("language facet = %v, want %v", res.Facets.Language, want)
	}
	for _, h := range res.Hits {
		if want := strings.TrimRight(h.ID, "0123456789"); h.Language != want {
			t.Errorf("hit %s: Language = %q, want %q", h.ID, h.Language, want)
		}
	}
	if got := res.Facets.Of(FacetLanguage); !slices.Equal(got, want) {
		t.Errorf("Facets.Of(FacetLanguage) = %v", got)
	}
}

// TestLanguageFilter checks the language filter and the language: field of
// the query syntax: language=it returns Italian alone.
func TestLanguageFilter(t *testing.T) {
	ix := languageFixture(t)
	for _, tt := range []struct {
		name string
		req  SearchRequest
		want string
	}{
		{"filter it", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"it"}}}, "it1 it2"},
		{"filter repeats: OR", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"it", "fr"}}}, "fr1 it1 it2"},
		{"filter und", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"und"}}}, "und1"},
		{"filter by tag", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"de-AT"}}}, "de1"},
		{"filter by name", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"Italian"}}}, "it1 it2"},
		{"filter and word", SearchRequest{Query: "banca", Filters: map[Facet][]string{FacetLanguage: {"it"}}}, "it2"},
		{"filter and other facet", SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"en", "fr"}, FacetCategory: {"none"}}}, ""},
		{"query field", SearchRequest{Query: "language:it"}, "it1 it2"},
		{"query field upper case and alias", SearchRequest{Query: "lang:FR"}, "fr1"},
		{"query field by name", SearchRequest{Query: "language:German"}, "de1"},
		{"query field and word", SearchRequest{Query: "sciopero language:it"}, "it1"},
		{"query field OR", SearchRequest{Query: "language:fr OR language:de"}, "de1 fr1"},
		{"query field negated", SearchRequest{Query: "port -language:en -language:it"}, "fr1"},
		{"query field and filter agree", SearchRequest{Query: "language:it", Filters: map[Facet][]string{FacetLanguage: {"it", "fr"}}}, "it1 it2"},
		{"query field and filter disagree", SearchRequest{Query: "language:de", Filters: map[Facet][]string{FacetLanguage: {"it"}}}, ""},
		{"two languages at once", SearchRequest{Query: "language:de language:it"}, ""},
		// A word no Italian article holds: the search is relaxed over the
		// words, never into every Italian article.
		{"query field not relaxed away", SearchRequest{Query: "zzzunknown language:it"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 20
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); got != tt.want {
				t.Errorf("Search(%+v) = %q, want %q", tt.req, got, tt.want)
			}
			if got := len(strings.Fields(hitIDs(res))); int(res.Total) != got {
				t.Errorf("Search(%+v): total %d, %d hits", tt.req, res.Total, got)
			}
			// Related articles that follow the matches pass the filter too.
			if vs := tt.req.Filters[FacetLanguage]; vs != nil {
				var want []string
				for _, v := range vs {
					want = append(want, LanguageCode(v))
				}
				for _, h := range res.Hits {
					if !slices.Contains(want, h.Language) {
						t.Errorf("Search(%+v): hit %s in %s", tt.req, h.ID, h.Language)
					}
				}
			}
		})
	}
}

// TestLanguageFilterLeavesCallerMap checks that reading the language
// filter's values does not write into the caller's map.
func TestLanguageFilterLeavesCallerMap(t *testing.T) {
	filters := map[Facet][]string{FacetLanguage: {"French"}}
	r := SearchRequest{Filters: filters}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := r.Filters[FacetLanguage]; !slices.Equal(got, []string{"fr"}) {
		t.Errorf("Validate: language filter %q, want [fr]", got)
	}
	if filters[FacetLanguage][0] != "French" {
		t.Errorf("Validate changed the caller's map: %q", filters[FacetLanguage])
	}
}

func TestLanguageCode(t *testing.T) {
	for in, want := range map[string]string{
		"fr": "fr", " FR ": "fr", "pt-BR": "pt", "en_US": "en", "no": "nb", "French": "fr",
		"norwegian bokmål": "nb", "und": "und", "Klingon": "klingon",
	} {
		if got := LanguageCode(in); got != want {
			t.Errorf("LanguageCode(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"fr": "French (fr)", "und": "Undetermined (und)", "xx": "xx"} {
		if got := LanguageName(in); got != want {
			t.Errorf("LanguageName(%q) = %q, want %q", in, got, want)
		}
	}
}
