// Cleaning spans: titles and possessives come off a name's edges, spans that
// are no names are dropped, and names the tagger cut short or ran together are
// mended.

package entity

import (
	"sort"
	"strings"
	"unicode"
)

// isHandle reports whether w is a first name run into more words, the way
// social media accounts are named ("IanHanchett"), not a surname with an
// inner capital ("McConnell", "LeBron", "DeSantis").
func isHandle(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return i >= 3 && GivenName(strings.ToLower(w[:i])) != 0 && len(w)-i >= 3
		}
	}
	return false
}

// nicknames reads a name with a nickname in marks as the nickname and the
// surname, the name the person goes by: Rep. Robert C. “Bobby” Scott is
// Bobby Scott, where the tagger saw “Robert C.” and “Bobby” and “Scott”.
func (x *extraction) nicknames() {
	toks := x.toks
	drop := map[int]bool{}
	var add []span
	for k, s := range x.spans {
		j := s.j
		for j < len(toks) && j < s.j+2 && isMiddleInitial(toks[j].norm) {
			j++ // a middle initial the tagger left out
		}
		if s.kind != kPer || j+3 >= len(toks) || toks[j].norm != `"` || toks[j+2].norm != `"` ||
			!isCap(toks[j+1].norm) || !isCap(toks[j+3].norm) || !isNameToken(toks[j+3].norm) ||
			toks[j+1].start != toks[j].end || toks[j+2].start != toks[j+1].end || toks[j+3].start != toks[j+2].end+1 ||
			toks[j+1].lineStart || toks[j+2].lineStart || toks[j+3].lineStart {
			continue
		}
		end := j + 4
		for n, o := range x.spans {
			if o.i > s.i && o.i <= j+3 {
				drop[n] = true
				if o.i == j+3 || o.i == j+1 && o.j > j+3 {
					end = max(end, o.j)
				}
			}
		}
		drop[k] = true
		add = append(add, span{j + 1, end, kPer})
	}
	if len(add) == 0 {
		return
	}
	out := x.spans[:0]
	for k, s := range x.spans {
		if !drop[k] {
			out = append(out, s)
		}
	}
	out = append(out, add...)
	sort.Slice(out, func(a, b int) bool { return out[a].i < out[b].i })
	x.spans = out
}

