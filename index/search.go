package index

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Facet names a field that searches can filter on and count by.
type Facet string

// The facets of an article.
const (
	FacetCategory     Facet = "category"
	FacetAnalyst      Facet = "analyst"
	FacetPerson       Facet = "person"
	FacetCountry      Facet = "country"
	FacetPlace        Facet = "place"
	FacetOrganization Facet = "organization"
	FacetSource       Facet = "source"
	// FacetLanguage is the article's language code (Article.Language: "en",
	// "fr", "zh"), "und" when it could not be told.
	FacetLanguage Facet = "language"
)

// AllFacets lists every facet, in the order results show them.
var AllFacets = []Facet{FacetCategory, FacetAnalyst, FacetPerson, FacetCountry, FacetPlace, FacetOrganization, FacetSource, FacetLanguage}

// ParseFacet returns the facet named s.
func ParseFacet(s string) (Facet, error) {
	for _, f := range AllFacets {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w: facet %q unknown, want one of category|analyst|person|country|place|organization|source|language", ErrInvalidRequest, s)
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"   // newest first
	SortDateAsc   = "oldest" // oldest first
)

// Histogram intervals.
const (
	IntervalDay   = "day"
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// Limits of a request, generous for people and tight enough for machines.
const (
	DefaultSize      = 10
	MaxSize          = 100
	MaxPage          = 1000 // deep pages cost the engine more than they help a reader
	DefaultFacetSize = 10
	MaxFacetSize     = 1000
	MaxQueryBytes    = 4096
	MaxFilterValues  = 100
)

// SearchRequest is one search: a query in the search-box syntax, filters,
// a date range, an order and a page.
type SearchRequest struct {
	// Query in the search-box syntax (see package doc); empty matches all.
	Query string
	// Filters keep articles whose facet holds one of the values (OR within a
	// facet, AND across facets). Values are canonical names, as facets list
	// them; the language filter also takes tags and names ("pt-BR",
	// "French"), read by LanguageCode.
	Filters map[Facet][]string
	// Since and Until bound the published date, inclusive; zero is open.
	Since, Until time.Time
	// Sort is SortRelevance (default), SortDate or SortDateAsc.
	Sort string
	// Page is 1-based; Size is the number of hits a page (0 → DefaultSize).
	Page, Size int
	// FacetSize is the number of values listed per facet (0 → DefaultFacetSize).
	FacetSize int
	// Interval of the published histogram: IntervalDay (default), IntervalMonth, IntervalYear.
	Interval string
	// Story keeps only the articles of one story (its ID, Article.Story).
	Story string
	// NoFacets skips the facet counts and the histogram, for callers that
	// only want hits: counting them costs more than finding the hits.
	NoFacets bool
	// NoHits returns the total and the facets without any hit, as size=0
	// does in the HTTP API (and in Elasticsearch and OpenSearch); Size and
	// Page are then ignored.
	NoHits bool
	// Collapse shows each story once, as its best-ranked article, with the
	// number of similar articles folded under it (Hit.Similar).
	Collapse bool
	// CountStories makes every facet count distinct stories instead of
	// articles (five wire copies of one story count once), and sets
	// SearchResult.Stories.
	CountStories bool
}

// Validate checks the request and fills in defaults. Errors wrap ErrInvalidRequest.
func (r *SearchRequest) Validate() error {
	if len(r.Query) > MaxQueryBytes {
		return fmt.Errorf("%w: query is %d bytes, the limit is %d", ErrInvalidRequest, len(r.Query), MaxQueryBytes)
	}
	if !utf8.ValidString(r.Query) {
		return fmt.Errorf("%w: query is not valid UTF-8", ErrInvalidRequest)
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
	case SortRelevance, SortDate, SortDateAsc:
	default:
		return fmt.Errorf("%w: sort %q unknown, want relevance|date|oldest", ErrInvalidRequest, r.Sort)
	}
	switch {
	case r.Page == 0:
		r.Page = 1
	case r.Page < 0 || r.Page > MaxPage:
		return fmt.Errorf("%w: page %d out of range 1..%d", ErrInvalidRequest, r.Page, MaxPage)
	}
	switch {
	case r.Size == 0 && r.NoHits:
	case r.Size == 0:
		r.Size = DefaultSize
	case r.Size < 0 || r.Size > MaxSize:
		return fmt.Errorf("%w: size %d out of range 0..%d (0: the total and the facets, no hits)", ErrInvalidRequest, r.Size, MaxSize)
	}
	switch {
	case r.FacetSize == 0:
		r.FacetSize = DefaultFacetSize
	case r.FacetSize < 0 || r.FacetSize > MaxFacetSize:
		return fmt.Errorf("%w: facet size %d out of range 1..%d", ErrInvalidRequest, r.FacetSize, MaxFacetSize)
	}
	switch r.Interval {
	case "":
		r.Interval = IntervalDay
	case IntervalDay, IntervalMonth, IntervalYear:
	default:
		return fmt.Errorf("%w: interval %q unknown, want day|month|year", ErrInvalidRequest, r.Interval)
	}
	if len(r.Story) > 512 || !utf8.ValidString(r.Story) {
		return fmt.Errorf("%w: story %q is not an article ID", ErrInvalidRequest, r.Story)
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && r.Until.Before(r.Since) {
		return fmt.Errorf("%w: date range ends (%s) before it starts (%s)", ErrInvalidRequest,
			r.Until.Format(time.DateOnly), r.Since.Format(time.DateOnly))
	}
	r.Filters = languageFilter(r.Filters)
	for f, vs := range r.Filters {
		if _, err := ParseFacet(string(f)); err != nil {
			return err
		}
		if len(vs) > MaxFilterValues {
			return fmt.Errorf("%w: %d values for filter %q, the limit is %d", ErrInvalidRequest, len(vs), f, MaxFilterValues)
		}
		for _, v := range vs {
			if !utf8.ValidString(v) || strings.TrimSpace(v) == "" || len(v) > 512 {
				return fmt.Errorf("%w: filter %s=%q: want a non-empty UTF-8 value of at most 512 bytes", ErrInvalidRequest, f, v)
			}
		}
	}
	return nil
}

// SearchResult is a page of hits with facet counts over all matches.
type SearchResult struct {
	// Total is the number of matching articles; related hits (Hit.Related)
	// that follow them are not counted.
	Total  uint64  `json:"total"`
	TookMS float64 `json:"took_ms"`
	// Relaxed is set when no article held every word of the query and the
	// results are those holding some of them, most words first.
	Relaxed bool `json:"relaxed,omitempty"`
	// Stories is the number of distinct stories among the matches: always
	// set when the request counts stories, and by a collapsed search when
	// it could count them all (up to 1,000 matches).
	Stories int    `json:"stories,omitempty"`
	Hits    []Hit  `json:"hits"`
	Facets  Facets `json:"facets"`
	// FacetErrors bounds, for each facet whose counts may be short, by how
	// much: a distributed backend counts each shard's top values only
	// (OpenSearch's doc_count_error_upper_bound). The bleve backend's
	// counts are exact, and it never sets it.
	FacetErrors map[Facet]int `json:"facet_errors,omitempty"`
}

// Facets holds the counts of every facet over all matching articles, and
// the histogram of their published dates.
type Facets struct {
	Category     []FacetCount `json:"category"`
	Analyst      []FacetCount `json:"analyst"`
	Person       []FacetCount `json:"person"`
	Country      []FacetCount `json:"country"`
	Place        []FacetCount `json:"place"`
	Organization []FacetCount `json:"organization"`
	Source       []FacetCount `json:"source"`
	Language     []FacetCount `json:"language"`
	Published    []DateCount  `json:"published"`
}

// Of returns the counts of one facet.
func (fs *Facets) Of(f Facet) []FacetCount {
	switch f {
	case FacetCategory:
		return fs.Category
	case FacetAnalyst:
		return fs.Analyst
	case FacetPerson:
		return fs.Person
	case FacetCountry:
		return fs.Country
	case FacetPlace:
		return fs.Place
	case FacetOrganization:
		return fs.Organization
	case FacetSource:
		return fs.Source
	case FacetLanguage:
		return fs.Language
	}
	return nil
}

// FacetCount is one value of a facet and the number of matching articles
// that hold it. Lists are sorted by count, then value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// DateCount is one bucket of the published histogram: Date is the first day
// of the bucket (YYYY-MM-DD). Buckets are in date order; empty ones are left out.
type DateCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// Hit is one matching article.
type Hit struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Category  string    `json:"category,omitempty"`
	// Language is the article's language code, as the language facet
	// counts it ("und" when it could not be told).
	Language string `json:"language"`
	// Story is the ID of the article's story (see Article.Story).
	Story string `json:"story,omitempty"`
	// Similar counts the other articles of the story that a collapsed
	// search folded under this one.
	Similar int `json:"similar,omitempty"`
	// Snippet is an HTML fragment of the body: text escaped, matched terms
	// in <mark> elements.
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// Related marks an article that does not match the query but is like
	// its best matches: when the matches leave places free in the first
	// 100 of the ranking, related articles follow them (see README, "How
	// ranking works"). Total does not count them.
	Related       bool     `json:"related,omitempty"`
	People        []string `json:"people"`
	Countries     []string `json:"countries"`
	Places        []string `json:"places"`
	Organizations []string `json:"organizations"`
	Analysts      []string `json:"analysts"`
}
