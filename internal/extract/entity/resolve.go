package entity

import (
	"sort"
	"strings"
	"unicode"
)

// span is a run of tokens toks[i:j] read as one entity.
type span struct {
	i, j int
	kind int // 1 PER, 2 ORG, 3 LOC, 4 MISC, as tagKind
}

const (
	kPer  = 1
	kOrg  = 2
	kLoc  = 3
	kMisc = 4
)

// titles are words dropped from the front of a person's name.
var titles = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "dr": true, "dr.": true,
	"president": true, "prime": true, "minister": true, "premier": true, "chancellor": true, "king": true,
	"queen": true, "prince": true, "princess": true, "sir": true, "dame": true, "lord": true, "lady": true,
	"sen.": true, "senator": true, "rep.": true, "representative": true, "gov.": true, "governor": true,
	"gen.": true, "general": true, "col.": true, "colonel": true, "lt.": true, "lieutenant": true,
	"capt.": true, "captain": true, "sgt.": true, "sergeant": true, "maj.": true, "major": true,
	"prof.": true, "professor": true, "rev.": true, "reverend": true, "pope": true, "judge": true,
	"justice": true, "mayor": true, "secretary": true, "leader": true, "chairman": true, "chief": true,
	"commissioner": true, "ambassador": true, "foreign": true, "defence": true, "defense": true,
	"finance": true, "vice": true, "deputy": true, "state": true, "coach": true, "manager": true,
	"striker": true, "midfielder": true, "defender": true, "goalkeeper": true, "father": true, "sheikh": true,
	"adm.": true, "admiral": true, "ayatollah": true, "emperor": true, "pm": true, "former": true, "new": true,
	"spokesman": true, "spokeswoman": true, "director": true, "dutch": true, "mme": true, "monsieur": true,
	"herr": true, "frau": true, "cardinal": true, "bishop": true, "archbishop": true, "rabbi": true,
	"imam": true, "senior": true, "president-elect": true, "speaker": true, "attorney": true, "ceo": true,
	"treasurer": true, "undersecretary": true, "under-secretary": true, "envoy": true, "chairwoman": true,
	"del.": true, "delegate": true, "brigadier": true, "brig.": true, "commodore": true, "commander": true,
	"cmdr.": true, "marshal": true, "sheriff": true, "superintendent": true,
}

// notNames are capitalized words that never name a person, country or
// organization on their own.
var notNames = func() map[string]bool {
	m := map[string]bool{
		"however": true, "analysts": true, "analyst": true, "experts": true, "officials": true, "the": true,
		"on": true, "in": true, "but": true, "and": true, "article": true, "according": true, "meanwhile": true,
		"today": true, "yesterday": true, "tomorrow": true, "god": true, "jan": true, "feb": true, "mar": true,
		"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
		"dec": true, "mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
		// Sentence adverbs that open sentences.
		"moreover": true, "therefore": true, "furthermore": true, "sadly": true, "nevertheless": true,
		"nonetheless": true, "additionally": true, "instead": true, "indeed": true, "thus": true, "hence": true,
		"overall": true, "finally": true, "ultimately": true, "similarly": true, "likewise": true, "besides": true,
		"otherwise": true, "currently": true, "recently": true, "previously": true, "yes": true, "meh": true,
		"okay": true, "still": true, "yet": true, "also": true, "now": true, "then": true, "here": true, "there": true,
		"oh": true, "hey": true, "wow": true, "ah": true, "well": true, "please": true, "thanks": true,
		// Groups of people, not persons.
		"muslims": true, "muslim": true, "christians": true, "christian": true, "jews": true, "jewish": true,
		"hispanic": true, "hispanics": true, "latino": true, "latinos": true, "latina": true, "republican": true,
		"republicans": true, "democrat": true, "democrats": true, "libertarian": true, "libertarians": true,
		"conservatives": true, "liberals": true, "catholic": true, "catholics": true, "protestant": true,
		"protestants": true, "evangelical": true, "evangelicals": true, "sunni": true, "sunnis": true,
		"shiite": true, "shiites": true, "shia": true, "kurd": true, "kurds": true, "kurdish": true, "arab": true,
		"arabs": true, "houthi": true, "houthis": true, "editor": true,
		// Holidays and seasons of the calendar.
		"christmas": true, "easter": true, "ramadan": true, "eid": true, "thanksgiving": true, "hanukkah": true,
		"diwali": true, "passover": true, "lent": true, "advent": true,
	}
	for w := range calendarWords {
		m[w] = true
	}
	return m
}()

