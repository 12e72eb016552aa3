package bleveengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// TestProximityAsBoolean: an AND of words ranks its matches as bleve's
// boolean query with the phrase clause as should clause does, with the same
// scores; bounded to its best k, it finds the same best k, with the same
// scores, reading the positions of fewer matches than it has.
func TestProximityAsBoolean(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("oil prices rose the of crude bank central rates interest oil prices fell market stock")
	var arts []engine.Article
	for i := range 300 {
		var title, body strings.Builder
		for range 2 + r.IntN(5) {
			title.WriteString(words[r.IntN(len(words))] + " ")
		}
		for range 10 + r.IntN(80) {
			body.WriteString(words[r.IntN(len(words))] + " ")
		}
		arts = append(arts, engine.Article{ID: fmt.Sprintf("a%03d", i), Title: title.String(), Body: body.String(),
			Published: day("2024-01-01").Add(time.Duration(i) * time.Hour),
			People:    []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []engine.Quote{},
			Category: "Business", CategorySource: "metadata"})
	}
	ctx := context.Background()
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"oil prices", "central bank rates", "oil prices -crude", "prices of crude", "stock market rose"} {
		n, err := query.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		q, err := articleQuery(e, n)
		if err != nil {
			t.Fatal(err)
		}
		p, ok := q.(*proximityQuery)
		if !ok {
			t.Fatalf("%q translates to %T, want a proximity query", text, q)
		}
		all, want := rankedHits(t, e, p, 1000), rankedHits(t, e, p.boolean(), 1000)
		if got := strings.Join(all, " "); got != strings.Join(want, " ") {
			t.Errorf("%q:\n got %s\nwant %s", text, got, strings.Join(want, " "))
		}
		if len(want) < 15 {
			t.Fatalf("%q: %d matches, too few to bound", text, len(want))
		}
		for _, k := range []int{1, 3, 10} {
			g := newGate(k)
			got := rankedHits(t, e, g.Query(p.gated(g)), k)
			if strings.Join(got, " ") != strings.Join(want[:k], " ") {
				t.Errorf("%q, best %d:\n got %s\nwant %s", text, k, got, want[:k])
			}
			if g.checked == 0 || g.checked >= len(want) {
				t.Errorf("%q, best %d: positions read in %d of %d matches", text, k, g.checked, len(want))
			}
		}
	}
}

// rankedHits returns the best size hits of q with their exact scores.
func rankedHits(t *testing.T, e *Engine, q bq.Query, size int) []string {
	t.Helper()
	res, err := e.search(context.Background(), bleve.NewSearchRequestOptions(q, size, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, fmt.Sprintf("%s:%v", h.ID, h.Score))
	}
	return out
}
