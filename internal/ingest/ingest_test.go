package ingest

import (
	"bytes"
	"context"
	"fmt"
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
