// Resolving names: a speaker phrase becomes a canonical name through the
// entity mentions, the full names met before it, a pronoun's antecedent or the
// person a description was given to.

package quote

import (
	"sort"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// surname returns the last word of a name, lower case, possessive removed.
func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	last := f[len(f)-1]
	if (last == "Jr." || last == "Sr." || last == "II" || last == "III") && len(f) > 1 {
		last = f[len(f)-2]
	}
	return strings.ToLower(strings.TrimSuffix(stripPossessive(last), ","))
}

// fullName returns the full name met for a surname: the last one before pos,
// or else the first one after.
func (d *doc) fullName(name string, pos int) string { return d.fullNameG(name, pos, 0) }

// fullNameG is fullName for a person of gender g ('f', 'm' or 0 for either).
func (d *doc) fullNameG(name string, pos int, g byte) string {
	if strings.Contains(name, " ") {
		return name
	}
	return d.fullNameOf(name, pos, g)
}

// fullNameOf is fullNameG for a name of any length: the full name met
// that ends with it.
func (d *doc) fullNameOf(name string, pos int, g byte) string {
	refs := d.full[surname(name)]
	best := ""
	for _, r := range refs {
		if g != 0 && gender(r.name) != 0 && gender(r.name) != g {
			continue
		}
		if strings.Contains(name, " ") && (len(r.name) <= len(name) || !strings.HasSuffix(r.name, " "+name)) {
			continue
		}
		if r.pos <= pos || best == "" {
			best = r.name
		}
		if r.pos > pos {
			break
		}
	}
	if best == "" {
		return name
	}
	return best
}

// namedAfter returns the people named in the clause that follows byte
// offset pos, up to the sentence's end: "He insisted Curiel had …" cannot
// mean Curiel by "he".
func (d *doc) namedAfter(pos int) map[string]bool {
	i := d.tokenAt(pos)
	end := d.frameEnd(i)
	if end >= len(d.toks) {
		end = len(d.toks) - 1
	}
	if end < i {
		return nil
	}
	hi := d.toks[end].s
	out := map[string]bool{}
	for _, r := range d.refs {
		if r.pos >= pos && r.pos < hi {
			out[r.name] = true
		}
	}
	for k := i; k < end; k++ { // a surname alone: "Morales had"
		if t := d.toks[k]; isNameWord(t) && !t.inQ {
			for _, r := range d.full[stripPossessive(t.lw)] {
				out[r.name] = true
			}
		}
	}
	return out
}

// antecedent returns the person a pronoun at pos stands for.
func (d *doc) antecedent(pos int, pron string) string { return d.antecedentNot(pos, pron, nil) }

// antecedentNot is antecedent, passing over the names in not.
func (d *doc) antecedentNot(pos int, pron string, not map[string]bool) string {
	want := byte(0)
	switch pron {
	case "he":
		want = 'm'
	case "she":
		want = 'f'
	default:
		return ""
	}
	// the last speaker in this paragraph or the two before, then anyone named
	p := d.paraOf(pos)
	for i := len(d.speakerRefs) - 1; i >= 0; i-- {
		r := d.speakerRefs[i]
		if r.pos >= pos || r.g != 0 && r.g != want || not[r.name] {
			continue
		}
		if d.paraOf(r.pos) >= p-2 {
			return r.name
		}
		break
	}
	for i := len(d.refs) - 1; i >= 0; i-- {
		r := d.refs[i]
		if r.pos >= pos {
			continue
		}
		if r.g != 0 && r.g != want || not[r.name] {
			continue
		}
		return r.name
	}
	return ""
}

// entityAt returns the entity mention that overlaps [s, e).
func (d *doc) entityAt(s, e int) (entity.Mention, bool) {
	ms := d.ents.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > s })
	best, bestLen := entity.Mention{}, 0
	for ; i < len(ms) && ms[i].Start < e; i++ {
		m := ms[i]
		if m.Start < e && s < m.End {
			ov := min(e, m.End) - max(s, m.Start)
			if ov > bestLen {
				best, bestLen = m, ov
			}
		}
	}
	return best, bestLen > 0
}

// personAt returns the canonical name of the person mention that covers
// [s, e), or "".
func (d *doc) personAt(s, e int) string {
	if m, ok := d.entityAt(s, e); ok && m.Kind == entity.Person && m.Start <= s && m.End >= e && strings.Count(m.Name, " ") < 4 {
		return m.Name
	}
	return ""
}

