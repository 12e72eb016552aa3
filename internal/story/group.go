package story

// Grouper assigns articles to stories over a stream, in memory, the way the
// index does over its store: it looks up earlier articles that share a band
// key, verifies them with Similarity, and joins the story of the most
// similar one at or above Same; otherwise the article starts a story of its
// own. A story's id is the id of its first article. A Grouper is not safe for
// concurrent use.
type Grouper struct {
	sim   func(a, b int) float64 // similarity of articles a and b
	keys  map[string][]int32     // band key → articles
	ids   []string               // article → id
	story []int32                // article → first article of its story
	sigs  []Signature
	same  float64
}

// MaxCandidates is how many of the latest articles filed under one band key
// are verified. Articles that share a key are mostly copies of one story, so
// the latest few stand for all; the cap keeps the cost per article constant
// when a story has thousands of copies.
const MaxCandidates = 32

// NewGrouper returns an empty Grouper.
func NewGrouper() *Grouper {
	g := &Grouper{keys: make(map[string][]int32), same: Same}
	g.sim = func(a, b int) float64 { return Similarity(g.sigs[a], g.sigs[b]) }
	return g
}

// Add files the article id with signature sig and returns the id of its
// story, and the similarity to the article it matched (0 for a new story).
func (g *Grouper) Add(id string, sig Signature) (story string, sim float64) {
	g.sigs = append(g.sigs, sig)
	return g.add(id, sig.Keys())
}

func (g *Grouper) add(id string, keys []string) (string, float64) {
	n := int32(len(g.ids))
	g.ids = append(g.ids, id)
	best, bestSim := int32(-1), 0.0
	seen := make(map[int32]bool)
	for _, k := range keys {
		cs := g.keys[k]
		for _, c := range cs[max(0, len(cs)-MaxCandidates):] {
			if seen[c] {
				continue
			}
			seen[c] = true
			if s := g.sim(int(n), int(c)); s >= g.same && (s > bestSim || s == bestSim && c < best) {
				best, bestSim = c, s
			}
		}
		g.keys[k] = append(g.keys[k], n)
	}
	st := n
	if best >= 0 {
		st = g.story[best]
	}
	g.story = append(g.story, st)
	return g.ids[st], bestSim
}

// Len returns the number of articles added.
func (g *Grouper) Len() int { return len(g.ids) }

// Stories returns the number of stories formed so far.
func (g *Grouper) Stories() int {
	n := 0
	for i, s := range g.story {
		if int(s) == i {
			n++
		}
	}
	return n
}
