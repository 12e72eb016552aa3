package quote

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// The speaker ranker. The rules of attribute and carryOver name one speaker
// for each quotation; the ranker then weighs that choice against the other
// people around the quotation: everyone named in its paragraph and the one
// before, he and she resolved to their antecedents, and the speaker of the
// quotation before. Each candidate is described by binary features (which
// side of the quotation it stands on, how far, in which sentence or
// paragraph, whether it opens the quotation's sentence, whether a speech verb stands right before or after it and
// which, whether the quotation and the name are joined by `,” said X` or
// `X said: “`, whether it is the rules' choice, the speaker carried over
// from a quotation of an earlier paragraph or the speaker of the
// quotation before) and scored by a linear model. The best candidate is the
// speaker of a quotation the rules leave without one, unless the candidate
// that stands for "none of these" (a described speaker, or one not found)
// scores higher by a handicap (see noneHandicap). Letting the ranker
// overrule the rules as well measured no better on the training articles
// (by 5-fold cross-validation, whatever margin it had to win by). The
// weights are those of a log-linear model with an L2 penalty, learned from
// labelled articles (TrainRanker) and embedded in ranker.json, which
// `newsindex train-quotes` writes.

//go:embed ranker.json
var rankerJSON []byte

var defaultWeights = mustParseRanker(rankerJSON)

// mustParseRanker reads the embedded weights; weights that do not read are
// a fault of the build, which the package's tests find, so it panics.
func mustParseRanker(b []byte) map[string]float64 {
	r, err := ParseRanker(b)
	if err != nil {
		panic(err)
	}
	return r.weights
}

// defaultRanker returns the embedded weights.
func defaultRanker() map[string]float64 { return defaultWeights }

// Ranker holds the speaker ranker's weights.
type Ranker struct{ weights map[string]float64 }

// ParseRanker reads weights in the format of ranker.json, which TrainRanker
// writes.
func ParseRanker(b []byte) (*Ranker, error) {
	var m rankerModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("quote: ranker weights: %w", err)
	}
	if len(m.Weights) == 0 {
		return nil, fmt.Errorf("quote: ranker weights: none")
	}
	return &Ranker{m.Weights}, nil
}

// ExtractWith is Extract with the ranker r in place of the embedded one.
func ExtractWith(text string, ents entity.Result, r *Ranker) []Quote {
	return ExtractWithCues(text, ents, r, defaultCues)
}

// ExtractWithCues is Extract with the ranker r and the learned cues c in
// place of the embedded ones.
func ExtractWithCues(text string, ents entity.Result, r *Ranker, c Cues) []Quote {
	d := newDoc(text, ents)
	d.ranker = r.weights
	d.cues = c
	d.run()
	return d.output()
}

// rankerModel is the file format of ranker.json.
type rankerModel struct {
	Comment string             `json:"comment"`
	Weights map[string]float64 `json:"weights"`
}

// candidate is a person who may have said a quotation.
type candidate struct {
	name  string
	feats map[string]bool
}

// add records a feature of the candidate.
func (c *candidate) add(f string) { c.feats[f] = true }

// score is the candidate's score under weights w. The weights have three
// decimals; they are summed as whole thousandths, so that the sum, and which
// of two candidates wins, does not depend on the order of the features.
func (c *candidate) score(w map[string]float64) float64 {
	s := 0.0
	for f := range c.feats {
		s += math.Round(w[f] * 1000)
	}
	return s / 1000
}

// distBucket names a token distance coarsely.
func distBucket(n int) string {
	switch {
	case n <= 2:
		return "0"
	case n <= 5:
		return "3"
	case n <= 10:
		return "6"
	case n <= 20:
		return "11"
	case n <= 40:
		return "21"
	}
	return "41"
}

// tokenAt returns the index of the token that starts at or after byte pos.
func (d *doc) tokenAt(pos int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].s >= pos })
}

