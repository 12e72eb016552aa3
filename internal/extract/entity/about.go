// Countries an article is about: every country the text names is a
// mention, but the countries list holds those the article is about, as news
// editors label countries. A country named once in passing ("a visit to
// Brazil", "Japanese investors") is not; one in the dateline, the title or
// the lead, named again and again or among the places of the story is. A
// logistic model weighs that evidence (data/about.json, trained by
// `newsindex train-countries` on Reuters-21578's country labels).

package entity

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// The evidence of one country in one article, in the order of AboutModel's
// weights. Each is a number the article's mentions of the country give.
const (
	evBias           = iota
	evLogCount       // log of the mentions of the country
	evOnce           // 1 when it is named once
	evTitle          // 1 when the title names it
	evLead           // 1 when the lead (the body's first paragraph) names it
	evDateline       // 1 when the dateline names it or a place of it
	evShare          // its mentions over those of the country named most
	evTop            // 1 when no country is named more
	evDemonym        // 1 when every mention is a demonym ("Japanese")
	evLogCountries   // log of the number of countries named
	evLogLength      // log of the length of the text in bytes
	evListed         // share of its mentions in a list of countries ("France, Italy and Spain")
	evNamePart       // share of its mentions that open a longer name ("Canadian Pacific", "Japan Fund")
	evLocative       // share of its mentions after in, from, to or at
	evPlaces         // log of one plus the mentions of its cities and regions
	evCurrency       // share of its mentions that are demonyms before a currency ("Australian dlrs", "Swiss francs")
	evFirst          // where its first mention stands in the text, from 0 to 1
	evOtherDateline  // 1 when the dateline names another country
	evAgent          // share of its mentions that act or own: "Brazil\'s", "Japan said"
	evLateOnce       // 1 when it is named once, after the title and the lead
	evOfficial       // share of its mentions before a title: "Indian Prime Minister Narendra Modi"
	evEvent          // share of its mentions before an event\'s noun: "the Paris accord"
	evInOrganization // share of its mentions in an organization\'s name: "Bank of Japan"
	evLateOnceAmong  // late_once times log_countries: a passing mention among many countries (a table, a list of producers) is more often labelled than one beside a few
	evPlaceOnly      // 1 when the text names it only by its cities and regions, in the title ("Tokyo stocks")
	evCount          // the number of features
)

// evidenceNames name the features in data/about.json.
var evidenceNames = [evCount]string{"bias", "log_count", "once", "title", "lead", "dateline", "share", "top",
	"demonym", "log_countries", "log_length", "listed", "name_part", "locative", "places", "currency", "first", "other_dateline", "agent", "late_once", "official", "event", "in_organization", "late_once_among", "place_only"}

// Evidence is what one article says of one country it names.
type Evidence struct {
	Country  string
	Features []float64 // indexed as evidenceNames
}

// AboutModel decides from a country's evidence whether an article is
// about it: a logistic model and the probability from which it is.
type AboutModel struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold"`
}

