package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsindex/newsindex/index"
)

var pageFuncs = template.FuncMap{
	"lower": strings.ToLower,
	// entityURL is the page of a named entity of a facet, or a search
	// filtered by it when that facet has no pages.
	"entityURL": func(facet, name string) string {
		if p := entityPath(index.Facet(facet), name); p != "" {
			return p
		}
		return "/?" + url.Values{facet: {name}}.Encode()
	},
	// articleURL is an article's page; its ID may hold any character.
	"articleURL": func(id string) string { return "/articles/" + url.PathEscape(id) },
	// snippet marks a snippet the index built (escaped text and <mark>) safe.
	"snippet": func(s string) template.HTML { return template.HTML(s) },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 Jan 2006")
	},
	"filterURL": func(facet, value string) string {
		return "/?" + url.Values{facet: {value}}.Encode()
	},
	// languageName shows a language code as people read it: "French (fr)".
	"languageName": func(code string) string { return facetValueLabel(index.FacetLanguage, code) },
	// langAttr is the value of an HTML lang attribute for an article's
	// language, "" when it is not known.
	"langAttr": func(code string) string {
		if code == "" || code == "und" {
			return ""
		}
		return code
	},
	"storyURL": func(id string) string {
		return "/?" + url.Values{"story": {id}, "sort": {"date"}}.Encode()
	},
	"quotesURL": func(speaker string) string {
		return "/quotes?" + url.Values{"speaker": {speaker}}.Encode()
	},
}

var facetLabels = map[index.Facet]string{
	index.FacetCategory:     "Category",
	index.FacetAnalyst:      "Quoted analysts",
	index.FacetPerson:       "People",
	index.FacetCountry:      "Countries",
	index.FacetPlace:        "Places",
	index.FacetOrganization: "Organizations",
	index.FacetSource:       "Sources",
	index.FacetLanguage:     "Languages",
}

// facetValueLabel returns how the page shows a value of a facet: a
// language by its name and code ("French (fr)"), any other value as it is.
func facetValueLabel(f index.Facet, value string) string {
	if f == index.FacetLanguage {
		return index.LanguageName(index.LanguageCode(value))
	}
	return value
}

type facetValue struct {
	Value  string
	Label  string // what the page shows of Value
	Count  int
	Active bool
	URL    string // toggles this value
}

type facetView struct {
	Name, Label string
	Values      []facetValue
	Expanded    bool   // showing up to moreFacetSize values
	MoreURL     string // expands the list, when it may hold more
	LessURL     string // folds it back
}

// moreFacetSize is how many values an expanded facet lists.
const moreFacetSize = 100

type chip struct {
	Label, RemoveURL string
}

type bar struct {
	X, Y, W, H float64
	Series     int // 0: the search; 1: the query it is compared with
	Label      string
	URL        string
}

type searchPage struct {
	Query       string
	Sort        string
	Err         string
	Res         *index.SearchResult
	Facets      []facetView
	Chips       []chip
	Page        int
	Pages       int
	PrevURL     string
	NextURL     string
	SortURLs    map[string]string
	FeedURL     string
	CSVURL      string
	JSONLURL    string
	Bars        []bar
	ChartFirst  string
	ChartLast   string
	From, To    string
	Collapsed   bool   // each story shown once
	Story       string // showing one story's articles
	CollapseURL string
	ExpandURL   string
	// CountStories: the facets count stories; CountURL switches.
	CountStories bool
	CountURL     string
	// Compare is a second query drawn on the chart against the first.
	Compare      string
	CompareTotal uint64
	CompareURL   string // the page of the compared query
}

// withOn is with for the page at path.
func withOn(path string, v url.Values, name string, values ...string) string {
	return path + with(v, name, values...)[1:]
}

// with returns the page's URL with parameter name set to values (none: removed),
// back on page 1.
func with(v url.Values, name string, values ...string) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	c.Del("page")
	if len(values) == 0 {
		c.Del(name)
	} else {
		c[name] = values
	}
	return "/?" + c.Encode()
}

func toggle(vs []string, v string) ([]string, bool) {
	var out []string
	found := false
	for _, x := range vs {
		if x == v {
			found = true
			continue
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, v)
	}
	return out, found
}

