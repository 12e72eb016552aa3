// Lone names by context: single names the document never gives in full, read
// as organizations, places or nothing by the words around them.

package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// refinePeople reviews the single-word people of a document that the
// document never names in full, the readings where the tagger most often
// mistakes a place, a company or an adjective for a person. Every
// occurrence of such a word follows the reading that its clearest
// occurrence gives:
//
//   - a word of a longer organization name of the same document
//     ("Castlebrook" beside "Castlebrook United") is that organization,
//     unless it speaks or bears a title somewhere (actsAsPerson) and no
//     company's name holds it: "Clinton said" beside "the Clinton
//     Foundation" is the person the body is named after, "Ford said"
//     beside "Ford Motor Co" the company;
//   - a word that a company cue follows or precedes ("Veltrix, the Dutch
//     maker of …", "shares in Veltrix", "start-up Qubitra") is an
//     organization;
//   - a word in a locative context ("in Trujillo", "the port of Kotka", "in
//     Darfur and Kordofan", "Masisi territory", "from Kosti to …") is a
//     place;
//   - a word shaped like a demonym before a lower-case word ("Andean
//     democracies", "Scandinavian leagues") is an adjective, not a person.
//   - a word that the tagger read as a person's by a narrow margin
//     (lonePersonMargin), with no title, given name or verb of speech to
//     show a person, is no one's name ("Index heavyweights Veltram and …").
//
// People named by more than one word whose last word heads organizations
// ("Policy Forum", "Northbridge University") become organizations.
func (x *extraction) refinePeople() {
	toks := x.toks
	x.placedPeople()
	inFull := map[string]bool{}       // lower-cased words of people named in full
	orgWord := map[string]bool{}      // lower-cased capitalized words of longer organization names
	companyNamed := map[string]bool{} // those of them in the name of a company ("Ford" of "Ford Motor Co")
	for k, s := range x.spans {
		switch {
		case s.kind == kPer && s.j-s.i >= 2:
			// "Cheryl Mills" opens with a given name: a person, whose
			// surname is a company's word
			companyHead := companyHeads[toks[s.j-1].lower] && GivenName(toks[s.i].lower) == 0
			// "Leyton Orient v Hartlepool" on a line of fixtures
			fixture := GivenName(toks[s.i].lower) == 0 && (x.fixtureList(s.i) || x.fixtureList(s.j-1))
			if !orgWords[toks[s.j-1].lower] && !companyHead && !fixture && !companySuffixes[toks[s.j-1].lower] && !x.holdsCompanyWord(s) {
				for t := s.i; t < s.j; t++ {
					inFull[toks[t].lower] = true
				}
				continue
			}
			x.spans[k].kind = kOrg
			s.kind = kOrg
			fallthrough
		case s.kind == kOrg && s.j-s.i >= 2:
			company := x.companyName(s)
			for t := s.i; t < s.j; t++ {
				if isCap(toks[t].norm) && !orgWords[toks[t].lower] {
					orgWord[toks[t].lower] = true
					if company {
						companyNamed[toks[t].lower] = true
					}
				}
			}
		}
	}
	const (
		keep = iota
		toOrg
		toPlace
		drop
	)
	placeWord := map[string]bool{}   // lone words read as places elsewhere in the document
	companyWord := map[string]bool{} // lone words that a company cue stands by
	for _, s := range x.spans {
		if s.j-s.i != 1 || s.kind != kLoc && s.kind != kPer || gaz.match(toks, s.i) != nil {
			continue
		}
		if x.companyCue(s.i) {
			companyWord[toks[s.i].lower] = true
		}
	}
	for k, s := range x.spans {
		if s.kind == kLoc && s.j-s.i == 1 {
			if companyWord[toks[s.i].lower] && !inFull[toks[s.i].lower] {
				x.spans[k].kind = kOrg // "Shares in Solvane, a Belgian maker of …"
				continue
			}
			placeWord[toks[s.i].lower] = true
		}
	}
	margin, tagged := map[string]float32{}, map[string]int{} // lone people's summed margins, and their count
	cued := map[string]bool{}                                // lone people that a title or a verb of speech shows to be people
	acting := map[string]bool{}                              // lone people that speak or bear a title somewhere
	for _, s := range x.spans {
		if s.kind != kPer || s.j-s.i != 1 {
			continue
		}
		l := toks[s.i].lower
		if x.personMargin[s.i] != 0 {
			margin[l] += x.personMargin[s.i]
			tagged[l]++
		}
		if x.personCue(s, inFull) {
			cued[l] = true
		}
		if x.actsAsPerson(s.i) {
			acting[l] = true
		}
	}
	verdict := map[string]int{}
	// A lone name listed with one that a verdict made a place is a place
	// too ("Kotka and Muuga"): a second round reads the lists again.
	x.placeVerdict = func(i int) bool { return verdict[toks[i].lower] == toPlace }
	defer func() { x.placeVerdict = nil }()
	for round := 0; round < 2; round++ {
		for k, s := range x.spans {
			if s.kind == kOrg && s.j-s.i == 1 && !isAcronym(toks[s.i].norm) && gaz.match(toks, s.i) == nil && x.listedWithPlace(s.i) {
				x.spans[k].kind = kLoc // "in Dongguan and Foshan"
				continue
			}
			if s.kind != kPer || s.j-s.i != 1 {
				continue
			}
			l := toks[s.i].lower
			if inFull[l] || verdict[l] == toOrg {
				continue
			}
			switch {
			case orgWord[l] && (!acting[l] || companyNamed[l]) || orgWords[l] || companyWord[l] || x.fixtureList(s.i):
				verdict[l] = toOrg
			case x.stateAfterPlace(s.i):
				verdict[l] = drop
			case placeWord[l] || x.locative(s.i) || x.listedWithPlace(s.i):
				verdict[l] = toPlace
			case verdict[l] == keep && x.demonymShaped(s.i):
				verdict[l] = drop
			case GivenName(l) == 0 && !x.titledAt(s.i) && x.listedWithBody(s.i, s.j) && !x.apposedBody(s.i, s.j) && len(x.worldPlaces(s.i, s.j)) == 0:
				verdict[l] = toOrg // "Ciments Blancs , Eternit and Uniceramic", "Partizan , Alba , Dinamo"
			case tagged[l] > 0 && margin[l]/float32(tagged[l]) < lonePersonMargin && !cued[l] && len(x.worldPlaces(s.i, s.j)) == 0:
				verdict[l] = drop // a guess of the tagger's, as likely a body's or a place's name
			}
		}
	}
	if len(verdict) == 0 {
		x.buildOwner()
		return
	}
	out := x.spans[:0]
	for _, s := range x.spans {
		if s.kind == kPer && s.j-s.i == 1 {
			switch verdict[toks[s.i].lower] {
			case toOrg:
				if orgWords[toks[s.i].lower] {
					continue // "Forum" alone: a fragment
				}
				s.kind = kOrg
			case toPlace:
				s.kind = kLoc
			case drop:
				continue
			}
		}
		out = append(out, s)
	}
	x.spans = out
	x.buildOwner()
}

