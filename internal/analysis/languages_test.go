package analysis

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

func analyzed(t *testing.T, analyzer, text string) []string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzer)
	if err != nil {
		t.Fatalf("analyzer %s: %v", analyzer, err)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// Each stemmed language: a word and an inflected form of it that its
// Snowball stemmer conflates, and a stop word that is dropped.
func TestStemmedLanguages(t *testing.T) {
	for _, c := range []struct{ lang, word, inflected, stop string }{
		{"en", "company", "companies", "the"},
		{"fr", "entreprise", "entreprises", "les"},
		{"de", "Regierung", "Regierungen", "und"},
		{"es", "economía", "economías", "los"},
		{"it", "governo", "governi", "della"},
		{"pt", "partido", "partidos", "dos"},
		{"nl", "regering", "regeringen", "het"},
		{"sv", "regering", "regeringen", "och"},
		{"da", "regering", "regeringen", "og"},
		{"nb", "regjering", "regjeringen", "og"},
		{"fi", "talo", "talossa", "ja"},
		{"hu", "kormány", "kormányok", "és"},
		{"ro", "guvern", "guvernului", "și"},
		{"ru", "правительство", "правительства", "и"},
		{"tr", "hükümet", "hükümeti", "ve"},
	} {
		an := ForLanguage(c.lang)
		a, b := analyzed(t, an, c.word), analyzed(t, an, c.inflected)
		if len(a) != 1 || !slices.Equal(a, b) {
			t.Errorf("%s (%s): %q → %v and %q → %v, want one shared stem", c.lang, an, c.word, a, c.inflected, b)
		}
		if got := analyzed(t, an, c.stop); len(got) != 0 {
			t.Errorf("%s: stop word %q → %v, want nothing", c.lang, c.stop, got)
		}
	}
}

func TestElisionAndFolding(t *testing.T) {
	for _, c := range []struct{ lang, a, b string }{
		{"fr", "l'économie", "economie"},
		{"fr", "d’État", "etat"},
		{"fr", "L'État", "etat"},
		{"fr", "D’Europe", "europe"},
		{"it", "L'Italia", "italia"},
		{"it", "l'economia", "economia"},
		{"es", "política", "politica"},
		{"pt", "país", "pais"},
		{"ro", "ţară", "țară"},
	} {
		an := ForLanguage(c.lang)
		if x, y := analyzed(t, an, c.a), analyzed(t, an, c.b); len(x) != 1 || !slices.Equal(x, y) {
			t.Errorf("%s: %q → %v, %q → %v, want the same term", c.lang, c.a, x, c.b, y)
		}
	}
}

// A word of two characters is found inside a sentence: its bigram is one
// of the sentence's.
func TestCJKBigrams(t *testing.T) {
	for _, c := range []struct{ lang, sentence, word string }{
		{"zh", "政府星期四宣布降低税收", "政府"},
		{"ja", "政府は木曜日に発表した", "政府"},
		{"ko", "정부는 목요일 발표했다", "정부"},
	} {
		an := ForLanguage(c.lang)
		w := analyzed(t, an, c.word)
		if len(w) != 1 || !slices.Contains(analyzed(t, an, c.sentence), w[0]) {
			t.Errorf("%s: %q → %v not among the terms of %q: %v", c.lang, c.word, w, c.sentence, analyzed(t, an, c.sentence))
		}
	}
}

func TestNeutralDoesNotStem(t *testing.T) {
	for _, code := range []string{"pl", "cs", "ar", "el", "xx"} {
		if an := ForLanguage(code); an != NeutralAnalyzerName {
			t.Errorf("ForLanguage(%q) = %s, want %s", code, an, NeutralAnalyzerName)
		}
	}
	if got := analyzed(t, NeutralAnalyzerName, "Wyborów Wybory the"); !slices.Equal(got, []string{"wyborów", "wybory", "the"}) {
		t.Errorf("neutral analysis: %v", got)
	}
	if ForLanguage("und") != AnalyzerName || ForLanguage("") != AnalyzerName {
		t.Error("undetermined text should be read as English")
	}
}

func TestAnalyzersAllRegistered(t *testing.T) {
	for _, a := range Analyzers() {
		analyzed(t, a, "x")
	}
}
