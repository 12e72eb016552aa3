package osengine

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/lang"
)

// Searching in every language. Each document's free text is in the fields
// of its language's analysis (analysis.TextField), so a query is read in
// each analysis the index holds, or in those of the languages a search is
// filtered to (see dslReader). The languages the index holds are asked of
// it (a terms aggregation) and kept for a while.

// languagesTTL is how long the languages found in the index are trusted
// before they are asked for again: those this engine writes are added at
// once, but another process may write to the same index.
const languagesTTL = time.Minute

// presentLanguages remembers the language codes of the index's documents,
// so that a query is read in their analyses alone: an English index is
// sent the query it always was, and one of three analyses three readings,
// not seventeen.
type presentLanguages struct {
	mu      sync.Mutex
	codes   map[string]bool // nil until fetched
	fetched time.Time
	// written holds when each code was last written, so that a fetch that
	// began before a write does not forget it.
	written map[string]time.Time
}

// add records the languages of documents just written.
func (p *presentLanguages) add(codes ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.written == nil {
		p.written = map[string]time.Time{}
	}
	now := time.Now()
	for _, c := range codes {
		c = engine.LanguageOf(c)
		p.written[c] = now
		if p.codes != nil {
			p.codes[c] = true
		}
	}
}

// scopesOf groups language codes by analysis, in the order of
// analysis.Analyzers (English first); no code at all is English.
func scopesOf(codes map[string]bool) []scope {
	by := map[string][]string{}
	for c := range codes {
		an := analysis.ForLanguage(c)
		by[an] = append(by[an], c)
	}
	var out []scope
	for _, an := range analysis.Analyzers() {
		if cs := by[an]; len(cs) > 0 {
			sort.Strings(cs)
			out = append(out, scope{analyzer: an, codes: cs})
		}
	}
	if len(out) == 0 {
		out = []scope{{analyzer: analysis.AnalyzerName, codes: []string{lang.Und}}}
	}
	return out
}

// scopesFor returns the analyses a search reads its text in: those of the
// languages it filters on, or else those of the languages in the index.
func (e *Engine) scopesFor(ctx context.Context, languages []string) ([]scope, error) {
	set := map[string]bool{}
	if len(languages) > 0 {
		for _, c := range languages {
			set[engine.LanguageOf(c)] = true
		}
		return scopesOf(set), nil
	}
	p := &e.languages
	p.mu.Lock()
	if p.codes != nil && time.Since(p.fetched) < languagesTTL {
		out := scopesOf(p.codes)
		p.mu.Unlock()
		return out, nil
	}
	p.mu.Unlock()
	start := time.Now()
	codes, err := e.indexLanguages(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range codes {
		set[c] = true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for c, t := range p.written {
		if !t.Before(start) {
			set[c] = true
		} else {
			delete(p.written, c)
		}
	}
	p.codes, p.fetched = set, start
	return scopesOf(set), nil
}

// indexLanguages lists the language codes of the index's documents; those
// without a language (written before languages were told apart) count as
// undetermined, which is read as English as it was then.
func (e *Engine) indexLanguages(ctx context.Context) ([]string, error) {
	body := obj{"size": 0, "track_total_hits": false,
		"aggs": obj{"languages": obj{"terms": obj{"field": osLang, "missing": lang.Und, "size": 1000}}}}
	var res struct {
		Aggregations struct {
			Languages struct {
				Buckets []struct {
					Key string `json:"key"`
				} `json:"buckets"`
			} `json:"languages"`
		} `json:"aggregations"`
	}
	if err := e.doJSON(ctx, http.MethodPost, e.path("/_search"), body, &res); err != nil {
		return nil, fmt.Errorf("opensearch: languages of the index: %w", err)
	}
	var out []string
	for _, b := range res.Aggregations.Languages.Buckets {
		out = append(out, b.Key)
	}
	return out, nil
}
