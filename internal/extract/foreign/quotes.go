package foreign

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/quote"
)

// quotationMarks maps a language to the marks that open its quotations and
// the marks that close each. A language not listed gets defaultMarks. The
// straight double quote (") serves every language (see straightQuote).
//
//	fr  « Nous irons jusqu'au bout », a déclaré la ministre.
//	de  „Wir schaffen das“, sagte sie. »Das ist neu«, schrieb er.
//	ru  «Мы готовы к переговорам», — заявил министр.
//	pl  „Nie ma zgody”, powiedział.
//	sv  ”Vi är redo”, sa hon. »Det är klart», skrev han.
//	ja  「交渉を続ける」と述べた。
var quotationMarks = map[string]map[rune]string{
	"fr": {'«': "»", '“': "”", '‹': "›"},
	"es": {'«': "»", '“': "”"},
	"it": {'«': "»", '“': "”"},
	"pt": {'«': "»", '“': "”"},
	"ca": {'«': "»", '“': "”"},
	"ro": {'„': "”", '«': "»"},
	"de": {'„': "“", '»': "«", '‚': "‘", '«': "»"},
	"da": {'»': "«", '„': "“", '“': "”"},
	"nl": {'“': "”", '„': "”"},
	"nb": {'«': "»", '“': "”"},
	"sv": {'”': "”", '»': "»"},
	"fi": {'”': "”", '»': "»"},
	"ru": {'«': "»", '„': "“"},
	"uk": {'«': "»", '„': "“"},
	"bg": {'„': "“", '«': "»"},
	"sr": {'„': "“”", '»': "«"},
	"hr": {'„': "“”", '»': "«"},
	"sl": {'„': "“", '»': "«"},
	"cs": {'„': "“", '»': "«"},
	"sk": {'„': "“", '»': "«"},
	"pl": {'„': "”“", '«': "»"},
	"hu": {'„': "”", '»': "«"},
	"et": {'„': "“", '«': "»"},
	"lv": {'„': "“”", '«': "»"},
	"lt": {'„': "“", '«': "»"},
	"el": {'«': "»", '“': "”"},
	"tr": {'“': "”", '«': "»"},
	"ja": {'「': "」", '『': "』"},
	"zh": {'“': "”", '「': "」", '『': "』"},
	"ko": {'“': "”", '「': "」"},
	"ar": {'«': "»", '“': "”"},
	"fa": {'«': "»"},
	"he": {'“': "”", '„': "”"},
}

var defaultMarks = map[rune]string{'«': "»", '“': "”", '„': "“”", '»': "«", '「': "」", '『': "』"}

// openingMarks are every mark that opens a quotation in some language; a
// sentence's first word may follow one.
const openingMarks = "«“„»‚‹”「『\""

// minQuoteWords is the least number of words a quotation holds, and
// minQuoteRunes the least number of letters in a script written without
// spaces: fewer are a title or a word held at arm's length („Tatort“,
// «Brexit»), not something said. In a script with case, minLowerWords
// words must open in lower case, as a sentence's verbs and articles do and
// a title's capitalised words do not ("Bridge of Spies", "Post Pop
// Depression").
const (
	minQuoteWords = 3
	minLowerWords = 2
	minQuoteRunes = 6
)

// quotations finds the direct quotations of text, in the marks of lang,
// outermost only; toks and n, when given, let a name before a colon be
// their speaker.
func quotations(text, lang string, toks []token, n *names) []quote.Quote {
	marks, ok := quotationMarks[lang]
	if !ok {
		marks = defaultMarks
	}
	var out []quote.Quote
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		closers, isOpen := marks[r]
		if r == '"' {
			closers, isOpen = `"`, straightOpens(text, i)
		}
		if !isOpen {
			i += size
			continue
		}
		end := closing(text, i+size, r, closers)
		if end < 0 {
			i += size
			continue
		}
		inner := text[i+size : end]
		start := i + size + (len(inner) - len(strings.TrimLeftFunc(inner, unicode.IsSpace)))
		body := strings.TrimSpace(inner)
		if saysSomething(body) {
			q := quote.Quote{Text: body, Direct: true, Start: start, End: start + len(body)}
			if sp := colonSpeaker(text, i, toks, n); sp != "" {
				q.Speaker, q.Mention, q.Role = sp, sp, quote.RoleOther
			}
			out = append(out, q)
		}
		_, csize := utf8.DecodeRuneInString(text[end:])
		i = end + csize
	}
	return out
}

