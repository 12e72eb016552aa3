package index

import (
	"context"
	"strings"
	"testing"
)

// TestLongArticleRoundTrip stores an article long enough to be packed and
// reads it back whole, through Article and Search.
func TestLongArticleRoundTrip(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	a := Article{ID: "long", Title: "Harbour dredging", Body: strings.Repeat("The harbour will be dredged to fourteen metres before the new cranes arrive. ", 60)}
	if err := ix.Add(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Article(ctx, "long")
	if err != nil || got.Body != strings.TrimSpace(a.Body) || got.Title != a.Title {
		t.Fatalf("Article(long) = %d bytes of body, %v; want %d", len(got.Body), err, len(a.Body))
	}
	res, err := ix.Search(ctx, SearchRequest{Query: "dredged"})
	if err != nil || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, "<mark>dredged</mark>") {
		t.Fatalf("Search(dredged) = %+v, %v", res, err)
	}
}
