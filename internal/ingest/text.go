package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index"
)

// A plain-text page is what a browser's "save as text" or a scraper gives:
// site chrome (menu words, the site name and tagline, navigation), then the
// headline, often printed twice (as heading and as link) around the byline
// and date, then the article's paragraphs, with teasers of other articles
// pasted in, and more chrome at the end.
//
// readText works on lines, with hard-wrapped paragraphs joined first.
//
//   - The body is the run of lines with the most running text (bodyRegion):
//     every paragraph adds its length, every other line costs the length of
//     a few words, so the menus and link lists before and after the article
//     fall outside it while a subheading or a teaser inside it does not
//     split it.
//   - The preamble is the lines before the body. The headline is the line of
//     five words or more printed twice near the body, or else the longest of
//     the last three headline-like lines (a title-case headline wins over the
//     sentence-case deck under it). The site name is a short line at the top
//     of the page, the suffix of the page title ("Headline - Site"), the
//     outlet in the byline or the copyright holder. The byline is a "By …"
//     line or a short name right under the headline; the date comes from a
//     dateline; "Posted in …" gives the category. A deck or a short first
//     paragraph under the headline is kept in the body.
//   - In the body, chrome lines (share, cookie, subscribe, ads, captions),
//     vertical menus, teaser blocks ("Related", "Read more", "Other Matters
//     of Interest", "More from …", "You may also like" and the headlines and
//     summaries after them), headlines repeated as heading and link, and the
//     footer ("Leave a reply", "Tags:", copyright) are dropped.

// readText reads a plain-text page as one article.
func readText(in *input) error {
	data, err := readAll(in.br)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	if !utf8.Valid(data) {
		return in.emit(index.Article{}, 0, invalidUTF8(string(data)))
	}
	a, c := parseText(string(data))
	return in.emitCleaned(a, c, nil)
}

// parseText recovers an article from a plain-text page, and reports what
// the clean-up of its body region removed.
func parseText(s string) (index.Article, *Cleanup) {
	lines, starts := textLines(s)
	start, end := bodyRegion(lines)
	p := scanPreamble(lines[:start], starts)
	if p.site == "" {
		p.site = copyrightHolder(lines)
	}
	c := &Cleanup{Extracted: wordsIn(lines[start:end])}
	var body []string
	menu := menuLines(lines[start:end], starts[start:end])
	for i, l := range lines[start:end] {
		if menu[i] {
			c.remove("menus", l, words(l))
		} else {
			body = append(body, l)
		}
	}
	body = cleanLines(body, p.title, c)
	keep := append(p.standfirst, body...)
	return index.Article{
		Title:     p.title,
		Source:    p.site,
		Author:    p.author,
		Published: p.published,
		Category:  p.category,
		Body:      strings.Join(keep, "\n\n"),
	}, c
}

// textLines splits a page into its non-blank lines, trimmed, with
// hard-wrapped paragraphs joined back into one line each. starts[i] reports
// whether line i follows a blank line (or opens the page).
func textLines(s string) (lines []string, starts []bool) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	width, wrapped := wrapWidth(raw)
	var parts [][]string // the physical lines of each line
	join := false        // the next line continues the last one
	blank := true
	for _, l := range raw {
		indented := strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")
		t := strings.TrimFunc(l, isSpace)
		if t == "" {
			join, blank = false, true
			continue
		}
		t = strings.TrimLeft(t, "#")
		t = collapseSpace(t)
		if t == "" {
			continue
		}
		if join && !indented && !isListItem(t) {
			parts[len(parts)-1] = append(parts[len(parts)-1], t)
		} else {
			parts = append(parts, []string{t})
			starts = append(starts, blank)
		}
		join = wrapped && utf8.RuneCountInString(l) >= width-25
		blank = false
	}
	lines = make([]string, len(parts))
	for i, p := range parts {
		lines[i] = strings.Join(p, " ")
	}
	return lines, starts
}