// geoHeads end the names of places, not of people.
var geoHeads = map[string]bool{"lake": true, "river": true, "shoal": true, "strait": true, "canal": true,
	"peninsula": true, "glacier": true, "reef": true, "desert": true, "island": true, "islands": true,
	"mountains": true, "valley": true, "gulf": true, "creek": true, "falls": true, "point": true, "sea": true,
	"ocean": true, "park": true, "airport": true, "square": true, "bridge": true, "avenue": true, "street": true}

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

// calendarWords are the days and months, no names of their own.
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// orgWords end or head names shaped like organizations.
var orgWords = map[string]bool{
	"institution": true, "institute": true, "endowment": true, "foundation": true, "council": true,
	"ministry": true, "party": true, "bank": true, "inc": true, "inc.": true, "corp": true, "corp.": true,
	"corporation": true, "university": true, "association": true, "agency": true, "commission": true,
	"committee": true, "organization": true, "organisation": true, "club": true, "group": true,
	"company": true, "co": true, "co.": true, "ltd": true, "ltd.": true, "plc": true, "fund": true,
	"federation": true, "league": true, "authority": true, "board": true, "center": true, "centre": true,
	"society": true, "academy": true, "college": true, "airlines": true, "airways": true, "department": true,
	"office": true, "service": true, "forum": true, "alliance": false, "army": true, "navy": true,
	"parliament": true, "assembly": true, "congress": true, "court": true, "exchange": true, "bureau": true,
	"union": true, "trust": true, "holdings": true, "industries": true, "bancorp": true, "ag": true,
	"sa": true, "gmbh": true, "llc": true, "fc": true, "united": false, "rovers": true, "school": true,
	"secretariat": true, "network": true, "programme": true, "festival": true, "news": true, "times": true, "post": true, "journal": true,
}

// connectors may stand inside a name between capitalized words.
var connectors = map[string]bool{"of": true, "for": true, "on": true, "and": true, "the": true, "&": true, "de": true, "du": true, "la": true}

// datelineOnly are capitals that name their country only in a dateline:
// Brussels in running text stands for the European Union.
var datelineOnly = map[string]bool{"Brussels": true, "BRUSSELS": true, "Strasbourg": true, "Luxembourg": true}

// capsStop are words that look like acronyms on a headline in capitals.
var capsStop = map[string]bool{"WHO": true, "IS": true, "IT": true, "AT": true, "AS": true, "OR": true,
	"IN": true, "ON": true, "AN": true, "BE": true, "TO": true, "OF": true, "BY": true, "SO": true, "NO": true,
	"DO": true, "GO": true, "AM": true, "AU": true, "US": false, "UP": true, "ME": true, "WE": true, "HE": true,
	"AP": true, "EC": true, "FED": true, "GM": true, "IOC": false}

type extraction struct {
	text  string
	toks  []token
	spans []span
	owner []int     // token → index of its span, or -1
	pre   []Mention // mentions found before resolution (dateline states)
	// placeVerdict, while refinePeople runs, reports whether the lone
	// person's name at a token has been read as a place.
	placeVerdict func(i int) bool
}

func extract(text string, m *model) Result {
	toks := tokenize(text)
	x := &extraction{text: text, toks: toks}
	tags := m.tag(toks)
	for i := 0; i < len(toks); {
		if tags[i] == tagO {
			i++
			continue
		}
		k := tagKind(tags[i])
		j := i + 1
		for j < len(toks) && isInside(tags[j]) && tagKind(tags[j]) == k && !toks[j].lineStart {
			j++
		}
		x.spans = append(x.spans, span{i, j, k})
		i = j
	}
	x.cleanSpans(m)
	x.datelines()
	x.patternOrgs(m)
	x.consistency()
	x.refinePeople()
	return x.resolve()
}

