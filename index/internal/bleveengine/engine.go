// Package bleveengine is the engine of an index held by bleve, on disk or
// in memory: the mapping, the documents of articles and quotes, the
// translation of search-box queries to bleve queries, searching with facets
// counted in the ranking pass (package facet), stories, backup and check.
package bleveengine

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/newsindex/newsindex/index/internal/bleveengine/facet"
	"github.com/newsindex/newsindex/index/internal/bleveengine/mapped"
	"github.com/newsindex/newsindex/index/internal/engine"
)

// lockWait is how long opening waits for another process's write lock
// before failing with ErrLocked, rather than hanging.
const lockWait = "2s"

// maxSegmentDocs bounds the documents (articles and quotes) of a segment
// that merges make. A merge maps every segment it reads into memory, and
// the pages it reads count in the resident set of the process; with
// scorch's default bound (5M documents) the last merges of a million-article
// ingest read the whole index, 4 GB. Bounded, a merge reads about 0.5 GB,
// and an index of a million articles has a few more segments to search.
const maxSegmentDocs = 400000

// scorchConfig is the configuration an index is created and opened with.
func scorchConfig() map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout":           lockWait,
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": maxSegmentDocs},
	}
}

// Engine is an index held by bleve: in a folder (the bleve index and the
// story store beside it) or in memory.
type Engine struct {
	idx     bleve.Index
	stories engine.StoryStore
	facets  *facet.Cache
	mapped  *mapped.Budget
	lengths fieldLengths
	langs   analysesCache
	// version is the mapping version the index was created with, which
	// says how its documents are written and its dates searched.
	version int
	// mem is set for an index held in memory only.
	mem bool
	// slices is how many slices a search of a large index runs its first
	// pass in (SetSearchSlices); 0 picks the default.
	slices int
	// searching counts the searches running, which then take a core each.
	searching atomic.Int32
}

// Create makes a new index at path: a new folder, or an empty one (a volume
// mounted for it). It fails with ErrExists if path holds anything.
func Create(path string) (*Engine, error) {
	if entries, err := os.ReadDir(path); err == nil && len(entries) > 0 || err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("create %s: %w", path, engine.ErrExists)
	}
	idx, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, scorchConfig())
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, translate(err))
	}
	if err := setMappingVersion(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return withStories(idx, path)
}

// Open opens the index at path: ErrNotFound if there is none, ErrLocked if
// another process has it open.
func Open(path string) (*Engine, error) {
	// Before the segments are mapped: see package mapped.
	mapped.EvictFiles(path)
	idx, err := bleve.OpenUsing(path, scorchConfig())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, translate(err))
	}
	return withStories(idx, path)
}

// OpenMem returns an index held in memory only.
func OpenMem() (*Engine, error) {
	// scorch, as on disk, so both count facets the same way.
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	if err := setMappingVersion(idx); err != nil {
		idx.Close()
		return nil, err
	}
	useBM25(idx)
	return &Engine{idx: idx, stories: engine.NewMemStories(), facets: facet.NewCache(), mapped: mapped.NewBudget(mappedBudget), version: MappingVersion, mem: true}, nil
}

// translate maps bleve's errors onto ours.
func translate(err error) error {
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist), errors.Is(err, bleve.ErrorIndexMetaMissing):
		return fmt.Errorf("%w: %v", engine.ErrNotFound, err)
	case errors.Is(err, bleve.ErrorIndexPathExists):
		return fmt.Errorf("%w: %v", engine.ErrExists, err)
	case errors.Is(err, bleve.ErrorIndexClosed):
		return engine.ErrClosed
	case strings.Contains(err.Error(), "timeout"):
		// bolt's file lock timed out: another process holds the index.
		return fmt.Errorf("%w (is `newsindex serve` or `ingest` running on it?)", engine.ErrLocked)
	}
	return err
}

// withStories opens the story store beside an opened bleve index.
func withStories(idx bleve.Index, path string) (*Engine, error) {
	st, err := engine.OpenStories(path)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	e := &Engine{idx: idx, stories: st, facets: facet.NewCache(), mapped: mapped.NewBudget(mappedBudget)}
	v, err := e.MappingVersion()
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	e.version = v
	useBM25(idx)
	return e, nil
}

// Close closes the bleve index and the story store.
func (e *Engine) Close() error {
	// The story store first: it may compact its file, which the index's
	// lock keeps any other process from opening meanwhile.
	err := e.stories.Close()
	if ierr := e.idx.Close(); err == nil {
		err = ierr
	}
	return err
}
