package bleveengine

import (
	"math/rand/v2"
	"strings"
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
