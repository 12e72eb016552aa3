// Framing: a quotation's speaker read from the words of its own sentence and
// of the sentence before it (“…,” said X; X said: “…”; According to X, “…”).

package quote

import "strings"

// attribute finds the speaker of every quotation.
func (d *doc) attribute() {
	for qi, q := range d.quotes {
		d.attributeOne(qi, q)
	}
}

// attributeOne finds the speaker of quotation q from the words around it, or
// marks it pending for carryOver.
func (d *doc) attributeOne(qi int, q *rawQuote) {
	toks := d.toks
	para := toks[q.open].para
	// the right frame: from the closing mark to the end of the sentence
	r0 := q.close + 1
	r1 := r0
	if !q.unclosed && r0 < len(toks) && toks[r0].para == para {
		r1 = d.frameEnd(r0)
	}
	endsSentence := false
	if k := q.close - 1; k > q.open && toks[k].isTerminal() {
		endsSentence = r0 >= r1 || toks[r0].isCap()
	}
	// “…caused death.” Bernie Sanders called Trump a “pathological liar.”:
	// after a quotation that ends its sentence, a sentence that leads into
	// another quotation is that quotation's frame, not this one's
	l0 := d.sentenceStart(q.open)
	nextFrame := endsSentence && r1 < len(toks) && r1 > r0 && toks[r1].kind == kQuote && toks[r1].para == para &&
		toks[r1-1].w != "," && toks[r1-1].w != ":"
	if r1 > r0 && !nextFrame && d.rightFrame(q, r0, r1, endsSentence) {
		// “Feinstein said “…,” she said”: the name before rather than the pronoun
		if q.sp.kind == spPronoun && q.open > l0 {
			saved, cue, cueTok := q.sp, q.cue, q.cueTok
			if d.leftFrame(q, l0, q.open) && (q.sp.kind == spPerson || q.sp.kind == spOrg) {
				return
			}
			q.sp, q.cue, q.cueTok, q.inherit = saved, cue, cueTok, nil
		}
		return
	}
	// a transcript: "WALLACE: But, Governor Pence, …"
	if k := q.open + 1; k+1 < q.close && k+1 < len(toks) && toks[k].kind == kWord && isAllCaps(toks[k].w) && toks[k+1].w == ":" {
		t := toks[k]
		q.sp = phrase{kind: spPerson, name: []token{{s: t.s, e: t.e, w: titleCase(t.w), lw: t.lw, kind: kWord}}, pos: t.s, end: t.e}
		if k+2 < q.close && toks[k+2].s < q.end {
			q.start = toks[k+2].s // the words, not the speaker's label
		}
		return
	}
	if d.leftFrame(q, l0, q.open) {
		return
	}
	// X: “…”, and the subject of the sentence that holds a partial quotation
	if q.open > l0 {
		if toks[q.open-1].w == ":" {
			if sp, _, ok := d.parseBackward(l0, q.open-2); ok && sp.kind != spDesc {
				q.sp = sp
				return
			}
		}
		if sp, ok := d.subject(l0, q.open); ok {
			q.sp = sp
			return
		}
	}
	// “…” Hannity pressed.
	if r1 > r0 && !nextFrame {
		if sp, ok := d.subject(r0, r1); ok && sp.kind != spPronoun {
			q.sp = sp
			return
		}
	}
	// “…” (new paragraph) - President Obama, tweeting
	if q.close+1 < len(toks) && !q.unclosed {
		n := q.close + 1
		if toks[n].para != para && toks[n].kind == kPunct && strings.Contains("-—–―~", toks[n].w) {
			if sp, ok := d.parseForward(n+1, d.frameEnd(n+1)); ok && sp.kind != spPronoun && sp.kind != spDesc {
				q.sp = sp
				return
			}
		}
	}
	// X said: (new paragraph) “…”
	if q.open > 0 && toks[q.open-1].para != para && !q.cont {
		if k := q.open - 1; toks[k].w == ":" && !toks[k].inQ {
			if d.leftFrame(q, d.sentenceStart(k), k) {
				return
			}
			// "Sanders made the following comment:": the subject of the
			// sentence that the colon ends
			if sp, ok := d.subject(d.sentenceStart(k), k); ok && (sp.kind == spPerson || sp.kind == spOrg || sp.kind == spCountry) {
				q.sp = sp
				return
			}
		}
	}
	// X agreed. “…”: a sentence that is only a speaker and a speech verb
	if sp, v, ok := d.sentenceBefore(q); ok {
		d.setSpeaker(q, sp, v)
		return
	}
	q.pending = !d.cueAfter(q.close + 1)
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

// rightFrame reads “…,” said X / “…,” X said / “…” He added.
func (d *doc) rightFrame(q *rawQuote, r0, r1 int, endsSentence bool) bool {
	toks := d.toks
	i := r0
	for i < r1 && toks[i].kind == kPunct && strings.Contains(",—–-―~(", toks[i].w) {
		i++
	}
	if i >= r1 {
		return false
	}
	// “…” ― Veronica Cruz
	if i > r0 && strings.Contains("-—–―~", toks[i-1].w) && !endsSentence || i > r0 && strings.Contains("—–―~", toks[i-1].w) {
		if sp, ok := d.parseForward(i, r1); ok && sp.kind != spPronoun && sp.kind != spDesc {
			q.sp = sp
			return true
		}
	}
	w := toks[i].lower()
	// “…,” said X
	if speechVerbs[w] && !endsSentence {
		k := i + 1
		for k < r1 && d.isAux(k) {
			k++
		}
		if sp, ok := d.parseForward(k, r1); ok {
			d.setSpeaker(q, sp, i)
			return true
		}
	}
	// “…,” according to X
	if w == "according" && i+1 < r1 && toks[i+1].w == "to" {
		if sp, ok := d.accordingTo(i+2, r1); ok {
			q.sp, q.cue = sp, "according to"
			return true
		}
	}
	// “…,” X said
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
		// “…” in the 2008 primary, said Paul Beck
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

// leftFrame reads X said: “…” / X warned that it “…” / According to X, “…”.
func (d *doc) leftFrame(q *rawQuote, l0, l1 int) bool {
	toks := d.toks
	// "When Trump suggested that …, Rubio fired back: “…”": a speech verb in
	// an opening subordinate clause does not govern the main clause's
	// quotation; that clause's subject does.
	sub := -1
	if l0 < l1 && subordinators[toks[l0].lw] {
		for k := l0 + 1; k < l1; k++ {
			if toks[k].w == "," {
				sub = k
				break
			}
		}
	}
	for v := l1 - 1; v >= l0 && v >= l1-40; v-- {
		if v == sub {
			if sp, ok := d.subject(sub+1, l1); ok && sp.kind != spDesc {
				q.sp = sp
				return true
			}
		}
		t := toks[v]
		if t.kind != kWord || t.inQ {
			continue
		}
		w := t.lower()
		if w == "according" && v+1 < l1 && toks[v+1].w == "to" {
			hi := v + 2
			for hi < l1 && toks[hi].w != "," {
				hi++
			}
			if sp, ok := d.accordingTo(v+2, hi); ok {
				q.sp, q.cue = sp, "according to"
				return true
			}
			continue
		}
		// "footage of Clinton asking, “…”", "footage of Trump saying during
		// the debate last week, “…”": a name, then the participle and at
		// most a short adjunct
		if participleVerbs[w] && v > l0 && isNameWord(toks[v-1]) && l1-v <= 10 && l1-1 > v && (toks[l1-1].w == "," || toks[l1-1].w == ":") && d.adjunct(v+1, l1-1) {
			if sp, _, ok := d.parseBackward(l0, v-1); ok && (sp.kind == spPerson || sp.kind == spOrg) {
				d.setSpeaker(q, sp, v)
				return true
			}
		}
		if participleVerbs[w] && v > l0 && toks[v-1].w == "," {
			// “he said, calling …”: the subject is the main clause's
			for u := v - 2; u >= l0; u-- {
				if d.isVerb(u) {
					j := u - 1
					for j >= l0 && d.isAux(j) {
						j--
					}
					if sp, _, ok := d.parseBackward(l0, j); ok {
						d.setSpeaker(q, sp, v)
						return true
					}
					break
				}
			}
			if u := d.prevQuoteIn(q, l0); u != nil {
				q.inherit, q.cue = u, w
				return true
			}
			// "Paul then interjected, calling …": the sentence's subject
			if sp, ok := d.subject(l0, v); ok && (sp.kind == spPerson || sp.kind == spPronoun) {
				d.setSpeaker(q, sp, v)
				return true
			}
			continue
		}
		if !speechVerbs[w] {
			continue
		}
		j := v - 1
		for j >= l0 && d.isAux(j) {
			j--
		}
		if sp, a, ok := d.parseBackward(l0, j); ok {
			if a > l0 && prepositions[toks[a-1].lw] && toks[a-1].lw != "as" || d.endsPrepList(a, l0) {
				continue // "of Republican claims": a noun, not a speech verb ("As Dell said, “…”" is one)
			}
			d.setSpeaker(q, sp, v)
			return true
		}
		// "X praised … and said …“…”": the subject of the first verb speaks
		if j > l0 && toks[j].lw == "and" {
			if sp, ok := d.subject(l0, j); ok && sp.kind != spDesc {
				d.setSpeaker(q, sp, v)
				return true
			}
		}
		// said X: “…” (but "told X" names who listened), not "said the
		// Florida senator can “…”", where X is the subject of a clause
		// ("says of Clinton, “…”" names whom the words are about)
		if sp, ok := d.parseForward(v+1, l1); ok && forwardVerbs[w] && !prepositions[toks[v+1].lw] && sp.kind != spPronoun && sp.kind != spDesc && d.endsFrame(sp, l1) {
			d.setSpeaker(q, sp, v)
			return true
		}
		// "Carson took the stage … and called the system “rotten to the core.”"
		if sp, ok := d.subject(l0, v); ok {
			d.setSpeaker(q, sp, v)
			return true
		}
	}
	return false
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
