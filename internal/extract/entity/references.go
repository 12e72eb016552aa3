// Kinds by reference: how an article refers back to a name, or what it
// calls its bearer, tells a person from a body. "Lenzing said its profit
// rose" makes a body of a name the tagger read as a person's, "Avila said
// he expected" or "hurricane forecaster Lixion Avila" a person of one it
// read as a body's. The evidence of every mention of a name is weighed
// together, and a reading is changed only where one kind's evidence
// outweighs the other's.

package entity

import "strings"

// referenceCues are what the words after one mention of a name show of its
// kind, tried in order; each row carries its example.
var referenceCues = []struct {
	name, example string
	cue           func(x *extraction, s span) int // the kind shown, kPer or kOrg, or 0
}{
	{"the pronoun a verb of speech reports", "Lenzing said on Tuesday its profit rose, Avila said that he expected", (*extraction).clausePronoun},
	{"a pronoun of the clause the name opens", "Nutricia shrugged off its ex-div tag, Simpson found himself broke, Clinton and his wife", (*extraction).ownPronoun},
	{"a person's age", "the body of Amer Mohammed , 23 , was found", (*extraction).ageApposition},
	{"a body's relative pronoun", "boosted by Philip Morris , which gained four", (*extraction).bodyRelative},
	{"an age before the name", "said the 24-year-old Martinez after the match", (*extraction).ageBefore},
	{"a person's noun before the name", "said hurricane forecaster Lixion Avila, premier Petre Roman", (*extraction).personNounBefore},
}

