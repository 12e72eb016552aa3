package index

import "context"

// compacter is a backend whose index is kept in segments that it can merge.
type compacter interface {
	Compact(ctx context.Context) error
}

// Compact merges the index's segments into as few as its per-segment bound
// allows (400,000 documents, articles and quotes), and returns when none is
// left to merge. Programs that write in bulk call it once the writes are
// done, as `newsindex ingest` does: each durable batch leaves a segment of
// its own, which background merges gather only in part, and merged the
// index is smaller and quicker to search. Searches and writes go on while
// it runs, and a crash during Compact loses nothing written: a merge takes
// effect whole or not at all. An index in memory or in OpenSearch (which
// merges its own segments) has nothing to do.
func (ix *Index) Compact(ctx context.Context) error {
	return ix.use(func(e backend) error {
		if c, ok := e.(compacter); ok {
			return c.Compact(ctx)
		}
		return nil
	})
}
