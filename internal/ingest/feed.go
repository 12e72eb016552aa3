package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/newsindex/newsindex/index"
)

// Feeds (RSS 0.9x to 2.0, RSS 1.0/RDF, Atom and JSON Feed) are parsed by
// gofeed. Each item is one article: its title, link, date (published, else
// updated), authors, categories, guid, and its content or, when there is
// none, its summary, both turned from HTML into text by the helpers of the
// HTML reader. An item that cannot be an article is a rejected Record that
// names the item; the other items are read.

// feedMarkers are what the start of an XML feed holds after its prolog.
var feedMarkers = [][]byte{[]byte("<rss"), []byte("<feed"), []byte("<rdf:rdf")}

// sniffFeed reports whether the input looks like an RSS, Atom or RDF
// document, or a JSON Feed.
func sniffFeed(head []byte) bool {
	head = head[:min(len(head), 2048)]
	if len(head) > 0 && head[0] == '{' {
		return bytes.Contains(head, []byte(`"version"`)) && bytes.Contains(head, []byte("jsonfeed.org/version"))
	}
	low := bytes.ToLower(head)
	for _, m := range feedMarkers {
		if bytes.HasPrefix(low, m) {
			return true
		}
	}
	if !bytes.HasPrefix(low, []byte("<?xml")) && !bytes.HasPrefix(low, []byte("<!--")) {
		return false
	}
	// After a prolog and comments the root element decides: a feed, not
	// an XHTML page that embeds one.
	for _, m := range feedMarkers {
		if i := bytes.Index(low, m); i >= 0 && !bytes.Contains(low[:i], []byte("<html")) {
			return true
		}
	}
	return false
}

// readFeed reads every item of a feed as one record.
func readFeed(in *input) error {
	data, err := readAll(in.br)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	feed, err := parseFeed(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	for i, it := range feed.Items {
		a, err := in.walker.feedArticle(in.ctx(), feed, it)
		if err != nil {
			err = fmt.Errorf("%s: %w", itemName(i, it), err)
		}
		if rerr := in.fn(Record{Article: a, Path: in.name, Err: err}); rerr != nil {
			return rerr
		}
	}
	return nil
}

// parseFeed parses a feed. gofeed is outside code on outside input: a panic
// in it is an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("not a readable feed: parser failed: %v", r)
		}
	}()
	if !utf8.Valid(data) && !bytes.HasPrefix(trimHead(data), []byte("<?xml")) {
		data = bytes.ToValidUTF8(data, []byte("\ufffd"))
	}
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable feed: %w", err)
	}
	if feed.FeedType == "json" && !bytes.Contains(data, []byte("jsonfeed.org/version")) {
		return nil, errors.New(`not a readable feed: JSON without "version": "https://jsonfeed.org/version/…"`)
	}
	return feed, nil
}

// itemName names an item in messages: its 1-based position and the start
// of its title.
func itemName(i int, it *gofeed.Item) string {
	t := collapseSpace(strings.ToValidUTF8(it.Title, "\ufffd"))
	if r := []rune(t); len(r) > 60 {
		t = string(r[:60]) + "…"
	}
	if t == "" {
		return fmt.Sprintf("item %d", i+1)
	}
	return fmt.Sprintf("item %d (%q)", i+1, t)
}

// errNoText is the error of an item with neither title nor body.
var errNoText = errors.New("no title and no body")

// summaryOnly is the length of text under which an item without content
// is taken for a summary of an article that its link holds in full.
const summaryOnly = 1200