// wrapWidth reports the width a page is hard-wrapped at, if it is: its
// lines are all short, and many of them come close to the longest.
func wrapWidth(lines []string) (int, bool) {
	width, n := 0, 0
	for _, l := range lines {
		if c := utf8.RuneCountInString(strings.TrimRightFunc(l, isSpace)); c > 0 {
			width = max(width, c)
			n++
		}
	}
	if width < 50 || width > 100 || n < 6 {
		return width, false
	}
	near := 0
	for _, l := range lines {
		if utf8.RuneCountInString(strings.TrimRightFunc(l, isSpace)) >= width-20 {
			near++
		}
	}
	return width, near >= 3 && near*10 >= n*3
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }

var listItem = regexp.MustCompile(`^([-*•–]|\d+[.)])\s`)

// isListItem reports whether a line starts a list item.
func isListItem(s string) bool { return listItem.MatchString(s) }

// words counts the words of s.
func words(s string) int { return len(strings.Fields(s)) }

// closers are the characters that may follow a sentence's final punctuation.
const closers = "\"'”’»)]"

// endsSentence reports whether s ends with sentence punctuation, perhaps
// followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
}

// isParagraph reports whether a line is running text rather than a heading,
// a byline or a menu: long, or a sentence of some length.
func isParagraph(s string) bool {
	n := words(s)
	if n >= 20 {
		return true
	}
	t := strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '…':
		return n >= 8
	case '?':
		return n >= 12
	}
	return false
}

// isHeadline reports whether a line can be a headline: a few words that are
// not a sentence.
func isHeadline(s string) bool {
	n := words(s)
	return n >= 2 && n <= 25 && !isParagraph(s) && !strings.HasSuffix(s, ".")
}

// key folds a line for comparisons: lower case, letters and digits only.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// phrase folds a short line for matching against the phrase lists: lower
// case, curly apostrophes straightened, outer punctuation trimmed.
func phrase(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return collapseSpace(s)
}

// chromeLines are whole lines of site chrome: menus, buttons, share bars,
// ad labels.
var chromeLines = set(
	"close", "menu", "main menu", "open menu", "search", "home", "homepage", "skip to content", "skip to main content",
	"skip to navigation", "toggle navigation", "navigation", "sign in", "log in", "login", "log out", "register",
	"my account", "subscribe", "subscribe now", "sign up", "join", "donate", "share", "share this", "share this article",
	"share this story", "share article", "tweet", "email", "e-mail", "print", "whatsapp", "facebook", "twitter", "x",
	"linkedin", "pinterest", "reddit", "telegram", "copy link", "copy", "link copied", "advertisement", "advertisment",
	"ad", "ads", "sponsored", "accept", "accept all", "reject all", "accept cookies", "cookie settings",
	"manage cookies", "cookie policy", "privacy policy", "terms of use", "got it", "ok", "comments", "comment",
	"show comments", "view comments", "leave a comment", "previous article", "next article", "previous", "next",
	"back to top", "listen", "listen to this article", "save", "save article", "follow", "follow us", "newsletter",
	"loading", "show more", "load more", "more", "live", "watch", "video", "photo", "gallery", "top stories", "news",
	"breaking news", "latest news", "sections", "topics", "contact", "contact us", "about", "about us", "jobs",
	"shop", "edition", "english", "light", "dark", "font size", "text size", "scroll to top", "continue reading",
	"view all", "see all", "expand", "collapse", "play", "pause", "mute", "unmute", "ad feedback",
	"story continues below", "story continues below advertisement", "article continues below", "continue reading below",
	"continue reading the main story", "continue reading the story", "advertisement continue reading the main story",
	"accessibility links", "accessibility help", "share this page", "share this with", "skip to search", "advertising",
)

// chromePrefixes start lines of chrome.
var chromePrefixes = []string{
	"share on ", "share via ", "share to ", "follow us on ", "follow us ", "sign up for ", "sign up to ",
	"subscribe to ", "subscribe for ", "click here", "tap here", "download our app", "download the app",
	"get the app", "join our ", "support our journalism", "support independent", "this article was updated",
	"you are reading", "log in to ", "sign in to ", "already a subscriber", "create an account",
	"enable javascript", "please enable javascript", "your browser does not support", "media caption ",
	"image caption ", "image copyright ", "image source ", "photograph: ", "caption: ", "continue reading the main story",
	"skip to ", "jump to ", "photo by ", "photos by ", "photograph by ", "photographs by ", "illustration by ",
	"illustrations by ", "video by ", "graphic by ", "subscribe now", "sign up now",
}

