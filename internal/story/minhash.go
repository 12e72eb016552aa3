package story

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
)

// MinHash parameters: Bins values, grouped for LSH into Bands bands of Rows
// values each.
const (
	Bins  = 128 // a power of two
	Rows  = 4
	Bands = Bins / Rows
)

const binShift = 64 - 7 // log2(Bins) top bits of a shingle hash pick its bin

// MinHash is a one-permutation MinHash signature of an article's word
// shingles (Li, Owen and Zhang 2012, densified as in Shrivastava 2017): the
// top bits of a shingle's 64-bit hash pick one of Bins bins, and each bin
// keeps the low 16 bits of the smallest low 32 bits it saw (b-bit MinHash).
// An empty bin borrows the value of a full bin chosen by a fixed sequence of
// probes, the same for every text. The share of bins where two signatures
// agree estimates the Jaccard similarity of the two shingle sets. One hash
// per shingle makes it about as cheap to compute as reading the text. The
// zero value (nil) is the signature of a text without words.
type MinHash []uint16

// MinHashOf returns the MinHash signature of the word shingles of texts.
func MinHashOf(texts ...string) MinHash {
	return minHashOf(nil, texts...)
}

// minHashOf is MinHashOf, and adds the figures of texts to figs.
func minHashOf(figs *Figures, texts ...string) MinHash {
	var mins [Bins]uint32
	var full [Bins / 64]uint64
	for i := range mins {
		mins[i] = ^uint32(0)
	}
	shingles(func(x uint64) {
		b, v := x>>binShift, uint32(x)
		full[b/64] |= 1 << (b % 64)
		if v < mins[b] {
			mins[b] = v
		}
	}, figs, texts...)
	if full == [Bins / 64]uint64{} {
		return nil
	}
	m := make(MinHash, Bins)
	for i := range mins {
		j := uint64(i)
		for attempt := uint64(1); full[j/64]&(1<<(j%64)) == 0; attempt++ {
			j = mix(uint64(i)<<32|attempt) >> binShift
		}
		m[i] = uint16(mins[j])
	}
	return m
}

// Similarity estimates the Jaccard similarity of the shingle sets behind a
// and b, from 0 to 1. It is 0 when either is empty.
func (a MinHash) Similarity(b MinHash) float64 {
	if len(a) != Bins || len(b) != Bins {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / Bins
}

// bands returns the values of each band, Rows 16-bit values in one word.
func (a MinHash) bands() (v [Bands]uint64) {
	for band := range v {
		for _, x := range a[band*Rows : (band+1)*Rows] {
			v[band] = v[band]<<16 | uint64(x)
		}
	}
	return v
}

// Keys returns the signature's LSH band keys, one per band: two articles
// share a key when their signatures agree on every row of a band. Articles
// whose Jaccard similarity is J share at least one key with probability
// 1-(1-J^Rows)^Bands.
func (a MinHash) Keys() []string {
	if len(a) != Bins {
		return nil
	}
	keys := make([]string, Bands)
	buf := make([]byte, 0, 24)
	for band, v := range a.bands() {
		buf = append(buf[:0], 'm')
		buf = strconv.AppendInt(buf, int64(band), 36)
		buf = append(buf, '.')
		buf = strconv.AppendUint(buf, v, 36)
		keys[band] = string(buf)
	}
	return keys
}

// String returns the signature as "m1" and the url-safe base64 of its values,
// 2+342 bytes, or "m1" alone for the empty signature. ParseMinHash reverses it.
func (a MinHash) String() string {
	if len(a) != Bins {
		return "m1"
	}
	raw := make([]byte, 2*Bins)
	for i, v := range a {
		binary.LittleEndian.PutUint16(raw[2*i:], v)
	}
	return "m1" + base64.RawURLEncoding.EncodeToString(raw)
}

// ParseMinHash parses the form String returns.
func ParseMinHash(s string) (MinHash, error) {
	if len(s) < 2 || s[:2] != "m1" {
		return nil, fmt.Errorf("story: minhash %.20q: want prefix m1", s)
	}
	if len(s) == 2 {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s[2:])
	if err != nil {
		return nil, fmt.Errorf("story: minhash %.20q: %w", s, err)
	}
	if len(raw) != 2*Bins {
		return nil, fmt.Errorf("story: minhash %.20q: %d bytes, want %d", s, len(raw), 2*Bins)
	}
	m := make(MinHash, Bins)
	for i := range m {
		m[i] = binary.LittleEndian.Uint16(raw[2*i:])
	}
	return m, nil
}

// SimHash is a 64-bit SimHash of an article's word shingles: bit i is set
// when more shingle hashes have bit i set than clear. Similar texts differ in
// few bits. Zero is the signature of a text without words.
type SimHash uint64

// SimHashOf returns the SimHash of the word shingles of texts.
func SimHashOf(texts ...string) SimHash {
	var votes [64]int32
	n := 0
	shingles(func(x uint64) {
		n++
		for i := range votes {
			votes[i] += int32(x>>i&1)*2 - 1
		}
	}, nil, texts...)
	if n == 0 {
		return 0
	}
	var h uint64
	for i, v := range votes {
		if v > 0 {
			h |= 1 << i
		}
	}
	if h == 0 {
		h = 1 // keep 0 for the empty text
	}
	return SimHash(h)
}

// Distance returns the number of bits in which a and b differ.
func (a SimHash) Distance(b SimHash) int { return bits.OnesCount64(uint64(a ^ b)) }

// Similarity returns 1 - Distance/64, or 0 when either is empty.
func (a SimHash) Similarity(b SimHash) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return 1 - float64(a.Distance(b))/64
}

// Keys returns the four 16-bit blocks of the hash as keys: by the pigeonhole
// principle, hashes within distance 3 share at least one.
func (a SimHash) Keys() []string {
	if a == 0 {
		return nil
	}
	keys := make([]string, 4)
	for i := range keys {
		keys[i] = "s" + strconv.Itoa(i) + "." + strconv.FormatUint(uint64(a)>>(16*i)&0xffff, 36)
	}
	return keys
}
