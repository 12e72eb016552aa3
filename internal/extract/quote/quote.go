// Package quote finds quotations in news text, who said them, and whether the
// speaker is an analyst, an official or someone else.
//
// Extract works in passes over the tokens of an article.
//
// Quotations. Double quotation marks (straight, curly, or two apostrophes)
// are paired inside each paragraph; a quotation left open at the end of a
// paragraph runs on when the next paragraph opens with a mark. Scare quotes,
// titles and headings are dropped: a quotation of fewer than four words, or
// one written in title case, counts only when a speech verb comes before it
// in its sentence (or right after it), and not when it follows a determiner
// or a preposition without closing a clause ("the new “strategic
// partnership” between", but "calling the North a “little dictatorship.”").
// Quotations in two apostrophes, the way some archives transliterate marks,
// are reported with Direct false, as the labelled data counts them. Marks
// nest when a paragraph's marks balance (“… what he calls “hell” …”). The
// pieces of one statement that news writing splits around its attribution
// ("“…,” she said. “…”") make one Quote; a new cue, speaker or paragraph
// starts another.
//
// Speakers. Each quotation's speaker is read from the words around it, in
// this order: the rest of its sentence (“…,” said X · “…,” X said · “…,” X,
// a … at Y, said · “…,” according to X · “…” ― X · “…” He added, when the
// quotation ends its sentence), the start of its sentence (X said: “…” · X
// warned that it “…” · he said, calling … “…” · According to X, “…”), a colon
// ending the paragraph before, the subject of the sentence that holds it
// ("On Monday, Trump knocked … “…”", "Trump, who leads in delegates,
// mocked … “…”"), a sentence before it that is only a speaker and a speech
// verb ("Bystrom agreed. “…”"). A speech verb in an opening subordinate
// clause ("When Trump suggested …, Rubio fired back: “…”") and a sentence
// after the quotation that leads into a quotation of its own do not
// govern it. A quotation with no cue takes the speaker of the speech just
// before it, in its paragraph or, when it opens its paragraph, in the
// paragraph before (continuation paragraphs).
//
// Reported speech. A named subject, a speech verb and a clause with no
// quotation marks ("Zelensky warned that Russia plans …", "Andrew Yeo, a
// senior fellow at …, said North Korea's support …") make a Quote with
// Direct false, so that the speaker counts as quoted. So do "as X noted,
// …", "…, as X said", "… was first reported by X", and a paragraph that
// opens with a speaker and a colon, as headlines and transcripts do
// ("Sanders: Brexit’s message could …"), "…, saying …" and "X praised … and
// said …" (the sentence's subject speaks) and verbs of belief ("X fears
// …"). Democrats and Republicans speak as bodies; other groups ("Analysts
// said") name no speaker, and neither does a document ("according to a CNN
// tally", "according to the FBI data").
//
// Unknown rather than wrong. A name that no person or body bears is dropped
// from the rules' and the ranker's choices alike (plausible.go): a heading
// in title case, an adjective or demonym, a state's abbreviation, an
// indefinite ("Everyone"), a common word capitalised at a sentence's start,
// or a modifier before a person's noun ("the Florida senator" is not
// Florida). Such a quotation keeps no speaker.
//
// Ranking. A quotation the rules leave without a speaker is given one by a
// linear ranker over the people and organizations named around it, he and
// she resolved, and the speaker before (see rank.go). Its weights are
// learned from labelled articles by TrainRanker and embedded.
//
// Names. A speaker phrase is cut into titles, name and apposition
// ("Ukrainian President Volodymyr Zelensky", "Marie Dumoulin of the European
// Council on Foreign Relations"). Entity mentions, when given, name people
// canonically; otherwise a surname resolves to the last full name met before
// it (or the first after), an honorific choosing by gender, and he or she to
// the last person named outside quotations whose first name does not say
// otherwise and who is not named in the pronoun's own clause. A definite
// description ("the Florida senator", "the Democratic nominee") is the
// latest person the text gave that post before it ("Florida Sen. X",
// "Sen. X (R-Fla.)"), or no one. A lone surname of someone named in full
// is that person, even when the entity tagger read a longer run around it
// ("Sanders Iowa").
// Countries and capitals speak as governments; "the Clinton campaign"
// speaks as "Clinton campaign".
//
// Roles. One role per speaker, from every mention in the article: a title
// right before the name ("President", "Sen.", "spokesman") makes an
// official; expert words ("analyst", "fellow", "professor", "economist") or a
// think tank or university named with them make an analyst, as does a former
// official now commenting; media, business and private words make other; a
// short list of public figures whose role the text may not state are
// officials; anyone else is other. The affiliation is the organization named
// with the speaker, canonical through entity.CanonicalOrganization.
package quote

