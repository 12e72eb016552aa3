package bleveengine

import (
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// lazyPostings reads one term's postings in one field over the segments of
// a scorch snapshot, as scorch's TermFieldReader reads them, except that a
// posting's frequency and norm are taken only for the postings scored
// (fill). scorch's reader takes them at every posting, and zap's norm is a
// square root and a division: a tenth of a one-word search at a million
// articles, most of whose postings a bounded search passes over unscored.
type lazyPostings struct {
	its     []segment.PostingsIterator // per segment
	offsets []uint64                   // the first document number of each segment, and the end
	seg     int                        // the segment of cur
	cur     segment.Posting            // the current posting, nil before the first and past the last
	count   uint64
}

// openPostings returns the postings of term in field over snap's segments,
// deleted documents left out.
func openPostings(snap *scorch.IndexSnapshot, term []byte, field string) (*lazyPostings, error) {
	segs := snap.Segments()
	p := &lazyPostings{its: make([]segment.PostingsIterator, len(segs)), offsets: make([]uint64, len(segs)+1)}
	for i, ss := range segs {
		p.offsets[i+1] = p.offsets[i] + ss.Segment().Count()
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("postings of %s: %w", field, err)
		}
		pl, err := dict.PostingsList(term, ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
		}
		p.count += pl.Count()
		p.its[i] = pl.Iterator(true, true, false, nil)
	}
	return p, nil
}

// next moves to the next posting and returns its document number, or
// math.MaxUint64 past the last.
func (p *lazyPostings) next() (uint64, error) {
	for p.seg < len(p.its) {
		n, err := p.its[p.seg].Next()
		if err != nil {
			return 0, err
		}
		if n != nil {
			p.cur = n
			return p.offsets[p.seg] + n.Number(), nil
		}
		p.seg++
	}
	p.cur = nil
	return math.MaxUint64, nil
}

// advance moves to the first posting at or after document target, which
// is past the current posting, and returns its number as next does.
func (p *lazyPostings) advance(target uint64) (uint64, error) {
	s := sort.Search(len(p.its), func(i int) bool { return p.offsets[i+1] > target })
	if s >= len(p.its) {
		p.seg, p.cur = len(p.its), nil
		return math.MaxUint64, nil
	}
	if s < p.seg {
		return p.next() // target is in a segment already passed
	}
	p.seg = s
	n, err := p.its[s].Advance(target - p.offsets[s])
	if err != nil {
		return 0, err
	}
	if n == nil {
		p.seg++
		return p.next()
	}
	p.cur = n
	return p.offsets[s] + n.Number(), nil
}

// fill sets the number, frequency and norm of the current posting in d, as
// scorch's reader does.
func (p *lazyPostings) fill(d *bleveindex.TermFieldDoc) {
	if p.cur != nil {
		d.ID = bleveindex.NewIndexInternalID(d.ID, p.offsets[p.seg]+p.cur.Number())
		d.Freq = p.cur.Frequency()
		d.Norm = p.cur.Norm()
	}
}
