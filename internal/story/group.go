package story

import "time"

// MaxCandidates is how many of the latest articles filed under one band key
// are verified. Articles that share a key are mostly copies of one story, so
// the latest few stand for all; the cap keeps the cost per article constant
// when a story has thousands of copies.
const MaxCandidates = 32

// Window is the publication window that the corpus measurement found
// useful: recurring reports (a weekly money-supply table, a daily repo
// operation) repeat their wording days or weeks apart, while the copies of
// one story appear within a day or two.
const Window = 3 * 24 * time.Hour

// Grouper assigns articles to stories over a stream, in memory, the way the
// index does over its store: it looks up earlier articles that share a band
// key, verifies them with Similarity, and joins the story of the most
// similar one at or above Same; otherwise the article starts a story of its
// own. A story's id is the id of its first article. A Grouper is not safe for
// concurrent use.
type Grouper struct {
	// Window, when positive, keeps apart articles published further apart
	// than it; articles without a date are never kept apart.
	Window time.Duration

	same    float64
	head    map[uint64]int32 // band key → latest article filed under it
	next    []int32          // article*Bands+band → earlier article with the same key, or -1
	sigs    []Signature
	ids     []string
	story   []int32 // article → first article of its story
	when    []time.Time
	visited []uint32 // article → the last Add that verified it
}

// NewGrouper returns an empty Grouper.
func NewGrouper() *Grouper {
	return &Grouper{same: Same, head: make(map[uint64]int32, 1<<20)}
}

// Add files the article id with signature sig and returns the id of its
// story and its similarity to the article it joined (0 for a new story).
func (g *Grouper) Add(id string, sig Signature) (story string, sim float64) {
	return g.AddAt(id, sig, time.Time{})
}

// AddAt is Add for an article published at published (zero if unknown).
func (g *Grouper) AddAt(id string, sig Signature, published time.Time) (story string, sim float64) {
	n := int32(len(g.ids))
	g.ids = append(g.ids, id)
	g.sigs = append(g.sigs, sig)
	g.when = append(g.when, published)
	g.visited = append(g.visited, 0)
	stamp := uint32(n) + 1
	best, bestSim := int32(-1), 0.0
	var bands [Bands]uint64
	if !sig.IsZero() {
		bands = sig.m.bands()
	}
	for band, v := range bands {
		if sig.IsZero() {
			g.next = append(g.next, -1)
			continue
		}
		key := mix(v ^ uint64(band+1)*0x9e3779b97f4a7c15)
		c, ok := g.head[key]
		if !ok {
			c = -1
		}
		g.next = append(g.next, c)
		g.head[key] = n
		for seen := 0; c >= 0 && seen < MaxCandidates; c, seen = g.next[int(c)*Bands+band], seen+1 {
			if g.visited[c] == stamp {
				continue
			}
			g.visited[c] = stamp
			if g.Window > 0 && !published.IsZero() && !g.when[c].IsZero() {
				if d := published.Sub(g.when[c]); d > g.Window || d < -g.Window {
					continue
				}
			}
			if s := Similarity(sig, g.sigs[c]); s >= g.same && (s > bestSim || s == bestSim && c < best) {
				best, bestSim = c, s
			}
		}
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