import (
	"sort"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// Roles of a speaker.
const (
	RoleAnalyst  = "analyst"
	RoleOfficial = "official"
	RoleOther    = "other"
)

// Quote is a quotation with its attribution.
type Quote struct {
	Text        string `json:"text"`                  // the quoted words, without the quotation marks
	Speaker     string `json:"speaker"`               // canonical name of the speaker, "" when unknown
	Role        string `json:"role"`                  // RoleAnalyst, RoleOfficial or RoleOther
	Affiliation string `json:"affiliation,omitempty"` // canonical organization of the speaker, if named
	Cue         string `json:"cue,omitempty"`         // the speech verb ("said", "added", "wrote"), lower case
	Direct      bool   `json:"direct"`                // in quotation marks; false for reported speech
	Start       int    `json:"-"`                     // byte offset of Text in the input
	End         int    `json:"-"`
	// Pieces are the byte ranges of a statement split around its
	// attribution ("“…,” she said. “…”"), whose Text joins them with
	// PieceSeparator; nil when the quotation is one piece, text[Start:End].
	Pieces [][2]int `json:"-"`
	// Mention is how the article names the speaker where it attributes
	// the quotation ("Mr. Alexander", "she", "the Florida senator"), so a
	// reader can check how Speaker was resolved; "" when no words there
	// name the speaker (one inferred from the quotations around it).
	Mention string `json:"mention,omitempty"`
}

// PieceSeparator joins the pieces of one statement in Quote.Text.
const PieceSeparator = " … "

// Extract finds the quotations of one document. text is the whole article
// (title, a blank line, body); ents is entity.Extract(text).
func Extract(text string, ents entity.Result) []Quote {
	d := newDoc(text, ents)
	d.ranker = defaultRanker()
	d.run()
	return d.output()
}

// run finds the quotations and their speakers by the rules.
func (d *doc) run() {
	d.findQuotes()
	d.scanPeople()
	d.attribute()
	d.indirect()
	d.carryOver()
}

// Analysts returns the canonical names of the speakers with RoleAnalyst, once
// each, in order of first quote.
func Analysts(qs []Quote) []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Role == RoleAnalyst && q.Speaker != "" && !seen[q.Speaker] {
			seen[q.Speaker] = true
			out = append(out, q.Speaker)
		}
	}
	return out
}

// rawQuote is a quotation found in the text, before its speaker is named.
type rawQuote struct {
	open, close int // token indices of the marks; close is past the paragraph when unclosed
	unclosed    bool
	cont        bool // continues an unclosed quotation of the previous paragraph
	start, end  int  // byte offsets of the inner text
	direct      bool
	sp          phrase
	cue         string
	cueTok      int
	inherit     *rawQuote // the quotation whose speaker this one shares
	pending     bool      // no cue found: takes the speaker of the speech before
	speaker     string    // resolved
	kind        int
}

// personRef is a person named at a place in the text.
type personRef struct {
	pos  int
	name string
	g    byte
}

type doc struct {
	text        string
	toks        []token
	ents        entity.Result
	quotes      []*rawQuote
	paraEnd     map[int]int // paragraph → index past its last token
	refs        []personRef // people named outside quotations, by position
	speakerRefs []personRef // named speakers, by position
	full        map[string][]personRef
	usedCue     map[int]bool
	reported    []*rawQuote
	evidence    map[string][]mention
	roles       map[string][2]string // speaker → role, affiliation
	headings    map[int]bool
	ranker      map[string]float64                   // the speaker ranker's weights; nil for the rules alone
	collect     func(qs []*rawQuote, rules []string) // when set, receives the rules' speakers (training)
	lowerWords  map[string]bool                      // words written in lower case outside quotations
	speakers    map[string]bool                      // capitalised words a speech verb follows or precedes; see speaker
}

