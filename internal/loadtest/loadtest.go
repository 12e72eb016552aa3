// Package loadtest puts a running newsindex server under a mixed load:
// several clients search (the JSON API and the HTML page) while another
// posts batches of articles, for a fixed time. It reports errors, latency
// percentiles, and the server's memory sampled from /proc/PID/status, so a
// steady growth shows.
//
// TestLoad runs it against `newsindex serve` on a loopback port for 10 s
// by default; set -load.duration or NEWSINDEX_LOAD_DURATION (60s on
// demand). A second phase of half that length only searches: the index no
// longer grows, so memory growth there would be a leak. It is skipped
// under -short.
package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config says how much load to apply.
type Config struct {
	// Duration of the measured run.
	Duration time.Duration
	// Searchers is the number of concurrent searching clients; 0 → 8.
	Searchers int
	// BatchSize is the number of articles per POST of the ingesting
	// client; 0 → 20.
	BatchSize int
	// NoIngest leaves the ingesting client out: with the index fixed, any
	// steady memory growth is a leak.
	NoIngest bool
	// PID of the server, whose memory is sampled; 0 samples nothing.
	PID int
	// SampleEvery is the memory sampling period; 0 → 250ms.
	SampleEvery time.Duration
	// Seed of the random choices.
	Seed uint64
	// APIKey, when set, is sent on writes.
	APIKey string
}

// Report is what a run measured.
type Report struct {
	Duration time.Duration
	Searches Latency // GET /api/search and the search page
	Posts    Latency // POST /api/articles
	Posted   int     // articles acknowledged during the run
	Errors   int     // transport errors and non-2xx answers, of both kinds
	// FirstErrors holds the first few errors.
	FirstErrors []string
	Memory      Memory
}

// Latency summarises the latency of one kind of request.
type Latency struct {
	Count              int
	P50, P90, P99, Max time.Duration
}

func (l Latency) String() string {
	return fmt.Sprintf("%d requests, p50 %s, p90 %s, p99 %s, max %s", l.Count,
		l.P50.Round(time.Microsecond), l.P90.Round(time.Microsecond), l.P99.Round(time.Microsecond), l.Max.Round(time.Microsecond))
}

// Memory is the server's resident memory over the run, in KiB. RSS is
// VmRSS (it includes the index files mapped in memory); Anon is RssAnon,
// the process's own heap and stacks, which is where a leak shows.
type Memory struct {
	Samples int
	// RSS and Anon at the start of the run, their peaks, and at the end.
	StartRSS, PeakRSS, EndRSS    int
	StartAnon, PeakAnon, EndAnon int
	// AnonThirds are the mean RssAnon over the first, middle and last
	// third of the run: a steady growth shows as a rising sequence.
	AnonThirds [3]int
	// AnonSlope is the least-squares growth of RssAnon over the run's
	// second half, in KiB per minute.
	AnonSlope float64
}

func (m Memory) String() string {
	return fmt.Sprintf("RSS %d→%d MiB (peak %d), anon %d→%d MiB (peak %d; thirds %d/%d/%d MiB; second-half slope %+.1f MiB/min), %d samples",
		m.StartRSS>>10, m.EndRSS>>10, m.PeakRSS>>10, m.StartAnon>>10, m.EndAnon>>10, m.PeakAnon>>10,
		m.AnonThirds[0]>>10, m.AnonThirds[1]>>10, m.AnonThirds[2]>>10, m.AnonSlope/1024, m.Samples)
}

func (r *Report) String() string {
	posts := "none"
	if r.Posts.Count > 0 {
		posts = fmt.Sprintf("%s (%d articles)", r.Posts, r.Posted)
	}
	return fmt.Sprintf("%s: %d errors; searches: %s; posts: %s; memory: %s",
		r.Duration.Round(time.Millisecond), r.Errors, r.Searches, posts, r.Memory)
}

