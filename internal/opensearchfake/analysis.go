package opensearchfake

import (
	"fmt"
	"strings"

	"github.com/newsindex/newsindex/internal/analysis"
)

// analysisSettings is the "analysis" section of an index's settings.
type analysisSettings struct {
	Filter   map[string]map[string]any `json:"filter"`
	Analyzer map[string]map[string]any `json:"analyzer"`
}

// builtinLanguages maps OpenSearch's language analyzers, and the languages
// of its snowball filter (in lower case), to language codes.
var builtinLanguages = map[string]string{
	"danish": "da", "dutch": "nl", "english": "en", "finnish": "fi", "french": "fr", "german": "de",
	"hungarian": "hu", "italian": "it", "norwegian": "nb", "portuguese": "pt", "romanian": "ro",
	"russian": "ru", "spanish": "es", "swedish": "sv", "turkish": "tr",
}

// inProcess returns the in-process analyzer (package analysis) that
// analyses text as an analyzer of the index does. OpenSearch's built-in
// language analyzers map to the analysis of their language, cjk to CJK
// bigrams and standard to the neutral analysis. A custom analyzer maps by
// its filters: a snowball stemmer to the analysis of its language,
// cjk_bigram to CJK bigrams, asciifolding alone to the analysis of names,
// lower case alone to the neutral analysis. The fake assumes the rest of
// the chain (stop words, elision …) is the in-process analyzer's, which
// tests against a real node check.
func (a analysisSettings) inProcess(name string) (string, error) {
	def, custom := a.Analyzer[name]
	if !custom {
		switch name {
		case "standard":
			return analysis.NeutralAnalyzerName, nil
		case "cjk":
			return analysis.CJKAnalyzerName, nil
		}
		if code, ok := builtinLanguages[name]; ok {
			return analysis.ForLanguage(code), nil
		}
		return "", fmt.Errorf("fake: analyzer [%s] not found", name)
	}
	filters, _ := def["filter"].([]any)
	folds := false
	for _, f := range filters {
		fname := str(f)
		typ, params := fname, map[string]any{}
		if p, ok := a.Filter[fname]; ok {
			typ, params = str(p["type"]), p
		}
		switch typ {
		case "snowball":
			lang := str(params["language"])
			code, ok := builtinLanguages[strings.ToLower(lang)]
			if !ok {
				return "", fmt.Errorf("fake: analyzer [%s]: snowball language %q not mirrored", name, lang)
			}
			return analysis.ForLanguage(code), nil
		case "cjk_bigram":
			return analysis.CJKAnalyzerName, nil
		case "asciifolding":
			folds = true
		}
	}
	if folds {
		return analysis.NameAnalyzerName, nil
	}
	return analysis.NeutralAnalyzerName, nil
}
