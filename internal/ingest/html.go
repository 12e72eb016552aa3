package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/newsindex/newsindex/index"
)

// An HTML page gives its article text through readability, run on the
// whole page. The parts of readability's article that are not article text
// (navigation, asides, share bars, captions, newsletter boxes, teasers) are
// then cut from it, and the text goes through the same line cleaning as
// plain-text pages, every step under the rule that it may not remove the
// text that carries the article (see Cleanup). The metadata comes, in
// order of trust, from JSON-LD (NewsArticle, Article, BlogPosting …), from
// <meta> tags (Open Graph, article:*, author, Dublin Core) and <link
// rel=canonical>, and last from what readability guessed.

// htmlPrefixes start documents that are HTML.
var htmlPrefixes = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<div", "<p>", "<p ", "<h1", "<!--"}

// sniffHTML reports whether the input looks like an HTML document.
func sniffHTML(head []byte) bool {
	low := bytes.ToLower(head[:min(len(head), 1024)])
	for _, p := range htmlPrefixes {
		if bytes.HasPrefix(low, []byte(p)) {
			return true
		}
	}
	return bytes.HasPrefix(low, []byte("<?xml")) && bytes.Contains(low, []byte("<html"))
}

// readHTML reads an HTML page as one article.
func readHTML(in *input) error {
	data, err := readAll(in.br)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	a, c, err := parseHTML(data)
	logRestored(in.walker.logger(), firstNonEmpty(a.URL, in.name), c)
	return in.emitCleaned(a, c, err)
}

// parseHTML recovers an article from an HTML page, and reports what the
// clean-up after readability removed.
func parseHTML(data []byte) (a index.Article, c *Cleanup, err error) {
	data = toUTF8(data)
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\ufffd"))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return a, nil, fmt.Errorf("malformed HTML: %w", err)
	}
	m := readMeta(doc)

	base, _ := url.Parse(m.url)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	node, ra := readableNode(doc, base)
	text := ""
	if node != nil {
		text = render.InnerText(node)
	}
	c = new(Cleanup)
	var extracted, lines []string
	switch {
	case len(m.articleBody) > 2*len(text):
		extracted = plainLines(m.articleBody)
		lines = extracted
	case strings.TrimSpace(text) != "":
		extracted = plainLines(text)
		pruneElements(node, c)
		lines = plainLines(render.InnerText(node))
	default:
		// Too short for readability: all that is left of the page once its
		// furniture is gone is the text.
		pruneElements(doc, nil)
		extracted = plainLines(render.InnerText(doc))
		lines = extracted
	}
	a.URL = m.url
	a.Title = firstNonEmpty(m.headline, stripSiteName(m.ogTitle, m.siteName), stripSiteName(ra.Title(), m.siteName), stripSiteName(m.title, m.siteName))
	a.Title = collapseSpace(a.Title)
	a.Source = firstNonEmpty(m.siteName, m.publisher, ra.SiteName(), titleSiteName(m.title, a.Title), hostName(m.url))
	a.Author = firstNonEmpty(m.author, bylineName(ra.Byline()))
	a.Category = m.section
	a.Language = normalizeLanguage(firstNonEmpty(m.lang, ra.Language()))
	for _, d := range m.dates {
		if t, err := ParseDate(d); err == nil {
			a.Published = t
			break
		}
	}
	if a.Published.IsZero() {
		if t, err := ra.PublishedTime(); err == nil && t.Year() > 1900 {
			a.Published = t.UTC()
		}
	}
	body := cleanLines(lines, a.Title, c)
	c.Extracted = wordsIn(extracted)
	if c.overCut() {
		c.Restored = true
		body = extracted
	}
	a.Body = strings.Join(body, "\n\n")
	return a, c, nil
}

// toUTF8 decodes a page in the charset it declares or that its bytes
// suggest. A page that is valid UTF-8 stays as it is whatever it declares:
// text in Latin-1 or GBK is almost never valid UTF-8 by chance, and pages
// saved by browsers and scrapers keep their old declaration.
func toUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" || name == "" || enc == nil {
		return data
	}
	dec, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(data)))
	if err != nil {
		return data
	}
	return dec
}

