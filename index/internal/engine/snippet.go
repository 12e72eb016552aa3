package engine

import (
	"html"
	"strings"
	"unicode/utf8"
)

// SnippetBytes is the length a snippet aims at: two lines of a results page.
const SnippetBytes = 240

// Span is the byte range of a matched term in a text.
type Span struct{ Start, End int }

// Snippet returns an HTML fragment of about max bytes of text around the
// densest cluster of matches, text escaped and matches in <mark>. With no
// matches it is the start of the text.
func Snippet(text string, spans []Span, max int) string {
	if len(text) <= max {
		return mark(text, 0, len(text), spans)
	}
	start := 0
	if len(spans) > 0 {
		// The window of max bytes that starts at a match and holds the most
		// matches; a little context is kept before it.
		best, bestN := 0, 0
		for i := range spans {
			n := 0
			for j := i; j < len(spans) && spans[j].End <= spans[i].Start+max; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		start = max0(spans[best].Start - max/5)
	}
	end := min(len(text), start+max)
	start, end = wordBounds(text, start, end)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	b.WriteString(mark(text, start, end, spans))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// HighlightAll marks every match in text.
func HighlightAll(text string, spans []Span) string { return mark(text, 0, len(text), spans) }

func mark(text string, start, end int, spans []Span) string {
	var b strings.Builder
	pos := start
	for _, s := range spans {
		if s.Start < pos || s.End > end || s.Start >= s.End {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		pos = s.End
	}
	b.WriteString(html.EscapeString(text[pos:end]))
	return b.String()
}

// wordBounds moves start forward and end back to word boundaries, and both
// onto rune boundaries, so a snippet never cuts a word or a character.
func wordBounds(text string, start, end int) (int, int) {
	for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
		start++
	}
	if start > 0 {
		if i := strings.IndexAny(text[start:min(end, start+40)], " \n\t"); i >= 0 {
			start += i + 1
		}
	}
	for end < len(text) && end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	if end < len(text) {
		if i := strings.LastIndexAny(text[max0(end-40):end], " \n\t"); i >= 0 && max0(end-40)+i > start {
			end = max0(end-40) + i
		}
	}
	return start, end
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}
