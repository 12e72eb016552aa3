// Speaker phrases: what stands before or after a speech verb, read as a name
// with its titles and apposition, a pronoun or a description.

package quote

import (
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// parseBackward reads the speaker phrase that ends at token j, not going
// below lo. It returns the phrase and the index where it starts.
func (d *doc) parseBackward(lo, j int) (phrase, int, bool) {
	toks := d.toks
	var sp phrase
	if j < lo {
		return sp, 0, false
	}
	// "Gov. John Kasich (R-OH), said": the comma closes the parenthesis
	if toks[j].w == "," && j-1 >= lo && toks[j-1].w == ")" {
		j--
	}
	// "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July
	// 2012, said": an apposition that a relative pronoun opens may hold
	// commas of its own
	if k := relativeApposition(toks, lo, j); k > 0 {
		sp.appos = append([]token{}, toks[k+1:j]...)
		j = k - 1
	}
	// appositions between commas: "X, a senior fellow at Y, said", "X (D-Mo.), who …, said"
	for n := 0; n < 2 && (toks[j].w == "," || toks[j].w == ")"); n++ {
		open := ","
		if toks[j].w == ")" {
			open = "("
		}
		k := j - 1
		for k >= lo && toks[k].w != open && !toks[k].isTerminal() && !toks[k].inQ {
			k--
		}
		if k < lo || toks[k].w != open || j-k > 30 {
			return sp, 0, false
		}
		// "Florida’s attorney general, Pam Bondi, vowed": the name is the apposition
		if g := toks[k+1 : j]; len(g) > 0 && g[0].isCap() && capRunFwd(toks, k+1, j) == j && classifyRun(g) == spPerson && k > lo && toks[k-1].kind == kWord && !toks[k-1].isCap() && isTitleWord(toks[k-1].lw) {
			a := k - 1
			for a-1 >= lo && a > k-6 && toks[a-1].kind == kWord && !toks[a-1].inQ {
				a--
			}
			d.fillName(&sp, g)
			if sp.kind == spPerson {
				sp.titles = append(append([]token{}, toks[a:k]...), sp.titles...)
				sp.pos, sp.end = g[0].s, g[len(g)-1].e
				return sp, a, true
			}
			sp = phrase{}
		}
		sp.appos = append(append([]token{}, toks[k+1:j]...), sp.appos...)
		j = k - 1
		if j < lo {
			return sp, 0, false
		}
		// "Sanders, meanwhile, who …, said"
		if t := toks[j]; t.kind == kWord && !t.isCap() && !pronouns[t.w] {
			for k2 := j - 1; k2 >= lo && k2 >= j-3; k2-- {
				if toks[k2].w == "," {
					j = k2
					break
				}
			}
		}
	}
	t := toks[j]
	if t.inQ {
		return sp, 0, false
	}
	w := t.lower()
	if t.kind == kWord && pronouns[w] && (j == lo || !toks[j-1].isCap()) {
		sp.kind, sp.pronoun, sp.pos, sp.end = spPronoun, w, t.s, t.e
		return sp, j, true
	}
	// "the Clinton campaign", "a Clinton spokesman"; "Her campaign" is
	// no body of that name
	// "Republican leaders", "Democratic governors": a plural of a post
	// after a proper word may be a group (groupName)
	pluralAfterName := j-1 >= lo && toks[j-1].isCap() && pluralPersonNoun(w)
	if t.kind == kWord && !t.isCap() && (orgNouns[w] || personNouns[w] || genericSubjects[w] || analystTitles[w] || officialTitles[w] || pluralAfterName) {
		if j-1 >= lo && toks[j-1].isCap() && !nonNames[toks[j-1].lw] && orgNouns[w] {
			a, _ := capRunBack(toks, j-1, lo)
			sp.kind = spOrg
			sp.name = append(append([]token{}, toks[a:j]...), toks[j])
			sp.orgNoun = w
			sp.pos, sp.end = toks[a].s, t.e
			return sp, a, true
		}
		a := j
		for a-1 >= lo && toks[a-1].kind == kWord && !toks[a-1].inQ && (a > j-5) {
			a--
		}
		sp.kind = spDesc
		sp.evidence = toks[a : j+1]
		sp.pos, sp.end = toks[a].s, t.e
		return sp, a, true
	}
	a, ok := capRunBack(toks, j, lo)
	// "Jeb Bush in a Medium post said": a short phrase between the name and
	// the verb; one that ends in a coordinator ("met Sanders on Tuesday and
	// said") ends the first verb's clause, whose subject speaks (subject)
	if !ok {
		for k := j - 1; k > lo && k >= j-6 && !verbCoordinators[w]; k-- {
			if t := toks[k]; t.kind != kWord || t.inQ {
				break
			}
			if (toks[k].lw == "in" || toks[k].lw == "on" || toks[k].lw == "during") && isNameWord(toks[k-1]) && !isPossessive(toks[k-1].w) {
				return d.parseBackward(lo, k-1)
			}
		}
		return sp, 0, false
	}
	// "Cory James, 22, of Flint, Mich., said": a place in the apposition
	for n := 0; n < 2 && a-1 > lo && j+1 < len(toks) && toks[j+1].w == "," && (toks[a-1].lw == "of" || toks[a-1].lw == "from" || toks[a-1].lw == "in"); n++ {
		k := a - 2
		for k > lo && toks[k].w != "," && a-k < 6 {
			k--
		}
		if toks[k].w != "," {
			break
		}
		j2 := k - 1
		for j2 > lo && toks[j2].w == "," || j2 > lo && toks[j2].kind == kWord && !toks[j2].isCap() && a-j2 < 8 {
			// skip an age or another short apposition: ", 22,"
			for j2 > lo && toks[j2].w != "," {
				j2--
			}
			j2--
		}
		if j2 < lo {
			break
		}
		a2, ok2 := capRunBack(toks, j2, lo)
		if !ok2 {
			break
		}
		a, j = a2, j2
	}
	run := toks[a : j+1]
	// titles written in lower case before the name: "Republican nominee Donald Trump"
	p := a
	for p-1 >= lo && p > a-6 && toks[p-1].kind == kWord && !toks[p-1].inQ && !prepositions[toks[p-1].lw] && toks[p-1].lw != "and" && (isTitleWord(toks[p-1].lower()) || titleModifiers[toks[p-1].lower()] || toks[p-1].isCap()) {
		p--
	}
	d.fillName(&sp, run)
	if sp.kind == spNone {
		return sp, 0, false
	}
	sp.titles = append(append([]token{}, toks[p:a]...), sp.titles...)
	sp.pos, sp.end = run[0].s, run[len(run)-1].e
	return sp, p, true
}

// parseForward reads the speaker phrase that starts at token i: "Pascal
// Dayez-Burgeon, a North Korea expert …", "the spokesman", "Isabelle Facon
// of the … Foundation".
func (d *doc) parseForward(i, hi int) (phrase, bool) {
	toks := d.toks
	var sp phrase
	if i >= hi || toks[i].inQ {
		return sp, false
	}
	w := toks[i].lower()
	if pronouns[w] && toks[i].kind == kWord {
		sp.kind, sp.pronoun, sp.pos, sp.end = spPronoun, w, toks[i].s, toks[i].e
		return sp, true
	}
	k := i
	var pre []token
	for k < hi && k < i+6 && toks[k].kind == kWord && !toks[k].isCap() {
		lw := toks[k].lower()
		if !(isTitleWord(lw) || titleModifiers[lw] || personNouns[lw] || genericSubjects[lw]) {
			break
		}
		pre = append(pre, toks[k])
		k++
	}
	// "the conservative-leaning Tax Foundation", "a report by Bloomberg"
	if k < hi && !isNameWord(toks[k]) {
		m := k
		for m < hi && m < k+4 && toks[m].kind == kWord && !toks[m].isCap() {
			m++
		}
		if m > k && m < hi && isNameWord(toks[m]) {
			if b := capRunFwd(toks, m, hi); classifyRun(toks[m:b]) == spOrg || classifyRun(toks[m:b]) == spCountry {
				pre = append(pre, toks[k:m]...)
				k = m
			}
		}
	}
	if k >= hi || !isNameWord(toks[k]) {
		if len(pre) > 0 {
			sp.kind, sp.evidence = spDesc, pre
			sp.pos, sp.end = pre[0].s, pre[len(pre)-1].e
			return sp, true
		}
		return sp, false
	}
	b := capRunFwd(toks, k, hi)
	run := toks[k:b]
	// "The Blaze’s Matt Walsh", "Fox News’ Bret Baier": a body's person,
	// named in full after its possessive, speaks
	if b < hi && isPossessive(toks[b-1].w) && isNameWord(toks[b]) {
		if e := capRunFwd(toks, b, hi); e-b >= 2 && classifyRun(toks[b:e]) == spPerson && gender(joinTokens(toks[b:e])) != 0 {
			pre = append(pre, run...)
			k, b = b, e
			run = toks[k:b]
		}
	}
	// "Clinton spokesman Brian Fallon", but not "Joana Pires of a Lisbon
	// group", where "of" joins the person to a body
	if b < hi && toks[b].lw != "of" && toks[b].lw != "at" {
		m := b
		for m < hi && m < b+4 && toks[m].kind == kWord && !toks[m].isCap() && (isTitleWord(toks[m].lower()) || titleModifiers[toks[m].lower()]) {
			m++
		}
		if m == b || m < hi && !isNameWord(toks[m]) {
			// "Clinton ally James Carville", "Band member Flea Balzary",
			// "Republican party boss Reince Priebus": any noun between a
			// name and a person's full name; but right after a title and a
			// name a word in -ed or a finite verb is the person's verb
			// ("Governor Tom Reed visited Mayor Ann Kirby"), not after an
			// affiliation ("Gov. X of West Virginia lauded Mr. Y")
			titles, name, affil := splitName(run)
			titled := len(titles) > 0 && len(name) > 0 && len(affil) == 0 && name[len(name)-1].e == toks[b-1].e
			for n := m; m < hi && m < n+2 && toks[m].kind == kWord && !toks[m].isCap() && isDescWord(toks[m].lw) &&
				!(titled && (strings.HasSuffix(toks[m].lw, "ed") || finiteVerbs[toks[m].lw])); {
				m++
			}
			if m > b && m < hi && isNameWord(toks[m]) {
				if e := capRunFwd(toks, m, hi); e-m < 2 || classifyRun(toks[m:e]) != spPerson {
					m = b
				}
			} else {
				m = b
			}
		}
		if m > b && m < hi && isNameWord(toks[m]) {
			pre = append(append(pre, run...), toks[b:m]...)
			k = m
			b = capRunFwd(toks, m, hi)
			run = toks[k:b]
		} else if b < hi && orgNouns[toks[b].lower()] {
			sp.kind, sp.name, sp.orgNoun = spOrg, append(append([]token{}, run...), toks[b]), toks[b].lower()
			sp.pos, sp.end = run[0].s, toks[b].e
			return sp, true
		}
	}
	// "Donald Trump's wife", "Clinton's lawyers": someone of the person
	// named, who does not speak; but "Trump's tweet" or "Clinton's
	// remarks" are that person's words
	if b < hi && isPossessive(toks[b-1].w) && toks[b].kind == kWord && !toks[b].isCap() && !orgNouns[toks[b].lw] {
		e := b
		for e < hi && e < b+3 && toks[e].kind == kWord && !toks[e].isCap() && isDescWord(toks[e].lw) {
			e++
		}
		if e > b && !utteranceNouns[toks[e-1].lw] {
			if n, ok := d.postThenName(k, e, hi); ok {
				return n, true
			}
			sp.kind, sp.evidence = spDesc, toks[k:e]
			sp.pos, sp.end = toks[k].s, toks[e-1].e
			return sp, true
		}
	}
	// "the Florida senator", "the GOP front-runner", "the Rove ad": after a
	// determiner, a capitalised run that a noun follows only describes
	// ("The Florida senator", where the capitalised determiner opens the run)
	det := -1
	if k > 0 && determiners[toks[k-1].lw] {
		det = k - 1
	} else if toks[k].lw == "the" && b > k+1 {
		det = k
	}
	if det >= 0 && b < hi && toks[b].kind == kWord && !toks[b].isCap() && !orgNouns[toks[b].lw] &&
		(personNoun(toks[b].lw) || documentNouns[toks[b].lw] && classifyRun(toks[det+1:b]) == spPerson) {
		sp.kind, sp.evidence = spDesc, toks[det:b+1]
		sp.pos, sp.end = toks[det].s, toks[b].e
		return sp, true
	}
	// "a former U.S. law enforcement official", "a senior Chinese
	// diplomat": after an indefinite article and modifiers of a post, a
	// capitalised run is a description too when a person's noun follows it
	// within three lower-case words
	if det < 0 {
		a := k - 1
		for a >= 0 && a >= k-3 && titleModifiers[toks[a].lw] && !determiners[toks[a].lw] {
			a--
		}
		if a >= 0 && (toks[a].lw == "a" || toks[a].lw == "an") {
			det = a
		}
	}
	// "The GOP presidential candidate", "The Florida senator’s answer": a
	// capitalised run after an opening "The" is a description when a
	// person's noun follows it within three lower-case words
	if det >= 0 && (det == k || toks[det].lw != "the") && b < hi {
		for e := b; e < hi && e < b+3 && toks[e].kind == kWord && !toks[e].isCap() && isDescWord(toks[e].lw) &&
			!strings.HasSuffix(toks[e].lw, "ed") && !finiteVerbs[toks[e].lw]; e++ { // a verb ends the run's phrase
			if personNoun(stripPossessive(toks[e].lw)) {
				sp.kind, sp.evidence = spDesc, toks[det:e+1]
				sp.pos, sp.end = toks[det].s, toks[e].e
				return sp, true
			}
		}
	}
	d.fillName(&sp, run)
	if sp.kind == spNone {
		return sp, false
	}
	sp.titles = append(pre, sp.titles...)
	sp.pos, sp.end = run[0].s, run[len(run)-1].e
	// an apposition after a comma, or "of the X"
	if b < hi && toks[b].w == "," {
		e := b + 1
		for e < hi && toks[e].w != "," && e < b+30 {
			e++
		}
		sp.appos = toks[b+1 : e]
	} else if b+1 < hi && (toks[b].w == "of" || toks[b].w == "at" || toks[b].w == "from") {
		e := b + 1
		for e < hi && toks[e].kind == kWord && e < b+12 {
			e++
		}
		sp.appos = toks[b:e]
	}
	return sp, true
}

// postThenName reads a description of a post that a comma and a person's
// full name follow, and returns the name, the description its titles:
// "said Greece's minister for migration, Nikos Stamatiou, whose …",
// "said France's agriculture minister, Claire Dubosc". The description is
// toks[k:e], and may go on with a complement of a few words ("for
// migration", "of the interior") before the comma.
func (d *doc) postThenName(k, e, hi int) (phrase, bool) {
	toks := d.toks
	c := e
	if c < hi && (toks[c].lw == "for" || toks[c].lw == "of") {
		for c++; c < hi && c < e+5 && toks[c].kind == kWord; c++ {
		}
	}
	if c+1 >= hi || toks[c].w != "," || !isNameWord(toks[c+1]) {
		return phrase{}, false
	}
	b := capRunFwd(toks, c+1, hi)
	run := toks[c+1 : b]
	if len(run) < 2 || classifyRun(run) != spPerson || b < hi && toks[b].kind == kWord && !determiners[toks[b].lw] && toks[b].lw != "who" && toks[b].lw != "whose" {
		return phrase{}, false
	}
	var sp phrase
	d.fillName(&sp, run)
	if sp.kind != spPerson {
		return phrase{}, false
	}
	sp.titles = append(append([]token{}, toks[k:c]...), sp.titles...)
	sp.pos, sp.end = run[0].s, run[len(run)-1].e
	return sp, true
}

// relativeApposition returns the comma that opens an apposition ending at
// the comma j, when the apposition opens with a relative pronoun ("who",
// "whose") right after the sentence's first name and holds other commas;
// 0 when there is none.
func relativeApposition(toks []token, lo, j int) int {
	if j < lo || j-lo > 40 || toks[j].w != "," {
		return 0
	}
	first, commas := 0, 0
	for k := j - 1; k > lo; k-- {
		t := toks[k]
		if t.isTerminal() || t.inQ || t.kind == kQuote {
			return 0
		}
		if t.w == "," {
			first = k
			commas++
		}
	}
	if commas < 2 || first+1 >= j || !relatives[toks[first+1].lw] || !isNameWord(toks[first-1]) {
		return 0
	}
	return first
}

// accordingTo reads the source after "according to" at token i. A document
// is no speaker ("according to a CNN tally", "according to the FBI data",
// "according to Federal Election Commission filings"): the quotation is
// then left without a speaker rather than given the organization named in
// the document's description.
func (d *doc) accordingTo(i, hi int) (phrase, bool) {
	toks := d.toks
	// "according to an analysis by the Pew Research Center": the author
	if by := d.authoredBy(i, hi); by > 0 {
		if sp, ok := d.parseForward(by+1, hi); ok && (sp.kind == spPerson || sp.kind == spOrg) {
			return sp, true
		}
	}
	if i < hi && (toks[i].lw == "a" || toks[i].lw == "an") {
		return phrase{kind: spDesc}, true
	}
	sp, ok := d.parseForward(i, hi)
	if !ok || sp.kind == spDesc || sp.kind == spPronoun {
		return sp, ok
	}
	// the noun that heads the phrase, in the lower-case words around the
	// name: "exit polls reported by CNN", "Kantar Media's political ad
	// tracker", "Democratic officials"
	k := i
	for k < hi && toks[k].s < sp.end {
		if toks[k].kind == kWord && !toks[k].isCap() && documentNouns[toks[k].lw] {
			return phrase{kind: spDesc, evidence: toks[i : k+1], pos: toks[i].s, end: toks[k].e}, true
		}
		k++
	}
	for n := 0; k < hi && n < 4 && toks[k].kind == kWord && !toks[k].isCap(); k, n = k+1, n+1 {
		lw := toks[k].lw
		if documentNouns[lw] || n == 0 && (personNouns[lw] || genericSubjects[lw]) {
			return phrase{kind: spDesc, evidence: toks[i : k+1], pos: toks[i].s, end: toks[k].e}, true
		}
	}
	return sp, true
}

// authoredBy returns the index of the "by" that names the author of a
// document phrase starting at token i ("a 2014 study by", "an analysis
// by", "research by"), or -1 when the words from i up to hi open no such
// phrase.
func (d *doc) authoredBy(i, hi int) int {
	toks := d.toks
	for k := i; k < hi && k < i+6 && toks[k].kind == kWord && !toks[k].inQ; k++ {
		if authoredNouns[toks[k].lw] && k+1 < hi && toks[k+1].lw == "by" {
			return k + 1
		}
		if toks[k].isCap() && k > i || clause(toks[k:k+1]) {
			return -1
		}
	}
	return -1
}

// fillName classifies a run of capitalised words and fills the name parts.
func (d *doc) fillName(sp *phrase, run []token) {
	if len(run) == 0 {
		return
	}
	c := classifyRun(run)
	if c == spOrg {
		if titles, name, affil := splitName(run); len(name) > 0 && classifyRun(name) == spPerson && (len(affil) > 0 || len(titles) > 0) {
			c = spPerson
		}
	}
	strongPerson := false
	if titles, name, _ := splitName(run); c == spPerson && len(name) > 0 && (len(titles) > 0 || gender(joinTokens(name)) != 0) {
		strongPerson = true
	}
	// a lone surname of someone named in full is that person, whatever longer
	// organization the entity tagger read around it
	knownSurname := c == spPerson && len(run) == 1 && d.knownPerson(surname(run[0].w))
	if m, ok := d.entityAt(run[0].s, run[len(run)-1].e); ok && !strongPerson && !knownSurname && m.Start <= run[0].s && m.End >= run[len(run)-1].e {
		switch {
		case m.Kind == entity.Country && (m.Text == m.Name || isCountry(lowerWords(run))):
			c = spCountry
		case m.Kind == entity.Organization:
			c = spOrg
		}
	}
	// No person's name opens with "The": "The Guardian" and "The FEC" are
	// bodies (a capital "The" inside a sentence is part of a title),
	// "The Wisconsin Republican" describes a person, "The Louisville" crowd
	// is no one.
	if c == spPerson && run[0].w == "The" && len(run) > 1 {
		i := d.tokenAt(run[0].s)
		inside := i > 0 && i < len(d.toks) && d.toks[i-1].para == d.toks[i].para && (d.toks[i-1].kind == kWord || d.toks[i-1].w == ",")
		if m, ok := d.entityAt(run[1].s, run[len(run)-1].e); inside || ok && m.Kind == entity.Organization || isAllCaps(run[1].w) {
			c = spOrg
		} else {
			c = spDesc
		}
	}
	switch c {
	case spPerson:
		titles, name, affil := splitName(run)
		if m, ok := d.entityAt(run[len(run)-1].s, run[len(run)-1].e); ok && m.Kind == entity.Person && m.End == run[len(run)-1].e && m.Start > run[0].s {
			// the tagger knows where the name starts: "Secretary of State Madeleine Albright"
			for k := range run {
				if run[k].s == m.Start {
					titles, name = run[:k:k], run[k:]
				}
			}
		} else if len(name) > 1 && connectors[name[0].w] || len(name) > 3 {
			titles, name = run[:len(run)-2:len(run)-2], run[len(run)-2:]
		}
		if len(name) == 0 || len(name) > 4 || classifyRun(name) != spPerson {
			if len(name) > 0 && classifyRun(name) == spDesc {
				sp.kind, sp.evidence = spDesc, run
			}
			return
		}
		sp.kind, sp.titles, sp.name, sp.affil = spPerson, titles, name, affil
	case spOrg, spCountry:
		n := run
		if len(n) > 1 && n[0].w == "The" {
			n = n[1:]
		}
		sp.kind, sp.name = c, n
	case spDesc:
		sp.kind, sp.evidence = spDesc, run
	}
}

// shouted reports whether a name is written in capitals over several words,
// the way headings are ("DOCTORS DON’T want TO …").
func shouted(name []token) bool {
	n := 0
	for _, t := range name {
		if isAllCaps(t.w) {
			n++
		}
	}
	return n >= 2 && n == len(name)
}

// headlineName reports whether a name holds a word that no name holds but
// headlines in title case do.
func headlineName(name []token) bool {
	for i, t := range name {
		if headlineWords[t.lw] && !(monthNames[t.lw] && i > 0 && entity.GivenName(name[i-1].lw) != 0) {
			return true // but "Theresa May" is a name
		}
	}
	return false
}

// personNoun reports whether w (lower case) names a person or people: a
// title ("senator") or a noun that describes them. A capitalised run before
// it is a modifier, not the speaker ("the Florida senator" is not
// Florida), while one before a document may be its author ("the IMF
// report").
func personNoun(w string) bool {
	return describingNouns[w] || isTitleWord(w) || personNouns[w] || genericSubjects[w]
}

// isDescWord reports whether w (lower case) may be a noun that describes
// a person between two names: not a function word nor a verb of speech.
func isDescWord(w string) bool {
	if prepositions[w] || connectors[w] || auxiliaries[w] || speechVerbs[w] || pronouns[w] || calendar[w] {
		return false
	}
	switch w {
	case "and", "or", "but", "who", "which", "that", "when", "as", "if", "while", "because", "told", "asked":
		return false
	}
	// "co-host", and ordinals in military ranks: "Air Force 1st Lt. …"
	if len(w) >= 3 && w[0] >= '1' && w[0] <= '9' && (strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd") || strings.HasSuffix(w, "th")) {
		return true
	}
	for _, r := range w {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return !strings.HasPrefix(w, "-") && !strings.HasSuffix(w, "-")
}
