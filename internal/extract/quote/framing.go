// Framing: a quotation's speaker read from the words of its own sentence and
// of the sentence before it (“…,” said X; X said: “…”; According to X, “…”).

package quote

import "strings"

// attribute finds the speaker of every quotation.
func (d *doc) attribute() {
	for _, q := range d.quotes {
		d.attributeOne(q)
	}
}

// frame is what the frame rules read about one quotation: the sentence
// that holds it and the words after it.
type frame struct {
	q    *rawQuote
	para int
	l0   int // the first token of the quotation's sentence
	// r0 and r1 bound the right frame: from the token after the closing
	// mark to the end of its sentence.
	r0, r1       int
	endsSentence bool // the quotation ends its sentence
	// nextFrame: after a quotation that ends its sentence, the sentence
	// after leads into a quotation of its own and is that one's frame, not
	// this one's (“…caused death.” Bernie Sanders called Trump a
	// “pathological liar.”).
	nextFrame bool
}

// frameRule is one way a quotation's words name its speaker. example is a
// text whose first quotation the rule attributes, to speaker, and no rule
// before it does; TestFrameRules runs every example.
type frameRule struct {
	name    string
	example string
	speaker string
	match   func(d *doc, f *frame) bool // reports whether it set the speaker
}

// frameRules are tried in order on each quotation; the first that matches
// names its speaker. A quotation none matches takes the speaker of the
// speech before it (carryOver) unless a cue follows it.
var frameRules = []frameRule{
	{"after the quotation", "“We will not sign this budget,” said Helena Brandt, a fellow at the Institute for Fiscal Studies.",
		"Helena Brandt", (*doc).afterQuote},
	{"transcript label", "The interview, edited:\n\n“KESSLER: We are investing in the things that make the economy grow.”",
		"Kessler", (*doc).transcriptLabel},
	{"before the quotation", "Energy Minister Rafael Cortez told reporters: “We will reopen the northern mine by March.”",
		"Rafael Cortez", func(d *doc, f *frame) bool { return d.leftFrame(f.q, f.l0, f.q.open) }},
	{"name and colon", "Mines\n\nEnergy Minister Rafael Cortez: “We will reopen the northern mine by March.”",
		"Rafael Cortez", (*doc).nameColon},
	{"subject of its sentence", "On Monday, Mara Voss knocked the plan as “a disaster for working families.”",
		"Mara Voss", (*doc).sentenceSubject},
	{"subject after it", "Leena Haas interviewed the minister on Sunday. “That is simply not true of the budget.” Haas pressed.",
		"Leena Haas", (*doc).subjectAfter},
	{"dash in the next paragraph", "Her post read in full:\n\n“Thirty years on the road is enough for anyone.”\n― Lena Martell",
		"Lena Martell", (*doc).dashNextParagraph},
	{"colon ending the paragraph before", "Mayor Sofia Brandt said:\n\n“We will rebuild the bridge before the spring.”",
		"Sofia Brandt", (*doc).colonParagraphBefore},
	{"speaker sentence before", "The vote was close. Petra Lund agreed. “Nobody expected the result to be this close.”",
		"Petra Lund", func(d *doc, f *frame) bool {
			if sp, v, ok := d.sentenceBefore(f.q); ok {
				d.setSpeaker(f.q, sp, v)
				return true
			}
			return false
		}},
}

// attributeOne finds the speaker of quotation q from the words around it, or
// marks it pending for carryOver.
func (d *doc) attributeOne(q *rawQuote) {
	toks := d.toks
	f := &frame{q: q, para: toks[q.open].para, r0: q.close + 1}
	f.r1 = f.r0
	if !q.unclosed && f.r0 < len(toks) && toks[f.r0].para == f.para {
		f.r1 = d.frameEnd(f.r0)
	}
	if k := q.close - 1; k > q.open && toks[k].isTerminal() {
		f.endsSentence = f.r0 >= f.r1 || toks[f.r0].isCap()
	}
	f.l0 = d.sentenceStart(q.open)
	f.nextFrame = f.endsSentence && f.r1 < len(toks) && f.r1 > f.r0 && toks[f.r1].kind == kQuote && toks[f.r1].para == f.para &&
		toks[f.r1-1].w != "," && toks[f.r1-1].w != ":"
	for _, r := range frameRules {
		if r.match(d, f) {
			q.rule = r.name
			return
		}
	}
	q.pending = !d.cueAfter(q.close + 1)
}

