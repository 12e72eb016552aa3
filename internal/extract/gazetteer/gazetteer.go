// Package gazetteer names the world's places: the cities of at least 1,000
// inhabitants and the first-level regions of every country, each with its
// country and population, from GeoNames by way of npm data packages. The
// data is embedded (data/places.tsv.gz, written by the command in build);
// nothing is fetched at run time.
//
// The data file is gzipped UTF-8 text, one record a line, tab-separated:
//
//	# a comment
//	C  PE  Peru                         a country: ISO code, canonical English name
//	arequipa  Arequipa  PE  841130  c   a name: its key (see Key), the place's
//	                                    name, country, population and kind:
//	                                    c a city, r a region, an "a" after it
//	                                    when the key is an alternate name
//
// Name lines are sorted by key; the places of one key come names first,
// then alternate names, each most populous first.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// DataFile is the name of the embedded data file under data/.
const DataFile = "places.tsv.gz"

//go:embed data/places.tsv.gz
var embedded []byte

// Place is one city or region.
type Place struct {
	Name       string // as the gazetteer writes it: "Arequipa"
	Country    string // ISO 3166-1 alpha-2 code: "PE"
	Population int    // 0 when unknown (regions)
	Region     bool   // a first-level region (state, province), not a city
	Alternate  bool   // found by one of its alternate names
}

// CountryName returns the canonical English name of the place's country.
func (p Place) CountryName() string { return CountryName(p.Country) }

// String names the place with its country: "Arequipa, Peru".
func (p Place) String() string { return p.Name + ", " + p.CountryName() }

// data is the parsed file: its text and where the lines of each key start,
// searched by binary search (a map of the keys would cost more to build
// than all the look-ups of a run).
type data struct {
	text      string
	first     []uint32 // offsets of the first line of each key, in key order
	countries map[string]string
	maxWords  int
}

var load = sync.OnceValue(func() *data {
	d, err := parse(embedded)
	if err != nil {
		panic(fmt.Sprintf("gazetteer: %s: %v", DataFile, err)) // the embedded data is part of the program
	}
	return d
})

func parse(b []byte) (*data, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	d := &data{text: string(raw), countries: map[string]string{}, first: make([]uint32, 0, len(raw)/32)}
	prev := ""
	var tabs [5]int
	for off, no := 0, 1; off < len(d.text); no++ {
		end := strings.IndexByte(d.text[off:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("line %d: no final newline", no)
		}
		line := d.text[off : off+end]
		start := off
		off += end + 1
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "C\t") {
			code, name, ok := strings.Cut(line[2:], "\t")
			if !ok || name == "" || strings.IndexByte(name, '\t') >= 0 {
				return nil, fmt.Errorf("line %d: want C, code, name", no)
			}
			d.countries[code] = name
			continue
		}
		n := 0
		for i := 0; i < len(line) && n < len(tabs); i++ {
			if line[i] == '\t' {
				tabs[n] = i
				n++
			}
		}
		if n != 4 || tabs[0] == 0 || tabs[1] == tabs[0]+1 {
			return nil, fmt.Errorf("line %d: want key, name, country, population, kind", no)
		}
		key, country, pop, kind := line[:tabs[0]], line[tabs[1]+1:tabs[2]], line[tabs[2]+1:tabs[3]], line[tabs[3]+1:]
		if pop == "" || strings.Trim(pop, "0123456789") != "" {
			return nil, fmt.Errorf("line %d: population %q", no, pop)
		}
		if kind == "" || kind[0] != 'c' && kind[0] != 'r' {
			return nil, fmt.Errorf("line %d: kind %q", no, kind)
		}
		if _, ok := d.countries[country]; !ok {
			return nil, fmt.Errorf("line %d: unknown country %q", no, country)
		}
		if key == prev {
			continue
		}
		if key < prev {
			return nil, fmt.Errorf("line %d: key %q out of order", no, key)
		}
		prev = key
		d.first = append(d.first, uint32(start))
		d.maxWords = max(d.maxWords, strings.Count(key, " ")+1)
	}
	if len(d.first) == 0 {
		return nil, fmt.Errorf("no places")
	}
	return d, nil
}

// find returns the offset of the first line of key k, or false.
func (d *data) find(k string) (int, bool) {
	key := func(i int) string {
		s := d.text[d.first[i]:]
		return s[:strings.IndexByte(s, '\t')]
	}
	i := sort.Search(len(d.first), func(i int) bool { return key(i) >= k })
	if i == len(d.first) || key(i) != k {
		return 0, false
	}
	return int(d.first[i]), true
}

// places returns the places of the lines from offset off on that have key k.
func (d *data) places(off int, k string) []Place {
	var out []Place
	for off < len(d.text) {
		end := off + strings.IndexByte(d.text[off:], '\n')
		f := strings.Split(d.text[off:end], "\t")
		if f[0] != k {
			break
		}
		pop, _ := strconv.Atoi(f[3])
		out = append(out, Place{Name: f[1], Country: f[2], Population: pop, Region: f[4][0] == 'r', Alternate: strings.HasSuffix(f[4], "a")})
		off = end + 1
	}
	return out
}

// Key is the form names are looked up by: lower case, one space between
// words, straight apostrophes.
func Key(name string) string {
	if isKey(name) {
		return name
	}
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == '’':
			r = '\''
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Lookup returns the places called name, by their names first and then by
// alternate names, each most populous first; nil for a name it does not
// know. Case does not matter.
func Lookup(name string) []Place {
	d := load()
	k := Key(name)
	off, ok := d.find(k)
	if !ok {
		return nil
	}
	return d.places(off, k)
}

// Known reports whether a place is called name, without reading the places.
func Known(name string) bool {
	_, ok := load().find(Key(name))
	return ok
}

// MaxWords is the number of words of the longest name.
func MaxWords() int { return load().maxWords }

// CountryName returns the canonical English name of the country with ISO
// code code ("PE" → "Peru"), or "" for a code it does not know.
func CountryName(code string) string { return load().countries[code] }

// Countries returns every country code the gazetteer knows, sorted.
func Countries() []string {
	d := load()
	out := make([]string, 0, len(d.countries))
	for c := range d.countries {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// isKey reports whether s is already a key: no upper case, no curly
// apostrophe, single spaces inside.
func isKey(s string) bool {
	for i, r := range s {
		if unicode.IsUpper(r) || r == '’' || unicode.IsSpace(r) && (r != ' ' || i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}
