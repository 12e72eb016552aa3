package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/newsindex/newsindex/index/internal/bleveengine"
	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/index/internal/osengine"
	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/lang"
)

// reindexBatch is how many articles Reindex writes at a time.
const reindexBatch = 500

// ReindexStats reports what Reindex did.
type ReindexStats struct {
	// Articles is the number of articles copied: all of them.
	Articles int `json:"articles"`
	// Quotes is the number of quotations the rebuilt index holds.
	Quotes int `json:"quotes"`
	// Decided counts the articles stored without a language, whose
	// language was decided now (lang.Resolve, from the tag their source
	// gave and their text).
	Decided int `json:"decided"`
	// Reextracted counts those of them that are not in English, and whose
	// enrichment, found by the English rules, was extracted again.
	Reextracted int `json:"reextracted"`
	// From and To are the mapping versions before and after.
	From int `json:"from"`
	To   int `json:"to"`
	// OldIndex and NewIndex name the OpenSearch indexes the alias pointed
	// at before and after (ReindexOpenSearch).
	OldIndex string `json:"old_index,omitempty"`
	NewIndex string `json:"new_index,omitempty"`
	// TookMS is the time taken, in milliseconds.
	TookMS float64 `json:"took_ms"`
}

// Reindex rebuilds the index at path with the mapping this code creates,
// from its stored articles, and puts the rebuilt index in its place: what
// an index made before a change of mapping needs (CheckReport.NeedsReindex),
// and what it may do at any time.
//
// Every article is kept, with its ID, story and enrichment. An article
// stored without a language (made before languages were decided) gets one,
// from the tag its source gave and its text (lang.Resolve); when that
// language is not one the English rules read, the enrichment they made of
// it (people, quotations, a classifier's category, and the rest) is
// extracted again, in its language. Articles in English, and those whose
// language was decided when they were added, are not extracted again: only
// enrichment fields an older index did not have (places) are filled in.
//
// The rebuilt index is written beside the old one, in a hidden folder (see
// the README, "Languages"), while Reindex holds the old one open, so that
// no other process writes to it; the old index is replaced only once every
// article is in the new one and on disk, and in one step where the system
// can exchange two folders (Linux, macOS). A crash or a cancellation before
// that leaves the old index as it was: it opens, complete, and the next
// Reindex removes the partial one. Progress is logged to opts.Logger.
//
// It fails with ErrNotFound when there is no index at path, and with
// ErrLocked while another process (`newsindex serve`) has it open.
func Reindex(ctx context.Context, path string, opts *Options) (ReindexStats, error) {
	start := time.Now()
	o := opts.withDefaults()
	log := o.Logger.With("path", path)
	var st ReindexStats
	old, err := bleveengine.Open(path)
	if err != nil {
		return st, err
	}
	defer func() {
		if old != nil {
			old.Close()
		}
	}()
	if st.From, err = old.MappingVersion(); err != nil {
		return st, fmt.Errorf("reindex %s: %w", path, err)
	}
	st.To = bleveengine.MappingVersion
	want, err := old.Count(ctx)
	if err != nil {
		return st, fmt.Errorf("reindex %s: count articles: %w", path, err)
	}
	side := bleveengine.ReplaceSide(path)
	if _, err := os.Stat(side); err == nil {
		log.Info("reindex: removing what an interrupted reindex left", "side", side)
	}
	for _, p := range []string{side, side + ".old"} {
		if err := os.RemoveAll(p); err != nil {
			return st, fmt.Errorf("reindex %s: remove %s: %w", path, p, err)
		}
	}
	neu, err := bleveengine.Create(side)
	if err != nil {
		return st, fmt.Errorf("reindex %s: %w", path, err)
	}
	nix, err := newIndex(neu, o)
	if err != nil {
		os.RemoveAll(side)
		return st, fmt.Errorf("reindex %s: %w", path, err)
	}
	built := false
	defer func() {
		nix.Close()
		if !built {
			os.RemoveAll(side)
		}
	}()
	log.Info("reindex: started", "count", want, "from", st.From, "to", st.To, "side", side)

	if err := copyArticles(ctx, old, nix, want, &st, log); err != nil {
		return st, fmt.Errorf("reindex %s: %w (the index is unchanged)", path, err)
	}
	if st.Quotes, err = quoteCount(ctx, nix); err != nil {
		return st, fmt.Errorf("reindex %s: %w", path, err)
	}
	if err := errors.Join(nix.Close(), old.Close()); err != nil {
		old = nil
		return st, fmt.Errorf("reindex %s: close: %w (the index is unchanged)", path, err)
	}
	old = nil
	built = true
	if err := bleveengine.Replace(side, path); err != nil {
		return st, fmt.Errorf("reindex: %w", err)
	}
	st.TookMS = float64(time.Since(start).Microseconds()) / 1000
	log.Info("reindex: done", "count", st.Articles, "quotes", st.Quotes, "decided", st.Decided,
		"reextracted", st.Reextracted, "took", time.Since(start).Round(time.Millisecond))
	return st, nil
}

