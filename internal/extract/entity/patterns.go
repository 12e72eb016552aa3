// Organization shapes: capitalised runs that a word such as Institute or
// Foundation, or an "&", makes the name of an organization.

package entity

import "strings"

// patternOrgs finds names shaped like organizations ("… Institution",
// "Foundation for …") that the tagger missed or cut short.
func (x *extraction) patternOrgs() {
	m := x.model
	toks := x.toks
	var add []span
	amp := map[int]bool{} // names joined by "&", by first token
	for i := 0; i < len(toks); {
		if !x.capWord(i) && !(groupAdjectives[toks[i].lower] && isCap(toks[i].norm)) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			if x.capWord(j) {
				j++
				continue
			}
			if connectors[toks[j].norm] && j+1 < len(toks) && x.capWord(j+1) && !toks[j+1].lineStart {
				j += 2
				continue
			}
			break
		}
		// Drop sentence-initial common words and titles from the front; a
		// common word capitalised mid-sentence is the name's ("the Old Town
		// Traders Association").
		a := i
		for a < j && (isSentenceStart(toks, a) && (m.lower[toks[a].lower] || notNames[toks[a].lower]) || a == i && notNames[toks[a].lower]) && !groupAdjectives[toks[a].lower] {
			a++
		}
		for a < j && connectors[toks[a].lower] {
			a++
		}
		e := j // "Fox News Chairman Roger Ailes": the name ends before the post
		if org, _, ok := x.splitOrgRolePerson(span{a, j, kOrg}); ok {
			e = org.j
		}
		e = a + x.trimPosts(a, e) // "Fox News Chairman and CEO Roger Ailes"
		hasKey := false
		for k := a; k < e; k++ {
			if orgWords[toks[k].lower] && !x.inCountryName(k) {
				hasKey = true
			}
			if toks[k].norm == "&" {
				hasKey, amp[a] = true, true
			}
		}
		// "Senate and House": two bodies, each named by its head, are no one name
		twoBodies := false
		for k := a + 1; k+1 < e; k++ {
			if toks[k].lower == "and" && orgWords[toks[k-1].lower] && orgWords[toks[e-1].lower] {
				twoBodies = true
			}
		}
		if hasKey && e-a >= 2 && !twoBodies && !toks[a].capsLine && !gaz.nonName[strings.ToLower(x.words(span{a, e, kOrg}))] && !x.venueAt(span{a, e, kOrg}) {
			add = append(add, span{a, e, kOrg})
		}
		i = j
	}
	for _, p := range add {
		ok := true
		for _, s := range x.spans {
			if s.j <= p.i || s.i >= p.j {
				continue
			}
			// A person inside the name blocks it only where it opens the name
			// ("Baek Hyun-woo of the …"), not inside it ("Centre for Energy
			// Studies", "Maple & Finch"), nor where the name ends in a
			// company's legal form ("Loxley Publications | Plc").
			opens := s.i < p.i || s.i == p.i && !legalForms[toks[p.j-1].lower]
			if s.kind == kPer && (opens || s.j > p.j) && !amp[p.i] || s.kind == kOrg && (s.i < p.i || s.j > p.j) {
				ok = false
			}
			// A competition the tagger read whole as a name of its own is
			// not a body it missed: "the National League", "Major League
			// Baseball", "American League East Division".
			if s.kind == kMisc && s.i <= p.i && s.j >= p.j && x.competitionName(p) {
				ok = false
			}
		}
		// Nor is one the tagger left out: "for the Champions League".
		if x.competitionName(p) && x.owner[p.i] < 0 {
			ok = false
		}
		if !ok {
			continue
		}
		out := x.spans[:0]
		for _, s := range x.spans {
			if s.j <= p.i || s.i >= p.j {
				out = append(out, s)
			}
		}
		x.spans = append(out, p)
	}
	x.buildOwner()
}

// inCountryName reports whether toks[k] lies inside a span the tagger read as a
// place that the gazetteer knows as a country's name or capital: the word of
// organizations in "the West Bank and Gaza" is the place's, and makes no
// body of the run.
func (x *extraction) inCountryName(k int) bool {
	o := x.owner[k]
	return o >= 0 && x.spans[o].kind == kLoc && gaz.state[strings.ToLower(x.words(x.spans[o]))] != ""
}

// competitionName reports whether the words of s end in a competition's
// word, which a part of the competition may follow ("National League
// West", "American League East Division").
func (x *extraction) competitionName(s span) bool {
	k := s.j - 1
	for k > s.i && (regionQualifiers[x.toks[k].lower] || x.toks[k].lower == "division") {
		k--
	}
	return competitions[x.toks[k].lower]
}
