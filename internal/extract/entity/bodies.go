// Bodies by context: names that the words around one occurrence show to be
// a club, a medium or a party, read as organizations wherever the document
// names them, whatever the tagger made of each occurrence.

package entity

import "strings"

// bodyCues are the contexts that show a name read as a person or an
// organization to be a body, tried in order; each row carries its example.
// A cue marked town shows a club in a town's name too ("Cagliari" in
// "Marco Pascolo ( Cagliari )"); the others show a body only in a name that
// is no place's, as a town's name before a noun is an adjective ("London
// stocks", "the Montreal stock exchange").
var bodyCues = []struct {
	name, example string
	cue           func(x *extraction, s span) bool
	town          bool
}{
	{"a player's club", "Jacek Dembinski ( Widzew Lodz ), Marco Pascolo ( Cagliari )", (*extraction).playersClub, true},
	{"a side of a line of fixtures", "English division one - Birmingham v Barnsley , Bradford v Tranmere", (*extraction).fixtureSide, true},
	{"a club before a player's position", "Chelsea defender Terry Phelan, Liverpool striker Mark Kennedy", (*extraction).clubOfPlayer, true},
	{"a body before its noun", "the Belga news agency, the Chart Thai party", (*extraction).bodyBeforeNoun, false},
	{"a company after its kind", "packaging manufacturer Super Indah Makmur, German retailers Metro , Rewe and Lidl", (*extraction).companyAfterNoun, false},
	{"a share price's move", "Apex Tannery lost 22.72 to 597, Hammerson was 8p higher", (*extraction).priceMove, false},
	{"a company's figures", "Arthur Yates year net A$ 6.1 mln, Liu Chong Hing interim net up", (*extraction).companyFigures, false},
	{"a company's short name", "Penn Treaty said … Penn Treaty American Corp, LENZING EXPECTS … Lenzing AG", (*extraction).companyShortName, false},
}