// Words, people, places and sources the generated articles draw on, so
// that searches and facets have something to find.
var (
	words = strings.Fields(`port strike union wages cargo shipping election parliament minister budget inflation
		bank rates market shares energy oil gas climate summit drought harvest wheat exports tariffs trade talks
		ceasefire troops border refugees court ruling appeal verdict hospital vaccine outbreak research satellite
		launch rocket startup funding merger airline fares rail tunnel bridge flood storm warning football final
		league coach transfer tennis championship museum festival film award theatre housing rents mortgage`)
	people  = []string{"Maria Lopez", "John Carter", "Aiko Tanaka", "Ahmed Hassan", "Olga Petrova", "Liam Byrne"}
	places  = []string{"France", "Germany", "Japan", "Brazil", "Kenya", "Canada", "India", "Egypt"}
	sources = []string{"Harbour Post", "Ledger Daily", "Pitchside", "Morning Wire"}
	cats    = []string{"Business", "World", "Sports", "Technology", "Politics"}
)

// Article returns a generated article as a JSON object.
func Article(rnd *rand.Rand, id string) map[string]any {
	w := func(n int) string {
		out := make([]string, n)
		for i := range out {
			out[i] = words[rnd.IntN(len(words))]
		}
		return strings.Join(out, " ")
	}
	p, c := people[rnd.IntN(len(people))], places[rnd.IntN(len(places))]
	title := w(5)
	body := fmt.Sprintf(`%s said on Monday that the %s in %s would go on. "We expect %s to continue," said %s, an analyst at Harbour Bank. %s. %s.`,
		p, w(2), c, w(3), people[rnd.IntN(len(people))], w(12), w(10))
	return map[string]any{
		"id":        id,
		"title":     strings.ToUpper(title[:1]) + title[1:],
		"body":      body,
		"source":    sources[rnd.IntN(len(sources))],
		"category":  cats[rnd.IntN(len(cats))],
		"published": time.Date(2024, time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), 8, 0, 0, 0, time.UTC).Format(time.RFC3339),
	}
}

// Seed posts n generated articles in batches before a run.
func Seed(ctx context.Context, base, apiKey string, n int, seed uint64) error {
	rnd := rand.New(rand.NewPCG(seed, 2))
	for i := 0; i < n; i += 200 {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		for j := i; j < min(n, i+200); j++ {
			enc.Encode(Article(rnd, "seed-"+strconv.Itoa(j)))
		}
		if err := postBatch(ctx, http.DefaultClient, base, apiKey, &b); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

func postBatch(ctx context.Context, c *http.Client, base, apiKey string, body io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/articles", body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	if apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST /api/articles: %s: %.200s", resp.Status, out)
	}
	return nil
}

// searchURL returns a random search: words, a phrase, facet filters,
// paging, date sorting and ranges, on the API or the page.
func searchURL(rnd *rand.Rand, base string) string {
	v := url.Values{}
	switch rnd.IntN(5) {
	case 0:
		v.Set("q", words[rnd.IntN(len(words))])
	case 1:
		v.Set("q", words[rnd.IntN(len(words))]+" "+words[rnd.IntN(len(words))])
	case 2:
		v.Set("q", `"`+people[rnd.IntN(len(people))]+`"`)
	case 3:
		v.Set("q", words[rnd.IntN(len(words))]+" OR "+words[rnd.IntN(len(words))])
		v.Set("category", cats[rnd.IntN(len(cats))])
	case 4: // no query: browse by facets
		v.Set("country", places[rnd.IntN(len(places))])
	}
	if rnd.IntN(3) == 0 {
		v.Set("source", sources[rnd.IntN(len(sources))])
	}
	if rnd.IntN(3) == 0 {
		v.Set("page", strconv.Itoa(2+rnd.IntN(3)))
	}
	if rnd.IntN(4) == 0 {
		v.Set("sort", "date")
	}
	if rnd.IntN(4) == 0 {
		v.Set("from", "2024-03-01")
		v.Set("to", "2024-09-30")
	}
	if rnd.IntN(5) == 0 {
		return base + "/?" + v.Encode()
	}
	return base + "/api/search?" + v.Encode()
}

type recorder struct {
	mu       sync.Mutex
	searches []time.Duration
	posts    []time.Duration
	posted   int
	errors   int
	first    []string
}

func (r *recorder) fail(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors++
	if len(r.first) < 10 {
		r.first = append(r.first, fmt.Sprintf(format, args...))
	}
}

