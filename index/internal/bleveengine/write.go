package bleveengine

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// existing returns what is stored of each of ids that exist.
func (e *Engine) existing(ctx context.Context, ids []string) (map[string]engine.OldDoc, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fNQuotes, fStory}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string]engine.OldDoc, len(res.Hits))
	for _, h := range res.Hits {
		n, _ := h.Fields[fNQuotes].(float64)
		st, _ := h.Fields[fStory].(string)
		out[h.ID] = engine.OldDoc{NQuotes: int(n), Story: st}
	}
	return out, nil
}

// Apply writes articles (replacing those with the same ID) and their quotes
// in one durable batch, and reports how many existed before.
func (e *Engine) Apply(ctx context.Context, docs []engine.Article) (int, error) {
	old, err := engine.ExistingStories(ctx, e.stories, docs, e.existing)
	if err != nil {
		return 0, err
	}
	b := e.idx.NewBatch()
	for i := range docs {
		a := &docs[i]
		d, err := articleDoc(a, e.version)
		if err != nil {
			return 0, fmt.Errorf("article %q: %w", a.ID, err)
		}
		if err := e.index(b, a.ID, d); err != nil {
			return 0, fmt.Errorf("article %q: %w", a.ID, err)
		}
		for j, q := range a.Quotes {
			qd, err := quoteDoc(a, q, e.version)
			if err != nil {
				return 0, fmt.Errorf("article %q quote %d: %w", a.ID, j, err)
			}
			if err := e.index(b, engine.QuoteID(a.ID, j), qd); err != nil {
				return 0, fmt.Errorf("article %q quote %d: %w", a.ID, j, err)
			}
		}
		for j := len(a.Quotes); j < old[a.ID].NQuotes; j++ {
			b.Delete(engine.QuoteID(a.ID, j))
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	err = e.idx.Batch(b)
	e.langs.invalidate() // the batch may hold a language the index had not
	if err != nil {
		return 0, fmt.Errorf("write batch: %w", translate(err))
	}
	// The batch is durable; the story hints follow it. Losing them in a
	// crash only costs later copies their grouping.
	if err := e.stories.Put(engine.StoryRecs(docs)); err != nil {
		return 0, fmt.Errorf("story store: %w", err)
	}
	return len(old), nil
}

// Remove deletes an article and its quotes, or fails with ErrNotFound.
func (e *Engine) Remove(ctx context.Context, id string) error {
	o, err := engine.StoredArticle(ctx, id, e.existing)
	if err != nil {
		return err
	}
	n := o.NQuotes
	b := e.idx.NewBatch()
	b.Delete(id)
	for j := range n {
		b.Delete(engine.QuoteID(id, j))
	}
	err = e.idx.Batch(b)
	e.langs.invalidate()
	if err != nil {
		return fmt.Errorf("delete %q: %w", id, translate(err))
	}
	return e.stories.Remove(id)
}
