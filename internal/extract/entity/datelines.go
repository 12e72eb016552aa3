// Datelines: the place that opens a line of wire copy ("CLEVELAND, Feb 26 -")
// is a place, and a state's abbreviation after it names its country.

package entity

import (
	"strings"
	"unicode"
)

// StateName returns the US state an abbreviation stands for, AP style or
// postal, with or without its last period ("Fla.", "N.Y", "FL"), and false
// for any other word.
func StateName(abbrev string) (string, bool) {
	st, ok := stateByAbbrev[strings.ToLower(strings.TrimSuffix(abbrev, "."))]
	return st, ok
}

// datelines finds the datelines that open lines ("CLEVELAND, Feb 26 -",
// "SANTA CRUZ, Calif., Feb 26 -", "LONDON 1996-08-30", "MAE SOT , Thailand
// 1996-08-25"): their city is a
// place, never a person or an organization, and a state abbreviation after
// it names its country.
func (x *extraction) datelines() {
	toks := x.toks
	drop := map[int]bool{}
	var places []span
	for i := 0; i < len(toks); i++ {
		if !toks[i].lineStart || !isAllCapsWord(toks[i].norm) {
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].lineStart && isAllCapsWord(toks[j].norm) && j-i < 4 {
			j++
		}
		if j >= len(toks) || toks[j].lineStart {
			continue
		}
		dated := false
		k := j
		if toks[k].norm == "," && k+1 < len(toks) {
			if c, ok := stateAbbrevs[strings.TrimSuffix(toks[k+1].norm, ".")]; ok {
				st, en := toks[k+1].start, toks[k+1].end
				x.pre = append(x.pre, Mention{Kind: Country, Start: st, End: en, Text: x.text[st:en], Name: c})
				drop[k+1] = true
				k += 2
				for k < len(toks) && (toks[k].norm == "." || toks[k].norm == ",") {
					k++
				}
				dated = true
			} else if e := gaz.match(toks, k+1); e != nil && e.kind == gazCountry && k+1+len(e.words) < len(toks) {
				k += 1 + len(e.words) // "MAE SOT , Thailand 1996-08-25"
			} else {
				k++
			}
		}
		if k < len(toks) && (isMonth(toks[k].norm) || shape(toks[k].norm) == "d-d-d") {
			dated = true
			drop[k] = true
		}
		if dated {
			for t := i; t < j; t++ {
				drop[t] = true
			}
			places = append(places, span{i, j, kLoc})
		}
	}
	if len(drop) == 0 {
		return
	}
	out := x.spans[:0]
	held := map[int]bool{} // tokens of the place spans kept
	for _, s := range x.spans {
		if s.kind != kLoc && drop[s.i] {
			continue
		}
		out = append(out, s)
		for t := s.i; t < s.j; t++ {
			held[t] = true
		}
	}
	// The city of a dateline the tagger missed is a place all the same.
	for _, p := range places {
		if !held[p.i] && !held[p.j-1] {
			out = append(out, p)
		}
	}
	x.spans = out
	x.buildOwner()
}

func isMonth(w string) bool { return months[strings.ToLower(strings.TrimSuffix(w, "."))] }

func isAllCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// isDateline reports whether toks[i:j] opens a line as a dateline does:
// "NEW YORK, March 3 -" or "LONDON 1996-08-30".
func (x *extraction) isDateline(i, j int) bool {
	toks := x.toks
	if !toks[i].lineStart {
		return false
	}
	if j >= len(toks) || toks[j].lineStart {
		return false
	}
	next := toks[j].norm
	return next == "," && j+1 < len(toks) && (isMonth(toks[j+1].norm) || stateAbbrevs[strings.TrimSuffix(toks[j+1].norm, ".")] != "") ||
		shape(next) == "d-d-d" || next == "-" && isAllCapsWord(toks[i].norm)
}

// IsPartyState reports whether w is a lawmaker's party and state, the way
// news writes them after the name: "R-Utah", "D-Mont.", "I-VT".
func IsPartyState(w string) bool {
	return len(w) >= 3 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z'
}
