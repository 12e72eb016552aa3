// Package measure scores extraction against labelled news data and
// cross-validates the learned parts of extraction. Its scorers follow the
// project's evaluation script (score.py, beside the development data) figure
// for figure: names match after folding case, accents and punctuation, when
// one's words are all in the other's (a person's part holding the surname),
// or when one is the other's initials; quotations match when half their
// words do; a labelled speaker span is read as the name inside it.
//
// Cross-validation splits a training set into k folds by article, trains
// the learned component (the entity tagger on CoNLL-2003, the speaker
// ranker on PolNeAR) on k-1 of them, extracts the held-out fold with it,
// and scores the held-out predictions of every fold together. The rules
// are the same in every fold, so a rule that helps only the articles it
// was written for shows no gain here.
package measure

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold folds a name the way the scorer compares names: accents, case,
// possessives and punctuation removed, hyphens as spaces, no leading "the".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if norm.NFD.PropertiesString(string(r)).CCC() > 0 {
			continue // a combining mark
		}
		if r == '’' {
			r = '\''
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	rs := []rune(b.String())
	var out []rune
	for i := 0; i < len(rs); i++ {
		// 's at a word's end
		if rs[i] == '\'' && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWord(rs[i+2])) {
			i++
			continue
		}
		switch {
		case rs[i] == '-':
			out = append(out, ' ')
		case isWord(rs[i]) || unicode.IsSpace(rs[i]):
			out = append(out, rs[i])
		}
	}
	words := strings.Fields(string(out))
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// isWord reports whether r is a word character as Python's \w reads it.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}

var stop = set("of the for and on in at de la le du des &")

var generic = set("bank party united city national international group council ministry university institute " +
	"institution association company co corp inc ltd plc club team government republic union new north south east " +
	"west central federal state states world american european general foundation agency office department court " +
	"house board commission committee fund army police")

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(Fold(name)) {
		if !stop[w] {
			r := []rune(w)
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// Kinds of name for NamesMatch.
const (
	KindPerson = "person"
	KindOrg    = "org"
)

// NamesMatch reports whether two names denote the same entity: equal after
// folding; or the shorter's words all in the longer's (for a person the
// surname among them, for another kind a word that is not generic); or one
// is the other's initials.
func NamesMatch(a, b, kind string) bool {
	fa, fb := Fold(a), Fold(b)
	if fa == "" || fb == "" {
		return false
	}
	if fa == fb {
		return true
	}
	la, lb := strings.Fields(fa), strings.Fields(fb)
	short, long := la, lb
	if len(la) > len(lb) {
		short, long = lb, la
	}
	in := map[string]bool{}
	for _, w := range long {
		in[w] = true
	}
	all := true
	for _, w := range short {
		all = all && in[w]
	}
	if all {
		if kind == KindPerson {
			for _, w := range short {
				if w == long[len(long)-1] {
					return true
				}
			}
			return false
		}
		for _, w := range short {
			if !generic[w] && !stop[w] {
				return true
			}
		}
		return false
	}
	ca, cb := strings.ReplaceAll(fa, " ", ""), strings.ReplaceAll(fb, " ", "")
	if len([]rune(ca)) >= 2 && !strings.Contains(fa, " ") && ca == initials(b) {
		return true
	}
	if len([]rune(cb)) >= 2 && !strings.Contains(fb, " ") && cb == initials(a) {
		return true
	}
	return false
}

// dedupe collapses names that match one another into one entity, longest
// first.
func dedupe(names []string, kind string) []string {
	seen := map[string]bool{}
	var ns []string
	for _, n := range names {
		if Fold(n) != "" && !seen[n] {
			seen[n] = true
			ns = append(ns, n)
		}
	}
	sort.SliceStable(ns, func(i, j int) bool {
		li, lj := len([]rune(Fold(ns[i]))), len([]rune(Fold(ns[j])))
		if li != lj {
			return li > lj
		}
		return ns[i] < ns[j]
	})
	var out []string
	for _, n := range ns {
		dup := false
		for _, o := range out {
			if NamesMatch(n, o, kind) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// PRF counts matches for precision and recall: gold items found, gold
// items, predicted items right, predicted items.
type PRF struct{ Found, Gold, Right, Predicted int }

// Add adds counts.
func (p *PRF) Add(q PRF) {
	p.Found += q.Found
	p.Gold += q.Gold
	p.Right += q.Right
	p.Predicted += q.Predicted
}

// P, R and F1 are the figures.
func (p PRF) P() float64 { return ratio(p.Right, p.Predicted) }
func (p PRF) R() float64 { return ratio(p.Found, p.Gold) }
func (p PRF) F1() float64 {
	pr, r := p.P(), p.R()
	if pr+r == 0 {
		return 0
	}
	return 2 * pr * r / (pr + r)
}

func (p PRF) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (gold %d, predicted %d)", p.P(), p.R(), p.F1(), p.Gold, p.Predicted)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// setPRF matches two sets of names of one article.
func setPRF(gold, pred []string, kind string) PRF { return unseenPRF(gold, pred, kind, nil) }

// unseenPRF is setPRF counting only the names, gold or predicted, whose
// fold seen does not hold: recall over the unseen gold names, precision
// over the unseen predicted ones. Each entity is judged by the name dedupe
// keeps for it, its longest; every name still matches against all the
// other side's.
func unseenPRF(gold, pred []string, kind string, seen map[string]bool) PRF {
	gold, pred = dedupe(gold, kind), dedupe(pred, kind)
	var r PRF
	for _, g := range gold {
		if seen[Fold(g)] {
			continue
		}
		r.Gold++
		if matchesAny(g, pred, kind) {
			r.Found++
		}
	}
	for _, p := range pred {
		if seen[Fold(p)] {
			continue
		}
		r.Predicted++
		if matchesAny(p, gold, kind) {
			r.Right++
		}
	}
	return r
}

// matchesAny reports whether n matches one of names as a name of kind.
func matchesAny(n string, names []string, kind string) bool {
	for _, m := range names {
		if NamesMatch(n, m, kind) {
			return true
		}
	}
	return false
}
