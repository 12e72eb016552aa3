package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tagger is a greedy averaged perceptron over BIO tags of the CoNLL-2003
// kinds (PER, ORG, LOC, MISC). Features are hashed to 32 bits; the weights of
// the embedded model are int16 with one scale.

// Tags of the tagger.
const (
	tagO = iota
	tagBPer
	tagIPer
	tagBOrg
	tagIOrg
	tagBLoc
	tagILoc
	tagBMisc
	tagIMisc
	numTags
)

var tagNames = [numTags]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// tagKind returns the kind of a tag: 0 for O, 1 PER, 2 ORG, 3 LOC, 4 MISC.
func tagKind(t int) int { return (t + 1) / 2 }

func isInside(t int) bool { return t != tagO && t%2 == 0 }

// allowed reports whether tag t may follow tag prev (I-X only after B-X or I-X).
func allowed(prev, t int) bool {
	return !isInside(t) || tagKind(prev) == tagKind(t)
}

// model holds the tagger's weights in an open-addressing hash table keyed by
// feature hash, so that one lookup touches one cache line.
type model struct {
	table []entry
	mask  uint32
	scale float32         // the weight of one unit of entry.w
	lower map[string]bool // words that are mostly written in lower case
	// Tagging adds up some features' weights once, when the model is read,
	// rather than at every token: those of the own text of each word in
	// lower (ownFeatures; three tokens in four are such words) and those of
	// each pair of previous tags (prevTagFeatures). The weights are int16
	// summed in int32, exact in any order, so the scores are the same.
	own   map[string]*[numTags]int32
	prior [numTags][numTags][numTags]int32 // by the tags one and two tokens back
}

// entry is one feature's weights; key 0 marks an empty slot.
type entry struct {
	key uint32
	w   [numTags]int16
}

// slotKey maps a feature hash to a table key, which is never 0.
func slotKey(h uint32) uint32 {
	if h == 0 {
		return 1
	}
	return h
}

func (m *model) lookup(h uint32) *entry {
	if len(m.table) == 0 {
		return nil
	}
	k := slotKey(h)
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		e := &m.table[i]
		if e.key == k {
			return e
		}
		if e.key == 0 {
			return nil
		}
	}
}

//go:embed data/tagger.bin.gz
var modelData []byte

var defaultModel = mustLoadModel()

// mustLoadModel reads the embedded model; one that does not read is a
// fault of the build, which the package's tests find, so it panics.
func mustLoadModel() *model {
	m, err := readModel(bytes.NewReader(modelData))
	if err != nil {
		panic(fmt.Errorf("entity: embedded tagger: %w", err))
	}
	return m
}

// Model is a trained tagger, as TrainTagger writes it.
type Model struct{ m *model }

// ReadModel reads a model written by TrainTagger.
func ReadModel(r io.Reader) (*Model, error) {
	m, err := readModel(r)
	if err != nil {
		return nil, err
	}
	return &Model{m}, nil
}

// DefaultModel returns the embedded model that Extract uses.
func DefaultModel() *Model { return &Model{defaultModel} }

// Extract is the package's Extract with this model's tagger.
func (m *Model) Extract(text string) Result {
	return extract(blankSignOff(text), m.m)
}

// FNV-1a, 32 bits.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashStr(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint32, b byte) uint32 {
	h ^= uint32(b)
	h *= fnvPrime
	return h
}

func feat(kind byte, s string) uint32 { return hashStr(hashByte(fnvOffset, kind), s) }

func feat2(kind byte, a, b string) uint32 {
	return hashStr(hashByte(hashStr(hashByte(fnvOffset, kind), a), 0), b)
}

// shape maps a word to its shape with runs collapsed: "Putin" → "Xx",
// "1996-08-22" → "d-d-d", "U.S." → "X.X.".
func shape(w string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '?'
		}
		if c == last {
			continue
		}
		last = c
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
}

// docInfo records, per lower-cased word, how the document writes it.
type docInfo struct {
	capMid map[string]bool // capitalized, not at a sentence start, not on a caps line
	lower  map[string]bool // in lower case
}