// afterQuote reads the speaker from the rest of the quotation's sentence
// (see rightRules). “Feinstein said “…,” she said”: a name before the
// quotation wins over a pronoun after it.
func (d *doc) afterQuote(f *frame) bool {
	q := f.q
	if f.r1 <= f.r0 || f.nextFrame || !d.rightFrame(q, f.r0, f.r1, f.endsSentence) {
		return false
	}
	if q.sp.kind == spPronoun && q.open > f.l0 {
		saved, cue, cueTok := q.sp, q.cue, q.cueTok
		if d.leftFrame(q, f.l0, q.open) && (q.sp.kind == spPerson || q.sp.kind == spOrg) {
			return true
		}
		q.sp, q.cue, q.cueTok, q.inherit = saved, cue, cueTok, nil
	}
	return true
}

// transcriptLabel reads a transcript's speaker label at the start of the
// quotation: "WALLACE: But, Governor Pence, …".
func (d *doc) transcriptLabel(f *frame) bool {
	toks, q := d.toks, f.q
	k := q.open + 1
	if !(k+1 < q.close && k+1 < len(toks) && toks[k].kind == kWord && isAllCaps(toks[k].w) && toks[k+1].w == ":") {
		return false
	}
	t := toks[k]
	q.sp = phrase{kind: spPerson, name: []token{{s: t.s, e: t.e, w: titleCase(t.w), lw: t.lw, kind: kWord}}, pos: t.s, end: t.e}
	if k+2 < q.close && toks[k+2].s < q.end {
		q.start = toks[k+2].s // the words, not the speaker's label
	}
	return true
}

// nameColon reads X: “…”, a name and a colon before the quotation.
func (d *doc) nameColon(f *frame) bool {
	q := f.q
	if q.open <= f.l0 || d.toks[q.open-1].w != ":" {
		return false
	}
	if sp, _, ok := d.parseBackward(f.l0, q.open-2); ok && sp.kind != spDesc {
		q.sp = sp
		return true
	}
	return false
}

// sentenceSubject reads the subject of the sentence that holds a partial
// quotation.
func (d *doc) sentenceSubject(f *frame) bool {
	if f.q.open <= f.l0 {
		return false
	}
	if sp, ok := d.subject(f.l0, f.q.open); ok {
		f.q.sp = sp
		return true
	}
	return false
}

// subjectAfter reads a named subject after the quotation: “…” Hannity
// pressed.
func (d *doc) subjectAfter(f *frame) bool {
	if f.r1 <= f.r0 || f.nextFrame {
		return false
	}
	if sp, ok := d.subject(f.r0, f.r1); ok && sp.kind != spPronoun {
		f.q.sp = sp
		return true
	}
	return false
}

// dashNextParagraph reads a name after a dash that opens the next
// paragraph: “…” (new paragraph) ― President Obama, tweeting.
func (d *doc) dashNextParagraph(f *frame) bool {
	toks, q := d.toks, f.q
	if q.close+1 >= len(toks) || q.unclosed {
		return false
	}
	n := q.close + 1
	if toks[n].para != f.para && toks[n].kind == kPunct && strings.Contains("-—–―~", toks[n].w) {
		if sp, ok := d.parseForward(n+1, d.frameEnd(n+1)); ok && sp.kind != spPronoun && sp.kind != spDesc {
			q.sp = sp
			return true
		}
	}
	return false
}

// colonParagraphBefore reads a paragraph before that ends in a colon: X
// said: (new paragraph) “…”, or "Sanders made the following comment:", whose
// subject speaks.
func (d *doc) colonParagraphBefore(f *frame) bool {
	toks, q := d.toks, f.q
	if q.open == 0 || toks[q.open-1].para == f.para || q.cont {
		return false
	}
	k := q.open - 1
	if toks[k].w != ":" || toks[k].inQ {
		return false
	}
	if d.leftFrame(q, d.sentenceStart(k), k) {
		return true
	}
	if sp, ok := d.subject(d.sentenceStart(k), k); ok && (sp.kind == spPerson || sp.kind == spOrg || sp.kind == spCountry) {
		q.sp = sp
		return true
	}
	return false
}

