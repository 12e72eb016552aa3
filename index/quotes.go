package index

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// Quote roles.
const (
	RoleAnalyst  = "analyst"
	RoleOfficial = "official"
	RoleOther    = "other"
)

// QuoteRequest searches the quotations of all articles: who said what.
type QuoteRequest struct {
	// Query in the search-box syntax, over the quoted words.
	Query string
	// Filters, OR within one, AND across: canonical speaker names, roles
	// (analyst|official|other) and affiliations.
	Speakers, Roles, Affiliations []string
	// Since and Until bound the article's published date, inclusive.
	Since, Until time.Time
	// Sort is SortRelevance or SortDate (newest first); empty sorts by
	// relevance when there is a query, else by date.
	Sort string
	// Page is 1-based; Size 0 → DefaultSize; FacetSize 0 → DefaultFacetSize.
	Page, Size, FacetSize int
	// NoHits returns the total and the facets without any hit (size=0 in
	// the HTTP API).
	NoHits bool
}

// Validate checks the request and fills in defaults.
func (r *QuoteRequest) Validate() error {
	s := SearchRequest{Query: r.Query, Page: r.Page, Size: r.Size, FacetSize: r.FacetSize, Since: r.Since, Until: r.Until, NoHits: r.NoHits}
	if err := s.Validate(); err != nil {
		return err
	}
	r.Page, r.Size, r.FacetSize = s.Page, s.Size, s.FacetSize
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
		if strings.TrimSpace(r.Query) == "" {
			r.Sort = SortDate
		}
	case SortRelevance, SortDate:
	default:
		return fmt.Errorf("%w: sort %q unknown, want relevance|date", ErrInvalidRequest, r.Sort)
	}
	for _, role := range r.Roles {
		switch role {
		case RoleAnalyst, RoleOfficial, RoleOther:
		default:
			return fmt.Errorf("%w: role %q unknown, want analyst|official|other", ErrInvalidRequest, role)
		}
	}
	for _, vs := range [][]string{r.Speakers, r.Affiliations} {
		if len(vs) > MaxFilterValues {
			return fmt.Errorf("%w: %d filter values, the limit is %d", ErrInvalidRequest, len(vs), MaxFilterValues)
		}
		for _, v := range vs {
			if !utf8.ValidString(v) || strings.TrimSpace(v) == "" || len(v) > 512 {
				return fmt.Errorf("%w: filter value %q: want a non-empty UTF-8 value of at most 512 bytes", ErrInvalidRequest, v)
			}
		}
	}
	return nil
}

// QuoteResult is a page of quotes with facet counts over all matches.
type QuoteResult struct {
	Total  uint64      `json:"total"`
	TookMS float64     `json:"took_ms"`
	Hits   []QuoteHit  `json:"hits"`
	Facets QuoteFacets `json:"facets"`
}

// QuoteFacets counts matching quotes by speaker, role and affiliation,
// and by the month of their articles.
type QuoteFacets struct {
	Speaker     []FacetCount `json:"speaker"`
	Role        []FacetCount `json:"role"`
	Affiliation []FacetCount `json:"affiliation"`
	Published   []DateCount  `json:"published"`
}

// QuoteHit is one matching quotation and the article it is from.
type QuoteHit struct {
	// Text is an HTML fragment: the quote escaped, matched terms in <mark>.
	Text        string    `json:"text"`
	Speaker     string    `json:"speaker"`
	Role        string    `json:"role"`
	Affiliation string    `json:"affiliation,omitempty"`
	Cue         string    `json:"cue,omitempty"`
	Mention     string    `json:"mention,omitempty"`   // how the article names the speaker there, as Quote.Mention
	Described   bool      `json:"described,omitempty"` // Speaker is a description or a group, as Quote.Described
	Direct      bool      `json:"direct"`
	ArticleID   string    `json:"article_id"`
	Title       string    `json:"title"`
	Published   time.Time `json:"published,omitzero"`
	Score       float64   `json:"score"`
}

// Quotes searches quotations. Request errors wrap ErrInvalidRequest.
func (ix *Index) Quotes(ctx context.Context, req QuoteRequest) (*QuoteResult, error) {
	return runRequest(ix, req.Validate, req.Query, func(e backend, q query.Node) (*QuoteResult, error) {
		er := engine.QuoteRequest(req)
		if er.NoHits {
			er.Size = 0
		}
		res, err := e.SearchQuotes(ctx, &er, q)
		if err != nil {
			return nil, err
		}
		return quoteResult(res), nil
	}, func(res *QuoteResult, ms float64) { res.TookMS = ms })
}