// chromeNotes start the notes that pages print around an article, however
// long they run.
var chromeNotes = []string{
	"a version of this article appear", "this article appeared in print", "by signing up", "by subscribing",
	"by clicking", "by continuing to", "by registering", "i'm okay with", "i’m okay with",
}

// chromePatterns match lines of chrome wherever they stand.
var chromePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^\d+\s*(min|mins|minute|minutes)\s*(read|reading)$`),
	regexp.MustCompile(`(?i)^(reading time|read time|estimated reading time)\b`),
	regexp.MustCompile(`(?i)^(\d+\s*)?comments?\s*\(?\d*\)?$`),
	regexp.MustCompile(`(?i)^(image|photo|picture|credit|source|caption)\s*(credit)?\s*:\s*\S.{0,80}$`),
	regexp.MustCompile(`(?i)^(advertisement|sponsored content|promoted content|paid content)\b`),
	regexp.MustCompile(`(?i)\((photo|image|picture|credit|illustration)s?( credit)?:[^)]*\)$`),        // a caption's credit
	regexp.MustCompile(`(?i)(…|\.\.\.)\s*(read more|continue reading|more)(\s*read more)?\s*[»›→]?$`), // a teaser's cut summary
	regexp.MustCompile(`(?i)\b(newsletter|inbox)\b.*\b(subscribe|sign up|sign-up)\b|\b(subscribe|sign up|sign-up)\b.*\b(newsletter|inbox)\b`),
}

// shareWords are the words of share bars: a line of nothing else is chrome.
var shareWords = set("share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "x", "linkedin", "pinterest",
	"reddit", "whatsapp", "telegram", "copy", "link", "comment", "comments", "save", "follow", "on", "this", "article",
	"story", "by", "via")

// isShareBar reports whether a line is made only of share-bar words.
func isShareBar(p string) bool {
	share := false
	for _, w := range strings.Fields(p) {
		if !shareWords[strings.Trim(w, ",.|·•:")] {
			return false
		}
		share = share || w == "share" || w == "tweet"
	}
	return share
}

// A cookie notice speaks of cookies and of the site, the browser or consent;
// an article about biscuits does not.
var (
	cookieWord    = regexp.MustCompile(`(?i)\bcookies?\b`)
	cookieContext = regexp.MustCompile(`(?i)\b(website|site|browsing|browse|browser|consent|privacy|experience|personali[sz]e|preferences|settings|policy|third[- ]party|analytics)\b`)
)

// teaserMarkers head blocks of teasers for other articles.
var teaserMarkers = set(
	"related", "related articles", "related article", "related stories", "related story", "related news",
	"related posts", "related content", "related coverage", "related reading", "related topics", "related links",
	"read more", "read next", "read also", "also read", "read more on this", "more stories", "more news",
	"more on this story", "more on this", "more on this topic", "more like this", "other matters of interest",
	"you may also like", "you might also like", "you may be interested in", "you might be interested in",
	"you may have missed", "recommended", "recommended for you", "recommended stories", "recommended articles",
	"most read", "most popular", "most viewed", "trending", "trending now", "trending stories", "popular",
	"popular stories", "popular posts", "latest", "latest stories", "latest articles", "latest posts",
	"editor's picks", "editors' picks", "don't miss", "dont miss", "see also", "further reading", "keep reading",
	"what to read next", "from around the web", "around the web", "promoted stories", "sponsored stories",
	"top stories", "in other news", "elsewhere", "in case you missed it", "more to explore", "paid content",
	"sponsored content", "promoted content", "partner content", "paid post", "sponsored", "promoted", "what's next",
	"whats next", "up next", "next up", "read this next", "watch next", "more videos",
)

// teaserPrefixes start teaser markers that name a site or section: "More
// from Reuters".
var teaserPrefixes = []string{"more from ", "more in ", "more about ", "more on ", "latest from ", "also on ", "related to "}

// inlineTeaser matches a teaser in one line: "Read more: Headline".
var inlineTeaser = regexp.MustCompile(`(?i)^(read more|read also|also read|related|related article|related story|see also|recommended|more|must read|watch|listen|opinion)\s*[:|»›–—-]\s*\S`)

// footerMarkers end the article: what follows them is page footer.
var footerMarkers = set(
	"leave a reply", "leave a comment", "post a comment", "add a comment", "join the conversation",
	"comments are closed", "post navigation", "about the author", "about the authors", "share this", "like this",
	"like this article", "tags", "filed under", "related posts", "subscribe to our newsletter", "sign up for our newsletter",
	"newsletter signup", "more from our network", "footer", "site map", "sitemap",
)

// footerPrefixes start footer lines.
var footerPrefixes = []string{"tags:", "tagged:", "filed under:", "topics:", "©", "(c) "}

// copyrightLine matches "Copyright 2024 …" and "Copyright © …", not a
// sentence about copyright.
var copyrightLine = regexp.MustCompile(`(?i)^copyright\s*(©|\(c\)|\d{4})`)

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isChrome reports whether a line is site chrome.
func isChrome(s string) bool {
	if len(s) > 1600 {
		return false // running text, too long for any kind of chrome
	}
	p := phrase(s)
	if p == "" || chromeLines[p] || isShareBar(p) {
		return true
	}
	low := strings.ToLower(s)
	if hasAnyPrefix(low, chromePrefixes) && words(s) <= 15 || hasAnyPrefix(low, chromeNotes) {
		return true
	}
	if utf8.RuneCountInString(s) < 400 {
		if cookieWord.MatchString(s) && cookieContext.MatchString(s) {
			return true
		}
		for _, re := range chromePatterns {
			if re.MatchString(s) {
				return true
			}
		}
	}
	return isNav(s)
}

// navSeparators divide the items of menus and breadcrumbs.
var navSeparators = regexp.MustCompile(`\s+[|·•»›>/]\s+|\s*\|\s*`)

// isNav reports whether a line is a menu or breadcrumb: three or more short
// items between separators.
func isNav(s string) bool {
	if !strings.ContainsAny(s, "|·•»›>/") {
		return false
	}
	items := navSeparators.Split(s, -1)
	if len(items) < 3 {
		return false
	}
	for _, it := range items {
		if words(it) > 4 {
			return false
		}
	}
	return true
}

// isTeaserMarker reports whether a line heads a block of teasers.
func isTeaserMarker(s string) bool {
	if words(s) > 8 {
		return false
	}
	p := phrase(s)
	return teaserMarkers[p] || hasAnyPrefix(p, teaserPrefixes) && words(s) <= 5
}

// isFooter reports whether a line starts the page footer.
func isFooter(s string) bool {
	p := phrase(s)
	if footerMarkers[p] {
		return true
	}
	// A footer line is short: a paragraph that opens with a photo's "©
	// Agency" credit is article text.
	low := strings.ToLower(s)
	n := words(s)
	return n <= 25 && (hasAnyPrefix(low, footerPrefixes) || copyrightLine.MatchString(s)) ||
		n <= 60 && strings.Contains(low, "all rights reserved")
}

// preamble is what scanPreamble learns from the lines before the body.
type preamble struct {
	title, site, author, category string
	published                     time.Time
	standfirst                    []string // lines after the title kept in the body: a deck, a short lede
}

// bylinePrefix matches the start of a byline.
var bylinePrefix = regexp.MustCompile(`(?i)^(by|by:|written by|words by|author:|authors:|reporting by|posted by)\s+`)

// datePrefix matches the words before a date in a dateline.
var datePrefix = regexp.MustCompile(`(?i)^(published|updated|posted|last updated|last modified|date|first published)?\s*(on|at)?\s*:?\s*`)

// bodyRegion returns the lines [start, end) that hold the article: the run
// of lines with the most running text, where each line that is not running
// text (a menu item, a headline, chrome) costs as much as a few words. Menus
// and link lists before and after the article are left out, while a
// subheading or a teaser between paragraphs does not split it. When no line
// is running text, the region is empty and starts after the page's last
// line that could be a headline, so that the preamble holds them all.
func bodyRegion(lines []string) (start, end int) {
	const cost = 40 // runes of text a line of chrome or a heading outweighs
	best, sum, s := 0, 0, 0
	for i, l := range lines {
		w := -cost
		switch n := utf8.RuneCountInString(l); {
		case isChrome(l):
		case isParagraph(l):
			w = n
		case strings.HasSuffix(strings.TrimRight(l, closers), ".") && words(l) >= 2:
			w = n / 2 // a short sentence
		case isListItem(l):
			w = 0 // a numbered or bulleted list belongs to the text around it
		}
		if sum <= 0 {
			sum, s = 0, i
		}
		sum += w
		if sum > best {
			best, start, end = sum, s, i+1
		}
	}
	if best == 0 {
		return len(lines), len(lines)
	}
	// The lines before the region's first paragraph (a headline, a byline, a
	// caption) belong to the preamble.
	for i := start; i < end; i++ {
		if isParagraph(lines[i]) && !isChrome(lines[i]) {
			return i, end
		}
	}
	return start, end
}

// scanPreamble finds the title, site name, byline and date among the lines
// before the body.
func scanPreamble(head []string, starts []bool) preamble {
	var p preamble
	// skip marks the preamble's lines that cannot be the title or the site
	// name: chrome, vertical menus, datelines and bylines.
	skip := make([]bool, len(head))
	menu := menuLines(head, starts)
	for i, l := range head {
		skip[i] = menu[i] || isChrome(l) || isDateline(l) || bylinePrefix.MatchString(l) || categoryLine.MatchString(l) ||
			isFooter(l)
	}
	ti := titleIndex(head, skip)
	if ti < 0 {
		return p
	}
	p.title = head[ti]
	tk := key(p.title)
	for _, l := range head {
		if p.site == "" {
			p.site = titleSuffix(l, p.title)
		}
	}
	const siteLines = 8 // the site's name is printed at the top of the page
	for i, l := range head {
		if i < ti && i < siteLines && p.site == "" && !skip[i] && isSiteName(l) {
			p.site = l
		}
		if i == ti || key(l) == tk || menu[i] || isChrome(l) {
			continue
		}
		switch {
		case p.author == "" && bylinePrefix.MatchString(l):
			var org string
			p.author, org, p.published = parseByline(l, p.published)
			if p.site == "" {
				p.site = org
			}
		case categoryLine.MatchString(l):
			if p.category == "" {
				p.category = categoryLine.ReplaceAllString(l, "")
			}
		case isDateline(l):
			if t := findDate(l); p.published.IsZero() && !t.IsZero() {
				p.published = t
			}
			if m := datelineAuthor.FindStringSubmatch(l); m != nil && p.author == "" {
				p.author = m[1]
			}
		case i < ti:
		case p.author == "" && i == ti+1 && isBareName(l) && l != p.site:
			p.author = l
		case words(l) >= 5 || endsSentence(l):
			// A deck or standfirst under the headline, or a short first paragraph.
			p.standfirst = append(p.standfirst, l)
		}
	}
	return p
}

// menuLines marks vertical menus: lines in a row, with no blank line
// between them, of at most four words that are not sentences, list items,
// bylines or datelines; three such lines make a menu when each has one or
// two words, four otherwise. Chrome lines ("Menu", "Sign in") neither count
// nor break the run.
func menuLines(lines []string, starts []bool) []bool {
	menu := make([]bool, len(lines))
	var run []int
	short := true // every line of the run has one or two words
	flush := func() {
		if len(run) >= 4 || len(run) == 3 && short {
			for _, k := range run {
				menu[k] = true
			}
		}
		run, short = run[:0], true
	}
	for i, l := range lines {
		if starts[i] {
			flush()
		}
		switch n := words(l); {
		case isChrome(l):
		case n <= 4 && !endsSentence(l) && !isListItem(l) && !bylinePrefix.MatchString(l) && !isDateline(l):
			run = append(run, i)
			short = short && n <= 2
		default:
			flush()
		}
	}
	flush()
	return menu
}

// categoryLine matches the lines that name an article's section.
var categoryLine = regexp.MustCompile(`(?i)^(posted in|filed under|filed in|category|categories|section|published in|from the section)\s*:?\s+`)

// datelineAuthor matches the author in a dateline: "Posted on March 5, 2024
// by Dana Whitfield".
var datelineAuthor = regexp.MustCompile(`\b[Bb]y\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s*$`)

const monthPattern = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`