func (s *Server) serveSearchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	// A language named by a tag or a name ("French") is shown, toggled and
	// linked as the facet lists it ("fr").
	for i, l := range v[string(index.FacetLanguage)] {
		v[string(index.FacetLanguage)][i] = index.LanguageCode(l)
	}
	p := searchPage{Query: v.Get("q"), Sort: v.Get("sort"), From: v.Get("from"), To: v.Get("to"), Compare: strings.TrimSpace(v.Get("vs"))}
	code := http.StatusOK
	more := v.Get("more")
	req, err := SearchParams(v)
	if err == nil {
		err = s.opts.Limits.check(v, req.Query, &req.Size, &req.FacetSize)
	}
	if err == nil {
		req.Size, req.NoHits = min(20, s.opts.Limits.MaxPageSize), false
		// The page shows each story once unless told otherwise.
		if v.Get("collapse") == "" && v.Get("story") == "" {
			req.Collapse = true
		}
		p.Collapsed = req.Collapse
		p.Story = req.Story
		p.CollapseURL, p.ExpandURL = with(v, "collapse"), with(v, "collapse", "none")
		p.CountStories = req.CountStories
		if p.CountStories {
			p.CountURL = with(v, "count")
		} else {
			p.CountURL = with(v, "count", "stories")
		}
		if more != "" {
			req.FacetSize = moreFacetSize
		}
		p.Res, err = s.ix.Search(r.Context(), req)
	}
	var compared *index.SearchResult
	if err == nil && p.Compare != "" {
		c := req
		c.Query, c.Size, c.Page, c.FacetSize = p.Compare, 1, 1, 1
		compared, err = s.ix.Search(r.Context(), c)
		if err == nil {
			p.CompareTotal = compared.Total
			cv := url.Values{}
			for k, vs := range v {
				cv[k] = vs
			}
			cv.Set("q", p.Compare)
			cv.Del("vs")
			cv.Del("page")
			p.CompareURL = "/?" + cv.Encode()
		}
	}
	if err != nil {
		code = status(err)
		if code == http.StatusInternalServerError {
			s.log.Error("search page", "query", p.Query, "err", err)
			p.Err = "Something went wrong on our side. Please try again."
		} else {
			p.Err = strings.TrimPrefix(err.Error(), "index: invalid request: ")
		}
	}
	if p.Res != nil {
		for _, f := range index.AllFacets {
			fv := facetView{Name: string(f), Label: facetLabels[f]}
			active := map[string]bool{}
			for _, a := range req.Filters[f] {
				active[a] = true
			}
			counts := p.Res.Facets.Of(f)
			if more == string(f) {
				fv.Expanded = true
				fv.LessURL = with(v, "more")
			} else if len(counts) > index.DefaultFacetSize {
				counts = counts[:index.DefaultFacetSize]
			}
			if !fv.Expanded && len(counts) == index.DefaultFacetSize {
				fv.MoreURL = with(v, "more", string(f))
			}
			for _, c := range counts {
				next, _ := toggle(v[string(f)], c.Value)
				fv.Values = append(fv.Values, facetValue{Value: c.Value, Label: facetValueLabel(f, c.Value), Count: c.Count, Active: active[c.Value], URL: with(v, string(f), next...)})
			}
			fv.Values = append(fv.Values, missingActive(v, f, active, fv.Values)...)
			if len(fv.Values) > 0 {
				p.Facets = append(p.Facets, fv)
			}
		}
		p.Page = req.Page
		p.Pages = int((p.Res.Total + uint64(req.Size) - 1) / uint64(req.Size))
		p.Pages = min(p.Pages, index.MaxPage)
		if p.Page > 1 {
			p.PrevURL = pageURL(v, p.Page-1)
		}
		if p.Page < p.Pages {
			p.NextURL = pageURL(v, p.Page+1)
		}
		if compared != nil {
			p.Bars, p.ChartFirst, p.ChartLast = chart(v, p.Res.Facets.Published, req.Interval, compared.Facets.Published)
		} else {
			p.Bars, p.ChartFirst, p.ChartLast = chart(v, p.Res.Facets.Published, req.Interval)
		}
	}
	for _, f := range index.AllFacets {
		for _, val := range v[string(f)] {
			next, _ := toggle(v[string(f)], val)
			p.Chips = append(p.Chips, chip{Label: facetLabels[f] + ": " + facetValueLabel(f, val), RemoveURL: with(v, string(f), next...)})
		}
	}
	if p.From != "" || p.To != "" {
		c := url.Values{}
		for k, vs := range v {
			c[k] = vs
		}
		c.Del("from")
		p.Chips = append(p.Chips, chip{Label: "Dates: " + p.From + " – " + p.To, RemoveURL: with(c, "to")})
	}
	rest := url.Values{}
	for k, vs := range v {
		if k != "page" && k != "size" {
			rest[k] = vs
		}
	}
	p.FeedURL, p.CSVURL, p.JSONLURL = "/feed?"+rest.Encode(), "/export.csv?"+rest.Encode(), "/export.jsonl?"+rest.Encode()
	p.SortURLs = map[string]string{"relevance": with(v, "sort"), "date": with(v, "sort", "date"), "oldest": with(v, "sort", "oldest")}
	s.render(w, r, code, "search.html", p)
}

