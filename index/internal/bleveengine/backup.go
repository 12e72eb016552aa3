package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Backup writes a consistent copy of the index to dir while the index
// keeps serving searches and writes (see index.Index.Backup).
func (e *Engine) Backup(ctx context.Context, dir string) (err error) {
	if e.idx.Name() == "" {
		return fmt.Errorf("backup: %w: an in-memory index has no files to copy", engine.ErrInvalidRequest)
	}
	dir = filepath.Clean(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		if src, err := filepath.Abs(e.idx.Name()); err == nil && (abs == src || strings.HasPrefix(abs, src+string(filepath.Separator))) {
			return fmt.Errorf("backup to %s: %w: the copy cannot go inside the index", dir, engine.ErrInvalidRequest)
		}
	}
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("backup to %s: %w", dir, engine.ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	c, ok := e.idx.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("backup: the bleve index does not support copying")
	}
	// CopyTo pins the current snapshot: segments in it are kept on disk
	// (and those still in memory are written out) until the copy is done.
	if err := c.CopyTo(bleve.FileSystemDirectory(tmp)); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, translate(err))
	}
	// The story store is a hint store beside the search index (see
	// engine.StoryStore): a copy of it made a moment later is as good.
	if bs, ok := e.stories.(*engine.BoltStories); ok {
		if err := bs.CopyTo(filepath.Join(tmp, engine.StoriesFile)); err != nil {
			return fmt.Errorf("backup to %s: story store: %w", dir, err)
		}
	}
	if err := syncTree(tmp); err != nil {
		return fmt.Errorf("backup to %s: sync: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	if err := syncDir(parent); err != nil {
		return fmt.Errorf("backup to %s: sync: %w", dir, err)
	}
	return nil
}

// syncTree flushes every file and folder under root to stable storage.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(path)
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

func syncDir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
