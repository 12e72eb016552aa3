package server

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsindex/newsindex/index"
)

// maxExport bounds an export: enough for a research sample, small enough
// that one request cannot tie the server up.
const maxExport = 10000

// exportPage is the page size exports read with.
const exportPage = 100

// eachHit runs fn on the hits of a search, page after page, up to limit.
// The first page's result is returned (for its total) before fn sees a hit,
// so handlers can fail with a proper status before they start streaming.
func (s *Server) eachHit(r *http.Request, req index.SearchRequest, limit int, start func(*index.SearchResult) error, fn func(index.Hit) error) error {
	req.Size, req.Page, req.FacetSize, req.NoHits = exportPage, 1, 1, false
	n := 0
	for {
		res, err := s.ix.Search(r.Context(), req)
		if err != nil {
			return err
		}
		if req.Page == 1 {
			if err := start(res); err != nil {
				return err
			}
		}
		matches := 0
		for _, h := range res.Hits {
			if h.Related {
				continue // an export holds the matches, as its total counts them
			}
			if n == limit {
				return nil
			}
			if err := fn(h); err != nil {
				return err
			}
			n++
			matches++
		}
		if matches < req.Size || req.Page == index.MaxPage {
			return nil
		}
		req.Page++
	}
}

func exportLimit(v url.Values, most int) (int, error) {
	n, err := number(v, "limit")
	if err != nil {
		return 0, err
	}
	if n == 0 {
		n = most
	}
	if n > most {
		return 0, fmt.Errorf("%w: limit %d over %d", index.ErrInvalidRequest, n, most)
	}
	return n, nil
}

// serveExport streams the hits of a search as CSV or JSON Lines: the same
// parameters as /api/search (page and size aside), plus limit (≤ 10,000).
func (s *Server) serveExport(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := r.URL.Query()
		req, err := SearchParams(v)
		if err != nil {
			s.error(w, r, err)
			return
		}
		if err := s.opts.Limits.check(url.Values{}, req.Query, new(int), new(int)); err != nil {
			s.error(w, r, err)
			return
		}
		limit, err := exportLimit(v, s.opts.Limits.MaxExport)
		if err != nil {
			s.error(w, r, err)
			return
		}
		var cw *csv.Writer
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		started := false
		start := func(*index.SearchResult) error {
			started = true
			name := "newsindex-" + time.Now().UTC().Format("20060102-150405")
			if format == "csv" {
				w.Header().Set("Content-Type", "text/csv; charset=utf-8")
				w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
				cw = csv.NewWriter(w)
				return cw.Write([]string{"id", "published", "source", "category", "title", "url", "score", "people", "countries", "places", "organizations", "analysts", "language"})
			}
			w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.jsonl"`)
			return nil
		}
		err = s.eachHit(r, req, limit, start, func(h index.Hit) error {
			if format == "csv" {
				pub := ""
				if !h.Published.IsZero() {
					pub = h.Published.Format(time.RFC3339)
				}
				return cw.Write([]string{h.ID, pub, h.Source, h.Category, h.Title, h.URL, fmt.Sprintf("%.4f", h.Score),
					strings.Join(h.People, "; "), strings.Join(h.Countries, "; "), strings.Join(h.Places, "; "), strings.Join(h.Organizations, "; "), strings.Join(h.Analysts, "; "), h.Language})
			}
			h.Snippet = "" // an HTML fragment is no use in a data file
			return enc.Encode(exportHit{h})
		})
		if cw != nil {
			cw.Flush()
		}
		if err != nil && !started {
			s.error(w, r, err)
			return
		}
		if err != nil {
			s.log.Warn("export cut short", "err", err)
		}
	}
}

// exportHit drops the snippet from a hit's JSON.
type exportHit struct{ index.Hit }

func (e exportHit) MarshalJSON() ([]byte, error) {
	type plain struct {
		ID            string    `json:"id"`
		Title         string    `json:"title"`
		URL           string    `json:"url,omitempty"`
		Source        string    `json:"source,omitempty"`
		Published     time.Time `json:"published,omitzero"`
		Category      string    `json:"category,omitempty"`
		Language      string    `json:"language,omitempty"`
		Score         float64   `json:"score"`
		People        []string  `json:"people"`
		Countries     []string  `json:"countries"`
		Places        []string  `json:"places"`
		Organizations []string  `json:"organizations"`
		Analysts      []string  `json:"analysts"`
	}
	h := e.Hit
	return json.Marshal(plain{h.ID, h.Title, h.URL, h.Source, h.Published, h.Category, h.Language, h.Score, h.People, h.Countries, h.Places, h.Organizations, h.Analysts})
}

// Atom, RFC 4287: just what a feed reader needs.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    atomText       `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// serveFeed is every search as an Atom feed, newest first: subscribe to a
// query and its filters.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if v.Get("sort") == "" {
		v.Set("sort", index.SortDate)
	}
	req, err := SearchParams(v)
	if err != nil {
		s.error(w, r, err)
		return
	}
	req.Size, req.NoHits = 50, false
	res, err := s.ix.Search(r.Context(), req)
	if err != nil {
		s.error(w, r, err)
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	v.Del("sort")
	title := "newsindex"
	if q := v.Get("q"); q != "" {
		title += ": " + q
	}
	f := atomFeed{
		Title: title, ID: base + "/feed?" + v.Encode(), Author: atomPerson{Name: "newsindex"},
		Links: []atomLink{{Href: base + "/feed?" + v.Encode(), Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/?" + v.Encode(), Rel: "alternate", Type: "text/html"}},
	}
	updated := time.Unix(0, 0).UTC()
	for _, h := range res.Hits {
		if h.Related {
			continue // a feed follows the matches only
		}
		pub := h.Published
		if pub.IsZero() {
			pub = time.Unix(0, 0).UTC()
		}
		if pub.After(updated) {
			updated = pub
		}
		e := atomEntry{Title: h.Title, ID: base + "/articles/" + url.PathEscape(h.ID), Updated: pub.Format(time.RFC3339),
			Links:   []atomLink{{Href: base + "/articles/" + url.PathEscape(h.ID), Rel: "alternate", Type: "text/html"}},
			Summary: atomText{Type: "html", Body: h.Snippet}}
		if !h.Published.IsZero() {
			e.Published = h.Published.Format(time.RFC3339)
		}
		if h.URL != "" {
			e.Links = append(e.Links, atomLink{Href: h.URL, Rel: "related"})
		}
		if h.Source != "" {
			e.Author = &atomPerson{Name: h.Source}
		}
		if h.Category != "" {
			e.Categories = []atomCategory{{Term: h.Category}}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = updated.Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		s.log.Warn("feed cut short", "err", err)
	}
}
