package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/extract/gazetteer"
	"github.com/newsindex/newsindex/internal/golden"
	"github.com/newsindex/newsindex/internal/ingest"
)

// demoServer serves the demo corpus as `serve --demo` does.
func demoServer(t *testing.T) string {
	t.Helper()
	ts, ix := newTestServer(t, Options{})
	var as []index.Article
	err := ingest.Read(bytes.NewReader(demo.JSONL()), "demo.jsonl", func(r ingest.Record) error {
		if r.Err == nil {
			as = append(as, r.Article)
		}
		return nil
	})
	if err != nil || len(as) < 100 {
		t.Fatalf("demo articles: %d, %v", len(as), err)
	}
	if _, err := ix.AddBatch(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	return ts.URL
}

type facetsResponse struct {
	Total  int
	Facets map[string][]index.FacetCount
}

func searchJSON(t *testing.T, u string) facetsResponse {
	t.Helper()
	code, body, _ := do(t, "GET", u, "")
	if code != 200 {
		t.Fatalf("GET %s: %d %s", u, code, body)
	}
	var res facetsResponse
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestDemoFacetsHoldNoPlaceOrFragment lists every value of the demo's
// people, organization and place facets, and its languages with their
// counts (testdata/demo_facets.golden), and checks
// that none is a place of the gazetteer and none a fragment of a name: a
// lone word of a longer name of another kind ("Baek" of the person "Baek
// Hyun-woo", "El" of the place "El Obeid") or the last word of one of the
// same kind ("AI" of "Lumen AI"), a name run on over "of" into a person's or a body's ("Frente
// Andino of Rosa Quispe Valdivia"), or a lone given name ("Hyun-woo").
func TestDemoFacetsHoldNoPlaceOrFragment(t *testing.T) {
	base := demoServer(t)
	res := searchJSON(t, base+"/api/search?facet_size=1000")
	var listing bytes.Buffer
	values := map[string][]string{}
	for _, f := range []string{"person", "organization", "place"} {
		listing.WriteString("[" + f + "]\n")
		for _, c := range res.Facets[f] {
			values[f] = append(values[f], c.Value)
			listing.WriteString(c.Value + "\n")
		}
	}
	// The languages of the demo, with their counts: what a new user sees
	// first in the language facet.
	listing.WriteString("[language]\n")
	for _, c := range res.Facets["language"] {
		fmt.Fprintf(&listing, "%s %d\n", c.Value, c.Count)
	}
	golden.Check(t, "testdata/demo_facets.golden", listing.Bytes())
	if len(values["person"]) < 100 || len(values["organization"]) < 50 || len(values["place"]) < 10 {
		t.Fatalf("facets: %d people, %d organizations, %d places: the corpus did not go in", len(values["person"]), len(values["organization"]), len(values["place"]))
	}
	// where each word of a longer name stands: facet and whether it ends it
	type use struct {
		facet string
		last  bool
	}
	words := map[string][]use{}
	for _, f := range []string{"person", "organization", "place"} {
		for _, v := range values[f] {
			name, _, _ := strings.Cut(v, ",") // a place without its country
			if fs := strings.Fields(name); len(fs) > 1 {
				for i, w := range fs {
					words[w] = append(words[w], use{f, i == len(fs)-1})
				}
			}
		}
	}
	fragment := func(f, v string) bool {
		for _, u := range words[v] {
			if u.facet != f || u.last {
				return true
			}
		}
		return false
	}
	people := map[string]bool{}
	for _, v := range values["person"] {
		people[v] = true
	}
	for _, f := range []string{"person", "organization"} {
		for _, v := range values[f] {
			for _, p := range gazetteer.Lookup(v) {
				if p.Name == v && (p.Region || p.Population >= 5000) {
					t.Errorf("%s %q is a place: %v", f, v, p)
					break
				}
			}
			if !strings.Contains(v, " ") && fragment(f, v) {
				t.Errorf("%s %q is a word of a longer name of another kind, or the last word of one", f, v)
			}
			if before, after, ok := strings.Cut(v, " of "); ok {
				if people[after] || strings.Contains(before, "-") && !strings.Contains(before, " ") {
					t.Errorf("%s %q runs on over “of” into another name", f, v)
				}
			}
			if a, b, ok := strings.Cut(v, "-"); ok && !strings.Contains(v, " ") && b == strings.ToLower(b) && len(a) <= 5 {
				t.Errorf("%s %q is a lone given name", f, v)
			}
		}
	}
}

// TestPlaceFacet checks the place facet and filter over HTTP: the facet
// counts places with their countries, the filter is repeatable (any of the
// values), and the search page shows the facet.
func TestPlaceFacet(t *testing.T) {
	base := demoServer(t)
	all := searchJSON(t, base+"/api/search?facet_size=1000")
	places := all.Facets["place"]
	if len(places) < 2 {
		t.Fatalf("place facet = %v", places)
	}
	for _, p := range places {
		if !strings.Contains(p.Value, ", ") {
			t.Errorf("place %q is not named with its country", p.Value)
		}
	}
	a, b := places[0], places[1]
	one := searchJSON(t, base+"/api/search?"+url.Values{"place": {a.Value}}.Encode())
	if one.Total != a.Count {
		t.Errorf("place=%s: %d articles, facet says %d", a.Value, one.Total, a.Count)
	}
	both := searchJSON(t, base+"/api/search?"+url.Values{"place": {a.Value, b.Value}}.Encode())
	if both.Total < max(a.Count, b.Count) || both.Total > a.Count+b.Count {
		t.Errorf("place=%s&place=%s: %d articles, want between %d and %d", a.Value, b.Value, both.Total, max(a.Count, b.Count), a.Count+b.Count)
	}
	q := searchJSON(t, base+"/api/search?"+url.Values{"q": {`place:"` + strings.Split(a.Value, ",")[0] + `"`}}.Encode())
	if q.Total < a.Count {
		t.Errorf("place: query found %d articles, want at least %d", q.Total, a.Count)
	}
	code, page, _ := do(t, "GET", base+"/", "")
	if code != 200 || !strings.Contains(page, "Places") || !strings.Contains(page, a.Value) {
		t.Errorf("search page (%d) shows no place facet with %q", code, a.Value)
	}
}
