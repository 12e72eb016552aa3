package bleveengine

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/bleveengine/facet"
	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// SearchQuotes runs a validated quote request with its parsed query.
func (e *Engine) SearchQuotes(ctx context.Context, r *engine.QuoteRequest, q query.Node) (*engine.QuoteResult, error) {
	must := []bq.Query{kindQuery(engine.KindQuote)}
	if q != nil {
		t, err := e.quoteReader(ctx)
		if err != nil {
			return nil, err
		}
		tq, err := t.translate(q)
		if err != nil {
			return nil, err
		}
		must = append(must, tq)
	}
	if len(r.Speakers) > 0 {
		must = append(must, anyOf(fSpeaker, r.Speakers))
	}
	if len(r.Roles) > 0 {
		must = append(must, anyOf(fRole, r.Roles))
	}
	if len(r.Affiliations) > 0 {
		must = append(must, anyOf(fAffiliation, r.Affiliations))
	}
	if dq := dateRange(r.Since, r.Until, e.version, quoteDates); dq != nil {
		must = append(must, dq)
	}
	k := e.facets.NewCounter(facet.Request{Fields: []string{fSpeaker, fRole, fAffiliation, fMonth}})
	defer k.Release()
	req := bleve.NewSearchRequestOptions(k.Query(bleve.NewConjunctionQuery(must...)), r.Size, (r.Page-1)*r.Size, false)
	req.Fields = []string{fSource}
	req.IncludeLocations = q != nil
	if r.Sort == engine.SortDate {
		req.SortBy([]string{"-" + fPublished})
	}
	res, err := e.search(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &engine.QuoteResult{Total: res.Total, Hits: make([]engine.QuoteHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		var s storedQuote
		if err := decodeStored(h.Fields, &s); err != nil {
			return nil, fmt.Errorf("quote %q: %w", h.ID, err)
		}
		out.Hits = append(out.Hits, engine.QuoteHit{
			Text: engine.HighlightAll(s.Text, textLocations(h.Locations, fQuote)), Speaker: s.Speaker, Role: s.Role,
			Affiliation: s.Affiliation, Cue: s.Cue, Mention: s.Mention, Direct: s.Direct, ArticleID: s.ArticleID, Title: s.Title,
			Published: s.Published, Score: h.Score,
		})
	}
	out.Facets = engine.QuoteFacets{
		Speaker:     counts(k.Top(fSpeaker, r.FacetSize)),
		Role:        counts(k.Top(fRole, r.FacetSize)),
		Affiliation: counts(k.Top(fAffiliation, r.FacetSize)),
		Published:   histogram(counts(k.Top(fMonth, histogramBuckets)), engine.IntervalMonth),
	}
	return out, nil
}
