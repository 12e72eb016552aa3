package bleveengine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

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
	req.Fields = []string{fSource} // stored by indexes before quotesInArticle
	req.IncludeLocations = q != nil
	if r.Sort == engine.SortDate {
		// An article's quotes share its date: the ID breaks the ties, as
		// OpenSearch's sort does, so that pages neither repeat nor skip one.
		req.SortBy([]string{"-" + fPublished, "_id"})
	}
	res, err := e.search(ctx, req)
	if err != nil {
		return nil, err
	}
	forms, err := e.quoteForms(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	out := &engine.QuoteResult{Total: res.Total, Hits: make([]engine.QuoteHit, 0, len(res.Hits))}
	for i, h := range res.Hits {
		s := forms[i]
		if s.ArticleID == "" {
			continue
		}
		out.Hits = append(out.Hits, engine.QuoteHit{
			Text: engine.HighlightAll(s.Text, e.textLocations(h.Locations, fQuote)), Speaker: s.Speaker, Role: s.Role,
			Affiliation: s.Affiliation, Cue: s.Cue, Mention: s.Mention, Described: s.Described, Direct: s.Direct, ArticleID: s.ArticleID, Title: s.Title,
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

// quotesInArticle is the first mapping version whose quote documents store
// nothing: a quote is read from its article's stored form.
const quotesInArticle = 5

// quoteForms returns what each quote hit shows: its own stored form in an
// index before quotesInArticle, else its article's quote of the index its
// ID names, the articles of all the hits read from one index reader. The
// articles are read after the quotes were found: a hit whose article was
// removed, or replaced by one with fewer quotes, in between is left zero,
// with no ArticleID.
func (e *Engine) quoteForms(ctx context.Context, hits search.DocumentMatchCollection) ([]storedQuote, error) {
	out := make([]storedQuote, len(hits))
	var ids []string
	for i, h := range hits {
		if _, ok := h.Fields[fSource]; ok {
			if err := decodeStored(h.Fields, &out[i]); err != nil {
				return nil, fmt.Errorf("quote %q: %w", h.ID, err)
			}
			continue
		}
		id, _, ok := quoteOf(h.ID)
		if !ok {
			return nil, fmt.Errorf("quote %q: not the ID of a quote", h.ID)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return out, nil
	}
	articles, err := e.articlesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, h := range hits {
		if _, ok := h.Fields[fSource]; ok {
			continue
		}
		id, j, _ := quoteOf(h.ID)
		a, ok := articles[id]
		if !ok || j >= len(a.Quotes) {
			continue // replaced or removed between the two reads
		}
		out[i] = storedQuote{Quote: a.Quotes[j], ArticleID: a.ID, Title: a.Title, Published: a.Published, Language: a.Language}
	}
	return out, nil
}

// quotedArticle is what a quote hit shows of its article's stored form.
type quotedArticle struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Published time.Time      `json:"published"`
	Language  string         `json:"language"`
	Quotes    []engine.Quote `json:"quotes"`
}

// articlesByID returns what quote hits show of the stored articles of ids,
// by ID; an ID that names no article is left out.
func (e *Engine) articlesByID(ctx context.Context, ids []string) (map[string]*quotedArticle, error) {
	adv, err := e.idx.Advanced()
	if err != nil {
		return nil, translate(err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, translate(err)
	}
	defer r.Close()
	out := make(map[string]*quotedArticle, len(ids))
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := r.Document(id)
		if err != nil {
			return nil, fmt.Errorf("article %q: %w", id, translate(err))
		}
		if d == nil {
			continue
		}
		fields := map[string]any{}
		d.VisitFields(func(f bleveindex.Field) {
			if f.Name() == fSource {
				fields[fSource] = string(f.Value())
			}
		})
		if _, ok := fields[fSource]; !ok {
			continue // not an article
		}
		a := new(quotedArticle)
		if err := decodeStored(fields, a); err != nil {
			return nil, fmt.Errorf("article %q: %w", id, err)
		}
		out[id] = a
	}
	return out, nil
}

// quoteOf returns the article ID and index j of the quote ID
// engine.QuoteID(articleID, j), and whether id is one.
func quoteOf(id string) (articleID string, j int, ok bool) {
	k := strings.LastIndex(id, "#q")
	if k < 0 {
		return "", 0, false
	}
	if j = quoteIndex(id[:k], id); j < 0 {
		return "", 0, false
	}
	return id[:k], j, true
}
