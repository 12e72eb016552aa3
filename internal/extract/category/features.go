package category

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// A feature is the 64-bit hash of a word, a pair of adjacent words, or a
// title word. Hashes are computed on the fly, so that classifying an article
// allocates no strings.
type feature = uint64

// Salts that keep the kinds of feature apart.
const (
	saltBigram = 0x9e3779b97f4a7c15
	saltTitle  = 0xc2b2ae3d27d4eb4f
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix scrambles a hash (the finaliser of SplitMix64).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// noise lists words that are markup left in feeds, not text ("&quot;").
var noise = map[uint64]bool{}

func init() {
	for _, w := range []string{"quot", "lt", "gt", "amp", "nbsp", "apos", "href", "39"} {
		noise[hashWord(w)] = true
	}
}

// hashWord returns the hash tokens gives to the word w, which must be lower
// case and no longer than prefixLen.
func hashWord(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

// prefixLen is the number of letters of a word that count: "economy",
// "economic" and "economies" are one feature, a crude but quick stemmer.
const prefixLen = 6

// tokens appends to dst the hashes of the words of s: runs of letters and
// digits, lower-cased and cut to their first prefixLen letters. Words of one
// letter, and feed markup such as "#39;" and "quot", are skipped.
func tokens(dst []uint64, s string) []uint64 {
	h := uint64(fnvOffset)
	n := 0
	var buf [utf8.UTFMax]byte
	end := func() {
		if n > 1 && !noise[h] {
			dst = append(dst, h)
		}
		h, n = fnvOffset, 0
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if n >= prefixLen {
				n++
				continue
			}
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				h ^= uint64(r)
				h *= fnvPrime
			} else {
				k := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, c := range buf[:k] {
					h ^= uint64(c)
					h *= fnvPrime
				}
			}
			n++
			continue
		}
		if n > 0 {
			end()
		}
	}
	if n > 0 {
		end()
	}
	return dst
}

// Kinds of feature, kept in a feature's top two bits so that an expert can
// choose the kinds it reads.
const (
	kindWord   = 0 // a word of the title or the body
	kindBigram = 1 // two adjacent words
	kindTitle  = 2 // a word of the title
	kindShift  = 62
	kindMask   = 1<<kindShift - 1
)

// kindOf returns the kind of a feature.
func kindOf(f feature) uint8 { return uint8(f >> kindShift) }

// withKind returns the hash h as a feature of kind k.
func withKind(h uint64, k uint64) feature { return h&kindMask | k<<kindShift }

// extractor turns an article into features. Its buffers are reused from one
// call to the next, so one extractor serves one goroutine.
type extractor struct {
	toks  []uint64
	feats []feature
	words int // the number of words of the body seen by the last call
}

// termCount is a feature and how often it occurs in an article.
type termCount struct {
	f feature
	n int32
}

// features returns the distinct features of an article with their counts,
// sorted by feature. The slice is valid until the next call. It also sets
// x.words.
func (x *extractor) features(title, body string, dst []termCount) []termCount {
	x.feats = x.feats[:0]
	x.toks = tokens(x.toks[:0], title)
	nTitle := len(x.toks)
	for _, t := range x.toks {
		x.feats = append(x.feats, withKind(mix(t^saltTitle), kindTitle))
	}
	x.toks = tokens(x.toks, body)
	x.words = len(x.toks) - nTitle
	for i, t := range x.toks {
		x.feats = append(x.feats, withKind(t, kindWord))
		if i > 0 && i != nTitle {
			x.feats = append(x.feats, withKind(mix(x.toks[i-1]*31+t^saltBigram), kindBigram))
		}
	}
	slices.Sort(x.feats)
	dst = dst[:0]
	for i, f := range x.feats {
		if i > 0 && f == x.feats[i-1] {
			dst[len(dst)-1].n++
			continue
		}
		dst = append(dst, termCount{f, 1})
	}
	return dst
}

// tfWeight is the sublinear weight of a term that occurs n times.
func tfWeight(n int32) float32 {
	return 1 + float32(math.Log(float64(n)))
}
