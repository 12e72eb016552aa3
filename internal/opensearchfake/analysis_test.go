package opensearchfake

import (
	"testing"

	"github.com/newsindex/newsindex/internal/analysis"
)

// TestInProcess maps OpenSearch's analyzers, built-in and custom, to the
// in-process analyzer of their language.
func TestInProcess(t *testing.T) {
	a := analysisSettings{
		Filter: map[string]map[string]any{
			"stem_de": {"type": "snowball", "language": "German"},
			"stop_de": {"type": "stop", "stopwords": []any{"und"}},
		},
		Analyzer: map[string]map[string]any{
			"news_de":      {"type": "custom", "tokenizer": "standard", "filter": []any{"lowercase", "stop_de", "stem_de"}},
			"bigrams":      {"type": "custom", "tokenizer": "standard", "filter": []any{"cjk_width", "lowercase", "cjk_bigram"}},
			"names":        {"type": "custom", "tokenizer": "standard", "filter": []any{"asciifolding", "lowercase"}},
			"lower":        {"type": "custom", "tokenizer": "standard", "filter": []any{"lowercase"}},
			"news_klingon": {"type": "custom", "tokenizer": "standard", "filter": []any{"lowercase", "stem_tlh"}},
		},
	}
	a.Filter["stem_tlh"] = map[string]any{"type": "snowball", "language": "Klingon"}
	for _, tt := range []struct{ name, want string }{
		{"french", analysis.ForLanguage("fr")},
		{"turkish", analysis.ForLanguage("tr")},
		{"cjk", analysis.CJKAnalyzerName},
		{"standard", analysis.NeutralAnalyzerName},
		{"news_de", analysis.ForLanguage("de")},
		{"bigrams", analysis.CJKAnalyzerName},
		{"names", analysis.NameAnalyzerName},
		{"lower", analysis.NeutralAnalyzerName},
		{"news_klingon", ""},
		{"whitespace", ""},
	} {
		got, err := a.inProcess(tt.name)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("inProcess(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
