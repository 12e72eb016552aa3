package bleveengine

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// Articles are ranked with BM25, given the true average length of each
// field. bleve's BM25 takes the average length from the size of the field's
// vocabulary (summed over segments) divided by the number of documents, a
// few terms where an article body holds some ninety: every article then
// counts as many times longer than average, and long ones sink. A search
// can hand bleve its own statistics (the BM25 pre-search data), which is
// what the engine does, measured on a sample of the documents.

func init() {
	// bleve keeps its BM25 parameters in package variables, so they hold
	// for every bleve index of the process.
	search.BM25_k1, search.BM25_b = engine.BM25K1, engine.BM25B
}

// useBM25 makes idx rank with BM25 whatever scoring model its stored
// mapping names: bleve reads the model at search time only, so an index
// made when ranking was TF-IDF ranks as a new one without reindexing.
func useBM25(idx bleve.Index) {
	if m, ok := idx.Mapping().(*mapping.IndexMappingImpl); ok {
		m.ScoringModel = bleveindex.BM25Scoring
	}
}

// The average field lengths are measured on lengthSample documents spread
// over the index, again once the number of documents has changed by more
// than lengthDrift of what it was. A sample of this size puts the average
// body within a few percent, and BM25 with a small b barely notices 20%.
//
// The sample is taken in runs of lengthRun neighbouring documents, which a
// segment stores side by side: the kernel maps a segment's pages into the
// process a large folio (up to 2 MB) at a time, so 500 documents each on
// its own page mapped 365 MB of a 300,000-article index, half its resident
// set, on the first search.
const (
	lengthSample = 500
	lengthRun    = 20
	lengthDrift  = 0.1
)

// inSample reports whether the i-th of n documents is in a sample of about
// lengthSample of them taken in runs of lengthRun: the first lengthRun of
// every stride, or every document when n is smaller than the sample.
func inSample(i, n uint64) bool {
	stride := max(lengthRun, n*lengthRun/lengthSample)
	return i%stride < lengthRun
}

// fieldLengths holds the statistics BM25 is given, measured lazily.
type fieldLengths struct {
	stats   atomic.Pointer[measuredLengths]
	measure sync.Mutex // one measurement at a time
}

type measuredLengths struct {
	docs uint64
	// articles counts the articles of each analysis other than English
	// when they were measured.
	articles map[string]uint64
	stats    *search.BM25Stats
}

// bm25Stats returns the statistics a ranked search hands bleve, or nil for
// an empty index (bleve's own then serve: nothing is ranked). While one
// search measures them again, others use the previous ones.
func (e *Engine) bm25Stats(ctx context.Context) (*search.BM25Stats, error) {
	n, err := e.idx.DocCount()
	if err != nil {
		return nil, translate(err)
	}
	langs, err := e.analyses()
	if err != nil {
		return nil, err
	}
	cur := e.lengths.stats.Load()
	if fresh(cur, n, langs) {
		return cur.stats, nil
	}
	if cur != nil && cur.docs > 0 {
		if !e.lengths.measure.TryLock() {
			return cur.stats, nil
		}
	} else {
		e.lengths.measure.Lock()
	}
	defer e.lengths.measure.Unlock()
	if cur = e.lengths.stats.Load(); fresh(cur, n, langs) {
		return cur.stats, nil
	}
	m := &measuredLengths{docs: n, articles: otherArticles(langs)}
	if n > 0 {
		avg, err := e.measureLengths(ctx, n, langs)
		if err != nil {
			return nil, fmt.Errorf("measure field lengths: %w", err)
		}
		m.stats = &search.BM25Stats{DocCount: float64(n), FieldCardinality: map[string]int{}}
		// Every field a query may name needs an entry, or bleve fails the
		// search: those no sampled document holds count one term.
		for _, f := range e.fieldNames() {
			l := avg[f]
			if l == 0 {
				l = 1
			}
			// bleve divides this by the number of documents.
			m.stats.FieldCardinality[f] = int(math.Round(l * float64(n)))
		}
		// A filter of several terms (a date range, a choice of values),
		// which asks for no score, is searched as one union of postings
		// under scorch's pseudo-field "*", which needs an entry too.
		m.stats.FieldCardinality[scorch.OptimizeTFRDisjunctionUnadornedField] = int(n)
	}
	e.lengths.stats.Store(m)
	return m.stats, nil
}

// fresh reports whether m was measured on about n documents, and on about
// as many articles of each analysis other than English as langs counts.
func fresh(m *measuredLengths, n uint64, langs *analyses) bool {
	if m == nil {
		return false
	}
	near := func(now, then uint64) bool {
		return math.Abs(float64(now)-float64(then)) <= lengthDrift*float64(then)
	}
	if !near(n, m.docs) {
		return false
	}
	for an, c := range otherArticles(langs) {
		if !near(c, m.articles[an]) {
			return false
		}
	}
	return true
}

// otherArticles counts the articles of each analysis other than English.
func otherArticles(langs *analyses) map[string]uint64 {
	out := map[string]uint64{}
	for an, c := range langs.articles {
		if an != analysis.AnalyzerName {
			out[an] = c
		}
	}
	return out
}