// clause reports whether words read as a clause with a verb of its own
// rather than an apposition.
func clause(words []token) bool {
	for _, t := range words {
		if speechVerbs[t.lw] || finiteVerbs[t.lw] {
			return true
		}
	}
	return false
}

// describedWord folds a word of a description or a title to the form both
// share: "Sen." and "GOP" to "sen" and "republican".
func describedWord(lw string) string {
	w := strings.TrimSuffix(stripPossessive(lw), ".")
	switch w {
	case "gop":
		return "republican"
	case "democrat":
		return "democratic"
	}
	return w
}

// saidOf returns the words the text says of person n before byte offset
// pos: the titles before the name, the head of an apposition ("the former
// Florida governor" of ", the former Florida governor, who …") and a
// lawmaker's party and state, with the posts that abbreviations stand for.
// proper holds those of its words that are proper modifiers rather than
// posts: "florida" and "republican" of "Sen. Marco Rubio (R-Fla.)".
func (d *doc) saidOf(n string, pos int) (said, proper map[string]bool) {
	said, proper = map[string]bool{}, map[string]bool{}
	add := func(lw string, capital bool) {
		w := describedWord(lw)
		said[w] = true
		if capital && (!isTitleWord(w) && !titleModifiers[w] || adjectives[w]) {
			proper[w] = true
		}
		for _, sense := range titleSenses[w] {
			said[sense] = true
		}
	}
	for _, m := range d.evidence[n] {
		if m.pos >= pos {
			break
		}
		for i, t := range m.titles {
			add(t.lw, qualifiesPost(m.titles, i))
		}
		for i, t := range m.appos {
			if t.s >= pos || t.kind != kWord || prepositions[t.lw] || t.lw == "who" || t.lw == "which" || t.lw == "that" || t.lw == "and" {
				break
			}
			add(t.lw, qualifiesPost(m.appos, i))
		}
		for _, w := range m.about {
			add(w, true)
		}
	}
	return said, proper
}

// qualifiesPost reports whether ts[i] is a capitalised word that qualifies
// a post after it: "World Bank" of "World Bank President", not a
// headline's words run into a name nor "the Paris agreement".
func qualifiesPost(ts []token, i int) bool {
	if !ts[i].isCap() {
		return false
	}
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if isTitleWord(ts[j].lw) && !adjectives[describedWord(ts[j].lw)] {
			return true
		}
		if !ts[j].isCap() && !titleModifiers[ts[j].lw] {
			return false
		}
	}
	return false
}

// resolve names the speaker of a phrase.
func (d *doc) resolve(sp phrase) (string, int) {
	// a group named by its people: "Senate Republicans", "Palestinians"
	if sp.kind == spPerson || sp.kind == spOrg {
		if n := d.groupName(sp); n != "" {
			return n, spGroup
		}
		// "Some Democrats said": part of a group, unnamed
		if n := len(sp.name); n > 0 && sp.name[n-1].isCap() && entity.GroupPlural(sp.name[n-1].lw) && sp.orgNoun == "" {
			return "", spDesc
		}
	}
	switch sp.kind {
	case spPronoun:
		if n := d.antecedentNot(sp.pos, sp.pronoun, d.namedAfter(sp.end)); n != "" {
			return n, spPerson
		}
		// "The Security Council … pledged … to what it called …": it is the
		// body that its sentence is about
		if i := d.tokenAt(sp.pos); sp.pronoun == "it" && i < len(d.toks) {
			if l0 := d.sentenceStart(i); l0 < i {
				if sub, ok := d.subject(l0, i); ok && (sub.kind == spOrg || sub.kind == spCountry) {
					return d.resolve(sub)
				}
			}
		}
		return "", spPronoun
	case spPerson:
		if n := d.personAt(sp.pos, sp.end); n != "" && d.keepsSurname(sp, n) {
			switch g := honorificGender(sp.titles); {
			case !strings.Contains(n, " "):
				n = d.fullNameG(n, sp.pos, g)
			case g != 0 && strings.Count(n, " ") == 1:
				// a surname of two words after a courtesy title is the
				// end of a full name met: "Mr. Guajardo Villarreal"
				n = d.fullNameOf(n, sp.pos, g)
			}
			return d.longer(n), spPerson
		}
		name := joinTokens(sp.name)
		if len(sp.name) == 1 && !d.knownSingle(sp) {
			// "Feinstein said" where the tagger read a body: the text names
			// the speaker all the same
			if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind == entity.Organization && m.Start <= sp.pos && m.End >= sp.end &&
				!nonNames[sp.name[0].lw] && !genericSubjects[sp.name[0].lw] {
				return entity.CanonicalOrganization(m.Name), spOrg
			}
			return "", spDesc
		}
		if g := honorificGender(sp.titles); g != 0 && len(sp.name) <= 2 {
			return d.fullNameOf(name, sp.pos, g), spPerson
		}
		return d.fullName(name, sp.pos), spPerson
	case spOrg:
		if sp.orgNoun != "" {
			var parts []string
			for _, t := range sp.name[:len(sp.name)-1] {
				if t.lw != "the" {
					parts = append(parts, stripPossessive(t.w))
				}
			}
			if len(parts) == 0 {
				return "", spDesc // "The government said": whose, the words do not say
			}
			return strings.Join(parts, " ") + " " + sp.orgNoun, spOrg
		}
		name := sp.name
		for len(name) > 1 && name[0].lw == "the" {
			name = name[1:]
		}
		// the entity pass's name, unless it read only part of the text's:
		// "Committee for a Responsible Federal Budget", not "Responsible
		// Federal Budget"
		if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind == entity.Organization &&
			(len(name) == 0 || m.Start <= name[0].s && m.End >= name[len(name)-1].e) {
			return entity.CanonicalOrganization(m.Name), spOrg
		}
		return entity.CanonicalOrganization(joinTokens(sp.name)), spOrg
	case spDesc:
		if n := d.describedPerson(sp); n != "" {
			return n, spPerson
		}
		if n := d.groupName(sp); n != "" {
			return n, spGroup
		}
		if n := describedAs(sp); n != "" {
			return n, spDescribed
		}
		return "", spDesc
	case spCountry:
		if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind == entity.Country {
			return m.Name, spCountry
		} else if ok && m.Kind == entity.Place {
			if c, ok := entity.CapitalCountry(m.Text); ok {
				return c, spCountry // "London said": the capital's government
			}
		}
		n := joinTokens(sp.name)
		return strings.TrimPrefix(n, "the "), spCountry
	}
	return "", sp.kind
}

