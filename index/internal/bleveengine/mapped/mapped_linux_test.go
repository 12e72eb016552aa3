package mapped

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	segment "github.com/blevesearch/scorch_segment_api/v2"
	"golang.org/x/sys/unix"
)

// fakeSegment is a segment on disk as far as a Budget looks: its mapped
// file and its path.
type fakeSegment struct {
	segment.Segment
	m    []byte
	path string
}

func (s *fakeSegment) Data() []byte { return s.m }
func (s *fakeSegment) Path() string { return s.path }

// mappedFile writes a file of n bytes and maps it read-only, as zap maps a
// segment; the mapping is removed when the test ends.
func mappedFile(t *testing.T, n int) *fakeSegment {
	t.Helper()
	path := filepath.Join(t.TempDir(), "000000000001.zap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Written and synced, as zap writes a segment.
	if _, err := f.Write(bytes.Repeat([]byte("segment!"), n/8)); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, n, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(m) })
	return &fakeSegment{m: m, path: path}
}

// mapping returns the resident kB and the flags of the mapping that starts
// at m, from /proc/self/smaps.
func mapping(t *testing.T, m []byte) (rssKB int, flags []string) {
	t.Helper()
	start := strconv.FormatUint(uint64(uintptr(unsafe.Pointer(&m[0]))), 16) + "-"
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps here")
	}
	defer f.Close()
	in, found := false, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch {
		case !strings.HasSuffix(fields[0], ":"):
			in = strings.HasPrefix(line, start)
			found = found || in
		case in && fields[0] == "Rss:":
			rssKB, _ = strconv.Atoi(fields[1])
		case in && fields[0] == "VmFlags:":
			flags = fields[1:]
		}
	}
	if !found {
		t.Fatalf("no mapping at %s in /proc/self/smaps", start)
	}
	return rssKB, flags
}

// touch reads a byte of every page of m and returns their sum.
func touch(m []byte) (sum byte) {
	for i := 0; i < len(m); i += os.Getpagesize() {
		sum += m[i]
	}
	return sum
}

func TestAdviseMarksRandomRead(t *testing.T) {
	s := mappedFile(t, 1<<20)
	b := NewBudget(0)
	if _, flags := mapping(t, s.m); containsFlag(flags, "rr") {
		t.Fatalf("mapping flags %v before Advise, want no rr", flags)
	}
	b.Advise([]segment.Segment{s})
	if _, flags := mapping(t, s.m); !containsFlag(flags, "rr") {
		t.Errorf("mapping flags %v after Advise, want rr (MADV_RANDOM)", flags)
	}
	if !b.Advised(s) {
		t.Error("Advised = false after Advise")
	}
}

func containsFlag(flags []string, f string) bool {
	for _, g := range flags {
		if g == f {
			return true
		}
	}
	return false
}

func TestKeepUnmapsOverLimit(t *testing.T) {
	s := mappedFile(t, 4<<20)
	want := touch(s.m)
	before, _ := mapping(t, s.m)
	if before == 0 {
		t.Fatal("no page of the mapping resident after reading it all")
	}
	if NewBudget(0).Keep([]segment.Segment{s}) {
		t.Error("Keep unmapped without a limit")
	}
	if rss, _ := mapping(t, s.m); rss != before {
		t.Errorf("resident %d kB after Keep without a limit, want %d", rss, before)
	}
	b := NewBudget(1) // any process maps more than a byte of files
	if !b.Keep([]segment.Segment{s}) {
		t.Fatal("Keep over the limit did not unmap")
	}
	if rss, _ := mapping(t, s.m); rss != 0 {
		t.Errorf("resident %d kB after Keep over the limit, want 0 (was %d)", rss, before)
	}
	if got := touch(s.m); got != want {
		t.Errorf("pages read after Keep sum to %d, want %d as before", got, want)
	}
	if b.Trims() != 1 {
		t.Errorf("Trims = %d, want 1", b.Trims())
	}
}

var sink byte

// cached returns the pages of m the page cache holds.
func cached(t *testing.T, m []byte) int {
	t.Helper()
	vec := make([]byte, (len(m)+os.Getpagesize()-1)/os.Getpagesize())
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		t.Fatalf("mincore: %v", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

func TestAdviseReadsPagesAlone(t *testing.T) {
	s := mappedFile(t, 8<<20)
	touch(s.m)
	if cached(t, s.m) == 0 {
		t.Fatal("no page of a file just written and read is cached")
	}
	NewBudget(0).Advise([]segment.Segment{s})
	if rss, _ := mapping(t, s.m); rss != 0 {
		t.Errorf("resident %d kB after Advise, want 0", rss)
	}
	if n := cached(t, s.m); n != 0 {
		t.Errorf("%d pages cached after Advise, want 0", n)
	}
	// A read maps the page it reads, not the folio or the read-ahead
	// window around it.
	sink = s.m[4<<20]
	if rss, _ := mapping(t, s.m); rss != os.Getpagesize()>>10 {
		t.Errorf("resident %d kB after reading a byte, want a page, %d kB", rss, os.Getpagesize()>>10)
	}
}
