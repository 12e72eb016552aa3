package bleveengine

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
)

func TestCheck(t *testing.T) {
	ctx := context.Background()
	e := openFixture(t)
	r, err := e.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := engine.CheckReport{Documents: 7, Articles: 4, Quotes: 3, QuotesListed: 3, FoundByID: 4, FoundByTitle: 4, Mapping: MappingVersion, Problems: []string{}}
	if fmt.Sprint(r) != fmt.Sprint(want) {
		t.Errorf("Check() = %+v, want %+v", r, want)
	}

	// Damage the index behind the engine's back: a stray quote, a lost
	// quote, and an article whose stored form does not decode.
	a := engine.Article{ID: "ghost", Title: "Gone"}
	qd, err := quoteDoc(&a, engine.Quote{Text: "stray"}, e.version)
	if err != nil {
		t.Fatal(err)
	}
	b := e.idx.NewBatch()
	b.Index("ghost#q0", qd)
	b.Delete(engine.QuoteID("a3", 1))
	bad, err := articleDoc(&engine.Article{ID: "a9", Title: "Broken"}, e.version)
	if err != nil {
		t.Fatal(err)
	}
	bad[fSource] = "{not json"
	b.Index("a9", bad)
	if err := e.idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	r, err = e.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The undecodable article also makes the document count disagree.
	if r.ProblemCount != 4 {
		t.Errorf("Check() of a damaged index = %+v, want 4 problems", r)
	}
	for _, p := range r.Problems {
		t.Log(p)
	}
}

func TestQuoteIndex(t *testing.T) {
	for _, tt := range []struct {
		article, id string
		want        int
	}{
		{"a1", "a1#q0", 0},
		{"a1", "a1#q12", 12},
		{"a1", "a1#q", -1},
		{"a1", "a1#qx", -1},
		{"a1", "a2#q0", -1},
		{"a#q1", "a#q1#q3", 3},
	} {
		if got := quoteIndex(tt.article, tt.id); got != tt.want {
			t.Errorf("quoteIndex(%q, %q) = %d, want %d", tt.article, tt.id, got, tt.want)
		}
	}
}
