package index

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/index/internal/bleveengine"
)

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// oldIndex copies testdata/preanalysis/index, an index written before
// languages were decided (see the README there), into a temporary folder.
func oldIndex(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "idx")
	copyTree(t, filepath.Join("testdata", "preanalysis", "index"), path)
	return path
}

// snapshot is what a reindex must keep of an index.
type snapshot struct {
	articles map[string]Article
	facets   Facets
	quotes   int
}

func takeSnapshot(t *testing.T, path string) snapshot {
	t.Helper()
	ctx := context.Background()
	ix, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := snapshot{articles: map[string]Article{}}
	if err := ix.Each(ctx, func(a Article) error { s.articles[a.ID] = a; return nil }); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, SearchRequest{NoHits: true, FacetSize: MaxFacetSize})
	if err != nil {
		t.Fatal(err)
	}
	s.facets = res.Facets
	if s.quotes, err = quoteCount(ctx, ix); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReindex rebuilds an index written before languages were decided:
// Check asks for it; every article, story, English enrichment and facet is
// kept; the articles that are not English get their language and lose the
// enrichment the English rules made of them; and the rebuilt index is
// searched per language.
func TestReindex(t *testing.T) {
	ctx := context.Background()
	path := oldIndex(t)
	r, err := Check(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.NeedsReindex || r.Mapping != 1 || !r.OK() || r.Articles != 6 {
		t.Fatalf("Check(old index) = %+v, want 6 sound articles, mapping 1, needs reindex", r)
	}
	before := takeSnapshot(t, path)
	if len(before.facets.Language) != 0 {
		t.Errorf("old index: language facet %v, want none (its mapping has no language field)", before.facets.Language)
	}

	st, err := Reindex(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := ReindexStats{Articles: 6, Quotes: st.Quotes, Decided: 6, Reextracted: st.Reextracted, From: 1, To: bleveengine.MappingVersion, TookMS: st.TookMS}
	if st != want {
		t.Errorf("Reindex = %+v, want %+v", st, want)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), ".idx.reindex")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the side folder is left behind: %v", err)
	}
	r, err = Check(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if r.NeedsReindex || !r.OK() || r.Articles != 6 || r.Quotes != st.Quotes {
		t.Errorf("Check(reindexed) = %+v, want 6 sound articles and %d quotes, no reindex", r, st.Quotes)
	}
	after := takeSnapshot(t, path)

	if got, want := slices.Sorted(maps.Keys(after.articles)), slices.Sorted(maps.Keys(before.articles)); !slices.Equal(got, want) {
		t.Fatalf("articles %v after, %v before", got, want)
	}
	langs := map[string]string{}
	foreign := 0
	for id, b := range before.articles {
		a := after.articles[id]
		langs[id] = a.Language
		if a.LanguageSource == "" || a.Language == "" {
			t.Errorf("%s: language %q (%q) after reindex", id, a.Language, a.LanguageSource)
		}
		if a.Story != b.Story || a.Title != b.Title || a.Body != b.Body || !a.Published.Equal(b.Published) || a.Source != b.Source {
			t.Errorf("%s: story, text, date or source changed", id)
		}
		if a.Language == "en" || a.Language == "und" {
			// English enrichment is kept as it was; places, which the old
			// index did not have, are filled in.
			b.Language, b.LanguageSource, b.Places = a.Language, a.LanguageSource, a.Places
			if diff := cmp.Diff(b, a, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })); diff != "" {
				t.Errorf("%s: the English article changed (-before +after):\n%s", id, diff)
			}
			continue
		}
		foreign++
		// Quotations found by the language's own marks have no English
		// verb of speech.
		englishQuote := slices.ContainsFunc(a.Quotes, func(q Quote) bool { return q.Cue != "" })
		if len(a.People) > 0 || englishQuote || a.CategorySource == "classifier" {
			t.Errorf("%s (%s): the English rules' enrichment stayed: people %q, quotes %+v, category %q (%s)",
				id, a.Language, a.People, a.Quotes, a.Category, a.CategorySource)
		}
	}
	if want := map[string]string{"en-1": "en", "en-2": "en", "en-3": "en", "fr-1": "fr", "de-1": "de", "tick-1": langs["tick-1"]}; !maps.Equal(langs, want) {
		t.Errorf("languages = %v, want %v", langs, want)
	}
	if st.Reextracted != foreign {
		t.Errorf("Reindex extracted %d articles again, %d are not English", st.Reextracted, foreign)
	}
	if len(before.articles["de-1"].People) == 0 {
		t.Errorf("the old index's German article has no people: the fixture no longer shows what reindexing removes")
	}
	// The facets of the English articles are the same; those of the others
	// lost what the English rules found.
	for _, f := range []Facet{FacetSource, FacetAnalyst} {
		if diff := cmp.Diff(before.facets.Of(f), after.facets.Of(f)); diff != "" {
			t.Errorf("facet %s changed (-before +after):\n%s", f, diff)
		}
	}
	if diff := cmp.Diff(before.facets.Published, after.facets.Published); diff != "" {
		t.Errorf("published histogram changed (-before +after):\n%s", diff)
	}
	counts := map[string]int{}
	for _, c := range after.facets.Language {
		counts[c.Value] = c.Count
	}
	if counts["en"] != 3 || counts["fr"] != 1 || counts["de"] != 1 {
		t.Errorf("language facet after reindex = %v, want en 3, fr 1, de 1", after.facets.Language)
	}
	if after.quotes != before.quotes-len(before.articles["de-1"].Quotes)-len(before.articles["fr-1"].Quotes)+
		len(after.articles["de-1"].Quotes)+len(after.articles["fr-1"].Quotes) {
		t.Errorf("quotes: %d before, %d after", before.quotes, after.quotes)
	}

	ix, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, SearchRequest{Filters: map[Facet][]string{FacetLanguage: {"fr"}}})
	if err != nil || res.Total != 1 || res.Hits[0].ID != "fr-1" {
		t.Fatalf("language=fr after reindex = %+v, %v; want fr-1", res, err)
	}
	// "syndicats nationaux": French stems "nationaux" as "national", the
	// English stemmer does not.
	if !indexesLanguages(t) {
		t.Skip("the bleve engine does not analyse French as French yet: cannot check that the rebuilt index finds an inflected form")
	}
	res, err = ix.Search(ctx, SearchRequest{Query: "national"})
	if err != nil || !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == "fr-1" && !h.Related }) {
		t.Errorf("search for national after reindex = %+v, %v; want the French article's \"nationaux\"", res, err)
	}
}

