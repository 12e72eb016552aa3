package bleveengine

import (
	"strings"
	"testing"

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
