package bleveengine

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/bleveengine/facet"
	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// anyOf matches documents whose keyword field holds one of values.
func anyOf(field string, values []string) bq.Query {
	qs := make([]bq.Query, len(values))
	for i, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs[i] = t
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// histogramBuckets bounds the buckets of a histogram: about 27 years of days.
const histogramBuckets = 10000

// Search runs a validated request with its parsed query (nil: match all).
func (e *Engine) Search(ctx context.Context, r *engine.SearchRequest, q query.Node) (*engine.SearchResult, error) {
	e.searching.Add(1)
	defer e.searching.Add(-1)
	// Quote documents hold none of the fields an article query searches,
	// and the translator's match-all names the kind, so no kind filter: it
	// would walk a posting list as long as the archive on every query.
	var text bq.Query = kindQuery(engine.KindArticle)
	if q != nil {
		// Ranking words that stand together higher costs a phrase search
		// over every match; sorted by date, the ranking is not used.
		t, err := e.articleReader(ctx, r.Filters[languageFilter], r.Sort != engine.SortRelevance)
		if err != nil {
			return nil, err
		}
		if text, err = t.translate(q); err != nil {
			return nil, err
		}
	}
	var filters []bq.Query
	for _, f := range engine.AllFacets {
		if vs := r.Filters[f]; len(vs) > 0 {
			filters = append(filters, anyOf(facetField[f], vs))
		}
	}
	if dq := dateRange(r.Since, r.Until, e.version, articleDates); dq != nil {
		filters = append(filters, dq)
	}
	if r.Story != "" {
		filters = append(filters, anyOf(fStory, []string{r.Story}))
	}
	w := window{size: r.Size, from: (r.Page - 1) * r.Size} // IDs only
	switch {
	case r.Collapse:
		// Only the story of each of the top matches; the page's articles
		// are loaded once the stories are known.
		w.size, w.from, w.fields = engine.CollapseWindow, 0, []string{fStory}
	case q == nil:
		w.fields = []string{fSource}
	}
	res, k, err := e.run(ctx, r, text, filters, w)
	if err != nil {
		return nil, err
	}
	defer func() { k.Release() }() // the counter in use when done
	relaxed := false
	if q != nil && res.Total < engine.RelaxBelow {
		t, err := e.articleReader(ctx, r.Filters[languageFilter], false)
		if err != nil {
			return nil, err
		}
		if or, ok, err := t.relaxed(q); err != nil {
			return nil, err
		} else if ok {
			if res2, k2, err := e.run(ctx, r, or, filters, w); err != nil {
				return nil, err
			} else if res2.Total > res.Total {
				k.Release()
				res, k, relaxed, text = res2, k2, true, or
			} else {
				k2.Release()
			}
		}
	}
	if r.Collapse {
		return e.collapse(ctx, r, q, res, k, text, filters, relaxed)
	}
	out, err := e.result(res, k, r, relaxed)
	if err != nil || q == nil {
		return out, err
	}
	if len(res.Hits) > 0 {
		// The first pass found the page without the places of the words;
		// load its articles with them, keeping the first pass's order and scores.
		lt, err := e.loadText(ctx, r, q, text, relaxed)
		if err != nil {
			return nil, err
		}
		if out.Hits, err = e.load(ctx, r, lt, res.Hits, relaxed, false); err != nil {
			return nil, err
		}
	}
	// Places the matches leave free on the page go to related articles.
	from := (r.Page - 1) * r.Size
	end := min(from+r.Size, engine.RelatedDepth)
	if r.Sort != engine.SortRelevance || res.Total == 0 || res.Total >= uint64(end) {
		return out, nil
	}
	total := int(res.Total)
	exp, err := e.expansion(ctx, r, q, text, filters)
	if err != nil || exp == nil {
		return out, err
	}
	rel, err := e.related(ctx, r, text, exp, filters, window{size: end - max(from, total), from: max(0, from-total)})
	if err != nil {
		return nil, err
	}
	hits, err := e.load(ctx, r, exp, rel.Hits, relaxed, true)
	if err != nil {
		return nil, err
	}
	out.Hits = append(out.Hits, hits...)
	return out, nil
}

// loadText returns the query that loads the page of a search for q (text,
// as translated for the search, relaxed or not): the same without the
// clauses that rank words standing together higher. They add no place of a
// word that the words' own clauses do not, and reading their positions cost
// a tenth of a two-word search.
func (e *Engine) loadText(ctx context.Context, r *engine.SearchRequest, q query.Node, text bq.Query, relaxed bool) (bq.Query, error) {
	t, err := e.articleReader(ctx, r.Filters[languageFilter], true)
	if err != nil {
		return nil, err
	}
	if !relaxed {
		return t.translate(q)
	}
	or, ok, err := t.relaxed(q)
	if err != nil || !ok {
		return text, err
	}
	return or, nil
}

// load loads the articles of hits found by text, in their order and with
// their scores, marked related when they are.
func (e *Engine) load(ctx context.Context, r *engine.SearchRequest, text bq.Query, hits search.DocumentMatchCollection, relaxed, related bool) ([]engine.Hit, error) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	byID, err := e.loadPage(ctx, r, text, ids, true, relaxed)
	if err != nil {
		return nil, err
	}
	out := make([]engine.Hit, 0, len(hits))
	for _, h := range hits {
		if hit, ok := byID[h.ID]; ok {
			hit.Score, hit.Related = h.Score, related
			out = append(out, hit)
		}
	}
	return out, nil
}

