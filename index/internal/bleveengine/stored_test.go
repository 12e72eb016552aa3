package bleveengine

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/index/internal/engine"
)

func TestStoredForm(t *testing.T) {
	long := `{"id":"a1","body":"` + strings.Repeat("Dock workers went back to work on Monday. ", 40) + `"}`
	tests := []struct {
		name   string
		json   string
		packed bool
	}{
		{"short stays plain", `{"id":"a1","title":"Port strike ends"}`, false},
		{"long is packed", long, true},
	}
	for _, tt := range tests {
		s := packStored([]byte(tt.json))
		if packed := s[0] == packedPrefix; packed != tt.packed {
			t.Errorf("%s: packed = %v", tt.name, packed)
		}
		if tt.packed && len(s) >= len(tt.json)/2 {
			t.Errorf("%s: %d bytes packed from %d", tt.name, len(s), len(tt.json))
		}
		got, err := unpackStored(s)
		if err != nil || string(got) != tt.json {
			t.Errorf("%s: unpackStored = %.40q, %v", tt.name, got, err)
		}
	}
	if _, err := unpackStored(string([]byte{packedPrefix, 0xff, 0x00, 0x13})); err == nil {
		t.Error("unpackStored of corrupt deflate data: no error")
	}
	var a engine.Article
	if err := decodeStored(map[string]any{fSource: long}, &a); err != nil || a.ID != "a1" {
		t.Errorf("decodeStored of plain JSON (as older indexes hold) = %+v, %v", a.ID, err)
	}
}

// TestStoredHit: a hit decodes the fields it shows exactly as the whole
// article decodes them.
func TestStoredHit(t *testing.T) {
	a := fixture()[2]
	a.Story, a.URL, a.Author = "a1", "https://example.com/a3", "Jo Ma"
	a.Body = strings.Repeat(a.Body+" ", 30) // packed
	d, err := articleDoc(&a, MappingVersion)
	if err != nil {
		t.Fatal(err)
	}
	var whole engine.Article
	var hit storedHit
	if err := decodeStored(d, &whole); err != nil {
		t.Fatal(err)
	}
	if err := decodeStored(d, &hit); err != nil {
		t.Fatal(err)
	}
	want := storedHit{ID: whole.ID, URL: whole.URL, Title: whole.Title, Body: whole.Body, Published: whole.Published,
		Source: whole.Source, Category: whole.Category, Story: whole.Story, People: whole.People, Countries: whole.Countries,
		Organizations: whole.Organizations, Analysts: whole.Analysts}
	if diff := cmp.Diff(want, hit); diff != "" || len(whole.Quotes) == 0 {
		t.Errorf("hit differs from the article (-want +got):\n%s", diff)
	}
}
