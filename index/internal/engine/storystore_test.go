package engine

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// TestStoryRecordForms reads records in the binary form written now and in
// the text form of older story stores, and an article's own story.
func TestStoryRecordForms(t *testing.T) {
	sig := story.Sign("Port strike ends", "Dock workers went back to work on Monday after a week of talks.")
	when := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	rec := StoryRec{id: "a1", story: "s9", published: when, sig: sig}
	old := binary.AppendUvarint(nil, 2)
	old = append(old, "s9"...)
	old = binary.AppendVarint(old, when.Unix())
	old = append(old, sig.String()...)
	for name, b := range map[string][]byte{"binary": encodeRec(rec), "text": old} {
		got, err := decodeRec("a1", b)
		if err != nil || got.story != "s9" || !got.published.Equal(when) || got.sig.String() != sig.String() {
			t.Errorf("%s form: decodeRec = %+v, %v", name, got, err)
		}
	}
	if n, o := len(encodeRec(rec)), len(old); n >= o {
		t.Errorf("binary record %d bytes, text %d: want smaller", n, o)
	}

	// An article that is its own story is written without it.
	own := StoryRec{id: "a1", story: "a1", published: when, sig: sig}
	got, err := decodeRec("a1", encodeRec(own))
	if err != nil || got.story != "a1" || got.sig.String() != sig.String() {
		t.Errorf("own story: decodeRec = %+v, %v", got, err)
	}
	if n, o := len(encodeRec(own)), len(encodeRec(rec)); n != o-2 {
		t.Errorf("record of its own story %d bytes, want %d", n, o-2)
	}
}

// TestStoryStoreCompacts: a store written in batches of IDs in no order is
// rewritten smaller when it is closed, and holds every record after.
func TestStoryStoreCompacts(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStories(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	const n = 30000
	ids := r.Perm(n)
	when := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i += 500 {
		var recs []StoryRec
		for _, id := range ids[i : i+500] {
			body := fmt.Sprintf("Dock workers of port %d went back to work after %d days of talks.", id, id%97)
			recs = append(recs, StoryRec{id: fmt.Sprintf("art-%d", id), story: fmt.Sprintf("art-%d", id), published: when, sig: story.Sign("Port strike ends", body)})
		}
		if err := s.Put(recs); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, StoriesFile)
	before, _ := os.Stat(path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() > before.Size()*3/4 {
		t.Errorf("store of %d bytes is %d after closing, want a quarter less at least", before.Size(), after.Size())
	}
	if s, err = OpenStories(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.table()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.ids) != n {
		t.Errorf("reopened store holds %d records, want %d", len(l.ids), n)
	}
	t.Logf("%d records: %d bytes before, %d after", n, before.Size(), after.Size())
}

// TestStoryStoreReadOnlyCloseKeepsFile: a store opened and only read is
// closed as it is, without the reading of every page that measuring its
// slack costs, however much of the file is slack.
func TestStoryStoreReadOnlyCloseKeepsFile(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStories(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.written.Load() {
		t.Error("a store just opened counts as written")
	}
	if err := s.Put([]StoryRec{{id: "a", story: "a", published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC), sig: story.Sign("Port strike ends", "Dock workers went back to work.")}}); err != nil {
		t.Fatal(err)
	}
	if !s.written.Load() {
		t.Error("a store written to does not count as written")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = OpenStories(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.table(); err != nil {
		t.Fatal(err)
	}
	if s.written.Load() {
		t.Error("a store only read counts as written")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
