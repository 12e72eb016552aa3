package bleveengine

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// An index written a batch at a time and compacted is one segment (all of
// it is under the bound), holding every article, also once reopened.
func TestCompactLeavesOneSegmentUnderTheBound(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	e, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	const batches = 30
	for i := range batches {
		docs := fixture()
		for j := range docs {
			docs[j].ID = fmt.Sprintf("%s-%d", docs[j].ID, i)
		}
		if _, err := e.Apply(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if n := e.segmentCount(); n != 1 {
		t.Errorf("%d segments after Compact, want 1", n)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if e, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if n := e.segmentCount(); n != 1 {
		t.Errorf("%d segments once reopened, want 1", n)
	}
	if n, err := e.Count(ctx); err != nil || n != batches*uint64(len(fixture())) {
		t.Errorf("Count = %d, %v; want %d", n, err, batches*len(fixture()))
	}
	one := searchWith(t, openFixture(t), engine.SearchRequest{Query: "sanctions"})
	res := searchWith(t, e, engine.SearchRequest{Query: "sanctions", Size: 1000})
	if len(one.Hits) == 0 || len(res.Hits) != batches*len(one.Hits) {
		t.Errorf("%d hits for sanctions, want %d", len(res.Hits), batches*len(one.Hits))
	}
}

func TestCompactInMemoryDoesNothing(t *testing.T) {
	e := openFixture(t)
	if err := e.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
}
