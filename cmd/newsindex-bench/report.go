package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// report is the table of a run; it is also written as JSON.
type report struct {
	Started time.Time `json:"started"`
	Elapsed float64   `json:"elapsed_s"`
	Machine machine   `json:"machine"`
	Corpus  corpusInfo
	Clients []int `json:"clients"`
	// PerKind is how long each kind of query ran with each client count.
	PerKind  string         `json:"per_kind"`
	Category string         `json:"category"` // newsindex's category filter
	Analyst  string         `json:"analyst"`  // newsindex's analyst filter
	Engines  []engineReport `json:"engines"`
}

type machine struct {
	OS, Arch  string
	CPUs      int    `json:"cpus"`
	Go        string `json:"go"`
	LoadStart string `json:"load_start"` // 1, 5, 15-minute load averages
	LoadEnd   string `json:"load_end"`
	// Revision is the commit the bench was built from, with "+modified"
	// when the tree had changes; empty when the build did not record it.
	Revision string `json:"revision,omitempty"`
}

// revision returns the VCS revision recorded in the binary.
func revision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, mod string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				mod = "+modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return ""
	}
	return rev + mod
}

// engineReport is what one engine measured.
type engineReport struct {
	Name          string  `json:"name"`
	Error         string  `json:"error,omitempty"`
	Articles      int     `json:"articles"`
	IngestSeconds float64 `json:"ingest_s"`
	// IngestCPU is the CPU time (user + system) of the ingest, all threads;
	// ArticlesPerCPUS is articles per CPU second, which the load of other
	// processes on the machine disturbs less than the wall-clock rate.
	IngestCPU       float64 `json:"ingest_cpu_s"`
	ArticlesPerCPUS float64 `json:"articles_per_cpu_s"`
	ArticlesPerS    float64 `json:"articles_per_s"`
	MBPerS          float64 `json:"mb_per_s"`
	IndexBytes      int64   `json:"index_bytes"`
	SizeRatio       float64 `json:"size_ratio"` // index bytes / title+body bytes
	IngestRSS       int64   `json:"ingest_peak_rss"`
	ServeRSS        int64   `json:"serve_peak_rss"`
	// ServeRSSAnon and ServeRSSFile split the serve phase's resident set
	// after its queries: the Go heap and runtime, and the mapped pages of
	// the index.
	ServeRSSAnon int64       `json:"serve_rss_anon,omitempty"`
	ServeRSSFile int64       `json:"serve_rss_file,omitempty"`
	LoadIngest   string      `json:"load_ingest"` // load averages when the phase started
	LoadServe    string      `json:"load_serve"`
	Queries      []kindStats `json:"queries"`
}