// cleanSpans drops titles and possessives from the edges of spans and drops
// spans that are no names.
func (x *extraction) cleanSpans() {
	m := x.model
	x.joinLoneParticles()
	x.joinParticles()
	x.nicknames()
	x.splitPortfolioHolders()
	titleLine := x.titleLines(m)
	capMid := map[string]bool{} // words capitalized in mid-sentence
	for i, t := range x.toks {
		if isCap(t.norm) && !t.capsLine && !titleLine[i] && !isSentenceStart(x.toks, i) {
			capMid[t.lower] = true
		}
	}
	// the people the document names, each as its words after any title
	named := map[string]bool{}
	for _, s := range x.spans {
		if s.kind == kPer {
			for s.i < s.j && titles[x.toks[s.i].lower] {
				s.i++
			}
			named[strings.ToLower(x.words(s))] = true
		}
	}
	var headline, people []span
	out := x.spans[:0]
	for _, s := range x.spans {
		if s.kind == kOrg && (x.titledPerson(s) || x.givenNamed(s)) {
			s.kind = kPer // "Senator Jeff Sessions", "Irina Spirlea ( Romania ) beat" read as bodies
		}
		if s.kind == kPer && s.j-s.i >= 2 && geoHeads[x.toks[s.j-1].lower] && GivenName(x.toks[s.i].lower) == 0 ||
			s.kind == kOrg && s.j-s.i >= 2 && (featureHeads[x.toks[s.j-1].lower] || featureHeads[x.toks[s.i].lower] && x.toks[s.i+1].lower == "of" ||
				facilityHeads[x.toks[s.j-1].lower] && isCap(x.toks[s.j-1].norm)) {
			s.kind = kLoc // "Gatun Lake", "Second Thomas Shoal", "Kaziranga National Park", "Pearl River", "Strait of Gibraltar", "Johns Hopkins Hospital"
		}
		if s.kind == kOrg && x.venueAt(s) {
			s.kind = kLoc // "at the National Tennis Centre", "hurried off the Stadium Court"
		}
		// "Central Asia", "Southeast Asia", "East Africa": a part of a continent
		if (s.kind == kPer || s.kind == kOrg) && x.continentPart(s) {
			s.kind = kLoc
		}
		// "Ocean Dipole" (of the Indian Ocean Dipole): a natural feature's
		// word inside a name that opens with no given name is no person's
		if s.kind == kPer && GivenName(x.toks[s.i].lower) == 0 {
			for k := s.i; k < s.j; k++ {
				if featureHeads[x.toks[k].lower] || continents[titleCase(x.toks[k].norm)] {
					s.kind = kMisc
					break
				}
			}
		}
		if s.kind == kPer {
			for s.i < s.j && titles[x.toks[s.i].lower] {
				s.i++
			}
			// "Unlike Patriot, Mr. Clarke has …": a word that never begins
			// a name (nonnames.txt not-name-start) opening a sentence is no
			// part of the name after it, however short the name
			for s.j-s.i >= 2 && isSentenceStart(x.toks, s.i) && notNameStart[x.toks[s.i].lower] {
				s.i++
			}
			// "Rival Hillary Clinton", "Democrat John Ross" opening a
			// sentence: a word usually written in lower case is no name
			for s.j-s.i >= 3 && isSentenceStart(x.toks, s.i) && !x.toks[s.i].capsLine &&
				m.lower[x.toks[s.i].lower] && x.capWord(s.i+1) {
				s.i++
			}
			// "working Crooked Hillary Clinton", "Pastor Kevin Swanson": a
			// word that is no first name, before a first name and surname
			// the document also names without it, is an epithet or a title
			// ("Bill de Blasio" and "Debbie Wasserman Schultz" keep theirs)
			if s.j-s.i >= 3 && GivenName(x.toks[s.i].lower) == 0 && GivenName(x.toks[s.i+1].lower) != 0 &&
				named[strings.ToLower(x.words(span{s.i + 1, s.j, kPer}))] {
				s.i++
			}
			// "Exco Chairman Richard Lacy", "Marine Lt. Col. Oliver North":
			// the name is what follows the last post
			for k := s.j - 3; k > s.i && s.j-s.i >= 3; k-- {
				if (titles[x.toks[k].lower] || orgRoles[x.toks[k].lower]) && x.capWord(k+1) && x.capWord(k+2) {
					s.i = k + 1
					break
				}
			}
		}
		// "Bob Dole Wednesday", "Yeltsin Sept 7": a day, or a month before
		// its date, ends no one's name
		for s.kind == kPer && s.j-s.i >= 2 && (days[x.toks[s.j-1].lower] ||
			months[strings.ToLower(strings.TrimSuffix(x.toks[s.j-1].norm, "."))] && s.j < len(x.toks) && !x.toks[s.j].lineStart && isDigit(x.toks[s.j].norm[0])) {
			s.j--
		}
		// "New York Attorney General Eric Schneiderman" read as one place:
		// a place runs on over no post, and the name after it is a person's
		if s.kind == kLoc {
			if place, per, ok := x.splitOrgRolePerson(s); ok {
				s = span{place.i, place.j, kLoc}
				people = append(people, per)
			}
		}
		if s.kind == kOrg {
			for s.i < s.j && strings.EqualFold(x.toks[s.i].norm, "the") {
				s.i++
			}
			// "the Times on Saturday": a day or a month after a connector
			// is no part of the name
			for k := s.i + 1; k+1 < s.j; k++ {
				if connectors[x.toks[k].norm] && calendarWords[x.toks[k+1].lower] {
					s.j = k
					break
				}
			}
			if org, per, ok := x.splitOrgRolePerson(s); ok {
				s = org
				people = append(people, per)
			}
			if org, per, ok := x.splitOrgOfPerson(s, named); ok {
				// "Frente Andino of Rosa Quispe Valdivia"; "Baek" and
				// "Hyun-woo of the Pacific Technology Policy Forum"
				if n := len(out); per.i < s.i && n > 0 && out[n-1].i == per.i && out[n-1].j == s.i {
					out = out[:n-1]
				}
				s = org
				people = append(people, per)
			}
			s.j = s.i + x.trimPosts(s.i, s.j)
		}
		for s.j > s.i && (!isNameToken(x.toks[s.j-1].norm) || connectors[x.toks[s.j-1].lower] ||
			(s.kind == kOrg || s.kind == kPer) && s.j-s.i > 1 && x.toks[s.j-1].norm == x.toks[s.j-1].lower) {
			s.j-- // "the Trump nomination": a name ends with a capital word
		}
		for s.i < s.j && !isNameToken(x.toks[s.i].norm) {
			s.i++
		}
		if s.i >= s.j {
			continue
		}
		if s.j-s.i == 1 {
			w := x.toks[s.i].norm
			l := strings.ToLower(w)
			if notNames[l] || !isCap(w) {
				continue
			}
			if s.kind == kPer && (isInitialism(strings.TrimSuffix(w, ".")) || IsPartyState(w) || strings.HasSuffix(l, "ly") && isSentenceStart(x.toks, s.i)) {
				continue // "J.", "R-Utah", "Sadly"
			}
			if s.kind == kPer && isHandle(w) {
				continue // "IanHanchett", "HillaryClinton": an account's name
			}
			if s.kind == kPer {
				if e := gaz.match(x.toks, s.i); e != nil && len(e.words) == 1 && e.kind == gazDemonym {
					continue // "Hawaiian"
				}
			}
			// A sentence-initial word that is usually written in lower case.
			if m.lower[l] && isSentenceStart(x.toks, s.i) && !x.toks[s.i].capsLine && s.kind != kLoc {
				continue
			}
			// A common English word at a sentence start ("Famine is
			// spreading", "Benchmark gas prices"), unless the document
			// writes it capitalized in mid-sentence too.
			if (IsCommon(l) || strings.HasSuffix(l, "s") && IsCommon(l[:len(l)-1])) && s.kind != kLoc && isSentenceStart(x.toks, s.i) && !x.toks[s.i].capsLine && !capMid[l] &&
				(s.kind != kOrg || gaz.match(x.toks, s.i) == nil) {
				continue
			}
		}
		if s.kind == kPer && !x.personLike(s) {
			continue
		}
		if gaz.nonName[strings.ToLower(x.words(s))] {
			continue
		}
		if s.j-s.i == 1 && isPluralCountry(x.toks[s.i].norm) {
			continue // "the two Koreas"
		}
		if s.kind == kPer && s.i > 0 && (beforeNoPerson[x.toks[s.i-1].norm] || articles[x.toks[s.i-1].norm] ||
			s.j-s.i == 1 && s.i > 1 && articles[x.toks[s.i-2].norm] && x.toks[s.i-1].norm == x.toks[s.i-1].lower && isNameToken(x.toks[s.i-1].norm)) {
			continue // "the two Koreas"
		}
		if s.kind == kPer && s.j-s.i == 1 && s.j < len(x.toks) && x.capWord(s.j) && !x.toks[s.j].lineStart &&
			!x.toks[s.j].capsLine && gaz.match(x.toks, s.j) == nil && !titleLine[s.j] {
			s.j++ // a first name the tagger cut from its surname
		} else if s.kind == kPer && s.j-s.i == 1 && s.j < len(x.toks) && !x.toks[s.j].lineStart && hyphenatedGivenName(x.toks[s.j].norm) {
			s.j++ // "Baek Hyun-woo"
		}
		if s.kind == kPer && s.j-s.i >= 2 && s.j < len(x.toks) && isMiddleInitial(x.toks[s.j-1].norm) &&
			x.capWord(s.j) && !x.toks[s.j].lineStart {
			s.j++ // "Donald J." and "Trump": a middle initial ends no name
		}
		if n := len(out); s.kind == kPer && n > 0 && out[n-1].kind == kPer && out[n-1].j == s.i && isMiddleInitial(x.toks[s.i].norm) && !x.toks[s.i].lineStart {
			out[n-1].j = s.j // "Donald" and "J. Trump"
			continue
		}
		if n := len(out); s.kind == kPer && s.i > 0 && isMiddleInitial(x.toks[s.i].norm) && x.capWord(s.i-1) && !x.toks[s.i].lineStart &&
			(n == 0 || out[n-1].j < s.i || out[n-1].kind != kPer) {
			s.i-- // "Loretta" and "E. Lynch": the given name before the initial
			if n > 0 && out[n-1].j > s.i {
				if out[n-1].j-out[n-1].i == 1 {
					out = out[:n-1]
				} else {
					out[n-1].j = s.i
				}
			}
		}
		if n := len(out); n > 0 && s.i < out[n-1].j {
			// the span before grew over this one's start
			if out[n-1].kind == kPer && s.j > out[n-1].j {
				out[n-1].j = s.j
			}
			continue
		}
		if titleLine[s.i] {
			headline = append(headline, s)
			continue
		}
		out = append(out, s)
	}
	// Headlines and headings in title case, where every word has a capital,
	// keep only the names the body confirms or the gazetteers know.
	body := map[string]bool{}
	for _, s := range out {
		body[strings.ToLower(x.words(s))] = true
	}
	for _, s := range headline {
		if body[strings.ToLower(x.words(s))] || gaz.match(x.toks, s.i) != nil {
			out = append(out, s)
		}
	}
	for _, p := range people {
		if x.personLike(p) {
			out = append(out, p)
		}
	}
	x.spans = out
	x.buildOwner()
	x.ambiguousFirstNames()
}

