package foreign

import (
	"errors"
	"fmt"
	"io/fs"
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
	// one: an inflection may drop a letter ("Polska" → "Polsce" keeps its
	// length, "Франция" → "Франции"), but a shorter word with the same stem
	// is another word (German "Pol", a pole, is not "Polen").
	minRunes int
}

// entry is one name of the lists.
type entry struct {
	kind      kind
	canonical string // the canonical English name: "Germany", "United Nations"
	words     []nameWord
	// exact entries match as written, not by stem: acronyms ("ONU",
	// "OTAN") and the English names of organizations ("Reuters").
	exact bool
	// ambiguous names (a first name too: French "Maurice", Mauritius)
	// count only where no capitalised word follows them.
	ambiguous bool
	// notFirst is set on single English words that must not open a
	// sentence, where any word is capitalised ("Meta" of Spanish "meta").
	notFirst bool
}

// names holds the known names one language's text is read with.
type names struct {
	stem   func(string) string
	byStem map[string][]*entry // the first word's stem → stemmed entries
	byText map[string][]*entry // the first word as written → exact entries
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
				n.add(kindCountry, canon, name, false)
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
	if lang == lexicon.English {
		return n, nil
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
				if l.kind == kindOrg && isAcronym(name) {
					n.addExact(kindOrg, ln.Fields[0], name)
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

// add adds a name matched by its words' stems.
func (n *names) add(k kind, canon, name string, ambiguous bool) {
	if strings.Contains(name, ".") {
		return
	}
	if isAcronym(name) {
		n.addExact(k, canon, name)
		return
	}
	toks := tokenize(name, n.stem)
	if len(toks) == 0 {
		return
	}
	e := &entry{kind: k, canonical: canon, ambiguous: ambiguous}
	for _, t := range toks {
		e.words = append(e.words, nameWord{text: t.text, stem: t.stem, minRunes: utf8.RuneCountInString(t.text) - 1})
	}
	if utf8.RuneCountInString(e.words[0].stem) < 3 {
		n.addExact(k, canon, name) // too short a stem to tell the name from other words
		return
	}
	n.byStem[e.words[0].stem] = append(n.byStem[e.words[0].stem], e)
}

// addExact adds a name matched as written and returns its entry; nil for
// a name with periods ("U.S."), an English spelling the words of another
// language's text do not join over.
func (n *names) addExact(k kind, canon, name string) *entry {
	if strings.Contains(name, ".") {
		return nil
	}
	e := &entry{kind: k, canonical: canon, exact: true}
	for _, t := range tokenize(name, func(w string) string { return w }) {
		e.words = append(e.words, nameWord{text: t.text})
	}
	if len(e.words) == 0 {
		return nil
	}
	n.byText[e.words[0].text] = append(n.byText[e.words[0].text], e)
	return e
}

// match returns the longest entry whose words are the tokens from i on,
// or nil.
func (n *names) match(toks []token, i int) *entry {
	var best *entry
	try := func(es []*entry) {
		for _, e := range es {
			if (best == nil || len(e.words) > len(best.words)) && n.matches(e, toks, i) {
				best = e
			}
		}
	}
	try(n.byText[toks[i].text])
	try(n.byStem[toks[i].stem])
	return best
}

func (n *names) matches(e *entry, toks []token, i int) bool {
	if i+len(e.words) > len(toks) {
		return false
	}
	first := toks[i]
	for k, w := range e.words {
		t := toks[i+k]
		if k > 0 && !t.joined {
			return false
		}
		if e.exact {
			if t.text != w.text {
				return false
			}
			continue
		}
		if t.stem != w.stem || utf8.RuneCountInString(t.text) < w.minRunes {
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
