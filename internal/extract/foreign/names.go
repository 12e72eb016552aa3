package foreign

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// What a known name names.
type kind uint8

const (
	kindCountry kind = iota + 1
	kindDemonym      // an adjective of nationality: "französisch", "французский"
	kindCapital      // a capital, which names its country only where the article is about it
	kindOrg
)

// nameWord is one word of a known name.
type nameWord struct {
	text, stem string
	// minRunes is the least length of a word of the text read as this
	// one, the name's own: inflections keep or lengthen names ("Франция",
	// "Франции", "Францией"), and a shorter word with the same stem is
	// another word (German "Pol", a pole, is not "Polen"; French "franc"
	// is not "français"). A word of a longer name may lose two letters
	// (German "Internationaler", "Internationale").
	minRunes int
}

// entry is one name of the lists.
type entry struct {
	kind      kind
	canonical string // the canonical English name: "Germany", "United Nations"
	words     []nameWord
	// exact entries match as written, not by stem: acronyms ("ONU",
	// "OTAN", "EE.UU."), names of short stems and the English names of
	// organizations ("Reuters"); raw is the name so written, without a
	// final period, in lower case for a demonym.
	exact bool
	raw   string
	// ambiguous names (a first name too: French "Maurice", Mauritius)
	// count only where no capitalised word follows them.
	ambiguous bool
	// english entries are the English names of countries, which other
	// languages write alike but inflect: each word of the text must be the
	// name's word as written, perhaps with an ending of up to two letters
	// (German "Irans"), so that Portuguese "América" (the continent) is
	// not "America", whose stem it shares once accents are folded.
	english bool
	// notFirst is set on single English words that must not open a
	// sentence, where any word is capitalised ("Meta" of Spanish "meta").
	notFirst bool
}

// names holds the known names one language's text is read with.
type names struct {
	stem func(string) string
	// locatives are the prepositions before a place, for a language
	// whose capitals tell no name (German capitalises every noun); nil
	// for the others (see place).
	locatives map[string]bool
	// particles are the lower-case words inside people's names ("von der").
	particles map[string]bool
	byStem    map[string][]*entry // the first word's stem → stemmed entries
	byText    map[string][]*entry // the first word as written → exact entries
}

var (
	namesMu    sync.Mutex
	namesCache = map[string]*names{}
)

// namesOf returns the names of language lang, read once.
func namesOf(lang string) (*names, error) {
	namesMu.Lock()
	defer namesMu.Unlock()
	if n, ok := namesCache[lang]; ok {
		return n, nil
	}
	n, err := loadNames(lang)
	if err != nil {
		return nil, err
	}
	namesCache[lang] = n
	return n, nil
}