// collapse groups the top matches of res (fetched with only their story)
// into stories in rank order, then loads the page's articles. When every
// match is grouped and the stories leave places free in the first
// RelatedDepth, related articles follow, grouped the same way.
func (e *Engine) collapse(ctx context.Context, r *engine.SearchRequest, q query.Node, res *bleve.SearchResult, k *facet.Counter, text bq.Query, filters []bq.Query, relaxed bool) (*engine.SearchResult, error) {
	type group struct {
		id      string // the best-ranked article
		score   float64
		members int
		related bool
	}
	var groups []group
	at := map[string]int{}
	add := func(hits search.DocumentMatchCollection, related bool) {
		for _, h := range hits {
			st, _ := h.Fields[fStory].(string)
			if st == "" {
				st = h.ID
			}
			if i, ok := at[st]; ok {
				groups[i].members++
				continue
			}
			at[st] = len(groups)
			groups = append(groups, group{id: h.ID, score: h.Score, members: 1, related: related})
		}
	}
	add(res.Hits, false)
	matches := len(groups)
	from := (r.Page - 1) * r.Size
	var exp bq.Query
	if end := min(from+r.Size, engine.RelatedDepth); q != nil && r.Sort == engine.SortRelevance && res.Total > 0 &&
		uint64(len(res.Hits)) == res.Total && matches < end {
		var err error
		if exp, err = e.expansion(ctx, r, q, text, filters); err != nil {
			return nil, err
		}
		if exp != nil {
			rel, err := e.related(ctx, r, text, exp, filters, window{size: engine.RelatedDepth, fields: []string{fStory}})
			if err != nil {
				return nil, err
			}
			add(rel.Hits, true)
			groups = groups[:max(matches, min(len(groups), engine.RelatedDepth))]
		}
	}
	page := groups[min(from, len(groups)):min(from+r.Size, len(groups))]
	out, err := e.result(res, k, r, relaxed) // facets and totals of the whole match
	if err != nil {
		return nil, err
	}
	out.Hits = out.Hits[:0]
	if uint64(len(res.Hits)) == res.Total {
		out.Stories = matches
	}
	var ids, relIDs []string
	for _, g := range page {
		if g.related {
			relIDs = append(relIDs, g.id)
		} else {
			ids = append(ids, g.id)
		}
	}
	byID := map[string]engine.Hit{}
	for _, part := range []struct {
		text bq.Query
		ids  []string
	}{{text, ids}, {exp, relIDs}} {
		if len(part.ids) == 0 {
			continue
		}
		loaded, err := e.loadPage(ctx, r, part.text, part.ids, q != nil, relaxed)
		if err != nil {
			return nil, err
		}
		maps.Copy(byID, loaded)
	}
	for _, g := range page {
		if h, ok := byID[g.id]; ok {
			h.Similar, h.Score, h.Related = g.members-1, g.score, g.related
			out.Hits = append(out.Hits, h)
		}
	}
	return out, nil
}

