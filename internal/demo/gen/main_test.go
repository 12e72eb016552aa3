package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestCommitted checks that the committed corpus is what the stories generate,
// so that an edit to a story is never shipped without regenerating.
func TestCommitted(t *testing.T) {
	files, err := filepath.Glob("stories/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var all []*article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		as, err := parse(filepath.Base(f), string(data))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, as...)
	}
	got, err := assemble(all)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("articles.jsonl is stale: run go generate ./internal/demo")
	}
}

var slugTests = []struct {
	in, out string
}{
	{"Fed cuts interest rates again but signals pause", "fed-cuts-interest-rates-again-but-signals-pause"},
	{"Cárdenas wins Peru presidency by less than one point", "cardenas-wins-peru-presidency-by-less-than-one"},
	{"Peru's runoff: Quispe vs. Cárdenas", "perus-runoff-quispe-vs-cardenas"},
	{"What the rate cut means for your mortgage and savings", "what-the-rate-cut-means-for-your-mortgage"},
}

func TestSlug(t *testing.T) {
	for _, tt := range slugTests {
		if got := slug(tt.in); got != tt.out {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}

var badHeaders = []string{
	"@@ harbourpost | world | 2026-01-01T00:00:00Z | A. Writer\nTitle\n\nBody.\n",
	"@@ nosuch | world | 2026-01-01T00:00:00Z | A. Writer | World\nTitle\n\nBody.\n",
	"@@ harbourpost | world | 2026-01-01 | A. Writer | World\nTitle\n\nBody.\n",
	"@@ harbourpost | world | 2026-01-01T00:00:00Z | A. Writer | Weather\nTitle\n\nBody.\n",
	"@@ harbourpost | world | 2026-01-01T00:00:00Z | A. Writer | World\nTitle\nBody.\n",
	"stray text\n@@ harbourpost | world | 2026-01-01T00:00:00Z | A. Writer | World\nTitle\n\nBody.\n",
}

func TestParseErrors(t *testing.T) {
	for _, in := range badHeaders {
		if _, err := parse("x.txt", in); err == nil {
			t.Errorf("parse(%q) succeeded, want an error", in)
		}
	}
}
