// Span kinds: a log-linear model, run after the rules, that decides once
// more the kind of each name read as a person, a body or a place, from what
// the greedy tagger cannot see at once: its own scores, every mention of
// the name in the document and how the text refers back to it, the shape
// of the lines it stands on, and what the lexicon and the gazetteers know
// of its words. It is learned from CoNLL-2003 train as extracted by
// taggers that did not see the document (newsindex train-span-kinds).

package entity

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Span kinds the model chooses among: a name's kind, or no name.
var spanKindNames = [...]string{"O", "PER", "ORG", "LOC", "MISC"}

const numSpanKinds = len(spanKindNames)

// SpanKinds is a trained span-kind model: a weight per feature and kind.
type SpanKinds struct {
	w      map[string][numSpanKinds]float64
	margin float64         // how far a new kind's score must stand above the current one's
	allow  map[string]bool // the changes allowed, "PER>O"; nil: all
}

// spanKindsFile is the model as written: weights by feature, in the order
// of spanKindNames.
type spanKindsFile struct {
	Comment string                `json:"comment"`
	Margin  float64               `json:"margin"`
	Allow   []string              `json:"allow,omitempty"`
	Weights map[string][5]float64 `json:"weights"`
}

// ParseSpanKinds reads a model written by TrainSpanKinds.
func ParseSpanKinds(b []byte) (*SpanKinds, error) {
	var f spanKindsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("span kinds: %w", err)
	}
	k := &SpanKinds{w: make(map[string][numSpanKinds]float64, len(f.Weights)), margin: f.Margin}
	for n, w := range f.Weights {
		k.w[n] = w
	}
	if f.Allow != nil {
		k = k.Allowing(f.Allow)
	}
	return k, nil
}

//go:embed data/spankinds.json
var spanKindsData []byte

// defaultSpanKinds reads the embedded span-kind model; a file without
// weights is no model. One that does not read is a fault of the build,
// which the package's tests find, so it panics.
func defaultSpanKinds() *SpanKinds {
	k, err := ParseSpanKinds(spanKindsData)
	if err != nil {
		panic(fmt.Errorf("entity: embedded span kinds: %w", err))
	}
	if len(k.w) == 0 {
		return nil
	}
	return k
}

// WithMargin returns the model with another decision margin, for measuring.
func (k *SpanKinds) WithMargin(m float64) *SpanKinds {
	c := *k
	c.margin = m
	return &c
}

// Allowing returns the model making only the changes named ("PER>O", "ORG>PER").
func (k *SpanKinds) Allowing(changes []string) *SpanKinds {
	c := *k
	c.allow = map[string]bool{}
	for _, ch := range changes {
		c.allow[ch] = true
	}
	return &c
}

// changes reports whether the model may change a name of kind cur.
func (k *SpanKinds) changes(cur int) bool {
	if k.allow == nil {
		return true
	}
	for c := range numSpanKinds {
		if k.allow[spanKindNames[cur]+">"+spanKindNames[c]] {
			return true
		}
	}
	return false
}

// decide returns the kind the model gives a name of kind cur with the features fs.
func (k *SpanKinds) decide(fs []string, cur int) int {
	sc := k.scores(fs)
	best := cur
	for c := range numSpanKinds {
		if k.allow != nil && !k.allow[spanKindNames[cur]+">"+spanKindNames[c]] {
			continue
		}
		if sc[c] > sc[best] {
			best = c
		}
	}
	if best == cur || sc[best]-sc[cur] < k.margin {
		return cur
	}
	return best
}

// WithSpanKinds returns the tagger with the span-kind model k run after
// the rules (nil: none).
func (m *Model) WithSpanKinds(k *SpanKinds) *Model {
	c := *m.m
	c.kinds = k
	return &Model{&c}
}

// SpanExample is one name of a document as the rules leave it: the
// features the span-kind model reads, the kind the rules gave it, and the
// text of the name.
type SpanExample struct {
	Name     string
	Kind     string // PER, ORG or LOC
	Features []string
}

