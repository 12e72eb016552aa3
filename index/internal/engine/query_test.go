package engine

import (
	"testing"

	"github.com/newsindex/newsindex/internal/analysis"
)

func TestAnalyzedField(t *testing.T) {
	for _, base := range []string{"title", "body", "quote"} {
		for _, f := range analysis.TextFields(base) {
			if got := AnalyzedField(base, f.Analyzer); got != f.Field {
				t.Errorf("AnalyzedField(%q, %q) = %q, want %q", base, f.Analyzer, got, f.Field)
			}
		}
	}
	if got := AnalyzedField("body", "no_such_analyzer"); got != "body" {
		t.Errorf("AnalyzedField of an unknown analyzer = %q, want body", got)
	}
}

func TestPrefixTerm(t *testing.T) {
	fr := analysis.ForLanguage("fr")
	for _, tt := range []struct{ analyzer, text, want string }{
		{analysis.AnalyzerName, "Sanctions", "sanctions"}, // English as typed, in lower case
		{fr, "Écon", "econ"},                              // folded as French terms are
		{fr, "Les", "les"},                                // a stop word stays as typed
		{analysis.ForLanguage("zh"), "政府", "政府"},
	} {
		if got := PrefixTerm(tt.analyzer, tt.text); got != tt.want {
			t.Errorf("PrefixTerm(%s, %q) = %q, want %q", tt.analyzer, tt.text, got, tt.want)
		}
	}
}