// Run applies the load to the server at base for cfg.Duration.
func Run(ctx context.Context, base string, cfg Config) (*Report, error) {
	if cfg.Searchers <= 0 {
		cfg.Searchers = 8
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 20
	}
	if cfg.SampleEvery <= 0 {
		cfg.SampleEvery = 250 * time.Millisecond
	}
	if cfg.Duration <= 0 {
		return nil, fmt.Errorf("loadtest: duration %s, want > 0", cfg.Duration)
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var rec recorder
	var wg sync.WaitGroup
	transport := &http.Transport{MaxIdleConnsPerHost: cfg.Searchers + 2}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	defer transport.CloseIdleConnections()

	for i := range cfg.Searchers {
		rnd := rand.New(rand.NewPCG(cfg.Seed, uint64(10+i)))
		wg.Go(func() {
			for ctx.Err() == nil {
				u := searchURL(rnd, base)
				start := time.Now()
				err := get(ctx, client, u)
				d := time.Since(start)
				if ctx.Err() != nil {
					return // cut by the end of the run, not an error
				}
				if err != nil {
					rec.fail("GET %s: %v", u, err)
					continue
				}
				rec.mu.Lock()
				rec.searches = append(rec.searches, d)
				rec.mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		if cfg.NoIngest {
			return
		}
		rnd := rand.New(rand.NewPCG(cfg.Seed, 3))
		for n := 0; ctx.Err() == nil; n++ {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			for j := range cfg.BatchSize {
				enc.Encode(Article(rnd, fmt.Sprintf("load-%d-%d", n, j)))
			}
			start := time.Now()
			err := postBatch(ctx, client, base, cfg.APIKey, &b)
			d := time.Since(start)
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				rec.fail("%v", err)
				continue
			}
			rec.mu.Lock()
			rec.posts = append(rec.posts, d)
			rec.posted += cfg.BatchSize
			rec.mu.Unlock()
		}
	})
	var samples []memSample
	var memErr error
	start := time.Now()
	if cfg.PID > 0 {
		wg.Go(func() {
			tick := time.NewTicker(cfg.SampleEvery)
			defer tick.Stop()
			for {
				s, err := readMem(cfg.PID)
				if err != nil {
					memErr = err
					return
				}
				s.at = time.Since(start)
				samples = append(samples, s)
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		})
	}
	wg.Wait()
	if memErr != nil {
		return nil, fmt.Errorf("loadtest: memory: %w", memErr)
	}
	r := &Report{
		Duration: time.Since(start), Searches: latency(rec.searches), Posts: latency(rec.posts),
		Posted: rec.posted, Errors: rec.errors, FirstErrors: rec.first, Memory: memory(samples),
	}
	return r, nil
}

func get(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

func latency(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	q := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return Latency{Count: len(ds), P50: q(0.50), P90: q(0.90), P99: q(0.99), Max: ds[len(ds)-1]}
}

type memSample struct {
	at        time.Duration
	rss, anon int // KiB
}

// readMem reads VmRSS and RssAnon of a process from /proc/PID/status.
func readMem(pid int) (memSample, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memSample{}, err
	}
	defer f.Close()
	var s memSample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "VmRSS":
			s.rss = kb
		case "RssAnon":
			s.anon = kb
		}
	}
	if s.rss == 0 {
		return s, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return s, sc.Err()
}

func memory(ss []memSample) Memory {
	var m Memory
	m.Samples = len(ss)
	if len(ss) == 0 {
		return m
	}
	m.StartRSS, m.StartAnon = ss[0].rss, ss[0].anon
	m.EndRSS, m.EndAnon = ss[len(ss)-1].rss, ss[len(ss)-1].anon
	for _, s := range ss {
		m.PeakRSS, m.PeakAnon = max(m.PeakRSS, s.rss), max(m.PeakAnon, s.anon)
	}
	for i := range 3 {
		part := ss[i*len(ss)/3 : max((i+1)*len(ss)/3, i*len(ss)/3+1)]
		sum := 0
		for _, s := range part {
			sum += s.anon
		}
		m.AnonThirds[i] = sum / len(part)
	}
	// Least squares over the second half.
	half := ss[len(ss)/2:]
	if len(half) >= 2 {
		var sx, sy, sxx, sxy float64
		for _, s := range half {
			x, y := s.at.Minutes(), float64(s.anon)
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		n := float64(len(half))
		if d := n*sxx - sx*sx; d != 0 {
			m.AnonSlope = (n*sxy - sx*sy) / d
		}
	}
	return m
}
