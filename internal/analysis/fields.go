package analysis

// Every engine keeps the free text of each analysis in a field of its own,
// so that each field has one analyzer (as OpenSearch requires) and its own
// term statistics: "body" holds English and undetermined text, as every
// index did before languages were told apart, and "body_fr", "body_de" …
// "body_cjk", "body_neutral" hold the others.

// Field suffixes of the analyses that are not a single language's.
const (
	CJKSuffix     = "cjk"
	NeutralSuffix = "neutral"
)

// TextField returns the field that holds the free text base ("title",
// "body", "quote") of an article or quote in a language.
func TextField(base, code string) string {
	if s := suffix(ForLanguage(code)); s != "" {
		return base + "_" + s
	}
	return base
}

// AnalyzedField is one analysis's field of a free-text base field.
type AnalyzedField struct {
	Field    string
	Analyzer string
}

// TextFields returns base's field in every analysis, English first, in the
// order of Analyzers.
func TextFields(base string) []AnalyzedField {
	var out []AnalyzedField
	for _, a := range Analyzers() {
		f := base
		if s := suffix(a); s != "" {
			f += "_" + s
		}
		out = append(out, AnalyzedField{f, a})
	}
	return out
}

// suffix returns the field suffix of an analyzer: "" for English, the
// language's code for the other stemmed languages.
func suffix(analyzer string) string {
	switch analyzer {
	case AnalyzerName:
		return ""
	case CJKAnalyzerName:
		return CJKSuffix
	case NeutralAnalyzerName:
		return NeutralSuffix
	}
	for code, a := range stemmed {
		if a == analyzer {
			return code
		}
	}
	panic("analysis: no field suffix for analyzer " + analyzer)
}
