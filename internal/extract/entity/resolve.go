// Resolution: spans and gazetteer names become mentions with canonical names:
// people by their full names, organizations by a defined acronym or a known
// name, places by their countries.

package entity

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// resolve turns the document's spans and gazetteer matches into mentions
// with canonical names.
func (x *extraction) resolve() Result {
	toks := x.toks
	alias := x.acronymDefinitions()
	ms := append([]Mention(nil), x.pre...)
	mention := func(kind Kind, i, j int, name string) {
		st, en := toks[i].start, toks[j-1].end
		ms = append(ms, Mention{Kind: kind, Start: st, End: en, Text: x.text[st:en], Name: name})
	}
	// Acronyms defined in the text name their organization wherever they stand.
	for i, t := range toks {
		if x.owner[i] >= 0 {
			continue
		}
		if _, ok := alias[strings.ReplaceAll(t.norm, ".", "")]; ok && isAcronym(t.norm) {
			x.spans = append(x.spans, span{i, i + 1, kOrg})
		}
	}
	x.buildOwner()
	// Gazetteer names: countries, demonyms, capitals, places, organizations.
	var extra []span
	var implied []placeMention
	for i := 0; i < len(toks); i++ {
		e, foreign := gaz.match(toks, i), false
		if e == nil && isCap(toks[i].norm) {
			e, foreign = foreignGaz.match(toks, i), true
		}
		if e == nil {
			x.hyphenParts(i, &ms)
			x.elidedCountry(i, &ms)
			continue
		}
		j := i + len(e.words)
		locTagged, blocked, exactOrg := false, false, false
		for k := i; k < j; k++ {
			if o := x.owner[k]; o >= 0 {
				s := x.spans[o]
				switch s.kind {
				case kLoc, kMisc:
					locTagged = true
					if e.kind == gazCountry && s.i < i && x.longerName(s, i, j) {
						blocked = true // the last words of a longer name: "New England", "Three Mile Island"
					}
				case kOrg:
					blocked = true
					if s.i == i && s.j == j {
						exactOrg = true
					}
				default:
					blocked = true
					// a country's name in another language, which the
					// English tagger took for a person ("Frankreich")
					if foreign && !e.ambiguous && s.i == i && s.j == j {
						exactOrg = true
					}
				}
			}
		}
		upperOnly := toks[i].norm != e.words[0]
		dateline := x.isDateline(i, j)
		if upperOnly && !toks[i].capsLine && !dateline {
			continue
		}
		if e.kind != gazOrg && e.kind != gazDemonym && (dateline || exactOrg && e.kind == gazCountry && !e.ambiguous) {
			blocked, locTagged = false, true // the country wins over the tagger's reading
		}
		switch e.kind {
		case gazNone:
			i = j - 1
		case gazOrg:
			if blocked {
				i = j - 1 // "Bank of England" read as an organization
				break
			}
			if len(e.words) == 1 {
				w := toks[i].norm
				if toks[i].capsLine && capsStop[w] || !isAcronym(w) && isSentenceStart(toks, i) && !toks[i].capsLine && false {
					break
				}
				if !isAcronym(w) && toks[i].capsLine {
					break
				}
			}
			// Drop tagger spans inside the name, then tag it.
			extra = append(extra, span{i, j, kOrg})
			i = j - 1
		default:
			if blocked {
				break
			}
			if e.ambiguous && !locTagged {
				break
			}
			if e.canonical == "Georgia" && !x.georgianContext() {
				mention(Country, i, j, "United States")
				i = j - 1
				break
			}
			if e.kind == gazPlace && !locTagged && !x.isDateline(i, j) {
				break
			}
			if datelineOnly[toks[i].norm] && !x.isDateline(i, j) {
				break
			}
			if e.kind == gazDemonym && j < len(toks) && geoNoun[toks[j].lower] {
				break
			}
			c := e.canonical
			if e.kind == gazPlace || e.kind == gazCapital {
				// a city or a state names its country only where the
				// article is about it (see aboutPlaces)
				implied = append(implied, placeMention{i: i, j: j, country: x.historical(c), dateline: dateline})
				i = j - 1
				break
			}
			if e.kind == gazDemonym {
				x.markDemonym(toks[i].start)
			}
			mention(Country, i, j, c)
			i = j - 1
		}
	}
	if len(extra) > 0 {
		out := x.spans[:0]
		for _, s := range x.spans {
			keep := true
			for _, e := range extra {
				if s.i < e.j && e.i < s.j {
					keep = false
				}
			}
			if keep {
				out = append(out, s)
			}
		}
		x.spans = append(out, extra...)
		x.buildOwner()
	}
	places := x.worldPlaceMentions(ms, implied)
	ms = append(ms, x.aboutPlaces(places)...)
	x.people(&ms)
	x.orgs(&ms, alias)
	oneReading(x.text, ms)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	// Overlaps: keep the first, longest mention.
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	ms = x.addPlaces(out, places)
	x.evidence = x.countryEvidence(ms)
	r := Result{Mentions: ms, Countries: aboutCountries(x.evidence, defaultAbout)}
	seen := map[string]bool{}
	for _, m := range ms {
		key := string(rune('0'+m.Kind)) + m.Name
		if seen[key] {
			continue
		}
		seen[key] = true
		switch m.Kind {
		case Person:
			r.People = append(r.People, m.Name)
		case Organization:
			r.Organizations = append(r.Organizations, m.Name)
		case Place:
			r.Places = append(r.Places, m.Name)
		}
	}
	return r
}