// missingActive lists active filter values the facet's top list left out,
// so every active filter can be seen and removed.
func missingActive(v url.Values, f index.Facet, active map[string]bool, shown []facetValue) []facetValue {
	var out []facetValue
	for val := range active {
		found := false
		for _, s := range shown {
			if s.Value == val {
				found = true
			}
		}
		if !found {
			next, _ := toggle(v[string(f)], val)
			out = append(out, facetValue{Value: val, Label: facetValueLabel(f, val), Active: true, URL: with(v, string(f), next...)})
		}
	}
	return out
}

func pageURL(v url.Values, page int) string { return pageURLOn("/", v, page) }

func pageURLOn(path string, v url.Values, page int) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = vs
	}
	c.Set("page", strconv.Itoa(page))
	return path + "?" + c.Encode()
}

// chart lays out histograms as SVG bars on one continuous time axis (empty
// days or months drawn as gaps), one series beside the other, each bar a
// link that narrows the search to its span. Ranges of over 120 days are
// drawn by month.
func chart(v url.Values, counts []index.DateCount, interval string, more ...[]index.DateCount) ([]bar, string, string) {
	series := append([][]index.DateCount{counts}, more...)
	var lo, hi time.Time
	for _, c := range series {
		if len(c) == 0 {
			continue
		}
		a, err1 := time.Parse(time.DateOnly, c[0].Date)
		b, err2 := time.Parse(time.DateOnly, c[len(c)-1].Date)
		if err1 != nil || err2 != nil {
			return nil, "", ""
		}
		if lo.IsZero() || a.Before(lo) {
			lo = a
		}
		if b.After(hi) {
			hi = b
		}
	}
	if lo.IsZero() {
		return nil, "", ""
	}
	if interval == index.IntervalDay && hi.Sub(lo) > 120*24*time.Hour {
		for i := range series {
			series[i] = byMonth(series[i])
		}
		interval = index.IntervalMonth
		lo = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	step := func(t time.Time) time.Time {
		switch interval {
		case index.IntervalMonth:
			return t.AddDate(0, 1, 0)
		case index.IntervalYear:
			return t.AddDate(1, 0, 0)
		}
		return t.AddDate(0, 0, 1)
	}
	var days []string
	for t := lo; !t.After(hi) && len(days) < 2000; t = step(t) {
		days = append(days, t.Format(time.DateOnly))
	}
	peak := 1
	byDate := make([]map[string]int, len(series))
	for i, c := range series {
		byDate[i] = map[string]int{}
		for _, d := range c {
			byDate[i][d.Date] = d.Count
			peak = max(peak, d.Count)
		}
	}
	const width, height = 600.0, 80.0
	slot := width / float64(len(days))
	w := slot * 0.85 / float64(len(series))
	var bars []bar
	for i, d := range days {
		for k := range series {
			n := byDate[k][d]
			if n == 0 {
				continue
			}
			h := max(height*float64(n)/float64(peak), 2)
			from, _ := time.Parse(time.DateOnly, d)
			to := step(from).AddDate(0, 0, -1)
			c := url.Values{}
			for key, vs := range v {
				c[key] = vs
			}
			c.Set("from", from.Format(time.DateOnly))
			bars = append(bars, bar{X: float64(i)*slot + float64(k)*w, Y: height - h, W: max(w, 1), H: h, Series: k,
				Label: fmt.Sprintf("%s: %d", d, n), URL: with(c, "to", to.Format(time.DateOnly))})
		}
	}
	return bars, days[0], days[len(days)-1]
}

func byMonth(days []index.DateCount) []index.DateCount {
	var out []index.DateCount
	for _, d := range days {
		m := d.Date[:7] + "-01"
		if n := len(out); n > 0 && out[n-1].Date == m {
			out[n-1].Count += d.Count
			continue
		}
		out = append(out, index.DateCount{Date: m, Count: d.Count})
	}
	return out
}

type quotesPage struct {
	Query   string
	Err     string
	Res     *index.QuoteResult
	Facets  []facetView
	Chips   []chip
	Page    int
	Pages   int
	PrevURL string
	NextURL string
}

var quoteFacets = []struct{ name, label string }{
	{"speaker", "Speakers"}, {"role", "Role"}, {"affiliation", "Affiliations"},
}

// serveQuotesPage is the who-said-what search: quotes matching words, by
// speaker, role and affiliation.
func (s *Server) serveQuotesPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	p := quotesPage{Query: v.Get("q")}
	code := http.StatusOK
	req, err := QuoteParams(v)
	if err == nil {
		req.Size, req.NoHits = min(20, s.opts.Limits.MaxPageSize), false
		p.Res, err = s.ix.Quotes(r.Context(), req)
	}
	if err != nil {
		code = status(err)
		p.Err = strings.TrimPrefix(err.Error(), "index: invalid request: ")
		if code == http.StatusInternalServerError {
			s.log.Error("quotes page", "query", p.Query, "err", err)
			p.Err = "Something went wrong on our side. Please try again."
		}
	}
	if p.Res != nil {
		counts := map[string][]index.FacetCount{"speaker": p.Res.Facets.Speaker, "role": p.Res.Facets.Role, "affiliation": p.Res.Facets.Affiliation}
		for _, f := range quoteFacets {
			fv := facetView{Name: f.name, Label: f.label}
			active := map[string]bool{}
			for _, a := range v[f.name] {
				active[a] = true
			}
			for _, c := range counts[f.name] {
				next, _ := toggle(v[f.name], c.Value)
				fv.Values = append(fv.Values, facetValue{Value: c.Value, Count: c.Count, Active: active[c.Value], URL: withOn("/quotes", v, f.name, next...)})
			}
			if len(fv.Values) > 0 {
				p.Facets = append(p.Facets, fv)
			}
		}
		p.Page = req.Page
		p.Pages = min(int((p.Res.Total+uint64(req.Size)-1)/uint64(req.Size)), index.MaxPage)
		if p.Page > 1 {
			p.PrevURL = pageURLOn("/quotes", v, p.Page-1)
		}
		if p.Page < p.Pages {
			p.NextURL = pageURLOn("/quotes", v, p.Page+1)
		}
	}
	for _, f := range quoteFacets {
		for _, val := range v[f.name] {
			next, _ := toggle(v[f.name], val)
			p.Chips = append(p.Chips, chip{Label: f.label + ": " + val, RemoveURL: withOn("/quotes", v, f.name, next...)})
		}
	}
	s.render(w, r, code, "quotes.html", p)
}