// bylineName returns the name in a byline readability found, or "" when
// the byline is a date or too long to be names.
func bylineName(s string) string {
	s = collapseSpace(bylinePrefix.ReplaceAllString(strings.TrimSpace(s), ""))
	if s == "" || words(s) > 8 || isDateline(s) || parseDateLine(s) != (time.Time{}) {
		return ""
	}
	return s
}

// readableNode runs readability on a copy of the whole page and returns the
// article node it finds, nil when there is none. The clean-up steps work
// inside that node, so the node itself is never cut and the choice of the
// article is readability's alone. The node keeps its class names for them.
// readability is outside code running on outside input: a panic in it is
// turned into an empty result.
func readableNode(doc *html.Node, base *url.URL) (node *html.Node, ra readability.Article) {
	defer func() {
		if recover() != nil {
			node, ra = nil, readability.Article{}
		}
	}()
	p := readability.NewParser()
	p.KeepClasses = true
	ra, err := p.ParseDocument(doc, base)
	if err != nil {
		return nil, ra
	}
	return ra.Node, ra
}

// plainLines splits rendered text into its non-blank lines, trimmed.
func plainLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = collapseSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// meta is the metadata of an HTML page.
type meta struct {
	headline, ogTitle, title string
	siteName, publisher      string
	author, section, lang    string
	url, articleBody         string
	dates                    []string // candidates, most trusted first
}

// readMeta collects a page's metadata from JSON-LD, <meta>, <link> and
// <title>.
func readMeta(doc *html.Node) meta {
	var m meta
	metas := map[string]string{}
	items := map[string]string{} // microdata: itemprop → value
	var canonical, firstTime string
	var ld []map[string]any
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if prop := strings.ToLower(attr(n, "itemprop")); prop != "" && n.DataAtom != atom.Meta {
				if _, ok := items[prop]; !ok {
					items[prop] = firstNonEmpty(attr(n, "datetime"), attr(n, "content"), textOf(n))
				}
			}
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Title:
				if m.title == "" {
					m.title = textOf(n)
				}
			case atom.Meta:
				k := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
				if v := strings.TrimSpace(attr(n, "content")); k != "" && v != "" {
					if _, ok := metas[k]; !ok {
						metas[k] = v
					}
				}
			case atom.Time:
				if v := attr(n, "datetime"); v != "" && firstTime == "" {
					firstTime = v
				}
			case atom.Link:
				if canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					ld = append(ld, articleObjects(textOf(n))...)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	var art map[string]any
	if len(ld) > 0 {
		art = ld[0]
	}
	m.headline = firstNonEmpty(ldString(art["headline"]), ldString(art["name"]))
	m.ogTitle = firstNonEmpty(metas["og:title"], metas["twitter:title"])
	m.siteName = firstNonEmpty(metas["og:site_name"], metas["application-name"])
	m.publisher = ldName(art["publisher"])
	m.headline = firstNonEmpty(m.headline, items["headline"])
	m.author = firstNonEmpty(ldName(art["author"]), notURL(metas["author"]), notURL(metas["article:author"]),
		metas["parsely-author"], metas["sailthru.author"], metas["dc.creator"],
		strings.TrimSpace(bylinePrefix.ReplaceAllString(metas["byl"], "")))
	m.section = firstNonEmpty(ldFirst(art["articleSection"]), metas["article:section"], metas["section"], metas["parsely-section"],
		items["articlesection"])
	m.lang = firstNonEmpty(m.lang, ldString(art["inLanguage"]), metas["content-language"], metas["language"], metas["og:locale"])
	m.url = firstNonEmpty(canonical, metas["og:url"], ldString(art["url"]), ldID(art["mainEntityOfPage"]))
	if body := ldString(art["articleBody"]); body != "" {
		m.articleBody = body
	}
	m.dates = []string{ldString(art["datePublished"]), metas["article:published_time"], metas["og:article:published_time"],
		metas["datepublished"], metas["pubdate"], metas["publishdate"], metas["publish-date"], metas["parsely-pub-date"],
		metas["sailthru.date"], metas["dc.date.issued"], metas["dc.date"], metas["dcterms.date"], metas["date"],
		items["datepublished"], ldString(art["dateCreated"]), items["datecreated"], firstTime}
	return m
}