// longerName reports whether span s runs on from the gazetteer's name at
// toks[i:j] into capitalized words, so that the name is part of a longer
// one ("New South Wales", "Kharg Island"), not a list or a name with its
// country. A country that opens a name ("Panama Canal") still names it.
func (x *extraction) longerName(s span, i, j int) bool {
	for k := s.i; k < s.j; k++ {
		if k >= i && k < j {
			continue
		}
		if n := x.toks[k].norm; !isCap(n) || gaz.match(x.toks, k) != nil {
			return false
		}
	}
	return true
}

// hyphenParts finds countries and demonyms at the front of hyphenated words:
// "France-based", "U.S.-led", "Russian-backed".
func (x *extraction) hyphenParts(i int, ms *[]Mention) {
	t := x.toks[i]
	k := strings.IndexByte(t.text, '-')
	if k <= 0 || x.owner[i] >= 0 && x.spans[x.owner[i]].kind != kMisc && x.spans[x.owner[i]].kind != kLoc {
		return
	}
	part := t.text[:k]
	sub := tokenize(part)
	if len(sub) != 1 {
		return
	}
	sub[0].norm = normalize(sub[0].text)
	e := gaz.match(sub, 0)
	if e == nil || len(e.words) != 1 || e.ambiguous || e.kind == gazOrg || e.kind == gazPlace || e.kind == gazCapital {
		return // a city's "Paris-based" names where a firm is, not its country
	}
	if e.kind == gazDemonym {
		x.markDemonym(t.start)
	}
	*ms = append(*ms, Mention{Kind: Country, Start: t.start, End: t.start + k, Text: part, Name: e.canonical})
}

// markDemonym records that the country mention starting at offset start is
// a demonym.
func (x *extraction) markDemonym(start int) {
	if x.demonymAt == nil {
		x.demonymAt = map[int]bool{}
	}
	x.demonymAt[start] = true
}

