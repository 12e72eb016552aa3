package bleveengine

import (
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// mappedBudget is the process's mapped files, in bytes, past which a search
// unmaps the pages of the index's segments (package mapped). A server at a
// million articles maps about 160 MB of files once its segments are read a
// page at a time; past three times that, what is mapped is no longer the
// queries' working set, and the resident set stays under 1 GB.
const mappedBudget = 512 << 20

// heldSegments returns the segments of the index as they are now, held
// open until release is called; none for an index that is not scorch's.
func (e *Engine) heldSegments() (segs []segment.Segment, release func()) {
	adv, err := e.idx.Advanced()
	if err != nil {
		return nil, func() {}
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, func() {}
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, func() {}
	}
	for _, ss := range snap.Segments() {
		segs = append(segs, ss.Segment())
	}
	return segs, func() { r.Close() }
}
