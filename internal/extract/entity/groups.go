// Groups of people: a plural that names people by a proper attribute, the
// members of a party or a people ("Republicans", "Kurds", "Senate
// Republicans"), is neither an organization nor a person. The quote pass
// reads the same plurals as group speakers (quote/group.go); CoNLL-2003
// labels them miscellaneous ("Serbs", "Palestinians", "Democrats" B-MISC,
// "House Democrats" as House B-ORG, Democrats B-MISC).

package entity

import (
	"strings"

	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// partyMembers are the nouns of a party's members, singular, lower case
// (nonnames.txt [party-member]: "democrat", "tory").
var partyMembers = words("nonnames.txt", "party-member")

// peoplePlurals and partyPlurals are the plurals, lower case, that name a
// group by a proper attribute on their own: the peoples of the demonyms
// ("palestinians", "israelis") and the members of a party ("republicans"),
// derived by plural.
var peoplePlurals, partyPlurals = func() (people, party map[string]bool) {
	people, party = map[string]bool{}, map[string]bool{}
	add := func(m map[string]bool, w string) {
		if p := plural(w); p != "" && !strings.Contains(p, " ") {
			m[p] = true
		}
	}
	for _, l := range lexicon.Lines(lexicon.English, "demonyms.txt", "") {
		for _, f := range l.Fields[1:] {
			add(people, strings.ToLower(f))
		}
	}
	for w := range partyMembers {
		add(party, w)
	}
	return people, party
}()

// GroupPlural reports whether the lower-cased word w is the plural of a
// party's member or of a people: capitalised, it names a group of people
// ("Republicans", "Tories", "Palestinians"), neither a body nor a person.
func GroupPlural(w string) bool { return peoplePlurals[w] || partyPlurals[w] }

// plural returns the regular plural of a noun of people ("democrat",
// "tory", "israeli"), or "" where English forms none by a suffix: a word in
// -s, -sh, -ch or -ese is its own plural ("Swiss", "French", "Chinese").
func plural(w string) string {
	switch {
	case w == "" || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "ese"):
		return ""
	case strings.HasSuffix(w, "y") && len(w) > 2 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// groups reads no person and no organization in a group's plural. Alone
// ("Republicans said", "the Serbs") the span becomes miscellaneous. Led by
// capitalised words in a body's reading, a party's plural is cut from them
// ("Senate Republicans", "House Democrats", "Iowa Democrats"): the leading
// words keep their reading, a body's or a place's, unless they only
// describe the group ("Social Democrats", "Latino Republicans"); in a
// person's reading the whole is the group ("Reagan Democrats"). Words of
// the span before the group's capitalised run keep their reading ("Senate"
// of "Senate, the Republicans"), unless the group is a body's name. A
// party's plural led by words that name nothing known on their own, no
// place, no body's word and no name the document writes alone, is a body's
// name and left whole ("Log Cabin Republicans"): cut, it would leave a
// fragment. A people's plural led by other names is left alone, as a
// team's name ("Cleveland Indians"), and so is a party's after a people's
// adjective, a party's name ("Australian Democrats"). A name the
// gazetteer lists, a country's that reads as a plural ("Philippines") or a
// party's ("Tories"), keeps its reading, and so does a lone plural that
// the document also writes at the end of such a body's name ("the
// Indians" after "the Cleveland Indians").
func (x *extraction) groups() {
	toks := x.toks
	// groupOf returns the part of s that names the group, the run of
	// capitalised words that ends in the plural, and where the words
	// before it that are no part of it end ("the Greens and Australian
	// Democrats", "Senate, the Republicans"), or ok false.
	groupOf := func(s span) (g span, restEnd int, ok bool) {
		last := toks[s.j-1]
		if s.kind != kPer && s.kind != kOrg || !isCap(last.norm) || !GroupPlural(last.lower) || x.knownName(s.j-1) {
			return span{}, 0, false
		}
		m := s.j - 1
		for m > s.i && isCap(toks[m-1].norm) {
			m--
		}
		l := m
		for l > s.i && !isCap(toks[l-1].norm) {
			l--
		}
		return span{m, s.j, s.kind}, l, true
	}
	// "The Indians" after "the Cleveland Indians": the team, by its short name
	named := map[string]bool{}
	for _, s := range x.spans {
		if g, _, ok := groupOf(s); ok && x.namesBody(g) {
			named[toks[g.j-1].lower] = true
		}
	}
	changed := false
	for k := range x.spans {
		s := x.spans[k]
		g, restEnd, ok := groupOf(s)
		if !ok {
			continue
		}
		var parts []span
		switch {
		case g.j-g.i == 1 && named[toks[g.i].lower], x.namesBody(g):
			continue
		case g.j-g.i == 1, g.kind == kPer || !x.leadsAsName(g.i, g.j-1):
			parts = []span{{g.i, g.j, kMisc}}
		case !x.knownLead(g.i, g.j-1):
			continue // "Log Cabin Republicans": a body's name, not a fragment and a group
		default:
			parts = []span{{g.i, g.j - 1, g.kind}, {g.j - 1, g.j, kMisc}}
		}
		if restEnd > s.i {
			parts = append([]span{{s.i, restEnd, s.kind}}, parts...)
		}
		x.spans[k] = parts[0]
		x.spans = append(x.spans, parts[1:]...)
		changed = true
	}
	if changed {
		x.buildOwner()
	}
}

// namesBody reports whether the span s of several words, ending in a
// group's plural, is a body's own name: a people's plural led by other
// names, a team's ("Cleveland Indians"), or a party's after a people's
// adjectives ("Australian Democrats").
func (x *extraction) namesBody(s span) bool {
	return s.j-s.i > 1 && (!partyPlurals[x.toks[s.j-1].lower] || x.demonymsOnly(s.i, s.j-1))
}

// knownName reports whether toks[i] alone is a name the gazetteer lists as
// a country's, a place's or a body's ("Philippines", "Tories" for the
// Conservative Party), which it keeps.
func (x *extraction) knownName(i int) bool {
	e := gaz.match(x.toks, i)
	return e != nil && len(e.words) == 1 && e.kind != gazDemonym && e.kind != gazNone
}

// demonymsOnly reports whether toks[i:j] are all demonyms ("Australian").
func (x *extraction) demonymsOnly(i, j int) bool {
	for k := i; k < j; k++ {
		if e := gaz.match(x.toks, k); e == nil || e.kind != gazDemonym || len(e.words) != 1 {
			return false
		}
	}
	return true
}

// leadsAsName reports whether toks[i:j], the words before a party's plural
// in a body's reading, name something of their own ("Senate", "House",
// "Iowa"): not all common words, demonyms or a group's adjectives, which
// only describe the group ("Social Democrats", "Latino Republicans").
func (x *extraction) leadsAsName(i, j int) bool {
	for k := i; k < j; k++ {
		if t := x.toks[k]; !IsCommon(t.lower) && !groupAdjectives[t.lower] && !x.demonymsOnly(k, k+1) {
			return true
		}
	}
	return false
}

// knownLead reports whether toks[i:j], the words before a party's plural,
// name something known on their own, so that cutting the plural leaves a
// name and not a fragment: a place ("Iowa"), words ending in a body's word
// ("Senate", "House", "Tea Party"), or a name the document writes without
// the plural too.
func (x *extraction) knownLead(i, j int) bool {
	if orgWords[x.toks[j-1].lower] || len(x.worldPlaces(i, j)) > 0 {
		return true
	}
	if e := gaz.match(x.toks, i); e != nil && len(e.words) == j-i && e.kind != gazNone {
		return true
	}
	lead := x.words(span{i, j, 0})
	for _, s := range x.spans {
		if s.j-s.i == j-i && (s.j >= len(x.toks) || !GroupPlural(x.toks[s.j].lower)) && x.words(s) == lead {
			return true
		}
	}
	return false
}
