// Bodies by context: names that the words around one occurrence show to be
// a club, a medium or a party, read as organizations wherever the document
// names them, whatever the tagger made of each occurrence.

package entity

import "strings"

// bodyCues are the contexts that show a name read as a person or an
// organization to be a body, tried in order; each row carries its example.
var bodyCues = []struct {
	name, example string
	cue           func(x *extraction, s span) bool
}{
	{"a player's club", "Jacek Dembinski ( Widzew Lodz )", (*extraction).playersClub},
	{"a club before a player's position", "Chelsea defender Terry Phelan", (*extraction).clubOfPlayer},
	{"a body before its noun", "the Belga news agency, the Chart Thai party", (*extraction).bodyBeforeNoun},
}

// bodies reads as organizations the names that a body cue stands by, and
// the sides of lines of results (see resultLines), at every occurrence of
// the name: a club shown once is a club in the table of results and in the
// report ("Ruch Chorzow win 6-1 on aggregate"), where the tagger, seeing a
// name like a person's, reads it one way here and another there.
func (x *extraction) bodies() {
	body := map[string]bool{} // lower-cased names of the bodies shown
	for _, n := range x.resultLines() {
		body[n] = true
	}
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg {
			continue
		}
		for _, c := range bodyCues {
			if c.cue(x, s) {
				body[strings.ToLower(x.words(s))] = true
				break
			}
		}
	}
	if len(body) == 0 {
		return
	}
	changed := false
	for k, s := range x.spans {
		if s.kind == kPer && body[strings.ToLower(x.words(s))] {
			x.spans[k].kind = kOrg
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}

// playersClub reports whether the span s stands alone in brackets right
// after a person's full name, where a country or a place would be the
// player's nation: "Marek Citko ( Widzew )", but "Saddam ( Hussein )" is
// the person's own name.
func (x *extraction) playersClub(s span) bool {
	toks := x.toks
	if s.i < 2 || s.j >= len(toks) || toks[s.i-1].norm != "(" || toks[s.j].norm != ")" {
		return false
	}
	o := x.owner[s.i-2]
	return o >= 0 && x.spans[o].kind == kPer && x.spans[o].j == s.i-1 && x.spans[o].j-x.spans[o].i >= 2
}

// clubOfPlayer reports whether a player's position in lower case and a
// person's name follow the span s: "Botafogo striker Tulio".
func (x *extraction) clubOfPlayer(s span) bool {
	toks := x.toks
	k := s.j
	if k+1 >= len(toks) || toks[k].lineStart || !playerPositions[toks[k].norm] {
		return false
	}
	o := x.owner[k+1]
	return o >= 0 && x.spans[o].kind == kPer && x.spans[o].i == k+1
}

// bodyBeforeNoun reports whether a noun in lower case of the kinds of body
// that bear names follows the span s, after "news" for an agency: "Belga
// news agency", "Vogue magazine", "Chart Thai party". A name that opens
// with a given name is a person's, whose party it may be.
func (x *extraction) bodyBeforeNoun(s span) bool {
	toks := x.toks
	k := s.j
	if k < len(toks) && toks[k].norm == "news" {
		k++
	}
	return k < len(toks) && !toks[k].lineStart && bodyNouns[toks[k].norm] && GivenName(toks[s.i].lower) == 0
}