// joinLoneParticles joins a span that is only a capitalized name particle
// ("El", "Al", "Van") to the name after it, of which it is the first word:
// "El" and "Fasher" are El Fasher. The kind is the name's, where the tagger
// read one.
func (x *extraction) joinLoneParticles() {
	toks := x.toks
	out := x.spans[:0]
	for k := 0; k < len(x.spans); k++ {
		s := x.spans[k]
		n := s.i + 1
		if s.j == n && nameParticles[toks[s.i].lower] && isCap(toks[s.i].norm) && n < len(toks) && !toks[n].lineStart &&
			isCap(toks[n].norm) && isNameToken(toks[n].norm) && toks[n].start > toks[s.i].end {
			if k+1 < len(x.spans) && x.spans[k+1].i == n {
				s = span{s.i, x.spans[k+1].j, x.spans[k+1].kind}
				k++
			} else {
				s.j = n + 1
			}
		}
		out = append(out, s)
	}
	x.spans = out
}

// joinParticles joins a person's span to the capitalised words after one or
// two name particles, which the tagger reads as two people ("Osama" and
// "Laden"), and to a surname that a particle opens with a hyphen
// ("Abdul-Karim al-Kabariti"), which it reads as no one's or as the start
// of another name.
func (x *extraction) joinParticles() {
	out := x.spans[:0]
	for k := 0; k < len(x.spans); k++ {
		s := x.spans[k]
		if p := s.j; s.kind == kPer && p < len(x.toks) && !x.toks[p].lineStart && particleSurname(x.toks[p].norm) {
			s.j = p + 1
			if k+1 < len(x.spans) && x.spans[k+1].i == p {
				if next := x.spans[k+1]; next.kind == kPer {
					s.j = next.j
					k++
				} else if next.j > p+1 {
					x.spans[k+1].i = p + 1 // "al-Kabariti left Amman" cut to what follows the name
				} else {
					k++
				}
			}
			out = append(out, s)
			continue
		}
		if s.kind == kPer {
			p := s.j
			for p < len(x.toks) && p < s.j+2 && nameParticles[x.toks[p].norm] && x.toks[p].norm != "-" && !x.toks[p].lineStart {
				p++
			}
			if p > s.j && p < len(x.toks) && isCap(x.toks[p].norm) && !x.toks[p].lineStart && isNameToken(x.toks[p].norm) {
				e := p + 1
				if k+1 < len(x.spans) && x.spans[k+1].i == p {
					e = x.spans[k+1].j
					k++
				}
				s.j = e
			}
		}
		out = append(out, s)
	}
	x.spans = out
}

