package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchmarkFiles reads the files of a testdata folder, b.N times each.
func benchmarkFiles(b *testing.B, glob string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", glob))
	var data [][]byte
	size := 0
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			if err := Read(strings.NewReader(string(d)), paths[i], func(Record) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkReadText(b *testing.B) { benchmarkFiles(b, "text/*.txt") }
func BenchmarkReadHTML(b *testing.B) { benchmarkFiles(b, "html/*.html") }

func BenchmarkReadJSONL(b *testing.B) {
	line := `{"id":"x","title":"A headline of some words","body":"` + strings.Repeat("Some text of the article. ", 200) +
		`","published":"2024-03-01T10:00:00Z","source":"Wire","author":"Ann Lee"}` + "\n"
	data := strings.Repeat(line, 100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Read(strings.NewReader(data), "x.jsonl", func(Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100, "articles/op")
}
