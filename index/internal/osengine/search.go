package osengine

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/lang"
	"github.com/newsindex/newsindex/internal/query"
)

// Highlight markers: private-use characters that news text does not hold,
// so the marked field can be split back into the stored text and spans.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// storyPrecision is the precision_threshold of the count of distinct
// stories among all matches, OpenSearch's largest: below it the count is
// exact for practical purposes.
const storyPrecision = 40000

// bucketStoryPrecision is the precision_threshold of the count of distinct
// stories in each facet value and histogram bucket (count=stories), at
// about 8 bytes × the threshold a bucket: counts up to 1,000 stories are
// exact for practical purposes, larger ones within about 1 %
// (HyperLogLog++).
const bucketStoryPrecision = 1000

// shardSize is the shard_size of a facet of size values: how many
// candidates each shard returns. A value is missed from a facet only when
// it ranks below that on every shard that holds it; the bound OpenSearch
// reports says by how much a count can be short.
func (e *Engine) shardSize(size int) int {
	if e.cfg.FacetShardSize > 0 {
		return max(e.cfg.FacetShardSize, size)
	}
	return max(10*size, 100)
}

// termsAgg counts the values of a keyword field: articles (or quotes) by
// default, distinct stories when byStory is set.
//
// Ranking the values by a sub-aggregation would make OpenSearch count the
// stories of every value in the matches (tens of thousands of people and
// organisations, 8 KB each). So the candidates are ranked by articles
// instead, shard size of them, with their stories counted breadth first
// (for those candidates only), and facet ranks them by stories: a value
// has no more stories than articles, so no value left out can outrank the
// size-th candidate unless it has fewer stories than the candidates have
// articles, which facet reports as an error bound.
func (e *Engine) termsAgg(field string, size int, byStory bool) obj {
	order := []obj{{"_count": "desc"}, {"_key": "asc"}}
	t := obj{"field": field, "size": size, "shard_size": e.shardSize(size), "show_term_doc_count_error": true, "order": order}
	a := obj{"terms": t}
	if byStory {
		t["size"] = e.shardSize(size)
		t["collect_mode"] = "breadth_first"
		a["aggs"] = obj{"stories": storiesAgg(bucketStoryPrecision)}
	}
	return a
}

// storiesAgg counts distinct stories: exact for practical purposes below
// precision, approximate (HyperLogLog++) above.
func storiesAgg(precision int) obj {
	return obj{"cardinality": obj{"field": osStory, "precision_threshold": precision}}
}

func histogramAgg(interval string, byStory bool) obj {
	a := obj{"date_histogram": obj{"field": osDate, "calendar_interval": interval, "format": "yyyy-MM-dd", "min_doc_count": 1}}
	if byStory {
		a["aggs"] = obj{"stories": storiesAgg(bucketStoryPrecision)}
	}
	return a
}

func dateFilter(since, until time.Time) obj {
	if since.IsZero() && until.IsZero() {
		return nil
	}
	r := obj{}
	if !since.IsZero() {
		r["gte"] = since.UTC().Format(time.RFC3339Nano)
	}
	if !until.IsZero() {
		r["lte"] = until.UTC().Format(time.RFC3339Nano)
	}
	return obj{"range": obj{osDate: r}}
}

func sortFor(order string) []obj {
	switch order {
	case engine.SortDate:
		return []obj{{osDate: obj{"order": "desc", "missing": "_last"}}, {osID: "asc"}}
	case engine.SortDateAsc:
		return []obj{{osDate: obj{"order": "asc", "missing": "_last"}}, {osID: "asc"}}
	}
	return []obj{{"_score": "desc"}, {osID: "asc"}}
}

// articleFilters are the request's filters on articles.
func articleFilters(r *engine.SearchRequest) []obj {
	fs := []obj{kindFilter(engine.KindArticle)}
	for _, f := range engine.AllFacets {
		if vs := r.Filters[f]; len(vs) > 0 {
			fs = append(fs, termsFilter(f, vs))
		}
	}
	if d := dateFilter(r.Since, r.Until); d != nil {
		fs = append(fs, d)
	}
	if r.Story != "" {
		fs = append(fs, obj{"term": obj{osStory: r.Story}})
	}
	return fs
}

// termsFilter keeps the documents holding one of the values of a facet.
// An article stored before languages were told apart has none: it is
// undetermined ("und"), as the language facet counts it.
func termsFilter(f engine.Facet, vs []string) obj {
	q := obj{"terms": obj{osFacetField[f]: vs}}
	if f == engine.FacetLanguage && slices.Contains(vs, lang.Und) {
		q = anyOfDSL([]obj{q, {"bool": obj{"must_not": []obj{{"exists": obj{"field": osLang}}}}}})
	}
	return q
}

