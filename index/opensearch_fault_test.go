package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsindex/newsindex/internal/opensearchfake"
)

// TestOpenSearchFaults injects the faults of a busy or failing cluster
// into the fake and checks how the adapter answers: it retries 429s, 5xx,
// timeouts, dropped connections and shards failed by a node that left,
// with backoff; it reports refused documents by article; it refuses
// partial search results. These tests
// check the adapter, not OpenSearch.
func TestOpenSearchFaults(t *testing.T) {
	ctx := context.Background()
	arts := fixtureArticles()
	for i := range arts {
		arts[i].Story = ""
	}
	tests := []struct {
		name   string
		faults []opensearchfake.Fault
		mod    func(*OpenSearchConfig)
		op     string // "write" or "search"
		// wantErr is a substring of the error, "" for success.
		wantErr string
		// path and wantRequests: how many requests to path the fake saw.
		path         string
		wantRequests int
	}{
		{name: "bulk_429_retried", faults: []opensearchfake.Fault{{Path: "_bulk", Status: 429, Times: 2}},
			op: "write", path: "_bulk", wantRequests: 3},
		{name: "bulk_503_retried", faults: []opensearchfake.Fault{{Path: "_bulk", Status: 503}},
			op: "write", path: "_bulk", wantRequests: 2},
		{name: "bulk_dropped_connection", faults: []opensearchfake.Fault{{Path: "_bulk", Kind: "drop"}},
			op: "write", path: "_bulk", wantRequests: 2},
		{name: "bulk_429_gives_up", faults: []opensearchfake.Fault{{Path: "_bulk", Status: 429, Times: 100}},
			mod: func(c *OpenSearchConfig) { c.MaxRetries = 3 }, op: "write", wantErr: "gave up after 4 attempts", path: "_bulk", wantRequests: 4},
		{name: "bulk_400_not_retried", faults: []opensearchfake.Fault{{Path: "_bulk", Status: 400}},
			op: "write", wantErr: "status 400", path: "_bulk", wantRequests: 1},
		{name: "bulk_item_refused", faults: []opensearchfake.Fault{{Path: "_bulk", Kind: "bulk_item", DocID: "a1#q0", Status: 400}},
			op: "write", wantErr: `article "a1" (document "a1#q0"): status 400: mapper_parsing_exception`, path: "_bulk", wantRequests: 1},
		{name: "bulk_item_429_retried", faults: []opensearchfake.Fault{{Path: "_bulk", Kind: "bulk_item", DocID: "a2", Status: 429}},
			op: "write", path: "_bulk", wantRequests: 2},
		{name: "search_500_retried", faults: []opensearchfake.Fault{{Path: "_search", Status: 500}},
			op: "search", path: "_search", wantRequests: 2},
		{name: "search_timeout_retried", faults: []opensearchfake.Fault{{Path: "_search", Kind: "delay", DelayMS: 1500}},
			mod: func(c *OpenSearchConfig) { c.Timeout = 300 * time.Millisecond }, op: "search", path: "_search", wantRequests: 2},
		{name: "search_dropped_connection", faults: []opensearchfake.Fault{{Path: "_search", Kind: "drop"}},
			op: "search", path: "_search", wantRequests: 2},
		{name: "search_failed_shards_retried", faults: []opensearchfake.Fault{{Path: "_search", Kind: "shards"}},
			op: "search", path: "_search", wantRequests: 2},
		{name: "search_failed_shards_gives_up", faults: []opensearchfake.Fault{{Path: "_search", Kind: "shards", Times: 100}},
			mod: func(c *OpenSearchConfig) { c.MaxRetries = 2 }, op: "search", wantErr: "1 of 2 shards failed: node_disconnected_exception", path: "_search", wantRequests: 3},
		{name: "search_failed_shards_not_transient", faults: []opensearchfake.Fault{{Path: "_search", Kind: "shards", Reason: "query_shard_exception"}},
			op: "search", wantErr: "1 of 2 shards failed: query_shard_exception", path: "_search", wantRequests: 1},
		{name: "search_failed_shards_allowed", faults: []opensearchfake.Fault{{Path: "_search", Kind: "shards"}},
			mod: func(c *OpenSearchConfig) { c.AllowPartial = true }, op: "search", path: "_search", wantRequests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeCluster(t)
			ix := openFake(t, srv.URL, tt.mod)
			if tt.op == "search" {
				if _, err := ix.AddBatch(ctx, arts); err != nil {
					t.Fatal(err)
				}
			}
			before := requestsTo(t, srv.URL, tt.path)
			for _, f := range tt.faults {
				fault(t, srv.URL, f)
			}
			var err error
			if tt.op == "write" {
				_, err = ix.AddBatch(ctx, arts)
			} else {
				var res *SearchResult
				res, err = ix.Search(ctx, SearchRequest{Query: "dockworkers"})
				if err == nil && res.Total != 1 {
					t.Errorf("Search total = %d, want 1", res.Total)
				}
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("%s: %v, want success", tt.op, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("%s: %v, want an error holding %q", tt.op, err, tt.wantErr)
			}
			if got := requestsTo(t, srv.URL, tt.path) - before; got != tt.wantRequests {
				t.Errorf("requests to %s = %d, want %d", tt.path, got, tt.wantRequests)
			}
			if tt.op == "write" && tt.wantErr == "" {
				if n, err := ix.Count(ctx); err != nil || n != 2 {
					t.Errorf("Count after write = %d, %v; want 2", n, err)
				}
			}
		})
	}
}