func (x *extraction) buildOwner() {
	x.owner = make([]int, len(x.toks))
	for i := range x.owner {
		x.owner[i] = -1
	}
	sort.Slice(x.spans, func(a, b int) bool { return x.spans[a].i < x.spans[b].i })
	for si, s := range x.spans {
		for k := s.i; k < s.j; k++ {
			x.owner[k] = si
		}
	}
}

func (x *extraction) words(s span) string {
	var b strings.Builder
	for k := s.i; k < s.j; k++ {
		if x.toks[k].norm == `"` {
			continue // a nickname's marks (see nicknames)
		}
		if k > s.i && x.toks[k].start > x.toks[k-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(x.toks[k].norm)
	}
	return b.String()
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
func (x *extraction) cleanSpans(m *model) {
	x.joinParticles()
	x.nicknames()
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
		if s.kind == kOrg && x.titledPerson(s) {
			s.kind = kPer // "Senator Jeff Sessions" read as a body
		}
		if s.kind == kPer && s.j-s.i >= 2 && geoHeads[x.toks[s.j-1].lower] && GivenName(x.toks[s.i].lower) == 0 {
			s.kind = kLoc // "Gatun Lake", "Second Thomas Shoal", "Kaziranga National Park"
		}
		if s.kind == kPer {
			for s.i < s.j && titles[x.toks[s.i].lower] {
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
			if s.kind == kPer && (isInitialism(strings.TrimSuffix(w, ".")) || isPartyState(w) || strings.HasSuffix(l, "ly") && isSentenceStart(x.toks, s.i)) {
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
			if (isCommon(l) || strings.HasSuffix(l, "s") && isCommon(l[:len(l)-1])) && s.kind != kLoc && isSentenceStart(x.toks, s.i) && !x.toks[s.i].capsLine && !capMid[l] &&
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

// joinParticles joins a person's span to the capitalised words after one or
// two name particles, which the tagger reads as two people ("Osama" and
// "Laden").
func (x *extraction) joinParticles() {
	out := x.spans[:0]
	for k := 0; k < len(x.spans); k++ {
		s := x.spans[k]
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

// personTitles stand only before a person's name, never open a body's.
var personTitles = map[string]bool{"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"dr": true, "dr.": true, "president": true, "senator": true, "sen.": true, "rep.": true, "representative": true,
	"gov.": true, "governor": true, "mayor": true, "ambassador": true, "chancellor": true, "premier": true,
	"pope": true, "sheikh": true, "ayatollah": true, "prof.": true, "professor": true, "rev.": true, "del.": true,
	"gen.": true, "col.": true, "capt.": true, "lt.": true, "sgt.": true, "maj.": true, "adm.": true, "cmdr.": true,
	"brig.": true, "brigadier": true}

// titledPerson reports whether the organization span s is a person's title
// and name: "Senator Jeff Sessions", not "Senate Armed Services Committee".
func (x *extraction) titledPerson(s span) bool {
	k := s.i
	for k < s.j && personTitles[x.toks[k].lower] {
		k++
	}
	if k == s.i || s.j-k < 2 || s.j-k > 3 {
		return false
	}
	for ; k < s.j; k++ {
		if !x.capWord(k) || orgWords[x.toks[k].lower] || companyHeads[x.toks[k].lower] {
			return false
		}
	}
	return true
}

// orgRoles are the posts that stand between an organization and the name
// of the person who holds them; roleModifiers may come before them.
var (
	orgRoles = map[string]bool{"director": true, "chairman": true, "chairwoman": true, "chair": true,
		"president": true, "ceo": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
		"founder": true, "secretary": true, "head": true, "chief": true, "counsel": true, "editor": true,
		"manager": true, "commissioner": true, "adviser": true, "advisor": true, "strategist": true,
		"analyst": true, "economist": true, "fellow": true, "researcher": true, "professor": true,
		"officer": true, "treasurer": true, "coordinator": true, "correspondent": true, "anchor": true, "host": true}
	// personPosts stand between a body and the person who holds them, but
	// may also end a body's name ("New Hampshire Union Leader")
	personPosts   = map[string]bool{"leader": true, "attorney": true, "general": true, "whip": true, "inspector": true}
	roleModifiers = map[string]bool{"executive": true, "deputy": true, "research": true, "communications": true,
		"majority": true, "minority": true, "democratic": true, "republican": true, "investigative": true,
		"policy": true, "political": true, "press": true, "senior": true, "managing": true, "national": true,
		"campaign": true, "general": true, "vice": true, "assistant": true, "associate": true, "finance": true,
		"operating": true, "financial": true, "legal": true, "chief": true, "founding": true, "digital": true}
)

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

// groupAdjectives name a party, faith or people and open the names of
// their bodies ("Republican National Committee", "Muslim Council of
// Britain", "Arab League"), so a pattern organization keeps them.
var groupAdjectives = map[string]bool{"republican": true, "democratic": true, "libertarian": true, "muslim": true,
	"christian": true, "jewish": true, "catholic": true, "protestant": true, "evangelical": true, "hispanic": true,
	"latino": true, "arab": true, "kurdish": true, "sunni": true, "shiite": true, "shia": true}

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

// isPartyState reports whether w reads like a politician's party and state:
// "R-Utah", "D-Mo".
func isPartyState(w string) bool {
	return len(w) > 2 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-'
}

// beforeNoPerson are words that do not stand right before a person's name.
var beforeNoPerson = map[string]bool{"the": true, "two": true, "both": true, "three": true, "all": true}

// articles before a lone capitalized word make it a thing or a place, not a
// person: "an ageing Suezmax", "on The Mall".
var articles = map[string]bool{"a": true, "an": true, "The": true}

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

// compoundSuffix are the short second parts of hyphenated adjectives.
var compoundSuffix = map[string]bool{"led": true, "run": true, "era": true, "born": true, "made": true,
	"held": true, "wide": true, "free": true, "like": true, "type": true, "old": true, "year": true,
	"day": true, "week": true, "term": true, "size": true, "side": true, "up": true, "in": true, "out": true,
	"off": true, "on": true, "back": true, "down": true, "over": true, "news": true, "list": true}

// functionWord are short words that headlines leave in lower case.
var functionWord = map[string]bool{"a": true, "an": true, "to": true, "or": true, "is": true, "with": true,
	"by": true, "from": true, "as": true, "but": true, "into": true, "over": true, "after": true, "vs": true}

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
// that start with a capital, no digits.
func (x *extraction) personLike(s span) bool {
	for k := s.i; k < s.j; k++ {
		w := x.toks[k].norm
		if strings.ContainsAny(w, "0123456789") {
			return false
		}
		if !isCap(w) && !nameParticles[w] && w != `"` {
			return false
		}
	}
	return true
}

// nameParticles are the lower-case words inside people's names.
var nameParticles = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true, "du": true,
	"la": true, "le": true, "da": true, "di": true, "dos": true, "das": true, "bin": true, "ben": true,
	"al": true, "el": true, "ibn": true, "-": true}

// patternOrgs finds names shaped like organizations ("… Institution",
// "Foundation for …") that the tagger missed or cut short.
func (x *extraction) patternOrgs(m *model) {
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
		// Drop sentence-initial common words and titles from the front.
		a := i
		for a < j && (isSentenceStart(toks, a) || a == i) && (m.lower[toks[a].lower] || notNames[toks[a].lower]) && !groupAdjectives[toks[a].lower] {
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
			if orgWords[toks[k].lower] {
				hasKey = true
			}
			if toks[k].norm == "&" {
				hasKey, amp[a] = true, true
			}
		}
		if hasKey && e-a >= 2 && !toks[a].capsLine {
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
			// Studies", "Maple & Finch").
			if s.kind == kPer && (s.i <= p.i || s.j > p.j) && !amp[p.i] || s.kind == kOrg && (s.i < p.i || s.j > p.j) {
				ok = false
			}
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

// consistency tags the untagged occurrences of names the tagger found
// elsewhere in the document.
func (x *extraction) consistency() {
	seen := map[string]int{}   // lower-cased surface → kind
	first := map[string]bool{} // lower-cased first words of the names seen
	for _, s := range x.spans {
		if s.kind == kPer && s.j-s.i == 1 {
			continue // single names are joined to full names later
		}
		seen[strings.ToLower(x.words(s))] = s.kind
		first[x.toks[s.i].lower] = true
	}
	var add []span
	toks := x.toks
	for i := 0; i < len(toks); i++ {
		if x.owner[i] >= 0 || !isCap(toks[i].norm) || !first[toks[i].lower] {
			continue
		}
		for n := min(5, len(toks)-i); n >= 1; n-- {
			free := true
			for k := i; k < i+n; k++ {
				if x.owner[k] >= 0 || k > i && toks[k].lineStart {
					free = false
				}
			}
			if !free {
				continue
			}
			s := span{i, i + n, 0}
			if k, ok := seen[strings.ToLower(x.words(s))]; ok {
				if n == 1 && !toks[i].capsLine && isSentenceStart(toks, i) && k != kLoc {
					break
				}
				s.kind = k
				add = append(add, s)
				i += n - 1
				break
			}
		}
	}
	x.spans = append(x.spans, add...)
	x.buildOwner()
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

var initialStop = map[string]bool{"of": true, "the": true, "for": true, "and": true, "on": true, "in": true, "at": true, "&": true}

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

// usStates are the US states and the District of Columbia by the
// abbreviations news writes, AP style, after a dateline's city ("SANTA CRUZ,
// Calif.") or a lawmaker's party ("R-Fla.").
var usStates = map[string]string{
	"Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
	"Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
	"Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland",
	"Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
	"Mont": "Montana", "Neb": "Nebraska", "Nebr": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire",
	"N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota",
	"Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina",
	"S.D": "South Dakota", "Tenn": "Tennessee", "Tex": "Texas", "Va": "Virginia", "Vt": "Vermont",
	"Wash": "Washington", "Wis": "Wisconsin", "Wisc": "Wisconsin", "W.Va": "West Virginia", "Wyo": "Wyoming",
	"D.C": "District of Columbia", "Utah": "Utah", "Iowa": "Iowa", "Ohio": "Ohio", "Idaho": "Idaho",
	"Maine": "Maine", "Alaska": "Alaska", "Hawaii": "Hawaii", "Texas": "Texas",
}

// postalStates are the two-letter postal codes of the states ("R-FL"); as
// dateline states they would be read in too many other words.
var postalStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
	"CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
	"IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
	"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
	"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
	"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
	"ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
	"RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
	"UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
	"WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}

// stateAbbrevs are the abbreviations of US states and Canadian provinces
// that follow the city of a dateline ("SANTA CRUZ, Calif., Feb 26 -"), with
// their country.
var stateAbbrevs = func() map[string]string {
	m := map[string]string{"Ont": "Canada", "Que": "Canada", "Alta": "Canada", "B.C": "Canada", "Man": "Canada",
		"Sask": "Canada", "N.S": "Canada", "N.B": "Canada", "Nfld": "Canada"}
	for a := range usStates {
		m[a] = "United States"
	}
	return m
}()

// stateByAbbrev indexes usStates and postalStates in lower case.
var stateByAbbrev = func() map[string]string {
	m := map[string]string{}
	for _, t := range []map[string]string{usStates, postalStates} {
		for a, st := range t {
			m[strings.ToLower(a)] = st
		}
	}
	return m
}()

// StateName returns the US state an abbreviation stands for, AP style or
// postal, with or without its last period ("Fla.", "N.Y", "FL"), and false
// for any other word.
func StateName(abbrev string) (string, bool) {
	st, ok := stateByAbbrev[strings.ToLower(strings.TrimSuffix(abbrev, "."))]
	return st, ok
}

// datelines finds the datelines that open lines ("CLEVELAND, Feb 26 -",
// "SANTA CRUZ, Calif., Feb 26 -", "LONDON 1996-08-30"): their city is a
// place, never a person or an organization, and a state abbreviation after
// it names its country.
func (x *extraction) datelines() {
	toks := x.toks
	drop := map[int]bool{}
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
		}
	}
	if len(drop) == 0 {
		return
	}
	out := x.spans[:0]
	for _, s := range x.spans {
		if s.kind != kLoc && drop[s.i] {
			continue
		}
		out = append(out, s)
	}
	x.spans = out
	x.buildOwner()
}

var months = map[string]bool{"jan": true, "feb": true, "mar": true, "march": true, "apr": true, "april": true,
	"may": true, "jun": true, "june": true, "jul": true, "july": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "january": true, "february": true, "august": true, "september": true,
	"october": true, "november": true, "december": true}

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
