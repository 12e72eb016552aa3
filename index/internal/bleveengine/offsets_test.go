package bleveengine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// TestEncodedOffsets checks that an index that keeps the byte offsets of
// its free text encoded (offsetsEncoded) shows the same hits, snippets and
// quote highlights as an index of the mapping before, which keeps them as
// bleve writes them: for the fixture, an article in each analysis, and the
// UDHR in every language it holds (../shared/data/udhr.jsonl, when
// present), each queried by words, pairs of words and phrases of its own
// text.
func TestEncodedOffsets(t *testing.T) {
	arts := fixture()
	for _, c := range inflections {
		a := article("infl-"+c.lang, c.title, c.body)
		a.Language = c.lang
		arts = append(arts, a)
	}
	compareOffsets(t, arts)
	t.Run("udhr", func(t *testing.T) {
		var arts []engine.Article
		for _, r := range spread(udhr(t), 300) {
			a := article(r.ID, r.Title, r.Body)
			a.Language = r.Language
			// The first sentences are its quotes, with the body's words.
			for i, s := range strings.SplitAfter(r.Body, ". ") {
				if i == 3 {
					break
				}
				a.Quotes = append(a.Quotes, engine.Quote{Text: s, Speaker: "Ann Lee", Role: "official", Direct: true})
			}
			arts = append(arts, a)
		}
		compareOffsets(t, arts)
	})
}

// compareOffsets indexes arts at the mapping before offsetsEncoded and at
// today's, and compares what their searches show.
func compareOffsets(t *testing.T, arts []engine.Article) {
	ctx := context.Background()
	before, now := memEngine(t), memEngine(t)
	before.version = offsetsEncoded - 1
	for _, e := range []*Engine{before, now} {
		if _, err := e.Apply(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	var queries []string
	for _, a := range arts {
		ws := strings.FieldsFunc(a.Title+" "+a.Body, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) })
		ws = spread(ws, 6)
		for i, w := range ws {
			queries = append(queries, w)
			if i > 0 {
				queries = append(queries, ws[i-1]+" "+w, `"`+ws[i-1]+" "+w+`"`)
			}
		}
	}
	queries = spread(queries, 1500)
	marked, hits, compared := 0, 0, 0
	for _, text := range queries {
		n, err := query.Parse(text)
		if err != nil {
			continue // a word the query language reads as an operator
		}
		want, got := searchWith(t, before, engine.SearchRequest{Query: text}), searchWith(t, now, engine.SearchRequest{Query: text})
		for _, h := range got.Hits {
			if !h.Related {
				hits++
			}
		}
		// A related article's marks are the words feedback chose, which
		// vary with the BM25 sample as scores do: only the matches are
		// compared.
		compared += comparePages(t, "Search("+text+")", got.Hits, want.Hits, func(h *engine.Hit) string {
			h.Score = 0
			if h.Related {
				return "related " + h.ID
			}
			return h.ID
		})
		for _, h := range got.Hits {
			if strings.Contains(h.Snippet, "<mark>") {
				marked++
			}
		}
		quotes := func(e *Engine) []engine.QuoteHit {
			res, err := e.SearchQuotes(ctx, &engine.QuoteRequest{Query: text, Page: 1, Size: 10, FacetSize: 10}, n)
			if err != nil {
				t.Fatalf("SearchQuotes(%q): %v", text, err)
			}
			return res.Hits
		}
		qs := quotes(now)
		hits += len(qs)
		compared += comparePages(t, "SearchQuotes("+text+")", qs, quotes(before), func(h *engine.QuoteHit) string {
			h.Score = 0
			return h.ArticleID + "\n" + h.Text
		})
	}
	if marked < len(queries)/2 {
		t.Errorf("%d snippets of %d queries mark a word: the comparison compares little", marked, len(queries))
	}
	if compared < hits*3/4 {
		t.Errorf("%d hits of %d compared: the pages differ too much to compare", compared, hits)
	}
	t.Logf("%d queries, %d hits compared of %d, %d snippets marked", len(queries), compared, hits, marked)
}

// comparePages compares each hit of a page with the hit of the same key in
// the other page, scores left out, and returns how many it compared. Which
// hits reach a page and their scores vary a little between two indexes of
// the same articles (the BM25 length sample, bleve's order among equal
// scores), whatever their mapping; what a hit shows does not.
func comparePages[H any](t *testing.T, what string, got, want []H, key func(*H) string) int {
	t.Helper()
	wantBy := map[string]H{}
	for _, h := range want {
		wantBy[key(&h)] = h
	}
	n := 0
	for _, g := range got {
		k := key(&g)
		w, ok := wantBy[k]
		if !ok || strings.HasPrefix(k, "related ") {
			continue
		}
		n++
		if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", w) {
			t.Errorf("%s = %+v,\nwant (mapping %d) %+v", what, g, offsetsEncoded-1, w)
		}
	}
	return n
}
