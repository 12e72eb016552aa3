package crashtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
)

var (
	cyclesFlag = flag.Int("cycles", 0, "kill-and-restart cycles of TestCrash (default $NEWSINDEX_CRASH_CYCLES, else 20)")
	seedFlag   = flag.Uint64("seed", 0, "random seed of TestCrash (0: from the clock)")
	budgetFlag = flag.Duration("crash.budget", 15*time.Minute, "longest TestCrash may run")
)

const clients = 4

func cycles(t *testing.T) int {
	if *cyclesFlag > 0 {
		return *cyclesFlag
	}
	if s := os.Getenv("NEWSINDEX_CRASH_CYCLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("NEWSINDEX_CRASH_CYCLES=%q: want a positive number", s)
		}
		return n
	}
	return 20
}

// setup builds the binary and creates an empty index in a temporary folder.
func setup(t *testing.T) (bin, work, idx string) {
	t.Helper()
	work = t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, err := Build(ctx, work)
	if err != nil {
		t.Fatal(err)
	}
	idx = filepath.Join(work, "index")
	ix, err := index.Create(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return bin, work, idx
}

// served is setup with the server started on the index and answering; it
// is killed when the test ends.
func served(ctx context.Context, t *testing.T) (srv *Server, bin, work, idx string) {
	t.Helper()
	bin, work, idx = setup(t)
	srv, err := Start(ctx, bin, work, idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Kill() })
	if err := srv.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	return srv, bin, work, idx
}

// doc is an article the test posted, and what must be found of it.
type doc struct {
	ID, Word, Title, Source string
}

var categories = []string{"Business", "World", "Sports", "Technology"}

func article(d doc, cat string) map[string]any {
	return map[string]any{
		"id":       d.ID,
		"title":    d.Title,
		"source":   d.Source,
		"category": cat,
		"body": fmt.Sprintf(`"Traffic at the terminal rose again this week," said Maria Lopez, an analyst at Harbour Bank. `+
			`The %s ledger lists cargo from Rotterdam and Singapore. Port officials said the cranes would run all night.`, d.Word),
	}
}

// ledger records what the server acknowledged and what it may hold.
type ledger struct {
	mu      sync.Mutex
	acked   []doc   // answered 2xx: must be there
	pending [][]doc // batches in flight when the server died: all or none
	present int     // pending articles found after a restart
}

func (l *ledger) ack(b []doc) {
	l.mu.Lock()
	l.acked = append(l.acked, b...)
	l.mu.Unlock()
}

func (l *ledger) lost(b []doc) {
	l.mu.Lock()
	l.pending = append(l.pending, b)
	l.mu.Unlock()
}

// post sends one batch as JSON Lines and reports whether it was
// acknowledged. A batch the server refused is a test failure, not a crash.
func post(ctx context.Context, c *http.Client, base string, b []doc, rnd *rand.Rand) (bool, error) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	for _, d := range b {
		enc.Encode(article(d, categories[rnd.IntN(len(categories))]))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/articles", &body)
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := c.Do(req)
	if err != nil {
		return false, nil // the server died: not acknowledged
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return false, nil // died while answering
	}
	if resp.StatusCode/100 != 2 {
		return false, fmt.Errorf("POST /api/articles: %s: %s", resp.Status, out)
	}
	var res struct {
		Added, Replaced, Rejected int
		IDs                       []string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return false, fmt.Errorf("POST /api/articles: answer %q: %w", out, err)
	}
	if res.Rejected != 0 || res.Added != len(b) || len(res.IDs) != len(b) {
		return false, fmt.Errorf("POST /api/articles of %d new articles: %s", len(b), out)
	}
	return true, nil
}

func getJSON(ctx context.Context, base, path string, v any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil
	}
	return resp.StatusCode, json.Unmarshal(b, v)
}

