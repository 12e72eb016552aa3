package extract

import (
	"slices"
	"testing"
)

// TestLanguageDecidesTheReading checks that a language's names are read in
// its articles only, and that the English rules do not read other
// languages.
func TestLanguageDecidesTheReading(t *testing.T) {
	x := New(nil)
	body := "Le ministre Jean Martin a rencontré hier à Paris son homologue de l'Allemagne et de la Russie."
	fr := x.Extract(Input{Body: body, Language: "fr", Category: "Politique"})
	if !slices.Contains(fr.Countries, "Germany") || !slices.Contains(fr.Countries, "Russia") {
		t.Errorf("French article: countries %q, want Germany and Russia", fr.Countries)
	}
	if len(fr.People) > 0 || fr.Category != "Politics" || fr.CategorySource != SourceMetadata {
		t.Errorf("French article: people %q, category %q (%s), want none, Politics (metadata)", fr.People, fr.Category, fr.CategorySource)
	}
	en := x.Extract(Input{Body: "Talks on the Allemagne and Russie accounts ended on Friday, the bank said.", Language: "en"})
	if slices.Contains(en.Countries, "Germany") || slices.Contains(en.Countries, "Russia") {
		t.Errorf("English article: countries %q, want no French names read", en.Countries)
	}
}