// run builds the corpus, runs each engine's phases in child processes of
// self and returns the report. Progress goes to logw.
func run(f benchFlags, self string, logw *os.File) (*report, error) {
	start := time.Now()
	rep := &report{Started: start.UTC(), Clients: []int{1}}
	if f.clients > 1 {
		rep.Clients = append(rep.Clients, f.clients)
	}
	rep.Machine = machine{OS: runtime.GOOS, Arch: runtime.GOARCH, CPUs: runtime.NumCPU(), Go: runtime.Version(), LoadStart: loadAvg(), Revision: revision()}
	perKind := f.duration / time.Duration(len(kinds))
	rep.PerKind = perKind.String()
	work := f.work
	if work == "" {
		d, err := os.MkdirTemp("", "newsindex-bench-")
		if err != nil {
			return nil, fmt.Errorf("work folder: %w", err)
		}
		defer os.RemoveAll(d)
		work = d
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, fmt.Errorf("work folder: %w", err)
	}
	corpus := filepath.Join(work, "corpus.jsonl")
	fmt.Fprintf(logw, "bench: building a corpus of %d articles from %s\n", f.n, f.corpus)
	info, err := buildCorpus(f.corpus, corpus, f.n)
	if err != nil {
		return nil, err
	}
	rep.Corpus = info
	var names []string
	for _, n := range strings.Split(f.engines, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if _, err := engineByName(n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	// newsindex runs first: it picks the filters the peers' mix uses.
	slices.SortStableFunc(names, func(a, b string) int {
		return slices.Index(engineNames, a) - slices.Index(engineNames, b)
	})
	var failed []string
	for _, name := range names {
		er := engineReport{Name: name}
		dir := filepath.Join(work, name)
		ingestResult := filepath.Join(work, name+"-ingest.json")
		prof := func(phase string) string {
			if f.cpuprofile == "" {
				return ""
			}
			return f.cpuprofile + "." + name + "-" + phase + ".pprof"
		}
		var ir *childResult
		var err error
		if f.reuse {
			fmt.Fprintf(logw, "bench: %s: reusing the index in %s\n", name, dir)
			ir, err = earlierIngest(ingestResult, f.n)
		} else {
			os.RemoveAll(dir)
			er.LoadIngest = loadAvg()
			fmt.Fprintf(logw, "bench: %s: ingest (load %s)\n", name, er.LoadIngest)
			ir, err = startChild(self, childSpec{Engine: name, Phase: "ingest", Corpus: corpus, Dir: dir,
				Result: ingestResult, CPUProfile: prof("ingest"), HeapProfile: heapProf(f.memprofile, name, "ingest")}, logw)
			if err == nil {
				err = keepIngest(ingestResult, ir, er.LoadIngest)
			}
		}
		if err == nil && ir.Error != "" {
			err = fmt.Errorf("%s ingest: %s", name, ir.Error)
		}
		if ir != nil {
			er.LoadIngest = cmp.Or(er.LoadIngest, ir.Load)
			er.IngestRSS = ir.PeakRSS
			er.IngestCPU = ir.CPUSeconds
			if st := ir.Ingest; st != nil {
				er.Articles = st.Articles
				er.IngestSeconds = st.Elapsed.Seconds()
				if s := st.Elapsed.Seconds(); s > 0 {
					er.ArticlesPerS = float64(st.Articles) / s
					er.MBPerS = float64(st.Bytes) / 1e6 / s
				}
				if ir.CPUSeconds > 0 {
					er.ArticlesPerCPUS = float64(st.Articles) / ir.CPUSeconds
				}
			}
		}
		if err == nil {
			er.IndexBytes, err = dirSize(dir)
			if info.Bytes > 0 {
				er.SizeRatio = float64(er.IndexBytes) / float64(info.Bytes)
			}
		}
		if err == nil {
			er.LoadServe = loadAvg()
			fmt.Fprintf(logw, "bench: %s: %d articles in %.1fs; queries (load %s)\n", name, er.Articles, er.IngestSeconds, er.LoadServe)
			spec := childSpec{Engine: name, Phase: "serve", Dir: dir, Result: filepath.Join(work, name+"-serve.json"),
				Clients: rep.Clients, Duration: perKind, Source: info.TopSource, CPUProfile: prof(kindMark),
				HeapProfile: heapProf(f.memprofile, name, "serve"), Mix: buildMix(rep.Category, rep.Analyst, info.TopSource)}
			var sr *childResult
			sr, err = startChild(self, spec, logw)
			if sr != nil {
				er.ServeRSS = sr.PeakRSS
				er.ServeRSSAnon, er.ServeRSSFile = sr.RSSAnon, sr.RSSFile
				fmt.Fprintf(logw, "bench: %s: serve RSS peak %.0f MB; after the queries %.0f MB anonymous, %.0f MB mapped files\n",
					name, float64(sr.PeakRSS)/(1<<20), float64(sr.RSSAnon)/(1<<20), float64(sr.RSSFile)/(1<<20))
				er.Queries = sr.Queries
				if name == "newsindex" {
					rep.Category, rep.Analyst = sr.Category, sr.Analyst
				}
				if err == nil && sr.Error != "" {
					err = fmt.Errorf("%s serve: %s", name, sr.Error)
				}
			}
		}
		if err != nil {
			er.Error = err.Error()
			failed = append(failed, name)
			fmt.Fprintf(logw, "bench: %v\n", err)
		}
		rep.Engines = append(rep.Engines, er)
	}
	rep.Machine.LoadEnd = loadAvg()
	rep.Elapsed = time.Since(start).Seconds()
	if len(failed) > 0 {
		return rep, fmt.Errorf("engines failed: %s", strings.Join(failed, ", "))
	}
	return rep, nil
}

// heapProf returns the path of the heap profile of an engine's phase
// (ingest or serve), or "".
func heapProf(prefix, engine, phase string) string {
	if prefix == "" {
		return ""
	}
	return prefix + "." + engine + "-" + phase + ".heap.pprof"
}

// keepIngest rewrites an ingest child's result with what the parent
// measured of it (CPU time, load), for a later run with -reuse.
func keepIngest(path string, r *childResult, load string) error {
	r.Load = load
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode ingest result: %w", err)
	}
	return os.WriteFile(path, b, 0o644)
}

// earlierIngest reads the ingest result an earlier run kept at path, and
// checks that it ingested n articles.
func earlierIngest(path string, n int) (*childResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reuse: %w", err)
	}
	var r childResult
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("reuse %s: %w", path, err)
	}
	if r.Error != "" || r.Ingest == nil || r.Ingest.Articles != n {
		return nil, fmt.Errorf("reuse %s: the earlier ingest did not write %d articles", path, n)
	}
	return &r, nil
}