func isSentenceStart(toks []token, i int) bool {
	if i == 0 || toks[i].lineStart {
		return true
	}
	switch toks[i-1].norm {
	case ".", "?", "!", `"`, ":", "'", "(", "-", ";":
		return true
	}
	return false
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isLowerStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// tokenFeatures computes the features of each token that do not depend on
// the tags before it.
type tokenFeatures struct {
	feats  []uint32 // all tokens' features, concatenated
	offs   []int    // token i's features are feats[offs[i]:offs[i+1]]
	lowers []string
}

func (m *model) features(toks []token, gz []byte) tokenFeatures {
	d := newDocFeatures(toks, gz)
	tf := tokenFeatures{feats: make([]uint32, 0, len(toks)*28), offs: make([]int, len(toks)+1), lowers: make([]string, len(toks))}
	for i, t := range toks {
		tf.offs[i] = len(tf.feats)
		tf.feats = d.appendFeatures(tf.feats, m, i, true)
		tf.lowers[i] = t.lower
	}
	tf.offs[len(toks)] = len(tf.feats)
	return tf
}

// docFeatures is what the features of a document's tokens read besides
// the token itself: its neighbours, how the document writes each word, and
// the gazetteer's names.
type docFeatures struct {
	toks   []token
	gz     []byte
	shapes []string
	di     docInfo
}

func newDocFeatures(toks []token, gz []byte) *docFeatures {
	d := &docFeatures{toks: toks, gz: gz, shapes: make([]string, len(toks)),
		di: docInfo{capMid: map[string]bool{}, lower: map[string]bool{}}}
	for i, t := range toks {
		d.shapes[i] = shape(t.norm)
		if t.capsLine {
			continue
		}
		if isCap(t.norm) {
			if !isSentenceStart(toks, i) {
				d.di.capMid[t.lower] = true
			}
		} else if isLowerStart(t.norm) {
			d.di.lower[t.lower] = true
		}
	}
	return d
}

// at returns the lower-case form and shape of token i, or the marks of the
// document's start and end beyond it.
func (d *docFeatures) at(i int) (string, string) {
	if i < 0 {
		return "<s>", "<s>"
	}
	if i >= len(d.toks) {
		return "</s>", "</s>"
	}
	return d.toks[i].lower, d.shapes[i]
}

// appendFeatures appends the features of token i that do not depend on the
// tags before it, in the order the trainer sums them (its sums are floats,
// so the order is part of the model). With own false it leaves out the
// features of the token's own text, ownFeatures, for a caller that has
// their weights summed already.
func (d *docFeatures) appendFeatures(f []uint32, m *model, i int, own bool) []uint32 {
	t := d.toks[i]
	w, l, sh := t.norm, t.lower, d.shapes[i]
	caps := "m"
	if t.capsLine {
		caps = "c"
	}
	ss := "0"
	if isSentenceStart(d.toks, i) {
		ss = "1"
	}
	if own {
		f = appendOwnHead(f, w, l, sh)
	}
	f = append(f, feat2('S', sh, caps), feat2('A', ss, sh))
	if own {
		f = appendAffixes(f, l)
	}
	l1, s1 := d.at(i - 1)
	l2, _ := d.at(i - 2)
	r1, rs1 := d.at(i + 1)
	r2, _ := d.at(i + 2)
	f = append(f, feat('1', l1), feat('2', l2), feat('3', r1), feat('4', r2),
		feat2('5', l1, l), feat2('6', l, r1), feat2('7', s1, sh), feat2('8', sh, rs1))
	if isCap(w) {
		if m.lower[l] {
			f = append(f, feat2('L', ss, caps))
		}
		if d.di.capMid[l] {
			f = append(f, feat2('M', "cap", caps))
		}
		if d.di.lower[l] {
			f = append(f, feat2('M', "low", caps))
		}
	}
	if g := d.gz[i]; g != 0 {
		f = append(f, feat('g', string(rune('a'+g))), feat2('G', string(rune('a'+g)), caps))
	}
	if i+1 < len(d.toks) && d.gz[i+1] != 0 {
		f = append(f, feat('n', string(rune('a'+d.gz[i+1]))))
	}
	return f
}

// ownFeatures appends the features of a token's own text, which depend on
// nothing else: norm, its lower-case form and its shape.
func ownFeatures(f []uint32, norm string) []uint32 {
	l := strings.ToLower(norm)
	return appendAffixes(appendOwnHead(f, norm, l, shape(norm)), l)
}

// appendOwnHead and appendAffixes append the two parts of ownFeatures,
// which the trainer's order sets apart.
func appendOwnHead(f []uint32, w, l, sh string) []uint32 {
	return append(f, feat('b', ""), feat('w', w), feat('l', l), feat('s', sh))
}

// appendAffixes appends the features of the first and last one to four
// characters of l.
func appendAffixes(f []uint32, l string) []uint32 {
	pre, suf := l, l
	for k := 1; k <= 4 && pre != ""; k++ {
		_, n := utf8.DecodeRuneInString(pre)
		_, sn := utf8.DecodeLastRuneInString(suf)
		pre, suf = pre[n:], suf[:len(suf)-sn]
		f = append(f, feat('p', l[:len(l)-len(pre)]), feat('x', l[len(suf):]))
	}
	return f
}

// gazFeatures marks tokens inside gazetteer names: the entry kind times two,
// plus one inside a name after its first token.
func gazFeatures(toks []token) []byte {
	gz := make([]byte, len(toks))
	for i := 0; i < len(toks); {
		e := gaz.match(toks, i)
		if e == nil {
			i++
			continue
		}
		for k := range e.words {
			gz[i+k] = byte(e.kind) * 2
			if k > 0 {
				gz[i+k]++
			}
		}
		i += len(e.words)
	}
	return gz
}

// dynamic features depend on the previous tags.
func dynFeatures(buf []uint32, p1, p2 int, l string) []uint32 {
	return append(prevTagFeatures(buf, p1, p2), prevTagWord(p1, l))
}

// prevTagFeatures appends the features of the tags one (p1) and two (p2)
// tokens back.
func prevTagFeatures(buf []uint32, p1, p2 int) []uint32 {
	a, b := tagNames[p1], tagNames[p2]
	return append(buf, feat('t', a), feat2('T', a, b))
}

// prevTagWord is the feature of the tag one token back (p1) with the word l.
func prevTagWord(p1 int, l string) uint32 { return feat2('u', tagNames[p1], l) }

func (m *model) score(scores *[numTags]int32, fs []uint32) {
	for _, f := range fs {
		m.score1(scores, f)
	}
}

func (m *model) score1(scores *[numTags]int32, f uint32) {
	e := m.lookup(f)
	if e == nil {
		return
	}
	for t := range numTags {
		scores[t] += int32(e.w[t])
	}
}

// sumWeights fills in the sums of model.own and model.prior.
func (m *model) sumWeights() {
	m.own = make(map[string]*[numTags]int32, len(m.lower))
	var buf []uint32
	for wd := range m.lower {
		sc := new([numTags]int32)
		buf = ownFeatures(buf[:0], wd)
		m.score(sc, buf)
		m.own[wd] = sc
	}
	for p1 := range numTags {
		for p2 := range numTags {
			buf = prevTagFeatures(buf[:0], p1, p2)
			m.score(&m.prior[p1][p2], buf)
		}
	}
}

// tag returns the BIO tag of each token.
func (m *model) tag(toks []token) []int {
	tags, _ := m.tagMargins(toks)
	return tags
}

// tagMargins returns the BIO tag of each token and, for a token tagged
// B-PER, how far the score of B-PER stands above the best score of a tag
// of another kind (O included), in units of weight: the tagger's
// confidence that a person's name starts there. Other tokens get 0.
func (m *model) tagMargins(toks []token) ([]int, []float32) {
	tags := make([]int, len(toks))
	margins := make([]float32, len(toks))
	if len(toks) == 0 {
		return tags, margins
	}
	d := newDocFeatures(toks, gazFeatures(toks))
	var fs []uint32
	for i, tok := range toks {
		p1, p2 := tagO, tagO
		if i > 0 {
			p1 = tags[i-1]
		}
		if i > 1 {
			p2 = tags[i-2]
		}
		var sc [numTags]int32
		if own := m.own[tok.norm]; own != nil {
			sc = *own
			fs = d.appendFeatures(fs[:0], m, i, false)
		} else {
			fs = d.appendFeatures(fs[:0], m, i, true)
		}
		m.score(&sc, fs)
		for t, w := range m.prior[p1][p2] {
			sc[t] += w
		}
		m.score1(&sc, prevTagWord(p1, tok.lower))
		tags[i], margins[i] = m.pick(&sc, p1)
	}
	return tags, margins
}

// pick returns the best-scoring tag the previous tag p1 allows and, when it
// is B-PER, how far its score stands above the best tag of another kind.
func (m *model) pick(sc *[numTags]int32, p1 int) (int, float32) {
	best, bestScore := tagO, int32(math.MinInt32)
	for t := range numTags {
		if allowed(p1, t) && sc[t] > bestScore {
			best, bestScore = t, sc[t]
		}
	}
	if best != tagBPer {
		return best, 0
	}
	second := int32(math.MinInt32)
	for t := range numTags {
		if t != tagBPer && t != tagIPer && allowed(p1, t) && sc[t] > second {
			second = sc[t]
		}
	}
	return best, float32(sc[tagBPer]-second) * m.scale
}

// TrainingDoc is one labelled document for TrainTagger.
type TrainingDoc struct {
	Text  string
	Spans []TrainingSpan
}

// TrainingSpan is a labelled entity: byte offsets and a CoNLL kind
// (PER, ORG, LOC or MISC).
type TrainingSpan struct {
	Start, End int
	Kind       string
}

// trainer holds the weights being learned with their running sums for
// averaging.
type trainer struct {
	w      map[uint32]*[3][numTags]float32 // weight, total, last update step
	step   float32
	kindOf map[string]int
}

func (tr *trainer) update(fs []uint32, tag int, delta float32) {
	for _, f := range fs {
		e := tr.w[f]
		if e == nil {
			e = new([3][numTags]float32)
			tr.w[f] = e
		}
		e[1][tag] += (tr.step - e[2][tag]) * e[0][tag]
		e[2][tag] = tr.step
		e[0][tag] += delta
	}
}

// TrainTagger trains the tagger on labelled documents for the given number of
// passes and writes the model (gzip-compressed) to w. It is deterministic.
// progress, if not nil, is called after each pass with the number of tokens
// mistagged during the pass and the number of tokens. It is TrainTaggerSeed
// with seed 1, the shipped model's.
func TrainTagger(docs []TrainingDoc, passes int, w io.Writer, progress func(pass, errs, n int)) error {
	return TrainTaggerSeed(docs, passes, 1, w, progress)
}

// TrainTaggerSeed is TrainTagger with the seed of the shuffle that orders
// the documents in each pass. The order alone moves cross-validated figures
// by up to 0.01, so measuring a change takes several seeds (measure -repeats).
func TrainTaggerSeed(docs []TrainingDoc, passes int, seed uint64, w io.Writer, progress func(pass, errs, n int)) error {
	type example struct {
		toks []token
		gold []int
	}
	lowerCount := map[string]int{}
	capCount := map[string]int{}
	exs := make([]example, 0, len(docs))
	for _, d := range docs {
		toks := tokenize(d.Text)
		gold := make([]int, len(toks))
		for _, s := range d.Spans {
			k := map[string]int{"PER": tagBPer, "ORG": tagBOrg, "LOC": tagBLoc, "MISC": tagBMisc}[s.Kind]
			if k == 0 {
				return fmt.Errorf("train: unknown kind %q, want PER|ORG|LOC|MISC", s.Kind)
			}
			first := true
			for i, t := range toks {
				if t.start >= s.Start && t.end <= s.End {
					if first {
						gold[i] = k
						first = false
					} else {
						gold[i] = k + 1
					}
				}
			}
		}
		for i, t := range toks {
			if isCap(t.norm) {
				if !isSentenceStart(toks, i) && !t.capsLine {
					capCount[strings.ToLower(t.norm)]++
				}
			} else {
				lowerCount[t.norm]++
			}
		}
		exs = append(exs, example{toks, gold})
	}
	m := &model{lower: map[string]bool{}}
	for wd, n := range lowerCount {
		if n >= 3 && n > 2*capCount[wd] {
			m.lower[wd] = true
		}
	}
	cached := make([]tokenFeatures, len(exs))
	for i, ex := range exs {
		cached[i] = m.features(ex.toks, gazFeatures(ex.toks))
	}
	tr := &trainer{w: map[uint32]*[3][numTags]float32{}}
	rng := rand.New(rand.NewPCG(seed, 2))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var dyn, all []uint32
	for pass := 0; pass < passes; pass++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, n := 0, 0
		for _, di := range order {
			ex, tf := exs[di], cached[di]
			prev := make([]int, len(ex.toks))
			for i := range ex.toks {
				tr.step++
				p1, p2 := tagO, tagO
				if i > 0 {
					p1 = prev[i-1]
				}
				if i > 1 {
					p2 = prev[i-2]
				}
				dyn = dynFeatures(dyn[:0], p1, p2, tf.lowers[i])
				all = append(append(all[:0], tf.feats[tf.offs[i]:tf.offs[i+1]]...), dyn...)
				var sc [numTags]float32
				for _, f := range all {
					if e := tr.w[f]; e != nil {
						for t := range numTags {
							sc[t] += e[0][t]
						}
					}
				}
				best, bs := tagO, float32(math.Inf(-1))
				for t := range numTags {
					if allowed(p1, t) && sc[t] > bs {
						best, bs = t, sc[t]
					}
				}
				g := ex.gold[i]
				if best != g {
					tr.update(all, g, 1)
					tr.update(all, best, -1)
					errs++
				}
				n++
				prev[i] = best
			}
		}
		if progress != nil {
			progress(pass+1, errs, n)
		}
	}
	// Average, then keep the features whose weights matter.
	type kept struct {
		h uint32
		w [numTags]float32
	}
	var ks []kept
	var maxAbs float32
	for h, e := range tr.w {
		var k kept
		k.h = h
		var big bool
		for t := range numTags {
			tot := e[1][t] + (tr.step-e[2][t])*e[0][t]
			k.w[t] = tot / tr.step
			if a := float32(math.Abs(float64(k.w[t]))); a > 0.02 {
				big = true
				maxAbs = max(maxAbs, a)
			}
		}
		if big {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].h < ks[j].h })
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	scale := maxAbs / 32767
	lowers := make([]string, 0, len(m.lower))
	for wd := range m.lower {
		lowers = append(lowers, wd)
	}
	sort.Strings(lowers)
	hdr := []uint32{uint32(len(ks)), math.Float32bits(scale), uint32(len(lowers))}
	if err := binary.Write(bw, binary.LittleEndian, hdr); err != nil {
		return fmt.Errorf("train: write model: %w", err)
	}
	for _, wd := range lowers {
		bw.WriteString(wd)
		bw.WriteByte('\n')
	}
	for _, k := range ks {
		binary.Write(bw, binary.LittleEndian, k.h)
	}
	for _, k := range ks {
		var q [numTags]int16
		for t := range numTags {
			q[t] = int16(math.Round(float64(k.w[t] / scale)))
		}
		binary.Write(bw, binary.LittleEndian, q)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("train: write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("train: write model: %w", err)
	}
	return nil
}

// readModel reads a model written by TrainTagger.
func readModel(r io.Reader) (*model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReader(zr)
	var hdr [3]uint32
	if err := binary.Read(br, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	n, scale, nl := int(hdr[0]), math.Float32frombits(hdr[1]), int(hdr[2])
	size := 1
	for size < n*3/2 {
		size *= 2
	}
	m := &model{table: make([]entry, size), mask: uint32(size - 1), scale: scale, lower: make(map[string]bool, nl)}
	for range nl {
		wd, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("read model: %w", err)
		}
		m.lower[strings.TrimSuffix(wd, "\n")] = true
	}
	hs := make([]uint32, n)
	if err := binary.Read(br, binary.LittleEndian, hs); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	q := make([]int16, n*numTags)
	if err := binary.Read(br, binary.LittleEndian, q); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	for i, h := range hs {
		k := slotKey(h)
		j := k & m.mask
		for m.table[j].key != 0 && m.table[j].key != k {
			j = (j + 1) & m.mask
		}
		e := &m.table[j]
		e.key = k
		for t := range numTags {
			e.w[t] += q[i*numTags+t] // two hashes that meet at 0 and 1 share a slot
		}
	}
	m.sumWeights()
	return m, nil
}