// newDoc tokenizes text and prepares the per-document tables.
func newDoc(text string, ents entity.Result) *doc {
	d := &doc{text: text, ents: ents, toks: tokenize(text), paraEnd: map[int]int{},
		full: map[string][]personRef{}, usedCue: map[int]bool{}, roles: map[string][2]string{}, headings: map[int]bool{}}
	for i, t := range d.toks {
		d.paraEnd[t.para] = i + 1
	}
	return d
}

// findQuotes pairs the quotation marks of each paragraph.
func (d *doc) findQuotes() {
	toks := d.toks
	var prevUnclosed bool
	for i := 0; i < len(toks); {
		p := toks[i].para
		end := d.paraEnd[p]
		open := -1
		first := true
		startsWithQuote := toks[i].kind == kQuote
		// Quotations nest when the paragraph's marks balance: curly ones
		// inside straight ones ("… “Do you think?” …"), or curly ones in
		// curly ones (“… what he calls “hell” than …”). Otherwise a second
		// opening mark is a stray one, and the first closing mark closes.
		straight, opens, closes := 0, 0, 0
		for j := i; j < end; j++ {
			switch toks[j].w {
			case `"`:
				straight++
			case "“":
				opens++
			case "”":
				closes++
			}
		}
		nest := opens == closes
		depth := 0
		for j := i; j < end; j++ {
			t := toks[j]
			if t.kind != kQuote {
				continue
			}
			if open < 0 {
				if t.w == "”" && j > i && toks[j-1].e == t.s {
					continue // a closing mark with no opening one
				}
				open, depth = j, 0
				continue
			}
			o := toks[open].w
			switch {
			case o == `"` && straight%2 == 0 && nest && (t.w == "“" || t.w == "”"):
				continue // curly marks inside straight ones
			case o == "“" && t.w == "“":
				if nest {
					depth++
				}
				continue // nested, or a stray opening: keep the first
			case o == "“" && t.w == "”" && depth > 0:
				depth--
				continue
			}
			d.addQuote(open, j, false, first && prevUnclosed && startsWithQuote && open == i)
			first = false
			open = -1
		}
		prevUnclosed = false
		if open >= 0 {
			d.addQuote(open, end, true, first && startsWithQuote && open == i && prevUnclosedAt(d, i))
			prevUnclosed = true
		}
		i = end
	}
}

// prevUnclosedAt reports whether the quotation before the last one found was
// left open before token i, so that the last one continues it.
func prevUnclosedAt(d *doc, i int) bool {
	if len(d.quotes) < 2 {
		return false
	}
	q := d.quotes[len(d.quotes)-2]
	return q.unclosed && q.close <= i
}

// addQuote records the quotation between the marks at tokens open and close
// when it is one (see acceptQuote).
func (d *doc) addQuote(open, close int, unclosed, cont bool) {
	toks := d.toks
	if close <= open+1 {
		return
	}
	s, e := toks[open].e, toks[close-1].e
	if !unclosed {
		e = toks[close].s
	}
	inner := strings.TrimSpace(d.text[s:e])
	if inner == "" {
		return
	}
	s += strings.Index(d.text[s:e], inner)
	e = s + len(inner)
	for e > s && strings.ContainsAny(d.text[e-1:e], ", ") {
		e--
	}
	// Two apostrophes are how some archives transliterate quotation marks; the
	// labelled data counts such quotations as reported, not direct, speech.
	direct := toks[open].w != "''"
	q := &rawQuote{open: open, close: close, unclosed: unclosed, cont: cont, start: s, end: e, direct: direct}
	if !d.acceptQuote(q) {
		return
	}
	for k := open; k < close && k < len(toks); k++ {
		toks[k].inQ = true
	}
	d.quotes = append(d.quotes, q)
}

