package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestReadHTMLKeepsArticleText reads every page of testdata/html that marks
// its article with itemprop="articleBody" and checks that each paragraph
// and caption of the article is in the body, whatever the class names of
// the containers around it say.
func TestReadHTMLKeepsArticleText(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	checked := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := articleParagraphs(t, data)
		if len(want) == 0 {
			continue
		}
		checked++
		body := collapseSpace(readOne(t, path).Article.Body)
		for _, p := range want {
			if !strings.Contains(body, p) {
				t.Errorf("ReadFile(%s) lost article text %q", filepath.Base(path), p)
			}
		}
	}
	if checked < 4 {
		t.Errorf("checked %d pages with an articleBody, want at least 4", checked)
	}
}

// articleParagraphs returns the text of the <p> and <figcaption> elements
// under a page's itemprop="articleBody" element.
func articleParagraphs(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			in = in || attr(n, "itemprop") == "articleBody"
			if in && (n.DataAtom == atom.P || n.DataAtom == atom.Figcaption) {
				out = append(out, collapseSpace(textOf(n)))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return out
}

const (
	longPara = "The council voted on Monday to build protected cycle lanes along the whole street, ending a dispute that had divided shopkeepers and residents for more than two years."
	midPara  = "Construction is due to begin in September and to last about fourteen weeks, the council said."
)

func TestPruneElements(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		keep, drop []string
	}{
		{"a container named for sharing that holds the article stays",
			`<div class="entry-content social-share"><p>` + longPara + `</p><p>` + midPara + `</p></div>` +
				`<div class="share-bar"><a href="/t">Share on X</a> <a href="/f">Facebook</a></div>`,
			[]string{longPara, midPara}, []string{"Share on X"}},
		{"a container named for a newsletter that holds the article stays",
			`<div class="article-body newsletter-signup"><p>` + longPara + `</p>` +
				`<div class="inline-newsletter"><h3>The Morning Brief</h3><form><button>Sign up</button></form></div><p>` + midPara + `</p></div>`,
			[]string{longPara, midPara}, []string{"Morning Brief", "Sign up"}},
		{"a post named for its tags stays, its tag list goes",
			`<div class="post tags"><p>` + longPara + `</p><ul class="tags"><li><a href="/t/a">Housing</a></li><li><a href="/t/b">Tenants</a></li></ul></div>`,
			[]string{longPara}, []string{"Housing"}},
		{"a named box of running text with few links stays",
			`<p>` + longPara + ` ` + longPara + `</p><div class="promo-note"><p>` + midPara + `</p></div>`,
			[]string{midPara}, nil},
		{"a named box of short lines goes",
			`<p>` + longPara + `</p><div class="related"><h3>Related</h3><span>Rail fares to rise</span><span>Bus routes change</span></div>`,
			[]string{longPara}, []string{"Related", "Rail fares"}},
		{"a caption goes",
			`<p>` + longPara + `</p><figure><img src="a.jpg"><figcaption>A trawler in harbour. Photo: Courier</figcaption></figure>`,
			[]string{longPara}, []string{"trawler"}},
		{"an aside that holds the article's paragraphs stays",
			`<aside><p>` + longPara + `</p><p>` + midPara + `</p></aside><p>Short note.</p>`,
			[]string{longPara, midPara}, nil},
		{"a small aside goes",
			`<p>` + longPara + ` ` + longPara + `</p><aside><p>` + midPara + `</p></aside>`,
			[]string{longPara}, []string{midPara}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			root := fragment(t, tt.in)
			pruneElements(root, nil)
			got := collapseSpace(render.InnerText(root))
			for _, s := range tt.keep {
				if !strings.Contains(got, s) {
					t.Errorf("pruneElements(%q) lost %q: %q", tt.in, s, got)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(got, s) {
					t.Errorf("pruneElements(%q) kept %q: %q", tt.in, s, got)
				}
			}
		})
	}
}

// fragment parses an HTML fragment into a <div>.
func fragment(t *testing.T, s string) *html.Node {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

// TestCleanupReport checks what a page's Cleanup says: the parts removed,
// the container spared because it holds the article.
func TestCleanupReport(t *testing.T) {
	r := readOne(t, filepath.Join("testdata", "html", "newsletter-body.html"))
	c := r.Cleanup
	if c == nil || c.Restored || c.Extracted == 0 || c.CutWords() == 0 {
		t.Fatalf("ReadFile(newsletter-body.html).Cleanup = %+v, want cuts, not restored", c)
	}
	var removed, spared []string
	for _, s := range c.Cuts {
		removed = append(removed, s.Removed...)
		spared = append(spared, s.Spared...)
	}
	for _, want := range []string{`<div class="inline-newsletter"> (name "newsletter")`, "Sign up for our newsletter"} {
		if !containsPrefix(removed, want) {
			t.Errorf("Cleanup.Removed = %q, want an entry starting %q", removed, want)
		}
	}
	for _, want := range []string{`<div class="article-body newsletter-signup">`, "from Sign up for our newsletter"} {
		if !containsPrefix(spared, want) {
			t.Errorf("Cleanup.Spared = %q, want an entry starting %q", spared, want)
		}
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// TestCleanupKeepsExtractedText reads a photo essay whose captions are
// most of its text: removing them all would cut more than the bounded share
// of readability's text, so the body keeps them and the walk logs it with
// the page's URL.
func TestCleanupKeepsExtractedText(t *testing.T) {
	var logs bytes.Buffer
	w := &Walker{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	path := filepath.Join("testdata", "html", "photo-essay.html")
	var recs []Record
	if err := w.Walk(context.Background(), []string{path}, nil, func(r Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Err != nil {
		t.Fatalf("Walk(%s) = %v", path, summaries(recs))
	}
	c := recs[0].Cleanup
	if c == nil || !c.Restored || c.CutShare() <= maxCutShare {
		t.Errorf("Walk(%s).Cleanup = %+v, want restored after a cut above %.2f", path, c, maxCutShare)
	}
	data, _ := os.ReadFile(path)
	for _, p := range articleParagraphs(t, data) {
		if !strings.Contains(recs[0].Article.Body, p) {
			t.Errorf("Walk(%s) body lost %q", path, p)
		}
	}
	for _, want := range []string{"level=DEBUG", "kept the extracted text", "page=https://www.coastalcourier.example/in-pictures/2024/03/02/herring-season"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("Walk(%s) logged %q, want %q in it", path, logs.String(), want)
		}
	}
}