// titledPerson reports whether the organization span s is a person's title
// and name: "Senator Jeff Sessions", not "Senate Armed Services Committee".
func (x *extraction) titledPerson(s span) bool {
	k := s.i
	for k < s.j && personTitles[x.toks[k].lower] {
		k++
	}
	// the title may stand just outside the span: "Mayor | Sofia Brandt"
	titled := k > s.i || s.i > 0 && !x.toks[s.i].lineStart && personTitles[x.toks[s.i-1].lower] && x.capWord(s.i-1)
	if !titled || s.j-k < 2 || s.j-k > 3 {
		return false
	}
	for ; k < s.j; k++ {
		if !x.capWord(k) || orgWords[x.toks[k].lower] || companyHeads[x.toks[k].lower] {
			return false
		}
	}
	return true
}

// splitPortfolioHolders splits each organization span that a post's
// portfolio and its holder's name make into the two (see portfolioHolder).
func (x *extraction) splitPortfolioHolders() {
	n := len(x.spans)
	for si := 0; si < n; si++ {
		s := x.spans[si]
		if k := x.portfolioHolder(s); k >= 0 {
			x.spans[si].j = k
			x.spans = append(x.spans, span{k, s.j, kPer})
		}
	}
	if len(x.spans) > n {
		x.buildOwner()
	}
}