// elidedCountry finds a country's name after an elided article: French and
// Italian "l'Allemagne", "d'Italia".
func (x *extraction) elidedCountry(i int, ms *[]Mention) {
	t := x.toks[i]
	if len(t.text) < 4 || t.text[1] != '\'' && t.text[2] != '\'' && t.text[1] != 0xE2 && t.text[2] != 0xE2 {
		return // no elided article ("l'", "d'", "dell'") opens the word
	}
	k := strings.IndexAny(t.text, "'’")
	if k <= 0 || k > 3 || x.owner[i] >= 0 && x.spans[x.owner[i]].kind != kMisc && x.spans[x.owner[i]].kind != kLoc {
		return
	}
	_, n := utf8.DecodeRuneInString(t.text[k:])
	part := t.text[k+n:]
	sub := tokenize(part)
	if len(sub) != 1 || !isCap(part) {
		return
	}
	e := foreignGaz.match(sub, 0)
	if e == nil {
		e = gaz.match(sub, 0)
	}
	if e == nil || len(e.words) != 1 || e.ambiguous || e.kind != gazCountry {
		return
	}
	*ms = append(*ms, Mention{Kind: Country, Start: t.start + k + n, End: t.end, Text: part, Name: e.canonical})
}

// people names each PER span with the full name it belongs to: a single
// name joins the full name of the same document that holds it, nearest
// before it first; then free occurrences of known surnames are added.
func (x *extraction) people(ms *[]Mention) {
	toks := x.toks
	type per struct {
		s     span
		words []string
	}
	var ps []per
	for _, s := range x.spans {
		if s.kind != kPer {
			continue
		}
		var ws []string
		for k := s.i; k < s.j; k++ {
			if toks[k].norm != `"` { // a nickname's marks
				ws = append(ws, toks[k].norm)
			}
		}
		ps = append(ps, per{s, ws})
	}
	// Full names, with the mixed-case form of names seen in capitals.
	var full []per
	for _, p := range ps {
		if len(p.words) >= 2 {
			full = append(full, p)
		}
	}
	name := func(p per) string { return strings.Join(p.words, " ") }
	display := map[string]string{}
	for _, p := range full {
		n := name(p)
		l := strings.ToLower(n)
		if d, ok := display[l]; !ok || d == strings.ToUpper(d) {
			display[l] = n
		}
	}
	canonFull := func(p per) string {
		n := display[strings.ToLower(name(p))]
		// A longer full name that holds this one ("Kim Jong" in "Kim Jong Un").
		for _, q := range full {
			if len(q.words) > len(p.words) && containsAllFold(q.words, p.words) {
				return display[strings.ToLower(name(q))]
			}
		}
		return n
	}
	holder := func(w string, at int) string {
		best, bestDist := "", 1<<30
		for _, q := range full {
			if !containsFold(q.words, w) {
				continue
			}
			d := at - q.s.i
			if d < 0 {
				d = -d + 1<<20 // after: only when none comes before
			}
			if strings.EqualFold(q.words[len(q.words)-1], w) {
				d -= 1 << 10
			}
			if d < bestDist {
				best, bestDist = canonFull(q), d
			}
		}
		return best
	}
	surnames := map[string]string{}
	for _, p := range ps {
		var n string
		if len(p.words) >= 2 {
			n = canonFull(p)
			surnames[p.words[len(p.words)-1]] = n
			for _, w := range p.words[1 : len(p.words)-1] {
				if _, ok := surnames[w]; !ok && isCap(w) {
					surnames[w] = n // the first of two surnames: Mateo Cárdenas Ruiz
				}
			}
		} else if h := holder(p.words[0], p.s.i); h != "" {
			n = h
		} else if l := strings.ToLower(p.words[0]); IsCommon(l) && GivenName(l) == 0 && (p.s.i == 0 || !titles[toks[p.s.i-1].lower]) {
			// a common English word that names no one the text gives in
			// full: the title of a work ("How Societies Choose to Fail or
			// Succeed"), a prize ("for Excellence")
			continue
		} else {
			n = p.words[0]
			if w := p.words[0]; w == strings.ToUpper(w) && len(w) > 2 {
				n = titleCase(w)
			}
		}
		st, en := toks[p.s.i].start, toks[p.s.j-1].end
		*ms = append(*ms, Mention{Kind: Person, Start: st, End: en, Text: x.text[st:en], Name: n})
	}
	// A surname the tagger read as an organization ("the Trump campaign"),
	// also with the particle that opens it capitalised at a sentence's
	// start ("De Blasio says" of Bill de Blasio).
	for k, s := range x.spans {
		if s.kind != kOrg || s.j-s.i != 1 && !x.particleAndSurname(s, surnames) {
			continue
		}
		w := toks[s.j-1].norm
		n, ok := surnames[w]
		if !ok && toks[s.i].capsLine && len(w) > 3 {
			// a headline's surname in capitals ("GIBBS GETS INTERNATIONAL CALL UP")
			n, ok = surnames[titleCase(w)]
			w = strings.ToLower(w) // no acronym
		}
		if ok && CanonicalOrganization(w) == w && !isAcronym(w) {
			x.spans[k].kind = kPer
			st, en := toks[s.i].start, toks[s.j-1].end
			*ms = append(*ms, Mention{Kind: Person, Start: st, End: en, Text: x.text[st:en], Name: n})
		}
	}
	for i, t := range toks {
		if x.owner[i] >= 0 {
			continue
		}
		if n, ok := surnames[t.norm]; ok && isCap(t.norm) {
			*ms = append(*ms, Mention{Kind: Person, Start: t.start, End: t.end, Text: t.text, Name: n})
		}
	}
}

