package index

import (
	"github.com/newsindex/newsindex/index/internal/engine"
)

// The engines speak package engine's types, which mirror this package's
// field for field (TestEngineTypesMirror keeps them so); these functions
// convert at the boundary. A nil slice stays nil and an empty one empty,
// so that JSON output is unchanged.

// convert converts each element of in with f.
func convert[T, F any](in []F, f func(F) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func engineArticle(a *Article) engine.Article {
	return engine.Article{
		ID: a.ID, URL: a.URL, Title: a.Title, Body: a.Body, Published: a.Published, Source: a.Source,
		Author: a.Author, Category: a.Category, Language: a.Language, LanguageSource: a.LanguageSource, CategorySource: a.CategorySource,
		People: a.People, Countries: a.Countries, Places: a.Places, Organizations: a.Organizations,
		Quotes:   convert(a.Quotes, func(q Quote) engine.Quote { return engine.Quote(q) }),
		Analysts: a.Analysts, Story: a.Story, Sig: a.sig.Signature,
	}
}

func articleOf(a engine.Article) Article {
	return Article{
		ID: a.ID, URL: a.URL, Title: a.Title, Body: a.Body, Published: a.Published, Source: a.Source,
		Author: a.Author, Category: a.Category, Language: a.Language, LanguageSource: a.LanguageSource, CategorySource: a.CategorySource,
		People: a.People, Countries: a.Countries, Places: a.Places, Organizations: a.Organizations,
		Quotes:   convert(a.Quotes, func(q engine.Quote) Quote { return Quote(q) }),
		Analysts: a.Analysts, Story: a.Story, sig: signature{a.Sig},
	}
}

func engineSearch(r *SearchRequest) *engine.SearchRequest {
	var filters map[engine.Facet][]string
	if r.Filters != nil {
		filters = make(map[engine.Facet][]string, len(r.Filters))
		for f, vs := range r.Filters {
			filters[engine.Facet(f)] = vs
		}
	}
	size := r.Size
	if r.NoHits {
		size = 0
	}
	return &engine.SearchRequest{
		Query: r.Query, Filters: filters, Since: r.Since, Until: r.Until, Sort: r.Sort,
		Page: r.Page, Size: size, FacetSize: r.FacetSize, Interval: r.Interval, Story: r.Story,
		NoFacets: r.NoFacets, NoHits: r.NoHits, Collapse: r.Collapse, CountStories: r.CountStories,
	}
}

func facetCounts(cs []engine.FacetCount) []FacetCount {
	return convert(cs, func(c engine.FacetCount) FacetCount { return FacetCount(c) })
}

func dateCounts(cs []engine.DateCount) []DateCount {
	return convert(cs, func(c engine.DateCount) DateCount { return DateCount(c) })
}

func searchResult(r *engine.SearchResult) *SearchResult {
	out := &SearchResult{
		Total: r.Total, Relaxed: r.Relaxed, Stories: r.Stories,
		Hits: convert(r.Hits, func(h engine.Hit) Hit { return Hit(h) }),
		Facets: Facets{
			Category: facetCounts(r.Facets.Category), Analyst: facetCounts(r.Facets.Analyst),
			Person: facetCounts(r.Facets.Person), Country: facetCounts(r.Facets.Country), Place: facetCounts(r.Facets.Place),
			Organization: facetCounts(r.Facets.Organization), Source: facetCounts(r.Facets.Source),
			Language: facetCounts(r.Facets.Language), Published: dateCounts(r.Facets.Published),
		},
	}
	if r.FacetErrors != nil {
		out.FacetErrors = make(map[Facet]int, len(r.FacetErrors))
		for f, n := range r.FacetErrors {
			out.FacetErrors[Facet(f)] = n
		}
	}
	return out
}

func quoteResult(r *engine.QuoteResult) *QuoteResult {
	return &QuoteResult{
		Total: r.Total,
		Hits:  convert(r.Hits, func(h engine.QuoteHit) QuoteHit { return QuoteHit(h) }),
		Facets: QuoteFacets{
			Speaker: facetCounts(r.Facets.Speaker), Role: facetCounts(r.Facets.Role),
			Affiliation: facetCounts(r.Facets.Affiliation), Published: dateCounts(r.Facets.Published),
		},
	}
}
