package story

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello, World!", "hello world"},
		{"  North Korea’s   troops\n\tarrive ", "north koreas troops arrive"},
		{"North Korea's troops", "north koreas troops"},
		{"“Quoted” — text…", "quoted text"},
		{"U.S. 4.5%", "u s 4 5"},
		{"Über Straße", "über straße"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	base := Fingerprint("Port strike", "Dock workers said “no”.\n\nThe strike goes on.")
	same := []struct{ title, body string }{
		{"PORT STRIKE", "Dock workers said \"no\". The strike goes on."},
		{"Port strike ", "Dock  workers said 'no' —\nthe strike goes on"},
	}
	for _, tt := range same {
		if got := Fingerprint(tt.title, tt.body); got != base {
			t.Errorf("Fingerprint(%q, %q) = %s, want %s", tt.title, tt.body, got, base)
		}
	}
	differ := []struct{ title, body string }{
		{"Port strike", "Dock workers said yes. The strike goes on."},
		{"Port strike ends", "Dock workers said no. The strike goes on."},
		{"Port", "strike Dock workers said no. The strike goes on."},
	}
	for _, tt := range differ {
		if got := Fingerprint(tt.title, tt.body); got == base {
			t.Errorf("Fingerprint(%q, %q) = %s, the same as a different text", tt.title, tt.body, got)
		}
	}
	if n := len(base); n != 24 {
		t.Errorf("len(Fingerprint) = %d, want 24", n)
	}
}

func TestWords(t *testing.T) {
	count := func(s string) int {
		n := 0
		words(s, func(uint64, bool) { n++ })
		return n
	}
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one", 1},
		{"Korea’s troops", 2},
		{"état-major, 12,000 soldiers", 4},
		{"44.819 ecus. 1986/87 3, 4 a.m.", 7},
		{"日本 ü", 2},
	}
	for _, tt := range tests {
		if got := count(tt.in); got != tt.want {
			t.Errorf("words(%q) = %d words, want %d", tt.in, got, tt.want)
		}
	}
	hashes := func(s string) []uint64 {
		var hs []uint64
		words(s, func(h uint64, _ bool) { hs = append(hs, h) })
		return hs
	}
	a, b := hashes("Korea’s TROOPS"), hashes("koreas troops")
	if len(a) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("words(%q) = %x, want %x", "Korea’s TROOPS", a, b)
	}
}
