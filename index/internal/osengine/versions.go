package osengine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// A rebuild writes every article into the next versioned index beside the
// one the alias points at, then moves the alias in one request: searches
// never see a half-built index, and a failed rebuild leaves the alias where
// it was. These are the steps; package index runs them (index.Reindex).

// metaRebuildOf, in the _meta of an index a rebuild creates, names the
// index it was rebuilt from. A later rebuild that finds such an index with
// no alias on it knows it as the leftover of an interrupted rebuild and may
// remove it; any other index of that name is left alone.
const metaRebuildOf = "newsindex_rebuilt_from"

// AliasTarget returns the concrete index the alias points at.
func (e *Engine) AliasTarget(ctx context.Context) (string, error) {
	var res map[string]any
	if err := e.doJSON(ctx, http.MethodGet, "/_alias/"+url.PathEscape(e.cfg.Index), nil, &res); err != nil {
		return "", fmt.Errorf("opensearch: alias %s: %w", e.cfg.Index, err)
	}
	if len(res) != 1 {
		return "", fmt.Errorf("opensearch: alias %s points at %d indexes; a rebuild needs it on one", e.cfg.Index, len(res))
	}
	for name := range res {
		return name, nil
	}
	panic("unreachable")
}

// Rebuild is a versioned index being built beside the one the alias points
// at. Its Engine writes to it by name.
type Rebuild struct {
	// From is the index the alias points at; To the one being built.
	From, To string
	// Engine writes into To. It shares the alias's story store: the
	// articles are the same, and each finds its own record there, so it
	// keeps its story.
	Engine *Engine
	alias  *Engine
}

// versionSuffix reads the version of a name <alias>-v<N>.
var versionSuffix = regexp.MustCompile(`-v([0-9]+)$`)

// BeginRebuild creates the next versioned index, <alias>-v<N+1> where the
// alias points at <alias>-v<N>, with the current mapping and no alias,
// removing what an interrupted rebuild of the same index left there. It
// blocks writes to the old index until Finish or Abort: a writer that
// would be lost by the rebuild fails loudly instead.
func (e *Engine) BeginRebuild(ctx context.Context) (*Rebuild, error) {
	from, err := e.AliasTarget(ctx)
	if err != nil {
		return nil, err
	}
	n := e.cfg.Version
	if m := versionSuffix.FindStringSubmatch(from); m != nil {
		if v, err := strconv.Atoi(m[1]); err == nil {
			n = max(n, v)
		}
	}
	to := fmt.Sprintf("%s-v%d", e.cfg.Index, n+1)
	if err := e.removeLeftover(ctx, from, to); err != nil {
		return nil, err
	}
	body := osIndexBody(e.cfg)
	delete(body, "aliases")
	body["mappings"].(obj)["_meta"].(obj)[metaRebuildOf] = from
	if err := e.doJSON(ctx, http.MethodPut, "/"+url.PathEscape(to), body, nil); err != nil {
		var oe *Error
		if errors.As(err, &oe) && oe.Type == "resource_already_exists_exception" {
			return nil, fmt.Errorf("opensearch: index %s exists and is not a rebuild of %s: remove it or set opensearch.version above its number: %w", to, from, engine.ErrExists)
		}
		return nil, fmt.Errorf("opensearch: create index %s: %w", to, err)
	}
	if err := e.writeBlock(ctx, from, true); err != nil {
		e.deleteIndex(ctx, to)
		return nil, err
	}
	cfg := e.cfg
	cfg.Index, cfg.StateDir = to, ""
	neu, err := newEngine(cfg, e.log.With("rebuild", to))
	if err != nil {
		e.Abort(ctx, &Rebuild{From: from, To: to})
		return nil, err
	}
	neu.stories = sharedStories{e.stories}
	e.log.Info("opensearch: rebuilding", "alias", e.cfg.Index, "from", from, "to", to)
	return &Rebuild{From: from, To: to, Engine: neu, alias: e}, nil
}

