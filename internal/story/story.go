package story

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Same is the similarity at or above which two articles are one story.
const Same = 0.5

// Figure agreement: when both articles hold at least MinFigures figures
// and less than FigureAgree of the smaller set of figures is in the other,
// their similarity is scaled by that share over FigureAgree. Recurring reports (a
// weekly money-supply table, a dividend notice, a bond issue) share their
// wording but not their figures; copies of one story share both.
const (
	MinFigures  = 2
	FigureAgree = 0.75
)

// Signature is what the index stores of an article to find its story: a
// MinHash of its word shingles and the set of its figures. Its zero value is
// the signature of an article without words, which is never the same story
// as another.
type Signature struct {
	m MinHash
	f Figures
}

// Sign returns the signature of an article.
func Sign(title, body string) Signature {
	var s Signature
	s.m = minHashOf(&s.f, title, body)
	return s
}

// Keys returns the band keys under which the index files the article and
// by which it looks up candidates of the same story.
func (s Signature) Keys() []string { return s.m.Keys() }

// IsZero reports whether s is the signature of an article without words.
func (s Signature) IsZero() bool { return s.m == nil }

// sigPrefix names the encoding String writes, so that a future encoding
// can be told apart.
const sigPrefix = "s1"

// String returns the compact form of s that Parse reads: "s1" and the
// url-safe base64 of the MinHash values and the figures, 386 bytes, or "s1"
// alone for the zero Signature.
func (s Signature) String() string {
	if s.m == nil {
		return sigPrefix
	}
	raw := make([]byte, 2*Bins+8*len(s.f))
	for i, v := range s.m {
		binary.LittleEndian.PutUint16(raw[2*i:], v)
	}
	for i, v := range s.f {
		binary.LittleEndian.PutUint64(raw[2*Bins+8*i:], v)
	}
	return sigPrefix + base64.RawURLEncoding.EncodeToString(raw)
}

// The binary forms of a signature start with a letter: 'b' is the raw
// MinHash values and the 256-bit set of figures (289 bytes); 'c' lists the
// set's bits instead, one byte each, after their number (or 0xff and the
// raw set, for more than 31 figures): an article holds about six, so the
// form is about 264 bytes.
const (
	binaryPrefix  = 'b'
	compactPrefix = 'c'
)

// rawFigures, in place of the number of bits, marks a set of figures
// written raw in the compact form.
const rawFigures = 0xff

// AppendBinary appends the compact binary form of s that ParseBinary reads
// (1 byte for the zero Signature), for stores that keep bytes: about 264
// bytes, where String's text form takes 386.
func (s Signature) AppendBinary(b []byte) []byte {
	b = append(b, compactPrefix)
	if s.m == nil {
		return b
	}
	for _, v := range s.m {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	if n := s.f.Len(); n >= 32 {
		b = append(b, rawFigures)
		for _, v := range s.f {
			b = binary.LittleEndian.AppendUint64(b, v)
		}
		return b
	}
	b = append(b, byte(s.f.Len()))
	for i, w := range s.f {
		for ; w != 0; w &= w - 1 {
			b = append(b, byte(64*i+bits.TrailingZeros64(w)))
		}
	}
	return b
}

// ParseBinary parses a signature in either binary form (AppendBinary's,
// or the raw form stores written before it kept), or in the text form
// String writes.
func ParseBinary(b []byte) (Signature, error) {
	var s Signature
	if len(b) == 0 {
		return s, fmt.Errorf("story: empty signature")
	}
	var err error
	switch b[0] {
	case binaryPrefix:
		s, err = fromRaw(b[1:])
	case compactPrefix:
		s, err = fromCompact(b[1:])
	default:
		return Parse(string(b))
	}
	if err != nil {
		return s, fmt.Errorf("story: binary signature: %w", err)
	}
	return s, nil
}

// fromCompact decodes the compact form of a signature after its prefix.
func fromCompact(raw []byte) (Signature, error) {
	var s Signature
	if len(raw) == 0 {
		return s, nil
	}
	if len(raw) < 2*Bins+1 {
		return s, fmt.Errorf("%d bytes, want at least %d", len(raw), 2*Bins+1)
	}
	figs := raw[2*Bins+1:]
	if n := raw[2*Bins]; n == rawFigures {
		if len(figs) != 8*len(s.f) {
			return s, fmt.Errorf("%d bytes of figures, want %d", len(figs), 8*len(s.f))
		}
		for i := range s.f {
			s.f[i] = binary.LittleEndian.Uint64(figs[8*i:])
		}
	} else {
		if int(n) != len(figs) || n >= 32 {
			return s, fmt.Errorf("%d bytes of figures, want %d (under 32)", len(figs), n)
		}
		for _, x := range figs {
			s.f[x/64] |= 1 << (x % 64)
		}
		if s.f.Len() != int(n) {
			return s, fmt.Errorf("figures repeated")
		}
	}
	s.m = make(MinHash, Bins)
	for i := range s.m {
		s.m[i] = binary.LittleEndian.Uint16(raw[2*i:])
	}
	return s, nil
}

// fromRaw decodes the raw values of a signature: none for the zero
// Signature, else the MinHash values and the figures, little-endian.
func fromRaw(raw []byte) (Signature, error) {
	var s Signature
	if len(raw) == 0 {
		return s, nil
	}
	if want := 2*Bins + 8*len(s.f); len(raw) != want {
		return s, fmt.Errorf("%d bytes, want %d", len(raw), want)
	}
	s.m = make(MinHash, Bins)
	for i := range s.m {
		s.m[i] = binary.LittleEndian.Uint16(raw[2*i:])
	}
	for i := range s.f {
		s.f[i] = binary.LittleEndian.Uint64(raw[2*Bins+8*i:])
	}
	return s, nil
}

// Parse parses a signature in the form String returns.
func Parse(text string) (Signature, error) {
	var s Signature
	if len(text) < len(sigPrefix) || text[:len(sigPrefix)] != sigPrefix {
		return s, fmt.Errorf("story: signature %.20q: want prefix %s", text, sigPrefix)
	}
	if len(text) == len(sigPrefix) {
		return s, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(text[len(sigPrefix):])
	if err == nil && len(raw) == 0 {
		err = fmt.Errorf("no values")
	}
	if err == nil {
		s, err = fromRaw(raw)
	}
	if err != nil {
		return s, fmt.Errorf("story: signature %.20q: %w", text, err)
	}
	return s, nil
}

// Similarity estimates how much of their text two articles share, from 0
// (nothing, or either has no words) to 1: the Jaccard similarity of their
// shingle sets, scaled down when their figures disagree (see FigureAgree).
func Similarity(a, b Signature) float64 {
	j := a.m.Similarity(b.m)
	if a.f.Len() >= MinFigures && b.f.Len() >= MinFigures {
		if c := a.f.Containment(b.f); c < FigureAgree {
			j *= c / FigureAgree
		}
	}
	return j
}
