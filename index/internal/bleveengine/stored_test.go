package bleveengine

import (
	"bytes"
	"compress/flate"
	"encoding/json"
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
		{"article of a few words is packed", `{"id":"a1","title":"Port strike ends","body":"Dock workers went back to work on Monday.","people":[],"countries":[],"places":[],"organizations":[],"quotes":[],"analysts":[]}`, true},
		{"long is packed", long, true},
	}
	for _, tt := range tests {
		s := packStored([]byte(tt.json))
		if packed := s[0] == dict1Prefix; packed != tt.packed {
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
	for _, prefix := range []byte{deflatedPrefix, dict1Prefix} {
		if _, err := unpackStored(string([]byte{prefix, 0xff, 0x00, 0x13})); err == nil {
			t.Errorf("unpackStored of corrupt deflate data after %#x: no error", prefix)
		}
	}
	if _, err := unpackStored(string([]byte{0x03, 0x00})); err == nil {
		t.Error("unpackStored of an unknown packing: no error")
	}
	var a engine.Article
	if err := decodeStored(map[string]any{fSource: long}, &a); err != nil || a.ID != "a1" {
		t.Errorf("decodeStored of plain JSON (as older indexes hold) = %+v, %v", a.ID, err)
	}
}

// TestStoredFormDeflated: forms deflated without a dictionary, as indexes
// written before it hold, still read.
func TestStoredFormDeflated(t *testing.T) {
	src := `{"id":"a1","body":"` + strings.Repeat("Dock workers went back to work on Monday. ", 40) + `"}`
	var buf bytes.Buffer
	buf.WriteByte(deflatedPrefix)
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	w.Write([]byte(src))
	w.Close()
	got, err := unpackStored(buf.String())
	if err != nil || string(got) != src {
		t.Errorf("unpackStored of a deflated form = %.40q, %v", got, err)
	}
}

// FuzzUnpackStored: packed forms read back as written, and any bytes (as a
// damaged index holds) give an error or a value, never a panic.
func FuzzUnpackStored(f *testing.F) {
	f.Add([]byte(`{"id":"a1","title":"Port strike ends","body":"Dock workers went back to work on Monday, the union said."}`))
	f.Add([]byte{deflatedPrefix, 0xff, 0x00, 0x13})
	f.Add([]byte{dict1Prefix, 0x4a, 0x2c, 0x2e})
	f.Fuzz(func(t *testing.T, b []byte) {
		unpackStored(string(b))
		src := append([]byte("{"), b...) // a stored form is JSON: an object
		if got, err := unpackStored(packStored(src)); err != nil || !bytes.Equal(got, src) {
			t.Errorf("unpackStored(packStored(%.40q)) = %.40q, %v", src, got, err)
		}
	})
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

// storedForms returns the JSON of the fixture's articles, as articleDoc
// marshals them.
func storedForms(b *testing.B) [][]byte {
	var forms [][]byte
	for _, a := range fixture() {
		src, err := json.Marshal(a)
		if err != nil {
			b.Fatal(err)
		}
		forms = append(forms, src)
	}
	return forms
}

// BenchmarkPackStored: the ingest's cost of an article's stored form.
func BenchmarkPackStored(b *testing.B) {
	forms := storedForms(b)
	n := 0
	for i := 0; b.Loop(); i++ {
		n += len(packStored(forms[i%len(forms)]))
	}
}

// BenchmarkUnpackStored: the cost, for each hit shown, of reading its
// stored form back.
func BenchmarkUnpackStored(b *testing.B) {
	var packed []string
	for _, src := range storedForms(b) {
		packed = append(packed, packStored(src))
	}
	var buf bytes.Buffer
	for i := 0; b.Loop(); i++ {
		buf.Reset()
		if err := unpackInto(&buf, packed[i%len(packed)]); err != nil {
			b.Fatal(err)
		}
	}
}
