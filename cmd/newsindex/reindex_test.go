package main

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/opensearchfake"
)

// copyDir copies the folder src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReindexCommand checks an index written before languages were told
// apart: check says it needs a reindex (exit 1), reindex rebuilds it, and
// then check passes and --language filters it.
func TestReindexCommand(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "idx")
	copyDir(t, filepath.Join("..", "..", "index", "testdata", "preanalysis", "index"), idx)
	out, status := runOutput(t, "check", "--index", idx)
	if status != 1 || !strings.Contains(out, "NEEDS REINDEX") || !strings.Contains(out, "newsindex reindex --index "+idx) {
		t.Errorf("check of an old index: exit %d\n%s\nwant exit 1 and the reindex command", status, out)
	}
	if out, status := runOutput(t, "reindex", idx); status != 0 || !strings.Contains(out, "reindex: "+idx+": 6 articles") {
		t.Fatalf("reindex: exit %d\n%s", status, out)
	}
	if out, status := runOutput(t, "check", "--index", idx); status != 0 || strings.Contains(out, "REINDEX") {
		t.Errorf("check after reindex: exit %d\n%s", status, out)
	}
	if out, _ := runOutput(t, "search", "--index", idx, "--json", "--language", "de"); !strings.Contains(out, `"id":"de-1"`) || strings.Contains(out, `"id":"en-1"`) {
		t.Errorf("search --language de after reindex = %s, want de-1 alone", out)
	}
}

// runOutput runs the command and returns its standard output and error, and its
// exit status.
func runOutput(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=error")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("newsindex %s: %v", strings.Join(args, " "), err)
	}
	return string(out), 0
}

// TestReindexKilled kills newsindex reindex at points spread over its run
// (SIGKILL: no clean-up) and checks after each that the index opens,
// sound, with every article: the old one or the rebuilt one, never a part.
func TestReindexKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a dozen reindexes")
	}
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	in := filepath.Join(dir, "demo.jsonl")
	if err := os.WriteFile(in, demo.JSONL(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, status := newsindex(t, "ingest", "--index", idx, in); status != 0 {
		t.Fatalf("ingest: exit %d\n%s", status, out)
	}
	want := checkIndex(t, idx, -1)
	start := time.Now()
	if out, status := runOutput(t, "reindex", idx); status != 0 {
		t.Fatalf("reindex: exit %d\n%s", status, out)
	}
	full := time.Since(start)
	killed := 0
	for i := 1; i <= 12; i++ {
		cmd := exec.Command(os.Args[0], "reindex", idx)
		cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=error")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i) / 12)
		if cmd.Process.Kill() == nil {
			killed++
		}
		cmd.Wait()
		_, err := os.Stat(filepath.Join(dir, ".idx.reindex"))
		t.Logf("killed after %v: a side folder left: %v", full*time.Duration(i)/12, err == nil)
		checkIndex(t, idx, want)
	}
	if killed == 0 {
		t.Errorf("no reindex was killed: every one ended within %v", full)
	}
	if out, status := runOutput(t, "reindex", idx); status != 0 {
		t.Fatalf("reindex after the kills: exit %d\n%s", status, out)
	}
	checkIndex(t, idx, want)
	if _, err := os.Stat(filepath.Join(dir, ".idx.reindex")); err == nil {
		t.Errorf("a reindex that ended left its side folder")
	}
}

// checkIndex checks that the index at path is sound and holds want
// articles (any number when want < 0), and returns how many it holds.
func checkIndex(t *testing.T, path string, want int) int {
	t.Helper()
	r, err := index.Check(context.Background(), path)
	if err != nil {
		t.Fatalf("check %s: %v", path, err)
	}
	if !r.OK() || r.NeedsReindex || want >= 0 && r.Articles != want {
		t.Fatalf("check %s = %+v, want a sound index of %d articles", path, r, want)
	}
	return r.Articles
}

// TestReindexCommandOpenSearch rebuilds an OpenSearch index (the fake
// cluster) with the command: the alias moves to the next version, the old
// one is deleted with --delete-old, and search finds every article.
func TestReindexCommandOpenSearch(t *testing.T) {
	srv := httptest.NewServer(opensearchfake.New())
	defer srv.Close()
	t.Setenv("NEWSINDEX_INDEX_BACKEND", "opensearch")
	t.Setenv("NEWSINDEX_OPENSEARCH_URLS", srv.URL)
	t.Setenv("NEWSINDEX_OPENSEARCH_STATE_DIR", t.TempDir())
	in := filepath.Join(t.TempDir(), "demo.jsonl")
	if err := os.WriteFile(in, demo.JSONL(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, status := runOutput(t, "ingest", in); status != 0 {
		t.Fatalf("ingest into the fake cluster: exit %d\n%s", status, out)
	}
	out, status := runOutput(t, "reindex", "--delete-old")
	if status != 0 || !strings.Contains(out, "alias newsindex now on newsindex-v2") || !strings.Contains(out, "newsindex-v1 is deleted") {
		t.Fatalf("reindex --delete-old: exit %d\n%s", status, out)
	}
	res, err := http.Get(srv.URL + "/newsindex-v1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("the old index after --delete-old: status %d", res.StatusCode)
	}
	out, _ = runOutput(t, "search", "--json", "--size", "1", "")
	if !strings.Contains(out, `"total":`+strconv.Itoa(bytes.Count(demo.JSONL(), []byte("\n")))) {
		t.Errorf("search after reindex: %s", out)
	}
}