// Probability is the model's estimate that the article is about the
// country whose evidence is f.
func (m *AboutModel) Probability(f []float64) float64 {
	z := 0.0
	for i, w := range m.Weights {
		z += w * f[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// About reports whether the article is about the country of evidence e.
func (m *AboutModel) About(e Evidence) bool { return m.Probability(e.Features) >= m.Threshold }

// WriteTo writes the model as data/about.json holds it.
func (m *AboutModel) WriteTo(w io.Writer) (int64, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return 0, err
	}
	n, err := w.Write(append(b, '\n'))
	return int64(n), err
}

// ReadAboutModel reads a model written by WriteTo, checking that its
// features are the ones this program computes.
func ReadAboutModel(r io.Reader) (*AboutModel, error) {
	var m AboutModel
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("about model: %w", err)
	}
	if len(m.Features) != evCount || len(m.Weights) != evCount {
		return nil, fmt.Errorf("about model: %d features and %d weights, want %d", len(m.Features), len(m.Weights), evCount)
	}
	for i, n := range m.Features {
		if n != evidenceNames[i] {
			return nil, fmt.Errorf("about model: feature %d is %q, want %q", i, n, evidenceNames[i])
		}
	}
	return &m, nil
}

// EvidenceNames returns the names of the features of Evidence.
func EvidenceNames() []string { return append([]string(nil), evidenceNames[:]...) }

//go:embed data/about.json
var aboutData []byte

// defaultAbout is the embedded model; one that does not read is a fault of
// the build, which the package's tests find, so it panics.
var defaultAbout = func() *AboutModel {
	m, err := ReadAboutModel(bytes.NewReader(aboutData))
	if err != nil {
		panic(fmt.Errorf("entity: embedded %w", err))
	}
	return m
}()

// CountryEvidence returns the evidence of every country text names, in
// order of first mention, as this model's extraction reads it.
func (m *Model) CountryEvidence(text string) []Evidence {
	text = blankSignOff(text)
	x := &extraction{text: text, toks: tokenize(text), model: m.m}
	for _, p := range passes {
		p.run(x)
	}
	x.resolve()
	return x.evidence
}

// countryEvidence computes the evidence of each country among mentions ms
// (sorted by Start, countries and the places that imply them included).
func (x *extraction) countryEvidence(ms []Mention) []Evidence {
	text := x.text
	titleEnd := -1
	if k := strings.Index(text, "\n\n"); k >= 0 {
		titleEnd = k
	}
	leadEnd := x.leadEnd(titleEnd)
	dlStart, dlEnd := x.datelineRange()
	ms, inOrg := x.withOrgCountries(ms)
	type acc struct {
		orgs, n, demonyms, listed, namePart, locative, places, currency, agent, official, event int
		first                                                                                   int
		title, lead, dateline, placeOnly                                                        bool
	}
	by := map[string]*acc{}
	var order []string
	// Mentions in a list of countries ("France, Italy and Spain").
	listed := map[int]bool{}
	prev := -1
	for k, m := range ms {
		if m.Kind != Country {
			continue
		}
		if prev >= 0 && ms[prev].Name != m.Name && listGap(text[ms[prev].End:m.Start]) {
			listed[prev], listed[k] = true, true
		}
		prev = k
	}
	// A country the text names only by its places, all of them in the
	// title ("TOKYO STOCKS RISE"), is named by them.
	named := map[string]bool{}
	for _, m := range ms {
		if m.Kind == Country {
			named[m.Name] = true
		} else if m.Kind == Place && m.Start >= titleEnd {
			named[x.historical(placeCountry(m.Name))] = true
		}
	}
	for k, m := range ms {
		name := m.Name
		if m.Kind == Place {
			name = x.historical(placeCountry(m.Name))
		}
		if m.Kind != Country && (m.Kind != Place || named[name]) {
			continue
		}
		a := by[name]
		if a == nil {
			a = &acc{first: m.Start, placeOnly: m.Kind == Place}
			by[name] = a
			order = append(order, name)
		}
		a.n++
		if inOrg[m.Start] {
			a.orgs++
		}
		if m.Start >= dlStart && m.Start < dlEnd {
			a.dateline = true
		}
		if x.demonymAt[m.Start] {
			a.demonyms++
		}
		if m.Start < titleEnd {
			a.title = true
		} else if m.Start < leadEnd {
			a.lead = true
		}
		if listed[k] {
			a.listed++
		}
		if x.opensName(m.End) {
			a.namePart++
		}
		after := wordAfter(text, m.End)
		if x.demonymAt[m.Start] && currencies[strings.ToLower(after)] {
			a.currency++
		}
		if eventNouns[strings.ToLower(after)] {
			a.event++
		}
		if titles[strings.ToLower(after)] && isCap(after) {
			a.official++
		}
		if strings.HasPrefix(text[m.End:], "'s") || strings.HasPrefix(text[m.End:], " 's") || speechVerbs[after] {
			a.agent++
		}
		if w := wordBefore(text, m.Start); locPreps[w] || motionPreps[w] {
			a.locative++
		}
	}
	// The cities and regions of a country the text names.
	for _, m := range ms {
		if m.Kind != Place {
			continue
		}
		if a := by[placeCountry(m.Name)]; a != nil {
			a.places++
			if m.Start >= dlStart && m.Start < dlEnd {
				a.dateline = true
			}
		}
	}
	most, dated := 0, 0
	for _, a := range by {
		most = max(most, a.n)
		if a.dateline {
			dated++
		}
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	out := make([]Evidence, 0, len(order))
	for _, name := range order {
		a := by[name]
		if a.n == 0 {
			continue
		}
		f := make([]float64, evCount)
		n := float64(a.n)
		f[evBias] = 1
		f[evLogCount] = math.Log(n)
		f[evOnce] = b2f(a.n == 1)
		f[evTitle] = b2f(a.title)
		f[evLead] = b2f(a.lead)
		f[evDateline] = b2f(a.dateline)
		f[evShare] = n / float64(most)
		f[evTop] = b2f(a.n == most)
		f[evDemonym] = b2f(a.demonyms == a.n)
		f[evLogCountries] = math.Log(float64(len(order)))
		f[evLogLength] = math.Log(float64(len(text) + 1))
		f[evListed] = float64(a.listed) / n
		f[evNamePart] = float64(a.namePart) / n
		f[evLocative] = float64(a.locative) / n
		f[evPlaces] = math.Log(1 + float64(a.places))
		f[evCurrency] = float64(a.currency) / n
		f[evFirst] = float64(a.first) / float64(len(text)+1)
		f[evOtherDateline] = b2f(!a.dateline && dated > 0)
		f[evAgent] = float64(a.agent) / n
		f[evOfficial] = float64(a.official) / n
		f[evEvent] = float64(a.event) / n
		f[evInOrganization] = float64(a.orgs) / n
		f[evLateOnce] = b2f(a.n == 1 && !a.title && !a.lead && !a.dateline)
		f[evLateOnceAmong] = f[evLateOnce] * f[evLogCountries]
		f[evPlaceOnly] = b2f(a.placeOnly)
		out = append(out, Evidence{Country: name, Features: f})
	}
	return out
}

// withOrgCountries returns ms with a mention of each country that ends an
// organization's name after "of" ("Bank of Japan", "Royal Bank of
// Canada"), which no mention holds, and the starts of those mentions.
func (x *extraction) withOrgCountries(ms []Mention) ([]Mention, map[int]bool) {
	toks := x.toks
	var add []Mention
	for _, s := range x.spans {
		if s.kind != kOrg {
			continue
		}
		for k := s.i + 1; k < s.j; k++ {
			if toks[k-1].lower != "of" {
				continue
			}
			e := gaz.match(toks, k)
			if e == nil || e.kind != gazCountry || e.ambiguous || k+len(e.words) != s.j {
				continue
			}
			st, en := toks[k].start, toks[s.j-1].end
			add = append(add, Mention{Kind: Country, Start: st, End: en, Text: x.text[st:en], Name: e.canonical})
		}
	}
	if len(add) == 0 {
		return ms, nil
	}
	inOrg := map[int]bool{}
	for _, m := range add {
		inOrg[m.Start] = true
	}
	all := append(append([]Mention(nil), ms...), add...)
	sort.SliceStable(all, func(a, b int) bool { return all[a].Start < all[b].Start })
	return all, inOrg
}

// placeCountry returns the country of a place's name, "Arequipa, Peru" →
// "Peru".
func placeCountry(name string) string {
	if k := strings.LastIndex(name, ", "); k >= 0 {
		return name[k+2:]
	}
	return name
}

// listGap reports whether gap, the text between two names, makes them
// items of one list: ", ", " and ", ", and ", " or ", "/".
func listGap(gap string) bool {
	g := strings.TrimSpace(gap)
	switch g {
	case ",", "and", "or", "/", ", and", ", or", "&":
		return len(gap) < 9
	}
	return false
}

// wordBefore returns the lower-cased word that ends just before offset at.
func wordBefore(text string, at int) string {
	end := at
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\n') {
		end--
	}
	start := end
	for start > 0 && isASCIILetter(text[start-1]) {
		start--
	}
	return strings.ToLower(text[start:end])
}

// wordAfter returns the word that follows offset at after spaces.
func wordAfter(text string, at int) string {
	start := at
	for start < len(text) && (text[start] == ' ' || text[start] == '\n') {
		start++
	}
	end := start
	for end < len(text) && isASCIILetter(text[end]) {
		end++
	}
	return text[start:end]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// opensName reports whether a capitalized word follows offset end on the
// same line, so that the mention ending there opens a longer name:
// "Canadian Pacific", "Japan Fund".
func (x *extraction) opensName(end int) bool {
	text := x.text
	if end >= len(text) || text[end] != ' ' {
		return false
	}
	k := end + 1
	if k >= len(text) || !(text[k] >= 'A' && text[k] <= 'Z') {
		return false
	}
	e := k
	for e < len(text) && isASCIILetter(text[e]) {
		e++
	}
	w := text[k:e]
	return len(w) > 1 && w != strings.ToUpper(w) && !functionWord[strings.ToLower(w)]
}

// leadEnd returns the offset where the body's first paragraph ends: at a
// blank line, an indented line, or a line that ends a sentence.
func (x *extraction) leadEnd(titleEnd int) int {
	text := x.text
	start := 0
	if titleEnd >= 0 {
		start = titleEnd + 2
	}
	for start < len(text) && (text[start] == '\n' || text[start] == ' ') {
		start++
	}
	for k := start; k < len(text); k++ {
		if text[k] != '\n' || k+1 >= len(text) {
			continue
		}
		next, prev := text[k+1], byte(0)
		if k > 0 {
			prev = text[k-1]
		}
		if next == '\n' || next == ' ' || next == '\t' || prev == '.' || prev == '"' {
			return k
		}
	}
	return len(text)
}

// datelineRange returns the offsets of the dateline's place ("SALVADOR" in
// "SALVADOR, Feb 26 -", "SANTA CRUZ, Calif." in "SANTA CRUZ, Calif., Feb 26
// -") among the article's first lines, or an empty range.
func (x *extraction) datelineRange() (int, int) {
	toks := x.toks
	lines := 0
	for i := 0; i < len(toks) && lines < 4; i++ {
		if !toks[i].lineStart {
			continue
		}
		lines++
		for j := i + 1; j < len(toks) && j <= i+4 && !toks[j].lineStart; j++ {
			if !x.isDateline(i, j) {
				continue
			}
			end := toks[j-1].end
			if toks[j].norm == "," && j+1 < len(toks) && stateAbbrevs[strings.TrimSuffix(toks[j+1].norm, ".")] != "" {
				end = toks[j+1].end
			}
			return toks[i].start, end
		}
	}
	return 0, 0
}

// aboutCountries returns the countries of the evidence the model finds the
// article about, in order.
func aboutCountries(ev []Evidence, m *AboutModel) []string {
	var out []string
	for _, e := range ev {
		if m.About(e) {
			out = append(out, e.Country)
		}
	}
	return out
}
