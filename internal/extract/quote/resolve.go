package quote

import (
	"sort"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// knownOfficials are public figures whose role the text may not state.
var knownOfficials = set(
	"donald_trump hillary_clinton barack_obama mike_pence tim_kaine bernie_sanders ted_cruz",
	"marco_rubio john_kasich jeb_bush chris_christie ben_carson carly_fiorina rand_paul",
	"paul_ryan mitch_mcconnell harry_reid nancy_pelosi joe_biden vladimir_putin xi_jinping",
	"narendra_modi angela_merkel kim_jong_un gary_johnson jill_stein bill_clinton john_kerry",
	"george_w._bush kellyanne_conway robby_mook john_podesta reince_priebus paul_manafort",
	"james_comey mike_huckabee rick_santorum elizabeth_warren volodymyr_zelensky",
	"emmanuel_macron recep_tayyip_erdogan benjamin_netanyahu boris_johnson theresa_may",
	"josh_earnest sean_spicer corey_lewandowski jason_miller brian_fallon jennifer_palmieri",
	"trump clinton obama pence kaine sanders cruz rubio kasich putin zelensky",
	"ronald_reagan john_kennedy jimmy_carter richard_nixon george_bush harry_truman",
	"franklin_roosevelt abraham_lincoln lyndon_johnson gerald_ford dwight_eisenhower",
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
		if b+1 < end && (toks[b].w == "(" || toks[b].w == ",") && isPartyState(toks[b+1].w) {
			m.titles = append(m.titles[:len(m.titles):len(m.titles)], token{w: "lawmaker", lw: "lawmaker", kind: kWord})
			m.adjacent = "lawmaker"
			m.about = partyState(toks[b+1].w)
		}
		// an apposition: ", a senior fellow at the Brookings Institution,"
		if b+1 < end && toks[b].w == "," && !toks[b+1].inQ {
			nw := toks[b+1].lower()
			if nw == "a" || nw == "an" || nw == "the" || nw == "who" || isTitleWord(nw) || titleModifiers[nw] {
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
	refs := d.full[surname(name)]
	best := ""
	for _, r := range refs {
		if g != 0 && gender(r.name) != 0 && gender(r.name) != g {
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

// insideQuote reports whether byte offset pos lies inside a quotation.
func (d *doc) insideQuote(pos int) bool {
	for _, q := range d.quotes {
		if pos >= q.start && pos < q.end {
			return true
		}
	}
	return false
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

// titleSenses maps the ways a post is written to the nouns a description
// may use for it ("Sen." is a senator and a lawmaker).
var titleSenses = map[string][]string{
	"sen": {"senator", "lawmaker"}, "senator": {"senator", "lawmaker"}, "rep": {"representative", "congressman", "congresswoman", "lawmaker"},
	"representative": {"representative", "congressman", "congresswoman", "lawmaker"}, "congressman": {"congressman", "lawmaker"},
	"congresswoman": {"congresswoman", "lawmaker"}, "gov": {"governor"}, "lt": {"lieutenant"}, "gen": {"general"},
	"sec": {"secretary"}, "pres": {"president"}, "atty": {"attorney"}, "lawmaker": {"lawmaker"},
}

// describedPerson resolves a definite description of a person ("the
// Florida senator", "the Democratic nominee") to the latest person before it
// whom the text gave that post ("Florida Sen. Marco Rubio", "Sen. Marco
// Rubio (R-Fla.)", "Democratic nominee Hillary Clinton"). A capitalised word
// of the description ("Florida", "Democratic") must be said of them too;
// other words ("former") choose among several. It returns "" when no one
// recent was so described.
func (d *doc) describedPerson(sp phrase) string {
	ev := sp.evidence
	k := len(ev) - 1
	for k >= 0 && ev[k].lw != "the" {
		k--
	}
	if k < 0 || k == len(ev)-1 {
		return ""
	}
	words, head := ev[k+1:len(ev)-1], ev[len(ev)-1].lw
	if !personNoun(head) || strings.HasSuffix(head, "s") && !officialTitles[head] {
		return "" // "the Democrats", "the officials"
	}
	best, bestScore, seen := "", -1, map[string]bool{}
	for i := len(d.refs) - 1; i >= 0 && len(seen) < 8; i-- {
		r := d.refs[i]
		if r.pos >= sp.pos || seen[r.name] {
			continue
		}
		seen[r.name] = true
		said := d.saidOf(r.name, sp.pos)
		if !said[head] {
			continue
		}
		score, capsOK, caps, former := 0, false, false, false
		for _, t := range words {
			former = former || t.lw == "former"
			w := describedWord(t.lw)
			if t.isCap() {
				caps = true
				capsOK = capsOK || said[w]
			}
			if said[w] {
				score++
			}
		}
		if caps && !capsOK || said["former"] && !former {
			continue // "the governor" is not a former governor
		}
		if score > bestScore {
			best, bestScore = r.name, score
		}
	}
	return best
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

var finiteVerbs = set("is was were are has have had will would could did does do can")

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
func (d *doc) saidOf(n string, pos int) map[string]bool {
	said := map[string]bool{}
	add := func(lw string) {
		w := describedWord(lw)
		said[w] = true
		for _, sense := range titleSenses[w] {
			said[sense] = true
		}
	}
	for _, m := range d.evidence[n] {
		if m.pos >= pos {
			break
		}
		for _, t := range m.titles {
			add(t.lw)
		}
		for _, t := range m.appos {
			if t.s >= pos || t.kind != kWord || prepositions[t.lw] || t.lw == "who" || t.lw == "which" || t.lw == "that" || t.lw == "and" {
				break
			}
			add(t.lw)
		}
		for _, w := range m.about {
			add(w)
		}
	}
	return said
}

// resolve names the speaker of a phrase.
func (d *doc) resolve(sp phrase) (string, int) {
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
			if !strings.Contains(n, " ") {
				n = d.fullNameG(n, sp.pos, honorificGender(sp.titles))
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
		if len(sp.name) == 1 {
			if g := honorificGender(sp.titles); g != 0 {
				return d.fullNameG(name, sp.pos, g), spPerson
			}
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
		if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind == entity.Organization {
			return entity.CanonicalOrganization(m.Name), spOrg
		}
		return entity.CanonicalOrganization(joinTokens(sp.name)), spOrg
	case spDesc:
		if n := d.describedPerson(sp); n != "" {
			return n, spPerson
		}
		return "", spDesc
	case spCountry:
		if m, ok := d.entityAt(sp.pos, sp.end); ok && m.Kind == entity.Country {
			return m.Name, spCountry
		}
		n := joinTokens(sp.name)
		return strings.TrimPrefix(n, "the "), spCountry
	}
	return "", sp.kind
}

// output resolves every speaker and returns the quotations in text order.
func (d *doc) output() []Quote {
	var out []Quote
	root := func(q *rawQuote) *rawQuote {
		for n := 0; q.inherit != nil && n < 100; n++ {
			q = q.inherit
		}
		return q
	}
	// named speakers are antecedents too
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, q := range qs {
			if q.sp.kind == spPerson {
				if n, _ := d.resolve(q.sp); n != "" {
					d.refs = append(d.refs, personRef{pos: q.sp.pos, name: n, g: gender(n)})
					d.speakerRefs = append(d.speakerRefs, personRef{pos: q.sp.pos, name: n, g: gender(n)})
				}
			}
		}
	}
	sort.SliceStable(d.refs, func(i, j int) bool { return d.refs[i].pos < d.refs[j].pos })
	sort.SliceStable(d.speakerRefs, func(i, j int) bool { return d.speakerRefs[i].pos < d.speakerRefs[j].pos })
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, q := range qs {
			if q.inherit == nil {
				q.speaker, q.kind = d.resolve(q.sp)
				q.speaker = d.tidy(q.speaker)
				if q.speaker != "" && !d.plausible(q.speaker, q.kind) {
					q.speaker = ""
				}
			}
		}
	}
	rules := make([]string, len(d.quotes))
	for i, q := range d.quotes {
		rules[i] = root(q).speaker
	}
	if d.collect != nil {
		d.collect(d.quotes, rules)
	}
	ranked := rules
	if d.ranker != nil {
		ranked = d.rerank(d.ranker, rules)
	}
	for i, q := range d.quotes {
		src := root(q)
		if ranked[i] != rules[i] {
			src = &rawQuote{speaker: ranked[i], kind: spPerson}
		}
		x := d.quote(q, src, q.cue)
		if i > 0 && d.sameUtterance(d.quotes[i-1], q) && out[len(out)-1].Speaker == x.Speaker {
			last := &out[len(out)-1]
			if last.Pieces == nil {
				last.Pieces = [][2]int{{last.Start, last.End}}
			}
			last.Pieces = append(last.Pieces, [2]int{x.Start, x.End})
			last.Text += PieceSeparator + x.Text
			last.End = x.End
			if last.Cue == "" {
				last.Cue = x.Cue
			}
			continue
		}
		out = append(out, x)
	}
	for _, q := range d.reported {
		if q.speaker == "" {
			continue
		}
		out = append(out, d.quote(q, q, q.cue))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// sameUtterance reports whether quotation b continues a, the quotation
// before it, as one statement: in the same paragraph, with no cue of its own
// ("“…,” she said. “…”", "“…,” he said, “…”", "“…” “…”"). Such pieces
// are one Quote, the way news writing splits one statement around its
// attribution; a new cue ("“…,” he said. He added: “…”") starts another.
func (d *doc) sameUtterance(a, b *rawQuote) bool {
	toks := d.toks
	if !a.direct || !b.direct || a.unclosed || b.cont || toks[a.open].para != toks[b.open].para {
		return false
	}
	// a title is not a piece of speech: “Fox News Sunday” … “to mock”
	if !d.speechPiece(a) || !d.speechPiece(b) {
		return false
	}
	switch {
	case b.inherit == a:
		return true
	case b.cue != "" && a.cue != "" && b.cueTok == a.cueTok && b.sp.kind != spNone:
		return true
	}
	// nothing but space between the two
	return b.open == a.close+1 && b.sp.kind == spNone && b.inherit == nil
}

// speechPiece reports whether q reads as a piece of speech rather than a
// name or title: four words or more, or fewer, not all capitalised, and
// punctuated inside its marks.
func (d *doc) speechPiece(q *rawQuote) bool {
	words, caps := 0, 0
	for k := q.open + 1; k < q.close && k < len(d.toks); k++ {
		if t := d.toks[k]; t.kind == kWord {
			words++
			if t.isCap() {
				caps++
			}
		}
	}
	last := d.toks[q.close-1]
	return words >= 4 || caps < words && last.kind == kPunct && strings.ContainsAny(last.w, ",.?!;")
}

// quote builds the Quote for q, whose speaker is that of src.
func (d *doc) quote(q, src *rawQuote, cue string) Quote {
	role, aff := d.role(src)
	return Quote{Text: d.text[q.start:q.end], Speaker: src.speaker, Role: role, Affiliation: aff,
		Cue: cue, Direct: q.direct, Start: q.start, End: q.end, Mention: d.mention(src)}
}

// phraseMention turns what a speaker phrase says into a mention.
func phraseMention(sp phrase) mention {
	m := mention{titles: sp.titles, appos: sp.appos, affil: sp.affil}
	if len(sp.titles) > 0 {
		m.adjacent = sp.titles[len(sp.titles)-1].lw
	}
	if sp.kind == spDesc {
		m.titles = append(append([]token{}, m.titles...), sp.evidence...)
	}
	return m
}

// role tells the role and affiliation of a quotation's speaker, the same for
// every quotation of one speaker.
func (d *doc) role(q *rawQuote) (string, string) {
	if q.kind == spCountry || q.speaker != "" && isCountry(strings.Fields(strings.ToLower(q.speaker))) {
		return RoleOfficial, ""
	}
	if q.kind == spCountry {
		return RoleOfficial, ""
	}
	if q.speaker == "" {
		if q.kind == spOrg {
			return orgRole(joinTokens(q.sp.name), lowerWords(q.sp.name)), ""
		}
		return decideRole([]mention{phraseMention(q.sp)}, "")
	}
	// one role per speaker, however each quotation named them
	if r, ok := d.roles[q.speaker]; ok {
		return r[0], r[1]
	}
	if q.kind == spOrg {
		role := orgRole(q.speaker, lowerWords(q.sp.name))
		d.roles[q.speaker] = [2]string{role, ""}
		return role, ""
	}
	ms := append([]mention{}, d.evidence[q.speaker]...)
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, x := range qs {
			if x.inherit == nil && x.speaker == q.speaker {
				ms = append(ms, phraseMention(x.sp))
			}
		}
	}
	role, aff := decideRole(ms, q.speaker)
	d.roles[q.speaker] = [2]string{role, aff}
	return role, aff
}

// orgRole is the role of an organization that speaks.
func orgRole(name string, ws []string) string {
	switch entity.OrganizationKind(name) {
	case entity.OrgBody:
		return RoleOfficial
	case entity.OrgResearch:
		return RoleAnalyst
	case entity.OrgMedia, entity.OrgCompany:
		return RoleOther
	}
	analyst, other := false, false
	for _, w := range ws {
		switch {
		case officialOrgWords[w]:
			return RoleOfficial
		case mediaWords[w] || companyWords[w]:
			other = true
		case analystOrgWords[w]:
			analyst = true
		}
	}
	switch {
	case other:
		return RoleOther
	case analyst:
		return RoleAnalyst
	}
	return RoleOfficial
}

// decideRole weighs what the mentions of a person say of them.
// staffAnalysts are expert titles that a government's, party's or
// campaign's own staff hold too.
var staffAnalysts = set("economist economists strategist strategists pollster pollsters consultant consultants adviser advisers advisor advisors analyst analysts")

// publicAttorney words before "attorney" make a public prosecutor.
var publicAttorney = set("city district county state u.s. us federal")

func decideRole(ms []mention, name string) (string, string) {
	var analyst, official, other, strong, formerOfficial bool
	// named with a government, party or campaign they serve now; with a think
	// tank or university; a scholar's title (fellow, professor), which no
	// body's staff holds
	var servesBody, analystBody, scholar bool
	aff := ""
	for _, m := range ms {
		if strongOfficialTitles[strings.TrimSuffix(m.adjacent, ".")] || strongOfficialTitles[m.adjacent] {
			strong = true
		}
		mFormer := false
		for _, part := range [][]token{m.titles, m.appos} {
			former := false
			for k, t := range part {
				w := strings.TrimSuffix(stripPossessive(t.lw), ".")
				if w == "attorney" && (k > 0 && publicAttorney[part[k-1].lw] || k+1 < len(part) && part[k+1].lw == "general") {
					w = "attorney-general" // "City Attorney", "U.S. Attorney", "Attorney General"
				}
				switch {
				case w == "former" || w == "retired" || w == "served" || w == "ex":
					former, mFormer = true, true
				case analystTitles[w]:
					analyst = true
					scholar = scholar || !staffAnalysts[w]
				case (officialTitles[w] || officialTitles[w+"."]) && former:
					formerOfficial = true
				case officialTitles[w] || officialTitles[w+"."] || orgNouns[w] && w != "team":
					official = true
				case otherTitles[w]:
					other = true
				}
			}
		}
		if a, r := affiliation(m); a != "" {
			if aff == "" {
				aff = a
			}
			switch r {
			case RoleAnalyst:
				analyst, analystBody = true, true
			case RoleOfficial:
				// the body a former official served is not whom they speak for now
				if mFormer {
					formerOfficial = true
				} else {
					official, servesBody = true, true
				}
			case RoleOther:
				other = true
			}
		}
	}
	switch {
	case strong && !analyst:
		return RoleOfficial, aff
	case servesBody && !analystBody && !scholar && !formerOfficial:
		// an economist or strategist of a government, party or campaign
		// speaks for it: "chief strategist for the Republican National Committee"
		return RoleOfficial, aff
	case analyst:
		return RoleAnalyst, aff
	case official || strong:
		return RoleOfficial, aff
	case isKnownOfficial(name):
		return RoleOfficial, aff
	case other:
		return RoleOther, aff
	case formerOfficial:
		return RoleAnalyst, aff
	}
	return defaultRole, aff
}

// defaultRole is the role of a person nothing is known of.
const defaultRole = RoleOther

// affiliation finds the organization named with a person and its role.
func affiliation(m mention) (string, string) {
	var cands [][]token
	if len(m.affil) > 0 {
		cands = append(cands, m.affil)
	}
	for _, part := range [][]token{m.appos, m.titles} {
		for i := 0; i < len(part); i++ {
			if !isNameWord(part[i]) {
				continue
			}
			b := capRunFwd(part, i, len(part))
			cands = append(cands, part[i:b])
			i = b - 1
		}
	}
	for _, c := range cands {
		for len(c) > 0 && (c[0].w == "the" || c[0].w == "The" || strings.HasSuffix(c[0].w, "-based")) {
			c = c[1:]
		}
		// "Fox News Chairman", "RNC Research Director": the post is no part
		// of the body's name
		post := false
		for len(c) > 1 && (connectors[c[len(c)-1].w] || isTitleWord(c[len(c)-1].lw) || post && entity.IsPostModifier(c[len(c)-1].lw)) {
			post = post || isTitleWord(c[len(c)-1].lw)
			c = c[:len(c)-1]
		}
		if len(c) == 0 || classifyRun(c) != spOrg {
			continue
		}
		name := entity.CanonicalOrganization(joinTokens(c))
		return name, orgRole(name, lowerWords(c))
	}
	return "", ""
}

// isPartyState reports whether w is a party and state: "D-Mont.", "R-Ky".
// partyState reads "R-Fla." as the words republican and florida.
func partyState(w string) []string {
	var out []string
	switch w[0] {
	case 'R':
		out = append(out, "republican")
	case 'D':
		out = append(out, "democratic")
	case 'I':
		out = append(out, "independent")
	}
	if st, ok := entity.StateName(w[2:]); ok {
		out = append(out, strings.Fields(strings.ToLower(st))...)
	}
	return out
}

func isPartyState(w string) bool {
	return len(w) >= 4 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z'
}

// isKnownOfficial reports whether name is on the list of public figures,
// middle initials aside ("Donald J. Trump").
func isKnownOfficial(name string) bool {
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if len(w) == 2 && w[1] == '.' {
			continue
		}
		ws = append(ws, w)
	}
	return knownOfficials[strings.Join(ws, "_")]
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
	if len(sp.titles) > 0 || len(d.full[surname(w.w)]) > 0 || knownOfficials[lw] {
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
	if knownOfficials[last] {
		return true
	}
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

// mention returns the words of the phrase that names q's speaker, on one
// line.
func (d *doc) mention(q *rawQuote) string {
	if q.speaker == "" || q.sp.kind == spNone || q.sp.pos < 0 || q.sp.end <= q.sp.pos || q.sp.end > len(d.text) {
		return ""
	}
	return strings.Join(strings.Fields(d.text[q.sp.pos:q.sp.end]), " ")
}
