package osengine

import "github.com/newsindex/newsindex/index/internal/engine"

// BulkActionBytes returns the bytes of each bulk action that writes docs,
// for tests outside the package.
func BulkActionBytes(docs []engine.Article) ([]int, error) {
	acts, err := bulkActions(docs, nil)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(acts))
	for i, a := range acts {
		out[i] = len(a.lines)
	}
	return out, nil
}

// ArticleJSON is the document of an article, for tests outside the package.
func ArticleJSON(a *engine.Article) ([]byte, error) { return osArticleJSON(a) }
