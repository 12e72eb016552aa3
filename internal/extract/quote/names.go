// Names: the kinds of speaker phrase, runs of capitalised words, and a run cut
// into titles, name and affiliation.

package quote

import (
	"strings"
	"unicode"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// Kinds of speaker phrase.
const (
	spNone    = iota
	spPerson  // a named person
	spOrg     // a named organization
	spCountry // a state speaking through its government
	spPronoun // he, she, they ...
	spDesc    // an unnamed description: "a campaign spokesman", "analysts"
	spGroup   // a group named by its people: "White House officials" (a resolved kind only)
	// spDescribed is a definite description of one person that no person
	// the article names fits alone, kept as written: "the Democratic
	// senator" (a resolved kind only; see described.go).
	spDescribed
)

// phrase is a speaker as written: a name, a pronoun or a description, with
// the words around it that tell its role.
type phrase struct {
	kind     int
	name     []token // the name's words, titles removed
	titles   []token // words before the name: "Ukrainian President", "Rubio spokesman"
	appos    []token // an apposition: "a senior fellow at the Brookings Institution"
	affil    []token // an organization joined by of/at: "of the European Council ..."
	orgNoun  string  // "campaign" in "the Clinton campaign"
	pos      int     // byte offset of the phrase
	end      int     // byte offset of its end
	pronoun  string
	evidence []token // description words of an unnamed speaker
}

// isNameWord reports whether t can be part of a capitalised name.
func isNameWord(t token) bool { return t.isCap() && !calendar[t.lw] }

// nameWordAt reports whether toks[k] is a word of a name: a capitalised
// word, or a month that a name stands next to and no number follows.
func nameWordAt(toks []token, k int) bool {
	t := toks[k]
	if isNameWord(t) {
		return true
	}
	if !t.isCap() || !monthNames[t.lw] || k+1 < len(toks) && toks[k+1].kind == kWord && t.lw != "" && toks[k+1].w[0] >= '0' && toks[k+1].w[0] <= '9' {
		return false
	}
	return k > 0 && toks[k-1].para == t.para && isNameWord(toks[k-1]) && !isPossessive(toks[k-1].w) ||
		k+1 < len(toks) && toks[k+1].para == t.para && isNameWord(toks[k+1])
}

// capRunBack returns the first index of the run of capitalised words that
// ends at j, not going below lo; ok is false when toks[j] is not capitalised.
func capRunBack(toks []token, j, lo int) (int, bool) {
	if j < lo || !nameWordAt(toks, j) {
		return 0, false
	}
	a := j
	for k := j - 1; k >= lo; {
		t := toks[k]
		if nameWordAt(toks, k) && !isPossessive(t.w) {
			a = k
			k--
			continue
		}
		// up to two connectors between capitalised words: "Council on Foreign", "of the European"
		m := 0
		for m < 2 && k-m >= lo && toks[k-m].kind == kWord && nameConnector(toks, k-m) {
			m++
		}
		if m > 0 && k-m >= lo && isNameWord(toks[k-m]) && !isPossessive(toks[k-m].w) {
			a = k - m
			k -= m + 1
			continue
		}
		break
	}
	for a < j && (nonNames[toks[a].lw] || connectors[toks[a].w]) {
		a++
	}
	return a, true
}

// nameConnector reports whether token k may join the capitalised words of
// a name: a connector ("of", "for the"), or "a" after "for" ("Committee for
// a Responsible Federal Budget").
func nameConnector(toks []token, k int) bool {
	return connectors[toks[k].w] || toks[k].w == "a" && k > 0 && toks[k-1].w == "for"
}

// capRunFwd returns the end (exclusive) of the run of capitalised words that
// starts at i, not going to hi; a possessive word ends the run.
func capRunFwd(toks []token, i, hi int) int {
	if i >= hi || !isNameWord(toks[i]) {
		return i
	}
	b := i + 1
	if isPossessive(toks[i].w) {
		return b
	}
	for b < hi {
		t := toks[b]
		if nameWordAt(toks, b) {
			b++
			if isPossessive(t.w) {
				break
			}
			continue
		}
		m := 0
		for m < 2 && b+m < hi && toks[b+m].kind == kWord && nameConnector(toks, b+m) {
			m++
		}
		if m > 0 && b+m < hi && isNameWord(toks[b+m]) {
			b += m
			continue
		}
		break
	}
	return b
}

// lowerWords returns the words of ts in lower case, possessives removed.
func lowerWords(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = stripPossessive(t.lw)
	}
	return out
}