// particleAndSurname reports whether span s is a name particle and a surname
// that a full name the document gives ends with, the particle in it too:
// "De Blasio" of "Bill de Blasio", "Van Hollen" of "Chris Van Hollen".
func (x *extraction) particleAndSurname(s span, surnames map[string]string) bool {
	if s.j-s.i != 2 || !nameParticles[x.toks[s.i].lower] {
		return false
	}
	n, ok := surnames[x.toks[s.i+1].norm]
	return ok && strings.HasSuffix(strings.ToLower(n), " "+x.toks[s.i].lower+" "+strings.ToLower(x.toks[s.i+1].norm))
}

// oneReading gives a name the document reads both as a person's and as an
// organization's one reading: the one of most mentions, the
// organization's when they are as many. The tagger reads the name of a
// club, a paper or a company in a list or a table as a person's where it
// reads it as an organization's in a sentence ("Benfica", "La Jornada",
// "Towers Perrin"), and a person's name on a line of its own ("― Lena
// Martell") as an organization's. A name that opens with a given name is
// a person's ("Jesse Owens"), and an organization's reading before a
// word of organizations counts for nothing: "the Trump campaign", "the
// Obama administration" are the bodies of people.
func oneReading(text string, ms []Mention) {
	type readings struct {
		person, org int
		orgName     string
	}
	by := map[string]*readings{}
	for _, m := range ms {
		if m.Kind != Organization {
			continue
		}
		l := strings.ToLower(m.Name)
		if by[l] == nil {
			by[l] = &readings{orgName: m.Name}
		}
		if !orgWords[modifiedWord(text, m.End)] {
			by[l].org++ // not "the Trump campaign", a body its leader's name modifies
		}
	}
	if len(by) == 0 {
		return
	}
	personName := map[string]string{}
	for _, m := range ms {
		if r := by[strings.ToLower(m.Name)]; r != nil && m.Kind == Person {
			r.person++
			personName[strings.ToLower(m.Name)] = m.Name
		}
	}
	for k, m := range ms {
		l := strings.ToLower(m.Name)
		r := by[l]
		if r == nil || r.person == 0 || m.Kind != Person && m.Kind != Organization {
			continue
		}
		first, _, _ := strings.Cut(m.Name, " ")
		if r.person > r.org || GivenName(strings.ToLower(first)) != 0 {
			ms[k].Kind, ms[k].Name = Person, personName[l]
		} else {
			ms[k].Kind, ms[k].Name = Organization, r.orgName
		}
	}
}

// modifiedWord returns the lower-case word that follows offset end, which
// the name ending there modifies ("the Trump campaign", "Chelsea
// defender"), or "".
func modifiedWord(text string, end int) string {
	k := end
	for k < len(text) && text[k] == ' ' {
		k++
	}
	e := k
	for e < len(text) && text[e] >= 'a' && text[e] <= 'z' {
		e++
	}
	if k == end {
		return ""
	}
	return text[k:e]
}

