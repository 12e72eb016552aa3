package bleveengine

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// lazyFixture returns an engine of random articles in several segments,
// some of them replaced (so that segments hold deleted documents), and the
// words they are written in.
func lazyFixture(t *testing.T) (*Engine, []string) {
	e := memEngine(t)
	r := rand.New(rand.NewPCG(31, 32))
	for batch := range 6 {
		var arts []engine.Article
		for i := range 120 {
			id := fmt.Sprintf("a%d-%03d", batch, i)
			if batch > 0 && i%5 == 0 {
				id = fmt.Sprintf("a%d-%03d", r.IntN(batch), r.IntN(120)) // replaces an article
			}
			arts = append(arts, article(id, randomText(r, 1+r.IntN(4)), randomText(r, 3+r.IntN(60))))
		}
		if _, err := e.Apply(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
	}
	return e, fixtureWords
}

// TestLazyPostings: lazyPostings reads the postings scorch's reader reads
// (document numbers, frequencies, norms), moving on by next and by advance,
// over segments with deleted documents.
func TestLazyPostings(t *testing.T) {
	e, _ := lazyFixture(t)
	snap := openSnapshot(t, e)
	if len(snap.Segments()) < 2 {
		t.Fatalf("%d segments: the crossing of segments is not tested", len(snap.Segments()))
	}
	r := rand.New(rand.NewPCG(33, 34))
	for _, field := range []string{fTitle, fBody} {
		terms := []string{"absent"}
		dict, err := snap.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for {
			de, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if de == nil {
				break
			}
			terms = append(terms, de.Term)
		}
		dict.Close()
		if len(terms) < 5 {
			t.Fatalf("%s: terms %v", field, terms)
		}
		for _, w := range terms {
			term := []byte(w)
			for round := range 4 {
				want, err := snap.TermFieldReader(context.Background(), term, field, true, true, false)
				if err != nil {
					t.Fatal(err)
				}
				got, err := openPostings(snap, term, field)
				if err != nil {
					t.Fatal(err)
				}
				if got.count != want.Count() {
					t.Fatalf("%s:%s: count %d, want %d", field, term, got.count, want.Count())
				}
				var tfd, gtfd bleveindex.TermFieldDoc
				var doc uint64
				for step := 0; ; step++ {
					var d *bleveindex.TermFieldDoc
					var n uint64
					if round == 0 || r.IntN(3) > 0 || step == 0 && r.IntN(2) == 0 {
						d, err = want.Next(tfd.Reset())
						if err == nil {
							n, err = got.next()
						}
					} else {
						target := doc + 1 + uint64(r.IntN(40))
						d, err = want.Advance(bleveindex.NewIndexInternalID(nil, target), tfd.Reset())
						if err == nil {
							n, err = got.advance(target)
						}
					}
					if err != nil {
						t.Fatal(err)
					}
					if d == nil {
						if n != math.MaxUint64 {
							t.Fatalf("%s:%s round %d: posting at %d past scorch's last", field, term, round, n)
						}
						break
					}
					doc, _ = docNumber(d.ID)
					got.fill(gtfd.Reset())
					if n != doc || !reflect.DeepEqual(gtfd, *d) {
						t.Fatalf("%s:%s round %d step %d: at %d %+v, want %d %+v", field, term, round, step, n, gtfd, doc, *d)
					}
				}
				want.Close()
			}
		}
	}
}

// TestLazyReads: searches whose terms lazyPostings reads return what they
// return through scorch's reader (pages, scores, totals, facets), for one
// word (bounded) and two (the words searcher).
func TestLazyReads(t *testing.T) {
	e, words := lazyFixture(t)
	defer func() { lazyReads = true }()
	for i, w := range words {
		for _, text := range []string{w, w + " " + words[(i+3)%len(words)]} {
			for _, req := range []engine.SearchRequest{{Query: text}, {Query: text, Page: 2, Size: 7}} {
				sameEitherWay(t, e, req, &lazyReads)
			}
		}
	}
}
