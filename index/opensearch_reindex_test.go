package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/internal/opensearchfake"
)

// osCall sends one request to the cluster of cfg and returns its status
// and body.
func osCall(t *testing.T, cfg OpenSearchConfig, method, path, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, strings.TrimRight(cfg.URLs[0], "/")+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Username != "" {
		req.SetBasicAuth(cfg.Username, cfg.Password)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out
}

// aliasTarget is the index the alias of cfg points at.
func aliasTarget(t *testing.T, cfg OpenSearchConfig) string {
	t.Helper()
	status, body := osCall(t, cfg, http.MethodGet, "/_alias/"+cfg.Index, "")
	var res map[string]any
	if status != 200 || json.Unmarshal(body, &res) != nil || len(res) != 1 {
		t.Fatalf("alias %s: status %d: %s", cfg.Index, status, body)
	}
	for name := range res {
		return name
	}
	return ""
}

// writable reports whether index accepts a document (which it then holds).
func writable(t *testing.T, cfg OpenSearchConfig, index string) bool {
	t.Helper()
	status, body := osCall(t, cfg, http.MethodPost, "/"+index+"/_bulk",
		`{"index":{"_id":"probe"}}`+"\n"+`{"kind":"probe"}`+"\n")
	return status == 200 && !bytes.Contains(body, []byte(`"errors":true`))
}

// reindexSnapshot is what a rebuild must keep: totals and facets of some
// searches, and each article's story.
func reindexSnapshot(t *testing.T, ix *Index, ids []string) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, q := range []string{"", "strike", "central bank", "country:Japan", "category:business", "language:fr"} {
		res, err := ix.Search(ctx, SearchRequest{Query: q, FacetSize: 20})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%q total %d\n", q, res.Total)
		for _, f := range []Facet{FacetCategory, FacetCountry, FacetPerson, FacetLanguage} {
			fmt.Fprintf(&b, "  %s %v\n", f, res.Facets.Of(f))
		}
	}
	for _, id := range ids {
		a, err := ix.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s story %s quotes %d\n", id, a.Story, len(a.Quotes))
	}
	return b.String()
}