// print writes the table: ingest figures, then the query mix with the
// engines side by side.
func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "newsindex-bench: %d articles (%d distinct, %.1f MB of title+body) from %s\n",
		r.Corpus.Articles, r.Corpus.Distinct, float64(r.Corpus.Bytes)/1e6, r.Corpus.Source)
	fmt.Fprintf(w, "machine: %s/%s, %d CPUs, %s; revision %s; load average %s at start, %s at end; %.0fs in all\n",
		r.Machine.OS, r.Machine.Arch, r.Machine.CPUs, r.Machine.Go, cmp.Or(r.Machine.Revision, "unknown"), r.Machine.LoadStart, r.Machine.LoadEnd, r.Elapsed)
	fmt.Fprintf(w, "filters: newsindex category=%q analyst=%q; peers source=%q and the analyst's name as a phrase\n\n",
		r.Category, r.Analyst, r.Corpus.TopSource)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "engine\tarticles/s\tMB/s\tingest s\tCPU s\tarticles/CPU s\tindex MB\t×text\tingest RSS MB\tserve RSS MB\tload (ingest)\terror\t\n")
	for _, e := range r.Engines {
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.1f\t%.1f\t%.0f\t%.1f\t%.2f\t%.0f\t%.0f\t%s\t%s\t\n", e.Name, e.ArticlesPerS, e.MBPerS, e.IngestSeconds,
			e.IngestCPU, e.ArticlesPerCPUS,
			float64(e.IndexBytes)/1e6, e.SizeRatio, float64(e.IngestRSS)/(1<<20), float64(e.ServeRSS)/(1<<20), e.LoadIngest, e.Error)
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "query\tclients")
	for _, e := range r.Engines {
		fmt.Fprintf(tw, "\t%s p50 ms\tp99 ms\tq/s\tCPU ms/q\terrors", e.Name)
	}
	fmt.Fprintf(tw, "\t\n")
	for _, k := range kinds {
		for _, c := range r.Clients {
			fmt.Fprintf(tw, "%s\t%d", k.title, c)
			for _, e := range r.Engines {
				st, ok := e.stats(k.name, c)
				if !ok {
					fmt.Fprintf(tw, "\t-\t-\t-\t-\t-")
					continue
				}
				fmt.Fprintf(tw, "\t%.2f\t%.2f\t%.0f\t%.2f\t%d", st.P50MS, st.P99MS, st.QPS, st.CPUMS, st.Errors)
			}
			fmt.Fprintf(tw, "\t\n")
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "\n(each kind ran %s per client count; newsindex in-process through index.Search, which counts all six facets and the day histogram on every query)\n", r.PerKind)
}

// stats returns the figures of one kind of query with c clients.
func (e *engineReport) stats(kind string, c int) (kindStats, bool) {
	for _, s := range e.Queries {
		if s.Kind == kind && s.Clients == c {
			return s, true
		}
	}
	return kindStats{}, false
}