// searchBody is the request body of an article search: text scored, the
// filters not, one page, and the facets unless NoFacets.
//
// The highlighted fields are the bodies of the analyses searched.
func (e *Engine) searchBody(r *engine.SearchRequest, text obj, analyses []string, highlight bool) obj {
	b := obj{
		"query":            obj{"bool": obj{"must": []obj{text}, "filter": articleFilters(r)}},
		"from":             (r.Page - 1) * r.Size,
		"size":             r.Size,
		"track_total_hits": true,
		"sort":             sortFor(r.Sort),
		"_source":          obj{"excludes": []string{"quotes", "*_name"}},
	}
	if highlight {
		b["highlight"] = highlightOf(osBody, analyses)
	}
	aggs := obj{}
	if !r.NoFacets {
		for _, f := range engine.AllFacets {
			aggs[string(f)] = e.termsAgg(osFacetField[f], r.FacetSize, r.CountStories)
		}
		aggs[string(engine.FacetLanguage)].(obj)["terms"].(obj)["missing"] = lang.Und
		aggs["published"] = histogramAgg(r.Interval, r.CountStories)
	}
	if r.Collapse {
		b["collapse"] = obj{"field": osStory, "inner_hits": obj{"name": "story", "size": 0}}
	}
	if r.Collapse || r.CountStories {
		aggs["stories"] = storiesAgg(storyPrecision)
	}
	if len(aggs) > 0 {
		b["aggs"] = aggs
	}
	return b
}

type osHit struct {
	ID        string              `json:"_id"`
	Score     *float64            `json:"_score"`
	Source    json.RawMessage     `json:"_source"`
	Highlight map[string][]string `json:"highlight"`
	Sort      []any               `json:"sort"`
	InnerHits map[string]struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
		} `json:"hits"`
	} `json:"inner_hits"`
}

