// Learned cues: the verbs after a named subject that labelled articles
// attribute, beside the hand-written verbs of reported speech.

package quote

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// CueKind is what follows a learned cue's head, and so what the reported
// speech it makes says.
type CueKind int

const (
	// Proposition: a that-clause, a to-infinitive, "whether" or "if"
	// ("Trump declined to comment"); the speech is the proposition.
	Proposition CueKind = iota
	// Object: a noun phrase, the object of an act that takes a position
	// ("Sanders opposed the deal", "Ryan has backed Trump"); the speech is
	// the verb phrase, "opposed the deal".
	Object
)

// cueSections are the sections of cues.txt that hold each kind's counts,
// in file order.
var cueSections = [...]string{Proposition: "learned", Object: "learned-object"}

// Cues are the learned cue heads the reported speech pass reads beside
// speech.txt's [reported] verbs, by what follows them: a verb form
// ("plans"), or "be" and a participle or adjective for the passive ("be
// expected"). The zero value reads none.
type Cues struct {
	Proposition map[string]bool // "declined" to …, "plans" to …
	Object      map[string]bool // "opposed" the deal, "has backed" Clinton
}

// heads returns the heads of kind k.
func (c Cues) heads(k CueKind) map[string]bool {
	if k == Object {
		return c.Object
	}
	return c.Proposition
}

// Len is the number of heads of both kinds.
func (c Cues) Len() int { return len(c.Proposition) + len(c.Object) }

// CueCount is how often a cue head of a kind follows a named subject
// (cueAt) in labelled articles, and how often the labels make that
// occurrence an attribution.
type CueCount struct {
	Head           string
	Kind           CueKind
	Labelled, Seen int
}

// Ratio is the share of the head's occurrences that are labelled.
func (c CueCount) Ratio() float64 { return float64(c.Labelled) / float64(c.Seen) }

// CueThreshold and CueMinLabelled decide which learned heads are read, of
// either kind: a head whose occurrences are labelled at least this often,
// and at least this many times. Chosen by 5-fold cross-validation over
// PolNeAR train, the heads learned inside each fold (docs/extraction.md):
// heads before a proposition read alike at a minimum of two or three,
// heads before an object better at two.
const (
	CueThreshold   = 0.5
	CueMinLabelled = 2
)

// defaultCues are the heads of lexicon data/en/cues.txt [learned] and
// [learned-object] that pass the threshold, written by newsindex
// train-cues.
var defaultCues = mustLoadCues()

func mustLoadCues() Cues {
	var counts []CueCount
	for k, section := range cueSections {
		for _, l := range lexicon.Lines(lexicon.English, "cues.txt", section) {
			c, err := parseCueLine(l.Fields)
			if err != nil {
				panic(fmt.Sprintf("lexicon en/cues.txt [%s] line %d: %v", section, l.No, err))
			}
			c.Kind = CueKind(k)
			counts = append(counts, c)
		}
	}
	return SelectCues(counts, CueThreshold, CueMinLabelled)
}

// parseCueLine reads "head | labelled | seen".
func parseCueLine(fs []string) (CueCount, error) {
	if len(fs) != 3 {
		return CueCount{}, fmt.Errorf("want head | labelled | seen, got %d fields", len(fs))
	}
	l, err1 := strconv.Atoi(fs[1])
	s, err2 := strconv.Atoi(fs[2])
	if err1 != nil || err2 != nil || l < 0 || s <= 0 || l > s {
		return CueCount{}, fmt.Errorf("bad counts %q, %q", fs[1], fs[2])
	}
	return CueCount{Head: fs[0], Labelled: l, Seen: s}, nil
}

// DefaultCues returns the cues built into the program.
func DefaultCues() Cues { return defaultCues }

// SelectCues returns the heads labelled at least min times and in at least
// the share threshold of their occurrences, each under its kind.
func SelectCues(counts []CueCount, threshold float64, min int) Cues {
	c := Cues{Proposition: map[string]bool{}, Object: map[string]bool{}}
	for _, n := range counts {
		if n.Labelled >= min && n.Ratio() >= threshold {
			c.heads(n.Kind)[n.Head] = true
		}
	}
	return c
}

// FormatCues writes counts as cues.txt: the header as a comment, then a
// section for each kind, its heads by how often they are labelled, then
// by name.
func FormatCues(counts []CueCount, header string) []byte {
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Labelled != counts[j].Labelled {
			return counts[i].Labelled > counts[j].Labelled
		}
		return counts[i].Head < counts[j].Head
	})
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		b.WriteString("# " + l + "\n")
	}
	for k, section := range cueSections {
		if k > 0 {
			b.WriteString("\n")
		}
		b.WriteString("[" + section + "]\n")
		for _, c := range counts {
			if c.Kind == CueKind(k) {
				fmt.Fprintf(&b, "%s | %d | %d\n", c.Head, c.Labelled, c.Seen)
			}
		}
	}
	return []byte(b.String())
}