// bodies reads as organizations the names that a body cue stands by, and
// the sides of lines of results (see resultLines), at every occurrence of
// the name: a club shown once is a club in the table of results and in the
// report ("Ruch Chorzow win 6-1 on aggregate"), where the tagger, seeing a
// name like a person's, reads it one way here and another there.
func (x *extraction) bodies() {
	body := map[string]bool{} // lower-cased names of the bodies shown
	team := map[string]bool{} // those of them shown by a cue a town's name takes
	for _, n := range x.resultLines() {
		body[n], team[n] = true, true
	}
	x.pressDigest()
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg && !x.townAsTeam(s) {
			continue
		}
		town := s.kind == kLoc
		for _, c := range bodyCues {
			if (c.town || !town) && c.cue(x, s) {
				n := strings.ToLower(x.words(s))
				body[n], team[n] = true, team[n] || c.town
				break
			}
		}
	}
	if len(body) == 0 {
		return
	}
	x.bodyNames = team
	changed := false
	for k, s := range x.spans {
		n := strings.ToLower(x.words(s))
		if s.kind == kPer && body[n] || team[n] && x.townAsTeam(s) && !x.locative(s.i) && !x.opensLineInCapitals(s) {
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

// companyAfterNoun reports whether a noun of a kind of company in lower
// case stands before the span s or before the list of names it ends:
// "brokers Cheuvreux de Virieu", "retailers Metro , Rewe and Lidl", or
// of a club ("southern club Fidelis Andria", "northern side Braga"). A
// trade's noun in the singular may be a person's ("broker Shakil Rizvi"),
// and a name that opens with a given name is a person's.
func (x *extraction) companyAfterNoun(s span) bool {
	h := x.listHead(s.i)
	one, plural := strings.CutSuffix(h, "s")
	company := companyNouns[h] && !tradeNouns[h] || plural && companyNouns[one] || clubNouns[h]
	return company && GivenName(x.toks[s.i].lower) == 0
}

// priceMove reports whether a verb of a price's move and a price follow
// the span s: "Rostelekom fell to $ 2.56", "Apex Tannery lost 22.72",
// "Hammerson was 8p higher". A price has decimals, a currency's sign or
// pence; a name that opens with a given name is a person's.
func (x *extraction) priceMove(s span) bool {
	toks := x.toks
	if s.j >= len(toks) || toks[s.j].lineStart || !priceVerbs[toks[s.j].norm] || GivenName(toks[s.i].lower) != 0 {
		return false
	}
	for k := s.j + 1; k < len(toks) && k <= s.j+3 && !toks[k].lineStart; k++ {
		if isPrice(toks[k].norm) || x.priceAt(k) && isDigit(toks[k].norm[0]) {
			return true
		}
	}
	return false
}

// isPrice reports whether w is written as a price: digits with decimals
// ("22.72"), or pence ("8p").
func isPrice(w string) bool {
	if n, ok := strings.CutSuffix(w, "p"); ok {
		return isSmallNumber(n)
	}
	a, b, ok := strings.Cut(w, ".")
	return ok && a != "" && len(b) >= 2 && isSmallNumber(strings.ReplaceAll(a, ",", "")[max(0, len(strings.ReplaceAll(a, ",", ""))-3):]) && isSmallNumber(b[:min(len(b), 3)])
}

// companyFigures reports whether a noun of a company's figures in lower
// case follows the span s, a word of their period between: "Arthur Yates
// year net", "Nutricia shares".
func (x *extraction) companyFigures(s span) bool {
	toks := x.toks
	k := s.j
	if k < len(toks) && figurePeriods[toks[k].norm] {
		k++
	}
	return k < len(toks) && k > s.j-1 && !toks[k].lineStart && !toks[s.j].lineStart && figureNouns[toks[k].norm] && GivenName(toks[s.i].lower) == 0
}

// companyShortName reports whether the words of the span s open, in the
// same document, a company's name that ends in a legal form: "Penn Treaty"
// beside "Penn Treaty American Corp", a headline's "Lenzing" beside
// "Lenzing AG", "Eli Lilly" beside "Eli Lilly & Co". Companies go by their
// name without its legal form, and a company bears its founder's name
// more often than a person in the news is named with his company's.
func (x *extraction) companyShortName(s span) bool {
	toks := x.toks
	n := s.j - s.i
	for i := 0; i+n < len(toks); i++ {
		if toks[i].lower != toks[s.i].lower || x.opensNoName(i) {
			continue
		}
		k := 1
		for k < n && toks[i+k].lower == toks[s.i+k].lower && !toks[i+k].lineStart {
			k++
		}
		if k < n {
			continue
		}
		if x.legalFormEnds(i + n) {
			return true
		}
	}
	return false
}

// opensNoName reports whether a capitalised word other than an article
// stands right before toks[i] on its line, so that toks[i] opens no name:
// "Sun Penn Treaty Corp" is not Penn Treaty's.
func (x *extraction) opensNoName(i int) bool {
	return i > 0 && !x.toks[i].lineStart && isCap(x.toks[i-1].norm) && isNameToken(x.toks[i-1].norm) && !articles[x.toks[i-1].norm]
}

// legalFormEnds reports whether the name that runs on at toks[e] ends in a
// company's legal form, after at most four more capitalised words or an
// "&": "| American Corp", "| Plc", "| & Co".
func (x *extraction) legalFormEnds(e int) bool {
	toks := x.toks
	for k := e; k < len(toks) && k < e+5 && !toks[k].lineStart; k++ {
		if legalForms[toks[k].lower] && isCap(toks[k].norm) {
			return true
		}
		if !x.capWord(k) && toks[k].norm != "&" {
			return false
		}
	}
	return false
}

// townAsTeam reports whether the span s is read as a place that a team may
// be named after: a town ("Liverpool striker Mark Kennedy", "Marco Pascolo
// ( Cagliari )") of the world gazetteer, not a country, whose name in sport
// is the national side's, nor a region, a territory or a name the
// gazetteers do not know ("Havnar Boltfelag ( Faroe Islands )", "Jos
// Verstappen ( Netherland )").
func (x *extraction) townAsTeam(s span) bool {
	if s.kind != kLoc {
		return false
	}
	if e := gaz.match(x.toks, s.i); e != nil && len(e.words) == s.j-s.i && (e.kind == gazCountry || e.kind == gazDemonym) {
		return false
	}
	for _, p := range x.worldPlaces(s.i, s.j) {
		if !p.Region {
			return true
		}
	}
	return false
}

// opensLineInCapitals reports whether the span s opens a line, written in
// capitals, as the place of a dateline does ("LIVERPOOL , England
// 1996-08-22").
func (x *extraction) opensLineInCapitals(s span) bool {
	return x.toks[s.i].lineStart && isAllCapsWord(x.toks[s.i].norm)
}

// fixtureSide reports whether the span s is a side of a fixture on a line
// of two fixtures or more: "Birmingham v Barnsley , Bradford v Tranmere".
// A name that opens with a given name is a person's.
func (x *extraction) fixtureSide(s span) bool {
	return GivenName(x.toks[s.i].lower) == 0 && (x.fixtureList(s.i) || x.fixtureList(s.j-1))
}

// pressDigest reads as newspapers the heads of a press digest: lines
// that hold only a name in capitals, each followed by a line of its
// stories opening with a dash, two such lines or more in the document:
//
//	EL MUNDO
//	- Aleix Vidal-Quadras - Catalan nationalists are demanding …
//	DIARIO 16
//	- …
//
// A line that names only a country or a place of the lexicon is a
// digest's section, not a paper ("IRAQ"); so is one that holds a word of
// headings ("FRONT PAGE", "LATEST FIXTURES").
func (x *extraction) pressDigest() {
	toks := x.toks
	var heads [][2]int
	for i := 0; i < len(toks); {
		if !toks[i].lineStart {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			j++
		}
		if j < len(toks) && strings.Trim(toks[j].norm, "-") == "" && strings.Contains(toks[j].norm, "-") && x.digestHead(i, j) {
			heads = append(heads, [2]int{i, j})
		}
		i = j
	}
	if len(heads) < 2 {
		return
	}
	for _, h := range heads {
		out := x.spans[:0]
		for _, s := range x.spans {
			if s.j <= h[0] || s.i >= h[1] {
				out = append(out, s)
			}
		}
		x.spans = append(out, span{h[0], h[1], kOrg})
	}
	x.buildOwner()
}

// digestHead reports whether toks[i:j], a whole line, is a name in
// capitals of at most five words that may head a press digest.
func (x *extraction) digestHead(i, j int) bool {
	toks := x.toks
	if j-i > 5 || !isAllCapsWord(toks[i].norm) {
		return false
	}
	for k := i; k < j; k++ {
		w := toks[k].norm
		if !isAllCapsWord(w) && w != "-" && w != "'" && w != "&" && strings.Trim(w, "0123456789") != "" || digestSections[toks[k].lower] {
			return false
		}
	}
	if e := gaz.match(toks, i); e != nil && i+len(e.words) == j && e.kind != gazOrg {
		return false // "IRAQ": the digest's section for a country
	}
	return true
}
