// The people an article names outside its quotations: their full names, where
// they stand, and what each mention says of them.

package quote

import (
	"sort"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// mention is what one mention of a person says of them.
type mention struct {
	pos      int
	name     string // the name as written, titles removed
	titles   []token
	appos    []token
	affil    []token
	adjacent string   // the title word right before the name, lower case
	about    []string // party and state of a lawmaker's "(R-Fla.)", lower case
}

// scanPeople collects the people named outside quotations: their full
// names (so that a surname can be resolved), their places (so that a pronoun
// can be) and what each mention says of them (for roles).
func (d *doc) scanPeople() {
	toks := d.toks
	d.evidence = map[string][]mention{}
	var ms []mention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.inQ || !t.isCap() || (i > 0 && toks[i-1].isCap() && !toks[i-1].inQ && toks[i-1].para == t.para) {
			continue
		}
		end := d.paraEnd[t.para]
		b := capRunFwd(toks, i, end)
		a := i
		for a < b && (nonNames[toks[a].lw] || connectors[toks[a].w]) {
			a++
		}
		if a >= b {
			continue
		}
		run := toks[a:b]
		titles, name, affil := splitName(run)
		if c := classifyRun(run); c != spPerson && !(c == spOrg && len(name) > 0 && classifyRun(name) == spPerson && (len(affil) > 0 || len(titles) > 0)) {
			i = b - 1
			continue
		}
		if len(name) == 0 || len(name) > 4 || classifyRun(name) != spPerson || d.heading(t.para) {
			i = b - 1
			continue
		}
		if e, ok := d.entityAt(name[0].s, name[len(name)-1].e); ok && e.Kind != entity.Person && len(titles) == 0 && gender(joinTokens(name)) == 0 {
			i = b - 1
			continue
		}
		m := mention{pos: name[0].s, name: joinTokens(name), titles: titles, affil: affil}
		if n := d.personAt(name[0].s, name[len(name)-1].e); n != "" && (strings.Contains(n, " ") || !strings.Contains(m.name, " ")) {
			m.name = n
		}
		if len(titles) > 0 {
			m.adjacent = titles[len(titles)-1].lw
		}
		// lower-case titles before: "Republican nominee Donald Trump"
		p := a
		for p-1 >= 0 && p > a-5 && toks[p-1].kind == kWord && !toks[p-1].inQ && toks[p-1].para == t.para &&
			(isTitleWord(toks[p-1].lower()) || titleModifiers[toks[p-1].lower()] || toks[p-1].isCap()) {
			p--
		}
		if p < a {
			m.titles = append(append([]token{}, toks[p:a]...), titles...)
			if len(titles) == 0 {
				m.adjacent = toks[a-1].lw
			}
		}
		// a lawmaker's party and state: "Jon Tester (D-Mont.)", "Rand Paul, R-Ky.,"
		if b+1 < end && (toks[b].w == "(" || toks[b].w == ",") && entity.IsPartyState(toks[b+1].w) {
			m.titles = append(m.titles[:len(m.titles):len(m.titles)], token{w: "lawmaker", lw: "lawmaker", kind: kWord})
			m.adjacent = "lawmaker"
			m.about = partyState(toks[b+1].w)
		}
		// an apposition: ", a senior fellow at the Brookings Institution,"
		if b+1 < end && toks[b].w == "," && !toks[b+1].inQ {
			nw := toks[b+1].lower()
			if nw == "a" || nw == "an" || nw == "the" || nw == "who" || isTitleWord(nw) || titleModifiers[nw] || roleNouns[nw] {
				e := b + 1
				for e < end && e < b+30 && toks[e].w != "," && !toks[e].isTerminal() && toks[e].kind != kQuote {
					e++
				}
				if !clause(toks[b+1 : e]) { // not "in Chelsea, the mayor said …"
					m.appos = toks[b+1 : e]
				}
			}
		} else if b+1 < end && (toks[b].w == "of" || toks[b].w == "at") && toks[b+1].kind == kWord {
			e := b + 1
			for e < end && e < b+12 && toks[e].kind == kWord {
				e++
			}
			m.appos = toks[b:e]
		} else if b+1 < end && d.describes(b) && p == d.sentenceStart(p) {
			// what the sentence says the person is: "Holtz-Eakin served as
			// director of the Congressional Budget Office and is now
			// president of the American Action Forum."
			e := b + 1
			for e < end && e < b+30 && toks[e].kind != kQuote && toks[e].kind != kPunct && !descriptionEnds[toks[e].lw] {
				e++
			}
			m.appos = toks[b:e]
		}
		ms = append(ms, m)
		i = b - 1
	}
	for _, m := range d.ents.Mentions {
		if m.Kind == entity.Person && !d.insideQuote(m.Start) && strings.Count(m.Name, " ") < 4 {
			ms = append(ms, mention{pos: m.Start, name: m.Name})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].pos < ms[j].pos })
	for _, m := range ms {
		if strings.Contains(m.name, " ") {
			last := surname(m.name)
			d.full[last] = append(d.full[last], personRef{pos: m.pos, name: m.name})
		}
	}
	for _, m := range ms {
		name := d.tidy(d.fullName(m.name, m.pos))
		if name == "" {
			continue
		}
		d.evidence[name] = append(d.evidence[name], m)
		titled := m.adjacent != "" && (isTitleWord(m.adjacent) && !titleModifiers[m.adjacent])
		if !titled && m.appos == nil && (gender(name) == 0 || !strings.Contains(name, " ")) && !d.isPerson(m.pos) {
			continue // not known to be a person
		}
		g := gender(name)
		for _, t := range m.titles {
			switch t.lw {
			case "mrs.", "mrs", "ms.", "ms", "miss", "congresswoman", "spokeswoman", "chairwoman":
				g = 'f'
			case "mr.", "mr", "congressman", "spokesman", "chairman":
				g = 'm'
			}
		}
		d.refs = append(d.refs, personRef{pos: m.pos, name: name, g: g})
	}
	d.officeHolders()
}

