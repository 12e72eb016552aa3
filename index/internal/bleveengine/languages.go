package bleveengine

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// Searching in every language. Each article's free text is in the fields
// of its language's analysis (analysis.TextField), so a query is read in
// each analysis the index holds, or in those of the languages a search is
// filtered to, and the readings are combined: a document of one language
// matches the reading of its own analysis alone. The analyses present are
// read from the language field's dictionary, once after each write.

// languageFilter is the facet a search's Filters name languages by
// (engine.FacetLanguage).
const languageFilter engine.Facet = fLanguage

// analyses is what the index holds of each analysis.
type analyses struct {
	// analyzers lists the analyses of the articles present, in
	// analysis.Analyzers's order: English alone for an index whose
	// articles have no language field.
	analyzers []string
	// codes maps each analyzer to the language codes of its articles.
	codes map[string][]string
	// articles maps each analyzer to its number of articles, and total
	// sums them; deleted articles may count until segments merge.
	articles map[string]uint64
	total    uint64
	// freqs remembers, until the next write, how many documents' field
	// holds a term ([2]string{field, term}), as readings ask for it.
	freqs     sync.Map
	freqsSize atomic.Int64
}

// maxFreqs bounds the number of frequencies an analyses remembers.
const maxFreqs = 100000

// analysesCache holds the analyses of the index, nil after a write.
type analysesCache struct{ cur atomic.Pointer[analyses] }

func (c *analysesCache) invalidate() { c.cur.Store(nil) }

// analyses returns the analyses the index holds.
func (e *Engine) analyses() (*analyses, error) {
	if a := e.langs.cur.Load(); a != nil {
		return a, nil
	}
	d, err := e.idx.FieldDict(fLanguage)
	if err != nil {
		return nil, fmt.Errorf("language dictionary: %w", translate(err))
	}
	defer d.Close()
	a := &analyses{codes: map[string][]string{}, articles: map[string]uint64{}}
	for {
		t, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("language dictionary: %w", err)
		}
		if t == nil {
			break
		}
		an := analysis.ForLanguage(t.Term)
		a.codes[an] = append(a.codes[an], t.Term)
		a.articles[an] += t.Count
		a.total += t.Count
	}
	for _, an := range analysis.Analyzers() {
		if len(a.codes[an]) > 0 {
			a.analyzers = append(a.analyzers, an)
		}
	}
	if len(a.analyzers) == 0 {
		a.analyzers = []string{analysis.AnalyzerName}
	}
	e.langs.cur.Store(a)
	return a, nil
}

// scopes returns the analyses a search reads its query in: those of the
// languages it is filtered to, else every one the index holds. Each comes
// with the language codes of its documents, which confine a reading that
// could match documents of other analyses (a lone stop word, an
// exclusion).
func (a *analyses) scopes(filter []string) []scope {
	var out []scope
	if len(filter) == 0 {
		for _, an := range a.analyzers {
			out = append(out, scope{analyzer: an, codes: a.codes[an]})
		}
		return out
	}
	by := map[string][]string{}
	for _, c := range filter {
		an := analysis.ForLanguage(c)
		by[an] = append(by[an], engine.LanguageOf(c))
	}
	for _, an := range analysis.Analyzers() {
		if len(by[an]) > 0 {
			out = append(out, scope{analyzer: an, codes: by[an]})
		}
	}
	return out
}

// documents returns the number of documents an analysis's inverse
// document frequencies count against: n, the index's documents, in the
// share of them that are the analysis's articles.
func (a *analyses) documents(analyzer string, n uint64) float64 {
	if len(a.analyzers) < 2 || a.total == 0 {
		return float64(n)
	}
	return float64(n) * float64(a.articles[analyzer]) / float64(a.total)
}

// scope is one analysis a query is read in, and the language codes of its
// documents.
type scope struct {
	analyzer string
	codes    []string
}

