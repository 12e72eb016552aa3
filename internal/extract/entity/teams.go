// Teams: the clubs that sports results and lists of players name, read as
// organizations wherever the document names them, whatever the tagger
// made of each occurrence.

package entity

import "strings"

// teams reads the names that sports tables show to be clubs as
// organizations: the name in brackets after a player's full name ("Jacek Dembinski
// ( Widzew Lodz )", "Mark Kennedy ( Liverpool )"), where a country or a
// place would be the player's nation. A club so shown is a club at every
// occurrence of its name in the document ("Widzew Lodz 3 Ruch Chorzow 0",
// "Ruch Chorzow win 6-1 on aggregate"), which the tagger, seeing a name
// like a person's, reads one way here and another there.
func (x *extraction) teams() {
	team := map[string]bool{} // lower-cased names of the clubs shown
	for _, n := range x.resultLines() {
		team[n] = true
	}
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg || !x.playersClub(s) {
			continue
		}
		team[strings.ToLower(x.words(s))] = true
	}
	if len(team) == 0 {
		return
	}
	changed := false
	for k, s := range x.spans {
		if s.kind == kPer && team[strings.ToLower(x.words(s))] {
			x.spans[k].kind = kOrg
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}

// playersClub reports whether the span s stands alone in brackets right
// after a person's name: "Marek Citko ( Widzew )".
func (x *extraction) playersClub(s span) bool {
	toks := x.toks
	if s.i < 2 || s.j >= len(toks) || toks[s.i-1].norm != "(" || toks[s.j].norm != ")" {
		return false
	}
	o := x.owner[s.i-2]
	// a full name: "Saddam ( Hussein )" is the person's own name
	return o >= 0 && x.spans[o].kind == kPer && x.spans[o].j == s.i-1 && x.spans[o].j-x.spans[o].i >= 2
}
