package lang

// Resolve decides an article's language from the language its source
// declares (a BCP 47 tag, "" when none) and its text. The declared language
// is taken when the text agrees: when detection finds the same language, a
// close relative that it tells apart less surely than a source does, or
// nothing sure; and when the declared language is one detection does not
// know. Otherwise the detected language is taken. source is SourceMetadata
// or SourceDetected.
func Resolve(declared, text string) (code, source string) {
	meta := Normalize(declared)
	detected := Detect(text)
	switch {
	case meta == "" || meta == Und:
		return detected, SourceDetected
	case detected == Und || detected == meta || related(meta, detected):
		return meta, SourceMetadata
	}
	if _, known := byCode[meta]; !known {
		return meta, SourceMetadata
	}
	return detected, SourceDetected
}

// relatives are groups of languages so close that detection confuses them
// on short text where a source's declaration does not.
var relatives = [][]string{
	{"da", "nb", "nn", "sv"},
	{"hr", "sr", "bs", "sl"},
	{"cs", "sk"},
	{"es", "ca", "gl", "pt"},
	{"ru", "uk", "be", "bg"},
	{"id", "ms"},
}

func related(a, b string) bool {
	for _, g := range relatives {
		ina, inb := false, false
		for _, c := range g {
			ina = ina || c == a
			inb = inb || c == b
		}
		if ina && inb {
			return true
		}
	}
	return false
}
