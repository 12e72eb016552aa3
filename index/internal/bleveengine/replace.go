package bleveengine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ReplaceSide returns the folder beside the index at path in which a
// rebuild of it is made: hidden, on the same file system (so that it can
// take the index's place by renaming), and always the same, so that what
// an interrupted rebuild left there is found and removed by the next.
func ReplaceSide(path string) string {
	path = filepath.Clean(path)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".reindex")
}

// Replace puts the closed index built in side in the place of the closed
// index at path, and removes the old one. Where the system can exchange
// two folders in one step (Linux's renameat2 RENAME_EXCHANGE, macOS's
// renamex_np RENAME_SWAP), it does: at every moment path holds one
// complete index, the old or the new, and a crash leaves at most the old
// one in side, which the next rebuild removes. Elsewhere the old index is
// first renamed aside (to side + ".old") and the new one into place: a
// crash between the two renames leaves no index at path, the old one at
// side + ".old" and the new one at side, complete, and Replace given the
// same paths again finishes the swap.
func Replace(side, path string) error {
	path = filepath.Clean(path)
	if err := syncTree(side); err != nil {
		return fmt.Errorf("replace %s: sync the new index: %w", path, err)
	}
	if err := exchange(side, path); err == nil {
		if err := syncDir(filepath.Dir(path)); err != nil {
			return fmt.Errorf("replace %s: sync: %w", path, err)
		}
		if err := os.RemoveAll(side); err != nil {
			return fmt.Errorf("replace %s: the new index is in place, but the old one could not be removed from %s: %w", path, side, err)
		}
		return nil
	} else if !errors.Is(err, errNoExchange) {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	old := side + ".old"
	if _, err := os.Stat(path); err == nil {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("replace %s: %w", path, err)
		}
		if err := os.Rename(path, old); err != nil {
			return fmt.Errorf("replace %s: move the old index aside: %w", path, err)
		}
	} else if _, serr := os.Stat(old); serr != nil {
		return fmt.Errorf("replace %s: %w", path, err) // neither the index nor its old copy
	}
	if err := os.Rename(side, path); err != nil {
		return fmt.Errorf("replace %s: the old index is at %s, and the new one could not take its place: %w", path, old, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("replace %s: sync: %w", path, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("replace %s: the new index is in place, but the old one could not be removed from %s: %w", path, old, err)
	}
	return nil
}

// errNoExchange is exchange's answer where the system cannot exchange two
// folders in one step.
var errNoExchange = errors.New("no atomic exchange of folders here")
