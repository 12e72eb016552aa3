//go:build unix

package procstat

import (
	"syscall"
	"time"
)

// CPU returns the user and system time this process has used so far,
// or 0 where the system does not say.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
