package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/newsindex/newsindex/index"
)

// findChromium returns the path of a Chromium or Chrome binary. When none
// is found the test is skipped, unless NEWSINDEX_REQUIRE_BROWSER=1 (CI),
// where it fails.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("NEWSINDEX_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("NEWSINDEX_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium binary found, and NEWSINDEX_REQUIRE_BROWSER=1 (apt-get install -y chromium)")
	}
	t.Skip("no chromium binary found; install Debian's chromium to run the browser test")
	return ""
}

// payload is what the hostile article's fields try to run. Each sets
// window.__pwned to say which field got through.
func payload(field string) string {
	return fmt.Sprintf(`<script>window.__pwned=%[1]q;document.title="pwned"</script>`+
		`<img src=x onerror="window.__pwned='%[1]s-img';document.title='pwned'">`+
		`"><svg onload="window.__pwned='%[1]s-svg'"></svg>`+
		`<a href="javascript:window.__pwned='%[1]s-link'">go</a>`+
		`<iframe src="javascript:parent.__pwned='%[1]s-iframe'"></iframe>`, field)
}

// browserWords make the harbour articles different enough from each
// other that none is taken for a copy of another.
var browserWords = strings.Fields(`anchor barge beacon berth buoy cable canal cargo channel clipper coast convoy
	crane crew current deck dredger dry estuary ferry fleet freighter galley gangway gulf hull inlet jetty keel
	lagoon lighthouse liner lock marina mast mooring navy oar pier pilot port quay reef rope rudder sail schooner
	shipyard shore skipper slipway sonar starboard steamer stern strait tanker tide trawler tug voyage wake
	wharf winch yacht yard harvest orchard violin museum glacier meadow furnace lantern quarry velvet saddle
	thunder marble pepper ladder bishop cotton falcon garden helmet island jungle kettle lemon mirror needle`)

// browserArticles are the fixture of the browser test: 48 harbour
// articles over three categories, enough for three pages of 20, and a
// hostile one whose every field holds markup that would run if it were
// not escaped.
func browserArticles() []index.Article {
	var as []index.Article
	cats := []string{"Business", "World", "Sports"}
	for i := range 48 {
		rnd := rand.New(rand.NewPCG(uint64(i), 7))
		pick := func(n int) string {
			ws := make([]string, n)
			for j := range ws {
				ws[j] = browserWords[rnd.IntN(len(browserWords))]
			}
			return strings.Join(ws, " ")
		}
		as = append(as, index.Article{
			ID: fmt.Sprintf("h%02d", i+1), Title: fmt.Sprintf("Harbour %s on day %d", pick(4), i+1),
			Body:      fmt.Sprintf("The harbour %s. %s. %s.", pick(12), pick(12), pick(12)),
			Published: time.Date(2026, 1, 1+i, 9, 0, 0, 0, time.UTC), Source: "Harbour Post",
			Category: cats[i%3], CategorySource: "metadata",
			People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []index.Quote{},
		})
	}
	as = append(as, index.Article{
		ID:        "xss",
		Title:     "Zebrafix " + payload("title"),
		Body:      "Zebrafix report. " + payload("body") + "\n\nSecond paragraph javascript:window.__pwned='bare' " + payload("para"),
		URL:       "javascript:window.__pwned='url'",
		Published: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC),
		Source:    `Evil Wire <b onmouseover="window.__pwned='source'">x</b>`,
		Author:    payload("author"), Category: "World", CategorySource: "metadata",
		People: []string{"Mal " + payload("person")}, Countries: []string{}, Organizations: []string{`Org <img src=x onerror="window.__pwned='org'">`},
		Analysts: []string{"Mal " + payload("person")},
		Quotes: []index.Quote{{Text: "Quote " + payload("quote"), Speaker: "Mal " + payload("person"), Role: "analyst",
			Affiliation: `Org <img src=x onerror="window.__pwned='org'">`, Cue: "said", Direct: true}},
	})
	return as
}

// browser drives one headless Chromium tab.
type browser struct {
	t       *testing.T
	ctx     context.Context
	base    string
	shots   string
	n       int
	mu      sync.Mutex
	dialogs []string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	bin := findChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	b := &browser{t: t, ctx: tab, base: base, shots: t.ArtifactDir()}
	// A dialog (alert, confirm, prompt) means a payload ran: record it and
	// dismiss it, so the page does not hang.
	dialogs := chromedp.Events(tab, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	b.do(chromedp.Navigate("about:blank"))
	return b
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

func (b *browser) eval(js string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("browser: evaluate %s: %v", js, err)
	}
	return v
}

func (b *browser) evalInt(js string) int {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](js))
	if err != nil {
		b.t.Fatalf("browser: evaluate %s: %v", js, err)
	}
	return v
}

