package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index/internal/bleveengine"
	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/extract/category"
	"github.com/newsindex/newsindex/internal/extract/quote"
	"github.com/newsindex/newsindex/internal/lang"
	"github.com/newsindex/newsindex/internal/query"
	"github.com/newsindex/newsindex/internal/story"
)

// Options configure an Index. The zero value is ready to use.
type Options struct {
	// Logger receives the index's logs; nil discards them.
	Logger *slog.Logger
	// CategoryModel is the path of a category model made by
	// `newsindex train-category`; empty selects the embedded default.
	CategoryModel string
	// Workers is how many articles are enriched at once in AddBatch;
	// 0 uses every CPU.
	Workers int
	// SearchSlices is how many goroutines a search of a large bleve index
	// (500,000 documents or more, quotes included) runs its first pass in
	// while a core is free: the ranking, the total and the gathering of
	// the matches the facets count, each over a slice of the documents.
	// 0 picks min(GOMAXPROCS, 2); 1 turns it off. Results are the same.
	SearchSlices int
}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.Logger == nil {
		out.Logger = slog.New(slog.DiscardHandler)
	}
	if out.Workers <= 0 {
		out.Workers = runtime.GOMAXPROCS(0)
	}
	return out
}

// Index is a searchable collection of enriched articles. It is safe for
// concurrent use.
type Index struct {
	opts Options
	x    *extract.Extractor

	mu     sync.RWMutex // guards closed against Close racing with calls
	closed bool
	eng    backend

	gen     atomic.Uint64 // counts writes, so caches know when they are stale
	suggest suggester
	// roles is what the articles enriched so far tell of their speakers'
	// roles, for the articles that leave a speaker undescribed.
	roles quote.Roles
}

// Create makes a new index at path: a new folder, or an empty one. It fails
// with ErrExists if path holds anything.
func Create(path string, opts *Options) (*Index, error) {
	o := opts.withDefaults()
	eng, err := bleveengine.Create(path)
	if err != nil {
		return nil, err
	}
	eng.SetSearchSlices(o.SearchSlices)
	return newIndex(eng, o)
}

// Open opens the index at path. It fails with ErrNotFound if there is none,
// and ErrLocked if another process has it open. An index made with an
// older mapping opens and searches as before, with a warning in the log
// that Reindex would rebuild it (see CheckReport.NeedsReindex).
func Open(path string, opts *Options) (*Index, error) {
	o := opts.withDefaults()
	eng, err := bleveengine.Open(path)
	if err != nil {
		return nil, err
	}
	eng.SetSearchSlices(o.SearchSlices)
	if v, err := eng.MappingVersion(); err == nil && v < bleveengine.MappingVersion {
		o.Logger.Warn("the index predates a change of mapping: rebuild it with `newsindex reindex`",
			"path", path, "mapping", v, "current", bleveengine.MappingVersion, "missing", bleveengine.ChangesSince(v))
	}
	return newIndex(eng, o)
}

// OpenOrCreate opens the index at path, creating it if there is none.
func OpenOrCreate(path string, opts *Options) (*Index, error) {
	ix, err := Open(path, opts)
	if err == nil || !errors.Is(err, ErrNotFound) {
		return ix, err
	}
	return Create(path, opts)
}

// OpenMem returns an index held in memory only, for tests and examples.
func OpenMem(opts *Options) (*Index, error) {
	o := opts.withDefaults()
	eng, err := bleveengine.OpenMem()
	if err != nil {
		return nil, err
	}
	eng.SetSearchSlices(o.SearchSlices)
	return newIndex(eng, o)
}

func newIndex(eng backend, o Options) (*Index, error) {
	var model *category.Model
	if o.CategoryModel != "" {
		m, err := category.Load(o.CategoryModel)
		if err != nil {
			eng.Close()
			return nil, fmt.Errorf("category model: %w", err)
		}
		model = m
	}
	return &Index{opts: o, x: extract.New(model), eng: eng}, nil
}

// Close closes the index. Later calls fail with ErrClosed. It is safe to
// call Close more than once.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.eng.Close()
}

// use runs f with the engine unless the index is closed.
func (ix *Index) use(f func(backend) error) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	return publicError(f(ix.eng))
}

// Add enriches one article and writes it, replacing any with the same ID.
// When Add returns nil the article is durable.
func (ix *Index) Add(ctx context.Context, a Article) error {
	_, err := ix.AddBatch(ctx, []Article{a})
	return err
}

// BatchStats reports what AddBatch did.
type BatchStats struct {
	Added    int // new articles
	Replaced int // articles whose ID existed and were replaced
}