// placedPeople reads as places the people, of any number of words, that
// stand where only places stand: after a place's noun and "of" ("the
// village of Karin Gornji"), before a facility's noun in lower case ("Ben
// Gurion airport"), or before a comma and a state's abbreviation ("Grande
// Prairie , Alta .").
func (x *extraction) placedPeople() {
	toks := x.toks
	changed := false
	for k, s := range x.spans {
		if s.kind != kPer {
			continue
		}
		of := s.i >= 2 && toks[s.i-1].norm == "of" && placeNouns[toks[s.i-2].norm] && !toks[s.i].lineStart
		facility := s.j < len(toks) && !toks[s.j].lineStart && facilities[toks[s.j].norm]
		state := s.j+1 < len(toks) && !toks[s.j+1].lineStart && isCap(toks[s.j+1].norm) && x.stateAfterPlace(s.j+1)
		if of || facility || state {
			x.spans[k].kind = kLoc
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}

// fixtureList reports whether toks[i] is a side of a fixture on a line of
// two fixtures or more: "Millwall v Burnley , Notts County v York" lists
// clubs, where "Agassi v Sampras" alone may be two players.
func (x *extraction) fixtureList(i int) bool {
	toks := x.toks
	side := i+1 < len(toks) && !toks[i+1].lineStart && fixtureWords[toks[i+1].lower] ||
		i > 0 && !toks[i].lineStart && fixtureWords[toks[i-1].lower]
	if !side {
		return false
	}
	a, b := i, i+1
	for a > 0 && !toks[a].lineStart {
		a--
	}
	for b < len(toks) && !toks[b].lineStart {
		b++
	}
	n := 0
	for k := a; k < b; k++ {
		if fixtureWords[toks[k].lower] {
			n++
		}
	}
	return n >= 2
}

// stateAfterPlace reports whether toks[i] is a state's or province's
// abbreviation after a place and a comma: "Eau Claire , Wisc .", "Grande
// Prairie , Alta .".
func (x *extraction) stateAfterPlace(i int) bool {
	toks := x.toks
	if i < 2 || toks[i-1].norm != "," || !isCap(toks[i-2].norm) {
		return false
	}
	w := strings.TrimSuffix(toks[i].norm, ".")
	_, ok := StateName(w)
	return ok || stateAbbrevs[w] != ""
}

// holdsCompanyWord reports whether the span of three words or more holds a
// company word or an organization word.
func (x *extraction) holdsCompanyWord(s span) bool {
	if s.j-s.i < 3 {
		return false
	}
	for k := s.i; k < s.j; k++ {
		if l := x.toks[k].lower; companyWords[l] || orgWords[l] || companyHeads[l] {
			return true
		}
	}
	return false
}

// listedWithPlace reports whether the lone name toks[i] is listed with a
// place the tagger found: "Ventspils and Liepaja", "Dongguan, Foshan".
func (x *extraction) listedWithPlace(i int) bool {
	toks := x.toks
	isSep := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].norm == "," || toks[k].lower == "and" || toks[k].lower == "or")
	}
	for _, k := range []int{i - 2, i + 2} {
		if k < 0 || k >= len(toks) || !isSep((i+k)/2) || toks[max(i, k)].lineStart {
			continue
		}
		if o := x.owner[k]; o >= 0 && (x.spans[o].kind == kLoc ||
			x.placeVerdict != nil && x.spans[o].kind == kPer && x.spans[o].j-x.spans[o].i == 1 && x.placeVerdict(k)) {
			return true
		}
	}
	return false
}

