package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The lists an article in another language is read with, beside its
// countries.txt: LANG/demonyms.txt, the adjectives of nationality that
// i18n-nationality gives in that language ("Französisch", "francés"), and
// LANG/capitals.txt, each country's capital (GeoNames' PPLC) by its name
// and those of its alternate names written in the language's script.
// GeoNames does not say which language an alternate name belongs to, so an
// alternate is kept when it is written in the language's script and has as
// many words as the name: "Wien", "Vienne", "Viena", and transliterations of
// other languages ("Viden"), which an article in this language does not
// write; descriptive and old names of other lengths ("Estat de Berlin") are
// left out. The name and the alternates that open with its first two
// letters ("Moskau", "Moscou", "Mosca" of Moscow) go in the section [city],
// which extraction matches by stem (Russian "Москве"); the others in
// [alternate], matched as written, so that a transliteration that shares a
// stem with a common word (Landen, of London, and German "Landes") does not
// name a capital. Extraction counts a capital only where the article is
// about it (in a dateline, or named twice).

var nationalityPkg = pkg{"i18n-nationality", "1.4.0"}

// nationalityFiles maps the languages newsindex reads to i18n-nationality's
// file names, for those it has.
var nationalityFiles = map[string]string{"de": "de", "es": "es", "fi": "fi", "fr": "fr", "it": "it", "nb": "no", "nl": "nl"}

// cyrillic lists the languages written in Cyrillic script; the others of
// languages are written in Latin script.
var cyrillic = map[string]bool{"ru": true}

func writeLanguageLists(packages, lexDir string, places []place, canon map[string]country) error {
	var want []string
	for _, f := range nationalityFiles {
		want = append(want, "package/langs/"+f+".json")
	}
	sort.Strings(want)
	nf, err := readTarball(filepath.Join(packages, nationalityPkg.tarball()), want...)
	if err != nil {
		return err
	}
	capitals := capitalPlaces(places)
	for _, l := range languages {
		var files [][2]string // name, content
		if f, ok := nationalityFiles[l]; ok {
			m, err := parseNationalities(nf["package/langs/"+f+".json"])
			if err != nil {
				return fmt.Errorf("%s langs/%s.json: %w", nationalityPkg, f, err)
			}
			if l == "fr" {
				for code, ns := range m {
					for _, n := range ns {
						if f := frenchFeminine(n); f != n {
							m[code] = append(m[code], f)
						}
					}
				}
			}
			files = append(files, [2]string{"demonyms.txt", demonymList(l, m, canon)})
		}
		files = append(files, [2]string{"capitals.txt", capitalList(l, capitals, canon)})
		for _, f := range files {
			p := filepath.Join(lexDir, l, f[0])
			if err := os.WriteFile(p, []byte(f[1]), 0o644); err != nil {
				return err
			}
			slog.Info("wrote", "file", p, "bytes", len(f[1]))
		}
	}
	return nil
}

// frenchFeminineEndings forms the feminine of a French adjective of
// nationality, which i18n-nationality gives in the masculine only, by the
// first ending that fits: the Snowball stemmer does not always bring the two
// together ("français" is "franc", "française" "francais"; "japonais" is
// "japon").
var frenchFeminineEndings = []struct{ masculine, feminine, example string }{
	{"e", "e", "Belge"},
	{"ien", "ienne", "Italien → Italienne"},
	{"éen", "éenne", "Européen → Européenne"},
	{"on", "onne", "Breton → Bretonne"},
	{"", "e", "Français → Française, Allemand → Allemande"},
}

func frenchFeminine(n string) string {
	for _, e := range frenchFeminineEndings {
		if base, ok := strings.CutSuffix(n, e.masculine); ok {
			return base + e.feminine
		}
	}
	return n
}

// parseNationalities reads one language of i18n-nationality: code →
// adjectives. Some languages give several, separated by commas or slashes
// ("britannialainen / isobritannialainen, brittiläinen").
func parseNationalities(b []byte) (map[string][]string, error) {
	var f struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for code, v := range f.Nationalities {
		for _, n := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '/' }) {
			if n = strings.TrimSpace(n); n != "" {
				out[code] = append(out[code], n)
			}
		}
	}
	return out, nil
}

