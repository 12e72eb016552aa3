package entity

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// The gazetteers are lists of the lexicon (en/countries.txt, …), one entry
// a line: the canonical name, then its other names, separated by "|". A
// name prefixed with "?" is ambiguous.

// gazKind is what a gazetteer entry names.
type gazKind uint8

const (
	gazCountry gazKind = iota + 1
	gazDemonym
	gazCapital
	gazPlace
	gazOrg
	gazNone // a name that is no entity ("Uruguay Round"); it hides the names inside it
)

// gazEntry is one name of a gazetteer.
type gazEntry struct {
	kind      gazKind
	words     []string // the name's tokens
	canonical string
	ambiguous bool // counts only where the tagger reads a place
}

// gazetteer finds known names in a token sequence.
type gazetteer struct {
	byFirst map[string][]*gazEntry // first token → entries, longest first
	orgs    map[string]string      // folded name or alias → canonical organization
	orgAcr  map[string]string      // acronym → canonical organization
	orgKind map[string]string      // canonical organization → its kind (see OrganizationKind)
	country map[string]bool        // canonical country names
	state   map[string]string      // lower-cased name, short form or capital city of a country → the country
	nonName map[string]bool        // lower-cased names that are no entities
}

var gaz = mustLoadGazetteer()

func mustLoadGazetteer() *gazetteer {
	g, err := loadGazetteer()
	if err != nil {
		panic(err) // the embedded data is part of the program
	}
	return g
}

