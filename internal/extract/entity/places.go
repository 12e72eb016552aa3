// Places of the world: names of the gazetteer of package gazetteer (the
// cities and regions of GeoNames) that the tagger read as people or
// organizations are read again by their context, and every place is named
// with its country.

package entity

import (
	"math"
	"sort"
	"strings"
	"sync"

	world "github.com/newsindex/newsindex/internal/extract/gazetteer"
)

// How a place's population weighs against the other readings of its name.
const (
	// bigPlace is the population from which a city's name, alone, is read
	// as the city rather than as a body, or as a person that nothing
	// else in the text shows to be one.
	bigPlace = 100000
	// smallPlace is the population below which a lone name read as a
	// person is never a place: a village called like a common surname.
	smallPlace = 5000
	// foreignPlace is the population below which a place that lies in no
	// country the text names is not taken for the place a name names:
	// "Crete" is no town of Nebraska, "Asia" no village of the Philippines.
	foreignPlace = 50000
)

// worldPlaces returns the places the words toks[i:j] name, nil for none.
// A name that goes on over "of" ("Gulf of Finland"), a continent, an
// ocean or a word that heads the names of natural features ("Gulf") names
// none.
func (x *extraction) worldPlaces(i, j int) []world.Place {
	toks := x.toks
	if j-i > world.MaxWords() || !isCap(toks[i].norm) {
		return nil
	}
	if j+1 < len(toks) && toks[j].lower == "of" && isCap(toks[j+1].norm) && !toks[j+1].lineStart {
		return nil
	}
	if j-i == 1 && (continents[titleCase(toks[i].norm)] || featureHeads[toks[i].lower] || geoHeads[toks[i].lower]) {
		return nil
	}
	name := strings.ToLower(x.words(span{i, j, 0}))
	if ps, ok := x.placeCache[name]; ok {
		return ps
	}
	ps := world.Lookup(name)
	if x.placeCache == nil {
		x.placeCache = map[string][]world.Place{}
	}
	x.placeCache[name] = ps
	return ps
}

// importance weighs a place for the reading of its name as a place.
func importance(p world.Place) int {
	if p.Region {
		return bigPlace // a state or province is well known where it is named
	}
	return p.Population
}

