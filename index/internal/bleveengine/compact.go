package bleveengine

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// compactOptions merge every segment under half the bound into segments of
// at most maxSegmentDocs documents: one tier, each merge as wide as the
// bound allows. Segments over half the bound are left as they are (scorch's
// planner never merges them), so no merge reads more than an ordinary
// merge of the ingest does.
var compactOptions = mergeplan.MergePlanOptions{
	MaxSegmentsPerTier:   1,
	MaxSegmentSize:       maxSegmentDocs,
	MaxSegmentFileSize:   mergeplan.DefaultMergePlanOptions.MaxSegmentFileSize,
	TierGrowth:           1,
	SegmentsPerMergeTask: 10,
	FloorSegmentSize:     maxSegmentDocs,
	ReclaimDeletesWeight: mergeplan.DefaultMergePlanOptions.ReclaimDeletesWeight,
}

// compactTrimEvery is how often, while Compact merges, the segments' pages
// are unmapped if the process's mapped files are over the budget: a merge
// reads its segments through their mappings, and the pages it read stay
// mapped, in the resident set, until the segments are closed.
const compactTrimEvery = 250 * time.Millisecond

// Compact merges the index's segments into as few as maxSegmentDocs
// allows, and returns when no merge is left to do. Each segment written
// from a batch keeps its own term dictionaries, and lacks zap's compact
// encoding of terms found in one document; merged, an index is about a
// tenth smaller and has fewer segments to search. Merges are atomic
// snapshots: a crash during Compact leaves the index as it was before the
// merge under way. An index in memory has nothing to compact.
func (e *Engine) Compact(ctx context.Context) error {
	if e.mem {
		return nil
	}
	adv, err := e.idx.Advanced()
	if err != nil {
		return fmt.Errorf("compact: %w", translate(err))
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	stop := make(chan struct{})
	defer close(stop)
	go e.trimWhileMerging(stop)
	for {
		// scorch plans merges over the segments on disk only: a batch the
		// persister has not written yet would stay a segment of its own.
		if err := awaitPersisted(ctx, s); err != nil {
			return err
		}
		before := e.segmentCount()
		// One call runs one plan; a plan's merges may leave segments that
		// can merge again, so plan until the count stops falling.
		if err := s.ForceMerge(ctx, &compactOptions); err != nil {
			return fmt.Errorf("compact: %w", translate(err))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.segmentCount() >= before {
			// A merge is kept on reopening only once the persister has
			// written a snapshot holding it; an index closed before that
			// opens with the segments it had before the merge.
			return awaitPersisted(ctx, s)
		}
	}
}

// awaitPersisted waits until the persister has written the index's current
// snapshot (scorch's own index_bgthreads_active stat compares the same two
// epochs).
func awaitPersisted(ctx context.Context, s *scorch.Scorch) error {
	t := time.NewTicker(persistPoll)
	defer t.Stop()
	for {
		m := s.StatsMap()
		root, _ := m["CurRootEpoch"].(uint64)
		persisted, _ := m["LastPersistedEpoch"].(uint64)
		if persisted >= root {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// persistPoll is how often awaitPersisted looks at the persister's epoch.
const persistPoll = 10 * time.Millisecond

// trimWhileMerging unmaps the segments' pages over the budget until stop
// closes (see compactTrimEvery). Unmapping is safe while a merge reads:
// the next read maps the page again from the page cache.
func (e *Engine) trimWhileMerging(stop <-chan struct{}) {
	t := time.NewTicker(compactTrimEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			segs, release := e.heldSegments()
			e.mapped.Keep(segs)
			release()
		}
	}
}

// segmentCount is the number of segments the index has now.
func (e *Engine) segmentCount() int {
	segs, release := e.heldSegments()
	defer release()
	return len(segs)
}
