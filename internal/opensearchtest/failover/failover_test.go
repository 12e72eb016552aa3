// Package failover_test runs a three-node OpenSearch cluster through the
// loss of a node (a package of its own, so that its time does not add to
// the other tests against OpenSearch in one test binary).
package failover_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/opensearchtest"
	"github.com/newsindex/newsindex/internal/server"
)

// word returns a made-up word for n, unique to it, that no analyzer
// splits or stems away: the article's own search key.
func word(n int) string {
	var b strings.Builder
	b.WriteString("zq")
	for range 5 {
		b.WriteByte(byte('a' + n%26))
		n /= 26
	}
	return b.String()
}

func failoverArticle(n int) index.Article {
	w := word(n)
	return index.Article{
		ID:        fmt.Sprintf("f%06d", n),
		Title:     fmt.Sprintf("Harbour report %s", w),
		Body:      fmt.Sprintf("The harbour report %s counts the ships. Cranes moved cargo at the quay on day %d.", w, n),
		Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute),
		Source:    "Harbour Post",
	}
}

// observed is what the search clients and the health poller saw.
type observed struct {
	mu                   sync.Mutex
	searches, errs       int
	firstErr, lastErr    time.Time
	errSample            []string
	okWhileDown          int
	statuses             map[string]int
	sawYellow, sawRed    bool
	yellowAt, greenAgain time.Time
}

func (o *observed) search(err error, down bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.searches++
	if err == nil {
		if down {
			o.okWhileDown++
		}
		return
	}
	now := time.Now()
	if o.errs == 0 {
		o.firstErr = now
	}
	o.errs++
	o.lastErr = now
	if len(o.errSample) < 5 {
		o.errSample = append(o.errSample, err.Error())
	}
}