// placeReadings reads again the people and organizations whose whole name
// is a place of the world gazetteer and that no list of the lexicon knows.
// Every occurrence of a name in a document gets one reading, from the
// evidence of all of them:
//
//   - a body's: a score or a result beside the name (a sports table:
//     "Arequipa 2 Lima 1", "beat Galway 2-1"), a fixture ("Walsall v
//     Wrexham"), a list with organizations, a verb of speech after it
//     ("Arequipa said"), a company cue ("shares in Nokia"); in a document
//     of sports results, where teams bear the names of their towns, the
//     tagger's reading of a team or a player stands;
//   - a person's: a title before it, a first name for its first word, a
//     person the document names in full with it, a verb of speech after a
//     single name;
//   - a place's: a locative context ("in Kadugli", "Kadugli and El
//     Obeid"), an apposition naming a kind of place ("Adré, the main
//     crossing point"), or the tagger's reading of another occurrence as
//     a place.
//
// An organization is a place unless a body's evidence says otherwise, when
// the context says place or the name is a large city's (a region's name
// may be a team's: "Surrey", "Derbyshire"). A person is a place when no
// person's evidence stands by it, and the place is large or the context
// says place; a small place named like a surname never takes a person.
func (x *extraction) placeReadings() {
	toks := x.toks
	type evidence struct {
		body, person, place bool
		size                int // the importance of the largest place of the name
		city                int // the population of its largest city
	}
	inFull := map[string]bool{}  // lower-cased words of people named in full
	surname := map[string]bool{} // their last words
	for _, s := range x.spans {
		if s.kind == kPer && s.j-s.i >= 2 {
			for t := s.i; t < s.j; t++ {
				inFull[toks[t].lower] = true
			}
			for t := s.i + 1; t < s.j; t++ {
				surname[toks[t].lower] = true // Cárdenas and Ruiz of Mateo Cárdenas Ruiz
			}
		}
	}
	// A lone name read as a place that is the surname of a person the
	// document names in full is that person where no locative context
	// stands by it: "Michael Jordan … Jordan scored 30 points".
	// So is a place's name after an honorific: "Mr. Paris said".
	for k, s := range x.spans {
		if s.kind != kLoc || x.isDateline(s.i, s.j) {
			continue
		}
		if e := gaz.match(toks, s.i); e != nil && len(e.words) == s.j-s.i && !e.ambiguous && (e.kind == gazCountry || e.kind == gazDemonym) {
			continue // "England" is no one's name
		}
		titled := s.i > 0 && !toks[s.i].lineStart && honorifics[toks[s.i-1].lower]
		placed := x.locative(s.i) && x.listHead(s.i) != "between" || x.listedWithPlace(s.i)
		if titled || s.j-s.i == 1 && surname[toks[s.i].lower] && !placed {
			x.spans[k].kind = kPer
		}
	}
	x.townsOfStates()
	sports := x.sportsResults() // the lines of results were read by bodies
	// A name listed with one read as a place in the first round is read
	// again in a second: "El Fasher and Kadugli".
	for round := 0; round < 2; round++ {
		changed := false
		ev := map[string]*evidence{}
		for _, s := range x.spans {
			if s.kind != kPer && s.kind != kOrg && s.kind != kLoc {
				continue
			}
			listed := 0 // the population the lexicon's cities and states stand for
			if e := gaz.match(toks, s.i); e != nil && len(e.words) == s.j-s.i {
				if e.kind != gazPlace && e.kind != gazCapital {
					continue // the lexicon's reading stands ("Georgia", "Bank of England")
				}
				listed = bigPlace
			}
			if s.j-s.i == 1 && isAcronym(toks[s.i].norm) {
				continue
			}
			ps := x.worldPlaces(s.i, s.j)
			if len(ps) == 0 && listed == 0 {
				continue
			}
			name := strings.ToLower(x.words(s))
			e := ev[name]
			if e == nil {
				e = &evidence{size: listed, city: listed}
				for _, p := range ps {
					if !p.Alternate || p.Population >= bigPlace {
						e.size = max(e.size, importance(p))
						e.city = max(e.city, p.Population)
					}
				}
				ev[name] = e
			}
			if s.kind == kLoc {
				e.place = true
			}
			if sports || x.bodyNames[name] || x.bodyCue(s.i, s.j) {
				e.body = true
			}
			if s.kind == kPer && (sports || x.personCue(s, inFull)) {
				e.person = true
			}
			if s.kind == kOrg && s.j-s.i == 1 && inFull[toks[s.i].lower] {
				e.body = true // a person's surname, which resolution joins to the person
			}
			if (s.kind == kPer || s.kind == kOrg) && (x.locative(s.i) || x.listedWithPlace(s.i) || x.placeApposition(s.j) || x.opensFiguresLine(s)) {
				e.place = true
			}
		}
		for k, s := range x.spans {
			if s.kind != kPer && s.kind != kOrg {
				continue
			}
			e := ev[strings.ToLower(x.words(s))]
			if e == nil {
				continue
			}
			switch s.kind {
			case kOrg:
				if !e.body && (e.place || e.city >= bigPlace) {
					x.spans[k].kind = kLoc
					changed = true
				}
			case kPer:
				if !e.person && (e.place || e.size >= bigPlace) && (s.j-s.i > 1 || e.size >= smallPlace) {
					x.spans[k].kind = kLoc
					changed = true
				}
			}
		}
		if changed {
			x.buildOwner()
		}
	}
}

// townsOfStates reads as places the organizations whose name ends with a
// US state's postal code after a word not in capitals, as tables of towns
// write them: "Wenatchee WA", "Coolee City WA", "Pendleton OR". A
// company's suffix that is also a state's code ("Nederland NV") keeps the
// organization.
func (x *extraction) townsOfStates() {
	toks := x.toks
	changed := false
	for k, s := range x.spans {
		if s.kind != kOrg || s.j-s.i < 2 {
			continue
		}
		code, before := toks[s.j-1].norm, toks[s.j-2].norm
		if _, ok := postalStates[code]; !ok || companySuffixes[strings.ToLower(code)] || before == strings.ToUpper(before) {
			continue
		}
		x.spans[k].kind = kLoc
		changed = true
	}
	if changed {
		x.buildOwner()
	}
}