type osSearchResponse struct {
	TimedOut bool `json:"timed_out"`
	Shards   struct {
		Total    int `json:"total"`
		Failed   int `json:"failed"`
		Failures []struct {
			Reason struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"reason"`
		} `json:"failures"`
	} `json:"_shards"`
	Hits struct {
		Total struct {
			Value uint64 `json:"value"`
		} `json:"total"`
		Hits []osHit `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]json.RawMessage `json:"aggregations"`
}

// transientShardFailures are the shard failures of a node going away or
// too busy: the same search a moment later reaches another copy of the
// shard. OpenSearch retries a failed query phase on another copy itself,
// but not a failed fetch phase.
var transientShardFailures = map[string]bool{
	"node_disconnected_exception":         true,
	"node_not_connected_exception":        true,
	"connect_transport_exception":         true,
	"send_request_transport_exception":    true,
	"no_shard_available_action_exception": true,
	"shard_not_found_exception":           true,
	"illegal_index_shard_state_exception": true,
	"rejected_execution_exception":        true,
	"search_context_missing_exception":    true,
}

// runSearch sends a search and checks that every shard answered in time:
// counts from a partial answer would be silently short. A search whose
// shards failed only for transient reasons (a node that left) is sent
// again, with the backoff of do, up to MaxRetries times.
func (e *Engine) runSearch(ctx context.Context, body obj) (*osSearchResponse, error) {
	wait := e.cfg.RetryBackoff
	for attempt := 0; ; attempt++ {
		var res osSearchResponse
		if err := e.doJSON(ctx, http.MethodPost, e.path("/_search"), body, &res); err != nil {
			return nil, err
		}
		if res.Shards.Failed == 0 && !res.TimedOut {
			return &res, nil
		}
		reason, transient := "timed out", !res.TimedOut
		for i, f := range res.Shards.Failures {
			if i == 0 {
				reason = strings.TrimPrefix(f.Reason.Type+": "+f.Reason.Reason, ": ")
			}
			transient = transient && transientShardFailures[f.Reason.Type]
		}
		if e.cfg.AllowPartial {
			e.log.Warn("opensearch: partial results", "failed", res.Shards.Failed, "total", res.Shards.Total, "err", reason)
			return &res, nil
		}
		err := fmt.Errorf("opensearch: search: %d of %d shards failed: %s", res.Shards.Failed, res.Shards.Total, reason)
		if !transient || attempt >= e.cfg.MaxRetries {
			return nil, err
		}
		e.log.Warn("opensearch: retrying", "path", "_search", "attempt", attempt+1, "err", err)
		if err := e.sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait *= 2
	}
}

// highlightOf asks for the whole of base's field in each analysis
// searched, marked: an article's text is in one of them.
func highlightOf(base string, analyses []string) obj {
	fields := obj{}
	if len(analyses) == 0 {
		analyses = []string{analysis.AnalyzerName}
	}
	for _, a := range analyses {
		fields[engine.AnalyzedField(base, a)] = obj{"number_of_fragments": 0}
	}
	return obj{"pre_tags": []string{markOpen}, "post_tags": []string{markClose}, "fields": fields}
}

// Search runs a validated request with its parsed query (nil: match all).
func (e *Engine) Search(ctx context.Context, r *engine.SearchRequest, q query.Node) (*engine.SearchResult, error) {
	text := matchAll()
	var rd dslReader
	if q != nil {
		scopes, err := e.scopesFor(ctx, r.Filters[engine.FacetLanguage])
		if err != nil {
			return nil, err
		}
		rd = dslReader{base: articleDSL, scopes: scopes}
		if text, err = rd.translate(q); err != nil {
			return nil, err
		}
	}
	res, err := e.page(ctx, r, text, rd.analyses(), q != nil)
	if err != nil {
		return nil, err
	}
	relaxed := false
	if q != nil && res.Hits.Total.Value < engine.RelaxBelow {
		if or, ok, err := rd.relaxed(q); err != nil {
			return nil, err
		} else if ok {
			res2, err := e.page(ctx, r, or, rd.analyses(), true)
			if err != nil {
				return nil, err
			}
			if res2.Hits.Total.Value > res.Hits.Total.Value {
				res, relaxed = res2, true
			}
		}
	}
	return e.searchResult(res, r, relaxed)
}

// page runs the search for one page. Pages that end within
// MaxResultWindow are asked for with from and size; deeper ones walk the
// sorted matches with search_after (only the sort keys) to the page's
// start, then ask for the page after it.
func (e *Engine) page(ctx context.Context, r *engine.SearchRequest, text obj, analyses []string, highlight bool) (*osSearchResponse, error) {
	body := e.searchBody(r, text, analyses, highlight)
	from := (r.Page - 1) * r.Size
	if from+r.Size <= e.cfg.MaxResultWindow {
		return e.runSearch(ctx, body)
	}
	if r.Collapse {
		// Collapsed results are for reading, a few pages deep.
		body["from"], body["size"] = 0, 0
		return e.runSearch(ctx, body)
	}
	after, err := e.seek(ctx, r, body["query"].(obj), from)
	if err != nil {
		return nil, err
	}
	if after == nil { // fewer matches than from
		body["from"], body["size"] = 0, 0
		return e.runSearch(ctx, body)
	}
	body["from"] = 0
	body["search_after"] = after
	return e.runSearch(ctx, body)
}

// seek returns the sort values of the from-th match, walking the matches
// in chunks of at most MaxResultWindow with search_after; nil when there
// are fewer matches.
func (e *Engine) seek(ctx context.Context, r *engine.SearchRequest, q obj, from int) ([]any, error) {
	var after []any
	for left := from; left > 0; {
		n := min(left, e.cfg.MaxResultWindow)
		b := obj{"query": q, "size": n, "sort": sortFor(r.Sort), "_source": false, "track_total_hits": false}
		if after != nil {
			b["search_after"] = after
		}
		res, err := e.runSearch(ctx, b)
		if err != nil {
			return nil, err
		}
		hs := res.Hits.Hits
		if len(hs) < n {
			return nil, nil
		}
		after = hs[len(hs)-1].Sort
		left -= n
	}
	return after, nil
}

// unmark splits a highlighted field into its text and the spans of the
// marked terms.
func unmark(s string) (string, []engine.Span) {
	var b strings.Builder
	var spans []engine.Span
	for {
		i := strings.Index(s, markOpen)
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i+len(markOpen):]
		j := strings.Index(s, markClose)
		if j < 0 {
			break
		}
		start := b.Len()
		b.WriteString(s[:j])
		spans = append(spans, engine.Span{Start: start, End: b.Len()})
		s = s[j+len(markClose):]
	}
	b.WriteString(strings.ReplaceAll(s, markOpen, ""))
	return b.String(), spans
}

