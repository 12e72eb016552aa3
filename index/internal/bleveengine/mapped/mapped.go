// Package mapped keeps the pages of an index's segment files that are
// mapped into the process near what its searches read.
//
// zap maps each segment file read-only and reads it in place; a page a
// search touches stays mapped, and counts in the process's resident set,
// until the segment is closed. On this machine's kernel (Linux 6.18) a
// fault maps the whole folio the page cache holds the page in, and a file
// just written, or read ahead, is cached in large folios (up to 2 MB):
// reading one byte of a file of 8 MB just written mapped all of it,
// MADV_RANDOM or not (the advice stops read-ahead, not the mapping of what
// is cached), and a server at a million articles, opened right after its
// ingest, mapped 1.1 to 1.6 GB of its segments for a working set of about
// 135 MB.
//
// So the page cache of the segments is made to hold what searches read
// page by page:
//   - EvictFiles, before an index is opened, drops the cached pages of its
//     segment files (FADV_DONTNEED), so that opening maps the little it
//     reads (with its read-ahead) rather than the large folios around it;
//   - the first time a search meets a segment (Budget.Advise), its mapping
//     is advised MADV_RANDOM (as Lucene's MMapDirectory advises the files
//     it reads at random), its pages are unmapped and its file's cache
//     dropped again: from then on a page not cached is read alone, into a
//     folio of one page, and a fault maps it with at most 64 kB of cached
//     neighbours (fault-around, which MADV_RANDOM does not stop).
//
// The cost is the disk: what a search first reads after the index is
// opened, or after a merge wrote a segment, is read a page at a time.
//
// A Budget also bounds what stays mapped: when the process's mapped files
// pass its limit, a search unmaps every segment's pages (MADV_DONTNEED,
// which on a read-only file mapping drops the mapping, not the cache), and
// the next searches map again, from the cache, the pages they touch.
//
// Elsewhere than Linux all of it does nothing.
package mapped

import (
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Budget bounds the mapped pages of the segments of one index. It is safe
// for concurrent use.
type Budget struct {
	limit int64

	mu      sync.Mutex
	advised map[segment.Segment]bool
	trims   atomic.Int64
	checked atomic.Int64 // when Keep last read the mapped files, in Unix nanoseconds
}

// checkEvery is how often at most Keep reads the process's mapped files.
const checkEvery = 20 * time.Millisecond

// NewBudget returns a budget that unmaps the segments' pages when the
// process's mapped files (its resident set less its anonymous memory) pass
// limit bytes; a limit of 0 or less never unmaps.
func NewBudget(limit int64) *Budget {
	return &Budget{limit: limit, advised: map[segment.Segment]bool{}}
}

// onDisk is what a zap segment on disk offers: its mapped file and its path.
type onDisk interface {
	Data() []byte
	Path() string
}

// Advise advises the kernel that the segments not seen before are read at
// random, and has them read again page by page (see the package comment).
// The caller holds the segments open (an index snapshot): the mapping of a
// closed segment may hold other memory by now.
func (b *Budget) Advise(segs []segment.Segment) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range segs {
		if b.advised[s] {
			continue
		}
		b.advised[s] = true
		if d, ok := s.(onDisk); ok {
			// Advised first, so that no page is read ahead again
			// between the unmapping and the eviction; the pages
			// mapped stay cached.
			m := d.Data()
			adviseRandom(m)
			unmap(m)
			evict(d.Path())
		}
	}
	// Forget the segments merged away once they outnumber the live ones.
	if len(b.advised) > 2*len(segs)+16 {
		live := make(map[segment.Segment]bool, len(segs))
		for _, s := range segs {
			live[s] = true
		}
		for s := range b.advised {
			if !live[s] {
				delete(b.advised, s)
			}
		}
	}
}

// Advised reports whether s has been advised.
func (b *Budget) Advised(s segment.Segment) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.advised[s]
}

// Keep unmaps the pages of segs if the process's mapped files are over the
// limit, and reports whether it did. The caller holds the segments open:
// the mapping of a closed segment may hold other memory by now.
func (b *Budget) Keep(segs []segment.Segment) bool {
	if b.limit <= 0 {
		return false
	}
	// Reading the figure costs 5-15 µs; a search takes milliseconds, but
	// several clients' searches need not all read it.
	now := time.Now().UnixNano()
	if last := b.checked.Load(); now-last < int64(checkEvery) || !b.checked.CompareAndSwap(last, now) {
		return false
	}
	if mappedFiles() <= b.limit {
		return false
	}
	for _, s := range segs {
		if d, ok := s.(onDisk); ok {
			unmap(d.Data())
		}
	}
	b.trims.Add(1)
	return true
}

// Trims is the number of times Keep has unmapped the segments.
func (b *Budget) Trims() int64 { return b.trims.Load() }

// EvictFiles drops the page cache of the segment files of the scorch index
// at dir (dir/store/*.zap), but for the pages some process maps: opening
// the index then reads what it reads from the disk, rather than mapping the
// large folios a file just written is cached in.
func EvictFiles(dir string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	for _, p := range paths {
		evict(p)
	}
}
