package story

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds text for exact-duplicate detection: letters are lower-cased,
// curly quotes, apostrophes and dashes are folded to their plain forms and
// then, with every other punctuation mark, dropped, and runs of white space
// become one space. Two texts that differ only in case, spacing, punctuation
// or quote style normalise to the same string.
func Normalize(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case isApostrophe(r):
			// Inside a word: "Korea’s" and "Korea's" both give "koreas".
		default:
			space = true
		}
	}
	return b.String()
}

// Fingerprint returns a short hex digest of the normalised title and body.
// Articles with the same fingerprint are exact duplicates: the same text,
// whatever its case, spacing, punctuation or quote style.
func Fingerprint(title, body string) string {
	sum := sha256.Sum256([]byte(Normalize(title) + "\n" + Normalize(body)))
	return hex.EncodeToString(sum[:12])
}

// isApostrophe reports whether r is an apostrophe, straight or curly.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´', '′':
		return true
	}
	return false
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// words calls fn with the hash of every word of text, in order, and whether
// the word holds a digit. A word is a run of letters and digits, lower-cased;
// apostrophes inside a word are skipped, and a point, comma or slash
// between two digits stays in the word, so that 60,500 and 44.819 are one
// figure each. It allocates nothing.
func words(text string, fn func(h uint64, digit bool)) {
	h := uint64(fnvOffset)
	n := 0 // bytes hashed into h
	digit := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
			case '0' <= c && c <= '9':
				digit = true
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				continue
			case (c == '.' || c == ',' || c == '/') && n > 0 && isDigit(text[i-2]) && i < len(text) && isDigit(text[i]):
			default:
				if n > 0 {
					fn(h, digit)
					h, n, digit = fnvOffset, 0, false
				}
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			r = unicode.ToLower(r)
			for ; r > 0; r >>= 8 {
				h = (h ^ uint64(r&0xff)) * fnvPrime
			}
			n++
		case isApostrophe(r):
		default:
			if n > 0 {
				fn(h, digit)
				h, n, digit = fnvOffset, 0, false
			}
		}
	}
	if n > 0 {
		fn(h, digit)
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// mix is the 64-bit finaliser of MurmurHash3: it spreads every input bit over
// every output bit.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// ShingleSize is the number of consecutive words in a shingle.
const ShingleSize = 3

// Figures is a set of the numbers in a text (words that hold a digit), as a
// 256-bit Bloom filter with one bit per number.
type Figures [4]uint64

func (f *Figures) add(h uint64) {
	h = mix(h)
	f[h>>62] |= 1 << (h & 63)
}

// Len returns the number of bits set in f, about the number of distinct
// figures.
func (f Figures) Len() int {
	return bits.OnesCount64(f[0]) + bits.OnesCount64(f[1]) + bits.OnesCount64(f[2]) + bits.OnesCount64(f[3])
}

// Containment returns the share of the smaller of f and g that the other
// also holds, from 0 to 1; it is 1 when either is empty.
func (f Figures) Containment(g Figures) float64 {
	nf, ng := f.Len(), g.Len()
	if nf == 0 || ng == 0 {
		return 1
	}
	both := 0
	for i := range f {
		both += bits.OnesCount64(f[i] & g[i])
	}
	return float64(both) / float64(min(nf, ng))
}

// shingles calls fn with the hash of every run of ShingleSize consecutive
// words in each of texts; no shingle spans two texts. A text shorter than a
// shingle gives one shingle of all its words. It adds every figure of texts
// to figs, unless figs is nil.
func shingles(fn func(h uint64), figs *Figures, texts ...string) {
	for _, text := range texts {
		var win [ShingleSize]uint64
		n := 0
		words(text, func(w uint64, digit bool) {
			if digit && figs != nil {
				figs.add(w)
			}
			copy(win[:], win[1:])
			win[ShingleSize-1] = w
			n++
			if n >= ShingleSize {
				fn(shingleHash(win[:]))
			}
		})
		if 0 < n && n < ShingleSize {
			fn(shingleHash(win[ShingleSize-n:]))
		}
	}
}

func shingleHash(ws []uint64) uint64 {
	var h uint64
	for _, w := range ws {
		h = h*0x9e3779b97f4a7c15 + w
	}
	return mix(h)
}
