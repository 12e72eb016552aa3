// Vessels by context: a name that a noun of a ship or an aircraft stands
// before in lower case is the craft's, neither a person's nor a body's,
// wherever the document names it: "the bulk carrier Volna Star" was
// boarded, and later "the Volna Star's owner" is no person's owner.

package entity

import "strings"

// vessels reads as miscellaneous names, at every occurrence, the people
// and organizations named right after a vessel noun ("the tanker Eagle
// S", "the cargo ship Ruby", "the ship, the Volna Star") or before one in
// the same apposition ("Volna Star, a bulk carrier").
func (x *extraction) vessels() {
	toks := x.toks
	craft := map[string]bool{}
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg {
			continue
		}
		before := s.i > 0 && !toks[s.i].lineStart && x.vesselNoun(s.i-1)
		// "The ship, the Volna Star,": the vessel noun, a comma, "the".
		renamed := s.i > 3 && toks[s.i-1].lower == "the" && toks[s.i-2].norm == "," && x.vesselNoun(s.i-3)
		after := s.j+2 < len(toks) && toks[s.j].norm == "," && (toks[s.j+1].lower == "a" || toks[s.j+1].lower == "the") &&
			(x.vesselNoun(s.j+2) || s.j+3 < len(toks) && x.vesselNoun(s.j+3))
		if (before || renamed || after) && GivenName(toks[s.i].lower) == 0 {
			craft[strings.ToLower(x.words(s))] = true
		}
	}
	if len(craft) == 0 {
		return
	}
	for k, s := range x.spans {
		if (s.kind == kPer || s.kind == kOrg) && craft[strings.ToLower(x.words(s))] {
			x.spans[k].kind = kMisc
		}
	}
	x.buildOwner()
}

// vesselNoun reports whether toks[k] names a kind of craft. A carrier is a
// ship only after a word that says so ("bulk carrier", "aircraft
// carrier"): alone it is as often an airline ("the carrier Ryanair").
func (x *extraction) vesselNoun(k int) bool {
	w := x.toks[k].lower
	if w == "carrier" || w == "carriers" {
		return k > 0 && carrierKinds[x.toks[k-1].lower]
	}
	return vesselNouns[w]
}
