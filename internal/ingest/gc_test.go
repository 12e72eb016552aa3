package ingest

import (
	"math"
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
	for _, tt := range []struct {
		live uint64
		want int64
	}{
		{0, BulkMemoryLimit},
		{BulkMemoryLimit / 4, BulkMemoryLimit},
		{BulkMemoryLimit, 2 * BulkMemoryLimit},
		{math.MaxUint64, 1 << 61},
	} {
		if got := bulkMemoryLimit(tt.live); got != tt.want {
			t.Errorf("bulkMemoryLimit(%d) = %d, want %d", tt.live, got, tt.want)
		}
	}
}