// acceptQuote reports whether q is a quotation rather than a scare quote, a
// title or a heading.
func (d *doc) acceptQuote(q *rawQuote) bool {
	words, caps, small := 0, 0, 0
	sentence := false
	for k := q.open + 1; k < q.close && k < len(d.toks); k++ {
		t := d.toks[k]
		switch t.kind {
		case kWord:
			words++
			if t.isCap() {
				caps++
			} else if connectors[t.w] || t.w == "a" || t.w == "an" || t.w == "and" || t.w == "to" || t.w == "in" {
				small++
			}
		case kPunct:
			// the comma or period that closes a name in American style
			// (“Golden Week,”) makes no sentence of it
			if (t.isTerminal() || t.w == "," || t.w == ";" || t.w == ":") && k < q.close-1 {
				sentence = true
			}
		}
	}
	if words == 0 {
		return false
	}
	title := caps+small == words && !sentence && words <= 8
	if words >= 4 && !title {
		return true
	}
	if q.unclosed {
		return false
	}
	// a short quotation or a title counts when a cue introduces it and it ends a clause
	lastInner := d.toks[q.close-1]
	endsClause := lastInner.kind == kPunct && strings.Contains(".,!?;:", lastInner.w)
	if n := q.close + 1; n >= d.paraEnd[d.toks[q.open].para] {
		endsClause = true
	} else if t := d.toks[n]; t.kind == kPunct && strings.Contains(".,!?;:)—–-", t.w) {
		endsClause = true
	}
	// a term in quotation marks: "the new “strategic partnership” between"
	termBefore := q.open > 0 && termBefore[d.toks[q.open-1].lw]
	term := termBefore || title
	// a cue after it: “No,” she said, but not a name after a determiner
	// or a preposition ("called the “Golden Week,” saying …", "hosts of
	// “The Late Show,” the station said")
	if endsClause && d.cueAfter(q.close+1) && !(title && termBefore) {
		return true
	}
	governed, naming := false, false
	lo := d.sentenceStart(q.open)
	for k := q.open - 1; k >= lo; k-- {
		t := d.toks[k]
		if t.kind != kWord {
			continue
		}
		if namingVerbs[t.lw] && k >= q.open-8 {
			naming = true
		}
		if speechVerbs[t.lower()] || participleVerbs[t.lower()] {
			governed = true
		}
	}
	// a term in quotation marks ("the new “strategic partnership” between")
	// is no quotation, but a verb that takes the speaker's own words makes
	// one ("called the law a “crazy system” that", "urged voters to “stay
	// home” on")
	return (governed || naming) && !(title && termBefore) && (endsClause || !term || naming && !title)
}

// termBefore are the words that make a short quotation after them a term
// or a name rather than someone's words: "the new “strategic partnership”".
// namingVerbs take the speaker's own words as their complement: "called
// the law a “crazy system”", "urged voters to “stay home”".
var namingVerbs = set(
	"call calls called calling describe describes described describing dub dubs dubbed dubbing",
	"condemn condemns condemned condemning denounce denounces denounced denouncing hail hails hailed hailing",
	"brand brands branded branding label labels labeled labelled labeling labelling",
	"urge urges urged urging blame blames blamed blaming",
)

var termBefore = set(
	"the a an its his her their our your my this that these those new so-called called",
	"dubbed named titled entitled film book song show album movie slogan word phrase term",
	"of for on in at with from by to about",
)

// cueAfter reports whether a speech verb follows token i closely in the same
// sentence: “Wrong,” Briggs said.
func (d *doc) cueAfter(i int) bool {
	if i >= len(d.toks) || d.toks[i].para != d.toks[i-1].para {
		return false
	}
	end := d.frameEnd(i)
	for k := i; k < end && k < i+20; k++ {
		if t := d.toks[k]; t.kind == kWord && speechVerbs[t.lower()] {
			return true
		}
	}
	return false
}

// sentenceStart returns the index of the first token of the sentence that
// holds token i, stopping at the close of an earlier quotation.
func (d *doc) sentenceStart(i int) int {
	p := d.toks[i].para
	k := i - 1
	for ; k >= 0; k-- {
		t := d.toks[k]
		if t.para != p || t.isTerminal() && !t.inQ {
			break
		}
		if t.inQ {
			break
		}
	}
	return k + 1
}

