package mapped

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// adviseRandom advises MADV_RANDOM over m; a kernel that refuses leaves
// the default read-ahead, which is only slower to bound.
func adviseRandom(m []byte) {
	if len(m) > 0 {
		_ = unix.Madvise(m, unix.MADV_RANDOM)
	}
}

// unmap drops the pages of m from the process (MADV_DONTNEED): the next
// read of m maps them again from the page cache.
func unmap(m []byte) {
	if len(m) > 0 {
		_ = unix.Madvise(m, unix.MADV_DONTNEED)
	}
}

var pageSize = int64(os.Getpagesize())

// mappedFiles returns the resident pages of the process that are not
// anonymous, in bytes: the third figure of /proc/self/statm, which the
// kernel writes in a few microseconds (status takes longer). 0 without it.
func mappedFiles() int64 {
	var buf [128]byte
	f, err := os.Open("/proc/self/statm")
	if err != nil {
		return 0
	}
	n, _ := f.Read(buf[:])
	f.Close()
	fields := bytes.Fields(buf[:n])
	if len(fields) < 3 {
		return 0
	}
	pages, err := strconv.ParseInt(string(fields[2]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * pageSize
}

// evict drops the page cache of the file at path (FADV_DONTNEED), but for
// the pages some process maps.
func evict(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
