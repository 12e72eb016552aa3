package ingest

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var jsonl strings.Builder
	for i := range 25 {
		fmt.Fprintf(&jsonl, `{"id":"j%d","title":"Story %d about tariffs","body":"Tariffs rose %d percent.","date":"2024-03-%02d"}`+"\n", i, i, i, i%28+1)
	}
	jsonl.WriteString("{broken\n")
	jsonl.WriteString(`{"id":"empty","title":"","body":""}` + "\n")
	jsonl.WriteString(`{"id":"j3","title":"Story 3 replaced","body":"Tariffs again."}` + "\n")
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(jsonl.String()), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "page.txt"), []byte("A plain page title\n\nFirst paragraph of a plain page about tariffs.\n"), 0o644)

	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var progress bytes.Buffer
	stdin := strings.NewReader(`{"id":"in1","title":"From stdin","body":"Piped tariffs."}`)
	sum, err := Run(context.Background(), ix, []string{dir, "-"}, stdin, Options{BatchSize: 4, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	// 25 + page + stdin = 27 distinct IDs; j3 came twice; 2 bad lines.
	if sum.Added != 27 || sum.Replaced != 1 || sum.Rejected != 2 {
		t.Errorf("Run = %+v, want added 27, replaced 1, rejected 2\n%s", sum, progress.String())
	}
	out := progress.String()
	for _, want := range []string{"a.jsonl:26: ", "a.jsonl:27: ", "ingest: added 27, replaced 1, rejected 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress lacks %q:\n%s", want, out)
		}
	}
	if n, _ := ix.Count(context.Background()); n != 27 {
		t.Errorf("Count = %d, want 27", n)
	}
	a, err := ix.Article(context.Background(), "j3")
	if err != nil || a.Title != "Story 3 replaced" {
		t.Errorf("j3 = %q, %v; want the later record", a.Title, err)
	}
	// A second run of the same input replaces, never duplicates.
	sum, err = Run(context.Background(), ix, []string{dir}, nil, Options{BatchSize: 100})
	if err != nil || sum.Added != 0 || sum.Replaced != 26 {
		t.Errorf("second Run = %+v, %v; want all 26 replaced", sum, err)
	}
	if n, _ := ix.Count(context.Background()); n != 27 {
		t.Errorf("Count after second run = %d, want 27", n)
	}
}

// TestRunCountsSkippedFiles: files of a folder that no format reads are
// counted by type in the summary, and named only when Verbose is set.
func TestRunCountsSkippedFiles(t *testing.T) {
	dir := filepath.Join("testdata", "folder")
	for _, verbose := range []bool{false, true} {
		ix, err := index.OpenMem(nil)
		if err != nil {
			t.Fatal(err)
		}
		var progress bytes.Buffer
		sum, err := Run(context.Background(), ix, []string{dir}, nil, Options{Progress: &progress, Verbose: verbose})
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		out := progress.String()
		if sum.Added != 9 || sum.Rejected != 2 || !maps.Equal(sum.Skipped, SkippedFiles{".pdf": 1, ".png": 1}) {
			t.Errorf("Run(%s) = %+v, want 9 added, 2 rejected, a .pdf and a .png skipped\n%s", dir, sum, out)
		}
		for _, want := range []string{
			filepath.Join(dir, "sitemap.xml") + ": not a feed or page (root element <urlset>)\n",
			filepath.Join(dir, "wire.rss") + ": item 2: no title and no body\n",
			"ingest: added 9, replaced 0, rejected 2 in ",
			"; skipped 2 files: 1 .pdf, 1 .png\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("progress lacks %q:\n%s", want, out)
			}
		}
		named := strings.Contains(out, filepath.Join(dir, "assets", "logo.png")+": skipped: no format reads .png files\n")
		if named != verbose {
			t.Errorf("Verbose %v: skipped logo.png named = %v:\n%s", verbose, named, out)
		}
	}
}

func TestSkippedFilesString(t *testing.T) {
	tests := []struct {
		s    SkippedFiles
		want string
	}{
		{SkippedFiles{".png": 9, ".pdf": 3}, "12 files: 9 .png, 3 .pdf"},
		{SkippedFiles{".png": 1}, "1 file: 1 .png"},
		{SkippedFiles{".md": 2, ".csv": 2, "": 1}, "5 files: 2 .csv, 2 .md, 1 without extension"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%v.String() = %q, want %q", map[string]int(tt.s), got, tt.want)
		}
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ix, err := index.OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, `{"id":"c%d","title":"t"}`+"\n", i)
	}
	_, err = Run(ctx, ix, []string{"-"}, strings.NewReader(b.String()), Options{BatchSize: 10})
	if err == nil {
		t.Error("Run with a cancelled context: want an error")
	}
}
