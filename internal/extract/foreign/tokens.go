package foreign

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of the text: a run of letters, digits and marks.
// Apostrophes and hyphens end words, so that an elided article
// ("l'Allemagne", "dell’Italia") and the parts of a compound
// ("US-Präsident", "EU-Kommission") stand alone.
type token struct {
	text       string
	lower      string
	stem       string
	start, end int
	// joined reports whether only spaces or a hyphen separate the token
	// from the one before it, so that a name may run on over them.
	joined bool
	// sentenceStart reports whether the token opens a sentence, a
	// paragraph or a quotation, where every language capitalises words.
	sentenceStart bool
	// capsLine reports whether the token's line is written in capitals,
	// where common words look like acronyms ("UN HOMME").
	capsLine bool
}

func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into tokens, stemming each with stem.
func tokenize(text string, stem func(string) string) []token {
	var toks []token
	caps := capsLines(text)
	start := -1
	boundary := true // a sentence opens at the start of the text
	gapStart := 0
	flush := func(end int) {
		w := text[start:end]
		gap := text[gapStart:start]
		joined := len(toks) > 0 && strings.TrimSpace(strings.ReplaceAll(gap, "-", "")) == "" &&
			strings.Count(gap, "-") <= 1 && !strings.Contains(gap, "\n\n")
		low := strings.ToLower(w)
		toks = append(toks, token{text: w, lower: low, stem: stem(low), start: start, end: end,
			joined: joined, sentenceStart: boundary, capsLine: caps(start)})
		boundary = false
		gapStart = end
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
			start = -1
		}
		switch {
		case strings.ContainsRune(".!?:;…", r) || strings.ContainsRune(openingMarks, r):
			boundary = true
		case r == '\n' && i+1 < len(text) && text[i+1] == '\n':
			boundary = true
		}
	}
	if start >= 0 {
		flush(len(text))
	}
	return toks
}

// capsLines returns a function that reports whether the line holding a
// byte offset has more than half of its letters, and at least eight, in
// capitals.
func capsLines(text string) func(int) bool {
	var upperEnds []int // ends of lines in capitals, with their starts before them
	lineStart := 0
	upper, letters := 0, 0
	for i, r := range text + "\n" {
		switch {
		case r == '\n':
			if letters >= 8 && 2*upper > letters {
				upperEnds = append(upperEnds, lineStart, i)
			}
			lineStart, upper, letters = i+1, 0, 0
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return func(off int) bool {
		for k := 0; k < len(upperEnds); k += 2 {
			if off >= upperEnds[k] && off < upperEnds[k+1] {
				return true
			}
		}
		return false
	}
}
