// Where sentences, frames and paragraphs start and end, for the passes that
// read the words around a quotation.

package quote

import (
	"sort"
	"strings"
)

// sentenceStart returns the index of the first token of the sentence that
// holds token i, stopping at the close of an earlier quotation.
func (d *doc) sentenceStart(i int) int {
	p := d.toks[i].para
	k := i - 1
	for ; k >= 0; k-- {
		t := d.toks[k]
		if t.para != p || t.isTerminal() && !t.inQ {
			break
		}
		if t.inQ {
			break
		}
	}
	return k + 1
}

// frameEnd returns the index past the last token of the sentence that starts
// at i, stopping at a quotation mark.
func (d *doc) frameEnd(i int) int {
	if i >= len(d.toks) {
		return i
	}
	end := d.paraEnd[d.toks[i].para]
	for k := i; k < end; k++ {
		t := d.toks[k]
		if t.isTerminal() || t.kind == kQuote || t.inQ {
			return k
		}
	}
	return end
}

// reportEnd is frameEnd for reported speech, which runs on over a few words
// it quotes inside its sentence: "… within the scope of the “strategic
// partnership” agreement."
func (d *doc) reportEnd(i int) int {
	toks := d.toks
	hi := d.frameEnd(i)
	if hi == i || toks[hi-1].kind != kWord {
		return hi // marks after the verb or a comma: a quotation
	}
	for n := 0; n < 8 && hi < len(toks) && toks[hi].kind == kQuote; n++ {
		closer := -1
		for k := hi + 1; k < len(toks) && k <= hi+12 && toks[k].para == toks[hi].para; k++ {
			if toks[k].kind == kQuote {
				closer = k
				break
			}
		}
		if closer < 0 {
			return hi
		}
		next := closer + 1
		if next >= len(toks) || toks[next].para != toks[hi].para || toks[next].isTerminal() || toks[closer-1].isTerminal() {
			return next
		}
		hi = d.frameEnd(next)
	}
	return hi
}

// isVerb reports whether token k is a speech verb outside quotations.
func (d *doc) isVerb(k int) bool {
	t := d.toks[k]
	return t.kind == kWord && !t.inQ && speechVerbs[t.lower()]
}

// isAux reports whether token k may stand between a speaker and the speech
// verb: an auxiliary, an adverb or a day ("Priebus later Thursday told").
func (d *doc) isAux(k int) bool {
	t := d.toks[k]
	return t.kind == kWord && (auxiliaries[t.lw] && !t.isCap() || d.isAdverb(k) || calendar[t.lw] && !(monthNames[t.lw] && nameWordAt(d.toks, k)))
}

// isAdverb reports whether token k is an adverb of manner, as "-ly" makes
// them, after the subject or an auxiliary ("Clinton flatly denied",
// "Trump has angrily told"): not one of the nouns that end so ("ally",
// "family"), nor one that makes an adjective of the participle after it
// ("Britain's emotionally charged uprising", "rough and racially
// charged").
func (d *doc) isAdverb(k int) bool {
	if k == 0 || !adverbLike(d.toks[k]) {
		return false
	}
	p := d.toks[k-1]
	return p.kind == kWord && !isPossessive(p.w) && !connectors[p.w] && !determiners[p.lw] && !prepositions[p.lw]
}

// adverbLike reports whether t is a lower-case word in "-ly" that is no
// noun ("widely", not "ally"), by its form alone.
func adverbLike(t token) bool {
	return t.kind == kWord && !t.isCap() && len(t.lw) > 4 && strings.HasSuffix(t.lw, "ly") && !lyNouns[t.lw]
}

// paraOf returns the paragraph of the token at byte offset pos.
func (d *doc) paraOf(pos int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].e > pos })
	if i >= len(d.toks) {
		return -1
	}
	return d.toks[i].para
}

// paraStart returns the index of the first token of paragraph p.
func (d *doc) paraStart(p int) int {
	end := d.paraEnd[p]
	k := end - 1
	for k > 0 && d.toks[k-1].para == p {
		k--
	}
	return k
}
