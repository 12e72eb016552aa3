// Package wordclass learns word classes from unlabelled text, for the
// entity tagger's cluster features: a name the labelled data never showed
// still shares a class with names that appear in the same contexts.
//
// The algorithm is the exchange algorithm for class-based bigram models
// (Martin, Liermann & Ney 1998) in its predictive form (Uszkoreit & Brants
// 2008), made two-sided: a word's class should predict both the word before
// it and the word after it. With N(x,c) the number of times a word of class
// c has context x (a left or a right neighbour) and N(c) the number of
// tokens of class c, it maximises
//
//	F = Σ_{x,c} N(x,c) log N(x,c) − 2 Σ_c N(c) log N(c)
//
// by moving one word at a time to the class that raises F most. Words seen
// fewer than MinCount times get no class; as contexts they are one "rare"
// word. Every step runs in a fixed order, so the result is the same on
// every run.
//
// The file Write produces is gzipped text: a header line
//
//	# wordclass k1 k2 ...
//
// then one line per word, "word<TAB>class1<TAB>class2...", a class per
// granularity, words by falling count.
package wordclass

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Counter collects the token sequences to cluster.
type Counter struct {
	ids    map[string]int32
	words  []string
	counts []int64
	seq    []int32 // token ids; boundary between sequences
}

const boundary = -1

// NewCounter returns an empty Counter.
func NewCounter() *Counter { return &Counter{ids: map[string]int32{}} }

// Add adds one sequence of tokens (a sentence or a document).
func (c *Counter) Add(tokens []string) {
	if len(tokens) == 0 {
		return
	}
	c.seq = append(c.seq, boundary)
	for _, t := range tokens {
		id, ok := c.ids[t]
		if !ok {
			id = int32(len(c.words))
			c.ids[t] = id
			c.words = append(c.words, t)
			c.counts = append(c.counts, 0)
		}
		c.counts[id]++
		c.seq = append(c.seq, id)
	}
}

// Tokens returns the number of tokens added.
func (c *Counter) Tokens() int { return len(c.seq) - c.sequences() }

func (c *Counter) sequences() int {
	n := 0
	for _, id := range c.seq {
		if id == boundary {
			n++
		}
	}
	return n
}

// Options set how Cluster works.
type Options struct {
	MinCount   int   // least count of a word that gets a class
	Classes    []int // number of classes at each granularity
	Iterations int   // passes of the exchange algorithm over the words
}

// Clustering is the class of each word at each granularity.
type Clustering struct {
	Sizes   []int            // number of classes at each granularity
	Words   []string         // by falling count, then byte order
	Classes map[string][]int // word → its class at each granularity
	// LabelledOnly marks the words that have a class only through text a
	// model is also trained on (written as a last field "*"): a tagger
	// trained on that text reads them without their class, as it will
	// read a word of a new document that no unlabelled text gave one.
	LabelledOnly map[string]bool
}