// candidates gathers the people who may have said quotation q, whose speaker
// by the rules is rule and the speaker of the quotation before is prev.
func (d *doc) candidates(q *rawQuote, rule, prev string) []*candidate {
	toks := d.toks
	para := toks[q.open].para
	lo := d.paraStart(para)
	if _, ok := d.paraEnd[para-1]; ok && (q.open == lo || q.cont) {
		lo = d.paraStart(para - 1)
	}
	hi := d.paraEnd[para]
	if q.close+1 >= hi && hi < len(toks) {
		// the first sentence of the next paragraph: “…” (new paragraph) He added
		if e := d.frameEnd(hi); e > hi {
			hi = e
		}
	}
	byName := map[string]*candidate{}
	var order []*candidate
	get := func(name string) *candidate {
		c := byName[name]
		if c == nil {
			c = &candidate{name: name, feats: map[string]bool{"bias": true}}
			byName[name] = c
			order = append(order, c)
		}
		return c
	}
	openS := d.sentenceStart(q.open)
	closeE := q.close + 1
	if closeE < len(toks) && toks[closeE].para == para {
		closeE = d.frameEnd(closeE)
	}
	nearest := map[string]int{}
	mentionAt := func(name string, i, j int, kind string) {
		// i..j: the tokens of the mention
		c := get(name)
		c.add("k:" + kind)
		var side string
		var dist int
		switch {
		case j < q.open:
			side, dist = "L", q.open-j
		case i > q.close:
			side, dist = "R", i-q.close
		default:
			side, dist = "I", 0
		}
		if n, ok := nearest[name]; !ok || dist < n {
			nearest[name] = dist
		}
		db := distBucket(dist)
		c.add("d:" + side + db)
		c.add("dk:" + side + db + kind)
		p := toks[i].para
		switch {
		case p == para:
			c.add("p:same")
		case p < para:
			c.add("p:before")
		default:
			c.add("p:after")
		}
		if side == "L" && i >= openS {
			c.add("s:L")
			if d.opensSentence(openS, i) {
				c.add("s:subj")
			}
		}
		if side == "R" && i < closeE {
			c.add("s:R")
		}
		// a speech verb right after the name ("X said") or right before it ("said X")
		for k := j + 1; k < len(toks) && k <= j+3 && toks[k].para == p; k++ {
			t := toks[k]
			if t.kind == kWord && speechVerbs[t.lw] && !t.inQ {
				c.add("va:" + side)
				c.add("val:" + t.lw)
				if side == "L" && k+1 < len(toks) && (toks[k+1].w == ":" || toks[k+1].w == ",") && k+2 <= q.open && k+2 >= q.open-1 {
					c.add("pat:X said: “")
				}
				break
			}
			if t.kind == kWord && !auxiliaries[t.lw] {
				break
			}
		}
		for k := i - 1; k >= 0 && k >= i-2 && toks[k].para == p; k-- {
			t := toks[k]
			if t.kind == kWord && speechVerbs[t.lw] && !t.inQ {
				c.add("vb:" + side)
				c.add("vbl:" + t.lw)
				if side == "R" && k-q.close <= 3 {
					c.add("pat:” said X")
				}
				break
			}
			if t.kind != kPunct || t.w != "," {
				break
			}
		}
		if side == "R" && dist <= 2 && j+1 < len(toks) && toks[j+1].kind == kWord && speechVerbs[toks[j+1].lw] {
			c.add("pat:” X said")
		}
		if i > 0 && isPossessive(toks[j].w) {
			c.add("poss")
		}
		if i > 0 && prepositions[toks[i-1].lw] {
			c.add("prep:" + side)
		}
	}
	// people named around the quotation
	for _, r := range d.refs {
		i := d.tokenAt(r.pos)
		if i < lo || i >= hi || i >= len(toks) {
			continue
		}
		j := i
		for j+1 < hi && toks[j+1].isCap() && toks[j+1].para == toks[i].para {
			j++
		}
		mentionAt(r.name, i, j, "name")
	}
	// organizations: "As Politico reported, “…”"
	for _, m := range d.ents.Mentions {
		if m.Kind != entity.Organization {
			continue
		}
		i := d.tokenAt(m.Start)
		if i < lo || i >= hi || i >= len(toks) || toks[i].inQ {
			continue
		}
		j := i
		for j+1 < hi && toks[j+1].e <= m.End {
			j++
		}
		mentionAt(entity.CanonicalOrganization(m.Name), i, j, "org")
	}
	// he and she
	for i := lo; i < hi; i++ {
		t := toks[i]
		if t.inQ || t.kind != kWord || (t.lw != "he" && t.lw != "she") {
			continue
		}
		if n := d.antecedent(t.s, t.lw); n != "" {
			mentionAt(n, i, i, "pron")
		}
	}
	if rule != "" {
		get(rule).add("rule")
	}
	if c := d.carried[q]; c != "" {
		get(c).add("carried")
	}
	if prev != "" {
		get(prev).add("prevq")
		if rule == "" {
			get(prev).add("prevq:norule")
		}
	}
	for _, c := range order {
		if n, ok := nearest[c.name]; ok {
			best := true
			for m, n2 := range nearest {
				if m != c.name && n2 < n {
					best = false
				}
			}
			if best {
				c.add("nearest")
			}
		}
		if rule == "" {
			c.add("norule")
			for f := range c.feats {
				if strings.HasPrefix(f, "d:") || strings.HasPrefix(f, "pat:") || strings.HasPrefix(f, "va:") || strings.HasPrefix(f, "vb:") {
					c.add("nr|" + f)
				}
			}
		}
		if q.open == d.paraStart(para) {
			c.add("qopen")
			if c.feats["prevq"] {
				c.add("qopen|prevq")
			}
		}
	}
	return order
}

