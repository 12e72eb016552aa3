package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestExportedKeepsEnrichment checks that exported lines come back whole,
// enrichment included, and that a bad line is a rejected record with its
// place.
func TestExportedKeepsEnrichment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.jsonl")
	lines := `{"id":"a1","title":"Port strike","body":"The dockers walked out.","people":["Tomas Berg"],"quotes":[{"text":"We will not sign","speaker":"Tomas Berg","role":"official","direct":true}],"story":"a0"}` +
		"\n\n{not json\n"
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []Record
	err := Exported{}.Walk(context.Background(), []string{path}, nil, func(r Record) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d records, want 2", len(got))
	}
	a := got[0].Article
	if got[0].Err != nil || a.ID != "a1" || a.Story != "a0" || len(a.People) != 1 || len(a.Quotes) != 1 || a.Quotes[0].Speaker != "Tomas Berg" {
		t.Errorf("record 1 = %+v, err %v; want the article with its enrichment", a, got[0].Err)
	}
	if got[1].Err == nil || got[1].Where() != path+":3" {
		t.Errorf("record 2 at %s, err %v; want a rejected record at %s:3", got[1].Where(), got[1].Err, path)
	}
}
