package story

import (
	"crypto/sha256"
	"encoding/hex"
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

// words calls fn with the hash of every word of text, in order. A word is a
// run of letters and digits, lower-cased; apostrophes inside a word are
// skipped. It allocates nothing.
func words(text string, fn func(h uint64)) {
	h := uint64(fnvOffset)
	n := 0 // bytes hashed into h
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				continue
			default:
				if n > 0 {
					fn(h)
					h, n = fnvOffset, 0
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
				fn(h)
				h, n = fnvOffset, 0
			}
		}
	}
	if n > 0 {
		fn(h)
	}
}

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

// shingles calls fn with the hash of every run of ShingleSize consecutive
// words in each of texts; no shingle spans two texts. A text shorter than a
// shingle gives one shingle of all its words.
func shingles(fn func(h uint64), texts ...string) {
	for _, text := range texts {
		var win [ShingleSize]uint64
		n := 0
		words(text, func(w uint64) {
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