// titleArticle reports whether token i follows a capital “The” inside a
// sentence, which is part of a title: “The Nation”, “The Independent”.
func (x *extraction) titleArticle(i int) bool {
	return i > 0 && x.toks[i-1].norm == "The" && !isSentenceStart(x.toks, i-1)
}

func containsFold(ws []string, w string) bool {
	for _, v := range ws {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

func containsAllFold(long, short []string) bool {
	for _, w := range short {
		if !containsFold(long, w) {
			return false
		}
	}
	return true
}

// contest reports whether the organization span s names a contest, not a
// body: a name of two words or more that a contest's word ends ("UEFA
// Cup", "ATP Tour"), or that one follows in capitals ("MILWAUKEE OPEN"),
// or, in an article of results (sports), a
// competition's word ("American League", "Major League Baseball"), which
// a part of the league may follow ("National League West", "American
// League East Division").
func (x *extraction) contest(s span, sports bool) bool {
	toks := x.toks
	if s.j < len(toks) && !toks[s.j].lineStart && contests[toks[s.j].lower] && isCap(toks[s.j].norm) {
		return true // the tagger's name stops short of the contest's word: "MILWAUKEE OPEN"
	}
	if s.j-s.i < 2 {
		return false
	}
	if contests[x.toks[s.j-1].lower] {
		return true
	}
	if !sports {
		return false
	}
	return x.competitionName(s)
}

// marketIndex reports whether the organization span s names a market's
// index: an index's noun ends it ("BLOM Stock Index") or follows it in
// lower case, one word in lower case between at most ("the AEX index",
// "the Dow Jones industrial average"), unless a word of organizations or
// of the calendar ends the name or a possessive follows it: then the
// index is the body's.
func (x *extraction) marketIndex(s span) bool {
	toks := x.toks
	if s.j-s.i >= 2 && indexNouns[toks[s.j-1].lower] {
		return true
	}
	if orgWords[toks[s.j-1].lower] || calendarWords[toks[s.j-1].lower] {
		return false // a body's index: "the Karachi Stock Exchange 100-share index", "Chicago Purchasing Managers August index"
	}
	for k := s.j; k < len(toks) && k <= s.j+1 && !toks[k].lineStart; k++ {
		if toks[k].norm != toks[k].lower || toks[k].norm == "'s" || toks[k].norm == "'" {
			return false // "Standard & Poor 's index of 500 stocks"
		}
		if indexNouns[toks[k].norm] {
			return true
		}
	}
	return false
}

// creditGrade reports whether w is written as a grade of credit, which
// no body's name is: "AA", "BBB", "Baa3", "AA-minus".
func creditGrade(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimRight(w, "+-"), "-minus"), "-plus")
	return creditGradeShape.MatchString(w)
}

var creditGradeShape = regexp.MustCompile(`^(AAA|AA|BBB|BB|CCC|CC|Aaa|Aa[1-3]|Baa[1-3]?|Ba[1-3]|Caa[1-3]?)$`)

