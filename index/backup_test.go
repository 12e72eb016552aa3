package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
)

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Create(filepath.Join(dir, "idx"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.AddBatch(ctx, fixture()); err != nil {
		t.Fatal(err)
	}

	// Writes go on while the backup runs; the copy must still be whole.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			a := Article{ID: fmt.Sprintf("w%d", i), Title: fmt.Sprintf("Harbour note %d", i), Body: "Cranes idle at the port.",
				People: []string{}, Countries: []string{}, Organizations: []string{}, Analysts: []string{}, Quotes: []Quote{},
				Category: "Business", CategorySource: "metadata"}
			if err := ix.Add(ctx, a); err != nil {
				t.Error(err)
				return
			}
		}
	})
	backups := []string{filepath.Join(dir, "b1"), filepath.Join(dir, "sub", "b2")}
	for _, b := range backups {
		if err := ix.Backup(ctx, b); err != nil {
			t.Fatalf("Backup(%s) = %v", b, err)
		}
	}
	close(stop)
	wg.Wait()

	for _, b := range backups {
		r, err := Check(ctx, b)
		if err != nil {
			t.Fatalf("Check(%s) = %v", b, err)
		}
		if !r.OK() || r.Articles < len(fixture()) || r.Quotes != 3 || r.FoundByID != r.Articles || r.FoundByTitle != r.Articles {
			t.Errorf("Check(%s) = %+v, want a sound index holding the fixture", b, r)
		}
		if _, err := os.Stat(filepath.Join(b, engine.StoriesFile)); err != nil {
			t.Errorf("the copy %s has no story store: %v", b, err)
		}
		// The copy is a working index.
		cp, err := Open(b, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := cp.Search(ctx, SearchRequest{Query: "sanctions"})
		if err != nil || res.Total == 0 {
			t.Errorf("search in the copy %s: %v, %v", b, res, err)
		}
		cp.Close()
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name()[0] == '.' {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}

	if err := ix.Backup(ctx, backups[0]); !errors.Is(err, ErrExists) {
		t.Errorf("Backup to an existing folder = %v, want ErrExists", err)
	}
	if err := ix.Backup(ctx, filepath.Join(dir, "idx", "inner")); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("Backup inside the index = %v, want ErrInvalidRequest", err)
	}
	r, err := ix.Check(ctx)
	if err != nil || !r.OK() {
		t.Errorf("Check of the open index = %+v, %v", r, err)
	}
}

func TestBackupInMemory(t *testing.T) {
	ix := openFixture(t)
	if err := ix.Backup(context.Background(), filepath.Join(t.TempDir(), "b")); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("Backup of an in-memory index = %v, want ErrInvalidRequest", err)
	}
}

func TestCheckLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := Check(context.Background(), path); !errors.Is(err, ErrLocked) {
		t.Errorf("Check of an index in use = %v, want ErrLocked", err)
	}
	if _, err := Check(context.Background(), filepath.Join(t.TempDir(), "none")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Check of a missing index = %v, want ErrNotFound", err)
	}
}