// articleTypes are the JSON-LD types of news articles.
var articleTypes = set("newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
	"reviewnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting", "report", "scholarlyarticle", "techarticle")

// articleObjects returns the article objects of one JSON-LD script, looking
// into arrays and @graph.
func articleObjects(src string) []map[string]any {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return nil
	}
	var out []map[string]any
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if isArticleType(x["@type"]) {
				out = append(out, x)
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldString returns a JSON-LD value that is a string, or "".
func ldString(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// ldFirst returns a string, or the first string of an array.
func ldFirst(v any) string {
	if l, ok := v.([]any); ok {
		for _, e := range l {
			if s := ldString(e); s != "" {
				return s
			}
		}
		return ""
	}
	return ldString(v)
}

// ldID returns a string, or the @id of an object.
func ldID(v any) string {
	if o, ok := v.(map[string]any); ok {
		return ldString(o["@id"])
	}
	return ldString(v)
}

// ldName returns the names in a JSON-LD person or organization value: a
// string, an object with a name, or an array of either, joined with ", ".
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return notURL(strings.TrimSpace(x))
	case map[string]any:
		return ldString(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e); n != "" && !contains(names, n) {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// notURL returns s unless it is a URL (as article:author often is).
func notURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

// hostName returns the host of a URL without "www.".
func hostName(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}

// stripSiteName removes a trailing " | Site" or " - Site" from a title.
func stripSiteName(title, site string) string {
	title = strings.TrimSpace(title)
	if site == "" {
		return title
	}
	sk := key(site)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			if tail := key(title[i+len(sep):]); tail == sk || len(tail) >= 3 && strings.HasPrefix(sk, tail) {
				return strings.TrimSpace(title[:i])
			}
		}
		if i := strings.Index(title, sep); i > 0 && key(title[:i]) == key(site) {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

// titleSiteName returns the site name a page's <title> adds to its
// headline ("Headline - Site"), or "".
func titleSiteName(title, headline string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if rest, ok := strings.CutPrefix(title, headline+sep); ok && words(rest) <= 5 {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text inside a node.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// junkTags never hold article text. Captions describe pictures, not the story.
var junkTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Button: true, atom.Script: true,
	atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Svg: true, atom.Template: true, atom.Dialog: true,
	atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Figcaption: true,
}

// junkName matches the class and id words of page parts that are not
// article text.
var junkName = regexp.MustCompile(`(?i)(^|[-_ ])(share|sharing|sharebar|social|cookie|cookies|consent|gdpr|related|newsletter|promo|teaser|teasers|recommend|recommended|recommendations|advert|advertisement|ads|ad|banner|popup|modal|comments?|breadcrumbs?|subscribe|subscription|paywall|outbrain|taboola|trending|most-read|mostread|more-stories|read-more|readmore|nav|navbar|navigation|menu|footer|sidebar|widget|byline-share|tags)([-_ ]|$)`)

// junkRoles are ARIA roles of page parts that are not article text.
var junkRoles = set("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar")

// pruneElements removes from the tree under root the elements that are
// not article text: navigation, asides, footers, forms, captions, hidden
// elements, and elements whose class, id or role names share bars, cookie
// notices, teasers and the like. It follows the clean-up rule (see
// Cleanup): an element that holds the headline, an <article> or
// articleShare of root's paragraph text stays, and one that only its name
// marks as junk goes only when it is mostly links or short lines. c, when
// not nil, records what was removed and spared.
func pruneElements(root *html.Node, c *Cleanup) {
	measure := paragraphText
	if measure(root) == 0 {
		measure = func(n *html.Node) int { return len(textOf(n)) }
	}
	total := measure(root)
	var remove []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for e := n.FirstChild; e != nil; e = e.NextSibling {
			if e.Type != html.ElementNode {
				continue
			}
			why, weak := junkReason(e)
			if why == "" {
				walk(e)
				continue
			}
			spare := ""
			switch {
			case holdsArticle(e):
				spare = "holds the headline or an <article>"
			case holdsArticleText(measure(e), total):
				spare = fmt.Sprintf("holds %d%% of the paragraph text", 100*measure(e)/total)
			case weak && !looksLikeBoilerplate(e):
				spare = "running text, few links"
			}
			if c != nil {
				if text := visibleText(e); text != "" && spare == "" {
					c.remove("elements", describe(e, why)+": "+text, words(text))
				} else if text != "" {
					c.spare("elements", describe(e, why)+": "+text, spare)
				}
			}
			if spare == "" {
				remove = append(remove, e)
				continue
			}
			walk(e)
		}
	}
	walk(root)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// junkReason says why an element is not article text, or returns "". A
// reason that rests only on the element's class or id name is weak.
func junkReason(n *html.Node) (why string, weak bool) {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main, atom.Head:
		return "", false
	case atom.Script:
		if strings.EqualFold(attr(n, "type"), "application/ld+json") {
			return "", false
		}
	}
	switch role := strings.ToLower(attr(n, "role")); {
	case junkTags[n.DataAtom]:
		return "tag", false
	case junkRoles[role]:
		return "role " + role, false
	case strings.EqualFold(attr(n, "aria-hidden"), "true") || hasAttr(n, "hidden"):
		return "hidden", false
	}
	if m := junkName.FindString(attr(n, "class") + " " + attr(n, "id")); m != "" {
		return `name "` + strings.Trim(m, "-_ ") + `"`, true
	}
	return "", false
}

// looksLikeBoilerplate reports whether an element reads as page furniture:
// mostly link text, or only short lines with no running text.
func looksLikeBoilerplate(n *html.Node) bool {
	return linkDensity(n) >= linkShare || shortLines(plainLines(render.InnerText(n)))
}

// linkDensity returns the share of an element's text that is link text.
func linkDensity(n *html.Node) float64 {
	var all, linked int
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch {
		case n.Type == html.TextNode:
			l := len(strings.TrimSpace(n.Data))
			all += l
			if inLink {
				linked += l
			}
		case n.Type == html.ElementNode && n.DataAtom == atom.A:
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	if all == 0 {
		return 1
	}
	return float64(linked) / float64(all)
}

// hiddenTags hold text that no reader sees.
var hiddenTags = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true}

// visibleText returns the text a reader sees in an element, spaced.
func visibleText(n *html.Node) string {
	if hiddenTags[n.DataAtom] {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
		case n.Type == html.ElementNode && hiddenTags[n.DataAtom]:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// describe names an element for reports: its tag, class and id, and why it
// was matched ("<div class="share-bar"> (name "share")").
func describe(n *html.Node, why string) string {
	d := "<" + n.Data
	if v := attr(n, "class"); v != "" {
		d += ` class="` + abridge(v, 40) + `"`
	}
	if v := attr(n, "id"); v != "" {
		d += ` id="` + abridge(v, 40) + `"`
	}
	return d + "> (" + why + ")"
}

// paragraphText returns the length of the text in the <p> elements under n.
func paragraphText(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.P {
		return len(textOf(n))
	}
	size := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		size += paragraphText(c)
	}
	return size
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return true
		}
	}
	return false
}

// holdsArticle reports whether n contains an <article>, <main> or <h1>: a
// wrapper named after a sidebar or a menu that must not be cut.
func holdsArticle(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Article || c.DataAtom == atom.Main || c.DataAtom == atom.H1) {
			return true
		}
		if holdsArticle(c) {
			return true
		}
	}
	return false
}

// looksLikeHTML reports whether a field's text carries HTML markup.
func looksLikeHTML(s string) bool {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return false
	}
	low := strings.ToLower(s[i:min(len(s), i+4096)])
	for _, t := range []string{"<p>", "<p ", "<br", "</p>", "<div", "</a>", "<span", "<strong>", "<em>", "<li>", "<h2", "<h3"} {
		if strings.Contains(low, t) {
			return true
		}
	}
	return false
}

// htmlText renders an HTML fragment as plain text, paragraphs separated by
// blank lines.
func htmlText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return s
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	pruneElements(root, nil)
	return strings.Join(plainLines(render.InnerText(root)), "\n\n")
}