// AddBatch enriches articles in parallel and writes them in one durable
// batch. It fails without writing anything if any article is invalid
// (errors wrap ErrInvalidRequest and name the article); use Prepare to
// check articles one by one first. When two articles share an ID the later
// one wins.
func (ix *Index) AddBatch(ctx context.Context, as []Article) (BatchStats, error) {
	docs := make([]Article, len(as))
	for i, a := range as {
		if err := Normalize(&a); err != nil {
			return BatchStats{}, fmt.Errorf("article %d: %w", i+1, err)
		}
		docs[i] = a
	}
	ix.enrich(docs)
	docs = lastByID(docs)
	eds := make([]engine.Article, len(docs))
	for i := range docs {
		eds[i] = engineArticle(&docs[i])
	}
	var replaced int
	err := ix.use(func(e backend) error {
		var err error
		replaced, err = e.Apply(ctx, eds)
		return err
	})
	ix.gen.Add(1)
	if err != nil {
		return BatchStats{}, err
	}
	return BatchStats{Added: len(docs) - replaced, Replaced: replaced}, nil
}

// Enrich computes the enrichment of articles in parallel, as AddBatch
// would, without indexing them. Fields the caller already set (People,
// Countries, Organizations, Quotes, Analysts non-nil; Category non-empty;
// Language with its LanguageSource) are kept. Enriching ahead of AddBatch lets a caller overlap extraction
// with the writing of an earlier batch.
func (ix *Index) Enrich(as []Article) { ix.enrich(as) }