// demonymList writes one language's demonyms.txt: each country the entity
// extractor knows, under its canonical English name, with its adjectives,
// capitalised as a name is (extraction folds case; the stem decides).
func demonymList(lang string, adjs map[string][]string, canon map[string]country) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Demonyms in %s: the canonical English country name first, then the adjectives of\n", lang)
	fmt.Fprintf(&b, "# nationality this language gives it, separated by \"|\". Written by `go run ./internal/extract/gazetteer/build`\n")
	fmt.Fprintf(&b, "# from the npm package %s (MIT); do not edit. Extraction reads them\n", nationalityPkg)
	fmt.Fprintf(&b, "# in any case")
	fmt.Fprintf(&b, " and inflection (by their stems), in articles of this language only.\n")
	owner, clash := map[string]string{}, map[string]bool{}
	for code, ns := range adjs {
		c, ok := canon[code]
		if !ok || !c.listed {
			continue
		}
		for _, n := range ns {
			k := fold(n)
			if o, ok := owner[k]; ok && o != c.name {
				clash[k] = true // "Britannique" of GB and of the British territories
			}
			owner[k] = c.name
		}
	}
	return lineList(adjs, canon, func(n string) bool { return nameLike(capitalize(n)) && !clash[fold(n)] }, capitalize, b.String())
}

// lineList writes the lines "canonical|name|name" of the codes in names,
// sorted, merging codes of one canonical name, after head.
func lineList(names map[string][]string, canon map[string]country, keep func(string) bool, form func(string) string, head string) string {
	byCanon := map[string][]string{}
	for code, ns := range names {
		c, ok := canon[code]
		if !ok || !c.listed {
			continue
		}
		for _, n := range ns {
			if keep(n) {
				byCanon[c.name] = append(byCanon[c.name], form(n))
			}
		}
	}
	keys := make([]string, 0, len(byCanon))
	for k := range byCanon {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString(head)
	for _, k := range keys {
		ns := byCanon[k]
		sort.Strings(ns)
		seen := map[string]bool{}
		b.WriteString(k)
		for _, n := range ns {
			if !seen[fold(n)] {
				seen[fold(n)] = true
				b.WriteString("|" + n)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// capitalPlaces returns each country's capital: the most populous of its
// places GeoNames marks as the seat of government.
func capitalPlaces(places []place) map[string]place {
	out := map[string]place{}
	for _, p := range places {
		if !p.capital {
			continue
		}
		if q, ok := out[p.country]; !ok || p.population > q.population {
			out[p.country] = p
		}
	}
	return out
}

// capitalList writes one language's capitals.txt: each capital's name and
// alternate names in the language's script, under the country's canonical
// English name, in the section [city] as in English's list.
func capitalList(lang string, capitals map[string]place, canon map[string]country) string {
	script := unicode.Latin
	if cyrillic[lang] {
		script = unicode.Cyrillic
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Capitals in %s: the canonical English country name first, then its capital's names\n", lang)
	fmt.Fprintf(&b, "# in this language's script, separated by \"|\". Written by `go run ./internal/extract/gazetteer/build`\n")
	fmt.Fprintf(&b, "# from the npm package %s (GeoNames, CC BY 4.0); do not edit. GeoNames does not say\n", citiesPkg)
	fmt.Fprintf(&b, "# which language an alternate name is of: [city] holds the name and the alternates close to it,\n")
	fmt.Fprintf(&b, "# matched by stem; [alternate] the others in the script, matched as written.\n")
	close, other := map[string][]string{}, map[string][]string{}
	for code, p := range capitals {
		for i, n := range append([]string{p.name}, p.alternates...) {
			if !inScript(n, script) || len([]rune(n)) < 4 || i > 0 && !alternateKept(n, p.name) {
				continue
			}
			if i == 0 || prefix2(n) == prefix2(p.name) || script != unicode.Latin {
				close[code] = append(close[code], n)
			} else {
				other[code] = append(other[code], n)
			}
		}
	}
	all := func(string) bool { return true }
	same := func(n string) string { return n }
	out := lineList(close, canon, all, same, b.String()+"[city]\n")
	if len(other) > 0 {
		out += lineList(other, canon, all, same, "\n[alternate]\n")
	}
	return out
}

// prefix2 returns the first two letters of s, lower case, accents removed.
func prefix2(s string) string {
	var b []rune
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) && len(b) < 2 {
			b = append(b, r)
		}
	}
	return string(b)
}

// inScript reports whether every letter of s is of the script.
func inScript(s string, script *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(script, r) {
			return false
		}
	}
	return true
}

// alternateKept reports whether an alternate name of a capital is kept (see
// the comment at the top of this file).
func alternateKept(alt, name string) bool {
	return len(strings.Fields(alt)) == len(strings.Fields(name)) && !strings.ContainsAny(alt, "'’")
}
