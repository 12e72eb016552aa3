package engine

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// TestStoryRecordForms reads records in the binary form written now and in
// the text form of older story stores.
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
}