// loadPage loads the articles of a page of hits found by text, with the
// places of the query's words in them when locations is set. Reading the
// places for the page alone, rather than for every match, takes a tenth
// off a search of a common word.
//
// The IDs and the text are a conjunction, which the few IDs drive: as a
// boolean filter, bleve would walk every match of the text. The scores are
// the conjunction's, not the search's: callers keep the first pass's.
func (e *Engine) loadPage(ctx context.Context, r *engine.SearchRequest, text bq.Query, ids []string, locations, relaxed bool) (map[string]engine.Hit, error) {
	b := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), text)
	req := bleve.NewSearchRequestOptions(b, len(ids), 0, false)
	req.Fields = []string{fSource}
	req.IncludeLocations = locations
	got, err := e.search(ctx, req)
	if err != nil {
		return nil, err
	}
	loaded, err := e.result(got, nil, r, relaxed)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]engine.Hit, len(loaded.Hits))
	for _, h := range loaded.Hits {
		byID[h.ID] = h
	}
	return byID, nil
}

// run searches for text among the documents that pass every filter, and
// returns the hits of the window (with its stored fields). The filters do
// not score. Unless the request asks for no facets, the facets and the
// histogram are counted (by the returned counter) over the same matches,
// in the same pass that ranks them.
//
// A ranked search of words read also as a phrase reads the words' positions
// only in the matches that may rank within the window (see proximityQuery).
func (e *Engine) run(ctx context.Context, r *engine.SearchRequest, text bq.Query, filters []bq.Query, w window) (*bleve.SearchResult, *facet.Counter, error) {
	keep := w.from + w.size
	first := func(dr docRange, k *facet.Counter, shared *sharedBound) (bq.Query, *passedOver) {
		t := text
		var g *gate
		var passed *passedOver
		if r.Sort == engine.SortRelevance {
			if len(filters) == 0 && boundWords {
				t, g, passed = boundWord(t, keep)
				if bw, ok := t.(*boundedWordQuery); ok {
					bw.end = dr.end
				}
			}
			if g == nil {
				t, g = gateSearch(t, keep)
			}
		}
		if g != nil {
			g.shared = shared
		}
		b := filtered(t, filters)
		if dr != allDocs {
			b = rangeQuery{b, dr}
		}
		if k != nil {
			b = k.Query(b)
			if passed != nil {
				passed.k = k
			}
		}
		if g != nil {
			// The filters score nothing, so the gate sees the scores bleve ranks.
			b = g.Query(b)
		}
		return b, passed
	}
	var k *facet.Counter
	if !r.NoFacets {
		fields := make([]string, 0, len(engine.AllFacets)+1)
		for _, f := range engine.AllFacets {
			fields = append(fields, facetField[f])
		}
		fields = append(fields, histogramField[r.Interval])
		fr := facet.Request{Fields: fields}
		if r.CountStories {
			fr.Distinct = fStory
		}
		k = e.facets.NewCounter(fr)
	}
	sq := &slicedQuery{slices: 1, from: sliceFrom, keep: keep, k: k, first: first}
	if sliceable(text) {
		sq.slices = e.searchSlices()
	}
	req := bleve.NewSearchRequestOptions(sq, w.size, w.from, false)
	req.Fields = w.fields
	// Secondary keys cost a doc-value lookup per hit; ties on score are
	// rare enough that bleve's own order serves.
	switch r.Sort {
	case engine.SortDate:
		req.SortBy([]string{"-" + fPublished})
	case engine.SortDateAsc:
		req.SortBy([]string{fPublished})
	}
	sq.sort = req.Sort
	res, err := e.search(ctx, req)
	if err != nil {
		k.Release()
		return nil, nil, err
	}
	extra, maxScore := sq.searched()
	res.Total += extra // the matches counted but not collected
	res.MaxScore = max(res.MaxScore, maxScore)
	return res, k, nil
}

