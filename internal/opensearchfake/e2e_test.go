package opensearchfake_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/internal/crashtest"
)

// build compiles a package of the module into dir.
func build(t *testing.T, dir, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", out, "github.com/newsindex/newsindex/"+pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// startFake runs the fake cluster as its own process and returns its URL.
// It exits when the test ends (its standard input closes).
func startFake(t *testing.T, bin string) string {
	t.Helper()
	cmd := exec.Command(bin, "-stdin")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("fake: %v", err)
	}
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
}

func postJSON(t *testing.T, url string, v any) {
	t.Helper()
	b, _ := json.Marshal(v)
	res, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %s: %s", url, res.Status, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
}

// matches counts the hits that match, not the related ones.
func matches(hits []map[string]any) int {
	n := 0
	for _, h := range hits {
		if h["related"] != true {
			n++
		}
	}
	return n
}

type apiResult struct {
	Total  int                        `json:"total"`
	Hits   []map[string]any           `json:"hits"`
	Facets map[string]json.RawMessage `json:"facets"`
}

// TestEndToEnd runs the built newsindex ingest, export, import and serve
// as separate processes against the fake cluster, also a separate process
// on 127.0.0.1, and queries the HTTP API, comparing its answers with those
// of the same corpus in a bleve index. Faults are injected along the way
// (429s on bulk, a 503 on search, a refused document). It checks the
// adapter and the commands' wiring, not OpenSearch.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries")
	}
	dir := t.TempDir()
	ni := build(t, dir, "cmd/newsindex")
	fake := startFake(t, build(t, dir, "internal/opensearchfake/cmd/opensearchfake"))
	corpus, err := filepath.Abs("../demo/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	bleveDir := filepath.Join(dir, "bleve")
	base := []string{"NEWSINDEX_LOG_LEVEL=error", "NEWSINDEX_INDEX_PATH=" + bleveDir}
	osEnv := append(append([]string(nil), base...), "NEWSINDEX_INDEX_BACKEND=opensearch", "NEWSINDEX_OPENSEARCH_URLS="+fake,
		"NEWSINDEX_OPENSEARCH_REPLICAS=0", "NEWSINDEX_OPENSEARCH_STATE_DIR="+filepath.Join(dir, "state"))
	run := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(ni, args...)
		cmd.Dir = dir // no config.yaml there
		cmd.Env = append(os.Environ(), env...)
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	if out, err := run(base, "ingest", corpus); err != nil {
		t.Fatalf("ingest into bleve: %v\n%s", err, out)
	}

	// Ingest into the fake through two 429s on bulk: retried, all in.
	postJSON(t, fake+"/_fake/faults", map[string]any{"path": "_bulk", "status": 429, "times": 2})
	if out, err := run(osEnv, "ingest", "--batch-size", "50", corpus); err != nil || !strings.Contains(out, "added 144") {
		t.Fatalf("ingest into opensearch: %v\n%s", err, out)
	}

	// A document refused by the cluster fails the ingest, naming its article.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"refused-1","title":"Port strike","body":"Dockworkers walked out."}`+"\n"), 0o644)
	postJSON(t, fake+"/_fake/faults", map[string]any{"path": "_bulk", "kind": "bulk_item", "doc_id": "refused-1", "status": 400})
	if out, err := run(osEnv, "ingest", bad); err == nil || !strings.Contains(out, `article "refused-1"`) {
		t.Errorf("ingest of a refused document: %v, want a failure naming it\n%s", err, out)
	}

	// Export from bleve, import into a second alias on the fake: same count.
	exp := filepath.Join(dir, "export.jsonl")
	if out, err := run(base, "export", "--out", exp); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	if out, err := run(append(osEnv, "NEWSINDEX_OPENSEARCH_INDEX=migrated"), "import", exp); err != nil || !strings.Contains(out, "144 added") {
		t.Fatalf("import: %v\n%s", err, out)
	}

	// Serve from the fake; compare the API with bleve's answers.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	srv, err := crashtest.StartEnv(ctx, ni, dir, osEnv)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop(10 * time.Second)
	api := srv.URL
	for _, q := range []string{"", "strike", "central bank", `"interest rate"`, "ship*"} {
		out, err := run(base, "search", "--json", "--interval", "month", q)
		if err != nil {
			t.Fatalf("search %q in bleve: %v\n%s", q, err, out)
		}
		var want, got apiResult
		if err := json.Unmarshal([]byte(out), &want); err != nil {
			t.Fatal(err)
		}
		postJSON(t, fake+"/_fake/faults", map[string]any{"path": "_search", "status": 503})
		getJSON(t, api+"/api/search?interval=month&q="+urlQuery(q), &got)
		// The bleve engine follows few matches with related articles; the
		// OpenSearch engine does not add them yet.
		if got.Total != want.Total || matches(got.Hits) != matches(want.Hits) {
			t.Errorf("/api/search?q=%s: %d total, %d matches; bleve %d, %d", q, got.Total, matches(got.Hits), want.Total, matches(want.Hits))
		}
		if diff := cmp.Diff(want.Facets, got.Facets, cmp.Transformer("raw", func(r json.RawMessage) string { return string(r) })); diff != "" {
			t.Errorf("/api/search?q=%s facets differ (-bleve +opensearch):\n%s", q, diff)
		}
	}
	var quotes apiResult
	getJSON(t, api+"/api/quotes?role=analyst", &quotes)
	if quotes.Total == 0 {
		t.Error("/api/quotes?role=analyst found nothing")
	}
	getJSON(t, api+"/api/articles/demo-001", nil)
	for _, page := range []string{"/", "/?q=strike", "/?q=strike&collapse=none", "/quotes?q=rates"} {
		res, err := http.Get(api + page)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %s", page, res.Status)
		}
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer(" ", "+", `"`, "%22", "*", "%2A")
	return r.Replace(s)
}