// maxQuoteBytes bounds a quotation's length, so that text full of marks
// no one closes is read in linear time.
const maxQuoteBytes = 4000

// closing returns the offset of the mark that closes a quotation opened by
// open, searching text from `from` to the end of the paragraph; -1 when
// none does within maxQuoteBytes. Quotations in the same marks may nest
// when the marks differ.
func closing(text string, from int, open rune, closers string) int {
	depth := 0
	end := min(len(text), from+maxQuoteBytes)
	for i := from; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' && strings.HasPrefix(text[i+size:], "\n"):
			return -1 // a quotation ends within its paragraph
		case strings.ContainsRune(closers, r) && (r != '"' || straightCloses(text, i)):
			if depth == 0 {
				return i
			}
			depth--
		case r == open && !strings.ContainsRune(closers, r):
			depth++
		}
		i += size
	}
	return -1
}

// straightOpens reports whether the straight quote at i opens a
// quotation: nothing but space or punctuation before it, a word after it.
func straightOpens(text string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+1:])
	return (i == 0 || !isWordRune(before)) && after != utf8.RuneError && !unicode.IsSpace(after)
}

// straightCloses reports whether the straight quote at i closes one: no
// space before it, no word after it.
func straightCloses(text string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+1:])
	return !unicode.IsSpace(before) && (i+1 == len(text) || !isWordRune(after))
}

// saysSomething reports whether a quotation's text is long enough to be
// speech: minQuoteWords words, or minQuoteRunes letters of a script
// written without spaces.
func saysSomething(s string) bool {
	words, lower, unspaced := 0, 0, 0
	in, cased := false, false
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai) {
			unspaced++
		}
		if unicode.IsUpper(r) || unicode.IsLower(r) {
			cased = true
		}
		w := isWordRune(r)
		if w && !in {
			words++
			if unicode.IsLower(r) {
				lower++
			}
		}
		in = w
	}
	return words >= minQuoteWords && lower >= minLowerWords || !cased && words >= minQuoteWords || unspaced >= minQuoteRunes
}

// colonSpeaker returns the name that stands alone before a colon that
// opens the quotation at offset at: "Emmanuel Macron : « … »", "Путин: «…»". The words
// from the sentence's start to the colon must all be capitalised (name
// particles of up to three lower-case letters aside: "Ursula von der
// Leyen"), four at most, and no country, capital or organization the
// lists know; "" otherwise.
func colonSpeaker(text string, at int, toks []token, n *names) string {
	s := strings.TrimRightFunc(text[:at], unicode.IsSpace)
	var colon bool
	if s, colon = strings.CutSuffix(s, ":"); !colon {
		if s, colon = strings.CutSuffix(s, "："); !colon {
			return ""
		}
	}
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	startAt := strings.LastIndexAny(s, ".!?\n«»“”„\"") + 1
	seg := s[startAt:]
	words := strings.Fields(seg)
	if len(words) == 0 || len(words) > 4 {
		return ""
	}
	for k, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) && r != '-' && r != '\'' && r != '’' }):
			return ""
		case unicode.IsUpper(r):
		case k > 0 && k < len(words)-1 && n != nil && n.particles[w]:
		default:
			return ""
		}
	}
	if n != nil {
		for i, t := range toks {
			if t.start < startAt || t.end > len(s) {
				continue
			}
			if n.match(text, toks, i) != nil {
				return "" // "Moskau:", "ONU :" is a dateline or a body, not a person
			}
		}
	}
	return strings.Join(words, " ")
}