// frameEnd returns the index past the last token of the sentence that starts
// at i, stopping at a quotation mark.
func (d *doc) frameEnd(i int) int {
	if i >= len(d.toks) {
		return i
	}
	end := d.paraEnd[d.toks[i].para]
	for k := i; k < end; k++ {
		t := d.toks[k]
		if t.isTerminal() || t.kind == kQuote || t.inQ {
			return k
		}
	}
	return end
}

// reportEnd is frameEnd for reported speech, which runs on over a few words
// it quotes inside its sentence: "… within the scope of the “strategic
// partnership” agreement."
func (d *doc) reportEnd(i int) int {
	toks := d.toks
	hi := d.frameEnd(i)
	if hi == i || toks[hi-1].kind != kWord {
		return hi // marks after the verb or a comma: a quotation
	}
	for n := 0; n < 8 && hi < len(toks) && toks[hi].kind == kQuote; n++ {
		closer := -1
		for k := hi + 1; k < len(toks) && k <= hi+12 && toks[k].para == toks[hi].para; k++ {
			if toks[k].kind == kQuote {
				closer = k
				break
			}
		}
		if closer < 0 {
			return hi
		}
		next := closer + 1
		if next >= len(toks) || toks[next].para != toks[hi].para || toks[next].isTerminal() || toks[closer-1].isTerminal() {
			return next
		}
		hi = d.frameEnd(next)
	}
	return hi
}

// isVerb reports whether token k is a speech verb outside quotations.
func (d *doc) isVerb(k int) bool {
	t := d.toks[k]
	return t.kind == kWord && !t.inQ && speechVerbs[t.lower()]
}

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

// carryOver gives the quotations that have no cue of their own the speaker
// of the speech just before them: an earlier quotation or reported speech in
// the same paragraph, or in the paragraph before when the quotation opens
// its paragraph ("Warren said. (new paragraph) “…”", continuation paragraphs).
func (d *doc) carryOver() {
	toks := d.toks
	events := append(append([]*rawQuote{}, d.quotes...), d.reported...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].start < events[j].start })
	for _, q := range d.quotes {
		if !q.pending {
			continue
		}
		para := toks[q.open].para
		var prev *rawQuote
		for _, e := range events {
			if e.start >= q.start {
				break
			}
			if e.sp.kind != spNone || e.inherit != nil {
				prev = e
			}
		}
		pp := -1
		if prev != nil && prev != q {
			pp = d.paraOf(prev.start)
		}
		opens := q.cont || q.open == d.paraStart(para)
		switch {
		case pp == para:
			q.inherit = prev
		case !opens:
			// "Clinton touted her credentials … “…”": the paragraph's subject
			if ps := d.paraStart(para); ps < q.open {
				if sp, ok := d.subject(ps, d.frameEnd(ps)); ok && sp.kind != spPronoun {
					q.sp = sp
				}
			}
		case pp < 0:
		case pp == para-1:
			q.inherit = prev
		case pp == para-2 && prev.sp.kind == spPerson && len(prev.sp.name) > 0 && d.mentions(para-1, prev.sp.name[len(prev.sp.name)-1].lw):
			// a paragraph about the speaker between the speech and the quotation
			q.inherit = prev
		}
	}
}

// mentions reports whether paragraph p holds the word lw outside quotations.
func (d *doc) mentions(p int, lw string) bool {
	for k := d.paraStart(p); k < d.paraEnd[p]; k++ {
		if t := d.toks[k]; !t.inQ && stripPossessive(t.lw) == lw {
			return true
		}
	}
	return false
}

// paraOf returns the paragraph of the token at byte offset pos.
func (d *doc) paraOf(pos int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].e > pos })
	if i >= len(d.toks) {
		return -1
	}
	return d.toks[i].para
}

