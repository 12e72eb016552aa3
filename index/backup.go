package index

import (
	"context"
	"errors"
	"fmt"
)

// Backup writes a consistent copy of the index to dir while the index
// keeps serving searches and writes. The copy holds every write that
// returned before Backup started, and none that started after it; it is a
// complete index that Open accepts. dir must not exist (ErrExists
// otherwise): the copy is made in a temporary folder beside it, synced to
// disk, and renamed to dir only when complete, so a crash never leaves a
// half-written dir behind. An in-memory index cannot be backed up
// (ErrInvalidRequest), nor can an index in OpenSearch, which the cluster's
// snapshot API copies: that error matches errors.ErrUnsupported.
func (ix *Index) Backup(ctx context.Context, dir string) error {
	return ix.use(func(e backend) error {
		b, ok := e.(backuper)
		if !ok {
			return fmt.Errorf("backup: %w: this engine keeps no files to copy (back an OpenSearch index up with its snapshot API)", errors.ErrUnsupported)
		}
		return b.Backup(ctx, dir)
	})
}
