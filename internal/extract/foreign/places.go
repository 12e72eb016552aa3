package foreign

import (
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/gazetteer"
)

// Cities of the world, from the gazetteer (package gazetteer), read without
// the English context rules: a capitalised name of one to maxPlaceWords
// words that names a city of at least minPlacePopulation people. A city
// named only at a sentence's start, where every word is capitalised
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
	cities []gazetteer.Place
	at     token
}

// place returns the cities that the tokens from i on name, with the number
// of tokens their name takes; 0 when they name none.
func place(text string, toks []token, i int) ([]gazetteer.Place, int) {
	if !toks[i].capitalised() || toks[i].capsLine || utf8.RuneCountInString(toks[i].text) < 3 {
		return nil, 0
	}
	for n := maxPlaceWords; n >= 1; n-- {
		if i+n > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if !toks[i+k].joined {
				ok = false
			}
		}
		if !ok || !toks[i+n-1].capitalised() {
			continue
		}
		name := text[toks[i].start:toks[i+n-1].end]
		var cities []gazetteer.Place
		for _, p := range gazetteer.Lookup(name) {
			if !p.Region && p.Population >= minPlacePopulation {
				cities = append(cities, p)
			}
		}
		if len(cities) > 0 {
			return cities, n
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
		if !m.at.sentenceStart {
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
