package lang

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/pemistahl/lingua-go"

	// The stop lists that vote in the first stage.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/bg"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ca"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cs"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/el"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fa"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/id"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ro"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"
)

// voters are the languages whose stop words vote in the first stage, with
// the name of bleve's stop list for each.
var voters = []struct{ code, list string }{
	{"ar", "stop_ar"}, {"bg", "stop_bg"}, {"ca", "stop_ca"}, {"cs", "stop_cs"}, {"da", "stop_da"},
	{"de", "stop_de"}, {"el", "stop_el"}, {"en", "stop_en"}, {"es", "stop_es"}, {"fa", "stop_fa"},
	{"fi", "stop_fi"}, {"fr", "stop_fr"}, {"hi", "stop_hi"}, {"hr", "stop_hr"}, {"hu", "stop_hu"},
	{"id", "stop_id"}, {"it", "stop_it"}, {"nb", "stop_no"}, {"nl", "stop_nl"},
	{"pt", "stop_pt"}, {"ro", "stop_ro"}, {"ru", "stop_ru"}, {"sv", "stop_sv"}, {"tr", "stop_tr"},
}

// decisive are the voters whose win the first stage may take, with the
// letters beyond ASCII that their alphabets have: those whose close
// relatives among Languages all vote too. Finnish is left to the n-grams for
// Estonian's sake, Russian for Ukrainian's, Croatian for Serbian's and
// Slovenian's, Czech for Slovak's.
var decisive = map[string]string{
	"da": "æøåé", "de": "äöüß", "en": "", "es": "áéíóúñü", "fr": "àâæçéèêëîïôœùûüÿ",
	"hu": "áéíóöőúüű", "it": "àèéìíîòóùú", "nb": "æøåéóòô", "nl": "éëïèöüáó",
	"pt": "áâãàçéêíóôõú", "ro": "ăâîșțşţ", "sv": "åäöé", "tr": "çğıöşüîâ",
}

// What the first stage needs to decide: enough words, enough of them stop
// words, and a winner far ahead of the rest.
const (
	voteWords     = 150   // words read at most
	minWords      = 5     // words needed
	minVotes      = 2.0   // the winner's weighted stop words
	minVotesASCII = 1.0   // the same, in text of ASCII letters alone
	minShare      = 0.6   // the winner's part of all votes
	minLead       = 2.0   // the winner's votes over the runner-up's
	minDensity    = 0.03  // the winner's votes per word read
	maxForeign    = 0.005 // letters foreign to the winner's alphabet, per letter
	minWordsUnd   = 20    // words without one stop word that make ASCII text undetermined
)

const (
	ngramSample  = 300 // runes of text given to the n-gram models at most
	minLetters   = 10  // fewer letters than this are undetermined
	minConfident = 0.1 // the n-gram models' confidence needed for a language
)

// stopVotes maps each stop word of a voter to the bit set of voters that
// list it.
var stopVotes = func() map[string]uint32 {
	cache := registry.NewCache()
	m := map[string]uint32{}
	for i, v := range voters {
		tm, err := cache.TokenMapNamed(v.list)
		if err != nil {
			panic("lang: stop list " + v.list + ": " + err.Error())
		}
		for w := range tm {
			m[w] |= 1 << i
		}
	}
	return m
}()

// vote returns the first stage's decision on text, or "" when it has none.
func vote(text string) string {
	var score [32]float64
	var buf [64]byte
	nonASCII := map[rune]int{} // letters beyond ASCII, lower case
	words, letters := 0, 0
	w := buf[:0]
	flush := func() {
		if len(w) == 0 {
			return
		}
		words++
		if set := stopVotes[string(w)]; set != 0 {
			// A word many lists share says little: it counts for each
			// of the k languages by 1/k³.
			k := float64(bits.OnesCount32(set))
			share := 1 / (k * k * k)
			for set != 0 {
				i := bits.TrailingZeros32(set)
				score[i] += share
				set &^= 1 << i
			}
		}
		w = w[:0]
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			r = unicode.ToLower(r)
			letters++
			if r >= utf8.RuneSelf {
				nonASCII[r]++
			}
			if len(w)+utf8.UTFMax <= cap(w) {
				w = utf8.AppendRune(w, r)
			}
			continue
		}
		flush()
		if words >= voteWords {
			break
		}
	}
	flush()
	if words < minWords {
		return ""
	}
	best, second, total := 0, 0.0, 0.0
	for i := range voters {
		total += score[i]
		switch {
		case score[i] > score[best]:
			second = score[best]
			best = i
		case i != best && score[i] > second:
			second = score[i]
		}
	}
	s := score[best]
	if total == 0 && len(nonASCII) == 0 && words >= minWordsUnd {
		// ASCII words and not one stop word: figures, tickers,
		// abbreviations ("Shr 34 cts vs 1.19 dlrs").
		return Und
	}
	alphabet, ok := decisive[voters[best].code]
	if !ok || s < minLead*second || s < minShare*total {
		return ""
	}
	// Text in ASCII alone, in a language whose alphabet is ASCII, rules out
	// most others: there a clear lead of a few stop words decides.
	weak := len(nonASCII) == 0 && alphabet == "" && s >= minVotesASCII
	if !weak && (s < minVotes || s < minDensity*float64(words)) {
		return ""
	}
	foreign := 0
	for r, n := range nonASCII {
		if !strings.ContainsRune(alphabet, r) {
			foreign += n
		}
	}
	if float64(foreign) > maxForeign*float64(letters) {
		return ""
	}
	return voters[best].code
}

// ngrams is the second stage, built on first use: loading lingua's models
// takes a while and much memory, and most text never needs them.
var ngrams = sync.OnceValue(func() lingua.LanguageDetector {
	var ls []lingua.Language
	for _, l := range Languages {
		ls = append(ls, linguaOf(l.Code))
	}
	return lingua.NewLanguageDetectorBuilder().FromLanguages(ls...).Build()
})

func linguaOf(code string) lingua.Language {
	if code == "nb" {
		return lingua.Bokmal
	}
	l := lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(code))
	if l == lingua.Unknown {
		panic("lang: lingua has no language " + code)
	}
	return l
}

func codeOf(l lingua.Language) string {
	if l == lingua.Bokmal {
		return "nb"
	}
	return lowerASCII(l.IsoCode639_1().String())
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Detect returns the language of text, or Und when the text is too short
// or too mixed to tell.
func Detect(text string) string {
	if letters(text, minLetters) < minLetters {
		return Und
	}
	if c := vote(text); c != "" {
		return c
	}
	sample := prefix(text, ngramSample)
	cs := ngrams().ComputeLanguageConfidenceValues(sample)
	if len(cs) == 0 || cs[0].Value() < minConfident {
		return Und
	}
	code := codeOf(cs[0].Language())
	if code == "hr" && latinSerbian(sample) {
		code = "sr"
	}
	return code
}

// letters counts the letters of text, stopping at max.
func letters(text string, max int) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			if n++; n >= max {
				break
			}
		}
	}
	return n
}

// prefix returns at most n runes of text, cut at a space when there is one
// in the last tenth.
func prefix(text string, n int) string {
	i := 0
	for j := range text {
		if i == n {
			cut := j
			for k := j - 1; k > 0 && k > j-n/10; k-- {
				if text[k] == ' ' {
					cut = k
					break
				}
			}
			return text[:cut]
		}
		i++
	}
	return text
}