// portfolioHolder returns where the name of a post's holder begins inside
// the organization span s that follows a minister's or a secretary's post
// and "of" or "for", the
// portfolio, a body, before it: "Minister of Foreign Affairs Lloyd
// Axworthy", "Minister of Finance Bill Birch", "Minister of Defence and
// Aviation Prince Sultan".
// The name opens with a given name or a person's title and runs to the end
// of the span, two to four capitalized words, none a word of organizations;
// where no given name opens it, it is the span's last two words when the
// document writes the last of them alone elsewhere ("Deputy Secretary of
// State Strobe Talbott … Talbott said").
// It returns -1 where s is no such span.
func (x *extraction) portfolioHolder(s span) int {
	toks := x.toks
	if s.kind != kOrg || !x.afterPortfolioPost(s.i) {
		return -1
	}
	holder := func(k int) int {
		if s.j-k > 4 {
			return -1
		}
		for t := k; t < s.j; t++ {
			if !x.capWord(t) || orgWords[toks[t].lower] || companyHeads[toks[t].lower] {
				return -1
			}
		}
		return k
	}
	for k := s.i + 1; k+1 < s.j; k++ {
		if GivenName(toks[k].lower) == 0 && !personTitles[toks[k].lower] && !honorifics[toks[k].lower] {
			continue
		}
		return holder(k)
	}
	if k := s.j - 2; k > s.i && x.writtenAlone(s.j-1, s) {
		return holder(k)
	}
	return -1
}

// afterPortfolioPost reports whether toks[i] follows a minister's or a
// secretary's post and "of" or "for", or a first portfolio and "and" after
// them: "Minister of | Finance", "Minister of Defence and | Aviation".
func (x *extraction) afterPortfolioPost(i int) bool {
	toks := x.toks
	if i >= 3 && toks[i-1].lower == "and" && !toks[i-1].lineStart && x.capWord(i-2) {
		i -= 2 // the first portfolio's last word
		for i > 0 && !toks[i].lineStart && x.capWord(i-1) {
			i--
		}
	}
	return i >= 2 && !toks[i].lineStart && !toks[i-1].lineStart &&
		(toks[i-1].lower == "of" || toks[i-1].lower == "for") && portfolioPost[toks[i-2].lower]
}

// writtenAlone reports whether the document writes the word of toks[k]
// alone, capitalized, outside span s (at the start of a sentence only if
// it is no common word): a surname used bare ("Talbott said").
func (x *extraction) writtenAlone(k int, s span) bool {
	toks := x.toks
	w := toks[k].norm
	for t := range toks {
		if t >= s.i && t < s.j || toks[t].norm != w || isSentenceStart(toks, t) && IsCommon(toks[t].lower) {
			continue
		}
		if (t == 0 || !x.capWord(t-1)) && (t+1 == len(toks) || !x.capWord(t+1)) {
			return true
		}
	}
	return false
}