// boundWords is whether a ranked search of one word passes over the matches
// that cannot reach the page (boundedWordQuery); tests compare both ways.
var boundWords = true

// window is the part of the ranked matches a pass returns, and the stored
// fields it loads of them.
type window struct {
	size, from int
	fields     []string
}

// histogramField is the keyword field counted for each histogram interval.
var histogramField = map[string]string{engine.IntervalDay: fDay, engine.IntervalMonth: fMonth, engine.IntervalYear: fYear}

// storedHit is what a hit shows of a stored article: its quotes, which a
// long article has many of, are passed over rather than decoded.
type storedHit struct {
	ID            string    `json:"id"`
	URL           string    `json:"url"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`
	Published     time.Time `json:"published"`
	Source        string    `json:"source"`
	Category      string    `json:"category"`
	Language      string    `json:"language"`
	Story         string    `json:"story"`
	People        []string  `json:"people"`
	Countries     []string  `json:"countries"`
	Places        []string  `json:"places"`
	Organizations []string  `json:"organizations"`
	Analysts      []string  `json:"analysts"`
}

func (e *Engine) result(res *bleve.SearchResult, k *facet.Counter, r *engine.SearchRequest, relaxed bool) (*engine.SearchResult, error) {
	out := &engine.SearchResult{Total: res.Total, Relaxed: relaxed, Hits: make([]engine.Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		if _, ok := h.Fields[fSource]; !ok {
			continue // a collapsed search's first pass: no articles loaded
		}
		var a storedHit
		if err := decodeStored(h.Fields, &a); err != nil {
			return nil, fmt.Errorf("article %q: %w", h.ID, err)
		}
		out.Hits = append(out.Hits, engine.Hit{
			ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published,
			Category: a.Category, Story: a.Story, Score: h.Score,
			Snippet: engine.Snippet(a.Body, e.textLocations(h.Locations, fBody), engine.SnippetBytes),
			People:  engine.NonNil(a.People), Countries: engine.NonNil(a.Countries), Places: engine.NonNil(a.Places),
			Organizations: engine.NonNil(a.Organizations), Analysts: engine.NonNil(a.Analysts),
			Language: engine.LanguageOf(a.Language),
		})
	}
	if k == nil {
		for _, f := range engine.AllFacets {
			out.Facets.Set(f, []engine.FacetCount{})
		}
		out.Facets.Published = []engine.DateCount{}
		return out, nil
	}
	for _, f := range engine.AllFacets {
		out.Facets.Set(f, counts(k.Top(facetField[f], r.FacetSize)))
	}
	out.Facets.Published = histogram(counts(k.Top(histogramField[r.Interval], histogramBuckets)), r.Interval)
	if r.CountStories {
		out.Stories = k.Groups()
	}
	return out, nil
}

// counts converts the facet package's counts.
func counts(cs []facet.Count) []engine.FacetCount {
	out := make([]engine.FacetCount, len(cs))
	for i, c := range cs {
		out[i] = engine.FacetCount{Value: c.Value, Count: c.Count}
	}
	return out
}

func histogram(cs []engine.FacetCount, interval string) []engine.DateCount {
	out := []engine.DateCount{}
	for _, c := range cs {
		d := c.Value
		switch interval {
		case engine.IntervalMonth:
			d += "-01"
		case engine.IntervalYear:
			d += "-01-01"
		}
		out = append(out, engine.DateCount{Date: d, Count: c.Count})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// joinSpans sorts spans by start and joins the overlapping ones.
func joinSpans(out []engine.Span) []engine.Span {
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	keep := out[:0]
	for _, s := range out {
		if n := len(keep); n > 0 && s.Start < keep[n-1].End {
			keep[n-1].End = max(keep[n-1].End, s.End)
			continue
		}
		keep = append(keep, s)
	}
	return keep
}
