package ingest

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCForBulk(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	t.Setenv("GOGC", "")
	TuneGCForBulk()
	if got := debug.SetGCPercent(100); got != BulkGCPercent {
		t.Errorf("without GOGC: GC percent %d, want %d", got, BulkGCPercent)
	}
	t.Setenv("GOGC", "50")
	TuneGCForBulk()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
}
