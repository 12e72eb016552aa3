package ingest

import (
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"
)

// A page's article text is found by an extractor (readability for HTML
// pages, the body region for plain-text pages), and clean-up steps then cut
// what is not the article: elements such as share bars, navigation and
// captions, lines of site chrome, blocks of teasers for other articles, the
// footer. Every step obeys one rule: it may not remove the text that carries
// the article. Losing article text is silent data loss for a search engine,
// so the rule is enforced three times over:
//
//   - A part that holds articleShare or more of the article's running text
//     is never cut, whatever its tag, class name or marker line says: not
//     the extractor's own article node, not a wrapper named "entry-content
//     social-share", not the paragraphs after a "Sign up for our newsletter"
//     line in the middle of the text.
//   - A cut made on a weak sign (an element's class or id name, a line's
//     first words) stands only when the part also looks like boilerplate:
//     mostly link text, or only short lines and no running text.
//   - When the steps together would cut more than maxCutShare of the words
//     the extractor found, the extractor's text is kept as it is, and the
//     Cleanup says so (and is logged at debug level with the page).
//
// What each step removed is kept in a Cleanup, which `newsindex extract
// --explain` prints.

const (
	// articleShare is the share of an article's running text that a part
	// must hold to be the article, never cut.
	articleShare = 0.3
	// maxCutShare is the share of the extractor's words beyond which
	// clean-up is not trusted.
	maxCutShare = 0.3
	// linkShare is the share of link text that makes an element a link list.
	linkShare = 0.5
)

// Cleanup reports what the clean-up steps did to one page's text.
type Cleanup struct {
	// Extracted is the number of words in the text the extractor found.
	Extracted int `json:"extracted_words"`
	// Cuts has one entry per step that removed or spared something, in the
	// order the steps first did so.
	Cuts []Cut `json:"cuts"`
	// Restored reports that the steps would have cut more than the bounded
	// share of Extracted: the body is the extractor's text, uncut.
	Restored bool `json:"restored"`
}

// Cut is what one clean-up step removed, and what it matched but spared
// because the part carries the article.
type Cut struct {
	Step    string   `json:"step"`              // "elements", "menus", "chrome", "title", "teasers", "footer"
	Words   int      `json:"words"`             // words removed
	Removed []string `json:"removed,omitempty"` // one entry per part removed, abridged
	Spared  []string `json:"spared,omitempty"`  // one entry per part spared, with the reason
}

// CutWords returns the number of words the steps removed.
func (c *Cleanup) CutWords() int {
	n := 0
	for _, s := range c.Cuts {
		n += s.Words
	}
	return n
}

// CutShare returns the share of the extracted words the steps removed.
func (c *Cleanup) CutShare() float64 {
	if c.Extracted == 0 {
		return 0
	}
	return float64(c.CutWords()) / float64(c.Extracted)
}

// step returns the entry of a step, adding it when it is new.
func (c *Cleanup) step(name string) *Cut {
	if c == nil {
		return nil
	}
	for i := range c.Cuts {
		if c.Cuts[i].Step == name {
			return &c.Cuts[i]
		}
	}
	c.Cuts = append(c.Cuts, Cut{Step: name})
	return &c.Cuts[len(c.Cuts)-1]
}

// remove records that a step removed a part of n words.
func (c *Cleanup) remove(step, part string, n int) {
	if s := c.step(step); s != nil {
		s.Words += n
		s.Removed = append(s.Removed, abridge(part, 160))
	}
}

// spare records that a step matched a part and kept it, and why.
func (c *Cleanup) spare(step, part, why string) {
	if s := c.step(step); s != nil {
		s.Spared = append(s.Spared, abridge(part, 160)+" ("+why+")")
	}
}

// overCut reports whether the steps cut more than the bounded share of the
// extracted text, in which case the caller keeps the extracted text.
func (c *Cleanup) overCut() bool {
	return c.Extracted > 0 && c.CutShare() > maxCutShare
}

// logRestored logs at debug level that a page kept its extracted text
// because clean-up would have cut too much of it.
func logRestored(log *slog.Logger, page string, c *Cleanup) {
	if c == nil || !c.Restored {
		return
	}
	log.Debug("clean-up would cut the article's text; kept the extracted text", "page", page,
		"extracted_words", c.Extracted, "cut_words", c.CutWords(), "cut_share", fmt.Sprintf("%.2f", c.CutShare()))
}

// wordsIn returns the number of words in lines.
func wordsIn(lines []string) int {
	n := 0
	for _, l := range lines {
		n += words(l)
	}
	return n
}

// runningText returns the number of runes of running text (paragraphs) in
// lines.
func runningText(lines []string) int {
	n := 0
	for _, l := range lines {
		if isParagraph(l) {
			n += utf8.RuneCountInString(l)
		}
	}
	return n
}

// holdsArticleText reports whether part, of the given size, is articleShare
// or more of total: too much of the article to be cut.
func holdsArticleText(part, total int) bool {
	return total > 0 && float64(part) >= articleShare*float64(total)
}

// shortLines reports whether none of lines is running text.
func shortLines(lines []string) bool {
	for _, l := range lines {
		if isParagraph(l) {
			return false
		}
	}
	return true
}

// abridge shortens a part to at most max runes for reports.
func abridge(s string, max int) string {
	s = collapseSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max])) + "…"
}
