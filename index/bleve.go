package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/facet"
	"github.com/newsindex/newsindex/internal/query"
)

// Field names of the bleve documents. See doc.go for what each holds.
const (
	fKind      = "kind" // "article" or "quote"
	fTitle     = "title"
	fBody      = "body"
	fPublished = "published"
	fDay       = "day"
	fMonth     = "month"
	fYear      = "year"
	fSource    = "_source" // the article (or quote) as JSON, stored only
	fNQuotes   = "nquotes"
	fStory     = "story" // the story's ID: keyword, stored

	fCategory     = "category"
	fAnalyst      = "analyst"
	fPerson       = "person"
	fCountry      = "country"
	fOrganization = "organization"
	fSourceName   = "source"

	fQuote       = "quote"
	fSpeaker     = "speaker"
	fRole        = "role"
	fAffiliation = "affiliation"
	fArticleID   = "article_id"

	nameSuffix = "_name" // the news_name-analysed twin of a keyword field

	kindArticle = "article"
	kindQuote   = "quote"
)

// facetField maps each facet to its keyword field.
var facetField = map[Facet]string{
	FacetCategory:     fCategory,
	FacetAnalyst:      fAnalyst,
	FacetPerson:       fPerson,
	FacetCountry:      fCountry,
	FacetOrganization: fOrganization,
	FacetSource:       fSourceName,
}

// lockWait is how long opening waits for another process's write lock
// before failing with ErrLocked, rather than hanging.
const lockWait = "2s"

func newMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analysis.AnalyzerName
	text.Store = false
	text.IncludeInAll = false
	text.IncludeTermVectors = true
	text.DocValues = false

	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = false
	keyword.IncludeInAll = false
	keyword.IncludeTermVectors = false
	// Facets are counted from the postings (internal/facet), and no
	// keyword field is sorted on: doc values would only cost disk and
	// indexing time.
	keyword.DocValues = false

	name := bleve.NewTextFieldMapping()
	name.Analyzer = analysis.NameAnalyzerName
	name.Store = false
	name.IncludeInAll = false
	name.IncludeTermVectors = true // phrase queries need positions
	name.DocValues = false

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true // read back when matching copies of a story by date
	date.IncludeInAll = false

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	storedNum := bleve.NewNumericFieldMapping()
	storedNum.Index = false
	storedNum.Store = true
	storedNum.IncludeInAll = false
	storedNum.DocValues = false

	article := bleve.NewDocumentStaticMapping()
	article.AddFieldMappingsAt(fKind, keyword)
	article.AddFieldMappingsAt(fTitle, text)
	article.AddFieldMappingsAt(fBody, text)
	article.AddFieldMappingsAt(fPublished, date)
	for _, f := range []string{fDay, fMonth, fYear} {
		article.AddFieldMappingsAt(f, keyword)
	}
	for _, f := range facetField {
		article.AddFieldMappingsAt(f, keyword)
		article.AddFieldMappingsAt(f+nameSuffix, name)
	}
	article.AddFieldMappingsAt(fSource, stored)
	article.AddFieldMappingsAt(fNQuotes, storedNum)
	storyField := bleve.NewKeywordFieldMapping()
	storyField.Store = true
	storyField.IncludeInAll = false
	storyField.DocValues = false
	article.AddFieldMappingsAt(fStory, storyField)

	quote := bleve.NewDocumentStaticMapping()
	quote.AddFieldMappingsAt(fKind, keyword)
	quote.AddFieldMappingsAt(fQuote, text)
	quoteDate := bleve.NewDateTimeFieldMapping()
	quoteDate.Store = false
	quoteDate.IncludeInAll = false
	quote.AddFieldMappingsAt(fPublished, quoteDate)
	for _, f := range []string{fSpeaker, fRole, fAffiliation, fArticleID, fMonth} {
		quote.AddFieldMappingsAt(f, keyword)
	}
	quote.AddFieldMappingsAt(fSpeaker+nameSuffix, name)
	quote.AddFieldMappingsAt(fAffiliation+nameSuffix, name)
	quote.AddFieldMappingsAt(fSource, stored)

	// No field goes into bleve's composite _all field, but bleve still
	// builds it for every document unless it is disabled: 5% of the
	// indexing CPU for nothing.
	for _, d := range []*mapping.DocumentMapping{article, quote} {
		d.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	}

	m := bleve.NewIndexMapping()
	m.TypeField = "_type"
	m.DefaultAnalyzer = analysis.AnalyzerName
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.AddDocumentMapping(kindArticle, article)
	m.AddDocumentMapping(kindQuote, quote)
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