// verify checks that d is stored once, searchable by its word, and counted
// under its category and source.
func verify(ctx context.Context, base string, d doc) error {
	var a index.Article
	code, err := getJSON(ctx, base, "/api/articles/"+url.PathEscape(d.ID), &a)
	if err != nil {
		return fmt.Errorf("GET %s: %w", d.ID, err)
	}
	if code != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", d.ID, code)
	}
	if a.ID != d.ID || a.Title != d.Title || a.Category == "" {
		return fmt.Errorf("GET %s: got id %q title %q category %q", d.ID, a.ID, a.Title, a.Category)
	}
	v := url.Values{"q": {d.Word}, "category": {a.Category}, "source": {d.Source}}
	var res index.SearchResult
	if code, err := getJSON(ctx, base, "/api/search?"+v.Encode(), &res); err != nil || code != http.StatusOK {
		return fmt.Errorf("search %s: status %d, %v", v.Encode(), code, err)
	}
	// Related articles may follow the one match; they are not counted.
	if res.Total != 1 || len(res.Hits) == 0 || res.Hits[0].ID != d.ID || len(res.Hits) > 1 && !res.Hits[1].Related {
		return fmt.Errorf("search %s: %d hits, want exactly %s", v.Encode(), res.Total, d.ID)
	}
	if !counted(res.Facets.Category, a.Category) || !counted(res.Facets.Source, d.Source) {
		return fmt.Errorf("search %s: facets category %v source %v, want %s and %s once", v.Encode(), res.Facets.Category, res.Facets.Source, a.Category, d.Source)
	}
	return nil
}

func counted(fc []index.FacetCount, v string) bool {
	return len(fc) == 1 && fc[0].Value == v && fc[0].Count == 1
}

// exists reports whether an article is stored.
func exists(ctx context.Context, base, id string) (bool, error) {
	var a index.Article
	code, err := getJSON(ctx, base, "/api/articles/"+url.PathEscape(id), &a)
	switch {
	case err != nil:
		return false, err
	case code == http.StatusOK:
		return true, nil
	case code == http.StatusNotFound:
		return false, nil
	}
	return false, fmt.Errorf("GET %s: status %d", id, code)
}

