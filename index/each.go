package index

import (
	"context"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Each calls fn with every article of the index, enrichment and story
// included, in ID order, until fn returns an error (which Each returns).
// Writing what it gives to `newsindex ingest` rebuilds the index, on the
// same engine or another: it is the way from an index on disk to one in
// OpenSearch. Articles written while Each runs may or may not be seen.
func (ix *Index) Each(ctx context.Context, fn func(Article) error) error {
	return ix.use(func(e backend) error {
		return e.Each(ctx, func(a engine.Article) error { return fn(articleOf(a)) })
	})
}