// bodyCue reports whether the text beside toks[i:j] shows a body: a score
// or a number right after the name, or a score near it on its line, as
// sports results and tables give them; a verb of speech after it; a
// company cue.
func (x *extraction) bodyCue(i, j int) bool {
	toks := x.toks
	if j < len(toks) && !toks[j].lineStart && speechVerbs[toks[j].lower] && !x.locative(i) {
		return true // "Arequipa said", but not "lawmakers from Kerry and Galway said"
	}
	// "Alba ( Germany ) 75": a team's country in brackets
	k := j
	if k+2 < len(toks) && toks[k].norm == "(" && !toks[k+1].lineStart {
		for e := k + 1; e < len(toks) && e <= k+4 && !toks[e].lineStart; e++ {
			if toks[e].norm == ")" {
				k = e + 1
				break
			}
		}
	}
	if k < len(toks) && !toks[k].lineStart && (isScore(toks[k].norm) || isSmallNumber(toks[k].norm)) && !x.amountsLine(k) && !x.movesLine(k) {
		return true
	}
	// "Walsall v Wrexham": a fixture
	if j+1 < len(toks) && !toks[j].lineStart && fixtureWords[toks[j].lower] && isCap(toks[j+1].norm) ||
		i > 1 && !toks[i].lineStart && fixtureWords[toks[i-1].lower] && isCap(toks[i-2].norm) {
		return true
	}
	if x.listedWithBody(i, j) && !x.locative(i) {
		return true
	}
	for k := max(0, i-4); k < min(len(toks), j+4); k++ {
		if (k < i || k >= j) && isScore(toks[k].norm) && !x.lineBreakBetween(min(k, i), max(k, j-1)) {
			return true
		}
	}
	return x.companyCue(i)
}

// personCue reports whether the text shows that the PER span s is a
// person's name: a title before it, a first name opening it, a single name
// the document gives in full elsewhere or that a verb of speech follows.
func (x *extraction) personCue(s span, inFull map[string]bool) bool {
	toks := x.toks
	if x.titleBefore(s.i) {
		return true
	}
	if GivenName(toks[s.i].lower) != 0 {
		return true
	}
	if s.j-s.i == 1 {
		return inFull[toks[s.i].lower] || s.j < len(toks) && speechVerbs[toks[s.j].lower]
	}
	return false
}

// priceAt reports whether the score-shaped toks[k] is a range of prices or
// amounts: after a currency's sign ("$ 276-277") or on a line of
// thousands.
func (x *extraction) priceAt(k int) bool {
	if k > 0 && !x.toks[k].lineStart {
		switch x.toks[k-1].norm {
		case "$", "£", "€", "¥":
			return true
		}
	}
	return x.amountsLine(k)
}

// amountsLine reports whether the line of toks[k] holds thousands written
// with a comma ("12,700-12,950", "31,347"): a table of prices or amounts,
// whose small numbers are no scores ("Dewas 45 Yellow 12,700-12,950").
func (x *extraction) amountsLine(k int) bool {
	toks := x.toks
	for a := k; a >= 0; a-- {
		if hasThousands(toks[a].norm) {
			return true
		}
		if toks[a].lineStart {
			break
		}
	}
	for b := k + 1; b < len(toks) && !toks[b].lineStart; b++ {
		if hasThousands(toks[b].norm) {
			return true
		}
	}
	return false
}

// movesLine reports whether the line of toks[k] gives a figure's move, a
// word of it before a number: "Dresden 792 up 11.4", "Duluth 5.06 up .02".
func (x *extraction) movesLine(k int) bool {
	toks := x.toks
	a := k
	for a > 0 && !toks[a].lineStart {
		a--
	}
	for b := a; b+1 < len(toks) && (b == a || !toks[b].lineStart); b++ {
		if tableMoves[toks[b].lower] && !toks[b+1].lineStart && toks[b+1].norm != "" && (isDigit(toks[b+1].norm[0]) || toks[b+1].norm[0] == '.') {
			return true
		}
	}
	return false
}

