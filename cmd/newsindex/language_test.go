package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchLanguage ingests articles in two languages and filters a search
// by --language, which repeats, and prints the language facet.
func TestSearchLanguage(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"en1","title":"Port workers strike over pay","body":"Thousands of port workers walked out on Monday after talks with the employers broke down, the union said."}`+"\n"+
		`{"id":"it1","title":"Sciopero dei portuali a Genova","body":"I lavoratori del porto di Genova hanno scioperato lunedì dopo il fallimento delle trattative con le imprese, ha detto il sindacato."}`+"\n"), 0o644)
	if out, status := newsindex(t, "ingest", "--index", idx, in); status != 0 {
		t.Fatalf("ingest: exit %d\n%s", status, out)
	}
	search := func(args ...string) string {
		cmd := exec.Command(os.Args[0], append([]string{"search", "--index", idx}, args...)...)
		cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=error")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("search %q: %v", args, err)
		}
		return string(out)
	}
	if got := search("--json", "--language", "it"); !strings.Contains(got, `"id":"it1"`) || strings.Contains(got, `"id":"en1"`) {
		t.Errorf("search --language it = %s, want it1 alone", got)
	}
	if got := search("--json", "--language", "it", "--language", "en"); !strings.Contains(got, `"id":"it1"`) || !strings.Contains(got, `"id":"en1"`) {
		t.Errorf("search --language it --language en = %s, want both", got)
	}
	if got := search("language:en"); !strings.Contains(got, "language: en (1)") || strings.Contains(got, "it1") {
		t.Errorf("search language:en =\n%s\nwant en1 alone and its language facet", got)
	}
}
