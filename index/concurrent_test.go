package index

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestSearchWhileWriting runs faceted searches while batches are written,
// so that segments are added and merged under the facet cache; run with
// -race. Every search must count exactly its total in the category facet
// (each article has one category).
func TestSearchWhileWriting(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	cats := []string{"World", "Business", "Sports"}
	batch := func(b int) []Article {
		var as []Article
		for i := range 20 {
			as = append(as, Article{ID: fmt.Sprintf("b%d-%d", b, i), Title: "Harbour report", Body: fmt.Sprintf("The harbour handled cargo number %d of batch %d.", i, b),
				Category: cats[i%3], People: []string{fmt.Sprintf("Person %d", i%5)}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []Quote{}})
		}
		return as
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		defer close(done)
		for b := range 15 {
			if _, err := ix.AddBatch(ctx, batch(b)); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				for _, req := range []SearchRequest{{Query: "harbour"}, {Query: "cargo batch", CountStories: true}, {}} {
					res, err := ix.Search(ctx, req)
					if err != nil {
						t.Error(err)
						return
					}
					if req.CountStories {
						continue
					}
					n := 0
					for _, c := range res.Facets.Category {
						n += c.Count
					}
					if uint64(n) != res.Total {
						t.Errorf("%+v: categories count %d, total %d", req, n, res.Total)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	res, err := ix.Search(ctx, SearchRequest{Query: "harbour"})
	if err != nil || res.Total != 300 {
		t.Fatalf("after the writes: %d matches, %v; want 300", res.Total, err)
	}
}
