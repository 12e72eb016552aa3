// Reported speech: a named subject, a speech verb and a clause without
// quotation marks, and paragraphs that open with a speaker and a colon.

package quote

import "strings"

// colonLines records the paragraphs that open with a name and a colon, as
// headlines and transcripts do ("Sanders: Brexit’s message could draw Trump
// support", "BENENSON: Senator Sanders doesn’t get to decide …"). A lone
// word counts only when it is the surname of someone named in full in the
// article.
func (d *doc) colonLines() {
	toks := d.toks
	for i := 0; i < len(toks); {
		end := d.paraEnd[toks[i].para]
		start := i
		if end <= start {
			end = start + 1
		}
		i = end
		if toks[start].inQ || !isNameWord(toks[start]) {
			continue
		}
		b := capRunFwd(toks, start, end)
		if b-start > 3 || b >= end || toks[b].w != ":" || end-b < 5 || toks[b+1].kind == kQuote {
			continue
		}
		run := append([]token{}, toks[start:b]...)
		for k := range run {
			if isAllCaps(run[k].w) && len(run) < 3 {
				run[k].w = titleCase(run[k].w)
				run[k].lw = strings.ToLower(run[k].w)
			}
		}
		var sp phrase
		d.fillName(&sp, run)
		switch {
		case sp.kind == spPerson && len(sp.name) == 1:
			if len(d.full[surname(sp.name[0].w)]) == 0 {
				continue
			}
		case sp.kind == spPerson, sp.kind == spOrg && len(run) > 1:
			if _, ok := d.entityAt(run[0].s, run[len(run)-1].e); !ok {
				continue
			}
		default:
			continue
		}
		sp.pos, sp.end = run[0].s, run[len(run)-1].e
		d.reported = append(d.reported, &rawQuote{start: toks[b+1].s, end: toks[end-1].e, sp: sp, cue: ":", cueTok: b})
	}
}