// dateInLine finds the date in a line of text; timeInLine the time of day.
var (
	dateInLine = regexp.MustCompile(`(?i)\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|` +
		monthPattern + `\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+` + monthPattern + `,?\s+\d{4}`)
	timeInLine = regexp.MustCompile(`(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+(?:` + zoneNames() + `))?\b`)
)

// zoneNames returns the zone abbreviations ParseDate knows, as a regexp
// alternation.
func zoneNames() string {
	names := make([]string, 0, len(zoneOffsets))
	for n := range zoneOffsets {
		if len(n) > 1 {
			names = append(names, n)
		}
	}
	return strings.Join(names, "|")
}

// publishedLine matches the datelines that pages print under or after an
// article: "First published February 1, 2016".
var publishedLine = regexp.MustCompile(`(?i)\b(published|updated|posted|last modified)\b`)

// isDateline reports whether a short line carries a date.
func isDateline(s string) bool {
	return words(s) <= 16 && !isParagraph(s) && dateInLine.MatchString(s)
}

// findDate returns the date, with its time of day when the line gives one,
// in a dateline such as "Updated 10:45 AM EST, Tue March 5, 2024"; the zero
// time when there is none.
func findDate(s string) time.Time {
	d := dateInLine.FindString(s)
	if d == "" {
		return time.Time{}
	}
	d = strings.ReplaceAll(strings.TrimRight(d, ","), ",", ", ")
	if tm := timeInLine.FindString(s); tm != "" && !strings.Contains(d, ":") {
		if t, err := ParseDate(d + " " + tm); err == nil {
			return t
		}
	}
	if t, err := ParseDate(d); err == nil {
		return t
	}
	return time.Time{}
}

