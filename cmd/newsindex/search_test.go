package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/server"
)

// searchFixture ingests two articles into a new index and returns its path.
func searchFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	in := filepath.Join(dir, "a.jsonl")
	os.WriteFile(in, []byte(`{"id":"1","title":"Port strike ends","body":"Dockworkers went back to work in Gdansk, said Anna Nowak.","source":"Baltic Wire","category":"business"}`+"\n"+
		`{"id":"2","title":"Strike spreads to Gdynia","body":"“We will not go back,” said Piotr Lis, a union official.","source":"Harbour Post","category":"business"}`+"\n"), 0o644)
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")
	if err := runIngest([]string{"--index", idx, in}); err != nil {
		t.Fatal(err)
	}
	return idx
}

// run runs a search command and returns what it printed.
func run(t *testing.T, cmd func(w *bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := cmd(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSearchSizeZero: --size 0 prints the total and the facets, no hit.
func TestSearchSizeZero(t *testing.T) {
	idx := searchFixture(t)
	out := run(t, func(w *bytes.Buffer) error { return searchTo(w, []string{"--index", idx, "--size", "0", "strike"}) })
	if !strings.HasPrefix(out, "2 articles") || !strings.Contains(out, "category: Business (2)") || strings.Contains(out, "1. ") {
		t.Errorf("search --size 0 printed:\n%s\nwant the total and the facets, no hits", out)
	}
}

// took matches the times a search reports, which differ from run to run.
var took = regexp.MustCompile(`\(\d+\.\d ms\)|"took_ms":[0-9.e-]+`)

// TestSearchThroughServer: with --server, search and quotes ask a running
// server and print what they print from the index; without it, a served
// index is "in use" and the error says to pass --server.
func TestSearchThroughServer(t *testing.T) {
	idx := searchFixture(t)
	commands := []struct {
		name string
		run  func(w *bytes.Buffer, args []string) error
		args []string
	}{
		{"search", func(w *bytes.Buffer, a []string) error { return searchTo(w, a) }, []string{"--category", "Business", "strike"}},
		{"search json", func(w *bytes.Buffer, a []string) error { return searchTo(w, a) }, []string{"--json", "--size", "1", "--page", "2", "strike"}},
		{"quotes", func(w *bytes.Buffer, a []string) error { return quotesTo(w, a) }, []string{"back"}},
		{"quotes json", func(w *bytes.Buffer, a []string) error { return quotesTo(w, a) }, []string{"--json", "--role", "official"}},
	}
	local := map[string]string{}
	for _, c := range commands {
		local[c.name] = run(t, func(w *bytes.Buffer) error { return c.run(w, append([]string{"--index", idx}, c.args...)) })
	}

	ix, err := index.Open(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srv, err := server.New(ix, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, c := range commands {
		remote := run(t, func(w *bytes.Buffer) error { return c.run(w, append([]string{"--server", ts.URL}, c.args...)) })
		if took.ReplaceAllString(remote, "") != took.ReplaceAllString(local[c.name], "") {
			t.Errorf("%s --server printed:\n%s\nwant, as from the index:\n%s", c.name, remote, local[c.name])
		}
		if !strings.Contains(remote, "Gd") {
			t.Errorf("%s printed nothing found:\n%s", c.name, remote)
		}
	}
	t.Setenv("NEWSINDEX_SERVER_URL", ts.URL)
	if out := run(t, func(w *bytes.Buffer) error { return searchTo(w, []string{"strike"}) }); !strings.HasPrefix(out, "2 articles") {
		t.Errorf("search with NEWSINDEX_SERVER_URL printed:\n%s", out)
	}
	t.Setenv("NEWSINDEX_SERVER_URL", "")

	err = searchTo(new(bytes.Buffer), []string{"--index", idx, "strike"})
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), "--server") {
		t.Errorf("search of a served index = %v, want an \"in use\" error that suggests --server", err)
	}
}
