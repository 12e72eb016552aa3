package ingest

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestTuneGCForBulk(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(oldLimit)

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	TuneGCForBulk()
	if got := debug.SetGCPercent(100); got != BulkGCPercent {
		t.Errorf("without GOGC: GC percent %d, want %d", got, BulkGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got < BulkMemoryLimit || got == math.MaxInt64 {
		t.Errorf("without GOMEMLIMIT: memory limit %d, want at least %d", got, BulkMemoryLimit)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "4GiB")
	TuneGCForBulk()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: memory limit changed to %d", got)
	}
}

func TestBulkMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	for _, tt := range []struct {
		live, mapped uint64
		want         int64
	}{
		{0, 0, BulkMemoryLimit},
		{BulkMemoryLimit / 4, 0, BulkMemoryLimit},
		{700 * mb, 0, 1400 * mb}, // twice the live heap, within the budget
		// Past the budget, the headroom above the live heap.
		{BulkMemoryLimit, 0, int64(minHeadroom * BulkMemoryLimit)},
		{math.MaxUint64, 0, int64(minHeadroom * (1 << 60))},
		// Mapped files take from the heap's share of the budget...
		{300 * mb, 400 * mb, BulkMemoryLimit},
		{300 * mb, 1000 * mb, BulkRSSBudget - 1000*mb},
		// ...down to the headroom above the live heap.
		{600 * mb, 1200 * mb, 900 * mb},
		{600 * mb, 4000 * mb, 900 * mb},
		{math.MaxUint64, math.MaxUint64, int64(minHeadroom * (1 << 60))},
	} {
		if got := bulkMemoryLimit(tt.live, tt.mapped); got != tt.want {
			t.Errorf("bulkMemoryLimit(%d, %d) = %d, want %d", tt.live, tt.mapped, got, tt.want)
		}
	}
}

func TestMappedFiles(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	// The test binary itself is a mapped file.
	if got := mappedFiles(); got == 0 {
		t.Errorf("mappedFiles() = 0, want the pages of the test binary at least")
	}
}
