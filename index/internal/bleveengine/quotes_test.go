package bleveengine

import (
	"context"
	"fmt"
	"testing"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// TestQuotesReadFromArticles checks that quote documents store nothing
// since quotesInArticle, and that a quote search shows the same hits from
// the articles' stored forms as an index of the mapping before shows from
// the quotes' own; and that a quote whose article is gone is left out.
func TestQuotesReadFromArticles(t *testing.T) {
	ctx := context.Background()
	search := func(e *Engine, text string) *engine.QuoteResult {
		t.Helper()
		var n query.Node
		if text != "" {
			var err error
			if n, err = query.Parse(text); err != nil {
				t.Fatal(err)
			}
		}
		res, err := e.SearchQuotes(ctx, &engine.QuoteRequest{Query: text, Page: 1, Size: 10, FacetSize: 10, Sort: engine.SortDate}, n)
		if err != nil {
			t.Fatalf("SearchQuotes(%q): %v", text, err)
		}
		return res
	}
	before := memEngine(t)
	before.version = quotesInArticle - 1
	if _, err := before.Apply(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	now := openFixture(t)
	for _, text := range []string{"", "sanctions", `"bloc politics"`, "person:yeo"} {
		want, got := search(before, text), search(now, text)
		if len(got.Hits) == 0 && text != "" {
			t.Errorf("SearchQuotes(%q) found nothing", text)
		}
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("SearchQuotes(%q) = %+v,\nwant (mapping %d) %+v", text, got, before.version, want)
		}
	}

	for _, tt := range []struct {
		e    *Engine
		want bool
	}{{before, true}, {now, false}} {
		doc, err := tt.e.idx.Document(engine.QuoteID("a3", 0))
		if err != nil || doc == nil {
			t.Fatalf("quote a3#q0 at mapping %d: %v", tt.e.version, err)
		}
		stored := false
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Name() == fSource {
				stored = true
			}
		})
		if stored != tt.want {
			t.Errorf("mapping %d: quote stores %s: %v, want %v", tt.e.version, fSource, stored, tt.want)
		}
	}

	// An article removed behind the engine's back takes its quotes out of
	// the hits, not the search.
	if err := now.idx.Delete("a3"); err != nil {
		t.Fatal(err)
	}
	all := search(now, "")
	for _, h := range all.Hits {
		if h.ArticleID == "a3" {
			t.Errorf("quote of the removed article a3 shown: %+v", h)
		}
	}
}
