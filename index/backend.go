package index

import (
	"context"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// backend is what an Index needs of a search engine: bleveengine (an index
// in a folder or in memory) or osengine (an index in an OpenSearch
// cluster). Engines speak package engine's types, which mirror this
// package's; the Index converts at the boundary.
type backend interface {
	// Apply writes articles (replacing those with the same ID) in one
	// durable batch and reports how many existed before.
	Apply(ctx context.Context, docs []engine.Article) (replaced int, err error)
	// Remove deletes an article and its quotes, or fails with ErrNotFound.
	Remove(ctx context.Context, id string) error
	Article(ctx context.Context, id string) (engine.Article, error)
	// Search and SearchQuotes run a validated request with its parsed
	// query (nil matches all).
	Search(ctx context.Context, req *engine.SearchRequest, q query.Node) (*engine.SearchResult, error)
	SearchQuotes(ctx context.Context, req *engine.QuoteRequest, q query.Node) (*engine.QuoteResult, error)
	Count(ctx context.Context) (uint64, error)
	// Terms lists every value of a facet with its number of articles.
	Terms(ctx context.Context, f engine.Facet) ([]engine.FacetCount, error)
	// Each calls fn with every article, in ID order, until fn returns an
	// error, which Each returns.
	Each(ctx context.Context, fn func(engine.Article) error) error
	Close() error
}

// backuper is a backend that can copy itself to a folder while it serves.
type backuper interface {
	Backup(ctx context.Context, dir string) error
}

// checker is a backend that can verify what it holds.
type checker interface {
	Check(ctx context.Context) (engine.CheckReport, error)
}
