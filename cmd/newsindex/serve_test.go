package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serveCmd is `newsindex args...` run by this test binary (see TestMain),
// logging at info.
func serveCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=info")
	return cmd
}

// TestServeCreatesIndex: serve on a path with no index creates an empty
// one, says so with the path, and takes articles over POST /api/articles.
func TestServeCreatesIndex(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "new", "idx")
	cmd := serveCmd("serve", "--index", idx, "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	serving := regexp.MustCompile(`serving (.*) on (http://[^/]+)/`)
	var base, log string
	lines := bufio.NewScanner(stderr)
	deadline := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	for lines.Scan() {
		log += lines.Text() + "\n"
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			base = m[2]
			break
		}
	}
	deadline.Stop()
	go io.Copy(io.Discard, stderr)
	if base == "" {
		t.Fatalf("serve did not start:\n%s", log)
	}
	if !strings.Contains(log, "created an empty one") || !strings.Contains(log, idx) {
		t.Errorf("serve logged:\n%s\nwant that it created an empty index at %s", log, idx)
	}
	res, err := http.Post(base+"/api/articles", "application/json",
		strings.NewReader(`{"id":"a1","title":"Port strike ends","body":"Dockworkers went back to work on Monday."}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/articles = %s", res.Status)
	}
	res, err = http.Get(base + "/api/search?q=dockworkers")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got struct{ Total int }
	if err := json.NewDecoder(res.Body).Decode(&got); err != nil || got.Total != 1 {
		t.Errorf("search after the POST: total %d, %v; want 1", got.Total, err)
	}
}

// TestServeRefusesNonIndex: a path holding something that is not an index
// fails with a message saying so, and is left as it was.
func TestServeRefusesNonIndex(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("my notes"), 0o644)
	for _, path := range []string{dir, notes} {
		stderr, status := newsindex(t, "serve", "--index", path, "--addr", "127.0.0.1:0")
		if status != 1 || !strings.Contains(stderr, "not a newsindex index") {
			t.Errorf("serve --index %s exited %d:\n%s\nwant 1 and a message saying it is not an index", path, status, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("serve left %d entries in %s, want the one file", len(entries), dir)
	}
}