// sentenceBefore reads the speaker of a quotation that opens its sentence
// from the sentence just before it in its paragraph, when that sentence is
// only a named speaker and a speech verb ("Dianne Bystrom agreed. “…”",
// "Trump said Tuesday. “…”"). It returns the phrase and the verb's index.
func (d *doc) sentenceBefore(q *rawQuote) (phrase, int, bool) {
	toks := d.toks
	k := q.open - 1
	if q.cont || k < 1 || toks[k].para != toks[q.open].para || !toks[k].isTerminal() || toks[k].inQ {
		return phrase{}, 0, false
	}
	v := k - 1
	for v > 0 && d.isAux(v) {
		v-- // "said Tuesday."
	}
	if !d.isVerb(v) {
		return phrase{}, 0, false
	}
	l0 := d.sentenceStart(v)
	j := v - 1
	for j >= l0 && d.isAux(j) {
		j--
	}
	sp, a, ok := d.parseBackward(l0, j)
	if !ok || a != l0 || sp.kind == spDesc || sp.kind == spPronoun && sp.pronoun != "he" && sp.pronoun != "she" {
		return phrase{}, 0, false
	}
	return sp, v, true
}

// rightRule is one way the rest of a quotation's sentence names its
// speaker; i is the first word after the closing mark and the punctuation
// that follows it. example is a text whose first quotation it attributes.
type rightRule struct {
	name    string
	example string
	speaker string
	match   func(d *doc, q *rawQuote, i, r0, r1 int, endsSentence bool) bool
}

// rightRules are tried in order by rightFrame.
var rightRules = []rightRule{
	{"dash and name", "Fans wrote back at once. “Nobody sang a love song like her” ― Paulo Reis, on Friday.", "Paulo Reis", (*doc).dashName},
	{"said X", "“The harvest is late but it is not lost,” added Priya Raman of the Centre for Agrarian Research.", "Priya Raman", (*doc).saidName},
	{"according to X", "“Three villages are still cut off from the road,” according to Maria Okafor, the regional governor.", "Maria Okafor", (*doc).accordingToName},
	{"X said", "“The dockers have every right to be angry,” Tomas Lindqvist said on Tuesday.", "Tomas Lindqvist", (*doc).nameSaid},
}

// rightFrame reads “…,” said X / “…,” X said / “…” He added, trying
// rightRules in order.
func (d *doc) rightFrame(q *rawQuote, r0, r1 int, endsSentence bool) bool {
	toks := d.toks
	i := r0
	for i < r1 && toks[i].kind == kPunct && strings.Contains(",—–-―~(", toks[i].w) {
		i++
	}
	if i >= r1 {
		return false
	}
	for _, r := range rightRules {
		if r.match(d, q, i, r0, r1, endsSentence) {
			q.rightRule = r.name
			return true
		}
	}
	return false
}

// dashName reads “…” ― Veronica Cruz.
func (d *doc) dashName(q *rawQuote, i, r0, r1 int, endsSentence bool) bool {
	toks := d.toks
	if i > r0 && strings.Contains("-—–―~", toks[i-1].w) && !endsSentence || i > r0 && strings.Contains("—–―~", toks[i-1].w) {
		if sp, ok := d.parseForward(i, r1); ok && sp.kind != spPronoun && sp.kind != spDesc {
			q.sp = sp
			return true
		}
	}
	return false
}

// saidName reads “…,” said X.
func (d *doc) saidName(q *rawQuote, i, r0, r1 int, endsSentence bool) bool {
	if !speechVerbs[d.toks[i].lower()] || endsSentence {
		return false
	}
	k := i + 1
	for k < r1 && d.isAux(k) {
		k++
	}
	if sp, ok := d.parseForward(k, r1); ok {
		d.setSpeaker(q, sp, i)
		return true
	}
	return false
}

// accordingToName reads “…,” according to X.
func (d *doc) accordingToName(q *rawQuote, i, r0, r1 int, endsSentence bool) bool {
	toks := d.toks
	if toks[i].lower() != "according" || i+1 >= r1 || toks[i+1].w != "to" {
		return false
	}
	if sp, ok := d.accordingTo(i+2, r1); ok {
		q.sp, q.cue = sp, "according to"
		return true
	}
	return false
}

