package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/newsindex/newsindex/internal/procstat"
)

// childSpec tells a child process which phase of which engine to run.
type childSpec struct {
	Engine string `json:"engine"`
	Phase  string `json:"phase"` // "ingest" or "serve"
	Corpus string `json:"corpus"`
	Dir    string `json:"dir"`    // the engine's index
	Result string `json:"result"` // where the child writes its childResult
	// Serve: the client counts, the time per kind and client count, the
	// mix (newsindex builds its own once it has picked its filters) and
	// the peers' stand-in filter.
	Clients  []int         `json:"clients,omitempty"`
	Duration time.Duration `json:"duration,omitempty"`
	Mix      []query       `json:"mix,omitempty"`
	Source   string        `json:"source,omitempty"`
	// CPUProfile, when set, is written for the ingest, or for each kind
	// of query of the serve phase (kindMark in it replaced by the kind).
	CPUProfile string `json:"cpuprofile,omitempty"`
	// HeapProfile, when set, is written during the ingest, again every
	// heapEvery: what the ingest holds near its end; in the serve phase,
	// once after the queries: what serving holds.
	HeapProfile string `json:"heapprofile,omitempty"`
}

// childResult is what a child measured.
type childResult struct {
	Ingest  *ingestStats `json:"ingest,omitempty"`
	PeakRSS int64        `json:"peak_rss"`
	// RSSAnon and RSSFile split the serve phase's resident set after its
	// queries: anonymous memory (the Go heap and runtime) and mapped files
	// (the pages of the index's segments the queries touched).
	RSSAnon  int64       `json:"rss_anon,omitempty"`
	RSSFile  int64       `json:"rss_file,omitempty"`
	Queries  []kindStats `json:"queries,omitempty"`
	Mix      []query     `json:"mix,omitempty"`
	Category string      `json:"category,omitempty"`
	Analyst  string      `json:"analyst,omitempty"`
	Error    string      `json:"error,omitempty"`
	// CPUSeconds is the user and system time of the child, filled in by
	// the parent: on a shared machine it varies less than the wall time.
	CPUSeconds float64 `json:"cpu_s"`
	// Load is the load average when an ingest started, kept for -reuse.
	Load string `json:"load,omitempty"`
}

// kindMark stands for the kind of query in the serve phase's profile path.
const kindMark = "{kind}"

func runChild(s childSpec) childResult {
	var r childResult
	err := runPhase(s, &r)
	r.PeakRSS = procstat.Bytes("VmHWM:")
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

func runPhase(s childSpec, r *childResult) error {
	e, err := engineByName(s.Engine)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if s.Phase == "ingest" {
		stop, err := startProfile(s.CPUProfile)
		if err != nil {
			return err
		}
		stopHeap := startHeapProfiles(s.HeapProfile)
		st, err := e.ingest(ctx, s.Corpus, s.Dir)
		stopHeap()
		stop()
		r.Ingest = &st
		return err
	}
	sr, err := e.open(s.Dir)
	if err != nil {
		return err
	}
	defer sr.close()
	mix := s.Mix
	if ns, ok := sr.(newsindexSearcher); ok {
		cat, an, err := ns.pick(ctx, categoryFor, analystFor)
		if err != nil {
			return fmt.Errorf("pick filters: %w", err)
		}
		r.Category, r.Analyst = cat, an
		mix = buildMix(cat, an, s.Source)
	}
	r.Mix = mix
	for _, k := range kinds {
		qs := ofKind(mix, k.name)
		if len(qs) == 0 {
			continue
		}
		var stop func()
		if s.CPUProfile != "" {
			if stop, err = startProfile(strings.Replace(s.CPUProfile, kindMark, k.name, 1)); err != nil {
				return err
			}
		}
		for _, c := range s.Clients {
			r.Queries = append(r.Queries, measure(ctx, sr, qs, c, s.Duration))
		}
		if stop != nil {
			stop()
		}
	}
	// Before the index is closed, which unmaps its segments.
	r.RSSAnon, r.RSSFile = procstat.Bytes("RssAnon:"), procstat.Bytes("RssFile:")
	if s.HeapProfile != "" {
		return writeHeapProfile(s.HeapProfile)
	}
	return nil
}

// startProfile starts a CPU profile to path, if any, and returns its stop.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// heapEvery is the period of the heap profiles of an ingest.
const heapEvery = 15 * time.Second

// startHeapProfiles writes a heap profile to path, if any, every heapEvery
// until stopped; a profile that fails to write is logged and skipped.
func startHeapProfiles(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(heapEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := writeHeapProfile(path); err != nil {
					slog.Warn("heap profile", "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

// dirSize returns the bytes of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return n, nil
}

// loadAvg returns the one-minute load average, or "" where /proc is not there.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
