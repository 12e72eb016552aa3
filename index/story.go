package index

import (
	"context"
	"fmt"
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// signature wraps story.Signature so that Article's zero value needs no
// import of the story package by embedders.
type signature struct{ story.Signature }

// existingStories looks up which of docs an engine already holds (existing
// answers by ID) and assigns every article its story; it returns what is
// stored of the existing ones. Each engine's apply starts with it.
func existingStories(ctx context.Context, stories storyStore, docs []Article,
	existing func(context.Context, []string) (map[string]oldDoc, error)) (map[string]oldDoc, error) {
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

// storedArticle returns what is stored of article id (existing answers by
// ID), or ErrNotFound. Each engine's remove starts with it.
func storedArticle(ctx context.Context, id string, existing func(context.Context, []string) (map[string]oldDoc, error)) (oldDoc, error) {
	old, err := existing(ctx, []string{id})
	if err != nil {
		return oldDoc{}, err
	}
	o, ok := old[id]
	if !ok {
		return oldDoc{}, fmt.Errorf("article %q: %w", id, ErrNotFound)
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
func assignStories(ctx context.Context, stories storyStore, docs []Article, old map[string]oldDoc) error {
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

// storyRecs returns what the story store keeps of docs, once their
// stories are assigned.
func storyRecs(docs []Article) []storyRec {
	recs := make([]storyRec, 0, len(docs))
	for i := range docs {
		a := &docs[i]
		if a.sig.IsZero() {
			continue
		}
		recs = append(recs, storyRec{id: a.ID, story: a.Story, published: a.Published, sig: a.sig.Signature})
	}
	return recs
}
