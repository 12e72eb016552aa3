package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of the text, with its byte offsets.
// The tokenizer splits text the way the CoNLL-2003 corpus is split, so that
// tokenised and running text look alike to the tagger: punctuation stands
// alone, a possessive "'s" is its own token, and "U.S." or "Mr." keep their
// periods.
type token struct {
	start, end int
	text       string // text[start:end]
	norm       string // the form the tagger sees: curly quotes folded to straight ones
	lower      string // norm in lower case
	lineStart  bool   // first token of its line
	capsLine   bool   // on a line whose letters are all upper case (a headline)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits text into tokens.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	i := 0
	lineStart := true
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			lineStart = true
			i += n
			continue
		}
		if r == utf8.RuneError && n <= 1 {
			// No name runs across a byte that is not UTF-8.
			lineStart = true
			i += n
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			i += n
			continue
		}
		start := i
		switch {
		case isWordRune(r):
			i = scanWord(text, i)
		case isApostrophe(r) && i+n < len(text) && (text[i+n] == 's' || text[i+n] == 'S') && (i+n+1 == len(text) || !isWordRuneAt(text, i+n+1)):
			i += n + 1 // possessive 's
		default:
			i += n
		}
		t := token{start: start, end: i, text: text[start:i], lineStart: lineStart}
		t.norm = normalize(t.text)
		t.lower = strings.ToLower(t.norm)
		toks = append(toks, t)
		lineStart = false
	}
	markCapsLines(toks)
	return toks
}

func isWordRuneAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// scanWord returns the end of the word that starts at i. A word holds letters
// and digits, inner hyphens, periods and commas between digits, an inner
// apostrophe that is not a possessive or a negation ("O'Brien"), and the
// period of a known abbreviation or of an initialism ("U.S.", "J.").
func scanWord(text string, i int) int {
	start := i
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			i += n
			continue
		}
		if i+n < len(text) && isWordRuneAt(text, i+n) {
			switch {
			case r == '-':
				i += n
				continue
			case (r == '.' || r == ',') && isDigitBefore(text, i) && text[i+n] >= '0' && text[i+n] <= '9':
				i += n
				continue
			case isApostrophe(r):
				// A possessive or a contraction ending the word is split
				// off ("Putin's", "I'm", "they're"); "O'Brien" is kept.
				if isClitic(text[i+n:]) {
					return i
				}
				i += n
				continue
			case r == '.' && isInitialism(text[start:i]):
				i += n
				continue
			}
		}
		if r == '.' {
			w := text[start:i]
			if isInitialism(w) || abbrevs[strings.ToLower(w)] && !endOfSentence(text, i+n) {
				return i + n
			}
		}
		return i
	}
	return i
}

// endOfSentence reports whether the period before i ends a sentence: it is
// followed by the end of text, or by a line break.
func endOfSentence(text string, i int) bool {
	for i < len(text) {
		switch text[i] {
		case ' ', '\t', '\r':
			i++
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

func isDigitBefore(text string, i int) bool {
	return i > 0 && text[i-1] >= '0' && text[i-1] <= '9'
}

// isInitialism reports whether w is a single letter or letters joined by
// periods ("U", "U.S", "J").
func isInitialism(w string) bool {
	if w == "" {
		return false
	}
	letters := 0
	prevLetter := false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			if prevLetter {
				return false
			}
			prevLetter = true
			letters++
		case r == '.':
			if !prevLetter {
				return false
			}
			prevLetter = false
		default:
			return false
		}
	}
	return letters >= 1 && unicode.IsUpper([]rune(w)[0])
}

// normalize folds typographic quotes and dashes to the ASCII forms of the
// training text.
func normalize(s string) string {
	switch s {
	case "“", "”", "„", "«", "»", "''", "``":
		return `"`
	case "‘", "’":
		return "'"
	case "—", "–":
		return "-"
	}
	if strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// markCapsLines flags the tokens of lines whose letters are all upper case
// and that hold at least two words.
func markCapsLines(toks []token) {
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			j++
		}
		upper, lower := 0, 0
		for _, t := range toks[i:j] {
			for _, r := range t.text {
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
			}
		}
		if upper >= 4 && lower == 0 {
			for k := i; k < j; k++ {
				toks[k].capsLine = true
			}
		}
		i = j
	}
}

var clitics = []string{"s", "S", "t", "m", "d", "re", "ve", "ll"}

// isClitic reports whether rest, the text after an apostrophe, starts with
// a possessive or a contraction that ends its word.
func isClitic(rest string) bool {
	for _, c := range clitics {
		if strings.HasPrefix(rest, c) && (len(rest) == len(c) || !isWordRuneAt(rest, len(c))) {
			return true
		}
	}
	return false
}

// Words returns the tokens of text as the tagger sees them (curly quotes
// folded, case kept): the input of `newsindex build-word-clusters`.
func Words(text string) []string {
	toks := tokenize(text)
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.norm
	}
	return ws
}
