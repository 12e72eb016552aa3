package bleveengine

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Article returns the stored article with the given ID, or ErrNotFound.
func (e *Engine) Article(ctx context.Context, id string) (engine.Article, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), kindQuery(engine.KindArticle)), 1, 0, false)
	req.Fields = []string{fSource}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return engine.Article{}, translate(err)
	}
	if len(res.Hits) == 0 {
		return engine.Article{}, fmt.Errorf("article %q: %w", id, engine.ErrNotFound)
	}
	var a engine.Article
	if err := decodeStored(res.Hits[0].Fields, &a); err != nil {
		return engine.Article{}, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

func kindQuery(kind string) bq.Query {
	q := bleve.NewTermQuery(kind)
	q.SetField(fKind)
	return q
}

// Count returns the number of articles.
func (e *Engine) Count(ctx context.Context) (uint64, error) {
	req := bleve.NewSearchRequestOptions(kindQuery(engine.KindArticle), 0, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, translate(err)
	}
	return res.Total, nil
}

// Terms lists every value of a facet with its number of articles.
func (e *Engine) Terms(ctx context.Context, f engine.Facet) ([]engine.FacetCount, error) {
	d, err := e.idx.FieldDict(facetField[f])
	if err != nil {
		return nil, translate(err)
	}
	defer d.Close()
	var out []engine.FacetCount
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, err := d.Next()
		if err != nil {
			return nil, err
		}
		if t == nil {
			return out, nil
		}
		out = append(out, engine.FacetCount{Value: t.Term, Count: int(t.Count)})
	}
}

// Each calls fn with every article, in ID order, until fn returns an error
// (which Each returns).
func (e *Engine) Each(ctx context.Context, fn func(engine.Article) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var ferr error
	err := e.scan(ctx, engine.KindArticle, []string{fSource}, func(id string, fields map[string]any) {
		if ferr != nil {
			return
		}
		var a engine.Article
		if err := decodeStored(fields, &a); err != nil {
			ferr = fmt.Errorf("article %q: %w", id, err)
		} else {
			ferr = fn(a)
		}
		if ferr != nil {
			cancel() // the next page's search stops the scan
		}
	})
	if ferr != nil {
		return ferr
	}
	return err
}
