package bleveengine

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// filler returns n distinct words, none a stop word.
func filler(prefix string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%c%c", prefix, 'a'+i%26, 'a'+i/26%26)
	}
	return strings.Join(ws, " ")
}

func article(id, title, body string) engine.Article {
	return engine.Article{ID: id, Title: title, Body: body, People: []string{}, Countries: []string{},
		Organizations: []string{}, Analysts: []string{}, Quotes: []engine.Quote{}}
}

// TestFieldLengths: BM25 is given each field's average length in terms,
// over the documents holding it, and an entry for every field a query may
// name, held by no document or not.
func TestFieldLengths(t *testing.T) {
	e := memEngine(t)
	ctx := context.Background()
	if st, err := e.bm25Stats(ctx); err != nil || st != nil {
		t.Fatalf("empty index: stats %v, %v; want none", st, err)
	}
	a := article("a", filler("t", 2), filler("b", 10))
	a.Quotes = []engine.Quote{{Text: filler("q", 8), Speaker: "Ann Lee", Role: "analyst"}}
	arts := []engine.Article{a, article("b", filler("t", 4), filler("b", 20)), article("c", filler("t", 6), filler("b", 30))}
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	st, err := e.bm25Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.DocCount != 4 { // three articles and a quote
		t.Fatalf("DocCount %v, want 4", st.DocCount)
	}
	for f, want := range map[string]float64{fTitle: 4, fBody: 20, fQuote: 8, fSpeaker + engine.NameSuffix: 2, fAnalyst + engine.NameSuffix: 1} {
		if got := float64(st.FieldCardinality[f]) / st.DocCount; got != want {
			t.Errorf("average length of %s = %v, want %v", f, got, want)
		}
	}
	// A field no document holds is searched without an error.
	n, err := query.Parse("analyst:nobody")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Search(ctx, &engine.SearchRequest{Query: "analyst:nobody", Sort: engine.SortRelevance, Page: 1, Size: 10, FacetSize: 10, Interval: engine.IntervalDay}, n); err != nil {
		t.Fatalf("search of a field no document holds: %v", err)
	}

	// The statistics follow the index once it has grown.
	var more []engine.Article
	for i := range 3 {
		more = append(more, article(fmt.Sprintf("d%d", i), filler("t", 4), filler("b", 100)))
	}
	if _, err := e.Apply(ctx, more); err != nil {
		t.Fatal(err)
	}
	st, err = e.bm25Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := float64(st.FieldCardinality[fBody])/st.DocCount, (10+20+30+300)/6.0; got != want {
		t.Errorf("after growing: average body %v, want %v", got, want)
	}
}

// TestLongArticleNotBuried: an article that names the subject twice in a
// long body ranks above one that names it once in a short note. TF-IDF, and
// bleve's BM25 with its own estimate of the average length (the vocabulary
// over the documents, here a third of the true average), put the note
// first.
func TestLongArticleNotBuried(t *testing.T) {
	e := memEngine(t)
	ctx := context.Background()
	arts := noteAndReport()
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	res := searchWith(t, e, engine.SearchRequest{Query: "cocoa"})
	if got := ids(res); got != "report note" {
		t.Errorf("cocoa: %s, want report note", got)
	}
}

// TestLegacyIndexRanksWithBM25: an index whose stored mapping names no
// scoring model (made when ranking was TF-IDF) ranks as a new one.
func TestLegacyIndexRanksWithBM25(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	m := newMapping().(*mapping.IndexMappingImpl)
	m.ScoringModel = ""
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	e, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	arts := noteAndReport()
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	if got := ids(searchWith(t, e, engine.SearchRequest{Query: "cocoa"})); got != "report note" {
		t.Errorf("cocoa: %s, want report note", got)
	}
}

// noteAndReport returns a short note naming cocoa once, a long report
// naming it twice, and eight articles on other things, sharing their words.
func noteAndReport() []engine.Article {
	arts := []engine.Article{
		article("note", "Market wrap", "Cocoa rose. "+filler("n", 4)),
		article("report", "Harvest report", filler("r", 150)+" cocoa "+filler("r", 150)+" cocoa"),
	}
	for i := range 8 {
		arts = append(arts, article(fmt.Sprintf("x%d", i), "Other news", filler("x", 50)))
	}
	return arts
}

// TestFieldLengthsOfEveryLanguage: the fields of a language with few
// articles get their average length from those articles, which a sample
// over the whole index would mostly miss, and again once the language
// has more of them.
func TestFieldLengthsOfEveryLanguage(t *testing.T) {
	e := memEngine(t)
	ctx := context.Background()
	var arts []engine.Article
	for i := range 3 * lengthSample {
		arts = append(arts, article(fmt.Sprintf("en%04d", i), "Markets", filler("b", 5)))
	}
	for i, n := range []int{10, 20, 60} {
		a := article(fmt.Sprintf("fr%d", i), "Marchés", filler("b", n))
		a.Language = "fr"
		a.Quotes = []engine.Quote{{Text: filler("q", 2*n), Speaker: "Anne Roy", Role: "analyst"}}
		arts = append(arts, a)
	}
	if _, err := e.Apply(ctx, arts); err != nil {
		t.Fatal(err)
	}
	st, err := e.bm25Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	avg := func(f string) float64 { return float64(st.FieldCardinality[f]) / st.DocCount }
	for f, want := range map[string]float64{"body_fr": 30, "quote_fr": 60, "title_fr": 1, fBody: 5} {
		if got := avg(f); math.Abs(got-want) > 0.01 {
			t.Errorf("average length of %s = %v, want %v", f, got, want)
		}
	}
	// A few more French articles, a fraction of the index, are measured.
	more := []engine.Article{}
	for i := range 3 {
		a := article(fmt.Sprintf("fr%d", 3+i), "Marchés", filler("b", 90))
		a.Language = "fr"
		more = append(more, a)
	}
	if _, err := e.Apply(ctx, more); err != nil {
		t.Fatal(err)
	}
	if st, err = e.bm25Stats(ctx); err != nil {
		t.Fatal(err)
	}
	if got := avg("body_fr"); math.Abs(got-60) > 0.01 {
		t.Errorf("average length of body_fr with three more = %v, want 60", got)
	}
}

// TestInSample: the length sample takes every document of a small index,
// and about lengthSample of a large one in runs of lengthRun neighbours.
func TestInSample(t *testing.T) {
	for _, n := range []uint64{1, 20, 499, 500, 501, 10000, 300000, 2900003} {
		var taken, runs uint64
		prev := false
		for i := range n {
			in := inSample(i, n)
			if in {
				taken++
				if !prev {
					runs++
				}
			}
			prev = in
		}
		switch {
		case n <= lengthSample && taken != n:
			t.Errorf("inSample over %d documents took %d, want all", n, taken)
		case n > lengthSample && (taken < lengthSample*9/10 || taken > lengthSample*11/10):
			t.Errorf("inSample over %d documents took %d, want about %d", n, taken, lengthSample)
		case taken < n && taken > runs*lengthRun:
			t.Errorf("inSample over %d documents took %d in %d runs, want runs of %d", n, taken, runs, lengthRun)
		}
	}
}
