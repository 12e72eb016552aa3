package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
)

// languageArticles are articles in three languages besides the test
// server's English ones, each language left to the index to decide.
func languageArticles() []index.Article {
	return []index.Article{
		{ID: "lang-fr", Title: "Grève des dockers au port de Marseille",
			Body: "Les dockers du port de Marseille se sont mis en grève lundi après l'échec des négociations avec les employeurs, et le syndicat a prévenu que le mouvement durerait jusqu'à l'intervention du gouvernement."},
		{ID: "lang-it1", Title: "Sciopero dei portuali a Genova",
			Body: "I lavoratori del porto di Genova hanno scioperato lunedì dopo il fallimento delle trattative con le imprese, e il sindacato ha detto che lo sciopero continuerà finché il governo non interverrà."},
		{ID: "lang-it2", Title: "La banca centrale lascia i tassi invariati",
			Body: "La banca centrale ha lasciato invariato il tasso di riferimento giovedì, spiegando che l'inflazione è ancora troppo alta per il taglio che molti economisti si aspettavano."},
		{ID: "lang-de", Title: "Streik im Hamburger Hafen",
			Body: "Tausende Hafenarbeiter haben am Montag die Arbeit niedergelegt, nachdem die Gespräche mit den Arbeitgebern gescheitert waren, und die Gewerkschaft sagte, der Streik werde bis zum Eingreifen der Regierung dauern."},
	}
}

type languageResponse struct {
	Total  int
	Hits   []struct{ ID, Language string }
	Facets map[string][]index.FacetCount
}

// TestLanguageFacetAndFilter checks the language facet and filter over
// HTTP: every search response counts languages, language=it returns
// Italian alone, the filter repeats, language: in the query filters the
// same, and the page lists languages by name.
func TestLanguageFacetAndFilter(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	if _, err := ix.AddBatch(context.Background(), languageArticles()); err != nil {
		t.Fatal(err)
	}
	get := func(params url.Values) languageResponse {
		t.Helper()
		code, body, _ := do(t, "GET", ts.URL+"/api/search?"+params.Encode(), "")
		if code != 200 {
			t.Fatalf("GET /api/search?%s = %d %s", params.Encode(), code, body)
		}
		var res languageResponse
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		if _, ok := res.Facets["language"]; !ok {
			t.Errorf("GET /api/search?%s: no language facet in %s", params.Encode(), body)
		}
		return res
	}
	all := get(url.Values{"size": {"0"}})
	counts := map[string]int{}
	for _, c := range all.Facets["language"] {
		counts[c.Value] = c.Count
	}
	if counts["it"] != 2 || counts["fr"] != 1 || counts["de"] != 1 || counts["en"] == 0 {
		t.Errorf("language facet = %v, want it 2, fr 1, de 1 and English", all.Facets["language"])
	}
	get(url.Values{"q": {"sanctions"}}) // a search with words has the facet too

	for _, tt := range []struct {
		params url.Values
		want   []string // languages allowed
		total  int
	}{
		{url.Values{"language": {"it"}}, []string{"it"}, 2},
		{url.Values{"language": {"it", "fr"}}, []string{"it", "fr"}, 3},
		{url.Values{"language": {"Italian"}}, []string{"it"}, 2},
		{url.Values{"q": {"language:it"}}, []string{"it"}, 2},
		{url.Values{"q": {"sciopero lang:it"}}, []string{"it"}, 1},
		{url.Values{"language": {"it"}, "q": {"sciopero"}, "size": {"50"}}, []string{"it"}, 1},
	} {
		res := get(tt.params)
		if res.Total != tt.total {
			t.Errorf("GET /api/search?%s: total %d, want %d", tt.params.Encode(), res.Total, tt.total)
		}
		for _, h := range res.Hits {
			if !strings.Contains(strings.Join(tt.want, " "), h.Language) || h.Language == "" {
				t.Errorf("GET /api/search?%s: hit %s in %q, want %v", tt.params.Encode(), h.ID, h.Language, tt.want)
			}
		}
		if got := res.Facets["language"]; len(got) != len(tt.want) {
			t.Errorf("GET /api/search?%s: language facet %v, want %v only", tt.params.Encode(), got, tt.want)
		}
	}

	code, page, _ := do(t, "GET", ts.URL+"/?language=it", "")
	if code != 200 || !strings.Contains(page, "<h2>Languages</h2>") || !strings.Contains(page, ">Italian (it)</a>") ||
		!strings.Contains(page, "Languages: Italian (it)") || !strings.Contains(page, `lang="it"`) {
		t.Errorf("search page (%d) shows no language facet with Italian (it), no chip, or no lang attribute", code)
	}
	if strings.Contains(page, `href="/articles/lang-fr"`) {
		t.Errorf("search page filtered by language=it shows the French article")
	}
	// A filter given by name is shown, and removed, as its code.
	_, page, _ = do(t, "GET", ts.URL+"/?language=Italian", "")
	if !strings.Contains(page, `<li class="active"><a href="/?">Italian (it)</a>`) {
		t.Errorf("search page with language=Italian: the active Italian (it) does not remove the filter")
	}
	code, page, _ = do(t, "GET", ts.URL+"/articles/lang-fr", "")
	if code != 200 || !strings.Contains(page, "French (fr)") || !strings.Contains(page, `href="/?language=fr"`) {
		t.Errorf("article page (%d) does not name its language with a link to its filter", code)
	}
	code, csv, _ := do(t, "GET", ts.URL+"/export.csv?language=de", "")
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); code != 200 || len(lines) != 2 || !strings.HasSuffix(lines[1], ",de") {
		t.Errorf("export.csv?language=de = %d:\n%s\nwant the German article alone", code, csv)
	}
}