func loadGazetteer() (*gazetteer, error) {
	g := &gazetteer{byFirst: map[string][]*gazEntry{}, orgs: map[string]string{}, orgAcr: map[string]string{}, orgKind: map[string]string{},
		country: map[string]bool{}, nonName: map[string]bool{}, state: map[string]string{}}
	f, err := lexicon.Open(lexicon.English, "notentities.txt")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	ls, err := f.Lines("")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	for _, l := range ls {
		name := l.Fields[0]
		g.nonName[strings.ToLower(name)] = true
		g.add(&gazEntry{kind: gazNone, canonical: name, words: wordsOf(name)})
	}
	files := []struct {
		name string
		kind gazKind
	}{
		{"countries.txt", gazCountry},
		{"demonyms.txt", gazDemonym},
		{"capitals.txt", gazCapital},
		{"places.txt", gazPlace},
		{"orgs.txt", gazOrg},
	}
	for _, fk := range files {
		f, err := lexicon.Open(lexicon.English, fk.name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		for _, kind := range f.Sections() {
			ls, err := f.Lines(kind)
			if err != nil {
				return nil, fmt.Errorf("gazetteer: %w", err)
			}
			for _, l := range ls {
				names := l.Fields
				canon := strings.TrimPrefix(names[0], "?")
				if fk.kind == gazCountry {
					g.country[canon] = true
				}
				if fk.kind == gazOrg && kind != "" {
					g.orgKind[canon] = kind
				}
				for i, n := range names {
					if i == 0 && fk.kind != gazCountry && fk.kind != gazOrg {
						continue // the canonical country name, not itself a demonym or place
					}
					amb := strings.HasPrefix(n, "?")
					n = strings.TrimPrefix(n, "?")
					if fk.kind == gazCountry || fk.kind == gazCapital && kind == "city" {
						g.state[strings.ToLower(n)] = canon
					}
					if fk.kind == gazOrg {
						g.orgs[foldName(n)] = canon
						if isAcronym(n) {
							g.orgAcr[strings.ReplaceAll(n, ".", "")] = canon
						}
					}
					g.add(&gazEntry{kind: fk.kind, canonical: canon, ambiguous: amb, words: wordsOf(n)})
				}
			}
		}
	}
	for _, es := range g.byFirst {
		sortEntries(es)
	}
	return g, nil
}

// foreignGaz would hold the names other languages give countries for the
// English rules; it holds none. Those names are read in articles of their
// own language only, by package foreign: in English text they are words
// ("North Island" is no Iceland, "Island" in German). resolve consults it
// where a capitalised word is no English name, and finds nothing.
var foreignGaz = &gazetteer{byFirst: map[string][]*gazEntry{}}

func wordsOf(name string) []string {
	toks := tokenize(name)
	w := make([]string, len(toks))
	for i, t := range toks {
		w[i] = t.norm
	}
	return w
}

func (g *gazetteer) add(e *gazEntry) {
	if len(e.words) == 0 {
		return
	}
	g.byFirst[e.words[0]] = append(g.byFirst[e.words[0]], e)
	if up := strings.ToUpper(e.words[0]); up != e.words[0] {
		g.byFirst[up] = append(g.byFirst[up], e)
	}
}

// sortEntries orders entries longest first, countries before other kinds.
func sortEntries(es []*gazEntry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && less(es[j], es[j-1]); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func less(a, b *gazEntry) bool {
	if len(a.words) != len(b.words) {
		return len(a.words) > len(b.words)
	}
	return a.kind < b.kind
}

// match returns the longest entry that starts at toks[i], or nil. Names match
// as written or in capitals ("NEW YORK" in a dateline).
func (g *gazetteer) match(toks []token, i int) *gazEntry {
	es := g.byFirst[toks[i].norm]
	for _, e := range es {
		if i+len(e.words) > len(toks) {
			continue
		}
		ok := true
		upper := toks[i].norm != e.words[0]
		for k, w := range e.words {
			t := toks[i+k].norm
			if t != w && !(upper && t == strings.ToUpper(w)) && !(k > 0 && e.kind == gazNone && strings.EqualFold(t, w)) {
				ok = false
				break
			}
			if k > 0 && toks[i+k].lineStart {
				ok = false
				break
			}
		}
		if ok {
			return e
		}
	}
	return nil
}

// isAcronym reports whether s is an acronym: two or more capitals, perhaps
// with periods, digits or "&" ("NATO", "U.N.", "G7", "AT&T").
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

// foldName folds a name for comparison: lower case, no periods, single
// spaces, no leading "the".
func foldName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.ReplaceAll(s, ".", "")
	f := strings.Fields(s)
	if len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// The kinds of organization that OrganizationKind reports.
const (
	OrgBody     = "body"     // a state's or an international institution, a party, a movement
	OrgResearch = "research" // a think tank or a research institute
	OrgMedia    = "media"    // a news medium
	OrgCompany  = "company"
)

// OrganizationKind tells what a known organization is, by any of its names:
// OrgBody, OrgResearch, OrgMedia or OrgCompany; "" for one it does not know.
func OrganizationKind(name string) string {
	return gaz.orgKind[CanonicalOrganization(name)]
}

// CanonicalOrganization returns the canonical name of a known organization or
// alias ("UN" → "United Nations"), or name unchanged when it knows none.
func CanonicalOrganization(name string) string {
	if c, ok := gaz.orgs[foldName(name)]; ok {
		return c
	}
	if c, ok := gaz.orgAcr[strings.ReplaceAll(name, ".", "")]; ok {
		return c
	}
	return name
}

// orgsByLastWord maps the folded last word of each known organization's
// canonical name of two words or more to those names; built once.
var (
	orgsByLastWordOnce sync.Once
	orgsByLastWord     map[string][]string
)

// orgsEndingWith returns the canonical names of the known organizations of
// two words or more whose last word, folded, is w.
func orgsEndingWith(w string) []string {
	orgsByLastWordOnce.Do(func() {
		orgsByLastWord = map[string][]string{}
		seen := map[string]bool{}
		for _, c := range gaz.orgs {
			ws := strings.Fields(foldName(c))
			if len(ws) < 2 || seen[c] {
				continue
			}
			seen[c] = true
			last := ws[len(ws)-1]
			orgsByLastWord[last] = append(orgsByLastWord[last], c)
		}
		for _, l := range orgsByLastWord {
			sort.Strings(l)
		}
	})
	return orgsByLastWord[w]
}

// StateNamed returns the country that name, in any case, names as a state
// that speaks through its government: one of its names or short forms
// ("South Korea", "U.K.") or its capital city ("Pyongyang"). A leading
// "the" is ignored.
func StateNamed(name string) (string, bool) {
	l := strings.ToLower(name)
	if rest, ok := strings.CutPrefix(l, "the "); ok {
		l = rest
	}
	c, ok := gaz.state[l]
	return c, ok
}

// IsStateWords reports whether the lower-case words ws name a state as
// StateNamed does; a leading "the" is ignored.
func IsStateWords(ws []string) bool {
	if len(ws) > 0 && ws[0] == "the" {
		ws = ws[1:]
	}
	switch len(ws) {
	case 0:
		return false
	case 1:
		_, ok := gaz.state[ws[0]]
		return ok
	}
	_, ok := gaz.state[strings.Join(ws, " ")]
	return ok
}

// CapitalCountry returns the country whose seat of government name is
// ("London" → United Kingdom), for a capital that speaks for its
// government; false for any other name.
func CapitalCountry(name string) (string, bool) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return "", false
	}
	e := gaz.match(toks, 0)
	if e == nil || e.kind != gazCapital || len(e.words) != len(toks) {
		return "", false
	}
	return e.canonical, true
}