// orgs names each ORG span: an acronym defined in the text, then a known
// organization, then a longer name of the same document that holds it.
func (x *extraction) orgs(ms *[]Mention, alias map[string]string) {
	type org struct {
		s    span
		name string
	}
	var os []org
	sports := x.sportsResults()
	for _, s := range x.spans {
		if s.kind != kOrg {
			continue
		}
		if x.contest(s, sports) || x.marketIndex(s) || s.j-s.i == 1 && creditGrade(x.toks[s.i].norm) {
			continue
		}
		if k := len(os) - 1; k >= 0 && os[k].s.j == s.i && !x.toks[s.i].lineStart && x.legalFormOnly(s) {
			// a company's legal form the tagger cut from its name: "Cofinec | S.A."
			s.i = os[k].s.i
			os = os[:k]
		}
		n := x.words(s)
		if n == strings.ToUpper(n) && !isAcronym(n) && len(n) > 4 {
			n = titleCase(n)
		}
		if a, ok := alias[strings.ReplaceAll(n, ".", "")]; ok {
			n = a
		}
		n = CanonicalOrganization(n)
		os = append(os, org{s, n})
	}
	names := map[string]bool{}
	for _, o := range os {
		names[o.name] = true
	}
	var capWords map[string]bool // the document's capitalized words, folded, once needed
	merged := map[string]string{}
	for n := range names {
		fn := strings.Fields(foldName(n))
		best := ""
		for m := range names {
			if m == n {
				continue
			}
			fm := strings.Fields(foldName(m))
			if len(fm) > len(fn) && subset(fn, fm) || isAcronym(n) && len(fn) == 1 && strings.ReplaceAll(n, ".", "") == initialsOf(m) {
				if best == "" || len(m) > len(best) || len(m) == len(best) && m < best {
					best = m
				}
			}
		}
		if best != "" {
			merged[n] = best
		}
	}
	for _, o := range os {
		n := o.name
		if m, ok := merged[n]; ok {
			n = m // "S.A." of "Cofinec S.A." too
		} else if x.legalFormOnly(o.s) {
			continue // "Inc", "Bank Plc": the tail of a company's name the tagger cut off
		} else if m := x.knownFullName(n, &capWords); m != "" {
			n = m // "the Commission" of an article on the European Union
		} else if o.s.j-o.s.i == 1 && isAcronym(n) && CanonicalOrganization(n) == n && (x.spelledOut(n) || x.thingsAcronym(o.s.i)) {
			continue // the acronym of a thing, not of a body: “artificial intelligence … AI rules”
		} else if o.s.j-o.s.i == 1 && n == x.toks[o.s.i].norm && IsCommon(strings.ToLower(n)) && gaz.match(x.toks, o.s.i) == nil &&
			!(isAcronym(n) && len(n) <= 4) && !x.titleArticle(o.s.i) {
			continue // a common word that names no body the text gives in full: “Arts”, “Level”
		}
		if x.holidayName(o.s) {
			continue // a day of the year: "Labour Day", "Bastille Day"
		}
		if x.portfolioOf(o.s) {
			continue // "Interior Minister Manfred Kanther": a post's portfolio, not a body
		}
		if x.productAt(o.s.j) || !sports && x.modelNumberAfter(o.s) || x.unitAt(o.s.i) {
			continue // a maker's name before a model ("Airbus A310", "Ferrari F40"); "20 BP", basis points
		}
		if utf8.RuneCountInString(strings.ReplaceAll(n, ".", "")) < 2 {
			continue // a letter: "S" of "S&P", a series "B", "( K )" in a table
		}
		st, en := x.toks[o.s.i].start, x.toks[o.s.j-1].end
		*ms = append(*ms, Mention{Kind: Organization, Start: st, End: en, Text: x.text[st:en], Name: n})
	}
}

// knownFullName returns the known organization that a one-word name is the
// last word of, when the document writes every other word of it with a
// capital ("Commission" in an article that names the European Union is
// the European Commission), and only one such organization is known; else
// "".
func (x *extraction) knownFullName(n string, caps *map[string]bool) string {
	if strings.ContainsAny(n, " .") || isAcronym(n) {
		return ""
	}
	fulls := orgsEndingWith(foldName(n))
	if len(fulls) == 0 {
		return ""
	}
	if *caps == nil {
		*caps = map[string]bool{}
		for k, t := range x.toks {
			if x.capWord(k) {
				(*caps)[foldName(t.norm)] = true
			}
		}
	}
	found := ""
	for _, full := range fulls {
		ws := strings.Fields(foldName(full))
		all := true
		for _, w := range ws[:len(ws)-1] {
			if !(*caps)[w] && !connectors[w] {
				all = false
				break
			}
		}
		if all {
			if found != "" && found != full {
				return "" // two known bodies would do
			}
			found = full
		}
	}
	return found
}

