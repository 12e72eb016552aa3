//go:build !linux

package mapped

// adviseRandom does nothing: the advice is Linux's.
func adviseRandom([]byte) {}

// unmap does nothing: the advice is Linux's.
func unmap([]byte) {}

// mappedFiles returns 0: the figure is read from Linux's /proc.
func mappedFiles() int64 { return 0 }

// evict does nothing: the advice is Linux's.
func evict(string) {}