// SpanExamples runs the tagger and the rules over text and returns each
// name read as a person, a body or a place, for training the span-kind
// model; the model m may hold (and is run without) one.
func (m *Model) SpanExamples(text string) []SpanExample {
	c := *m.m
	c.kinds = nil
	var out []SpanExample
	x := &extraction{text: blankSignOff(text), toks: tokenize(blankSignOff(text)), model: &c, examples: &out}
	for _, p := range passes {
		p.run(x)
	}
	return out
}

// nameGroup is the spans of one name (lower-cased words) in a document.
type nameGroup struct {
	name  string
	spans []int // indices into x.spans
}

// spanKinds re-decides the kind of every person's, body's and place's name
// by the span-kind model, one decision for all mentions of a name; or, when
// examples are asked for, records the names and changes nothing.
func (x *extraction) spanKinds() {
	k := x.model.kinds
	if k == nil && x.examples == nil {
		return
	}
	if x.tagScores == nil {
		_, _, x.tagScores = x.model.tagScores(x.toks, true)
	}
	var groups []*nameGroup
	byName := map[string]*nameGroup{}
	for si, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg && s.kind != kLoc {
			continue
		}
		n := strings.ToLower(x.words(s))
		g := byName[n]
		if g == nil {
			g = &nameGroup{name: n}
			byName[n] = g
			groups = append(groups, g)
		}
		g.spans = append(g.spans, si)
	}
	if len(groups) == 0 {
		return
	}
	ctx := x.spanContext()
	drop := map[int]bool{}
	for _, g := range groups {
		cur := x.groupKind(g)
		if x.examples == nil && !k.changes(cur) {
			continue
		}
		fs := x.spanFeatures(g, cur, ctx)
		if x.examples != nil {
			*x.examples = append(*x.examples, SpanExample{Name: x.words(x.spans[g.spans[0]]), Kind: spanKindNames[cur], Features: fs})
			continue
		}
		best := k.decide(fs, cur)
		if best == cur {
			continue
		}
		for _, si := range g.spans {
			if best == 0 {
				drop[si] = true
			} else {
				x.spans[si].kind = best
			}
		}
	}
	if x.examples != nil {
		return
	}
	if len(drop) > 0 {
		kept := x.spans[:0]
		for si, s := range x.spans {
			if !drop[si] {
				kept = append(kept, s)
			}
		}
		x.spans = kept
	}
	x.buildOwner()
}

// groupKind returns the kind most mentions of the name have.
func (x *extraction) groupKind(g *nameGroup) int {
	var n [numSpanKinds]int
	for _, si := range g.spans {
		n[x.spans[si].kind]++
	}
	best := kPer
	for _, c := range []int{kOrg, kLoc} {
		if n[c] > n[best] {
			best = c
		}
	}
	return best
}

// spanContext is what the features read of the document as a whole.
type spanContext struct {
	refPer, refOrg map[string]int  // the reference cues of each name (references.go)
	surnames       map[string]bool // last words of people named in full
	firstOf        map[string]int  // the kind of a longer name a word opens
	lastOf         map[string]int  // the kind of a longer name a word ends
	sports         bool
}

func (x *extraction) spanContext() *spanContext {
	c := &spanContext{refPer: map[string]int{}, refOrg: map[string]int{}, surnames: map[string]bool{},
		firstOf: map[string]int{}, lastOf: map[string]int{}}
	for _, s := range x.spans {
		if s.kind != kPer && s.kind != kOrg && s.kind != kLoc {
			continue
		}
		n := strings.ToLower(x.words(s))
		for _, rc := range referenceCues {
			if k := rc.cue(x, s); k != 0 {
				if k == kPer {
					c.refPer[n]++
				} else {
					c.refOrg[n]++
				}
				break
			}
		}
		if s.j-s.i > 1 {
			if s.kind == kPer {
				c.surnames[x.toks[s.j-1].lower] = true
			}
			c.firstOf[x.toks[s.i].lower] = s.kind
			c.lastOf[x.toks[s.j-1].lower] = s.kind
		}
	}
	c.sports = x.sportsResults()
	return c
}