// opensSentence reports whether the mention at token i opens the sentence
// that starts at token s, after capitalised words alone (a title: "Phoenix
// Mayor Greg Stanton wrote …"): the subject of a sentence that quotes
// without a speech verb ("Washington thanked Obama for “…”") is its speaker
// more often than a name after the verb.
func (d *doc) opensSentence(s, i int) bool {
	for k := s; k < i; k++ {
		if !d.toks[k].isCap() {
			return false
		}
	}
	return true
}

// noneCandidate stands for a speaker who is not among the candidates: one
// described, not named ("a campaign spokesman"), or not found.
func noneCandidate(rule string) *candidate {
	c := &candidate{feats: map[string]bool{"none": true}}
	if rule == "" {
		c.add("none|norule")
	}
	return c
}

// noneHandicap is taken from the score of the candidate "none of these"
// when the best candidate speaks nowhere else in the article (by the
// rules): naming them adds a person to the people quoted. By 5-fold
// cross-validation a handicap of 1 names more speakers rightly than 0.5
// (speaker accuracy 0.884, 0.882) with the people quoted as right (F1 0.631
// both; 1.5: 0.887 and 0.629, more people named wrongly). A best candidate
// who speaks elsewhere adds no one to the people quoted and is more often
// right than not: they take knownHandicap (3 and 6 measured the same), and
// words that read as speech and that the text gives no one are theirs
// whatever "none" scores.
const (
	noneHandicap  = 1.0
	knownHandicap = 3.0
)

// rerank chooses the speaker of each quotation with the ranker's weights w,
// given the speakers the rules chose. It returns the chosen speakers, ""
// where there is no candidate.
func (d *doc) rerank(w map[string]float64, rules []string) []string {
	out := make([]string, len(d.quotes))
	prev := ""
	speaks := d.speaking(rules)
	for i, q := range d.quotes {
		if rules[i] != "" {
			out[i], prev = rules[i], rules[i]
			continue
		}
		cs := d.candidates(q, rules[i], prev)
		best, bs, first := "", 0.0, true
		for _, c := range cs {
			if !d.plausible(c.name, spPerson) && !d.plausible(c.name, spOrg) {
				continue
			}
			if s := c.score(w); first || s > bs {
				best, bs, first = c.name, s, false
			}
		}
		// one who speaks elsewhere in the article is named for words that
		// read as speech and that the text gives no one: naming them adds
		// no one to the people quoted, and measured on the training
		// articles they are more often right than not
		known := speaks[d.tidy(best)]
		h := noneHandicap
		if known {
			h = knownHandicap
		}
		if none := noneCandidate(rules[i]).score(w) - h; first || none > bs && !(known && d.unattributed(q)) {
			best = ""
		}
		out[i] = d.tidy(best)
		if best != "" {
			prev = best
		}
	}
	return out
}

// speaking returns the people the rules found speaking, in quotations and
// reported speech.
func (d *doc) speaking(rules []string) map[string]bool {
	speaks := map[string]bool{}
	for _, r := range rules {
		if r != "" {
			speaks[r] = true
		}
	}
	for _, q := range d.reported {
		if n, _ := d.resolve(q.sp); n != "" {
			speaks[d.tidy(n)] = true
		}
	}
	return speaks
}

