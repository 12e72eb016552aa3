package gazetteer

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name, first string // the first place's String()
		region      bool
	}{
		{"Paris", "Paris, France", false},
		{"PARIS", "Paris, France", false},
		{"Arequipa", "Arequipa, Peru", false},
		{"Mombasa", "Mombasa, Kenya", false},
		{"Port Sudan", "Port Sudan, Sudan", false},
		{"Cabo Delgado", "Cabo Delgado, Mozambique", true},
		{"Assam", "Assam, India", true},
		{"Ohio", "Ohio, United States", true},
	}
	for _, tt := range tests {
		ps := Lookup(tt.name)
		if len(ps) == 0 {
			t.Errorf("Lookup(%q) = nothing, want %s", tt.name, tt.first)
			continue
		}
		if got := ps[0].String(); got != tt.first || ps[0].Region != tt.region {
			t.Errorf("Lookup(%q)[0] = %s (region %v), want %s (region %v)", tt.name, got, ps[0].Region, tt.first, tt.region)
		}
	}
	if ps := Lookup("Zzyzxqw"); ps != nil {
		t.Errorf("Lookup(unknown) = %v", ps)
	}
}

// TestAlternateNames checks that an exonym finds its city under the
// gazetteer's name, after the places that bear it as their own name.
func TestAlternateNames(t *testing.T) {
	ps := Lookup("Cologne")
	var found bool
	for i, p := range ps {
		if p.Name == "Köln" && p.Country == "DE" {
			found = true
			if !p.Alternate {
				t.Errorf("Köln found by Cologne is not marked alternate")
			}
			for _, q := range ps[i:] {
				if !q.Alternate {
					t.Errorf("%v, a place of that name, comes after an alternate name", q)
				}
			}
		}
	}
	if !found {
		t.Errorf("Lookup(Cologne) = %v, want Köln, Germany among them", ps)
	}
	if ps := Lookup("Москва"); len(ps) == 0 || ps[0].String() != "Moscow, Russia" {
		t.Errorf("Lookup(Москва) = %v, want Moscow, Russia", ps)
	}
}

func TestPopulationOrder(t *testing.T) {
	ps := Lookup("Paris")
	for i := 1; i < len(ps); i++ {
		if ps[i].Alternate == ps[i-1].Alternate && ps[i].Population > ps[i-1].Population {
			t.Errorf("Lookup(Paris): %v (%d) after %v (%d)", ps[i], ps[i].Population, ps[i-1], ps[i-1].Population)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"  Port   Sudan ": "port sudan", "Xi’an": "xi'an", "SÃO PAULO": "são paulo"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{"PE": "Peru", "US": "United States", "GB": "United Kingdom", "KR": "South Korea", "XX": ""} {
		if got := CountryName(code); got != want {
			t.Errorf("CountryName(%s) = %q, want %q", code, got, want)
		}
	}
	if n := len(Countries()); n < 240 {
		t.Errorf("%d countries, want the ISO list", n)
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"fields", "C\tPE\tPeru\nlima\tLima\tPE\n", "line 2: want key"},
		{"population", "C\tPE\tPeru\nlima\tLima\tPE\tmany\tc\n", "line 2: population"},
		{"kind", "C\tPE\tPeru\nlima\tLima\tPE\t1\tx\n", "line 2: kind"},
		{"country", "lima\tLima\tPE\t1\tc\n", "unknown country"},
		{"order", "C\tPE\tPeru\nlima\tLima\tPE\t1\tc\ncusco\tCusco\tPE\t1\tc\n", "out of order"},
		{"newline", "C\tPE\tPeru\nlima\tLima\tPE\t1\tc", "no final newline"},
		{"empty", "# nothing\n", "no places"},
	} {
		_, err := parse(gz(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := parse([]byte("not gzip")); err == nil {
		t.Error("parse(not gzip) succeeded")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	load()
	for b.Loop() {
		Lookup("Arequipa")
		Known("Smith")
	}
}
