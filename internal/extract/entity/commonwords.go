package entity

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
)

// The common-word lexicon lists the words that running English news text
// writes in lower case more than three times as often as capitalized in
// mid-sentence ("benchmark", "famine", "licences"). A capitalized word at a
// sentence start that is in it is no name unless the document confirms it.
// It is built by `newsindex build-entity-lexicon` from the lower-case tokens
// of the CoNLL-2003 training text and of the BBC, PolNeAR and AG News
// training articles, and embedded as the lexicon's en/common.txt.gz (one
// word a line, sorted).
var common = words("common.txt.gz", "")

// IsCommon reports whether the lower-cased word l is a common English word:
// capitalised at a sentence's start, it is no name.
func IsCommon(l string) bool { return common[l] }

// LexiconCounter counts how texts write their words, to build the
// common-word lexicon.
type LexiconCounter struct {
	lower, capMid map[string]int
}

// NewLexiconCounter returns an empty counter.
func NewLexiconCounter() *LexiconCounter {
	return &LexiconCounter{lower: map[string]int{}, capMid: map[string]int{}}
}

// Add counts the words of one text.
func (c *LexiconCounter) Add(text string) {
	toks := tokenize(text)
	for i, t := range toks {
		if !isNameToken(t.norm) || strings.ContainsAny(t.norm, "0123456789") {
			continue
		}
		if isCap(t.norm) {
			if !isSentenceStart(toks, i) && !t.capsLine {
				c.capMid[t.lower]++
			}
		} else if t.norm == t.lower {
			c.lower[t.lower]++
		}
	}
}

// Write writes the lexicon, gzipped: the words seen in lower case at least
// minCount times and more than three times as often as capitalized in
// mid-sentence.
func (c *LexiconCounter) Write(w io.Writer, minCount int) (int, error) {
	var ws []string
	for wd, n := range c.lower {
		if n >= minCount && n > 3*c.capMid[wd] {
			ws = append(ws, wd)
		}
	}
	sort.Strings(ws)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	bw := bufio.NewWriter(zw)
	for _, wd := range ws {
		bw.WriteString(wd)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	return len(ws), nil
}
