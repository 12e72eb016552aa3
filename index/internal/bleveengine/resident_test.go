package bleveengine

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsindex/newsindex/index/internal/bleveengine/mapped"
	"github.com/newsindex/newsindex/index/internal/engine"
)

// diskFixture writes the fixture to an index on disk, an article a batch
// (a segment each, until merges join them), and opens it again.
func diskFixture(t *testing.T) *Engine {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	e, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range fixture() {
		if _, err := e.Apply(context.Background(), []engine.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if e, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestSearchAdvisesEverySegment(t *testing.T) {
	e := diskFixture(t)
	searchWith(t, e, engine.SearchRequest{Query: "sanctions"})
	segs, release := e.heldSegments()
	defer release()
	if len(segs) == 0 {
		t.Fatal("no segment in an index of four articles")
	}
	for i, s := range segs {
		if !e.mapped.Advised(s) {
			t.Errorf("segment %d of %d not advised after a search", i, len(segs))
		}
	}
}

func TestSearchKeepsMappedBudget(t *testing.T) {
	e := diskFixture(t)
	e.mapped = mapped.NewBudget(1) // any process maps more than a byte of files
	res := searchWith(t, e, engine.SearchRequest{Query: "sanctions"})
	if e.mapped.Trims() == 0 {
		t.Error("a search over the budget did not unmap the segments")
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hit for sanctions")
	}
	// Pages unmapped are mapped again from the page cache.
	if got := ids(searchWith(t, e, engine.SearchRequest{Query: "sanctions"})); got != ids(res) {
		t.Errorf("hits after the segments were unmapped %q, want %q", got, ids(res))
	}
}