// Cluster clusters the words seen at least opts.MinCount times.
// progress, if not nil, is called after each pass with the granularity, the
// pass and the number of words that moved.
func (c *Counter) Cluster(opts Options, progress func(k, pass, moved int)) (*Clustering, error) {
	if opts.MinCount < 1 || opts.Iterations < 1 || len(opts.Classes) == 0 {
		return nil, fmt.Errorf("wordclass: options %+v: want MinCount ≥ 1, Iterations ≥ 1, some Classes", opts)
	}
	// The vocabulary, most frequent first; ties in byte order.
	var vocab []int32
	for id, n := range c.counts {
		if n >= int64(opts.MinCount) {
			vocab = append(vocab, int32(id))
		}
	}
	slices.SortFunc(vocab, func(a, b int32) int {
		if c.counts[a] != c.counts[b] {
			if c.counts[a] > c.counts[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(c.words[a], c.words[b])
	})
	v := len(vocab)
	for _, k := range opts.Classes {
		if k < 2 || k > v {
			return nil, fmt.Errorf("wordclass: %d classes for %d words, want 2 to %d", k, v, v)
		}
	}
	index := make([]int32, len(c.words)) // token id → vocabulary index, or -1
	for i := range index {
		index[i] = -1
	}
	for i, id := range vocab {
		index[id] = int32(i)
	}
	g := newGraph(c.seq, index, v)
	cl := &Clustering{Sizes: opts.Classes, Classes: make(map[string][]int, v)}
	for _, id := range vocab {
		cl.Words = append(cl.Words, c.words[id])
		cl.Classes[c.words[id]] = make([]int, len(opts.Classes))
	}
	for j, k := range opts.Classes {
		class := g.exchange(k, opts.Iterations, func(pass, moved int) {
			if progress != nil {
				progress(k, pass, moved)
			}
		})
		for i, w := range cl.Words {
			cl.Classes[w][j] = int(class[i])
		}
	}
	return cl, nil
}

// graph holds each vocabulary word's count and its contexts with their
// counts, in compressed rows. Contexts 0..v-1 are vocabulary words on the
// left, v a rare word on the left, v+1 a boundary on the left; v+2.. the
// same on the right.
type graph struct {
	v      int
	counts []int64
	offs   []int
	ctx    []int32
	n      []int32
}

func newGraph(seq []int32, index []int32, v int) *graph {
	ctxOf := func(id int32) uint64 {
		switch {
		case id == boundary:
			return uint64(v + 1)
		case index[id] < 0:
			return uint64(v)
		}
		return uint64(index[id])
	}
	var pairs []uint64 // word<<32 | context
	counts := make([]int64, v)
	for i, id := range seq {
		if id == boundary || index[id] < 0 {
			continue
		}
		w := uint64(index[id])
		counts[w]++
		pairs = append(pairs, w<<32|ctxOf(seq[i-1])) // seq[0] is a boundary
		right := int32(boundary)
		if i+1 < len(seq) {
			right = seq[i+1]
		}
		pairs = append(pairs, w<<32|(uint64(v+2)+ctxOf(right)))
	}
	slices.Sort(pairs)
	g := &graph{v: v, counts: counts, offs: make([]int, v+1)}
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		w := int(pairs[i] >> 32)
		g.ctx = append(g.ctx, int32(pairs[i]&0xffffffff))
		g.n = append(g.n, int32(j-i))
		g.offs[w+1] = len(g.ctx)
		i = j
	}
	for w := 1; w <= v; w++ { // words without pairs cannot occur, but keep offs monotone
		g.offs[w] = max(g.offs[w], g.offs[w-1])
	}
	return g
}

// xlogx is x·ln x, from a table for small x.
type xlogx []float64

func newXlogx(n int) xlogx {
	t := make(xlogx, n)
	for i := 1; i < n; i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return t
}

func (t xlogx) at(x int64) float64 {
	if x < int64(len(t)) {
		return t[x]
	}
	return float64(x) * math.Log(float64(x))
}

// exchange returns each word's class among k after the given passes (or
// fewer, once no word moves).
func (g *graph) exchange(k, passes int, progress func(pass, moved int)) []int32 {
	class := make([]int32, g.v)
	for w := range class {
		class[w] = int32(w % k) // the k most frequent words start alone
	}
	rows := 2 * (g.v + 2)
	nxc := make([]int32, rows*k)
	nc := make([]int64, k)
	for w := range g.v {
		c := int(class[w])
		nc[c] += g.counts[w]
		for i := g.offs[w]; i < g.offs[w+1]; i++ {
			nxc[int(g.ctx[i])*k+c] += g.n[i]
		}
	}
	f := newXlogx(1 << 20)
	gain := make([]float64, k)
	for pass := 1; pass <= passes; pass++ {
		moved := 0
		for w := range g.v {
			a := int(class[w])
			nw := g.counts[w]
			nc[a] -= nw
			for i := g.offs[w]; i < g.offs[w+1]; i++ {
				nxc[int(g.ctx[i])*k+a] -= g.n[i]
			}
			for c := range gain {
				gain[c] = -2 * (f.at(nc[c]+nw) - f.at(nc[c]))
			}
			for i := g.offs[w]; i < g.offs[w+1]; i++ {
				m := int64(g.n[i])
				fm := f.at(m)
				row := nxc[int(g.ctx[i])*k : int(g.ctx[i])*k+k]
				for c, x := range row {
					if x != 0 {
						gain[c] += f.at(int64(x)+m) - f.at(int64(x)) - fm
					}
				}
			}
			best := a
			for c := range gain {
				if gain[c] > gain[best]+1e-9 {
					best = c
				}
			}
			if best != a {
				moved++
				class[w] = int32(best)
			}
			nc[best] += nw
			for i := g.offs[w]; i < g.offs[w+1]; i++ {
				nxc[int(g.ctx[i])*k+best] += g.n[i]
			}
		}
		progress(pass, moved)
		if moved == 0 {
			break
		}
	}
	return class
}

// Write writes the clustering in the package's file format, gzipped.
func (cl *Clustering) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("wordclass: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString("# wordclass")
	for _, k := range cl.Sizes {
		bw.WriteString(" " + strconv.Itoa(k))
	}
	bw.WriteByte('\n')
	for _, wd := range cl.Words {
		bw.WriteString(wd)
		for _, c := range cl.Classes[wd] {
			bw.WriteString("\t" + strconv.Itoa(c))
		}
		if cl.LabelledOnly[wd] {
			bw.WriteString("\t*")
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("wordclass: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("wordclass: %w", err)
	}
	return nil
}

// Read reads a clustering written by Write.
func Read(r io.Reader) (*Clustering, error) {
	cl := &Clustering{Classes: map[string][]int{}}
	sizes, err := scan(r, func(word string, classes []int, labelledOnly bool) error {
		if _, dup := cl.Classes[word]; dup {
			return fmt.Errorf("word %q twice", word)
		}
		if labelledOnly {
			if cl.LabelledOnly == nil {
				cl.LabelledOnly = map[string]bool{}
			}
			cl.LabelledOnly[word] = true
		}
		cl.Words = append(cl.Words, word)
		cl.Classes[word] = append([]int(nil), classes...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	cl.Sizes = sizes
	return cl, nil
}

// scan reads a clustering written by Write, calling fn with each word,
// its classes (a slice fn must not keep) and whether it is labelled-only
// (Clustering.LabelledOnly), in the file's order, and returns the number
// of classes at each granularity; an error of fn stops it.
func scan(r io.Reader, fn func(word string, classes []int, labelledOnly bool) error) ([]int, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("wordclass: %w", err)
	}
	sc := bufio.NewScanner(zr)
	if !sc.Scan() {
		return nil, fmt.Errorf("wordclass: empty file: %v", sc.Err())
	}
	hdr := strings.Fields(sc.Text())
	if len(hdr) < 3 || hdr[0] != "#" || hdr[1] != "wordclass" {
		return nil, fmt.Errorf("wordclass: header %q, want \"# wordclass K...\"", sc.Text())
	}
	var sizes []int
	for _, f := range hdr[2:] {
		k, err := strconv.Atoi(f)
		if err != nil || k < 2 {
			return nil, fmt.Errorf("wordclass: header %q: bad class count %q", sc.Text(), f)
		}
		sizes = append(sizes, k)
	}
	cs := make([]int, len(sizes))
	for line := 2; sc.Scan(); line++ {
		word, rest, ok := strings.Cut(sc.Text(), "\t")
		for j := range sizes {
			if !ok {
				return nil, fmt.Errorf("wordclass: line %d: %d fields, want %d", line, 1+j, 1+len(sizes))
			}
			var f string
			f, rest, ok = strings.Cut(rest, "\t")
			c, err := strconv.Atoi(f)
			if err != nil || c < 0 || c >= sizes[j] {
				return nil, fmt.Errorf("wordclass: line %d: class %q, want 0 to %d", line, f, sizes[j]-1)
			}
			cs[j] = c
		}
		labelledOnly := ok && rest == "*"
		if ok && !labelledOnly {
			return nil, fmt.Errorf("wordclass: line %d: more than %d fields, or a last field not \"*\"", line, 1+len(sizes))
		}
		if err := fn(word, cs, labelledOnly); err != nil {
			return nil, fmt.Errorf("wordclass: line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordclass: %w", err)
	}
	return sizes, nil
}
