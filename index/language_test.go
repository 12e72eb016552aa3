package index

import (
	"context"
	"testing"
)

// Add decides the language of an article in the library, and extraction
// runs the English rules on English text alone.
func TestAddDecidesLanguage(t *testing.T) {
	ix, err := OpenMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	arts := []Article{
		{ID: "fr", Title: "Le gouvernement annonce une baisse des impôts",
			Body: "« Nous voulons aider les familles », a déclaré Jean Dupont, le ministre, jeudi à Paris. Le Premier ministre a confirmé que la baisse entrera en vigueur l'année prochaine pour les ménages les plus modestes."},
		{ID: "en-declared", Language: "en-GB", Title: "Government cuts taxes",
			Body: "The government said on Thursday that it would cut taxes for families on low incomes from next year, the finance minister told reporters."},
		{ID: "de-mislabelled", Language: "en", Title: "Regierung senkt die Steuern",
			Body: "Die Regierung hat am Donnerstag angekündigt, die Steuern für Familien mit geringem Einkommen im nächsten Jahr zu senken, sagte der Minister."},
	}
	if _, err := ix.AddBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][2]string{
		"fr":             {"fr", "detected"},
		"en-declared":    {"en", "metadata"},
		"de-mislabelled": {"de", "detected"},
	} {
		a, err := ix.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Language != want[0] || a.LanguageSource != want[1] {
			t.Errorf("%s: language %q (%s), want %q (%s)", id, a.Language, a.LanguageSource, want[0], want[1])
		}
		// Another language's quotations are found in its marks, but no
		// English verb of speech attributes them.
		englishCue := false
		for _, q := range a.Quotes {
			englishCue = englishCue || q.Cue != "" || q.Speaker != ""
		}
		if a.Language != "en" && (len(a.People) > 0 || englishCue || a.CategorySource == "classifier") {
			t.Errorf("%s: English rules ran on %s text: people %v, quotes %v, category %q (%s)", id, a.Language, a.People, a.Quotes, a.Category, a.CategorySource)
		}
	}
}
