package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/newsindex/newsindex/index"
)

// entityKinds are the pages an entity can have: the path segment, the facet
// its articles are found by, and the page's label.
var entityKinds = []struct {
	path  string
	facet index.Facet
	label string
}{
	{"analysts", index.FacetAnalyst, "Analyst"},
	{"people", index.FacetPerson, "Person"},
	{"organizations", index.FacetOrganization, "Organization"},
	{"countries", index.FacetCountry, "Country"},
	{"places", index.FacetPlace, "Place"},
}

// entityPath returns the page of an entity of a facet, or "" if it has none.
func entityPath(f index.Facet, name string) string {
	for _, k := range entityKinds {
		if k.facet == f {
			return "/" + k.path + "/" + url.PathEscape(name)
		}
	}
	return ""
}

type related struct {
	Label  string
	Values []facetValue
}

type entityPage struct {
	Kind, Name   string
	Facet        string
	SearchURL    string
	QuotesURL    string
	Articles     *index.SearchResult
	Quotes       *index.QuoteResult
	Roles        []index.FacetCount
	Affiliations []index.FacetCount
	Related      []related
	Bars         []bar
	ChartFirst   string
	ChartLast    string
}

// serveEntityPage shows one analyst, person, organization or country: how
// often and when it is in the news, what it said, who and what appears with it.
func (s *Server) serveEntityPage(path string, f index.Facet, label string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSpace(pathParam(r, "name"))
		ctx := r.Context()
		filter := url.Values{string(f): {name}}
		arts, err := s.ix.Search(ctx, index.SearchRequest{
			Filters: map[index.Facet][]string{f: {name}}, Sort: index.SortDate, Size: 10, FacetSize: 8,
		})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		quotes, err := s.ix.Quotes(ctx, index.QuoteRequest{Speakers: []string{name}, Size: 8, FacetSize: 5})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if arts.Total == 0 && quotes.Total == 0 {
			s.render(w, r, http.StatusNotFound, "entity.html", entityPage{Kind: label, Name: name})
			return
		}
		p := entityPage{Kind: label, Name: name, Facet: string(f), Articles: arts, Quotes: quotes,
			Roles: quotes.Facets.Role, Affiliations: quotes.Facets.Affiliation,
			SearchURL: "/?" + filter.Encode(), QuotesURL: "/quotes?" + url.Values{"speaker": {name}}.Encode()}
		for _, other := range index.AllFacets {
			if other == index.FacetCategory || other == index.FacetSource {
				continue
			}
			rel := related{Label: facetLabels[other]}
			for _, c := range arts.Facets.Of(other) {
				if c.Value == name {
					continue
				}
				u := entityPath(other, c.Value)
				if u == "" {
					u = "/?" + url.Values{string(f): {name}, string(other): {c.Value}}.Encode()
				}
				rel.Values = append(rel.Values, facetValue{Value: c.Value, Label: facetValueLabel(other, c.Value), Count: c.Count, URL: u})
			}
			if len(rel.Values) > 0 {
				p.Related = append(p.Related, rel)
			}
		}
		// Attention over time: the articles' dates by month.
		all, err := s.ix.Search(ctx, index.SearchRequest{Filters: map[index.Facet][]string{f: {name}}, Size: 1, FacetSize: 1, Interval: index.IntervalMonth})
		if err == nil {
			// Articles and, beside them, quotes, by month.
			p.Bars, p.ChartFirst, p.ChartLast = chart(filter, all.Facets.Published, index.IntervalMonth, quotes.Facets.Published)
		}
		s.render(w, r, http.StatusOK, "entity.html", p)
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	msg := strings.TrimPrefix(err.Error(), "index: invalid request: ")
	if code == http.StatusInternalServerError {
		s.log.Error("page", "path", r.URL.Path, "err", err)
		msg = "Something went wrong on our side. Please try again."
	}
	s.render(w, r, code, "error.html", msg)
}
