package opensearchtest

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSingleNode starts one node and checks that it answers as the
// version the module builds, with the analysis the newsindex mapping
// needs (snowball and the possessive stemmer of the common analysis
// module).
func TestSingleNode(t *testing.T) {
	c := StartForTest(t, Options{})
	b := get(t, c.Nodes[0].URL+"/")
	if !strings.Contains(b, `"number" : "`+Version+`"`) {
		t.Errorf("GET / = %s, want version %s", b, Version)
	}
	res, err := http.Post(c.Nodes[0].URL+"/_analyze", "application/json", strings.NewReader(
		`{"tokenizer":"standard","filter":[{"type":"stemmer","language":"possessive_english"},"lowercase",{"type":"snowball","language":"English"}],"text":"The Bank's rates"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	for _, tok := range []string{`"token":"bank"`, `"token":"rate"`} {
		if !strings.Contains(string(out), tok) {
			t.Errorf("_analyze = %s, want %s", out, tok)
		}
	}
	pid := c.Nodes[0].PID()
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if c.Nodes[0].Running() || pid == 0 {
		t.Errorf("node %d still running after Stop", pid)
	}
}

// TestKillRestart starts three nodes, kills one with SIGKILL, and checks
// that the other two keep the cluster and that the killed node rejoins.
func TestKillRestart(t *testing.T) {
	c := StartForTest(t, Options{Nodes: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := c.Kill(1); err != nil {
		t.Fatal(err)
	}
	if c.Nodes[1].Running() {
		t.Fatal("node-2 runs after Kill")
	}
	if err := c.WaitFor(ctx, "green", 2); err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(ctx, "green", 3); err != nil {
		t.Fatal(err)
	}
	if b := get(t, c.Nodes[1].URL+"/_cat/nodes?h=name"); strings.Count(b, "node-") != 3 {
		t.Errorf("_cat/nodes from the restarted node = %q, want three nodes", b)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", url, res.Status, b)
	}
	return string(b)
}
