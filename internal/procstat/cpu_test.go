package procstat

import (
	"runtime"
	"testing"
)

// TestCPUGrows checks that work done shows as processor time where the
// system reports it.
func TestCPUGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no processor time here")
	}
	start := CPU()
	x := 0
	for i := 0; CPU()-start < 2_000_000 && i < 2_000_000_000; i++ {
		x += i % 7
	}
	if used := CPU() - start; used <= 0 {
		t.Fatalf("CPU() did not grow after busy work (x=%d): %v", x, used)
	}
}
