package server

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index"
)

// The query parameters each route reads, by handler. A handler is given
// these alone (queryParams drops the others), and the OpenAPI description
// of the API lists exactly these (TestOpenAPIMatchesRouter).
var (
	searchParams = append(facetParams(),
		"q", "from", "to", "sort", "page", "size", "facet_size", "interval", "story", "collapse", "count")
	quoteParams   = []string{"q", "speaker", "role", "affiliation", "from", "to", "sort", "page", "size", "facet_size"}
	suggestParams = []string{"q", "limit"}
	// The search page also reads vs (a query to compare with) and more (a
	// facet listed in full); exports read limit.
	searchPageParams = append(slices.Clone(searchParams), "vs", "more")
	exportParams     = append(slices.Clone(searchParams), "limit")
)

// facetParams are the filter parameters: one per facet.
func facetParams() []string {
	var out []string
	for _, f := range index.AllFacets {
		out = append(out, string(f))
	}
	return out
}

// queryParams serves next with the query parameters it reads, names, and
// no others: unknown parameters are ignored by construction, and names is
// all a handler can read, so the API's description can be checked against
// the router.
type queryParams struct {
	names []string
	next  http.Handler
}

func (q *queryParams) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" {
		v := r.URL.Query()
		for name := range v {
			if !slices.Contains(q.names, name) {
				delete(v, name)
			}
		}
		u := *r.URL
		u.RawQuery = v.Encode()
		r = r.WithContext(r.Context()) // a shallow copy, whose URL can change
		r.URL = &u
	}
	q.next.ServeHTTP(w, r)
}

// SearchParams turns the query parameters of /api/search (and of the search
// page) into a request: q, the facet filters (repeatable: category, analyst,
// person, country, place, organization, source, language), from and to
// (YYYY-MM-DD or RFC 3339), sort, page, size, facet_size, interval, story
// (one story's articles), collapse (story: each story once; none) and count
// (stories: facets count distinct stories; articles, the default).
// size=0 asks for the total and the facets without hits, as in
// Elasticsearch. Unknown parameters are ignored. Errors wrap
// index.ErrInvalidRequest.
func SearchParams(v url.Values) (index.SearchRequest, error) {
	var req index.SearchRequest
	var err error
	if req.Query, err = single(v, "q"); err != nil {
		return req, err
	}
	for _, f := range index.AllFacets {
		for _, val := range v[string(f)] {
			if val = strings.TrimSpace(val); val == "" {
				continue
			}
			if req.Filters == nil {
				req.Filters = map[index.Facet][]string{}
			}
			req.Filters[f] = append(req.Filters[f], val)
		}
	}
	if req.Since, req.Until, err = dateRange(v); err != nil {
		return req, err
	}
	if req.Sort, err = single(v, "sort"); err != nil {
		return req, err
	}
	if req.Interval, err = single(v, "interval"); err != nil {
		return req, err
	}
	if req.Story, err = single(v, "story"); err != nil {
		return req, err
	}
	switch c, err := single(v, "collapse"); {
	case err != nil:
		return req, err
	case c == "story":
		req.Collapse = true
	case c != "" && c != "none":
		return req, fmt.Errorf("%w: collapse %q unknown, want story|none", index.ErrInvalidRequest, truncate(c))
	}
	switch c, err := single(v, "count"); {
	case err != nil:
		return req, err
	case c == "stories":
		req.CountStories = true
	case c != "" && c != "articles":
		return req, fmt.Errorf("%w: count %q unknown, want articles|stories", index.ErrInvalidRequest, truncate(c))
	}
	for name, dst := range map[string]*int{"page": &req.Page, "facet_size": &req.FacetSize} {
		if *dst, err = number(v, name); err != nil {
			return req, err
		}
	}
	if req.Size, req.NoHits, err = size(v); err != nil {
		return req, err
	}
	return req, req.Validate()
}

// QuoteParams turns the query parameters of /api/quotes into a request: q,
// speaker, role, affiliation (repeatable), sort (relevance or date), from,
// to, page, size (0: no hits, only the total and the facets), facet_size.
func QuoteParams(v url.Values) (index.QuoteRequest, error) {
	var req index.QuoteRequest
	var err error
	if req.Query, err = single(v, "q"); err != nil {
		return req, err
	}
	req.Speakers, req.Roles, req.Affiliations = nonEmpty(v["speaker"]), nonEmpty(v["role"]), nonEmpty(v["affiliation"])
	if req.Sort, err = single(v, "sort"); err != nil {
		return req, err
	}
	if req.Since, req.Until, err = dateRange(v); err != nil {
		return req, err
	}
	for name, dst := range map[string]*int{"page": &req.Page, "facet_size": &req.FacetSize} {
		if *dst, err = number(v, name); err != nil {
			return req, err
		}
	}
	if req.Size, req.NoHits, err = size(v); err != nil {
		return req, err
	}
	return req, req.Validate()
}

// size reads the size parameter; 0 sets noHits: the total and the facets
// are wanted, not the hits.
func size(v url.Values) (n int, noHits bool, err error) {
	s, err := single(v, "size")
	if err != nil || s == "" {
		return 0, false, err
	}
	n, err = strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false, fmt.Errorf("%w: parameter \"size\" = %q, want a whole number ≥ 0 (0: the total and the facets, no hits)", index.ErrInvalidRequest, truncate(s))
	}
	return n, n == 0, nil
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, s := range vs {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func single(v url.Values, name string) (string, error) {
	vs := v[name]
	switch {
	case len(vs) == 0:
		return "", nil
	case len(vs) > 1:
		return "", fmt.Errorf("%w: parameter %q given %d times, want once", index.ErrInvalidRequest, name, len(vs))
	case !utf8.ValidString(vs[0]):
		return "", fmt.Errorf("%w: parameter %q is not valid UTF-8", index.ErrInvalidRequest, name)
	}
	return strings.TrimSpace(vs[0]), nil
}

func number(v url.Values, name string) (int, error) {
	s, err := single(v, name)
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: parameter %q = %q, want a whole number ≥ 1", index.ErrInvalidRequest, name, truncate(s))
	}
	if n == 0 {
		return 0, fmt.Errorf("%w: parameter %q = 0, want a whole number ≥ 1", index.ErrInvalidRequest, name)
	}
	return n, nil
}

// Dates outside these years are typing mistakes, not news.
const minYear, maxYear = 1800, 2200

func dateRange(v url.Values) (since, until time.Time, err error) {
	from, err := single(v, "from")
	if err != nil {
		return since, until, err
	}
	to, err := single(v, "to")
	if err != nil {
		return since, until, err
	}
	if from != "" {
		if since, _, err = parseDate("from", from); err != nil {
			return since, until, err
		}
	}
	if to != "" {
		var dateOnly bool
		if until, dateOnly, err = parseDate("to", to); err != nil {
			return since, until, err
		}
		if dateOnly { // a whole day is inclusive of its last moment
			until = until.Add(24*time.Hour - time.Nanosecond)
		}
	}
	return since, until, nil
}

func parseDate(name, s string) (time.Time, bool, error) {
	t, err := time.Parse(time.DateOnly, s)
	dateOnly := err == nil
	if err != nil {
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		return t, false, fmt.Errorf("%w: parameter %q = %q, want a date YYYY-MM-DD or RFC 3339", index.ErrInvalidRequest, name, truncate(s))
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return t, false, fmt.Errorf("%w: parameter %q = %q is out of range %d..%d", index.ErrInvalidRequest, name, s, minYear, maxYear)
	}
	return t.UTC(), dateOnly, nil
}

func truncate(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
