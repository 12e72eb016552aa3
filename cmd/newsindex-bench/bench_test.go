package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the bench binary as the child
// process of a run.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "-child" {
		if err := childMain(os.Args[2]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBenchSmoke runs the whole bench on 300 articles replayed from a small
// fixture and checks that the table has every engine and every query, and
// no errors. It never looks at timings.
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every engine")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	f := benchFlags{n: 300, corpus: filepath.Join("testdata", "articles.jsonl"), clients: 4,
		duration: 6 * 150 * time.Millisecond, work: work, engines: strings.Join(engineNames, ",")}
	rep, err := run(f, self, os.Stderr)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var out bytes.Buffer
	rep.print(&out)
	t.Log("\n" + out.String())
	if rep.Corpus.Articles != 300 || rep.Corpus.Distinct != 10 {
		t.Errorf("corpus = %d articles, %d distinct, want 300, 10", rep.Corpus.Articles, rep.Corpus.Distinct)
	}
	if len(rep.Engines) != len(engineNames) {
		t.Fatalf("%d engines in the report, want %d", len(rep.Engines), len(engineNames))
	}
	for i, e := range rep.Engines {
		if e.Name != engineNames[i] {
			t.Errorf("engine %d = %s, want %s", i, e.Name, engineNames[i])
		}
		if e.Error != "" {
			t.Errorf("%s: %s", e.Name, e.Error)
		}
		if e.Articles != 300 || e.IndexBytes <= 0 || e.ArticlesPerS <= 0 {
			t.Errorf("%s: articles %d, index bytes %d, articles/s %.0f", e.Name, e.Articles, e.IndexBytes, e.ArticlesPerS)
		}
		for _, k := range kinds {
			for _, c := range rep.Clients {
				st, ok := e.stats(k.name, c)
				switch {
				case !ok:
					t.Errorf("%s: no figures for %s with %d clients", e.Name, k.name, c)
				case st.Errors > 0:
					t.Errorf("%s: %s with %d clients: %d errors, first %s", e.Name, k.name, c, st.Errors, st.FirstError)
				case st.Queries == 0:
					t.Errorf("%s: %s with %d clients ran no query", e.Name, k.name, c)
				}
			}
		}
	}
	// The engines read the text the same way: a single word matches the
	// same articles in each.
	want, _ := rep.Engines[0].stats("single", 1)
	for _, e := range rep.Engines[1:] {
		got, _ := e.stats("single", 1)
		if !equalHits(got.Hits, want.Hits) {
			t.Errorf("%s single-term totals = %v, newsindex %v", e.Name, got.Hits, want.Hits)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Errorf("report does not encode: %v", err)
	}

	// Again on the indexes the run left: the same answers and ingest
	// figures, without an ingest.
	f.reuse, f.engines = true, "newsindex"
	again, err := run(f, self, os.Stderr)
	if err != nil {
		t.Fatalf("run with -reuse: %v", err)
	}
	first, second := rep.Engines[0], again.Engines[0]
	if second.Articles != first.Articles || second.IngestSeconds != first.IngestSeconds || second.IngestCPU != first.IngestCPU {
		t.Errorf("reused ingest = %d articles in %.2fs, %.2f CPU s; first run %d in %.2fs, %.2f CPU s",
			second.Articles, second.IngestSeconds, second.IngestCPU, first.Articles, first.IngestSeconds, first.IngestCPU)
	}
	if got, _ := second.stats("single", 1); !equalHits(got.Hits, want.Hits) {
		t.Errorf("reused index single-term totals = %v, first run %v", got.Hits, want.Hits)
	}
	f.n = 299
	if _, err := run(f, self, os.Stderr); err == nil {
		t.Error("reusing an index of 300 articles for -n 299: no error")
	}
}

func equalHits(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBuildCorpus(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "c.jsonl")
	info, err := buildCorpus(filepath.Join("testdata", "articles.jsonl"), dst, 25)
	if err != nil {
		t.Fatal(err)
	}
	if info.Articles != 25 || info.Distinct != 10 || info.TopSource != "Wire" {
		t.Errorf("buildCorpus = %+v, want 25 articles, 10 distinct, top source Wire", info)
	}
	ids := map[string]bool{}
	var n int
	err = readDocs(dst, func(d *doc) error {
		n++
		if ids[d.ID] {
			t.Errorf("id %q repeats", d.ID)
		}
		ids[d.ID] = true
		return nil
	})
	if err != nil || n != 25 {
		t.Errorf("read back %d articles, err %v; want 25", n, err)
	}
	for _, id := range []string{"t1", "t1~r1", "t5~r2"} {
		if !ids[id] {
			t.Errorf("id %q missing", id)
		}
	}
}

func TestFTSMatch(t *testing.T) {
	tests := []struct {
		words   []string
		phrases []string
		want    string
	}{
		{[]string{"oil"}, nil, `"oil"`},
		{words("oil prices"), nil, `"oil" "prices"`},
		{words(`NOT "x" OR y*`), nil, `"NOT" "x" "OR" "y"`},
		{nil, []string{"interest rates"}, `"interest rates"`},
		{words("market"), []string{"Jane Morrow", ""}, `"market" "Jane Morrow"`},
	}
	for _, tt := range tests {
		if got := ftsMatch(tt.words, tt.phrases...); got != tt.want {
			t.Errorf("ftsMatch(%q, %q) = %s, want %s", tt.words, tt.phrases, got, tt.want)
		}
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0, time.Millisecond}}
	for _, tt := range tests {
		if got := percentile(d, tt.p); got != tt.want {
			t.Errorf("percentile(1..100ms, %v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("percentile(nil, 0.5) = %v, want 0", got)
	}
}

// TestPeerServe checks both peers' /api/search on the fixture.
func TestPeerServe(t *testing.T) {
	for _, engine := range []string{"bleve", "fts5"} {
		t.Run(engine, func(t *testing.T) {
			ps, closeFn, err := openPeer(context.Background(), engine, filepath.Join("testdata", "articles.jsonl"), filepath.Join(t.TempDir(), engine))
			if err != nil {
				t.Fatal(err)
			}
			defer closeFn()
			srv := httptest.NewServer(peerHandler(ps))
			defer srv.Close()
			tests := []struct {
				q    string
				want []string // IDs, in any order
			}{
				{"oil", []string{"t1", "t5", "t9"}},
				{"interest rates", []string{"t1", "t2", "t8"}},
				{"football investors", []string{"t10"}},
				{"zebra", nil},
			}
			for _, tt := range tests {
				resp, err := http.Get(srv.URL + "/api/search?size=5&q=" + strings.ReplaceAll(tt.q, " ", "+"))
				if err != nil {
					t.Fatal(err)
				}
				var res peerResult
				err = json.NewDecoder(resp.Body).Decode(&res)
				resp.Body.Close()
				if err != nil {
					t.Fatalf("q=%s: %v", tt.q, err)
				}
				got := map[string]bool{}
				for _, h := range res.Hits {
					got[h.ID] = true
				}
				if int(res.Total) != len(tt.want) || len(got) != len(tt.want) {
					t.Errorf("q=%s: total %d, hits %v, want %v", tt.q, res.Total, res.Hits, tt.want)
					continue
				}
				for _, id := range tt.want {
					if !got[id] {
						t.Errorf("q=%s: hits %v, want %v", tt.q, res.Hits, tt.want)
					}
				}
			}
		})
	}
}