type bleveEngine struct {
	idx     bleve.Index
	stories storyStore
	facets  *facet.Cache
}

func createBleve(path string) (*bleveEngine, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("create %s: %w", path, ErrExists)
	}
	idx, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, map[string]interface{}{"bolt_timeout": lockWait})
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, translate(err))
	}
	return withStories(idx, path)
}

func openBleve(path string) (*bleveEngine, error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, translate(err))
	}
	return withStories(idx, path)
}

func memBleve() (*bleveEngine, error) {
	// scorch, as on disk, so both count facets the same way.
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	return &bleveEngine{idx: idx, stories: newMemStories(), facets: facet.NewCache()}, nil
}

// translate maps bleve's errors onto ours.
func translate(err error) error {
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist), errors.Is(err, bleve.ErrorIndexMetaMissing):
		return fmt.Errorf("%w: %v", ErrNotFound, err)
	case errors.Is(err, bleve.ErrorIndexPathExists):
		return fmt.Errorf("%w: %v", ErrExists, err)
	case errors.Is(err, bleve.ErrorIndexClosed):
		return ErrClosed
	case strings.Contains(err.Error(), "timeout"):
		// bolt's file lock timed out: another process holds the index.
		return fmt.Errorf("%w (is `newsindex serve` or `ingest` running on it?)", ErrLocked)
	}
	return err
}

// withStories opens the story store beside an opened bleve index.
func withStories(idx bleve.Index, path string) (*bleveEngine, error) {
	st, err := openBoltStories(path)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &bleveEngine{idx: idx, stories: st, facets: facet.NewCache()}, nil
}

func (e *bleveEngine) close() error {
	err := e.idx.Close()
	if serr := e.stories.close(); err == nil {
		err = serr
	}
	return err
}

func dayOf(t time.Time) (day, month, year string) {
	return t.Format("2006-01-02"), t.Format("2006-01"), t.Format("2006")
}

func articleDoc(a *Article) (map[string]interface{}, error) {
	src, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	d := map[string]interface{}{
		"_type":  kindArticle,
		fKind:    kindArticle,
		fTitle:   a.Title,
		fBody:    a.Body,
		fSource:  packStored(src),
		fNQuotes: float64(len(a.Quotes)),
		fStory:   a.Story,
	}

	if !a.Published.IsZero() {
		d[fPublished] = a.Published
		d[fDay], d[fMonth], d[fYear] = dayOf(a.Published)
	}
	set := func(field string, vs ...string) {
		var keep []string
		for _, v := range vs {
			if v != "" {
				keep = append(keep, v)
			}
		}
		if len(keep) > 0 {
			d[field] = keep
			d[field+nameSuffix] = aliases(keep)
		}
	}
	set(fCategory, a.Category)
	set(fSourceName, a.Source)
	set(fPerson, a.People...)
	set(fCountry, a.Countries...)
	set(fOrganization, a.Organizations...)
	set(fAnalyst, a.Analysts...)
	return d, nil
}

// aliases returns names plus what else a user may type for them: the
// initials of multi-word names ("European Council on Foreign Relations" →
// "ECFR"), so that field:alias queries find the canonical entity.
func aliases(names []string) []string {
	out := append([]string(nil), names...)
	for _, n := range names {
		if a := initials(n); len(a) >= 2 {
			out = append(out, a)
		}
	}
	return out
}

