package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// exportPage is how many articles one request of Each reads.
const exportPage = 1000

// Each calls fn with every article of the index, enrichment and story
// included, in ID order, until fn returns an error (which Each returns).
// Writing what it gives to `newsindex ingest` rebuilds the index, on the
// same engine or another: it is the way from an index on disk to one in
// OpenSearch. Articles written while Each runs may or may not be seen.
func (ix *Index) Each(ctx context.Context, fn func(Article) error) error {
	return ix.use(func(e engine) error {
		switch e := e.(type) {
		case *bleveEngine:
			return eachBleve(ctx, e, fn)
		case *osEngine:
			return e.each(ctx, fn)
		}
		return errors.New("each: engine cannot list its articles")
	})
}

func eachBleve(ctx context.Context, e *bleveEngine, fn func(Article) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var ferr error
	err := e.scan(ctx, kindArticle, []string{fSource}, func(id string, fields map[string]any) {
		if ferr != nil {
			return
		}
		var a Article
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

func (e *osEngine) each(ctx context.Context, fn func(Article) error) error {
	var after []any
	for {
		b := obj{"query": kindFilter(kindArticle), "size": exportPage, "sort": []obj{{osID: "asc"}},
			"_source": obj{"excludes": []string{"*_name"}}, "track_total_hits": false}
		if after != nil {
			b["search_after"] = after
		}
		res, err := e.runSearch(ctx, b)
		if err != nil {
			return fmt.Errorf("each: %w", err)
		}
		for _, h := range res.Hits.Hits {
			var d osArticleDoc
			if err := json.Unmarshal(h.Source, &d); err != nil {
				return fmt.Errorf("article %q: stored form: %w", h.ID, err)
			}
			if err := fn(d.Article); err != nil {
				return err
			}
		}
		if len(res.Hits.Hits) < exportPage {
			return nil
		}
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
}
