package server

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/demo"
	"github.com/newsindex/newsindex/internal/ingest"
)

// TestBrowserResearch walks the page the way a researcher does, over the
// demo articles: a suggestion taken from the search box, a facet, a span of
// the chart, an article, an analyst's page and an entity's page.
func TestBrowserResearch(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	var as []index.Article
	err := ingest.Read(bytes.NewReader(demo.JSONL()), "demo.jsonl", func(r ingest.Record) error {
		if r.Err == nil {
			as = append(as, r.Article)
		}
		return nil
	})
	if err != nil || len(as) < 100 {
		t.Fatalf("demo articles: %d, %v", len(as), err)
	}
	if _, err := ix.AddBatch(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	// wait polls js until it holds; a navigation under way (a link the
	// script follows) ends a poll early, so it polls again.
	wait := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(2*time.Second)))
			if err == nil {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %v (page %s)", what, err, b.location())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	// Type the start of an analyst's surname; take the suggestion.
	b.open("/")
	b.do(chromedp.SendKeys(chromedp.ID("q"), "okonk"))
	wait("suggestions", `!document.getElementById('suggest').hidden && document.querySelectorAll('#suggest li').length > 0`)
	first := b.eval(`document.querySelector('#suggest li span').textContent`)
	if first != "Amara Okonkwo" {
		t.Errorf("first suggestion for okonk = %q, want Amara Okonkwo", first)
	}
	b.do(chromedp.KeyEvent(kb.ArrowDown))
	if sel := b.eval(`document.querySelector('#suggest li[aria-selected="true"] span')?.textContent ?? ""`); sel != first {
		t.Errorf("after ArrowDown the selected suggestion is %q, want %q", sel, first)
	}
	b.do(chromedp.KeyEvent(kb.Enter))
	wait("filter from suggestion", `location.search.includes('Okonkwo')`)
	wait("results for the analyst", `document.querySelectorAll('article.hit').length > 0`)
	loc, _ := url.QueryUnescape(b.location())
	if !strings.Contains(loc, "=Amara+Okonkwo") && !strings.Contains(loc, "=Amara Okonkwo") {
		t.Errorf("after the suggestion the page is %s, want a filter on Amara Okonkwo", loc)
	}
	if chips := b.eval(`document.querySelector('.chips').textContent`); !strings.Contains(chips, "Amara Okonkwo") {
		t.Errorf("chips = %q, want the analyst filter", chips)
	}
	analystHits := b.evalInt(`document.querySelectorAll('article.hit').length`)
	b.shot("analyst-filter")

	// A facet narrows the results.
	country := b.eval(`document.querySelector('section.facet:nth-of-type(4) li a, .facet h2 + ul li a').textContent`)
	b.click(`//section[h2="Countries"]//li[1]/a`)
	if loc := b.location(); !strings.Contains(loc, "country=") {
		t.Errorf("after the facet click the page is %s, want a country filter (%s)", loc, country)
	}
	if n := b.evalInt(`document.querySelectorAll('article.hit').length`); n == 0 || n > analystHits {
		t.Errorf("the facet left %d hits of %d", n, analystHits)
	}
	b.shot("facet")

	// Drag across the whole chart: the dates of the bars become the filter.
	b.open("/?q=election")
	wait("chart", `document.querySelectorAll('.chart svg rect').length > 1`)
	b.eval(`(() => {
		const svg = document.querySelector('.chart svg'), r = svg.getBoundingClientRect();
		const at = (type, x, target) => target.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: r.left + x * r.width, clientY: r.top + r.height / 2}));
		at('mousedown', 0.01, svg); at('mousemove', 0.99, svg); at('mouseup', 0.99, window);
		return "";
	})()`)
	wait("date span", `location.search.includes('from=') && location.search.includes('to=')`)
	wait("results in the span", `document.querySelectorAll('article.hit').length > 0`)
	if chips := b.eval(`document.querySelector('.chips').textContent`); !strings.Contains(chips, "Dates:") {
		t.Errorf("chips after the span = %q, want a date filter", chips)
	}
	b.shot("span")

	// An article: entities marked and linked, quotes with speakers.
	b.click(`article.hit h3 a`)
	if loc := b.location(); !strings.HasPrefix(loc, "/articles/") {
		t.Fatalf("after the title click the page is %s", loc)
	}
	if n := b.evalInt(`document.querySelectorAll('.body a.ent').length`); n == 0 {
		t.Error("the article page marks no entity in the text")
	}
	b.shot("article")

	// An analyst's page, from a quote on an article that has one.
	b.open("/?" + url.Values{"analyst": {"Amara Okonkwo"}}.Encode())
	b.click(`article.hit h3 a`)
	name := b.eval(`document.querySelector('blockquote footer a[href^="/analysts/"]').textContent`)
	b.click(`//blockquote//footer/a[contains(@href, "/analysts/")]`)
	if h := b.eval(`document.querySelector('h1').textContent`); !strings.Contains(h, name) || !strings.Contains(h, "Analyst") {
		t.Errorf("analyst page heading = %q, want %s, Analyst", h, name)
	}
	if n := b.evalInt(`document.querySelectorAll('.quotes blockquote').length`); n == 0 {
		t.Error("the analyst page shows no quotes")
	}
	b.shot("analyst")

	// An entity's page, from the lists beside the analyst.
	b.click(`//section[h2="Countries alongside"]//li[1]/a`)
	if loc := b.location(); !strings.HasPrefix(loc, "/countries/") {
		t.Errorf("after the country link the page is %s", loc)
	}
	if n := b.evalInt(`document.querySelectorAll('article.hit').length`); n == 0 {
		t.Error("the country page lists no articles")
	}
	b.shot("country")
}