// TestClusterFailover runs a cluster of three OpenSearch nodes on
// loopback, each its own JVM, with an index of 3 shards and 1 replica.
// Two writers ingest batches of articles while 8 clients search; one node
// (the elected cluster manager, the harder case) is killed with SIGKILL
// mid-ingest, then restarted. It checks that searches keep answering
// while the cluster is yellow, that it never goes red, that every article
// whose write was acknowledged is there afterwards, that the killed node
// rejoins and the cluster returns to green, and that a write the cluster
// refuses (the index blocked for writes) is reported to the client and
// not acknowledged. Run with -v for the figures:
//
//	go test ./internal/opensearchtest/failover -v
func TestClusterFailover(t *testing.T) {
	c := opensearchtest.StartForTest(t, opensearchtest.Options{Nodes: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	ix, err := index.OpenSearch(ctx, index.OpenSearchConfig{URLs: c.URLs(), Index: "failover", Shards: 3, Replicas: 1,
		StateDir: t.TempDir()}, &index.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := c.WaitFor(ctx, "green", 3); err != nil {
		t.Fatal(err)
	}

	var (
		next    atomic.Int64 // the next article number
		ackMu   sync.Mutex
		acked   []string
		refused []string
		down    atomic.Bool
		stop    = make(chan struct{})
		wg      sync.WaitGroup
		obs     = &observed{statuses: map[string]int{}}
	)
	start := time.Now()
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				batch := make([]index.Article, 50)
				for i := range batch {
					batch[i] = failoverArticle(int(next.Add(1)))
				}
				_, err := ix.AddBatch(ctx, batch)
				ackMu.Lock()
				if err == nil {
					for _, a := range batch {
						acked = append(acked, a.ID)
					}
				} else {
					refused = append(refused, err.Error())
				}
				ackMu.Unlock()
			}
		}()
	}
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(i), 1))
			queries := []string{"", "harbour", "cargo quay", `"harbour report"`, "ship*"}
			for {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
				q := queries[rnd.IntN(len(queries))]
				if n := next.Load(); rnd.IntN(2) == 0 && n > 0 {
					q = word(rnd.IntN(int(n)) + 1)
				}
				isDown := down.Load()
				_, err := ix.Search(ctx, index.SearchRequest{Query: q, FacetSize: 5})
				obs.search(err, isDown)
			}
		}()
	}
	wg.Add(1)
	go func() { // the health poller
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
			h, err := c.Health(ctx)
			if err != nil {
				continue
			}
			obs.mu.Lock()
			obs.statuses[h.Status]++
			switch h.Status {
			case "red":
				obs.sawRed = true
			case "yellow":
				if !obs.sawYellow {
					obs.yellowAt = time.Now()
				}
				obs.sawYellow = true
			}
			obs.mu.Unlock()
		}
	}()

	time.Sleep(6 * time.Second)
	victim := clusterManager(t, c)
	ackedBefore := len(snapshot(&ackMu, &acked))
	killedAt := time.Now()
	if err := c.Kill(victim); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	t.Logf("killed %s (the cluster manager, pid gone) after %.1fs, %d articles acknowledged", c.Nodes[victim].Name, killedAt.Sub(start).Seconds(), ackedBefore)
	// Keep the node down 15 s, and until writes were acknowledged without
	// it (a loaded machine may take longer), at most 2 minutes.
	time.Sleep(15 * time.Second)
	for deadline := time.Now().Add(2 * time.Minute); len(snapshot(&ackMu, &acked)) == ackedBefore && time.Now().Before(deadline); {
		time.Sleep(time.Second)
	}
	ackedWhileDown := len(snapshot(&ackMu, &acked)) - ackedBefore
	restartAt := time.Now()
	if err := c.Restart(ctx, victim); err != nil {
		t.Fatal(err)
	}
	down.Store(false)
	if err := c.WaitFor(ctx, "green", 3); err != nil {
		t.Fatal(err)
	}
	greenAt := time.Now()
	time.Sleep(2 * time.Second)
	close(stop)
	wg.Wait()
	elapsed := time.Since(start)

	// A write the cluster refuses is reported, not acknowledged.
	setWriteBlock(t, c, true)
	blocked := failoverArticle(9_999_999)
	_, err = ix.AddBatch(ctx, []index.Article{blocked})
	var be *index.BulkError
	if err == nil {
		t.Error("a write into an index blocked for writes was acknowledged")
	} else if !errors.As(err, &be) || !strings.Contains(err.Error(), "cluster_block_exception") {
		t.Errorf("refused write: %v, want a BulkError naming cluster_block_exception", err)
	} else if errors.Is(err, index.ErrInvalidRequest) {
		t.Errorf("refused write: %v is reported as the article's fault (ErrInvalidRequest)", err)
	}
	t.Logf("refused write reported: %v", err)
	// The same through the HTTP API: an error, not an acknowledgement.
	srv, err := server.New(ix, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	res, err := http.Post(ts.URL+"/api/articles", "application/json", strings.NewReader(`{"id":"f9999998","title":"Harbour report","body":"Cranes."}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	ts.Close()
	if res.StatusCode < 500 || !strings.HasPrefix(string(b), `{"error":`) {
		t.Errorf("POST /api/articles into a blocked index: %s %s, want a 5xx JSON error", res.Status, b)
	}
	t.Logf("POST /api/articles into the blocked index: %s %s", res.Status, strings.TrimSpace(string(b)))
	setWriteBlock(t, c, false)
	if _, err := ix.Article(ctx, "f9999998"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("Article(f9999998) after a refused POST: %v, want ErrNotFound", err)
	}
	if _, err := ix.Article(ctx, blocked.ID); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("Article(%s) after a refused write: %v, want ErrNotFound", blocked.ID, err)
	}

	// Every acknowledged article is there, and found by its word.
	stored := map[string]bool{}
	if err := ix.Each(ctx, func(a index.Article) error { stored[a.ID] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	lost := 0
	for _, id := range acked {
		if !stored[id] {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged article %s is lost", id)
			}
		}
	}
	rnd := rand.New(rand.NewPCG(7, 7))
	for range 50 {
		id := acked[rnd.IntN(len(acked))]
		var n int
		fmt.Sscanf(id, "f%d", &n)
		res, err := ix.Search(ctx, index.SearchRequest{Query: word(n), NoFacets: true})
		if err != nil || res.Total != 1 || res.Hits[0].ID != id {
			t.Errorf("search for the word of %s: %v, %+v", id, err, res)
		}
	}
	count, _ := ix.Count(ctx)
	t.Logf("articles acknowledged %d (%d while the node was down), stored %d, count %d, lost %d; batches not acknowledged %d; %.0f articles/s over %.1fs",
		len(acked), ackedWhileDown, len(stored), count, lost, len(refused), float64(len(acked))/elapsed.Seconds(), elapsed.Seconds())
	if len(refused) > 0 {
		t.Logf("first batch not acknowledged: %s", refused[0])
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	errWindow := time.Duration(0)
	if obs.errs > 0 {
		errWindow = obs.lastErr.Sub(obs.firstErr)
		t.Logf("search errors: %d of %d searches, from %.1fs to %.1fs after the kill (%.1fs); e.g. %q", obs.errs, obs.searches,
			obs.firstErr.Sub(killedAt).Seconds(), obs.lastErr.Sub(killedAt).Seconds(), errWindow.Seconds(), obs.errSample)
	} else {
		t.Logf("search errors: 0 of %d searches", obs.searches)
	}
	t.Logf("searches answered while the node was down: %d; health seen %v; yellow %.1fs after the kill; restarted after %.1fs, green %.1fs after the restart",
		obs.okWhileDown, obs.statuses, obs.yellowAt.Sub(killedAt).Seconds(), restartAt.Sub(killedAt).Seconds(), greenAt.Sub(restartAt).Seconds())
	if len(acked) == 0 || ackedWhileDown == 0 {
		t.Errorf("%d articles acknowledged, %d while a node was down: ingest did not go on", len(acked), ackedWhileDown)
	}
	if obs.okWhileDown == 0 {
		t.Error("no search answered while the node was down")
	}
	if !obs.sawYellow {
		t.Error("the cluster was never seen yellow with a node down")
	}
	if obs.sawRed {
		t.Error("the cluster went red: with one replica, losing one node must leave a copy of every shard")
	}
	if errWindow > 10*time.Second {
		t.Errorf("searches failed over %.1fs", errWindow.Seconds())
	}
}

func snapshot(mu *sync.Mutex, s *[]string) []string {
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), *s...)
}

// clusterManager returns the index of the elected cluster manager.
func clusterManager(t *testing.T, c *opensearchtest.Cluster) int {
	t.Helper()
	b := request(t, http.MethodGet, c.Nodes[0].URL+"/_cat/cluster_manager?h=node", "")
	name := strings.TrimSpace(b)
	for i, n := range c.Nodes {
		if n.Name == name {
			return i
		}
	}
	t.Fatalf("cluster manager %q is none of the nodes", name)
	return 0
}

func setWriteBlock(t *testing.T, c *opensearchtest.Cluster, on bool) {
	t.Helper()
	request(t, http.MethodPut, c.Nodes[0].URL+"/failover/_settings", fmt.Sprintf(`{"index.blocks.write": %v}`, on))
}

func request(t *testing.T, method, url, body string) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %s: %s", method, url, res.Status, b)
	}
	return string(b)
}