// locative reports whether the lone name toks[i] stands where places stand:
// after a locative preposition, alone or in a list ("in Kerry, Clare and
// Galway"), after "the port of", before "county", or in "from X to Y".
func (x *extraction) locative(i int) bool {
	toks := x.toks
	if i+1 < len(toks) && placeNouns[toks[i+1].norm] {
		return true
	}
	// Walk back over a list of capitalized names.
	k := i - 1
	if k >= 0 && (toks[k].norm == "," || toks[k].lower == "and" || toks[k].lower == "or") {
		if toks[k].norm == "," && !(i+1 < len(toks) && (toks[i+1].norm == "," || toks[i+1].norm == "and" || toks[i+1].norm == "or")) {
			return false // "in Paris, Smith said"
		}
		for k >= 0 && k > i-10 && !toks[k+1].lineStart {
			n := toks[k].norm
			if n == "," || n == "and" || n == "or" || isCap(n) && !isSentenceStart(toks, k) || n == "'s" {
				k--
				continue
			}
			break
		}
	}
	if k < 0 || toks[k+1].lineStart && k+1 <= i {
		if k+1 == i && toks[i].lineStart {
			return false
		}
	}
	if k < 0 {
		return false
	}
	p := toks[k].lower
	if locPreps[p] {
		return true
	}
	if p == "of" && k > 0 && placeNouns[toks[k-1].lower] {
		return true
	}
	// "from Kosti to El Obeid"
	if p == "from" && k == i-1 && i+1 < len(toks) && toks[i+1].lower == "to" && i+2 < len(toks) && isCap(toks[i+2].norm) {
		return true
	}
	return false
}

// placeApposition reports whether an apposition after the name that ends
// at toks[j] says what kind of place it is: ", the main crossing point on
// the border", ", a market town in". A role noun in it ("the village's
// mayor") makes it a person's.
func (x *extraction) placeApposition(j int) bool {
	toks := x.toks
	if j+2 >= len(toks) || toks[j].norm != "," {
		return false
	}
	if a := toks[j+1].lower; a != "the" && a != "a" && a != "an" {
		return false
	}
	place := false
	for k := j + 2; k < len(toks) && k < j+7; k++ {
		l := toks[k].lower
		if roleNouns[l] || toks[k].norm == "'s" {
			return false
		}
		if placeNouns[l] {
			place = true
		}
		if r, _ := utf8.DecodeRuneInString(toks[k].norm); locPreps[l] || l == "of" || l == "on" || !isWordRune(r) {
			break
		}
	}
	return place
}

