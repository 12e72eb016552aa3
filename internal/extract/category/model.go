package category

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Model is a trained text classifier. It is safe for concurrent use.
//
// A model holds one or two experts, linear models that share the feature
// table: one for short items (a headline and a sentence or two) and, when the
// training data had enough of them, one for full articles, trained on full
// articles only. An article of at least longWords words in its body goes to
// the second.
type Model struct {
	classes   []string
	rows      map[feature]int32 // feature → row of idf and the experts' weights
	idf       []float32         // per row
	longWords int               // 0: every article goes to experts[0]
	blend     float32           // share of experts[0] in a full article's probabilities
	shortOnly []bool            // per class: experts[1] never saw it; nil when none
	experts   []*expert

	pool sync.Pool // *scratch
}

// expert is a linear model over some kinds of feature.
type expert struct {
	kinds uint8     // bit k set: reads features of kind k
	w     []float32 // row-major: rows × classes
	bias  []float32 // per class
	// nb holds naive Bayes log-likelihoods of each feature given each
	// class, centred on their row's mean (rows × classes); their mean over
	// an article's words, times beta, is added to the linear scores.
	nb   []float32
	beta float32
}

// reads reports whether the expert reads features of kind k.
func (e *expert) reads(f feature) bool { return e.kinds&(1<<kindOf(f)) != 0 }

// scratch holds the buffers of one classification.
type scratch struct {
	x     extractor
	terms []termCount
	rows  []int32 // row of each term, -1 when the model does not know it
	probs []float32
	other []float32
}

//go:embed model.bin
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
)

// Default returns the model embedded in the binary. It is decoded on first
// use. Should the embedded model be unreadable, which a test guards against,
// every article is classified as World.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Decode(bytes.NewReader(defaultModel))
		if err != nil {
			m = &Model{classes: []string{World}, rows: map[feature]int32{},
				experts: []*expert{{bias: []float32{0}}}}
		}
		defaultM = m
	})
	return defaultM
}

// Classes returns the categories the model chooses among.
func (m *Model) Classes() []string { return slices.Clone(m.classes) }

// Features returns the number of features the model weighs.
func (m *Model) Features() int { return len(m.idf) }

// Classify returns the most likely category of an article.
func (m *Model) Classify(title, body string) string {
	if len(m.classes) == 0 {
		return World
	}
	s := m.get()
	defer m.pool.Put(s)
	p := m.probs(s, title, body)
	best := 0
	for c, v := range p {
		if v > p[best] {
			best = c
		}
	}
	return m.classes[best]
}

// Scores returns the model's probability for each of its classes (in the order
// of Classes) for an article.
func (m *Model) Scores(title, body string) []float64 {
	s := m.get()
	defer m.pool.Put(s)
	p := m.probs(s, title, body)
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = float64(v)
	}
	return out
}

func (m *Model) get() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	nc := len(m.classes)
	return &scratch{probs: make([]float32, nc), other: make([]float32, nc)}
}

// probs computes the probability of each class into s.probs: the full-article
// expert's for a full article, blended with the short-item expert's; else the
// short-item expert's.
func (m *Model) probs(s *scratch, title, body string) []float32 {
	s.terms = s.x.features(title, body, s.terms)
	s.rows = s.rows[:0]
	for _, t := range s.terms {
		r, ok := m.rows[t.f]
		if !ok {
			r = -1
		}
		s.rows = append(s.rows, r)
	}
	long := m.longWords > 0 && s.x.words >= m.longWords && len(m.experts) > 1
	if !long {
		m.linear(m.experts[0], s.terms, s.rows, s.probs)
		softmax(s.probs)
		return s.probs
	}
	m.linear(m.experts[1], s.terms, s.rows, s.probs)
	softmax(s.probs)
	if m.blend > 0 || m.shortOnly != nil {
		m.linear(m.experts[0], s.terms, s.rows, s.other)
		softmax(s.other)
		for c := range s.probs {
			s.probs[c] = (1-m.blend)*s.probs[c] + m.blend*s.other[c]
		}
	}
	if m.shortOnly != nil {
		// The short-item expert alone judges the categories that the
		// full-article expert never saw; the rest share what is left.
		var q, rest float32
		for c, only := range m.shortOnly {
			if only {
				q += s.other[c]
			} else {
				rest += s.probs[c]
			}
		}
		for c, only := range m.shortOnly {
			if only {
				s.probs[c] = s.other[c]
			} else if rest > 0 {
				s.probs[c] *= (1 - q) / rest
			}
		}
	}
	return s.probs
}