// opensFiguresLine reports whether the span s opens a line of a table of
// figures, not of results: thousands ("Mhow 2 Yellow 12,600-12,750",
// "TOKYO 21,228.80") or a figure's move ("Dresden 792 up 11.4").
func (x *extraction) opensFiguresLine(s span) bool {
	toks := x.toks
	if !toks[s.i].lineStart && !(s.i > 0 && toks[s.i-1].lineStart && strings.Trim(toks[s.i-1].norm, "-") == "") {
		return false
	}
	if s.j >= len(toks) || toks[s.j].lineStart {
		return false
	}
	return x.amountsLine(s.j) || x.movesLine(s.j)
}

// hasThousands reports whether w holds a digit, a comma and three digits.
func hasThousands(w string) bool {
	for i := 1; i+3 < len(w); i++ {
		if w[i] == ',' && isDigit(w[i-1]) && isDigit(w[i+1]) && isDigit(w[i+2]) && isDigit(w[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lineBreakBetween reports whether a line starts among toks[a+1:b+1].
func (x *extraction) lineBreakBetween(a, b int) bool {
	for k := a + 1; k <= b && k < len(x.toks); k++ {
		if x.toks[k].lineStart {
			return true
		}
	}
	return false
}

// isScore reports whether w is a result: "2-1", "3-0".
func isScore(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	return ok && isSmallNumber(a) && isSmallNumber(b)
}

// isSmallNumber reports whether w is a number of one to three digits, as
// in a table of results.
func isSmallNumber(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// placeMention is a place the text names, with the country it lies in.
type placeMention struct {
	i, j     int
	place    world.Place
	country  string // the canonical name of its country
	dateline bool
}

// pickPlace chooses the place that the name toks[i:j] stands for among ps:
// the one in the country or region named right after it ("Paris, Texas"),
// or in the country the lexicon gives the name (country, an ISO code), else
// the most important, where a place in a country the document names
// weighs a hundred times its population. It is no place (false) when
// smaller than smallPlace, or in a country the document does not name and
// smaller than foreignPlace where the context says place (a locative, a
// dateline) or than bigPlace where nothing does; a region so named must
// not be an English word ("Gulf", "Central").
func (x *extraction) pickPlace(ps []world.Place, i, j int, named map[string]bool, country string) (world.Place, bool) {
	q := x.qualifier(j)
	if q == "" {
		q = country
	}
	if q != "" {
		for _, p := range ps {
			if p.Country == q {
				return p, true
			}
		}
	}
	best, bestScore := world.Place{}, math.Inf(-1)
	for _, p := range ps {
		if p.Alternate && p.Population < smallPlace {
			continue
		}
		score := math.Log10(float64(importance(p) + 10))
		if named[p.Country] {
			score += 2
		}
		if p.Alternate {
			score -= 1
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	size := importance(best)
	switch {
	case best.Name == "" || size < smallPlace:
		return best, false
	case named[best.Country]:
		return best, true
	case best.Region:
		return best, !IsCommon(strings.ToLower(best.Name))
	case x.locative(i) || x.isDateline(i, j):
		return best, size >= foreignPlace
	}
	return best, size >= bigPlace
}

// qualifier returns the ISO code of the country that the words after a
// place's name give it: ", Texas", ", Calif.", ", Peru".
func (x *extraction) qualifier(j int) string {
	toks := x.toks
	if j+1 >= len(toks) || toks[j].norm != "," || toks[j+1].lineStart || !isCap(toks[j+1].norm) {
		return ""
	}
	if c, ok := stateAbbrevs[strings.TrimSuffix(toks[j+1].norm, ".")]; ok {
		return countryCodes()[c]
	}
	if e := gaz.match(toks, j+1); e != nil && e.kind == gazCountry && !e.ambiguous {
		return countryCodes()[e.canonical]
	}
	for n := min(3, len(toks)-j-1); n >= 1; n-- {
		for _, p := range x.worldPlaces(j+1, j+1+n) {
			if p.Region && !p.Alternate {
				return p.Country
			}
		}
	}
	return ""
}

// countryCodes maps the canonical English names of countries to their ISO
// codes. It is made on first use, as the gazetteer is read.
var countryCodes = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, c := range world.Countries() {
		m[world.CountryName(c)] = c
	}
	return m
})

// worldPlaceMentions returns the places the text names: the cities and
// states of the lexicon that imply a country (implied), and every other
// span read as a place that the world gazetteer knows, each with the place
// it stands for where the gazetteer knows one.
func (x *extraction) worldPlaceMentions(ms []Mention, implied []placeMention) []placeMention {
	named := map[string]bool{} // ISO codes of the countries the text names
	covered := map[int]bool{}  // first tokens of the country mentions
	codes := countryCodes()
	for _, m := range ms {
		if m.Kind == Country {
			named[codes[m.Name]] = true
		}
	}
	for _, m := range ms {
		k := sort.Search(len(x.toks), func(k int) bool { return x.toks[k].start >= m.Start })
		for ; k < len(x.toks) && x.toks[k].end <= m.End; k++ {
			covered[k] = true
		}
	}
	out := implied[:0:0]
	for _, pm := range implied {
		if ps := x.worldPlaces(pm.i, pm.j); len(ps) > 0 {
			if p, ok := x.pickPlace(ps, pm.i, pm.j, named, codes[pm.country]); ok {
				pm.place = p
				if q := x.qualifier(pm.j); q != "" && p.Country == q {
					pm.country = p.CountryName() // "ALEXANDRIA, Va." is in the United States
				}
			}
		}
		out = append(out, pm)
		for k := pm.i; k < pm.j; k++ {
			covered[k] = true
		}
	}
	for _, s := range x.spans {
		if s.kind != kLoc || covered[s.i] {
			continue
		}
		ps := x.worldPlaces(s.i, s.j)
		if len(ps) == 0 {
			continue
		}
		p, ok := x.pickPlace(ps, s.i, s.j, named, "")
		if !ok {
			continue
		}
		pm := placeMention{i: s.i, j: s.j, place: p, country: p.CountryName(), dateline: x.isDateline(s.i, s.j)}
		if datelineOnly[x.toks[s.i].norm] && !pm.dateline {
			pm.country = "" // Brussels in running text stands for the European Union
		}
		out = append(out, pm)
	}
	return out
}

// aboutPlaces returns the country mentions that places imply: a place names
// its country only where the article is about it, as news editors label
// countries, which is where a dateline gives the place or where the
// article names places of the country more than once.
func (x *extraction) aboutPlaces(places []placeMention) []Mention {
	count := map[string]int{}
	dated := map[string]bool{}
	for _, p := range places {
		count[p.country]++
		if p.dateline {
			dated[p.country] = true
		}
	}
	var out []Mention
	for _, p := range places {
		if p.country == "" || !dated[p.country] && count[p.country] < 2 || !gaz.country[p.country] {
			continue
		}
		st, en := x.toks[p.i].start, x.toks[p.j-1].end
		out = append(out, Mention{Kind: Country, Start: st, End: en, Text: x.text[st:en], Name: p.country})
	}
	return out
}

// addPlaces adds the mentions of places to ms, sorted by Start, where no
// person or organization holds them.
func (x *extraction) addPlaces(ms []Mention, places []placeMention) []Mention {
	n := len(ms)
	for _, p := range places {
		if p.place.Name == "" {
			continue
		}
		st, en := x.toks[p.i].start, x.toks[p.j-1].end
		free := true
		for _, m := range ms[:n] {
			if m.Start < en && st < m.End && (m.Kind == Person || m.Kind == Organization) {
				free = false
				break
			}
		}
		if free {
			ms = append(ms, Mention{Kind: Place, Start: st, End: en, Text: x.text[st:en], Name: p.place.String()})
		}
	}
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	return ms
}

// listHead returns the lower-cased word before the list of capitalized
// names that holds toks[i] ("between" for Pyongyang in "between Moscow and
// Pyongyang"), or "".
func (x *extraction) listHead(i int) string {
	toks := x.toks
	k := i - 1
	for k >= 0 && k > i-10 && !toks[k+1].lineStart {
		if n := toks[k].norm; n == "," || n == "and" || n == "or" || isCap(n) && !isSentenceStart(toks, k) {
			k--
			continue
		}
		break
	}
	if k < 0 || toks[k+1].lineStart {
		return ""
	}
	return toks[k].lower
}

// fixtureWords join the two sides of a fixture: "Walsall v Wrexham".
var fixtureWords = map[string]bool{"v": true, "v.": true, "vs": true, "vs.": true, "versus": true}

// listedWithBody reports whether the name toks[i:j] is listed with an
// organization the tagger found: "title rivals Essex, Derbyshire and
// Surrey".
func (x *extraction) listedWithBody(i, j int) bool {
	toks := x.toks
	isSep := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].norm == "," || toks[k].lower == "and" || toks[k].lower == "or")
	}
	if isSep(i-1) && !toks[i].lineStart && i >= 2 {
		if o := x.owner[i-2]; o >= 0 && x.spans[o].kind == kOrg {
			return true
		}
	}
	if isSep(j) && j+1 < len(toks) && !toks[j+1].lineStart {
		if o := x.owner[j+1]; o >= 0 && x.spans[o].kind == kOrg {
			return true
		}
	}
	return false
}

// sportsResults reports whether the document gives sports results: two
// scores or more ("2-1", "108-3") or two lines of results ("BOSTON 2
// Oakland 1").
func (x *extraction) sportsResults() bool {
	if x.resultLineCount >= 2 {
		return true
	}
	n := 0
	for k, t := range x.toks {
		if isScore(t.norm) && !x.priceAt(k) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

// resultLines reads the two names of a line of match results, "Benfica 2
// Porto 1" (a halftime score or a team's country in brackets may follow
// either), as organizations: sides of a fixture are teams, whether the
// tagger read them as people or places. The line may open with where the
// match was played ("In Tirana : Flamurtari Vlore ( Albania ) 0 Chemlon
// Humenne ( Slovakia ) 2"), and the second side's result may run on to the
// next line, as a sentence of results breaks where it will. It returns the
// lower-cased names of the sides.
func (x *extraction) resultLines() []string {
	toks := x.toks
	changed := false
	var names []string
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			j++
		}
		// the line toks[i:j]: side, number, side, number, then brackets
		k0 := i
		for c := i; c < j && c < i+5; c++ {
			if toks[c].norm == ":" && toks[i].lower == "in" {
				k0 = c + 1
			}
		}
		var sides []span
		k, end := k0, j
		for len(sides) < 2 && k < end {
			o := x.owner[k]
			if o < 0 || x.spans[o].i != k || x.spans[o].kind == kMisc {
				break
			}
			s := x.spans[o]
			e := s.j
			if e == end && end < len(toks) && len(sides) == 1 { // the line breaks after the second side
				for end++; end < len(toks) && !toks[end].lineStart; end++ {
				}
			}
			if e+2 < end && toks[e].norm == "(" { // "Alba ( Germany ) 75"
				for b := e + 1; b < end && b <= e+4; b++ {
					if toks[b].norm == ")" {
						e = b + 1
						break
					}
				}
			}
			if e == end && end < len(toks) && len(sides) == 1 {
				for end++; end < len(toks) && !toks[end].lineStart; end++ {
				}
			}
			if e >= end || !isSmallNumber(toks[e].norm) {
				break
			}
			sides = append(sides, s)
			k = e + 1
		}
		if len(sides) == 2 && (k == end || toks[k].norm == "(") {
			x.resultLineCount++
			for _, s := range sides {
				names = append(names, strings.ToLower(x.words(s)))
				if o := x.owner[s.i]; x.spans[o].kind != kOrg {
					x.spans[o].kind = kOrg
					changed = true
				}
			}
			j = end
		}
		i = j
	}
	if changed {
		x.buildOwner()
	}
	return names
}
