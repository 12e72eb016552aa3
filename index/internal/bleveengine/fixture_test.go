package bleveengine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// fixtureWords are the words the random multi-segment fixtures write their
// articles in: few, so that every search matches many articles.
var fixtureWords = strings.Fields("oil prices rose crude bank central rates interest market stock fell")

// randomText returns n words of fixtureWords drawn by r.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(fixtureWords[r.IntN(len(fixtureWords))] + " ")
	}
	return b.String()
}

// randomPick returns up to two of vs drawn by r, repeats allowed.
func randomPick(r *rand.Rand, vs []string) []string {
	var out []string
	for range r.IntN(3) {
		out = append(out, vs[r.IntN(len(vs))])
	}
	return out
}

// randomFacets gives a its facet values (source, category, people,
// countries, language, story) drawn by r.
func randomFacets(r *rand.Rand, a *engine.Article) {
	a.Source = []string{"Reuters", "AP", "AFP"}[r.IntN(3)]
	a.Category = []string{"business", "politics", "sport"}[r.IntN(3)]
	a.People = randomPick(r, []string{"Ann Lee", "Bo Chen", "Cy Diaz", "Di Eng"})
	a.Countries = randomPick(r, []string{"France", "Peru", "Japan"})
	// Articles of three analyses: a word is read in each.
	a.Language = []string{"en", "en", "fr", "de"}[r.IntN(4)]
	if r.IntN(2) == 0 {
		a.Story = fmt.Sprint("s", r.IntN(40))
	}
}

// openSnapshot returns the scorch snapshot e searches now, closed when the
// test ends.
func openSnapshot(t *testing.T, e *Engine) *scorch.IndexSnapshot {
	t.Helper()
	adv, err := e.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	ir, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ir.Close() })
	snap, ok := ir.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader %T is not a scorch snapshot", ir)
	}
	return snap
}