// TestOpenSearchBulkItemError checks that a refused document is reported
// by its article, as a bad record (ErrInvalidRequest), and that the rest of
// the write is stored.
func TestOpenSearchBulkItemError(t *testing.T) {
	ctx := context.Background()
	srv := fakeCluster(t)
	ix := openFake(t, srv.URL, nil)
	fault(t, srv.URL, opensearchfake.Fault{Path: "_bulk", Kind: "bulk_item", DocID: "a2", Status: 400})
	_, err := ix.AddBatch(ctx, fixtureArticles())
	var be *BulkError
	if !errors.As(err, &be) || len(be.Items) != 1 || be.Items[0].ArticleID != "a2" || !errors.Is(err, ErrInvalidRequest) {
		t.Fatalf("AddBatch = %v, want a BulkError naming a2 that is ErrInvalidRequest", err)
	}
	if _, err := ix.Article(ctx, "a1"); err != nil {
		t.Errorf("Article(a1) after a write where only a2 was refused: %v", err)
	}
	if _, err := ix.Article(ctx, "a2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(a2) = %v, want ErrNotFound", err)
	}
}

// TestOpenSearchDeepPages checks that pages beyond the result window are
// fetched with search_after and hold what from/size would give.
func TestOpenSearchDeepPages(t *testing.T) {
	ctx := context.Background()
	srv := fakeCluster(t)
	arts := demoArticles(t)[:40]
	wide := openFake(t, srv.URL, nil)
	if _, err := wide.AddBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	narrow := openFake(t, srv.URL, func(c *OpenSearchConfig) { c.MaxResultWindow = 7 })
	for _, sort := range []string{SortRelevance, SortDate} {
		for page := 1; page <= 9; page++ {
			r := SearchRequest{Query: "the OR said OR a", Sort: sort, Page: page, Size: 5, NoFacets: true}
			a, err := wide.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := narrow.Search(ctx, r)
			if err != nil {
				t.Fatalf("page %d beyond the window: %v", page, err)
			}
			if len(a.Hits) != len(b.Hits) || a.Total != b.Total {
				t.Fatalf("sort %s page %d: %d hits of %d from/size, %d of %d by search_after", sort, page, len(a.Hits), a.Total, len(b.Hits), b.Total)
			}
			for i := range a.Hits {
				if a.Hits[i].ID != b.Hits[i].ID {
					t.Errorf("sort %s page %d hit %d: %s from/size, %s by search_after", sort, page, i, a.Hits[i].ID, b.Hits[i].ID)
				}
			}
		}
	}
	n := 0
	for _, r := range fakeRequests(t, srv.URL) {
		if strings.Contains(r.Body, `"search_after"`) {
			n++
		}
	}
	if n == 0 {
		t.Error("no search used search_after")
	}
}

// TestBulkErrorFault checks which refusals are the document's fault
// (ErrInvalidRequest, a bad record) and which the cluster's.
func TestBulkErrorFault(t *testing.T) {
	for _, tt := range []struct {
		statuses []int
		want     bool
	}{
		{[]int{400}, true}, {[]int{409}, true}, {[]int{400, 413}, true},
		{[]int{403}, false}, // cluster_block_exception: an index blocked for writes
		{[]int{404}, false}, {[]int{429}, false}, {[]int{503}, false}, {[]int{400, 403}, false}, {nil, false},
	} {
		e := &BulkError{}
		for _, s := range tt.statuses {
			e.Items = append(e.Items, BulkItemError{ArticleID: "a", DocID: "a", Status: s})
		}
		if got := errors.Is(e, ErrInvalidRequest); got != tt.want {
			t.Errorf("statuses %v: errors.Is(ErrInvalidRequest) = %v, want %v", tt.statuses, got, tt.want)
		}
	}
}