// companyCue reports whether a company cue stands by toks[i]: an
// apposition naming a kind of company after it (", the Dutch maker of"),
// or "shares in", "start-up" before it.
func (x *extraction) companyCue(i int) bool {
	toks := x.toks
	if i > 0 {
		p := toks[i-1].lower
		if companyNouns[p] && !toks[i].lineStart {
			return true
		}
		if (p == "in" || p == "of") && i > 1 && toks[i-2].lower == "shares" {
			return true
		}
	}
	if i+2 < len(toks) && toks[i+1].norm == "," && (toks[i+2].lower == "a" || toks[i+2].lower == "an" || toks[i+2].lower == "the" || numberWords[toks[i+2].lower]) {
		for k := i + 3; k < len(toks) && k < i+9; k++ {
			l := toks[k].lower
			if roleNouns[l] || toks[k].norm == "'s" {
				return false
			}
			if l == "," || l == "." || toks[k].lineStart {
				return false
			}
			if (companyNouns[l] || companyNouns[strings.TrimSuffix(l, "s")]) && toks[k].norm == l {
				// a noun in lower case: "Kuji, the Japan Meteorological Agency" is no apposition
				return !(k+1 < len(toks) && roleNouns[toks[k+1].lower])
			}
		}
	}
	return false
}

// demonymShaped reports whether toks[i] reads as an adjective of a people or
// region ("Andean", "Scandinavian", "Gabonese") before a lower-case word
// that is no speech verb.
func (x *extraction) demonymShaped(i int) bool {
	toks := x.toks
	l := toks[i].lower
	if !(strings.HasSuffix(l, "ese") || strings.HasSuffix(l, "ian") || strings.HasSuffix(l, "ean")) {
		return false
	}
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1].norm
	r := []rune(n)
	return len(r) > 0 && unicode.IsLower(r[0]) && !speechVerbs[toks[i+1].lower]
}

// titledAt reports whether a title or an honorific stands before toks[i]
// on its line: "Mr. Eternit" is a person.
func (x *extraction) titledAt(i int) bool {
	toks := x.toks
	return i > 0 && !toks[i].lineStart && (titles[toks[i-1].lower] || personTitles[toks[i-1].lower] || honorifics[toks[i-1].lower])
}

// apposedBody reports whether the name toks[i:j] is only followed by a
// comma and a body, opening no list: "Wilhelmina , Queen of the
// Netherlands" describes a person.
func (x *extraction) apposedBody(i, j int) bool {
	toks := x.toks
	before := i > 0 && !toks[i].lineStart && (toks[i-1].norm == "," || toks[i-1].lower == "and" || toks[i-1].lower == "or")
	return !before && j < len(toks) && toks[j].norm == ","
}

// lonePersonMargin is the mean margin of the tagger (tagMargins) below
// which a one-word person's name that the document never gives in full,
// that is no given name and that no title or verb of speech shows to be a
// person's (personCue), is not taken for a person: the tagger's
// guess at a name it does not know ("Udinese , with Bierhoff in their
// line-up"), a club's or a company's as often as a surname. A place's
// name is left to the places of the world (places.go).
const lonePersonMargin = 4

// actsAsPerson reports whether the lone name toks[i] acts as a person: a
// title stands before it ("Mr Clinton", "Senator Clinton"), or a verb of
// nothing but speech (the lexicon's forward verbs: "said", not "claimed",
// which a club does of a title) follows it ("Clinton said", "CLINTON
// SAYS") or, with the end of the clause after it, stands before it ("…,
// said Clinton.").
func (x *extraction) actsAsPerson(i int) bool {
	toks := x.toks
	if x.titleBefore(i) {
		return true
	}
	if i+1 < len(toks) && !toks[i+1].lineStart && forwardVerbs[toks[i+1].lower] {
		return true
	}
	end := i+1 == len(toks) || toks[i+1].lineStart || toks[i+1].norm == "." || toks[i+1].norm == ","
	return end && i > 0 && !toks[i].lineStart && forwardVerbs[toks[i-1].lower]
}

// titleBefore reports whether a title stands right before toks[i] on its
// line: "Mr Clinton", "Senator Clinton".
func (x *extraction) titleBefore(i int) bool {
	return i > 0 && !x.toks[i].lineStart && (titles[x.toks[i-1].lower] || personTitles[x.toks[i-1].lower])
}

// companyName reports whether the organization span s is a company's name:
// a word that marks a business, a legal form, or a word that heads or
// stands in the names of companies ("Ford Motor Co", "Halvorsen Holdings").
func (x *extraction) companyName(s span) bool {
	for k := s.i; k < s.j; k++ {
		l := x.toks[k].lower
		if companyMarks[l] || companySuffixes[l] || companyHeads[l] || companyWords[l] {
			return true
		}
	}
	return false
}
