package index

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// snippetBytes is the length a snippet aims at: two lines of a results page.
const snippetBytes = 240

type span struct{ start, end int }

// locations flattens bleve's term locations of one field into spans sorted
// by start, without overlaps.
func locations(m search.TermLocationMap) []span {
	var out []span
	for _, locs := range m {
		for _, l := range locs {
			out = append(out, span{int(l.Start), int(l.End)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	keep := out[:0]
	for _, s := range out {
		if len(keep) > 0 && s.start < keep[len(keep)-1].end {
			continue
		}
		keep = append(keep, s)
	}
	return keep
}

// snippet returns an HTML fragment of about max bytes of text around the
// densest cluster of matches, text escaped and matches in <mark>. With no
// matches it is the start of the text.
func snippet(text string, spans []span, max int) string {
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
			for j := i; j < len(spans) && spans[j].end <= spans[i].start+max; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		start = max0(spans[best].start - max/5)
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

// highlightAll marks every match in text.
func highlightAll(text string, spans []span) string { return mark(text, 0, len(text), spans) }

func mark(text string, start, end int, spans []span) string {
	var b strings.Builder
	pos := start
	for _, s := range spans {
		if s.start < pos || s.end > end || s.start >= s.end {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
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
