package index

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestOpenSearchParity runs against a real cluster when
// NEWSINDEX_OPENSEARCH_URL is set (NEWSINDEX_OPENSEARCH_USERNAME and
// NEWSINDEX_OPENSEARCH_PASSWORD for its credentials): it ingests the demo
// corpus into a bleve index in memory and into a fresh OpenSearch index of
// one shard, and compares totals, facet counts, histograms and top hits of
// a table of searches. Totals and counts must be equal; the engines score
// differently (bleve's TF-IDF, OpenSearch's BM25), so top hits need only
// overlap. The index is deleted afterwards. No cluster runs on the
// development machines, so there it skips.
func TestOpenSearchParity(t *testing.T) {
	url := os.Getenv("NEWSINDEX_OPENSEARCH_URL")
	if url == "" {
		t.Skip("NEWSINDEX_OPENSEARCH_URL not set: no OpenSearch cluster to compare with (the adapter is tested against the fake)")
	}
	ctx := context.Background()
	name := fmt.Sprintf("newsindex-parity-%d", time.Now().UnixNano())
	cfg := OpenSearchConfig{URLs: strings.Split(url, ","), Username: os.Getenv("NEWSINDEX_OPENSEARCH_USERNAME"),
		Password: os.Getenv("NEWSINDEX_OPENSEARCH_PASSWORD"), Index: name, Shards: 1, Replicas: 0, StateDir: t.TempDir()}
	ix, err := OpenSearch(ctx, cfg, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		ix.Close()
		req, _ := http.NewRequest(http.MethodDelete, strings.TrimRight(cfg.URLs[0], "/")+"/"+name+"-v1", nil)
		req.SetBasicAuth(cfg.Username, cfg.Password)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	bl, err := OpenMem(&Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	arts := demoArticles(t)
	for _, x := range []*Index{bl, ix} {
		if _, err := x.AddBatch(ctx, append([]Article(nil), arts...)); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"", "strike", "central bank", `"rate decision"`, "election -Peru", "ship*", "org:UN", "inflation OR ceasefire"} {
		r := SearchRequest{Query: q, Interval: IntervalMonth, FacetSize: 50}
		rb, err := bl.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ro, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if rb.Total != ro.Total {
			t.Errorf("Search(%q) total: bleve %d, opensearch %d", q, rb.Total, ro.Total)
		}
		if diff := cmp.Diff(rb.Facets, ro.Facets); diff != "" {
			t.Errorf("Search(%q) facets differ (-bleve +opensearch):\n%s", q, diff)
		}
		top := map[string]bool{}
		for _, h := range rb.Hits {
			top[h.ID] = true
		}
		shared := 0
		for _, h := range ro.Hits {
			if top[h.ID] {
				shared++
			}
		}
		if len(rb.Hits) > 0 && shared == 0 {
			t.Errorf("Search(%q): no top hit in common", q)
		}
		t.Logf("Search(%q): %d hits, %d of the top %d shared", q, rb.Total, shared, len(rb.Hits))
	}
}