// open loads path and waits for the load event.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
}

// click clicks the element an XPath or CSS search finds and waits for the
// page it leads to.
func (b *browser) click(sel string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.Search(sel)))); err != nil {
		b.t.Fatalf("browser: click %s: %v", sel, err)
	}
}

func (b *browser) location() string {
	b.t.Helper()
	u, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(u, b.base)
}

// shot saves a screenshot of the page as NN-name.png.
func (b *browser) shot(name string) {
	b.t.Helper()
	// Right after a navigation the page may not be laid out yet, and the
	// browser refuses a screenshot "with 0 width": try again briefly. A
	// screenshot is a record for people, not an assertion, so one that
	// cannot be taken is logged.
	var png []byte
	var err error
	for try := 0; try < 10; try++ {
		if png, err = chromedp.Run(b.ctx, chromedp.FullScreenshot(100)); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.n++
	if err := os.WriteFile(filepath.Join(b.shots, fmt.Sprintf("%02d-%s.png", b.n, name)), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// hitIDs returns the article IDs of the hits on a search page, in order.
func (b *browser) hitIDs() string {
	return b.eval(`[...document.querySelectorAll('article.hit h3 a')].map(a => a.getAttribute('href').replace('/articles/', '')).join(' ')`)
}

// assertInert checks that nothing of the hostile article ran or was
// turned into markup on the current page.
func (b *browser) assertInert(where string) {
	b.t.Helper()
	for _, p := range b.injected() {
		b.t.Errorf("%s: %s", where, p)
	}
}

// injected lists the signs that a payload ran or became markup on the
// current page: window.__pwned set, the title changed, dialogs, scripts
// other than the page's own, event-handler attributes, javascript: URLs,
// injected images, frames or SVG.
func (b *browser) injected() []string {
	b.t.Helper()
	var out []string
	// Give error handlers of failed images and frames time to fire.
	b.do(chromedp.Sleep(300 * time.Millisecond))
	if p := b.eval(`String(window.__pwned)`); p != "undefined" {
		out = append(out, fmt.Sprintf("a payload ran: window.__pwned = %q", p))
	}
	if title := b.eval(`document.title`); title == "pwned" {
		out = append(out, "a payload changed document.title")
	}
	checks := []struct{ what, js string }{
		{"scripts other than /assets/app.js", `[...document.scripts].filter(s => !s.src.endsWith('/assets/app.js')).length`},
		{"elements with an event handler", `[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length`},
		{"javascript: links", `[...document.querySelectorAll('[href],[src]')].filter(e => /^\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length`},
		{"injected img, iframe or svg with onload", `document.querySelectorAll('img[src="x"], iframe, svg[onload]').length`},
	}
	for _, c := range checks {
		if n := b.evalInt(c.js); n != 0 {
			out = append(out, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.dialogs) > 0 {
		out = append(out, fmt.Sprintf("dialogs opened: %q", b.dialogs))
		b.dialogs = nil
	}
	return out
}

func TestBrowser(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	if _, err := ix.AddBatch(context.Background(), browserArticles()); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	t.Logf("screenshots in %s", b.shots)

	// A control: the same payloads pasted unescaped into a page without
	// a Content-Security-Policy must be caught, or the checks below prove
	// nothing.
	raw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>control</title><h1>%s</h1><p>%s</p>", payload("control"), payload("control-body"))
	}))
	defer raw.Close()
	b.do(chromedp.Navigate(raw.URL))
	if got := b.injected(); len(got) < 4 {
		t.Errorf("the control page with raw payloads was found clean (%q): the checks are blind", got)
	} else {
		t.Logf("control page caught: %q", got)
	}

	// Search from the home page, as a reader would.
	b.open("/")
	b.shot("home")
	b.do(chromedp.SendKeys(chromedp.ID("q"), "harbour"))
	// Instant search shows the results as one types; wait for it to
	// settle, then submit the form as well.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelectorAll('article.hit').length === 20 && location.search === '?q=harbour'`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		b.shot("instant-harbour")
		t.Fatalf("instant search for harbour did not show 20 hits: %v (page %s)", err, b.location())
	}
	b.click(`button[type="submit"]`)
	if loc := b.location(); !strings.HasPrefix(loc, "/?q=harbour") {
		t.Fatalf("after searching, the page is %s, want /?q=harbour…", loc)
	}
	summary := b.eval(`document.querySelector('.summary').textContent`)
	if !strings.HasPrefix(strings.TrimSpace(summary), "48 articles") {
		t.Errorf("summary = %q, want 48 articles", summary)
	}
	page1 := b.hitIDs()
	if n := len(strings.Fields(page1)); n != 20 {
		t.Errorf("page 1 shows %d hits, want 20: %s", n, page1)
	}
	b.shot("search")

	// Page forward.
	b.click(`a[rel="next"]`)
	if loc := b.location(); !strings.Contains(loc, "page=2") {
		t.Errorf("after Next, the page is %s, want page=2", loc)
	}
	if s := b.eval(`document.querySelector('nav.pages span').textContent`); s != "Page 2 of 3" {
		t.Errorf("pager says %q, want Page 2 of 3", s)
	}
	page2 := b.hitIDs()
	for _, id := range strings.Fields(page2) {
		if strings.Contains(" "+page1+" ", " "+id+" ") {
			t.Errorf("hit %s is on pages 1 and 2", id)
		}
	}
	if n := len(strings.Fields(page2)); n != 20 {
		t.Errorf("page 2 shows %d hits, want 20: %s", n, page2)
	}
	b.shot("page-2")

	// Narrow by a facet: the category Business.
	b.click(`//aside[contains(@class,"facets")]//a[normalize-space(text())="Business"]`)
	if loc := b.location(); !strings.Contains(loc, "category=Business") {
		t.Fatalf("after the facet click, the page is %s, want category=Business", loc)
	}
	if s := b.eval(`document.querySelector('.summary').textContent`); !strings.HasPrefix(strings.TrimSpace(s), "16 articles") {
		t.Errorf("summary = %q, want 16 articles", s)
	}
	metas := b.eval(`[...document.querySelectorAll('article.hit .meta')].map(m => m.textContent).join('|')`)
	if n := strings.Count(metas, "Business"); n != 16 {
		t.Errorf("%d of the hits say Business, want 16: %s", n, metas)
	}
	if b.evalInt(`document.querySelectorAll('ul.chips li').length`) != 1 {
		t.Errorf("no chip shows the active filter")
	}
	b.shot("facet")
	b.assertInert("harbour pages")

	// The hostile article, through every page that shows its fields, with
	// the Content-Security-Policy on and then bypassed, so that escaping
	// alone is tested too.
	for _, bypass := range []bool{false, true} {
		if _, err := chromedp.Call(b.ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypass}); err != nil {
			t.Fatal(err)
		}
		mode := map[bool]string{false: "csp", true: "no-csp"}[bypass]
		b.open("/?q=zebrafix")
		// Articles related to it may follow; it is the one match.
		if ids := b.eval(`[...document.querySelectorAll('article.hit:not(.related) h3 a')].map(a => a.getAttribute('href').replace('/articles/', '')).join(' ')`); ids != "xss" {
			t.Fatalf("search zebrafix matched %q, want xss", ids)
		}
		title := b.eval(`document.querySelector('article.hit h3 a').textContent`)
		if !strings.Contains(title, "<script>") || !strings.Contains(title, "onerror=") {
			t.Errorf("the hostile title is not shown as text: %q", title)
		}
		b.assertInert(mode + ": search page")
		b.shot(mode + "-hostile-search")

		b.click(`article.hit h3 a`)
		if loc := b.location(); loc != "/articles/xss" {
			t.Fatalf("the hit leads to %s, want /articles/xss", loc)
		}
		body := b.eval(`document.querySelector('main').textContent`)
		for _, want := range []string{"<script>", "onerror=", "javascript:"} {
			if !strings.Contains(body, want) {
				t.Errorf("the article page does not show %q as text", want)
			}
		}
		b.assertInert(mode + ": article page")
		b.shot(mode + "-hostile-article")
		// The "original" link carries the javascript: URL; following it
		// must not run it.
		b.do(chromedp.Click(chromedp.Search(`//a[normalize-space(text())="original"]`)))
		b.assertInert(mode + ": original link")

		b.open("/quotes?q=quote")
		b.assertInert(mode + ": quotes page")
		b.open("/?q=zebrafix&source=" + strings.ReplaceAll(`Evil Wire <b onmouseover="window.__pwned='source'">x</b>`, " ", "+"))
		b.assertInert(mode + ": source facet")

		// Instant search swaps in results that the script fetched.
		b.open("/")
		b.do(chromedp.SendKeys(chromedp.ID("q"), "zebrafix"))
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelectorAll('article.hit:not(.related)').length === 1`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("%s: instant search did not show the hostile article: %v", mode, err)
		}
		b.assertInert(mode + ": instant search")
		b.shot(mode + "-instant")
	}
}