// only returns the query matching the documents of the scope: those whose
// keyword field (the language of an article, or of a quote) holds one of
// its codes. It scores nothing: it only confines a reading to its analysis.
func (s scope) only(field string) bq.Query {
	qs := make([]bq.Query, len(s.codes))
	for i, c := range s.codes {
		t := bleve.NewTermQuery(c)
		t.SetField(field)
		t.SetBoost(0)
		qs[i] = t
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// articleReader returns the translator of an article search filtered to
// languages (none: every language the index holds).
func (e *Engine) articleReader(ctx context.Context, languages []string, noProximity bool) (multiTranslator, error) {
	a, err := e.analyses()
	if err != nil {
		return multiTranslator{}, err
	}
	t := articleTranslator
	t.noProximity = noProximity
	return multiTranslator{base: t, scopes: a.scopes(languages), only: fLanguage, weigh: e.weigher(ctx, a)}, nil
}

// quoteReader returns the translator of quote searches: quotes are in the
// languages of their articles.
func (e *Engine) quoteReader(ctx context.Context) (multiTranslator, error) {
	a, err := e.analyses()
	if err != nil {
		return multiTranslator{}, err
	}
	return multiTranslator{base: quoteTranslator, scopes: a.scopes(nil), only: fQuoteLanguage, weigh: e.weigher(ctx, a)}, nil
}

// Each reading is scored as if its analysis's documents were the whole
// index. bleve's BM25 counts a term's inverse document frequency against
// every document of the index, whatever the field: a word in a language of
// thirty articles would weigh as a word that rare in the whole archive,
// and an English headline read as Danish would outrank the English
// articles about it. A term weighs boost × idf² (bleve multiplies a term's
// score by its query weight, boost × idf × norm), so each clause of a
// reading is boosted by the square of its terms' idf among the documents
// of its analysis over their idf among all.

// weigher returns what opens the statistics of one translation's
// readings, when the index holds several analyses (nil otherwise): a
// snapshot of the index, which the returned function closes.
func (e *Engine) weigher(ctx context.Context, a *analyses) func() (*readingStats, func() error, error) {
	if len(a.analyzers) < 2 || a.total == 0 {
		return nil
	}
	return func() (*readingStats, func() error, error) {
		n, err := e.idx.DocCount()
		if err != nil {
			return nil, nil, translate(err)
		}
		s := &readingStats{n: n, langs: a}
		// The snapshot is opened at the first frequency not remembered.
		var done func() error
		s.df = func(field, term string) uint64 {
			if done == nil {
				df, d, err := e.fieldFreq(ctx)
				if err != nil {
					s.err = err
					return 1 // as if held: a clause is kept, not lost
				}
				s.open, done = df, d
			}
			return s.open(field, term)
		}
		return s, func() error {
			if done != nil {
				if err := done(); s.err == nil {
					s.err = err
				}
			}
			return s.err
		}, nil
	}
}

// readingStats weighs the clauses of the readings of one translation and
// tells which can match at all: a reading in a language whose articles do
// not hold a word is left out, so that the many languages an index holds a
// few articles of cost a search little.
type readingStats struct {
	n     uint64
	langs *analyses
	df    func(field, term string) uint64
	open  func(field, term string) uint64 // the snapshot's, once opened
	err   error
}

// freq returns the number of documents whose field holds term.
func (s *readingStats) freq(field, term string) uint64 {
	k := [2]string{field, term}
	if d, ok := s.langs.freqs.Load(k); ok {
		return d.(uint64)
	}
	d := s.df(field, term)
	if s.err == nil && s.langs.freqsSize.Add(1) <= maxFreqs {
		s.langs.freqs.Store(k, d)
	}
	return d
}

// holds reports whether some document's field holds each of terms.
func (s *readingStats) holds(field string, terms []string) bool {
	for _, t := range terms {
		if s.freq(field, t) == 0 {
			return false
		}
	}
	return true
}

// boost returns the boost of a clause of an analysis's reading that
// searches terms in field: the mean of the terms' corrections.
func (s *readingStats) boost(analyzer, field string, terms []string) float64 {
	own := s.langs.documents(analyzer, s.n)
	sum, k := 0.0, 0
	for _, t := range terms {
		d := s.freq(field, t)
		if d == 0 {
			continue
		}
		r := idf(own, d) / idf(float64(s.n), d)
		sum += r * r
		k++
	}
	if k == 0 {
		return 1
	}
	return sum / float64(k)
}

// idf is BM25's inverse document frequency of a term in df of n documents.
func idf(n float64, df uint64) float64 {
	d := float64(df)
	return math.Log(1 + (math.Max(n, d)-d+0.5)/(d+0.5))
}
