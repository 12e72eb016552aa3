package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/opensearchtest"
)

func TestMain(m *testing.M) { os.Exit(opensearchtest.Main(m)) }

// TestOnOpenSearch runs the tests of the HTTP API, the pages, the exports
// and the browser again, with the server on an index in a real OpenSearch
// node (index.backend: opensearch) instead of bleve: the same requests
// must give the same answers. It skips where java or mvn is missing,
// unless NEWSINDEX_REQUIRE_OPENSEARCH=1; the browser tests need Chromium
// as they do on bleve.
func TestOnOpenSearch(t *testing.T) {
	node := opensearchtest.Shared(t)
	saved := openTestIndex
	defer func() { openTestIndex = saved }()
	n := 0
	openTestIndex = func(t *testing.T) *index.Index {
		t.Helper()
		n++
		name := fmt.Sprintf("server-test-%d-%d", time.Now().UnixNano(), n)
		ix, err := index.OpenSearch(context.Background(), index.OpenSearchConfig{
			URLs: node.URLs(), Index: name, StateDir: t.TempDir()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			req, _ := http.NewRequest(http.MethodDelete, node.URLs()[0]+"/"+name+"-v*", nil)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		})
		return ix
	}
	for _, tc := range []struct {
		name string
		fn   func(*testing.T)
	}{
		{"SearchAPI", TestSearchAPI}, {"Errors", TestErrors}, {"PostGetDelete", TestPostGetDelete},
		{"APIKey", TestAPIKey}, {"QuotesAPI", TestQuotesAPI}, {"SearchPage", TestSearchPage},
		{"QuotesPage", TestQuotesPage}, {"Metrics", TestMetrics}, {"SuggestAPI", TestSuggestAPI},
		{"EntityPages", TestEntityPages}, {"SearchPageMoreAndCompare", TestSearchPageMoreAndCompare},
		{"ArticlePageListsItsStory", TestArticlePageListsItsStory}, {"LimitsAndReadKey", TestLimitsAndReadKey},
		{"CountStories", TestCountStories}, {"Exports", TestExports}, {"AtomFeed", TestAtomFeed},
		{"Browser", TestBrowser}, {"BrowserResearch", TestBrowserResearch},
	} {
		t.Run(tc.name, tc.fn)
	}
}