// spanFeatures returns the features of the name g, whose kind is now cur,
// sorted and without repeats.
func (x *extraction) spanFeatures(g *nameGroup, cur int, c *spanContext) []string {
	toks := x.toks
	set := map[string]bool{}
	add := func(f string) { set[f] = true }
	kind := spanKindNames[cur]
	add("bias")
	add("k=" + kind)
	first := x.spans[g.spans[0]]
	nw := first.j - first.i
	add("n=" + strconv.Itoa(min(nw, 4)))
	add(kind + "|n=" + strconv.Itoa(min(nw, 4)))
	fw, lw := toks[first.i].lower, toks[first.j-1].lower
	if nw > 1 {
		if g := GivenName(fw); g != 0 {
			add("first:given")
			add(kind + "|first:given")
		}
		add("firstw=" + fw)
	} else if GivenName(fw) != 0 {
		add("single:given")
	}
	add("lastw=" + lw)
	if r := []rune(lw); len(r) > 4 {
		add("suf3=" + string(r[len(r)-3:]))
	}
	for k := first.i; k < first.j; k++ {
		l := toks[k].lower
		switch {
		case legalForms[l]:
			add("w:legal")
		case companyMarks[l] || companySuffixes[l] || companyHeads[l] || companyWords[l]:
			add("w:company")
		case orgWords[l]:
			add("w:org")
		case placeNouns[l] || geoHeads[l] || featureHeads[l] || facilityHeads[l]:
			add("w:place")
		}
		if strings.IndexFunc(toks[k].norm, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			add("w:digit")
		}
		if k > first.i && nameParticles[l] {
			add("w:particle")
		}
	}
	if e := gaz.match(toks, first.i); e != nil && len(e.words) == nw {
		add("gaz=" + strconv.Itoa(int(e.kind)))
		add(kind + "|gaz=" + strconv.Itoa(int(e.kind)))
	}
	if ps := x.worldPlaces(first.i, first.j); len(ps) > 0 {
		size := 0
		region := false
		for _, p := range ps {
			size = max(size, p.Population)
			region = region || p.Region
		}
		b := "place:"
		switch {
		case region:
			b += "region"
		case size >= 1000000:
			b += "1m"
		case size >= 100000:
			b += "100k"
		case size >= 10000:
			b += "10k"
		default:
			b += "small"
		}
		add(b)
		add(kind + "|" + b)
	}
	if nw == 1 {
		if c.surnames[fw] {
			add("surname-of-person")
		}
		if k, ok := c.firstOf[fw]; ok {
			add("opens:" + spanKindNames[k])
		}
		if k, ok := c.lastOf[fw]; ok {
			add("ends:" + spanKindNames[k])
		}
	} else {
		if c.refPer[lw] > 0 {
			add("ref:last-per")
		}
		if c.refOrg[fw] > 0 {
			add("ref:first-org")
		}
	}
	if c.refPer[g.name] > 0 {
		add("ref:per")
	}
	if c.refOrg[g.name] > 0 {
		add("ref:org")
	}
	if c.sports {
		add("doc:sports")
		add(kind + "|doc:sports")
	}
	ments := len(g.spans)
	add("mentions=" + strconv.Itoa(min(ments, 3)))
	// the tagger's scores at the name's first token, averaged over mentions
	var per, org, loc, misc, o float64
	tagged := map[int]bool{}
	for _, si := range g.spans {
		s := x.spans[si]
		sc := x.tagScores[s.i]
		sf := float64(x.model.scale)
		per += float64(sc[tagBPer]) * sf
		org += float64(sc[tagBOrg]) * sf
		loc += float64(sc[tagBLoc]) * sf
		misc += float64(sc[tagBMisc]) * sf
		o += float64(sc[tagO]) * sf
		tagged[tagKind(x.tags[s.i])] = true
		x.mentionFeatures(s, add)
	}
	n := float64(ments)
	add("d:per-org=" + bucket((per-org)/n))
	add("d:per-loc=" + bucket((per-loc)/n))
	add("d:org-loc=" + bucket((org-loc)/n))
	best := math.Max(per, math.Max(org, loc))
	add("d:best-misc=" + bucket((best-misc)/n))
	add("d:best-o=" + bucket((best-o)/n))
	for t := range tagged {
		add("tag=" + spanKindNames[t])
		add(kind + "|tag=" + spanKindNames[t])
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// mentionFeatures adds the features of one mention's context.
func (x *extraction) mentionFeatures(s span, add func(string)) {
	toks := x.toks
	if toks[s.i].capsLine {
		add("capsline")
	}
	if toks[s.i].lineStart {
		add("linestart")
	}
	if x.titleBefore(s.i) {
		add("title-before")
	}
	if s.i > 0 && !toks[s.i].lineStart {
		p := toks[s.i-1].norm
		switch {
		case isDigit(p[0]):
			add("prev:num")
		case isLowerStart(p):
			add("prev=" + toks[s.i-1].lower)
		case isCap(p):
			add("prev:cap")
		default:
			add("prev=" + p)
		}
	}
	if s.j < len(toks) && !toks[s.j].lineStart {
		nx := toks[s.j].norm
		switch {
		case isDigit(nx[0]):
			add("next:num")
		case isLowerStart(nx):
			add("next=" + toks[s.j].lower)
		case isCap(nx):
			add("next:cap")
		default:
			add("next=" + nx)
		}
		if nx == "(" && s.j+2 < len(toks) && isCap(toks[s.j+1].norm) {
			if e := gaz.match(toks, s.j+1); e != nil && e.kind != gazOrg {
				add("next:bracket-place")
			}
		}
	}
	// the rest of the line: figures make a table's row
	nums := 0
	for k := s.j; k < len(toks) && !toks[k].lineStart; k++ {
		if isDigit(toks[k].norm[0]) {
			nums++
		}
	}
	switch {
	case nums >= 3:
		add("line:nums3")
	case nums >= 1:
		add("line:nums1")
	}
}

// bucket names a difference of scores by its rough size.
func bucket(d float64) string {
	switch {
	case d < -8:
		return "-8"
	case d < -4:
		return "-4"
	case d < -2:
		return "-2"
	case d < 0:
		return "-0"
	case d < 2:
		return "+0"
	case d < 4:
		return "+2"
	case d < 8:
		return "+4"
	}
	return "+8"
}

// Decide returns the kind the model gives the example (O for none).
func (k *SpanKinds) Decide(ex SpanExample) string {
	cur := 0
	for c, n := range spanKindNames {
		if n == ex.Kind {
			cur = c
		}
	}
	return spanKindNames[k.decide(ex.Features, cur)]
}

// scores returns the model's score of each kind for the features fs.
func (k *SpanKinds) scores(fs []string) [numSpanKinds]float64 {
	var sc [numSpanKinds]float64
	for _, f := range fs {
		if w, ok := k.w[f]; ok {
			for c := range numSpanKinds {
				sc[c] += w[c]
			}
		}
	}
	return sc
}

// spanKindsL2 is the weight of the L2 penalty of TrainSpanKinds.
var spanKindsL2 = 0.3

// SpanKindPasses is the number of full-batch passes of TrainSpanKinds.
const SpanKindPasses = 200

// TrainSpanKinds fits the span-kind model to labelled examples (labels
// of spanKindNames: O, PER, ORG, LOC, MISC) and returns it as written: a
// multinomial log-linear model with an L2 penalty, fitted by full-batch
// AdaGrad passes with the features of every example summed in sorted
// order, so that the same examples give the same bytes.
func TrainSpanKinds(exs []SpanExample, labels []string, passes int, margin float64, allow []string) ([]byte, error) {
	if len(exs) != len(labels) || len(exs) == 0 {
		return nil, fmt.Errorf("train span kinds: %d examples, %d labels", len(exs), len(labels))
	}
	seen := map[string]bool{}
	for _, ex := range exs {
		for _, f := range ex.Features {
			seen[f] = true
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
	xs := make([][]int, len(exs))
	ys := make([]int, len(exs))
	for i, ex := range exs {
		for _, f := range ex.Features {
			xs[i] = append(xs[i], id[f])
		}
		sort.Ints(xs[i])
		ys[i] = -1
		for c, n := range spanKindNames {
			if n == labels[i] {
				ys[i] = c
			}
		}
		if ys[i] < 0 {
			return nil, fmt.Errorf("train span kinds: label %q, want O|PER|ORG|LOC|MISC", labels[i])
		}
	}
	const rate = 0.5
	w := make([][numSpanKinds]float64, len(names))
	g := make([][numSpanKinds]float64, len(names))
	g2 := make([][numSpanKinds]float64, len(names))
	for pass := 0; pass < passes; pass++ {
		for f := range g {
			for c := range numSpanKinds {
				g[f][c] = spanKindsL2 * w[f][c]
			}
		}
		for i, v := range xs {
			var p [numSpanKinds]float64
			for _, f := range v {
				for c := range numSpanKinds {
					p[c] += w[f][c]
				}
			}
			top := math.Inf(-1)
			for c := range numSpanKinds {
				top = math.Max(top, p[c])
			}
			z := 0.0
			for c := range numSpanKinds {
				p[c] = math.Exp(p[c] - top)
				z += p[c]
			}
			for c := range numSpanKinds {
				d := p[c] / z
				if c == ys[i] {
					d--
				}
				for _, f := range v {
					g[f][c] += d
				}
			}
		}
		for f := range w {
			for c := range numSpanKinds {
				if g[f][c] != 0 {
					g2[f][c] += g[f][c] * g[f][c]
					w[f][c] -= rate * g[f][c] / math.Sqrt(g2[f][c])
				}
			}
		}
	}
	out := spanKindsFile{
		Comment: fmt.Sprintf("span kinds: log-linear, L2 %g, %d passes, %d names; written by newsindex train-span-kinds", spanKindsL2, passes, len(exs)),
		Margin:  margin,
		Allow:   allow,
		Weights: map[string][5]float64{},
	}
	for f, v := range w {
		var r [5]float64
		nz := false
		for c := range numSpanKinds {
			r[c] = math.Round(v[c]*1000) / 1000
			nz = nz || r[c] != 0
		}
		if nz {
			out.Weights[names[f]] = r
		}
	}
	return formatSpanKinds(out)
}

// formatSpanKinds writes the model as JSON with one feature a line, in
// sorted order, so that a retrained model's diff is readable.
func formatSpanKinds(f spanKindsFile) ([]byte, error) {
	str := func(v any) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(v)
		return strings.TrimSuffix(b.String(), "\n")
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n \"comment\": %s,\n \"margin\": %s,\n \"allow\": %s,\n \"weights\": {", str(f.Comment), str(f.Margin), str(f.Allow))
	names := make([]string, 0, len(f.Weights))
	for n := range f.Weights {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "\n  %s: %s", str(n), str(f.Weights[n]))
	}
	buf.WriteString("\n }\n}\n")
	var check spanKindsFile
	if err := json.Unmarshal(buf.Bytes(), &check); err != nil {
		return nil, fmt.Errorf("train span kinds: %w", err)
	}
	return buf.Bytes(), nil
}

// SetSpanKindsL2 sets the L2 penalty of TrainSpanKinds (measuring).
func SetSpanKindsL2(v float64) { spanKindsL2 = v }