type articlePage struct {
	A          index.Article
	Err        string
	Paragraphs [][]segment
	// Copies are the other articles of its story, newest first.
	Copies []index.Hit
}

// segment is a run of an article's text, linked when it names an entity.
type segment struct {
	Text, Facet, URL, Name string
}

// paragraphs splits body into paragraphs of segments, the mentions of
// entities among them.
func paragraphs(body string, ms []index.Mention) [][]segment {
	var out [][]segment
	start := 0
	for start <= len(body) {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		var segs []segment
		pos := start
		for _, m := range ms {
			if m.Start < pos || m.End > end {
				continue
			}
			if m.Start > pos {
				segs = append(segs, segment{Text: body[pos:m.Start]})
			}
			segs = append(segs, segment{Text: body[m.Start:m.End], Facet: string(m.Facet), Name: m.Name, URL: entityPath(m.Facet, m.Name)})
			pos = m.End
		}
		if pos < end {
			segs = append(segs, segment{Text: body[pos:end]})
		}
		if strings.TrimSpace(body[start:end]) != "" {
			out = append(out, segs)
		}
		start = end + 1
	}
	return out
}

func (s *Server) serveArticlePage(w http.ResponseWriter, r *http.Request) {
	a, err := s.ix.Article(r.Context(), pathParam(r, "id"))
	if err != nil {
		code := status(err)
		msg := "No article with that ID."
		if code == http.StatusInternalServerError {
			s.log.Error("article page", "err", err)
			msg = "Something went wrong on our side."
		}
		s.render(w, r, code, "article.html", articlePage{Err: msg})
		return
	}
	p := articlePage{A: a, Paragraphs: paragraphs(a.Body, s.ix.Mentions(a))}
	if a.Story != "" {
		res, err := s.ix.Search(r.Context(), index.SearchRequest{Story: a.Story, Sort: index.SortDate, Size: 20, FacetSize: 1})
		if err == nil {
			for _, h := range res.Hits {
				if h.ID != a.ID {
					p.Copies = append(p.Copies, h)
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "article.html", p)
}

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	buf.WriteTo(w)
}
