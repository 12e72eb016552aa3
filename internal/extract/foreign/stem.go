package foreign

import (
	"strings"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
	"golang.org/x/text/unicode/norm"
)

// stemmers are the Snowball stemmers of the languages that have one, the
// ones the search analysis uses (package analysis). Names are matched by
// their stems, so that an inflected name is found without a list of its
// forms: "Франции" and "Францией" are "Франция", "französischen" is
// "Französisch".
var stemmers = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem, "de": german.Stem, "es": spanish.Stem, "fi": finnish.Stem, "fr": french.Stem,
	"hu": hungarian.Stem, "it": italian.Stem, "nb": norwegian.Stem, "nl": dutch.Stem, "pt": portuguese.Stem,
	"ro": romanian.Stem, "ru": russian.Stem, "sv": swedish.Stem, "tr": turkish.Stem,
}

// stemmer returns the function that stems a lower-case word of language
// lang and folds its accents, as the search analysis does: the stems of a
// word's forms may differ by an accent alone (Portuguese "português",
// "portuguesas"; Russian "Соединённые", "Соединенные"). A language without
// a stemmer keeps its words, accents folded.
func stemmer(lang string) func(string) string {
	st, ok := stemmers[lang]
	if !ok {
		return foldAccents
	}
	return func(w string) string {
		env := snowballstem.NewEnv(w)
		st(env)
		return foldAccents(env.Current())
	}
}

// foldAccents removes the combining marks of a word's decomposed form.
func foldAccents(w string) string {
	for _, r := range w {
		if r >= 0x80 {
			return norm.NFC.String(strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return r
			}, norm.NFD.String(w)))
		}
	}
	return w
}
