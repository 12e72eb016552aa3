package server

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index"
)

func fuzzServer(f *testing.F) *Server {
	ix, err := index.OpenMem(nil)
	if err != nil {
		f.Fatal(err)
	}
	ix.AddBatch(context.Background(), testArticles())
	s, err := New(ix, Options{MaxBodyBytes: 64 << 10})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// FuzzPostArticles: whatever the body, POST /api/articles answers 2xx or
// 4xx with a JSON body, never 5xx.
func FuzzPostArticles(f *testing.F) {
	for _, s := range []string{`{"title":"a"}`, `[{"title":"a"},{"body":"b"}]`, "{\"title\":\"a\"}\n{bad\n", `{"title":5}`,
		`{"published":"yesterday","title":"x"}`, `[[[[[[[[[[]]]]]]]]]]`, "\xff\xfe", `{"title":"` + strings.Repeat("é", 300) + `"}`, ""} {
		f.Add(s)
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", "/api/articles", strings.NewReader(body)))
		if w.Code >= 500 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("POST %q = %d %q: %s", body, w.Code, w.Header().Get("Content-Type"), w.Body)
		}
	})
}

// FuzzRoutes: every read route, with any path segment and query string,
// answers without a server error.
func FuzzRoutes(f *testing.F) {
	for _, s := range []string{"dum", "q=x&limit=3", "%ff", "a/b", "q=(a&collapse=story", "sort=x", "story=s1&collapse=none", "q=rates&vs=sanctions&more=person",
		"language=French&language=pt-BR&q=lang:fr", "q=language:de+language:it+-language:en", "language=%ff&q=language:%22%22"} {
		f.Add(s, s)
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, segment, rawQuery string) {
		seg := url.PathEscape(segment)
		for _, path := range []string{"/api/suggest", "/feed", "/export.csv", "/export.jsonl", "/quotes", "/",
			"/articles/" + seg, "/api/articles/" + seg, "/analysts/" + seg, "/people/" + seg, "/countries/" + seg, "/organizations/" + seg} {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL.Path = path
			req.URL.RawQuery = rawQuery
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("GET %s?%s = %d: %.200s", path, rawQuery, w.Code, w.Body)
			}
		}
	})
}