// LearnCues counts, over labelled articles, each head's occurrences of
// each kind after a named subject (cueAt) and those whose verb a labelled
// attribution's cue covers (Labelled.Cues). Heads that speech.txt's
// [reported] verbs already read are not counted; heads seen with no label
// are kept out only when seen once.
func LearnCues(arts []Labelled) []CueCount {
	type key struct {
		head string
		kind CueKind
	}
	seen := map[key]*CueCount{}
	for _, a := range arts {
		d := newDoc(a.Text, entity.Extract(a.Text))
		for _, p := range passes {
			if p.name == "reported speech" {
				break
			}
			p.run(d)
		}
		for v := range d.toks {
			kind, head, _, ok := d.cueAt(v)
			if !ok || !d.learnable(v) {
				continue
			}
			k := key{head, kind}
			c := seen[k]
			if c == nil {
				c = &CueCount{Head: head, Kind: kind}
				seen[k] = c
			}
			c.Seen++
			t := d.toks[v]
			for _, s := range a.Cues {
				if s[0] < t.e && t.s < s[1] {
					c.Labelled++
					break
				}
			}
		}
	}
	var out []CueCount
	for _, c := range seen {
		if c.Labelled > 0 || c.Seen > 1 {
			out = append(out, *c)
		}
	}
	return out
}

// learnable reports whether the hand-written verbs leave the verb at v to
// the learned cues: it is no verb of [reported] speech, or a passive one.
func (d *doc) learnable(v int) bool {
	w := d.toks[v].lower()
	if progressiveVerbs[w] && d.beBefore(v) {
		return false // "is promising to …": read as reported speech already
	}
	return !indirectVerbs[w] || d.passiveAt(v)
}

// passiveAt reports whether a form of "be" stands before the word at v,
// past auxiliaries and adverbs, and the word is no present participle.
func (d *doc) passiveAt(v int) bool {
	return d.beBefore(v) && !strings.HasSuffix(d.toks[v].lw, "ing")
}

// beBefore reports whether a form of "be" is among the auxiliaries and
// adverbs right before the word at v.
func (d *doc) beBefore(v int) bool {
	l0 := d.sentenceStart(v)
	for j := v - 1; j >= l0 && d.isAux(j); j-- {
		if beForms[d.toks[j].lw] {
			return true
		}
	}
	return false
}

// propositionStarts open the proposition after a learned cue (cueAt).
var propositionStarts = set("that to whether if")

// cueWordExcluded holds the lower-case words that head no cue: function
// words, which a subject's name may precede without a verb.
var cueWordExcluded = union(prepositions, determiners, pronouns, relatives, subordinators,
	verbCoordinators, connectors, auxiliaries, beForms, finiteVerbs)

// opensObject reports whether token i opens a noun phrase that a verb
// before it takes as its object: a word of function.txt [object-start]
// (an article, a demonstrative, a possessive or a quantifier: "the deal",
// "his nomination", "any tax increase"), a possessive ("Obama's plan"),
// a number ("two bills") or a capitalised word, a name ("Clinton"). An
// adjective or a bare noun opens none here: without parts of speech, a
// lower-case word after a verb is as often an adverb, a particle or a
// preposition. Nor does a pronoun: "opposed it" tells a reader nothing.
func (d *doc) opensObject(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	if t.kind != kWord || t.inQ {
		return false
	}
	return objectStarts[t.lw] || isPossessive(t.w) || t.w[0] >= '0' && t.w[0] <= '9' || isNameWord(t)
}