// testReindexOpenSearch rebuilds an index of the demo corpus twice on the
// cluster of cfg and checks what users rely on: the alias moves, every
// article, facet count and story is kept, the old index is kept read-only
// until it is deleted, and the index the alias points at cannot be.
func testReindexOpenSearch(t *testing.T, cfg OpenSearchConfig) {
	ctx := context.Background()
	arts := demoArticles(t)
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	ix, err := OpenSearch(ctx, cfg, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	before := reindexSnapshot(t, ix, ids)
	// A rebuild needs the state folder to itself, as a bleve reindex
	// needs the index: it fails clearly while a server holds it.
	if _, err := ReindexOpenSearch(ctx, cfg, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("rebuild while the index is open here: %v, want ErrLocked", err)
	}
	ix.Close()

	st, err := ReindexOpenSearch(ctx, cfg, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(arts) || st.OldIndex != cfg.Index+"-v1" || st.NewIndex != cfg.Index+"-v2" {
		t.Fatalf("stats %+v, want %d articles from %s-v1 to %s-v2", st, len(arts), cfg.Index, cfg.Index)
	}
	if st.Quotes == 0 {
		t.Errorf("no quotes rebuilt: %+v", st)
	}
	if got := aliasTarget(t, cfg); got != st.NewIndex {
		t.Fatalf("alias on %s, want %s", got, st.NewIndex)
	}
	if ix, err = OpenSearch(ctx, cfg, &Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	if after := reindexSnapshot(t, ix, ids); after != before {
		t.Errorf("the rebuilt index differs:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if writable(t, cfg, st.OldIndex) {
		t.Errorf("the old index %s accepts writes after the rebuild", st.OldIndex)
	}
	// Writes go to the new version.
	extra := arts[0]
	extra.ID = "reindex-extra"
	if err := ix.Add(ctx, extra); err != nil {
		t.Fatalf("write after the rebuild: %v", err)
	}
	if n, err := ix.Count(ctx); err != nil || n != uint64(len(arts)+1) {
		t.Fatalf("count after a write: %d, %v; want %d", n, err, len(arts)+1)
	}

	ix.Close()
	st2, err := ReindexOpenSearch(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ix, err = OpenSearch(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	if st2.OldIndex != st.NewIndex || st2.NewIndex != cfg.Index+"-v3" || st2.Articles != len(arts)+1 {
		t.Fatalf("second rebuild %+v", st2)
	}
	if err := DeleteOldOpenSearchIndex(ctx, cfg, st2.NewIndex); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("deleting the index the alias points at: %v, want ErrInvalidRequest", err)
	}
	for _, old := range []string{st.OldIndex, st2.OldIndex} {
		if err := DeleteOldOpenSearchIndex(ctx, cfg, old); err != nil {
			t.Errorf("delete %s: %v", old, err)
		}
		if status, _ := osCall(t, cfg, http.MethodGet, "/"+old, ""); status != 404 {
			t.Errorf("%s after its deletion: status %d", old, status)
		}
	}
	if n, err := ix.Count(ctx); err != nil || n != uint64(len(arts)+1) {
		t.Fatalf("count after deleting the old versions: %d, %v", n, err)
	}
}

func TestReindexOpenSearchFake(t *testing.T) {
	srv := fakeCluster(t)
	testReindexOpenSearch(t, OpenSearchConfig{URLs: []string{srv.URL}, Index: "news", Shards: 1, RetryBackoff: time.Millisecond,
		Timeout: 5 * time.Second, StateDir: t.TempDir()})
}

func TestReindexOpenSearchReal(t *testing.T) {
	cfg := realOpenSearch(t)
	cfg.Index = fmt.Sprintf("newsindex-reindex-%d", time.Now().UnixNano())
	cfg.Shards, cfg.StateDir = 1, t.TempDir()
	t.Cleanup(func() { osCall(t, cfg, http.MethodDelete, "/"+cfg.Index+"-v*", "") })
	testReindexOpenSearch(t, cfg)
}

// TestReindexOpenSearchFailure makes the alias move fail, and the removal
// of the new index with it: the alias stays where it was, the old index
// takes writes again, and the next rebuild removes what the failed one
// left and succeeds.
func TestReindexOpenSearchFailure(t *testing.T) {
	srv := fakeCluster(t)
	cfg := OpenSearchConfig{URLs: []string{srv.URL}, Shards: 1, RetryBackoff: time.Millisecond,
		MaxRetries: 1, Timeout: 5 * time.Second, StateDir: t.TempDir()}
	ctx := context.Background()
	ix, err := OpenSearch(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	arts := fixtureArticles()
	if _, err := ix.AddBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	cfg.Index = "newsindex"
	fault(t, srv.URL, opensearchfake.Fault{Method: http.MethodPost, Path: "/_aliases", Kind: "status", Status: 503, Times: 2})
	fault(t, srv.URL, opensearchfake.Fault{Method: http.MethodDelete, Path: "/newsindex-v2", Kind: "status", Status: 503, Times: 2})
	if _, err := ReindexOpenSearch(ctx, cfg, nil); err == nil || !strings.Contains(err.Error(), "alias is unchanged") {
		t.Fatalf("rebuild with the alias move failing: %v", err)
	}
	if got := aliasTarget(t, cfg); got != "newsindex-v1" {
		t.Fatalf("alias on %s after a failed rebuild", got)
	}
	if ix, err = OpenSearch(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	extra := arts[0]
	extra.ID = "after-failure"
	if err := ix.Add(ctx, extra); err != nil {
		t.Fatalf("the old index refuses writes after a failed rebuild: %v", err)
	}
	ix.Close()
	if status, _ := osCall(t, cfg, http.MethodGet, "/newsindex-v2", ""); status != 200 {
		t.Fatalf("the fault should have left newsindex-v2 (status %d)", status)
	}
	st, err := ReindexOpenSearch(ctx, cfg, nil)
	if err != nil {
		t.Fatalf("rebuild over a leftover: %v", err)
	}
	if st.NewIndex != "newsindex-v2" || st.Articles != len(arts)+1 {
		t.Fatalf("rebuild over a leftover: %+v", st)
	}
}

// TestReindexOpenSearchKeepsOthers: an index of the next version's name
// that no rebuild made is left alone, and the rebuild says so.
func TestReindexOpenSearchKeepsOthers(t *testing.T) {
	srv := fakeCluster(t)
	cfg := OpenSearchConfig{URLs: []string{srv.URL}, Shards: 1, RetryBackoff: time.Millisecond, StateDir: t.TempDir()}
	ix := openFake(t, srv.URL, func(c *OpenSearchConfig) { *c = cfg })
	if _, err := ix.AddBatch(context.Background(), fixtureArticles()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	cfg.Index = "newsindex"
	if status, body := osCall(t, cfg, http.MethodPut, "/newsindex-v2", `{"mappings":{"properties":{}}}`); status != 200 {
		t.Fatalf("create newsindex-v2: %d %s", status, body)
	}
	_, err := ReindexOpenSearch(context.Background(), cfg, nil)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("rebuild onto an index it did not make: %v, want ErrExists", err)
	}
	if got := aliasTarget(t, cfg); got != "newsindex-v1" {
		t.Fatalf("alias on %s", got)
	}
	if !writable(t, cfg, "newsindex-v1") {
		t.Error("the old index refuses writes after a refused rebuild")
	}
}
