package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// OldDoc is what replacing an article needs to know of the one it replaces.
type OldDoc struct {
	NQuotes int
	Story   string
}

// Existing looks up what an engine holds of the articles with the given
// IDs: those it holds, by ID.
type Existing func(ctx context.Context, ids []string) (map[string]OldDoc, error)

// ExistingStories looks up which of docs an engine already holds (existing
// answers by ID) and assigns every article its story; it returns what is
// stored of the existing ones. Each engine's Apply starts with it.
func ExistingStories(ctx context.Context, stories StoryStore, docs []Article, existing Existing) (map[string]OldDoc, error) {
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].ID
	}
	old, err := existing(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("look up existing articles: %w", err)
	}
	if err := assignStories(ctx, stories, docs, old); err != nil {
		return nil, err
	}
	return old, nil
}

// StoredArticle returns what is stored of article id (existing answers by
// ID), or ErrNotFound. Each engine's Remove starts with it.
func StoredArticle(ctx context.Context, id string, existing Existing) (OldDoc, error) {
	old, err := existing(ctx, []string{id})
	if err != nil {
		return OldDoc{}, err
	}
	o, ok := old[id]
	if !ok {
		return OldDoc{}, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	return o, nil
}

// assignStories sets the Story of each article: the story of the most
// similar earlier article (in the index, or earlier in docs) at or above
// story.Same published within story.Window of it, else the article's own ID.
// Replacing an article keeps the story it had. Every engine shares it: it
// finds the candidates of each article in stories, the store of the
// signatures of the articles written before, and among the earlier articles
// of docs.
func assignStories(ctx context.Context, stories StoryStore, docs []Article, old map[string]OldDoc) error {
	type local struct {
		i   int
		sig story.Signature
	}
	byKey := map[string][]local{} // band key → articles of this batch filed under it
	for i := range docs {
		a := &docs[i]
		if o, ok := old[a.ID]; ok && o.Story != "" {
			a.Story = o.Story
		}
		sig := a.Sig
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
			cands, err := stories.candidates(sig.Keys())
			if err != nil {
				return fmt.Errorf("story candidates: %w", err)
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

// StoryRecs returns what the story store keeps of docs, once their
// stories are assigned.
func StoryRecs(docs []Article) []StoryRec {
	recs := make([]StoryRec, 0, len(docs))
	for i := range docs {
		a := &docs[i]
		if a.Sig.IsZero() {
			continue
		}
		recs = append(recs, StoryRec{id: a.ID, story: a.Story, published: a.Published, sig: a.Sig})
	}
	return recs
}