// nameSaid reads “…,” X said, and “…” in the 2008 primary, said Paul Beck:
// the first speech verb of the sentence, with the name before or after it.
func (d *doc) nameSaid(q *rawQuote, i, r0, r1 int, endsSentence bool) bool {
	toks := d.toks
	limit := i + 25
	if limit > r1 {
		limit = r1
	}
	for v := i + 1; v < limit; v++ {
		if !d.isVerb(v) {
			continue
		}
		j := v - 1
		for j > i && d.isAux(j) {
			j--
		}
		sp, a, ok := d.parseBackward(i, j)
		if ok && a > i && a <= i+3 {
			// "Tulsa police Chief Chuck Jordan said": descriptive words before
			// the name; not "when Clinton blasted him", a clause of its own
			words := true
			for k := i; k < a; k++ {
				words = words && toks[k].kind == kWord && !subordinators[toks[k].lw]
			}
			if words {
				a = i
			}
		}
		if ok && (a <= i || toks[a-1].w == ",") {
			d.setSpeaker(q, sp, v)
			return true
		}
		if toks[v-1].w == "," {
			if sp, ok := d.parseForward(v+1, r1); ok && sp.kind != spPronoun && sp.kind != spDesc {
				d.setSpeaker(q, sp, v)
				return true
			}
		}
		break
	}
	return false
}

// leftScan is what the rules of leftRules read: the quotation and the
// words before it in its sentence, toks[l0:l1].
type leftScan struct {
	q      *rawQuote
	l0, l1 int
	// sub is the comma that closes an opening subordinate clause ("When
	// Trump suggested that …, Rubio fired back: “…”"), or -1.
	sub int
}

// verdict is what a rule of leftRules makes of a word.
type verdict uint8

const (
	next verdict = iota // the rule does not apply; try the next one
	skip                // no rule applies to this word; go on to the word before
	done                // the rule named the speaker
)

// leftRule is one way the words before a quotation name its speaker, tried
// at each word v, from the quotation back. example is a text whose first
// quotation the rule attributes.
type leftRule struct {
	name    string
	example string
	speaker string
	match   func(d *doc, s *leftScan, v int) verdict
}

// leftRules are tried in order at each word before the quotation, the
// nearest word first.
var leftRules = []leftRule{
	{"subject after a subordinate clause", "When Ortega suggested that the plan was dead, Mara Voss fired back: “The plan is alive and well today.”",
		"Mara Voss", (*doc).leftSubordinate},
	{"according to X", "According to Priya Raman, “the harvest is late but it is not lost this year.”",
		"Priya Raman", (*doc).leftAccording},
	{"name and participle", "Footage showed Mara Voss saying during the debate, “We will not raise taxes this year.”",
		"Mara Voss", (*doc).leftNameParticiple},
	{"participle after a comma", "Luis Ortega said the plan was dead, calling it “a disaster for working families.”",
		"Luis Ortega", (*doc).leftParticiple},
	{"X said", "Luis Ortega said the plan would “leave the border towns without a single doctor.”",
		"Luis Ortega", (*doc).leftNameSaid},
	{"X … and said, X … but said", "Luis Ortega praised the nurses but said the plan would “leave the towns without a doctor.”",
		"Luis Ortega", (*doc).leftAndSaid},
	{"said X", "Said Luis Ortega, the union leader: “We will strike again in May and in June.”",
		"Luis Ortega", (*doc).leftSaidName},
	{"subject of the sentence", "Luis Ortega stood up in parliament in Vestby and, angrily, called the system “rotten to the core.”",
		"Luis Ortega", (*doc).leftSubject},
}

// leftFrame reads X said: “…” / X warned that it “…” / According to X, “…”
// in toks[l0:l1], trying leftRules at each word from l1 back.
func (d *doc) leftFrame(q *rawQuote, l0, l1 int) bool {
	toks := d.toks
	s := &leftScan{q: q, l0: l0, l1: l1, sub: -1}
	if l0 < l1 && subordinators[toks[l0].lw] {
		for k := l0 + 1; k < l1; k++ {
			if toks[k].w == "," {
				s.sub = k
				break
			}
		}
	}
	for v := l1 - 1; v >= l0 && v >= l1-40; v-- {
	rules:
		for _, r := range leftRules {
			switch r.match(d, s, v) {
			case done:
				q.leftRule = r.name
				return true
			case skip:
				break rules
			}
		}
	}
	return false
}