// officeHolders records as evidence of office the nouns that follow a
// person's surname, or its possessive ("the Trump campaign", "the Obama
// administration", "a Clinton spokesman"): who has a campaign, an
// administration or spokesmen holds or seeks public office, and so does
// whom the article's people vote for.
func (d *doc) officeHolders() {
	toks := d.toks
	office := token{w: "official", lw: "official", kind: kWord}
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.inQ || t.kind != kWord || toks[i+1].para != t.para {
			continue
		}
		var name string
		switch {
		case !t.isCap() && t.lw != "his" && t.lw != "her" && !voteVerbs[t.lw]:
			continue
		case officeNouns[toks[i+1].lw] && isNameWord(t):
			name = d.fullName(stripPossessive(t.w), t.s)
		case officeNouns[toks[i+1].lw] && (t.lw == "his" || t.lw == "her"):
			// "his campaign": whom the pronoun stands for
			name = d.antecedent(t.s, map[string]string{"his": "he", "her": "she"}[t.lw])
		case voteVerbs[t.lw] && toks[i+1].lw == "for" && i+2 < len(toks) && isNameWord(toks[i+2]) && !toks[i+2].inQ:
			// "vote for Trump": a candidate
			name = d.fullName(stripPossessive(toks[i+2].w), toks[i+2].s)
		}
		if !strings.Contains(name, " ") || gender(name) == 0 && !d.isPerson(d.fullPos(name)) {
			continue // no person the article names in full
		}
		d.evidence[name] = append(d.evidence[name], mention{pos: t.s, name: name, titles: []token{office}})
	}
}

// describes reports whether the verb at token i, after a person's name,
// opens a description of them: a post within a few words ("is a senior
// fellow", "served as director", "is now president") or the name of the
// organization they lead ("runs Crosscut Strategies").
func (d *doc) describes(i int) bool {
	toks := d.toks
	t := toks[i]
	if t.inQ || t.kind != kWord || toks[i+1].inQ || toks[i+1].para != t.para {
		return false
	}
	if leadingVerbs[t.lw] {
		k := i + 1
		if toks[k].lw == "the" && k+1 < len(toks) {
			k++
		}
		return isNameWord(toks[k]) && !toks[k].inQ
	}
	if !descriptionVerbs[t.lw] {
		return false
	}
	for k := i + 1; k < len(toks) && k <= i+6 && toks[k].kind == kWord && !toks[k].inQ; k++ {
		switch w := toks[k].lw; {
		case isTitleWord(w) || describingNouns[w]:
			return true
		case descriptionStarts[w] || titleModifiers[w] && w != "of" || toks[k].isCap():
		default:
			return false
		}
	}
	return false
}

// fullPos returns where the article first names the person name in full,
// or -1.
func (d *doc) fullPos(name string) int {
	for _, r := range d.full[surname(name)] {
		if r.name == name {
			return r.pos
		}
	}
	return -1
}

// isPerson reports whether an entity mention of a person starts at pos.
func (d *doc) isPerson(pos int) bool {
	m, ok := d.entityAt(pos, pos+1)
	return ok && m.Kind == entity.Person
}

// heading reports whether paragraph p is a title-case heading, whose
// capitalised words are not names.
func (d *doc) heading(p int) bool {
	if h, ok := d.headings[p]; ok {
		return h
	}
	h := d.isHeading(p)
	d.headings[p] = h
	return h
}

// isHeading reports whether most words of paragraph p are capitalised.
func (d *doc) isHeading(p int) bool {
	words, caps := 0, 0
	for k := d.paraStart(p); k < d.paraEnd[p]; k++ {
		t := d.toks[k]
		if t.kind != kWord {
			continue
		}
		words++
		if t.isCap() {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*8
}

// insideQuote reports whether byte offset pos lies inside a quotation.
func (d *doc) insideQuote(pos int) bool {
	for _, q := range d.quotes {
		if pos >= q.start && pos < q.end {
			return true
		}
	}
	return false
}
