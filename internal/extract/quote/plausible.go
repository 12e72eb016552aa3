package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// A speaker is better unknown than wrong. The rules, the ranker and the
// entity tagger may all read a capitalised run that names nobody: a heading
// ("Selenis Leyva Got Real About Being Called"), a description cut short
// ("the Florida senator" read as "The Florida"), an adjective ("Democratic",
// "Muslim"), a state's abbreviation ("Calif.") or a common word at the start
// of a sentence ("Look", "Everyone", "Video"). plausible turns such names
// away, so that the quotation keeps no speaker rather than a false one.

// plausible reports whether name, of speaker kind k, may name who spoke.
func (d *doc) plausible(name string, k int) bool {
	if k == spCountry {
		return name != "" && !adjectives[strings.ToLower(name)]
	}
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(ws[0]); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false // "of Defense"
	}
	if len(ws) == 2 && ws[0] == "The" && adjectives[strings.ToLower(ws[1])] {
		return false // a description cut short: "The Republican" nominee
	}
	for i, w := range ws {
		lw := strings.ToLower(strings.TrimSuffix(stripPossessive(w), ","))
		if i > 0 && headingWords[lw] || len(ws) > 1 && i == 0 && headingWords[lw] && pronouns[lw] {
			return false
		}
		if contraction(lw) {
			return false // "I've"
		}
	}
	if k == spPerson && len(ws) > 1 && shoutedWord(ws[0]) && !shoutedWord(ws[len(ws)-1]) {
		return false // a heading run into the text: "SAVE A QUARTER Let's say"
	}
	if len(ws) > 1 {
		return true
	}
	w := ws[0]
	lw := strings.ToLower(stripPossessive(w))
	if isAbbrev(w) || adjectives[lw] || nonNames[lw] || indefinites[lw] {
		return false // "Calif.", "Democratic", "Everyone"
	}
	if d.knownPerson(lw) || isAllCaps(w) || genericSubjects[lw] {
		return true
	}
	return !d.writesLower(lw) || d.endsOrganization(w)
}

// endsOrganization reports whether an organization named in the article
// ends in the word w: "Times" stands for "The New York Times".
func (d *doc) endsOrganization(w string) bool {
	for _, o := range d.ents.Organizations {
		if strings.HasSuffix(o, " "+w) {
			return true
		}
	}
	return false
}

// tidy mends a name read with the words before it: an opening
// conjunction goes ("When Donald Trump" is "Donald Trump"), and a name that
// opens in lower case keeps its words from the first one that is a first
// name ("of State Hillary Clinton" is "Hillary Clinton"), or becomes "".
func (d *doc) tidy(name string) string {
	ws := strings.Fields(name)
	if len(ws) > 1 && openers[strings.ToLower(ws[0])] {
		ws = ws[1:]
		name = strings.Join(ws, " ")
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsLower(r) {
		return name
	}
	for i := 1; i < len(ws)-1; i++ {
		rest := strings.Join(ws[i:], " ")
		if first := strings.ToLower(ws[i]); entity.GivenName(first) != 0 {
			return rest
		}
		for _, r := range d.full[surname(rest)] {
			if r.name == rest {
				return rest
			}
		}
	}
	return ""
}

// isAbbrev reports whether w is a short abbreviation with one final dot, the
// way states are written after a lawmaker's name ("Calif.", "Mo.").
// shoutedWord reports whether w is a word of four capitals or more, the way
// headings are written, not an initial, a numeral or a short acronym.
func shoutedWord(w string) bool {
	if len(w) < 4 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// contraction reports whether lw is a pronoun and a clitic: "i've", "we're".
func contraction(lw string) bool {
	lw = strings.ReplaceAll(lw, "’", "'")
	p, c, ok := strings.Cut(lw, "'")
	return ok && pronouns[p] && (c == "ve" || c == "m" || c == "d" || c == "ll" || c == "re" || c == "s")
}

func isAbbrev(w string) bool {
	return strings.HasSuffix(w, ".") && strings.Count(w, ".") == 1 && len(w) <= 6
}

// writesLower reports whether the article writes the word lw in lower case
// outside quotations: then a capitalised lw is a common word at the start
// of a sentence ("Look", "Video"), not a name.
func (d *doc) writesLower(lw string) bool {
	if d.lowerWords == nil {
		d.lowerWords = map[string]bool{}
		for _, t := range d.toks {
			if t.kind == kWord && !t.inQ && !t.isCap() {
				d.lowerWords[stripPossessive(t.lw)] = true
			}
		}
	}
	return d.lowerWords[lw]
}