// unattributed reports whether q reads as speech (see speechPiece) and its
// sentence attributes it to no one: no speaker phrase, and no speech verb
// outside quotation marks ("the university called her “…”" names a
// speaker, if not by name).
func (d *doc) unattributed(q *rawQuote) bool {
	if q.sp.kind != spNone || !d.speechPiece(q) {
		return false
	}
	for k := d.sentenceStart(q.open); k < len(d.toks) && k < d.frameEnd(q.open); k++ {
		if d.isVerb(k) {
			return false
		}
	}
	return true
}

// Labelled is an article whose quotations are attributed, for training the
// speaker ranker.
type Labelled struct {
	Text   string
	Quotes []LabelledQuote
	// Cues are the byte ranges of the cues of every attribution with a
	// source, direct or not ("said", "has backed", "is expected to"), for
	// LearnCues.
	Cues [][2]int
}

// LabelledQuote is one attributed quotation of a Labelled article: the byte
// offsets of its words in the text and its speaker as written.
type LabelledQuote struct {
	Start, End int
	Speaker    string
}

// TrainRanker learns the speaker ranker's weights from labelled articles
// and returns them in the format of ranker.json with the number of ranking
// examples: the quotations found by the detector that overlap a labelled one
// whose speaker is among their candidates. The weights are those of a
// conditional log-linear model over each example's candidates (see
// fitRanker), fitted by the given number of passes over the examples.
func TrainRanker(arts []Labelled, passes int) ([]byte, int, error) {
	return TrainRankerWithCues(arts, passes, defaultCues)
}

// TrainRankerWithCues is TrainRanker with the learned cues c in place of
// the embedded ones, as cross-validation learns them from each fold.
func TrainRankerWithCues(arts []Labelled, passes int, c Cues) ([]byte, int, error) {
	var exs []example
	for _, a := range arts {
		d := newDoc(a.Text, entity.Extract(a.Text))
		d.cues = c
		d.collect = func(qs []*rawQuote, rules []string) {
			prev := ""
			for i, q := range qs {
				if i > 0 {
					prev = rules[i-1]
				}
				lq, ok := matchLabelled(q, a.Quotes)
				if !ok {
					continue
				}
				cs := append(d.candidates(q, rules[i], prev), noneCandidate(rules[i]))
				ex := example{cands: cs}
				any := false
				for _, c := range cs[:len(cs)-1] {
					g := sameSpeaker(c.name, lq.Speaker)
					ex.good = append(ex.good, g)
					any = any || g
				}
				// no candidate is right: the speaker is a description or someone not found
				ex.good = append(ex.good, !any)
				if !any && pronouns[strings.ToLower(lq.Speaker)] {
					continue
				}
				if len(cs) > 1 {
					exs = append(exs, ex)
				}
			}
		}
		d.run()
		d.output()
	}
	if len(exs) == 0 {
		return nil, 0, fmt.Errorf("train ranker: no examples in %d articles", len(arts))
	}
	w := fitRanker(exs, passes)
	b, err := json.MarshalIndent(rankerModel{
		Comment: fmt.Sprintf("speaker ranker: log-linear, L2 %g, %d passes, %d examples from %d articles; written by newsindex train-quotes",
			rankerL2, passes, len(exs), len(arts)),
		Weights: w,
	}, "", " ")
	if err != nil {
		return nil, 0, fmt.Errorf("train ranker: %w", err)
	}
	return append(b, '\n'), len(exs), nil
}

// rankerL2 is the weight of the L2 penalty of fitRanker. By 5-fold
// cross-validation 1, 3 and 10 name speakers about as well (of 2427, 2138,
// 2140 and 2140 rightly, with handicaps of 0.5 and 6); the larger the
// penalty, the less the weights depend on the articles they are learned
// from: of the 916 direct quotations of the demo and dev articles, the
// rankers learned from each four fifths and from all of PolNeAR train
// disagreed on the speaker of 24 with 1, 18 with 3, 18 with 10, and 35 with
// the averaged perceptron used before (30 with it shuffled over 30 epochs).
// The perceptron's weights swung with small changes to the examples: the
// one learned after a new rule for “…,” said <post>, <Name> named 2 fewer
// speakers rightly by cross-validation, this model the same number.
const rankerL2 = 3.0

