package story

// Same is the similarity at or above which two articles are one story.
const Same = 0.5

// Signature is what the index stores of an article to find its story: a
// MinHash of its word shingles. Its zero value is the signature of an
// article without words, which is never the same story as another.
type Signature struct {
	m MinHash
}

// Sign returns the signature of an article.
func Sign(title, body string) Signature {
	return Signature{m: MinHashOf(title, body)}
}

// Keys returns the band keys under which the index files the article and
// by which it looks up candidates of the same story.
func (s Signature) Keys() []string { return s.m.Keys() }

// String returns the compact form of s that Parse reads.
func (s Signature) String() string { return s.m.String() }

// IsZero reports whether s is the signature of an article without words.
func (s Signature) IsZero() bool { return s.m == nil }

// Parse parses a signature in the form String returns.
func Parse(text string) (Signature, error) {
	m, err := ParseMinHash(text)
	return Signature{m: m}, err
}

// Similarity estimates how much of their text two articles share, from 0
// (nothing, or either has no words) to 1 (every shingle).
func Similarity(a, b Signature) float64 { return a.m.Similarity(b.m) }