// knownSingle reports whether a one-word speaker name is a person: the
// entity tagger says so, a full name with that surname is known, or a title
// or honorific precedes it.
func (d *doc) knownSingle(sp phrase) bool {
	w := sp.name[0]
	lw := stripPossessive(w.lw)
	if nonNames[lw] || genericSubjects[lw] || strings.HasSuffix(lw, "ing") || calendar[lw] {
		return false
	}
	if len(sp.titles) > 0 || len(d.full[surname(w.w)]) > 0 {
		return true
	}
	if d.personAt(sp.pos, sp.end) != "" {
		return true
	}
	if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind != entity.Person {
		return false
	}
	return !strings.HasSuffix(lw, "s") // "Americans", "Democrats"
}

// keepsSurname reports whether the canonical name n that the entity tagger
// gives a speaker phrase keeps the phrase's surname, when that surname is
// that of a person named in full in the article: "Sanders" is "Bernie Sanders",
// not a longer run the tagger read ("Sanders Iowa", "Trump University").
func (d *doc) keepsSurname(sp phrase, n string) bool {
	if len(sp.name) == 0 {
		return true
	}
	last := surname(joinTokens(sp.name))
	if surname(n) == last {
		return true
	}
	return !d.knownPerson(last)
}

// knownPerson reports whether the article names in full a person whose
// surname is last and whose first name tells a person ("Bernie Sanders",
// not "Unlike Patriot"), or last is a public figure's surname.
func (d *doc) knownPerson(last string) bool {
	for _, r := range d.full[last] {
		if gender(r.name) != 0 {
			return true
		}
	}
	return false
}

// longer returns the fullest name met in the article that holds every word
// of name ("J. Leahy" → "Patrick J. Leahy"), or name.
func (d *doc) longer(name string) string {
	ws := strings.Fields(name)
	best := name
	for _, r := range d.full[surname(name)] {
		if len(r.name) <= len(best) {
			continue
		}
		all := true
		for _, w := range ws {
			all = all && strings.Contains(" "+r.name+" ", " "+w+" ")
		}
		if all {
			best = r.name
		}
	}
	return best
}

// honorificGender tells the gender an honorific gives: "Mr." 'm', "Ms." 'f'.
func honorificGender(titles []token) byte {
	if len(titles) == 0 {
		return 0
	}
	switch strings.TrimSuffix(titles[len(titles)-1].lw, ".") {
	case "mr":
		return 'm'
	case "mrs", "ms", "miss":
		return 'f'
	}
	return 0
}