// joinTokens writes the words of a name as the text has them, without a
// final possessive.
func joinTokens(ts []token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := t.w
		if i == len(ts)-1 {
			w = stripPossessive(w)
		}
		b.WriteString(w)
	}
	return b.String()
}

// isCountry reports whether the words, in lower case, name a state.
func isCountry(ws []string) bool {
	return entity.IsStateWords(ws)
}

// classifyRun tells what a run of capitalised words names.
func classifyRun(ts []token) int {
	ws := lowerWords(ts)
	if len(ws) == 0 {
		return spNone
	}
	if isCountry(ws) {
		return spCountry
	}
	for i, w := range ws {
		if orgWords[w] {
			if titles, name, _ := splitName(ts); len(titles) > 0 && len(name) > 0 && name[0].s > ts[i].s {
				break // "Senate Majority Leader Mitch McConnell"
			}
			return spOrg
		}
	}
	if len(ts) == 1 {
		w := ts[0].w
		if entity.GroupPlural(ws[0]) && ts[0].isCap() {
			return spOrg // "Democrats said", "Palestinians said": read as a body is, resolved as a group (group.go)
		}
		if genericSubjects[ws[0]] || nonNames[ws[0]] {
			return spDesc
		}
		if isAllCaps(stripPossessive(w)) && len(w) >= 2 {
			return spOrg
		}
	}
	for _, w := range ws {
		for _, r := range w {
			if r >= '0' && r <= '9' {
				return spNone
			}
		}
	}
	return spPerson
}

// isAllCaps reports whether w is written in capitals ("NATO", "CNN").
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n >= 2
}

// isTitleWord reports whether w (lower case) is a title or description that
// comes before a name.
func isTitleWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return officialTitles[w] || officialTitles[w+"."] || analystTitles[w] || otherTitles[w] || honorifics[w] || honorifics[w+"."]
}

// splitName cuts a run of capitalised words into a person's titles and name
// ("Ukrainian President Volodymyr Zelensky") and an affiliation joined by
// "of" or "at" ("Marie Dumoulin of the European Council ...").
func splitName(run []token) (titles, name, affil []token) {
	for k, t := range run {
		if (t.w == "of" || t.w == "at") && k > 0 {
			left := run[:k]
			if c := classifyRun(left); c == spPerson && !isTitleWord(left[len(left)-1].lw) {
				a := k + 1
				for a < len(run) && run[a].w == "the" {
					a++
				}
				affil = run[a:]
				run = left
			}
			break
		}
	}
	last := -1
	for k, t := range run {
		if k < len(run)-1 && isTitleWord(t.lw) {
			last = k
		}
	}
	// capped, so that appending to titles never writes over the name
	titles, name = run[:last+1:last+1], run[last+1:]
	// a person's name holds no "of", "for" or "on": "Alain Dupuis on Monday"
	for k, t := range name {
		if k > 0 && (t.w == "of" || t.w == "for" || t.w == "on" || t.w == "the" || t.w == "and" || t.w == "&") {
			name = name[:k]
			break
		}
	}
	// "Conservative Mateo Cárdenas Ruiz": a party or a people before a
	// name of three words or more describes the person
	for len(name) > 2 && adjectives[name[0].lw] && name[1].isCap() {
		titles = append(titles[:len(titles):len(titles)], name[0])
		name = name[1:]
	}
	// "Ranking Democrat Dianne Feinstein", "Crooked Hillary Clinton": words
	// before a known first name describe the person
	for k := 1; k < len(name)-1; k++ {
		lw := name[k-1].lw
		if entity.GivenName(lw) != 0 || len(strings.TrimSuffix(lw, ".")) == 1 {
			break
		}
		if entity.GivenName(name[k].lw) != 0 {
			titles = append(titles[:len(titles):len(titles)], name[:k]...)
			name = name[k:]
			break
		}
	}
	return titles, name, affil
}

// gender guesses a person's gender from the first name: 'f', 'm' or 0.
// The first name may follow an initial or a nickname ("J. Edgar Hoover").
func gender(name string) byte {
	ws := strings.Fields(strings.ToLower(name))
	for i, w := range ws {
		if i > 1 || i > 0 && i == len(ws)-1 {
			break // the surname says nothing
		}
		if g := entity.GivenName(w); g != 0 {
			return g
		}
	}
	return 0
}

// titleCase writes an upper-case word as a name: "WALLACE" → "Wallace".
func titleCase(w string) string {
	r := []rune(strings.ToLower(w))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
