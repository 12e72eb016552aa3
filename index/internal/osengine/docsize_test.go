package osengine_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/index/internal/osengine"
)

// TestOpenSearchDocSizes measures what the capacity plan in
// docs/scale-out.md starts from: the bytes of JSON sent to OpenSearch and
// the documents written per article, on the first 3,000 articles of the
// development corpus, enriched. It skips where ../shared is absent. Run
// with -v to see the figures.
func TestOpenSearchDocSizes(t *testing.T) {
	f, err := os.Open("../../../../shared/data/corpus.jsonl")
	if err != nil {
		t.Skip("../shared/data/corpus.jsonl not found: no corpus to measure")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var arts []index.Article
	for sc.Scan() && len(arts) < 3000 {
		// Dates are left out: the corpus writes them in several forms.
		var r struct{ ID, Title, Body, Source string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		a := index.Article{ID: r.ID, Title: r.Title, Body: r.Body, Source: r.Source, Published: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC)}
		if index.Normalize(&a) == nil {
			arts = append(arts, a)
		}
	}
	ix, err := index.OpenMem(&index.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Enrich(arts)
	// The engine's article has the same JSON as the library's.
	docs := make([]engine.Article, len(arts))
	for i := range arts {
		b, _ := json.Marshal(arts[i])
		if err := json.Unmarshal(b, &docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	acts, err := osengine.BulkActionBytes(docs)
	if err != nil {
		t.Fatal(err)
	}
	var bulk, text, doc, quotes int
	for _, n := range acts {
		bulk += n
	}
	for i := range docs {
		text += len(docs[i].Title) + len(docs[i].Body)
		quotes += len(docs[i].Quotes)
		d, _ := osengine.ArticleJSON(&docs[i])
		doc += len(d)
	}
	n := len(arts)
	t.Logf("%d articles: text %d B, bulk JSON %d B, article document %d B, %.2f quotes, %.2f documents an article",
		n, text/n, bulk/n, doc/n, float64(quotes)/float64(n), float64(len(acts))/float64(n))
}