// spansOf returns the spans the highlight of field marks in text, or none
// when the highlighted field is not text (a changed document).
func spansOf(h osHit, field, text string) []engine.Span {
	frags := h.Highlight[field]
	if len(frags) == 0 {
		return nil
	}
	plain, spans := unmark(frags[0])
	if plain != text {
		return nil
	}
	return spans
}

func (e *Engine) searchResult(res *osSearchResponse, r *engine.SearchRequest, relaxed bool) (*engine.SearchResult, error) {
	out := &engine.SearchResult{Total: res.Hits.Total.Value, Relaxed: relaxed, Hits: make([]engine.Hit, 0, len(res.Hits.Hits))}
	for _, h := range res.Hits.Hits {
		d, err := decodeArticle(h.Source)
		if err != nil {
			return nil, fmt.Errorf("article %q: stored form: %w", h.ID, err)
		}
		a := &d.Article
		hit := engine.Hit{
			ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published,
			Category: a.Category, Story: a.Story,
			Snippet: engine.Snippet(a.Body, spansOf(h, analysis.TextField(osBody, a.Language), a.Body), engine.SnippetBytes),
			People:  engine.NonNil(a.People), Countries: engine.NonNil(a.Countries), Places: engine.NonNil(a.Places),
			Organizations: engine.NonNil(a.Organizations), Analysts: engine.NonNil(a.Analysts),
		}
		hit.Language = engine.LanguageOf(a.Language)
		if h.Score != nil {
			hit.Score = *h.Score
		}
		if ih, ok := h.InnerHits["story"]; ok && ih.Hits.Total.Value > 0 {
			hit.Similar = ih.Hits.Total.Value - 1
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, f := range engine.AllFacets {
		counts, bound, err := e.facet(res.Aggregations, string(f), r.FacetSize)
		if err != nil {
			return nil, err
		}
		out.Facets.Set(f, counts)
		if bound > 0 {
			if out.FacetErrors == nil {
				out.FacetErrors = map[engine.Facet]int{}
			}
			out.FacetErrors[f] = bound
		}
	}
	hist, err := dateHistogram(res.Aggregations, "published")
	if err != nil {
		return nil, err
	}
	out.Facets.Published = hist
	if raw, ok := res.Aggregations["stories"]; ok {
		var c struct {
			Value int `json:"value"`
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("opensearch: stories: %w", err)
		}
		// As on bleve, a collapsed search counts the stories only when
		// it could group every match.
		if r.CountStories || (c.Value < storyPrecision && res.Hits.Total.Value <= engine.CollapseWindow) {
			out.Stories = c.Value
		}
	}
	return out, nil
}

// facet reads a terms aggregation, sorted as every facet is (count, then
// value), keeps the first size values, and returns OpenSearch's bound on
// how short its counts may be (values spread thin over many shards; 0
// when exact). Counted by stories (see termsAgg), the bound also covers a
// value left out of the candidates that might have outranked the last.
func (e *Engine) facet(aggs map[string]json.RawMessage, name string, size int) ([]engine.FacetCount, int, error) {
	out := []engine.FacetCount{}
	raw, ok := aggs[name]
	if !ok {
		return out, 0, nil
	}
	var t struct {
		ErrorBound int `json:"doc_count_error_upper_bound"`
		Other      int `json:"sum_other_doc_count"`
		Buckets    []struct {
			Key      string               `json:"key"`
			DocCount int                  `json:"doc_count"`
			Stories  *struct{ Value int } `json:"stories"`
		} `json:"buckets"`
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, 0, fmt.Errorf("opensearch: facet %s: %w", name, err)
	}
	bound := t.ErrorBound
	minDocs, byStory := 0, false
	for i, b := range t.Buckets {
		n := b.DocCount
		if b.Stories != nil {
			n, byStory = b.Stories.Value, true
		}
		if i == 0 || b.DocCount < minDocs {
			minDocs = b.DocCount
		}
		out = append(out, engine.FacetCount{Value: b.Key, Count: n})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if byStory && t.Other > 0 && len(out) >= size && out[size-1].Count <= minDocs {
		bound = max(bound, minDocs)
	}
	if len(out) > size {
		out = out[:size]
	}
	if bound > 0 {
		e.log.Debug("opensearch: facet counts may be short", "facet", name, "error_bound", bound)
	}
	return out, bound, nil
}

func dateHistogram(aggs map[string]json.RawMessage, name string) ([]engine.DateCount, error) {
	out := []engine.DateCount{}
	raw, ok := aggs[name]
	if !ok {
		return out, nil
	}
	var h struct {
		Buckets []struct {
			Key      string               `json:"key_as_string"`
			DocCount int                  `json:"doc_count"`
			Stories  *struct{ Value int } `json:"stories"`
		} `json:"buckets"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, fmt.Errorf("opensearch: histogram: %w", err)
	}
	for _, b := range h.Buckets {
		n := b.DocCount
		if b.Stories != nil {
			n = b.Stories.Value
		}
		if n > 0 {
			out = append(out, engine.DateCount{Date: b.Key, Count: n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}

// quoteBody is the request body of a quote search.
func (e *Engine) quoteBody(r *engine.QuoteRequest, text obj, analyses []string, highlight bool) obj {
	filters := []obj{kindFilter(engine.KindQuote)}
	for field, vs := range map[string][]string{osSpeaker: r.Speakers, osRole: r.Roles, osAffil: r.Affiliations} {
		if len(vs) > 0 {
			filters = append(filters, obj{"terms": obj{field: vs}})
		}
	}
	sort.Slice(filters[1:], func(i, j int) bool { // fixed order, for golden files
		a, _ := json.Marshal(filters[1+i])
		b, _ := json.Marshal(filters[1+j])
		return string(a) < string(b)
	})
	if d := dateFilter(r.Since, r.Until); d != nil {
		filters = append(filters, d)
	}
	srt := []obj{{"_score": "desc"}, {osArticle: "asc"}}
	if r.Sort == engine.SortDate {
		srt = []obj{{osDate: obj{"order": "desc", "missing": "_last"}}, {osArticle: "asc"}}
	}
	b := obj{
		"query":            obj{"bool": obj{"must": []obj{text}, "filter": filters}},
		"from":             (r.Page - 1) * r.Size,
		"size":             r.Size,
		"track_total_hits": true,
		"sort":             srt,
		"aggs": obj{
			osSpeaker:   e.termsAgg(osSpeaker, r.FacetSize, false),
			osRole:      e.termsAgg(osRole, r.FacetSize, false),
			osAffil:     e.termsAgg(osAffil, r.FacetSize, false),
			"published": histogramAgg(engine.IntervalMonth, false),
		},
	}
	if highlight {
		b["highlight"] = highlightOf(osQuote, analyses)
	}
	return b
}

// SearchQuotes runs a validated quote request with its parsed query.
func (e *Engine) SearchQuotes(ctx context.Context, r *engine.QuoteRequest, q query.Node) (*engine.QuoteResult, error) {
	text := matchAll()
	var analyses []string
	if q != nil {
		scopes, err := e.scopesFor(ctx, nil)
		if err != nil {
			return nil, err
		}
		rd := dslReader{base: quoteDSL, scopes: scopes}
		if text, err = rd.translate(q); err != nil {
			return nil, err
		}
		analyses = rd.analyses()
	}
	body := e.quoteBody(r, text, analyses, q != nil)
	if (r.Page-1)*r.Size+r.Size > e.cfg.MaxResultWindow {
		body["from"], body["size"] = 0, 0 // quote pages stay within the window
	}
	res, err := e.runSearch(ctx, body)
	if err != nil {
		return nil, err
	}
	out := &engine.QuoteResult{Total: res.Hits.Total.Value, Hits: make([]engine.QuoteHit, 0, len(res.Hits.Hits))}
	for _, h := range res.Hits.Hits {
		d, err := decodeQuote(h.Source)
		if err != nil {
			return nil, fmt.Errorf("quote %q: stored form: %w", h.ID, err)
		}
		score := 0.0
		if h.Score != nil {
			score = *h.Score
		}
		qh, err := d.hit(engine.HighlightAll(d.Quote, spansOf(h, analysis.TextField(osQuote, d.Language), d.Quote)), score)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, qh)
	}
	for _, f := range []struct {
		name string
		to   *[]engine.FacetCount
	}{{osSpeaker, &out.Facets.Speaker}, {osRole, &out.Facets.Role}, {osAffil, &out.Facets.Affiliation}} {
		if *f.to, _, err = e.facet(res.Aggregations, f.name, r.FacetSize); err != nil {
			return nil, err
		}
	}
	if out.Facets.Published, err = dateHistogram(res.Aggregations, "published"); err != nil {
		return nil, err
	}
	for i := range out.Facets.Published { // months, as the bleve engine gives them
		out.Facets.Published[i].Date = out.Facets.Published[i].Date[:7] + "-01"
	}
	return out, nil
}
