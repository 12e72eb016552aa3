package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/internal/procstat"
)

// BenchmarkExtract extracts the articles of testdata/articles, written for
// the golden tests, one after the other: entities, quotes and the category,
// as ingest runs them on English articles. An op is the whole set. Where
// the processor time is known it reports cpu-ns/op too, which stays true on
// a machine busy with other work; compare runs with benchstat.
func BenchmarkExtract(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no articles under testdata/articles: %v", err)
	}
	var ins []Input
	size := 0
	for _, p := range paths {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		title, body, _ := strings.Cut(string(t), "\n\n")
		ins = append(ins, Input{Title: title, Body: body, Language: "en"})
		size += len(t)
	}
	x := New(nil)
	x.Extract(ins[0]) // the category model is decoded on first use
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	start := procstat.CPU()
	for b.Loop() {
		for _, in := range ins {
			x.Extract(in)
		}
		n++
	}
	if used := procstat.CPU() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
	b.ReportMetric(float64(len(ins)), "articles/op")
}
