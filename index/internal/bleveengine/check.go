package bleveengine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// checkPage is how many documents each step of the scan reads.
const checkPage = 500

// Check verifies the index: every document decodes, the quotes stored agree
// with the quotes the articles list, and every article is found by a search
// for its ID and by a search for its title. What is wrong is in the report;
// the error is for a check that could not run.
func (e *Engine) Check(ctx context.Context) (engine.CheckReport, error) {
	r := engine.CheckReport{Problems: []string{}}
	n, err := e.idx.DocCount()
	if err != nil {
		return r, fmt.Errorf("check: count documents: %w", translate(err))
	}
	r.Documents = n
	if r.Mapping, err = e.MappingVersion(); err != nil {
		return r, fmt.Errorf("check: %w", err)
	}
	r.NeedsReindex = r.Mapping < MappingVersion
	r.MissingChanges = ChangesSince(r.Mapping)
	// Before version 2, every article's text was indexed as English,
	// whatever its language: it is searched for so.
	englishOnly := r.Mapping < 2

	// listed maps each article ID to its number of quotes.
	listed := map[string]int{}
	err = e.scan(ctx, engine.KindArticle, []string{fSource, fNQuotes}, func(id string, fields map[string]any) {
		var a engine.Article
		if err := decodeStored(fields, &a); err != nil {
			r.Problem("article %q: stored form does not decode: %v", id, err)
			return
		}
		if a.ID != id {
			r.Problem("article %q: stored form has id %q", id, a.ID)
		}
		r.Articles++
		if englishOnly {
			a.Language = ""
		}
		listed[id] = len(a.Quotes)
		r.QuotesListed += len(a.Quotes)
		if nq, _ := fields[fNQuotes].(float64); int(nq) != len(a.Quotes) {
			r.Problem("article %q: lists %d quotes but nquotes is %v", id, len(a.Quotes), fields[fNQuotes])
		}
		e.findable(ctx, &r, id, a.Title, a.Language)
	})
	if err != nil {
		return r, err
	}
	// stored counts the sound quotes of each article.
	stored := map[string]int{}
	err = e.scan(ctx, engine.KindQuote, []string{fSource}, func(id string, fields map[string]any) {
		// Since quotesInArticle a quote stores nothing: its ID names its
		// article and its place in the article's list.
		var q storedQuote
		if _, ok := fields[fSource]; ok {
			if err := decodeStored(fields, &q); err != nil {
				r.Problem("quote %q: stored form does not decode: %v", id, err)
				return
			}
		} else if a, _, ok := quoteOf(id); ok {
			q.ArticleID = a
		} else {
			r.Problem("quote %q: stores nothing and its ID names no article", id)
			return
		}
		r.Quotes++
		nq, ok := listed[q.ArticleID]
		if !ok {
			r.Problem("quote %q: its article %q is missing", id, q.ArticleID)
			return
		}
		i := quoteIndex(q.ArticleID, id)
		if i < 0 || i >= nq {
			r.Problem("quote %q: article %q lists %d quotes", id, q.ArticleID, nq)
			return
		}
		stored[q.ArticleID]++
	})
	if err != nil {
		return r, err
	}
	if uint64(r.Articles+r.Quotes) != r.Documents {
		r.Problem("%d documents, but %d articles and %d quotes decode", r.Documents, r.Articles, r.Quotes)
	}
	var short []string
	for id, nq := range listed {
		if stored[id] < nq {
			short = append(short, id)
		}
	}
	slices.Sort(short)
	for _, id := range short {
		r.Problem("article %q: %d of its %d quotes are missing", id, listed[id]-stored[id], listed[id])
	}
	return r, nil
}

// findable checks that article id is found by its ID and by its title,
// written in language.
func (e *Engine) findable(ctx context.Context, r *engine.CheckReport, id, title, language string) {
	if _, err := e.Article(ctx, id); err != nil {
		r.Problem("article %q: not found by id: %v", id, err)
	} else {
		r.FoundByID++
	}
	if title == "" {
		return
	}
	ok, err := e.findsByTitle(ctx, id, title, language)
	switch {
	case err != nil:
		r.Problem("article %q: search by title: %v", id, err)
	case !ok:
		r.Problem("article %q: not found by its title %q", id, title)
	default:
		r.FoundByTitle++
	}
}

// quoteIndex returns j when id is quoteID(articleID, j), else -1.
func quoteIndex(articleID, id string) int {
	rest, ok := strings.CutPrefix(id, articleID+"#q")
	if !ok || rest == "" {
		return -1
	}
	j := 0
	for _, c := range rest {
		if c < '0' || c > '9' || j > 1<<20 {
			return -1
		}
		j = j*10 + int(c-'0')
	}
	return j
}

// scan calls f with every document of a kind, in ID order, reading
// checkPage documents at a time.
func (e *Engine) scan(ctx context.Context, kind string, fields []string, f func(id string, fields map[string]any)) error {
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(kindQuery(kind), checkPage, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := e.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("check: scan %s documents: %w", kind, translate(err))
		}
		for _, h := range res.Hits {
			f(h.ID, h.Fields)
		}
		if len(res.Hits) < checkPage {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// findsByTitle reports whether a match query on title, in the title field
// of its language, finds article id. A title made only of stop words finds
// nothing, and counts as found.
func (e *Engine) findsByTitle(ctx context.Context, id, title, language string) (bool, error) {
	an := analysis.ForLanguage(language)
	if a := e.idx.Mapping().AnalyzerNamed(an); a != nil && len(a.Analyze([]byte(title))) == 0 {
		return true, nil
	}
	m := bleve.NewMatchQuery(title)
	m.SetField(analysis.TextField(fTitle, language))
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), m, kindQuery(engine.KindArticle))
	res, err := e.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1, 0, false))
	if err != nil {
		return false, translate(err)
	}
	return res.Total == 1, nil
}
