package foreign

import (
	"slices"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/gazetteer"
)

// Cities of the world, from the gazetteer (package gazetteer), read without
// the English context rules: a capitalised name of one to maxPlaceWords
// words that names a city of at least minPlacePopulation people. A city
// named only at a sentence's start (not a dateline's), where every word is capitalised
// ("Porto de Sines bate recorde", Porto as the harbour; Portuguese "Os",
// an alternate name of Osh), is no place, nor a name that large cities of
// two countries bear ("Valencia") unless the article names one of the
// countries.
const (
	minPlacePopulation = 100000
	maxPlaceWords      = 3
)

// placeMention is a name of cities at a token: the cities large enough,
// most populous first.
type placeMention struct {
	cities   []gazetteer.Place
	at       token
	dateline bool
}

// place returns the cities that the tokens from i on name, with the number
// of tokens their name takes; 0 when they name none. A name that runs on
// into another capitalised word is a person's or a longer name's
// ("Vladimir Poutine", "Van der Bellen"); where the language lists
// locatives, one must stand before the name, or it opens a dateline.
func place(text string, toks []token, i int, n *names) ([]gazetteer.Place, int) {
	if !toks[i].capitalised() || toks[i].capsLine || utf8.RuneCountInString(toks[i].text) < 3 {
		return nil, 0
	}
	if n.locatives != nil && !isDateline(text, toks[i]) && (i == 0 || !toks[i].joined || !n.locatives[toks[i-1].lower]) {
		return nil, 0
	}
	for w := maxPlaceWords; w >= 1; w-- {
		if i+w > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < w; k++ {
			if !toks[i+k].joined {
				ok = false
			}
		}
		if !ok || !toks[i+w-1].capitalised() {
			continue
		}
		if j := i + w; j < len(toks) && toks[j].joined && (toks[j].capitalised() || n.particles[toks[j].lower]) {
			continue
		}
		name := text[toks[i].start:toks[i+w-1].end]
		var cities []gazetteer.Place
		regions := map[string]bool{} // countries with a region of the name
		for _, p := range gazetteer.Lookup(name) {
			if p.Region && !p.Alternate {
				regions[p.Country] = true
			}
			if !p.Region && p.Population >= minPlacePopulation {
				cities = append(cities, p)
			}
		}
		if len(regions) > 0 {
			// a region's name names the cities of its country only:
			// "Lisboa" and "Sevilla", not "Florida" (Floridablanca, which
			// GeoNames also calls so)
			cities = slices.DeleteFunc(cities, func(p gazetteer.Place) bool { return !regions[p.Country] })
		}
		if len(cities) > 0 {
			return cities, w
		}
	}
	return nil, 0
}

// resolve picks the city a mention names: the only country's, or the
// one in a country the article names; ok is false when two countries'
// cities remain.
func (m placeMention) resolve(named map[string]bool) (gazetteer.Place, bool) {
	var inNamed []gazetteer.Place
	countries := map[string]bool{}
	for _, c := range m.cities {
		countries[c.Country] = true
		if named[c.CountryName()] {
			inNamed = append(inNamed, c)
		}
	}
	switch {
	case len(countries) == 1:
		return m.cities[0], true
	case len(inNamed) > 0:
		return inNamed[0], true
	}
	return gazetteer.Place{}, false
}

// placesNamed returns the places an article is about and the countries they
// name: a place counts where it is not only at a sentence's start, or is
// named twice; its country where the article names its places twice.
func placesNamed(ms []placeMention, named map[string]bool) (places, countries []string) {
	count := map[string]int{}
	midSentence := map[string]bool{}
	byCountry := map[string]int{}
	var resolved []gazetteer.Place
	for _, m := range ms {
		p, ok := m.resolve(named)
		if !ok {
			continue
		}
		resolved = append(resolved, p)
		k := p.String()
		count[k]++
		if !m.at.sentenceStart || m.dateline {
			midSentence[k] = true
		}
	}
	seen := map[string]bool{}
	for _, p := range resolved {
		k := p.String()
		if seen[k] || !midSentence[k] {
			continue
		}
		seen[k] = true
		places = append(places, k)
		byCountry[p.CountryName()] += count[k]
	}
	added := map[string]bool{}
	for _, p := range resolved {
		c := p.CountryName()
		if byCountry[c] >= 2 && !added[c] {
			added[c] = true
			countries = append(countries, c)
		}
	}
	return places, countries
}