// measureLengths returns the average length in terms of each field, over
// the sampled documents that hold it. The documents are rebuilt from their
// stored form and analysed as indexing analysed them. A sample over the
// whole index measures English and the fields of every language; the text
// fields of each other analysis are measured on a sample of its own
// documents, which one over the whole index may hold few or none of.
func (e *Engine) measureLengths(ctx context.Context, n uint64, langs *analyses) (map[string]float64, error) {
	ids, err := e.sampleIDs(n)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	avg, err := e.lengthsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, an := range langs.analyzers {
		if an == analysis.AnalyzerName {
			continue
		}
		var ids []string
		for _, f := range []string{fLanguage, fQuoteLanguage} {
			got, err := e.sampleOf(ctx, f, langs.codes[an])
			if err != nil {
				return nil, err
			}
			ids = append(ids, got...)
		}
		own, err := e.lengthsOf(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, base := range []string{fTitle, fBody, fQuote} {
			if f := engine.AnalyzedField(base, an); own[f] > 0 {
				avg[f] = own[f]
			}
		}
	}
	return avg, nil
}

// lengthsOf returns the average length in terms of each field, over the
// documents of ids that hold it.
func (e *Engine) lengthsOf(ctx context.Context, ids []string) (map[string]float64, error) {
	if len(ids) == 0 {
		return map[string]float64{}, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fSource, fNQuotes}
	req.Score = "none"
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, translate(err)
	}
	docs, err := e.storedDocs(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	m := e.idx.Mapping()
	sum := map[string]float64{}
	holding := map[string]float64{}
	for i, h := range res.Hits {
		d := docs[i]
		if d == nil {
			continue
		}
		doc := document.NewDocument(h.ID)
		if err := m.MapDocument(doc, d); err != nil {
			return nil, fmt.Errorf("document %q: %w", h.ID, err)
		}
		lens := map[string]int{}
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
				lens[f.Name()] += f.AnalyzedLength()
			}
		})
		for f, l := range lens {
			sum[f] += float64(l)
			holding[f]++
		}
	}
	avg := make(map[string]float64, len(sum))
	for f, s := range sum {
		avg[f] = s / holding[f]
	}
	return avg, nil
}

// sampleIDs returns the IDs of about lengthSample documents spread evenly
// over the index's n, in runs (inSample).
func (e *Engine) sampleIDs(n uint64) ([]string, error) {
	adv, err := e.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	var ids []string
	for i := uint64(0); ; i++ {
		id, err := all.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			return ids, nil
		}
		if !inSample(i, n) {
			continue
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		ids = append(ids, ext)
	}
}

// sampleOf returns the IDs of about lengthSample documents spread evenly
// over those whose keyword field holds one of values, in runs (inSample).
func (e *Engine) sampleOf(ctx context.Context, field string, values []string) ([]string, error) {
	adv, err := e.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var ids []string
	for _, v := range values {
		tfr, err := r.TermFieldReader(ctx, []byte(v), field, false, false, false)
		if err != nil {
			return nil, err
		}
		n := tfr.Count()
		for i := uint64(0); ; i++ {
			d, err := tfr.Next(nil)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			if d == nil {
				break
			}
			if !inSample(i, n) {
				continue
			}
			ext, err := r.ExternalID(d.ID)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			ids = append(ids, ext)
		}
		tfr.Close()
	}
	return ids, nil
}

// storedDocs rebuilds the bleve documents of article and quote hits from
// the fields stored with them (and a quote's from its article's, quoteForms),
// as an index of the engine's mapping version holds them: only articles
// store their number of quotes.
func (e *Engine) storedDocs(ctx context.Context, hits search.DocumentMatchCollection) ([]map[string]any, error) {
	out := make([]map[string]any, len(hits))
	var quotes search.DocumentMatchCollection
	var at []int
	for i, h := range hits {
		if _, ok := h.Fields[fNQuotes]; !ok {
			quotes = append(quotes, h)
			at = append(at, i)
			continue
		}
		var a engine.Article
		if err := decodeStored(h.Fields, &a); err != nil {
			return nil, fmt.Errorf("document %q: %w", h.ID, err)
		}
		d, err := articleDoc(&a, e.version)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", h.ID, err)
		}
		out[i] = d
	}
	forms, err := e.quoteForms(ctx, quotes)
	if err != nil {
		return nil, err
	}
	for k, q := range forms {
		if q.ArticleID == "" {
			continue // its article is gone: no document to measure
		}
		d, err := quoteDoc(&engine.Article{ID: q.ArticleID, Title: q.Title, Published: q.Published, Language: q.Language}, q.Quote, e.version)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", quotes[k].ID, err)
		}
		out[at[k]] = d
	}
	return out, nil
}

// fieldNames lists every field of the mapping and of the index.
func (e *Engine) fieldNames() []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	if m, ok := e.idx.Mapping().(*mapping.IndexMappingImpl); ok {
		var walk func(path string, dm *mapping.DocumentMapping)
		walk = func(path string, dm *mapping.DocumentMapping) {
			for name, p := range dm.Properties {
				at := name
				if path != "" {
					at = path + "." + name
				}
				for _, fm := range p.Fields {
					if fm.Name != "" {
						add(fm.Name)
					} else {
						add(at)
					}
				}
				walk(at, p)
			}
		}
		for _, dm := range m.TypeMapping {
			walk("", dm)
		}
	}
	if fs, err := e.idx.Fields(); err == nil {
		for _, f := range fs {
			add(f)
		}
	}
	return out
}

// search runs a ranked request with the index's BM25 statistics.
func (e *Engine) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	// The segments are read page by page, and unmapped over the budget
	// (package mapped).
	segs, release := e.heldSegments()
	defer release()
	e.mapped.Advise(segs)
	defer e.mapped.Keep(segs)
	st, err := e.bm25Stats(ctx)
	if err != nil {
		return nil, err
	}
	if st != nil {
		req.PreSearchData = map[string]any{search.BM25PreSearchDataKey: st}
	}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, translate(err)
	}
	return res, nil
}
