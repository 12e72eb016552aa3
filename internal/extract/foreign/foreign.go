// Package foreign reads what an article in a language other than English
// says that does not depend on English: the countries it names, by their
// names, adjectives and capitals in its language; the organizations the
// lists know, by name and acronym ("ONU", "OTAN", "Евросоюз"); the cities
// of the gazetteer of the world (package gazetteer) it names; and its
// direct quotations, in that language's quotation marks («…», „…“, 「…」),
// with a speaker only where a name stands before a colon that opens them.
// English rules (verbs of speech, titles, the entity tagger trained on
// English) never run here.
//
// Names are those of the lexicon: the English lists, which other languages
// write alike ("Iran", "NATO", "Reuters"), and the language's own lists
// (lexicon/data/LANG/countries.txt, demonyms.txt and capitals.txt, written
// by the gazetteer's build from data packages; shortnames.txt and orgs.txt,
// written by hand). A name is matched by the Snowball stems of its words,
// so that its inflected forms are found without a list of them ("Франции",
// "Deutschlands", "französischen"); acronyms and English organizations'
// names match as written. A language's names are read only in its
// articles: "Maurice" is Mauritius in French, a first name in English.
package foreign

import (
	"log/slog"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/quote"
)

// Result is what Extract finds.
type Result struct {
	Countries     []string // canonical English names, in the order first named
	Organizations []string // canonical names of known organizations
	Places        []string // cities, with their countries: "Marseille, France"
	Quotes        []quote.Quote
}

// Extract reads text (an article's title and body, as extract.Text joins
// them) in language lang, a lower-case BCP 47 primary subtag.
func Extract(text, lang string) Result {
	n, err := namesOf(lang)
	if err != nil {
		// The lists are embedded and tested; a fault is the build's.
		slog.Error("foreign: reading the lists", "language", lang, "err", err)
		return Result{Quotes: quotations(text, lang, nil, nil)}
	}
	toks := tokenize(text, n.stem)
	var r Result
	countries, orgs := map[string]bool{}, map[string]bool{}
	addCountry := func(name string) {
		if !countries[name] {
			countries[name] = true
			r.Countries = append(r.Countries, name)
		}
	}
	capitals := map[string][]token{} // country → the tokens naming its capital
	var capitalOrder []string
	var placeMentions []placeMention
	for i := 0; i < len(toks); i++ {
		e := n.match(text, toks, i)
		if e == nil || e.kind == kindCapital {
			if cities, k := place(text, toks, i, n); k > 0 {
				placeMentions = append(placeMentions, placeMention{cities, toks[i], isDateline(text, toks[i])})
				if e == nil {
					i += k - 1
					continue
				}
			}
		}
		if e == nil {
			continue
		}
		switch e.kind {
		case kindCountry, kindDemonym:
			addCountry(e.canonical)
		case kindCapital:
			if capitals[e.canonical] == nil {
				capitalOrder = append(capitalOrder, e.canonical)
			}
			capitals[e.canonical] = append(capitals[e.canonical], toks[i])
		case kindOrg:
			if !orgs[e.canonical] {
				orgs[e.canonical] = true
				r.Organizations = append(r.Organizations, e.canonical)
			}
		}
		i += len(e.words) - 1
	}
	// A capital names its country where the article is about it: in a
	// dateline, or named twice ("an office in Tokyo" names no Japan).
	for _, c := range capitalOrder {
		ts := capitals[c]
		if len(ts) >= 2 || isDateline(text, ts[0]) {
			addCountry(c)
		}
	}
	places, placeCountries := placesNamed(placeMentions, countries)
	r.Places = places
	for _, c := range placeCountries {
		addCountry(c)
	}
	r.Quotes = quotations(text, lang, toks, n)
	return r
}

// isDateline reports whether t opens a dateline: a paragraph's first word
// followed by a dateline's mark ("PARIS (AFP) –", "Moskau, 3. März –",
// "BERLIN:"), or a sentence's first word followed by a dash, where a
// source runs its headline into the body ("… im Gespräch. Wien – Die …").
func isDateline(text string, t token) bool {
	rest := strings.TrimLeft(text[t.end:], " \u00a0")
	if t.sentenceStart && (strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—")) {
		return true
	}
	line := text[:t.start]
	if k := strings.LastIndexByte(line, '\n'); k >= 0 {
		line = line[k+1:]
	}
	if strings.TrimSpace(line) != "" {
		return false
	}
	for _, m := range []string{"(", ",", "–", "—", "-", ":", "/"} {
		if strings.HasPrefix(rest, m) {
			return true
		}
	}
	return false
}