// removeLeftover removes index to when it is what an interrupted rebuild
// of from left: its _meta says so and no alias points at it.
func (e *Engine) removeLeftover(ctx context.Context, from, to string) error {
	var res map[string]struct {
		Aliases  map[string]any `json:"aliases"`
		Mappings struct {
			Meta map[string]any `json:"_meta"`
		} `json:"mappings"`
	}
	err := e.doJSON(ctx, http.MethodGet, "/"+url.PathEscape(to), nil, &res)
	if errors.Is(err, engine.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("opensearch: look up index %s: %w", to, err)
	}
	ix, ok := res[to]
	if !ok || len(ix.Aliases) > 0 || ix.Mappings.Meta[metaRebuildOf] != from {
		return nil // not ours: creating it fails with a clear error
	}
	e.log.Info("opensearch: removing what an interrupted rebuild left", "index", to)
	return e.deleteIndex(ctx, to)
}

// Finish checks that the new index holds as many articles as want, then
// points the alias at it in one request. The old index stays, read-only,
// for the operator to remove (DeleteIndex) once satisfied.
func (r *Rebuild) Finish(ctx context.Context, want uint64) error {
	e := r.alias
	if _, err := e.do(ctx, http.MethodPost, "/"+url.PathEscape(r.To)+"/_refresh", nil); err != nil {
		return fmt.Errorf("opensearch: refresh %s: %w", r.To, err)
	}
	got, err := r.Engine.Count(ctx)
	if err != nil {
		return fmt.Errorf("opensearch: count %s: %w", r.To, err)
	}
	if got != want {
		return fmt.Errorf("opensearch: %s holds %d articles, %s %d", r.To, got, r.From, want)
	}
	actions := obj{"actions": []obj{
		{"remove": obj{"index": r.From, "alias": e.cfg.Index}},
		{"add": obj{"index": r.To, "alias": e.cfg.Index, "is_write_index": true}},
	}}
	if err := e.doJSON(ctx, http.MethodPost, "/_aliases", actions, nil); err != nil {
		return fmt.Errorf("opensearch: move alias %s from %s to %s: %w", e.cfg.Index, r.From, r.To, err)
	}
	e.log.Info("opensearch: alias moved", "alias", e.cfg.Index, "from", r.From, "to", r.To)
	return nil
}

// Abort removes the index being built and lifts the write block on the old
// one: the alias and its index are as they were. It runs on a context of
// its own, so that a cancelled rebuild still cleans up.
func (e *Engine) Abort(ctx context.Context, r *Rebuild) {
	ctx = context.WithoutCancel(ctx)
	if err := e.deleteIndex(ctx, r.To); err != nil && !errors.Is(err, engine.ErrNotFound) {
		e.log.Warn("opensearch: remove the partial rebuild", "index", r.To, "err", err)
	}
	if err := e.writeBlock(ctx, r.From, false); err != nil {
		e.log.Warn("opensearch: lift the write block", "index", r.From, "err", err)
	}
}

// sharedStories is a story store another engine owns and closes.
type sharedStories struct{ engine.StoryStore }

func (sharedStories) Close() error { return nil }

// writeBlock sets or lifts index.blocks.write on an index.
func (e *Engine) writeBlock(ctx context.Context, index string, on bool) error {
	var v any // null resets the setting
	if on {
		v = true
	}
	if err := e.doJSON(ctx, http.MethodPut, "/"+url.PathEscape(index)+"/_settings", obj{"index.blocks.write": v}, nil); err != nil {
		return fmt.Errorf("opensearch: write block on %s: %w", index, err)
	}
	return nil
}

// DeleteIndex removes a concrete index that no alias of this engine's
// points at (the old version after a rebuild).
func (e *Engine) DeleteIndex(ctx context.Context, index string) error {
	target, err := e.AliasTarget(ctx)
	if err != nil {
		return err
	}
	if target == index {
		return fmt.Errorf("%w: opensearch: %s is the index the alias %s points at", engine.ErrInvalidRequest, index, e.cfg.Index)
	}
	return e.deleteIndex(ctx, index)
}

func (e *Engine) deleteIndex(ctx context.Context, index string) error {
	if _, err := e.do(ctx, http.MethodDelete, "/"+url.PathEscape(index), nil); err != nil {
		return fmt.Errorf("opensearch: delete index %s: %w", index, err)
	}
	return nil
}