// referenceKinds gives a name the kind that the cues of its mentions show,
// where they show one kind more often than the other: a person's reading
// becomes a body's, a body's a person's, at every mention of the name.
// A name a given name or a title opens stays a person's, and so does a
// lone surname of a person the document names in full, whose "its" may be
// another's ("Walter Mize … Mize will replace its chairman"); a body's
// name stays a body's unless it reads like a person's (see personShaped).
func (x *extraction) referenceKinds() {
	per, org := map[string]int{}, map[string]int{}
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg {
			continue
		}
		for _, c := range referenceCues {
			if k := c.cue(x, s); k != 0 {
				n := strings.ToLower(x.words(s))
				if k == kPer {
					per[n]++
				} else {
					org[n]++
				}
				break
			}
		}
	}
	if len(per) == 0 && len(org) == 0 {
		return
	}
	surnames := map[string]bool{} // last words of people's full names: "Trump" of "Donald Trump"
	for _, s := range x.spans {
		if s.kind == kPer && s.j-s.i > 1 {
			surnames[x.toks[s.j-1].lower] = true
		}
	}
	changed := false
	for k, s := range x.spans {
		n := strings.ToLower(x.words(s))
		p, o := per[n], org[n]
		if s.j-s.i > 1 {
			p += per[x.toks[s.j-1].lower] // "Noel Gallagher … Gallagher said he was tired"
			o += org[x.toks[s.i].lower]   // "Mentmore Abbey … Mentmore said its talks"
		}
		switch {
		case s.kind == kPer && o > p && GivenName(x.toks[s.i].lower) == 0 && !x.titleBefore(s.i) && !(s.j-s.i == 1 && surnames[n]):
			x.spans[k].kind = kOrg
			changed = true
		case s.kind == kOrg && p > o && x.personShaped(s):
			x.spans[k].kind = kPer
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}

// clausePronoun returns the kind of the pronoun that opens the clause a
// verb of speech after the span s reports, or 0: "Lenzing said its
// profit" a body, "Avila said on Friday that he" a person. Another name
// before the pronoun is the clause's subject. "It" shows nothing: people
// say "it would be premature" as often as bodies say "it sold".
func (x *extraction) clausePronoun(s span) int {
	toks := x.toks
	k := s.j
	if k >= len(toks) || toks[k].lineStart || !clauseVerbs[toks[k].lower] || x.afterPreposition(s) {
		return 0
	}
	k++
	if k+1 < len(toks) && toks[k].lower == "on" && days[toks[k+1].lower] {
		k += 2
	}
	if k < len(toks) && toks[k].lower == "that" {
		k++
	}
	if k+1 >= len(toks) || toks[k].lineStart || toks[k+1].lineStart || !isLowerWord(toks[k+1].norm) {
		return 0
	}
	return pronounKind(toks[k].norm)
}

// ownPronoun returns the kind that a pronoun of the clause the span s
// opens shows, or 0: the first possessive or reflexive pronoun, where only
// words in lower case stand between ("Nutricia shrugged off its ex-div
// tag" a body, "Simpson found himself" a person), or a person's
// possessive right after "and" ("Clinton and his wife"). "His" or "her"
// further on shows no person: a body's verbs take them as objects
// ("Twitter suspended his account", "the bank paid her").
func (x *extraction) ownPronoun(s span) int {
	toks := x.toks
	if x.afterPreposition(s) {
		return 0
	}
	if k := s.j; k+1 < len(toks) && toks[k].norm == "and" && !toks[k+1].lineStart {
		if w := toks[k+1].norm; w != "he" && w != "she" && pronounKind(w) == kPer {
			return kPer // a place, too, takes "and its"
		}
	}
	for k := s.j; k < len(toks) && k < s.j+6 && !toks[k].lineStart; k++ {
		w := toks[k].norm
		if k > s.j {
			switch {
			case bodyPronouns[w]:
				return kOrg
			case reflexivePronouns[w] && personPronouns[w]:
				return kPer
			}
		}
		if !isLowerWord(w) || clauseBreaks[w] || pronounKind(w) != 0 || strings.ContainsAny(w, "'-.") {
			return 0
		}
	}
	return 0
}

// afterPreposition reports whether a preposition stands right before the
// span s, which is then no subject of the words after it: "Zimmer of
// Merrill Lynch said she would".
func (x *extraction) afterPreposition(s span) bool {
	return s.i > 0 && !x.toks[s.i].lineStart && prepositions[x.toks[s.i-1].lower]
}

// pronounKind returns the kind of name the pronoun w refers back to, kOrg
// or kPer, or 0.
func pronounKind(w string) int {
	switch {
	case bodyPronouns[w]:
		return kOrg
	case personPronouns[w]:
		return kPer
	}
	return 0
}

// ageApposition returns kPer where an age stands between commas right
// after the span s ("Amer Mohammed , 23 , was found"), or 0.
func (x *extraction) ageApposition(s span) int {
	toks := x.toks
	k := s.j
	if k+2 >= len(toks) || toks[k].norm != "," || toks[k+2].norm != "," || toks[k+1].lineStart || toks[k+2].lineStart {
		return 0
	}
	w := toks[k+1].norm
	if len(w) <= 2 && isDigit(w[0]) && (len(w) == 1 || isDigit(w[1])) && w != "0" {
		return kPer
	}
	return 0
}

// bodyRelative returns kOrg where ", which" follows the span s ("Philip
// Morris , which gained four"), or 0. A place takes "which" as well, so a
// name of the gazetteers shows nothing.
func (x *extraction) bodyRelative(s span) int {
	toks := x.toks
	if s.j+1 < len(toks) && toks[s.j].norm == "," && toks[s.j+1].norm == "which" && !toks[s.j+1].lineStart && !x.knownPlace(s) {
		return kOrg
	}
	return 0
}

// ageBefore returns kPer where an age in years stands right before the
// span s and the name ends its phrase ("said the 24-year-old Martinez
// after …"), or 0: "the 49-year-old Carrier plant" is the plant's age.
func (x *extraction) ageBefore(s span) int {
	toks := x.toks
	if s.i == 0 || toks[s.i].lineStart || s.j >= len(toks) || toks[s.j].lineStart {
		return 0
	}
	if next := toks[s.j].norm; isLowerWord(next) && !clauseBreaks[next] && !clauseVerbs[next] || isDigit(next[0]) {
		return 0
	}
	n, ok := strings.CutSuffix(toks[s.i-1].lower, "-year-old")
	if ok && isSmallNumber(n) {
		return kPer
	}
	return 0
}

// personNounBefore returns kPer where a noun of a person's role in lower
// case stands right before the span s ("hurricane forecaster Lixion
// Avila", "premier Petre Roman"), or 0.
func (x *extraction) personNounBefore(s span) int {
	if s.i > 0 && !x.toks[s.i].lineStart && personNouns[x.toks[s.i-1].norm] {
		return kPer
	}
	return 0
}

// knownPlace reports whether the gazetteers know the words of the span s
// as a place's name: a country's, a demonym, a city or region of the
// world.
func (x *extraction) knownPlace(s span) bool {
	if e := gaz.match(x.toks, s.i); e != nil && len(e.words) == s.j-s.i && e.kind != gazOrg {
		return true
	}
	return len(x.worldPlaces(s.i, s.j)) > 0
}

// personShaped reports whether the organization's span s reads like a
// person's name: one to four capitalised words, none a word of bodies or
// companies, not written in capitals (initials may be: "O.J. Simpson").
func (x *extraction) personShaped(s span) bool {
	if s.j-s.i > 4 || !x.personLike(s) || x.companyName(s) {
		return false
	}
	for k := s.i; k < s.j; k++ {
		l := x.toks[k].lower
		w := x.toks[k].norm
		if orgWords[l] || bodyNouns[l] || len(w) > 1 && !strings.Contains(w, ".") && isAllCapsWord(w) {
			return false
		}
	}
	return true
}

// isLowerWord reports whether w is a word in lower case: "profit", "would".
func isLowerWord(w string) bool {
	return w != "" && w[0] >= 'a' && w[0] <= 'z'
}
