package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = iota // a word, number or abbreviation
	kPunct        // one punctuation character
	kQuote        // a double quotation mark: " “ ”
)

// token is one word or punctuation mark of the text.
type token struct {
	s, e int    // byte offsets into the text
	w    string // text[s:e]
	lw   string // w in lower case
	kind uint8
	para int  // paragraph number (one per non-empty line)
	inQ  bool // inside an accepted quotation
}

// tokenize splits text into tokens. Words keep inner apostrophes, hyphens
// and periods ("don’t", "Dayez-Burgeon", "U.S."); every other non-space
// character is a token of its own.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	para := 0
	hasTok := false
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if hasTok {
				para++
				hasTok = false
			}
			i += n
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == ',' {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if j+n2 < len(text) && isWordRune(r3) && (r2 != ',' || unicode.IsDigit(r3) && unicode.IsDigit(lastRune(text[i:j]))) {
						j += n2
						continue
					}
				}
				break
			}
			if j < len(text) && text[j] == '.' {
				w := text[i:j]
				lw := toLower(w)
				first, _ := utf8.DecodeRuneInString(w)
				next := byte(' ')
				if j+1 < len(text) {
					next = text[j+1]
				}
				if abbrevs[lw] || strings.Contains(w, ".") || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(first)) ||
					next == ',' || next == ')' || (strings.Contains(w, "-") && len(w) <= 6 && unicode.IsUpper(first)) {
					j++
				}
			}
			toks = append(toks, token{s: i, e: j, w: text[i:j], lw: toLower(text[i:j]), kind: kWord, para: para})
			hasTok = true
			i = j
		case r == '\'' && i+1 < len(text) && text[i+1] == '\'':
			// two apostrophes stand for a double quotation mark in some archives
			toks = append(toks, token{s: i, e: i + 2, w: text[i : i+2], lw: text[i : i+2], kind: kQuote, para: para})
			hasTok = true
			i += 2
		default:
			k := uint8(kPunct)
			if r == '"' || r == '“' || r == '”' || r == '„' {
				k = kQuote
			}
			toks = append(toks, token{s: i, e: i + n, w: text[i : i+n], lw: text[i : i+n], kind: k, para: para})
			hasTok = true
			i += n
		}
	}
	return joinParticles(text, toks)
}

// joinParticles makes each speech verb and its particle one token.
func joinParticles(text string, toks []token) []token {
	out := toks[:0]
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if p, ok := particleVerbs[t.lw]; ok && k+1 < len(toks) && toks[k+1].lw == p && toks[k+1].para == t.para {
			t.e = toks[k+1].e
			t.w = text[t.s:t.e]
			t.lw = t.lw + " " + p
			k++
		}
		out = append(out, t)
	}
	return out
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// lastRune returns the last rune of s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isCap reports whether a word token starts with an upper-case letter.
func (t token) isCap() bool {
	if t.kind != kWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.w)
	return unicode.IsUpper(r)
}

// lower returns the word in lower case with a final possessive removed.
func (t token) lower() string { return t.lw }

// toLower is strings.ToLower without an allocation for words already in
// lower case.
func toLower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// isTerminal reports whether t ends a sentence.
func (t token) isTerminal() bool {
	return t.kind == kPunct && (t.w == "." || t.w == "!" || t.w == "?")
}

// stripPossessive removes a final "'s" or "’s".
func stripPossessive(w string) string {
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// isPossessive reports whether w ends in "'s" or "’s".
func isPossessive(w string) bool { return stripPossessive(w) != w }