// cueAt reads token v as a learned cue's occurrence: a lower-case word
// after a named subject (a person, a body or a group named by its people;
// auxiliaries and adverbs may stand between them, and a form of "be"
// makes a passive head "be expected"), followed by a proposition (a
// that-clause, a to-infinitive, or "whether" or "if": "Trump plans to
// visit …", "Sanders is expected to endorse …", "Ryan has hinted that
// …") or by a noun phrase, its object ("Sanders opposed the deal", "Ryan
// has backed Trump"). It returns the kind, the head, the reported speech
// and whether v is such an occurrence.
func (d *doc) cueAt(v int) (CueKind, string, *rawQuote, bool) {
	toks := d.toks
	t := toks[v]
	if t.kind != kWord || t.inQ || t.isCap() || d.usedCue[v] || cueWordExcluded[t.lw] || v+2 >= len(toks) {
		return 0, "", nil, false
	}
	w := t.lw
	l0 := d.sentenceStart(v)
	j := v - 1
	be := -1
	for j >= l0 && d.isAux(j) {
		if beForms[toks[j].lw] && be < 0 {
			be = j
		}
		j--
	}
	key, cue := w, w
	switch {
	case be >= 0 && !strings.HasSuffix(w, "ing"):
		key, cue = "be "+w, toks[be].lw+" "+w
	case be < 0 && strings.HasSuffix(w, "ing"):
		return 0, "", nil, false // a participle: "Trump, looking …" is read elsewhere
	}
	var kind CueKind
	var c, hi int // the speech's tokens
	switch {
	case propositionStarts[toks[v+1].lw]:
		var ok bool
		if c, hi, ok = d.proposition(v); !ok {
			return 0, "", nil, false
		}
	case d.opensObject(v + 1):
		var ok bool
		if hi, ok = d.object(v); !ok {
			return 0, "", nil, false
		}
		kind, c = Object, j+1 // the verb phrase, auxiliaries and all: "has backed Clinton"
	default:
		return 0, "", nil, false
	}
	sp, a, ok := d.parseBackward(l0, j)
	if !ok || sp.kind != spPerson && sp.kind != spOrg && !(sp.kind == spDesc && d.groupName(sp) != "") || shouted(sp.name) || headlineName(sp.name) ||
		a > l0 && prepositions[toks[a-1].lw] || d.endsPrepList(a, l0) {
		return 0, "", nil, false
	}
	// "Obama said Sanders opposed the deal": the act is what another says
	if kind == Object && d.insideSpeech(sp.pos) {
		return 0, "", nil, false
	}
	return kind, key, &rawQuote{start: toks[c].s, end: toks[hi-1].e, sp: sp, cue: cue, cueTok: v}, true
}

// proposition returns the tokens c to hi of the proposition after the cue
// at v, and whether one is there: "that" and the clause after it, "to"
// and a verb, "whether" or "if" and a clause, of three words or more.
func (d *doc) proposition(v int) (c, hi int, ok bool) {
	toks := d.toks
	c = v + 1
	hi = d.reportEnd(c)
	if hi-c < 3 {
		return 0, 0, false
	}
	n := toks[c+1]
	switch toks[c].lw {
	case "that":
		c++
	case "to":
		// "to" and a verb, not a place or a person: "plans to visit", not "went to the White House"
		if n.kind != kWord || n.isCap() || determiners[n.lw] || pronouns[n.lw] || prepositions[n.lw] || calendar[n.lw] || !lowerStart(n.w) {
			return 0, 0, false
		}
	}
	// the proposition ends at a comma: what follows may be another's
	// attribution ("X agreed to send delegations to talks, mediators said")
	for k := c + 3; k < hi; k++ {
		if toks[k].w == "," {
			hi = k
			break
		}
	}
	if hi-c < 3 || toks[c].kind == kQuote {
		return 0, 0, false
	}
	return c, hi, true
}

// object returns the end hi of the act whose object opens after the cue at
// v, and whether it is one: the clause runs to its first comma, colon,
// semicolon, dash or parenthesis, or the sentence's end, so that it stays
// one act ("Sanders opposed the deal, which …" is "opposed the deal"); a
// clause that runs into a quotation is the quotation's frame, read by the
// frame rules ("Trump called the deal “a disaster”"), and an article or
// possessive alone is no object.
func (d *doc) object(v int) (hi int, ok bool) {
	toks := d.toks
	c := v + 1
	hi = d.frameEnd(c)
	for k := c; k < hi; k++ {
		if toks[k].kind == kPunct && objectEnds[toks[k].w] {
			hi = k
			break
		}
	}
	if hi < len(toks) && (toks[hi].kind == kQuote || toks[hi].inQ) {
		return 0, false
	}
	if hi-c < 1 || hi-c < 2 && !isNameWord(toks[c]) && !(toks[c].w[0] >= '0' && toks[c].w[0] <= '9') {
		return 0, false
	}
	return hi, true
}

// objectEnds are the marks that end an act's clause (object).
var objectEnds = set(", ; : – — ( )")

// lowerStart reports whether w opens with a lower-case letter.
func lowerStart(w string) bool {
	for _, r := range w {
		return r >= 'a' && r <= 'z'
	}
	return false
}

// learnedCue records the reported speech at v when its head is one of the
// learned cues of its kind and the hand-written verbs leave it.
func (d *doc) learnedCue(v int) {
	if d.cues.Len() == 0 || v+1 >= len(d.toks) {
		return
	}
	// most words: no proposition and no object of a learned head after
	// them, so no sentence to read
	w := d.toks[v].lw
	switch {
	case propositionStarts[d.toks[v+1].lw]:
	case len(d.cues.Object) > 0 && d.opensObject(v+1) && (d.cues.Object[w] || d.cues.Object["be "+w]):
	default:
		return
	}
	if !d.learnable(v) {
		return
	}
	if kind, key, q, ok := d.cueAt(v); ok && d.cues.heads(kind)[key] {
		d.reported = append(d.reported, q)
	}
}
