// Tables: the names of a table of results read by the table's kind.

package entity

import "strings"

// tableRows reads as people the organizations of a table of people: where
// the names that a number or a country in brackets follows on their line
// ("Loren Roberts 72 73 71 69", "Arnaud Boetsch ( France ) vs. …") are
// people's three times as often as organizations' (and three at least), an
// organization among them of two or three capitalized words, none of them
// a word of organizations or companies nor holding a digit ("Ferrari
// F40"), is a person whose given name the lexicon does not know.
func (x *extraction) tableRows() {
	toks := x.toks
	per, org := 0, 0
	for _, s := range x.spans {
		if !x.tableName(s) {
			continue
		}
		switch s.kind {
		case kPer:
			per++
		case kOrg:
			org++
		}
	}
	if per < 3 || per < 3*org {
		return
	}
	changed := false
	for k, s := range x.spans {
		if s.kind != kOrg || s.j-s.i < 2 || s.j-s.i > 3 || !x.tableName(s) {
			continue
		}
		person := true
		for t := s.i; t < s.j; t++ {
			w := toks[t]
			if !isCap(w.norm) || isAcronym(w.norm) || strings.ContainsAny(w.norm, "0123456789") ||
				companyWords[w.lower] || orgWords[w.lower] || companyHeads[w.lower] || companySuffixes[w.lower] {
				person = false
			}
		}
		if person {
			x.spans[k].kind = kPer
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}

// tableName reports whether the span s is a name of a table's row: a
// number follows it on its line, or a place in brackets.
func (x *extraction) tableName(s span) bool {
	toks := x.toks
	j := s.j
	if j >= len(toks) || toks[j].lineStart {
		return false
	}
	if isDigit(toks[j].norm[0]) {
		return true
	}
	return toks[j].norm == "(" && j+2 < len(toks) && toks[j+2].norm == ")" && x.owner[j+1] >= 0 && x.spans[x.owner[j+1]].kind == kLoc
}