// titleIndex returns the index of the headline among the preamble's lines,
// or -1. The headline stands close to the body: it is a line of five words
// or more printed twice (as heading and as link) among the last lines of the
// preamble, or else the longest of the last three lines that look like
// headlines; menus and other pages' headlines come before.
func titleIndex(head []string, skip []bool) int {
	const near = 12 // lines before the body where a repeated headline counts
	best := -1
	for i := max(0, len(head)-near); i < len(head); i++ {
		l := head[i]
		if skip[i] || words(l) < 5 || !isHeadline(l) || !seenTwice(head, i) {
			continue
		}
		if best < 0 || words(l) > words(head[best]) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	var cands []int
	for i, l := range head {
		if !skip[i] && isHeadline(l) && words(l) >= 3 && parseDateLine(l) == (time.Time{}) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		for i, l := range head {
			if !skip[i] && !isParagraph(l) && parseDateLine(l) == (time.Time{}) {
				return i
			}
		}
		return -1
	}
	for _, i := range cands[max(0, len(cands)-3):] {
		if best < 0 || words(head[i]) > words(head[best]) {
			best = i
		}
	}
	// A headline in title case followed by a longer deck in sentence case:
	// the headline is the title.
	if prev := best - 1; prev >= 0 && words(head[prev]) >= 3 && isHeadline(head[prev]) && !skip[prev] &&
		isTitleCase(head[prev]) && !isTitleCase(head[best]) {
		return prev
	}
	return best
}

// smallWords stay lower case in titles.
var smallWords = set("a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
	"from", "as", "into", "over", "up", "vs", "via", "per", "is", "are", "its")

// isTitleCase reports whether most words of s that are not small words
// begin with a capital letter or a digit.
func isTitleCase(s string) bool {
	upper, n := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"'‘“(")
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		n++
		if r := firstRune(w); unicode.IsUpper(r) || unicode.IsDigit(r) {
			upper++
		}
	}
	return n > 0 && upper*10 >= n*8
}