// word returns token v in lower case when it is a word outside quotations.
func (d *doc) word(v int) (string, bool) {
	t := d.toks[v]
	if t.kind != kWord || t.inQ {
		return "", false
	}
	return t.lower(), true
}

// leftSubordinate reads the subject of the main clause after an opening
// subordinate clause, whose speech verb does not govern the quotation.
func (d *doc) leftSubordinate(s *leftScan, v int) verdict {
	if v != s.sub {
		return next
	}
	if sp, ok := d.subject(s.sub+1, s.l1); ok && sp.kind != spDesc {
		s.q.sp = sp
		return done
	}
	return next
}

// leftAccording reads According to X, “…”.
func (d *doc) leftAccording(s *leftScan, v int) verdict {
	toks := d.toks
	w, ok := d.word(v)
	if !ok {
		return skip
	}
	if w != "according" || v+1 >= s.l1 || toks[v+1].w != "to" {
		return next
	}
	hi := v + 2
	for hi < s.l1 && toks[hi].w != "," {
		hi++
	}
	if sp, ok := d.accordingTo(v+2, hi); ok {
		s.q.sp, s.q.cue = sp, "according to"
		return done
	}
	return skip
}

// leftNameParticiple reads "footage of Clinton asking, “…”", "footage of
// Trump saying during the debate last week, “…”": a name, then the
// participle and at most a short adjunct.
func (d *doc) leftNameParticiple(s *leftScan, v int) verdict {
	toks, l0, l1 := d.toks, s.l0, s.l1
	w, _ := d.word(v)
	if participleVerbs[w] && v > l0 && isNameWord(toks[v-1]) && l1-v <= 10 && l1-1 > v && (toks[l1-1].w == "," || toks[l1-1].w == ":") && d.adjunct(v+1, l1-1) {
		if sp, _, ok := d.parseBackward(l0, v-1); ok && (sp.kind == spPerson || sp.kind == spOrg) {
			d.setSpeaker(s.q, sp, v)
			return done
		}
	}
	return next
}

// leftParticiple reads “he said, calling …”: the participle's subject is
// the main clause's, or the speaker of a quotation earlier in the sentence,
// or the sentence's subject ("Paul then interjected, calling …").
func (d *doc) leftParticiple(s *leftScan, v int) verdict {
	toks, l0, q := d.toks, s.l0, s.q
	w, _ := d.word(v)
	if !participleVerbs[w] || v <= l0 || toks[v-1].w != "," {
		return next
	}
	for u := v - 2; u >= l0; u-- {
		if d.isVerb(u) {
			j := u - 1
			for j >= l0 && d.isAux(j) {
				j--
			}
			if sp, _, ok := d.parseBackward(l0, j); ok {
				d.setSpeaker(q, sp, v)
				return done
			}
			break
		}
	}
	if u := d.prevQuoteIn(q, l0); u != nil {
		q.inherit, q.cue = u, w
		return done
	}
	if sp, ok := d.subject(l0, v); ok && (sp.kind == spPerson || sp.kind == spPronoun) {
		d.setSpeaker(q, sp, v)
		return done
	}
	return skip
}

// speechVerbAt returns the speech verb at token v and the index of the
// last word before it that is no auxiliary, or ok false.
func (d *doc) speechVerbAt(s *leftScan, v int) (w string, j int, ok bool) {
	w, _ = d.word(v)
	if !speechVerbs[w] {
		return "", 0, false
	}
	j = v - 1
	for j >= s.l0 && d.isAux(j) {
		j--
	}
	if j == v-1 && j >= s.l0 && isPossessive(d.toks[j].w) {
		return "", 0, false // an adjective: "Berg’s proposed tax credit"
	}
	return w, j, true
}

// leftNameSaid reads X said: “…”, not "of Republican claims", where the
// verb is a noun after a preposition ("As Dell said, “…”" is one).
func (d *doc) leftNameSaid(s *leftScan, v int) verdict {
	_, j, ok := d.speechVerbAt(s, v)
	if !ok {
		return skip
	}
	sp, a, ok := d.parseBackward(s.l0, j)
	if !ok {
		return next
	}
	if a > s.l0 && prepositions[d.toks[a-1].lw] && d.toks[a-1].lw != "as" || d.endsPrepList(a, s.l0) {
		return skip
	}
	d.setSpeaker(s.q, sp, v)
	return done
}

