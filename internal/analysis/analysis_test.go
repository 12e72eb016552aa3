package analysis

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func terms(ts analysis.TokenStream) string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return strings.Join(out, " ")
}

func TestStemmer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"walking", "walk"},
		{"business", "busi"},
		{"sanctions", "sanction"},
		{"sanctioning", "sanction"},
		{"sanctioned", "sanction"},
		{"analysts", "analyst"},
		{"generously", "generous"},
	}
	for _, tt := range tests {
		got := Stemmer{}.Filter(analysis.TokenStream{{Term: []byte(tt.in)}})
		if g := terms(got); g != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestStemmerKeepsKeywords(t *testing.T) {
	got := Stemmer{}.Filter(analysis.TokenStream{{Term: []byte("walking"), KeyWord: true}})
	if g := terms(got); g != "walking" {
		t.Errorf("Stem(keyword walking) = %q, want walking", g)
	}
}

func TestStemmerConstructor(t *testing.T) {
	if _, err := StemmerConstructor(map[string]interface{}{"language": "french"}, nil); err == nil {
		t.Error("StemmerConstructor(french): want error")
	}
	if _, err := StemmerConstructor(map[string]interface{}{}, nil); err != nil {
		t.Errorf("StemmerConstructor(default) = %v", err)
	}
}

func TestAnalyzers(t *testing.T) {
	cache := registry.NewCache()
	tests := []struct{ analyzer, in, want string }{
		{AnalyzerName, "Sanctioning North Korea’s troops", "sanction north korea troop"},
		{AnalyzerName, "The analysts said it", "analyst said"},
		{NameAnalyzerName, "Vladimir Putin", "vladimir putin"},
		{NameAnalyzerName, "Gerhard Müller", "gerhard muller"},
	}
	for _, tt := range tests {
		a, err := cache.AnalyzerNamed(tt.analyzer)
		if err != nil {
			t.Fatal(err)
		}
		if got := terms(a.Analyze([]byte(tt.in))); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.analyzer, tt.in, got, tt.want)
		}
	}
}

func FuzzStemmer(f *testing.F) {
	for _, s := range []string{"walking", "", "ü", "generously", "sky's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Stemmer{}.Filter(analysis.TokenStream{{Term: []byte(s)}})
	})
}

func BenchmarkStemmer(b *testing.B) {
	words := strings.Fields("the deployment of north korean troops to help russia in its war against ukraine is unlikely to have a significant impact on conflicts on the ground")
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		ts := make(analysis.TokenStream, len(words))
		for i, w := range words {
			ts[i] = &analysis.Token{Term: []byte(w)}
		}
		Stemmer{}.Filter(ts)
	}
}

// TestStopWords checks that the list given to other engines is the one
// news_en drops.
func TestStopWords(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	words := StopWords()
	if len(words) < 100 {
		t.Fatalf("StopWords() has %d words", len(words))
	}
	for _, w := range words {
		if strings.HasSuffix(w, "'s") {
			continue // the possessive filter, before the stop words, makes it another word
		}
		if toks := a.Analyze([]byte(w)); len(toks) != 0 {
			t.Errorf("news_en keeps the stop word %q as %q", w, toks[0].Term)
		}
	}
	if toks := a.Analyze([]byte("harbour")); len(toks) != 1 {
		t.Errorf("news_en dropped a word that is no stop word")
	}
}
