// Package osengine is the engine of an index kept in an OpenSearch
// cluster: the index's settings and mapping, bulk writes, the translation of
// search-box queries to the query DSL, searches with facets as terms
// aggregations, and the retries a busy or failing cluster needs.
package osengine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/opensearch-project/opensearch-go/v4"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Engine is an index in an OpenSearch cluster.
type Engine struct {
	cfg     Config
	client  *opensearch.Client
	log     *slog.Logger
	stories engine.StoryStore
	// languages are those of the index's documents (see scopesFor).
	languages presentLanguages
	// sleep waits between retries; tests shorten it.
	sleep func(ctx context.Context, d time.Duration) error
}

// Open connects to the cluster of cfg, creating the versioned index and its
// alias when the alias does not exist, and opens the story store under
// cfg.StateDir. Writes are acknowledged once OpenSearch acknowledged every
// document and made it searchable (refresh=wait_for).
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Engine, error) {
	c, err := cfg.WithDefaults()
	if err != nil {
		return nil, err
	}
	e, err := newEngine(c, log)
	if err != nil {
		return nil, err
	}
	if err := e.ensureIndex(ctx); err != nil {
		e.Close()
		return nil, err
	}
	// The first search needs the index's languages: asked now, a search
	// sends one request, as it did before (asked again once they are old).
	if _, err := e.scopesFor(ctx, nil); err != nil {
		e.log.Warn("opensearch: languages of the index", "err", err)
	}
	if c.StateDir != "" {
		dir := filepath.Join(c.StateDir, c.Index)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			e.Close()
			return nil, fmt.Errorf("opensearch state: %w", err)
		}
		st, err := engine.OpenStories(dir)
		if err != nil {
			e.Close()
			return nil, fmt.Errorf("opensearch state %s: %w", dir, err)
		}
		e.stories = st
	}
	return e, nil
}

// newEngine makes the client; it sends nothing.
func newEngine(c Config, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	noDiscover := false
	client, err := opensearch.NewClient(opensearch.Config{
		Addresses:          c.URLs,
		Username:           c.Username,
		Password:           c.Password,
		InsecureSkipVerify: c.InsecureSkipVerify,
		Transport:          c.Transport,
		// newsindex retries itself (see do), so that bulk items, shard
		// failures and dropped connections follow one policy.
		DisableRetry:          true,
		RequestTimeout:        c.Timeout,
		DiscoverNodesOnStart:  &noDiscover,
		HealthCheckMaxRetries: -1,
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch client: %w", err)
	}
	return &Engine{cfg: c, client: client, log: log, stories: engine.NewMemStories(), sleep: sleepCtx}, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the client and the story store.
func (e *Engine) Close() error {
	err := e.stories.Close()
	if cerr := e.client.Close(); err == nil {
		err = cerr
	}
	return err
}

// concreteIndex is the versioned index the alias points at when newsindex
// creates it.
func (e *Engine) concreteIndex() string { return fmt.Sprintf("%s-v%d", e.cfg.Index, e.cfg.Version) }

// ensureIndex creates the versioned index with the mapping, and the alias
// pointing at it, unless the alias exists. An alias that exists is used as
// it is, whatever index it points at: that is how a reindexed version is
// swapped in.
func (e *Engine) ensureIndex(ctx context.Context) error {
	_, err := e.do(ctx, http.MethodGet, "/_alias/"+url.PathEscape(e.cfg.Index), nil)
	if err == nil {
		e.reportOldMapping(ctx)
		return nil
	}
	if !errors.Is(err, engine.ErrNotFound) {
		return fmt.Errorf("opensearch: look up alias %q: %w", e.cfg.Index, err)
	}
	body, err := json.Marshal(osIndexBody(e.cfg))
	if err != nil {
		return err
	}
	_, err = e.do(ctx, http.MethodPut, "/"+url.PathEscape(e.concreteIndex()), body)
	var oe *Error
	if errors.As(err, &oe) && oe.Type == "resource_already_exists_exception" {
		return fmt.Errorf("opensearch: index %s exists but alias %s does not: point the alias at it (POST /_aliases) or pick another version: %w",
			e.concreteIndex(), e.cfg.Index, engine.ErrExists)
	}
	if err != nil {
		return fmt.Errorf("opensearch: create index %s: %w", e.concreteIndex(), err)
	}
	e.log.Info("opensearch: index created", "index", e.concreteIndex(), "alias", e.cfg.Index)
	return nil
}

// path is a path under the alias.
func (e *Engine) path(rest string) string { return "/" + url.PathEscape(e.cfg.Index) + rest }

// MappingVersion returns the mapping version of the index the alias points
// at (0 for one made before versions were recorded) and the version this
// newsindex creates. An older index searches and writes as it was made:
// articles in languages other than English, written into fields it does
// not map, are stored but not found until it is rebuilt (BeginRebuild;
// `newsindex reindex`).
func (e *Engine) MappingVersion(ctx context.Context) (have, want int, err error) {
	var res map[string]struct {
		Mappings struct {
			Meta struct {
				Version int `json:"newsindex_mapping"`
			} `json:"_meta"`
		} `json:"mappings"`
	}
	if err := e.doJSON(ctx, http.MethodGet, e.path("/_mapping"), nil, &res); err != nil {
		return 0, mappingVersion, fmt.Errorf("opensearch: mapping of %s: %w", e.cfg.Index, err)
	}
	have = mappingVersion
	for _, ix := range res {
		have = min(have, ix.Mappings.Meta.Version)
	}
	return have, mappingVersion, nil
}

// reportOldMapping warns when the index predates this newsindex's mapping.
func (e *Engine) reportOldMapping(ctx context.Context) {
	have, want, err := e.MappingVersion(ctx)
	switch {
	case err != nil:
		e.log.Warn("opensearch: mapping version unknown", "err", err)
	case have < want:
		e.log.Warn("opensearch: the index predates this newsindex's mapping: rebuild it (newsindex reindex) for articles in languages other than English to be found",
			"alias", e.cfg.Index, "mapping_version", have, "current", want)
	}
}