// indexesLanguages reports whether an article added to a new index is
// analysed in its language: whether a French article's "nationaux" is
// found by "national".
func indexesLanguages(t *testing.T) bool {
	ix := memIndex(t)
	ctx := context.Background()
	a := Article{ID: "p", Language: "fr", LanguageSource: "metadata", Title: "Les syndicats nationaux appellent à la grève",
		Body: "Les syndicats nationaux des dockers ont appelé lundi à une grève de vingt-quatre heures dans tous les ports français."}
	if err := ix.Add(ctx, a); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, SearchRequest{Query: "national"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total == 1
}

// TestReindexInterrupted cancels a reindex, and checks that the old index
// is left as it was, and that the next reindex removes the partial one and
// succeeds.
func TestReindexInterrupted(t *testing.T) {
	path := oldIndex(t)
	before := takeSnapshot(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Reindex(ctx, path, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Reindex(cancelled) = %v, want context.Canceled", err)
	}
	r, err := Check(context.Background(), path)
	if err != nil || !r.NeedsReindex || !r.OK() || r.Articles != len(before.articles) {
		t.Fatalf("Check after a cancelled reindex = %+v, %v; want the old index, sound", r, err)
	}
	if diff := cmp.Diff(before.articles, takeSnapshot(t, path).articles, cmp.AllowUnexported(Article{}), cmp.Comparer(func(x, y signature) bool { return true })); diff != "" {
		t.Errorf("a cancelled reindex changed the articles:\n%s", diff)
	}
	// What a crash in the middle leaves: a partial index beside the old one.
	side := filepath.Join(filepath.Dir(path), ".idx.reindex")
	if err := os.MkdirAll(filepath.Join(side, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(side, "store", "partial"), []byte("x"), 0o644)
	st, err := Reindex(context.Background(), path, nil)
	if err != nil || st.Articles != len(before.articles) {
		t.Fatalf("Reindex after a crash = %+v, %v", st, err)
	}
	if _, err := os.Stat(side); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the partial index is left behind: %v", err)
	}
}

// TestReindexCurrent rebuilds an index made by this code: nothing is
// decided or extracted again, and it searches as before.
func TestReindexCurrent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddBatch(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	before := takeSnapshot(t, path)
	st, err := Reindex(ctx, path, nil)
	if err != nil || st.Articles != len(fixture()) || st.Decided != 0 || st.Reextracted != 0 || st.From != st.To {
		t.Fatalf("Reindex = %+v, %v", st, err)
	}
	after := takeSnapshot(t, path)
	if diff := cmp.Diff(before, after, cmp.AllowUnexported(snapshot{}, Article{}), cmp.Comparer(func(x, y signature) bool { return true })); diff != "" {
		t.Errorf("reindex changed the index (-before +after):\n%s", diff)
	}
	if _, err := Reindex(ctx, filepath.Join(t.TempDir(), "none"), nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Reindex(no index) = %v, want ErrNotFound", err)
	}
	ix, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := Reindex(ctx, path, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("Reindex(open index) = %v, want ErrLocked", err)
	}
}