// indirect records reported speech: a named subject, a speech verb and a
// clause with no quotation marks.
func (d *doc) indirect() {
	toks := d.toks
	d.colonLines()
	for v := range toks {
		t := toks[v]
		if t.kind != kWord || t.inQ || d.usedCue[v] {
			continue
		}
		d.learnedCue(v) // the heads labelled articles attribute (cues.go)
		w := t.lower()
		if w == "according" && v+2 < len(toks) && toks[v+1].w == "to" {
			hi := d.frameEnd(v + 2)
			c := v + 2
			for c < hi && toks[c].w != "," {
				c++
			}
			sp, ok := d.accordingTo(v+2, c)
			if !ok || sp.kind == spPronoun || sp.kind == spDesc {
				continue
			}
			s0 := d.sentenceStart(v)
			e0 := d.frameEnd(v)
			if e0 <= s0 {
				continue
			}
			d.reported = append(d.reported, &rawQuote{start: toks[s0].s, end: toks[e0-1].e, sp: sp, cue: "according to"})
			continue
		}
		// "…, saying they violate free-speech rights" (or after a dash:
		// "flipped his choice – saying he …"): the speech of the sentence's
		// subject
		if participleVerbs[w] && v > 0 && (toks[v-1].w == "," || toks[v-1].w == "–" || toks[v-1].w == "—") {
			l0 := d.sentenceStart(v)
			c := v + 1
			hi := d.frameEnd(c)
			if c < hi && toks[c].w == "that" {
				c++
			}
			if hi-c < 3 {
				continue
			}
			if sp, ok := d.subject(l0, v); ok && sp.kind != spDesc && sp.kind != spPronoun && !shouted(sp.name) && !headlineName(sp.name) {
				d.reported = append(d.reported, &rawQuote{start: toks[c].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
			}
			continue
		}
		// "Clinton is promising to …": a participle after a form of "be"
		progressive := progressiveVerbs[w] && v > 0 && beForms[toks[v-1].lw]
		if !indirectVerbs[w] && !progressive {
			continue
		}
		// "… was first reported by the New York Times": the sentence is the speech
		if reportVerbs[w] && v+2 < len(toks) && toks[v+1].w == "by" {
			l0 := d.sentenceStart(v)
			hi := d.frameEnd(v + 2)
			if sp, ok := d.parseForward(v+2, hi); ok && (sp.kind == spOrg || sp.kind == spPerson) && hi-l0 >= 6 {
				d.reported = append(d.reported, &rawQuote{start: toks[l0].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
			}
			continue
		}
		// "Trump's proposed wall would cost billions", "the stated goal",
		// "a widely criticized plan": a participle that modifies a noun
		if d.modifiesNoun(v) {
			continue
		}
		// "found itself at the center of …": a state, not a finding
		if (w == "found" || w == "finds") && v+1 < len(toks) && reflexives[toks[v+1].lw] {
			continue
		}
		// passive: "was told", "is called", "is widely expected"
		b := v - 1
		for b > 0 && d.isAdverb(b) {
			b--
		}
		if b >= 0 && beForms[toks[b].lw] && !progressive {
			continue
		}
		c := v + 1
		hi := d.reportEnd(c)
		if c < hi && (toks[c].w == "by" || toks[c].w == "for" && w != "called") {
			continue
		}
		l0 := d.sentenceStart(v)
		j := v - 1
		for j >= l0 && d.isAux(j) {
			j--
		}
		// "The deal is off, CNN reported (on Tuesday).": the speech comes first
		trailing := hi-c <= 1 || hi-c <= 4 && (calendar[toks[c].lw] || adjunctStarts[toks[c].lw])
		// "…, the losses would outstrip the gains, said Batchelder." and
		// "…, said Jeffrey Trimble, a senior official with …"
		if v-1-l0 >= 3 && toks[v-1].w == "," && forwardVerbs[w] && c < hi && isNameWord(toks[c]) && toks[l0].kind == kWord {
			if sp, ok := d.parseForward(c, hi); ok && (sp.kind == spPerson || sp.kind == spOrg) && d.endsFrame(sp, hi) {
				d.reported = append(d.reported, &rawQuote{start: toks[l0].s, end: toks[v-2].e, sp: sp, cue: w, cueTok: v})
				continue
			}
		}
		if hi-c < 3 || trailing {
			if !trailing || w == "called" || w == "calls" {
				continue
			}
			sp, a, ok := d.parseBackward(l0, j)
			if ok && a-2 > l0 && toks[a-1].lw == "as" && toks[a-2].w == "," {
				a-- // "…, as Trump said."
			}
			if !ok || sp.kind == spDesc || sp.kind == spPronoun || a-1 <= l0 || toks[a-1].w != "," {
				continue
			}
			if a-1-l0 >= 3 && toks[l0].kind == kWord {
				d.reported = append(d.reported, &rawQuote{start: toks[l0].s, end: toks[a-2].e, sp: sp, cue: w, cueTok: v})
			}
			continue
		}
		sp, a, ok := d.parseBackward(l0, j)
		if !ok && j > l0 && verbCoordinators[toks[j].lw] {
			if (w == "added" || w == "adds") && (c >= hi || toks[c].lw != "that") {
				continue // "have kept their squad together and added two defenders": a verb of getting
			}
			// "Obama praised the nominee and said …", "Comey called it
			// careless but said …": the subject of the first verb speaks
			sp, ok = d.subject(l0, j)
			a = l0
		}
		if ok && a > l0 && toks[a-1].lw == "as" && toks[c].w == "," {
			// "As Clyburn noted, those voters will …": the speech follows the comma
			if sp.kind != spDesc && !shouted(sp.name) && !headlineName(sp.name) && hi-c > 3 {
				d.reported = append(d.reported, &rawQuote{start: toks[c+1].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
			}
			continue
		}
		// "A 2014 study by Loyola Law School professor Justin Levitt
		// found …": the author of the document speaks
		authored := ok && a > l0 && toks[a-1].lw == "by" && d.authoredBy(l0, a) == a-1
		// a description speaks only as a named group: "White House
		// officials said …" (groupName)
		if !ok || sp.kind == spDesc && d.groupName(sp) == "" || a > l0 && prepositions[toks[a-1].lw] && !authored || d.endsPrepList(a, l0) || shouted(sp.name) || headlineName(sp.name) {
			continue
		}
		// "The figure, The Hill reported, is large.": the attribution
		// interrupts the speech, which is the whole sentence
		if a-1 > l0 && toks[a-1].w == "," && c < hi && toks[c].w == "," {
			if hi-l0 >= 6 && toks[l0].kind == kWord {
				d.reported = append(d.reported, &rawQuote{start: toks[l0].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
			}
			continue
		}
		// "said so": no words reported
		if c < hi && toks[c].lw == "so" && (c+1 >= hi || toks[c+1].kind == kPunct) {
			continue
		}
		if c < hi && toks[c].w == "that" {
			c++
		} else if c < hi && (prepositions[toks[c].lw] || adjunctStarts[toks[c].lw] || calendar[toks[c].lw] || w == "told" || w == "tells" || w == "tell") {
			// "said in a statement that …", "told reporters that …": the
			// speech is the that-clause; "reported from Los Angeles" is none
			k := c + 1
			for k < hi && k < c+10 && toks[k].lw != "that" && toks[k].w != "," {
				k++
			}
			if k < hi && toks[k].lw == "that" {
				c = k + 1
			} else if toks[c].lw == "from" {
				continue
			}
		}
		// "… ― Trump boasted, “…”": the speech ends where the attribution
		// of the quotation after it begins
		if hi-2 > c && hi < len(toks) && toks[hi].kind == kQuote && toks[hi-1].w == "," && d.isVerb(hi-2) {
			if a, ok := capRunBack(toks, hi-3, c); ok && a > c {
				hi = a
				for hi > c && toks[hi-1].kind == kPunct {
					hi--
				}
			}
		}
		if c >= hi || toks[c].kind == kQuote {
			continue // none, or a quotation in its marks
		}
		if end, ok := d.objectAct(v, c, hi); ok {
			c, hi = v, end // "opposed the new lease terms": what the speaker did
		}
		d.reported = append(d.reported, &rawQuote{start: toks[c].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
	}
}

// modifiesNoun reports whether the word at v is a past participle used as
// an adjective: right after a determiner, a possessive pronoun or a
// possessive ("the stated goal", "his promised tax cut", "the company's
// announced layoffs"), an adverb in "-ly" perhaps between ("a widely
// criticized plan"). No finite verb stands there, so it is no cue; a
// possessive before a noun and then the verb ("The minister's spokesman
// said") leaves the verb alone. The contraction of a pronoun ("he's",
// "it's") is no possessive.
func (d *doc) modifiesNoun(v int) bool {
	toks := d.toks
	if !strings.HasSuffix(toks[v].lw, "ed") || v == 0 {
		return false
	}
	b := v - 1
	if b > 0 && adverbLike(toks[b]) {
		b--
	}
	p := toks[b]
	if p.kind != kWord {
		return false
	}
	owner := stripPossessive(p.lw)
	return determiners[p.lw] || possessives[p.lw] ||
		owner != p.lw && !pronouns[owner] && !clauseStarts[owner] && !relatives[owner]
}

// Words that decide whether a reported verb's complement is a noun phrase
// (objectAct).
var (
	// clauseStarts open a proposition, not an object: "denied that …",
	// "offered to help", "questioned whether …", "he would …".
	clauseStarts = union(propositionStarts, minus(pronouns, "it"), set("how why what when where you"))
	// nounClauses open a clause inside the noun phrase, whose verb is not
	// the complement's own: "expressed concern that the bank would …".
	nounClauses = set("that which who whom whose")
	// actCoordinators join a second verb of the subject's after the act:
	// "praised the workers but said …".
	actCoordinators = set("and but")
)

// objectAct reports whether the complement of the reported verb at v, from
// c (right after it) to hi, is a noun phrase, the verb's object, and not a
// that-clause, a to-infinitive or a clause with its own subject and verb
// ("Keller opposed the new lease terms on Monday", not "Keller said the
// port would reopen"); and if so returns the index past the act's last
// token. The indirect quotation is then the verb with its object, what the
// speaker did, not the bare noun phrase read as if it were words said. The
// act ends where another clause begins: at a colon, semicolon or dash (not
// at a parenthesis, which holds a party tag or an abbreviation inside the
// object: "Sen. Marco Rubio (R-FL)"), at a comma before a participle, a
// coordinator or a relative (", calling it fair", ", but …", ", who …":
// PolNeAR's content spans end there in 80 of 103 such sentences), and at
// "and" or "but" before a verb of speech ("and said …", which makes its own
// quotation).
func (d *doc) objectAct(v, c, hi int) (int, bool) {
	toks := d.toks
	if !objectVerbs[toks[v].lw] || c != v+1 || toks[c].kind != kWord || clauseStarts[toks[c].lw] {
		return 0, false
	}
	end, inNoun := hi, false
	for k := c; k < hi; k++ {
		t := toks[k]
		if k > c && d.endsAct(k, hi) {
			end = k
			break
		}
		if t.kind != kWord || t.inQ {
			continue
		}
		if nounClauses[t.lw] {
			inNoun = true
		}
		if !inNoun && !t.isCap() && (finiteVerbs[t.lw] || modals[t.lw] || strings.HasSuffix(t.lw, "n't") || strings.HasSuffix(t.lw, "n’t")) {
			return 0, false // "reiterated the strike would end": a clause
		}
	}
	return end, end > c
}

// endsAct reports whether token k, inside an act's complement that runs to
// hi, begins another clause (objectAct).
func (d *doc) endsAct(k, hi int) bool {
	t := d.toks[k]
	switch t.w {
	case ":", ";", "–", "—":
		return true
	}
	if k+1 >= hi {
		return false
	}
	n := d.toks[k+1]
	if t.w == "," {
		return n.kind == kWord && !n.isCap() && (len(n.lw) > 4 && strings.HasSuffix(n.lw, "ing") || actCoordinators[n.lw] || nounClauses[n.lw])
	}
	return t.kind == kWord && actCoordinators[t.lw] && (speechVerbs[n.lw] || indirectVerbs[n.lw])
}
