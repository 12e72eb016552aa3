package engine

import "time"

// Facet names a field searches filter on and count by, as index.Facet.
type Facet string

// The facets, with the values of index's Facet constants.
const (
	FacetCategory     Facet = "category"
	FacetAnalyst      Facet = "analyst"
	FacetPerson       Facet = "person"
	FacetCountry      Facet = "country"
	FacetPlace        Facet = "place"
	FacetOrganization Facet = "organization"
	FacetSource       Facet = "source"
	FacetLanguage     Facet = "language"
)

// AllFacets lists every facet, in index.AllFacets's order.
var AllFacets = []Facet{FacetCategory, FacetAnalyst, FacetPerson, FacetCountry, FacetPlace, FacetOrganization, FacetSource, FacetLanguage}

// Sort orders and histogram intervals, with the values of index's constants.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortDateAsc   = "oldest"

	IntervalDay   = "day"
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// CollapseWindow bounds how many top matches a collapsed search groups
// into stories: enough for the first pages, whatever the archive's size.
// A collapsed search reports SearchResult.Stories only when every match
// fits in it.
const CollapseWindow = 1000

// SearchRequest is an index.SearchRequest that Validate accepted: every
// default is filled in, and Size is 0 when NoHits is set.
type SearchRequest struct {
	Query        string
	Filters      map[Facet][]string
	Since, Until time.Time
	Sort         string
	Page, Size   int
	FacetSize    int
	Interval     string
	Story        string
	NoFacets     bool
	NoHits       bool
	Collapse     bool
	CountStories bool
}

// SearchResult is a page of hits with facet counts, as index.SearchResult
// (which adds the time taken).
type SearchResult struct {
	Total       uint64
	Relaxed     bool
	Stories     int
	Hits        []Hit
	Facets      Facets
	FacetErrors map[Facet]int
}

// Facets holds the counts of every facet and the published histogram.
type Facets struct {
	Category     []FacetCount
	Analyst      []FacetCount
	Person       []FacetCount
	Country      []FacetCount
	Place        []FacetCount
	Organization []FacetCount
	Source       []FacetCount
	Language     []FacetCount
	Published    []DateCount
}

// Set sets the counts of one facet.
func (fs *Facets) Set(f Facet, counts []FacetCount) {
	switch f {
	case FacetCategory:
		fs.Category = counts
	case FacetAnalyst:
		fs.Analyst = counts
	case FacetPerson:
		fs.Person = counts
	case FacetCountry:
		fs.Country = counts
	case FacetPlace:
		fs.Place = counts
	case FacetOrganization:
		fs.Organization = counts
	case FacetSource:
		fs.Source = counts
	case FacetLanguage:
		fs.Language = counts
	}
}

// FacetCount is one value of a facet and its count.
type FacetCount struct {
	Value string
	Count int
}

// DateCount is one bucket of the published histogram.
type DateCount struct {
	Date  string
	Count int
}

// Hit is one matching article, as index.Hit.
type Hit struct {
	ID            string
	Title         string
	URL           string
	Source        string
	Published     time.Time
	Category      string
	Language      string
	Story         string
	Similar       int
	Snippet       string
	Score         float64
	Related       bool
	People        []string
	Countries     []string
	Places        []string
	Organizations []string
	Analysts      []string
}

// QuoteRequest is an index.QuoteRequest that Validate accepted, with Size
// 0 when NoHits is set.
type QuoteRequest struct {
	Query                         string
	Speakers, Roles, Affiliations []string
	Since, Until                  time.Time
	Sort                          string
	Page, Size, FacetSize         int
	NoHits                        bool
}

// QuoteResult is a page of quotes with facet counts, as index.QuoteResult.
type QuoteResult struct {
	Total  uint64
	Hits   []QuoteHit
	Facets QuoteFacets
}

// QuoteFacets counts matching quotes by speaker, role, affiliation and month.
type QuoteFacets struct {
	Speaker     []FacetCount
	Role        []FacetCount
	Affiliation []FacetCount
	Published   []DateCount
}

// QuoteHit is one matching quotation, as index.QuoteHit.
type QuoteHit struct {
	Text        string
	Speaker     string
	Role        string
	Affiliation string
	Cue         string
	Mention     string
	Described   bool
	Direct      bool
	ArticleID   string
	Title       string
	Published   time.Time
	Score       float64
}
