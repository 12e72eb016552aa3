package ingest

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/newsindex/newsindex/internal/procstat"
)

// BulkGCPercent is the garbage collector's target during a bulk ingest.
// Ingest allocates fast and keeps little: collecting half as often as Go's
// default (100) takes a tenth off its CPU for about a third more memory
// (20k articles of the development corpus: 2,060 → 2,260 articles/s,
// 390 → 525 MB peak RSS).
const BulkGCPercent = 200

// BulkMemoryLimit is the soft memory limit of a bulk ingest: the collector
// runs more often as the heap nears it, rather than letting the heap grow to
// three times what is live. What an ingest keeps grows with the index (the
// story table), so at a million articles BulkGCPercent alone let the heap
// reach 4 GB; under the limit a small index still collects by BulkGCPercent.
const BulkMemoryLimit = 1280 << 20

// BulkRSSBudget is the resident set a bulk ingest keeps under where the live
// heap allows: the heap's limit gives way to the pages of files the process
// maps (the segments a merge reads, the story store), which at a million
// articles were as large as the heap, 1.2 GB beside 1.2 GB. It never goes
// below minHeadroom times the live heap, so the collector does not run
// without pause.
const BulkRSSBudget = 1900 << 20

// minHeadroom is the smallest limit, as a multiple of the live heap, that
// the mapped pages can push the limit to (Go's default target is 2).
const minHeadroom = 1.5

// limitEvery is how often the limit follows the live heap and the mapped
// pages; a merge maps hundreds of megabytes in seconds.
const limitEvery = time.Second

// TuneGCForBulk sets the collector's target for a bulk ingest, unless the
// user chose one with GOGC, and its soft memory limit, unless the user chose
// one with GOMEMLIMIT. Programs that ingest in bulk call it once; the library
// never does. The limit follows the live heap and the mapped files from a
// goroutine that lasts as long as the program.
func TuneGCForBulk() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(BulkGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(bulkMemoryLimit(liveHeap(), mappedFiles()))
	go func() {
		for range time.Tick(limitEvery) {
			debug.SetMemoryLimit(bulkMemoryLimit(liveHeap(), mappedFiles()))
		}
	}()
}

// bulkMemoryLimit is BulkMemoryLimit, or twice the live heap when that is
// more (an index whose table alone nears the limit would otherwise keep the
// collector running), lowered to what BulkRSSBudget leaves beside the mapped
// files, but to no less than minHeadroom times the live heap.
func bulkMemoryLimit(live, mapped uint64) int64 {
	live, mapped = min(live, 1<<60), min(mapped, 1<<60)
	limit := max(BulkMemoryLimit, 2*int64(live))
	if left := int64(BulkRSSBudget) - int64(mapped); left < limit {
		limit = max(left, int64(minHeadroom*float64(live)))
	}
	return limit
}

// liveHeap returns the bytes of heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// mappedFiles returns the bytes of mapped files resident in the process
// (RssFile), or 0 where that is not known.
func mappedFiles() uint64 { return uint64(max(0, procstat.Bytes("RssFile:"))) }