func initials(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "the", "for", "and", "on", "in", "at", "&":
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
	}
	return b.String()
}

func quoteID(articleID string, i int) string { return articleID + "#q" + strconv.Itoa(i) }

type storedQuote struct {
	Quote
	ArticleID string    `json:"article_id"`
	Title     string    `json:"title"`
	Published time.Time `json:"published,omitzero"`
}

func quoteDoc(a *Article, q Quote) (map[string]interface{}, error) {
	src, err := json.Marshal(storedQuote{Quote: q, ArticleID: a.ID, Title: a.Title, Published: a.Published})
	if err != nil {
		return nil, err
	}
	d := map[string]interface{}{
		"_type":    kindQuote,
		fKind:      kindQuote,
		fQuote:     q.Text,
		fArticleID: a.ID,
		fSource:    packStored(src),
	}
	if !a.Published.IsZero() {
		d[fPublished] = a.Published
		_, d[fMonth], _ = dayOf(a.Published)
	}
	if q.Speaker != "" {
		d[fSpeaker] = q.Speaker
		d[fSpeaker+nameSuffix] = q.Speaker
	}
	if q.Role != "" {
		d[fRole] = q.Role
	}
	if q.Affiliation != "" {
		d[fAffiliation] = q.Affiliation
		d[fAffiliation+nameSuffix] = aliases([]string{q.Affiliation})
	}
	return d, nil
}

// oldDoc is what replacing an article needs to know of the one it replaces.
type oldDoc struct {
	nquotes int
	story   string
}

// existing returns what is stored of each of ids that exist.
func (e *bleveEngine) existing(ctx context.Context, ids []string) (map[string]oldDoc, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fNQuotes, fStory}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string]oldDoc, len(res.Hits))
	for _, h := range res.Hits {
		n, _ := h.Fields[fNQuotes].(float64)
		st, _ := h.Fields[fStory].(string)
		out[h.ID] = oldDoc{nquotes: int(n), story: st}
	}
	return out, nil
}

