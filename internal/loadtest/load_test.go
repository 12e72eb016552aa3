package loadtest

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/crashtest"
)

var (
	durationFlag = flag.Duration("load.duration", 0, "length of TestLoad's run (default $NEWSINDEX_LOAD_DURATION, else 10s)")
	seedFlag     = flag.Uint64("load.seed", 1, "random seed of TestLoad")
)

func duration(t *testing.T) time.Duration {
	if *durationFlag > 0 {
		return *durationFlag
	}
	if s := os.Getenv("NEWSINDEX_LOAD_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("NEWSINDEX_LOAD_DURATION=%q: want a duration such as 60s", s)
		}
		return d
	}
	return 10 * time.Second
}

// seedArticles are indexed before the run, so searches find something.
const seedArticles = 2000

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped under -short")
	}
	d := duration(t)
	ctx, cancel := context.WithTimeout(context.Background(), d+5*time.Minute)
	defer cancel()
	work := t.TempDir()
	bin, err := crashtest.Build(ctx, work)
	if err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(work, "index")
	ix, err := index.Create(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	srv, err := crashtest.Start(ctx, bin, work, idx)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Kill()
	if err := srv.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	seedStart := time.Now()
	if err := Seed(ctx, srv.URL, "", seedArticles, *seedFlag); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %d articles in %s", seedArticles, time.Since(seedStart).Round(time.Millisecond))

	r, err := Run(ctx, srv.URL, Config{Duration: d, PID: srv.Pid(), Seed: *seedFlag})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load: %s", r)
	for _, e := range r.FirstErrors {
		t.Errorf("error under load: %s", e)
	}
	if r.Errors != 0 {
		t.Errorf("%d errors under load, want 0", r.Errors)
	}
	if r.Searches.Count == 0 || r.Posts.Count == 0 {
		t.Errorf("no searches or posts completed: %s", r)
	}
	// A guard against the pathological only: the figure is in the log, and
	// CI machines shared by other jobs are slow.
	if r.Searches.P99 > 10*time.Second {
		t.Errorf("search p99 %s, want under 10s", r.Searches.P99)
	}
	// The index grows during the run, so some growth is expected; a leak
	// shows as heap growth far beyond it.
	if m := r.Memory; m.EndAnon > 3*m.StartAnon+256<<10 {
		t.Errorf("server heap grew from %d to %d MiB during the run", m.StartAnon>>10, m.EndAnon>>10)
	}

	// With the index fixed, memory must level off: compare the last third
	// of a search-only phase with its first.
	r2, err := Run(ctx, srv.URL, Config{Duration: d / 2, PID: srv.Pid(), Seed: *seedFlag + 1, NoIngest: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("search only: %s", r2)
	if r2.Errors != 0 {
		t.Errorf("%d errors when only searching, want 0: %q", r2.Errors, r2.FirstErrors)
	}
	if m := r2.Memory; m.AnonThirds[2] > m.AnonThirds[0]+m.AnonThirds[0]/2+32<<10 {
		t.Errorf("server heap grew from %d to %d MiB while only searching", m.AnonThirds[0]>>10, m.AnonThirds[2]>>10)
	}
	if err := srv.Stop(15 * time.Second); err != nil {
		t.Error(err)
	}
}