// paraStart returns the index of the first token of paragraph p.
func (d *doc) paraStart(p int) int {
	end := d.paraEnd[p]
	k := end - 1
	for k > 0 && d.toks[k-1].para == p {
		k--
	}
	return k
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

// isAux reports whether token k may stand between a speaker and the speech
// verb: an auxiliary, an adverb or a day ("Priebus later Thursday told").
func (d *doc) isAux(k int) bool {
	t := d.toks[k]
	return t.kind == kWord && (auxiliaries[t.lw] && !t.isCap() || calendar[t.lw] && !(monthNames[t.lw] && nameWordAt(d.toks, k)))
}

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
	// "the Clinton campaign", "a Clinton spokesman"
	if t.kind == kWord && !t.isCap() && (orgNouns[w] || personNouns[w] || genericSubjects[w] || analystTitles[w] || officialTitles[w]) {
		if j-1 >= lo && toks[j-1].isCap() && orgNouns[w] {
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
	if !ok {
		// "Jeb Bush in a Medium post said": a short phrase between the name and the verb
		for k := j - 1; k > lo && k >= j-6; k-- {
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
			// name and a person's full name
			for n := m; m < hi && m < n+2 && toks[m].kind == kWord && !toks[m].isCap() && isDescWord(toks[m].lw); {
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
	// "The GOP presidential candidate", "The Florida senator’s answer": a
	// capitalised run after an opening "The" is a description when a
	// person's noun follows it within three lower-case words
	if det == k && b < hi {
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

// accordingTo reads the source after "according to" at token i. A document
// is no speaker ("according to a CNN tally", "according to the FBI data",
// "according to Federal Election Commission filings"): the quotation is
// then left without a speaker rather than given the organization named in
// the document's description.
func (d *doc) accordingTo(i, hi int) (phrase, bool) {
	toks := d.toks
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

// reportVerbs take their source after "by": "was first reported by the New
// York Times", "As reported by Politico, …".
var reportVerbs = set("reported announced confirmed revealed disclosed published")

// headlineWords, capitalised, show a name was read off a headline in title
// case ("Cuban Just Revealed Who …", "Al Sharpton Just Said …").
var headlineWords = set(
	"just over would have has had about being why who what how is are was were will can could",
	"should may might must do does did not never now says said reveals revealed",
)

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

// adjunctStarts open a short time adjunct after a speech verb: "CNN
// reported on Tuesday", "the Times reported last week".
var adjunctStarts = set("on last this earlier late yesterday today in")

// determiners before a capitalised run make it a modifier when a noun
// follows: "the Florida senator".
var determiners = set("the a an")

// describingNouns name a person that a capitalised modifier describes: "the
// GOP front-runner", "the Gawker employee", "the Christie supporter".
var describingNouns = set(
	"candidate front-runner frontrunner nominee hopeful member members employee employees",
	"supporter supporters actor actress pope businessman businesswoman native resident",
	"residents veteran leader leaders lawmaker lawmakers delegate delegates voter voters",
	"activist activists donor donors chief head",
)

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

// colonLines records the paragraphs that open with a name and a colon, as
// headlines and transcripts do ("Sanders: Brexit’s message could draw Trump
// support", "BENENSON: Senator Sanders doesn’t get to decide …"). A lone
// word counts only when it is the surname of someone named in the article
// or a known public figure.
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
			lw := sp.name[0].lw
			if len(d.full[surname(sp.name[0].w)]) == 0 && !knownOfficials[lw] {
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
		// "…, saying they violate free-speech rights": the speech of the
		// sentence's subject
		if participleVerbs[w] && v > 0 && toks[v-1].w == "," {
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
		if !indirectVerbs[w] {
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
		// passive: "was told", "is called"
		if v > 0 && strings.Contains(" is was were be been being are ", " "+toks[v-1].lower()+" ") {
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
		if !ok && j > l0 && toks[j].lw == "and" {
			if (w == "added" || w == "adds") && (c >= hi || toks[c].lw != "that") {
				continue // "have kept their squad together and added two defenders": a verb of getting
			}
			// "Obama praised the nominee and said …": the subject of the
			// first verb speaks
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
		if !ok || sp.kind == spDesc || a > l0 && prepositions[toks[a-1].lw] || d.endsPrepList(a, l0) || shouted(sp.name) || headlineName(sp.name) {
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
		d.reported = append(d.reported, &rawQuote{start: toks[c].s, end: toks[hi-1].e, sp: sp, cue: w, cueTok: v})
	}
}