func (e *bleveEngine) apply(ctx context.Context, docs []Article) (int, error) {
	old, err := existingStories(ctx, e.stories, docs, e.existing)
	if err != nil {
		return 0, err
	}
	b := e.idx.NewBatch()
	for i := range docs {
		a := &docs[i]
		d, err := articleDoc(a)
		if err != nil {
			return 0, fmt.Errorf("article %q: %w", a.ID, err)
		}
		if err := b.Index(a.ID, d); err != nil {
			return 0, fmt.Errorf("article %q: %w", a.ID, err)
		}
		for j, q := range a.Quotes {
			qd, err := quoteDoc(a, q)
			if err != nil {
				return 0, fmt.Errorf("article %q quote %d: %w", a.ID, j, err)
			}
			if err := b.Index(quoteID(a.ID, j), qd); err != nil {
				return 0, fmt.Errorf("article %q quote %d: %w", a.ID, j, err)
			}
		}
		for j := len(a.Quotes); j < old[a.ID].nquotes; j++ {
			b.Delete(quoteID(a.ID, j))
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := e.idx.Batch(b); err != nil {
		return 0, fmt.Errorf("write batch: %w", translate(err))
	}
	// The batch is durable; the story hints follow it. Losing them in a
	// crash only costs later copies their grouping.
	if err := e.stories.put(storyRecs(docs)); err != nil {
		return 0, fmt.Errorf("story store: %w", err)
	}
	return len(old), nil
}

func (e *bleveEngine) remove(ctx context.Context, id string) error {
	o, err := storedArticle(ctx, id, e.existing)
	if err != nil {
		return err
	}
	n := o.nquotes
	b := e.idx.NewBatch()
	b.Delete(id)
	for j := range n {
		b.Delete(quoteID(id, j))
	}
	if err := e.idx.Batch(b); err != nil {
		return fmt.Errorf("delete %q: %w", id, translate(err))
	}
	return e.stories.remove(id)
}

func (e *bleveEngine) article(ctx context.Context, id string) (Article, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), kindQuery(kindArticle)), 1, 0, false)
	req.Fields = []string{fSource}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return Article{}, translate(err)
	}
	if len(res.Hits) == 0 {
		return Article{}, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	var a Article
	if err := decodeStored(res.Hits[0].Fields, &a); err != nil {
		return Article{}, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

func kindQuery(kind string) bq.Query {
	q := bleve.NewTermQuery(kind)
	q.SetField(fKind)
	return q
}

func (e *bleveEngine) count(ctx context.Context) (uint64, error) {
	req := bleve.NewSearchRequestOptions(kindQuery(kindArticle), 0, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, translate(err)
	}
	return res.Total, nil
}

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

func dateRange(since, until time.Time) bq.Query {
	if since.IsZero() && until.IsZero() {
		return nil
	}
	t := true
	q := bleve.NewDateRangeInclusiveQuery(since, until, &t, &t)
	q.SetField(fPublished)
	return q
}

// histogramBuckets bounds the buckets of a histogram: about 27 years of days.
const histogramBuckets = 10000

// relaxBelow is the number of hits under which an AND of words is retried
// as an OR: a search box should not answer "nothing" when most words match.
const relaxBelow = 1

func (e *bleveEngine) search(ctx context.Context, r *SearchRequest, q query.Node) (*SearchResult, error) {
	// Quote documents hold none of the fields an article query searches,
	// and the translator's match-all names the kind, so no kind filter: it
	// would walk a posting list as long as the archive on every query.
	var text bq.Query = kindQuery(kindArticle)
	if q != nil {
		// Ranking words that stand together higher costs a phrase search
		// over every match; sorted by date, the ranking is not used.
		t := articleTranslator
		t.noProximity = r.Sort != SortRelevance
		var err error
		if text, err = t.translate(q); err != nil {
			return nil, err
		}
	}
	var filters []bq.Query
	for _, f := range AllFacets {
		if vs := r.Filters[f]; len(vs) > 0 {
			filters = append(filters, anyOf(facetField[f], vs))
		}
	}
	if dq := dateRange(r.Since, r.Until); dq != nil {
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
		w.size, w.from, w.fields = collapseWindow, 0, []string{fStory}
	case q == nil:
		w.fields = []string{fSource}
	}
	res, k, err := e.run(ctx, r, text, filters, w)
	if err != nil {
		return nil, err
	}
	defer func() { k.Release() }() // the counter in use when done
	relaxed := false
	if q != nil && res.Total < relaxBelow {
		if or, ok, err := articleTranslator.relaxed(q); err != nil {
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
		return e.collapse(ctx, r, res, k, text, q != nil, relaxed)
	}
	out, err := e.result(res, k, r, relaxed)
	if err != nil || q == nil || len(res.Hits) == 0 {
		return out, err
	}
	// The first pass found the page without the places of the words;
	// load its articles with them, keeping the first pass's order and scores.
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	byID, err := e.loadPage(ctx, r, text, ids, true, relaxed)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		if hit, ok := byID[h.ID]; ok {
			hit.Score = h.Score
			out.Hits = append(out.Hits, hit)
		}
	}
	return out, nil
}

// collapseWindow bounds how many top matches a collapsed search groups into
// stories: enough for the first pages, whatever the archive's size.
const collapseWindow = 1000

// collapse groups the top matches of res (fetched with only their story)
// into stories in rank order, then loads the page's articles.
func (e *bleveEngine) collapse(ctx context.Context, r *SearchRequest, res *bleve.SearchResult, k *facet.Counter, text bq.Query, locations, relaxed bool) (*SearchResult, error) {
	type group struct {
		id      string // the best-ranked article
		score   float64
		members int
	}
	var groups []group
	at := map[string]int{}
	for _, h := range res.Hits {
		st, _ := h.Fields[fStory].(string)
		if st == "" {
			st = h.ID
		}
		if i, ok := at[st]; ok {
			groups[i].members++
			continue
		}
		at[st] = len(groups)
		groups = append(groups, group{id: h.ID, score: h.Score, members: 1})
	}
	from := (r.Page - 1) * r.Size
	page := groups[min(from, len(groups)):min(from+r.Size, len(groups))]
	out, err := e.result(res, k, r, relaxed) // facets and totals of the whole match
	if err != nil {
		return nil, err
	}
	out.Hits = out.Hits[:0]
	if uint64(len(res.Hits)) == res.Total {
		out.Stories = len(groups)
	}
	if len(page) == 0 {
		return out, nil
	}
	ids := make([]string, len(page))
	for i, g := range page {
		ids[i] = g.id
	}
	byID, err := e.loadPage(ctx, r, text, ids, locations, relaxed)
	if err != nil {
		return nil, err
	}
	for _, g := range page {
		if h, ok := byID[g.id]; ok {
			h.Similar, h.Score = g.members-1, g.score
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
func (e *bleveEngine) loadPage(ctx context.Context, r *SearchRequest, text bq.Query, ids []string, locations, relaxed bool) (map[string]Hit, error) {
	b := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), text)
	req := bleve.NewSearchRequestOptions(b, len(ids), 0, false)
	req.Fields = []string{fSource}
	req.IncludeLocations = locations
	got, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, translate(err)
	}
	loaded, err := e.result(got, nil, r, relaxed)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Hit, len(loaded.Hits))
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
func (e *bleveEngine) run(ctx context.Context, r *SearchRequest, text bq.Query, filters []bq.Query, w window) (*bleve.SearchResult, *facet.Counter, error) {
	b := filtered(text, filters)
	var k *facet.Counter
	if !r.NoFacets {
		fields := make([]string, 0, len(AllFacets)+1)
		for _, f := range AllFacets {
			fields = append(fields, facetField[f])
		}
		fields = append(fields, histogramField[r.Interval])
		fr := facet.Request{Fields: fields}
		if r.CountStories {
			fr.Distinct = fStory
		}
		k = e.facets.NewCounter(fr)
		b = k.Query(b)
	}
	req := bleve.NewSearchRequestOptions(b, w.size, w.from, false)
	req.Fields = w.fields
	// Secondary keys cost a doc-value lookup per hit; ties on score are
	// rare enough that bleve's own order serves.
	switch r.Sort {
	case SortDate:
		req.SortBy([]string{"-" + fPublished})
	case SortDateAsc:
		req.SortBy([]string{fPublished})
	}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, translate(err)
	}
	return res, k, nil
}

// window is the part of the ranked matches a pass returns, and the stored
// fields it loads of them.
type window struct {
	size, from int
	fields     []string
}

// histogramField is the keyword field counted for each histogram interval.
var histogramField = map[string]string{IntervalDay: fDay, IntervalMonth: fMonth, IntervalYear: fYear}

// translate0 is translate that keeps nil.
func translate0(err error) error {
	if err == nil {
		return nil
	}
	return translate(err)
}

func (e *bleveEngine) result(res *bleve.SearchResult, k *facet.Counter, r *SearchRequest, relaxed bool) (*SearchResult, error) {
	out := &SearchResult{Total: res.Total, Relaxed: relaxed, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		if _, ok := h.Fields[fSource]; !ok {
			continue // a collapsed search's first pass: no articles loaded
		}
		var a Article
		if err := decodeStored(h.Fields, &a); err != nil {
			return nil, fmt.Errorf("article %q: %w", h.ID, err)
		}
		out.Hits = append(out.Hits, Hit{
			ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published,
			Category: a.Category, Story: a.Story, Score: h.Score,
			Snippet: snippet(a.Body, locations(h.Locations[fBody]), snippetBytes),
			People:  nonNil(a.People), Countries: nonNil(a.Countries),
			Organizations: nonNil(a.Organizations), Analysts: nonNil(a.Analysts),
		})
	}
	if k == nil {
		for _, f := range AllFacets {
			out.Facets.set(f, []FacetCount{})
		}
		out.Facets.Published = []DateCount{}
		return out, nil
	}
	for _, f := range AllFacets {
		out.Facets.set(f, counts(k.Top(facetField[f], r.FacetSize)))
	}
	out.Facets.Published = histogram(counts(k.Top(histogramField[r.Interval], histogramBuckets)), r.Interval)
	if r.CountStories {
		out.Stories = k.Groups()
	}
	return out, nil
}

// counts converts the facet package's counts.
func counts(cs []facet.Count) []FacetCount {
	out := make([]FacetCount, len(cs))
	for i, c := range cs {
		out[i] = FacetCount{Value: c.Value, Count: c.Count}
	}
	return out
}

func histogram(cs []FacetCount, interval string) []DateCount {
	out := []DateCount{}
	for _, c := range cs {
		d := c.Value
		switch interval {
		case IntervalMonth:
			d += "-01"
		case IntervalYear:
			d += "-01-01"
		}
		out = append(out, DateCount{Date: d, Count: c.Count})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

func (e *bleveEngine) searchQuotes(ctx context.Context, r *QuoteRequest, q query.Node) (*QuoteResult, error) {
	must := []bq.Query{kindQuery(kindQuote)}
	if q != nil {
		tq, err := quoteQuery(q)
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
	if dq := dateRange(r.Since, r.Until); dq != nil {
		must = append(must, dq)
	}
	k := e.facets.NewCounter(facet.Request{Fields: []string{fSpeaker, fRole, fAffiliation, fMonth}})
	defer k.Release()
	req := bleve.NewSearchRequestOptions(k.Query(bleve.NewConjunctionQuery(must...)), r.Size, (r.Page-1)*r.Size, false)
	req.Fields = []string{fSource}
	req.IncludeLocations = q != nil
	if r.Sort == SortDate {
		req.SortBy([]string{"-" + fPublished})
	}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, translate(err)
	}
	out := &QuoteResult{Total: res.Total, Hits: make([]QuoteHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		var s storedQuote
		if err := decodeStored(h.Fields, &s); err != nil {
			return nil, fmt.Errorf("quote %q: %w", h.ID, err)
		}
		out.Hits = append(out.Hits, QuoteHit{
			Text: highlightAll(s.Text, locations(h.Locations[fQuote])), Speaker: s.Speaker, Role: s.Role,
			Affiliation: s.Affiliation, Cue: s.Cue, Mention: s.Mention, Direct: s.Direct, ArticleID: s.ArticleID, Title: s.Title,
			Published: s.Published, Score: h.Score,
		})
	}
	out.Facets = QuoteFacets{
		Speaker:     counts(k.Top(fSpeaker, r.FacetSize)),
		Role:        counts(k.Top(fRole, r.FacetSize)),
		Affiliation: counts(k.Top(fAffiliation, r.FacetSize)),
		Published:   histogram(counts(k.Top(fMonth, histogramBuckets)), IntervalMonth),
	}
	return out, nil
}

func (e *bleveEngine) terms(ctx context.Context, field string) ([]FacetCount, error) {
	d, err := e.idx.FieldDict(field)
	if err != nil {
		return nil, translate(err)
	}
	defer d.Close()
	var out []FacetCount
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, err := d.Next()
		if err != nil {
			return nil, err
		}
		if t == nil {
			return out, nil
		}
		out = append(out, FacetCount{Value: t.Term, Count: int(t.Count)})
	}
}
