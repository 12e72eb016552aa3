package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/internal/story"
)

// signature wraps story.Signature so that Article's zero value needs no
// import of the story package by embedders.
type signature struct{ story.Signature }

// storyCandidates is how many earlier articles sharing band keys with a new
// one are verified: the best-scoring (most keys shared) come first.
const storyCandidates = 2 * story.MaxCandidates

// assignStories sets the Story of each article: the story of the most
// similar earlier article (in the index, or earlier in docs) at or above
// story.Same published within story.Window of it, else the article's own ID.
// Replacing an article keeps the story it had.
func (e *bleveEngine) assignStories(ctx context.Context, docs []Article, old map[string]oldDoc) error {
	type local struct {
		i   int
		sig story.Signature
	}
	byKey := map[string][]local{} // band key → articles of this batch filed under it
	for i := range docs {
		a := &docs[i]
		if o, ok := old[a.ID]; ok && o.story != "" {
			a.Story = o.story
		}
		sig := a.sig.Signature
		if a.Story == "" && !sig.IsZero() {
			best, bestSim := "", 0.0
			consider := func(id, st string, s story.Signature, published time.Time, sim float64) {
				if id == a.ID || st == "" {
					return
				}
				if !published.IsZero() && !a.Published.IsZero() {
					if d := a.Published.Sub(published); d > story.Window || d < -story.Window {
						return
					}
				}
				if sim >= story.Same && sim > bestSim {
					best, bestSim = st, sim
				}
			}
			cands, err := e.storyCandidates(ctx, sig.Keys())
			if err != nil {
				return err
			}
			for _, c := range cands {
				consider(c.id, c.story, c.sig, c.published, story.Similarity(sig, c.sig))
			}
			seen := map[int]bool{}
			for _, k := range sig.Keys() {
				for _, l := range byKey[k] {
					if !seen[l.i] {
						seen[l.i] = true
						b := &docs[l.i]
						consider(b.ID, b.Story, l.sig, b.Published, story.Similarity(sig, l.sig))
					}
				}
			}
			a.Story = best
		}
		if a.Story == "" {
			a.Story = a.ID
		}
		for _, k := range sig.Keys() {
			byKey[k] = append(byKey[k], local{i, sig})
		}
	}
	return nil
}

type storyCandidate struct {
	id, story string
	sig       story.Signature
	published time.Time
}

// storyCandidates finds earlier articles filed under any of keys.
func (e *bleveEngine) storyCandidates(ctx context.Context, keys []string) ([]storyCandidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	qs := make([]bq.Query, len(keys))
	for i, k := range keys {
		t := bleve.NewTermQuery(k)
		t.SetField(fStoryKeys)
		qs[i] = t
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), storyCandidates, 0, false)
	req.Fields = []string{fSig, fStory, fPublished}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("story candidates: %w", translate(err))
	}
	out := make([]storyCandidate, 0, len(res.Hits))
	for _, h := range res.Hits {
		s, _ := h.Fields[fSig].(string)
		sig, err := story.Parse(s)
		if err != nil {
			continue // an article indexed before signatures were kept
		}
		c := storyCandidate{id: h.ID, sig: sig}
		c.story, _ = h.Fields[fStory].(string)
		if p, ok := h.Fields[fPublished].(string); ok {
			c.published, _ = time.Parse(time.RFC3339, p)
		}
		out = append(out, c)
	}
	return out, nil
}
