package opensearchtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/crashtest"
	"github.com/newsindex/newsindex/internal/opensearchtest"
)

func TestMain(m *testing.M) { os.Exit(opensearchtest.Main(m)) }

var binary struct {
	once sync.Once
	path string
	err  error
}

// newsindexBinary builds cmd/newsindex once for the package's tests.
func newsindexBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "newsindex-bin-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path, binary.err = crashtest.Build(context.Background(), dir)
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// cli runs the newsindex binary in dir (no config.yaml there) with env
// added to the caller's environment less its NEWSINDEX_ settings.
type cli struct {
	t   *testing.T
	bin string
	dir string
}

func (c cli) run(env []string, args ...string) string {
	c.t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Dir = c.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEWSINDEX_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.t.Fatalf("newsindex %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// osEnv configures the opensearch backend on cluster c, index name.
func osEnv(c *opensearchtest.Cluster, name, stateDir string) []string {
	return []string{"NEWSINDEX_LOG_LEVEL=error", "NEWSINDEX_INDEX_BACKEND=opensearch",
		"NEWSINDEX_OPENSEARCH_URLS=" + strings.Join(c.URLs(), ","), "NEWSINDEX_OPENSEARCH_INDEX=" + name,
		"NEWSINDEX_OPENSEARCH_REPLICAS=0", "NEWSINDEX_OPENSEARCH_STATE_DIR=" + stateDir}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

type apiResult struct {
	Total int `json:"total"`
	Hits  []struct {
		ID      string
		Related bool
	} `json:"hits"`
	Facets map[string]json.RawMessage `json:"facets"`
}

// matches counts the hits that match, not the related articles the bleve
// engine follows few matches with (the OpenSearch engine adds none).
func (r apiResult) matches() int {
	n := 0
	for _, h := range r.Hits {
		if !h.Related {
			n++
		}
	}
	return n
}

// TestServeOnOpenSearch runs the product on a real OpenSearch node, as
// processes: `newsindex ingest` of the demo corpus into bleve and into
// OpenSearch, `export` from bleve and `import` into a second OpenSearch
// index, then `newsindex serve` with index.backend: opensearch, whose
// HTTP API must answer as `newsindex search` does on bleve.
func TestServeOnOpenSearch(t *testing.T) {
	node := opensearchtest.Shared(t)
	dir := t.TempDir()
	c := cli{t, newsindexBinary(t), dir}
	corpus, err := filepath.Abs("../demo/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"NEWSINDEX_LOG_LEVEL=error", "NEWSINDEX_INDEX_PATH=" + filepath.Join(dir, "bleve")}
	c.run(base, "ingest", corpus)
	ingested := osEnv(node, "serve-ingested", filepath.Join(dir, "state1"))
	if out := c.run(ingested, "ingest", "--batch-size", "50", corpus); !strings.Contains(out, "added 144") {
		t.Fatalf("ingest into opensearch: %s", out)
	}
	exp := filepath.Join(dir, "export.jsonl")
	c.run(base, "export", "--out", exp)
	imported := osEnv(node, "serve-imported", filepath.Join(dir, "state2"))
	if out := c.run(imported, "import", exp); !strings.Contains(out, "144 added") {
		t.Fatalf("import into opensearch: %s", out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, env := range [][]string{ingested, imported} {
		srv, err := crashtest.StartEnv(ctx, c.bin, dir, env)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"", "strike", "central bank", `"interest rate"`, "ship*", "inflation -oil", "person:Cardenas"} {
			var want, got apiResult
			if err := json.Unmarshal([]byte(c.run(base, "search", "--json", "--interval", "month", "--size", "100", q)), &want); err != nil {
				t.Fatal(err)
			}
			getJSON(t, srv.URL+"/api/search?interval=month&size=100&q="+url.QueryEscape(q), &got)
			if got.Total != want.Total || got.matches() != want.matches() {
				t.Errorf("/api/search?q=%s: %d total, %d matches; bleve %d, %d", q, got.Total, got.matches(), want.Total, want.matches())
			}
			if diff := cmp.Diff(want.Facets, got.Facets, cmp.Transformer("raw", func(r json.RawMessage) string { return string(r) })); diff != "" {
				t.Errorf("/api/search?q=%s facets differ (-bleve +opensearch):\n%s", q, diff)
			}
		}
		var quotes apiResult
		getJSON(t, srv.URL+"/api/quotes?role=analyst", &quotes)
		if quotes.Total == 0 {
			t.Error("/api/quotes?role=analyst found nothing")
		}
		for _, page := range []string{"/", "/?q=strike", "/?q=strike&collapse=none", "/quotes?q=rates", "/articles/demo-001"} {
			res, err := http.Get(srv.URL + page)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %s", page, res.Status)
			}
		}
		if err := srv.Stop(10 * time.Second); err != nil {
			t.Errorf("serve: %v", err)
		}
	}
}

// corpusPath is the development corpus, beside the checkout.
const corpusPath = "../../../shared/data/corpus.jsonl"

var countsRE = regexp.MustCompile(`added (\d+)`)

// TestCorpusOnOpenSearch moves the 23,072 articles of the development
// corpus (../shared/data/corpus.jsonl; skipped where it is absent) from
// bleve to OpenSearch as a user would: `newsindex ingest` into bleve,
// `export`, `import` into one OpenSearch node. Every article must come
// back equal, and every facet count, the histograms, suggestions and a
// table of searches must be equal. It logs the time of each step and the
// latency of searches with all facets on both engines (run with -v).
// NEWSINDEX_OPENSEARCH_INGEST=1 also times `newsindex ingest` of the
// corpus straight into OpenSearch, enrichment included.
func TestCorpusOnOpenSearch(t *testing.T) {
	if _, err := os.Stat(corpusPath); err != nil {
		t.Skipf("%s not found: no development corpus", corpusPath)
	}
	node := opensearchtest.Shared(t)
	dir := t.TempDir()
	c := cli{t, newsindexBinary(t), dir}
	corpus, _ := filepath.Abs(corpusPath)
	bleveDir := filepath.Join(dir, "bleve")
	base := []string{"NEWSINDEX_LOG_LEVEL=error", "NEWSINDEX_INDEX_PATH=" + bleveDir}
	timed := func(what string, n int, fn func()) {
		start := time.Now()
		fn()
		d := time.Since(start)
		if n > 0 {
			t.Logf("%s: %.1fs, %.0f articles/s", what, d.Seconds(), float64(n)/d.Seconds())
		} else {
			t.Logf("%s: %.1fs", what, d.Seconds())
		}
	}
	var added int
	timed("ingest into bleve (enrichment included)", 23072, func() {
		out := c.run(base, "ingest", corpus)
		if m := countsRE.FindStringSubmatch(out); m != nil {
			fmt.Sscan(m[1], &added)
		}
	})
	if added < 20000 {
		t.Fatalf("ingest into bleve added %d articles", added)
	}
	exp := filepath.Join(dir, "export.jsonl")
	timed("export from bleve", added, func() { c.run(base, "export", "--out", exp) })
	env := osEnv(node, "corpus", filepath.Join(dir, "state"))
	timed("import into opensearch (one node, one shard)", added, func() {
		if out := c.run(env, "import", exp); !strings.Contains(out, fmt.Sprintf("%d added", added)) {
			t.Fatalf("import: %s", out)
		}
	})
	if os.Getenv("NEWSINDEX_OPENSEARCH_INGEST") == "1" {
		env2 := osEnv(node, "corpus-ingest", filepath.Join(dir, "state2"))
		timed("ingest into opensearch (enrichment included)", added, func() { c.run(env2, "ingest", corpus) })
	}

	ctx := context.Background()
	bl, err := index.Open(bleveDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	osx, err := index.OpenSearch(ctx, index.OpenSearchConfig{URLs: node.URLs(), Index: "corpus", StateDir: filepath.Join(dir, "state")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer osx.Close()

	// Every article, field for field.
	arts := map[string]index.Article{}
	if err := bl.Each(ctx, func(a index.Article) error { arts[a.ID] = a; return nil }); err != nil {
		t.Fatal(err)
	}
	seen, differ := 0, 0
	err = osx.Each(ctx, func(a index.Article) error {
		seen++
		if b, ok := arts[a.ID]; !ok || !sameArticle(a, b) {
			differ++
			if differ <= 3 {
				ja, _ := json.MarshalIndent(a, "", " ")
				jb, _ := json.MarshalIndent(b, "", " ")
				t.Errorf("article %s differs (-bleve +opensearch):\n%s", a.ID, cmp.Diff(string(jb), string(ja)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(arts) || differ > 0 {
		t.Errorf("articles: %d in bleve, %d in opensearch, %d differ", len(arts), seen, differ)
	}

	// Every facet count: the top 1,000 values of each facet (all values
	// of most), and through suggestions the counts of every value.
	queries := []string{"", "oil", "bank rates", `"trade deficit"`, "grain -wheat", "opec OR crude", "coffee*", "person:Baker", "country:Japan"}
	for _, q := range queries {
		for _, r := range []index.SearchRequest{
			{Query: q, FacetSize: index.MaxFacetSize, Interval: index.IntervalDay},
			{Query: q, FacetSize: 50, Interval: index.IntervalMonth, CountStories: true},
			{Query: q, Collapse: true, NoFacets: true, Size: 100},
		} {
			rb, err := bl.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			ro, err := osx.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if rb.Total != ro.Total || !near(rb.Stories, ro.Stories) {
				t.Errorf("Search(%q stories=%v collapse=%v): total %d/%d, stories %d/%d (bleve/opensearch)", q, r.CountStories, r.Collapse, rb.Total, ro.Total, rb.Stories, ro.Stories)
			}
			var opts []cmp.Option
			if r.CountStories {
				// Stories are counted exactly up to 1,000 a value (the
				// adapter's precision threshold), within 2 % above.
				opts = storiesNear
			}
			if diff := cmp.Diff(rb.Facets, ro.Facets, opts...); diff != "" {
				t.Errorf("Search(%q stories=%v) facets differ (-bleve +opensearch):\n%s", q, r.CountStories, diff)
			}
			if len(ro.FacetErrors) > 0 {
				t.Errorf("Search(%q): facet error bounds %v", q, ro.FacetErrors)
			}
		}
	}
	// Suggestions: each count is the number of articles a filter on the
	// value finds. (bleve's suggestion counts come from its field
	// dictionaries, which undercount on an index of several segments:
	// those are compared with the filters and reported, not required.)
	suggested, bleveShort := 0, 0
	for a := 'a'; a <= 'z'; a += 3 {
		for b := 'a'; b <= 'z'; b += 5 {
			p := string([]rune{a, b})
			so, err := osx.Suggest(ctx, p, 5)
			if err != nil {
				t.Fatal(err)
			}
			sb, err := bl.Suggest(ctx, p, 5)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sb {
				if n := filtered(t, bl, s); n != s.Count {
					bleveShort++
				}
			}
			for _, s := range so {
				suggested++
				if n := filtered(t, osx, s); n != s.Count {
					t.Errorf("Suggest(%q) on opensearch: %s %q counts %d, a filter finds %d", p, s.Type, s.Value, s.Count, n)
				}
			}
		}
	}
	t.Logf("suggestions: %d on opensearch, every count equal to its filter's; %d of bleve's differ from theirs", suggested, bleveShort)
	t.Logf("%d articles equal; facets of %d searches equal", seen, len(queries)*3)

	// Latency of the search box (all facets, the histogram, a page of
	// hits), each engine alone, after one warm-up round.
	for _, e := range []struct {
		name string
		ix   *index.Index
	}{{"bleve", bl}, {"opensearch", osx}} {
		var ds []time.Duration
		for round := range 6 {
			for _, q := range queries {
				start := time.Now()
				if _, err := e.ix.Search(ctx, index.SearchRequest{Query: q}); err != nil {
					t.Fatal(err)
				}
				if round > 0 {
					ds = append(ds, time.Since(start))
				}
			}
		}
		slices.Sort(ds)
		t.Logf("search with all facets on %s, 23k articles: p50 %.1f ms, p99 %.1f ms (%d searches)", e.name,
			ms(ds[len(ds)/2]), ms(ds[len(ds)*99/100]), len(ds))
	}
}

// filtered is how many articles a filter on the suggested value finds.
func filtered(t *testing.T, ix *index.Index, s index.Suggestion) int {
	t.Helper()
	res, err := ix.Search(context.Background(), index.SearchRequest{Filters: map[index.Facet][]string{index.Facet(s.Type): {s.Value}}, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

// storiesNear compares counts of stories: equal up to 1,000, within 2 %
// above (OpenSearch counts them with HyperLogLog++).
var storiesNear = []cmp.Option{
	cmp.Comparer(func(a, b index.FacetCount) bool { return a.Value == b.Value && near(a.Count, b.Count) }),
	cmp.Comparer(func(a, b index.DateCount) bool { return a.Date == b.Date && near(a.Count, b.Count) }),
}

func near(a, b int) bool {
	if a <= 1000 || b <= 1000 {
		return a == b
	}
	return math.Abs(float64(a-b)) <= 0.02*float64(a)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// sameArticle compares what an article holds, as export writes it.
func sameArticle(a, b index.Article) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