// verifyAll runs verify over docs with a few workers and returns the first
// failures.
func verifyAll(ctx context.Context, base string, docs []doc) []error {
	var (
		mu   sync.Mutex
		errs []error
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range 4 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				if err := verify(ctx, base, docs[i]); err != nil {
					mu.Lock()
					if len(errs) < 20 {
						errs = append(errs, err)
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return errs
}

func articleCount(ctx context.Context, base string) (int, error) {
	var r struct{ Articles int }
	code, err := getJSON(ctx, base, "/readyz", &r)
	if err != nil || code != http.StatusOK {
		return 0, fmt.Errorf("readyz: status %d, %v", code, err)
	}
	return r.Articles, nil
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped under -short")
	}
	n := cycles(t)
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("%d cycles, seed %d (rerun with -seed %d)", n, seed, seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	budget := *budgetFlag
	if dl, ok := t.Deadline(); ok && time.Until(dl)-30*time.Second < budget {
		budget = time.Until(dl) - 30*time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()

	bin, work, idx := setup(t)
	var l ledger
	verified := 0 // acked[:verified] were checked after an earlier restart
	var seq atomic.Int64
	start := time.Now()
	killsDuringStartup, killsDuringWrites := 0, 0
	for cycle := 1; cycle <= n; cycle++ {
		if ctx.Err() != nil {
			t.Fatalf("time budget %s spent after %d of %d cycles", budget, cycle-1, n)
		}
		if rnd.IntN(10) == 0 {
			// Now and then kill it while it opens the index.
			if err := killEarly(bin, work, idx, time.Duration(rnd.IntN(300))*time.Millisecond); err != nil {
				t.Fatalf("cycle %d: %v", cycle, err)
			}
			killsDuringStartup++
		}
		srv, err := Start(ctx, bin, work, idx)
		if err != nil {
			t.Fatalf("cycle %d: %v", cycle, err)
		}
		if err := srv.Ready(ctx); err != nil {
			t.Fatalf("cycle %d: %v", cycle, err)
		}

		// Everything acknowledged so far, and the batches in flight at
		// the last kill, must have survived it.
		l.mu.Lock()
		fresh := append([]doc(nil), l.acked[verified:]...)
		pending := l.pending
		l.pending = nil
		l.mu.Unlock()
		for _, err := range verifyAll(ctx, srv.URL, fresh) {
			t.Errorf("cycle %d: acknowledged article lost or damaged: %v", cycle, err)
		}
		verified += len(fresh)
		for _, b := range pending {
			in := 0
			for _, d := range b {
				ok, err := exists(ctx, srv.URL, d.ID)
				if err != nil {
					t.Fatalf("cycle %d: %v", cycle, err)
				}
				if ok {
					in++
					if err := verify(ctx, srv.URL, d); err != nil {
						t.Errorf("cycle %d: unacknowledged but stored article damaged: %v", cycle, err)
					}
				}
			}
			if in != 0 && in != len(b) {
				t.Errorf("cycle %d: a batch in flight at the kill is partly stored: %d of %d", cycle, in, len(b))
			}
			l.present += in
		}
		got, err := articleCount(ctx, srv.URL)
		if err != nil {
			t.Fatalf("cycle %d: %v", cycle, err)
		}
		if want := len(l.acked) + l.present; got != want {
			t.Errorf("cycle %d: index holds %d articles, want %d acknowledged + %d stored in flight", cycle, got, len(l.acked), l.present)
		}
		if t.Failed() {
			t.Fatalf("cycle %d: stopping; server log:\n%s", cycle, tail(srv.Log(), 40))
		}

		// Post from several clients until the kill.
		runCtx, stopClients := context.WithCancel(ctx)
		var wg sync.WaitGroup
		var failed atomic.Value
		for c := range clients {
			crnd := rand.New(rand.NewPCG(rnd.Uint64(), uint64(c)))
			wg.Go(func() {
				hc := &http.Client{Timeout: 30 * time.Second}
				for runCtx.Err() == nil {
					b := make([]doc, 1+crnd.IntN(8))
					for i := range b {
						k := seq.Add(1)
						w := fmt.Sprintf("crashw%dx%d", cycle, k)
						b[i] = doc{ID: fmt.Sprintf("c%d-%d-%d", cycle, c, k), Word: w,
							Title: "Harbour traffic report " + w, Source: fmt.Sprintf("Client %d", c)}
					}
					ok, err := post(runCtx, hc, srv.URL, b, crnd)
					if err != nil && runCtx.Err() == nil {
						failed.Store(err)
						return
					}
					if ok {
						l.ack(b)
					} else {
						l.lost(b)
					}
				}
			})
		}
		time.Sleep(time.Duration(20+rnd.IntN(1500)) * time.Millisecond)
		srv.Kill()
		killsDuringWrites++
		stopClients()
		wg.Wait()
		if err, ok := failed.Load().(error); ok {
			t.Fatalf("cycle %d: %v\nserver log:\n%s", cycle, err, tail(srv.Log(), 40))
		}
	}

	// A last start checks the final kill, then a clean stop and a full
	// check of the index on disk.
	srv, err := Start(ctx, bin, work, idx)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	l.mu.Lock()
	pending := l.pending
	l.mu.Unlock()
	for _, b := range pending {
		for _, d := range b {
			if ok, err := exists(ctx, srv.URL, d.ID); err != nil {
				t.Fatal(err)
			} else if ok {
				l.present++
			}
		}
	}
	for _, err := range verifyAll(ctx, srv.URL, l.acked) {
		t.Errorf("after %d cycles: acknowledged article lost or damaged: %v", n, err)
	}
	if err := srv.Stop(15 * time.Second); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(ctx, bin, "check", "--json", "--index", idx).Output()
	var rep index.CheckReport
	if jerr := json.Unmarshal(out, &rep); jerr != nil {
		t.Fatalf("newsindex check: %v, %v: %s", err, jerr, out)
	}
	if err != nil || !rep.OK() || rep.Articles != len(l.acked)+l.present {
		t.Errorf("newsindex check = %v, %+v; want a sound index of %d acknowledged + %d stored in flight articles", err, rep, len(l.acked), l.present)
	}
	t.Logf("survived %d cycles in %s (%d kills while writing, %d at start-up): %d articles acknowledged, all found; %d of the articles in flight at a kill were stored; check: %d articles, %d quotes",
		n, time.Since(start).Round(time.Second), killsDuringWrites, killsDuringStartup, len(l.acked), l.present, rep.Articles, rep.Quotes)
}

// killEarly starts serve and kills it after d, whatever it is doing.
func killEarly(bin, work, idx string, d time.Duration) error {
	cmd := exec.Command(bin, "serve", "--index", idx, "--addr", "127.0.0.1:0")
	cmd.Dir = work
	cmd.Env = cleanEnv()
	if err := cmd.Start(); err != nil {
		return err
	}
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	return nil
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}

// TestLocked checks that a second process opening a served index for
// writing gets a clear error, and that the index is unharmed.
func TestLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, bin, work, idx := served(ctx, t)
	ok, err := post(ctx, http.DefaultClient, srv.URL, []doc{{ID: "one", Word: "lockword", Title: "Harbour lockword", Source: "Locks"}}, rand.New(rand.NewPCG(1, 1)))
	if err != nil || !ok {
		t.Fatalf("post: %v, %v", ok, err)
	}
	file := filepath.Join(work, "more.jsonl")
	line, _ := json.Marshal(article(doc{ID: "two", Word: "other", Title: "Harbour other", Source: "Locks"}, "World"))
	if err := os.WriteFile(file, line, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"ingest", "--index", idx, file},
		{"serve", "--index", idx, "--addr", "127.0.0.1:0"},
		{"backup", "--index", idx, filepath.Join(work, "copy")},
	} {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = work
		cmd.Env = cleanEnv()
		start := time.Now()
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "in use by another process") {
			t.Errorf("newsindex %s while served: %v: %s\nwant exit status 1 and \"in use by another process\"", strings.Join(args, " "), err, out)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("newsindex %s took %s to give up", args[0], d)
		}
	}
	if err := verify(ctx, srv.URL, doc{ID: "one", Word: "lockword", Title: "Harbour lockword", Source: "Locks"}); err != nil {
		t.Errorf("served index after the refused openings: %v", err)
	}
	if err := srv.Stop(15 * time.Second); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(ctx, bin, "check", "--index", idx).CombinedOutput()
	if err != nil || !strings.Contains(string(out), ": ok: 1 articles") {
		t.Errorf("newsindex check after: %v: %s", err, out)
	}
}

// TestBackupWhileServing copies a served index through the server while
// clients post, and checks the copy: sound, and holding every article
// acknowledged before the backup began.
func TestBackupWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, bin, work, _ := served(ctx, t)
	var l ledger
	var seq atomic.Int64
	postSome := func(ctx context.Context, c int) error {
		rnd := rand.New(rand.NewPCG(uint64(c), 9))
		for ctx.Err() == nil {
			b := make([]doc, 1+rnd.IntN(8))
			for i := range b {
				k := seq.Add(1)
				w := fmt.Sprintf("backupw%d", k)
				b[i] = doc{ID: fmt.Sprintf("b%d-%d", c, k), Word: w, Title: "Harbour traffic report " + w, Source: fmt.Sprintf("Client %d", c)}
			}
			ok, err := post(ctx, http.DefaultClient, srv.URL, b, rnd)
			if err != nil && ctx.Err() == nil {
				return err
			}
			if ok {
				l.ack(b)
			}
		}
		return nil
	}
	// Some articles first, then a backup while two clients keep posting.
	first, stopFirst := context.WithTimeout(ctx, 2*time.Second)
	if err := postSome(first, 0); err != nil {
		t.Fatal(err)
	}
	stopFirst()
	l.mu.Lock()
	before := append([]doc(nil), l.acked...)
	l.mu.Unlock()
	running, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for c := 1; c <= 2; c++ {
		wg.Go(func() { errs <- postSome(running, c) })
	}
	dest := filepath.Join(work, "backup")
	cmd := exec.CommandContext(ctx, bin, "backup", "--server", srv.URL, dest)
	cmd.Dir = work
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	stop()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(string(out), "404") {
		t.Skipf("the server has no backup route yet: %s", out)
	}
	if err != nil || !strings.Contains(string(out), ": ok: ") {
		t.Fatalf("newsindex backup --server: %v\n%s", err, out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))

	// The copy opens in a server of its own, beside the live one.
	cp, err := Start(ctx, bin, work, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Kill()
	if err := cp.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	for _, err := range verifyAll(ctx, cp.URL, before) {
		t.Errorf("the backup lacks an article acknowledged before it began: %v", err)
	}
	n, err := articleCount(ctx, cp.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup holds %d articles; %d were acknowledged before it began, %d by the end", n, len(before), len(l.acked))
	if n < len(before) || n > len(l.acked) {
		t.Errorf("backup holds %d articles, want between %d and %d", n, len(before), len(l.acked))
	}
}

// writeIngestFile writes n articles, IDs idPrefix0… and each with a word of
// its own (wordPrefix0…), to articles.jsonl in work, for `newsindex ingest`.
func writeIngestFile(t *testing.T, work, idPrefix, wordPrefix string, n int) ([]doc, string) {
	t.Helper()
	var lines bytes.Buffer
	enc := json.NewEncoder(&lines)
	docs := make([]doc, n)
	for i := range docs {
		w := fmt.Sprintf("%s%d", wordPrefix, i)
		docs[i] = doc{ID: fmt.Sprintf("%s%d", idPrefix, i), Word: w, Title: "Harbour traffic report " + w, Source: "Ingest"}
		enc.Encode(article(docs[i], categories[i%len(categories)]))
	}
	file := filepath.Join(work, "articles.jsonl")
	if err := os.WriteFile(file, lines.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return docs, file
}

// startIngest starts `newsindex ingest` of file into idx in batches of
// batchSize, and returns it with its standard error to read progress from.
func startIngest(ctx context.Context, t *testing.T, bin, work, idx, file, batchSize string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, "ingest", "--batch-size", batchSize, "--index", idx, file)
	cmd.Dir = work
	cmd.Env = cleanEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr
}

// TestKillIngest kills `newsindex ingest` at random moments. The articles
// it reported as written ("ingest: N articles written" counts the input's
// first N records, written in order) must be there afterwards, the index
// must open and pass its check, and ingesting the file again completes it.
func TestKillIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped under -short")
	}
	const articles, kills = 6000, 3
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, work, idx := setup(t)
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	docs, file := writeIngestFile(t, work, "i", "ingestw", articles)
	written := regexp.MustCompile(`ingest: ([0-9]+) articles written`)
	for k := 1; k <= kills; k++ {
		cmd, stderr := startIngest(ctx, t, bin, work, idx, file, "50")
		// Read progress until a random moment after the first report.
		acked := 0
		reports := make(chan int)
		go func() {
			defer close(reports)
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if m := written.FindStringSubmatch(sc.Text()); m != nil {
					n, _ := strconv.Atoi(m[1])
					reports <- n
				}
			}
		}()
		if n, ok := <-reports; ok {
			acked = n
		}
		deadline := time.After(time.Duration(rnd.IntN(2500)) * time.Millisecond)
		finished := false
	wait:
		for {
			select {
			case n, ok := <-reports:
				if !ok {
					finished = true // it ended before the kill
					break wait
				}
				acked = n
			case <-deadline:
				break wait
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for n := range reports {
			acked = n // a report read before the kill landed
		}
		cmd.Wait()

		rep, err := index.Check(ctx, idx)
		if err != nil || !rep.OK() {
			t.Fatalf("kill %d: the index after a killed ingest: %+v, %v", k, rep, err)
		}
		if rep.Articles < acked {
			t.Fatalf("kill %d: ingest reported %d articles written, the index holds %d", k, acked, rep.Articles)
		}
		ix, err := index.Open(idx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs[:acked] {
			if _, err := ix.Article(ctx, d.ID); err != nil {
				t.Errorf("kill %d: article %s reported written is lost: %v", k, d.ID, err)
				break
			}
		}
		ix.Close()
		if finished {
			t.Logf("kill %d: ingest finished first", k)
		}
		t.Logf("kill %d: %d articles reported written, %d stored", k, acked, rep.Articles)
	}
	cmd := exec.CommandContext(ctx, bin, "ingest", "--index", idx, file)
	cmd.Dir = work
	cmd.Env = cleanEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ingest to the end: %v\n%s", err, out)
	}
	rep, err := index.Check(ctx, idx)
	if err != nil || !rep.OK() || rep.Articles != articles {
		t.Fatalf("after a complete ingest: %+v, %v; want %d articles", rep, err, articles)
	}
}

// An ingest killed while it merges the index's segments, after every batch
// was reported written, loses nothing: the merges are atomic snapshots.
func TestKillIngestWhileMerging(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped under -short")
	}
	const articles = 3000
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, work, idx := setup(t)
	docs, file := writeIngestFile(t, work, "m", "mergew", articles)
	cmd, stderr := startIngest(ctx, t, bin, work, idx, file, "20")
	merging := false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.HasSuffix(sc.Text(), "merging segments") {
			merging = true
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	for sc.Scan() {
	}
	cmd.Wait()
	if !merging {
		t.Fatal("ingest ended without reporting that it merges segments")
	}
	rep, err := index.Check(ctx, idx)
	if err != nil || !rep.OK() || rep.Articles != articles {
		t.Fatalf("after an ingest killed while merging: %+v, %v; want %d articles", rep, err, articles)
	}
	ix, err := index.Open(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, d := range docs {
		if _, err := ix.Article(ctx, d.ID); err != nil {
			t.Fatalf("article %s written before the merge is lost: %v", d.ID, err)
		}
	}
}
