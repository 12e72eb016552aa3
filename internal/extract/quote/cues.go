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

// Cues is the set of cue heads the reported speech pass reads beside
// speech.txt's [reported] verbs: a verb form ("plans"), or "be" and a
// participle or adjective for the passive ("be expected").
type Cues map[string]bool

// CueCount is how often a cue head follows a named subject with a
// proposition after it (cueAt) in labelled articles, and how often the
// labels make that occurrence an attribution.
type CueCount struct {
	Head           string
	Labelled, Seen int
}

// Ratio is the share of the head's occurrences that are labelled.
func (c CueCount) Ratio() float64 { return float64(c.Labelled) / float64(c.Seen) }

// CueThreshold and CueMinLabelled decide which learned heads are read: a
// head whose occurrences are labelled at least this often, and at least
// this many times. Chosen by 5-fold cross-validation over PolNeAR train,
// the list learned inside each fold (docs/extraction.md).
const (
	CueThreshold   = 0.5
	CueMinLabelled = 3
)

// defaultCues are the heads of lexicon data/en/cues.txt [learned] that pass
// the threshold, written by newsindex learn-cues.
var defaultCues = mustLoadCues()

func mustLoadCues() Cues {
	ls := lexicon.Lines(lexicon.English, "cues.txt", "learned")
	counts := make([]CueCount, 0, len(ls))
	for _, l := range ls {
		c, err := parseCueLine(l.Fields)
		if err != nil {
			panic(fmt.Sprintf("lexicon en/cues.txt line %d: %v", l.No, err))
		}
		counts = append(counts, c)
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
// the share threshold of their occurrences.
func SelectCues(counts []CueCount, threshold float64, min int) Cues {
	c := Cues{}
	for _, n := range counts {
		if n.Labelled >= min && n.Ratio() >= threshold {
			c[n.Head] = true
		}
	}
	return c
}

// FormatCues writes counts as the [learned] section of cues.txt, heads by
// how often they are labelled, then by name.
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
	b.WriteString("[learned]\n")
	for _, c := range counts {
		fmt.Fprintf(&b, "%s | %d | %d\n", c.Head, c.Labelled, c.Seen)
	}
	return []byte(b.String())
}

// LearnCues counts, over labelled articles, each head's occurrences after a
// named subject (cueAt) and those whose verb a labelled attribution's cue
// covers (Labelled.Cues). Heads that speech.txt's [reported] verbs already
// read are not counted; heads seen with no label are kept out only when
// seen once.
func LearnCues(arts []Labelled) []CueCount {
	seen := map[string]*CueCount{}
	for _, a := range arts {
		d := newDoc(a.Text, entity.Extract(a.Text))
		for _, p := range passes {
			if p.name == "reported speech" {
				break
			}
			p.run(d)
		}
		for v := range d.toks {
			key, _, ok := d.cueAt(v)
			if !ok || !d.learnable(v) {
				continue
			}
			c := seen[key]
			if c == nil {
				c = &CueCount{Head: key}
				seen[key] = c
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

// cueAt reads token v as a learned cue's occurrence: a lower-case word
// after a named subject (a person or a body; auxiliaries and adverbs may
// stand between them, and a form of "be" makes a passive head "be
// expected"), followed by a proposition: a that-clause, a to-infinitive, or
// "whether" or "if" ("Trump plans to visit …", "Sanders is expected to
// endorse …", "Ryan has hinted that …"). A noun phrase after the verb
// ("opposed the deal") is no proposition and no quotation. It returns the
// head, the reported speech and whether v is such an occurrence.
func (d *doc) cueAt(v int) (string, *rawQuote, bool) {
	toks := d.toks
	t := toks[v]
	if t.kind != kWord || t.inQ || t.isCap() || d.usedCue[v] || cueWordExcluded[t.lw] || v+2 >= len(toks) {
		return "", nil, false
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
		return "", nil, false // a participle: "Trump, looking …" is read elsewhere
	}
	c := v + 1
	hi := d.reportEnd(c)
	if hi-c < 3 {
		return "", nil, false
	}
	switch n := toks[c+1]; toks[c].lw {
	case "that", "whether", "if":
		if toks[c].lw == "that" {
			c++
		}
	case "to":
		// "to" and a verb, not a place or a person: "plans to visit", not "went to the White House"
		if n.kind != kWord || n.isCap() || determiners[n.lw] || pronouns[n.lw] || prepositions[n.lw] || calendar[n.lw] || !lowerStart(n.w) {
			return "", nil, false
		}
	default:
		return "", nil, false
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
		return "", nil, false
	}
	sp, a, ok := d.parseBackward(l0, j)
	if !ok || sp.kind != spPerson && sp.kind != spOrg && !(sp.kind == spDesc && d.groupName(sp) != "") || shouted(sp.name) || headlineName(sp.name) ||
		a > l0 && prepositions[toks[a-1].lw] || d.endsPrepList(a, l0) {
		return "", nil, false
	}
	return key, &rawQuote{start: toks[c].s, end: toks[hi-1].e, sp: sp, cue: cue, cueTok: v}, true
}

// lowerStart reports whether w opens with a lower-case letter.
func lowerStart(w string) bool {
	for _, r := range w {
		return r >= 'a' && r <= 'z'
	}
	return false
}

// learnedCue records the reported speech at v when its head is one of the
// learned cues and the hand-written verbs leave it.
func (d *doc) learnedCue(v int) {
	if len(d.cues) == 0 || v+1 >= len(d.toks) || !propositionStarts[d.toks[v+1].lw] || !d.learnable(v) {
		return // most words: no proposition after them, so no sentence to read
	}
	if key, q, ok := d.cueAt(v); ok && d.cues[key] {
		d.reported = append(d.reported, q)
	}
}
