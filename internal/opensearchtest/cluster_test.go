package opensearchtest

import (
	"io"
	"net/http"
	"strings"
	"testing"
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
