package engine

// LanguageOf returns the value of the language facet of an article whose
// Language is code: the code itself, or "und" (undetermined) for an
// article stored before languages were decided, so that every article
// counts in the facet and can be filtered on.
func LanguageOf(code string) string {
	if code == "" {
		return "und"
	}
	return code
}