// givenNamed reports whether the organization span s reads as a person's
// name: two or three capitalized words, the first a given name, the last
// no common English word, none a word of organizations or companies, and
// no company's suffix or "&" after it ("Morgan Stanley & Co", "Eli Lilly &
// Co"), and no line of standings or fixture it stands in.
func (x *extraction) givenNamed(s span) bool {
	toks := x.toks
	if s.j-s.i < 2 || s.j-s.i > 3 || GivenName(toks[s.i].lower) == 0 || gaz.match(toks, s.i) != nil || IsCommon(toks[s.j-1].lower) {
		return false // "Crystal Palace", "Ross County": a common noun ends a body's name
	}
	for k := s.i; k < s.j; k++ {
		l := toks[k].lower
		if !x.capWord(k) || orgWords[l] || companyHeads[l] || companyWords[l] || companySuffixes[l] {
			return false
		}
	}
	if s.j < len(toks) && !toks[s.j].lineStart {
		if n := toks[s.j].lower; n == "&" || n == "and" || orgWords[n] || companySuffixes[n] || companyHeads[n] {
			return false
		}
		// a line of a table of standings, "Crystal Palace 3 1 1 1 3 2 4", or a
		// side of a fixture, "Huddersfield v Crystal Palace", is a club's
		if toks[s.i].lineStart && isSmallNumber(toks[s.j].norm) || fixtureWords[toks[s.j].lower] {
			return false
		}
	}
	if s.i > 0 && !toks[s.i].lineStart && fixtureWords[toks[s.i-1].lower] {
		return false
	}
	return true
}

// IsPostModifier reports whether lw, in lower case, may come before a post
// in a capitalised title ("Research Director", "Executive Editor").
func IsPostModifier(lw string) bool { return roleModifiers[lw] }

// trimPosts returns the length of the organization name toks[i:j] without
// the posts that end it ("Harbor News Chairman and CEO" is Harbor News):
// no post ends a body's name, and a modifier goes only with a post
// ("Foundation for Strategic Research" keeps its last word).
func (x *extraction) trimPosts(i, j int) int {
	e, post := j, false
	for e-i > 2 {
		w := x.toks[e-1].lower
		if orgRoles[w] {
			post = true
		} else if !(post && (roleModifiers[w] || w == "and" || w == "&")) {
			break
		}
		e--
	}
	return e - i
}

// splitOrgRolePerson cuts an organization span that runs on over a post and
// a person's name ("Fox News Chairman Roger Ailes", "Republican National
// Committee Research Director Raj Shah") into the organization and the
// person.
func (x *extraction) splitOrgRolePerson(s span) (org, per span, ok bool) {
	toks := x.toks
	for r := s.j - 2; r > s.i; r-- {
		if !orgRoles[toks[r].lower] && !personPosts[toks[r].lower] {
			continue
		}
		n := s.j - r - 1
		// "Senate Majority Leader Mitch" (M.) McConnell: the tagger cut the
		// surname off
		if n == 1 && GivenName(toks[s.j-1].lower) != 0 {
			e := s.j
			for e < len(toks) && e < s.j+2 && !toks[e].lineStart && isInitialism(strings.TrimSuffix(toks[e].norm, ".")) && len(toks[e].norm) <= 2 {
				e++
			}
			if e < len(toks) && x.capWord(e) && !toks[e].lineStart {
				n += e + 1 - s.j
				s.j = e + 1
			}
		}
		// "Attorney General Ken Cuccinelli": the post may hold two words
		if r+1 < s.j && personPosts[toks[r+1].lower] {
			r++
			n--
		}
		if n < 2 || n > 3 {
			return s, s, false // a person's name: given name and surname
		}
		for k := r + 1; k < s.j; k++ {
			if !x.capWord(k) || orgWords[toks[k].lower] {
				return s, s, false
			}
		}
		m := r // back over "Chairman and", "Executive"
		for m-1 > s.i && (roleModifiers[toks[m-1].lower] || orgRoles[toks[m-1].lower] || personPosts[toks[m-1].lower] || toks[m-1].lower == "and" || toks[m-1].norm == "&") {
			m--
		}
		org := span{s.i, m, kOrg}
		if e := gaz.match(toks, s.i); e != nil && len(e.words) == m-s.i && (e.kind == gazCountry || e.kind == gazPlace || e.kind == gazCapital) {
			org.kind = kLoc // "New York Attorney General …": the state
		}
		return org, span{r + 1, s.j, kPer}, true
	}
	return s, s, false
}