// legalFormOnly reports whether the organization span s holds nothing
// but the words that mark a business or its legal form ("Inc", "Co Inc",
// "Bank Plc", "Ltd"), with no article before it: the tail of a company's
// name that the tagger cut off ("Siam Commercial | Bank Plc"), or such a
// word heading a line ("Bank notes and acceptances …"). "The Bank" may be
// a known body's short name.
func (x *extraction) legalFormOnly(s span) bool {
	toks := x.toks
	if s.i > 0 && !toks[s.i].lineStart && toks[s.i-1].lower == "the" {
		return false
	}
	for k := s.i; k < s.j; k++ {
		if l := toks[k].lower; !companyMarks[l] && !companySuffixes[l] && l != "." && l != "," {
			return false
		}
	}
	return true
}

// holidayName reports whether the organization span s names a day of the
// year: two words or more that a capitalized noun of days ends ("Labour
// Day", "New Year 's Eve").
func (x *extraction) holidayName(s span) bool {
	last := x.toks[s.j-1]
	return s.j-s.i >= 2 && holidayHeads[last.lower] && isCap(last.norm)
}

// portfolioOf reports whether the organization span s names the portfolio
// of a post that follows it in capitals ("Interior Minister Manfred
// Kanther", "Home ( Interior ) Minister", "Agriculture Secretary Dan
// Glickman"): the post is a person's, and the words before it say what
// the post is over, not which body holds it. A secretary general is a
// body's ("NATO Secretary General Javier Solana").
func (x *extraction) portfolioOf(s span) bool {
	toks := x.toks
	k := s.j
	if k < len(toks) && toks[k].norm == ")" {
		k++
	}
	if k >= len(toks) || toks[k].lineStart || !portfolioPost[toks[k].lower] || !isCap(toks[k].norm) {
		return false
	}
	if n := k + 1; n < len(toks) && !toks[n].lineStart && (toks[n].lower == "general" || toks[n].lower == "of" || toks[n].lower == "for") {
		return false
	}
	return true
}

// productAt reports whether toks[j] is a model's code, letters and digits
// in one word ("A310", "F40", "LM600"): the name before it names a product.
func (x *extraction) productAt(j int) bool {
	if j >= len(x.toks) || x.toks[j].lineStart {
		return false
	}
	w := x.toks[j].norm
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
		default:
			return false
		}
	}
	l := strings.ToLower(w)
	ordinal := strings.HasSuffix(l, "st") || strings.HasSuffix(l, "nd") || strings.HasSuffix(l, "rd") || strings.HasSuffix(l, "th")
	return letters > 0 && digits > 0 && !(ordinal && letters == 2) // "18th" is no model
}

// modelNumberAfter reports whether a model's number of three digits
// follows the organization span s ("the Airbus 310 which was hijacked", "a
// Boeing 747"): the name names a product. No figure, bracket or "and" may
// follow the number, as runs and scores follow a side's name ("Durham 326
// ( J. Morris 75 )", "Sussex 280 and 120-3"), and no word of bodies may
// stand in the name, which the tagger ran on into the model's ("Vnukovo
// Airlines Tupolev 154"). Callers leave out documents of sports results.
func (x *extraction) modelNumberAfter(s span) bool {
	toks := x.toks
	j := s.j
	if j >= len(toks) || toks[j].lineStart || len(toks[j].norm) != 3 || strings.IndexFunc(toks[j].norm, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return false
	}
	for k := s.i; k < s.j; k++ {
		if orgWords[toks[k].lower] || companyHeads[toks[k].lower] {
			return false
		}
	}
	n := j + 1
	if n >= len(toks) || toks[n].lineStart {
		return true
	}
	w := toks[n].lower
	return !isDigit(w[0]) && w != "(" && w != "and" && w != "for" && w != "-" && w != "/"
}