// leftAndSaid reads "X praised … and said …“…”" and "X declined … but
// said …“…”": the subject of the first verb speaks.
func (d *doc) leftAndSaid(s *leftScan, v int) verdict {
	_, j, ok := d.speechVerbAt(s, v)
	if !ok || j <= s.l0 || !verbCoordinators[d.toks[j].lw] {
		return next
	}
	if sp, ok := d.subject(s.l0, j); ok && sp.kind != spDesc {
		d.setSpeaker(s.q, sp, v)
		return done
	}
	return next
}

// leftSaidName reads said X: “…” (but "told X" names who listened), not
// "said the Florida senator can “…”", where X is the subject of a clause
// ("says of Clinton, “…”" names whom the words are about).
func (d *doc) leftSaidName(s *leftScan, v int) verdict {
	w, _, ok := d.speechVerbAt(s, v)
	if !ok {
		return next
	}
	if sp, ok := d.parseForward(v+1, s.l1); ok && forwardVerbs[w] && !prepositions[d.toks[v+1].lw] && sp.kind != spPronoun && sp.kind != spDesc && d.endsFrame(sp, s.l1) {
		d.setSpeaker(s.q, sp, v)
		return done
	}
	return next
}

// leftSubject reads the sentence's subject for a speech verb that no
// name stands next to: "Carson took the stage … and called the system
// “rotten to the core.”"
func (d *doc) leftSubject(s *leftScan, v int) verdict {
	if _, _, ok := d.speechVerbAt(s, v); !ok {
		return next
	}
	if sp, ok := d.subject(s.l0, v); ok {
		d.setSpeaker(s.q, sp, v)
		return done
	}
	return next
}

// endsPrepList reports whether the name at token a ends a list that a
// preposition governs, and so is no subject: "lawmakers from constituencies
// in Kerry, Clare and Galway said". A list that names a person is a
// subject after an opening phrase: "In Washington, Obama and Biden said".
func (d *doc) endsPrepList(a, l0 int) bool {
	toks := d.toks
	if a-1 < l0 || toks[a-1].lw != "and" && toks[a-1].lw != "or" || d.personAt(toks[a].s, toks[a].e) != "" {
		return false
	}
	if m, ok := d.entityAt(toks[a].s, toks[a].e); ok && m.Start < toks[a].s {
		return false // one name with "and" in it: "Organization for Economic Cooperation and Development"
	}
	if a-2 >= l0 && toks[a-2].w == "," {
		return false // ", and Breitbart News responded": a clause of its own
	}
	for k := a - 2; k >= l0 && k >= a-14; k-- {
		t := toks[k]
		switch {
		case t.w == ",":
		case t.isCap():
			if d.personAt(t.s, t.e) != "" {
				return false
			}
		case prepositions[t.lw] && t.lw != "as":
			// not the "of" inside "Federation of Teachers"
			return k == l0 || !toks[k-1].isCap()
		default:
			return false
		}
	}
	return false
}

// adjunct reports whether toks[i:j] is empty or a short phrase of time or
// place ("during the debate last week", "on Fox News"): a preposition or a
// time word first, and no verb of speech or clause in it.
func (d *doc) adjunct(i, j int) bool {
	if i >= j {
		return true
	}
	if t := d.toks[i]; !prepositions[t.lw] && !adjunctStarts[t.lw] && !calendar[t.lw] && t.lw != "during" && t.lw != "after" && t.lw != "before" {
		return false
	}
	for k := i; k < j; k++ {
		t := d.toks[k]
		if t.kind != kWord || t.inQ || speechVerbs[t.lw] || t.lw == "that" || finiteVerbs[t.lw] {
			return false
		}
	}
	return true
}

// endsFrame reports whether the speaker phrase sp, with its apposition,
// runs up to token l1 or to a comma or colon: "said Jane Doe, an analyst:".
func (d *doc) endsFrame(sp phrase, l1 int) bool {
	end := sp.end
	if len(sp.appos) > 0 {
		end = sp.appos[len(sp.appos)-1].e
	}
	k := d.tokenAt(end)
	return k >= l1 || d.toks[k].w == "," || d.toks[k].w == ":" || d.toks[k].kind == kQuote
}