// feedArticle turns a feed item into an article. With FetchArticles set,
// an item that carries only a summary gets the text of the page its link
// points to, through the HTML reader; when that fails the summary stays.
func (w *Walker) feedArticle(ctx context.Context, feed *gofeed.Feed, it *gofeed.Item) (index.Article, error) {
	var a index.Article
	a.Title = collapseSpace(feedText(it.Title))
	a.URL = strings.TrimSpace(it.Link)
	guid := strings.TrimSpace(it.GUID)
	if a.URL == "" && isURL(guid) {
		a.URL = guid
	}
	if a.URL == "" && guid != "" {
		a.ID = guid // no link: the guid is all that identifies the item
		if len(a.ID) > 256 {
			sum := sha256.Sum256([]byte(guid))
			a.ID = "guid:" + hex.EncodeToString(sum[:16])
		}
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		a.Published = it.UpdatedParsed.UTC()
	default:
		for _, s := range []string{it.Published, it.Updated} {
			if t, err := ParseDate(s); err == nil && s != "" {
				a.Published = t
				break
			}
		}
	}
	a.Author = feedAuthors(it.Authors)
	if a.Author == "" {
		a.Author = feedAuthors(feed.Authors)
	}
	for _, c := range it.Categories {
		if c = collapseSpace(feedText(c)); c != "" {
			a.Category = c // the index normalises it; the first one names the section
			break
		}
	}
	a.Source = collapseSpace(feedText(feed.Title))
	if a.Source == "" {
		a.Source = hostName(firstNonEmpty(feed.Link, a.URL))
	}
	a.Language = normalizeLanguage(feed.Language)
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	a.Body = normalizeBody(feedText(content))
	if w != nil && w.FetchArticles && strings.TrimSpace(it.Content) == "" && len(a.Body) < summaryOnly && isURL(a.URL) {
		if pa, err := w.fetchPage(ctx, a.URL); err != nil {
			w.logger().Warn("feed item: page not fetched, the summary stays", "url", a.URL, "err", err)
		} else if len(pa.Body) > len(a.Body) {
			a.Body = pa.Body
			if isURL(pa.URL) {
				a.URL = pa.URL // the page's canonical address: the page read alone is the same article
			}
			a.Title = firstNonEmpty(a.Title, pa.Title)
			a.Author = firstNonEmpty(a.Author, pa.Author)
			a.Category = firstNonEmpty(a.Category, pa.Category)
			a.Language = firstNonEmpty(a.Language, pa.Language)
			if a.Published.IsZero() {
				a.Published = pa.Published
			}
		}
	}
	if err := validate(&a); err != nil {
		if a.Title == "" && a.Body == "" {
			return a, errNoText
		}
		return a, err
	}
	return a, nil
}

// feedText turns a feed field, which may hold HTML or character
// references, into plain text.
func feedText(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	if looksLikeHTML(s) {
		return htmlText(s)
	}
	return unescapeEntities(strings.TrimSpace(s))
}

// feedAuthors joins the names of authors.
func feedAuthors(ps []*gofeed.Person) string {
	var names []string
	for _, p := range ps {
		if p == nil {
			continue
		}
		n := collapseSpace(feedText(p.Name))
		if n == "" {
			n = collapseSpace(feedText(p.Email))
			// RSS gives "jane@example.com (Jane Doe)".
			if i, j := strings.IndexByte(n, '('), strings.LastIndexByte(n, ')'); i >= 0 && j > i+1 {
				n = strings.TrimSpace(n[i+1 : j])
			} else if strings.Contains(n, "@") {
				n = ""
			}
		}
		if n != "" && !contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// itemKey returns what identifies a feed item across polls: its guid, else
// its link, else a hash of its title and text.
func itemKey(it *gofeed.Item) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return "guid:" + g
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		return "link:" + l
	}
	sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Content + "\x00" + it.Description))
	return "hash:" + hex.EncodeToString(sum[:16])
}

// fetchPage fetches an HTML page and reads its article.
func (w *Walker) fetchPage(ctx context.Context, url string) (index.Article, error) {
	resp, err := w.fetcher().Fetch(ctx, url)
	if err != nil {
		return index.Article{}, err
	}
	if resp.NotModified || len(resp.Body) == 0 {
		return index.Article{}, errors.New("no page")
	}
	a, c, err := parseHTML(resp.Body)
	logRestored(w.logger(), url, c)
	if err != nil {
		return a, err
	}
	if a.Body == "" {
		return a, errors.New("no article text in the page")
	}
	return a, nil
}