func (ix *Index) enrich(docs []Article) {
	rs := make([]*extract.Result, len(docs))
	if len(docs) < 2 || ix.opts.Workers == 1 {
		for i := range docs {
			rs[i] = enrichOne(ix.x, &docs[i])
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(ix.opts.Workers, len(docs)) {
			wg.Go(func() {
				for i := range next {
					rs[i] = enrichOne(ix.x, &docs[i])
				}
			})
		}
		for i := range docs {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	// The batch's articles first tell the collection what their text says
	// of their speakers' roles, then each takes what the collection knows
	// of the speakers its own text leaves undescribed.
	for _, r := range rs {
		if r != nil {
			ix.roles.Learn(r.Quotes)
		}
	}
	for i, r := range rs {
		if r != nil {
			ix.roles.Fill(r.Quotes)
			setQuotes(&docs[i], r)
		}
	}
}

// enriched reports whether every enrichment field is already set, so that
// extraction can be skipped.
func (a *Article) enriched() bool {
	return a.Category != "" && a.CategorySource != "" && a.People != nil && a.Countries != nil && a.Places != nil &&
		a.Organizations != nil && a.Quotes != nil && a.Analysts != nil
}

// enrichOne sets the enrichment fields of a that are not set but its
// quotations and analysts, and returns the extraction whose quotations a
// takes (see setQuotes); nil when a keeps its own.
func enrichOne(x *extract.Extractor, a *Article) *extract.Result {
	if a.sig.IsZero() {
		a.sig = signature{story.Sign(a.Title, a.Body)}
	}
	if a.LanguageSource == "" {
		a.Language, a.LanguageSource = lang.Resolve(a.Language, extract.Text(a.Title, a.Body))
	}
	if a.enriched() {
		return nil
	}
	r := x.Extract(extract.Input{Title: a.Title, Body: a.Body, URL: a.URL, Category: a.Category, Language: a.Language})
	if a.Category == "" || a.CategorySource == "" {
		a.Category, a.CategorySource = r.Category, r.CategorySource
	}
	if a.People == nil {
		a.People = engine.NonNil(r.People)
	}
	if a.Countries == nil {
		a.Countries = engine.NonNil(r.Countries)
	}
	if a.Places == nil {
		a.Places = engine.NonNil(r.Places)
	}
	if a.Organizations == nil {
		a.Organizations = engine.NonNil(r.Organizations)
	}
	if a.Quotes != nil {
		if a.Analysts == nil {
			a.Analysts = engine.NonNil(r.Analysts)
		}
		return nil
	}
	return &r
}

// setQuotes gives a the quotations of r, and the analysts among their
// speakers unless a has its own.
func setQuotes(a *Article, r *extract.Result) {
	a.Quotes = make([]Quote, len(r.Quotes))
	for i, q := range r.Quotes {
		a.Quotes[i] = Quote{Text: q.Text, Speaker: q.Speaker, Role: q.Role, Affiliation: q.Affiliation, Cue: q.Cue, Direct: q.Direct, Mention: q.Mention, Described: q.Described}
	}
	if a.Analysts == nil {
		a.Analysts = engine.NonNil(quote.Analysts(r.Quotes))
	}
}

func lastByID(docs []Article) []Article {
	seen := make(map[string]int, len(docs))
	out := docs[:0]
	for _, d := range docs {
		if i, ok := seen[d.ID]; ok {
			out[i] = d
			continue
		}
		seen[d.ID] = len(out)
		out = append(out, d)
	}
	return out
}

// Normalize checks an article and fills in what can be derived without
// extraction: the ID (the given one, else a stable hash of the URL, else of
// title and body) and trimmed fields. Errors wrap ErrInvalidRequest.
func Normalize(a *Article) error {
	a.ID = strings.TrimSpace(a.ID)
	a.URL = strings.TrimSpace(a.URL)
	a.Title = strings.TrimSpace(a.Title)
	a.Body = strings.TrimSpace(a.Body)
	a.Source = strings.TrimSpace(a.Source)
	a.Category = strings.TrimSpace(a.Category)
	for name, v := range map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "body": a.Body,
		"source": a.Source, "author": a.Author, "category": a.Category, "language": a.Language} {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%w: field %q is not valid UTF-8", ErrInvalidRequest, name)
		}
	}
	if a.Title == "" && a.Body == "" {
		return fmt.Errorf("%w: article has neither title nor body", ErrInvalidRequest)
	}
	if len(a.ID) > 512 {
		return fmt.Errorf("%w: field \"id\" is %d bytes, the limit is 512", ErrInvalidRequest, len(a.ID))
	}
	if a.ID == "" {
		a.ID = stableID(a)
	}
	if !a.Published.IsZero() {
		a.Published = a.Published.UTC()
	}
	return nil
}

// stableID hashes what identifies an article when no ID is given: its
// canonical URL (tracking parameters, "www." and the like folded away), else
// its normalised text. The same article, however it arrives, always gets
// the same ID, so ingesting it again replaces it: exact duplicates are one
// article.
func stableID(a *Article) string {
	h := sha256.New()
	if a.URL != "" {
		u, err := story.CanonicalURL(a.URL)
		if err != nil {
			u = a.URL
		}
		h.Write([]byte("url\x00"))
		h.Write([]byte(u))
	} else {
		h.Write([]byte("text\x00"))
		h.Write([]byte(story.Fingerprint(a.Title, a.Body)))
	}
	return hex.EncodeToString(h.Sum(nil)[:10])
}

// Article returns the stored article with the given ID, or ErrNotFound.
func (ix *Index) Article(ctx context.Context, id string) (Article, error) {
	var a engine.Article
	err := ix.use(func(e backend) error {
		var err error
		a, err = e.Article(ctx, id)
		return err
	})
	if err != nil {
		return Article{}, err
	}
	return articleOf(a), nil
}

// Delete removes an article and its quotes. It fails with ErrNotFound if
// there is none with that ID.
func (ix *Index) Delete(ctx context.Context, id string) error {
	defer ix.gen.Add(1)
	return ix.use(func(e backend) error { return e.Remove(ctx, id) })
}

// Count returns the number of articles.
func (ix *Index) Count(ctx context.Context) (uint64, error) {
	var n uint64
	err := ix.use(func(e backend) error {
		var err error
		n, err = e.Count(ctx)
		return err
	})
	return n, err
}

// Search runs a search. Request errors wrap ErrInvalidRequest.
func (ix *Index) Search(ctx context.Context, req SearchRequest) (*SearchResult, error) {
	return runRequest(ix, req.Validate, req.Query, func(e backend, q query.Node) (*SearchResult, error) {
		r := req
		var none bool
		q, r.Filters, none = languageQuery(q, r.Filters)
		if none {
			return searchResult(noMatch()), nil
		}
		res, err := e.Search(ctx, engineSearch(&r), q)
		if err != nil {
			return nil, err
		}
		return searchResult(res), nil
	}, func(res *SearchResult, ms float64) { res.TookMS = ms })
}

// runRequest runs a request through the engine: validate it, parse its query,
// search, and time the whole.
func runRequest[R any](ix *Index, validate func() error, text string, search func(backend, query.Node) (R, error), took func(R, float64)) (R, error) {
	start := time.Now()
	var res R
	if err := validate(); err != nil {
		return res, err
	}
	q, err := parseQuery(text)
	if err != nil {
		return res, err
	}
	err = ix.use(func(e backend) error {
		var err error
		res, err = search(e, q)
		return err
	})
	if err != nil {
		return res, err
	}
	took(res, float64(time.Since(start).Microseconds())/1000)
	return res, nil
}

func parseQuery(s string) (query.Node, error) {
	q, err := query.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidRequest, err)
	}
	return q, nil
}
