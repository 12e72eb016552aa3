package lang

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/unicode/norm"

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
	minLead       = 2.0   // the winner's votes over the runner-up's
	minDensity    = 0.03  // the winner's votes per word read
	maxForeign    = 0.005 // letters foreign to the winner's alphabet, per letter
	maxRepeats    = 3     // votes of one word at most
	minLowerShare = 0.25  // words in lower case, of all words and numbers, that make running text
	minWordsUnd   = 12    // words that, with few stop words, make ASCII text undetermined
	minStopShare  = 0.1   // the share of stop words below which it is
)

const (
	readRunes    = 2000 // runes of text read at most
	ngramSample  = 300  // runes of text given to the n-gram models at most
	minLetters   = 10   // fewer letters than this are undetermined
	minConfident = 0.1  // the n-gram models' confidence needed for a language
)

// stopWord is what the first stage knows of a stop word: the bit set of
// the voters that list it and its number among all stop words.
type stopWord struct {
	voters uint32
	id     uint16
}

// stopWords maps each stop word of a voter to its entry.
var stopWords = func() map[string]stopWord {
	cache := registry.NewCache()
	m := map[string]stopWord{}
	for i, v := range voters {
		tm, err := cache.TokenMapNamed(v.list)
		if err != nil {
			panic("lang: stop list " + v.list + ": " + err.Error())
		}
		for w := range tm {
			e, ok := m[w]
			if !ok {
				e.id = uint16(len(m))
			}
			e.voters |= 1 << i
			m[w] = e
		}
	}
	if len(m) > maxStopWords {
		panic("lang: too many stop words")
	}
	return m
}()

const maxStopWords = 1 << 13

// tally is the first stage's count over the start of a text.
type tally struct {
	score   [32]float64 // each voter's votes
	words   int         // words read
	letters int
	stops   int // words that are a stop word of some voter
	// Words by their case: lower case, capitalised (names, and the first
	// word of a sentence); and numbers. A word in capitals (a headline's,
	// an acronym) is neither.
	lower, upper, numbers int
	// beyond holds the letters beyond ASCII, lower case, with their
	// counts; text has few distinct ones.
	beyond  []letterCount
	repeats [maxStopWords]uint8 // votes cast by each stop word
}

type letterCount struct {
	r rune
	n int
}

func (t *tally) letter(r rune) {
	t.letters++
	if r < utf8.RuneSelf {
		return
	}
	for i := range t.beyond {
		if t.beyond[i].r == r {
			t.beyond[i].n++
			return
		}
	}
	t.beyond = append(t.beyond, letterCount{r, 1})
}

// word counts one word; clitic marks a token that is no word of its own.
func (t *tally) word(w []byte, clitic bool) {
	t.words++
	e, ok := stopWords[string(w)]
	if !ok || clitic {
		return
	}
	t.stops++
	// A name or unit that is a stop word elsewhere ("tons", "Olin") may
	// repeat: a word votes a few times at most.
	if t.repeats[e.id] >= maxRepeats {
		return
	}
	t.repeats[e.id]++
	// A word many lists share says little: it counts for each of the k
	// languages by 1/k³.
	set := e.voters
	k := float64(bits.OnesCount32(set))
	share := 1 / (k * k * k)
	for set != 0 {
		i := bits.TrailingZeros32(set)
		t.score[i] += share
		set &^= 1 << i
	}
}

// read counts the words of text, up to voteWords of them. An
// abbreviation's periods ("U.S.", "N.Z.") are kept inside its token, so
// that its letters are not read as the one-letter stop words of other
// languages; an initial ("John W. Johnstone") and the clitic after an
// apostrophe ("Zealand's", "don't") are no words.
func (t *tally) read(text string) {
	var buf [64]byte
	w := buf[:0]
	skip := false
	flush := func() {
		if len(w) > 0 {
			t.word(w, skip)
		}
		w = w[:0]
		skip = false
	}
	inNumber := false
	for i, r := range text {
		if unicode.IsDigit(r) {
			if !inNumber && len(w) == 0 {
				t.numbers++
			}
			inNumber = true
			continue
		}
		if r != '.' && r != ',' {
			inNumber = false
		}
		if unicode.IsLetter(r) {
			if len(w) == 0 && !skip {
				switch {
				case unicode.IsLower(r):
					t.lower++
				case unicode.IsUpper(r) && !capitals(text[i:]):
					t.upper++
				}
			}
			r = unicode.ToLower(r)
			t.letter(r)
			if len(w)+utf8.UTFMax <= cap(w) {
				w = utf8.AppendRune(w, r)
			}
			continue
		}
		if r == '.' && utf8.RuneCount(w) == 1 {
			skip = true
		}
		if (r == '.' || r == '\'' || r == '’') && len(w) > 0 {
			rest := text[i+utf8.RuneLen(r):]
			if next, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(next) {
				if r == '.' {
					w = append(w, '.')
					continue
				}
				flush()
				skip = clitic(rest)
				continue
			}
		}
		flush()
		if t.words >= voteWords {
			return
		}
	}
	flush()
}

