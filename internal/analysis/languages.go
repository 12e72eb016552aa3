package analysis

import (
	"strings"
	stdunicode "unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/portuguese"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsindex/newsindex/internal/lang"
)

// Names of the analyzers for languages other than English.
const (
	// NeutralAnalyzerName splits Unicode words and lower-cases them, no
	// more: the analysis of every language without its own.
	NeutralAnalyzerName = "news_neutral"
	// CJKAnalyzerName indexes Chinese, Japanese and Korean as overlapping
	// pairs of characters: bleve's cjk analyzer, with Hangul paired too
	// (as Lucene's CJKBigramFilter does), so that a Korean word is found
	// with the particle that follows it ("정부" in "정부는").
	CJKAnalyzerName = "news_cjk"

	hangulName           = "news_hangul"
	romanianCedillaName  = "news_ro_cedilla"
	romanianAnalyzerName = "news_ro"

	foldName               = "news_fold"
	portugueseSnowballName = "news_stemmer_pt_snowball"
	frenchAnalyzerName     = "news_fr"
	spanishAnalyzerName    = "news_es"
	italianAnalyzerName    = "news_it"
	portugueseAnalyzerName = "news_pt"
	germanAnalyzerName     = "news_de"
	bleveDanishAnalyzer    = da.AnalyzerName
	bleveDutchAnalyzer     = nl.AnalyzerName
	bleveFinnishAnalyzer   = fi.AnalyzerName
	bleveHungarianAnalyzer = hu.AnalyzerName
	bleveNorwegianAnalyzer = no.AnalyzerName
	bleveRomanianAnalyzer  = ro.AnalyzerName
	bleveRussianAnalyzer   = ru.AnalyzerName
	bleveSwedishAnalyzer   = sv.AnalyzerName
	bleveTurkishAnalyzer   = tr.AnalyzerName
)

// stemmed maps each language with a stemmer to its analyzer. All stem with
// the Snowball algorithms (English through kljensen/snowball, the others
// through bleve's snowballstem), after the language's stop words and, in
// French and Italian, its elision (l'État → état; after lower case, since
// the elided articles are listed in lower case and a sentence opens "L'…"). Bleve's own analyzers
// serve where they already are exactly that; French, Spanish, Italian and
// Portuguese then fold accents away after stemming (a search for "economia"
// finds "economía"), and German, whose bleve analyzer has a light stemmer,
// gets Snowball's.
var stemmed = map[string]string{
	"en": AnalyzerName,
	"fr": frenchAnalyzerName,
	"es": spanishAnalyzerName,
	"it": italianAnalyzerName,
	"pt": portugueseAnalyzerName,
	"de": germanAnalyzerName,
	"da": bleveDanishAnalyzer,
	"nl": bleveDutchAnalyzer,
	"fi": bleveFinnishAnalyzer,
	"hu": bleveHungarianAnalyzer,
	"nb": bleveNorwegianAnalyzer,
	"ro": romanianAnalyzerName,
	"ru": bleveRussianAnalyzer,
	"sv": bleveSwedishAnalyzer,
	"tr": bleveTurkishAnalyzer,
}

// ForLanguage returns the name of the analyzer for text in a language code
// (see package lang): its own for the stemmed languages, CJK bigrams for
// Chinese, Japanese and Korean, the neutral analyzer for every other
// language. Undetermined text ("und" or "") is read as English, the
// language the index assumed of everything before it detected languages.
func ForLanguage(code string) string {
	if code == "" || code == lang.Und {
		return AnalyzerName
	}
	if a, ok := stemmed[code]; ok {
		return a
	}
	if lang.AnalysisOf(code) == lang.CJK {
		return CJKAnalyzerName
	}
	return NeutralAnalyzerName
}

// Analyzers lists every analyzer ForLanguage may return, English first.
func Analyzers() []string {
	out := []string{AnalyzerName}
	for _, c := range []string{"da", "de", "es", "fi", "fr", "hu", "it", "nb", "nl", "pt", "ro", "ru", "sv", "tr"} {
		out = append(out, stemmed[c])
	}
	return append(out, CJKAnalyzerName, NeutralAnalyzerName)
}

// fold is a token filter that removes diacritics: "économie" → "economie".
type fold struct{}

func (fold) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if !hasNonASCII(tok.Term) {
			continue
		}
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(stdunicode.Mn)), norm.NFC)
		if out, _, err := transform.Bytes(t, tok.Term); err == nil {
			tok.Term = out
		}
	}
	return input
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// hangul marks the tokens written in Hangul as ideographic, so that the
// CJK bigram filter pairs their syllables as it does Han characters.
type hangul struct{}

func (hangul) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.Type == analysis.Ideographic || len(tok.Term) == 0 {
			continue
		}
		all := true
		for _, r := range string(tok.Term) {
			if !stdunicode.Is(stdunicode.Hangul, r) {
				all = false
				break
			}
		}
		if all {
			tok.Type = analysis.Ideographic
		}
	}
	return input
}

// romanianCedilla writes ș and ț with the cedilla (ş, ţ), as Romanian was
// typed for years and as the Snowball stemmer and the stop list spell them,
// so that either spelling finds the other.
type romanianCedilla struct{}

var cedilla = strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")

func (romanianCedilla) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if hasNonASCII(tok.Term) {
			tok.Term = []byte(cedilla.Replace(string(tok.Term)))
		}
	}
	return input
}

// portugueseStemmer stems with Snowball's Portuguese algorithm, which bleve
// ships (in snowballstem) without a token filter for it.
type portugueseStemmer struct{}

func (portugueseStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		env := snowballstem.NewEnv(string(tok.Term))
		portuguese.Stem(env)
		tok.Term = []byte(env.Current())
	}
	return input
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenFilter(foldName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return fold{}, nil
	}))
	must(registry.RegisterTokenFilter(portugueseSnowballName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return portugueseStemmer{}, nil
	}))
	must(registry.RegisterTokenFilter(hangulName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return hangul{}, nil
	}))
	must(registry.RegisterTokenFilter(romanianCedillaName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return romanianCedilla{}, nil
	}))
	register := func(name string, filters ...string) {
		must(registry.RegisterAnalyzer(name, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
			return build(cache, unicode.Name, nil, filters...)
		}))
	}
	register(frenchAnalyzerName, lowercase.Name, fr.ElisionName, fr.StopName, fr.SnowballStemmerName, foldName)
	register(italianAnalyzerName, lowercase.Name, it.ElisionName, it.StopName, it.SnowballStemmerName, foldName)
	register(spanishAnalyzerName, lowercase.Name, es.StopName, es.SnowballStemmerName, foldName)
	register(portugueseAnalyzerName, lowercase.Name, pt.StopName, portugueseSnowballName, foldName)
	register(germanAnalyzerName, lowercase.Name, de.StopName, de.SnowballStemmerName)
	register(romanianAnalyzerName, lowercase.Name, romanianCedillaName, ro.StopName, ro.SnowballStemmerName)
	register(CJKAnalyzerName, cjk.WidthName, lowercase.Name, hangulName, cjk.BigramName)
	register(NeutralAnalyzerName, lowercase.Name)
}
