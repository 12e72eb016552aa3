// Package entity finds people, countries and organizations in news text and
// names each under one canonical name.
//
// Extraction runs in these steps over one document:
//
//  1. The text is split into tokens the way CoNLL-2003 is split (punctuation
//     alone, "'s" and "n't"-style clitics apart, "U.S." and "Mr." whole), so
//     that tokenised corpora and running text with curly quotes look alike.
//     Lines in capitals (headlines, datelines) and lines in title case
//     (headings) are marked.
//  2. A greedy averaged perceptron tags each token with a BIO tag of the
//     CoNLL kinds PER, ORG, LOC and MISC. Its features are the word, its
//     shape, prefixes and suffixes, the words around it, the two previous
//     tags, gazetteer hits, and how the same document writes the word
//     elsewhere. The weights are trained by `newsindex train-entities` on the
//     CoNLL-2003 training documents and embedded (data/tagger.bin.gz).
//  3. Spans are cleaned: titles ("President", "Mr") and possessives dropped,
//     days, months, sentence adverbs and groups of people refused as names,
//     names on title-case headings kept only when the body confirms them,
//     datelines ("CLEVELAND, Feb 26 -") read as places, names shaped like
//     organizations ("… Institution", "Foundation for …", "Maple & Finch")
//     added and preferred to the people inside them, and the untagged
//     repeats of names found elsewhere in the document tagged. A
//     capitalized word at a sentence start that the common-word lexicon
//     (the lexicon's common.txt.gz, built by `newsindex build-entity-lexicon`) knows
//     is no name unless the document writes it capitalized in mid-sentence.
//     A lone name that the document never gives in full is read by its
//     context: a word of a longer organization name or one with a company
//     cue ("shares in …", ", the Dutch maker of") is an organization; one
//     after a locative preposition, in a list of places, after "the port
//     of" or before "county" is a place; a demonym-shaped adjective
//     ("Andean democracies") is nothing. Hyphenated given names ("Baek
//     Hyun-woo") stay with their surname.
//  4. The gazetteers of package lexicon (written for this project) name countries,
//     their demonyms, capitals used for governments, cities, states and
//     provinces, known organizations with their acronyms, and names that are
//     no entities ("Cold War", "Korean Peninsula", "Uruguay Round"). Ambiguous
//     country names (Jordan, Georgia, Chad, Niger) count only where the
//     tagger reads a place; cities count only as places or in datelines;
//     Brussels names Belgium only in a dateline.
//  5. People are named by their full name: a lone surname joins the full
//     name of the same document that holds it, nearest before it first, and
//     every later bare surname becomes a mention of that full name.
//     Organizations are named by an acronym defined in the text ("European
//     Council on Foreign Relations (ECFR)"), then the gazetteer, then a
//     longer name of the same document that holds all their words.
//
// Mentions never overlap and are sorted by Start; the lists of canonical
// names follow the order of first mention.
package entity

import "strings"

// Kind is the type of an entity.
type Kind uint8

const (
	Person Kind = iota + 1
	Country
	Organization
	Place // a city or a region of the world gazetteer
)

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Kind       Kind
	Start, End int    // byte offsets into the text given to Extract
	Text       string // the surface form, text[Start:End]
	Name       string // the canonical name of the entity; a place's with its country: "Arequipa, Peru"
}

// Result is what Extract finds in one document.
type Result struct {
	// Canonical names, each once, in order of first mention.
	People, Countries, Organizations []string
	// Places are the cities and regions named, as "Arequipa, Peru".
	Places []string
	// Mentions sorted by Start. A place's mention may share its span with
	// the mention of the country it implies.
	Mentions []Mention
}

// Extract finds the entities of one document. text is the whole article:
// title, a blank line, then the body.
func Extract(text string) Result {
	return extract(blankSignOff(text), defaultModel)
}

// blankSignOff replaces a wire service's sign-off on the last line of text
// with spaces, keeping every offset.
func blankSignOff(text string) string {
	end := len(text)
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\n' || text[end-1] == '\r' || text[end-1] == '\t') {
		end--
	}
	start := strings.LastIndexByte(text[:end], '\n') + 1
	if !signOffs[strings.TrimSpace(text[start:end])] || start == 0 {
		return text
	}
	return text[:start] + strings.Repeat(" ", end-start) + text[end:]
}