// splitOrgOfPerson cuts an organization span that joins a person's name
// and a body's over "of" into both: the person's party or employer after
// the person ("Hyun-woo of the Pacific Technology Policy Forum", where the
// surname before it, "Baek", is a span of its own), or the person after the
// party ("Frente Andino of Rosa Quispe Valdivia"). A name is a person's
// when the document names that person elsewhere, or when it is a given
// name and a surname with no word of an organization; a lone hyphenated
// given name is the end of a person's name whose surname stands before it.
func (x *extraction) splitOrgOfPerson(s span, named map[string]bool) (org, per span, ok bool) {
	toks := x.toks
	k := s.i + 1
	for k < s.j-1 && toks[k].lower != "of" {
		k++
	}
	if k >= s.j-1 {
		return s, s, false
	}
	after := k + 1
	if toks[after].lower == "the" {
		after++
	}
	if after >= s.j {
		return s, s, false
	}
	personName := func(a, b int) bool {
		if named[strings.ToLower(x.words(span{a, b, kPer}))] {
			return true
		}
		if b-a < 2 || b-a > 3 || GivenName(toks[a].lower) == 0 {
			return false
		}
		for t := a; t < b; t++ {
			if !x.capWord(t) || orgWords[toks[t].lower] || companyHeads[toks[t].lower] {
				return false
			}
		}
		return true
	}
	if k == s.i+1 && hyphenatedGivenName(toks[s.i].norm) && s.i > 0 && x.capWord(s.i-1) && !toks[s.i].lineStart {
		return span{after, s.j, kOrg}, span{s.i - 1, s.i + 1, kPer}, true
	}
	if personName(s.i, k) {
		return span{after, s.j, kOrg}, span{s.i, k, kPer}, true
	}
	if after == k+1 && personName(after, s.j) {
		return span{s.i, k, kOrg}, span{after, s.j, kPer}, true
	}
	return s, s, false
}

// isMiddleInitial reports whether w is a capital letter and a period ("J.").
func isMiddleInitial(w string) bool {
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}

// ambiguousFirstNames joins a country name that is also a first name
// ("Chad", "Jordan", "Georgia") to the person's name right after it.
func (x *extraction) ambiguousFirstNames() {
	changed := false
	for k, s := range x.spans {
		// "Chad Curtis" read as one place.
		if s.kind == kPer || s.j-s.i < 2 || s.j-s.i > 3 {
			continue
		}
		if e := gaz.match(x.toks, s.i); e == nil || !e.ambiguous || len(e.words) != 1 || gaz.match(x.toks, s.i+1) != nil {
			continue
		}
		if p := (span{s.i, s.j, kPer}); x.personLike(p) {
			x.spans[k] = p
			changed = true
		}
	}
	for k := 0; k+1 < len(x.spans); k++ {
		s, n := x.spans[k], x.spans[k+1]
		if s.j-s.i != 1 || n.kind != kPer || n.i != s.j || x.toks[n.i].lineStart {
			continue
		}
		if e := gaz.match(x.toks, s.i); e == nil || !e.ambiguous || len(e.words) != 1 {
			continue
		}
		x.spans[k] = span{s.i, n.j, kPer}
		x.spans = append(x.spans[:k+1], x.spans[k+2:]...)
		changed = true
	}
	if changed {
		x.buildOwner()
	}
}

// titleLines marks the tokens of lines written in title case: three words or
// more, most of them capitalized, two or more of them words that are usually
// written in lower case, and no final period.
func (x *extraction) titleLines(m *model) []bool {
	toks := x.toks
	marks := make([]bool, len(toks))
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			j++
		}
		words, caps, common := 0, 0, 0
		for _, t := range toks[i:j] {
			l := t.lower
			if !isNameToken(t.norm) || initialStop[l] || functionWord[l] || !unicode.IsLetter([]rune(t.norm)[0]) {
				continue
			}
			words++
			if isCap(t.norm) {
				caps++
				if m.lower[l] {
					common++
				}
			}
		}
		last := toks[j-1].norm
		if words >= 3 && common >= 2 && caps*10 >= words*8 && last != "." && !toks[i].capsLine {
			for k := i; k < j; k++ {
				marks[k] = true
			}
		}
		i = j
	}
	return marks
}

