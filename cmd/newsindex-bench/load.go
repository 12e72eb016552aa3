package main

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/newsindex/newsindex/internal/procstat"
)

// The kinds of query of the mix, in the order the table shows them.
var kinds = []struct{ name, title string }{
	{"single", "one term"},
	{"two", "two terms"},
	{"phrase", "phrase"},
	{"category", "term + category filter"},
	{"analyst", "term + analyst filter"},
	{"full", "search box (all facets + day histogram)"},
}

// query is one query of the mix and how each engine reads it.
type query struct {
	Kind string `json:"kind"`
	// Text is the search-box query newsindex runs.
	Text string `json:"text"`
	// Words (ANDed) or Phrase is what the peers match in title and body.
	Words  []string `json:"words,omitempty"`
	Phrase string   `json:"phrase,omitempty"`
	// Category and Analyst are newsindex filters. The peers have no such
	// fields: they match the analyst's name as a phrase, and filter on
	// Source (an exact keyword column) where newsindex filters on category.
	Category string `json:"category,omitempty"`
	Analyst  string `json:"analyst,omitempty"`
	Source   string `json:"source,omitempty"`
	// Full asks the peers for the whole search-box page: snippets and the
	// counts they can make (source, and the day histogram). newsindex
	// counts every facet and the histogram on every search.
	Full bool `json:"full,omitempty"`
}

// The terms of the mix. Each kind cycles through its variants.
var (
	mixTerms    = []string{"oil", "bank", "election", "minister", "market", "government"}
	mixPairs    = []string{"oil prices", "central bank", "trade deficit", "interest rates", "stock market"}
	mixPhrases  = []string{"interest rates", "prime minister", "stock exchange", "central bank"}
	categoryFor = "prices" // the term of the category-filter query
	analystFor  = "market" // the term of the analyst-filter query
)

// buildMix returns the queries of the mix. category and analyst are the
// newsindex filter values; source is the peers' stand-in filter.
func buildMix(category, analyst, source string) []query {
	var qs []query
	for _, t := range mixTerms {
		qs = append(qs, query{Kind: "single", Text: t, Words: words(t)})
	}
	for _, t := range mixPairs {
		qs = append(qs, query{Kind: "two", Text: t, Words: words(t)})
	}
	for _, p := range mixPhrases {
		qs = append(qs, query{Kind: "phrase", Text: `"` + p + `"`, Phrase: p})
	}
	qs = append(qs, query{Kind: "category", Text: categoryFor, Words: words(categoryFor), Category: category, Source: source})
	qs = append(qs, query{Kind: "analyst", Text: analystFor, Words: words(analystFor), Analyst: analyst})
	for _, t := range mixTerms {
		qs = append(qs, query{Kind: "full", Text: t, Words: words(t), Full: true})
	}
	return qs
}

// ofKind returns the queries of one kind.
func ofKind(qs []query, kind string) []query {
	var out []query
	for _, q := range qs {
		if q.Kind == kind {
			out = append(out, q)
		}
	}
	return out
}

// kindStats is what one kind of query measured with some clients.
type kindStats struct {
	Kind       string  `json:"kind"`
	Clients    int     `json:"clients"`
	Queries    int     `json:"queries"`
	Errors     int     `json:"errors"`
	FirstError string  `json:"first_error,omitempty"`
	P50MS      float64 `json:"p50_ms"`
	P99MS      float64 `json:"p99_ms"`
	QPS        float64 `json:"qps"`
	// CPUMS is the CPU time (user + system, every thread of the process,
	// the collector's included) per query: the cost of a query apart from
	// the other processes the machine runs.
	CPUMS float64 `json:"cpu_ms_per_query"`
	// Hits is the total of matches of each variant, to check that the
	// engines answer the same question.
	Hits []uint64 `json:"hits"`
}

// measure runs the queries (cycling through them) from clients goroutines
// for d, after one warm-up pass, and reports latencies and throughput.
func measure(ctx context.Context, s searcher, qs []query, clients int, d time.Duration) kindStats {
	st := kindStats{Kind: qs[0].Kind, Clients: clients}
	for i := range qs {
		n, err := s.search(ctx, &qs[i])
		if err != nil {
			st.Errors++
			if st.FirstError == "" {
				st.FirstError = err.Error()
			}
		}
		st.Hits = append(st.Hits, n)
	}
	var (
		mu   sync.Mutex
		lats []time.Duration
		wg   sync.WaitGroup
	)
	cpu0 := procstat.CPU()
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			var errs int
			var first string
			for i := c; time.Now().Before(deadline); i++ {
				t := time.Now()
				_, err := s.search(ctx, &qs[i%len(qs)])
				mine = append(mine, time.Since(t))
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			lats = append(lats, mine...)
			st.Errors += errs
			if st.FirstError == "" {
				st.FirstError = first
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := procstat.CPU() - cpu0
	slices.Sort(lats)
	st.Queries = len(lats)
	st.P50MS = ms(percentile(lats, 0.50))
	st.P99MS = ms(percentile(lats, 0.99))
	if elapsed > 0 {
		st.QPS = float64(len(lats)) / elapsed.Seconds()
	}
	if len(lats) > 0 {
		st.CPUMS = ms(cpu) / float64(len(lats))
	}
	return st
}

// percentile returns the p-quantile of sorted durations (nearest rank).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
