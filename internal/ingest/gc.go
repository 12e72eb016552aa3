package ingest

import (
	"os"
	"runtime/debug"
)

// BulkGCPercent is the garbage collector's target during a bulk ingest.
// Ingest allocates fast and keeps little: collecting half as often as Go's
// default (100) takes a tenth off its CPU for about a third more memory
// (20k articles of the development corpus: 2,060 → 2,260 articles/s,
// 390 → 525 MB peak RSS).
const BulkGCPercent = 200

// TuneGCForBulk sets the collector's target for a bulk ingest, unless the
// user chose one with GOGC. Programs that ingest in bulk call it once; the
// library never does.
func TuneGCForBulk() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(BulkGCPercent)
	}
}