// linear computes an expert's score of each class for an article's terms
// into out.
func (m *Model) linear(e *expert, terms []termCount, rows []int32, out []float32) {
	copy(out, e.bias)
	nc := len(m.classes)
	var norm float32
	var words int32
	for i, t := range terms {
		if r := rows[i]; r >= 0 && e.reads(t.f) {
			v := tfWeight(t.n) * m.idf[r]
			norm += v * v
			words += t.n
		}
	}
	if norm == 0 {
		return
	}
	inv := 1 / float32(math.Sqrt(float64(norm)))
	nbScale := e.beta / float32(words)
	useNB := e.beta != 0 && len(e.nb) > 0
	for i, t := range terms {
		r := int(rows[i])
		if r < 0 || !e.reads(t.f) {
			continue
		}
		v := tfWeight(t.n) * m.idf[r] * inv
		row := e.w[r*nc : r*nc+nc]
		for c := range row {
			out[c] += v * row[c]
		}
		if useNB {
			nb := e.nb[r*nc : r*nc+nc]
			x := float32(t.n) * nbScale
			for c := range nb {
				out[c] += x * nb[c]
			}
		}
	}
}

// softmax turns scores into probabilities in place.
func softmax(x []float32) {
	mx := x[0]
	for _, v := range x {
		mx = max(mx, v)
	}
	var sum float32
	for i, v := range x {
		x[i] = float32(math.Exp(float64(v - mx)))
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

// The model file is gzip-compressed. Inside, in little-endian order:
//
//	magic "NXCAT3\n"
//	uint32 number of classes C, then each class as uint16 length and bytes
//	uint32 number of rows R, then R features, sorted, each as the uvarint
//	  difference from the previous one
//	R × float32 idf
//	uint32 longWords, float32 blend, C × uint8 short-only flags,
//	uint32 number of experts, then for each expert:
//	  uint8 kinds, C × float32 bias, float32 scale s,
//	  R × C int16 weights q (weight = q × s), float32 naive Bayes weight
//	  beta, and when beta is not 0: float32 scale t, R × C int8
//	  log-likelihoods q (value = q × t)
const magic = "NXCAT3\n"

// Save writes the model to path atomically (a side file renamed into place).
func (m *Model) Save(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("save model: %w", err)
	}
	if err := m.Encode(f); err != nil {
		f.Close()
		return fmt.Errorf("save model %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save model %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Encode writes the model in its file format to w.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	le := binary.LittleEndian
	put := func(v any) { _ = binary.Write(bw, le, v) }
	bw.WriteString(magic)
	put(uint32(len(m.classes)))
	for _, c := range m.classes {
		put(uint16(len(c)))
		bw.WriteString(c)
	}
	// Rows in feature order, so that the deltas are small and the file is
	// the same whatever the order of the map.
	feats := make([]feature, 0, len(m.rows))
	for f := range m.rows {
		feats = append(feats, f)
	}
	slices.Sort(feats)
	put(uint32(len(feats)))
	var prev feature
	var vb [binary.MaxVarintLen64]byte
	for _, f := range feats {
		bw.Write(vb[:binary.PutUvarint(vb[:], f-prev)])
		prev = f
	}
	for _, f := range feats {
		put(m.idf[m.rows[f]])
	}
	put(uint32(m.longWords))
	put(m.blend)
	only := make([]uint8, len(m.classes))
	for c := range only {
		if m.shortOnly != nil && m.shortOnly[c] {
			only[c] = 1
		}
	}
	put(only)
	put(uint32(len(m.experts)))
	nc := len(m.classes)
	q := make([]int16, nc)
	for _, e := range m.experts {
		put(e.kinds)
		put(e.bias)
		var mx float32
		for _, v := range e.w {
			mx = max(mx, float32(math.Abs(float64(v))))
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		put(scale)
		for _, f := range feats {
			r := int(m.rows[f])
			for c := range nc {
				q[c] = int16(math.Round(float64(e.w[r*nc+c] / scale)))
			}
			put(q)
		}
		put(e.beta)
		if e.beta != 0 {
			encodeInt8(put, e.nb)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// errFormat reports a file that is not a model.
var errFormat = errors.New("not a category model")

// Load reads a model that Save wrote.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	m, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	return m, nil
}

// Decode reads a model in its file format from r.
func Decode(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errFormat, err)
	}
	br := bufio.NewReader(zr)
	le := binary.LittleEndian
	get := func(what string, v any) error {
		if err := binary.Read(br, le, v); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		return nil
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errFormat
	}
	var nc uint32
	if err := get("classes", &nc); err != nil {
		return nil, err
	}
	if nc == 0 || nc > 1<<10 {
		return nil, fmt.Errorf("%w: %d classes", errFormat, nc)
	}
	m := &Model{classes: make([]string, nc)}
	for i := range m.classes {
		var n uint16
		if err := get("classes", &n); err != nil {
			return nil, err
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("read classes: %w", err)
		}
		m.classes[i] = string(b)
	}
	var nr uint32
	if err := get("rows", &nr); err != nil {
		return nil, err
	}
	if nr > 1<<24 {
		return nil, fmt.Errorf("%w: %d rows", errFormat, nr)
	}
	m.rows = make(map[feature]int32, nr)
	var f feature
	for i := range int32(nr) {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("read features: %w", err)
		}
		f += d
		m.rows[f] = i
	}
	m.idf = make([]float32, nr)
	if err := get("idf", m.idf); err != nil {
		return nil, err
	}
	var long, ne uint32
	if err := get("experts", &long); err != nil {
		return nil, err
	}
	if err := get("experts", &m.blend); err != nil {
		return nil, err
	}
	only := make([]uint8, nc)
	if err := get("experts", only); err != nil {
		return nil, err
	}
	for c, v := range only {
		if v != 0 {
			if m.shortOnly == nil {
				m.shortOnly = make([]bool, nc)
			}
			m.shortOnly[c] = true
		}
	}
	if err := get("experts", &ne); err != nil {
		return nil, err
	}
	if ne == 0 || ne > 2 {
		return nil, fmt.Errorf("%w: %d experts", errFormat, ne)
	}
	m.longWords = int(long)
	q := make([]int16, int(nr)*int(nc))
	for range ne {
		e := &expert{bias: make([]float32, nc), w: make([]float32, len(q))}
		var scale float32
		if err := get("expert", &e.kinds); err != nil {
			return nil, err
		}
		if err := get("bias", e.bias); err != nil {
			return nil, err
		}
		if err := get("weights", &scale); err != nil {
			return nil, err
		}
		if err := get("weights", q); err != nil {
			return nil, err
		}
		for i, v := range q {
			e.w[i] = float32(v) * scale
		}
		if err := get("naive Bayes", &e.beta); err != nil {
			return nil, err
		}
		if e.beta != 0 {
			if e.nb, err = decodeInt8(get, len(q)); err != nil {
				return nil, err
			}
		}
		m.experts = append(m.experts, e)
	}
	return m, nil
}

// encodeInt8 writes float32 values as a scale and int8 multiples of it.
func encodeInt8(put func(any), v []float32) {
	var mx float32
	for _, x := range v {
		mx = max(mx, float32(math.Abs(float64(x))))
	}
	scale := mx / 127
	if scale == 0 {
		scale = 1
	}
	q := make([]int8, len(v))
	for i, x := range v {
		q[i] = int8(math.Round(float64(x / scale)))
	}
	put(scale)
	put(q)
}

// decodeInt8 reads n values that encodeInt8 wrote.
func decodeInt8(get func(string, any) error, n int) ([]float32, error) {
	var scale float32
	if err := get("naive Bayes", &scale); err != nil {
		return nil, err
	}
	q := make([]int8, n)
	if err := get("naive Bayes", q); err != nil {
		return nil, err
	}
	v := make([]float32, n)
	for i, x := range q {
		v[i] = float32(x) * scale
	}
	return v, nil
}