// ReindexOpenSearch rebuilds the OpenSearch index behind the alias
// cfg.Index with the mapping this code creates, as Reindex does an index on
// disk: the same articles, enrichment and stories, an article stored
// without a language given one and, when it is not English, extracted
// again. The articles are written into the next versioned index
// (<alias>-v<N+1>); once it holds them all, the alias moves to it in one
// request, so that searches never see it half-built. The old index is
// blocked for writes during the rebuild (a writer fails rather than write
// an article the rebuild would miss), and stays, read-only, once the alias
// has moved, for the operator to delete (DeleteOld) when satisfied. A
// failure or a cancellation removes the new index and lifts the block:
// the alias and its index are as they were.
func ReindexOpenSearch(ctx context.Context, cfg OpenSearchConfig, opts *Options) (ReindexStats, error) {
	start := time.Now()
	o := opts.withDefaults()
	var st ReindexStats
	old, err := osengine.Open(ctx, osengine.Config(cfg), o.Logger)
	if err != nil {
		return st, publicError(err)
	}
	defer old.Close()
	if st.From, st.To, err = old.MappingVersion(ctx); err != nil {
		return st, publicError(err)
	}
	want, err := old.Count(ctx)
	if err != nil {
		return st, publicError(fmt.Errorf("reindex: count articles: %w", err))
	}
	rb, err := old.BeginRebuild(ctx)
	if err != nil {
		return st, publicError(fmt.Errorf("reindex: %w", err))
	}
	st.OldIndex, st.NewIndex = rb.From, rb.To
	log := o.Logger.With("alias", cfg.Index, "from", rb.From, "to", rb.To)
	nix, err := newIndex(rb.Engine, o)
	if err != nil {
		old.Abort(ctx, rb)
		return st, fmt.Errorf("reindex: %w", err)
	}
	done := false
	defer func() {
		nix.Close()
		if !done {
			old.Abort(ctx, rb)
		}
	}()
	log.Info("reindex: started", "count", want, "mapping_from", st.From, "mapping_to", st.To)
	if err := copyArticles(ctx, old, nix, want, &st, log); err != nil {
		return st, publicError(fmt.Errorf("reindex %s: %w (the alias is unchanged)", rb.From, err))
	}
	if st.Quotes, err = quoteCount(ctx, nix); err != nil {
		return st, publicError(fmt.Errorf("reindex: %w", err))
	}
	if err := rb.Finish(ctx, want); err != nil {
		return st, publicError(fmt.Errorf("reindex: %w (the alias is unchanged)", err))
	}
	done = true
	st.TookMS = float64(time.Since(start).Microseconds()) / 1000
	log.Info("reindex: done", "count", st.Articles, "quotes", st.Quotes, "decided", st.Decided,
		"reextracted", st.Reextracted, "took", time.Since(start).Round(time.Millisecond))
	return st, nil
}

// DeleteOldOpenSearchIndex deletes a concrete index of the cluster of cfg
// that the alias cfg.Index no longer points at: the old version a
// ReindexOpenSearch left (ReindexStats.OldIndex). It refuses the index the
// alias points at.
func DeleteOldOpenSearchIndex(ctx context.Context, cfg OpenSearchConfig, name string) error {
	cfg.StateDir = "" // stories are not needed to delete an index
	e, err := osengine.Open(ctx, osengine.Config(cfg), nil)
	if err != nil {
		return publicError(err)
	}
	defer e.Close()
	return publicError(e.DeleteIndex(ctx, name))
}

// decideLanguage decides the language of an article stored without one,
// and reports whether the enrichment the English rules made of it is to be
// extracted again (cleared, so that AddBatch extracts it in its language).
// The source's own category stays; a classifier's does not.
func decideLanguage(a *Article) bool {
	a.Language, a.LanguageSource = lang.Resolve(a.Language, extract.Text(a.Title, a.Body))
	if extract.English(a.Language) {
		return false
	}
	a.People, a.Countries, a.Places, a.Organizations, a.Quotes, a.Analysts = nil, nil, nil, nil, nil, nil
	if a.CategorySource != "metadata" {
		a.Category, a.CategorySource = "", ""
	}
	return true
}

// quoteCount returns the number of quotations an index holds.
func quoteCount(ctx context.Context, ix *Index) (int, error) {
	res, err := ix.Quotes(ctx, QuoteRequest{NoHits: true, FacetSize: 1})
	if err != nil {
		return 0, fmt.Errorf("count quotes: %w", err)
	}
	return int(res.Total), nil
}

// copyArticles writes every article of old into nix, deciding the language
// of those stored without one (decideLanguage), and checks that nix then
// holds want articles.
func copyArticles(ctx context.Context, old backend, nix *Index, want uint64, st *ReindexStats, log *slog.Logger) error {
	batch := make([]Article, 0, reindexBatch)
	lastLog := time.Now()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := nix.AddBatch(ctx, batch); err != nil {
			return err
		}
		st.Articles += len(batch)
		batch = batch[:0]
		if time.Since(lastLog) >= 2*time.Second {
			lastLog = time.Now()
			log.Info("reindex: progress", "count", st.Articles, "of", want, "reextracted", st.Reextracted)
		}
		return nil
	}
	err := old.Each(ctx, func(ea engine.Article) error {
		a := articleOf(ea)
		if a.LanguageSource == "" {
			st.Decided++
			if decideLanguage(&a) {
				st.Reextracted++
			}
		}
		batch = append(batch, a)
		if len(batch) == reindexBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	got, err := nix.Count(ctx)
	if err != nil {
		return fmt.Errorf("count the rebuilt index: %w", err)
	}
	if got != want || uint64(st.Articles) != want {
		return fmt.Errorf("the index holds %d articles, %d were copied and the rebuilt index holds %d", want, st.Articles, got)
	}
	return nil
}
