// Package entity finds people, countries and organizations in news text and
// names each under one canonical name.
package entity

// Kind is the type of an entity.
type Kind uint8

const (
	Person Kind = iota + 1
	Country
	Organization
)

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Kind       Kind
	Start, End int    // byte offsets into the text given to Extract
	Text       string // the surface form, text[Start:End]
	Name       string // the canonical name of the entity
}

// Result is what Extract finds in one document.
type Result struct {
	// Canonical names, each once, in order of first mention.
	People, Countries, Organizations []string
	// Mentions sorted by Start.
	Mentions []Mention
}

// Extract finds the entities of one document. text is the whole article:
// title, a blank line, then the body.
func Extract(text string) Result {
	return extract(text, defaultModel)
}