// unitAt reports whether the acronym toks[i] follows a signed or decimal
// number, as a unit does: "+20 BP" is twenty basis points, not BP.
func (x *extraction) unitAt(i int) bool {
	if i == 0 || x.toks[i].lineStart || !isAcronym(x.toks[i].norm) {
		return false
	}
	w := x.toks[i-1].norm
	p := strings.TrimLeft(w, "+-")
	signed := p != w || strings.Contains(p, ".") || i > 1 && (x.toks[i-2].norm == "+" || x.toks[i-2].norm == "-")
	// "+20", "12.5": a measure; "Bolton 2 QPR 1" is a score
	return signed && p != "" && strings.IndexFunc(p, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != ',' }) < 0
}

// thingsAcronym reports whether the document gives the acronym of toks[i]
// in brackets after a noun in lower case that names no kind of body:
// "two 220 kilovolt ( KV ) power lines", "Budget deficit ( HUF )",
// "central bank securities ( SBPUs )". A body's name is capitalized, or a
// noun of bodies stands before its acronym ("the ruling party ( PRI )").
func (x *extraction) thingsAcronym(i int) bool {
	toks := x.toks
	w := toks[i].norm
	for k := 2; k+1 < len(toks); k++ {
		if toks[k].norm != w || toks[k-1].norm != "(" || toks[k+1].norm != ")" || toks[k-1].lineStart {
			continue
		}
		p := toks[k-2]
		if p.norm == p.lower && isNameToken(p.norm) && !functionWord[p.lower] && !orgWords[p.lower] && !companyNouns[p.lower] && !bodyNouns[p.lower] {
			return true
		}
	}
	return false
}

// spelledOut reports whether the text writes the acronym acr as a run of
// lower-case words: "artificial intelligence" for AI, "global positioning
// system" for GPS. Such an acronym names a thing, not a body.
func (x *extraction) spelledOut(acr string) bool {
	if len(acr) < 2 || len(acr) > 4 {
		return false
	}
	toks := x.toks
	for i := 0; i+len(acr) <= len(toks); i++ {
		ok := true
		for k := 0; k < len(acr) && ok; k++ {
			t := toks[i+k]
			ok = len(t.norm) > 2 && t.norm[0] == acr[k]+('a'-'A') && t.norm == t.lower && !functionWord[t.lower] && (k == 0 || !t.lineStart)
		}
		if ok {
			return true
		}
	}
	return false
}

func subset(short, long []string) bool {
	for _, w := range short {
		found := false
		for _, v := range long {
			if v == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func titleCase(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		if i > 0 && connectors[w] {
			continue
		}
		_, n := utf8.DecodeRuneInString(w)
		f[i] = strings.ToUpper(w[:n]) + w[n:]
	}
	return strings.Join(f, " ")
}

// georgianContext reports whether the document speaks of Georgia the
// country rather than the US state.
func (x *extraction) georgianContext() bool {
	for _, c := range georgiaClues {
		if strings.Contains(x.text, c) {
			return true
		}
	}
	return false
}

// historical returns the former state that a place of country c stands for
// in this document, or c.
func (x *extraction) historical(c string) string {
	for _, f := range formerStates {
		if c == f.successor && strings.Contains(x.text, f.clue) && !strings.Contains(x.text, f.successor) {
			return f.former
		}
	}
	return c
}

// acronymDefinitions finds "Full Name (ACR)" in the text.
func (x *extraction) acronymDefinitions() map[string]string {
	alias := map[string]string{}
	toks := x.toks
	for _, s := range x.spans {
		if s.kind != kOrg && s.kind != kMisc && s.kind != kLoc {
			continue
		}
		if s.j+2 < len(toks) && toks[s.j].norm == "(" && toks[s.j+2].norm == ")" && isAcronym(toks[s.j+1].norm) {
			acr := strings.ReplaceAll(toks[s.j+1].norm, ".", "")
			full := x.words(s)
			if initialsOf(full) != "" && strings.EqualFold(acr[:1], initialsOf(full)[:1]) {
				alias[acr] = full
			}
		}
	}
	return alias
}

func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if initialStop[strings.ToLower(w)] {
			continue
		}
		for _, r := range w {
			b.WriteRune(unicode.ToUpper(r))
			break
		}
	}
	return b.String()
}
