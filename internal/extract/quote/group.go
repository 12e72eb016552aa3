// Groups: a plural that names people by a proper attribute speaks as a
// group, kept as written and marked Described, since it names no one. The
// plurals are the entity pass's (entity.GroupPlural), which for the same
// reason reads them as no organization and no person.

package quote

import (
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// pluralPersonNoun reports whether w (lower case) is the plural of a noun
// of people: a post, a role or a description (titles.txt), as written
// ("voters", "officials") or read back to its singular ("senators",
// "legislators").
func pluralPersonNoun(w string) bool {
	if !strings.HasSuffix(w, "s") {
		return false
	}
	if personNoun(w) {
		return true
	}
	if s, ok := strings.CutSuffix(w, "ies"); ok && personNoun(s+"y") {
		return true
	}
	return personNoun(strings.TrimSuffix(w, "s"))
}

// groupName returns the speaker a phrase names as a group of people, as
// written, or "". A group is a plural naming people by a proper attribute:
// a party's members or a people ("Republicans", "Palestinians"), which a
// body or place may lead ("Senate Republicans", "Iowa Democrats"), or
// proper words before a plural noun of people ("White House officials",
// "Democratic voters", "Clinton supporters", "Republican senators"). A
// determiner or a quantifier ("some Democrats", "many officials") makes it
// an unnamed part of the group, and a bare noun ("Aides") names no one. A
// word capitalised only because it opens the sentence ("Voters", "Legal
// experts") is none of a group's proper words: one that opens the sentence
// must be part of a name the entity pass found, or a word of a party or a
// people ("Democratic voters") that the article never writes in lower case.
func (d *doc) groupName(sp phrase) string {
	var ws []token
	switch sp.kind {
	case spDesc:
		ws = sp.evidence
	case spOrg, spPerson:
		if len(sp.affil) == 0 && sp.orgNoun == "" {
			ws = append(append([]token{}, sp.titles...), sp.name...) // "Some" of "Some Democrats" is a title here
		}
	}
	// "The Republicans", "But Democrats said", as tidy reads a name
	for len(ws) > 1 && (ws[0].lw == "the" || openers[ws[0].lw]) {
		ws = ws[1:]
	}
	if len(ws) == 0 || len(ws) > 5 {
		return ""
	}
	// "few Americans", "41,000 young Germans": a quantifier, a number or
	// an adjective before the phrase's capitals makes them part of the
	// group; a word of a clause's frame does not ("that Republicans",
	// "and Democrats", "said Senate Republicans")
	if i := d.tokenAt(ws[0].s); i > 0 && !d.firstOfSentence(ws[0]) && d.toks[i-1].kind == kWord && d.modifiesGroup(d.toks[i-1]) {
		return ""
	}
	head, mods := ws[len(ws)-1], ws[:len(ws)-1]
	if head.kind != kWord {
		return ""
	}
	switch {
	case head.isCap() && entity.GroupPlural(head.lw):
		if d.firstOfSentence(head) && d.writesLower(head.lw) {
			return ""
		}
	case !head.isCap() && len(mods) > 0 && pluralPersonNoun(head.lw):
	default:
		return ""
	}
	parts := make([]string, 0, len(ws))
	for _, t := range mods {
		if t.kind != kWord || !t.isCap() || nonNames[t.lw] || pronouns[t.lw] || calendar[t.lw] {
			return ""
		}
		if d.firstOfSentence(t) && !d.properAtStart(t) {
			return ""
		}
		parts = append(parts, t.w)
	}
	return strings.Join(append(parts, head.w), " ")
}

// insideSpeech reports whether the phrase at byte pos stands in what
// another speaker says: a verb of speech comes before it in its clause
// (after the last comma or coordinator), outside quotation marks, other
// than a frame's verb right after a quotation ("Obama said he expected that
// Americans will say “no”", but "“…,” said Senate Republicans"). A
// quotation there is the other speaker's words, not the group's
// (output.go); a group's own reported speech there is read as a person's
// is ("Cardin said that Republicans rejected his attempts").
func (d *doc) insideSpeech(pos int) bool {
	i := d.tokenAt(pos)
	if i >= len(d.toks) {
		return false
	}
	l0 := d.sentenceStart(i)
	for k := l0; k < i; k++ {
		u := d.toks[k]
		// "…, and Republicans want": a clause of its own
		if u.w == "," || u.w == ";" || verbCoordinators[u.lw] {
			l0 = k + 1
		}
	}
	for k := l0; k < i; k++ {
		u := d.toks[k]
		if u.kind != kWord || u.inQ || !speechVerbs[u.lw] && !indirectVerbs[u.lw] {
			continue
		}
		// "“…,” said Senate Republicans": the verb of a right frame
		if k == i-1 && (k == l0 || d.toks[k-1].kind != kWord) {
			continue
		}
		return true
	}
	return false
}

// modifiesGroup reports whether t, the word right before a group's
// capitals, makes them part of the group: a quantifier, a number, or a
// lower-case word that frames no clause (not a preposition, conjunction,
// relative, "that", "which", "the" or verb of speech), as an adjective
// does.
func (d *doc) modifiesGroup(t token) bool {
	if quantifiers[t.lw] || t.w[0] >= '0' && t.w[0] <= '9' {
		return true
	}
	return !t.isCap() && !prepositions[t.lw] && !subordinators[t.lw] && !openers[t.lw] && !verbCoordinators[t.lw] &&
		!relatives[t.lw] && !clauseBreaks[t.lw] && t.lw != "the" && !speechVerbs[t.lw] && !indirectVerbs[t.lw]
}

// firstOfSentence reports whether t is the first word of its sentence.
func (d *doc) firstOfSentence(t token) bool {
	i := d.tokenAt(t.s)
	return i < len(d.toks) && d.sentenceStart(i) == i
}

// properAtStart reports whether a capitalised word that opens a sentence is
// proper all the same: part of a name the entity pass found, or a word of a
// party or a people that the article never writes in lower case.
func (d *doc) properAtStart(t token) bool {
	if _, ok := d.entityAt(t.s, t.e); ok && !entity.IsCommon(t.lw) {
		return true
	}
	return (demonyms[t.lw] || groupAdjectives[t.lw] || partyMembers[t.lw] || entity.GroupPlural(t.lw)) && !d.writesLower(t.lw)
}