// fitRanker fits the weights of a conditional log-linear model: a
// candidate's probability of being the speaker is exp of its score over the
// sum for all candidates of the quotation, and the weights maximise the
// log-probability of the right candidates of each example less rankerL2/2
// times the sum of the squared weights. Each pass computes the gradient over
// all examples in their order and takes an AdaGrad step, with the features
// of each candidate summed in one order (their indices, features sorted by
// name), so that the same examples give the same weights to the bit. The
// weights are rounded to three decimals.
func fitRanker(exs []example, passes int) map[string]float64 {
	// features as indices, in sorted order
	seen := map[string]bool{}
	for _, ex := range exs {
		for _, c := range ex.cands {
			for f := range c.feats {
				seen[f] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for f := range seen {
		names = append(names, f)
	}
	sort.Strings(names)
	id := make(map[string]int, len(names))
	for i, f := range names {
		id[f] = i
	}
	xs := make([][][]int, len(exs)) // example, candidate, feature indices
	for i, ex := range exs {
		for _, c := range ex.cands {
			v := make([]int, 0, len(c.feats))
			for f := range c.feats {
				v = append(v, id[f])
			}
			sort.Ints(v)
			xs[i] = append(xs[i], v)
		}
	}
	const rate = 0.5
	w := make([]float64, len(names))
	g := make([]float64, len(names))
	g2 := make([]float64, len(names)) // sum of squared gradients
	var p []float64
	for pass := 0; pass < passes; pass++ {
		for f := range g {
			g[f] = rankerL2 * w[f]
		}
		for i, cs := range xs {
			p = p[:0]
			top := math.Inf(-1)
			for _, v := range cs {
				s := 0.0
				for _, f := range v {
					s += w[f]
				}
				p = append(p, s)
				top = math.Max(top, s)
			}
			z, zGood := 0.0, 0.0
			for k := range p {
				p[k] = math.Exp(p[k] - top)
				z += p[k]
				if exs[i].good[k] {
					zGood += p[k]
				}
			}
			// the gradient of the negative log-probability of the right
			// candidates: each candidate's probability, less its share of
			// the right ones' probability
			for k, v := range cs {
				d := p[k] / z
				if exs[i].good[k] {
					d -= p[k] / zGood
				}
				for _, f := range v {
					g[f] += d
				}
			}
		}
		for f := range w {
			if g[f] != 0 {
				g2[f] += g[f] * g[f]
				w[f] -= rate * g[f] / math.Sqrt(g2[f])
			}
		}
	}
	out := map[string]float64{}
	for f, v := range w {
		if r := math.Round(v*1000) / 1000; r != 0 {
			out[names[f]] = r
		}
	}
	return out
}

// matchLabelled returns the labelled quotation that q covers at least half of.
func matchLabelled(q *rawQuote, lqs []LabelledQuote) (LabelledQuote, bool) {
	for _, l := range lqs {
		s, e := max(l.Start, q.start), min(l.End, q.end)
		if e > s && 2*(e-s) >= l.End-l.Start && l.Speaker != "" {
			return l, true
		}
	}
	return LabelledQuote{}, false
}

// example is one quotation's candidates and which of them are right.
type example struct {
	cands []*candidate
	good  []bool
}

// foldName lowers a name and drops its punctuation, a possessive and a
// leading "the", the way names are compared.
func foldName(s string) []string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.ReplaceAll(s, "'s ", " ")
	s = strings.TrimSuffix(s, "'s")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r):
			b.WriteRune(r)
		case r == '-':
			b.WriteRune(' ')
		}
	}
	var ws []string
	for i, w := range strings.Fields(b.String()) {
		if i == 0 && w == "the" || honorifics[w] || honorifics[w+"."] {
			continue
		}
		ws = append(ws, w)
	}
	return ws
}

// sameSpeaker reports whether two names denote the same speaker: equal once
// folded, or the shorter's words all in the longer, the longer's last word
// among them.
func sameSpeaker(a, b string) bool {
	fa, fb := foldName(a), foldName(b)
	if len(fa) == 0 || len(fb) == 0 {
		return false
	}
	short, long := fa, fb
	if len(short) > len(long) {
		short, long = long, short
	}
	in := map[string]bool{}
	for _, w := range short {
		in[w] = true
	}
	for _, w := range short {
		found := false
		for _, x := range long {
			if x == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return in[long[len(long)-1]]
}

// DefaultRanker returns the ranker built into the program.
func DefaultRanker() *Ranker { return &Ranker{defaultWeights} }
