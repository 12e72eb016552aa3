package procstat

import (
	"os"
	"testing"
)

func TestBytes(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	peak, file := Bytes("VmHWM:"), Bytes("RssFile:")
	if peak <= 0 || file <= 0 {
		t.Errorf("VmHWM %d, RssFile %d bytes, want both above 0 (the test binary is resident)", peak, file)
	}
	if file > peak {
		t.Errorf("RssFile %d above the peak resident set %d", file, peak)
	}
	if got := Bytes("NoSuchLine:"); got != 0 {
		t.Errorf("Bytes(NoSuchLine:) = %d, want 0", got)
	}
}