// seenTwice reports whether the line at i appears again in head, perhaps
// with the site's name after it, as in the page's title ("Headline - Site").
func seenTwice(head []string, i int) bool {
	if i < 0 {
		return false
	}
	for j, l := range head {
		if j != i && (key(l) == key(head[i]) || titleSuffix(l, head[i]) != "") {
			return true
		}
	}
	return false
}

// titleSuffix returns the site name in line when it is headline followed by
// a separator and a name of a few words: "Headline - Site" gives "Site".
func titleSuffix(line, headline string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		i := strings.LastIndex(line, sep)
		if i <= 0 {
			continue
		}
		if rest := strings.TrimSpace(line[i+len(sep):]); key(line[:i]) == key(headline) && words(rest) <= 4 && key(rest) != "" {
			return rest
		}
	}
	return ""
}

// isSiteName reports whether a line before the headline can be the site's
// name: one to four words, not a sentence, a menu or a tagline.
func isSiteName(s string) bool {
	n := words(s)
	if n == 0 || n > 4 || isChrome(s) || strings.ContainsAny(s, ",:;!?") || endsSentence(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.Contains(s, ".")
}

// isBareName reports whether a line can be a byline without "By": one to
// four words, none of them a sentence or a date.
func isBareName(s string) bool {
	n := words(s)
	return n >= 1 && n <= 4 && !strings.ContainsAny(s, ".!?:;|") && parseDateLine(s) == (time.Time{}) &&
		!unicode.IsDigit(firstRune(s))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// bylineSeparators divide a byline's name from its date.
var bylineSeparators = regexp.MustCompile(`\s+[|·•–—-]\s+|\s*\|\s*`)

// roleWords name a reporter's job, not the organization, after a byline's
// comma.
var roleWords = regexp.MustCompile(`(?i)\b(writer|reporter|correspondent|editor|staff|contributor|columnist|journalist|bureau|chief|senior|special|for)\b`)

// parseByline reads "By Jane Doe and Bo Ma, Global Cable | March 3, 2024":
// the names (joined with ", "), the organization after the comma if it is
// not a job title, and the date if the line has one.
func parseByline(s string, published time.Time) (name, org string, _ time.Time) {
	s = bylinePrefix.ReplaceAllString(s, "")
	parts := bylineSeparators.Split(s, -1)
	name = parts[0]
	for _, part := range parts[1:] {
		if t := findDate(part); !t.IsZero() && published.IsZero() {
			published = t
		}
	}
	if i := strings.Index(name, ","); i > 0 {
		rest := strings.TrimSpace(name[i+1:])
		if n := words(rest); n >= 1 && n <= 3 && !roleWords.MatchString(rest) && isTitleCase(rest) {
			org = rest
		}
		name = name[:i]
	}
	name = strings.Join(strings.Split(strings.TrimSpace(name), " and "), ", ")
	return name, org, published
}

// parseDateLine reads a dateline such as "Published: March 3, 2024"; the zero
// time means the line is not one.
func parseDateLine(s string) time.Time {
	if words(s) > 10 {
		return time.Time{}
	}
	v := datePrefix.ReplaceAllString(s, "")
	if t, err := ParseDate(v); err == nil {
		return t
	}
	return time.Time{}
}

// copyrightName matches the holder in a copyright line.
var copyrightName = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.|,]+)`)

// copyrightHolder returns the name in a line like "© 2024 The Daily Ledger.
// All rights reserved.", or "".
func copyrightHolder(lines []string) string {
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-8; i-- {
		if m := copyrightName.FindStringSubmatch(lines[i]); m != nil {
			name := strings.TrimSpace(m[1])
			if strings.HasPrefix(strings.ToLower(name), "all rights") {
				continue
			}
			if n := words(name); n >= 1 && n <= 5 {
				return name
			}
		}
	}
	return ""
}

// cleanLines drops from a body's lines the site chrome, the title, teaser
// blocks and headlines repeated as heading and link, and cuts the footer,
// following the clean-up rule (see Cleanup): a footer cut or a teaser block
// that would take articleShare of the running text with it is not made. c,
// when not nil, records what was removed and spared.
func cleanLines(lines []string, title string, c *Cleanup) []string {
	drop := make([]string, len(lines)) // the step that drops each line; "" keeps it
	tk := key(title)
	total := runningText(lines)
	lastPara := -1
	for i, l := range lines {
		if isParagraph(l) && !isChrome(l) {
			lastPara = i
		}
	}
	// The footer starts at the first footer line after some text, unless
	// the text after it is too much of the article to be a footer.
	seenText := false
	for i, l := range lines {
		if seenText && isFooter(l) {
			after := runningText(lines[i:])
			if !holdsArticleText(after, total) {
				for j := i; j < len(lines); j++ {
					drop[j] = "footer"
				}
				break
			}
			c.spare("footer", "from "+l, fmt.Sprintf("what follows holds %d%% of the running text", 100*after/total))
		}
		if isParagraph(l) {
			seenText = true
		}
	}
	// Headlines repeated within a few lines are teasers (heading and link).
	repeated := make([]bool, len(lines))
	for i, l := range lines {
		if !isHeadline(l) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+4; j++ {
			if key(lines[j]) == key(l) {
				repeated[i], repeated[j] = true, true
			}
		}
	}
	for i, l := range lines {
		switch {
		case drop[i] != "":
		case isTeaserMarker(l):
			drop[i] = "teasers"
			if i > lastPara {
				for j := i; j < len(lines); j++ {
					drop[j] = "teasers"
				}
				continue
			}
			dropTeasers(lines, drop, repeated, i+1, total, c)
		case isChrome(l), publishedLine.MatchString(l) && isDateline(l):
			drop[i] = "chrome"
		case isFooter(l):
			drop[i] = "footer"
		case key(l) == tk && tk != "":
			drop[i] = "title"
		case inlineTeaser.MatchString(l) && !isParagraph(l), repeated[i]:
			drop[i] = "teasers"
		}
	}
	var out []string
	for i, l := range lines {
		if drop[i] == "" {
			out = append(out, l)
		} else {
			c.remove(drop[i], l, words(l))
		}
	}
	return out
}

// dropTeasers drops the teaser items after a teaser marker: headlines that
// are repeated or long, each perhaps followed by a one-paragraph summary.
// The article resumes at the first line that is neither, such as a short
// subheading or a paragraph that no teaser headline precedes. A block whose
// summaries hold articleShare of the running text (total) is the article
// under a misleading marker, and stays.
func dropTeasers(lines []string, drop []string, repeated []bool, from, total int, c *Cleanup) {
	end := teaserBlockEnd(lines, repeated, from)
	if block := runningText(lines[from:end]); holdsArticleText(block, total) {
		c.spare("teasers", "after "+lines[from-1], fmt.Sprintf("the block holds %d%% of the running text", 100*block/total))
		return
	}
	for j := from; j < end; j++ {
		drop[j] = "teasers"
	}
}

// teaserBlockEnd returns the end of the block of teaser items that starts at
// from.
func teaserBlockEnd(lines []string, repeated []bool, from int) int {
	afterHeadline := false
	j, items := from, 0
	for ; j < len(lines) && items < 12; j++ {
		l := lines[j]
		switch {
		case repeated[j] || isChrome(l):
			afterHeadline = !isChrome(l)
			items++
		case isHeadline(l) && words(l) >= 6:
			afterHeadline = true
			items++
		case afterHeadline && isParagraph(l) && utf8.RuneCountInString(l) <= 400:
			afterHeadline = false
		default:
			return j
		}
	}
	return j
}