// subject finds the named subject of the clause that starts at token lo,
// after an introduction that ends in a comma ("On Monday, Eric Trump
// knocked …"): a name or pronoun followed by a verb in lower case.
func (d *doc) subject(lo, hi int) (phrase, bool) {
	toks := d.toks
	starts := []int{lo}
	for k := lo; k < hi && k < lo+14; k++ {
		if toks[k].w == "," {
			starts = append(starts, k+1)
		}
	}
	for _, st := range starts {
		if st >= hi {
			break
		}
		t := toks[st]
		theName := t.lw == "the" && st+1 < hi && isNameWord(toks[st+1]) // "The Harbor Tenants Union sued"
		if t.kind != kWord || t.inQ || strings.HasSuffix(t.w, "ing") || nonNames[t.lower()] && !pronouns[t.lower()] && !theName {
			continue
		}
		sp, ok := d.parseForward(st, hi)
		if !ok || sp.kind == spDesc && d.describedPerson(sp) == "" || sp.pronoun == "it" || sp.pronoun == "i" || sp.pronoun == "we" || sp.pronoun == "they" {
			continue // a description only when it names someone: "The Florida senator took …"
		}
		if sp.kind == spPerson && len(sp.name) == 1 && len(sp.titles) == 0 && d.personAt(sp.pos, sp.end) == "" && len(d.full[surname(joinTokens(sp.name))]) == 0 &&
			!d.speaker(stripPossessive(sp.name[0].lw)) {
			continue // a lone capitalised word that names nobody known
		}
		// the word after the phrase must be a verb: lower case, not a preposition
		e := st
		for e < hi && toks[e].s < sp.end {
			e++
		}
		// an apposition between commas or in parentheses: "Trump, who leads
		// in delegates, mocked", "Hakeem Jeffries (D-N.Y.) reacted"
		if e < hi && (toks[e].w == "," || toks[e].w == "(") && sp.kind != spPronoun {
			closer := ","
			if toks[e].w == "(" {
				closer = ")"
			}
			k := e + 1
			for k < hi && k < e+20 && toks[k].w != closer {
				k++
			}
			if k < hi && toks[k].w == closer && k > e+1 {
				e = k + 1
			}
		}
		for e < hi && auxiliaries[toks[e].lower()] {
			e++
		}
		if e < hi && toks[e].kind == kWord && !toks[e].isCap() && (!nonNames[toks[e].lower()] || toks[e].lw == "not") {
			return sp, true
		}
	}
	return phrase{}, false
}

// prevQuoteIn returns the quotation just before q when it ends at or after
// token l0 (in the same sentence), or nil.
func (d *doc) prevQuoteIn(q *rawQuote, l0 int) *rawQuote {
	var prev *rawQuote
	for _, x := range d.quotes {
		if x == q {
			break
		}
		prev = x
	}
	if prev != nil && prev.close >= l0-1 && d.toks[prev.open].para == d.toks[q.open].para {
		return prev
	}
	return nil
}

// speaker reports whether the capitalised word lw is the subject of a
// speech verb somewhere in the text ("Trump said", "said Trump"): a lone
// name the text treats as a speaker.
func (d *doc) speaker(lw string) bool {
	if d.speakers == nil {
		d.speakers = map[string]bool{}
		toks := d.toks
		for k, t := range toks {
			if t.kind != kWord || t.isCap() || !speechVerbs[t.lw] {
				continue
			}
			if j := k - 1; j >= 0 && toks[j].isCap() && toks[j].kind == kWord {
				d.speakers[stripPossessive(toks[j].lw)] = true
			}
			if j := k + 1; j < len(toks) && toks[j].isCap() && toks[j].kind == kWord && (j+1 == len(toks) || toks[j+1].kind == kPunct) {
				d.speakers[toks[j].lw] = true
			}
		}
	}
	return d.speakers[lw] && !nonNames[lw] && !genericSubjects[lw]
}

// setSpeaker gives q the speaker phrase sp and the speech verb at token verb.
func (d *doc) setSpeaker(q *rawQuote, sp phrase, verb int) {
	q.sp = sp
	q.cue = d.toks[verb].lower()
	q.cueTok = verb
	d.usedCue[verb] = true
}