// vote returns the first stage's decision on text, or "" when it has none.
func vote(text string) string {
	t := new(tally)
	t.read(text)
	return t.decide()
}

// namesAndNumbers reports whether the text read is mostly names, numbers
// and words in capitals, as in results tables, lists and headlines in
// capitals: in a script with case, fewer than minLowerShare of its words
// and numbers begin with a lower-case letter. Such text carries little of
// its language, and n-gram models read its names as the language of their
// origin.
func (t *tally) namesAndNumbers() bool {
	n := t.lower + t.upper + t.numbers
	return n >= minWords && t.lower+t.upper >= t.words/2 && float64(t.lower) < minLowerShare*float64(n)
}

// decide returns the first stage's decision, or "" when it has none.
func (t *tally) decide() string {
	if t.words < minWords {
		return ""
	}
	best, second := 0, 0.0
	for i := range voters {
		switch {
		case t.score[i] > t.score[best]:
			second = t.score[best]
			best = i
		case i != best && t.score[i] > second:
			second = t.score[i]
		}
	}
	s := t.score[best]
	if len(t.beyond) == 0 && t.words >= minWordsUnd && float64(t.stops) < minStopShare*float64(t.words) {
		// ASCII words and hardly a stop word of any language: tables,
		// tickers, lists of names and scores ("Shr 34 cts vs 1.19
		// dlrs"). Running text has a stop word in every third word or so.
		return Und
	}
	alphabet, ok := decisive[voters[best].code]
	if !ok || s < minLead*second {
		return ""
	}
	// Text in ASCII alone, in a language whose alphabet is ASCII, rules out
	// most others: there a clear lead of a few stop words decides.
	weak := len(t.beyond) == 0 && alphabet == "" && s >= minVotesASCII
	if !weak && (s < minVotes || s < minDensity*float64(t.words)) {
		return ""
	}
	foreign := 0
	for _, c := range t.beyond {
		if !strings.ContainsRune(alphabet, c.r) {
			foreign += c.n
		}
	}
	if float64(foreign) > maxForeign*float64(t.letters) {
		return ""
	}
	return voters[best].code
}

// trigrams is the second stage, built on first use as most text never
// needs it: lingua's trigram models alone (its low accuracy mode), some
// 30 MB for every language. Its models of one to five letters are better
// on a single sentence (a few points on the UDHR's) but take 20 MB and a
// fifth of a CPU-second to load for each language a text may be in, which
// on a wire's headlines in capitals is all of the Latin-script ones.
var trigrams = sync.OnceValue(func() lingua.LanguageDetector {
	return lingua.NewLanguageDetectorBuilder().FromLanguages(linguaLanguages()...).WithLowAccuracyMode().Build()
})

func linguaLanguages() []lingua.Language {
	var ls []lingua.Language
	for _, l := range Languages {
		ls = append(ls, linguaOf(l.Code))
	}
	return ls
}

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
	// Only the start of a text is read; in composed form, so that letters
	// written as a base and combining marks ("ị" as "i" and U+0323) are
	// letters of their language.
	text = prefix(text, readRunes)
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	if letters(text, minLetters) < minLetters {
		return Und
	}
	t := new(tally)
	t.read(text)
	if c := t.decide(); c != "" {
		return c
	}
	if t.namesAndNumbers() {
		return Und
	}
	sample := prefix(text, ngramSample)
	cs := trigrams().ComputeLanguageConfidenceValues(sample)
	if len(cs) == 0 || cs[0].Value() < minConfident {
		return Und
	}
	code := codeOf(cs[0].Language())
	if code == "hr" && latinSerbian(sample) {
		code = "sr"
	}
	return code
}

// capitals reports whether the word at the start of s has two capitals
// or more and no lower-case letter ("SOCCER", "NATO").
func capitals(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case unicode.IsLower(r):
			return false
		case !unicode.IsLetter(r):
			return n >= 2
		}
	}
	return n >= 2
}

// clitic reports whether the word at the start of s, which follows an
// apostrophe, is a clitic of one letter ("s" of "Zealand's", "t" of
// "don't") rather than a word ("année" of "l'année").
func clitic(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	return !unicode.IsLetter(next)
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
