package bleveengine

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// expansion returns the query of the terms that weigh most in the best
// matches of text (engine.Expansion), or nil when q has no plain words or
// text matches nothing.
func (e *Engine) expansion(ctx context.Context, r *engine.SearchRequest, q query.Node, text bq.Query, filters []bq.Query) (bq.Query, error) {
	words := engine.FeedbackWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	best := *r
	best.NoFacets = true
	res, _, err := e.run(ctx, &best, text, filters, window{size: engine.FeedbackDocs, fields: []string{fSource}})
	if err != nil {
		return nil, err
	}
	docs := make([]engine.FeedbackDoc, 0, len(res.Hits))
	for _, h := range res.Hits {
		var a storedHit
		if err := decodeStored(h.Fields, &a); err != nil {
			return nil, fmt.Errorf("article %q: %w", h.ID, err)
		}
		docs = append(docs, engine.FeedbackDoc{Score: h.Score, Text: a.Title + "\n" + a.Body, Analyzer: analysis.ForLanguage(a.Language)})
	}
	if len(docs) == 0 {
		return nil, nil
	}
	langs, err := e.analyses()
	if err != nil {
		return nil, err
	}
	exclude := map[engine.AnalyzedTerm]bool{}
	for _, s := range langs.scopes(r.Filters[languageFilter]) {
		for _, w := range words {
			for _, t := range engine.Tokens(s.analyzer, w) {
				exclude[engine.AnalyzedTerm{Analyzer: s.analyzer, Term: t}] = true
			}
		}
	}
	n, err := e.idx.DocCount()
	if err != nil {
		return nil, translate(err)
	}
	df, done, err := e.docFreq(ctx)
	if err != nil {
		return nil, err
	}
	terms := engine.Expansion(docs, exclude, func(an string) float64 { return langs.documents(an, n) }, df)
	if err := done(); err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return nil, nil
	}
	w := func(string, string, []string) float64 { return 1 }
	if open := e.weigher(ctx, langs); open != nil {
		st, done, err := open()
		if err != nil {
			return nil, err
		}
		defer done()
		w = st.boost
	}
	var qs []bq.Query
	for _, t := range terms {
		for _, fb := range articleTranslator.Text {
			f := engine.AnalyzedField(fb.Field, t.Analyzer)
			tq := bleve.NewTermQuery(t.Term)
			tq.SetField(f)
			tq.SetBoost(t.Weight * fb.Boost * w(t.Analyzer, f, []string{t.Term}))
			qs = append(qs, tq)
		}
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

// docFreq returns a function giving the number of documents whose body
// holds a term, in the field of the term's analysis, read from one snapshot
// of the index, and the function that releases the snapshot and reports
// the first error met.
func (e *Engine) docFreq(ctx context.Context) (func(engine.AnalyzedTerm) uint64, func() error, error) {
	df, done, err := e.fieldFreq(ctx)
	if err != nil {
		return nil, nil, err
	}
	return func(t engine.AnalyzedTerm) uint64 { return df(engine.AnalyzedField(fBody, t.Analyzer), t.Term) }, done, nil
}

// fieldFreq returns a function giving the number of documents whose field
// holds a term, read from one snapshot of the index, and the function that
// releases the snapshot and reports the first error met.
func (e *Engine) fieldFreq(ctx context.Context) (func(field, term string) uint64, func() error, error) {
	adv, err := e.idx.Advanced()
	if err != nil {
		return nil, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	var first error
	df := func(field, term string) uint64 {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			if first == nil {
				first = err
			}
			return 0
		}
		n := tfr.Count()
		tfr.Close()
		return n
	}
	done := func() error {
		if err := r.Close(); first == nil {
			first = err
		}
		return first
	}
	return df, done, nil
}

// related returns the window w of the articles that match expansion but not
// text, most alike first, with the stored fields of w.
func (e *Engine) related(ctx context.Context, r *engine.SearchRequest, text, expansion bq.Query, filters []bq.Query, w window) (*bleve.SearchResult, error) {
	b := bleve.NewBooleanQuery()
	b.AddMust(expansion)
	b.AddMustNot(text)
	rr := *r
	rr.NoFacets = true
	res, _, err := e.run(ctx, &rr, b, filters, w)
	return res, err
}
