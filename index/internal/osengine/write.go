package osengine

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// existing returns what is stored of each of ids that exist.
func (e *Engine) existing(ctx context.Context, ids []string) (map[string]engine.OldDoc, error) {
	out := map[string]engine.OldDoc{}
	if len(ids) == 0 {
		return out, nil
	}
	var res struct {
		Docs []struct {
			ID     string `json:"_id"`
			Found  bool   `json:"found"`
			Source struct {
				Kind    string `json:"kind"`
				NQuotes int    `json:"nquotes"`
				Story   string `json:"story"`
			} `json:"_source"`
		} `json:"docs"`
	}
	err := e.doJSON(ctx, http.MethodPost, e.path("/_mget?_source_includes=kind,nquotes,story"), obj{"ids": ids}, &res)
	if err != nil {
		return nil, err
	}
	for _, d := range res.Docs {
		if d.Found && d.Source.Kind == engine.KindArticle {
			out[d.ID] = engine.OldDoc{NQuotes: d.Source.NQuotes, Story: d.Source.Story}
		}
	}
	return out, nil
}

// Apply writes articles (replacing those with the same ID) and their
// quotes, and reports how many existed before. Documents OpenSearch refuses
// are returned as a *BulkError; the others are stored.
func (e *Engine) Apply(ctx context.Context, docs []engine.Article) (int, error) {
	old, err := engine.ExistingStories(ctx, e.stories, docs, e.existing)
	if err != nil {
		return 0, err
	}
	acts, err := bulkActions(docs, old)
	if err != nil {
		return 0, err
	}
	// Searches read their words in these languages from now on (an
	// analysis searched that a failed write left empty costs nothing).
	codes := make([]string, len(docs))
	for i, d := range docs {
		codes[i] = d.Language
	}
	e.languages.add(codes...)
	if err := e.bulk(ctx, acts); err != nil {
		var be *BulkError
		if errors.As(err, &be) {
			// The articles OpenSearch stored keep their story hints.
			bad := map[string]bool{}
			for _, it := range be.Items {
				bad[it.ArticleID] = true
			}
			var ok []engine.Article
			for _, d := range docs {
				if !bad[d.ID] {
					ok = append(ok, d)
				}
			}
			if perr := e.stories.Put(engine.StoryRecs(ok)); perr != nil {
				e.log.Warn("opensearch: story store", "err", perr)
			}
		}
		return 0, err
	}
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
	acts := []bulkAction{{id, deleteAction(id)}}
	for j := range o.NQuotes {
		acts = append(acts, bulkAction{id, deleteAction(engine.QuoteID(id, j))})
	}
	if err := e.bulk(ctx, acts); err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	return e.stories.Remove(id)
}