// isPluralCountry reports whether w is the plural of a country's name or
// demonym ("Koreas", "Americas").
func isPluralCountry(w string) bool {
	base, ok := strings.CutSuffix(w, "s")
	if !ok || base == "" {
		return false
	}
	e := gaz.match([]token{{norm: base}}, 0)
	return e != nil && len(e.words) == 1 && (e.kind == gazCountry || e.kind == gazDemonym)
}

// hyphenatedGivenName reports whether w is shaped like a hyphenated East
// Asian given name, "Hyun-woo" or "Tae-ho": two short syllables, the first
// capitalized, the second in lower case and no suffix of compounds
// ("France-based", "Tory-led").
func hyphenatedGivenName(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) < 2 || len(a) > 5 || len(b) < 2 || len(b) > 4 || !isCap(a) {
		return false
	}
	for _, r := range a[1:] + b {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return !compoundSuffix[b] && gaz.match([]token{{norm: a}}, 0) == nil
}

// particleSurname reports whether w is a surname opened by a name particle
// and a hyphen, "al-Kabariti", "el-Hage", "bin-Talal".
func particleSurname(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	return ok && nameParticles[p] && p == strings.ToLower(p) && len(rest) > 1 && isCap(rest)
}

func isNameToken(w string) bool {
	if w == "'s" || w == "'" || w == "s" {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// personLike reports whether a PER span reads like a person's name: words
// that start with a capital or are particles, no digits.
func (x *extraction) personLike(s span) bool {
	for k := s.i; k < s.j; k++ {
		w := x.toks[k].norm
		if strings.ContainsAny(w, "0123456789") {
			return false
		}
		if !isCap(w) && !nameParticles[w] && w != `"` && !particleSurname(w) {
			return false
		}
	}
	return true
}

// capWord reports whether toks[i] is a capitalized word that may be part of a
// name: not "France-based".
func (x *extraction) capWord(i int) bool {
	w := x.toks[i].norm
	if !isCap(w) || !isNameToken(w) || notNames[x.toks[i].lower] {
		return false
	}
	if k := strings.IndexByte(w, '-'); k >= 0 {
		rest := w[k+1:]
		if rest != "" && !isCap(rest) {
			return false
		}
	}
	return true
}

// continentPart reports whether the span s names a part of a continent:
// words of direction before a continent's name ("Central Asia", "Sub-Saharan
// Africa", "Latin America").
func (x *extraction) continentPart(s span) bool {
	if s.j-s.i < 2 || !continents[titleCase(x.toks[s.j-1].norm)] {
		return false
	}
	for k := s.i; k < s.j-1; k++ {
		if !regionQualifiers[x.toks[k].lower] {
			return false
		}
	}
	return true
}

// venueAt reports whether the organization's span s names a venue where
// something happens: its last word a venue's ("Centre", "Arena"; "Court"
// after another venue's word, "Stadium Court", as "Supreme Court" is a
// body), after a locative preposition and "the" ("at the National Tennis
// Centre", "hurried off the Stadium Court").
func (x *extraction) venueAt(s span) bool {
	toks := x.toks
	if s.j-s.i < 2 || s.i < 2 || toks[s.i].lineStart || toks[s.i-1].lineStart || toks[s.i-1].lower != "the" || !venuePreps[toks[s.i-2].lower] {
		return false
	}
	last := toks[s.j-1].lower
	if !isCap(toks[s.j-1].norm) {
		return false
	}
	for k := s.i; k < s.j-1; k++ {
		if researchWords[toks[k].lower] || orgWords[toks[k].lower] && !venueHeads[toks[k].lower] {
			return false // "research director at the Tromsø Polar Policy Centre": a body
		}
	}
	return venueHeads[last] || last == "court" && (venueHeads[toks[s.j-2].lower] || facilityHeads[toks[s.j-2].lower])
}
