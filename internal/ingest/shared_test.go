package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadSharedData reads the project's labelled JSON Lines files, when
// they are present, and checks that every record is accepted with its id.
func TestReadSharedData(t *testing.T) {
	if testing.Short() {
		t.Skip("reads large files")
	}
	dir := filepath.Join("..", "..", "..", "shared", "data")
	for _, name := range []string{"corpus.jsonl", "bbc_news_train.jsonl", "polnear_dev.jsonl"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("shared data not available: %v", err)
		}
		n, bad := 0, 0
		err := ReadFile(path, func(r Record) error {
			n++
			if r.Err != nil {
				if bad++; bad <= 5 {
					t.Errorf("%s: %v", r.Where(), r.Err)
				}
			} else if r.Article.ID == "" && name == "corpus.jsonl" {
				t.Errorf("%s: id lost", r.Where())
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ReadFile(%s) = %v", name, err)
		}
		t.Logf("%s: %d records, %d rejected", name, n, bad)
	}
}
