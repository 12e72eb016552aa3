package bleveengine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// seedCorpus: two articles name oilseeds, four others name the seeds only,
// and twenty are about other things.
func seedCorpus(t *testing.T) *Engine {
	e := memEngine(t)
	seeds := []string{"rapeseed", "sunflower", "soybean", "canola"}
	o1 := article("o1", "Oilseed exports rise", "Oilseed exports rose as rapeseed and sunflower crops recovered. "+filler("w", 20))
	o1.Countries = []string{"France"}
	arts := []engine.Article{o1,
		article("o2", "Oilseed crush", "The oilseed crush slowed; rapeseed, soybean and canola stocks grew. "+filler("w", 20)),
	}
	for i := range 4 {
		a := article(fmt.Sprintf("s%d", i), "Harvest", fmt.Sprintf("%s and %s harvest. %s", seeds[i], seeds[(i+1)%4], filler("w", 20)))
		a.Countries = []string{[]string{"France", "Canada"}[i%2]}
		arts = append(arts, a)
	}
	for i := range 20 {
		arts = append(arts, article(fmt.Sprintf("x%02d", i), "Bank rates", "The central bank held rates. "+filler("w", 20)))
	}
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return e
}

// marked returns the IDs of a result, related ones marked with a "+".
func marked(r *engine.SearchResult) string {
	var out []string
	for _, h := range r.Hits {
		if h.Related {
			out = append(out, "+"+h.ID)
		} else {
			out = append(out, h.ID)
		}
	}
	return strings.Join(out, " ")
}

// TestRelatedArticles: when the matches leave places free, articles like the
// best matches follow them, marked related and not counted; the page (one
// hit a story) and the API show the same ranking.
func TestRelatedArticles(t *testing.T) {
	e := seedCorpus(t)
	res := searchWith(t, e, engine.SearchRequest{Query: "oilseeds"})
	got := marked(res)
	if res.Total != 2 || !(strings.HasPrefix(got, "o1 o2 +") || strings.HasPrefix(got, "o2 o1 +")) || strings.Contains(got, "x") {
		t.Fatalf("oilseeds: %d matches, hits %s; want o1 o2, then related seed articles and no bank ones", res.Total, got)
	}
	if n := strings.Count(got, "+s"); n != 4 {
		t.Errorf("oilseeds: %s: %d related seed articles, want 4", got, n)
	}
	for _, h := range res.Hits {
		if h.Related && !strings.Contains(h.Snippet, "<mark>") {
			t.Errorf("related %s: snippet %q marks no word", h.ID, h.Snippet)
		}
	}
	if c := marked(searchWith(t, e, engine.SearchRequest{Query: "oilseeds", Collapse: true})); c != got {
		t.Errorf("collapsed: %s, want %s", c, got)
	}
	// Page 2 of 3 a page continues the same ranking.
	all := strings.Fields(got)
	if p := marked(searchWith(t, e, engine.SearchRequest{Query: "oilseeds", Page: 2, Size: 3})); p != strings.Join(all[3:6], " ") {
		t.Errorf("page 2 of 3: %s, want %s", p, strings.Join(all[3:6], " "))
	}
	// Filters hold for related articles too: s1 shares o1's sunflower but
	// is Canadian.
	f := marked(searchWith(t, e, engine.SearchRequest{Query: "oilseeds", Filters: map[engine.Facet][]string{engine.FacetCountry: {"France"}}}))
	if f != "o1 +s0" {
		t.Errorf("oilseeds in France: %s, want o1 +s0", f)
	}

	for _, r := range []engine.SearchRequest{
		{Query: `"oilseed exports"`},               // a phrase says exactly what it wants
		{Query: "country:France"},                  // so does a field
		{Query: "oilseeds", Sort: engine.SortDate}, // dates order matches only
		{Query: "oilseeds", Page: 11, Size: 10},    // beyond the first RelatedDepth places
		{Query: "oilseeds", Page: 11, Size: 10, Collapse: true},
	} {
		if got := marked(searchWith(t, e, r)); strings.Contains(got, "+") {
			t.Errorf("%q sort %q page %d: %s, want no related articles", r.Query, r.Sort, r.Page, got)
		}
	}
}
