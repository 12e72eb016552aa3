package index

import (
	"context"
	"testing"
)

// TestRolesKnownFromTheCollection: a speaker an article names bare takes the
// role the text of articles added before, or in the same batch, gave them.
func TestRolesKnownFromTheCollection(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	add := func(as ...Article) {
		t.Helper()
		if _, err := ix.AddBatch(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	role := func(id string) string {
		t.Helper()
		a, err := ix.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Quotes) != 1 {
			t.Fatalf("article %s: quotes %+v, want one", id, a.Quotes)
		}
		return a.Quotes[0].Role
	}
	bare := func(id string) Article {
		return Article{ID: id, Title: "Vote delayed", Body: "“We need another week,” Maria Okafor said on Monday."}
	}
	add(bare("before"))
	add(Article{ID: "described", Title: "Budget talks resume", Body: "Sen. Maria Okafor said on Tuesday that the committee would vote next week."},
		bare("same-batch"))
	add(bare("after"))
	for id, want := range map[string]string{"before": RoleOther, "described": RoleOfficial, "same-batch": RoleOfficial, "after": RoleOfficial} {
		if got := role(id); got != want {
			t.Errorf("article %s: role %s, want %s", id, got, want)
		}
	}
}
