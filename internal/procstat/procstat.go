// Package procstat reads the process's memory figures from
// /proc/self/status, for the ingest's memory limit and the benchmark's
// report, and the processor time it has used, for benchmarks that report
// CPU beside wall-clock time.
package procstat

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Bytes returns the figure of a line of /proc/self/status in bytes, key
// with its colon ("VmHWM:" the peak resident set, "RssAnon:" anonymous
// memory, "RssFile:" mapped files), or 0 where /proc or the line is not
// there.
func Bytes(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
