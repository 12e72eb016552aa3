package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsindex/newsindex/index"
)

func manyArticles(n int) []index.Article {
	empty := []string{}
	var as []index.Article
	for i := range n {
		cat := []string{"World", "Business"}[i%2]
		as = append(as, index.Article{ID: fmt.Sprintf("m%03d", i), Title: fmt.Sprintf("Harvest report %d, with \"quotes\", commas", i),
			Body: "Grain harvest figures.", Category: cat, Source: "Wire", Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
			People: empty, Countries: []string{"Canada"}, Organizations: empty, Analysts: empty, Quotes: []index.Quote{}})
	}
	return as
}

func TestExports(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	if _, err := ix.AddBatch(context.Background(), manyArticles(250)); err != nil {
		t.Fatal(err)
	}
	// What the search itself returns, page by page.
	var want []string
	for page := 1; ; page++ {
		res, err := ix.Search(context.Background(), index.SearchRequest{Query: "harvest", Filters: map[index.Facet][]string{index.FacetCategory: {"World"}}, Sort: "date", Page: page, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		if len(res.Hits) < 100 {
			break
		}
	}
	if len(want) != 125 {
		t.Fatalf("search found %d, want 125", len(want))
	}
	code, body, h := do(t, "GET", ts.URL+"/export.csv?q=harvest&category=World&sort=date", "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv = %d %q", code, h.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
	}
	if strings.Join(got, ",") != strings.Join(want, ",") || rows[1][4] != "Harvest report 248, with \"quotes\", commas" {
		t.Errorf("csv ids = %v…, want %v…; first title %q", got[:3], want[:3], rows[1][4])
	}
	if last := len(rows[0]) - 1; rows[0][last] != "language" || rows[1][last] != "en" {
		t.Errorf("csv: last column %q = %q, want language en", rows[0][last], rows[1][last])
	}
	code, body, _ = do(t, "GET", ts.URL+"/export.jsonl?q=harvest&category=World&sort=date&limit=10", "")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if code != 200 || len(lines) != 10 {
		t.Fatalf("jsonl = %d, %d lines; want 10", code, len(lines))
	}
	for i, l := range lines {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil || a["id"] != want[i] || a["snippet"] != nil || a["language"] != "en" {
			t.Errorf("jsonl line %d = %s, want id %s, language en and no snippet", i, l, want[i])
		}
	}
	if code, _, _ := do(t, "GET", ts.URL+"/export.csv?q=%22bad", ""); code != 400 {
		t.Errorf("export of a malformed query = %d, want 400", code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/export.csv?limit=999999", ""); code != 400 {
		t.Errorf("export over the limit = %d, want 400", code)
	}
}

func TestAtomFeed(t *testing.T) {
	ts, ix := newTestServer(t, Options{})
	if _, err := ix.AddBatch(context.Background(), manyArticles(60)); err != nil {
		t.Fatal(err)
	}
	code, body, h := do(t, "GET", ts.URL+"/feed?q=harvest&category=Business", "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed = %d %q", code, h.Get("Content-Type"))
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	if feed.FeedType != "atom" || len(feed.Items) != 30 || feed.Title != "newsindex: harvest" {
		t.Errorf("feed = %s %q with %d items; want atom, 30 items", feed.FeedType, feed.Title, len(feed.Items))
	}
	if it := feed.Items[0]; !strings.HasSuffix(it.Link, "/articles/m059") || it.PublishedParsed == nil {
		t.Errorf("first item = %+v, want the newest Business article", it)
	}
}
