package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl":           "{\"title\":\"A1\"}\n{\"title\":\"A2\"}\n",
		"sub/b.json":        `{"title":"B"}`,
		"sub/deeper/c.txt":  "C title\n\nA paragraph of the article that is long enough to be one.",
		"sub/d.html":        "<html><head><title>D</title></head><body><article><h1>D</h1><p>Text of D.</p></article></body></html>",
		"image.png":         "\x89PNG",
		"notes":             "no extension: skipped in folders",
		".hidden.jsonl":     `{"title":"hidden"}`,
		".git/e.jsonl":      `{"title":"in a hidden folder"}`,
		"sub/bad.jsonl":     "{\"title\":\"ok\"}\nnot json\n",
		"sub/z.ndjson":      `{"title":"Z"}`,
		"sub/y.text":        "Y title\n\nBody of Y, a sentence with some words in it.",
		"sub/x.htm":         "<p>Some words.</p>",
		"sub/readme.md":     "# skipped",
		"sub/data.jsonl.gz": "",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := Walk([]string{dir, "-", filepath.Join(dir, "notes"), filepath.Join(dir, "missing")},
		strings.NewReader(`{"title":"stdin"}`), func(r Record) error {
			rel := strings.TrimPrefix(r.Where(), dir+string(filepath.Separator))
			if r.Err != nil {
				msg := r.Err.Error()
				msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
				got = append(got, rel+" error: "+msg)
				return nil
			}
			got = append(got, rel+" "+r.Article.Title)
			return nil
		})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	want := []string{
		"a.jsonl:1 A1",
		"a.jsonl:2 A2",
		"image.png error: skipped: no format reads .png files",
		"notes error: skipped: no format reads files without an extension",
		"sub/b.json B",
		"sub/bad.jsonl:1 ok",
		"sub/bad.jsonl:2 error: malformed JSON: invalid character 'o' in literal null (expecting 'u')",
		"sub/d.html D",
		"sub/data.jsonl.gz error: EOF",
		"sub/deeper/c.txt C title",
		"sub/readme.md error: skipped: no format reads .md files",
		"sub/x.htm ",
		"sub/y.text Y title",
		"sub/z.ndjson:1 Z",
		"-:1 stdin",
		"notes no extension: skipped in folders",
		"missing error: stat missing: no such file or directory",
	}
	for i := range got {
		got[i] = strings.ReplaceAll(got[i], filepath.Join(dir, ""), "")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk mismatch (-want +got):\n%s", diff)
	}
}

// TestWalkFolder walks a folder of feeds named .xml, .xml.gz and .rss, an
// XHTML page named .xml, an .xml file that is neither, and files no format
// reads: every item with a title or body is read, the rest is reported.
func TestWalkFolder(t *testing.T) {
	dir := filepath.Join("testdata", "folder")
	var got []string
	err := Walk([]string{dir}, nil, func(r Record) error {
		where, _ := filepath.Rel(dir, r.Where())
		if r.Err != nil {
			got = append(got, filepath.ToSlash(where)+" error: "+r.Err.Error())
			return nil
		}
		got = append(got, filepath.ToSlash(where)+" "+r.Article.Title)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	want := []string{
		"assets/brochure.pdf error: skipped: no format reads .pdf files",
		"assets/logo.png error: skipped: no format reads .png files",
		"feeds/archive.xml.gz School roof replaced over the holidays",
		"feeds/atom.xml Ferry timetable changes in spring",
		"feeds/atom.xml Harbour festival draws record crowds",
		"feeds/rdf.xml Early harvest expected after warm winter",
		"feeds/rss.xml Bridge repairs close the river road",
		"feeds/rss.xml Library extends its opening hours",
		"page.xml Market hall to be restored",
		"sitemap.xml error: not a feed or page (root element <urlset>)",
		"wire.rss Rail line reopens after landslide",
		"wire.rss error: item 2: no title and no body",
		"wire.rss New clinic opens in the old post office",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk(%s) mismatch (-want +got):\n%s", dir, diff)
	}
}

func TestFileType(t *testing.T) {
	tests := map[string]string{
		"a.png": ".png", "dir.d/A.PDF": ".pdf", "notes": "", "a.tar.gz": ".tar.gz", "a.gz": ".gz", "x/.b.jsonl": ".jsonl",
	}
	for name, want := range tests {
		if got := fileType(name); got != want {
			t.Errorf("fileType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.jsonl", "b.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(`{"title":"x"}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := Walk([]string{dir}, nil, func(Record) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk with failing callback = %v after %d records, want stop after 1", err, n)
	}
}

func TestKnownFile(t *testing.T) {
	tests := map[string]bool{
		"a.jsonl": true, "a.NDJSON": true, "a.json": true, "a.txt": true, "a.html": true, "a.htm": true,
		"a.jsonl.gz": true, "a.png": false, "a": false, "a.gz": false, "a.md": false,
		"feed.xml": true, "feed.XML": true, "feed.xml.gz": true, "a.pdf": false,
	}
	for name, want := range tests {
		if got := KnownFile(name); got != want {
			t.Errorf("KnownFile(%q) = %v, want %v", name, got, want)
		}
	}
}
