package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestOutcomes checks the errors behind ingest's exit statuses:
// none when all went in, errRejected (1) for bad records, errUsage (2) for
// a bad call.
func TestIngestOutcomes(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(good, []byte(`{"id":"1","title":"Port strike ends","body":"Dockworkers went back to work."}`+"\n"), 0o644)
	os.WriteFile(bad, []byte(`{"id":"2","title":"Fine"}`+"\n{broken\n"), 0o644)
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")

	if err := runIngest([]string{"--index", idx, good}); err != nil {
		t.Errorf("ingest good = %v, want nil", err)
	}
	if err := runIngest([]string{"--index", idx, bad}); !errors.Is(err, errRejected) {
		t.Errorf("ingest with a bad line = %v, want errRejected", err)
	}
	if err := runIngest([]string{"--index", idx}); !errors.Is(err, errUsage) {
		t.Errorf("ingest without paths = %v, want errUsage", err)
	}
	if err := runIngest([]string{"--no-such-flag", good}); !errors.Is(err, errUsage) {
		t.Errorf("ingest with an unknown flag = %v, want errUsage", err)
	}
	if err := runSearch([]string{"--index", idx, "--size", "0", "strike"}); !errors.Is(err, errUsage) {
		t.Errorf("search --size 0 = %v, want errUsage", err)
	}
	if err := runSearch([]string{"--index", filepath.Join(dir, "none"), "strike"}); err == nil {
		t.Error("search of a missing index: want an error")
	}
}

// TestBleveOnlyCommands: backup and check refuse the OpenSearch backend
// with a usage error saying what to do instead.
func TestBleveOnlyCommands(t *testing.T) {
	t.Setenv("NEWSINDEX_INDEX_BACKEND", "opensearch")
	t.Setenv("NEWSINDEX_OPENSEARCH_URLS", "http://127.0.0.1:1")
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")
	for name, run := range map[string]func([]string) error{"check": runCheck, "backup": runBackup} {
		args := []string{"--index", filepath.Join(t.TempDir(), "idx")}
		if name == "backup" {
			args = append(args, filepath.Join(t.TempDir(), "copy"))
		}
		err := run(args)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "bleve") {
			t.Errorf("%s on the opensearch backend = %v, want a usage error naming bleve", name, err)
		}
	}
}
