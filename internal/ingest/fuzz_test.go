package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkAccepted fails the test when an accepted record breaks what every
// reader promises: valid UTF-8 in every field, and a title or a body.
func checkAccepted(t *testing.T, name string, data []byte) {
	t.Helper()
	err := Read(strings.NewReader(string(data)), name, func(r Record) error {
		if r.Err != nil {
			return nil
		}
		a := r.Article
		for _, s := range []string{a.ID, a.Title, a.Body, a.URL, a.Source, a.Author, a.Category, a.Language} {
			if !utf8.ValidString(s) {
				t.Fatalf("Read(%q) accepted invalid UTF-8 %q", data, s)
			}
		}
		if a.Title == "" && a.Body == "" {
			t.Fatalf("Read(%q) accepted an article with neither title nor body", data)
		}
		return nil
	})
	if err != nil && !strings.Contains(err.Error(), "gzip") {
		t.Fatalf("Read(%q) = %v, want bad input reported in records", data, err)
	}
}

// addFiles seeds a fuzz corpus with the files of a testdata folder.
func addFiles(f *testing.F, glob string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", glob))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"title":"T","body":"B","published":"2024-03-01"}`,
		"{\"title\":\"A\"}\n{\"title\": \n{\"headline\":\"C\",\"maintext\":\"<p>x</p>\"}",
		`{"title":null,"authors":[{"name":"A"},"B",null],"source":{"name":"S"},"date":1709287200}`,
		`[{"title":"A"},{"content":["p1","p2"]}]`,
		`{"title":"T","published":{"$date":"2024-01-01T00:00:00Z"}}`,
		"\ufeff{\"Title\":\"x\",\"TITLE\":\"y\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAccepted(t, "f.jsonl", data)
		checkAccepted(t, "f.json", data)
	})
}

func FuzzReadText(f *testing.F) {
	addFiles(f, "text/*.txt")
	f.Add([]byte("Title\n\nBody."))
	f.Add([]byte("close\nclose\n\nSite\n\nA B C\nme\nA B C\n\nRelated\n\nX Y Z W V U\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAccepted(t, "f.txt", data)
	})
}

func FuzzReadHTML(f *testing.F) {
	addFiles(f, "html/*.html")
	f.Add([]byte("<p>Text</p>"))
	f.Add([]byte(`<html><script type="application/ld+json">{"@type":["NewsArticle"],"headline":"H","author":[1,{"name":2}]}</script></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAccepted(t, "f.html", data)
	})
}