// loadNames reads the lists an article in lang is read with: the English
// names of countries and organizations, which other languages write
// alike ("Iran", "NATO", "Reuters"), and the language's own lists, where
// it has them: countries.txt, shortnames.txt, demonyms.txt, capitals.txt
// and orgs.txt.
func loadNames(lang string) (*names, error) {
	n := &names{stem: stemmer(lang), byStem: map[string][]*entry{}, byText: map[string][]*entry{}}
	countries, orgs := map[string]bool{}, map[string]bool{}
	read := func(l, file string, each func(section string, ln lexicon.Line) error) error {
		f, err := lexicon.Open(l, file)
		if errors.Is(err, fs.ErrNotExist) && l != lexicon.English {
			return nil // the language has no such list
		}
		if err != nil {
			return fmt.Errorf("foreign: %w", err)
		}
		for _, s := range f.Sections() {
			ls, err := f.Lines(s)
			if err != nil {
				return fmt.Errorf("foreign: %w", err)
			}
			for _, ln := range ls {
				if err := each(s, ln); err != nil {
					return fmt.Errorf("foreign: %s:%d: %w", f.Name, ln.No, err)
				}
			}
		}
		return nil
	}
	// English: canonical names, the names of countries, organizations.
	err := read(lexicon.English, "countries.txt", func(_ string, ln lexicon.Line) error {
		canon := strings.TrimPrefix(ln.Fields[0], "?")
		countries[canon] = true
		for _, name := range ln.Fields {
			if !strings.HasPrefix(name, "?") {
				if e := n.add(kindCountry, canon, name, false); e != nil {
					e.english = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = read(lexicon.English, "orgs.txt", func(_ string, ln lexicon.Line) error {
		orgs[ln.Fields[0]] = true
		for _, name := range ln.Fields {
			if e := n.addExact(kindOrg, ln.Fields[0], name); e != nil {
				e.notFirst = len(e.words) == 1 && !isAcronym(name)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n.particles, err = words(lexicon.English, "function.txt", "name-particle"); err != nil {
		return nil, err
	}
	if lang == lexicon.English {
		return n, nil
	}
	if f, err := lexicon.Open(lang, "function.txt"); err == nil && slices.Contains(f.Sections(), "locative") {
		if n.locatives, err = f.Words("locative"); err != nil {
			return nil, fmt.Errorf("foreign: %w", err)
		}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("foreign: %w", err)
	}
	known := func(set map[string]bool, what string) func(string, lexicon.Line) error {
		return func(_ string, ln lexicon.Line) error {
			if !set[ln.Fields[0]] {
				return fmt.Errorf("%q is no %s of the English lists", ln.Fields[0], what)
			}
			return nil
		}
	}
	for _, l := range []struct {
		file, what string
		kind       kind
		set        map[string]bool
	}{
		{"countries.txt", "country", kindCountry, countries},
		{"shortnames.txt", "country", kindCountry, countries},
		{"demonyms.txt", "country", kindDemonym, countries},
		{"capitals.txt", "country", kindCapital, countries},
		{"orgs.txt", "organization", kindOrg, orgs},
	} {
		check := known(l.set, l.what)
		err := read(lang, l.file, func(s string, ln lexicon.Line) error {
			if err := check(s, ln); err != nil {
				return err
			}
			for _, name := range ln.Fields[1:] {
				amb := strings.HasPrefix(name, "?")
				name = strings.TrimPrefix(name, "?")
				if l.kind == kindOrg && isAcronym(name) || l.kind == kindCapital && s == "alternate" {
					n.addExact(l.kind, ln.Fields[0], name)
					continue
				}
				n.add(l.kind, ln.Fields[0], name, amb)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return n, nil
}

// minStemRunes is the shortest stem a name is matched by; a name of a
// shorter stem matches as written.
const minStemRunes = 4

func words(lang, file, section string) (map[string]bool, error) {
	f, err := lexicon.Open(lang, file)
	if err != nil {
		return nil, fmt.Errorf("foreign: %w", err)
	}
	w, err := f.Words(section)
	if err != nil {
		return nil, fmt.Errorf("foreign: %w", err)
	}
	return w, nil
}

// add adds a name matched by its words' stems and returns its entry, nil
// for one matched as written.
func (n *names) add(k kind, canon, name string, ambiguous bool) *entry {
	if isAcronym(name) || strings.Contains(name, ".") {
		n.addExact(k, canon, name)
		return nil
	}
	toks := tokenize(name, n.stem)
	if len(toks) == 0 {
		return nil
	}
	e := &entry{kind: k, canonical: canon, ambiguous: ambiguous}
	for _, t := range toks {
		min := utf8.RuneCountInString(t.text)
		if len(toks) > 1 {
			min -= 2 // the other words vouch for it: "der Internationale Währungsfonds"
		}
		e.words = append(e.words, nameWord{text: t.text, stem: t.stem, minRunes: min})
	}
	if utf8.RuneCountInString(e.words[0].stem) < minStemRunes {
		// too short a stem to tell the name from other words: Spanish
		// "Malí" is "mal", and "mala" is bad
		n.addExact(k, canon, name)
		return nil
	}
	n.byStem[e.words[0].stem] = append(n.byStem[e.words[0].stem], e)
	return e
}

// addExact adds a name matched as written and returns its entry; nil for
// a name without words.
func (n *names) addExact(k kind, canon, name string) *entry {
	e := &entry{kind: k, canonical: canon, exact: true, raw: strings.TrimSuffix(name, ".")}
	if k == kindDemonym {
		e.raw = strings.ToLower(e.raw)
	}
	for _, t := range tokenize(name, func(w string) string { return w }) {
		w := t.text
		if k == kindDemonym {
			w = t.lower // adjectives are written in lower case too
		}
		e.words = append(e.words, nameWord{text: w})
	}
	if len(e.words) == 0 {
		return nil
	}
	n.byText[e.words[0].text] = append(n.byText[e.words[0].text], e)
	return e
}

// match returns the longest entry whose words are the tokens from i on,
// or nil.
func (n *names) match(text string, toks []token, i int) *entry {
	var best *entry
	try := func(es []*entry) {
		for _, e := range es {
			if (best == nil || len(e.words) > len(best.words)) && n.matches(e, text, toks, i) {
				best = e
			}
		}
	}
	try(n.byText[toks[i].text])
	if toks[i].lower != toks[i].text {
		try(n.byText[toks[i].lower])
	}
	try(n.byStem[toks[i].stem])
	return best
}

func (n *names) matches(e *entry, text string, toks []token, i int) bool {
	if i+len(e.words) > len(toks) {
		return false
	}
	first := toks[i]
	if e.exact {
		span := text[first.start:toks[i+len(e.words)-1].end]
		if span != e.raw && !(e.kind == kindDemonym && strings.ToLower(span) == e.raw) {
			return false
		}
	}
	for k, w := range e.words {
		t := toks[i+k]
		if e.exact {
			continue
		}
		if k > 0 && !t.joined || t.stem != w.stem || utf8.RuneCountInString(t.text) < w.minRunes {
			return false
		}
		if e.english && (!strings.HasPrefix(t.lower, strings.ToLower(w.text)) || len(t.lower) > len(w.text)+2) {
			return false
		}
	}
	switch {
	case e.exact && isAcronym(first.text) && first.capsLine:
		return false // "UN HOMME"
	case e.notFirst && first.sentenceStart:
		return false
	case e.kind != kindDemonym && !e.exact && !first.capitalised():
		return false // names are capitalised in every language; adjectives often are not
	case e.ambiguous:
		j := i + len(e.words)
		if j < len(toks) && toks[j].joined && toks[j].capitalised() {
			return false // a first name before a surname: "Maurice Papon"
		}
	}
	return true
}

// isAcronym reports whether s is an acronym: two or more capitals, perhaps
// with periods, digits, "&" or hyphens ("NATO", "U.N.", "G7", "ООН").
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case r == '.' || r == '&' || r == '-' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper >= 2
}
