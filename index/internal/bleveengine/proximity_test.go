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
)

// TestProximityAsBoolean: an AND of words bounded to its best k matches
// finds the best k of bleve's boolean query with the phrase clause as
// should clause, with the same scores, reading the positions of few of its
// matches; bounded to more than it matches, it finds all, as bleve does.
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
		q := parsedArticleQuery(t, e, text)
		p, ok := q.(*proximityQuery)
		if !ok {
			t.Fatalf("%q translates to %T, want a proximity query", text, q)
		}
		want := rankedHits(t, e, p.boolean(), 1000)
		if len(want) < 15 {
			t.Fatalf("%q: %d matches, too few to bound", text, len(want))
		}
		for _, k := range []int{1, 3, 10, 1000} {
			g := newGate(k)
			got := rankedHits(t, e, g.Query(p.gated(g, 1)), k)
			if w := want[:min(k, len(want))]; strings.Join(got, " ") != strings.Join(w, " ") {
				t.Errorf("%q, best %d:\n got %s\nwant %s", text, k, got, w)
			}
			// Bounded to the page, few matches need their positions read;
			// bounded to more than all, every match that may hold the
			// phrase does.
			limit := len(want)
			if limit >= 100 {
				limit /= 2
			}
			if k <= 10 && (g.checked == 0 || g.checked >= limit) {
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

// TestProximityReadingsBounded: in an index of two languages, the readings
// of an AND of words bounded to the best k find the best k of the readings
// unbounded, with the same scores.
func TestProximityReadingsBounded(t *testing.T) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("gold prices rose markets quiet gold prices fell trade bank")
	var arts []engine.Article
	for i := range 200 {
		var body strings.Builder
		for range 10 + r.IntN(50) {
			body.WriteString(words[r.IntN(len(words))] + " ")
		}
		a := article(fmt.Sprintf("a%03d", i), words[r.IntN(len(words))]+" "+words[r.IntN(len(words))], body.String())
		a.Language = []string{"en", "da"}[i%2]
		arts = append(arts, a)
	}
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	q := parsedArticleQuery(t, e, "gold prices")
	if d, ok := q.(readingsQuery); !ok || len(d.Disjuncts) != 2 {
		t.Fatalf("gold prices translates to %T, want the disjunction of two readings", q)
	}
	want := rankedHits(t, e, q, 1000)
	for _, k := range []int{1, 5, 1000} {
		gq, g := gateSearch(q, k)
		if g == nil {
			t.Fatalf("best %d: the readings are not bounded", k)
		}
		got := rankedHits(t, e, g.Query(gq), k)
		if w := want[:min(k, len(want))]; strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("best %d:\n got %s\nwant %s", k, got, w)
		}
		if k == 1 && g.checked >= len(want)/2 {
			t.Errorf("best %d: positions read in %d of %d matches", k, g.checked, len(want))
		}
	}
}
